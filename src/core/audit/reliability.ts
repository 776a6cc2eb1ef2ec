/** Reliability checks: where targets sit, how they are judged healthy, how they drain. */
import { CROSS_ZONE_ATTRIBUTE, INHERIT_VALUE } from '../cross-zone';
import { healthHint } from '../health-reasons';
import type { LoadBalancer } from '../model';
import { type AuditedTargetGroup, type CheckSpec, type RegionSnapshot, aboutTargetGroup } from './model';

const NETWORK_PROTOCOLS = new Set(['TCP', 'UDP', 'TLS', 'TCP_UDP', 'QUIC', 'TCP_QUIC']);
/** AWS's default deregistration delay: five minutes of draining for every deployment. */
const DEFAULT_DEREGISTRATION_DELAY = '300';

function perTargetGroup(
  s: RegionSnapshot,
  pick: (t: AuditedTargetGroup) => { evidence: string; fix: string } | undefined,
) {
  return s.targetGroups.flatMap((t) => {
    const found = pick(t);
    return found ? [{ ...aboutTargetGroup(s, t.targetGroup), ...found }] : [];
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Targets per zone, when every target's zone is known (AWS reports it for IP targets; instance targets may lack it). */
function zonesOf(t: AuditedTargetGroup): Map<string, number> | undefined {
  if (t.health.length === 0 || t.health.some((h) => !h.availabilityZone)) return undefined;
  const zones = new Map<string, number>();
  for (const h of t.health) zones.set(h.availabilityZone as string, (zones.get(h.availabilityZone as string) ?? 0) + 1);
  return zones;
}

const TARGETS_ONE_ZONE: CheckSpec = {
  id: 'targets-one-zone',
  family: 'reliability',
  severity: 'medium',
  title: 'Target group has targets in one zone only',
  rationale: 'a zone outage leaves the target group with no target at all',
  run: (s) =>
    perTargetGroup(s, (t) => {
      const zones = zonesOf(t);
      if (zones?.size !== 1 || t.targetGroup.targetType === 'lambda') return undefined;
      return {
        evidence: `${plural(t.health.length, 'target')}, all in ${[...(zones?.keys() ?? [])][0]}`,
        fix: `elbctl targets register ${t.targetGroup.name} TARGET_IN_ANOTHER_ZONE`,
      };
    }),
};

/** Whether traffic crosses zones for this target group behind this load balancer. */
function crossZoneOn(s: RegionSnapshot, t: AuditedTargetGroup, lb: LoadBalancer): boolean {
  const own = t.attributes[CROSS_ZONE_ATTRIBUTE];
  if (own === 'true') return true;
  if (own === 'false') return false;
  if (own !== undefined && own !== INHERIT_VALUE) return true;
  if (lb.type === 'application') return true;
  const audited = s.loadBalancers.find((a) => a.loadBalancer.arn === lb.arn);
  return audited?.attributes[CROSS_ZONE_ATTRIBUTE] === 'true';
}

const CROSS_ZONE_UNEVEN: CheckSpec = {
  id: 'cross-zone-uneven',
  family: 'reliability',
  severity: 'medium',
  title: 'Cross-zone is off and zones hold unequal targets',
  rationale:
    'without cross-zone, each zone gets an equal share of traffic however many targets it has: the targets of the smaller zone take more load each',
  run: (s) =>
    perTargetGroup(s, (t) => {
      const zones = zonesOf(t);
      if (!zones) return undefined;
      for (const lbArn of t.targetGroup.loadBalancers) {
        const lb = s.loadBalancers.find((a) => a.loadBalancer.arn === lbArn)?.loadBalancer;
        if (!lb || crossZoneOn(s, t, lb)) continue;
        const counts = lb.availabilityZones.map((z) => [z, zones.get(z) ?? 0] as const);
        const values = counts.map(([, n]) => n);
        if (values.length < 2 || Math.min(...values) === Math.max(...values)) continue;
        const fix =
          lb.type === 'application'
            ? `elbctl tg cross-zone ${t.targetGroup.name} inherit`
            : `elbctl tg cross-zone ${t.targetGroup.name} on`;
        return {
          evidence: `behind ${lb.name} with cross-zone off: ${counts.map(([z, n]) => `${z} ${n}`).join(', ')}`,
          fix: `${fix} (or register targets so every zone holds the same number)`,
        };
      }
      return undefined;
    }),
};

const UNHEALTHY = new Set(['unhealthy', 'unhealthy.draining']);

const UNHEALTHY_TARGETS: CheckSpec = {
  id: 'unhealthy-targets',
  family: 'reliability',
  severity: 'high',
  title: 'Target group has unhealthy targets',
  rationale: 'unhealthy targets get no traffic: the rest carry the load, or nothing does',
  run: (s) =>
    perTargetGroup(s, (t) => {
      const bad = t.health.filter((h) => UNHEALTHY.has(h.state));
      if (bad.length === 0) return undefined;
      const reasons = bad
        .slice(0, 3)
        .map(
          (h) =>
            `${h.id}${h.port ? `:${h.port}` : ''} ${h.reason ?? h.state}: ${h.hint ?? healthHint(h.state, h.reason) ?? h.description ?? ''}`,
        );
      return {
        evidence: `${bad.length} of ${plural(t.health.length, 'target')} unhealthy — ${reasons.join('; ')}${bad.length > 3 ? `; and ${bad.length - 3} more` : ''}`,
        fix: `elbctl doctor ${t.targetGroup.name}`,
      };
    }),
};

const FALSE_HEALTHY_CHECK: CheckSpec = {
  id: 'default-health-check',
  family: 'reliability',
  severity: 'low',
  title: 'Health check is the default: GET / on the traffic port, 5 s timeout',
  rationale:
    'the default check only proves that something answers `/` (often a static page or a redirect), not that the application and what it depends on work',
  run: (s) =>
    perTargetGroup(s, (t) => {
      const h = t.targetGroup.healthCheck;
      const http = h.protocol === 'HTTP' || h.protocol === 'HTTPS';
      if (!h.enabled || !http || (h.port ?? 'traffic-port') !== 'traffic-port') return undefined;
      if (h.path !== '/' || h.timeoutSeconds !== 5) return undefined;
      return {
        evidence: `${h.protocol} GET / on the traffic port with a 5 s timeout`,
        fix: `elbctl tg modify ${t.targetGroup.name} --health-path /healthz`,
      };
    }),
};

const DEREGISTRATION_DELAY_DEFAULT: CheckSpec = {
  id: 'nlb-deregistration-delay',
  family: 'reliability',
  severity: 'low',
  title: 'NLB target group keeps the default 300 s deregistration delay',
  rationale: 'every deployment waits five minutes per target before it is gone; tune it to your longest connection',
  run: (s) =>
    perTargetGroup(s, (t) => {
      const protocol = t.targetGroup.protocol ?? '';
      if (!NETWORK_PROTOCOLS.has(protocol)) return undefined;
      const delay = t.attributes['deregistration_delay.timeout_seconds'];
      if (delay !== DEFAULT_DEREGISTRATION_DELAY) return undefined;
      return {
        evidence: `deregistration_delay.timeout_seconds is ${delay} (AWS's default)`,
        fix: `elbctl tg attributes ${t.targetGroup.name} --set deregistration_delay.timeout_seconds=60`,
      };
    }),
};

export const RELIABILITY_CHECKS: readonly CheckSpec[] = [
  TARGETS_ONE_ZONE,
  CROSS_ZONE_UNEVEN,
  UNHEALTHY_TARGETS,
  FALSE_HEALTHY_CHECK,
  DEREGISTRATION_DELAY_DEFAULT,
];
