/**
 * `elbctl --help`, `elbctl NOUN [VERB] --help` and `--version` are printed by bin/elbctl from help
 * pages extracted at build time (src/cli/help/), without commander. They must never drift from
 * what commander prints: every page of the real tree is rendered both ways at many widths, from
 * the sources and from the build (dist/help.cjs with dist/help-pages.json against dist/main.mjs),
 * and the built bin/elbctl is run as a user would.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { main } from '../../src/cli/main';
import { buildProgram } from '../../src/cli/program';
import { helpPages } from '../../src/cli/help/extract';
import { pageFor, serveHelp } from '../../src/cli/help/page';
import { FakeIO } from '../../src/ui/io';
import { MAIN, ROOT } from '../support/built';
import { BIN, assertBuilt } from '../support/cli-process';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** `undefined`: output is not a terminal (commander's 80); the others are terminal widths, around every threshold. */
const WIDTHS = [undefined, 1, 20, 39, 40, 41, 63, 64, 80, 81, 120, 400];

const program = () =>
  buildProgram(VERSION, async () => {
    throw new Error('a help page never runs a command');
  });

function paths(cmd: Command, prefix: string[] = []): string[][] {
  return [prefix, ...cmd.commands.flatMap((c) => paths(c, [...prefix, c.name()]))];
}

async function commanderOutput(argv: string[], width: number | undefined) {
  const io = new FakeIO({ tty: width !== undefined, columns: width ?? 120 });
  const code = await main(argv, { io });
  return { code, out: io.out, err: io.err };
}

describe('help pages served without commander', () => {
  const pages = helpPages(program(), VERSION);
  const every = paths(program());

  it('GIVEN the command tree WHEN pages are extracted THEN there is one per command, hidden ones included, and each is non-trivial', () => {
    expect(Object.keys(pages.pages).sort()).toEqual(every.map((p) => p.join(' ')).sort());
    expect(every.length).toBeGreaterThan(30);
    expect(Object.keys(pages.pages)).toEqual(expect.arrayContaining(['', 'lb', 'lb list', 'validate', '__complete']));
    expect(pages.version).toBe(VERSION);
  });

  // -h at two widths (it is the same flag to both), --help at every width: the suite runs on every Node line of CI
  it.each(WIDTHS)(
    'GIVEN every command path WHEN its help is rendered at width %p THEN it is exactly what commander prints',
    async (width) => {
      for (const path of every) {
        for (const flag of width === undefined || width === 80 ? ['--help', '-h'] : ['--help']) {
          const argv = [...path, flag];
          const live = await commanderOutput(argv, width);
          expect({ argv, code: live.code, err: live.err }).toEqual({ argv, code: 0, err: '' });
          expect({ argv, out: pageFor(argv, () => pages, width) }).toEqual({ argv, out: live.out });
        }
      }
    },
  );

  it('GIVEN every command path WHEN its help is rendered just below, at and above the width where its descriptions start to wrap THEN it is exactly what commander prints', async () => {
    for (const path of every) {
      const { termWidth } = pages.pages[path.join(' ')] as { termWidth: number };
      // a description wraps when 40 columns are left beside the terms (2 indent + 2 spacer)
      for (const width of [termWidth + 43, termWidth + 44, termWidth + 45]) {
        const argv = [...path, '--help'];
        const live = await commanderOutput(argv, width);
        expect({ argv, width, out: pageFor(argv, () => pages, width) }).toEqual({ argv, width, out: live.out });
      }
    }
  });

  it.each([['--version'], ['-V']])(
    'GIVEN %s WHEN served THEN it prints the version as commander does',
    async (flag) => {
      const live = await commanderOutput([flag], undefined);

      expect(pageFor([flag], () => pages, undefined)).toBe(live.out);
      expect(live.out).toBe(`${VERSION}\n`);
    },
  );

  it.each([
    [[]],
    [['help']],
    [['help', 'lb']],
    [['lb', 'help']],
    [['lb']],
    [['lb', 'nope', '--help']],
    [['nope', '--help']],
    [['--region', 'x', '--help']],
    [['lb', 'list', '--region', 'x', '--help']],
    [['validate', '-f', '--help']],
    [['lb', '--help', 'list']],
    [['--help', '--help']],
    [['--version', '--help']],
    [['--version', 'x']],
    [['lb', '--version']],
    [['lb', 'list']],
  ])(
    'GIVEN argv %p, which commander must parse, WHEN asked THEN no page is served and the pages are not even read',
    (argv) => {
      const written: string[] = [];
      const load = jest.fn(() => pages);

      const served = serveHelp(argv, { write: (t) => written.push(t), isTTY: true, columns: 100 }, load);

      expect(served).toBe(false);
      expect(written).toEqual([]);
      if (!argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V')) {
        expect(load).not.toHaveBeenCalled();
      }
    },
  );

  it('GIVEN a terminal WHEN help is served THEN it is laid out for its width, and for 80 columns when output is piped', () => {
    const shown = (isTTY: boolean, columns: number) => {
      let text = '';
      expect(serveHelp(['--help'], { write: (t) => (text += t), isTTY, columns }, () => pages)).toBe(true);
      return text;
    };

    expect(shown(true, 200)).toBe(pageFor(['--help'], () => pages, 200));
    expect(shown(false, 200)).toBe(pageFor(['--help'], () => pages, undefined));
    expect(shown(true, 0)).toBe(pageFor(['--help'], () => pages, 100));
    expect(shown(true, 200)).not.toBe(shown(false, 200));
  });
});

describe('help pages of the build', () => {
  beforeAll(assertBuilt);

  it('GIVEN dist/ WHEN every page is served by dist/help.cjs at every width THEN it is exactly what dist/main.mjs prints through commander', () => {
    // One child process: the built files are ES modules and CommonJS outside jest's transform.
    const script = `
      const help = require(${JSON.stringify(join(ROOT, 'dist', 'help.cjs'))});
      const pages = require(${JSON.stringify(join(ROOT, 'dist', 'help-pages.json'))});
      const widths = ${JSON.stringify(WIDTHS.map((w) => w ?? null))};
      (async () => {
        const { main } = await import(${JSON.stringify(MAIN)});
        const stream = (tty, columns) => ({ out: '', isTTY: tty, columns, write(t) { this.out += t; } });
        const results = [];
        for (const path of Object.keys(pages.pages)) {
          for (const width of widths) {
            const argv = [...(path ? path.split(' ') : []), '--help'];
            const tty = width !== null;
            const io = { stdout: stream(tty, width ?? 120), stderr: stream(tty, width ?? 120), stdinIsTTY: false, env: {}, readLine: async () => undefined };
            const code = await main(argv, { io });
            const served = stream(tty, width ?? 120);
            const ok = help.serveHelp(argv, served, () => pages);
            results.push({ argv, width, code, err: io.stderr.out, same: ok && served.out === io.stdout.out });
          }
        }
        process.stdout.write(JSON.stringify(results));
      })();
    `;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    const results = JSON.parse(child.stdout) as Array<{ argv: string[]; code: number; err: string; same: boolean }>;

    expect(results.length).toBe(
      Object.keys(JSON.parse(readFileSync(join(ROOT, 'dist', 'help-pages.json'), 'utf8')).pages).length * WIDTHS.length,
    );
    expect(results.filter((r) => r.code !== 0 || r.err !== '' || !r.same)).toEqual([]);
  });

  it.each([
    [['--help']],
    [['-h']],
    [['lb', '--help']],
    [['lb', 'list', '-h']],
    [['validate', '--help']],
    [['--version']],
  ])('GIVEN the built bin/elbctl WHEN run with %p THEN it prints what commander prints and exits 0', (argv) => {
    const bin = spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    const live = spawnSync(
      process.execPath,
      [
        '-e',
        `import(${JSON.stringify(MAIN)}).then((m) => m.main(JSON.parse(process.argv[1]))).then((c) => { process.exitCode = c; })`,
        JSON.stringify(argv),
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );

    expect({ status: bin.status, stdout: bin.stdout, stderr: bin.stderr }).toEqual({
      status: 0,
      stdout: live.stdout,
      stderr: '',
    });
    expect(live.status).toBe(0);
    expect(bin.stdout.length).toBeGreaterThan(5);
  });
});
