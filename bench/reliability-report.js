#!/usr/bin/env node

/**
 * Turns the figures the reliability tests write (ELBCTL_RELIABILITY_REPORT=DIR) into the
 * markdown tables of docs/reliability.md.
 *
 *   ELBCTL_RELIABILITY_REPORT=/tmp/rel npx jest test/integration/reliability-faults.test.ts test/e2e/kill-apply.test.ts test/integration/pacing.test.ts
 *   node bench/reliability-report.js /tmp/rel
 */
const fs = require('node:fs');
const path = require('node:path');

function read(dir, name) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run the reliability tests with ELBCTL_RELIABILITY_REPORT=${dir}`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const s = (ms) => (ms / 1000).toFixed(1);
const sum = (rows, f) => rows.reduce((n, r) => n + f(r), 0);

function faultsTable(rows) {
  const lines = [
    '| seed | region | applies (exit codes) | wall s | calls | mutating | throttled | HTTP 500 | lost answers | slow answers | writes that reached moto, answer lost | LB / listeners / TGs / rules / registrations |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of [...rows].sort((a, b) => a.seed - b.seed)) {
    const l = r.live;
    lines.push(
      `| ${r.seed} | ${r.region} | ${r.applies} (${r.exitCodes.join(', ')}) | ${s(r.wallMs)} | ${r.calls} | ${r.mutatingCalls} | ${r.faults.throttle} | ${r.faults['server-error']} | ${r.faults['lost-answer']} | ${r.faults.slow} | ${r.ambiguousWrites} | ${l.loadBalancers} / ${l.listeners} / ${l.targetGroups} / ${l.rules} / ${l.registrations} |`,
    );
  }
  lines.push(
    `| **all** | | ${sum(rows, (r) => r.applies)} applies | | ${sum(rows, (r) => r.calls)} | ${sum(rows, (r) => r.mutatingCalls)} | ${sum(rows, (r) => r.faults.throttle)} | ${sum(rows, (r) => r.faults['server-error'])} | ${sum(rows, (r) => r.faults['lost-answer'])} | ${sum(rows, (r) => r.faults.slow)} | ${sum(rows, (r) => r.ambiguousWrites)} | |`,
  );
  const failures = rows.filter((r) => r.firstApplyFailures.length > 0);
  if (failures.length > 0) {
    lines.push('', 'First applies that exited 1, and why:', '');
    for (const r of failures) lines.push(`- seed ${r.seed}: ${r.firstApplyFailures.map((f) => `\`${f}\``).join('; ')}`);
  }
  return lines.join('\n');
}

function killTable(rows) {
  const lines = [
    '| killed after write | writes moto carried out before the restart | writes of the second apply | second apply s | CreateLoadBalancer / CreateListener / CreateTargetGroup / CreateRule carried out, both runs | LB / listeners / TGs / rules / registrations |',
    '|---:|---:|---:|---:|---|---|',
  ];
  for (const r of rows) {
    const c = r.creates;
    const l = r.live;
    lines.push(
      `| ${r.killAfterWrite} | ${r.writesBeforeRestart} | ${r.secondApplyWrites} | ${s(r.secondApplyMs)} | ${c.CreateLoadBalancer} / ${c.CreateListener} / ${c.CreateTargetGroup} / ${c.CreateRule} | ${l.loadBalancers} / ${l.listeners} / ${l.targetGroups} / ${l.rules} / ${l.registrations} |`,
    );
  }
  return lines.join('\n');
}

function pacingTable(rows) {
  const lines = [
    '| proxy buckets | calls | throttled | share | calls (throttled) by bucket |',
    '|---|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const buckets = Object.entries(r.byBucket)
      .map(([name, n]) => `${name} ${n.calls} (${n.throttles})`)
      .join(', ');
    lines.push(
      `| ${r.scenario} | ${r.calls} | ${r.throttles} | ${((100 * r.throttles) / r.calls).toFixed(1)}% | ${buckets} |`,
    );
  }
  return lines.join('\n');
}

function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node bench/reliability-report.js DIR (the ELBCTL_RELIABILITY_REPORT directory)');
  const faults = read(dir, 'faults.json');
  const kill = read(dir, 'kill.json');
  const pacing = read(dir, 'pacing.json');
  const out = [
    '### Issue rates: 25% throttling, 5% HTTP 500, 5% lost answers',
    '',
    faultsTable(faults.filter((r) => r.scenario === 'issue-rates')),
    '',
    '### 10% answers slower than the client timeout (ELBCTL_REQUEST_TIMEOUT_MS=2500, answers held 3000 ms)',
    '',
    faultsTable(faults.filter((r) => r.scenario === 'slow-answers')),
    '',
    '### SIGKILL after the Nth write',
    '',
    killTable(kill),
    '',
    '### Pacing: 160 rules on 2 ALBs and 20 target groups through the bucket proxy (each apply; the export and destroy run is not counted)',
    '',
    pacingTable(pacing),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench/reliability-report.js: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
