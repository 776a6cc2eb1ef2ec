/** Targets: `ID[:PORT][@ZONE]` specs, whether they fit their target group, and whether AWS would take them (instances that exist, IPs in the VPC or `@all`). */
import { quote } from '../echo';
import type { Target, TargetType } from '../model';
import { AddressSet, PRIVATE_IPV4, ipFamily, isIpv4, isIpv6 } from './addresses';
import { type PathSegment, type Problem, problem } from './problem';
import { parseInteger, portProblem } from './values';

/*
 * An ID is an instance ID, an IPv4 or IPv6 address (IPv6 in brackets when a port follows), a
 * lambda function ARN or an application load balancer ARN. Syntax is checked before any AWS
 * call; whether the targets fit the target group's type once the target group is known.
 */

type TargetKind = TargetType;

export interface TargetSpec {
  /** As the user wrote it, for messages. */
  raw: string;
  kind: TargetKind;
  id: string;
  port?: number | undefined;
  availabilityZone?: string | undefined;
}

/** How many targets one RegisterTargets/DeregisterTargets call carries at most. */
export const MAX_TARGETS_PER_CALL = 1000;

const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;
const ALB_ARN =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/;
const OTHER_LB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/(net|gwy)\//;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;
/** us-east-1a, local zones (us-west-2-lax-1a), wavelength zones (us-east-1-wl1-bos-wlz-1). */
const ZONE = /^[a-z]{2}(-gov)?-[a-z]+-\d+([a-z]|(-[a-z0-9]+)+-\d+[a-z]?)$/;

const EXAMPLES = 'i-0123456789abcdef0, 10.0.1.5:8080, [2001:db8::1]:80 or arn:aws:lambda:REGION:ACCOUNT:function:NAME';

export interface ParseTargetOptions {
  /** `targets register` takes @ZONE; `targets deregister` does not. */
  allowZone: boolean;
}

function zoneProblem(raw: string, zone: string): string | undefined {
  if (zone === 'all') return undefined;
  if (REGION.test(zone))
    return `target ${quote(raw)}: ${quote(zone)} is a region, not a zone; name a zone such as ${zone}a, or all`;
  if (!ZONE.test(zone))
    return `target ${quote(raw)}: zone ${quote(zone)} is not an availability zone name; use e.g. us-east-1a, or all`;
  return undefined;
}

function portOf(raw: string, text: string): number | string {
  const value = parseInteger(text);
  if (value === undefined || portProblem(value) !== undefined) {
    return `target ${quote(raw)}: port ${quote(text)} must be a whole number from 1 to 65535`;
  }
  return value;
}

/** One spec → a TargetSpec, or the problem naming what is wrong and how to write it. */
export function parseTargetSpec(
  raw: string,
  options: ParseTargetOptions,
  path: PathSegment[] = [],
): TargetSpec | Problem {
  const parsed = parseOne(raw, options);
  return typeof parsed === 'string' ? problem('E_TARGET', parsed, path) : parsed;
}

function parseOne(raw: string, options: ParseTargetOptions): TargetSpec | string {
  const spec = raw.trim();
  if (spec.length === 0) return `target "": empty; write an ID such as ${EXAMPLES}`;

  // ARNs contain no '@', so the last '@' separates a zone.
  const at = spec.lastIndexOf('@');
  const body = at < 0 ? spec : spec.slice(0, at);
  const zone = at < 0 ? undefined : spec.slice(at + 1);
  if (zone !== undefined) {
    if (!options.allowZone) return `target ${quote(raw)}: deregister takes ID[:PORT]; drop ${quote(`@${zone}`)}`;
    if (zone.length === 0)
      return `target ${quote(raw)}: the zone after "@" is missing; write e.g. @us-east-1a, or drop the "@"`;
    const p = zoneProblem(raw, zone);
    if (p) return p;
  }
  const withZone = (t: Omit<TargetSpec, 'raw' | 'availabilityZone'>): TargetSpec => ({
    raw,
    ...t,
    ...(zone !== undefined ? { availabilityZone: zone } : {}),
  });

  if (body.startsWith('arn:')) {
    if (LAMBDA_ARN.test(body)) {
      if (zone !== undefined) return `target ${quote(raw)}: a lambda function takes no zone; drop ${quote(`@${zone}`)}`;
      return withZone({ kind: 'lambda', id: body });
    }
    // An ALB ARN has six colon-separated parts; a seventh, numeric one is a port.
    const parts = body.split(':');
    const albArn = parts.length === 7 ? parts.slice(0, 6).join(':') : body;
    const albPort = parts.length === 7 ? parts[6] : undefined;
    if (ALB_ARN.test(albArn)) {
      if (zone !== undefined)
        return `target ${quote(raw)}: an application load balancer target takes no zone; drop ${quote(`@${zone}`)}`;
      if (albPort === undefined) return withZone({ kind: 'alb', id: albArn });
      const p = portOf(raw, albPort);
      return typeof p === 'string' ? p : withZone({ kind: 'alb', id: albArn, port: p });
    }
    if (OTHER_LB_ARN.test(albArn)) {
      return `target ${quote(raw)}: only an application load balancer can be a target; register an ALB ARN (…:loadbalancer/app/NAME/ID)`;
    }
    if (/^arn:[^:]*:lambda:/.test(body)) {
      return `target ${quote(raw)}: not a lambda function ARN; write arn:aws:lambda:REGION:ACCOUNT:function:NAME (no port, no zone)`;
    }
    return `target ${quote(raw)}: not a lambda function ARN or an application load balancer ARN; use e.g. ${EXAMPLES}`;
  }

  let id: string;
  let portText: string | undefined;
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    if (close < 0)
      return `target ${quote(raw)}: the "[" is not closed; write an IPv6 address with a port as [2001:db8::1]:80`;
    id = body.slice(1, close);
    const rest = body.slice(close + 1);
    if (!isIpv6(id))
      return `target ${quote(raw)}: ${quote(id)} is not an IPv6 address; brackets are only for IPv6, e.g. [2001:db8::1]:80`;
    if (rest.length > 0) {
      if (!rest.startsWith(':') || rest.length === 1)
        return `target ${quote(raw)}: write the port after the brackets as [${id}]:PORT`;
      portText = rest.slice(1);
    }
  } else if (isIpv6(body)) {
    // A bare IPv6 address takes no port: "2001:db8::1:80" is itself an address.
    id = body;
  } else {
    const colon = body.indexOf(':');
    id = colon < 0 ? body : body.slice(0, colon);
    portText = colon < 0 ? undefined : body.slice(colon + 1);
    if (portText?.includes(':')) {
      return `target ${quote(raw)}: not a target; write ID[:PORT][@ZONE], e.g. ${EXAMPLES}`;
    }
  }

  let kind: TargetKind;
  if (INSTANCE_ID.test(id)) kind = 'instance';
  else if (isIpv4(id) || isIpv6(id)) kind = 'ip';
  else if (/^i-/i.test(id)) {
    return `target ${quote(raw)}: ${quote(id)} is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0`;
  } else if (/^\d+(\.\d+){3}$/.test(id)) {
    return `target ${quote(raw)}: ${quote(id)} is not an IPv4 address (each part is 0-255); correct the address`;
  } else {
    return `target ${quote(raw)}: not an instance ID, IP address, lambda function ARN or application load balancer ARN; use e.g. ${EXAMPLES}`;
  }

  if (portText !== undefined && portText.length === 0)
    return `target ${quote(raw)}: the port after ":" is missing; write e.g. ${id}:80`;
  let port: number | undefined;
  if (portText !== undefined) {
    const p = portOf(raw, portText);
    if (typeof p === 'string') return p;
    port = p;
  }
  if (zone !== undefined && kind === 'instance') {
    return `target ${quote(raw)}: an instance target takes no zone (AWS uses the instance's own); drop ${quote(`@${zone}`)}`;
  }
  return withZone({ kind, id, ...(port !== undefined ? { port } : {}) });
}

const key = (id: string, port: number | undefined) => `${id}|${port ?? ''}`;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Every spec, or every problem (including exact duplicates). */
export function parseTargetSpecs(raws: readonly string[], options: ParseTargetOptions): Parsed<TargetSpec[]> {
  const problems: Problem[] = [];
  const specs: TargetSpec[] = [];
  if (raws.length === 0)
    problems.push(problem('E_REQUIRED', `targets: none given; name at least one, e.g. ${EXAMPLES}`));
  const seen = new Set<string>();
  for (const raw of raws) {
    const parsed = parseTargetSpec(raw, options);
    if (!('kind' in parsed)) {
      problems.push(parsed);
      continue;
    }
    const k = key(parsed.id, parsed.port);
    if (seen.has(k)) {
      problems.push(problem('E_DUPLICATE', `target ${quote(raw)}: listed twice; list each target once`));
      continue;
    }
    seen.add(k);
    specs.push(parsed);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: specs };
}

export interface TargetGroupShape {
  name: string;
  targetType: TargetType;
  port?: number | undefined;
  /** ipv4 (the default) or ipv6: which family its IP targets must be. */
  ipAddressType?: string | undefined;
}

const TAKES: Record<TargetType, string> = {
  instance: 'instance IDs such as i-0123456789abcdef0',
  ip: 'IP addresses such as 10.0.1.5',
  lambda: 'one lambda function ARN',
  alb: 'an application load balancer ARN',
};

const KIND_LABEL: Record<TargetKind, string> = {
  instance: 'an instance',
  ip: 'an IP address',
  lambda: 'a lambda function',
  alb: 'an application load balancer',
};

/**
 * Whether the targets fit the target group: the right kind for its target type, `@all` only
 * for IP targets, one lambda function at most, no target twice once the group's port applies.
 */
export function targetsFitGroup(
  specs: readonly TargetSpec[],
  group: TargetGroupShape,
  path: (index: number) => PathSegment[] = () => [],
): Problem[] {
  const problems: Problem[] = [];
  specs.forEach((s, i) => {
    if (s.kind !== group.targetType) {
      problems.push(
        problem(
          'E_TARGET',
          `target ${quote(s.raw)}: is ${KIND_LABEL[s.kind]}, but target group ${quote(group.name)} (target type ${group.targetType}) takes ${TAKES[group.targetType]}; register matching targets or use a target group of type ${s.kind}`,
          path(i),
        ),
      );
    }
  });
  if (problems.length > 0) return problems;
  if (group.targetType === 'lambda' && specs.length > 1) {
    problems.push(
      problem(
        'E_TARGET',
        `targets: ${specs.length} lambda functions given, but a lambda target group takes exactly one; register one function`,
      ),
    );
  }
  if (group.targetType === 'alb' && specs.length > 1) {
    problems.push(
      problem(
        'E_TARGET',
        `targets: ${specs.length} load balancers given, but an alb target group takes exactly one; register one application load balancer`,
      ),
    );
  }
  const seen = new Map<string, TargetSpec>();
  specs.forEach((s, i) => {
    const k = key(s.id, s.port ?? group.port);
    const first = seen.get(k);
    if (first) {
      problems.push(
        problem(
          'E_DUPLICATE',
          `target ${quote(s.raw)}: the same target as ${quote(first.raw)} (target group ${quote(group.name)} uses port ${group.port ?? '-'} by default); list each target once`,
          path(i),
        ),
      );
    } else seen.set(k, s);
  });
  const v6 = specs.filter((s) => s.kind === 'ip' && ipFamily(s.id) === 'ipv6');
  if ((group.ipAddressType ?? 'ipv4') === 'ipv4') {
    for (const s of v6) {
      problems.push(
        problem(
          'E_TARGET',
          `target ${quote(s.raw)}: an IPv6 address, but target group ${quote(group.name)} takes IPv4 targets; register IPv4 addresses or use an IPv6 target group`,
          path(specs.indexOf(s)),
        ),
      );
    }
  }
  return problems;
}

// ------------------------------------------------------------------ against the account

/** An instance as EC2 reports it (src/aws fills these in). */
export interface InstanceFact {
  id: string;
  state: string;
  vpcId?: string | undefined;
}

export interface TargetPlacement {
  name: string;
  targetType: TargetType;
  vpcId?: string | undefined;
  /** The target group's load balancer type, when known: behind an application one, IPs outside the VPC need `@all`. */
  behindApplication: boolean;
}

/**
 * What AWS would refuse about targets that parse and fit: instances that do not exist (every
 * one named), are terminated or sit in another VPC; IP addresses outside the VPC that are
 * public, or lack a zone (`@all` behind an application load balancer).
 */
export function targetPlacementProblems(
  specs: readonly TargetSpec[],
  group: TargetPlacement,
  facts: { instances: readonly InstanceFact[]; vpcCidrs: readonly string[] },
  path: (index: number) => PathSegment[] = () => [],
): Problem[] {
  const problems: Problem[] = [];
  const label = `target group ${quote(group.name)}`;
  const byId = new Map(facts.instances.map((i) => [i.id, i]));
  const instances = specs.filter((s) => s.kind === 'instance');
  const missing = [...new Set(instances.filter((s) => !byId.has(s.id)).map((s) => s.id))];
  if (missing.length > 0) {
    problems.push(
      problem(
        'E_MISSING_REFERENCE',
        `instance${missing.length > 1 ? 's' : ''} ${missing.map(quote).join(', ')}: ${missing.length > 1 ? 'do' : 'does'} not exist in this account and region; check the IDs (\`aws ec2 describe-instances\`)`,
        path(specs.indexOf(instances.find((s) => s.id === missing[0]) as TargetSpec)),
      ),
    );
  }
  specs.forEach((s, i) => {
    if (s.kind !== 'instance') return;
    const found = byId.get(s.id);
    if (found === undefined) return;
    if (found.state === 'terminated' || found.state === 'shutting-down') {
      problems.push(
        problem(
          'E_TARGET',
          `target ${quote(s.raw)}: the instance is ${found.state}; register a running instance`,
          path(i),
        ),
      );
    } else if (group.vpcId !== undefined && found.vpcId !== undefined && found.vpcId !== group.vpcId) {
      problems.push(
        problem(
          'E_TARGET',
          `target ${quote(s.raw)}: the instance is in ${found.vpcId}, but ${label} is in ${group.vpcId}; register instances of that VPC`,
          path(i),
        ),
      );
    }
  });
  const vpc = new AddressSet(facts.vpcCidrs);
  const privateSpace = new AddressSet([...PRIVATE_IPV4]);
  specs.forEach((s, i) => {
    if (s.kind !== 'ip' || facts.vpcCidrs.length === 0 || vpc.has(s.id)) return;
    if (isIpv4(s.id) && !privateSpace.has(s.id)) {
      problems.push(
        problem(
          'E_TARGET',
          `target ${quote(s.raw)}: outside ${group.vpcId ?? 'the VPC'} and publicly routable; an IP target outside the VPC must be a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)`,
          path(i),
        ),
      );
      return;
    }
    if (group.behindApplication && s.availabilityZone !== 'all') {
      problems.push(
        problem(
          'E_TARGET',
          `target ${quote(s.raw)}: outside ${group.vpcId ?? 'the VPC'} (${facts.vpcCidrs.join(', ')}); behind an application load balancer an address outside the VPC needs @all, e.g. ${s.id}@all`,
          path(i),
        ),
      );
    } else if (!group.behindApplication && s.availabilityZone === undefined) {
      problems.push(
        problem(
          'E_TARGET',
          `target ${quote(s.raw)}: outside ${group.vpcId ?? 'the VPC'} (${facts.vpcCidrs.join(', ')}); an address outside the VPC needs its zone, e.g. ${s.id}@us-east-1a`,
          path(i),
        ),
      );
    }
  });
  return problems;
}

/** Splits targets into API-sized calls. */
export function targetBatches<T>(targets: readonly T[], size = MAX_TARGETS_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < targets.length; i += size) out.push(targets.slice(i, i + size));
  return out;
}

export function toTarget(s: TargetSpec): Target {
  return {
    id: s.id,
    ...(s.port !== undefined ? { port: s.port } : {}),
    ...(s.availabilityZone !== undefined ? { availabilityZone: s.availabilityZone } : {}),
  };
}

/** `i-0abc:80`, `[2001:db8::1]:80`, a lambda ARN: how a target is named in messages and tables. */
export function targetLabel(t: { id: string; port?: number | null | undefined }): string {
  if (t.port === undefined || t.port === null) return t.id;
  return isIpv6(t.id) ? `[${t.id}]:${t.port}` : `${t.id}:${t.port}`;
}
