/**
 * `elbctl --help`, `--version` and a subcommand's help must not load the AWS SDK or the UI
 * libraries: that is what keeps them as fast as Node itself. Checked on the BUILT CLI
 * (dist/, as users run it) in a fresh Node process that records every module it loads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'dist/cli/main.js');
const AWS_BOUNDARY = join(ROOT, 'dist/aws/index.js');
const THEME = join(ROOT, 'dist/ui/theme.js');

/** Modules that only a command doing real work may load. */
const HEAVY = [
  '/node_modules/@aws-sdk/',
  '/node_modules/@smithy/',
  '/node_modules/chalk/',
  '/node_modules/ora/',
  '/node_modules/yaml/',
  '/node_modules/cli-table3/',
  '/node_modules/@inquirer/',
  '/node_modules/@jmespath-community/',
  '/dist/aws/',
  '/dist/commands/',
];

// Runs inside the child: wraps Module._load so every require (including the ones TypeScript
// emits for `await import()`) is recorded by its resolved file name, then runs main().
const PROBE = `
const Module = require('module');
const fs = require('fs');
const loaded = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exported = load.apply(this, arguments);
  try { loaded.add(Module._resolveFilename(request, parent, isMain)); } catch { loaded.add(request); }
  return exported;
};
const args = JSON.parse(process.env.PROBE_ARGS);
require(process.env.PROBE_MAIN).main(args).then((code) => {
  for (const extra of JSON.parse(process.env.PROBE_CONTROL)) require(extra);
  for (const file of Object.keys(require.cache)) loaded.add(file);
  fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify({ code, loaded: [...loaded] }));
});
`;

interface Probe {
  code: number;
  stdout: string;
  loaded: string[];
}

function probe(args: string[], control: string[] = []): Probe {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run \`npm run build\` first (\`npm test\` builds in its pretest step)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'elbctl-lazy-'));
  const out = join(dir, 'probe.json');
  try {
    const child = spawnSync(process.execPath, ['-e', PROBE], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        PROBE_ARGS: JSON.stringify(args),
        PROBE_MAIN: MAIN,
        PROBE_OUT: out,
        PROBE_CONTROL: JSON.stringify(control),
      },
    });
    if (child.status !== 0 || !existsSync(out)) {
      throw new Error(`probe of elbctl ${args.join(' ')} failed (status ${child.status}):\n${child.stderr}`);
    }
    const result = JSON.parse(readFileSync(out, 'utf8')) as { code: number; loaded: string[] };
    return { code: result.code, stdout: child.stdout, loaded: result.loaded.map((f) => f.split('\\').join('/')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const heavyIn = (loaded: string[]) => loaded.filter((f) => HEAVY.some((h) => f.includes(h)));

describe('lazy loading of the built CLI', () => {
  it('GIVEN the module recorder WHEN the AWS boundary and the theme are required after main THEN it sees the SDK and chalk (the probe detects what it guards against)', () => {
    const r = probe(['--version'], [AWS_BOUNDARY, THEME]);

    expect(heavyIn(r.loaded)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/node_modules/@aws-sdk/client-elastic-load-balancing-v2/'),
        expect.stringContaining('/node_modules/@smithy/'),
        expect.stringContaining('/dist/aws/index.js'),
        // chalk is ESM-only: loaded through require(esm), a different path than the SDK's CommonJS
        expect.stringContaining('/node_modules/chalk/'),
      ]),
    );
  });

  it('GIVEN elbctl --help WHEN run THEN prints the root help and loads no SDK, UI library or command module', () => {
    const r = probe(['--help']);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: elbctl \[options\] \[command\]/);
    expect(r.stdout).toContain('\n  lb ');
    expect(r.loaded).toEqual(expect.arrayContaining([expect.stringContaining('/node_modules/commander/')]));
    expect(heavyIn(r.loaded)).toEqual([]);
  });

  it('GIVEN elbctl --version WHEN run THEN prints the package version and loads no SDK, UI library or command module', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

    const r = probe(['--version']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
    expect(heavyIn(r.loaded)).toEqual([]);
  });

  it("GIVEN elbctl lb list --help WHEN run THEN prints that command's help and loads no SDK, UI library or command module", () => {
    const r = probe(['lb', 'list', '--help']);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: elbctl lb list \[options\]/);
    expect(heavyIn(r.loaded)).toEqual([]);
  });
});
