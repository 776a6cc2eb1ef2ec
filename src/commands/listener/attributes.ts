/**
 * `elbctl listener attributes LISTENER [--set KEY=VALUE ..]`: every attribute of a listener, or
 * set the named ones (TCP idle timeout on network listeners; request header names and response
 * headers on application ones), judged by the rulebook before any write, approved like every
 * change in place, and shown as AWS reports them afterwards.
 */
import { checkListenerAttributes } from '../../core/rules/attributes';
import { throwIfProblems } from '../../core/errors';
import { parseListenerRef } from '../../core/references';
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { attributesResult, describeSettings, parseSetFlags } from '../lb/attributes';
import { approveAttributes } from '../modify/attributes';
import { type DryRunFlags, checkDryRunFlags } from '../modify/flow';
import { resolveListener } from '../resolve';

export interface ListenerAttributesOptions extends DryRunFlags {
  listener: string;
  set?: string[] | undefined;
}

export async function run(opts: ListenerAttributesOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  parseListenerRef(opts.listener);
  const settings = parseSetFlags(opts.set);
  const { elbv2 } = await ctx.aws();
  const { listener, loadBalancer } = await resolveListener(elbv2, opts.listener);
  const label = `${loadBalancer.name}:${listener.port}`;
  if (settings.length === 0) return attributesResult(await elbv2.getListenerAttributes(listener.arn));
  throwIfProblems(checkListenerAttributes(loadBalancer.type, `listener ${label}`, settings, listener.protocol));
  const current = await elbv2.getListenerAttributes(listener.arn);

  const wanted = Object.fromEntries(settings.map((s) => [s.key, s.value]));
  const early = await approveAttributes(ctx, {
    kind: 'listener',
    name: label,
    arn: listener.arn,
    current,
    wanted,
    dryRun: opts.dryRun,
    detailedExitcode: opts.detailedExitcode,
  });
  if (early) return early;
  ctx.progress.start(`setting ${describeSettings(settings)} on listener ${label}`);
  try {
    await elbv2.setListenerAttributes(listener.arn, wanted);
  } catch (e) {
    ctx.progress.fail(`could not set the attributes of listener ${label}`);
    throw e;
  }
  ctx.progress.succeed(`set ${describeSettings(settings)} on listener ${label}`);
  return attributesResult(await elbv2.getListenerAttributes(listener.arn));
}
