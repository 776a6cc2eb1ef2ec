/**
 * `elbctl apply -f FILE | --plan plan.json`: observe, plan, approve, execute. A saved plan is
 * applied only if the live state is still the one it was made from.
 */
import type { Context } from '../context';
import { ElbctlError, usageError } from '../../core/errors';
import { fingerprintDrift, fingerprints } from '../../core/stack/fingerprint';
import type { Plan } from '../../core/stack/plan';
import { plan as makePlan } from '../../core/stack/planner/plan-stack';
import type { Result } from '../../ui/render';
import {
  checkStackReferences,
  loadStackFile,
  observeScope,
  observeStack,
  readSavedPlan,
  warnPlan,
  warnStackQuotas,
} from './common';
import { withPacing } from '../pacing';
import { executePlan } from './run-plan';

export interface ApplyOptions {
  file?: string | undefined;
  plan?: string | undefined;
}

export async function run(opts: ApplyOptions, ctx: Context): Promise<Result> {
  if (opts.file && opts.plan) throw usageError('E_USAGE', 'apply: pass either -f FILE or --plan PLAN.json, not both');
  if (!opts.file && !opts.plan)
    throw usageError(
      'E_NO_FILE',
      'apply: no stack file; pass -f FILE, or --plan PLAN.json saved by `elbctl plan --out`',
    );

  let plan: Plan;
  let rerun: string;
  if (opts.plan) {
    const { saved, plan: savedPlan } = readSavedPlan(opts.plan);
    ctx.useStackRegion(saved.region, opts.plan);
    const observed = await observeStack(ctx, saved.scope);
    const drift = fingerprintDrift(saved.fingerprints, fingerprints(observed));
    if (drift.length > 0) {
      throw new ElbctlError(
        'conflict',
        'E_PLAN_STALE',
        `plan file "${opts.plan}": the live state changed since the plan was made (${saved.createdAt}); nothing was applied`,
        {
          details: drift,
          hint: `run \`elbctl plan -f ${saved.file} --out ${opts.plan}\` again and review the new plan`,
        },
      );
    }
    plan = savedPlan;
    warnPlan(ctx, plan);
    rerun = `elbctl apply -f ${saved.file}`;
  } else {
    const file = opts.file as string;
    const loaded = loadStackFile(ctx, file, { accountQuotas: true });
    const { stack } = loaded;
    ctx.useStackRegion(stack.region, file);
    await checkStackReferences(ctx, loaded);
    await warnStackQuotas(ctx, loaded);
    plan = makePlan(stack, await observeStack(ctx, observeScope(stack)));
    warnPlan(ctx, plan, stack.warnings);
    rerun = `elbctl apply -f ${file}`;
  }
  return withPacing(ctx, await executePlan(ctx, plan, { verb: 'apply', rerun }));
}
