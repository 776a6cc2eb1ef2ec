/**
 * Pre-write guards: checks every modify of a listener or rule runs after reading the resource
 * and before its diff is shown or anything is written. A guard refuses by returning the error
 * to report (exit 1 for a state that forbids the change). This is the hook for what other
 * features record on a resource: a progressive shift (issue 13) records itself as a tag on the
 * listener or rule it moves, and adds its guard to PRE_WRITE_GUARDS so `listener modify` and
 * `rule modify` refuse while it runs.
 */
import type { ElbctlError } from '../errors';

export interface GuardedResource {
  kind: 'listener' | 'rule';
  /** How the user names it: `web:443`, `web:443:10`. */
  name: string;
  arn: string;
  /** Every tag the resource carries, elbctl's own included. */
  tags: Readonly<Record<string, string>>;
}

export type PreWriteGuard = (resource: GuardedResource) => ElbctlError | undefined;

/** The guards `listener modify` and `rule modify` run: a feature that must forbid them adds its guard to this list. */
const PRE_WRITE_GUARDS: readonly PreWriteGuard[] = [];

/** Throws the first refusal of `guards` for this resource; returns when every guard lets it through. */
export function checkPreWriteGuards(
  resource: GuardedResource,
  guards: readonly PreWriteGuard[] = PRE_WRITE_GUARDS,
): void {
  for (const guard of guards) {
    const refusal = guard(resource);
    if (refusal) throw refusal;
  }
}
