/**
 * `elbctl rule modify RULE [condition flags] [action flags] [--replace-all-actions]`: a rule changed
 * in place (its ARN and priority stay; `rule move` changes the priority). Conditions given replace
 * all of its conditions; an action flag replaces only the final routing action: authentication
 * (authenticate-oidc, authenticate-cognito) and jwt-validation before it stay, unless
 * --replace-all-actions, and removing one is marked as destructive in the diff. Judged by the
 * rulebook `rule add` uses, before any write.
 */
import type { Context } from '../context';
import { type ActionSpec, actionType, splitActions } from '../../core/actions';
import { type ConditionFlags, parseConditionFlags } from '../../core/conditions';
import { quote } from '../../core/echo';
import { isElbctlError, throwIfProblems, usageError } from '../../core/errors';
import type { Action, Condition } from '../../core/model';
import { checkPreWriteGuards } from '../../core/modify/guards';
import { ruleModification, type RuleSettings } from '../../core/modify/rule';
import { actionProblems } from '../../core/rules/action';
import { type Problem, problem } from '../../core/rules/problem';
import { parseRuleRef } from '../../core/references';
import { fieldLabel, keepsLine } from '../../core/stack/describe';
import { sameActions } from '../../core/listeners';
import type { Result } from '../../ui/render';
import {
  type RoutingFlags,
  actionJson,
  displayAction,
  parseRoutingFlags,
  resolveRoutingAction,
} from '../modify/actions';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult } from '../modify/flow';
import { resolveRule } from '../resolve';
import { readTags } from '../tags/common';

export interface RuleModifyOptions extends DryRunFlags, ConditionFlags, RoutingFlags {
  rule: string;
  replaceAllActions?: boolean | undefined;
}

const CONDITION_FLAGS: ReadonlyArray<keyof ConditionFlags> = ['path', 'host', 'header', 'query', 'method', 'sourceIp'];
const ACTION_FLAG: Record<ActionSpec['type'], string> = {
  forward: '--forward',
  redirect: '--redirect',
  'fixed-response': '--fixed-response',
};

interface WantedRule {
  conditions?: Condition[] | undefined;
  action?: ActionSpec | undefined;
  stickiness?: number | undefined;
  replaceAll: boolean;
}

/** Every check that needs no AWS call (the rulebook's, as for `rule add`); one validation error lists every problem. */
export function validateRuleModify(opts: RuleModifyOptions): WantedRule {
  checkDryRunFlags(opts);
  const problems: Problem[] = [];
  try {
    parseRuleRef(opts.rule);
  } catch (e) {
    if (!isElbctlError(e)) throw e;
    problems.push(problem('E_FORMAT', e.message));
  }
  let conditions: Condition[] | undefined;
  if (CONDITION_FLAGS.some((f) => opts[f] !== undefined)) {
    const parsed = parseConditionFlags(opts);
    if (parsed.ok) conditions = parsed.value;
    else problems.push(...parsed.problems);
  }
  const routing = parseRoutingFlags(opts, ['forward', 'redirect', 'fixedResponse']);
  problems.push(...routing.problems);
  if (routing.spec) {
    // Rules live on application load balancer listeners; a flag-made redirect names its own host, so it never loops.
    problems.push(
      ...actionProblems(routing.spec, {
        loadBalancerType: 'application',
        protocol: 'HTTP',
        port: 0,
        where: ACTION_FLAG[routing.spec.type],
      }),
    );
  }
  if (opts.replaceAllActions && routing.spec === undefined && routing.problems.length === 0) {
    problems.push(
      problem(
        'E_CONFLICT',
        '--replace-all-actions: replaces every action with the one an action flag gives; add --forward, --redirect or --fixed-response',
      ),
    );
  }
  if (conditions === undefined && routing.spec === undefined && problems.length === 0) {
    problems.push(
      problem(
        'E_REQUIRED',
        'rule modify: nothing to change; pass conditions (--path, --host, --header, --query-string, --method, --source-ip) or an action (--forward, --redirect, --fixed-response)',
      ),
    );
  }
  throwIfProblems(problems);
  return {
    conditions,
    action: routing.spec,
    stickiness: routing.stickiness,
    replaceAll: opts.replaceAllActions === true,
  };
}

export async function run(opts: RuleModifyOptions, ctx: Context): Promise<Result> {
  const want = validateRuleModify(opts);
  const { elbv2 } = await ctx.aws();
  const { rule, listener, loadBalancer: lb } = await resolveRule(elbv2, opts.rule);
  const label = `${lb.name}:${listener.port}:${rule.priority}`;
  if (rule.isDefault) {
    throw usageError(
      'E_DEFAULT_RULE',
      `rule ${quote(label)}: is the listener's default rule; change its action with \`elbctl listener modify ${lb.name}:${listener.port}\``,
    );
  }
  checkPreWriteGuards({ kind: 'rule', name: label, arn: rule.arn, tags: await readTags(elbv2, rule.arn) });

  const resolved = want.action
    ? await resolveRoutingAction(elbv2, want.action, want.stickiness, lb, listener.protocol)
    : undefined;
  const names = new Map(resolved?.names ?? []);
  const { leading, routing } = splitActions(rule.actions);
  const { before, after } = ruleModification<Action>(
    { conditions: rule.conditions, ...(routing ? { action: routing } : {}) },
    {
      ...(want.conditions ? { conditions: want.conditions } : {}),
      ...(resolved ? { action: resolved.action } : {}),
    },
    (a, b) => sameActions([a], [b]),
  );
  const removes = want.replaceAll && leading.length > 0;
  if (removes && resolved && after.action === undefined) {
    // The routing action stays as it is, but what runs before it goes: still a change.
    before.action = routing;
    after.action = resolved.action;
  }
  const types = leading.map(actionType);
  const show = (side: Partial<RuleSettings<Action>>) => ({
    ...side,
    ...(side.action ? { action: displayAction(side.action, names) } : {}),
  });
  const json = (side: Partial<RuleSettings<Action>>) => ({
    ...side,
    ...(side.action ? { action: actionJson(side.action, names) } : {}),
  });
  const m = {
    kind: 'rule',
    name: label,
    arn: rule.arn,
    before: json(before),
    after: json(after),
    display: { before: show(before), after: show(after) },
    notes: after.action && !removes && leading.length > 0 ? [keepsLine(types)] : [],
    destructive: removes
      ? [
          `removes ${types.join(', ')} before the routing action: requests reach it without ${types.length > 1 ? 'those checks' : 'that check'}`,
        ]
      : [],
  };
  const early = await approveModification(ctx, m, opts);
  if (early) return early;

  const { applyRuleModification } = await import('../../aws/modify');
  ctx.progress.start(`changing rule ${label} in place`);
  try {
    await applyRuleModification(
      elbv2,
      rule.arn,
      { before, after },
      { current: rule.actions, replaceAll: want.replaceAll },
    );
  } catch (e) {
    ctx.progress.fail(`could not change rule ${label}`);
    throw e;
  }
  ctx.progress.succeed(`changed rule ${label}: ${Object.keys(after).map(fieldLabel).join(', ')}`);
  return modifyResult(m, { changed: true, dryRun: false });
}
