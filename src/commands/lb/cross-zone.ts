/**
 * `elbctl lb cross-zone LB on|off`: network and gateway load balancers toggle it. On an
 * application load balancer cross-zone is always on: `on` is already true (exit 0 with a note,
 * nothing written), `off` is refused with where it is turned off instead (per target group).
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
import { problemsError, usageError } from '../../core/errors';
import { problem } from '../../core/rules/problem';
import { quote } from '../../core/echo';
import type { Result } from '../../ui/render';

export interface LbCrossZoneOptions {
  lb: string;
  state: string;
}

export async function run(opts: LbCrossZoneOptions, ctx: Context): Promise<Result> {
  const state = parseLoadBalancerCrossZone(opts.state);
  if (typeof state !== 'string') throw problemsError([problem('E_ENUM', state.problem)]);

  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  if (!canToggleLoadBalancerCrossZone(lb.type)) {
    if (state === 'off') throw usageError('E_ALB_CROSS_ZONE', albCrossZoneRefusal(lb.name));
    // Asking for what already holds is not an error (scripts that follow AWS's articles ask for it).
    ctx.progress.info(
      `note: cross-zone load balancing is always on for an application load balancer; nothing to change on ${quote(lb.name)}`,
    );
    return {
      data: { loadBalancer: lb.name, crossZone: 'on' },
      view: {
        kind: 'message',
        text: `load balancer ${quote(lb.name)}: cross-zone on (always, for an application load balancer)`,
      },
    };
  }

  await elbv2.setLoadBalancerAttributes(lb.arn, { [CROSS_ZONE_ATTRIBUTE]: loadBalancerCrossZoneValue(state) });
  const charge = crossZoneChargeWarning(lb.type);
  if (state === 'on' && charge) ctx.progress.warn(charge);
  ctx.progress.succeed(`cross-zone load balancing is ${state} for load balancer "${lb.name}"`);
  return {
    data: { loadBalancer: lb.name, crossZone: state },
    view: { kind: 'message', text: `load balancer "${lb.name}": cross-zone ${state}` },
  };
}
