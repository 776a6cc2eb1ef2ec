/**
 * `elbctl rule move RULE --priority N`: changes one rule's priority in place with
 * SetRulePriorities (never delete + create, which would leave a gap in routing).
 */
import type { Context } from '../context';
import { ElbctlError, Problems, isElbctlError, usageError } from '../../core/errors';
import type { Rule } from '../../core/model';
import { checkPriorityFree, parsePriority } from '../../core/priorities';
import { parseRuleRef } from '../../core/references';
import type { Result } from '../../ui/render';
import { resolveRule } from '../resolve';
import { ruleHolder } from './add';
import { readAllTags } from '../tags/common';
import { listenerLabel, ruleFields, targetGroupName, toRuleRow } from './list';

export interface RuleMoveOptions {
  rule: string;
  priority: string;
}

export function validateRuleMove(opts: RuleMoveOptions): { rule: string; priority: number } {
  const problems = new Problems();
  try {
    parseRuleRef(opts.rule);
  } catch (e) {
    if (!isElbctlError(e)) throw e;
    problems.add('E_FORMAT', e.message);
  }
  const priority = parsePriority(opts.priority);
  if (!priority.ok) problems.addAll(priority.problems);
  problems.throwIfAny();
  return { rule: opts.rule, priority: (priority as { ok: true; value: number }).value };
}

export async function run(opts: RuleMoveOptions, ctx: Context): Promise<Result> {
  const want = validateRuleMove(opts);
  const { elbv2 } = await ctx.aws();
  const { rule, listener, loadBalancer } = await resolveRule(elbv2, want.rule);
  const label = listenerLabel(loadBalancer, listener);
  if (rule.isDefault) {
    throw usageError(
      'E_DEFAULT_RULE',
      `rule "${want.rule}": is the default rule of listener "${label}"; it is always evaluated last and cannot be moved`,
      { hint: "to change what happens to unmatched requests, change the listener's default action" },
    );
  }

  const result = async (moved: Rule): Promise<Result> => {
    const tags = await readAllTags(elbv2, [moved.arn]);
    return {
      data: toRuleRow(moved, targetGroupName, tags.get(moved.arn)),
      view: { kind: 'fields', fields: ruleFields(moved, targetGroupName) },
    };
  };

  if (rule.priority === want.priority) {
    ctx.progress.info(`rule ${label}:${rule.priority} is already at priority ${want.priority}; nothing to change`);
    return result(rule);
  }

  const numbered = (await elbv2.listRules(listener.arn)).filter((r) => !r.isDefault);
  const holder = numbered.find((r) => r.priority === want.priority && r.arn !== rule.arn);
  if (holder) {
    const problem = checkPriorityFree(
      want.priority,
      numbered.map((r) => r.priority as number),
      ruleHolder(holder),
    );
    throw new ElbctlError(
      'conflict',
      'E_PRIORITY_IN_USE',
      `listener "${label}": ${problem ?? `priority ${want.priority}: already taken`}`,
      {
        hint: `move ${ruleHolder(holder)} first, or pick a free priority; \`elbctl rule list ${label}\` shows them all`,
      },
    );
  }

  let moved: Rule[];
  try {
    moved = await elbv2.setRulePriorities([{ ruleArn: rule.arn, priority: want.priority }]);
  } catch (e) {
    if (isElbctlError(e) && e.code === 'E_PRIORITY_IN_USE') {
      throw new ElbctlError(
        'conflict',
        'E_PRIORITY_IN_USE',
        `listener "${label}": priority ${want.priority}: taken by another rule created meanwhile; the rule stays at priority ${rule.priority}`,
        { cause: e, hint: `\`elbctl rule list ${label}\` shows the rules; pick a free priority` },
      );
    }
    throw e;
  }
  ctx.progress.succeed(`moved rule ${label}:${rule.priority} to priority ${want.priority}`);
  return result(moved.find((r) => r.arn === rule.arn) ?? { ...rule, priority: want.priority });
}
