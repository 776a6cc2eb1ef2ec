/**
 * `elbctl listener delete LISTENER` (ARN or LB:PORT): asks first, naming the listener and
 * how many rules go with it, then deletes it.
 */
import type { Context } from '../context';
import { parseListenerRef } from '../../core/references';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import { resolveListener } from '../resolve';

export interface ListenerDeleteOptions {
  listener: string;
}

export interface ListenerDeleted {
  arn: string;
  loadBalancer: string;
  port: number;
  deleted: true;
}

const RULE_PROTOCOLS = new Set(['HTTP', 'HTTPS']);

export async function run(opts: ListenerDeleteOptions, ctx: Context): Promise<Result> {
  parseListenerRef(opts.listener); // a malformed reference is a usage error before any AWS call
  const { elbv2 } = await ctx.aws();
  const { listener, loadBalancer } = await resolveListener(elbv2, opts.listener);
  // Only application load balancer listeners have rules besides the default one.
  const rules = RULE_PROTOCOLS.has(listener.protocol)
    ? (await elbv2.listRules(listener.arn)).filter((r) => !r.isDefault).length
    : 0;
  const label = `the ${listener.protocol} listener on port ${listener.port} of "${loadBalancer.name}"`;
  const withRules =
    rules === 0 ? 'it has no rules besides its default action' : `and its ${rules} rule${rules === 1 ? '' : 's'}`;
  await confirmOrAbort(
    ctx,
    rules === 0 ? `Delete ${label}? (${withRules})` : `Delete ${label} ${withRules}?`,
    `delete listener ${loadBalancer.name}:${listener.port}`,
  );
  ctx.progress.start(`deleting ${label}`);
  try {
    await elbv2.deleteListener(listener.arn);
  } catch (e) {
    ctx.progress.fail(`could not delete ${label}`);
    throw e;
  }
  ctx.progress.succeed(`deleted ${label}${rules > 0 ? ` and its ${rules} rule${rules === 1 ? '' : 's'}` : ''}`);
  const data: ListenerDeleted = {
    arn: listener.arn,
    loadBalancer: loadBalancer.name,
    port: listener.port,
    deleted: true,
  };
  return {
    data,
    view: { kind: 'message', text: `deleted listener ${loadBalancer.name}:${listener.port} (${listener.protocol})` },
  };
}
