/**
 * `elbctl __complete KIND [WORD]`, the names shell completion reads from the account: against
 * moto behind a call-counting proxy, with the one-minute cache and the one-second budget. The
 * hanging-endpoint cases bound the wait at 3 s: not a timing benchmark, but the difference
 * between giving up (about a second) and waiting for the SDK's own request timeout (30 s).
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NameCache } from '../../src/commands/complete/name-cache';
import type { Clock } from '../../src/commands/context';
import { elbctl } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, type Network } from '../support/network';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';

jest.setTimeout(60_000);

let moto: Moto;
let proxy: RecordingProxy;
let net: Network;
let cache: string;

/** A clock the test moves: the cache's minute passes when the test says so. */
let now = new Date('2026-01-01T00:00:00Z');
const clock: Clock = { now: () => now, sleep: async () => undefined };

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startRecordingProxy(moto.endpoint);
});

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
  net = await seedNetwork(moto.endpoint);
  cache = mkdtempSync(join(tmpdir(), 'elbctl-cache-'));
  now = new Date('2026-01-01T00:00:00Z');
  proxy.clear();
});

const complete = (args: string[], endpoint = proxy.endpoint) =>
  elbctl(['--endpoint-url', endpoint, '__complete', ...args], { env: { XDG_CACHE_HOME: cache }, clock });

async function seed(): Promise<void> {
  for (const name of ['web', 'shop']) {
    const r = await elbctl([
      '--endpoint-url',
      moto.endpoint,
      'lb',
      'create',
      name,
      '--type',
      'application',
      '--subnets',
      net.subnets.join(','),
      '--no-wait',
    ]);
    expect(r.code).toBe(0);
  }
  const tg = await elbctl([
    '--endpoint-url',
    moto.endpoint,
    'tg',
    'create',
    'api',
    '--protocol',
    'HTTP',
    '--port',
    '8080',
    '--vpc',
    net.vpcId,
  ]);
  expect(tg.code).toBe(0);
  for (const port of ['80', '8080']) {
    const l = await elbctl([
      '--endpoint-url',
      moto.endpoint,
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTP',
      '--port',
      port,
      '--forward',
      'api',
    ]);
    expect(l.code).toBe(0);
  }
  proxy.clear();
}

describe('elbctl __complete against the emulator', () => {
  it('GIVEN load balancers WHEN completed THEN prints their names one per line, sorted', async () => {
    await seed();

    const r = await complete(['load-balancer']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe('shop\nweb\n');
    expect(r.stderr).toBe('');
    expect(proxy.calls).toEqual([{ service: 'elasticloadbalancing', operation: 'DescribeLoadBalancers' }]);
  });

  it('GIVEN a completion a moment ago WHEN completed again within the minute THEN answers from the cache with no AWS call', async () => {
    await seed();
    await complete(['load-balancer']);
    proxy.clear();
    now = new Date(now.getTime() + 59_000);

    const again = await complete(['load-balancer']);

    expect(again.stdout).toBe('shop\nweb\n');
    expect(proxy.calls).toHaveLength(0);
    const files = readdirSync(join(cache, 'elbctl'));
    expect(files).toHaveLength(1);
    expect(statSync(join(cache, 'elbctl', files[0] as string)).mode & 0o777).toBe(0o600);
    expect(statSync(join(cache, 'elbctl')).mode & 0o777).toBe(0o700);
  });

  it('GIVEN a cache a minute old WHEN completed THEN reads the account again and sees what changed', async () => {
    await seed();
    await complete(['target-group']);
    const created = await elbctl([
      '--endpoint-url',
      moto.endpoint,
      'tg',
      'create',
      'admin',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--vpc',
      net.vpcId,
    ]);
    expect(created.code).toBe(0);
    proxy.clear();
    now = new Date(now.getTime() + 60_000);

    const r = await complete(['target-group']);

    expect(r.stdout).toBe('admin\napi\n');
    expect(proxy.calls).toEqual([{ service: 'elasticloadbalancing', operation: 'DescribeTargetGroups' }]);
  });

  it('GIVEN another endpoint (another account view) WHEN completed THEN it has its own cache entry', async () => {
    await seed();
    await complete(['load-balancer']);
    proxy.clear();

    // The same emulator under another name: a different key, so no cached answer.
    const r = await complete(['load-balancer'], proxy.endpoint.replace('127.0.0.1', 'localhost'));

    expect(r.stdout).toBe('shop\nweb\n');
    expect(proxy.calls).toHaveLength(1);
  });

  it('GIVEN target groups WHEN completed THEN prints their names', async () => {
    await seed();

    const r = await complete(['target-group']);

    expect(r.stdout).toBe('api\n');
  });

  it('GIVEN a listener word without a colon WHEN completed THEN offers each load balancer followed by ":"', async () => {
    await seed();

    const r = await complete(['listener', 'w']);

    expect(r.stdout).toBe('shop:\nweb:\n');
    expect(proxy.calls).toEqual([{ service: 'elasticloadbalancing', operation: 'DescribeLoadBalancers' }]);
  });

  it("GIVEN LB: WHEN completed THEN offers that load balancer's listeners as LB:PORT", async () => {
    await seed();

    const r = await complete(['listener', 'web:']);

    expect(r.stdout).toBe('web:80\nweb:8080\n');
    expect(proxy.calls.map((c) => c.operation)).toEqual(['DescribeLoadBalancers', 'DescribeListeners']);
  });

  it('GIVEN -o json (or any format) WHEN completed THEN still plain lines: the scripts read words', async () => {
    await seed();

    const r = await elbctl(['--endpoint-url', proxy.endpoint, '-o', 'json', '__complete', 'load-balancer'], {
      env: { XDG_CACHE_HOME: cache },
      clock,
    });

    expect(r.stdout).toBe('shop\nweb\n');
  });

  it('GIVEN an unknown kind WHEN completed THEN prints nothing and exits 0', async () => {
    const r = await complete(['vpc']);

    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(proxy.calls).toHaveLength(0);
  });
});

describe('elbctl __complete when AWS does not answer', () => {
  let hole: Server;
  let holeEndpoint: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers: a network that hangs.
    hole = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const address = hole.address();
    holeEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => hole.close(resolve));
  });

  it('GIVEN no cache WHEN the endpoint hangs THEN gives up within about a second and prints nothing', async () => {
    const started = Date.now();

    const r = await complete(['load-balancer'], holeEndpoint);

    expect(Date.now() - started).toBeLessThan(3000);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('GIVEN names cached an hour ago WHEN the endpoint hangs THEN gives up in time and offers the cached names', async () => {
    // What an earlier completion against this endpoint wrote, under the same key (region, endpoint).
    new NameCache(join(cache, 'elbctl'), { region: 'us-east-1', endpoint: holeEndpoint }).put(
      'load-balancer',
      ['shop', 'web'],
      now.getTime() - 3_600_000,
    );
    const started = Date.now();

    const r = await complete(['load-balancer'], holeEndpoint);

    expect(Date.now() - started).toBeLessThan(3000);
    expect(r).toMatchObject({ code: 0, stdout: 'shop\nweb\n', stderr: '' });
  });
});
