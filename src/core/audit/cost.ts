/** Cost checks: load balancers billed by the hour that serve nobody. */
import { type CheckSpec, type RegionSnapshot, aboutLoadBalancer, type AuditedLoadBalancer } from './model';
import { describeCharge, hourlyCharge } from './prices';

function charged(s: RegionSnapshot, a: AuditedLoadBalancer) {
  const c = hourlyCharge(a.loadBalancer.type, s.region);
  return { charge: c, words: describeCharge(c) };
}

function perLoadBalancer(
  s: RegionSnapshot,
  pick: (a: AuditedLoadBalancer) => { evidence: string; fix: string } | undefined,
) {
  return s.loadBalancers.flatMap((a) => {
    const found = pick(a);
    if (!found) return [];
    const { charge, words } = charged(s, a);
    return [
      {
        ...aboutLoadBalancer(s, a.loadBalancer),
        evidence: `${found.evidence}; ${words}`,
        fix: found.fix,
        details: { usdPerMonth: charge.usdPerMonth, estimated: charge.estimated },
      },
    ];
  });
}

const NO_LISTENER: CheckSpec = {
  id: 'no-listener',
  family: 'cost',
  severity: 'medium',
  title: 'Load balancer has no listener',
  rationale: 'with no listener it accepts no connection, yet every hour is billed',
  run: (s) =>
    perLoadBalancer(s, (a) =>
      a.listeners.length === 0
        ? { evidence: 'it has no listener', fix: `elbctl lb delete ${a.loadBalancer.name}` }
        : undefined,
    ),
};

/** The target groups a load balancer forwards to (as AWS links them). */
function targetGroupsOf(s: RegionSnapshot, lbArn: string) {
  return s.targetGroups.filter((t) => t.targetGroup.loadBalancers.includes(lbArn));
}

const NO_HEALTHY_TARGET: CheckSpec = {
  id: 'no-healthy-target',
  family: 'cost',
  severity: 'medium',
  title: 'Load balancer has no healthy target',
  rationale: 'it answers every request with an error (or forwards to nothing) and is billed all the same',
  run: (s) =>
    perLoadBalancer(s, (a) => {
      // A load balancer that only redirects or answers fixed responses needs no target.
      const forwards = a.listeners.some((l) =>
        [...l.listener.defaultActions, ...l.rules.flatMap((r) => r.actions)].some((x) => x.type === 'forward'),
      );
      if (!forwards) return undefined;
      const groups = targetGroupsOf(s, a.loadBalancer.arn);
      const targets = groups.flatMap((g) => g.health);
      if (targets.some((t) => t.state === 'healthy')) return undefined;
      const evidence =
        groups.length === 0
          ? 'no target group is attached'
          : targets.length === 0
            ? `${groups.length} target group${groups.length === 1 ? '' : 's'}, no target registered`
            : `${targets.length} target${targets.length === 1 ? '' : 's'} in ${groups.length} target group${groups.length === 1 ? '' : 's'}, none healthy`;
      return { evidence, fix: `elbctl doctor ${a.loadBalancer.name}` };
    }),
};

/** Created before the window began (or when unknown): a younger load balancer has not had the whole window to get traffic. */
function olderThan(a: AuditedLoadBalancer, now: Date, days: number): boolean {
  const created = a.loadBalancer.createdAt ? Date.parse(a.loadBalancer.createdAt) : Number.NaN;
  return Number.isNaN(created) || now.getTime() - created >= days * 86_400_000;
}

const IDLE: CheckSpec = {
  id: 'idle',
  family: 'cost',
  severity: 'medium',
  title: 'Load balancer had no traffic',
  rationale: 'no request or new flow over the whole window: probably forgotten, and billed by the hour',
  run: (s, ctx) =>
    perLoadBalancer(s, (a) =>
      a.traffic === 0 && a.listeners.length > 0 && olderThan(a, ctx.now, ctx.trafficDays)
        ? {
            evidence: `0 ${a.loadBalancer.type === 'application' ? 'requests (RequestCount)' : 'new flows (NewFlowCount)'} over the last ${ctx.trafficDays} days`,
            fix: `elbctl lb delete ${a.loadBalancer.name}`,
          }
        : undefined,
    ),
};

export const COST_CHECKS: readonly CheckSpec[] = [NO_LISTENER, NO_HEALTHY_TARGET, IDLE];
