/** Checks of the path to the targets: security groups, zones, cross-zone load balancing. */
import type { TargetHealth } from '../model';
import {
  type CheckContext,
  type TargetPlace,
  healthCheckPort,
  list,
  placeOf,
  targetLabel,
  trafficPort,
  trafficProtocols,
} from './check-context';
import type { Check, LoadBalancerFacts, SecurityGroupFacts } from './facts';
import { type IpProtocol, admits, isPrivateBlock } from './network';

/** Security groups: the targets admit the load balancer on the traffic port and the health-check port. */
export function securityGroupChecks(ctx: CheckContext, lbf: LoadBalancerFacts): Check[] {
  const { facts, tgf } = ctx;
  const tg = tgf.targetGroup;
  const lb = lbf.loadBalancer;
  const sgById = new Map(facts.securityGroups.map((g) => [g.id, g]));
  const subnetBlocks = lbf.subnets.map((s) => s.cidr).filter(Boolean);
  const vpcBlocks = facts.vpcCidrs[lb.vpcId] ?? [];
  const viaGroups = lb.securityGroups.length > 0;
  const places = tgf.health.map((t) => placeOf(facts, tg, t));
  const source = viaGroups
    ? `the load balancer's security group${lb.securityGroups.length > 1 ? 's' : ''} (${list(lb.securityGroups)})`
    : `the load balancer's subnets (${list(subnetBlocks)})`;

  const hcSamePort = tgf.health.every((t) => healthCheckPort(tg, t) === trafficPort(tg, t));
  const kinds: Array<{
    id: string;
    what: string;
    protocols: IpProtocol[];
    port: (t: TargetHealth) => number | undefined;
  }> = [
    {
      id: 'traffic-port',
      what: hcSamePort ? 'traffic and health checks' : 'traffic',
      protocols: trafficProtocols(tg),
      port: (t) => trafficPort(tg, t),
    },
  ];
  if (!hcSamePort)
    kinds.push({
      id: 'health-check-port',
      what: 'health checks',
      protocols: ['tcp'],
      port: (t) => healthCheckPort(tg, t),
    });

  return kinds.map(({ id, what, protocols, port }) => {
    const blocked: string[] = [];
    const unseen: string[] = [];
    const fixes = new Set<string>();
    const clientOnly: string[] = [];
    let clientFix: string | null = null;
    const ports = new Set<string>();
    for (const place of places) {
      const p = port(place.target);
      if (p === undefined) continue;
      if (!place.securityGroups || place.securityGroups.length === 0) {
        unseen.push(targetLabel(place.target));
        continue;
      }
      const groups = place.securityGroups
        .map((g) => sgById.get(g))
        .filter((g): g is SecurityGroupFacts => g !== undefined);
      for (const protocol of protocols) {
        ports.add(`${protocol} ${p}`);
        const a = admits(groups, protocol, p, { groups: lb.securityGroups, blocks: subnetBlocks });
        // An NLB without security groups passes the client's address through to instance
        // targets: client ranges carry the traffic, while health checks come from its subnets.
        const clientAddresses = !viaGroups && id === 'traffic-port' && tg.targetType === 'instance';
        const clientsBlocked =
          clientAddresses && lb.scheme === 'internet-facing' && a.cidrs.length > 0 && a.cidrs.every(isPrivateBlock);
        if (a.byGroup || a.byCidr || (clientAddresses && what === 'traffic' && a.cidrs.length > 0)) {
          if (clientsBlocked) {
            clientOnly.push(`${targetLabel(place.target)} (${list(a.cidrs)})`);
            clientFix ??= `admit your clients' addresses, e.g. aws ec2 authorize-security-group-ingress --group-id ${place.securityGroups[0]} --protocol ${protocol} --port ${p} --cidr 0.0.0.0/0`;
          }
          continue;
        }
        blocked.push(`${targetLabel(place.target)} (${list(place.securityGroups)}) on ${protocol} ${p}`);
        const cidr = vpcBlocks[0] ?? subnetBlocks[0] ?? '10.0.0.0/16';
        const sourceFlag = viaGroups ? `--source-group ${lb.securityGroups[0]}` : `--cidr ${cidr}`;
        fixes.add(
          `aws ec2 authorize-security-group-ingress --group-id ${place.securityGroups[0]} --protocol ${protocol} --port ${p} ${sourceFlag}`,
        );
      }
    }
    const name = ctx.name(id, lbf);
    if (blocked.length > 0) {
      return {
        name,
        status: 'fail',
        detail: `no inbound rule admits ${source} for ${what}: ${list(blocked)}`,
        fix: [...fixes].join('\n'),
      };
    }
    if (clientOnly.length > 0) {
      return {
        name,
        status: 'warn',
        detail: `the internet-facing load balancer preserves client addresses, but these targets admit only private ranges: ${list(clientOnly)}`,
        fix: clientFix,
      };
    }
    if (unseen.length > 0) {
      return {
        name,
        status: 'warn',
        detail: `cannot see the security groups of ${list(unseen)} (outside the VPC or not an instance/interface of this account); make sure they admit ${source} for ${what}`,
        fix: null,
      };
    }
    if (ports.size === 0) return { name, status: 'pass', detail: 'no targets to check', fix: null };
    return {
      name,
      status: 'pass',
      detail: `every target's security groups admit ${source} for ${what} on ${list([...ports])}`,
      fix: null,
    };
  });
}

/** Zones: every target is in a zone the load balancer has enabled. */
export function zoneCheck(ctx: CheckContext, lbf: LoadBalancerFacts): Check {
  const tg = ctx.tgf.targetGroup;
  const lb = lbf.loadBalancer;
  const outside: TargetPlace[] = [];
  for (const t of ctx.tgf.health) {
    const place = placeOf(ctx.facts, tg, t);
    if (!place.zone || place.zone === 'all') continue;
    if (!lb.availabilityZones.includes(place.zone)) outside.push(place);
  }
  const name = ctx.name('zones', lbf);
  if (outside.length === 0) {
    return {
      name,
      status: 'pass',
      detail: `every target is in a zone ${lb.name} has enabled (${list(lb.availabilityZones)})`,
      fix: null,
    };
  }
  const extraSubnets = [...new Set(outside.map((p) => p.subnetId).filter((s): s is string => Boolean(s)))];
  const zones = [...new Set(outside.map((p) => p.zone as string))];
  return {
    name,
    status: 'fail',
    detail: `${list(outside.map((p) => `${targetLabel(p.target)} is in ${p.zone}`))}, which ${lb.name} does not use (it has ${list(lb.availabilityZones)}); the load balancer never sends traffic there`,
    fix:
      extraSubnets.length > 0
        ? `aws elbv2 set-subnets --load-balancer-arn ${lb.arn} --subnets ${[...lb.subnets, ...extraSubnets].join(' ')}`
        : `enable ${list(zones)} on ${lb.name}: aws elbv2 set-subnets --load-balancer-arn ${lb.arn} --subnets ${lb.subnets.join(' ')} <a subnet in ${zones[0]}>`,
  };
}

/** Cross-zone: when it is off, every enabled zone needs targets of its own. */
export function crossZoneCheck(ctx: CheckContext, lbf: LoadBalancerFacts): Check {
  const tg = ctx.tgf.targetGroup;
  const lb = lbf.loadBalancer;
  const setting = ctx.tgf.attributes['load_balancing.cross_zone.enabled'];
  const fromTargetGroup = setting === 'true' || setting === 'false';
  const on = fromTargetGroup ? setting === 'true' : lb.type === 'application' ? true : lbf.crossZone;
  const where = fromTargetGroup
    ? `target group attribute load_balancing.cross_zone.enabled=${setting}`
    : lb.type === 'application'
      ? 'always on for an application load balancer unless a target group turns it off'
      : `load balancer attribute load_balancing.cross_zone.enabled=${on}`;
  const name = ctx.name('cross-zone', lbf);
  if (on) {
    return {
      name,
      status: 'pass',
      detail: `cross-zone load balancing is on (${where}): each zone's node sends to targets in every zone`,
      fix: null,
    };
  }
  const covered = new Set<string>();
  for (const t of ctx.tgf.health) {
    const zone = placeOf(ctx.facts, tg, t).zone;
    if (zone) covered.add(zone);
  }
  if (covered.has('all')) for (const z of lb.availabilityZones) covered.add(z);
  const empty = lb.availabilityZones.filter((z) => !covered.has(z));
  if (empty.length === 0) {
    return {
      name,
      status: 'pass',
      detail: `cross-zone load balancing is off (${where}) and every enabled zone has targets (${list(lb.availabilityZones)})`,
      fix: null,
    };
  }
  const turnOn =
    fromTargetGroup || lb.type === 'application'
      ? `elbctl tg cross-zone ${tg.name} on`
      : `elbctl lb cross-zone ${lb.name} on`;
  return {
    name,
    status: 'fail',
    detail: `cross-zone load balancing is off (${where}) and ${list(empty)} ${empty.length === 1 ? 'has' : 'have'} no targets: the load balancer's node there has nowhere to send traffic`,
    fix: `register a target in ${list(empty)} (elbctl targets register ${tg.name} ID), or turn cross-zone on: ${turnOn}`,
  };
}

/** Instances: every instance target exists and is running. */
