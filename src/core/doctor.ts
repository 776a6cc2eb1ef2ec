/**
 * `elbctl doctor`, pure: from a snapshot of the live state (load balancers, target groups, their
 * health, instances, security groups, subnets), the checks that find the usual reasons targets
 * are unhealthy or get no traffic. Each check passes, warns or fails with a detail, and a failing
 * (or warning) check says how to fix it: a command to run or a concrete change.
 */
import type { Listener, LoadBalancer, LoadBalancerType, Rule, TargetGroup, TargetHealth } from './model';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface Check {
  /** `TG/check`, e.g. `api/traffic-port`; `@LB` is added when a target group serves several load balancers. */
  name: string;
  status: CheckStatus;
  detail: string;
  fix: string | null;
}

export interface SecurityGroupRuleFacts {
  protocol: string;
  fromPort?: number | undefined;
  toPort?: number | undefined;
  cidrs: string[];
  sourceGroups: string[];
}

export interface SecurityGroupFacts {
  id: string;
  ingress: SecurityGroupRuleFacts[];
}

export interface InstanceFacts {
  id: string;
  state: string;
  availabilityZone?: string | undefined;
  subnetId?: string | undefined;
  privateIp?: string | undefined;
  securityGroups: string[];
}

export interface InterfaceFacts {
  privateIps: string[];
  securityGroups: string[];
  availabilityZone?: string | undefined;
  subnetId?: string | undefined;
}

export interface SubnetFacts {
  id: string;
  availabilityZone: string;
  cidr: string;
}

export interface LoadBalancerFacts {
  loadBalancer: LoadBalancer;
  subnets: SubnetFacts[];
  /** The load balancer attribute `load_balancing.cross_zone.enabled` (always on for an ALB). */
  crossZone: boolean;
  listeners: Array<{ listener: Listener; rules: Rule[] }>;
}

export interface TargetGroupFacts {
  targetGroup: TargetGroup;
  attributes: Record<string, string>;
  health: TargetHealth[];
}

export interface DoctorFacts {
  targetGroups: TargetGroupFacts[];
  /** Every load balancer a target group in scope is attached to. */
  loadBalancers: LoadBalancerFacts[];
  instances: InstanceFacts[];
  securityGroups: SecurityGroupFacts[];
  interfaces: InterfaceFacts[];
  /** CIDR blocks per VPC ID. */
  vpcCidrs: Record<string, string[]>;
  /** Load balancers that could forward to a target group no listener uses (same VPC, fitting type). */
  candidates: LoadBalancerFacts[];
}

// ------------------------------------------------------------------ addresses

function ipv4(text: string): number | undefined {
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
const isPrivateBlock = (block: string) => PRIVATE.some((p) => cidrContains(p, block));

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

// ------------------------------------------------------------------ helpers

const targetLabel = (t: { id: string; port?: number | undefined }) =>
  t.port === undefined ? t.id : `${t.id}:${t.port}`;
const list = (items: readonly string[]) => items.join(', ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function lbTypeOf(tg: TargetGroup, lbs: readonly LoadBalancerFacts[]): LoadBalancerType {
  const attached = lbs.find((l) => tg.loadBalancers.includes(l.loadBalancer.arn));
  if (attached) return attached.loadBalancer.type;
  if (tg.protocol === 'GENEVE') return 'gateway';
  return tg.protocol === 'HTTP' || tg.protocol === 'HTTPS' || tg.targetType === 'lambda' ? 'application' : 'network';
}

const withArticle = (type: LoadBalancerType) => `${type === 'application' ? 'an' : 'a'} ${type}`;
const isInstanceId = (id: string) => /^i-[0-9a-f]+$/.test(id);
const isIpTarget = (tg: TargetGroup) => tg.targetType === 'ip';
const trafficPort = (tg: TargetGroup, t: { port?: number | undefined }) => t.port ?? tg.port;

function healthCheckPort(tg: TargetGroup, t: { port?: number | undefined }): number | undefined {
  const p = tg.healthCheck.port;
  if (p === undefined || p === 'traffic-port') return trafficPort(tg, t);
  const n = Number(p);
  return Number.isInteger(n) ? n : undefined;
}

function trafficProtocols(tg: TargetGroup): IpProtocol[] {
  if (tg.protocol === 'UDP' || tg.protocol === 'GENEVE') return ['udp'];
  if (tg.protocol === 'TCP_UDP') return ['tcp', 'udp'];
  return ['tcp'];
}

function modifyTargetGroup(tg: TargetGroup, flags: string[]): string {
  return `aws elbv2 modify-target-group --target-group-arn ${tg.arn} ${flags.join(' ')}`;
}

// ------------------------------------------------------------------ the checks

interface Context {
  facts: DoctorFacts;
  tgf: TargetGroupFacts;
  name: (id: string, lb?: LoadBalancerFacts) => string;
}

function instanceOf(facts: DoctorFacts, id: string): InstanceFacts | undefined {
  return facts.instances.find((i) => i.id === id);
}

function interfaceOf(facts: DoctorFacts, ip: string): InterfaceFacts | undefined {
  return facts.interfaces.find((n) => n.privateIps.includes(ip));
}

/** The security groups, zone and subnet of one target, as far as they can be seen. */
interface TargetPlace {
  target: TargetHealth;
  securityGroups?: string[] | undefined;
  zone?: string | undefined;
  subnetId?: string | undefined;
}

function placeOf(facts: DoctorFacts, tg: TargetGroup, t: TargetHealth): TargetPlace {
  if (tg.targetType === 'instance') {
    const i = instanceOf(facts, t.id);
    return { target: t, securityGroups: i?.securityGroups, zone: i?.availabilityZone, subnetId: i?.subnetId };
  }
  if (isIpTarget(tg)) {
    const n = interfaceOf(facts, t.id);
    return {
      target: t,
      securityGroups: n?.securityGroups,
      zone: t.availabilityZone ?? n?.availabilityZone,
      subnetId: n?.subnetId,
    };
  }
  return { target: t };
}

/** Security groups: the targets admit the load balancer on the traffic port and the health-check port. */
function securityGroupChecks(ctx: Context, lbf: LoadBalancerFacts): Check[] {
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
function zoneCheck(ctx: Context, lbf: LoadBalancerFacts): Check {
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
function crossZoneCheck(ctx: Context, lbf: LoadBalancerFacts): Check {
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
function instanceCheck(ctx: Context): Check {
  const tg = ctx.tgf.targetGroup;
  const bad: string[] = [];
  const starting: string[] = [];
  const start: string[] = [];
  const gone: string[] = [];
  for (const t of ctx.tgf.health) {
    const i = instanceOf(ctx.facts, t.id);
    if (!i) {
      bad.push(`${t.id} does not exist`);
      gone.push(t.id);
    } else if (i.state === 'pending') starting.push(t.id);
    else if (i.state === 'stopped' || i.state === 'stopping') {
      bad.push(`${t.id} is ${i.state}`);
      start.push(t.id);
    } else if (i.state !== 'running') {
      bad.push(`${t.id} is ${i.state}`);
      gone.push(t.id);
    }
  }
  const name = ctx.name('instance-state');
  if (bad.length > 0) {
    const fixes = [
      ...(start.length > 0 ? [`aws ec2 start-instances --instance-ids ${start.join(' ')}`] : []),
      ...(gone.length > 0 ? [`elbctl targets deregister ${tg.name} ${gone.join(' ')}`] : []),
    ];
    return { name, status: 'fail', detail: `${list(bad)}: a target must be a running instance`, fix: fixes.join('\n') };
  }
  if (starting.length > 0)
    return { name, status: 'warn', detail: `${list(starting)} still starting (pending)`, fix: null };
  return {
    name,
    status: 'pass',
    detail: `every instance target is running (${plural(ctx.tgf.health.length, 'instance')})`,
    fix: null,
  };
}

/** IP targets: inside the VPC, or registered with zone `all`. */
function ipCheck(ctx: Context): Check {
  const tg = ctx.tgf.targetGroup;
  const blocks = ctx.facts.vpcCidrs[tg.vpcId ?? ''] ?? [];
  const wrong: TargetHealth[] = [];
  for (const t of ctx.tgf.health) {
    if (ipv4(t.id) === undefined) continue;
    const inside = blocks.some((b) => ipInCidr(t.id, b));
    if (!inside && t.availabilityZone !== 'all') wrong.push(t);
  }
  const name = ctx.name('ip-in-vpc');
  if (wrong.length === 0) {
    return {
      name,
      status: 'pass',
      detail: `every IP target is inside ${tg.vpcId ?? 'the VPC'} (${list(blocks)}) or registered with zone all`,
      fix: null,
    };
  }
  const labels = wrong.map(targetLabel);
  return {
    name,
    status: 'fail',
    detail: `${list(labels)} ${wrong.length === 1 ? 'is' : 'are'} outside ${tg.vpcId} (${list(blocks)}) but not registered with zone all`,
    fix: `elbctl targets deregister ${tg.name} ${labels.join(' ')} && elbctl targets register ${tg.name} ${labels.map((l) => `${l}@all`).join(' ')}`,
  };
}

const RANGE = /^(\d{1,3})(?:-(\d{1,3}))?$/;

/** The codes a matcher admits, or undefined when it is malformed. */
function matcherCodes(matcher: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const part of matcher.split(',')) {
    const m = RANGE.exec(part.trim());
    if (!m) return undefined;
    const low = Number(m[1]);
    const high = m[2] === undefined ? low : Number(m[2]);
    if (high < low) return undefined;
    out.push([low, high]);
  }
  return out;
}

/** Health check: consistent with the target group, and the codes the targets answer fit the matcher. */
function healthCheckCheck(ctx: Context, type: LoadBalancerType): Check {
  const tg = ctx.tgf.targetGroup;
  const hc = tg.healthCheck;
  const name = ctx.name('health-check');
  if (!hc.enabled) {
    if (tg.targetType === 'lambda')
      return { name, status: 'pass', detail: 'health checks are off (allowed for lambda targets)', fix: null };
    return {
      name,
      status: 'fail',
      detail: 'health checks are off, which only lambda target groups allow',
      fix: modifyTargetGroup(tg, ['--health-check-enabled']),
    };
  }
  const problems: string[] = [];
  const warnings: string[] = [];
  const flags: string[] = [];
  const protocol = hc.protocol ?? tg.protocol ?? (tg.targetType === 'lambda' ? 'HTTP' : 'TCP');
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  const allowed = type === 'application' ? ['HTTP', 'HTTPS'] : ['TCP', 'HTTP', 'HTTPS'];
  if (!allowed.includes(protocol)) {
    problems.push(
      `protocol ${protocol} cannot health-check ${withArticle(type)} load balancer's targets (use ${allowed.join(' or ')})`,
    );
    flags.push(`--health-check-protocol ${allowed[0]}`);
  } else if (protocol === 'HTTPS' && tg.protocol === 'HTTP') {
    warnings.push(
      'health checks use HTTPS while the targets serve HTTP: they must also answer TLS on the health-check port',
    );
  }
  if (hc.port !== undefined && hc.port !== 'traffic-port') {
    const n = Number(hc.port);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      problems.push(`port "${hc.port}" is not traffic-port or a port from 1 to 65535`);
      flags.push('--health-check-port traffic-port');
    }
  }
  if (http) {
    if (!hc.path?.startsWith('/')) {
      problems.push(`path "${hc.path ?? ''}" must start with /`);
      flags.push('--health-check-path /');
    }
    if (hc.matcher !== undefined) {
      const codes = matcherCodes(hc.matcher);
      const grpc = codes?.every(([, high]) => high <= 99);
      const [low, high] = type === 'application' ? [200, 499] : [200, 599];
      if (!codes || (!grpc && codes.some(([a, b]) => a < low || b > high))) {
        problems.push(`matcher "${hc.matcher}" must be HTTP codes from ${low} to ${high} (e.g. 200 or 200-299)`);
        flags.push('--matcher HttpCode=200-299');
      }
    }
  }
  if (hc.timeoutSeconds !== undefined && hc.intervalSeconds !== undefined && hc.timeoutSeconds >= hc.intervalSeconds) {
    problems.push(`timeout ${hc.timeoutSeconds} s is not shorter than the interval ${hc.intervalSeconds} s`);
    flags.push(`--health-check-timeout-seconds ${Math.max(2, Math.min(hc.intervalSeconds - 1, 5))}`);
  }
  for (const [what, value, flag] of [
    ['healthy threshold', hc.healthyThreshold, '--healthy-threshold-count'],
    ['unhealthy threshold', hc.unhealthyThreshold, '--unhealthy-threshold-count'],
  ] as const) {
    if (value !== undefined && (value < 2 || value > 10)) {
      problems.push(`${what} ${value} is outside 2-10`);
      flags.push(`${flag} ${Math.min(10, Math.max(2, value))}`);
    }
  }
  // What the targets actually answer: "Health checks failed with these codes: [302]".
  const answered = new Set<string>();
  for (const t of ctx.tgf.health) {
    if (t.reason !== 'Target.ResponseCodeMismatch') continue;
    const m = /\[([^\]]*)\]/.exec(t.description ?? '');
    for (const code of (m?.[1] ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean))
      answered.add(code);
  }
  if (answered.size > 0) {
    const codes = [...answered].sort();
    problems.push(`targets answer ${list(codes)} at ${hc.path ?? '/'}, outside the matcher ${hc.matcher ?? '200'}`);
    const redirects = codes.every((c) => c.startsWith('3'));
    flags.push(redirects ? '--matcher HttpCode=200-399' : '--health-check-path /<a path that answers 200>');
  }
  const summary = http
    ? `${protocol} ${hc.path ?? '/'} on ${hc.port ?? 'traffic-port'}, matcher ${hc.matcher ?? '200'}, every ${hc.intervalSeconds ?? 30} s (timeout ${hc.timeoutSeconds ?? '-'} s)`
    : `${protocol} on ${hc.port ?? 'traffic-port'}, every ${hc.intervalSeconds ?? 30} s (timeout ${hc.timeoutSeconds ?? '-'} s)`;
  if (problems.length > 0) {
    return {
      name,
      status: 'fail',
      detail: `${summary}: ${problems.join('; ')}`,
      fix: modifyTargetGroup(tg, [...new Set(flags)]),
    };
  }
  if (warnings.length > 0) return { name, status: 'warn', detail: `${summary}: ${warnings.join('; ')}`, fix: null };
  return { name, status: 'pass', detail: summary, fix: null };
}

/** Where a target group is used: `web:443 default action`, `web:443 rule 10 (weight 0)`. */
function usagesOf(
  tg: TargetGroup,
  lbs: readonly LoadBalancerFacts[],
): Array<{ where: string; weight?: number | undefined }> {
  const out: Array<{ where: string; weight?: number | undefined }> = [];
  for (const lbf of lbs) {
    for (const { listener, rules } of lbf.listeners) {
      const at = `${lbf.loadBalancer.name}:${listener.port}`;
      const scan = (actions: Listener['defaultActions'], where: string) => {
        for (const a of actions) {
          if (a.type !== 'forward') continue;
          const hit = a.targetGroups.find((g) => g.targetGroupArn === tg.arn);
          if (hit) out.push({ where, weight: a.targetGroups.length > 1 ? hit.weight : undefined });
        }
      };
      scan(listener.defaultActions, `${at} default action`);
      for (const r of rules) if (!r.isDefault) scan(r.actions, `${at} rule ${r.priority}`);
    }
  }
  return out;
}

/** In use: a listener or rule forwards to the target group (otherwise Target.NotInUse). */
function inUseCheck(ctx: Context, type: LoadBalancerType): Check {
  const tg = ctx.tgf.targetGroup;
  const name = ctx.name('in-use');
  const usages = usagesOf(tg, ctx.facts.loadBalancers);
  if (usages.length > 0) {
    const labelled = usages.map((u) => (u.weight === undefined ? u.where : `${u.where} (weight ${u.weight})`));
    if (usages.every((u) => u.weight === 0)) {
      return {
        name,
        status: 'warn',
        detail: `forwarded to with weight 0 only: ${list(labelled)}; it receives no traffic`,
        fix: null,
      };
    }
    return { name, status: 'pass', detail: `forwarded to by ${list(labelled)}`, fix: null };
  }
  const candidate = ctx.facts.candidates[0];
  const could = ctx.facts.candidates.flatMap((c) =>
    c.listeners.length > 0
      ? c.listeners.map((l) => `${c.loadBalancer.name}:${l.listener.port} (${l.listener.protocol})`)
      : [`${c.loadBalancer.name} (no listeners yet)`],
  );
  let fix: string;
  if (!candidate) {
    const protocol = type === 'application' ? 'HTTP' : (tg.protocol ?? 'TCP');
    fix = `create ${withArticle(type)} load balancer in ${tg.vpcId ?? 'its VPC'}, then: elbctl listener create LB --protocol ${protocol} --port ${tg.port ?? 80} --forward ${tg.name}`;
  } else if (candidate.loadBalancer.type === 'application') {
    const web = candidate.listeners.find((l) => l.listener.protocol === 'HTTPS') ?? candidate.listeners[0];
    fix = web
      ? `elbctl rule add ${candidate.loadBalancer.name}:${web.listener.port} --path '/${tg.name}/*' --forward ${tg.name}`
      : `elbctl listener create ${candidate.loadBalancer.name} --protocol HTTP --port 80 --forward ${tg.name}`;
  } else {
    const taken = new Set(candidate.listeners.map((l) => l.listener.port));
    let port = tg.port ?? 443;
    while (taken.has(port) && port < 65535) port++;
    fix = `elbctl listener create ${candidate.loadBalancer.name} --protocol ${tg.protocol === 'UDP' ? 'UDP' : 'TCP'} --port ${port} --forward ${tg.name}`;
  }
  return {
    name,
    status: 'fail',
    detail: `no listener or rule forwards to ${tg.name}, so its targets get no traffic and no health checks (Target.NotInUse)${could.length > 0 ? `; it could be used by ${list(could)}` : ''}`,
    fix,
  };
}

const PROBLEM_STATES = new Set(['unhealthy', 'unused', 'unhealthy.draining']);
const WAIT_STATES = new Set(['initial', 'draining', 'unavailable']);

/** Which other check explains a health reason, when that check failed. */
const REASON_CHECKS: Record<string, string[]> = {
  'Target.Timeout': ['traffic-port', 'health-check-port', 'health-check'],
  'Target.FailedHealthChecks': ['traffic-port', 'health-check-port', 'health-check'],
  'Target.ResponseCodeMismatch': ['health-check'],
  'Target.NotInUse': ['in-use', 'zones'],
  'Target.InvalidState': ['instance-state'],
  'Target.IpUnusable': ['ip-in-vpc'],
};

/** Target health: the symptom. Its fix points at the failing checks that explain it, or at a probe of the app. */
function targetHealthCheck(ctx: Context, others: readonly Check[], facts: DoctorFacts): Check {
  const tg = ctx.tgf.targetGroup;
  const name = ctx.name('target-health');
  const health = ctx.tgf.health;
  if (health.length === 0) {
    return {
      name,
      status: 'fail',
      detail: 'no targets registered',
      fix: `elbctl targets register ${tg.name} ID[:PORT] ..`,
    };
  }
  const bad = health.filter((t) => PROBLEM_STATES.has(t.state));
  const waiting = health.filter((t) => WAIT_STATES.has(t.state));
  const describe = (t: TargetHealth) => `${targetLabel(t)} ${t.state}${t.reason ? ` (${t.reason})` : ''}`;
  if (bad.length === 0 && waiting.length === 0) {
    return { name, status: 'pass', detail: `all ${plural(health.length, 'target')} healthy`, fix: null };
  }
  if (bad.length === 0) {
    return {
      name,
      status: 'warn',
      detail: `${list(waiting.map(describe))}; ${health.length - waiting.length} of ${health.length} healthy`,
      fix: null,
    };
  }
  const failing = others.filter((c) => c.status === 'fail').map((c) => c.name);
  const related = new Set(bad.flatMap((t) => REASON_CHECKS[t.reason ?? ''] ?? []));
  const explaining = failing.filter((n) => related.has(n.split('/')[1]?.split('@')[0] ?? ''));
  let fix: string;
  if (explaining.length > 0) fix = `fix ${list(explaining)} (below)`;
  else if (failing.length > 0) fix = `fix ${list(failing)} (below), then check again`;
  else {
    const t = bad[0] as TargetHealth;
    const ip = tg.targetType === 'instance' ? facts.instances.find((i) => i.id === t.id)?.privateIp : t.id;
    const port = healthCheckPort(tg, t) ?? tg.port;
    const protocol = tg.healthCheck.protocol ?? tg.protocol;
    const probe =
      protocol === 'HTTP' || protocol === 'HTTPS'
        ? `curl -sS -m 5 -o /dev/null -w '%{http_code}\\n' ${protocol.toLowerCase()}://${ip ?? 'TARGET-IP'}:${port}${tg.healthCheck.path ?? '/'}`
        : `nc -zv -w 5 ${ip ?? 'TARGET-IP'} ${port}`;
    fix = `no configuration cause found: check that the application answers the health check, from an instance in the VPC: ${probe}`;
  }
  return {
    name,
    status: 'fail',
    detail: `${bad.length} of ${plural(health.length, 'target')} not healthy: ${list(bad.map(describe))}`,
    fix,
  };
}

// ------------------------------------------------------------------ diagnose

/** Every check for every target group in scope, in a stable order: the symptom first, then the causes. */
export function diagnose(facts: DoctorFacts): Check[] {
  const checks: Check[] = [];
  for (const tgf of facts.targetGroups) {
    const tg = tgf.targetGroup;
    const attached = facts.loadBalancers.filter((l) => tg.loadBalancers.includes(l.loadBalancer.arn));
    const ctx: Context = {
      facts,
      tgf,
      name: (id, lbf) => `${tg.name}/${id}${lbf && attached.length > 1 ? `@${lbf.loadBalancer.name}` : ''}`,
    };
    const type = lbTypeOf(tg, facts.loadBalancers);
    const causes: Check[] = [inUseCheck(ctx, type), healthCheckCheck(ctx, type)];
    const networked = tg.targetType === 'instance' || tg.targetType === 'ip';
    if (tg.targetType === 'instance' && tgf.health.some((t) => isInstanceId(t.id))) causes.push(instanceCheck(ctx));
    if (isIpTarget(tg) && tgf.health.length > 0) causes.push(ipCheck(ctx));
    if (networked && tgf.health.length > 0) {
      for (const lbf of attached) {
        causes.push(...securityGroupChecks(ctx, lbf), zoneCheck(ctx, lbf));
        if (lbf.loadBalancer.type !== 'gateway') causes.push(crossZoneCheck(ctx, lbf));
      }
    }
    checks.push(targetHealthCheck(ctx, causes, facts), ...causes);
  }
  return checks;
}

export interface CheckSummary {
  pass: number;
  warn: number;
  fail: number;
}

export function summarizeChecks(checks: readonly Check[]): CheckSummary {
  return {
    pass: checks.filter((c) => c.status === 'pass').length,
    warn: checks.filter((c) => c.status === 'warn').length,
    fail: checks.filter((c) => c.status === 'fail').length,
  };
}
