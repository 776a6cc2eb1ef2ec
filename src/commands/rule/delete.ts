/**
 * `elbctl rule delete RULE`: RULE is an ARN or LB:PORT:PRIORITY. The default rule is part of
 * its listener and cannot be deleted; every other rule is deleted after a confirmation.
 */
import type { Context } from '../context';
import { describeConditions } from '../../core/conditions';
import { usageError } from '../../core/errors';
import { parseRuleRef } from '../../core/references';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import { resolveRule } from '../resolve';
import { listenerLabel } from './list';

export interface RuleDeleteOptions {
  rule: string;
}

export async function run(opts: RuleDeleteOptions, ctx: Context): Promise<Result> {
  parseRuleRef(opts.rule);
  const { elbv2 } = await ctx.aws();
  const { rule, listener, loadBalancer } = await resolveRule(elbv2, opts.rule);
  const label = listenerLabel(loadBalancer, listener);
  if (rule.isDefault) {
    throw usageError(
      'E_DEFAULT_RULE',
      `rule "${opts.rule}": is the default rule of listener "${label}" and cannot be deleted; change the listener's default action instead`,
      { hint: 'the default rule answers every request no other rule matches; it goes away only with its listener' },
    );
  }
  const what = `rule ${label}:${rule.priority} (${describeConditions(rule.conditions)})`;
  await confirmOrAbort(
    ctx,
    `Delete ${what}? Requests it matched will fall through to the next rule.`,
    `delete ${what}`,
  );
  await elbv2.deleteRule(rule.arn);
  ctx.progress.succeed(`deleted ${what}`);
  return {
    data: { arn: rule.arn, priority: rule.priority, deleted: true },
    view: { kind: 'message', text: `deleted ${what}` },
  };
}
