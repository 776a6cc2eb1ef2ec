/**
 * `elbctl lb cross-zone LB on|off`: network and gateway load balancers only. On an application
 * load balancer it explains where cross-zone is turned off instead, and writes nothing.
 */
import type { Context } from '../context';
import {
  albCrossZoneRefusal,
  canToggleLoadBalancerCrossZone,
  CROSS_ZONE_ATTRIBUTE,
  crossZoneChargeWarning,
  loadBalancerCrossZoneValue,
  parseLoadBalancerCrossZone,
} from '../../core/cross-zone';
import { usageError } from '../../core/errors';
import type { Result } from '../../ui/render';

export interface LbCrossZoneOptions {
  lb: string;
  state: string;
}

export async function run(opts: LbCrossZoneOptions, ctx: Context): Promise<Result> {
  const state = parseLoadBalancerCrossZone(opts.state);
  if (typeof state !== 'string') throw usageError('E_BAD_CROSS_ZONE', state.problem);

  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  if (!canToggleLoadBalancerCrossZone(lb.type)) throw usageError('E_ALB_CROSS_ZONE', albCrossZoneRefusal(lb.name));

  await elbv2.setLoadBalancerAttributes(lb.arn, { [CROSS_ZONE_ATTRIBUTE]: loadBalancerCrossZoneValue(state) });
  const charge = crossZoneChargeWarning(lb.type);
  if (state === 'on' && charge) ctx.progress.warn(charge);
  ctx.progress.succeed(`cross-zone load balancing is ${state} for load balancer "${lb.name}"`);
  return {
    data: { loadBalancer: lb.name, crossZone: state },
    view: { kind: 'message', text: `load balancer "${lb.name}": cross-zone ${state}` },
  };
}
