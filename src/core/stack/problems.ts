/**
 * Problems found in a stack file, and the words for them. A problem carries the path of the
 * value it is about; the loader turns the path into FILE:LINE:COLUMN.
 *
 * zod's own messages are generic ("expected number, received string"); this module rewrites
 * every structural issue in the house style, naming the object it is in (load balancer
 * "shop-web", listener shop-web:443, rule "api" on shop-web:443, target group "api").
 */
import type { QuotaCheck } from '../rules/quotas';
import type { z } from 'zod';
import { quote } from '../echo';
import type { ProblemCode } from '../errors';
import { didYouMean, orList } from './suggest';

import type { PathSegment } from '../rules/problem';

export type { PathSegment };

export interface PathProblem {
  path: PathSegment[];
  code: ProblemCode;
  message: string;
  /** Point at the key itself rather than its value (unknown keys). */
  at?: 'key' | 'value' | undefined;
}

export interface StackProblem {
  path: PathSegment[];
  line: number;
  column: number;
  message: string;
  code: ProblemCode;
}

export interface PathWarning {
  path: PathSegment[];
  code: string;
  message: string;
  /** A count over an adjustable quota's documented default, for plan and apply to judge with the account's value. */
  quota?: QuotaCheck | undefined;
}

export interface StackWarning extends PathWarning {
  line: number;
  column: number;
}

/** What the per-parse error map answers, so zod's generic text is never shown. */
export const GENERIC = '\u0000generic';

type Issue = z.core.$ZodIssue;
type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else if (isDict(node) && Object.hasOwn(node, String(seg))) node = node[String(seg)];
    else return undefined;
  }
  return node;
}

function hasKey(root: unknown, path: readonly PathSegment[]): boolean {
  if (path.length === 0) return true;
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) return typeof last === 'number' && last < parent.length;
  return isDict(parent) && Object.hasOwn(parent, String(last));
}

// ------------------------------------------------------------------ where: objects and fields

const nameOf = (v: unknown): string | undefined => (isDict(v) && typeof v.name === 'string' ? v.name : undefined);

/** `load balancer "shop-web"`, `listener shop-web:443`, `rule "api" on shop-web:443`, … for the object at `path`. */
function entityAt(root: unknown, path: readonly PathSegment[]): string {
  const [top, i] = path;
  if (top === 'loadBalancers' && typeof i === 'number') {
    const lb = valueAt(root, ['loadBalancers', i]);
    const lbName = nameOf(lb);
    const lbRef = lbName ?? `#${i + 1}`;
    const j = path[3];
    if (path[2] !== 'listeners' || typeof j !== 'number')
      return lbName ? `load balancer "${lbName}"` : `load balancer #${i + 1}`;
    const listener = valueAt(lb, ['listeners', j]);
    const port =
      isDict(listener) && typeof listener.port === 'number'
        ? String(listener.port)
        : isDict(listener) && listener.protocol === 'GENEVE'
          ? 'GENEVE'
          : `#${j + 1}`;
    const listenerLabel = `listener ${lbRef}:${port}`;
    const k = path[5];
    if (path[4] === 'defaultAction') return actionPart(`default action of ${listenerLabel}`, path.slice(5));
    if (path[4] !== 'rules' || typeof k !== 'number') return listenerLabel;
    const rule = valueAt(listener, ['rules', k]);
    const rName = nameOf(rule);
    const ruleLabel = `${rName ? `rule "${rName}"` : `rule #${k + 1}`} on ${lbRef}:${port}`;
    if (path[6] === 'conditions') return `conditions of ${ruleLabel}`;
    if (path[6] === 'action') return actionPart(`action of ${ruleLabel}`, path.slice(7));
    return ruleLabel;
  }
  if (top === 'targetGroups' && typeof i === 'number') {
    const tgName = nameOf(valueAt(root, ['targetGroups', i]));
    const tgLabel = tgName ? `target group "${tgName}"` : `target group #${i + 1}`;
    const n = path[3];
    if (path[2] === 'healthCheck') return `health check of ${tgLabel}`;
    if (path[2] === 'stickiness') return `stickiness of ${tgLabel}`;
    if (path[2] === 'targets' && typeof n === 'number') {
      const target = valueAt(root, ['targetGroups', i, 'targets', n]);
      const id = isDict(target) && typeof target.id === 'string' ? `"${target.id}"` : `#${n + 1}`;
      return `target ${id} of ${tgLabel}`;
    }
    return tgLabel;
  }
  return 'stack file';
}

function actionPart(label: string, rest: readonly PathSegment[]): string {
  if (rest[0] === 'redirect') return `redirect in the ${label}`;
  if (rest[0] === 'fixedResponse') return `fixed response in the ${label}`;
  if (rest[0] === 'forward' && typeof rest[1] === 'number') return `forward entry #${rest[1] + 1} in the ${label}`;
  return label;
}

/** The field a value sits in: `port`, `subnets[1]`, `attribute "idle_timeout.timeout_seconds"`. */
function fieldLabel(path: readonly PathSegment[]): string {
  let s = path.length - 1;
  while (s >= 0 && typeof path[s] === 'number') s--;
  if (s < 0) return 'stack file';
  const key = String(path[s]);
  const indexes = path
    .slice(s + 1)
    .map((n) => `[${String(n)}]`)
    .join('');
  const parent = path[s - 1];
  if (parent === 'attributes') return `attribute "${key}"`;
  if (parent === 'headers') return `header "${key}"${indexes}`;
  if (parent === 'tags') return `tag ${quote(key)}`;
  return `${key}${indexes}`;
}

/** How a value reads in a message: `"text"`, `80`, `true`, `a list`, `a mapping`. */
function showValue(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v)) return 'a list';
  if (isDict(v)) return 'a mapping';
  return String(v);
}

/**
 * Keys whose values a message never repeats: a header such as Authorization or Cookie, an
 * attribute or field named like a secret. Messages end up in terminals and CI logs.
 */
const SECRET_KEY = /secret|passw(or)?d|token|credential|private.?key|api.?key|authorization|signature|^(set-)?cookie$/i;

export function isSecretPath(path: readonly PathSegment[]): boolean {
  return path.some((seg) => typeof seg === 'string' && SECRET_KEY.test(seg));
}

/** showValue, unless the value sits under a secret-looking key. */
function shownAt(path: readonly PathSegment[], v: unknown): string {
  return isSecretPath(path) && (v === null || typeof v !== 'object') ? '[redacted]' : showValue(v);
}

function typeWord(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  if (typeof v === 'boolean') return 'true/false';
  if (isDict(v)) return 'a mapping';
  return typeof v;
}

const EXPECTED_WORD: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  literal: 'a fixed value',
};

const EXAMPLE: Record<string, string> = {
  version: 'version: 1',
  stack: 'stack: NAME (letters, digits and hyphens)',
  name: 'name: NAME',
  type: 'type: application (or network)',
  subnets: 'subnets: [subnet-…, subnet-…]',
  port: 'port: 443',
  protocol: 'protocol: HTTPS',
  defaultAction: 'defaultAction: { forward: TARGET_GROUP }',
  conditions: 'conditions: { path: ["/api/*"] }',
  action: 'action: { forward: TARGET_GROUP }',
  targetGroup: 'targetGroup: NAME',
  statusCode: 'statusCode: 404',
  id: 'id: i-0123456789abcdef0',
  value: 'value: VALUE',
};

// ------------------------------------------------------------------ zod issues → problems

/** The keys an object schema allows at `path` (for "did you mean" on unknown keys). */
function allowedKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  const node = schemaAt(schema, path);
  const shape = node ? (node as unknown as { shape?: Record<string, unknown> }).shape : undefined;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let s = schema as { _zod?: { def?: { type?: string; innerType?: unknown } } } | undefined;
  while (
    s?._zod?.def &&
    (s._zod.def.type === 'optional' || s._zod.def.type === 'default' || s._zod.def.type === 'nullable')
  ) {
    s = s._zod.def.innerType as typeof s;
  }
  return s;
}

function schemaAt(schema: unknown, path: readonly PathSegment[]): unknown {
  let node = unwrap(schema);
  for (const seg of path) {
    const def = (node as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
    if (!def) return undefined;
    if (def.type === 'union') {
      const options = (def.options as unknown[]).map(unwrap);
      node = options.find((o) => {
        const t = (o as { _zod?: { def?: { type?: string } } })._zod?.def?.type;
        return typeof seg === 'number' ? t === 'array' : t === 'object' || t === 'record';
      });
      const inner = (node as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
      if (!inner) return undefined;
      node = step(inner, seg);
    } else {
      node = step(def, seg);
    }
    node = unwrap(node);
  }
  return node;
}

function step(def: Record<string, unknown>, seg: PathSegment): unknown {
  if (def.type === 'object') return (def.shape as Record<string, unknown>)[String(seg)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}

/** Every issue as house-style problems (one per unknown key), deduplicated. */
export function issuesToProblems(issues: readonly Issue[], root: unknown, schema: z.ZodType): PathProblem[] {
  const out: PathProblem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    for (const p of issueToProblems(issue, [], root, schema)) {
      const key = `${JSON.stringify(p.path)}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

function issueToProblems(
  issue: Issue,
  prefix: readonly PathSegment[],
  root: unknown,
  schema: z.ZodType,
): PathProblem[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const key = path.length > 0 ? String(path[path.length - 1]) : '';
  const parentPath = path.slice(0, -1);

  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(schema, path);
    return issue.keys.map((k) => ({
      path: [...path, k],
      code: 'E_UNKNOWN_KEY',
      at: 'key' as const,
      message: `${entityAt(root, path)}: unknown field "${k}"${unknownKeyFix(k, allowed)}`,
    }));
  }
  if (path.length > 0 && !hasKey(root, path)) {
    return [
      {
        path,
        code: 'E_REQUIRED',
        message: `${entityAt(root, parentPath)}: "${key}" is required; add ${EXAMPLE[key] ?? `${key}: …`}`,
      },
    ];
  }
  const value = valueAt(root, path);
  if (issue.code === 'invalid_union') return unionProblems(issue, path, value, root, schema);
  if (issue.message !== GENERIC) {
    const code =
      issue.code === 'invalid_format' && 'pattern' in issue && typeof issue.pattern === 'string'
        ? (patternCodes().get(issue.pattern) ?? 'E_FORMAT')
        : key === 'version' && path.length === 1
          ? 'E_VERSION'
          : 'E_RANGE';
    return [{ path, code, message: issue.message }];
  }
  if (path.length === 0 && !isDict(value)) {
    return [
      {
        path,
        code: 'E_TYPE',
        message: `stack file: must be a mapping with version: 1, stack: NAME, loadBalancers and targetGroups; it is ${value === null ? 'empty' : typeWord(value)}`,
      },
    ];
  }
  const field = fieldLabel(path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === null) {
        return [
          {
            path,
            code: 'E_TYPE',
            message: `${entityAt(root, parentPath)}: "${key}" is empty; give it ${EXPECTED_WORD[issue.expected] ?? 'a value'}`,
          },
        ];
      }
      const expected = EXPECTED_WORD[issue.expected] ?? issue.expected;
      return [
        {
          path,
          code: 'E_TYPE',
          message: `${field} ${shownAt(path, value)}: must be ${expected}, not ${typeWord(value)}${isSecretPath(path) ? '' : typeFix(issue.expected, value)}`,
        },
      ];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => (typeof v === 'string' ? v : String(v)));
      if (value === null) {
        return [
          {
            path,
            code: 'E_ENUM',
            message: `${entityAt(root, parentPath)}: "${key}" is empty; use ${orList(options)}`,
          },
        ];
      }
      const suggestion = typeof value === 'string' ? didYouMean(value, options) : '';
      return [
        {
          path,
          code: 'E_ENUM',
          message: `${field} ${shownAt(path, value)}: unknown; use ${orList(options)}${suggestion}`,
        },
      ];
    }
    case 'too_small': {
      if (issue.origin === 'array') {
        return [{ path, code: 'E_RANGE', message: `${field}: is empty; list at least ${String(issue.minimum)}` }];
      }
      if (issue.origin === 'string') return [{ path, code: 'E_RANGE', message: `${field}: must not be empty` }];
      return [
        {
          path,
          code: 'E_RANGE',
          message: `${field} ${shownAt(path, value)}: must be at least ${String(issue.minimum)}`,
        },
      ];
    }
    case 'too_big': {
      if (issue.origin === 'string' && typeof value === 'string') {
        return [
          {
            path,
            code: 'E_RANGE',
            message: `${field}: is ${value.length} characters, the limit is ${String(issue.maximum)}`,
          },
        ];
      }
      if (issue.origin === 'array' && Array.isArray(value)) {
        return [
          {
            path,
            code: 'E_RANGE',
            message: `${field}: lists ${value.length}, the limit is ${String(issue.maximum)}`,
          },
        ];
      }
      return [
        {
          path,
          code: 'E_RANGE',
          message: `${field} ${shownAt(path, value)}: must be at most ${String(issue.maximum)}`,
        },
      ];
    }
    default:
      return [{ path, code: 'E_TYPE', message: `${field} ${shownAt(path, value)}: not valid here` }];
  }
}

function unknownKeyFix(key: string, allowed: readonly string[]): string {
  const suggestion = didYouMean(key, allowed);
  if (suggestion) return suggestion;
  return allowed.length > 0 ? `; remove it (allowed here: ${allowed.join(', ')})` : '; remove it';
}

function typeFix(expected: string, value: unknown): string {
  if (
    (expected === 'number' || expected === 'int') &&
    typeof value === 'string' &&
    /^-?\d+(\.\d+)?$/.test(value.trim())
  ) {
    return '; remove the quotes';
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    return `; quote it: "${String(value)}"`;
  if (expected === 'array' && (typeof value === 'string' || typeof value === 'number'))
    return `; write a list: [${String(value)}]`;
  return '';
}

/**
 * A union failed. When one alternative matches the value's shape (e.g. the weighted list of a
 * forward), its own problems are the useful ones; otherwise say which alternatives exist.
 */
function unionProblems(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: PathSegment[],
  value: unknown,
  root: unknown,
  schema: z.ZodType,
): PathProblem[] {
  const shallow = (i: Issue) =>
    i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value' || i.code === 'invalid_union');
  const fitting = issue.errors.find((branch) => branch.length > 0 && !branch.some(shallow));
  if (fitting) {
    return fitting.flatMap((i) => issueToProblems(i, path, root, schema));
  }
  const alternatives: string[] = [];
  let numeric = false;
  for (const branch of issue.errors) {
    for (const i of branch) {
      if (i.path.length !== 0) continue;
      if (i.code === 'invalid_type') {
        alternatives.push(EXPECTED_WORD[i.expected] ?? i.expected);
        if (i.expected === 'number' || i.expected === 'int') numeric = true;
      }
      if (i.code === 'invalid_value')
        alternatives.push(...i.values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))));
    }
  }
  const unique = [...new Set(alternatives)];
  const fix = numeric && !isSecretPath(path) ? typeFix('number', value) : '';
  const entity = entityAt(root, path.slice(0, -1));
  if (value === null) {
    return [
      {
        path,
        code: 'E_TYPE',
        message: `${entity}: "${String(path[path.length - 1])}" is empty; give it ${orList(unique)}`,
      },
    ];
  }
  return [
    {
      path,
      code: 'E_TYPE',
      message: `${fieldLabel(path)} ${shownAt(path, value)}: must be ${orList(unique)}${fix}`,
    },
  ];
}

/** The schema's pattern codes; the schema (and zod) load only when a file has problems. */
function patternCodes(): Map<string, ProblemCode> {
  const { PATTERN_CODES }: typeof import('./schema') = require('./schema');
  return PATTERN_CODES;
}
