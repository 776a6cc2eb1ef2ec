/**
 * `elbctl clb attributes CLB [--set K=V ..]`: show the Classic attributes (cross-zone, connection
 * draining, idle timeout, access logs), or change the named ones (before → after, approved).
 */
import {
  accessLogProblem,
  classicAttributeChange,
  classicAttributeMap,
  parseClassicSettings,
} from '../../core/classic/attributes';
import { Problems } from '../../core/errors';
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { attributesResult } from '../lb/attributes';
import { approveAttributes } from '../modify/attributes';
import { checkDryRunFlags, type DryRunFlags } from '../modify/flow';
import { getClassic } from './common';

export interface ClbAttributesOptions extends DryRunFlags {
  clb: string;
  set?: string[] | undefined;
}

export async function run(opts: ClbAttributesOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  const { wanted, problems } = parseClassicSettings(opts.set ?? []);
  const all = new Problems();
  all.addAll(problems);
  all.throwIfAny();
  const c = await getClassic(ctx, opts.clb);
  const current = classicAttributeMap(c.attributes);
  if (Object.keys(wanted).length === 0) return attributesResult(current);
  const late = accessLogProblem(c.attributes, wanted);
  if (late) all.addAll([late]);
  all.throwIfAny();

  const early = await approveAttributes(ctx, {
    kind: 'classic load balancer',
    name: c.name,
    arn: c.name,
    current,
    wanted,
    dryRun: opts.dryRun,
    detailedExitcode: opts.detailedExitcode,
  });
  if (early) return early;
  const { elb } = await ctx.aws();
  const what = Object.entries(wanted)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  ctx.progress.start(`setting ${what} on classic load balancer "${c.name}"`);
  try {
    await elb.modifyAttributes(c.name, classicAttributeChange(c.attributes, wanted));
  } catch (e) {
    ctx.progress.fail(`could not set the attributes of classic load balancer "${c.name}"`);
    throw e;
  }
  ctx.progress.succeed(`set ${what} on classic load balancer "${c.name}"`);
  return attributesResult(classicAttributeMap((await getClassic(ctx, c.name)).attributes));
}
