/**
 * The help pages of a commander tree, computed by commander's own Help (terms, descriptions,
 * usage, padding, the text added around the help), for ./page.ts to lay out. Run at build time
 * on the real tree (scripts/build.js writes dist/help-pages.json) and by the test that compares
 * every page with commander's live output.
 */
import type { Command, Help } from 'commander';
import type { HelpPage, HelpPages } from './page';

/** A page with its item lists inline, as extracted (HelpPages stores each list once). */
type ExtractedPage = Omit<HelpPage, 'sections'> & { sections: Array<{ title: string; items: Item[] }> };

type Item = readonly [term: string, description: string];

/** The text a help event writes (addHelpText), as commander's outputHelp emits it. */
function written(
  emit: (context: { error: boolean; command: Command; write: (s: string) => void }) => void,
  cmd: Command,
) {
  let text = '';
  emit({ error: false, command: cmd, write: (s) => (text += s) });
  return text;
}

/** commander's Command is an EventEmitter (lib/command.js); its typings leave that out. */
const events = (cmd: Command) => cmd as unknown as NodeJS.EventEmitter;

function ancestors(cmd: Command): Command[] {
  const chain: Command[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) chain.push(c);
  return chain;
}

/** Options or subcommands in the groups formatHelp shows them in, each group in order of appearance. */
function grouped<T extends Command | import('commander').Option>(
  helper: Help,
  all: T[],
  visible: T[],
  groupOf: (item: T) => string,
  item: (x: T) => Item,
): Array<{ title: string; items: Item[] }> {
  return [...helper.groupItems(all, visible, groupOf)].map(([title, items]) => ({ title, items: items.map(item) }));
}

function pageOf(cmd: Command): ExtractedPage {
  const helper = cmd.createHelp();
  const sections: Array<{ title: string; items: Item[] }> = [
    {
      title: 'Arguments:',
      items: helper.visibleArguments(cmd).map((a) => [helper.argumentTerm(a), helper.argumentDescription(a)] as const),
    },
    ...grouped(
      helper,
      [...cmd.options],
      helper.visibleOptions(cmd),
      (o) => o.helpGroupHeading ?? 'Options:',
      (o) => [helper.optionTerm(o), helper.optionDescription(o)] as const,
    ),
    {
      title: 'Global Options:',
      items: helper.showGlobalOptions
        ? helper.visibleGlobalOptions(cmd).map((o) => [helper.optionTerm(o), helper.optionDescription(o)] as const)
        : [],
    },
    ...grouped(
      helper,
      [...cmd.commands],
      helper.visibleCommands(cmd),
      (c) => c.helpGroup() || 'Commands:',
      (c) => [helper.subcommandTerm(c), helper.subcommandDescription(c)] as const,
    ),
  ];
  const chain = ancestors(cmd);
  return {
    usage: helper.commandUsage(cmd),
    description: helper.commandDescription(cmd),
    termWidth: helper.padWidth(cmd, helper),
    sections: sections.filter((s) => s.items.length > 0),
    before:
      chain
        .slice()
        .reverse()
        .map((c) => written((ctx) => events(c).emit('beforeAllHelp', ctx), cmd))
        .join('') + written((ctx) => events(cmd).emit('beforeHelp', ctx), cmd),
    after:
      written((ctx) => events(cmd).emit('afterHelp', ctx), cmd) +
      chain.map((c) => written((ctx) => events(c).emit('afterAllHelp', ctx), cmd)).join(''),
  };
}

/** Every command of the tree, hidden ones too (commander prints their help), by path. */
export function helpPages(program: Command, version: string): HelpPages {
  const lists: Item[][] = [];
  const index = new Map<string, number>();
  const intern = (items: Item[]): number => {
    const key = JSON.stringify(items);
    let at = index.get(key);
    if (at === undefined) {
      at = lists.push(items) - 1;
      index.set(key, at);
    }
    return at;
  };
  const pages: Record<string, HelpPage> = {};
  const walk = (cmd: Command, path: string[]) => {
    const page = pageOf(cmd);
    pages[path.join(' ')] = {
      ...page,
      sections: page.sections.map((s) => ({ title: s.title, items: intern(s.items) })),
    };
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return { version, lists, pages };
}
