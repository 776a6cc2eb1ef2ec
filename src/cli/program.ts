/**
 * The command tree, built from the tables in src/cli/tree/. Only commander is loaded here: each
 * command's module (and through it the AWS SDK) is imported when that command runs, so
 * `elbctl --help` stays as fast as Node itself.
 */
import { type Argument, Command, Option } from 'commander';
import type { Context } from '../commands/context';
import type { Result } from '../ui/render';
import { compileQuery } from './query';
import { refuseRepeatedFlags } from './repeated-flags';
import type { Completes, ExtraOutput, Leaf, Noun } from './spec';
import { ALARMS } from './tree/alarms';
import { AUDIT } from './tree/audit';
import { CLASSIC, MIGRATE } from './tree/clb';
import { LISTENERS } from './tree/listeners';
import { LOAD_BALANCERS } from './tree/load-balancers';
import { OBSERVE_COMMANDS } from './tree/observe';
import { RULES } from './tree/rules';
import { SHIFT } from './tree/shift';
import { STACK_COMMANDS } from './tree/stacks';
import { TARGET_GROUPS } from './tree/target-groups';
import { SHELL_COMMANDS } from './tree/shell';
import { TAGS } from './tree/tags';
import { TARGETS } from './tree/targets';
import { TRUST_STORES } from './tree/trust-stores';

/** Every command of elbctl, in the order `elbctl --help` lists them. */
const COMMAND_TREE: ReadonlyArray<Noun | Leaf> = [
  LOAD_BALANCERS,
  TARGET_GROUPS,
  TARGETS,
  LISTENERS,
  RULES,
  TRUST_STORES,
  TAGS,
  ...STACK_COMMANDS,
  ...OBSERVE_COMMANDS,
  SHIFT,
  ALARMS,
  AUDIT,
  CLASSIC,
  MIGRATE,
  ...SHELL_COMMANDS,
];

/** What shell completion offers for a flag's or an argument's value (from the command tables). */
export interface CompletionHint {
  values?: (() => Promise<readonly string[]>) | undefined;
  completes?: Completes | undefined;
}

const hints = new WeakMap<Option | Argument, CompletionHint>();

export const completionHint = (x: Option | Argument): CompletionHint => hints.get(x) ?? {};

/** Runs one command: builds its context from the global options of `command`, then `invoke`s it. */
export type Runner = (
  invoke: (ctx: Context) => Promise<Result>,
  command: Command,
  /** Output formats this command writes besides table, json and yaml. */
  outputs: readonly ExtraOutput[],
) => Promise<void>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function examples(cmd: Command, lines: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/**
 * The program. With `argv`, when it plainly names a top-level command (only global options
 * before it, no help flag), the tree holds just that command: one command runs, and building
 * every other one cost more than anything else before the command starts. Without `argv`, or
 * when in any doubt, the whole tree (help, completion, suggestions for an unknown command).
 */
export function buildProgram(version: string, runner: Runner, argv?: readonly string[]): Command {
  const program = new Command('elbctl')
    .description(
      'Provision and operate AWS Elastic Load Balancing v2 (application and network load balancers):\nsafer than raw API calls, explained when something is wrong.',
    )
    .version(version, '-V, --version', 'print the elbctl version')
    .option('--profile <name>', 'AWS shared-config profile (env: AWS_PROFILE)')
    .option('--region <name>', 'AWS region (env: AWS_REGION, AWS_DEFAULT_REGION)')
    .option(
      '--endpoint-url <url>',
      'one endpoint for every AWS service, e.g. a local emulator (env: ELBCTL_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL)',
    )
    .addOption(
      new Option(
        '-o, --output <format>',
        'result format: table, json or yaml (env: ELBCTL_OUTPUT; default: table on a terminal, json otherwise)',
      ),
    )
    .addOption(
      new Option(
        '--query <expr>',
        'JMESPath expression applied to the result before it is printed, as in the AWS CLI, e.g. "[].name"',
      ).argParser(compileQuery),
    )
    .option('--no-color', 'no colour (also off with NO_COLOR or when stdout is not a terminal)')
    .option('--no-input', 'never prompt; a missing answer is an error naming the flag to pass (also with CI=true)')
    .option('-y, --yes', 'approve destructive or mutating confirmations')
    .option('--debug', 'log every AWS call to stderr, secrets redacted (env: ELBCTL_DEBUG=1)')
    .option('-q, --quiet', 'no progress or info lines on stderr')
    .option('--ca-bundle <file>', 'PEM file of CA certificates to trust for AWS endpoints (env: AWS_CA_BUNDLE)')
    .option('--no-verify-ssl', 'do not verify TLS certificates of AWS endpoints (unsafe; prints a warning)')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true });

  const output = program.options.find((o) => o.long === '--output');
  if (output) hints.set(output, { values: async () => (await import('./context')).OUTPUT_FORMATS });
  const repeatable = new Set<Option>();
  const only = argv ? namedEntry(program, argv) : undefined;
  for (const entry of only ? [only] : COMMAND_TREE) addEntry(program, entry, runner, repeatable);
  refuseRepeatedFlags(program, repeatable);
  return program;
}

/** The top-level command `argv` names after global options only; undefined when unsure. */
function namedEntry(program: Command, argv: readonly string[]): Noun | Leaf | undefined {
  const takesValue = new Set<string>();
  const flags = new Set<string>();
  for (const o of program.options)
    for (const f of [o.short, o.long]) if (f) (o.required || o.optional ? takesValue : flags).add(f);
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token.startsWith('-')) {
      const eq = token.indexOf('=');
      if (token.startsWith('--') && eq > 0 && takesValue.has(token.slice(0, eq))) continue;
      if (takesValue.has(token)) i++;
      else if (!flags.has(token) || token === '-V' || token === '--version') return undefined;
      continue;
    }
    return COMMAND_TREE.find((e) => e.name === token);
  }
  return undefined;
}

function addEntry(parent: Command, entry: Noun | Leaf, runner: Runner, repeatable: Set<Option>): void {
  if (entry.kind === 'leaf') {
    addLeaf(parent, entry, runner, repeatable);
    return;
  }
  const group = parent.command(entry.name).description(entry.description);
  for (const e of entry.commands) addEntry(group, e, runner, repeatable);
}

function addLeaf(parent: Command, spec: Leaf, runner: Runner, repeatable: Set<Option>): void {
  const cmd = parent
    .command(spec.name, { hidden: spec.hidden, isDefault: spec.isDefault })
    .description(spec.description);
  for (const a of spec.args) {
    cmd.argument(a.syntax, a.description);
    hints.set(cmd.registeredArguments[cmd.registeredArguments.length - 1] as Argument, a);
  }
  const attributes: Array<[key: string, attribute: string]> = [];
  for (const o of spec.options) {
    const option = new Option(o.flags, o.description);
    if (o.required) option.makeOptionMandatory();
    if (o.repeatable) {
      option.argParser(collect);
      repeatable.add(option);
    }
    if (o.default !== undefined) option.default(o.default);
    cmd.addOption(option);
    hints.set(option, o);
    attributes.push([o.key, option.attributeName()]);
  }
  cmd.action(async (...parsed: unknown[]) => {
    const command = parsed[parsed.length - 1] as Command;
    const values: Record<string, unknown> = {};
    for (const [key, attribute] of attributes) {
      const value = command.getOptionValue(attribute);
      if (value !== undefined) values[key] = value;
    }
    spec.args.forEach((a, i) => {
      values[a.key] = parsed[i];
    });
    await runner((ctx) => spec.invoke(values, ctx), command, spec.outputs);
  });
  if (spec.examples.length > 0) examples(cmd, spec.examples);
}
