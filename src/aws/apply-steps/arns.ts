/** Names, ARNs and tags as the apply steps pass them around: pure conversions, no AWS call. */
import type { Tag } from '../../core/model';
import { listenerRef } from '../../core/rules/listener';
import type { Tags } from '../../core/stack/model';
import type { PlanAction } from '../../core/stack/plan';

export const toTagList = (tags: Tags): Tag[] => Object.entries(tags).map(([key, value]) => ({ key, value }));
export const toTagMap = (tags: readonly Tag[] | undefined): Tags =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

/** `arn:…:targetgroup/NAME/ID` → NAME. */
export function targetGroupNameFromArn(arn: string): string | undefined {
  return /:targetgroup\/([^/]+)\//.exec(arn)?.[1];
}

/** `arn:…:listener-rule/app/LB/ID/LISTENER/RULE` → `arn:…:listener/app/LB/ID/LISTENER`. */
export function listenerArnOfRule(ruleArn: string): string {
  return ruleArn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
}

/** `web:443`, or `gw:GENEVE` for a gateway load balancer's listener (it has no port). */
export const listenerKey = (loadBalancer: string, port: number) => listenerRef(loadBalancer, port);

/** AWS names of the target groups an action forwards to. */
export function forwardedTargetGroups(a: PlanAction | undefined): string[] {
  return a?.type === 'forward' ? a.targets.map((t) => t.targetGroup) : [];
}
