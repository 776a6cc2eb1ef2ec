/** IPv4 and IPv6 addresses and CIDR blocks, judged by node:net (isIP, BlockList) rather than hand-written parsing. */
import { BlockList, isIP, isIPv4 } from 'node:net';
import { quote } from '../echo';
import { type PathSegment, type Problem, problem } from './problem';
import { parseInteger } from './values';

export type IpFamily = 'ipv4' | 'ipv6';

/** The address family, or undefined when the text is not an address (`2001:db8:::`, `10.0.0`). */
export function ipFamily(value: string): IpFamily | undefined {
  const v = ipVersion(value);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : undefined;
}

export const isIpv4 = (value: string): boolean => ipVersion(value) === 4;
export const isIpv6 = (value: string): boolean => ipVersion(value) === 6;

/**
 * isIP, asked about IPv6 only for text that could be one: hex digits, colons (at least two: the
 * shortest address is `::`) and dots, then nothing or a zone (`%eth0`). node:net's IPv6 pattern
 * is large, and compiling it costs milliseconds on its first use; target specs such as
 * `i-0123…:8080` or `10.0.1.14:9001` never need it.
 */
const MAYBE_IPV6 = /^[\da-fA-F.:]*:[\da-fA-F.:]*:[\da-fA-F.:]*(?:%|$)/;
const ipVersion = (value: string): number => (MAYBE_IPV6.test(value) ? isIP(value) : isIPv4(value) ? 4 : 0);

interface Cidr {
  address: string;
  prefix: number;
  family: IpFamily;
}

/** `10.0.0.0/16` → its parts, or the problem naming what is wrong. `what` names the field (`source IP`). */
function parseCidr(
  value: string,
  what = 'CIDR block',
  path: PathSegment[] = [],
): { ok: true; value: Cidr } | { ok: false; problem: Problem } {
  const bad = (message: string) => ({
    ok: false as const,
    problem: problem('E_FORMAT', `${what} ${quote(value)}: ${message}`, path),
  });
  if (value.length === 0) return bad('must not be empty; write a CIDR block such as 203.0.113.0/24');
  const slash = value.indexOf('/');
  if (slash < 0) {
    const family = ipFamily(value);
    return bad(
      `must be a CIDR block with a prefix length; write ${family === 'ipv4' ? `${value}/32` : family === 'ipv6' ? `${value}/128` : 'e.g. 10.0.0.0/16'}`,
    );
  }
  const address = value.slice(0, slash);
  const family = ipFamily(address);
  if (family === undefined) {
    return bad(`${quote(address)} is not an IPv4 or IPv6 address; write a CIDR block such as 10.0.0.0/16`);
  }
  const max = family === 'ipv4' ? 32 : 128;
  const prefix = parseInteger(value.slice(slash + 1));
  if (prefix === undefined || prefix < 0 || prefix > max) {
    return bad(`the prefix length must be 0-${max} for ${family === 'ipv4' ? 'IPv4' : 'IPv6'}`);
  }
  return { ok: true, value: { address, prefix, family } };
}

export function cidrProblem(value: string, what = 'CIDR block', path: PathSegment[] = []): Problem | undefined {
  const r = parseCidr(value, what, path);
  return r.ok ? undefined : r.problem;
}

/** A set of CIDR blocks that answers "is this address inside?" for either family. */
export class AddressSet {
  private readonly list = new BlockList();
  private empty = true;

  constructor(cidrs: readonly string[] = []) {
    for (const c of cidrs) this.add(c);
  }

  /** Adds a block; text that is not a CIDR block is ignored (AWS never reports one). */
  add(cidr: string): void {
    const r = parseCidr(cidr);
    if (!r.ok) return;
    this.list.addSubnet(r.value.address, r.value.prefix, r.value.family);
    this.empty = false;
  }

  has(address: string): boolean {
    const family = ipFamily(address);
    if (family === undefined || this.empty) return false;
    return this.list.check(address, family);
  }
}

/** Whether an address lies in any of the blocks (`0.0.0.0/0` holds every IPv4 address). */
export function addressIn(address: string, cidrs: readonly string[]): boolean {
  return new AddressSet(cidrs).has(address);
}

/**
 * Whether one block holds all of another (a security group rule for 10.0.0.0/8 covers a
 * subnet 10.0.1.0/24): the block's first and last addresses both lie inside.
 */
export function cidrCovers(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o.ok || !i.ok || o.value.family !== i.value.family || o.value.prefix > i.value.prefix) return false;
  const set = new AddressSet([outer]);
  return set.has(i.value.address) && set.has(lastAddress(i.value));
}

function lastAddress(c: Cidr): string {
  if (c.family === 'ipv4') {
    const n = c.address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    const size = 2 ** (32 - c.prefix);
    const last = Math.floor(n / size) * size + size - 1;
    return [24, 16, 8, 0].map((s) => Math.floor(last / 2 ** s) % 256).join('.');
  }
  const groups = expandIpv6(c.address);
  const bits = groups.flatMap((g) => g.toString(2).padStart(16, '0').split(''));
  for (let b = c.prefix; b < 128; b++) bits[b] = '1';
  const out: string[] = [];
  for (let g = 0; g < 8; g++) out.push(Number.parseInt(bits.slice(g * 16, g * 16 + 16).join(''), 2).toString(16));
  return out.join(':');
}

/** Eight 16-bit groups of a valid IPv6 address (an embedded IPv4 tail included). */
function expandIpv6(address: string): number[] {
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const parts = (v4[1] as string).split('.').map(Number);
    text = `${text.slice(0, v4.index)}${(((parts[0] ?? 0) << 8) | (parts[1] ?? 0)).toString(16)}:${(((parts[2] ?? 0) << 8) | (parts[3] ?? 0)).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const h = head.length > 0 ? head.split(':') : [];
  const t = tail !== undefined && tail.length > 0 ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g, 16));
}

/** Private IPv4 space an IP target outside its VPC may use (RFC 1918 and RFC 6598). */
export const PRIVATE_IPV4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] as const;
