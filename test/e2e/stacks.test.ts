/**
 * Stack commands as a CI pipeline runs them: the built bin/elbctl, no terminal, exit codes as
 * the contract says.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, cleanEnv, runCli } from '../support/cli-process';
import { startMoto, type Moto } from '../support/moto';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { example, localize, regionOf, seedStackNetwork } from '../support/stack-fixtures';

jest.setTimeout(90_000);

let moto: Moto;
let proxy: RecordingProxy;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-e2e-stacks-'));

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
  proxy.clear();
});

const env = (extra: Record<string, string | undefined> = {}) =>
  cleanEnv({ AWS_ENDPOINT_URL: proxy.endpoint, ...extra });

async function stackFile(name: string): Promise<string> {
  const raw = example(name);
  const net = await seedStackNetwork(moto.endpoint, regionOf(raw));
  const file = join(dir, name);
  writeFileSync(file, localize(raw, net));
  proxy.clear();
  return file;
}

describe('stacks in a pipeline', () => {
  it('GIVEN no credentials at all WHEN plan --offline runs THEN it plans every create and exits 2 with --detailed-exitcode', async () => {
    const r = await runCli(
      ['plan', '-f', 'examples/alb-path-routing.yaml', '--offline', '--detailed-exitcode'],
      env({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_REGION: undefined }),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const plan = JSON.parse(r.stdout) as { changes: Array<{ action: string }> };
    expect(plan.changes.length).toBeGreaterThan(0);
    expect(proxy.calls).toEqual([]);
  });

  it('GIVEN an invalid stack WHEN validated THEN exit 64 with file:line:column and no AWS call', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'version: 1\nstack: shop\nloadBalancers:\n  - name: web\n    type: application\n    subnets: [subnet-0123456789abcdef0]\n',
    );
    const r = await runCli(['validate', '-f', file], env());
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `error: ${file}:6:14: load balancer "web": an application load balancer needs subnets in at least two availability zones`,
    );
    expect(proxy.calls).toEqual([]);
  });

  it('GIVEN no terminal and no -y WHEN apply or destroy would change something THEN exit 64 and no AWS write', async () => {
    const file = await stackFile('blue-green.yaml');
    const apply = await runCli(['apply', '-f', file], env());
    expect(apply.code).toBe(64);
    expect(apply.stderr).toContain('pass -y to approve');
    expect(proxy.writes()).toEqual([]);

    expect((await runCli(['apply', '-f', file, '-y'], env())).code).toBe(0);
    proxy.clear();
    const destroy = await runCli(['destroy', '-f', file], env());
    expect(destroy.code).toBe(64);
    expect(proxy.writes()).toEqual([]);
  });

  it('GIVEN a stack WHEN planned before and after apply THEN --detailed-exitcode is 2, then 0, and the second apply writes nothing', async () => {
    const file = await stackFile('nlb-tcp-tls.yaml');
    expect((await runCli(['plan', '-f', file, '--detailed-exitcode'], env())).code).toBe(2);
    expect((await runCli(['apply', '-f', file, '-y'], env())).code).toBe(0);
    const plan = await runCli(['plan', '-f', file, '--detailed-exitcode', '-o', 'table'], env());
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('no changes: the live state matches the stack');
    proxy.clear();
    const again = await runCli(['apply', '-f', file, '-y'], env());
    expect(again.code).toBe(0);
    expect(proxy.writes()).toEqual([]);
  });
});
