/**
 * Listener rule conditions: built from `rule add` flags, validated with the same rules a stack
 * file's conditions go through, summarised in one line for tables.
 *
 * Limits follow the ELBv2 API reference (RuleCondition and its *ConditionConfig types) and the
 * ALB quotas: at most one each of host-header, path-pattern, http-request-method and source-ip;
 * http-header and query-string may repeat; at most 5 condition values and 5 wildcards per rule.
 */
import type { Condition } from './model';
import { cidr } from './validate';

const MAX_CONDITION_VALUES_PER_RULE = 5;
const MAX_WILDCARDS_PER_RULE = 5;
const MAX_CONDITION_VALUE_LENGTH = 128;
const MAX_HEADER_NAME_LENGTH = 40;
const MAX_METHOD_LENGTH = 40;

type Field = Condition['field'];

/** Conditions a rule may hold only once. */
const SINGLE_FIELDS: readonly Field[] = ['path-pattern', 'host-header', 'http-request-method', 'source-ip'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

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
  const problems: string[] = [];
  const conditions: Condition[] = [];

  if (flags.path?.length) conditions.push({ field: 'path-pattern', values: [...flags.path] });
  if (flags.host?.length) conditions.push({ field: 'host-header', values: [...flags.host] });

  // Header names are case-insensitive: `X-Env` and `x-env` are one header; the first spelling wins.
  const headers = new Map<string, { headerName: string; values: string[] }>();
  for (const raw of flags.header ?? []) {
    const eq = raw.indexOf('=');
    if (eq < 0) {
      problems.push(`http header "${raw}": write it as NAME=VALUE, e.g. X-Env=blue`);
      continue;
    }
    if (eq === 0) {
      problems.push(`http header "${raw}": the header name is missing; write NAME=VALUE`);
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
      'rule conditions: none given; pass at least one of --path, --host, --header, --query-string, --method or --source-ip',
    );
  } else if (conditions.length > 0) {
    problems.push(...validateConditions(conditions));
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

// ------------------------------------------------------------------ validation

const PATH_CHAR = /[A-Za-z0-9_\-.$/~"'@:+&*?]/;
const HOST_CHAR = /[A-Za-z0-9\-.*?]/;
// RFC 7230 token characters, minus `*`: AWS supports no wildcards in a header name.
const HEADER_NAME_CHAR = /[A-Za-z0-9!#$%&'+\-.^_`|~]/;
const METHOD = /^[A-Z_-]+$/;

const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

function quoteList(chars: readonly string[]): string {
  const quoted = chars.map((c) => `"${c}"`);
  if (quoted.length === 1) return `${quoted[0]} is`;
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]} are`;
}

function disallowed(value: string, allowed: RegExp): string[] {
  return [...new Set([...value].filter((c) => !allowed.test(c)))];
}

function lengthProblem(what: string, value: string, limit: number): string | undefined {
  if (value.length > limit) return `${what} "${shown(value)}": is ${value.length} characters, the limit is ${limit}`;
  return undefined;
}

function pathPatternProblems(value: string): string[] {
  if (value.length === 0) return ['path pattern "": must not be empty; write a path such as /api/*'];
  const tooLong = lengthProblem('path pattern', value, MAX_CONDITION_VALUE_LENGTH);
  if (tooLong) return [tooLong];
  const bad = disallowed(value, PATH_CHAR);
  if (bad.length === 0) return [];
  let fix = 'use letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * ?';
  if (bad.includes(',')) fix += '; to match several paths, give each pattern separately (repeat --path)';
  if (bad.includes('='))
    fix += '; a path pattern never sees the query string, match it with a query-string condition (--query-string)';
  return [`path pattern "${value}": ${quoteList(bad)} not allowed; ${fix}`];
}

function hostHeaderProblems(value: string): string[] {
  if (value.length === 0) return ['host header "": must not be empty; write a host name such as api.example.com'];
  const tooLong = lengthProblem('host header', value, MAX_CONDITION_VALUE_LENGTH);
  if (tooLong) return [tooLong];
  const bad = disallowed(value, HOST_CHAR);
  if (bad.length === 0) return [];
  let fix = 'use letters, digits, hyphens, dots and the wildcards * ?';
  if (bad.includes(':') || bad.includes('/')) fix += '; write the host name alone, without scheme, port or path';
  else if (bad.includes(',')) fix += '; to match several hosts, give each one separately (repeat --host)';
  return [`host header "${value}": ${quoteList(bad)} not allowed; ${fix}`];
}

function methodProblems(value: string): string[] {
  if (value.length === 0) return ['http method "": must not be empty; write a method such as GET'];
  const tooLong = lengthProblem('http method', value, MAX_METHOD_LENGTH);
  if (tooLong) return [tooLong];
  if (METHOD.test(value)) return [];
  if (METHOD.test(value.toUpperCase())) {
    return [
      `http method "${value}": must be upper case (AWS compares methods case-sensitively); write "${value.toUpperCase()}"`,
    ];
  }
  const several = value.includes(',') ? '; to match several methods, give each one separately (repeat --method)' : '';
  return [
    `http method "${value}": only the letters A-Z, "_" and "-" are allowed; write a method such as GET or POST${several}`,
  ];
}

function headerNameProblems(name: string): string[] {
  if (name.length === 0) return ['http header name "": must not be empty; write a header name such as X-Env'];
  const tooLong = lengthProblem('http header name', name, MAX_HEADER_NAME_LENGTH);
  if (tooLong) return [tooLong];
  if (name.toLowerCase() === 'host') {
    return [
      `http header name "${name}": the host header has its own condition; use a host-header condition (--host) instead`,
    ];
  }
  const bad = disallowed(name, HEADER_NAME_CHAR);
  if (bad.length === 0) return [];
  return [
    `http header name "${name}": ${quoteList(bad)} not allowed; use letters, digits and ! # $ % & ' + - . ^ _ \` | ~ (no wildcards)`,
  ];
}

function headerValueProblems(name: string, value: string): string[] {
  if (value.length === 0) return [`http header "${name}" value "": must not be empty; write NAME=VALUE`];
  const tooLong = lengthProblem(`http header "${name}" value`, value, MAX_CONDITION_VALUE_LENGTH);
  return tooLong ? [tooLong] : [];
}

function queryPairText(pair: { key?: string | undefined; value: string }): string {
  return pair.key !== undefined ? `${pair.key}=${pair.value}` : pair.value;
}

function queryPairProblems(pair: { key?: string | undefined; value: string }): string[] {
  const problems: string[] = [];
  const text = queryPairText(pair);
  if (pair.key !== undefined && pair.key.length === 0) {
    problems.push(
      `query string "=${pair.value}": the key must not be empty; leave the key out to match the value under any key`,
    );
  } else if (pair.key !== undefined) {
    const tooLong = lengthProblem('query string key', pair.key, MAX_CONDITION_VALUE_LENGTH);
    if (tooLong) problems.push(tooLong);
  }
  if (pair.value.length === 0) {
    problems.push(
      pair.key
        ? `query string "${text}": the value is missing; AWS matches a value, not a key alone, so write ${pair.key}=VALUE`
        : 'query string "": the value is missing; write KEY=VALUE, or VALUE to match it under any key',
    );
  } else {
    const tooLong = lengthProblem('query string value', pair.value, MAX_CONDITION_VALUE_LENGTH);
    if (tooLong) problems.push(tooLong);
  }
  return problems;
}

const FIELD_LABEL: Record<Field, string> = {
  'path-pattern': 'path pattern',
  'host-header': 'host header',
  'http-request-method': 'http method',
  'source-ip': 'source IP',
  'http-header': 'http header',
  'query-string': 'query string',
};

/** Values of one condition as strings, normalised for spotting duplicates (AWS compares some case-insensitively). */
function comparable(c: Condition): Array<{ key: string; text: string }> {
  switch (c.field) {
    case 'path-pattern':
    case 'http-request-method':
    case 'source-ip':
      return c.values.map((v) => ({ key: v, text: v }));
    case 'host-header':
    case 'http-header':
      return c.values.map((v) => ({ key: v.toLowerCase(), text: v }));
    case 'query-string':
      return c.values.map((p) => ({ key: `${p.key ?? ''}\u0000${p.value}`.toLowerCase(), text: queryPairText(p) }));
  }
}

function conditionLabel(c: Condition): string {
  return c.field === 'http-header' ? `http header "${c.headerName}"` : FIELD_LABEL[c.field];
}

/** How many condition values AWS counts: each value, each header value, each query key/value pair. */
export function countConditionValues(conditions: readonly Condition[]): number {
  return conditions.reduce((n, c) => n + c.values.length, 0);
}

/** `*` and `?` across the rule's values; in query strings a backslash-escaped one is a literal. */
export function countWildcards(conditions: readonly Condition[]): number {
  const plain = (s: string) => (s.match(/[*?]/g) ?? []).length;
  const query = (s: string) => (s.match(/(?<!\\)[*?]/g) ?? []).length;
  let n = 0;
  for (const c of conditions) {
    switch (c.field) {
      case 'path-pattern':
      case 'host-header':
      case 'http-header':
        for (const v of c.values) n += plain(v);
        break;
      case 'query-string':
        for (const p of c.values) n += query(p.key ?? '') + query(p.value);
        break;
      case 'http-request-method':
      case 'source-ip':
        break;
    }
  }
  return n;
}

/**
 * Every problem with the conditions of one (non-default) rule, as messages; empty when valid.
 * Used by `rule add` and by the stack validator, so both enforce the same limits.
 */
export function validateConditions(conditions: readonly Condition[]): string[] {
  const problems: string[] = [];
  if (conditions.length === 0) {
    return [
      'rule conditions: none given; a rule needs at least one condition (path, host, header, query, method or source IP)',
    ];
  }

  for (const c of conditions) {
    if (c.field === 'http-header') problems.push(...headerNameProblems(c.headerName));
    if (c.values.length === 0) {
      problems.push(`${conditionLabel(c)} condition: has no values; give at least one`);
      continue;
    }
    switch (c.field) {
      case 'path-pattern':
        for (const v of c.values) problems.push(...pathPatternProblems(v));
        break;
      case 'host-header':
        for (const v of c.values) problems.push(...hostHeaderProblems(v));
        break;
      case 'http-request-method':
        for (const v of c.values) problems.push(...methodProblems(v));
        break;
      case 'source-ip':
        for (const v of c.values) {
          const p =
            v.length === 0 ? 'source IP "": must not be empty; write a CIDR block such as 203.0.113.0/24' : cidr(v);
          if (p) problems.push(p);
        }
        break;
      case 'http-header':
        for (const v of c.values) problems.push(...headerValueProblems(c.headerName, v));
        break;
      case 'query-string':
        for (const p of c.values) problems.push(...queryPairProblems(p));
        break;
    }
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const { key, text } of comparable(c)) {
      if (seen.has(key) && !reported.has(key)) {
        problems.push(`${conditionLabel(c)} "${text}": listed twice; list each value once`);
        reported.add(key);
      }
      seen.add(key);
    }
  }

  for (const field of SINGLE_FIELDS) {
    const n = conditions.filter((c) => c.field === field).length;
    if (n > 1) {
      problems.push(
        `rule conditions: ${n} ${field} conditions, the limit is 1 per rule; put every ${FIELD_LABEL[field]} value in one condition`,
      );
    }
  }

  const values = countConditionValues(conditions);
  if (values > MAX_CONDITION_VALUES_PER_RULE) {
    problems.push(
      `rule conditions: ${values} values in total, the limit is ${MAX_CONDITION_VALUES_PER_RULE} per rule; split the rule in two`,
    );
  }
  const wildcards = countWildcards(conditions);
  if (wildcards > MAX_WILDCARDS_PER_RULE) {
    problems.push(
      `rule conditions: ${wildcards} wildcards (* or ?) in total, the limit is ${MAX_WILDCARDS_PER_RULE} per rule; use fewer wildcards or split the rule in two`,
    );
  }
  return problems;
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
      return `path ${c.values.join(', ')}`;
    case 'host-header':
      return `host ${c.values.join(', ')}`;
    case 'http-header':
      return `header ${c.headerName}: ${c.values.join(', ')}`;
    case 'query-string':
      return `query ${c.values.map(queryPairText).join(', ')}`;
    case 'http-request-method':
      return `method ${c.values.join(', ')}`;
    case 'source-ip':
      return `source-ip ${c.values.join(', ')}`;
  }
}
