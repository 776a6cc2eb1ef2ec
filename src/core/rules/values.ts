/** Rules every face shares for plain values: whole numbers, ports, ranges, enum words (any case in, AWS's case out), lists. */
import { quote } from '../echo';
import type { ProblemCode } from '../errors';
import { type PathSegment, type Problem, problem } from './problem';

/** Parses a decimal integer strictly ("80", not "80abc" or "8e1"). */
export function parseInteger(raw: string): number | undefined {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** `{what} "{value}": must be a whole number from {min} to {max}`, or undefined when it is one. */
export function rangeProblem(
  what: string,
  value: number | string,
  min: number,
  max: number,
  path: PathSegment[] = [],
  code: ProblemCode = 'E_RANGE',
): Problem | undefined {
  const n = typeof value === 'number' ? value : parseInteger(value);
  if (n !== undefined && Number.isInteger(n) && n >= min && n <= max) return undefined;
  return problem(code, `${what} ${quote(value)}: must be a whole number from ${min} to ${max}`, path);
}

export function portProblem(value: number | string, what = 'port', path: PathSegment[] = []): Problem | undefined {
  return rangeProblem(what, value, MIN_PORT, MAX_PORT, path);
}

/** A number given as text (a flag): the number, or the range problem. */
export function wholeNumber(
  what: string,
  raw: string,
  min: number,
  max: number,
  path: PathSegment[] = [],
): { ok: true; value: number } | { ok: false; problem: Problem } {
  const p = rangeProblem(what, raw, min, max, path);
  if (p) return { ok: false, problem: p };
  return { ok: true, value: parseInteger(raw) as number };
}

/**
 * An enum word in any case → the spelling AWS uses (`http` → `HTTP`, `Application` →
 * `application`), or undefined when it is none of them.
 */
export function canonical<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  const lower = value.trim().toLowerCase();
  return allowed.find((a) => a.toLowerCase() === lower);
}

/** `a`, `a or b`, `a, b or c` */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** An enum value: its canonical spelling, or the problem naming the allowed words. */
export function enumValue<T extends string>(
  what: string,
  value: string,
  allowed: readonly T[],
  path: PathSegment[] = [],
  why = 'unknown',
): { ok: true; value: T } | { ok: false; problem: Problem } {
  const c = canonical(value, allowed);
  if (c !== undefined) return { ok: true, value: c };
  return { ok: false, problem: problem('E_ENUM', `${what} ${quote(value)}: ${why}; use ${orList(allowed)}`, path) };
}

/** Splits comma-separated and repeated flag values: ["a,b", "c"] → ["a","b","c"]. */
export function splitList(values: readonly string[] | string | undefined): string[] {
  if (values === undefined) return [];
  const list = typeof values === 'string' ? [values] : values;
  return list
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** `KEY=VALUE` (tags, attributes). The value may contain `=`. */
export function parseKeyValue(
  what: string,
  raw: string,
  code: ProblemCode,
): { ok: true; key: string; value: string } | { ok: false; problem: Problem } {
  const eq = raw.indexOf('=');
  if (eq <= 0) return { ok: false, problem: problem(code, `${what} ${quote(raw)}: write it as KEY=VALUE`) };
  return { ok: true, key: raw.slice(0, eq), value: raw.slice(eq + 1) };
}

/** One problem for each value listed again after its first appearance. */
export function duplicates<T>(
  items: readonly T[],
  message: (item: T) => string,
  path: (index: number) => PathSegment[] = () => [],
  key: (item: T) => string = String,
): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) out.push(problem('E_DUPLICATE', message(item), path(i)));
    seen.add(k);
  });
  return out;
}
