/**
 * Listener rules: conditions (one each of path, host, method and source IP; 5 values and 5
 * wildcards per rule; each value's length and characters), priorities, and which listeners
 * take rules at all. Limits follow the ELBv2 API reference (RuleCondition and its
 * *ConditionConfig types) and the ALB quotas.
 */
import { quote } from '../echo';
import type { Condition, LoadBalancerType } from '../model';
import { cidrProblem } from './addresses';
import { type PathSegment, type Problem, problem } from './problem';

const MAX_CONDITION_VALUES_PER_RULE = 5;
const MAX_WILDCARDS_PER_RULE = 5;
const MAX_CONDITION_VALUE_LENGTH = 128;
const MAX_HEADER_NAME_LENGTH = 40;
const MAX_METHOD_LENGTH = 40;
export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 50000;

type Field = Condition['field'];

/** Conditions a rule may hold only once. */
const SINGLE_FIELDS: readonly Field[] = ['path-pattern', 'host-header', 'http-request-method', 'source-ip'];

const FIELD_LABEL: Record<Field, string> = {
  'path-pattern': 'path pattern',
  'host-header': 'host header',
  'http-request-method': 'http method',
  'source-ip': 'source IP',
  'http-header': 'http header',
  'query-string': 'query string',
  other: 'condition',
};

const PATH_CHAR = /[A-Za-z0-9_\-.$/~"'@:+&*?]/;
const HOST_CHAR = /[A-Za-z0-9\-.*?]/;
// RFC 7230 token characters, minus `*`: AWS supports no wildcards in a header name.
const HEADER_NAME_CHAR = /[A-Za-z0-9!#$%&'+\-.^_`|~]/;
const METHOD = /^[A-Z_-]+$/;

function quoteList(chars: readonly string[]): string {
  const quoted = chars.map((c) => quote(c));
  if (quoted.length === 1) return `${quoted[0]} is`;
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]} are`;
}

function disallowed(value: string, allowed: RegExp): string[] {
  return [...new Set([...value].filter((c) => !allowed.test(c)))];
}

function lengthProblem(what: string, value: string, limit: number): string | undefined {
  if (value.length > limit) return `${what} ${quote(value)}: is ${value.length} characters, the limit is ${limit}`;
  return undefined;
}

function pathPatternProblems(value: string): string[] {
  if (value.length === 0) return ['path pattern "": must not be empty; write a path such as /api/*'];
  const tooLong = lengthProblem('path pattern', value, MAX_CONDITION_VALUE_LENGTH);
  if (tooLong) return [tooLong];
  const bad = disallowed(value, PATH_CHAR);
  if (bad.length === 0) return [];
  let fix = 'use letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * ?';
  if (bad.includes(',')) fix += '; to match several paths, give each pattern separately';
  if (bad.includes('=')) fix += '; a path pattern never sees the query string, match it with a query-string condition';
  return [`path pattern ${quote(value)}: ${quoteList(bad)} not allowed; ${fix}`];
}

function hostHeaderProblems(value: string): string[] {
  if (value.length === 0) return ['host header "": must not be empty; write a host name such as api.example.com'];
  const tooLong = lengthProblem('host header', value, MAX_CONDITION_VALUE_LENGTH);
  if (tooLong) return [tooLong];
  const bad = disallowed(value, HOST_CHAR);
  if (bad.length === 0) return [];
  let fix = 'use letters, digits, hyphens, dots and the wildcards * ?';
  if (bad.includes(':') || bad.includes('/')) fix += '; write the host name alone, without scheme, port or path';
  else if (bad.includes(',')) fix += '; to match several hosts, give each one separately';
  return [`host header ${quote(value)}: ${quoteList(bad)} not allowed; ${fix}`];
}

/** Methods are matched case-sensitively by AWS, so every face writes them in upper case before this check. */
function methodProblems(value: string): string[] {
  if (value.length === 0) return ['http method "": must not be empty; write a method such as GET'];
  const tooLong = lengthProblem('http method', value, MAX_METHOD_LENGTH);
  if (tooLong) return [tooLong];
  if (METHOD.test(value)) return [];
  const several = value.includes(',') ? '; to match several methods, give each one separately' : '';
  return [
    `http method ${quote(value)}: only the letters A-Z, "_" and "-" are allowed; write a method such as GET or POST${several}`,
  ];
}

function headerNameProblems(name: string): string[] {
  if (name.length === 0) return ['http header name "": must not be empty; write a header name such as X-Env'];
  const tooLong = lengthProblem('http header name', name, MAX_HEADER_NAME_LENGTH);
  if (tooLong) return [tooLong];
  if (name.toLowerCase() === 'host') {
    return [
      `http header name ${quote(name)}: the host header has its own condition; use a host-header condition instead`,
    ];
  }
  const bad = disallowed(name, HEADER_NAME_CHAR);
  if (bad.length === 0) return [];
  return [
    `http header name ${quote(name)}: ${quoteList(bad)} not allowed; use letters, digits and ! # $ % & ' + - . ^ _ \` | ~ (no wildcards)`,
  ];
}

function headerValueProblems(name: string, value: string): string[] {
  if (value.length === 0) return [`http header ${quote(name)} value "": must not be empty; write NAME=VALUE`];
  const tooLong = lengthProblem(`http header ${quote(name)} value`, value, MAX_CONDITION_VALUE_LENGTH);
  return tooLong ? [tooLong] : [];
}

export function queryPairText(pair: { key?: string | undefined; value: string }): string {
  return pair.key !== undefined ? `${pair.key}=${pair.value}` : pair.value;
}

function queryPairProblems(pair: { key?: string | undefined; value: string }): string[] {
  const problems: string[] = [];
  const text = queryPairText(pair);
  if (pair.key !== undefined && pair.key.length === 0) {
    problems.push(
      `query string ${quote(`=${pair.value}`)}: the key must not be empty; leave the key out to match the value under any key`,
    );
  } else if (pair.key !== undefined) {
    const tooLong = lengthProblem('query string key', pair.key, MAX_CONDITION_VALUE_LENGTH);
    if (tooLong) problems.push(tooLong);
  }
  if (pair.value.length === 0) {
    problems.push(
      pair.key
        ? `query string ${quote(text)}: the value is missing; AWS matches a value, not a key alone, so write ${quote(`${pair.key}=VALUE`)}`
        : 'query string "": the value is missing; write KEY=VALUE, or VALUE to match it under any key',
    );
  } else {
    const tooLong = lengthProblem('query string value', pair.value, MAX_CONDITION_VALUE_LENGTH);
    if (tooLong) problems.push(tooLong);
  }
  return problems;
}

/**
 * A RegexValues entry: not empty, within the value length, and a regular expression. AWS's
 * flavour is close to PCRE; JavaScript's parser catches the common mistakes (an unclosed group
 * or class, a dangling quantifier).
 */
function regexValueProblems(label: string, value: string): string[] {
  if (value.length === 0) return [`${label} regex "": must not be empty`];
  const tooLong = lengthProblem(`${label} regex`, value, MAX_CONDITION_VALUE_LENGTH);
  if (tooLong) return [tooLong];
  try {
    new RegExp(value);
  } catch {
    return [`${label} regex ${quote(value)}: not a valid regular expression`];
  }
  return [];
}

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
    case 'other':
      return [];
  }
}

function conditionLabel(c: Condition): string {
  return c.field === 'http-header' ? `http header ${quote(c.headerName)}` : FIELD_LABEL[c.field];
}

/** How many condition values AWS counts: each value, each header value, each query key/value pair. */
export function countConditionValues(conditions: readonly Condition[]): number {
  return conditions.reduce((n, c) => n + (c.field === 'other' ? 0 : c.values.length), 0);
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
        // A regular expression's `*` and `?` are not wildcards.
        if (!c.regex) for (const v of c.values) n += plain(v);
        break;
      case 'query-string':
        for (const p of c.values) n += query(p.key ?? '') + query(p.value);
        break;
      case 'http-request-method':
      case 'source-ip':
      case 'other':
        break;
    }
  }
  return n;
}

/**
 * Every problem with the conditions of one (non-default) rule; empty when valid. `where`
 * prefixes the rule-wide ones (`rule "api" on web:80: conditions: …`); `path` gives the path
 * of each condition (the stack face points at its field).
 */
export function conditionProblems(
  conditions: readonly Condition[],
  where = 'rule conditions',
  path: (c: Condition) => PathSegment[] = () => [],
): Problem[] {
  if (conditions.length === 0) {
    return [
      problem(
        'E_CONDITION',
        `${where}: none given; a rule needs at least one condition (path, host, header, query, method or source IP)`,
      ),
    ];
  }
  const problems: Problem[] = [];
  const add = (c: Condition, messages: readonly string[]) => {
    for (const m of messages) problems.push(problem('E_CONDITION', m, path(c)));
  };
  for (const c of conditions) {
    // A condition read from AWS that elbctl does not interpret goes back as it came.
    if (c.field === 'other') continue;
    if (c.field === 'http-header') add(c, headerNameProblems(c.headerName));
    if (c.values.length === 0) {
      add(c, [`${conditionLabel(c)} condition: has no values; give at least one`]);
      continue;
    }
    const regex = (c.field === 'path-pattern' || c.field === 'host-header' || c.field === 'http-header') && c.regex;
    if (regex) for (const v of c.values) add(c, regexValueProblems(conditionLabel(c), v));
    else
      switch (c.field) {
        case 'path-pattern':
          for (const v of c.values) add(c, pathPatternProblems(v));
          break;
        case 'host-header':
          for (const v of c.values) add(c, hostHeaderProblems(v));
          break;
        case 'http-request-method':
          for (const v of c.values) add(c, methodProblems(v));
          break;
        case 'source-ip':
          for (const v of c.values) {
            const p = cidrProblem(v, 'source IP', path(c));
            if (p) problems.push({ ...p, code: 'E_CONDITION' });
          }
          break;
        case 'http-header':
          for (const v of c.values) add(c, headerValueProblems(c.headerName, v));
          break;
        case 'query-string':
          for (const p of c.values) add(c, queryPairProblems(p));
          break;
      }
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const { key, text } of comparable(c)) {
      if (seen.has(key) && !reported.has(key)) {
        problems.push(
          problem('E_DUPLICATE', `${conditionLabel(c)} ${quote(text)}: listed twice; list each value once`, path(c)),
        );
        reported.add(key);
      }
      seen.add(key);
    }
  }
  for (const field of SINGLE_FIELDS) {
    const n = conditions.filter((c) => c.field === field).length;
    if (n > 1) {
      problems.push(
        problem(
          'E_CONDITION',
          `${where}: ${n} ${field} conditions, the limit is 1 per rule; put every ${FIELD_LABEL[field]} value in one condition`,
        ),
      );
    }
  }
  const values = countConditionValues(conditions);
  if (values > MAX_CONDITION_VALUES_PER_RULE) {
    problems.push(
      problem(
        'E_LIMIT',
        `${where}: ${values} values in total, the limit is ${MAX_CONDITION_VALUES_PER_RULE} per rule; split the rule in two`,
      ),
    );
  }
  const wildcards = countWildcards(conditions);
  if (wildcards > MAX_WILDCARDS_PER_RULE) {
    problems.push(
      problem(
        'E_LIMIT',
        `${where}: ${wildcards} wildcards (* or ?) in total, the limit is ${MAX_WILDCARDS_PER_RULE} per rule; use fewer wildcards or split the rule in two`,
      ),
    );
  }
  return problems;
}

// ------------------------------------------------------------------ priorities

export function priorityProblem(n: number | string, path: PathSegment[] = []): Problem | undefined {
  const value = typeof n === 'number' ? n : /^-?\d+$/.test(n.trim()) ? Number(n.trim()) : Number.NaN;
  if (Number.isInteger(value) && value >= MIN_PRIORITY && value <= MAX_PRIORITY) return undefined;
  return problem(
    'E_RANGE',
    `priority ${quote(n)}: must be a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}`,
    path,
  );
}

/** The same priority given to two rules of one listener. */
export function duplicatePriorityProblems(
  rules: ReadonlyArray<{ name: string; priority?: number | undefined }>,
  listenerLabel: string,
): Problem[] {
  const holders = new Map<number, string>();
  const problems: Problem[] = [];
  rules.forEach((r, k) => {
    if (r.priority === undefined) return;
    const holder = holders.get(r.priority);
    if (holder !== undefined) {
      problems.push(
        problem(
          'E_DUPLICATE',
          `priority ${r.priority}: already used by rule ${quote(holder)} on ${listenerLabel}; give each rule its own priority`,
          [k, 'priority'],
        ),
      );
    } else holders.set(r.priority, r.name);
  });
  return problems;
}

// ------------------------------------------------------------------ where rules exist

/** Rules exist only on HTTP/HTTPS listeners of application load balancers. */
export function rulesAllowedProblem(
  loadBalancerType: LoadBalancerType,
  protocol: string,
  listenerLabel: string,
): Problem | undefined {
  if (loadBalancerType === 'application' && (protocol === 'HTTP' || protocol === 'HTTPS')) return undefined;
  const kind = loadBalancerType === 'gateway' ? 'gateway' : 'network';
  return problem(
    'E_RULES_ALB_ONLY',
    `${listenerLabel} (${protocol}): rules exist only on HTTP/HTTPS listeners of application load balancers; a ${kind} load balancer listener sends everything to its default action`,
  );
}
