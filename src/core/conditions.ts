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
}

// ------------------------------------------------------------------ flags → conditions

/**
 * Repeated flags of one kind are alternatives (OR) inside one condition, as AWS evaluates the
 * values of a condition; different kinds, and different header names, are ANDed.
 */
export function parseConditionFlags(flags: ConditionFlags): Parsed<Condition[]> {
  const problems: Problem[] = [];
  const conditions: Condition[] = [];

  if (flags.path?.length) conditions.push({ field: 'path-pattern', values: [...flags.path] });
  if (flags.host?.length) conditions.push({ field: 'host-header', values: [...flags.host] });

  // Header names are case-insensitive: `X-Env` and `x-env` are one header; the first spelling wins.
  const headers = new Map<string, { headerName: string; values: string[] }>();
  for (const raw of flags.header ?? []) {
    const eq = raw.indexOf('=');
    if (eq < 0) {
      problems.push(problem('E_CONDITION', `http header ${quote(raw)}: write it as NAME=VALUE, e.g. X-Env=blue`));
      continue;
    }
    if (eq === 0) {
      problems.push(problem('E_CONDITION', `http header ${quote(raw)}: the header name is missing; write NAME=VALUE`));
      continue;
    }
    const name = raw.slice(0, eq);
    const entry = headers.get(name.toLowerCase()) ?? { headerName: name, values: [] };
    entry.values.push(raw.slice(eq + 1));
    headers.set(name.toLowerCase(), entry);
  }
  for (const h of headers.values())
    conditions.push({ field: 'http-header', headerName: h.headerName, values: h.values });

  if (flags.query?.length) {
    conditions.push({ field: 'query-string', values: flags.query.map(parseQueryPair) });
  }
  if (flags.method?.length) {
    conditions.push({ field: 'http-request-method', values: flags.method.map((m) => m.toUpperCase()) });
  }
  if (flags.sourceIp?.length) conditions.push({ field: 'source-ip', values: [...flags.sourceIp] });

  if (conditions.length === 0 && problems.length === 0) {
    problems.push(
      problem(
        'E_CONDITION',
        'rule conditions: none given; pass at least one of --path, --host, --header, --query-string, --method or --source-ip',
      ),
    );
  } else if (conditions.length > 0) {
    problems.push(...conditionProblems(conditions));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: conditions };
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
