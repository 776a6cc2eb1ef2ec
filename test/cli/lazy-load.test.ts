/**
 * `elbctl --help`, `--version` and a subcommand's help must not load the AWS SDK, the UI
 * libraries or any command: that is what keeps them close to Node's own start. bin/elbctl serves
 * them from build-time help pages without even commander (test/cli/fast-help.test.ts checks the
 * pages); the CLI layer's main() must stay light too, for help that commander answers (mixed with
 * options). Checked on the BUILT CLI (dist/, as users run it) in a fresh Node process that records
 * every file it loads — CommonJS requires (the SDK, required lazily) and ES-module loads (dist/'s
 * chunks, through a loader hook) — and names the sources each loaded chunk was bundled from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkOf, expandChunks, MAIN, ROOT } from '../support/built';
import { BIN } from '../support/cli-process';

/** Sources and packages that only a command doing real work may load. */
const HEAVY = [
  'node_modules/@aws-sdk/',
  'node_modules/@smithy/',
  'node_modules/chalk/',
  'node_modules/ora/',
  'node_modules/yaml/',
  'node_modules/zod/',
  'node_modules/cli-table3/',
  'node_modules/@inquirer/',
  'node_modules/@jmespath-community/',
  'src/aws/',
  'src/commands/',
];

// Runs inside the child: records CommonJS loads by wrapping Module._load and ES-module loads
// with a loader hook that posts each URL back; a sentinel module marks the end of the stream.
const PROBE = `
const Module = require('node:module');
const fs = require('node:fs');
const { fileURLToPath } = require('node:url');
const { MessageChannel } = require('node:worker_threads');
const loaded = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exported = load.apply(this, arguments);
  try { loaded.add(Module._resolveFilename(request, parent, isMain)); } catch { loaded.add(request); }
  return exported;
};
const SENTINEL = 'data:text/javascript,export default "probe-end"';
const { port1, port2 } = new MessageChannel();
let ended;
const end = new Promise((resolve) => { ended = resolve; });
port1.on('message', (url) => {
  if (url === SENTINEL) ended();
  else if (url.startsWith('file:')) loaded.add(fileURLToPath(url));
});
const hooks = 'let port; export function initialize(data) { port = data.port; } ' +
  'export async function load(url, context, next) { port.postMessage(url); return next(url, context); }';
Module.register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
async function finish(code) {
  port1.ref();
  for (const extra of JSON.parse(process.env.PROBE_CONTROL)) await import(extra);
  await import(SENTINEL);
  await end;
  port1.close();
  for (const file of Object.keys(require.cache)) loaded.add(file);
  fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify({ code, loaded: [...loaded] }));
}
if (process.env.PROBE_BIN) {
  // bin/elbctl as Node runs it: its argv, its exit code, and whatever it left to load
  process.argv = [process.argv[0], process.env.PROBE_BIN, ...JSON.parse(process.env.PROBE_ARGS)];
  port1.unref(); // until bin/elbctl is done: its event loop empties, and beforeExit fires
  process.once('beforeExit', () => finish(process.exitCode ?? 0));
  require(process.env.PROBE_BIN);
} else {
  (async () => finish(await (await import(process.env.PROBE_MAIN)).main(JSON.parse(process.env.PROBE_ARGS))))();
}
`;

interface Probe {
  code: number;
  stdout: string;
  /** Sources (src/…), bundled packages (node_modules/…) and other files the run loaded. */
  loaded: string[];
}

/** Runs `main(args)` of dist/main.mjs, or with `bin`, the whole bin/elbctl, in a recording Node process. */
function probe(args: string[], control: string[] = [], bin?: string): Probe {
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
        ...(bin ? { PROBE_BIN: bin } : {}),
      },
    });
    if (child.status !== 0 || !existsSync(out)) {
      throw new Error(`probe of elbctl ${args.join(' ')} failed (status ${child.status}):\n${child.stderr}`);
    }
    const result = JSON.parse(readFileSync(out, 'utf8')) as { code: number; loaded: string[] };
    return { code: result.code, stdout: child.stdout, loaded: expandChunks(result.loaded) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const heavyIn = (loaded: string[]) => loaded.filter((f) => HEAVY.some((h) => f.includes(h)));

describe('lazy loading of the built CLI', () => {
  it('GIVEN the module recorder WHEN the AWS boundary and the theme are loaded after main THEN it sees the SDK, the boundary and chalk (the probe detects what it guards against)', () => {
    const r = probe(['--version'], [chunkOf('src/aws/index.ts'), chunkOf('src/ui/theme.ts')]);

    expect(heavyIn(r.loaded)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/node_modules/@aws-sdk/client-elastic-load-balancing-v2/'),
        expect.stringContaining('/node_modules/@smithy/'),
        'src/aws/index.ts',
        // chalk is bundled into a chunk: the metafile names it
        expect.stringMatching(/^node_modules\/chalk\//),
      ]),
    );
  });

  it('GIVEN main() of the CLI layer with --help WHEN run THEN commander prints the root help and nothing loads beyond it: no SDK, UI library or command module', () => {
    const r = probe(['--help']);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: elbctl \[options\] \[command\]/);
    expect(r.stdout).toContain('\n  lb ');
    expect(r.loaded).toEqual(expect.arrayContaining([expect.stringMatching(/^node_modules\/commander\//)]));
    expect(heavyIn(r.loaded)).toEqual([]);
  });

  it('GIVEN main() with --version WHEN run THEN prints the package version and loads no SDK, UI library or command module', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

    const r = probe(['--version']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
    expect(heavyIn(r.loaded)).toEqual([]);
  });

  it("GIVEN main() with lb list --help WHEN run THEN prints that command's help and loads no SDK, UI library or command module", () => {
    const r = probe(['lb', 'list', '--help']);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: elbctl lb list \[options\]/);
    expect(heavyIn(r.loaded)).toEqual([]);
  });

  it.each([[['--help']], [['lb', '--help']], [['lb', 'list', '-h']], [['--version']]])(
    'GIVEN bin/elbctl %p WHEN run THEN the page comes from the build-time help pages: neither commander nor the CLI layer loads',
    (args) => {
      const r = probe(args, [], BIN);

      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(5);
      expect(r.loaded.filter((f) => !f.startsWith('node:')).sort()).toEqual(
        // dist/help.cjs is named by its source
        [BIN, join(ROOT, 'dist', 'help-pages.json'), 'src/cli/help/page.ts'].sort(),
      );
    },
  );

  it('GIVEN bin/elbctl with help mixed with an option WHEN run THEN commander answers it (the recorder sees the CLI layer load)', () => {
    const r = probe(['--region', 'eu-west-1', '--help'], [], BIN);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: elbctl \[options\] \[command\]/);
    expect(r.loaded).toEqual(
      expect.arrayContaining(['src/cli/main.ts', expect.stringMatching(/^node_modules\/commander\//)]),
    );
    expect(heavyIn(r.loaded)).toEqual([]);
  });

  it('GIVEN elbctl validate WHEN run THEN it loads the stack code but no SDK and no AWS boundary', () => {
    const r = probe(['validate', '-f', join(ROOT, 'examples', 'alb-path-routing.yaml'), '-o', 'json']);

    expect(r.code).toBe(0);
    expect(r.loaded).toEqual(expect.arrayContaining(['src/commands/stack/validate.ts']));
    expect(r.loaded.filter((f) => /node_modules\/@aws-sdk\/|node_modules\/@smithy\/|^src\/aws\//.test(f))).toEqual([]);
  });
});
