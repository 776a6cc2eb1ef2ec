/**
 * Process entry: parse argv, run one command, render its result, map any failure to an exit
 * code. The ONE place errors become exit codes and messages.
 */
import { CommanderError, type Command } from 'commander';
import { escapeControl } from '../core/echo';
import { ElbctlError, isElbctlError } from '../core/errors';
import type { IO } from '../ui/io';
import type { Prompter } from '../ui/prompter';
import type { Clock, Context } from '../commands/context';
import type { GlobalOptions } from './context';
import { EXIT, exitCodeFor } from './exit-codes';
import { buildProgram, type Runner } from './program';
import type { Query } from './query';
import type { Aws, AwsSettings } from '../aws';

export const VERSION: string = (require('../../package.json') as { version: string }).version;

export interface MainDeps {
  io?: IO;
  prompter?: Prompter;
  clock?: Clock;
  loadAws?: (settings: AwsSettings) => Promise<Aws>;
}

function processIoLazy(): IO {
  const { processIO }: typeof import('../ui/io') = require('../ui/io');
  return processIO();
}

/** Runs elbctl with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], deps: MainDeps = {}): Promise<number> {
  const io = deps.io ?? processIoLazy();
  let debug = false;
  let exitCode: number = EXIT.ok;

  const runner: Runner = async (invoke, command, outputs) => {
    const globals = command.optsWithGlobals() as GlobalOptions;
    debug = globals.debug === true || io.env.ELBCTL_DEBUG === '1';
    // Loaded here: `--help` and `--version` never build a context.
    const { buildContext } = await import('./context');
    const ctx: Context = await buildContext(globals, {
      io,
      version: VERSION,
      outputs,
      ...(deps.prompter ? { prompter: deps.prompter } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.loadAws ? { loadAws: deps.loadAws } : {}),
    });
    let result: Awaited<ReturnType<typeof invoke>>;
    try {
      result = await invoke(ctx);
    } finally {
      // only --debug prints the buckets: without it, their module is not even loaded
      if (ctx.debugEnabled) (await import('../commands/pacing')).debugPacing(ctx);
    }
    const { loadRenderers, renderQueried, renderResult } = await import('../ui/render');
    const { query } = command.optsWithGlobals<{ query?: Query }>();
    if (query) {
      const { applyQuery } = await import('./query');
      await loadRenderers(ctx.output);
      io.stdout.write(renderQueried(applyQuery(query, result.data), ctx.output, ctx.theme, io.stdout.columns));
    } else {
      if (result.raw === undefined) await loadRenderers(ctx.output, result.view);
      io.stdout.write(renderResult(result, ctx.output, ctx.theme, io.stdout.columns));
    }
    exitCode = result.error !== undefined ? reportError(result.error, io, debug) : (result.exitCode ?? EXIT.ok);
  };

  const program = buildProgram(VERSION, runner, argv);
  // Subcommands copy settings when they are created, so set these on every command of the tree.
  for (const cmd of [program, ...allCommands(program)]) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s),
      // commander's own default (a terminal's width, else 80), read from the injected IO; bin/elbctl's
      // help pages (src/cli/help/page.ts) are laid out for the same width
      getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : 80),
      getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : 80),
    });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    return reportError(e, io, debug);
  }
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

export function reportError(e: unknown, io: IO, debug: boolean): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return EXIT.ok;
    // commander already printed its message; a missing subcommand shows help and is a usage error
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const error: ElbctlError = isElbctlError(e)
    ? e
    : new ElbctlError('internal', 'E_INTERNAL', `internal error: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
        hint: 'this is a bug in elbctl; re-run with --debug and report it with the output',
      });
  // Messages quote input through quote() (cut and escaped); escaping again here guards the terminal
  // against any text that reached a message another way (an AWS message repeating a value).
  const lines = [`error: ${escapeControl(error.message)}`];
  for (const d of error.details) lines.push(`error: ${escapeControl(d)}`);
  if (error.hint) lines.push(`hint: ${escapeControl(error.hint)}`);
  if (debug) {
    lines.push(`code: ${error.code}`);
    const cause = error.cause ?? error;
    if (cause instanceof Error && cause.stack) lines.push(cause.stack);
  }
  io.stderr.write(`${lines.join('\n')}\n`);
  return exitCodeFor(error.kind);
}
