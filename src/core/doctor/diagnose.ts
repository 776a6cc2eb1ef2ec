/**
 * `elbctl doctor`, pure: from a snapshot of the live state (load balancers, target groups, their
 * health, instances, security groups, subnets), the checks that find the usual reasons targets
 * are unhealthy or get no traffic. Each check passes, warns or fails with a detail, and a failing
 * (or warning) check says how to fix it: a command to run or a concrete change.
 */
import { type CheckContext, isInstanceId, isIpTarget, lbTypeOf } from './check-context';
import type { Check, DoctorFacts } from './facts';
import { healthCheckCheck, targetHealthCheck } from './health-checks';
import { loadBalancerChecks } from './load-balancer-checks';
import { crossZoneCheck, securityGroupChecks, zoneCheck } from './network-checks';
import { inUseCheck, instanceCheck, ipCheck } from './target-checks';

// ------------------------------------------------------------------ diagnose

/**
 * Every check for every target group in scope, in a stable order: the symptom first, then the
 * causes. Given the load balancer doctor was asked about, its own checks come first (see
 * load-balancer-checks.ts), so no load balancer is ever answered with no check at all.
 */
export function diagnose(facts: DoctorFacts, subjectLoadBalancerArn?: string): Check[] {
  const checks: Check[] = subjectLoadBalancerArn ? loadBalancerChecks(facts, subjectLoadBalancerArn) : [];
  for (const tgf of facts.targetGroups) {
    const tg = tgf.targetGroup;
    const attached = facts.loadBalancers.filter((l) => tg.loadBalancers.includes(l.loadBalancer.arn));
    const ctx: CheckContext = {
      facts,
      tgf,
      name: (id, lbf) => `${tg.name}/${id}${lbf && attached.length > 1 ? `@${lbf.loadBalancer.name}` : ''}`,
    };
    const type = lbTypeOf(tg, facts.loadBalancers);
    const causes: Check[] = [inUseCheck(ctx, type), healthCheckCheck(ctx, type)];
    const networked = tg.targetType === 'instance' || tg.targetType === 'ip';
    if (tg.targetType === 'instance' && tgf.health.some((t) => isInstanceId(t.id))) causes.push(instanceCheck(ctx));
    if (isIpTarget(tg) && tgf.health.length > 0) causes.push(ipCheck(ctx));
    if (networked && tgf.health.length > 0) {
      for (const lbf of attached) {
        causes.push(...securityGroupChecks(ctx, lbf), zoneCheck(ctx, lbf));
        if (lbf.loadBalancer.type !== 'gateway') causes.push(crossZoneCheck(ctx, lbf));
      }
    }
    checks.push(targetHealthCheck(ctx, causes, facts), ...causes);
  }
  return checks;
}

export interface CheckSummary {
  pass: number;
  warn: number;
  fail: number;
}

export function summarizeChecks(checks: readonly Check[]): CheckSummary {
  return {
    pass: checks.filter((c) => c.status === 'pass').length,
    warn: checks.filter((c) => c.status === 'warn').length,
    fail: checks.filter((c) => c.status === 'fail').length,
  };
}
