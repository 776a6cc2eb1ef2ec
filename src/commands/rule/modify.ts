/**
 * `elbctl rule modify RULE [condition flags] [action flags] [--replace-all-actions]`: a rule changed
 * in place (its ARN and priority stay; `rule move` changes the priority). Conditions given replace
 * all of its conditions; an action flag replaces only the final routing action: authentication
 * (authenticate-oidc, authenticate-cognito) and jwt-validation before it stay, unless
 * --replace-all-actions, and removing one is marked as destructive in the diff. The flags for
 * authentication and JWT validation (or an --actions-file) say exactly what runs before routing;
 * an OIDC action keeps the client secret AWS holds (UseExistingClientSecret) unless a new one is
 * given (--client-secret-env/--client-secret-stdin). Transforms left out stay; --rewrite-* set
 * them, --no-transforms removes them (ResetTransforms). Judged by the rulebook `rule add` uses,
 * before any write.
 */
import type { Context } from '../context';
import { type ActionSpec, type LeadingSpec, actionType, splitActions } from '../../core/actions';
import type { SecretSource } from '../../core/action-flags';
import { CONDITION_FLAG_KEYS, type ConditionFlags, parseConditionFlags } from '../../core/conditions';
import { quote } from '../../core/echo';
import { isElbctlError, throwIfProblems, usageError } from '../../core/errors';
import type { Action, Condition, Transform } from '../../core/model';
import { checkPreWriteGuards } from '../../core/modify/guards';
import { ruleModification, type RuleSettings } from '../../core/modify/rule';
import { actionProblems } from '../../core/rules/action';
import { type Problem, problem } from '../../core/rules/problem';
import { parseRuleRef } from '../../core/references';
import { sameTransforms } from '../../core/stack/action-files';
import { fieldLabel, keepsLine } from '../../core/stack/describe';
import { sameActions } from '../../core/listeners';
import type { Result } from '../../ui/render';
import { actionJson, displayAction, resolveRoutingAction } from '../modify/actions';
import {
  type ActionInputFlags,
  type WantedActions,
  authenticationChange,
  checkLeadingPlace,
  extraActionFlagsGiven,
  parseActionInputs,
  readActionsFile,
  readClientSecret,
} from '../modify/action-inputs';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult } from '../modify/flow';
import { resolveRule } from '../resolve';
import { readTags } from '../tags/common';

export interface RuleModifyOptions extends DryRunFlags, ConditionFlags, ActionInputFlags {
  rule: string;
  replaceAllActions?: boolean | undefined;
}

const ACTION_FLAG: Record<ActionSpec['type'], string> = {
  forward: '--forward',
  redirect: '--redirect',
  'fixed-response': '--fixed-response',
};

interface WantedRule {
  conditions?: Condition[] | undefined;
  action?: ActionSpec | undefined;
  stickiness?: number | undefined;
  leading?: LeadingSpec[] | undefined;
  secret?: SecretSource | undefined;
  transforms?: Transform[] | undefined;
  actionsFile?: string | undefined;
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
  if (CONDITION_FLAG_KEYS.some((f) => opts[f] !== undefined)) {
    const parsed = parseConditionFlags(opts);
    if (parsed.ok) conditions = parsed.value;
    else problems.push(...parsed.problems);
  }
  const inputs = parseActionInputs(opts, ['forward', 'redirect', 'fixedResponse'], { transforms: true });
  const routing = { spec: inputs.wanted.routing, stickiness: inputs.wanted.stickiness, problems: inputs.problems };
  problems.push(...routing.problems);
  const extra = extraActionFlagsGiven(opts);
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
  if (opts.replaceAllActions && (inputs.wanted.leading !== undefined || inputs.wanted.actionsFile !== undefined)) {
    problems.push(
      problem(
        'E_CONFLICT',
        `--replace-all-actions: ${inputs.wanted.actionsFile !== undefined ? '--actions-file' : '--auth-oidc, --auth-cognito and --jwt-validation'} already say exactly what runs before the routing action; leave out --replace-all-actions`,
      ),
    );
  } else if (opts.replaceAllActions && routing.spec === undefined && routing.problems.length === 0) {
    problems.push(
      problem(
        'E_CONFLICT',
        '--replace-all-actions: replaces every action with the one an action flag gives; add --forward, --redirect or --fixed-response',
      ),
    );
  }
  if (conditions === undefined && routing.spec === undefined && !extra && problems.length === 0) {
    problems.push(
      problem(
        'E_REQUIRED',
        'rule modify: nothing to change; pass conditions (--path, --host, --header, --query-string, --method, --source-ip, --path-regex, --host-regex, --header-regex), an action (--forward, --redirect, --fixed-response), authentication (--auth-oidc, --auth-cognito, --jwt-validation), transforms (--rewrite-url, --rewrite-host, --no-transforms) or --actions-file',
      ),
    );
  }
  throwIfProblems(problems);
  const w: WantedActions = inputs.wanted;
  return {
    conditions,
    action: routing.spec,
    stickiness: routing.stickiness,
    leading: w.leading,
    secret: w.secret,
    transforms: w.transforms,
    actionsFile: w.actionsFile,
    replaceAll: opts.replaceAllActions === true,
  };
}

export async function run(opts: RuleModifyOptions, ctx: Context): Promise<Result> {
  const flags = validateRuleModify(opts);
  const file = await readActionsFile(flags, 'rule', { protocol: 'HTTPS', loadBalancerType: 'application' });
  const want: WantedRule = { ...flags, ...(file.routing ? { action: file.routing } : {}), ...file };
  // A secret a flag names is read before the first AWS call: a missing one writes nothing.
  const given = want.secret ? await readClientSecret(ctx, want.secret) : undefined;
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
  checkLeadingPlace(want.leading, { protocol: listener.protocol, loadBalancerType: lb.type }, `rule ${quote(label)}`);
  if (want.actionsFile !== undefined && want.action) {
    throwIfProblems(
      actionProblems(want.action, {
        loadBalancerType: lb.type,
        protocol: listener.protocol,
        port: listener.port,
        where: `actions file ${quote(want.actionsFile)}: action`,
      }),
    );
  }

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
  const transforms = transformChange(rule.transforms ?? [], want.transforms);
  if (transforms) {
    before.transforms = transforms.before;
    after.transforms = transforms.after;
  }
  const auth = await authenticationChange(ctx, leading, want, given, `rule ${label}`);
  const types = leading.map(actionType);
  const show = (side: Partial<RuleSettings<Action>>, specs: LeadingSpec[] | undefined) => ({
    ...(specs ? { authenticate: specs } : {}),
    ...side,
    ...(side.action ? { action: displayAction(side.action, names) } : {}),
  });
  const json = (side: Partial<RuleSettings<Action>>, specs: LeadingSpec[] | undefined) => ({
    ...(specs ? { authenticate: specs } : {}),
    ...side,
    ...(side.action ? { action: actionJson(side.action, names) } : {}),
  });
  const m = {
    kind: 'rule',
    name: label,
    arn: rule.arn,
    before: json(before, auth?.before),
    after: json(after, auth?.after),
    display: { before: show(before, auth?.before), after: show(after, auth?.after) },
    notes: [
      ...(after.action && !removes && !auth && leading.length > 0 ? [keepsLine(types)] : []),
      ...(auth?.keepsSecret ? ['keeps the client secret AWS holds for authenticate-oidc'] : []),
      ...(auth?.sendsSecret ? ['sends a new client secret for authenticate-oidc (not shown)'] : []),
    ],
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
      { current: rule.actions, replaceAll: want.replaceAll, ...(auth ? { leading: auth.actions } : {}) },
    );
  } catch (e) {
    ctx.progress.fail(`could not change rule ${label}`);
    throw e;
  }
  const changed = [...(auth ? ['authenticate'] : []), ...Object.keys(after)];
  ctx.progress.succeed(`changed rule ${label}: ${changed.map(fieldLabel).join(', ')}`);
  return modifyResult(m, { changed: true, dryRun: false });
}

/** The transforms asked for, when they differ from the live ones (undefined: leave them). */
function transformChange(
  live: readonly Transform[],
  wanted: Transform[] | undefined,
): { before: Transform[]; after: Transform[] } | undefined {
  if (wanted === undefined || sameTransforms(live, wanted)) return undefined;
  return { before: [...live], after: wanted };
}
