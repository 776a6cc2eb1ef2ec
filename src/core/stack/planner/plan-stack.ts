/**
 * The planner: plan(desired, observed) → Plan, pure. Read the design note at the top of ../plan.ts
 * (identity lives in tags) before changing anything here.
 */
import type { DesiredStack, Observed } from '../model';
import { Plan } from '../plan';
import { deleteLoadBalancer, planLoadBalancer } from './load-balancers';
import { PlannerState, type PlanOptions, type TargetGroupState } from './state';
import { deleteTargetGroup, planTargetGroup, planTargetGroupParts } from './target-groups';
import { deleteTrustStores, planTrustStores } from './trust-stores';

export function plan(desired: DesiredStack, observed: Observed, options: PlanOptions = {}): Plan {
  const p = new PlannerState(desired, observed, options);
  const wantTargetGroups = p.options.destroy ? [] : p.desired.targetGroups;
  const wantLoadBalancers = p.options.destroy ? [] : p.desired.loadBalancers;
  if (!p.options.destroy) planTrustStores(p);
  for (const tg of wantTargetGroups) {
    planTargetGroup(p, tg);
    planTargetGroupParts(p, p.tgStates.get(tg.name) as TargetGroupState);
  }
  for (const lb of wantLoadBalancers) planLoadBalancer(p, lb);
  const desiredNames = new Set(wantLoadBalancers.map((l) => l.name));
  for (const olb of p.observed.loadBalancers) {
    if (!desiredNames.has(olb.name) && p.owned(olb.tags)) deleteLoadBalancer(p, olb);
  }
  for (const otg of p.observed.targetGroups) {
    if (p.owned(otg.tags) && !p.matchedTargetGroupArns.has(otg.arn)) deleteTargetGroup(p, otg);
  }
  deleteTrustStores(p);
  for (const state of p.tgStates.values()) {
    const c = state.change;
    if (c?.action === 'replace' && state.observed) {
      c.deleteOldAfter = [...(p.releases.get(state.observed.arn) ?? [])];
      p.blockIfPinned(state.observed, c.id, 'replace');
    }
  }
  for (const c of p.changes) {
    c.dependsOn = [...new Set(c.dependsOn)].filter((d) => d !== c.id && p.ids.has(d));
    if (c.type === 'target-group' && c.deleteOldAfter)
      c.deleteOldAfter = [...new Set(c.deleteOldAfter)].filter((d) => p.ids.has(d));
  }
  return new Plan(p.stack, p.changes, p.unmanaged, p.warnings);
}

/** The plan that deletes everything the stack owns (`elbctl destroy`). */
export function planDestroy(stack: string, observed: Observed): Plan {
  return plan({ version: 1, stack, loadBalancers: [], targetGroups: [], warnings: [] }, observed, { destroy: true });
}
