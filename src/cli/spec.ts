/**
 * Commands as data. Each leaf names the module that runs it, and its arguments and flags name the
 * fields of that module's options type (`key`), so a flag that feeds no field, or a module whose
 * `run` takes other options, is a compile error here rather than an `opts as never` in main.ts.
 */
import type { Context } from '../commands/context';
import type { Result } from '../ui/render';

/** What the shell completes for a value: names read from the account (elbctl __complete), or a file path. */
export type Completes = 'load-balancer' | 'target-group' | 'listener' | 'file';

export interface ArgSpec<O> {
  key: keyof O & string;
  /** `<name>`, `<targets...>`, `[lb...]`. */
  syntax: string;
  description: string;
  completes?: Completes | undefined;
  /** The values the shell offers, from the same constants the validators use (loaded only to complete). */
  values?: (() => Promise<readonly string[]>) | undefined;
}

export interface OptionSpec<O> {
  /** commander's flags, e.g. `--type <type>`, `-f, --file <path>`, `--no-wait`. */
  flags: string;
  key: keyof O & string;
  description: string;
  required?: boolean | undefined;
  default?: string | undefined;
  /** Given once per value (`--tag a=1 --tag b=2`); any other flag given twice is a usage error. */
  repeatable?: boolean | undefined;
  completes?: Completes | undefined;
  values?: (() => Promise<readonly string[]>) | undefined;
}

export interface CommandModule<O> {
  run(opts: O, ctx: Context): Promise<Result>;
}

export interface LeafSpec<O> {
  name: string;
  description: string;
  /** Left out of help and completion (an entry point for scripts, not for people). */
  hidden?: boolean | undefined;
  /** Runs when its group is given no subcommand name (`listener certs web:443` is `listener certs list web:443`). */
  isDefault?: boolean | undefined;
  args?: ReadonlyArray<ArgSpec<O>>;
  options?: ReadonlyArray<OptionSpec<O>>;
  examples: readonly string[];
  /** Formats besides table, json and yaml that its result can be written in (`-o sarif`). */
  outputs?: readonly ExtraOutput[] | undefined;
  load: () => Promise<CommandModule<O>>;
}

/** Output formats only some commands write. */
export type ExtraOutput = 'sarif';

/** A leaf with its options type checked and then erased, so leaves of every type fit in one table. */
export interface Leaf {
  kind: 'leaf';
  name: string;
  description: string;
  hidden: boolean;
  isDefault: boolean;
  args: ReadonlyArray<ArgSpec<Record<string, unknown>>>;
  options: ReadonlyArray<OptionSpec<Record<string, unknown>>>;
  examples: readonly string[];
  outputs: readonly ExtraOutput[];
  /** Runs the command with the values parsed for its declared keys. */
  invoke(values: Record<string, unknown>, ctx: Context): Promise<Result>;
}

export interface Noun {
  kind: 'noun';
  name: string;
  description: string;
  /** Its verbs, and groups of verbs (`listener certs add`). */
  commands: ReadonlyArray<Leaf | Noun>;
}

export function leaf<O>(spec: LeafSpec<O>): Leaf {
  return {
    kind: 'leaf',
    name: spec.name,
    description: spec.description,
    hidden: spec.hidden === true,
    isDefault: spec.isDefault === true,
    args: (spec.args ?? []) as ReadonlyArray<ArgSpec<Record<string, unknown>>>,
    options: (spec.options ?? []) as ReadonlyArray<OptionSpec<Record<string, unknown>>>,
    examples: spec.examples,
    outputs: spec.outputs ?? [],
    // The parse boundary: commander's values are untyped, and they hold exactly the keys declared above.
    invoke: async (values, ctx) => (await spec.load()).run(values as O, ctx),
  };
}

export function noun(name: string, description: string, commands: ReadonlyArray<Leaf | Noun>): Noun {
  return { kind: 'noun', name, description, commands };
}
