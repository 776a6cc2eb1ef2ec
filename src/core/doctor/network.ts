/** IPv4 blocks and security group rules: does a group admit a source on a protocol and port? */
import type { SecurityGroupFacts, SecurityGroupRuleFacts } from './facts';

// ------------------------------------------------------------------ addresses

export function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function cidr4(text: string): { base: number; bits: number } | undefined {
  const [address, bitsText] = text.split('/');
  const base = ipv4(address ?? '');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  return { base, bits };
}

const blockOf = (n: number, bits: number) => (bits === 0 ? 0 : Math.floor(n / 2 ** (32 - bits)));

/** Whether `outer` contains all of `inner` (IPv4; an IPv6 block contains no IPv4 block). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = cidr4(outer);
  const i = cidr4(inner);
  if (!o || !i || o.bits > i.bits) return false;
  return blockOf(o.base, o.bits) === blockOf(i.base, o.bits);
}

export const ipInCidr = (ip: string, block: string): boolean => cidrContains(block, `${ip}/32`);

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
export const isPrivateBlock = (block: string) => PRIVATE.some((p) => cidrContains(p, block));

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
