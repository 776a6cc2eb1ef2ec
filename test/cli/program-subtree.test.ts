/**
 * main() builds only the top-level command argv names (src/cli/program.ts, buildProgram with
 * argv): whatever argv is, the outcome must be the whole tree's — the same output, the same
 * error, the same command run with the same options — and the tree must be the whole one
 * whenever argv does not plainly name a command.
 */
import { type Command, CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/program';

interface Outcome {
  out: string;
  err: string;
  error?: { kind: string; code: string; exitCode?: number; message: string };
  ran?: { path: string[]; options: Record<string, unknown>; globals: Record<string, unknown>; args: unknown[] };
}

function all(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(all)];
}

async function outcome(argv: string[], subtree: boolean): Promise<Outcome> {
  const o: Outcome = { out: '', err: '' };
  const program = buildProgram(
    '1.2.3',
    async (_invoke, command) => {
      const path: string[] = [];
      for (let c: Command | null = command; c?.parent; c = c.parent) path.unshift(c.name());
      o.ran = { path, options: command.opts(), globals: command.optsWithGlobals(), args: command.args };
    },
    subtree ? argv : undefined,
  );
  for (const cmd of all(program)) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => {
        o.out += s;
      },
      writeErr: (s) => {
        o.err += s;
      },
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
    });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const code = (e as { code?: unknown }).code;
    o.error = {
      kind: e.constructor.name,
      code: String(code),
      ...(e instanceof CommanderError ? { exitCode: e.exitCode } : {}),
      message: e.message,
    };
  }
  return o;
}

const names = (argv: string[]) => buildProgram('1.2.3', async () => undefined, argv).commands.map((c) => c.name());

const ARGVS: string[][] = [
  ['validate', '-f', 'stack.yaml'],
  ['validate', '-f', 'stack.yaml', '-o', 'json', '--bogus'],
  ['validate'],
  ['validate', 'extra'],
  ['--region', 'eu-west-1', 'lb', 'list'],
  ['--region=eu-west-1', '-o', 'json', 'lb', 'list', '--regio', 'x'],
  ['-y', '-q', '--no-color', 'lb', 'delete', 'web'],
  ['lb', 'crate'],
  ['lb'],
  ['lb', '--help'],
  ['lb', 'list', '-h'],
  ['tg', 'create', 'app'],
  ['tg', 'create', 'app', '--protocol', 'HTTP', '--port', '80', '--vpc', 'vpc-1'],
  ['rule', 'add', 'web:80', '--path', '/a', '--path', '/b', '--forward', 'app'],
  ['rule', 'add', 'web:80', '--query', 'a=b', '--forward', 'app'],
  ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--forward', 'app'],
  ['shift', 'status'],
  ['alarms', 'list'],
  ['plan', '-f', 's.yaml', '--detailed-exitcode'],
  ['--query', '[].name', 'tg', 'list'],
  ['--debug', 'doctor', 'app'],
  ['completion', 'bash'],
  ['help', 'lb'],
  ['--help'],
  ['-V'],
  ['validat', '-f', 'x'],
  ['-o'],
  ['-qo', 'json', 'validate', '-f', 'x'],
  ['--', 'validate'],
  [],
];

describe('the program built for one command', () => {
  it.each(ARGVS)(
    'GIVEN argv %j WHEN parsed by the program built for it THEN the outcome is the whole tree’s',
    async (...argv) => {
      const whole = await outcome(argv, false);
      const subtree = await outcome(argv, true);
      expect(subtree).toEqual(whole);
    },
  );

  it('GIVEN argv that plainly names a command WHEN the program is built THEN it holds only that command; otherwise the whole tree', () => {
    const every = names([]);
    expect(every.length).toBeGreaterThan(15);
    expect(names(['validate', '-f', 'x'])).toEqual(['validate']);
    expect(names(['--region', 'eu-west-1', '-o', 'json', 'lb', 'list'])).toEqual(['lb']);
    expect(names(['--region=eu-west-1', 'tg', 'list'])).toEqual(['tg']);
    for (const argv of [
      ['--help'],
      ['-h', 'lb'],
      ['-V'],
      ['validat'],
      ['-qo', 'json', 'validate'],
      ['--', 'lb'],
      ['--bogus', 'lb'],
    ])
      expect({ argv, names: names(argv) }).toEqual({ argv, names: every });
  });
});
