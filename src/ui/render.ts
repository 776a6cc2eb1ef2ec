/**
 * Pure renderers: one result object → table, JSON or YAML text.
 */
import type { ElbctlError } from '../core/errors';
import type { Theme } from './theme';

// cli-table3 and the YAML library load only for output that needs them (loadRenderers, before
// rendering): each is a chunk of its own in dist/, so JSON output (scripts, CI) and a one-line
// message never read them.
let tables: typeof import('cli-table3') | undefined;
let yamlLibrary: typeof import('yaml') | undefined;

/** Loads what rendering `view` (any view when left out) in `format` needs; call it before rendering. */
export async function loadRenderers(format: OutputFormat, view?: View): Promise<void> {
  // A CommonJS package: under every loader (dist/'s chunks, jest) its exports are the default.
  if (format === 'yaml')
    yamlLibrary ??= ((await import('yaml')) as unknown as { default: typeof import('yaml') }).default;
  if (format === 'table' && (view === undefined || drawsTable(view))) tables ??= (await import('cli-table3')).default;
}

function drawsTable(view: View): boolean {
  if (view.kind === 'table') return view.rows.length > 0;
  return view.kind === 'sections' && view.sections.some((s) => drawsTable(s.view));
}

function loaded<T>(library: T | undefined, name: string): T {
  if (library === undefined) throw new Error(`${name} is not loaded: call loadRenderers() before rendering`);
  return library;
}
const loadTable = () => loaded(tables, 'cli-table3');
const loadYaml = () => loaded(yamlLibrary, 'yaml');

export type OutputFormat = 'table' | 'json' | 'yaml' | 'sarif';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  /** Colour the cell by its text (states like healthy/unhealthy). */
  stateColour?: boolean;
}

/** How a result looks in table form. Built from the same data that JSON/YAML print. */
export type View =
  | { kind: 'table'; columns: Column<never>[]; rows: readonly unknown[]; empty: string }
  | { kind: 'fields'; fields: ReadonlyArray<readonly [string, string]> }
  | { kind: 'message'; text: string }
  | { kind: 'sections'; sections: ReadonlyArray<{ title: string; view: View }> };

export interface Result {
  /** The stable, camelCase JSON value (cli-surface.md "JSON result shapes"). */
  data: unknown;
  view: View;
  /** Exit code for a successful run that still signals something (e.g. 2: a plan has changes). */
  exitCode?: number;
  /** Exact text for `-o yaml` when the result is a YAML document with comments (a stack file). */
  yaml?: string;
  /** The result as a SARIF 2.1.0 log, for `-o sarif` (only commands whose leaf lists `sarif` in its outputs). */
  sarif?: string;
  /** Exact text for stdout in every format: what is printed is not data but a file (a shell script). */
  raw?: string;
  /**
   * The command failed, yet its result is still worth printing (a partly applied plan: what was
   * done, what failed, what was skipped). The result goes to stdout, the error to stderr, and the
   * error's exit code wins.
   */
  error?: ElbctlError | undefined;
}

export function tableView<Row>(rows: readonly Row[], columns: Column<Row>[], empty: string): View {
  return { kind: 'table', columns: columns as unknown as Column<never>[], rows, empty };
}

export function renderJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export function renderYaml(data: unknown): string {
  return loadYaml().stringify(data, { lineWidth: 0 });
}

export function renderView(view: View, theme: Theme, width = 120): string {
  switch (view.kind) {
    case 'message':
      return `${view.text}\n`;
    case 'fields': {
      const labelWidth = Math.max(0, ...view.fields.map(([k]) => k.length));
      return `${view.fields.map(([k, v]) => `${theme.dim(k.padEnd(labelWidth))}  ${v}`).join('\n')}\n`;
    }
    case 'sections':
      return view.sections.map((s) => `${theme.bold(s.title)}\n${renderView(s.view, theme, width)}`).join('\n');
    case 'table': {
      if (view.rows.length === 0) return `${view.empty}\n`;
      const Table = loadTable();
      const table = new Table({
        head: view.columns.map((c) => theme.bold(c.header)),
        style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
        chars: {
          top: '',
          'top-mid': '',
          'top-left': '',
          'top-right': '',
          bottom: '',
          'bottom-mid': '',
          'bottom-left': '',
          'bottom-right': '',
          left: '',
          'left-mid': '',
          mid: '',
          'mid-mid': '',
          right: '',
          'right-mid': '',
          middle: '',
        },
        wordWrap: false,
      });
      for (const row of view.rows) {
        table.push(
          view.columns.map((c) => {
            const text = c.value(row as never);
            return c.stateColour ? theme.state(text) : text;
          }),
        );
      }
      // cli-table3 pads the last column too; trim the trailing spaces of each line.
      return `${table
        .toString()
        .split('\n')
        .map((l) => l.replace(/\s+$/, ''))
        .join('\n')}\n`;
    }
  }
}

export function renderResult(result: Result, format: OutputFormat, theme: Theme, width?: number): string {
  if (result.raw !== undefined) return result.raw;
  if (format === 'json') return renderJson(result.data);
  if (format === 'sarif') return result.sarif ?? renderJson(result.data);
  if (format === 'yaml') return result.yaml ?? renderYaml(result.data);
  return renderView(result.view, theme, width);
}

/**
 * A --query result, shaped like nothing elbctl chose: JSON and YAML print it as it is; a table
 * shows it the way the AWS CLI does: scalars one per line, a list of objects as columns (every key
 * any object has), an object as key/value lines, anything nested as JSON.
 */
export function renderQueried(value: unknown, format: OutputFormat, theme: Theme, width?: number): string {
  if (format === 'json' || format === 'sarif') return renderJson(value);
  if (format === 'yaml') return renderYaml(value);
  return renderView(queryView(value), theme, width);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function queryView(value: unknown): View {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isRecord)) {
      const keys = [...new Set(value.flatMap((row) => Object.keys(row)))];
      const columns = keys.map((k) => ({ header: k, value: (row: Record<string, unknown>) => cell(row[k]) }));
      return tableView(value, columns, '');
    }
    return { kind: 'message', text: value.map(cell).join('\n') };
  }
  if (isRecord(value)) return { kind: 'fields', fields: Object.entries(value).map(([k, v]) => [k, cell(v)] as const) };
  return { kind: 'message', text: cell(value) };
}
