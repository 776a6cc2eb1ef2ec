/**
 * `elbctl lb delete LB`: refuse while deletion protection is on (never turn it off behind the
 * user's back), ask, delete, and wait until AWS no longer knows the load balancer.
 */
import type { Context } from '../context';
import { ElbctlError } from '../../core/errors';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';

export interface LbDeleteOptions {
  lb: string;
  wait?: boolean | undefined;
}

export const DELETION_PROTECTION = 'deletion_protection.enabled';

export async function run(opts: LbDeleteOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);

  const attributes = await elbv2.getLoadBalancerAttributes(lb.arn);
  if (attributes[DELETION_PROTECTION] === 'true') {
    throw new ElbctlError(
      'conflict',
      'E_DELETION_PROTECTED',
      `load balancer "${lb.name}": deletion protection is on, so it cannot be deleted`,
      {
        hint: `turn it off first with \`elbctl lb attributes ${lb.name} --set ${DELETION_PROTECTION}=false\`, then delete again`,
      },
    );
  }

  const listeners = await elbv2.listListeners(lb.arn);
  const count = listeners.length === 1 ? '1 listener' : `${listeners.length} listeners`;
  await confirmOrAbort(
    ctx,
    `Delete load balancer "${lb.name}" (${lb.dnsName}) and its ${count}?`,
    `delete load balancer "${lb.name}"`,
  );

  ctx.progress.start(`deleting load balancer "${lb.name}"`);
  try {
    await elbv2.deleteLoadBalancer(lb.arn);
    if (opts.wait !== false) {
      ctx.progress.update(`waiting for load balancer "${lb.name}" to be deleted`);
      await elbv2.waitUntilDeleted(lb.arn);
    }
  } catch (e) {
    ctx.progress.fail(`could not delete load balancer "${lb.name}"`);
    throw e;
  }
  ctx.progress.succeed(
    opts.wait === false
      ? `load balancer "${lb.name}": deletion requested; not waiting`
      : `deleted load balancer "${lb.name}"`,
  );
  return {
    data: { name: lb.name, arn: lb.arn, deleted: true },
    view: { kind: 'message', text: `deleted load balancer "${lb.name}"` },
  };
}
