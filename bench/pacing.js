#!/usr/bin/env node

/**
 * Pacing (issue 16): the pacing stack (2 ALBs, 4 listeners, 20 target groups, 160 rules, 80
 * targets; PACING_SCALE in test/support/scale-stack.ts) applied to moto through the token-bucket
 * proxy of test/support/bucket-proxy.ts, which throttles like the ELB API and adds 50 ms to every
 * call. Its buckets are AWS's published ones, from elbctl's own table (src/core/pacing/table.ts):
 *
 * - alike: the proxy's buckets are the table's — elbctl paces to exactly what it is up against;
 * - half: the proxy's mutating buckets are half the table's (another tool sharing the account).
 *
 * Each scenario runs with pacing on (the default) and with ELBCTL_PACING=off (fixed concurrency
 * and the SDK's retries, as before pacing). Reported per run: wall time from spawn to exit, calls
 * and throttles counted by the proxy, the exit code, and whether the end state (read back from
 * moto) is exactly the declared one. The bound is the time the buckets themselves need to admit
 * the calls — max over buckets of (admitted calls − capacity) ÷ refill, plus the one round trip
 * of the last call — or the latency critical path if that is longer.
 *
 *   node bench/pacing.js [--runs N] [--warmup N]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BIN, support, source, parseRuns, assertBuilt, run, stats, header, progress, main } = require('./support');

const LATENCY_MS = 50;
const REGION = 'us-east-1';
const TARGET_RATIO = 1.2;
const SCENARIOS = [
  { key: 'alike-on', proxy: 'alike', pacing: 'on' },
  { key: 'alike-off', proxy: 'alike', pacing: 'off' },
  { key: 'half-on', proxy: 'half', pacing: 'on' },
  { key: 'half-off', proxy: 'half', pacing: 'off' },
];

main(async () => {
  const opts = parseRuns(process.argv.slice(2), { runs: 10, warmup: 1 });
  assertBuilt();
  const { startMoto } = support('moto.ts');
  const { startBucketProxy } = support('bucket-proxy.ts');
  const { seedStackNetwork } = support('stack-fixtures.ts');
  const { scaleSpec, scaleStackText, scaleStateProblems, PACING_SCALE, SCALE_INSTANCES } = support('scale-stack.ts');
  const { RATE_TABLE, RATE_TABLE_DATE } = source('core/pacing/table.ts');
  const { DEFAULT_APPLY_CONCURRENCY } = source('aws/apply.ts');
  const table = Object.fromEntries(
    Object.entries(RATE_TABLE.elbv2.buckets).map(([name, b]) => [
      `elbv2.${name}`,
      { capacity: b.capacity, refillPerSecond: b.refillPerSecond },
    ]),
  );
  const half = Object.fromEntries(
    Object.entries(table).map(([name, b]) => [
      name,
      name === 'elbv2.read' ? b : { capacity: b.capacity / 2, refillPerSecond: b.refillPerSecond / 2 },
    ]),
  );
  const buckets = { alike: table, half };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elbctl-bench-pacing-'));
  const moto = await startMoto();
  const runs = Object.fromEntries(SCENARIOS.map((s) => [s.key, []]));
  let chain;

  try {
    for (let round = 0; round < opts.warmup + opts.runs; round += 1) {
      const warm = round < opts.warmup;
      for (const s of SCENARIOS) {
        await moto.reset();
        const net = await seedStackNetwork(moto.endpoint, REGION, SCALE_INSTANCES);
        const spec = scaleSpec(net, { stack: 'pace', prefix: 'pace', shape: PACING_SCALE });
        const file = path.join(dir, 'pace.yaml');
        fs.writeFileSync(file, scaleStackText(spec, net));
        if (chain === undefined) chain = await dependencyChain(file);
        const proxy = await startBucketProxy(moto.endpoint, { buckets: buckets[s.proxy], latencyMs: LATENCY_MS });
        try {
          const r = await run(
            [process.execPath, BIN, 'apply', '-f', file, '-y', '-q', '-o', 'json', '--endpoint-url', proxy.endpoint],
            { env: { AWS_REGION: REGION, ELBCTL_PACING: s.pacing }, allowFailure: true },
          );
          const { problems } = await scaleStateProblems(moto.endpoint, spec);
          const sample = {
            ms: r.ms,
            code: r.code,
            exact: problems.length === 0,
            ...proxy.totals(),
            byBucket: proxy.byBucket(),
            failed: r.code === 0 ? 0 : (r.stderr.match(/^error: failed: /gm) ?? []).length,
          };
          progress(
            `pacing: ${warm ? 'warm-up' : `round ${round + 1 - opts.warmup}/${opts.runs}`}: ${s.key}: ${(r.ms / 1000).toFixed(1)} s, ${sample.calls} calls, ${sample.throttles} throttled, exit ${r.code}${sample.exact ? '' : ', NOT as declared'}`,
          );
          if (!warm) runs[s.key].push(sample);
        } finally {
          await proxy.close();
        }
      }
    }
  } finally {
    await moto.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  /** The bound of a scenario: what its buckets need to admit the calls a paced run had admitted. */
  const boundOf = (proxyKey) => {
    const sample = runs[`${proxyKey}-on`][0];
    const perBucket = Object.entries(sample.byBucket).map(([name, n]) => {
      const b = buckets[proxyKey][name];
      const admitted = n.calls - n.throttles;
      return { name, admitted, seconds: b ? Math.max(0, admitted - b.capacity) / b.refillPerSecond : 0, b };
    });
    const top = perBucket.reduce((a, x) => (x.seconds > a.seconds ? x : a));
    const admitted = perBucket.reduce((n, x) => n + x.admitted, 0);
    const latency = Math.max(chain.calls * LATENCY_MS, (admitted * LATENCY_MS) / DEFAULT_APPLY_CONCURRENCY);
    const ms = Math.max(top.seconds * 1000 + LATENCY_MS, latency);
    return { ms, top, latency };
  };

  const lines = header('pacing.js', [
    `- the pacing stack: ${PACING_SCALE.loadBalancers} application load balancers, ${PACING_SCALE.listeners} listeners, ${PACING_SCALE.targetGroups} target groups, ${PACING_SCALE.rules} rules, ${PACING_SCALE.targets} targets (PACING_SCALE, test/support/scale-stack.ts)`,
    `- every call goes through test/support/bucket-proxy.ts: ${LATENCY_MS} ms added to each call, then AWS's throttle (HTTP 400 Throttling) when the call's bucket is empty`,
    `- the proxy's buckets, from elbctl's rate table of ${RATE_TABLE_DATE}: ${Object.entries(table)
      .map(([n, b]) => `${n} ${b.capacity}:${b.refillPerSecond}/s`)
      .join(', ')}; "half": the mutating ones at half (${Object.entries(half)
      .filter(([n]) => n !== 'elbv2.read')
      .map(([n, b]) => `${n} ${b.capacity}:${b.refillPerSecond}/s`)
      .join(', ')}) while elbctl assumes the table`,
    `- pacing on: the default; off: \`ELBCTL_PACING=off\` — concurrency cap ${DEFAULT_APPLY_CONCURRENCY}, the SDK's standard retries (8 attempts), as before pacing`,
    `- ${opts.runs} measured rounds after ${opts.warmup} warm-up round; every round runs the four scenarios on a reset moto; wall time from spawn to exit of \`elbctl apply -f pace.yaml -y -q -o json\` (node start included)`,
    '',
    '| proxy | pacing | wall s median | min | max | calls median | throttled median (share) | applies that exited 0 | runs exactly as declared | bound s | wall / bound |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]);
  const verdicts = [];
  const offCalls = {};
  for (const s of SCENARIOS) {
    const xs = runs[s.key];
    const wall = stats(
      xs.map((x) => x.ms / 1000),
      1,
    );
    const calls = stats(xs.map((x) => x.calls));
    const throttles = stats(xs.map((x) => x.throttles));
    const share = stats(
      xs.map((x) => (100 * x.throttles) / x.calls),
      1,
    );
    const bound = boundOf(s.proxy);
    const ratio = wall.median / (bound.ms / 1000);
    // A run that did not end as declared did not do the work the bound is for.
    const converged = xs.every((x) => x.exact);
    lines.push(
      `| ${s.proxy} | ${s.pacing} | ${wall.median.toFixed(1)} | ${wall.min.toFixed(1)} | ${wall.max.toFixed(1)} | ${calls.median.toFixed(0)} | ${throttles.median.toFixed(0)} (${share.median.toFixed(1)}%) | ${xs.filter((x) => x.code === 0).length} of ${xs.length} | ${xs.filter((x) => x.exact).length} of ${xs.length} | ${(bound.ms / 1000).toFixed(1)} | ${converged ? ratio.toFixed(2) : 'n/a (not converged)'} |`,
    );
    if (s.pacing === 'on') verdicts.push({ s, ratio, share: share.max, bound, calls: calls.median });
    else offCalls[s.proxy] = calls.median;
  }
  const alike = verdicts.find((v) => v.s.proxy === 'alike');
  const halfV = verdicts.find((v) => v.s.proxy === 'half');
  lines.push(
    '',
    `- bound, alike: ${alike.bound.top.name} admits ${alike.bound.top.admitted} calls, ${alike.bound.top.b.capacity} at once then ${alike.bound.top.b.refillPerSecond} a second: (${alike.bound.top.admitted} − ${alike.bound.top.b.capacity}) ÷ ${alike.bound.top.b.refillPerSecond} = ${alike.bound.top.seconds.toFixed(1)} s, plus ${LATENCY_MS} ms for the last call's round trip (the latency critical path, ${chain.calls} calls in a chain or ${DEFAULT_APPLY_CONCURRENCY} at a time, is ${(alike.bound.latency / 1000).toFixed(1)} s)`,
    `- bound, half: ${halfV.bound.top.name}: (${halfV.bound.top.admitted} − ${halfV.bound.top.b.capacity}) ÷ ${halfV.bound.top.b.refillPerSecond} = ${halfV.bound.top.seconds.toFixed(1)} s, plus ${LATENCY_MS} ms`,
    '',
    `**Alike, paced: wall / bound ${alike.ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}) — ${alike.ratio <= TARGET_RATIO ? 'met' : 'missed'}; at most ${alike.share.toFixed(1)}% of calls throttled in any run (target ≤ 1%) — ${alike.share <= 1 ? 'met' : 'missed'}.** ` +
      `**Half, paced: at most ${halfV.share.toFixed(1)}% throttled in any run (target ≤ 10%) — ${halfV.share <= 10 ? 'met' : 'missed'}.**`,
    '',
    `Without pacing, elbctl made ${(offCalls.alike / alike.calls).toFixed(1)}× the calls when alone with the buckets (alike) and ${(offCalls.half / halfV.calls).toFixed(1)}× when sharing them (half): every throttle is a request that took nothing from AWS but a turn, and with the SDK's backoff the throttled creates also take tokens the other tool needed. Alone, the wall time is about the same either way — the bucket, not the client, sets it; sharing, the applies without pacing ran out of attempts and did not converge, while paced ones did, at the bound.`,
    '',
    'Calls and throttles by bucket (the last run of each scenario):',
    '',
    '| bucket | alike, on | alike, off | half, on | half, off |',
    '|---|---:|---:|---:|---:|',
    ...Object.keys(table).map(
      (name) =>
        `| ${name} | ${SCENARIOS.map((s) => {
          const n = runs[s.key].at(-1).byBucket[name] ?? { calls: 0, throttles: 0 };
          return `${n.calls} (${n.throttles} throttled)`;
        }).join(' | ')} |`,
    ),
  );
  return `${lines.join('\n')}\n`;
});

/** The longest chain of calls that must happen one after another (as bench/apply-scale.js). */
async function dependencyChain(file) {
  const r = await run([process.execPath, BIN, 'plan', '-f', file, '--offline', '-q', '-o', 'json']);
  const changes = JSON.parse(r.stdout).changes;
  const byId = new Map(changes.map((c) => [c.id, c]));
  const memo = new Map();
  const longest = (id) => {
    if (memo.has(id)) return memo.get(id);
    let best = 0;
    for (const d of byId.get(id).dependsOn) best = Math.max(best, longest(d));
    memo.set(id, best + 1);
    return best + 1;
  };
  return { calls: 1 + Math.max(...changes.map((c) => longest(c.id))) };
}
