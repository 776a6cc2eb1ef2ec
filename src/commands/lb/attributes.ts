/**
 * `elbctl lb attributes LB [--set K=V ..]`: show every attribute, or set the named ones and
 * show the result as AWS reports it afterwards.
 */
import type { Context } from '../context';
import {
  checkLoadBalancerAttributes,
  parseAttributeSettings,
  type AttributeSetting,
} from '../../core/rules/attributes';
import { Problems } from '../../core/errors';
import { tableView, type Result, type View } from '../../ui/render';
import { approveAttributes } from '../modify/attributes';
import { type DryRunFlags, checkDryRunFlags } from '../modify/flow';

export interface LbAttributesOptions extends DryRunFlags {
  lb: string;
  set?: string[] | undefined;
}

export function sortedAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** KEY/VALUE table, shared by the attributes and describe commands of both nouns. */
export function attributesView(attributes: Record<string, string>): View {
  const rows = Object.entries(attributes).map(([key, value]) => ({ key, value }));
  return tableView(
    rows,
    [
      { header: 'KEY', value: (r) => r.key },
      { header: 'VALUE', value: (r) => r.value },
    ],
    'no attributes',
  );
}

export function attributesResult(attributes: Record<string, string>): Result {
  const sorted = sortedAttributes(attributes);
  return { data: sorted, view: attributesView(sorted) };
}

/** The form of every `--set` (no AWS call needed); throws one 64 listing every problem. */
export function parseSetFlags(raws: readonly string[] | undefined): AttributeSetting[] {
  const { settings, problems } = parseAttributeSettings(raws ?? []);
  const all = new Problems();
  all.addAll(problems);
  all.throwIfAny();
  return settings;
}

export function describeSettings(settings: readonly AttributeSetting[]): string {
  return settings.map((s) => `${s.key}=${s.value}`).join(', ');
}

export async function run(opts: LbAttributesOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  const settings = parseSetFlags(opts.set);
  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  if (settings.length === 0) return attributesResult(await elbv2.getLoadBalancerAttributes(lb.arn));

  // Which keys exist depends on the type, known only now; still nothing has been written.
  const problems = new Problems();
  problems.addAll(checkLoadBalancerAttributes(lb.type, lb.name, settings));
  problems.throwIfAny();
  const current = await elbv2.getLoadBalancerAttributes(lb.arn);
  const early = await approveAttributes(ctx, {
    kind: 'load balancer',
    name: lb.name,
    arn: lb.arn,
    current,
    wanted: Object.fromEntries(settings.map((s) => [s.key, s.value])),
    dryRun: opts.dryRun,
    detailedExitcode: opts.detailedExitcode,
  });
  if (early) return early;

  ctx.progress.start(`setting ${describeSettings(settings)} on load balancer "${lb.name}"`);
  try {
    await elbv2.setLoadBalancerAttributes(lb.arn, Object.fromEntries(settings.map((s) => [s.key, s.value])));
  } catch (e) {
    ctx.progress.fail(`could not set the attributes of load balancer "${lb.name}"`);
    throw e;
  }
  ctx.progress.succeed(`set ${describeSettings(settings)} on load balancer "${lb.name}"`);
  return attributesResult(await elbv2.getLoadBalancerAttributes(lb.arn));
}
