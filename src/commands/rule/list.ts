/**
 * `elbctl rule list LISTENER`: every rule of a listener (every page of DescribeRules), lowest
 * priority first and the default rule last.
 */
import type { Elbv2Gateway } from '../../aws/elbv2';
import type { Context } from '../../cli/context';
import { describeAction } from '../../core/actions';
import { describeConditions } from '../../core/conditions';
import type { Action, Condition, Listener, LoadBalancer, Rule } from '../../core/model';
import { tableView, type Result } from '../../ui/render';
import { arnNamer, resolveListener } from '../resolve';

export interface RuleListOptions {
  listener: string;
}

/** The stable JSON shape of a rule (cli-surface.md "JSON result shapes"). */
export interface RuleRow {
  arn: string;
  priority: number | 'default';
  isDefault: boolean;
  conditions: Condition[];
  actions: Action[];
}

export function toRuleRow(rule: Rule): RuleRow {
  return {
    arn: rule.arn,
    priority: rule.priority,
    isDefault: rule.isDefault,
    conditions: rule.conditions,
    actions: rule.actions,
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

export function forwardTargetGroupArns(rules: readonly Rule[]): string[] {
  const arns = rules.flatMap((r) => r.actions.flatMap((a) => (a.type === 'forward' ? a.targetGroups.map((g) => g.targetGroupArn) : [])));
  return [...new Set(arns)].filter((a) => a.length > 0);
}

/** ARN → name for every target group the rules forward to, in one batched describe. */
export async function targetGroupNamer(elbv2: Elbv2Gateway, rules: readonly Rule[]): Promise<(arn: string) => string> {
  const arns = forwardTargetGroupArns(rules);
  if (arns.length === 0) return arnNamer(new Map());
  const groups = await elbv2.getTargetGroups(arns);
  return arnNamer(new Map(groups.map((g) => [g.arn, g.name])));
}

export async function run(opts: RuleListOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const { listener } = await resolveListener(elbv2, opts.listener);
  const rules = await elbv2.listRules(listener.arn);
  const rows = rules.map(toRuleRow);
  // Names are for people: JSON and YAML carry ARNs, so only the table pays for the describe.
  const name = ctx.output === 'table' ? await targetGroupNamer(elbv2, rules) : arnNamer(new Map());
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'PRIORITY', value: (r) => String(r.priority) },
        { header: 'CONDITIONS', value: (r) => describeConditions(r.conditions) },
        { header: 'ACTION', value: (r) => describeActions(r.actions, name) },
      ],
      'no rules on this listener',
    ),
  };
}
