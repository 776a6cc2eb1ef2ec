/**
 * Classic load balancers: the Security Hub controls written for them, and the migration each one
 * is waiting for. Pure over ClassicLoadBalancer snapshots; reading them needs the Classic ELB
 * gateway (src/aws/elb.ts).
 */
import type { CheckSpec, ClassicLoadBalancer, RegionSnapshot } from './model';

function perClassic(
  s: RegionSnapshot,
  pick: (c: ClassicLoadBalancer) => { evidence: string; fix: string } | undefined,
) {
  return (s.classic ?? []).flatMap((c) => {
    const found = pick(c);
    return found ? [{ resource: c.arn, name: c.name, region: s.region, account: s.account, ...found }] : [];
  });
}

const SECURE = new Set(['HTTPS', 'SSL']);
const HTTP_LIKE = new Set(['HTTP', 'HTTPS']);

/** The ELBv2 type a Classic load balancer becomes: application when it speaks HTTP, else network. */
const migrationTarget = (c: ClassicLoadBalancer): 'application' | 'network' =>
  c.listeners.length > 0 && c.listeners.every((l) => HTTP_LIKE.has(l.protocol.toUpperCase()))
    ? 'application'
    : 'network';

const CLASSIC_PLAIN_LISTENER: CheckSpec = {
  id: 'classic-plain-listener',
  family: 'classic',
  severity: 'high',
  title: 'Classic load balancer listener without HTTPS or TLS',
  control: 'ELB.3',
  rationale: 'traffic between clients and the load balancer travels unencrypted',
  run: (s) =>
    perClassic(s, (c) => {
      const plain = c.listeners.filter((l) => !SECURE.has(l.protocol.toUpperCase()));
      return plain.length === 0
        ? undefined
        : {
            evidence: `unencrypted listener${plain.length === 1 ? '' : 's'}: ${plain.map((l) => `${l.protocol.toUpperCase()}:${l.port}`).join(', ')}`,
            fix: `elbctl migrate ${c.name} --to ${migrationTarget(c)} (then redirect HTTP to HTTPS on the new load balancer)`,
          };
    }),
};

const CLASSIC_NO_CROSS_ZONE: CheckSpec = {
  id: 'classic-no-cross-zone',
  family: 'classic',
  severity: 'medium',
  title: 'Classic load balancer without cross-zone load balancing',
  control: 'ELB.9',
  rationale: 'each zone gets an equal share of traffic however many instances it has',
  run: (s) =>
    perClassic(s, (c) =>
      c.crossZone
        ? undefined
        : {
            evidence: 'cross-zone load balancing is off',
            fix: `aws elb modify-load-balancer-attributes --load-balancer-name ${c.name} --load-balancer-attributes "{\\"CrossZoneLoadBalancing\\":{\\"Enabled\\":true}}" --region ${s.region}`,
          },
    ),
};

const CLASSIC_SINGLE_ZONE: CheckSpec = {
  id: 'classic-single-zone',
  family: 'classic',
  severity: 'medium',
  title: 'Classic load balancer in one Availability Zone',
  control: 'ELB.10',
  rationale: 'a zone outage takes the whole load balancer down',
  run: (s) =>
    perClassic(s, (c) =>
      c.availabilityZones.length >= 2
        ? undefined
        : {
            evidence: `it uses ${c.availabilityZones.length === 0 ? 'no zone' : `only ${c.availabilityZones.join('')}`}`,
            fix: `elbctl migrate ${c.name} --to ${migrationTarget(c)} (with subnets in two zones or more)`,
          },
    ),
};

const CLASSIC_LEFT: CheckSpec = {
  id: 'classic-migrate',
  family: 'classic',
  severity: 'low',
  title: 'Classic load balancer left to migrate',
  rationale:
    'Classic load balancers lack what ELBv2 has (TLS 1.3 policies, WAF, weighted routing, per-target-group health) and AWS retires their features one by one',
  run: (s) =>
    perClassic(s, (c) => ({
      evidence: `${c.listeners.map((l) => `${l.protocol.toUpperCase()}:${l.port}`).join(', ') || 'no listener'}, ${c.instances} instance${c.instances === 1 ? '' : 's'}; it maps to an ${migrationTarget(c)} load balancer`,
      fix: `elbctl migrate ${c.name} --to ${migrationTarget(c)}`,
    })),
};

export const CLASSIC_CHECKS: readonly CheckSpec[] = [
  CLASSIC_PLAIN_LISTENER,
  CLASSIC_NO_CROSS_ZONE,
  CLASSIC_SINGLE_ZONE,
  CLASSIC_LEFT,
];
