/**
 * Pacing against a referee that throttles like AWS (issue 16): the built `bin/elbctl` applies a
 * stack of 160 rules on two ALBs and 20 target groups to moto through the token-bucket proxy
 * (test/support/bucket-proxy.ts). The buckets are small and refill fast so a run takes seconds;
 * the proportions are AWS's (a burst, then a steady refill per class).
 *
 * - configured alike (ELBCTL_API_RATES = the proxy's buckets): at most 1% of calls throttled;
 * - the proxy's mutating buckets at half of what elbctl assumes (another tool sharing the
 *   account): it still converges, with at most 10% of calls throttled.
 *
 * Both end exactly as declared, read back from moto, and the planner then sees nothing to do.
 * The `pacing` summary of the JSON result must agree with what the proxy counted.
 * ELBCTL_RELIABILITY_REPORT=DIR writes the figures of docs/reliability.md to DIR/pacing.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBucketProxy, type BucketProxy, type ProxyBucket } from '../support/bucket-proxy';
import { assertBuilt, cleanEnv, runCli, startCli, type ProcessResult } from '../support/cli-process';
import { startMoto, type Moto } from '../support/moto';
import { PACING_SCALE, SCALE_INSTANCES, scaleSpec, scaleStackText, scaleStateProblems } from '../support/scale-stack';
import { seedStackNetwork } from '../support/stack-fixtures';

jest.setTimeout(180_000);

/** What elbctl is told (ELBCTL_API_RATES) — and, in the first scenario, what the proxy enforces. */
const ASSUMED: Record<string, ProxyBucket> = {
  'elbv2.read': { capacity: 10, refillPerSecond: 40 },
  'elbv2.write': { capacity: 10, refillPerSecond: 40 },
  'elbv2.modify': { capacity: 6, refillPerSecond: 20 },
  'elbv2.register': { capacity: 6, refillPerSecond: 20 },
};
const HALF_MUTATING: Record<string, ProxyBucket> = {
  ...ASSUMED,
  'elbv2.write': { capacity: 5, refillPerSecond: 20 },
  'elbv2.modify': { capacity: 3, refillPerSecond: 10 },
  'elbv2.register': { capacity: 3, refillPerSecond: 10 },
};
const RATES = Object.entries(ASSUMED)
  .map(([name, b]) => `${name}=${b.capacity}:${b.refillPerSecond}`)
  .join(',');

const dir = mkdtempSync(join(tmpdir(), 'elbctl-pacing-'));
let moto: Moto;
let proxy: BucketProxy | undefined;
beforeAll(async () => {
  assertBuilt();
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
  const out = process.env.ELBCTL_RELIABILITY_REPORT;
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'pacing.json'), `${JSON.stringify(report, null, 2)}\n`);
  }
});

/** The figures of each scenario, for docs/reliability.md. */
const report: Array<{ scenario: string; calls: number; throttles: number; byBucket: Record<string, unknown> }> = [];
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function apply(file: string, env: Record<string, string>, extra: string[] = []): Promise<ProcessResult> {
  const run = startCli(['apply', '-f', file, '-y', '-o', 'json', ...extra], env);
  run.child.stdin.end();
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 150_000);
  try {
    return await run.done;
  } finally {
    clearTimeout(timer);
  }
}

async function scenario(label: string, region: string, buckets: Record<string, ProxyBucket>, extra: string[] = []) {
  await moto.reset();
  const net = await seedStackNetwork(moto.endpoint, region, SCALE_INSTANCES);
  const spec = scaleSpec(net, { stack: 'pace', prefix: 'pace', shape: PACING_SCALE });
  const file = join(dir, `${region}.yaml`);
  writeFileSync(file, scaleStackText(spec, net));
  proxy = await startBucketProxy(moto.endpoint, { buckets });
  const result = await apply(
    file,
    cleanEnv({ AWS_REGION: region, AWS_ENDPOINT_URL: proxy.endpoint, ELBCTL_API_RATES: RATES }),
    extra,
  );
  const totals = proxy.totals();
  const byBucket = proxy.byBucket();
  report.push({ scenario: label, ...totals, byBucket });
  const live = await scaleStateProblems(moto.endpoint, spec);
  const replan = await runCli(
    ['plan', '-f', file, '--detailed-exitcode', '-o', 'json'],
    cleanEnv({ AWS_REGION: region, AWS_ENDPOINT_URL: moto.endpoint }),
  );
  return {
    result,
    totals,
    byBucket,
    live,
    replan,
    file,
    region,
    env: cleanEnv({ AWS_REGION: region, AWS_ENDPOINT_URL: (proxy as BucketProxy).endpoint, ELBCTL_API_RATES: RATES }),
  };
}

const declared = { loadBalancers: 2, listeners: 4, targetGroups: 20, rules: 160, registrations: 80 };

describe('pacing an apply of 160 rules on 2 ALBs and 20 target groups through buckets that throttle like AWS', () => {
  it('GIVEN the proxy and ELBCTL_API_RATES configured alike WHEN applied THEN at most 1% of calls are throttled, the JSON pacing summary matches the proxy, and it ends exactly as declared', async () => {
    const r = await scenario('alike', 'us-east-2', ASSUMED);
    expect({ code: r.result.code, stderr: r.result.code === 0 ? '' : r.result.stderr.slice(-3000) }).toEqual({
      code: 0,
      stderr: '',
    });
    const out = JSON.parse(r.result.stdout) as {
      failed: unknown[];
      pacing: { calls: number; throttles: number; waitedMs: number };
    };
    expect(out.failed).toEqual([]);
    expect({ calls: out.pacing.calls, throttles: out.pacing.throttles }).toEqual(r.totals);
    expect(out.pacing.waitedMs).toBeGreaterThan(0);
    expect(r.totals.calls).toBeGreaterThanOrEqual(228);
    expect(r.totals.throttles / r.totals.calls).toBeLessThanOrEqual(0.01);
    expect(r.live.problems).toEqual([]);
    expect(r.live.counts).toEqual(declared);
    expect({ code: r.replan.code, changes: JSON.parse(r.replan.stdout).changes }).toEqual({ code: 0, changes: [] });
  });

  it('GIVEN the applied stack WHEN exported to a file and then destroyed through the proxy THEN each JSON result carries a pacing summary equal to what the proxy counted', async () => {
    const r = await scenario('alike (then export and destroy)', 'eu-west-1', ASSUMED);
    expect(r.result.code).toBe(0);
    const p = proxy as BucketProxy;

    p.reset();
    const exported = await runCli(
      ['export', 'pace-alb-1', 'pace-alb-2', '--stack', 'pace', '-f', join(dir, 'exported.yaml'), '-o', 'json'],
      r.env,
    );
    expect(exported.code).toBe(0);
    const ex = JSON.parse(exported.stdout) as { pacing: { calls: number; throttles: number; waitedMs: number } };
    expect(ex).toMatchObject({ loadBalancers: 2, targetGroups: 20, rules: 160 });
    expect({ calls: ex.pacing.calls, throttles: ex.pacing.throttles }).toEqual(p.totals());
    expect(ex.pacing.calls).toBeGreaterThan(0);

    p.reset();
    const destroyed = await runCli(['destroy', '-f', r.file, '-y', '-o', 'json'], r.env);
    expect({ code: destroyed.code, stderr: destroyed.code === 0 ? '' : destroyed.stderr.slice(-2000) }).toEqual({
      code: 0,
      stderr: '',
    });
    const de = JSON.parse(destroyed.stdout) as {
      failed: unknown[];
      leftNotOwned: unknown[];
      pacing: { calls: number; throttles: number };
    };
    expect(de).toMatchObject({ failed: [], leftNotOwned: [] });
    expect({ calls: de.pacing.calls, throttles: de.pacing.throttles }).toEqual(p.totals());
    expect(p.byOperation()).toMatchObject({
      DeleteLoadBalancer: { calls: 2, throttles: 0 },
      DeleteTargetGroup: { calls: 20, throttles: 0 },
    });
  });

  it("GIVEN the proxy's mutating buckets at half of what elbctl assumes WHEN applied with --debug THEN it converges with at most 10% of calls throttled, ends exactly as declared, and --debug shows each bucket's calls, waits and throttles", async () => {
    const r = await scenario('mutating at half', 'us-west-2', HALF_MUTATING, ['--debug']);
    expect({ code: r.result.code, stderr: r.result.code === 0 ? '' : r.result.stderr.slice(-3000) }).toEqual({
      code: 0,
      stderr: '',
    });
    const out = JSON.parse(r.result.stdout) as { failed: unknown[]; pacing: { calls: number; throttles: number } };
    expect(out.failed).toEqual([]);
    expect({ calls: out.pacing.calls, throttles: out.pacing.throttles }).toEqual(r.totals);
    expect(r.totals.throttles).toBeGreaterThan(0);
    expect(r.totals.throttles / r.totals.calls).toBeLessThanOrEqual(0.1);
    // --debug: one line per throttle as it happens, and one per bucket when the command ends.
    const lines = r.result.stderr.split('\n');
    expect(lines.filter((l) => / throttled; rate /.test(l))).toHaveLength(r.totals.throttles);
    const elbLines = lines.filter((l) => /^\[debug\] pacing elbv2\.\S+ us-west-2 /.test(l));
    const elbBuckets = Object.entries(r.byBucket).filter(([name]) => name.startsWith('elbv2.'));
    expect(elbLines).toHaveLength(elbBuckets.length);
    for (const [name, n] of elbBuckets) {
      const b = ASSUMED[name] as ProxyBucket;
      const throttles = `${n.throttles} throttle${n.throttles === 1 ? '' : 's'}`;
      expect(elbLines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^\\[debug\\] pacing ${name.replace('.', '\\.')} us-west-2 account endpoint 127\\.0\\.0\\.1:\\d+: ${n.calls} calls, \\d+ waited \\d+\\.\\d s, ${throttles}, rate [\\d.]+/s of ${b.refillPerSecond}/s \\(capacity ${b.capacity}\\)$`,
          ),
        ),
      );
    }
    // The EC2 reads that check the stack's references (the proxy leaves them unlimited): one
    // bucket per action, as EC2 throttles, and together as many calls as the proxy saw.
    const ec2Calls = lines
      .map((l) => /^\[debug\] pacing ec2\.read (Describe\w+) us-west-2 [^:]+:\d+: (\d+) calls?, /.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(ec2Calls.length).toBeGreaterThan(0);
    expect(ec2Calls.reduce((n, m) => n + Number(m[2]), 0)).toBe(r.byBucket.unlimited?.calls);
    expect(r.live.problems).toEqual([]);
    expect(r.live.counts).toEqual(declared);
    expect({ code: r.replan.code, changes: JSON.parse(r.replan.stdout).changes }).toEqual({ code: 0, changes: [] });
  });
});
