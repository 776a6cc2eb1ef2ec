/**
 * Quota headroom: rules per ALB, target groups per ALB, certificates per listener's load balancer
 * and targets per target group, each against the account's quota (Service Quotas) or AWS's
 * documented default. A count at or over QUOTA_WARNING of its quota is a finding; for rules, with
 * the split that would bring the load balancer back under it (split.ts).
 */
import { type QuotaName, quotaLimit } from '../rules/quotas';
import {
  type AuditedLoadBalancer,
  type CheckSpec,
  type RegionSnapshot,
  aboutLoadBalancer,
  aboutTargetGroup,
} from './model';
import { type RuleSplit, suggestSplit } from './split';

/** The share of a quota at which headroom is reported. */
const QUOTA_WARNING = 0.8;

interface Headroom {
  count: number;
  limit: number;
  /** limit − count (negative when over). */
  left: number;
  /** The Service Quotas code to raise it with. */
  code: string;
  fromAccount: boolean;
}

function headroom(name: QuotaName, count: number, s: RegionSnapshot): Headroom {
  const q = quotaLimit(name, s.quotas);
  return { count, limit: q.limit, left: q.limit - count, code: q.code, fromAccount: q.fromAccount };
}

const over = (h: Headroom) => h.count >= Math.ceil(h.limit * QUOTA_WARNING);
const describe = (h: Headroom, noun: string) =>
  `${h.count} of ${h.limit} ${noun} (${Math.round((h.count / h.limit) * 100)}%, ${h.left} left; ${h.fromAccount ? "the account's quota" : "AWS's default quota"} ${h.code})`;
const raise = (h: Headroom, region: string) =>
  `aws service-quotas request-service-quota-increase --service-code elasticloadbalancing --quota-code ${h.code} --desired-value ${h.limit * 2} --region ${region}`;

const ruleCount = (a: AuditedLoadBalancer) =>
  a.listeners.reduce((n, l) => n + l.rules.filter((r) => !r.isDefault).length, 0);

function describeSplit(split: RuleSplit): string {
  const what = split.by === 'host' ? ['host', 'hosts'] : ['path prefix', 'path prefixes'];
  const shown =
    split.move.slice(0, 6).join(', ') + (split.move.length > 6 ? `, and ${split.move.length - 6} more` : '');
  return `split: serve ${split.move.length} ${what[split.move.length === 1 ? 0 : 1]} (${shown}) from a second load balancer: ${split.moved} rules move, ${split.crossing} must be on both, leaving ${split.remaining} here and ${split.second} there`;
}

const RULES_QUOTA: CheckSpec = {
  id: 'rules-quota',
  family: 'quotas',
  severity: 'medium',
  title: 'ALB is near its rule quota',
  rationale:
    'at the quota AWS refuses the next rule: a deployment that adds a route fails (the AWS Load Balancer Controller cannot reconcile an IngressGroup)',
  run: (s) =>
    s.loadBalancers.flatMap((a) => {
      if (a.loadBalancer.type !== 'application') return [];
      const h = headroom('rulesPerApplicationLoadBalancer', ruleCount(a), s);
      if (!over(h)) return [];
      const split = suggestSplit(
        a.listeners.flatMap((l) => l.rules),
        Math.ceil(h.limit * QUOTA_WARNING) - 1,
      );
      return [
        {
          ...aboutLoadBalancer(s, a.loadBalancer),
          evidence: `${describe(h, 'rules')}${split ? `; ${describeSplit(split)}` : '; no host or path split keeps both load balancers under the threshold'}`,
          fix: split
            ? `move the listed ${split.by === 'host' ? 'hosts' : 'path prefixes'}' rules to a second load balancer (elbctl export ${a.loadBalancer.name} gives a stack file to start from) and point their DNS at it, or raise the quota: ${raise(h, s.region)}`
            : raise(h, s.region),
          details: { headroom: h, ...(split ? { split } : {}) },
        },
      ];
    }),
};

const TARGET_GROUPS_QUOTA: CheckSpec = {
  id: 'target-groups-quota',
  family: 'quotas',
  severity: 'medium',
  title: 'ALB is near its target group quota',
  rationale: 'at the quota AWS refuses to attach another target group to the load balancer',
  run: (s) =>
    s.loadBalancers.flatMap((a) => {
      if (a.loadBalancer.type !== 'application') return [];
      const count = s.targetGroups.filter((t) => t.targetGroup.loadBalancers.includes(a.loadBalancer.arn)).length;
      const h = headroom('targetGroupsPerApplicationLoadBalancer', count, s);
      return over(h)
        ? [
            {
              ...aboutLoadBalancer(s, a.loadBalancer),
              evidence: describe(h, 'target groups'),
              fix: raise(h, s.region),
              details: { headroom: h },
            },
          ]
        : [];
    }),
};

const CERTIFICATES_QUOTA: CheckSpec = {
  id: 'certificates-quota',
  family: 'quotas',
  severity: 'medium',
  title: 'Load balancer is near its certificate quota',
  rationale: 'at the quota AWS refuses the next SNI certificate: a new host name cannot be served over TLS',
  run: (s) =>
    s.loadBalancers.flatMap((a) => {
      const type = a.loadBalancer.type;
      if (type === 'gateway') return [];
      // The quota counts certificates beyond each listener's default one.
      const count = a.listeners.reduce((n, l) => n + Math.max(0, l.listener.certificates.length - 1), 0);
      const h = headroom(
        type === 'application' ? 'certificatesPerApplicationLoadBalancer' : 'certificatesPerNetworkLoadBalancer',
        count,
        s,
      );
      return over(h)
        ? [
            {
              ...aboutLoadBalancer(s, a.loadBalancer),
              evidence: describe(h, 'certificates besides the listeners’ default ones'),
              fix: raise(h, s.region),
              details: { headroom: h },
            },
          ]
        : [];
    }),
};

const TARGETS_QUOTA: CheckSpec = {
  id: 'targets-quota',
  family: 'quotas',
  severity: 'medium',
  title: 'Target group is near its target quota',
  rationale: 'at the quota RegisterTargets fails: an autoscaling group cannot grow behind it',
  run: (s) =>
    s.targetGroups.flatMap((t) => {
      const h = headroom('targetsPerTargetGroup', t.health.length, s);
      return over(h)
        ? [
            {
              ...aboutTargetGroup(s, t.targetGroup),
              evidence: describe(h, 'targets'),
              fix: raise(h, s.region),
              details: { headroom: h },
            },
          ]
        : [];
    }),
};

/**
 * The quotas worth asking Service Quotas for: those a count reaches QUOTA_WARNING of at AWS's
 * documented default. An account's quota is the default or higher, so a count below that share of
 * the default is below it of any value the account has: asking would change nothing.
 */
export function quotasToRead(s: Omit<RegionSnapshot, 'quotas'>): QuotaName[] {
  const defaults: RegionSnapshot = { ...s, quotas: {} };
  const near = (name: QuotaName, count: number) => over(headroom(name, count, defaults));
  const names = new Set<QuotaName>();
  for (const a of s.loadBalancers) {
    const type = a.loadBalancer.type;
    const certificates = a.listeners.reduce((n, l) => n + Math.max(0, l.listener.certificates.length - 1), 0);
    if (type === 'application') {
      if (near('rulesPerApplicationLoadBalancer', ruleCount(a))) names.add('rulesPerApplicationLoadBalancer');
      const groups = s.targetGroups.filter((t) => t.targetGroup.loadBalancers.includes(a.loadBalancer.arn)).length;
      if (near('targetGroupsPerApplicationLoadBalancer', groups)) names.add('targetGroupsPerApplicationLoadBalancer');
      if (near('certificatesPerApplicationLoadBalancer', certificates))
        names.add('certificatesPerApplicationLoadBalancer');
    } else if (type === 'network' && near('certificatesPerNetworkLoadBalancer', certificates)) {
      names.add('certificatesPerNetworkLoadBalancer');
    }
  }
  for (const t of s.targetGroups)
    if (near('targetsPerTargetGroup', t.health.length)) names.add('targetsPerTargetGroup');
  return [...names];
}

export const QUOTA_CHECKS: readonly CheckSpec[] = [RULES_QUOTA, TARGET_GROUPS_QUOTA, CERTIFICATES_QUOTA, TARGETS_QUOTA];
