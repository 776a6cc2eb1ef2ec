/**
 * A load balancer's subnets in a stack file: `subnets:` (IDs) or `subnetMappings:` (each subnet
 * with the fixed addresses AWS gives it: an Elastic IP, a private IPv4 or an IPv6 address),
 * exactly one of them. The rules are the rulebook's (rules/load-balancer.ts), as for
 * `lb create|modify --subnet-mapping`.
 */
import { quote } from '../echo';
import type { SubnetAddresses } from '../model';
import { isIpv4, isIpv6 } from '../rules/addresses';
import { defaultScheme } from '../rules/load-balancer';
import { subnetMappingProblems } from '../rules/subnet-mappings';
import { type PathSegment, type Problem, problem } from '../rules/problem';
import type { LoadBalancerFile, SubnetMappingFile } from './schema';

type SubnetsOf = Pick<LoadBalancerFile, 'subnets' | 'subnetMappings'>;

/** The subnet IDs, whichever way the file gives them. */
export const fileSubnets = (lb: SubnetsOf): string[] =>
  lb.subnets !== undefined ? [...lb.subnets] : (lb.subnetMappings ?? []).map((m) => m.subnet);

export function toSubnetAddresses(m: SubnetMappingFile): SubnetAddresses {
  return {
    subnetId: m.subnet,
    ...(m.allocationId !== undefined ? { allocationId: m.allocationId } : {}),
    ...(m.privateIPv4Address !== undefined ? { privateIPv4Address: m.privateIPv4Address } : {}),
    ...(m.ipv6Address !== undefined ? { ipv6Address: m.ipv6Address } : {}),
  };
}

/** The mappings as the planner compares them (sorted by subnet); undefined when the file gives plain subnets. */
export function fileSubnetMappings(lb: SubnetsOf): SubnetAddresses[] | undefined {
  if (lb.subnetMappings === undefined) return undefined;
  return lb.subnetMappings.map(toSubnetAddresses).sort((a, b) => a.subnetId.localeCompare(b.subnetId));
}

/** Where the rulebook's `['subnets', i]` sits in a file that gives mappings. */
export function subnetPath(lb: SubnetsOf, path: readonly PathSegment[]): PathSegment[] {
  if (lb.subnets === undefined && lb.subnetMappings !== undefined && path[0] === 'subnets') {
    return typeof path[1] === 'number' ? ['subnetMappings', path[1], 'subnet'] : ['subnetMappings'];
  }
  return [...path];
}

/** Exactly one of subnets and subnetMappings; each mapping's addresses well-formed and where AWS takes them. */
export function fileSubnetProblems(lb: LoadBalancerFile): Problem[] {
  const label = `load balancer ${quote(lb.name)}`;
  if (lb.subnets !== undefined && lb.subnetMappings !== undefined) {
    return [
      problem('E_CONFLICT', `${label}: subnets and subnetMappings are both given; give only one`, ['subnetMappings']),
    ];
  }
  if (lb.subnets === undefined && lb.subnetMappings === undefined) {
    return [
      problem(
        'E_REQUIRED',
        `${label}: no subnets; give subnets (or subnetMappings), one in each zone it should serve`,
        [],
      ),
    ];
  }
  const mappings = lb.subnetMappings ?? [];
  const problems: Problem[] = [];
  mappings.forEach((m, i) => {
    if (m.privateIPv4Address !== undefined && !isIpv4(m.privateIPv4Address)) {
      problems.push(
        problem('E_FORMAT', `private IPv4 address ${quote(m.privateIPv4Address)}: not an IPv4 address`, [
          'subnetMappings',
          i,
          'privateIPv4Address',
        ]),
      );
    }
    if (m.ipv6Address !== undefined && !isIpv6(m.ipv6Address)) {
      problems.push(
        problem('E_FORMAT', `IPv6 address ${quote(m.ipv6Address)}: not an IPv6 address`, [
          'subnetMappings',
          i,
          'ipv6Address',
        ]),
      );
    }
  });
  problems.push(
    ...subnetMappingProblems(
      {
        name: lb.name,
        type: lb.type,
        scheme: lb.scheme ?? defaultScheme(lb.type),
        ipAddressType: lb.ipAddressType ?? 'ipv4',
      },
      mappings.map(toSubnetAddresses),
      'stack',
    ),
  );
  return problems;
}
