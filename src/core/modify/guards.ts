/**
 * Pre-write guards: checks every modify of a listener or rule runs after reading the resource
 * and before its diff is shown or anything is written. A guard refuses by returning the error
 * to report (exit 1 for a state that forbids the change). This is the hook for what other
 * features record on a resource: a progressive shift (issue 13) records itself as a tag on the
 * listener or rule it moves, and adds its guard to PRE_WRITE_GUARDS so `listener modify` and
 * `rule modify` refuse while it runs.
 */
import { ElbctlError } from '../errors';
import { describeMark, shiftInProgress } from '../shift/record';

export interface GuardedResource {
  kind: 'listener' | 'rule';
  /** How the user names it: `web:443`, `web:443:10`. */
  name: string;
  arn: string;
  /** Every tag the resource carries, elbctl's own included. */
  tags: Readonly<Record<string, string>>;
}

export type PreWriteGuard = (resource: GuardedResource) => ElbctlError | undefined;

/** A shift recorded on the listener or rule owns its forward until it ends (issue 13). */
const shiftGuard: PreWriteGuard = (r) => {
  const mark = shiftInProgress(r.tags);
  if (!mark) return undefined;
  return new ElbctlError(
    'conflict',
    'E_SHIFT_IN_PROGRESS',
    `${r.kind} ${r.name}: ${describeMark(mark)}; it is not changed while a shift is recorded on it`,
    { hint: `\`elbctl shift status ${r.name}\` shows it; \`elbctl shift abort ${r.name}\` rolls it back and ends it` },
  );
};

/** The guards `listener modify` and `rule modify` run: a feature that must forbid them adds its guard to this list. */
const PRE_WRITE_GUARDS: readonly PreWriteGuard[] = [shiftGuard];

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
