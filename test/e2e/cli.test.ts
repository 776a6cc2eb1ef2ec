/**
 * End to end: the built bin/elbctl spawned as a user would, against moto behind a recording
 * proxy. Checks the process contract: exit codes, pure JSON on stdout, no AWS write on invalid
 * input, secrets never printed.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, type Network } from '../support/network';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { assertBuilt, cleanEnv, runCli, startCli } from '../support/cli-process';

jest.setTimeout(60_000);

let moto: Moto;
let proxy: RecordingProxy;
let net: Network;

beforeAll(async () => {
  assertBuilt();
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
  proxy.clear();
});

const env = (extra: Record<string, string | undefined> = {}) =>
  cleanEnv({ AWS_ENDPOINT_URL: proxy.endpoint, ...extra });

describe('elbctl process contract', () => {
  it('GIVEN --help WHEN run THEN lists every command group with a description and exits 0', async () => {
    const r = await runCli(['--help'], env());
    expect(r.code).toBe(0);
    for (const group of ['lb', 'tg', 'targets', 'listener', 'rule'])
      expect(r.stdout).toMatch(new RegExp(`\\n  ${group}\\s+\\S`));
    expect(proxy.calls).toHaveLength(0);
  });

  it('GIVEN --version WHEN run THEN prints the package version', async () => {
    const r = await runCli(['--version'], env());
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((require('../../package.json') as { version: string }).version);
  });

  it('GIVEN stdout is not a terminal WHEN a load balancer is created and listed THEN stdout is pure JSON and exit is 0', async () => {
    const created = await runCli(
      [
        'lb',
        'create',
        'web',
        '--type',
        'application',
        '--subnets',
        net.subnets.join(','),
        '--security-groups',
        net.securityGroupId,
      ],
      env(),
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'web',
      type: 'application',
      state: 'active',
      vpcId: net.vpcId,
    });
    expect(created.stderr).toContain('load balancer "web" is active');

    const listed = await runCli(['lb', 'list'], env());
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<{ name: string; availabilityZones: string[] }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.availabilityZones).toEqual(net.zones);
    expect(listed.stderr).toBe('');
  });

  it('GIVEN -o yaml WHEN listing THEN prints YAML', async () => {
    await runCli(['lb', 'create', 'web', '--type', 'network', '--subnets', net.subnets[0]], env());
    const r = await runCli(['lb', 'list', '-o', 'yaml'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^- name: web\n {2}arn: arn:aws:elasticloadbalancing:/);
  });

  it('GIVEN an invalid name WHEN creating THEN exits 64 naming the value and the fix, with zero AWS calls', async () => {
    const r = await runCli(
      ['lb', 'create', 'web_prod', '--type', 'application', '--subnets', net.subnets.join(',')],
      env(),
    );
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: load balancer name "web_prod": underscores are not allowed; use letters, digits and hyphens\n',
    );
    expect(proxy.calls).toHaveLength(0);
  });

  it('GIVEN two subnets in one zone WHEN creating an ALB THEN exits 64 after reading subnets, with no AWS write', async () => {
    const r = await runCli(
      ['lb', 'create', 'web', '--type', 'application', '--subnets', `${net.subnets[0]},${net.subnets[0]}`],
      env(),
    );
    expect(r.code).toBe(64);
    expect(proxy.writes()).toEqual([]);
  });

  it("GIVEN an unknown flag WHEN run THEN exits 64 with commander's message", async () => {
    const r = await runCli(['lb', 'list', '--bogus'], env());
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('GIVEN an existing name with other settings WHEN creating THEN exits 1', async () => {
    expect((await runCli(['lb', 'create', 'web', '--type', 'network', '--subnets', net.subnets[0]], env())).code).toBe(
      0,
    );
    const r = await runCli(['lb', 'create', 'web', '--type', 'network', '--subnets', net.subnets[1]], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: load balancer "web": already exists with other settings');
    expect(proxy.writes().map((c) => c.operation)).toEqual(['CreateLoadBalancer']);
  });

  it('GIVEN no credentials anywhere WHEN a command needs AWS THEN exits 77 with a hint', async () => {
    const r = await runCli(['lb', 'list'], env({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }));
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('no AWS credentials could be loaded');
    expect(r.stderr).toContain('hint: set AWS_PROFILE or pass --profile');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('GIVEN no region anywhere WHEN a command needs AWS THEN exits 64 saying how to set one', async () => {
    const r = await runCli(['lb', 'list'], env({ AWS_REGION: undefined }));
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('no AWS region: pass --region or set AWS_REGION');
  });

  it('GIVEN secrets in the environment WHEN run with --debug THEN every call is logged and no secret is ever printed', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
    const token = 'FwoGZXIvYXdzEJr//////////SESSIONTOKEN';
    const e = env({ AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token });
    const created = await runCli(
      ['lb', 'create', 'web', '--type', 'application', '--subnets', net.subnets.join(','), '--debug'],
      e,
    );
    const listed = await runCli(['--debug', 'lb', 'list'], e);
    const failed = await runCli(
      [
        'lb',
        'create',
        'web',
        '--type',
        'application',
        '--subnets',
        `${net.subnets[1]},${net.subnets[0]}`,
        '--scheme',
        'internal',
        '--debug',
      ],
      e,
    );
    for (const r of [created, listed, failed]) {
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain(token);
    }
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/\[debug\] aws elbv2 CreateLoadBalancer \d+ms attempts=1 ok/);
    expect(created.stderr).toMatch(/\[debug\] aws ec2 DescribeSubnets \d+ms attempts=1 ok/);
    expect(listed.stderr).toMatch(/\[debug\] aws elbv2 DescribeLoadBalancers \d+ms attempts=1 ok/);
    // with --debug an error shows its code and stack
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('code: E_LB_EXISTS');
  });

  it('GIVEN a command waiting on AWS WHEN Ctrl-C (SIGINT) arrives THEN exits 130 saying it was cancelled', async () => {
    // An endpoint that accepts connections and never answers keeps elbctl waiting.
    const sockets: Socket[] = [];
    const blackhole: Server = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', () => r()));
    const port = (blackhole.address() as { port: number }).port;
    try {
      const run = startCli(['lb', 'list'], cleanEnv({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` }));
      const deadline = Date.now() + 20_000;
      while (sockets.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(sockets.length).toBeGreaterThan(0);
      run.child.kill('SIGINT');
      const r = await run.done;
      expect(r.code).toBe(130);
      expect(r.stderr).toContain('cancelled');
      expect(r.stdout).toBe('');
    } finally {
      for (const s of sockets) s.destroy();
      blackhole.close();
    }
  });
});
