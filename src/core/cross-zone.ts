/**
 * Cross-zone load balancing, the one concept users get wrong (aws-facts.md):
 * - load balancer level: network and gateway load balancers toggle it; an application load
 *   balancer always has it on and AWS refuses to change it;
 * - target group level: true | false | use_load_balancer_configuration overrides the load
 *   balancer; on an application load balancer this is the only way to turn it off.
 * Everything here is pure so the commands and the stack planner say the same thing.
 */
import type { LoadBalancerType, TargetType } from './model';
import { loadBalancerTypeFromArn } from './model';
import { quote } from './echo';
import { canonical } from './rules/values';

export const CROSS_ZONE_ATTRIBUTE = 'load_balancing.cross_zone.enabled';

export type LoadBalancerCrossZone = 'on' | 'off';
export type TargetGroupCrossZone = 'on' | 'off' | 'inherit';

export const INHERIT_VALUE = 'use_load_balancer_configuration';

export const LB_STATES: readonly LoadBalancerCrossZone[] = ['on', 'off'];
export const TG_STATES: readonly TargetGroupCrossZone[] = ['on', 'off', 'inherit'];

/** `on|off` for a load balancer, or the problem in house style. */
export function parseLoadBalancerCrossZone(state: string): LoadBalancerCrossZone | { problem: string } {
  const c = canonical(state, LB_STATES);
  if (c !== undefined) return c;
  return { problem: `cross-zone state ${quote(state)}: unknown; use on or off` };
}

/** `on|off|inherit` for a target group, or the problem in house style. */
export function parseTargetGroupCrossZone(state: string): TargetGroupCrossZone | { problem: string } {
  const c = canonical(state, TG_STATES);
  if (c !== undefined) return c;
  return {
    problem: `cross-zone state ${quote(state)}: unknown; use on, off or inherit (inherit follows the load balancer's setting)`,
  };
}

export function loadBalancerCrossZoneValue(state: LoadBalancerCrossZone): 'true' | 'false' {
  return state === 'on' ? 'true' : 'false';
}

export function targetGroupCrossZoneValue(state: TargetGroupCrossZone): 'true' | 'false' | typeof INHERIT_VALUE {
  if (state === 'inherit') return INHERIT_VALUE;
  return state === 'on' ? 'true' : 'false';
}

/** The attribute value AWS reports → the word elbctl shows; `undefined` for a value AWS never sends. */
export function crossZoneStateOf(value: string | undefined): TargetGroupCrossZone | undefined {
  if (value === 'true') return 'on';
  if (value === 'false') return 'off';
  if (value === INHERIT_VALUE) return 'inherit';
  return undefined;
}

/** Only network and gateway load balancers let the load-balancer-level setting change. */
export function canToggleLoadBalancerCrossZone(type: LoadBalancerType): boolean {
  return type === 'network' || type === 'gateway';
}

/** Why an application load balancer's cross-zone setting cannot be changed, and what to do instead. */
export function albCrossZoneRefusal(loadBalancerName: string): string {
  return (
    `load balancer ${quote(loadBalancerName)}: cross-zone load balancing is always on for an application load balancer and cannot be changed on the load balancer; ` +
    'turn it off per target group with `elbctl tg cross-zone TG off`'
  );
}

/** Inter-AZ traffic is billed on network (and gateway) load balancers, never on application ones. */
export function crossZoneChargeWarning(type: LoadBalancerType): string | undefined {
  if (type === 'application') return undefined;
  return `inter-AZ data transfer is charged for cross-zone traffic on ${type} load balancers: every request sent to a target in another availability zone is billed`;
}

export const ALB_TARGET_GROUP_CROSS_ZONE_OFF_NOTE =
  'note: with cross-zone off, an application load balancer target group supports neither stickiness nor lambda targets';

export function lambdaCrossZoneRefusal(targetGroupName: string): string {
  return `target group ${quote(targetGroupName)}: cross-zone load balancing does not apply to lambda target groups; nothing to change`;
}

export interface TargetGroupUse {
  protocol?: string | undefined;
  targetType: TargetType;
  /** ARNs of the load balancers that use the target group. */
  loadBalancers: readonly string[];
}

/**
 * The kind of load balancer a target group serves: from the load balancers that use it, else
 * from its protocol (only application load balancers forward to HTTP/HTTPS target groups).
 */
export function targetGroupLoadBalancerType(tg: TargetGroupUse): LoadBalancerType | undefined {
  for (const arn of tg.loadBalancers) {
    const type = loadBalancerTypeFromArn(arn);
    if (type) return type;
  }
  if (tg.targetType === 'lambda' || tg.protocol === 'HTTP' || tg.protocol === 'HTTPS') return 'application';
  if (tg.protocol === 'GENEVE') return 'gateway';
  if (tg.protocol !== undefined) return 'network';
  return undefined;
}
