/**
 * What every part of the stack schema is built with (schema.ts, schema-actions.ts): zod set up
 * once for a single parse, and the checks whose failure messages are the rulebook's.
 */
import * as z from 'zod';
import type { ProblemCode } from '../errors';
import type { Problem } from '../rules/problem';
import { rangeProblem } from '../rules/values';

// A run parses a file once: zod's compiled fast paths (`new Function` per object schema) cost
// more to build than they save on one parse. Set before any schema below is constructed.
z.config({ jitless: true });

/** Which problem code a failed `pattern` check carries, keyed by the pattern as zod reports it (`/…/`). */
export const PATTERN_CODES = new Map<string, ProblemCode>();

/** A name field that takes any string: the part views' (views.ts), so a bad name hides no other problem. */
export const anyName = () => ({ name: z.string() });

/**
 * A string checked by a regular expression (so the JSON Schema carries it as `pattern`) whose
 * failure message is the rulebook's for that kind of value.
 */
export function patterned(pattern: RegExp, check: (value: string) => Problem | undefined, fallback: string) {
  const code = check('\u0000')?.code ?? 'E_FORMAT';
  PATTERN_CODES.set(String(pattern), code);
  return z
    .string()
    .regex(pattern, { error: (iss) => check(String(iss.input))?.message ?? `"${String(iss.input)}": ${fallback}` });
}

/** A whole number in a range; every failure says the rulebook's sentence. */
export function wholeNumber(what: string, min: number, max: number) {
  const error = (iss: { input?: unknown }) =>
    rangeProblem(what, String(iss.input), min, max)?.message ??
    `${what} "${String(iss.input)}": must be a whole number from ${min} to ${max}`;
  return z.number().int({ error }).min(min, { error }).max(max, { error });
}

/** A reference to a target group of this stack, by its name; validate.ts resolves it. */
export const targetGroupRef = z
  .string()
  .meta({ description: 'The name of a target group declared under targetGroups.' });
