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
import { approveAttributes } from '../modify/attributes';
import { type DryRunFlags, checkDryRunFlags } from '../modify/flow';

export interface LbCrossZoneOptions extends DryRunFlags {
  lb: string;
  state: string;
}

export async function run(opts: LbCrossZoneOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
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

  const result: Result = {
    data: { loadBalancer: lb.name, crossZone: state },
    view: { kind: 'message', text: `load balancer "${lb.name}": cross-zone ${state}` },
  };
  const charge = crossZoneChargeWarning(lb.type);
  const early = await approveAttributes(ctx, {
    kind: 'load balancer',
    name: lb.name,
    arn: lb.arn,
    current: await elbv2.getLoadBalancerAttributes(lb.arn),
    wanted: { [CROSS_ZONE_ATTRIBUTE]: loadBalancerCrossZoneValue(state) },
    dryRun: opts.dryRun,
    detailedExitcode: opts.detailedExitcode,
    warnings: state === 'on' && charge ? [charge] : [],
  });
  if (early) return early.exitCode === undefined ? result : { ...result, exitCode: early.exitCode };

  await elbv2.setLoadBalancerAttributes(lb.arn, { [CROSS_ZONE_ATTRIBUTE]: loadBalancerCrossZoneValue(state) });
  ctx.progress.succeed(`cross-zone load balancing is ${state} for load balancer "${lb.name}"`);
  return result;
}
