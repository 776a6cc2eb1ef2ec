#!/usr/bin/env node

/**
 * Startup cost of elbctl next to bare Node, measured side by side in one run: every round runs
 * each command once, in turn, so machine noise (CPU frequency, other load) hits every row alike.
 * Prints a markdown section body on stdout; progress goes to stderr.
 *
 *   node bench/startup.js [--runs N] [--warmup N]
 *
 * Needs the build (dist/); `npm run bench` builds first.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const TIME = '/usr/bin/time';

function parseArgs(argv) {
  const opts = { runs: 15, warmup: 2 };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if ((flag === '--runs' || flag === '--warmup') && Number.isInteger(value)) {
      opts[flag.slice(2)] = value;
      i += 1;
    } else {
      throw new Error(`unknown argument "${flag}"; use --runs N (at least 10) or --warmup N (at least 2)`);
    }
  }
  if (opts.runs < 10) throw new Error(`--runs ${opts.runs}: at least 10 runs are needed for a meaningful median`);
  // The first runs pay for a cold file cache; they are never part of the numbers.
  if (opts.warmup < 2) throw new Error(`--warmup ${opts.warmup}: at least 2 warm-up rounds are needed`);
  return opts;
}

/** Whether the built program declares a top-level command (the bench follows the real tree). */
function hasCommand(name) {
  const { buildProgram } = require(path.join(ROOT, 'dist/cli/program.js'));
  return buildProgram('0.0.0', async () => undefined).commands.some((c) => c.name() === name);
}

function firstExampleStack() {
  const dir = path.join(ROOT, 'examples');
  if (!fs.existsSync(dir)) return undefined;
  const file = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()[0];
  return file === undefined ? undefined : `examples/${file}`;
}

function rows() {
  const node = process.execPath;
  const list = [
    { label: 'node -e 0', argv: [node, '-e', '0'] },
    { label: 'node bin/elbctl --version', argv: [node, 'bin/elbctl', '--version'] },
    { label: 'node bin/elbctl --help', argv: [node, 'bin/elbctl', '--help'] },
  ];
  const skipped = [];
  if (!hasCommand('validate')) {
    skipped.push('`elbctl validate`: the program has no validate command yet');
  } else {
    const stack = firstExampleStack();
    if (stack === undefined) skipped.push('`elbctl validate`: no examples/*.yaml stack file to validate');
    else
      list.push({ label: `node bin/elbctl validate -f ${stack}`, argv: [node, 'bin/elbctl', 'validate', '-f', stack] });
  }
  return { list, skipped };
}

const ENV = { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

function runOnce(argv) {
  const started = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env: ENV, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    throw new Error(
      `"${argv.slice(1).join(' ')}" exited with ${r.status}; a failing command is not a startup measurement:\n${r.stderr}`,
    );
  }
  return ms;
}

/** Peak resident set in KiB, from GNU time's %M; the wrapper's own cost stays out of the wall time. */
function peakRssKib(argv) {
  const r = spawnSync(TIME, ['-f', '%M', ...argv], { cwd: ROOT, env: ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${TIME} ${argv.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  const kib = Number(lines[lines.length - 1]);
  if (!Number.isFinite(kib)) throw new Error(`${TIME} printed no peak RSS: ${r.stderr}`);
  return kib;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const HELP_TARGET = 1.3;

/** Whether `--help` is within 1.3× of `node -e 0`, and if not, where the time goes. */
function helpVerdict(list, samples, baseMs) {
  const i = list.findIndex((row) => row.label === 'node bin/elbctl --help');
  const ratio = median(samples[i].ms) / baseMs;
  const line = `**\`elbctl --help\` / \`node -e 0\`: ${ratio.toFixed(2)}× (target ≤ ${HELP_TARGET}×) — ${ratio <= HELP_TARGET ? 'met' : 'missed'}.**`;
  if (ratio <= HELP_TARGET) return line;
  const parts = helpCostParts();
  return (
    `${line} Why: the budget is ${((HELP_TARGET - 1) * baseMs).toFixed(0)} ms above bare Node; loading commander takes ${parts.commander.toFixed(0)} ms and ` +
    `declaring the command tree ${parts.build.toFixed(0)} ms (medians of 5 in-process measurements), the rest is reading dist/ and printing. ` +
    'Timings on a shared machine move by ±0.1× between runs (see the load average above). What would close it: a bundled build ' +
    "(one file instead of resolving commander's and dist/'s modules) or a root help that is printed without building the tree."
  );
}

function helpCostParts() {
  const probe = `
    const t0 = process.hrtime.bigint();
    require('commander');
    const t1 = process.hrtime.bigint();
    require(${JSON.stringify(path.join(ROOT, 'dist/cli/program.js'))}).buildProgram('0.0.0', async () => undefined);
    const t2 = process.hrtime.bigint();
    process.stdout.write(JSON.stringify({ commander: Number(t1 - t0) / 1e6, build: Number(t2 - t1) / 1e6 }));`;
  const runs = Array.from({ length: 5 }, () =>
    JSON.parse(spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' }).stdout),
  );
  return { commander: median(runs.map((r) => r.commander)), build: median(runs.map((r) => r.build)) };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
    throw new Error('dist/cli/main.js is missing: run `npm run build` (or `npm run bench`, which builds first)');
  }
  const loadAtStart = os.loadavg();
  const { list, skipped } = rows();
  const measureRss = fs.existsSync(TIME);
  const samples = list.map(() => ({ ms: [], rss: [] }));

  const tty = Boolean(process.stderr.isTTY);
  if (!tty)
    process.stderr.write(`startup: ${opts.warmup} warm-up + ${opts.runs} measured rounds of ${list.length} commands\n`);
  for (let round = 0; round < opts.warmup + opts.runs; round += 1) {
    const warm = round < opts.warmup;
    if (tty)
      process.stderr.write(
        `\r${warm ? 'warm-up' : 'round'} ${warm ? round + 1 : round - opts.warmup + 1}/${warm ? opts.warmup : opts.runs}   `,
      );
    list.forEach((row, i) => {
      const ms = runOnce(row.argv);
      const rss = measureRss ? peakRssKib(row.argv) : undefined;
      if (warm) return;
      samples[i].ms.push(ms);
      if (rss !== undefined) samples[i].rss.push(rss);
    });
  }
  if (tty) process.stderr.write('\n');

  const base = { ms: median(samples[0].ms), rss: measureRss ? median(samples[0].rss) : undefined };
  const fmt = (n) => n.toFixed(1);
  const lines = [
    '| command | median ms | min ms | max ms | × node -e 0 | peak RSS MiB (median) | × node -e 0 |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  list.forEach((row, i) => {
    const { ms, rss } = samples[i];
    const med = median(ms);
    const rssCells = measureRss ? [fmt(median(rss) / 1024), `${(median(rss) / base.rss).toFixed(2)}×`] : ['n/a', 'n/a'];
    lines.push(
      `| \`${row.label}\` | ${fmt(med)} | ${fmt(Math.min(...ms))} | ${fmt(Math.max(...ms))} | ${(med / base.ms).toFixed(2)}× | ${rssCells.join(' | ')} |`,
    );
  });

  const cpus = os.cpus();
  const out = [
    `Measured ${new Date().toISOString()} with \`${['node', 'bench/startup.js', ...process.argv.slice(2)].join(' ')}\``,
    '',
    `- machine: ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node ${process.version}; load average at the start ${loadAtStart.map((l) => l.toFixed(2)).join(', ')}`,
    `- ${opts.runs} measured rounds after ${opts.warmup} warm-up rounds; each round runs every command once, in turn (interleaved)`,
    `- wall time: spawn to exit, measured by the parent; peak RSS: ${measureRss ? `\`${TIME} -f %M\`, in separate runs of the same round` : `n/a (${TIME} not found)`}`,
    '',
    ...lines,
  ];
  for (const reason of skipped) out.push('', `Skipped ${reason}.`);
  out.push('', helpVerdict(list, samples, base.ms));
  process.stdout.write(`${out.join('\n')}\n`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`\nbench/startup.js: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
