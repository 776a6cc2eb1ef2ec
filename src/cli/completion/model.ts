/**
 * The command tree as shell completion needs it, read from the real commander tree (and the
 * command tables' hints): for every command path, its subcommands, flags and positional
 * arguments, with enum values resolved and account names marked by kind.
 */
import { type Command, Help, type Option } from 'commander';
import { completionHint } from '../program';
import type { Completes } from '../spec';

export interface ValueModel {
  /** Fixed words (enum values). */
  words: readonly string[];
  /** Or: names read from the account, or a file path. */
  completes?: Completes | undefined;
}

export interface FlagModel extends ValueModel {
  /** `-f`, `--file`. */
  names: readonly string[];
  takesValue: boolean;
  description: string;
}

interface ArgModel extends ValueModel {
  variadic: boolean;
}

interface CommandModel {
  /** `''` for elbctl itself, `lb create`, `validate`. */
  path: string;
  commands: readonly string[];
  /** What each subcommand does (its help's first line). */
  summaries: readonly string[];
  flags: readonly FlagModel[];
  args: readonly ArgModel[];
}

export interface CompletionModel {
  /** Global flags: accepted before or after any command. */
  globals: readonly FlagModel[];
  commands: readonly CommandModel[];
}

async function flag(option: Option): Promise<FlagModel> {
  const hint = completionHint(option);
  return {
    names: [option.short, option.long].filter((n): n is string => n !== undefined),
    takesValue: option.required || option.optional,
    description: option.description,
    words: hint.values ? await hint.values() : [],
    completes: hint.completes,
  };
}

export async function completionModel(program: Command): Promise<CompletionModel> {
  const help = new Help();
  const commands: CommandModel[] = [];
  const visit = async (cmd: Command, path: string[]): Promise<void> => {
    const visible = help.visibleCommands(cmd);
    // commander's implicit `help` command is listed, not visited: it takes a command name.
    const subcommands = cmd.commands.filter((c) => visible.includes(c));
    const own =
      cmd === program ? help.visibleOptions(cmd).filter((o) => o.long === '--help') : help.visibleOptions(cmd);
    commands.push({
      path: path.join(' '),
      commands: visible.map((c) => c.name()),
      summaries: visible.map((c) => help.subcommandDescription(c)),
      flags: await Promise.all(own.map(flag)),
      args: await Promise.all(
        cmd.registeredArguments.map(async (a) => {
          const hint = completionHint(a);
          return { variadic: a.variadic, words: hint.values ? await hint.values() : [], completes: hint.completes };
        }),
      ),
    });
    for (const sub of subcommands) await visit(sub, [...path, sub.name()]);
  };
  await visit(program, []);
  const globals = await Promise.all(
    help
      .visibleOptions(program)
      .filter((o) => o.long !== '--help')
      .map(flag),
  );
  return { globals, commands };
}
