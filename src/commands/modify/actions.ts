/**
 * The routing action `listener modify` and `rule modify` take from flags (`--forward`,
 * `--redirect`, `--redirect-https`, `--fixed-response`, `--group-stickiness`): read without AWS,
 * then resolved against the account (forward target groups must exist and fit the listener, as
 * for `listener create` and `rule add`), and shown in a diff with target groups by name.
 */
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import { type ActionFlags, type ActionSpec, actionData, parseActionFlags } from '../../core/actions';
import { throwIfProblems } from '../../core/errors';
import type { Action, LoadBalancer } from '../../core/model';
import { groupStickinessProblems } from '../../core/rules/action';
import { targetGroupFitsListener } from '../../core/rules/listener';
import type { Problem } from '../../core/rules/problem';
import { missingTargetGroupsProblem } from '../../core/rules/target-group';
import type { PlanAction } from '../../core/stack/plan';
import { arnNamer } from '../resolve';

export interface RoutingFlags extends ActionFlags {
  groupStickiness?: string | undefined;
}

/** The routing action the flags ask for (undefined when no action flag is given), or every problem with them. */
export function parseRoutingFlags(
  flags: RoutingFlags,
  allowed: ReadonlyArray<keyof ActionFlags>,
): { spec?: ActionSpec | undefined; stickiness?: number | undefined; problems: Problem[] } {
  const given = allowed.some((k) => flags[k] !== undefined && flags[k] !== false);
  const problems: Problem[] = [];
  let spec: ActionSpec | undefined;
  if (given) {
    const parsed = parseActionFlags(flags, allowed);
    if (parsed.ok) spec = parsed.value;
    else problems.push(...parsed.problems);
  }
  let stickiness: number | undefined;
  if (flags.groupStickiness !== undefined) {
    const sticky = groupStickinessProblems(flags.groupStickiness, { forward: flags.forward !== undefined });
    if (sticky.length > 0) problems.push(...sticky);
    else stickiness = Number(flags.groupStickiness.trim());
  }
  return { spec, stickiness, problems };
}

export interface ResolvedAction {
  action: Action;
  /** Target group ARN → name, for what the diff and the result print. */
  names: Map<string, string>;
}

/**
 * A flag's action against the account: forward target groups looked up in one batched describe,
 * every missing one a usage error (exit 64), each found one judged by the rulebook against the
 * listener it would serve; group stickiness only where the load balancer has it.
 */
export async function resolveRoutingAction(
  elbv2: Elbv2Gateway,
  spec: ActionSpec,
  stickiness: number | undefined,
  lb: LoadBalancer,
  protocol: string,
): Promise<ResolvedAction> {
  if (spec.type !== 'forward') return { action: spec, names: new Map() };
  if (stickiness !== undefined) {
    throwIfProblems(groupStickinessProblems(String(stickiness), { forward: true, loadBalancerType: lb.type }));
  }
  const { found: groups, missing } = await elbv2.findTargetGroups(spec.targets.map((t) => t.targetGroup));
  const gone = missingTargetGroupsProblem(missing);
  throwIfProblems(gone ? [gone] : []);
  throwIfProblems(
    groups.flatMap((g) =>
      targetGroupFitsListener(
        { loadBalancerName: lb.name, loadBalancerType: lb.type, vpcId: lb.vpcId, protocol },
        { ...g, otherLoadBalancers: g.loadBalancers.filter((arn) => arn !== lb.arn) },
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
      ...(stickiness !== undefined ? { stickinessSeconds: stickiness } : {}),
    },
    names: new Map(groups.map((g) => [g.arn, g.name])),
  };
}

/** An action as the diff lines write it: target groups by name. */
export function displayAction(a: Action, names: ReadonlyMap<string, string>): PlanAction {
  const name = arnNamer(names);
  switch (a.type) {
    case 'forward':
      return {
        type: 'forward',
        targets: a.targetGroups.map((g) => ({
          targetGroup: name(g.targetGroupArn),
          ...(g.weight !== undefined ? { weight: g.weight } : {}),
        })),
        ...(a.stickinessSeconds !== undefined ? { stickinessSeconds: a.stickinessSeconds } : {}),
      };
    case 'other':
      return { type: 'other', awsType: a.awsType };
    case 'authenticate-oidc':
    case 'authenticate-cognito':
    case 'jwt-validation':
      return { type: 'other', awsType: a.type };
    default:
      return a;
  }
}

/** An action in a modify result's JSON: the house's action shape (names and ARNs). */
export const actionJson = (a: Action, names: ReadonlyMap<string, string>) => actionData(a, arnNamer(names));
