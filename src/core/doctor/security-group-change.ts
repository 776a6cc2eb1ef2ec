/**
 * Before a load balancer's security groups change: which targets would stop admitting it. Doctor's
 * own security group checks run twice on the same snapshot, with the groups it has and with the
 * ones it would have; a check that does not fail now and would fail then is what the change breaks.
 */
import type { CheckContext } from './check-context';
import type { Check, DoctorFacts } from './facts';
import { securityGroupChecks } from './network-checks';

export function admissionsLost(facts: DoctorFacts, loadBalancerArn: string, groups: readonly string[]): Check[] {
  const lbf = facts.loadBalancers.find((l) => l.loadBalancer.arn === loadBalancerArn);
  if (!lbf) return [];
  const changed = { ...lbf, loadBalancer: { ...lbf.loadBalancer, securityGroups: [...groups] } };
  const lost: Check[] = [];
  for (const tgf of facts.targetGroups) {
    const tg = tgf.targetGroup;
    const networked = tg.targetType === 'instance' || tg.targetType === 'ip';
    if (!networked || tgf.health.length === 0 || !tg.loadBalancers.includes(loadBalancerArn)) continue;
    const ctx: CheckContext = { facts, tgf, name: (id) => `${tg.name}/${id}` };
    const now = securityGroupChecks(ctx, lbf);
    const then = securityGroupChecks(ctx, changed);
    then.forEach((check, i) => {
      if (check.status === 'fail' && now[i]?.status !== 'fail') lost.push(check);
    });
  }
  return lost;
}
