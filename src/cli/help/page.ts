/**
 * A help page as data, and its layout. `elbctl --help`, `elbctl NOUN [VERB] --help` and
 * `--version` are answered from pages extracted at BUILD time from the real command tree
 * (./extract.ts, through commander's own Help), so those runs load neither commander nor the
 * tree. The layout below is commander's formatHelp for pages of text (its Help in
 * node_modules/commander/lib/help.js): test/cli/fast-help.test.ts renders every page of the tree
 * both ways, at several widths, and fails on any difference. No imports: bin/elbctl requires the
 * built file (dist/help.cjs) before anything else.
 */

type Item = readonly [term: string, description: string];

/** One help page: what commander's Help computes for a command, before it lays it out. */
export interface HelpPage {
  /** `elbctl lb list [options]`. */
  usage: string;
  description: string;
  /** The width terms are padded to (Help.padWidth: the longest term of every section). */
  termWidth: number;
  /**
   * `Arguments:`, `Options:`, `Global Options:`, `Commands:`, in commander's order; never empty.
   * `items` indexes HelpPages.lists: most pages share their global options.
   */
  sections: ReadonlyArray<{ title: string; items: number }>;
  /** Text the command adds before and after its help (addHelpText), as commander writes it. */
  before: string;
  after: string;
}

export interface HelpPages {
  version: string;
  /** The item lists (term, description) the pages' sections show, each stored once. */
  lists: ReadonlyArray<ReadonlyArray<Item>>;
  /** By command path: `` for the root, `lb`, `lb list`. */
  pages: Readonly<Record<string, HelpPage>>;
}

/** Where help goes: process.stdout, or a fake in tests. */
export interface HelpOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

// Help's constants: items are indented by 2, with 2 between term and description; a description
// is wrapped only when at least 40 columns are left for it.
const ITEM_INDENT = 2;
const SPACER = 2;
const MIN_WIDTH_TO_WRAP = 40;

/** Wraps at whitespace, keeping the line breaks already there (Help.boxWrap; no colours here). */
function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/[\s]*[^\s]+/g);
    if (chunks === null) {
      wrapped.push('');
      continue;
    }
    let current = [chunks[0] as string];
    let currentWidth = (chunks[0] as string).length;
    for (const chunk of chunks.slice(1)) {
      if (currentWidth + chunk.length <= width) {
        current.push(chunk);
        currentWidth += chunk.length;
        continue;
      }
      wrapped.push(current.join(''));
      const next = chunk.trimStart();
      current = [next];
      currentWidth = next.length;
    }
    wrapped.push(current.join(''));
  }
  return wrapped.join('\n');
}

/** A term padded to the page's term width, its description wrapped beside it (Help.formatItem). */
function formatItem(term: string, termWidth: number, description: string, helpWidth: number): string {
  const indent = ' '.repeat(ITEM_INDENT);
  if (!description) return indent + term;
  const remaining = helpWidth - termWidth - SPACER - ITEM_INDENT;
  const preformatted = /\n[^\S\r\n]/.test(description);
  const formatted =
    remaining < MIN_WIDTH_TO_WRAP || preformatted
      ? description
      : boxWrap(description, remaining).replace(/\n/g, `\n${' '.repeat(termWidth + SPACER)}`);
  return `${indent}${term.padEnd(termWidth)}${' '.repeat(SPACER)}${formatted.replace(/\n/g, `\n${indent}`)}`;
}

/** The page as commander prints it for a help width (`undefined`: not a terminal, 80). */
function renderPage(pages: HelpPages, page: HelpPage, width: number | undefined): string {
  const helpWidth = width ?? 80;
  const lines = [`Usage: ${page.usage}`, ''];
  if (page.description.length > 0) lines.push(boxWrap(page.description, helpWidth), '');
  for (const section of page.sections) {
    const items = pages.lists[section.items] ?? [];
    lines.push(section.title, ...items.map(([t, d]) => formatItem(t, page.termWidth, d, helpWidth)), '');
  }
  return `${page.before}${lines.join('\n')}${page.after}`;
}

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-V']);

/**
 * What elbctl prints for `argv` when it is one of the shapes served from pages: `--version`/`-V`
 * alone, or a known command path followed by `--help`/`-h` (nothing else, so every other argv,
 * help mixed with options included, goes to commander). `undefined` when it is not.
 */
export function pageFor(
  argv: readonly string[],
  loadPages: () => HelpPages,
  width: number | undefined,
): string | undefined {
  if (argv.length === 1 && VERSION_FLAGS.has(argv[0] as string)) return `${loadPages().version}\n`;
  if (argv.length === 0 || !HELP_FLAGS.has(argv[argv.length - 1] as string)) return undefined;
  const path = argv.slice(0, -1);
  if (path.some((word) => word.startsWith('-'))) return undefined;
  const pages = loadPages();
  const page = pages.pages[path.join(' ')];
  return page === undefined ? undefined : renderPage(pages, page, width);
}

/**
 * bin/elbctl's first step: prints the page for `argv` and returns true, or returns false for
 * every argv the full CLI must handle. The help width is commander's, from the same IO main()
 * uses (src/ui/io.ts): the terminal's columns, or 80 when output is not a terminal.
 */
export function serveHelp(argv: readonly string[], out: HelpOutput, loadPages: () => HelpPages): boolean {
  const text = pageFor(argv, loadPages, out.isTTY ? out.columns || 100 : undefined);
  if (text === undefined) return false;
  out.write(text);
  return true;
}
