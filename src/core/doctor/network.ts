/** Address blocks and security group rules: does a group admit a source on a protocol and port? */
import { addressIn, cidrCovers, ipFamily, PRIVATE_IPV4 } from '../rules/addresses';
import type { SecurityGroupFacts, SecurityGroupRuleFacts } from './facts';

// ------------------------------------------------------------------ addresses
// IPv4 and IPv6 alike, through the rulebook's node:net reasoning (no hand-written arithmetic).

/** Whether `outer` contains all of `inner` (a block of one family never contains the other's). */
export const cidrContains = (outer: string, inner: string): boolean => cidrCovers(outer, inner);

export const ipInCidr = (ip: string, block: string): boolean => ipFamily(ip) !== undefined && addressIn(ip, [block]);

/** Inside the private ranges an internet-facing load balancer's clients never come from. */
export const isPrivateBlock = (block: string) => PRIVATE_IPV4.some((p) => cidrCovers(p, block));

// ------------------------------------------------------------------ security group evaluation

export type IpProtocol = 'tcp' | 'udp';

function ruleMatches(rule: SecurityGroupRuleFacts, protocol: IpProtocol, port: number): boolean {
  const p = rule.protocol.toLowerCase();
  if (p === '-1' || p === 'all') return true;
  const named = p === '6' ? 'tcp' : p === '17' ? 'udp' : p;
  if (named !== protocol) return false;
  if (rule.fromPort === undefined || rule.toPort === undefined || rule.fromPort === -1) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}

export interface Admission {
  /** A rule names one of these security groups as its source. */
  byGroup: string | undefined;
  /** Every required block is inside some allowed CIDR. */
  byCidr: boolean;
  /** Every CIDR the groups admit on this port (for details and client-address checks). */
  cidrs: string[];
}

/** What the union of `groups` admits on protocol/port from the given source groups and address blocks. */
export function admits(
  groups: readonly SecurityGroupFacts[],
  protocol: IpProtocol,
  port: number,
  from: { groups: readonly string[]; blocks: readonly string[] },
): Admission {
  const rules = groups.flatMap((g) => g.ingress).filter((r) => ruleMatches(r, protocol, port));
  const cidrs = [...new Set(rules.flatMap((r) => r.cidrs))];
  const byGroup = from.groups.find((g) => rules.some((r) => r.sourceGroups.includes(g)));
  const byCidr = from.blocks.length > 0 && from.blocks.every((b) => cidrs.some((c) => cidrContains(c, b)));
  return { byGroup, byCidr, cidrs };
}
