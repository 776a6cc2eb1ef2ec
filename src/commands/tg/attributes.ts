/**
 * `elbctl tg attributes TG [--set K=V ..]`: show every attribute, or set the named ones and
 * show the result as AWS reports it afterwards.
 */
import type { Context } from '../context';
import { checkTargetGroupAttributes, relatedTargetGroupAttributeProblems } from '../../core/rules/attributes';
import { Problems, throwIfProblems } from '../../core/errors';
import type { Result } from '../../ui/render';
import { attributesResult, describeSettings, parseSetFlags } from '../lb/attributes';
import { approveAttributes } from '../modify/attributes';
import { type DryRunFlags, checkDryRunFlags } from '../modify/flow';

export interface TgAttributesOptions extends DryRunFlags {
  tg: string;
  set?: string[] | undefined;
}

export async function run(opts: TgAttributesOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  const settings = parseSetFlags(opts.set);
  // Target group keys do not depend on the target group: every key and value is judged before any call.
  const offline = new Problems();
  offline.addAll(checkTargetGroupAttributes(settings));
  offline.throwIfAny();

  const { elbv2 } = await ctx.aws();
  const tg = await elbv2.getTargetGroup(opts.tg);
  if (settings.length === 0) return attributesResult(await elbv2.getTargetGroupAttributes(tg.arn));

  const problems = new Problems();
  problems.addAll(
    checkTargetGroupAttributes(settings, { name: tg.name, targetType: tg.targetType, protocol: tg.protocol }),
  );
  problems.throwIfAny();
  const current = await elbv2.getTargetGroupAttributes(tg.arn);
  const wanted = Object.fromEntries(settings.map((s) => [s.key, s.value]));
  // AWS's rules between keys, over the live values: only what these settings would break is refused.
  const already = new Set(relatedTargetGroupAttributeProblems(tg.name, current).map((p) => p.message));
  throwIfProblems(
    relatedTargetGroupAttributeProblems(tg.name, { ...current, ...wanted }).filter((p) => !already.has(p.message)),
  );
  const early = await approveAttributes(ctx, {
    kind: 'target group',
    name: tg.name,
    arn: tg.arn,
    current,
    wanted,
    dryRun: opts.dryRun,
    detailedExitcode: opts.detailedExitcode,
  });
  if (early) return early;

  ctx.progress.start(`setting ${describeSettings(settings)} on target group "${tg.name}"`);
  try {
    await elbv2.setTargetGroupAttributes(tg.arn, Object.fromEntries(settings.map((s) => [s.key, s.value])));
  } catch (e) {
    ctx.progress.fail(`could not set the attributes of target group "${tg.name}"`);
    throw e;
  }
  ctx.progress.succeed(`set ${describeSettings(settings)} on target group "${tg.name}"`);
  return attributesResult(await elbv2.getTargetGroupAttributes(tg.arn));
}
