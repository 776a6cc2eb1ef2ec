/**
 * `elbctl rule add LISTENER [conditions…] ACTION [--priority N]`: every flag is checked before
 * the first AWS call; rules go on application load balancer listeners only; the priority is
 * the next one after the last rule unless asked for; CreateRule is sent once and never
 * retried blindly (it is not idempotent).
 */
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import type { Context } from '../context';
import { parseActionFlags, type ActionSpec } from '../../core/actions';
import { describeConditions, parseConditionFlags } from '../../core/conditions';
import { ElbctlError, Problems, isElbctlError, usageError } from '../../core/errors';
import {
  ALB_LISTENER_PROTOCOLS,
  type Action,
  type Condition,
  type Listener,
  type LoadBalancer,
  type Rule,
} from '../../core/model';
import { checkPriorityFree, nextPriority, parsePriority } from '../../core/priorities';
import { parseListenerRef } from '../../core/references';
import { targetGroupFitsLoadBalancer } from '../../core/validate';
import type { Result } from '../../ui/render';
import { arnNamer, resolveListener } from '../resolve';
import { listenerLabel, ruleFields, toRuleRow } from './list';

export interface RuleAddOptions {
  listener: string;
  path?: string[] | undefined;
  host?: string[] | undefined;
  header?: string[] | undefined;
  query?: string[] | undefined;
  method?: string[] | undefined;
  sourceIp?: string[] | undefined;
  forward?: string | undefined;
  redirect?: string | undefined;
  fixedResponse?: string | undefined;
  priority?: string | undefined;
}

export interface ValidRuleAdd {
  listener: string;
  conditions: Condition[];
  action: ActionSpec;
  priority?: number | undefined;
}

/** Every check that needs no AWS call. Throws one validation error listing every problem. */
export function validateRuleAdd(opts: RuleAddOptions): ValidRuleAdd {
  const problems = new Problems();
  try {
    parseListenerRef(opts.listener);
  } catch (e) {
    if (!isElbctlError(e)) throw e;
    problems.add(e.message);
  }
  const conditions = parseConditionFlags(opts);
  if (!conditions.ok) problems.addAll(conditions.problems);
  const action = parseActionFlags(
    { forward: opts.forward, redirect: opts.redirect, fixedResponse: opts.fixedResponse },
    ['forward', 'redirect', 'fixedResponse'],
  );
  if (!action.ok) problems.addAll(action.problems);
  let priority: number | undefined;
  if (opts.priority !== undefined) {
    const p = parsePriority(opts.priority);
    if (p.ok) priority = p.value;
    else problems.addAll(p.problems);
  }
  problems.throwIfAny();
  return {
    listener: opts.listener,
    conditions: conditions.ok ? conditions.value : [],
    action: (action as { ok: true; value: ActionSpec }).value,
    priority,
  };
}

export function assertRulesAllowed(loadBalancer: LoadBalancer, listener: Listener, label: string): void {
  const isAlbListener =
    loadBalancer.type === 'application' && (ALB_LISTENER_PROTOCOLS as readonly string[]).includes(listener.protocol);
  if (isAlbListener) return;
  const kind = loadBalancer.type === 'gateway' ? 'gateway' : 'network';
  throw usageError(
    'E_RULES_ALB_ONLY',
    `listener "${label}" (${listener.protocol}): rules exist only on application load balancer listeners (HTTP/HTTPS); ${kind} load balancer listeners have a default action only`,
    { hint: `to change where "${label}" sends traffic, change the listener's default action` },
  );
}

/** A rule named for people: its conditions, or its ARN's tail when it has none. */
export function ruleHolder(rule: Rule): string {
  return `rule "${describeConditions(rule.conditions)}" (${rule.arn.split('/').pop() ?? rule.arn})`;
}

/**
 * Resolves forward target groups by name or ARN (one batched describe) and checks each can
 * serve an application load balancer: HTTP, HTTPS or lambda, in the load balancer's VPC.
 */
async function resolveAction(
  elbv2: Elbv2Gateway,
  spec: ActionSpec,
  loadBalancer: LoadBalancer,
): Promise<{ action: Action; names: Map<string, string> }> {
  if (spec.type !== 'forward') return { action: spec, names: new Map() };
  const groups = await elbv2.getTargetGroups(spec.targets.map((t) => t.targetGroup));
  const problems = new Problems();
  for (const g of groups) {
    if (!targetGroupFitsLoadBalancer('application', g.protocol)) {
      problems.add(
        `target group "${g.name}" (${g.protocol}): an application load balancer forwards only to HTTP, HTTPS or lambda target groups; forward to another target group`,
      );
    } else if (g.targetType !== 'lambda' && g.vpcId && loadBalancer.vpcId && g.vpcId !== loadBalancer.vpcId) {
      problems.add(
        `target group "${g.name}": is in ${g.vpcId}, but load balancer "${loadBalancer.name}" is in ${loadBalancer.vpcId}; forward to a target group in the load balancer's VPC`,
      );
    }
  }
  problems.throwIfAny('E_TARGET_GROUP_MISFIT');
  return {
    action: {
      type: 'forward',
      targetGroups: groups.map((g, i) => {
        const weight = spec.targets[i]?.weight;
        return { targetGroupArn: g.arn, ...(weight !== undefined ? { weight } : {}) };
      }),
    },
    names: new Map(groups.map((g) => [g.arn, g.name])),
  };
}

export async function run(opts: RuleAddOptions, ctx: Context): Promise<Result> {
  const want = validateRuleAdd(opts);
  const { elbv2 } = await ctx.aws();

  const { listener, loadBalancer } = await resolveListener(elbv2, want.listener);
  const label = listenerLabel(loadBalancer, listener);
  assertRulesAllowed(loadBalancer, listener, label);

  const numbered = (await elbv2.listRules(listener.arn)).filter((r) => !r.isDefault);
  const taken = numbered.map((r) => r.priority as number);
  let priority: number;
  if (want.priority === undefined) {
    priority = nextPriority(taken);
  } else {
    const holder = numbered.find((r) => r.priority === want.priority);
    const problem = holder ? checkPriorityFree(want.priority, taken, ruleHolder(holder)) : undefined;
    if (problem) {
      throw new ElbctlError('conflict', 'E_PRIORITY_IN_USE', `listener "${label}": ${problem}`, {
        hint: `\`elbctl rule list ${label}\` shows every rule and its priority`,
      });
    }
    priority = want.priority;
  }

  const { action, names } = await resolveAction(elbv2, want.action, loadBalancer);

  ctx.progress.start(`adding a rule at priority ${priority} to listener "${label}"`);
  let rule: Rule;
  try {
    rule = await elbv2.createRule({
      listenerArn: listener.arn,
      priority,
      conditions: want.conditions,
      actions: [action],
    });
  } catch (e) {
    ctx.progress.fail(`could not add the rule to listener "${label}"`);
    // CreateRule is not idempotent: report the race and let the user choose, never retry blindly.
    if (isElbctlError(e) && e.code === 'E_PRIORITYINUSE') {
      throw new ElbctlError(
        'conflict',
        'E_PRIORITY_IN_USE',
        `listener "${label}": priority ${priority}: taken by another rule created meanwhile; no rule was added`,
        { cause: e, hint: `\`elbctl rule list ${label}\` shows the rules; re-run with a free --priority` },
      );
    }
    throw e;
  }
  ctx.progress.succeed(`rule added to listener "${label}" at priority ${rule.priority}`);
  return {
    data: toRuleRow(rule, arnNamer(names)),
    view: { kind: 'fields', fields: ruleFields(rule, arnNamer(names)) },
  };
}
