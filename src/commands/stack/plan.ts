/**
 * `elbctl plan -f FILE`: observe, diff, print. `--detailed-exitcode` exits 2 when there are
 * changes; `--out` saves the plan with fingerprints of the live state it was made from;
 * `--offline` plans against an empty account without credentials.
 */
import type { Context } from '../context';
import { plan as makePlan } from '../../core/stack/planner/plan-stack';
import { renderPlan } from '../../ui/plan-view';
import type { Result } from '../../ui/render';
import {
  checkStackReferences,
  loadStackFile,
  warnPlan,
  observeScope,
  observeStack,
  requireFile,
  savedPlanFor,
  warnStackQuotas,
  writeSavedPlan,
} from './common';

export interface PlanOptions {
  file?: string | undefined;
  offline?: boolean | undefined;
  detailedExitcode?: boolean | undefined;
  out?: string | undefined;
}

export async function run(opts: PlanOptions, ctx: Context): Promise<Result> {
  const file = requireFile(opts.file, 'plan');
  const loaded = loadStackFile(ctx, file, { accountQuotas: !opts.offline });
  const { stack } = loaded;
  if (!opts.offline) {
    ctx.useStackRegion(stack.region, file);
    await checkStackReferences(ctx, loaded);
    await warnStackQuotas(ctx, loaded);
  }
  const scope = observeScope(stack);
  const observed = await observeStack(ctx, scope, opts.offline === true);
  const plan = makePlan(stack, observed);
  warnPlan(ctx, plan, stack.warnings);

  if (opts.out) {
    writeSavedPlan(
      opts.out,
      savedPlanFor(file, stack.region ?? ctx.awsSettings.region, scope, observed, plan, ctx.clock.now()),
    );
    ctx.progress.info(`saved the plan to ${opts.out}; apply it with \`elbctl apply --plan ${opts.out}\``);
  }
  if (plan.isBlocked) {
    ctx.progress.warn(
      `the apply would refuse this plan: ${plan.unmanaged.length} unmanaged resource(s) stand in the way`,
    );
  }
  // A blocked plan is an error for CI (exit 1); otherwise 2 signals changes with --detailed-exitcode.
  const exitCode = plan.isBlocked ? 1 : opts.detailedExitcode && !plan.isEmpty ? 2 : 0;
  return {
    data: plan.toJSON(),
    view: { kind: 'message', text: renderPlan(plan, ctx.theme).replace(/\n$/, '') },
    exitCode,
  };
}
