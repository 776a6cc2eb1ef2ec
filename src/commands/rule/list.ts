/**
 * `elbctl rule list LISTENER`: every rule of a listener (every page of DescribeRules), lowest
 * priority first and the default rule last.
 */
import type { Context } from '../context';
import { actionData, describeAction, type ActionData } from '../../core/actions';
import { describeConditions } from '../../core/conditions';
import type { Action, Condition, Listener, LoadBalancer, Rule } from '../../core/model';
import { tableView, type Result } from '../../ui/render';
import { arnNamer, resolveListener } from '../resolve';
import { readAllTags, type TagFields, tagFields, tagsCell } from '../tags/common';

export interface RuleListOptions {
  listener: string;
}

/** The stable JSON shape of a rule (cli-surface.md "JSON result shapes"), with its tags. */
export interface RuleRow extends TagFields {
  arn: string;
  priority: number | 'default';
  isDefault: boolean;
  conditions: Condition[];
  actions: ActionData[];
}

export function toRuleRow(rule: Rule, name: (arn: string) => string, tags?: Readonly<Record<string, string>>): RuleRow {
  return {
    arn: rule.arn,
    priority: rule.priority,
    isDefault: rule.isDefault,
    conditions: rule.conditions,
    actions: rule.actions.map((a) => actionData(a, name)),
    ...tagFields(tags),
  };
}

/** `web:443`: how a listener is named back to the user. */
export function listenerLabel(loadBalancer: LoadBalancer, listener: Listener): string {
  return `${loadBalancer.name}:${listener.port}`;
}

export function describeActions(actions: readonly Action[], name: (arn: string) => string): string {
  return actions.length === 0 ? '-' : actions.map((a) => describeAction(a, name)).join('; ');
}

/** The label/value lines a single rule shows in table form. */
export function ruleFields(rule: Rule, name: (arn: string) => string): Array<[string, string]> {
  return [
    ['arn', rule.arn],
    ['priority', String(rule.priority)],
    ['conditions', describeConditions(rule.conditions)],
    ['action', describeActions(rule.actions, name)],
  ];
}

/** Target group ARNs embed the name (`targetgroup/NAME/ID`): naming them needs no AWS call. */
export const targetGroupName = arnNamer(new Map());

export async function run(opts: RuleListOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const { listener } = await resolveListener(elbv2, opts.listener);
  const rules = await elbv2.listRules(listener.arn);
  const name = targetGroupName;
  // The default rule carries no tags of its own.
  const tags = await readAllTags(
    elbv2,
    rules.filter((r) => !r.isDefault).map((r) => r.arn),
  );
  const rows = rules.map((r) => toRuleRow(r, name, tags.get(r.arn)));
  return {
    data: rows,
    view: tableView(
      rules.map((r, i) => ({ rule: r, tags: rows[i]?.tags ?? {} })),
      [
        { header: 'PRIORITY', value: (r) => String(r.rule.priority) },
        { header: 'CONDITIONS', value: (r) => describeConditions(r.rule.conditions) },
        { header: 'ACTION', value: (r) => describeActions(r.rule.actions, name) },
        { header: 'TAGS', value: (r) => (r.rule.isDefault ? '' : tagsCell(r.tags)) },
      ],
      'no rules on this listener',
    ),
  };
}
