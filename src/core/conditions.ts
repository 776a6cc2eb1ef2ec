/**
 * Listener rule conditions written as `rule add` flags, and their one-line summary for tables.
 * Whether they are valid is the rulebook's (rules/rule.ts), for flags and stack files alike.
 */
import { quote } from './echo';
import type { Condition } from './model';
import { type Problem, problem } from './rules/problem';
import { conditionProblems, queryPairText } from './rules/rule';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export interface ConditionFlags {
  path?: readonly string[] | undefined;
  host?: readonly string[] | undefined;
  header?: readonly string[] | undefined;
  query?: readonly string[] | undefined;
  method?: readonly string[] | undefined;
  sourceIp?: readonly string[] | undefined;
  /** Regular expressions (AWS's RegexValues) instead of wildcards. */
  pathRegex?: readonly string[] | undefined;
  hostRegex?: readonly string[] | undefined;
  headerRegex?: readonly string[] | undefined;
}

/** Every condition flag's field, in the order the flags are listed. */
export const CONDITION_FLAG_KEYS: ReadonlyArray<keyof ConditionFlags> = [
  'path',
  'host',
  'header',
  'query',
  'method',
  'sourceIp',
  'pathRegex',
  'hostRegex',
  'headerRegex',
];

const CONDITION_FLAG_NAMES =
  '--path, --host, --header, --query-string, --method, --source-ip, --path-regex, --host-regex or --header-regex';

// ------------------------------------------------------------------ flags → conditions

/**
 * Repeated flags of one kind are alternatives (OR) inside one condition, as AWS evaluates the
 * values of a condition; different kinds, and different header names, are ANDed.
 */
export function parseConditionFlags(flags: ConditionFlags): Parsed<Condition[]> {
  const problems: Problem[] = [];
  const conditions: Condition[] = [];

  if (flags.path?.length) conditions.push({ field: 'path-pattern', values: [...flags.path] });
  if (flags.pathRegex?.length) conditions.push({ field: 'path-pattern', values: [...flags.pathRegex], regex: true });
  if (flags.host?.length) conditions.push({ field: 'host-header', values: [...flags.host] });
  if (flags.hostRegex?.length) conditions.push({ field: 'host-header', values: [...flags.hostRegex], regex: true });

  conditions.push(...headerConditions(flags.header ?? [], false, problems));
  conditions.push(...headerConditions(flags.headerRegex ?? [], true, problems));

  if (flags.query?.length) {
    conditions.push({ field: 'query-string', values: flags.query.map(parseQueryPair) });
  }
  if (flags.method?.length) {
    conditions.push({ field: 'http-request-method', values: flags.method.map((m) => m.toUpperCase()) });
  }
  if (flags.sourceIp?.length) conditions.push({ field: 'source-ip', values: [...flags.sourceIp] });

  if (conditions.length === 0 && problems.length === 0) {
    problems.push(problem('E_CONDITION', `rule conditions: none given; pass at least one of ${CONDITION_FLAG_NAMES}`));
  } else if (conditions.length > 0) {
    problems.push(...conditionProblems(conditions));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: conditions };
}

/**
 * `--header NAME=VALUE` (or `--header-regex NAME=REGEX`), grouped by header: header names are
 * case-insensitive, so `X-Env` and `x-env` are one header, and the first spelling wins.
 */
function headerConditions(raws: readonly string[], regex: boolean, problems: Problem[]): Condition[] {
  const flag = regex ? '--header-regex' : 'http header';
  const example = regex ? 'X-Env=^blue-[0-9]+$' : 'X-Env=blue';
  const headers = new Map<string, { headerName: string; values: string[] }>();
  for (const raw of raws) {
    const eq = raw.indexOf('=');
    if (eq < 0) {
      problems.push(
        problem('E_CONDITION', `${flag} ${quote(raw)}: write it as NAME=${regex ? 'REGEX' : 'VALUE'}, e.g. ${example}`),
      );
      continue;
    }
    if (eq === 0) {
      problems.push(
        problem(
          'E_CONDITION',
          `${flag} ${quote(raw)}: the header name is missing; write NAME=${regex ? 'REGEX' : 'VALUE'}`,
        ),
      );
      continue;
    }
    const name = raw.slice(0, eq);
    const entry = headers.get(name.toLowerCase()) ?? { headerName: name, values: [] };
    entry.values.push(raw.slice(eq + 1));
    headers.set(name.toLowerCase(), entry);
  }
  return [...headers.values()].map((h) => ({
    field: 'http-header' as const,
    headerName: h.headerName,
    values: h.values,
    ...(regex ? { regex: true } : {}),
  }));
}

/** `K=V` → key and value; `=V` or `V` → a value under any key. `K=` stays as an empty value, which validation rejects. */
function parseQueryPair(raw: string): { key?: string; value: string } {
  const eq = raw.indexOf('=');
  if (eq < 0) return { value: raw };
  if (eq === 0) return { value: raw.slice(1) };
  return { key: raw.slice(0, eq), value: raw.slice(eq + 1) };
}

// ------------------------------------------------------------------ display

/** One line for tables and prompts: `path /api/* · host api.example.com`; `-` when there is none. */
export function describeConditions(conditions: readonly Condition[]): string {
  if (conditions.length === 0) return '-';
  return conditions.map(conditionText).join(' · ');
}

function conditionText(c: Condition): string {
  switch (c.field) {
    case 'path-pattern':
      return `path${c.regex ? ' ~' : ''} ${c.values.join(', ')}`;
    case 'host-header':
      return `host${c.regex ? ' ~' : ''} ${c.values.join(', ')}`;
    case 'http-header':
      return `header ${c.headerName}${c.regex ? ' ~' : ':'} ${c.values.join(', ')}`;
    case 'query-string':
      return `query ${c.values.map(queryPairText).join(', ')}`;
    case 'http-request-method':
      return `method ${c.values.join(', ')}`;
    case 'source-ip':
      return `source-ip ${c.values.join(', ')}`;
    case 'other':
      return c.awsField;
  }
}
