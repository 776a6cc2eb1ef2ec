/**
 * Allocating listener rule priorities (1-50000, unique per listener, evaluated lowest first).
 * The default rule has no number and is never passed in here (callers leave it out). Which
 * priorities are valid is the rulebook's (rules/rule.ts).
 */
import { ElbctlError } from './errors';
import type { Problem } from './rules/problem';
import { MAX_PRIORITY, MIN_PRIORITY, priorityProblem } from './rules/rule';
import { parseInteger } from './rules/values';

export { MAX_PRIORITY, MIN_PRIORITY };

/** A `--priority` flag, strictly: "7", not "7.0", "7abc" or "1e3". */
export function parsePriority(raw: string): { ok: true; value: number } | { ok: false; problems: Problem[] } {
  const p = priorityProblem(raw);
  if (p) return { ok: false, problems: [p] };
  return { ok: true, value: parseInteger(raw) as number };
}

function takenSet(existing: readonly number[]): Set<number> {
  return new Set(existing.filter((n) => Number.isInteger(n) && n >= MIN_PRIORITY && n <= MAX_PRIORITY));
}

/**
 * The lowest free priority at or above `from`; when everything above is taken, the highest
 * free one below it; undefined when the listener has no free priority at all.
 */
export function nextFreePriority(from: number, existing: readonly number[]): number | undefined {
  const taken = takenSet(existing);
  const start = Math.min(Math.max(Math.trunc(from), MIN_PRIORITY), MAX_PRIORITY);
  for (let p = start; p <= MAX_PRIORITY; p++) if (!taken.has(p)) return p;
  for (let p = start - 1; p >= MIN_PRIORITY; p--) if (!taken.has(p)) return p;
  return undefined;
}

/**
 * The priority a new rule gets when none is asked for: right after the highest existing rule,
 * so it is evaluated last (before the default rule). 1 on an empty listener. When 50000 is
 * taken, the lowest gap instead.
 */
export function nextPriority(existing: readonly number[]): number {
  const taken = takenSet(existing);
  let highest = 0;
  for (const p of taken) if (p > highest) highest = p;
  if (highest < MAX_PRIORITY) return highest + 1;
  const gap = nextFreePriority(MIN_PRIORITY, [...taken]);
  if (gap === undefined) {
    throw new ElbctlError(
      'conflict',
      'E_NO_FREE_PRIORITY',
      `listener rules: every priority from ${MIN_PRIORITY} to ${MAX_PRIORITY} is taken; delete a rule before adding another`,
    );
  }
  return gap;
}

/**
 * Whether `n` is free on a listener whose numbered rules hold `existing`.
 * @param holder how to name the rule that holds `n`, e.g. `rule "path /api/*"`
 */
export function checkPriorityFree(n: number, existing: readonly number[], holder = 'another rule'): string | undefined {
  const taken = takenSet(existing);
  if (!taken.has(n)) return undefined;
  const next = nextFreePriority(n + 1, [...taken]);
  const suggestion =
    next === undefined
      ? `every priority from ${MIN_PRIORITY} to ${MAX_PRIORITY} is taken`
      : `the next free priority is ${next}`;
  return `priority ${n}: already taken by ${holder}; ${suggestion}`;
}
