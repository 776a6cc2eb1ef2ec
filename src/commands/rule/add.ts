/**
 * `elbctl rule add LISTENER [conditions…] [authentication] ACTION [transforms] [--priority N]`:
 * every flag is checked before the first AWS call; rules go on application load balancer
 * listeners only (authentication and JWT validation on HTTPS ones); the priority is the next one
 * after the last rule unless asked for; CreateRule is sent once and never retried blindly (it is
 * not idempotent). An OIDC action's client secret is read (environment or stdin) before the first
 * AWS call and travels only inside CreateRule.
 */
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import type { Context } from '../context';
import { type ActionSpec, type LeadingSpec, parseActionFlags } from '../../core/actions';
import type { SecretSource } from '../../core/action-flags';
import { type ConditionFlags, describeConditions, parseConditionFlags } from '../../core/conditions';
import { quote } from '../../core/echo';
import { ElbctlError, isElbctlError, problemsError, throwIfProblems } from '../../core/errors';
import type { Action, Condition, Listener, LoadBalancer, Rule, Transform } from '../../core/model';
import { checkPriorityFree, nextPriority, parsePriority } from '../../core/priorities';
import { parseListenerRef } from '../../core/references';
import { actionProblems } from '../../core/rules/action';
import { targetGroupFitsListener } from '../../core/rules/listener';
import { type Problem, problem } from '../../core/rules/problem';
import { rulesAllowedProblem } from '../../core/rules/rule';
import { missingTargetGroupsProblem } from '../../core/rules/target-group';
import type { Result } from '../../ui/render';
import {
  type ActionInputFlags,
  checkLeadingPlace,
  leadingActions,
  parseActionInputs,
  readActionsFile,
  readClientSecret,
  secretSourceFor,
} from '../modify/action-inputs';
import { accountQuotaWarning } from '../quotas';
import { arnNamer, resolveListener } from '../resolve';
import { listenerLabel, ruleFields, toRuleRow } from './list';

export interface RuleAddOptions extends ConditionFlags, Omit<ActionInputFlags, 'redirectHttps' | 'groupStickiness'> {
  listener: string;
  priority?: string | undefined;
}

export interface ValidRuleAdd {
  listener: string;
  conditions: Condition[];
  /** Undefined while an --actions-file is still to be read. */
  action?: ActionSpec | undefined;
  leading?: LeadingSpec[] | undefined;
  secret?: SecretSource | undefined;
  transforms?: Transform[] | undefined;
  actionsFile?: string | undefined;
  priority?: number | undefined;
}

const ACTION_FLAG: Record<ActionSpec['type'], string> = {
  forward: '--forward',
  redirect: '--redirect',
  'fixed-response': '--fixed-response',
};

/** Every check that needs no AWS call (the rulebook's, as for a stack file). Throws one validation error listing every problem. */
export function validateRuleAdd(opts: RuleAddOptions): ValidRuleAdd {
  const problems: Problem[] = [];
  try {
    parseListenerRef(opts.listener);
  } catch (e) {
    if (!isElbctlError(e)) throw e;
    problems.push(problem('E_FORMAT', e.message));
  }
  const conditions = parseConditionFlags(opts);
  if (!conditions.ok) problems.push(...conditions.problems);
  const inputs = parseActionInputs({ ...opts, transforms: undefined }, ['forward', 'redirect', 'fixedResponse'], {
    transforms: true,
  });
  problems.push(...inputs.problems);
  const { wanted } = inputs;
  let action: ActionSpec | undefined;
  if (wanted.actionsFile === undefined && inputs.problems.length === 0) {
    // Exactly one routing flag: the same words as before authentication and transforms existed.
    const parsed = parseActionFlags(
      { forward: opts.forward, redirect: opts.redirect, fixedResponse: opts.fixedResponse },
      ['forward', 'redirect', 'fixedResponse'],
    );
    if (!parsed.ok) problems.push(...parsed.problems);
    else {
      action = parsed.value;
      // Rules live on application load balancer listeners; a flag-made redirect names its own host, so it never loops.
      problems.push(
        ...actionProblems(action, {
          loadBalancerType: 'application',
          protocol: 'HTTP',
          port: 0,
          where: ACTION_FLAG[action.type],
        }),
      );
    }
    const oidc = wanted.leading?.some((a) => a.type === 'authenticate-oidc');
    if (oidc && wanted.secret === undefined) {
      problems.push(
        problem(
          'E_REQUIRED',
          '--auth-oidc: AWS needs the client secret to create the action; add --client-secret-env VAR (the variable holding it) or --client-secret-stdin (pipe it in)',
        ),
      );
    }
  }
  let priority: number | undefined;
  if (opts.priority !== undefined) {
    const p = parsePriority(opts.priority);
    if (p.ok) priority = p.value;
    else problems.push(...p.problems);
  }
  throwIfProblems(problems);
  return {
    listener: opts.listener,
    conditions: conditions.ok ? conditions.value : [],
    action,
    leading: wanted.leading,
    secret: wanted.secret,
    transforms: wanted.transforms,
    actionsFile: wanted.actionsFile,
    priority,
  };
}

export function assertRulesAllowed(loadBalancer: LoadBalancer, listener: Listener, label: string): void {
  const p = rulesAllowedProblem(loadBalancer.type, listener.protocol, `listener ${quote(label)}`);
  if (p)
    throw problemsError([p], `to change where ${quote(label)} sends traffic, change the listener's default action`);
}

/** A rule named for people: its conditions, or its ARN's tail when it has none. */
export function ruleHolder(rule: Rule): string {
  return `rule "${describeConditions(rule.conditions)}" (${rule.arn.split('/').pop() ?? rule.arn})`;
}

/**
 * Resolves forward target groups by name or ARN (one batched describe): every missing one is a
 * usage error; each found one must fit the listener (the rulebook's rule, as in a stack file).
 */
async function resolveAction(
  elbv2: Elbv2Gateway,
  spec: ActionSpec,
  loadBalancer: LoadBalancer,
  listener: Listener,
): Promise<{ action: Action; names: Map<string, string> }> {
  if (spec.type !== 'forward') return { action: spec, names: new Map() };
  const { found: groups, missing } = await elbv2.findTargetGroups(spec.targets.map((t) => t.targetGroup));
  const gone = missingTargetGroupsProblem(missing);
  throwIfProblems(gone ? [gone] : []);
  throwIfProblems(
    groups.flatMap((g) =>
      targetGroupFitsListener(
        {
          loadBalancerName: loadBalancer.name,
          loadBalancerType: loadBalancer.type,
          vpcId: loadBalancer.vpcId,
          protocol: listener.protocol,
        },
        { ...g, otherLoadBalancers: g.loadBalancers.filter((arn) => arn !== loadBalancer.arn) },
      ),
    ),
  );
  return {
    action: {
      type: 'forward',
      targetGroups: groups.map((g, i) => {
        const weight = spec.targets[i]?.weight;
        return { targetGroupArn: g.arn, ...(weight !== undefined ? { weight } : {}) };
      }),
      ...(spec.stickinessSeconds !== undefined ? { stickinessSeconds: spec.stickinessSeconds } : {}),
    },
    names: new Map(groups.map((g) => [g.arn, g.name])),
  };
}

export async function run(opts: RuleAddOptions, ctx: Context): Promise<Result> {
  const flags = validateRuleAdd(opts);
  const want = await readActionsFile(flags, 'rule', { protocol: 'HTTPS', loadBalancerType: 'application' });
  const action = want.routing ?? flags.action;
  if (action === undefined) throw new ElbctlError('internal', 'E_INTERNAL', 'rule add: no routing action');
  // Read before the first AWS call: a missing secret stops the command with nothing written.
  const source = secretSourceFor({ ...flags, ...want }, false, 'rule add');
  const secret = source ? await readClientSecret(ctx, source) : undefined;
  const { elbv2 } = await ctx.aws();

  const { listener, loadBalancer } = await resolveListener(elbv2, flags.listener);
  const label = listenerLabel(loadBalancer, listener);
  assertRulesAllowed(loadBalancer, listener, label);
  checkLeadingPlace(
    want.leading,
    { protocol: listener.protocol, loadBalancerType: loadBalancer.type },
    `listener ${quote(label)}`,
  );
  if (want.actionsFile !== undefined) {
    // The file's routing action, judged on the listener it will serve (a redirect could loop).
    throwIfProblems(
      actionProblems(action, {
        loadBalancerType: loadBalancer.type,
        protocol: listener.protocol,
        port: listener.port,
        where: `actions file ${quote(want.actionsFile)}: action`,
      }),
    );
  }

  const numbered = (await elbv2.listRules(listener.arn)).filter((r) => !r.isDefault);
  // Rules per application load balancer is an adjustable quota: a warning, never a refusal.
  const others = (await elbv2.listListeners(loadBalancer.arn)).filter((l) => l.arn !== listener.arn);
  let total = numbered.length + 1;
  for (const l of others) total += (await elbv2.listRules(l.arn)).filter((r) => !r.isDefault).length;
  const warning = await accountQuotaWarning(
    ctx,
    'rulesPerApplicationLoadBalancer',
    total,
    `load balancer ${quote(loadBalancer.name)}`,
  );
  if (warning) ctx.progress.warn(warning);
  const taken = numbered.map((r) => r.priority as number);
  let priority: number;
  if (flags.priority === undefined) {
    priority = nextPriority(taken);
  } else {
    const holder = numbered.find((r) => r.priority === flags.priority);
    const problem = holder ? checkPriorityFree(flags.priority, taken, ruleHolder(holder)) : undefined;
    if (problem) {
      throw new ElbctlError('conflict', 'E_PRIORITY_IN_USE', `listener "${label}": ${problem}`, {
        hint: `\`elbctl rule list ${label}\` shows every rule and its priority`,
      });
    }
    priority = flags.priority;
  }

  const resolved = await resolveAction(elbv2, action, loadBalancer, listener);
  const names = resolved.names;

  ctx.progress.start(`adding a rule at priority ${priority} to listener "${label}"`);
  let rule: Rule;
  try {
    rule = await elbv2.createRule({
      listenerArn: listener.arn,
      priority,
      conditions: flags.conditions,
      actions: [...leadingActions(want.leading ?? [], secret), resolved.action],
      ...(want.transforms?.length ? { transforms: want.transforms } : {}),
    });
  } catch (e) {
    ctx.progress.fail(`could not add the rule to listener "${label}"`);
    // CreateRule is not idempotent: report the race and let the user choose, never retry blindly.
    if (isElbctlError(e) && e.code === 'E_PRIORITY_IN_USE') {
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
