/**
 * `elbctl tg delete TG`: refuse while a load balancer still forwards to it (AWS would answer
 * ResourceInUse after the user said yes), ask, delete.
 */
import type { Context } from '../context';
import { ElbctlError } from '../../core/errors';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import { protocolPort } from './list';

export interface TgDeleteOptions {
  tg: string;
}

export async function run(opts: TgDeleteOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const tg = await elbv2.getTargetGroup(opts.tg);

  // Only load balancers that still exist count: some emulators keep stale ARNs here.
  const inUseBy =
    tg.loadBalancers.length === 0
      ? []
      : (await elbv2.listLoadBalancers()).filter((lb) => tg.loadBalancers.includes(lb.arn));
  if (inUseBy.length > 0) {
    const names = inUseBy.map((lb) => lb.name).sort();
    const quoted = names.map((n) => `"${n}"`).join(', ');
    throw new ElbctlError(
      'conflict',
      'E_IN_USE',
      `target group "${tg.name}": in use by load balancer ${quoted}; delete the listener or rule that forwards to it first`,
      {
        hint: `\`elbctl listener list ${names[0]}\` and \`elbctl rule list ${names[0]}:PORT\` show what forwards to it`,
      },
    );
  }

  const targets = await elbv2.describeTargetHealth(tg.arn);
  const registered = targets.length === 1 ? '1 registered target' : `${targets.length} registered targets`;
  await confirmOrAbort(
    ctx,
    `Delete target group "${tg.name}" (${protocolPort(tg)}) and its ${registered}?`,
    `delete target group "${tg.name}"`,
  );

  ctx.progress.start(`deleting target group "${tg.name}"`);
  try {
    await elbv2.deleteTargetGroup(tg.arn);
  } catch (e) {
    ctx.progress.fail(`could not delete target group "${tg.name}"`);
    throw e;
  }
  ctx.progress.succeed(`deleted target group "${tg.name}"`);
  return {
    data: { name: tg.name, arn: tg.arn, deleted: true },
    view: { kind: 'message', text: `deleted target group "${tg.name}"` },
  };
}
