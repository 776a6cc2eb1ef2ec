/** Load balancers: type, scheme, address type, subnets and security groups, offline and against what the account holds. */
import { quote } from '../echo';
import type { IpAddressType, LoadBalancerType, Scheme } from '../model';
import type { SubnetMapping } from '../modify/load-balancer';
import { securityGroupIdProblem, subnetIdProblem } from './names';
import { subnetMappingProblems } from './subnet-mappings';
import { type PathSegment, type Problem, problem } from './problem';
import { duplicates } from './values';

/** The types elbctl creates. */
export const LOAD_BALANCER_TYPES = ['application', 'network', 'gateway'] as const;
export type CreatableLoadBalancerType = (typeof LOAD_BALANCER_TYPES)[number];
export const SCHEMES = ['internet-facing', 'internal'] as const satisfies readonly Scheme[];
export const IP_ADDRESS_TYPES = [
  'ipv4',
  'dualstack',
  'dualstack-without-public-ipv4',
] as const satisfies readonly IpAddressType[];
export const DEFAULT_SCHEME: Scheme = 'internet-facing';

/** AWS takes no scheme for a gateway load balancer: it is internal (its traffic comes through endpoints). */
export const defaultScheme = (type: string): Scheme => (type === 'gateway' ? 'internal' : DEFAULT_SCHEME);
export const DEFAULT_IP_ADDRESS_TYPE: IpAddressType = 'ipv4';
/** SetSecurityGroups/CreateLoadBalancer take at most five groups (a fixed API limit). */
export const MAX_SECURITY_GROUPS = 5;

export interface LoadBalancerSpec {
  name: string;
  type: CreatableLoadBalancerType;
  scheme: Scheme;
  ipAddressType: IpAddressType;
  subnets: readonly string[];
  securityGroups?: readonly string[] | undefined;
}

/** `an application load balancer` */
export const aLoadBalancer = (type: string) => `${type === 'application' ? 'an' : 'a'} ${type} load balancer`;

/** Everything about a load balancer that can be judged without AWS (its name is judged by names.ts). */
export function loadBalancerProblems(spec: LoadBalancerSpec): Problem[] {
  const problems: Problem[] = [];
  const label = `load balancer ${quote(spec.name)}`;
  spec.subnets.forEach((s, i) => {
    const p = subnetIdProblem(s, ['subnets', i]);
    if (p) problems.push(p);
  });
  problems.push(
    ...duplicates(
      spec.subnets,
      (s) => `subnet ${quote(s)}: listed twice in ${label}; list each subnet once`,
      (i) => ['subnets', i],
    ),
  );
  if (spec.subnets.length === 0) {
    problems.push(
      problem('E_REQUIRED', `${label}: no subnets; give one subnet in each zone it should serve`, ['subnets']),
    );
  } else if (spec.type === 'application' && spec.subnets.length < 2) {
    problems.push(
      problem(
        'E_SUBNETS',
        `${label}: an application load balancer needs subnets in at least two availability zones, ${spec.subnets.length} given; add a subnet in another zone`,
        ['subnets'],
      ),
    );
  }
  const groups = spec.securityGroups ?? [];
  if (spec.type === 'gateway') problems.push(...gatewayProblems(spec, label));
  groups.forEach((g, i) => {
    const p = securityGroupIdProblem(g, ['securityGroups', i]);
    if (p) problems.push(p);
  });
  problems.push(
    ...duplicates(
      groups,
      (g) => `security group ${quote(g)}: listed twice in ${label}; list each once`,
      (i) => ['securityGroups', i],
    ),
  );
  if (groups.length > MAX_SECURITY_GROUPS) {
    problems.push(
      problem(
        'E_LIMIT',
        `${label}: ${groups.length} security groups, the limit is ${MAX_SECURITY_GROUPS}; remove ${groups.length - MAX_SECURITY_GROUPS}`,
        ['securityGroups'],
      ),
    );
  }
  if (
    spec.ipAddressType === 'dualstack-without-public-ipv4' &&
    (spec.type !== 'application' || spec.scheme !== 'internet-facing')
  ) {
    problems.push(
      problem(
        'E_ENUM',
        `${label}: ip address type dualstack-without-public-ipv4 is for internet-facing application load balancers only; use ipv4 or dualstack`,
        ['ipAddressType'],
      ),
    );
  }
  return problems;
}

/** A gateway load balancer has no security groups and no scheme to choose (CreateLoadBalancer refuses both). */
function gatewayProblems(spec: LoadBalancerSpec, label: string): Problem[] {
  const problems: Problem[] = [];
  if ((spec.securityGroups ?? []).length > 0) {
    problems.push(
      problem('E_SECURITY_GROUPS', `${label}: a gateway load balancer has no security groups; leave them out`, [
        'securityGroups',
      ]),
    );
  }
  if (spec.scheme !== 'internal') {
    problems.push(
      problem(
        'E_ENUM',
        `${label}: a gateway load balancer is always internal (AWS takes no scheme for it); leave the scheme out`,
        ['scheme'],
      ),
    );
  }
  return problems;
}

// ------------------------------------------------------------------ against the account

/** A subnet as EC2 reports it (src/aws fills these in). */
export interface SubnetFact {
  id: string;
  vpcId: string;
  availabilityZone: string;
  cidr: string;
  /** Its IPv6 blocks (none: an IPv4-only subnet). Unknown when left out. */
  ipv6Cidrs?: readonly string[] | undefined;
}

export interface SecurityGroupFact {
  id: string;
  vpcId: string;
}

/**
 * What AWS would refuse about the subnets: one missing (every missing one named), subnets of
 * two VPCs, two in one zone, fewer than two zones for an application load balancer.
 */
export function subnetPlacementProblems(
  spec: Pick<LoadBalancerSpec, 'name' | 'type' | 'subnets'>,
  found: readonly SubnetFact[],
  path: PathSegment[] = ['subnets'],
): Problem[] {
  const byId = new Map(found.map((s) => [s.id, s]));
  const missing = spec.subnets.filter((id) => !byId.has(id));
  const label = `load balancer ${quote(spec.name)}`;
  if (missing.length > 0) {
    return [
      problem(
        'E_MISSING_REFERENCE',
        `subnet${missing.length > 1 ? 's' : ''} ${missing.map(quote).join(', ')}: ${missing.length > 1 ? 'do' : 'does'} not exist in this account and region; check the IDs (\`aws ec2 describe-subnets\`)`,
        path,
      ),
    ];
  }
  const subnets = spec.subnets.map((id) => byId.get(id) as SubnetFact);
  const problems: Problem[] = [];
  const vpcs = [...new Set(subnets.map((s) => s.vpcId))];
  if (vpcs.length > 1) {
    problems.push(
      problem(
        'E_SUBNETS',
        `${label}: its subnets belong to different VPCs (${vpcs.join(', ')}); use subnets of one VPC`,
        path,
      ),
    );
  }
  const byZone = new Map<string, string[]>();
  for (const s of subnets) byZone.set(s.availabilityZone, [...(byZone.get(s.availabilityZone) ?? []), s.id]);
  for (const [zone, ids] of byZone) {
    if (ids.length > 1) {
      problems.push(
        problem(
          'E_SUBNETS',
          `${label}: subnets ${ids.join(', ')} are all in zone ${zone}; a load balancer takes one subnet per zone`,
          path,
        ),
      );
    }
  }
  if (spec.type === 'application' && spec.subnets.length >= 2 && byZone.size < 2) {
    problems.push(
      problem(
        'E_SUBNETS',
        `${label}: every subnet is in zone ${[...byZone.keys()].join(', ')}; an application load balancer needs subnets in at least two availability zones`,
        path,
      ),
    );
  }
  return problems;
}

/** The VPC the subnets put the load balancer in (when they agree). */
export function vpcOfSubnets(subnetIds: readonly string[], found: readonly SubnetFact[]): string | undefined {
  const vpcs = new Set(found.filter((s) => subnetIds.includes(s.id)).map((s) => s.vpcId));
  return vpcs.size === 1 ? [...vpcs][0] : undefined;
}

/** Security groups that do not exist, or belong to another VPC than the load balancer's. */
export function securityGroupPlacementProblems(
  spec: Pick<LoadBalancerSpec, 'name' | 'securityGroups'>,
  vpcId: string | undefined,
  found: readonly SecurityGroupFact[],
  path: PathSegment[] = ['securityGroups'],
): Problem[] {
  const ids = spec.securityGroups ?? [];
  const byId = new Map(found.map((g) => [g.id, g]));
  const missing = ids.filter((id) => !byId.has(id));
  const problems: Problem[] = [];
  if (missing.length > 0) {
    problems.push(
      problem(
        'E_MISSING_REFERENCE',
        `security group${missing.length > 1 ? 's' : ''} ${missing.map(quote).join(', ')}: ${missing.length > 1 ? 'do' : 'does'} not exist in this account and region; check the IDs (\`aws ec2 describe-security-groups\`)`,
        path,
      ),
    );
  }
  if (vpcId !== undefined) {
    const elsewhere = ids.filter((id) => byId.has(id) && byId.get(id)?.vpcId !== vpcId);
    if (elsewhere.length > 0) {
      problems.push(
        problem(
          'E_SECURITY_GROUPS',
          `security group${elsewhere.length > 1 ? 's' : ''} ${elsewhere.map((id) => `${quote(id)} (in ${byId.get(id)?.vpcId})`).join(', ')}: not in ${vpcId}, the VPC of load balancer ${quote(spec.name)}'s subnets; use groups of that VPC`,
          path,
        ),
      );
    }
  }
  return problems;
}

// ------------------------------------------------------------------ changing one in place

/** A load balancer as it is live: what a change in place is judged against. */
export interface LiveLoadBalancer {
  name: string;
  type: LoadBalancerType;
  scheme: Scheme;
  subnets: readonly string[];
  securityGroups: readonly string[];
  ipAddressType: string;
}

export interface LoadBalancerChange {
  subnets?: readonly string[] | undefined;
  subnetMappings?: readonly SubnetMapping[] | undefined;
  securityGroups?: readonly string[] | undefined;
  ipAddressType?: IpAddressType | undefined;
}

/**
 * What AWS refuses about a change in place, judged against the live load balancer: the rules of
 * a new one on the result (two zones for an application load balancer, five security groups,
 * which address types fit), and what only a change can get wrong: security groups for a network
 * load balancer created without any (it can never gain them) or a gateway one (it has none),
 * removing every security group, Elastic IPs and private addresses where they do not belong,
 * and a gateway load balancer losing a subnet.
 */
export function loadBalancerChangeProblems(lb: LiveLoadBalancer, change: LoadBalancerChange): Problem[] {
  const problems: Problem[] = [];
  const label = `load balancer ${quote(lb.name)}`;
  const groups = change.securityGroups;
  if (groups !== undefined) {
    if (lb.type === 'gateway') {
      problems.push(
        problem(
          'E_SECURITY_GROUPS',
          `${label}: a gateway load balancer has no security groups; leave out --security-groups`,
          ['securityGroups'],
        ),
      );
    } else if (lb.type === 'network' && lb.securityGroups.length === 0) {
      problems.push(
        problem(
          'E_SECURITY_GROUPS',
          `${label}: a network load balancer created without security groups can never have them; create a new one with --security-groups and move the traffic to it`,
          ['securityGroups'],
        ),
      );
    } else if (groups.length === 0) {
      problems.push(
        problem('E_REQUIRED', `${label}: no security groups given; ${aLoadBalancer(lb.type)} keeps at least one`, [
          'securityGroups',
        ]),
      );
    }
  }
  if (change.subnets !== undefined && lb.type === 'gateway') {
    const dropped = lb.subnets.filter((s) => !change.subnets?.includes(s));
    if (dropped.length > 0) {
      problems.push(
        problem(
          'E_SUBNETS',
          `${label}: a gateway load balancer keeps every subnet it has; ${dropped.join(', ')} would be removed: list them too`,
          ['subnets'],
        ),
      );
    }
  }
  problems.push(
    ...subnetMappingProblems(
      { ...lb, ipAddressType: change.ipAddressType ?? lb.ipAddressType },
      change.subnetMappings ?? [],
      'flags',
    ),
  );
  if (lb.type !== 'gateway') {
    problems.push(
      ...loadBalancerProblems({
        name: lb.name,
        type: lb.type,
        scheme: lb.scheme,
        ipAddressType: change.ipAddressType ?? (lb.ipAddressType as IpAddressType),
        subnets: change.subnets ?? lb.subnets,
        securityGroups: groups ?? lb.securityGroups,
      }),
    );
  }
  return problems;
}

/** Subnets that belong to another VPC than the load balancer's (a change in place cannot move it). */
export function subnetsOutsideVpcProblem(
  name: string,
  vpcId: string,
  subnetIds: readonly string[],
  found: readonly SubnetFact[],
): Problem | undefined {
  const elsewhere = found.filter((s) => subnetIds.includes(s.id) && s.vpcId !== vpcId);
  if (elsewhere.length === 0) return undefined;
  return problem(
    'E_SUBNETS',
    `subnet${elsewhere.length > 1 ? 's' : ''} ${elsewhere.map((s) => `${quote(s.id)} (in ${s.vpcId})`).join(', ')}: not in ${vpcId}, the VPC of load balancer ${quote(name)}; use subnets of that VPC`,
    ['subnets'],
  );
}

/** A dualstack load balancer needs an IPv6 block in every subnet it uses. */
export function dualstackSubnetsProblem(
  name: string,
  ipAddressType: string,
  subnetIds: readonly string[],
  found: readonly SubnetFact[],
): Problem | undefined {
  if (ipAddressType === 'ipv4') return undefined;
  const ipv4Only = found.filter(
    (s) => subnetIds.includes(s.id) && s.ipv6Cidrs !== undefined && s.ipv6Cidrs.length === 0,
  );
  if (ipv4Only.length === 0) return undefined;
  return problem(
    'E_SUBNETS',
    `load balancer ${quote(name)}: ${ipAddressType} needs an IPv6 block in each of its subnets, and ${ipv4Only.map((s) => s.id).join(', ')} ${ipv4Only.length > 1 ? 'have' : 'has'} none; associate one (aws ec2 associate-subnet-cidr-block) or keep ipv4`,
    ['ipAddressType'],
  );
}
