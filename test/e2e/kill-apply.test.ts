/**
 * SIGKILL in the middle of an apply, then apply again (issue items 8 and 11). The BUILT
 * `bin/elbctl` applies the scale stack through a loopback proxy that lets the Nth mutating
 * request reach moto, takes moto's answer, kills elbctl with SIGKILL and drops the answer: AWS
 * did the write, the client never learnt of it — the worst moment to die. A second apply must
 * then converge to exactly the declared state, and across both runs every create must have been
 * carried out exactly once: no twin load balancer, listener, rule, target group or registration.
 *
 * Each kill point runs in its own region of one moto, all at once.
 * ELBCTL_RELIABILITY_REPORT=DIR writes the figures of docs/reliability.md to DIR/kill.json; that
 * run paces to AWS's own buckets (20 creates at once, then 3 a second: about 20 s an apply), as
 * the figures say. Otherwise (npm test, every Node line of CI) pacing stays on with the ELB
 * buckets raised through ELBCTL_API_RATES, as an account with raised limits would: the calls
 * still go through the limiter, only the waiting is gone, and what is proved (every create once,
 * convergence from each kill point) does not depend on how long the buckets make calls wait.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, cleanEnv, runCli, startCli, type ProcessResult } from '../support/cli-process';
import { startFaultProxy } from '../support/fault-proxy';
import { startMoto, type Moto } from '../support/moto';
import {
  createBystanders,
  scaleSpec,
  scaleStackText,
  scaleStateProblems,
  SCALE,
  SCALE_INSTANCES,
  snapshotBystanders,
} from '../support/scale-stack';
import { seedStackNetwork } from '../support/stack-fixtures';

const TIMEOUT_MS = 120_000;
const RAISED_BUCKETS = process.env.ELBCTL_RELIABILITY_REPORT
  ? {}
  : { ELBCTL_API_RATES: 'elbv2.write=200:100,elbv2.modify=200:100,elbv2.register=200:100' };
const dir = mkdtempSync(join(tmpdir(), 'elbctl-kill-'));

/** Mutating calls of one clean apply of the scale stack (94 changes, one call each). */
const WRITES_IN_A_CLEAN_APPLY = 94;
/** Kill after the Nth write reached moto: the first, early, middle, late, and the very last. */
const KILL_POINTS = [1, 5, 22, 47, 80, WRITES_IN_A_CLEAN_APPLY];
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1'];

/** What each create must have done on moto across both applies: once per declared resource. */
const CREATES_EXPECTED = {
  CreateLoadBalancer: SCALE.loadBalancers,
  CreateListener: SCALE.listeners,
  CreateRule: SCALE.rules,
  CreateTargetGroup: SCALE.targetGroups,
};

interface KillResult {
  killAfterWrite: number;
  region: string;
  /** Writes moto carried out before the second apply (the Nth and any already in flight). */
  writesBeforeRestart: number;
  secondApplyWrites: number;
  secondApplyMs: number;
  /** Successful creates moto carried out over both applies, by operation. */
  creates: Record<string, number>;
  live: Awaited<ReturnType<typeof scaleStateProblems>>['counts'];
}

let motoStarted: Promise<Moto> | undefined;
const moto = () => (motoStarted ??= startMoto());
const runs = new Map<number, Promise<KillResult | Error>>();
const results: KillResult[] = [];

beforeAll(() => {
  assertBuilt();
  KILL_POINTS.forEach((n, i) => {
    runs.set(
      n,
      killAndResume(n, REGIONS[i] as string).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
    );
  });
});

afterAll(async () => {
  await Promise.allSettled(runs.values());
  if (motoStarted) await (await motoStarted).stop();
  const out = process.env.ELBCTL_RELIABILITY_REPORT;
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'kill.json'),
      `${JSON.stringify(
        results.sort((a, b) => a.killAfterWrite - b.killAfterWrite),
        null,
        2,
      )}\n`,
    );
  }
});

const tail = (r: ProcessResult) =>
  `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n${r.stderr.split('\n').slice(-20).join('\n')}`;

async function killAndResume(n: number, region: string): Promise<KillResult> {
  const m = await moto();
  const net = await seedStackNetwork(m.endpoint, region, SCALE_INSTANCES);
  const bystanders = await createBystanders(m.endpoint, net);
  const before = await snapshotBystanders(m.endpoint, region, bystanders);
  const spec = scaleSpec(net, { stack: `kill-${n}` });
  const file = join(dir, `kill-${n}.yaml`);
  writeFileSync(file, scaleStackText(spec, net));

  const proxy = await startFaultProxy(m.endpoint);
  try {
    const env = cleanEnv({ AWS_ENDPOINT_URL: proxy.endpoint, ...RAISED_BUCKETS });
    const run = startCli(['apply', '-f', file, '-y', '-o', 'json'], env);
    run.child.stdin.end();
    let writes = 0;
    proxy.setAfterUpstream((call) => {
      if (!call.mutating || ++writes !== n) return 'answer';
      run.child.kill('SIGKILL');
      return 'drop';
    });
    const guard = setTimeout(() => run.child.kill('SIGKILL'), TIMEOUT_MS / 2);
    const killed = await run.done.finally(() => clearTimeout(guard));
    proxy.setAfterUpstream(undefined);
    if (killed.signal !== 'SIGKILL' || writes < n)
      throw new Error(`kill after write ${n}: the apply was not killed there (${writes} writes): ${tail(killed)}`);
    // Requests already in flight when elbctl died still reach moto; wait until the proxy is quiet.
    await waitUntilSettled(() => proxy.calls.every((c) => c.endedAt !== undefined));
    const writesBeforeRestart = proxy.writes().filter((c) => c.forwarded).length;

    const started = Date.now();
    const resumed = await runCli(['apply', '-f', file, '-y', '-o', 'json'], env);
    const secondApplyMs = Date.now() - started;
    if (resumed.code !== 0) throw new Error(`kill after write ${n}: the second apply failed: ${tail(resumed)}`);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ stack: spec.stack, failed: [], skipped: [] });

    const live = await scaleStateProblems(m.endpoint, spec);
    expect(live.problems).toEqual([]);

    const creates = Object.fromEntries(
      Object.keys(CREATES_EXPECTED).map((op) => [
        op,
        proxy.calls.filter((c) => c.operation === op && c.forwarded && c.upstreamStatus === 200).length,
      ]),
    );
    expect(creates).toEqual(CREATES_EXPECTED);

    const replan = await runCli(
      ['plan', '-f', file, '--detailed-exitcode', '-o', 'json'],
      cleanEnv({ AWS_ENDPOINT_URL: m.endpoint }),
    );
    expect({
      code: replan.code,
      changes: replan.code === 0 ? (JSON.parse(replan.stdout) as { changes: unknown[] }).changes : replan.stderr,
    }).toEqual({ code: 0, changes: [] });
    expect(await snapshotBystanders(m.endpoint, region, bystanders)).toEqual(before);

    const result: KillResult = {
      killAfterWrite: n,
      region,
      writesBeforeRestart,
      secondApplyWrites: proxy.writes().length - writesBeforeRestart,
      secondApplyMs,
      creates,
      live: live.counts,
    };
    results.push(result);
    return result;
  } finally {
    await proxy.close();
  }
}

async function waitUntilSettled(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe('apply killed with SIGKILL right after AWS carried out a write, then applied again', () => {
  it.each(KILL_POINTS)(
    'GIVEN elbctl is killed after write %i reached moto WHEN apply runs again THEN the stack is exactly as declared, every create happened once, and untagged resources are untouched',
    async (n) => {
      const r = await runs.get(n);
      if (r instanceof Error) throw r;
      expect(r?.writesBeforeRestart).toBeGreaterThanOrEqual(n);
    },
    TIMEOUT_MS,
  );

  it(
    'GIVEN the kill after the very last write WHEN apply runs again THEN it has nothing left to write',
    async () => {
      const r = await runs.get(WRITES_IN_A_CLEAN_APPLY);
      if (r instanceof Error) throw r;
      expect(r?.secondApplyWrites).toBe(0);
    },
    TIMEOUT_MS,
  );
});
