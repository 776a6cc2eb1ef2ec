/**
 * `elbctl destroy -f FILE`: deletes only what carries this stack's ownership tag, in
 * dependency order, and names what it left because it is not owned.
 */
import type { Context } from '../context';
import { STACK_TAG } from '../../core/stack/model';
import { planDestroy } from '../../core/stack/planner/plan-stack';
import type { Result } from '../../ui/render';
import { loadStackFile, observeScope, observeStack, requireFile } from './common';
import { withPacing } from '../pacing';
import { executePlan } from './run-plan';

export interface DestroyOptions {
  file?: string | undefined;
}

export async function run(opts: DestroyOptions, ctx: Context): Promise<Result> {
  const file = requireFile(opts.file, 'destroy');
  const { stack } = loadStackFile(ctx, file);
  ctx.useStackRegion(stack.region, file);
  const observed = await observeStack(ctx, observeScope(stack));
  const notOwned = [
    ...observed.loadBalancers
      .filter((lb) => lb.tags[STACK_TAG] !== stack.stack)
      .map((lb) => `load balancer "${lb.name}"`),
    ...observed.targetGroups
      .filter((tg) => tg.tags[STACK_TAG] !== stack.stack)
      .map((tg) => `target group "${tg.name}"`),
    ...(observed.trustStores ?? [])
      .filter((t) => t.tags[STACK_TAG] !== stack.stack && (stack.trustStores ?? []).some((d) => d.name === t.name))
      .map((t) => `trust store "${t.name}"`),
  ];
  for (const what of notOwned)
    ctx.progress.info(`left ${what}: it is not owned by stack "${stack.stack}" (no ${STACK_TAG}=${stack.stack} tag)`);
  const plan = planDestroy(stack.stack, observed);
  const result = await executePlan(ctx, plan, { verb: 'destroy', rerun: `elbctl destroy -f ${file}` });
  return withPacing(ctx, { ...result, data: { ...(result.data as object), leftNotOwned: notOwned } });
}
