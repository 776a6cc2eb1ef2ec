/**
 * What a shift may start from: a listener or rule whose one action forwards to `from` alone, a
 * `to` that fits the listener (protocol, VPC: targetGroupFitsListener) and is healthy, and guards
 * the load balancer publishes metrics for. Checked before any write.
 */
import type { Action, LoadBalancerType, TargetHealth } from '../model';
import type { Guard } from '../shift/guards';
import type { Origin } from '../shift/record';
import { quote } from '../echo';
import { type Problem, problem } from './problem';

type Forward = Extract<Action, { type: 'forward' }>;

export interface ShiftStart {
  from: string;
  origin: Origin;
}

/** A gateway load balancer forwards GENEVE to one target group: nothing to shift. */
export function shiftableProblem(type: LoadBalancerType, label: string): Problem | undefined {
  if (type !== 'gateway') return undefined;
  return problem(
    'E_ACTION',
    `${label}: a gateway load balancer forwards to one target group, so there is no traffic to shift; shift on an application or network load balancer`,
  );
}

/**
 * The starting point of a shift on `label`, whose actions are `actions`: which target group
 * takes the traffic now (`from`, or the one it names) and the exact forward to restore.
 * `name` maps target group ARNs to names for messages.
 */
export function shiftStart(
  actions: readonly Action[],
  label: string,
  to: string,
  from: string | undefined,
  name: (arn: string) => string,
): { ok: true; start: ShiftStart } | { ok: false; problem: Problem } {
  const refuse = (why: string) => ({ ok: false as const, problem: problem('E_ACTION', `${label}: ${why}`) });
  const forward = actions.find((a): a is Forward => a.type === 'forward');
  if (actions.length !== 1 || forward === undefined) {
    const kinds = actions.map((a) => (a.type === 'other' ? a.awsType : a.type)).join(', ');
    return refuse(
      `its action is ${kinds || 'missing'}; a shift moves the traffic of a forward, so forward to one target group first`,
    );
  }
  const groups = forward.targetGroups.map((g) => ({ arn: g.targetGroupArn, weight: g.weight ?? 1 }));
  const carrying = groups.filter((g) => g.weight > 0);
  const names = (list: typeof groups) => list.map((g) => quote(name(g.arn))).join(', ');
  if (from !== undefined && from === to) {
    return {
      ok: false,
      problem: problem('E_CONFLICT', `--from and --to: both name ${quote(name(to))}; shift to another target group`),
    };
  }
  if (carrying.length !== 1) {
    const weights = groups.map((g) => `${name(g.arn)}=${g.weight}`).join(', ');
    return refuse(
      `forwards to ${weights}; a shift starts with all traffic on one target group; set the forward to that group alone first`,
    );
  }
  const current = (carrying[0] as { arn: string }).arn;
  if (current === to) return refuse(`already sends all its traffic to ${quote(name(to))}; there is nothing to shift`);
  if (from !== undefined && current !== from) {
    return refuse(`sends its traffic to ${quote(name(current))}, not to --from ${quote(name(from))}`);
  }
  const others = groups.filter((g) => g.arn !== current && g.arn !== to);
  if (others.length > 0) {
    return refuse(
      `also lists ${names(others)}; a shift moves traffic between two target groups; remove the others from the forward first`,
    );
  }
  const toListed = groups.find((g) => g.arn === to);
  const origin: Origin =
    groups.length === 1
      ? { shape: 'plain' }
      : { shape: 'weighted', weights: { from: carrying[0]?.weight ?? 1, to: toListed?.weight ?? 0 } };
  if (forward.stickinessSeconds !== undefined) origin.stickinessSeconds = forward.stickinessSeconds;
  return { ok: true, start: { from: current, origin } };
}

/**
 * Guards the load balancer can answer: a network load balancer changes the weights of new flows
 * only and reports no HTTP codes or response times, so error-rate and latency guards (and the
 * ELB's HTTP 5XX) are refused there; TCP resets exist on network load balancers only.
 */
export function guardProblems(guards: readonly Guard[], type: LoadBalancerType): Problem[] {
  const problems: Problem[] = [];
  for (const g of guards) {
    if (type === 'network' && (g.kind === 'error-rate' || g.kind === 'latency' || g.kind === 'elb-5xx')) {
      problems.push(
        problem(
          'E_GUARD',
          `guard ${quote(g.text)}: a network load balancer reports no HTTP responses or response times (and its weights steer new flows only); guard with unhealthy<1, target-resets<N or alarm:NAME`,
          ['guard'],
        ),
      );
    }
    if (type === 'application' && g.kind === 'target-resets') {
      problems.push(
        problem(
          'E_GUARD',
          `guard ${quote(g.text)}: TCP resets are counted by network load balancers only; on an application load balancer guard with error-rate, a percentile, unhealthy or elb-5xx`,
          ['guard'],
        ),
      );
    }
  }
  return problems;
}

/**
 * Why `to` may not take traffic yet: it has no registered target, or some target is not
 * healthy. Undefined when every registered target is healthy.
 */
export function unreadyTargetsMessage(toName: string, health: readonly TargetHealth[]): string | undefined {
  if (health.length === 0) {
    return `target group ${quote(toName)}: has no registered targets, so it cannot take traffic; register them first (\`elbctl targets register ${toName} …\`)`;
  }
  const unhealthy = health.filter((h) => h.state !== 'healthy');
  if (unhealthy.length === 0) return undefined;
  const shown = unhealthy
    .slice(0, 3)
    .map((h) => `${h.id}${h.port !== undefined ? `:${h.port}` : ''} ${h.state}${h.reason ? ` (${h.reason})` : ''}`)
    .join(', ');
  const more = unhealthy.length > 3 ? ` and ${unhealthy.length - 3} more` : '';
  return `target group ${quote(toName)}: ${unhealthy.length} of ${health.length} targets are not healthy: ${shown}${more}`;
}
