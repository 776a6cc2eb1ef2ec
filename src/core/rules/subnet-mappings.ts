/**
 * Subnet mappings: a load balancer's subnets with the fixed addresses AWS gives each (an Elastic
 * IP, a private IPv4 or an IPv6 address): the `--subnet-mapping` flag's syntax, where the
 * addresses belong, and whether they lie in their subnet. `lb create|modify` and stack files'
 * `subnetMappings:` are judged here.
 */
import { quote } from '../echo';
import type { LoadBalancerType, Scheme } from '../model';
import type { SubnetMapping } from '../modify/load-balancer';
import { addressIn, isIpv4, isIpv6 } from './addresses';
import { aLoadBalancer, type SubnetFact } from './load-balancer';
import { subnetIdProblem } from './names';
import { type Face, type PathSegment, type Problem, problem } from './problem';

export const ALLOCATION_ID = /^eipalloc-[0-9a-f]{8,17}$/;

export function allocationIdProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  if (ALLOCATION_ID.test(value)) return undefined;
  return problem('E_FORMAT', `allocation ID ${quote(value)}: not an Elastic IP allocation ID (eipalloc-…)`, path);
}
const MAPPING_KEYS = {
  subnetid: 'subnetId',
  allocationid: 'allocationId',
  privateipv4address: 'privateIPv4Address',
  ipv6address: 'ipv6Address',
} as const;

/**
 * `--subnet-mapping SubnetId=subnet-…[,AllocationId=eipalloc-…][,PrivateIPv4Address=10.0.1.10][,IPv6Address=…]`
 * (the AWS CLI's shorthand, one flag per subnet) → mappings, or the problems of the malformed ones.
 */
export function parseSubnetMappings(raws: readonly string[]): { mappings: SubnetMapping[]; problems: Problem[] } {
  const mappings: SubnetMapping[] = [];
  const problems: Problem[] = [];
  for (const raw of raws) {
    const fields: Record<string, string> = {};
    let ok = true;
    for (const part of raw.split(',')) {
      const eq = part.indexOf('=');
      const key = MAPPING_KEYS[part.slice(0, Math.max(0, eq)).trim().toLowerCase() as keyof typeof MAPPING_KEYS];
      if (eq <= 0 || key === undefined) {
        problems.push(
          problem(
            'E_FORMAT',
            `subnet mapping ${quote(raw)}: write SubnetId=subnet-…, optionally with ,AllocationId=eipalloc-…, ,PrivateIPv4Address=… or ,IPv6Address=…`,
          ),
        );
        ok = false;
        break;
      }
      fields[key] = part.slice(eq + 1).trim();
    }
    if (!ok) continue;
    const subnetId = fields.subnetId;
    if (subnetId === undefined) {
      problems.push(
        problem('E_REQUIRED', `subnet mapping ${quote(raw)}: SubnetId is missing; write SubnetId=subnet-…`),
      );
      continue;
    }
    const bad = [
      subnetIdProblem(subnetId),
      fields.allocationId !== undefined ? allocationIdProblem(fields.allocationId) : undefined,
      fields.privateIPv4Address !== undefined && !isIpv4(fields.privateIPv4Address)
        ? problem('E_FORMAT', `private IPv4 address ${quote(fields.privateIPv4Address)}: not an IPv4 address`)
        : undefined,
      fields.ipv6Address !== undefined && !isIpv6(fields.ipv6Address)
        ? problem('E_FORMAT', `IPv6 address ${quote(fields.ipv6Address)}: not an IPv6 address`)
        : undefined,
    ].filter((p): p is Problem => p !== undefined);
    if (bad.length > 0) {
      problems.push(...bad);
      continue;
    }
    mappings.push({
      subnetId,
      ...(fields.allocationId !== undefined ? { allocationId: fields.allocationId } : {}),
      ...(fields.privateIPv4Address !== undefined ? { privateIPv4Address: fields.privateIPv4Address } : {}),
      ...(fields.ipv6Address !== undefined ? { ipv6Address: fields.ipv6Address } : {}),
    });
  }
  return { mappings, problems };
}

/** How the fixes name a mapping's fields: the AWS CLI's shorthand keys on the command line, the file's keys in a stack. */
const MAPPING_WORDS = {
  subnets: { flags: 'give its subnets with --subnets', stack: 'give its subnets under subnets:' },
  allocationId: { flags: 'AllocationId', stack: 'allocationId' },
  privateIPv4Address: { flags: 'PrivateIPv4Address', stack: 'privateIPv4Address' },
} as const;

/**
 * Where a subnet mapping's fixed addresses belong (AWS's rules for CreateLoadBalancer and
 * SetSubnets): Elastic IPs and private IPv4 addresses on network load balancers only, an
 * Elastic IP only when internet-facing, a private IPv4 address only when internal, an IPv6
 * address only on a dualstack one (a subnet mapped twice is loadBalancerProblems' duplicate subnet).
 */
export function subnetMappingProblems(
  lb: { name: string; type: LoadBalancerType; scheme: Scheme; ipAddressType?: string | undefined },
  mappings: readonly SubnetMapping[],
  face: Face,
): Problem[] {
  const problems: Problem[] = [];
  const at = (i: number, field?: string): PathSegment[] =>
    face === 'stack' ? ['subnetMappings', i, ...(field ? [field] : [])] : ['subnetMappings'];
  mappings.forEach((m, i) => {
    const label = `subnet mapping ${quote(m.subnetId)}`;
    if ((m.allocationId !== undefined || m.privateIPv4Address !== undefined) && lb.type !== 'network') {
      problems.push(
        problem(
          'E_SUBNETS',
          `${label}: Elastic IPs and private addresses are for network load balancers; ${quote(lb.name)} is ${aLoadBalancer(lb.type)}: ${MAPPING_WORDS.subnets[face]}`,
          at(i),
        ),
      );
    } else if (m.allocationId !== undefined && lb.scheme === 'internal') {
      problems.push(
        problem(
          'E_SUBNETS',
          `${label}: an internal load balancer takes no Elastic IP; give a ${MAPPING_WORDS.privateIPv4Address[face]} instead`,
          at(i, 'allocationId'),
        ),
      );
    } else if (m.privateIPv4Address !== undefined && lb.scheme === 'internet-facing') {
      problems.push(
        problem(
          'E_SUBNETS',
          `${label}: a private IPv4 address is for internal load balancers; give an ${MAPPING_WORDS.allocationId[face]} (Elastic IP) instead`,
          at(i, 'privateIPv4Address'),
        ),
      );
    }
    if (m.ipv6Address !== undefined && lb.ipAddressType !== undefined && lb.ipAddressType === 'ipv4') {
      problems.push(
        problem(
          'E_SUBNETS',
          `${label}: an IPv6 address needs a dualstack load balancer; set ipAddressType: dualstack or remove it`,
          at(i, 'ipv6Address'),
        ),
      );
    }
  });
  return problems;
}

/** A mapping's private or IPv6 address that lies outside its subnet's blocks (AWS takes addresses from the subnet). */
export function subnetMappingAddressProblems(
  mappings: readonly SubnetMapping[],
  found: readonly SubnetFact[],
  path: (i: number, field: string) => PathSegment[] = () => ['subnetMappings'],
): Problem[] {
  const byId = new Map(found.map((s) => [s.id, s]));
  const problems: Problem[] = [];
  mappings.forEach((m, i) => {
    const subnet = byId.get(m.subnetId);
    if (!subnet) return;
    if (
      m.privateIPv4Address !== undefined &&
      isIpv4(m.privateIPv4Address) &&
      !addressIn(m.privateIPv4Address, [subnet.cidr])
    ) {
      problems.push(
        problem(
          'E_SUBNETS',
          `subnet mapping ${quote(m.subnetId)}: private IPv4 address ${m.privateIPv4Address} is not in the subnet (${subnet.cidr}); use an address of ${subnet.cidr}`,
          path(i, 'privateIPv4Address'),
        ),
      );
    }
    const v6 = subnet.ipv6Cidrs;
    if (m.ipv6Address !== undefined && v6 !== undefined && isIpv6(m.ipv6Address) && !addressIn(m.ipv6Address, v6)) {
      problems.push(
        problem(
          'E_SUBNETS',
          `subnet mapping ${quote(m.subnetId)}: IPv6 address ${m.ipv6Address} is not in the subnet (${v6.join(', ') || 'no IPv6 block'}); use an address of its IPv6 block`,
          path(i, 'ipv6Address'),
        ),
      );
    }
  });
  return problems;
}
