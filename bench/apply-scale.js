#!/usr/bin/env node

/**
 * Apply at scale and the no-op plan (issue items 3 and 4). The scale stack (1 ALB, 2 listeners,
 * 10 target groups, 60 rules, 40 targets; test/support/scale-stack.ts) is applied to moto behind
 * a loopback proxy that adds 50 ms to every call and counts calls by operation:
 *
 * - `elbctl apply` as users run it (pacing on): wall time, peak RSS, calls by operation, and the
 *   ratio of the wall time to its critical-path bound: the latency bound max(longest dependency
 *   chain × 50 ms, calls × 50 ms / concurrency cap), or, when longer, what elbctl's rate buckets
 *   (src/core/pacing/table.ts) need to admit the calls — max over buckets of (calls − burst) ÷
 *   refill, plus the last call's round trip;
 * - `ELBCTL_PACING=off elbctl apply` (fixed concurrency, as before pacing) against the latency
 *   bound alone;
 * - `elbctl plan` of the applied stack (nothing to do): calls, mutating calls, wall time;
 * - the same resources created by a sequential shell script of `aws elbv2` commands through the
 *   same proxy.
 *
 * Each round resets moto and seeds a fresh network; elbctl's round and the shell's alternate.
 * After every run the end state is read from moto and must be exactly the declared one.
 * Prints a markdown section body (two sections, split by a `## ` line) on stdout.
 *
 *   node bench/apply-scale.js [--runs N] [--warmup N]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BIN, support, source, parseRuns, assertBuilt, run, stats, header, progress, main } = require('./support');

const LATENCY_MS = 50;
const REGION = 'us-east-1';
const TARGETS = { ratio: 1.3, speedup: 10, rssMib: 120, noopCalls: 35 };

main(async () => {
  // --skip-script: elbctl only (the sequential AWS CLI script takes about a minute a round and
  // does not depend on the Node version, e.g. for a second run on another Node line).
  const args = process.argv.slice(2);
  const skipScript = args.includes('--skip-script');
  const opts = parseRuns(
    args.filter((a) => a !== '--skip-script'),
    { runs: 10, warmup: 1 },
  );
  assertBuilt();
  const { startMoto } = support('moto.ts');
  const { startFaultProxy } = support('fault-proxy.ts');
  const { seedStackNetwork } = support('stack-fixtures.ts');
  const { scaleSpec, scaleStackText, scaleStateProblems, SCALE, SCALE_INSTANCES } = support('scale-stack.ts');
  const { DEFAULT_APPLY_CONCURRENCY } = source('aws/apply.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elbctl-bench-apply-'));

  const moto = await startMoto();
  // Pacing on is what users run: elbctl paces itself to AWS's published buckets, so the 73
  // creates wait for the write bucket whatever the latency. ELBCTL_PACING=off is what elbctl did
  // before pacing existed; this proxy adds latency but never throttles, so that run shows the
  // latency critical path alone.
  const env = { AWS_REGION: REGION };
  const unpaced = { ...env, ELBCTL_PACING: 'off' };
  const samples = {
    paced: [],
    pacedBuckets: [],
    apply: [],
    unpacedCalls: [],
    span: [],
    offline: [],
    rss: [],
    applyCalls: [],
    noop: [],
    noopCalls: [],
    shell: [],
    shellCalls: [],
  };
  let applyCounts;
  let noopCounts;
  let shellCounts;
  let chain;

  const prepare = async () => {
    await moto.reset();
    const net = await seedStackNetwork(moto.endpoint, REGION, SCALE_INSTANCES);
    const spec = scaleSpec(net);
    const file = path.join(dir, 'scale.yaml');
    fs.writeFileSync(file, scaleStackText(spec, net));
    return { net, spec, file };
  };
  const exact = async (spec, who) => {
    const { problems } = await scaleStateProblems(moto.endpoint, spec);
    if (problems.length > 0) throw new Error(`${who} did not leave the declared state:\n${problems.join('\n')}`);
  };

  try {
    for (let round = 0; round < opts.warmup + opts.runs; round += 1) {
      const warm = round < opts.warmup;
      const label = `${warm ? 'warm-up' : 'round'} ${round + 1}/${opts.warmup + opts.runs}`;

      // elbctl: apply, then the no-op plan of what it applied
      {
        const { spec, file } = await prepare();
        if (chain === undefined) chain = await dependencyChain(file);
        const proxy = await startFaultProxy(moto.endpoint, { latencyMs: LATENCY_MS });
        try {
          const offline = await run([process.execPath, BIN, 'plan', '-f', file, '--offline', '-q', '-o', 'json'], {
            env,
          });
          const applied = await run(
            [process.execPath, BIN, 'apply', '-f', file, '-y', '-q', '-o', 'json', '--endpoint-url', proxy.endpoint],
            { env, rss: true },
          );
          await exact(spec, 'elbctl apply');
          const calls = proxy.calls.length;
          const buckets = bucketCounts(proxy.calls);
          const counts = proxy.countsByOperation();
          proxy.clear();
          const planned = await run(
            [
              process.execPath,
              BIN,
              'plan',
              '-f',
              file,
              '-q',
              '--detailed-exitcode',
              '-o',
              'json',
              '--endpoint-url',
              proxy.endpoint,
            ],
            { env },
          );
          if (JSON.parse(planned.stdout).changes.length !== 0) throw new Error('the plan after apply is not empty');
          progress(
            `apply-scale: ${label}: elbctl apply ${applied.ms.toFixed(0)} ms (${calls} calls), no-op plan ${planned.ms.toFixed(0)} ms (${proxy.calls.length} calls)`,
          );
          if (!warm) {
            samples.paced.push(applied.ms);
            samples.pacedBuckets.push(buckets);
            samples.offline.push(offline.ms);
            if (applied.rssKib !== undefined) samples.rss.push(applied.rssKib / 1024);
            samples.applyCalls.push(calls);
            samples.noop.push(planned.ms);
            samples.noopCalls.push(proxy.calls.length);
            applyCounts = counts;
            noopCounts = proxy.countsByOperation();
            if (proxy.writes().length !== 0)
              throw new Error(`the no-op plan made ${proxy.writes().length} mutating calls`);
          }
        } finally {
          await proxy.close();
        }
      }

      // elbctl without pacing: the latency critical path alone
      {
        const { spec, file } = await prepare();
        const proxy = await startFaultProxy(moto.endpoint, { latencyMs: LATENCY_MS });
        try {
          const applied = await run(
            [process.execPath, BIN, 'apply', '-f', file, '-y', '-q', '-o', 'json', '--endpoint-url', proxy.endpoint],
            { env: unpaced },
          );
          await exact(spec, 'ELBCTL_PACING=off elbctl apply');
          const span =
            Math.max(...proxy.calls.map((c) => c.endedAt)) - Math.min(...proxy.calls.map((c) => c.startedAt));
          progress(`apply-scale: ${label}: ELBCTL_PACING=off elbctl apply ${applied.ms.toFixed(0)} ms`);
          if (!warm) {
            samples.apply.push(applied.ms);
            samples.span.push(span);
            samples.unpacedCalls.push(proxy.calls.length);
          }
        } finally {
          await proxy.close();
        }
      }

      // the same resources, one `aws elbv2` command after another
      if (!skipScript) {
        const { net, spec } = await prepare();
        const proxy = await startFaultProxy(moto.endpoint, { latencyMs: LATENCY_MS });
        try {
          const script = path.join(dir, 'sequential.sh');
          fs.writeFileSync(script, shellScript(spec, net));
          const ran = await run(['bash', script], {
            env: { ...env, AWS_DEFAULT_REGION: REGION, ENDPOINT: proxy.endpoint },
          });
          await exact(spec, 'the shell script');
          progress(`apply-scale: ${label}: aws CLI script ${ran.ms.toFixed(0)} ms (${proxy.calls.length} calls)`);
          if (!warm) {
            samples.shell.push(ran.ms);
            samples.shellCalls.push(proxy.calls.length);
            shellCounts = proxy.countsByOperation();
          }
        } finally {
          await proxy.close();
        }
      }
    }
  } finally {
    await moto.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const paced = stats(samples.paced);
  const apply = stats(samples.apply);
  const calls = Math.max(...samples.applyCalls);
  const unpacedCalls = Math.max(...samples.unpacedCalls);
  const latencyBound = (n) => Math.max(chain.calls * LATENCY_MS, (n * LATENCY_MS) / DEFAULT_APPLY_CONCURRENCY);
  // the rate bound of the paced runs: the bucket that needs longest to admit its calls
  const rate = samples.pacedBuckets
    .flatMap((byBucket) => Object.values(byBucket))
    .reduce((a, x) => (x.seconds > a.seconds ? x : a), { seconds: 0 });
  const pacedBound = Math.max(latencyBound(calls), rate.seconds > 0 ? rate.seconds * 1000 + LATENCY_MS : 0);
  const pacedRatio = paced.median / pacedBound;
  const bound = latencyBound(unpacedCalls);
  const ratio = apply.median / bound;
  const shell = skipScript ? undefined : stats(samples.shell);
  // the script does not pace either: compared with the run without pacing
  const speedup = shell ? shell.median / apply.median : undefined;
  const rss = samples.rss.length ? stats(samples.rss, 1, ' MiB') : undefined;
  const noop = stats(samples.noop);
  const noopCalls = Math.max(...samples.noopCalls);
  const verdict = (ok) => (ok ? 'met' : 'missed');
  const ops = [...new Set([...Object.keys(applyCounts), ...Object.keys(shellCounts ?? {})])].sort(
    (a, b) => (applyCounts[b] ?? 0) - (applyCounts[a] ?? 0) || a.localeCompare(b),
  );

  const common = header('apply-scale.js', [
    `- the scale stack: ${SCALE.loadBalancers} application load balancer, ${SCALE.listeners} listeners (HTTP 80, HTTPS 443), ${SCALE.targetGroups} target groups, ${SCALE.rules} rules, ${SCALE.targets} targets (test/support/scale-stack.ts)`,
    `- every call goes through a loopback proxy that adds ${LATENCY_MS} ms before forwarding it to moto and counts it by operation (test/support/fault-proxy.ts, no faults)`,
    `- ${opts.runs} measured rounds after ${opts.warmup} warm-up round; each round resets moto, seeds a fresh network, runs elbctl${skipScript ? '' : ', resets again and runs the shell script'}; every run's end state is read back from moto and must be exactly the declared one`,
  ]);

  const critical = [
    ...common,
    `- elbctl: \`elbctl apply -f scale.yaml -y -q -o json\` (pacing on, the default), wall time from spawn to exit (node start included), peak RSS from \`/usr/bin/time -f %M\` in the same run; then, on a fresh network, the same with \`ELBCTL_PACING=off\` (concurrency cap ${DEFAULT_APPLY_CONCURRENCY}, DEFAULT_APPLY_CONCURRENCY, as before pacing); the proxy never throttles`,
    skipScript
      ? '- shell: the sequential AWS CLI script was not run (--skip-script; its time does not depend on the Node version)'
      : '- shell: one `aws --endpoint-url … elbv2 …` command per resource, in dependency order, ARNs passed along in shell variables (create-load-balancer, modify-load-balancer-attributes, create-target-group ×10, modify-target-group-attributes ×10, register-targets ×10, create-listener ×2, create-rule ×60, with the same tags)',
    '',
    '| | median | min | max |',
    '|---|---:|---:|---:|',
    `| elbctl apply (pacing on), wall ms | ${paced.median.toFixed(0)} | ${paced.min.toFixed(0)} | ${paced.max.toFixed(0)} |`,
    `| \`ELBCTL_PACING=off elbctl apply\`, wall ms | ${apply.median.toFixed(0)} | ${apply.min.toFixed(0)} | ${apply.max.toFixed(0)} |`,
    shell
      ? `| sequential \`aws elbv2\` script, wall ms | ${shell.median.toFixed(0)} | ${shell.min.toFixed(0)} | ${shell.max.toFixed(0)} |`
      : '| sequential `aws elbv2` script, wall ms | not run (--skip-script) | | |',
    `| elbctl apply, peak RSS MiB | ${rss ? rss.median.toFixed(1) : 'n/a'} | ${rss ? rss.min.toFixed(1) : 'n/a'} | ${rss ? rss.max.toFixed(1) : 'n/a'} |`,
    `| \`ELBCTL_PACING=off elbctl apply\`, first call to last answer, ms | ${stats(samples.span).median.toFixed(0)} | ${stats(samples.span).min.toFixed(0)} | ${stats(samples.span).max.toFixed(0)} |`,
    `| \`elbctl plan --offline\` of the same file (start, parse, validate, plan; no SDK), ms | ${stats(samples.offline).median.toFixed(0)} | ${stats(samples.offline).min.toFixed(0)} | ${stats(samples.offline).max.toFixed(0)} |`,
    '',
    `- calls per run: elbctl ${Math.min(...samples.applyCalls) === calls ? calls : `${Math.min(...samples.applyCalls)}–${calls}`} (pacing off: ${unpacedCalls}), the script ${shell ? Math.max(...samples.shellCalls) : 'not run'}`,
    `- longest dependency chain: ${chain.calls} calls (${chain.path.join(' → ')}); latency bound = max(${chain.calls} × ${LATENCY_MS} ms, calls × ${LATENCY_MS} ms / ${DEFAULT_APPLY_CONCURRENCY}): ${latencyBound(calls).toFixed(0)} ms for ${calls} calls, **${bound.toFixed(0)} ms** for ${unpacedCalls}`,
    rate.seconds > 0
      ? `- rate bound (pacing on): the bucket ${rate.name} (${rate.capacity} at once, then ${rate.refill} a second, src/core/pacing/table.ts) admits ${rate.calls} calls: (${rate.calls} − ${rate.capacity}) ÷ ${rate.refill} = ${rate.seconds.toFixed(1)} s, plus ${LATENCY_MS} ms for the last call's round trip; bound = max(latency bound, rate bound) = **${pacedBound.toFixed(0)} ms**`
      : `- rate bound (pacing on): no bucket needs more than its burst; bound = the latency bound = **${pacedBound.toFixed(0)} ms**`,
    '',
    `**Paced apply (the default) wall time / bound: ${pacedRatio.toFixed(2)} (target ≤ ${TARGETS.ratio}) — ${verdict(pacedRatio <= TARGETS.ratio)}.** ` +
      `**Without pacing, wall time / latency bound: ${ratio.toFixed(2)}${ratio <= TARGETS.ratio ? '' : ' (the target applies to the default)'}.** ` +
      (speedup === undefined
        ? '**Speed-up over the shell script: not measured (--skip-script).** '
        : `**Speed-up of \`ELBCTL_PACING=off elbctl apply\` over the shell script (neither paces): ${speedup.toFixed(1)}× (target ≥ ${TARGETS.speedup}×) — ${verdict(speedup >= TARGETS.speedup)}.** `) +
      `**Peak RSS: ${rss ? `${rss.median.toFixed(1)} MiB median, ${rss.max.toFixed(1)} MiB max` : 'n/a'} (target ≤ ${TARGETS.rssMib} MB) — ${rss ? verdict(rss.max <= TARGETS.rssMib) : 'not measured'}.**`,
    '',
    'Calls by operation (one run):',
    '',
    '| operation | elbctl apply | shell script |',
    '|---|---:|---:|',
    ...ops.map((op) => `| ${op} | ${applyCounts[op] ?? 0} | ${shellCounts ? (shellCounts[op] ?? 0) : '-'} |`),
  ];
  if (pacedRatio > TARGETS.ratio || ratio > TARGETS.ratio) {
    critical.push('', whyRatio(apply.median, stats(samples.span).median, stats(samples.offline).median, bound));
  }

  const noopLines = [
    ...common,
    '- `elbctl plan -f scale.yaml -q --detailed-exitcode -o json` right after the apply, through the same 50 ms proxy (it exits 0: no changes)',
    '',
    `| | median | min | max |`,
    '|---|---:|---:|---:|',
    `| wall ms | ${noop.median.toFixed(0)} | ${noop.min.toFixed(0)} | ${noop.max.toFixed(0)} |`,
    '',
    `**API calls: ${noopCalls}, of which mutating: 0 (target ≤ ${TARGETS.noopCalls}, zero mutating) — ${verdict(noopCalls <= TARGETS.noopCalls)}.**`,
    '',
    '| operation | calls |',
    '|---|---:|',
    ...Object.entries(noopCounts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([op, n]) => `| ${op} | ${n} |`),
  ];
  return `${critical.join('\n')}\n\n## No-op plan\n\n${noopLines.join('\n')}\n`;
});

/**
 * Calls of one run per rate bucket of elbctl's table (src/core/pacing/table.ts), with the time
 * the bucket needs to admit them: (calls − capacity) ÷ refill.
 */
function bucketCounts(calls) {
  const { RATE_TABLE } = source('core/pacing/table.ts');
  const { bucketFor } = source('core/pacing/operations.ts');
  const services = { elasticloadbalancing: 'elbv2', ec2: 'ec2', acm: 'acm', monitoring: 'cloudwatch', sts: 'sts' };
  const out = {};
  for (const c of calls) {
    const service = services[c.service];
    const bucket = service ? bucketFor(service, c.operation) : undefined;
    if (!bucket) continue;
    const spec = RATE_TABLE[service].buckets[bucket];
    const name = RATE_TABLE[service].scope === 'shared' ? `${service}.${bucket}` : `${service}.${c.operation}`;
    out[name] ??= { name, calls: 0, capacity: spec.capacity, refill: spec.refillPerSecond, seconds: 0 };
    out[name].calls += 1;
  }
  for (const b of Object.values(out)) b.seconds = Math.max(0, b.calls - b.capacity) / b.refill;
  return out;
}

/** Why the ratio is what it is, from the measured parts of the wall time. */
function whyRatio(wall, span, offline, bound) {
  return (
    `Why the run without pacing is above its latency bound: the bound counts only time on the wire, at 50 ms a call. Of the ${wall.toFixed(0)} ms, ` +
    `${span.toFixed(0)} ms pass between the first call and the last answer (${(span / bound).toFixed(2)}× the bound: each call also costs moto's ` +
    `own handling and the client's signing and parsing, and the rules wait for their listener); before the first call, ` +
    `${offline.toFixed(0)} ms go to starting Node and commander, reading, validating and planning the 60-rule file ` +
    `(\`plan --offline\` measures exactly that), and loading the ELBv2 client makes up most of the rest. ` +
    'With pacing on (the default) those same fixed costs are small beside the seconds the write bucket needs, so ' +
    'the paced run sits close to its bound.'
  );
}

/**
 * The longest chain of calls that must happen one after another: the observe round (the two
 * lists, in parallel) plus the longest path through the plan's dependencies, one call per change.
 */
async function dependencyChain(file) {
  const r = await run([process.execPath, BIN, 'plan', '-f', file, '--offline', '-q', '-o', 'json']);
  const changes = JSON.parse(r.stdout).changes;
  const byId = new Map(changes.map((c) => [c.id, c]));
  const memo = new Map();
  const longest = (id) => {
    if (memo.has(id)) return memo.get(id);
    const c = byId.get(id);
    let best = [];
    for (const d of c.dependsOn) {
      const p = longest(d);
      if (p.length > best.length) best = p;
    }
    const path = [...best, `${c.action} ${c.type}`];
    memo.set(id, path);
    return path;
  };
  let best = [];
  for (const c of changes) {
    const p = longest(c.id);
    if (p.length > best.length) best = p;
  }
  return { calls: 1 + best.length, path: ['observe (2 lists in parallel)', ...best] };
}

/** The sequential script: one `aws elbv2` command per resource, the same settings and tags elbctl sends. */
function shellScript(spec, net) {
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const tag = (k, v) => `Key=${k},Value=${v}`;
  const tgVar = (name) => `TG_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const lines = [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    'aws_elbv2() { aws --endpoint-url "$ENDPOINT" elbv2 "$@"; }',
  ];
  spec.targetGroups.forEach((tg, k) => {
    const v = tgVar(tg.name);
    lines.push(
      `${v}=$(aws_elbv2 create-target-group --name ${tg.name} --protocol HTTP --port ${tg.port} --vpc-id ${net.vpcId} --target-type ${tg.targetType} ` +
        `--health-check-path /health/${String(k).padStart(2, '0')} --health-check-interval-seconds 15 --healthy-threshold-count 3 --matcher HttpCode=200-299 ` +
        `--tags ${tag('elbctl:stack', spec.stack)} ${tag('elbctl:name', tg.name)} --query 'TargetGroups[0].TargetGroupArn' --output text)`,
      `aws_elbv2 modify-target-group-attributes --target-group-arn "$${v}" --attributes Key=deregistration_delay.timeout_seconds,Value=${30 + k} > /dev/null`,
      `aws_elbv2 register-targets --target-group-arn "$${v}" --targets ${tg.targets.map((t) => `Id=${t.id}${t.port !== undefined ? `,Port=${t.port}` : ''}`).join(' ')}`,
    );
  });
  spec.loadBalancers.forEach((lb, n) => {
    const lbVar = `LB${n}`;
    lines.push(
      `${lbVar}=$(aws_elbv2 create-load-balancer --name ${lb.name} --type application --subnets ${net.subnets.slice(0, 2).join(' ')} --security-groups ${net.securityGroupId} --tags ${tag('elbctl:stack', spec.stack)} --query 'LoadBalancers[0].LoadBalancerArn' --output text)`,
      `aws_elbv2 modify-load-balancer-attributes --load-balancer-arn "$${lbVar}" --attributes Key=idle_timeout.timeout_seconds,Value=120 Key=deletion_protection.enabled,Value=true Key=routing.http.drop_invalid_header_fields.enabled,Value=true > /dev/null`,
    );
    for (const l of lb.listeners) {
      const lv = `L${n}_${l.port}`;
      const defaultAction =
        l.protocol === 'HTTPS'
          ? `Type=forward,TargetGroupArn="$${tgVar(lb.defaultTargetGroup)}"`
          : q(
              JSON.stringify([
                {
                  Type: 'fixed-response',
                  FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'no route' },
                },
              ]),
            );
      lines.push(
        `${lv}=$(aws_elbv2 create-listener --load-balancer-arn "$${lbVar}" --protocol ${l.protocol} --port ${l.port} ` +
          (l.protocol === 'HTTPS'
            ? `--certificates CertificateArn=${net.certificateArn} --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 `
            : '') +
          `--default-actions ${defaultAction} --tags ${tag('elbctl:stack', spec.stack)} --query 'Listeners[0].ListenerArn' --output text)`,
      );
      for (const r of l.rules) {
        const conditions = [
          { Field: 'path-pattern', PathPatternConfig: { Values: r.paths } },
          ...(r.host ? [{ Field: 'host-header', HostHeaderConfig: { Values: [r.host] } }] : []),
        ];
        // The ARNs are shell variables: the JSON is closed around each one.
        const forward = r.forward
          .map((f) => `{"TargetGroupArn":"'"$${tgVar(f.targetGroup)}"'","Weight":${f.weight}}`)
          .join(',');
        lines.push(
          `aws_elbv2 create-rule --listener-arn "$${lv}" --priority ${r.priority} --conditions ${q(JSON.stringify(conditions))} ` +
            `--actions '[{"Type":"forward","ForwardConfig":{"TargetGroups":[${forward}]}}]' ` +
            `--tags ${tag('elbctl:stack', spec.stack)} ${tag('elbctl:rule', r.name)} > /dev/null`,
        );
      }
    }
  });
  return `${lines.join('\n')}\n`;
}
