/**
 * Rules in place: conditions and the final routing action (a priority changes through
 * SetRulePriorities, with the listener's other rules). `rule modify` and the stack engine compute
 * a change here; src/aws/modify.ts sends it, keeping the actions that run before the routing one
 * (authentication, JWT validation) unless told to replace them all.
 */
import type { Condition, Transform } from '../model';
import { sameConditions } from './conditions';
import type { TagMap } from './tags';

export interface RuleSettings<A> {
  conditions: Condition[];
  /** The final routing action. */
  action: A;
  /** Rewrites before routing; [] removes them all (ResetTransforms). */
  transforms?: Transform[] | undefined;
  tags?: TagMap | undefined;
}

export interface RuleModification<A> {
  before: Partial<RuleSettings<A>>;
  after: Partial<RuleSettings<A>>;
}

/** What turns the live rule into the wanted one; only the fields `desired` gives are compared. */
export function ruleModification<A>(
  current: Partial<RuleSettings<A>>,
  desired: Partial<RuleSettings<A>>,
  sameAction: (a: A, b: A) => boolean,
): RuleModification<A> {
  const before: Partial<RuleSettings<A>> = {};
  const after: Partial<RuleSettings<A>> = {};
  if (desired.conditions !== undefined && !sameConditions(current.conditions ?? [], desired.conditions)) {
    before.conditions = current.conditions ?? [];
    after.conditions = desired.conditions;
  }
  if (desired.action !== undefined && (current.action === undefined || !sameAction(current.action, desired.action))) {
    before.action = current.action;
    after.action = desired.action;
  }
  return { before, after };
}
