/**
 * elbctl as a user installs it, never from this checkout: npm packs the git URL of a clean
 * clone (cloning it, installing its devDependencies and building it with `prepare`/`prepack`,
 * as a git install does), and `npm install -g` puts that tarball into an EMPTY prefix, whose
 * copy then runs `--version` and real commands against moto with the prefix's own node_modules.
 *
 * The one-step `npm install -g git+…` is not tested: npm 11 runs a global git dependency's
 * preparation as a global install too and leaves the clone without its devDependencies
 * (npm/cli#8440), so the README gives the two steps that work.
 *
 * The clone holds the work tree as it is (committed or not, .gitignore respected).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, type Network } from '../support/network';
import { ROOT } from '../support/built';

jest.setTimeout(600_000);

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let moto: Moto;
let work: string;
let clone: string;

/** The user's shell, not npm's: no npm_* variables from an enclosing `npm test`. */
function shellEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^npm_/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], cwd: string, env = shellEnv()): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

const tarball = () => join(work, `elbctl-${VERSION}.tgz`);

const npm = (args: string[], cwd: string) => run('npm', ['--no-audit', '--no-fund', '--prefer-offline', ...args], cwd);

/** Runs the installed `elbctl` of a prefix: the prefix's bin first on PATH, with this test's Node. */
function elbctl(prefix: string, args: string[], extra: Record<string, string> = {}) {
  const home = mkdtempSync(join(work, 'home-'));
  const env: Record<string, string> = {
    PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    ...extra,
  };
  return spawnSync(join(prefix, 'bin', 'elbctl'), args, { env, encoding: 'utf8', timeout: 60_000, cwd: home });
}

/** `--version`, then a target group created and listed through the installed copy. */
async function exerciseInstalled(prefix: string, net: Network): Promise<void> {
  const bin = join(prefix, 'bin', 'elbctl');
  expect(existsSync(bin)).toBe(true);
  // The installed copy is the prefix's, not a link back into a checkout.
  expect(realpathSync(bin).startsWith(realpathSync(join(prefix, 'lib', 'node_modules', 'elbctl')))).toBe(true);

  const version = elbctl(prefix, ['--version']);
  expect({ status: version.status, stdout: version.stdout, stderr: version.stderr }).toEqual({
    status: 0,
    stdout: `${VERSION}\n`,
    stderr: '',
  });

  const endpoint = { ELBCTL_ENDPOINT_URL: moto.endpoint };
  const created = elbctl(
    prefix,
    ['tg', 'create', 'installed', '--protocol', 'HTTP', '--port', '8080', '--vpc', net.vpcId, '-o', 'json', '-q'],
    endpoint,
  );
  expect({ status: created.status, stderr: created.stderr }).toEqual({ status: 0, stderr: '' });

  const listed = elbctl(prefix, ['tg', 'list', '-o', 'json'], endpoint);
  expect(listed.status).toBe(0);
  const groups = JSON.parse(listed.stdout) as Array<{ name: string; protocol: string; port: number; vpcId: string }>;
  expect(groups.map((g) => ({ name: g.name, protocol: g.protocol, port: g.port, vpcId: g.vpcId }))).toEqual([
    { name: 'installed', protocol: 'HTTP', port: 8080, vpcId: net.vpcId },
  ]);
}

/** Relative links in the shipped Markdown (README, docs/), as paths inside the package. */
function linkedPaths(files: Set<string>): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  for (const file of files) {
    if (!file.endsWith('.md')) continue;
    const text = readFileSync(join(work, 'unpacked', file), 'utf8');
    for (const m of text.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)) {
      const target = m[1] as string;
      if (/^[a-z]+:/i.test(target)) continue;
      out.push({ from: file, to: posix.normalize(posix.join(posix.dirname(file), target)).replace(/\/$/, '') });
    }
  }
  return out;
}

beforeAll(async () => {
  moto = await startMoto();
  work = mkdtempSync(join(tmpdir(), 'elbctl-package-'));
  clone = join(work, 'clone');
  // The work tree as a commit (tracked and new files, .gitignore respected), through a
  // temporary index: the checkout's own index and branches are left alone.
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } }).trim();
  const index = { GIT_INDEX_FILE: join(work, 'index') };
  git(['read-tree', 'HEAD'], index);
  git(['add', '-A'], index);
  const tree = git(['write-tree'], index);
  const sha = git(['commit-tree', tree, '-p', 'HEAD', '-m', 'elbctl package test: the work tree'], {
    GIT_AUTHOR_NAME: 'elbctl test',
    GIT_AUTHOR_EMAIL: 'test@elbctl.invalid',
    GIT_COMMITTER_NAME: 'elbctl test',
    GIT_COMMITTER_EMAIL: 'test@elbctl.invalid',
  });
  run('git', ['clone', '-q', '--shared', ROOT, clone], work);
  run('git', ['checkout', '-q', '-B', 'tested', sha], clone);
});

afterAll(async () => {
  await moto?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

beforeEach(async () => {
  await moto.reset();
});

describe('installing elbctl', () => {
  it('GIVEN a clean clone WHEN npm packs its git URL THEN npm builds it (prepare, prepack) and the tarball holds the build, the licence, the changelog and every file the docs link to, and no sources or tests', async () => {
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    // What a git install does: npm clones, installs the devDependencies, runs `prepare`, packs.
    npm(['pack', '--pack-destination', work, `git+file://${clone}`], work);

    const files = new Set(
      run('tar', ['tzf', tarball()], work)
        .split('\n')
        .filter((f) => f !== '' && !f.endsWith('/'))
        .map((f) => f.replace(/^package\//, '')),
    );
    for (const f of ['bin/elbctl', 'dist/main.mjs', 'LICENSE', 'CHANGELOG.md', 'README.md'])
      expect([f, files.has(f)]).toEqual([f, true]);
    expect([...files].filter((f) => f.startsWith('dist/chunks/')).length).toBeGreaterThan(10);
    expect(files.has('dist/build-meta.json')).toBe(false);
    expect([...files].filter((f) => /^(src|test|scripts|\.ci|node_modules)\//.test(f))).toEqual([]);

    run('mkdir', ['-p', join(work, 'unpacked')], work);
    run('tar', ['xzf', tarball(), '-C', join(work, 'unpacked'), '--strip-components=1'], work);
    expect(readFileSync(join(work, 'unpacked', 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    const dirs = new Set([...files].flatMap((f) => f.split('/').map((_, i, parts) => parts.slice(0, i).join('/'))));
    const missing = linkedPaths(files).filter((l) => !files.has(l.to) && !dirs.has(l.to));
    expect(missing).toEqual([]);
  });

  it('GIVEN the tarball WHEN installed with npm install -g into an empty prefix THEN elbctl runs from there against moto', async () => {
    const prefix = join(work, 'prefix');
    npm(['install', '-g', '--prefix', prefix, tarball()], work);
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['elbctl']);

    await exerciseInstalled(prefix, await seedNetwork(moto.endpoint));
  });
});
