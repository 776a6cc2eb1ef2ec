/** `elbctl clb delete CLB`: ask (or -y), then delete the Classic load balancer. */
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import type { Context } from '../context';
import { getClassic } from './common';

export interface ClbDeleteOptions {
  clb: string;
}

export async function run(opts: ClbDeleteOptions, ctx: Context): Promise<Result> {
  const c = await getClassic(ctx, opts.clb);
  const { elb } = await ctx.aws();
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  await confirmOrAbort(
    ctx,
    `Delete classic load balancer "${c.name}" (${c.dnsName}), its ${count(c.listeners.length, 'listener')}, and the registration of ${count(c.instances.length, 'instance')}?`,
    `delete classic load balancer "${c.name}"`,
  );
  ctx.progress.start(`deleting classic load balancer "${c.name}"`);
  try {
    await elb.delete(c.name);
  } catch (e) {
    ctx.progress.fail(`could not delete classic load balancer "${c.name}"`);
    throw e;
  }
  ctx.progress.succeed(`deleted classic load balancer "${c.name}"`);
  return {
    data: { name: c.name, type: 'classic', deleted: true },
    view: { kind: 'message', text: `deleted classic load balancer "${c.name}"` },
  };
}
