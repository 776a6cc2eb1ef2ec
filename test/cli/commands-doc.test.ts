/**
 * docs/commands.md must describe exactly the command tree src/cli/tree/ declares: every leaf
 * command, its arguments, its flags and their defaults, the global options and the exit codes.
 * The checker walks the real commander tree, so adding a flag without documenting it (or
 * documenting one that was removed) fails here. The checker itself is tested on a synthetic
 * tree first, so we know it can fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Argument, Command, Help } from 'commander';
import { buildProgram } from '../../src/cli/program';
import { EXIT } from '../../src/cli/exit-codes';

// ------------------------------------------------------------------ the checker

interface Section {
  level: number;
  title: string;
  body: string;
}

/** Splits markdown at level-2 and level-3 headings; deeper headings and fenced code stay in the body. */
function splitSections(markdown: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { level: 0, title: '', body: '' };
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^(#{2,3})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      sections.push(current);
      current = { level: (heading[1] as string).length, title: heading[2] as string, body: '' };
    } else {
      current.body += `${line}\n`;
    }
  }
  sections.push(current);
  return sections;
}

interface Leaf {
  path: string;
  command: Command;
}

/** Subcommands a user sees: hidden ones (`elbctl __complete`, called by completion scripts) are documented in prose. */
const visible = (cmd: Command): Command[] => {
  const shown = new Help().visibleCommands(cmd);
  return cmd.commands.filter((c) => shown.includes(c));
};

function leaves(cmd: Command, prefix: string[] = []): Leaf[] {
  return visible(cmd).flatMap((c) => {
    const path = [...prefix, c.name()];
    return c.commands.length === 0 ? [{ path: path.join(' '), command: c }] : leaves(c, path);
  });
}

function allPaths(cmd: Command, prefix: string[] = []): string[] {
  return visible(cmd).flatMap((c) => {
    const path = [...prefix, c.name()];
    return [path.join(' '), ...allPaths(c, path)];
  });
}

function argumentTerm(a: Argument): string {
  const name = `${a.name()}${a.variadic ? '...' : ''}`;
  return a.required ? `<${name}>` : `[${name}]`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `--tag` as a whole flag: not the start of `--tags`, not the end of `x--tag`. */
const mentions = (text: string, flag: string) => new RegExp(`(^|[^\\w-])${escapeRegExp(flag)}(?![\\w-])`).test(text);

const LONG_FLAG = /(?:^|[^\w-])(--[a-z][a-z0-9-]*)/g;
const SHORT_FLAG = /(?:^|[\s`(|[])(-[a-zA-Z])(?![\w-])/g;

function flagsIn(text: string): string[] {
  return [
    ...[...text.matchAll(LONG_FLAG)].map((m) => m[1] as string),
    ...[...text.matchAll(SHORT_FLAG)].map((m) => m[1] as string),
  ];
}

/**
 * Code where an `elbctl …` command line is written: each inline code span, and each line of a
 * fenced block. A flag written on such a line belongs to the command that line runs.
 */
function codeSnippets(markdown: string): string[] {
  const fencedBlock = /^\s*```[^\n]*\n([\s\S]*?)^\s*```/gm;
  const lines = [...markdown.matchAll(fencedBlock)].flatMap((m) => (m[1] as string).split('\n'));
  const spans = [...markdown.replace(fencedBlock, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);
  return [...lines, ...spans];
}

const INVOCATION = /(?:^|[\s$(])elbctl((?:\s+[a-z][a-z-]*)+)(.*)$/;

/** Removes the command lines (fenced lines and code spans running `elbctl …`) from a section. */
function withoutInvocations(text: string): string {
  return text
    .replace(
      /^(\s*```[^\n]*\n)([\s\S]*?)(^\s*```)/gm,
      (_all, open: string, block: string, close: string) =>
        `${open}${block
          .split('\n')
          .map((l) => (INVOCATION.test(l) ? '' : l))
          .join('\n')}${close}`,
    )
    .replace(/`[^`\n]*`/g, (span) => (INVOCATION.test(span.slice(1, -1)) ? '' : span));
}

interface DocRules {
  exitCodes: readonly number[];
  environment: readonly string[];
}

const flagNames = (cmd: Command) =>
  cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)));

/** Every way docs/commands.md and the command tree disagree, one line each (empty when they match). */
function checkCommandDocs(program: Command, markdown: string, rules: DocRules): string[] {
  const problems: string[] = [];
  const sections = splitSections(markdown);
  const globalFlags = flagNames(program);
  const always = ['--help', '-h'];

  const leafList = leaves(program);
  const leafPaths = new Set(leafList.map((l) => l.path));
  const commandPaths = new Set(allPaths(program));

  for (const { path, command } of leafList) {
    const heading = `elbctl ${path}`;
    const matches = sections.filter((s) => s.level === 3 && s.title === heading);
    if (matches.length === 0) {
      problems.push(`missing heading "### ${heading}"`);
      continue;
    }
    if (matches.length > 1) problems.push(`heading "### ${heading}" appears ${matches.length} times`);
    const body = (matches[0] as Section).body;

    const own = flagNames(command);
    for (const flag of own) {
      if (!mentions(body, flag)) problems.push(`${heading}: flag ${flag} is not documented`);
    }
    // The default must be written next to its flag (the flag's table row), not just anywhere.
    for (const option of command.options) {
      const flag = option.long ?? '';
      const value = option.defaultValue as unknown;
      if (typeof value !== 'string') continue;
      if (!body.split('\n').some((line) => mentions(line, flag) && line.includes(value))) {
        problems.push(`${heading}: the default of ${flag} ("${value}") is not documented next to the flag`);
      }
    }
    // Command lines are checked against the command they run (below); the rest is about this command.
    for (const flag of new Set(flagsIn(withoutInvocations(body)))) {
      if (!own.includes(flag) && !globalFlags.includes(flag) && !always.includes(flag)) {
        problems.push(`${heading}: mentions ${flag}, which this command does not have`);
      }
    }

    const usage = body.split('\n').find((l) => l.startsWith(`${heading} `) || l === heading);
    if (!usage) {
      problems.push(`${heading}: no usage line starting with "${heading}"`);
      continue;
    }
    const tokens = usage.slice(heading.length).trim().split(/\s+/).filter(Boolean);
    const positional: string[] = [];
    tokens.forEach((raw, i) => {
      // A placeholder right after a flag is that flag's value, not an argument.
      const previous = (tokens[i - 1] ?? '').replace(/^[[(]+/, '');
      const isArgument = /^<[^<>]+>$/.test(raw) || /^\[[a-z][\w.-]*\]$/.test(raw);
      if (isArgument && !previous.startsWith('-')) positional.push(raw);
    });
    const expected = command.registeredArguments.map(argumentTerm);
    if (positional.join(' ') !== expected.join(' ')) {
      problems.push(
        `${heading}: usage line arguments are "${positional.join(' ')}", the command takes "${expected.join(' ')}"`,
      );
    }
    for (const argument of expected) {
      if (!body.includes(argument)) problems.push(`${heading}: argument ${argument} is not documented`);
    }
    for (const option of command.options) {
      const flag = option.long ?? option.short ?? '';
      if (!mentions(usage, flag)) problems.push(`${heading}: usage line lacks ${flag}`);
      else if (option.mandatory && new RegExp(`\\[${escapeRegExp(flag)}(?![\\w-])`).test(usage)) {
        problems.push(`${heading}: ${flag} is required but the usage line shows it as optional`);
      }
    }
  }

  for (const s of sections) {
    const named = /^elbctl\s+(.+)$/.exec(s.title);
    if (!named) continue;
    const path = (named[1] as string).trim();
    if (s.level === 3 && !leafPaths.has(path))
      problems.push(`heading "### ${s.title}" names no command of the program`);
    if (s.level !== 3 && !commandPaths.has(path)) problems.push(`heading "${s.title}" names no command of the program`);
  }

  // Every command line written anywhere must run a real command with flags it has.
  for (const code of codeSnippets(markdown)) {
    const m = INVOCATION.exec(code);
    if (!m) continue;
    const words = (m[1] as string).trim().split(/\s+/);
    let cmd: Command = program;
    const walked: string[] = [];
    let known = true;
    for (const word of words) {
      if (cmd.commands.length === 0) break; // the rest are arguments
      const next = cmd.commands.find((c) => c.name() === word);
      // `elbctl shift web:443 …` runs the noun's default verb with `web:443` as its argument.
      const fallback = (cmd as Command & { _defaultCommandName?: string | null })._defaultCommandName;
      if (!next && typeof fallback === 'string') {
        walked.push(fallback);
        cmd = cmd.commands.find((c) => c.name() === fallback) as Command;
        break;
      }
      if (!next) {
        problems.push(`"elbctl ${[...walked, word].join(' ')}" is written in the docs but is not a command`);
        known = false;
        break;
      }
      walked.push(word);
      cmd = next;
    }
    if (!known) continue;
    const allowed = [...flagNames(cmd), ...globalFlags, ...always];
    for (const flag of new Set(flagsIn(code.slice(code.indexOf('elbctl'))))) {
      if (!allowed.includes(flag))
        problems.push(`"${code.trim()}": ${flag} is not a flag of elbctl ${walked.join(' ')}`);
    }
  }

  const globals = sections.find((s) => s.level === 2 && s.title === 'Global options');
  if (!globals) problems.push('missing section "## Global options"');
  else {
    for (const flag of globalFlags) {
      if (!mentions(globals.body, flag)) problems.push(`Global options: ${flag} is not documented`);
    }
    for (const flag of new Set(flagsIn(withoutInvocations(globals.body)))) {
      if (!globalFlags.includes(flag) && !always.includes(flag))
        problems.push(`Global options: mentions ${flag}, which is not a global option`);
    }
  }

  const exits = sections.find((s) => s.level === 2 && s.title === 'Exit codes');
  if (!exits) problems.push('missing section "## Exit codes"');
  else {
    const rows = [...exits.body.matchAll(/^\|\s*`?(\d+)`?\s*\|/gm)].map((m) => Number(m[1]));
    for (const code of rules.exitCodes) {
      if (!rows.includes(code)) problems.push(`Exit codes: ${code} has no row`);
    }
    for (const code of rows) {
      if (!rules.exitCodes.includes(code))
        problems.push(`Exit codes: ${code} is documented but elbctl has no such exit code`);
    }
  }

  const env = sections.find((s) => s.level === 2 && s.title === 'Environment variables');
  if (!env) problems.push('missing section "## Environment variables"');
  else {
    for (const name of rules.environment) {
      if (!new RegExp(`\\b${name}\\b`).test(env.body))
        problems.push(`Environment variables: ${name} is not documented`);
    }
  }
  return problems;
}

/** Captures what `elbctl … --help` prints for one command (built-in help plus 'after' text). */
function helpOf(cmd: Command): string {
  let out = '';
  cmd.configureOutput({
    writeOut: (s) => {
      out += s;
    },
    writeErr: (s) => {
      out += s;
    },
    getOutHelpWidth: () => 200,
  });
  cmd.outputHelp();
  return out;
}

/** Every leaf's help ends with runnable examples; the root help lists every top-level command. */
function checkHelp(program: Command): string[] {
  const problems: string[] = [];
  for (const { path, command } of leaves(program)) {
    const help = helpOf(command);
    const examples = help.split('\nExamples:\n')[1];
    if (examples === undefined) {
      problems.push(`elbctl ${path} --help: no "Examples:" section`);
      continue;
    }
    const lines = examples.split('\n').filter((l) => l.trim().startsWith('$ '));
    if (lines.length === 0) problems.push(`elbctl ${path} --help: "Examples:" has no "$ elbctl" line`);
    // A noun's default verb runs without its name too: `elbctl shift web:443` is `elbctl shift start web:443`.
    const parent = command.parent as (Command & { _defaultCommandName?: string }) | null;
    const short = parent?._defaultCommandName === command.name() ? path.split(' ').slice(0, -1).join(' ') : undefined;
    for (const line of lines) {
      if (!line.trim().startsWith(`$ elbctl ${path}`) && !(short && line.trim().startsWith(`$ elbctl ${short} `)))
        problems.push(`elbctl ${path} --help: example "${line.trim()}" runs another command`);
    }
  }
  const root = helpOf(program);
  const commandsPart = root.split('\nCommands:\n')[1] ?? '';
  for (const top of visible(program)) {
    const description = top.description();
    if (description.trim() === '') {
      problems.push(`elbctl --help: command "${top.name()}" has no description`);
      continue;
    }
    const listed = commandsPart
      .split('\n')
      .some((l) => new RegExp(`^\\s+${escapeRegExp(top.name())}\\b.*\\s${escapeRegExp(description)}$`).test(l));
    if (!listed) problems.push(`elbctl --help: does not list "${top.name()}" with its description`);
  }
  return problems;
}

// ------------------------------------------------------------------ the checker on a synthetic tree

const RULES: DocRules = { exitCodes: [0, 64], environment: ['DEMO_REGION'] };

function syntheticProgram(extra?: (leaf: Command) => void): Command {
  const program = new Command('elbctl').option('--region <name>', 'region').option('-y, --yes', 'approve');
  const group = program.command('demo').description('demo things');
  const leaf = group
    .command('run')
    .description('run a demo')
    .argument('<target>', 'what to run')
    .requiredOption('--mode <mode>', 'fast or slow')
    .option('--level <n>', 'how much', '3')
    .addHelpText('after', '\nExamples:\n  $ elbctl demo run x --mode fast\n');
  group
    .command('stop')
    .description('stop a demo')
    .option('--force', 'do not wait')
    .addHelpText('after', '\nExamples:\n  $ elbctl demo stop --force\n');
  extra?.(leaf);
  return program;
}

// Written with ' for ` so the markdown stays readable inside a TypeScript string.
const SYNTHETIC_DOC = `# Commands

## Global options

| option | meaning |
|---|---|
| '--region <name>' | region |
| '-y, --yes' | approve |

## Environment variables

- 'DEMO_REGION': the region

## Exit codes

| code | meaning |
|---|---|
| 0 | success |
| 64 | usage |

## Demo

### elbctl demo run

Runs a demo.

'''
elbctl demo run <target> --mode <mode> [--level <n>]
# a comment in a code block is not a heading
'''

| flag | default | meaning |
|---|---|---|
| '--mode <mode>' | required | fast or slow |
| '--level <n>' | '3' | how much; add '-y' to approve |

'''
$ elbctl demo run x --mode fast
'''

Stop it with 'elbctl demo stop --force'.

### elbctl demo stop

'''
elbctl demo stop [--force]
'''

'--force': do not wait.
`.replace(/'/g, '`');

describe('the docs checker on a synthetic command tree', () => {
  it('GIVEN docs that match the tree WHEN checked THEN reports nothing', () => {
    expect(checkCommandDocs(syntheticProgram(), SYNTHETIC_DOC, RULES)).toEqual([]);
    expect(checkHelp(syntheticProgram())).toEqual([]);
  });

  it('GIVEN a flag added to the program but not to the docs WHEN checked THEN reports it, in the section and the usage line', () => {
    const program = syntheticProgram((leaf) => leaf.option('--dry-run', 'only show'));
    expect(checkCommandDocs(program, SYNTHETIC_DOC, RULES)).toEqual([
      'elbctl demo run: flag --dry-run is not documented',
      'elbctl demo run: usage line lacks --dry-run',
    ]);
  });

  it('GIVEN an argument added to the program WHEN checked THEN reports the usage line and the missing argument', () => {
    const program = syntheticProgram((leaf) => leaf.argument('[more...]', 'more'));
    expect(checkCommandDocs(program, SYNTHETIC_DOC, RULES)).toEqual([
      'elbctl demo run: usage line arguments are "<target>", the command takes "<target> [more...]"',
      'elbctl demo run: argument [more...] is not documented',
    ]);
  });

  it('GIVEN docs naming a flag, a command, a heading and a command line the program lacks WHEN checked THEN reports each as stale', () => {
    const doc = SYNTHETIC_DOC.replace('| how much;', '| how much, see `--gone`, `--force` and `elbctl demo walk`;')
      .replace('Stop it with `elbctl demo stop --force`', 'Stop it with `elbctl demo stop --mode fast`')
      .concat('\n### elbctl demo halt\n\nHalts.\n');
    expect(checkCommandDocs(syntheticProgram(), doc, RULES)).toEqual([
      'elbctl demo run: mentions --gone, which this command does not have',
      'elbctl demo run: mentions --force, which this command does not have',
      'heading "### elbctl demo halt" names no command of the program',
      '"elbctl demo walk" is written in the docs but is not a command',
      '"elbctl demo stop --mode fast": --mode is not a flag of elbctl demo stop',
    ]);
  });

  it('GIVEN a leaf without a heading WHEN checked THEN reports the missing heading', () => {
    const program = syntheticProgram();
    (program.commands[0] as Command).command('halt').description('halt');
    expect(checkCommandDocs(program, SYNTHETIC_DOC, RULES)).toEqual(['missing heading "### elbctl demo halt"']);
  });

  it('GIVEN a changed default and a required flag shown as optional WHEN checked THEN reports both', () => {
    const doc = SYNTHETIC_DOC.replace('| `3` |', '| `5` |').replace(
      '--mode <mode> [--level',
      '[--mode <mode>] [--level',
    );
    expect(checkCommandDocs(syntheticProgram(), doc, RULES)).toEqual([
      'elbctl demo run: the default of --level ("3") is not documented next to the flag',
      'elbctl demo run: --mode is required but the usage line shows it as optional',
    ]);
  });

  it('GIVEN a global option, an exit code and a variable missing or extra WHEN checked THEN reports each', () => {
    const program = syntheticProgram();
    program.option('--profile <name>', 'profile');
    const doc = SYNTHETIC_DOC.replace('| 64 | usage |', '| 65 | usage |')
      .replace('- `DEMO_REGION`: the region', '- region variable')
      .replace('| `-y, --yes` | approve |', '| `-y, --yes` | approve |\n| `--verbose` | more |');
    expect(checkCommandDocs(program, doc, RULES)).toEqual([
      'Global options: --profile is not documented',
      'Global options: mentions --verbose, which is not a global option',
      'Exit codes: 64 has no row',
      'Exit codes: 65 is documented but elbctl has no such exit code',
      'Environment variables: DEMO_REGION is not documented',
    ]);
  });

  it('GIVEN a leaf without examples, an example of another command and a group without a description WHEN help is checked THEN reports each', () => {
    const program = syntheticProgram();
    program.command('bare').command('thing').description('no examples');
    (program.commands[0] as Command)
      .command('halt')
      .description('halt')
      .addHelpText('after', '\nExamples:\n  $ elbctl demo stop\n');
    expect(checkHelp(program)).toEqual([
      'elbctl demo halt --help: example "$ elbctl demo stop" runs another command',
      'elbctl bare thing --help: no "Examples:" section',
      'elbctl --help: command "bare" has no description',
    ]);
  });
});

// ------------------------------------------------------------------ the real tree

const ENVIRONMENT = [
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL',
  'ELBCTL_ENDPOINT_URL',
  'ELBCTL_OUTPUT',
  'NO_COLOR',
  'FORCE_COLOR',
  'CI',
  'ELBCTL_DEBUG',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
];

describe('docs/commands.md against the real command tree', () => {
  const program = buildProgram('0.0.0', async () => undefined);
  const readDocs = () => readFileSync(join(__dirname, '../../docs/commands.md'), 'utf8');

  it('GIVEN the program WHEN walked THEN it has leaf commands to check (the walk itself works)', () => {
    expect(leaves(program).map((l) => l.path)).toEqual(expect.arrayContaining(['lb create', 'rule move']));
  });

  it('GIVEN docs/commands.md WHEN compared with every command, argument, flag, default, global option, exit code and variable THEN they match', () => {
    expect(checkCommandDocs(program, readDocs(), { exitCodes: Object.values(EXIT), environment: ENVIRONMENT })).toEqual(
      [],
    );
  });

  it('GIVEN the real program with a flag added in memory WHEN docs/commands.md is checked THEN the new flag is reported', () => {
    const changed = buildProgram('0.0.0', async () => undefined);
    const create = changed.commands
      .find((c) => c.name() === 'lb')
      ?.commands.find((c) => c.name() === 'create') as Command;
    create.option('--ip-pool <id>', 'IPAM pool');

    expect(checkCommandDocs(changed, readDocs(), { exitCodes: Object.values(EXIT), environment: ENVIRONMENT })).toEqual(
      ['elbctl lb create: flag --ip-pool is not documented', 'elbctl lb create: usage line lacks --ip-pool'],
    );
  });

  it('GIVEN every leaf command WHEN its help is printed THEN it ends with "$ elbctl" examples, and the root help lists every top-level command with its description', () => {
    expect(checkHelp(program)).toEqual([]);
  });
});
