/**
 * The stack loader: file TEXT in (reading the file happens in the command), a validated file
 * and its desired model out, or every problem with its line and column. Pure: no fs, no
 * process.
 */
import type { Document, Node } from 'yaml';
import { validationError, type ElbctlError } from '../errors';
import { secureDefaultWarnings, withDefaults } from './defaults';
import type { DesiredStack } from './model';
import type { PathProblem, PathSegment, StackProblem, StackWarning } from './problems';
import { readPlainYaml } from './plain-yaml';
import type { StackFile } from './schema';
import { validateStack } from './validate';

export type StackLoadResult =
  | {
      ok: true;
      fileName: string;
      file: StackFile;
      stack: DesiredStack;
      warnings: StackWarning[];
      /** Where a path of the file is (for problems found later, against the live account). */
      locate: (path: PathSegment[]) => { line: number; column: number };
    }
  | { ok: false; fileName: string; problems: StackProblem[] };

/**
 * Parses, validates and resolves defaults. Never throws on any input text. Problems come in
 * file order; `formatProblem(result.fileName, p)` gives the FILE:LINE:COL line.
 */
export function loadStack(text: string, fileName: string): StackLoadResult {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL byte is how binary data shows; YAML text never holds one
  const binary = /[\u0000\ufffd]/.exec(text);
  if (binary) {
    // Reading as UTF-8 turns bytes that are not text into U+FFFD; a NUL never appears in YAML.
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < binary.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return {
      ok: false,
      fileName,
      problems: [
        {
          path: [],
          line,
          column: binary.index - lineStart + 1,
          code: 'E_YAML',
          message: 'stack file: not a text file (it holds binary data); a stack file is YAML text, see docs/stacks.md',
        },
      ],
    };
  }

  // Most files are plain YAML, read quickly without positions (src/core/stack/plain-yaml.ts); the
  // yaml package parses a file the quick reader cannot read, and any file once a line and column
  // are needed (a problem, a warning, a later problem found against the account).
  let parsed: Parsed | undefined;
  const full = (): Parsed => {
    parsed ??= parseFull(text);
    return parsed;
  };
  let value: unknown = readPlainYaml(text);
  if (value === undefined) {
    const p = full();
    if (!p.ok) return { ok: false, fileName, problems: p.problems };
    value = p.value;
  }
  const where = (p: Pick<PathProblem, 'path' | 'at'>) => {
    const f = full();
    return f.ok ? locate(f.doc, p, f.position) : { line: 1, column: 1 };
  };

  const result = validateStack(value);
  if (!result.ok) {
    const located = result.problems.map((p) => ({
      ...where(p),
      path: p.path,
      message: p.message,
      code: p.code,
    }));
    located.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, fileName, problems: located };
  }
  const warnings = [
    ...secureDefaultWarnings(result.file),
    ...result.warnings.map((w) => ({ ...w, code: 'W_QUOTA' })),
  ].map((w) => ({ ...where(w), ...w }));
  return {
    ok: true,
    fileName,
    file: result.file,
    stack: withDefaults(result.file),
    warnings,
    locate: (path) => where({ path }),
  };
}

/**
 * A YAML document in the stack file's family (an `--actions-file`): its value and where each
 * path of it is, or its YAML problems, read by the same parser as a stack file.
 */
export function readYamlDocument(
  text: string,
):
  | { ok: true; value: unknown; where: (p: Pick<PathProblem, 'path' | 'at'>) => { line: number; column: number } }
  | { ok: false; problems: StackProblem[] } {
  const p = parseFull(text);
  if (!p.ok) return p;
  return { ok: true, value: p.value, where: (path) => locate(p.doc, path, p.position) };
}

type Position = (offset: number) => { line: number; column: number };
type Parsed = { ok: true; value: unknown; doc: Document; position: Position } | { ok: false; problems: StackProblem[] };

/** The yaml package's parse, with every node's source range: YAML errors, or the value and where each node is. */
function parseFull(text: string): Parsed {
  // loaded on first use: a file the quick reader reads and that has no problem never needs it
  const { LineCounter, parseDocument, visit }: typeof import('yaml') = require('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position: Position = (offset) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: [],
        ...position(e.pos[0]),
        code: 'E_YAML' as const,
        message:
          e.code === 'MULTIPLE_DOCS'
            ? 'yaml: the file holds more than one document (a second "---"); a stack file is one document, put every load balancer and target group in it'
            : `yaml: ${lowerFirst(e.message)}`,
      })),
    };
  }

  // An alias to an anchor that does not exist (or comes later) only fails when turned into values.
  const unresolved: StackProblem[] = [];
  if (MAY_HOLD_ALIAS.test(text))
    visit(doc, {
      Alias(_, alias) {
        if (alias.resolve(doc) === undefined) {
          unresolved.push({
            path: [],
            ...position(alias.range?.[0] ?? 0),
            code: 'E_YAML',
            message: `yaml: alias "*${alias.source}" refers to no anchor; define &${alias.source} before it`,
          });
        }
      },
    });
  if (unresolved.length > 0) return { ok: false, problems: unresolved };

  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }), doc, position };
  } catch (e) {
    // Alias bombs (exponential expansion) surface only when the document is turned into values.
    return {
      ok: false,
      problems: [
        { path: [], line: 1, column: 1, code: 'E_YAML', message: `yaml: ${lowerFirst((e as Error).message)}` },
      ],
    };
  }
}

/** `FILE:LINE:COL: message` — the form editors and CI annotations understand. */
export function formatProblem(fileName: string, p: { line: number; column: number; message: string }): string {
  return `${fileName}:${p.line}:${p.column}: ${p.message}`;
}

export function formatWarning(fileName: string, w: StackWarning): string {
  return `${fileName}:${w.line}:${w.column}: warning: ${w.message}`;
}

/** One validation error (exit 64) carrying every problem, each as FILE:LINE:COL: message. */
export function stackValidationError(fileName: string, problems: readonly StackProblem[]): ElbctlError {
  const lines = problems.map((p) => formatProblem(fileName, p));
  const [first, ...rest] = lines;
  return validationError('E_STACK_INVALID', first ?? `${fileName}: invalid stack file`, {
    details: rest,
    hint:
      problems.length > 1
        ? `${problems.length} problems; fix them all, then run \`elbctl validate -f ${fileName}\` again`
        : undefined,
  });
}

/** `loadStack`, throwing the validation error when the file has problems. */
export function loadStackOrThrow(text: string, fileName: string): Extract<StackLoadResult, { ok: true }> {
  const r = loadStack(text, fileName);
  if (!r.ok) throw stackValidationError(fileName, r.problems);
  return r;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * An alias is a `*` where a token starts: first in the text, after white space, or after `[`,
 * `{`, `,` or `:` (flow collections). Text without one holds no alias, and the walk over every
 * node that looks for aliases is skipped (most stack files: `/api/*` and `"*.example.com"` are
 * not aliases).
 */
const MAY_HOLD_ALIAS = /(?:^|[\s[{,:])\*/;

/**
 * The line and column of the node a path names: its value, or its key for unknown keys. A path
 * that runs past the document (a missing field) points at the deepest node that exists, i.e.
 * the object the field is missing from.
 */
function locate(
  doc: Document,
  p: Pick<PathProblem, 'path' | 'at'>,
  position: Position,
): { line: number; column: number } {
  const { isMap, isPair, isSeq }: typeof import('yaml') = require('yaml');
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  const path: PathSegment[] = p.path;
  for (let n = 0; n < path.length; n++) {
    const seg = path[n] as PathSegment;
    const last = n === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(seg));
      if (!pair) break;
      if (last && p.at === 'key') {
        offset = rangeStart(pair.key) ?? offset;
        break;
      }
      // `key:` with nothing after it has a null value node whose range sits at the line end.
      const start = rangeStart(pair.value);
      offset = start !== undefined && !isEmptyScalar(pair.value) ? start : (rangeStart(pair.key) ?? offset);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return position(offset);
}

function keyText(key: unknown): string | undefined {
  const { isScalar }: typeof import('yaml') = require('yaml');
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function isEmptyScalar(node: unknown): boolean {
  const { isScalar }: typeof import('yaml') = require('yaml');
  return isScalar(node) && node.value === null && (node as { source?: string }).source === '';
}
