/**
 * Load balancers in place: subnets (or subnet mappings), security groups, IP address type. AWS
 * changes type and scheme only by replacing the load balancer. `lb modify` and the stack engine
 * both compute a change here; src/aws/modify.ts sends it (SetSubnets, SetSecurityGroups,
 * SetIpAddressType).
 */
import { sameSet } from './compare';
import type { TagMap } from './tags';

/** One subnet of SetSubnets' SubnetMappings: an Elastic IP or private address per zone (network load balancers). */
export interface SubnetMapping {
  subnetId: string;
  allocationId?: string | undefined;
  privateIPv4Address?: string | undefined;
  ipv6Address?: string | undefined;
}

export interface LoadBalancerSettings {
  subnets: string[];
  /** Set only when the subnets are given with mappings; `subnets` then holds their IDs. */
  subnetMappings?: SubnetMapping[] | undefined;
  securityGroups: string[];
  ipAddressType: string;
  tags?: TagMap | undefined;
}

/** The fields that change: `before` their live values, `after` the wanted ones (both empty: nothing to do). */
export interface LoadBalancerModification {
  before: Partial<LoadBalancerSettings>;
  after: Partial<LoadBalancerSettings>;
}

/** What turns the live settings into the wanted ones; fields left out of `desired` are not compared. */
export function loadBalancerModification(
  current: LoadBalancerSettings,
  desired: Partial<LoadBalancerSettings>,
): LoadBalancerModification {
  const before: Partial<LoadBalancerSettings> = {};
  const after: Partial<LoadBalancerSettings> = {};
  if (desired.subnets !== undefined && !sameSet(current.subnets, desired.subnets)) {
    before.subnets = current.subnets;
    after.subnets = desired.subnets;
    if (desired.subnetMappings !== undefined) after.subnetMappings = desired.subnetMappings;
  }
  if (desired.securityGroups !== undefined && !sameSet(current.securityGroups, desired.securityGroups)) {
    before.securityGroups = current.securityGroups;
    after.securityGroups = desired.securityGroups;
  }
  if (desired.ipAddressType !== undefined && desired.ipAddressType !== current.ipAddressType) {
    before.ipAddressType = current.ipAddressType;
    after.ipAddressType = desired.ipAddressType;
  }
  return { before, after };
}

/**
 * The order of the calls: going dualstack, the subnets first (the new ones may be the IPv6
 * ones it needs); going back to IPv4, the address type first (then IPv4-only subnets fit).
 */
export function loadBalancerCallOrder(after: Partial<LoadBalancerSettings>): Array<'subnets' | 'ipAddressType'> {
  return after.ipAddressType === 'ipv4' ? ['ipAddressType', 'subnets'] : ['subnets', 'ipAddressType'];
}
