/**
 * `elbctl tg cross-zone TG on|off|inherit`: the per-target-group override, the only way to turn
 * cross-zone off behind an application load balancer.
 */
import type { Context } from '../context';
import {
  ALB_TARGET_GROUP_CROSS_ZONE_OFF_NOTE,
  CROSS_ZONE_ATTRIBUTE,
  crossZoneChargeWarning,
  lambdaCrossZoneRefusal,
  parseTargetGroupCrossZone,
  targetGroupCrossZoneValue,
  targetGroupLoadBalancerType,
} from '../../core/cross-zone';
import { problemsError, usageError } from '../../core/errors';
import { problem } from '../../core/rules/problem';
import type { Result } from '../../ui/render';
import { approveAttributes } from '../modify/attributes';
import { type DryRunFlags, checkDryRunFlags } from '../modify/flow';

export interface TgCrossZoneOptions extends DryRunFlags {
  tg: string;
  state: string;
}

export async function run(opts: TgCrossZoneOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  const state = parseTargetGroupCrossZone(opts.state);
  if (typeof state !== 'string') throw problemsError([problem('E_ENUM', state.problem)]);

  const { elbv2 } = await ctx.aws();
  const tg = await elbv2.getTargetGroup(opts.tg);
  if (tg.targetType === 'lambda') throw usageError('E_LAMBDA_CROSS_ZONE', lambdaCrossZoneRefusal(tg.name));

  const result: Result = {
    data: { targetGroup: tg.name, crossZone: state },
    view: { kind: 'message', text: `target group "${tg.name}": cross-zone ${state}` },
  };
  const lbType = targetGroupLoadBalancerType(tg);
  const charge = lbType === undefined ? undefined : crossZoneChargeWarning(lbType);
  const early = await approveAttributes(ctx, {
    kind: 'target group',
    name: tg.name,
    arn: tg.arn,
    current: await elbv2.getTargetGroupAttributes(tg.arn),
    wanted: { [CROSS_ZONE_ATTRIBUTE]: targetGroupCrossZoneValue(state) },
    dryRun: opts.dryRun,
    detailedExitcode: opts.detailedExitcode,
    warnings: state === 'on' && charge ? [charge] : [],
  });
  if (early) return early.exitCode === undefined ? result : { ...result, exitCode: early.exitCode };

  await elbv2.setTargetGroupAttributes(tg.arn, { [CROSS_ZONE_ATTRIBUTE]: targetGroupCrossZoneValue(state) });
  if (state === 'off' && lbType === 'application') ctx.progress.info(ALB_TARGET_GROUP_CROSS_ZONE_OFF_NOTE);
  const shown = state === 'inherit' ? 'inherit (the load balancer setting applies)' : state;
  ctx.progress.succeed(`cross-zone load balancing for target group "${tg.name}": ${shown}`);
  return result;
}
