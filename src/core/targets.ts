/**
 * Target specs as users write them: `ID[:PORT][@ZONE]`. An ID is an instance ID, an IPv4 or
 * IPv6 address (IPv6 in brackets when a port follows), a lambda function ARN or an application
 * load balancer ARN. Syntax is checked before any AWS call; whether the targets fit the target
 * group's type is checked once the target group is known.
 */
import type { Target, TargetType } from './model';
import { isIpv4, isIpv6, parseInteger, port as checkPort } from './validate';

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
    return `target "${raw}": "${zone}" is a region, not a zone; name a zone such as ${zone}a, or all`;
  if (!ZONE.test(zone))
    return `target "${raw}": zone "${zone}" is not an availability zone name; use e.g. us-east-1a, or all`;
  return undefined;
}

function portOf(raw: string, text: string): number | string {
  const value = parseInteger(text);
  if (value === undefined || checkPort(value) !== undefined) {
    return `target "${raw}": port "${text}" must be a whole number from 1 to 65535`;
  }
  return value;
}

/** One spec → a TargetSpec, or the message naming what is wrong and how to write it. */
export function parseTargetSpec(raw: string, options: ParseTargetOptions): TargetSpec | string {
  const spec = raw.trim();
  if (spec.length === 0) return `target "": empty; write an ID such as ${EXAMPLES}`;

  // ARNs contain no '@', so the last '@' separates a zone.
  const at = spec.lastIndexOf('@');
  const body = at < 0 ? spec : spec.slice(0, at);
  const zone = at < 0 ? undefined : spec.slice(at + 1);
  if (zone !== undefined) {
    if (!options.allowZone) return `target "${raw}": deregister takes ID[:PORT]; drop "@${zone}"`;
    if (zone.length === 0)
      return `target "${raw}": the zone after "@" is missing; write e.g. @us-east-1a, or drop the "@"`;
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
      if (zone !== undefined) return `target "${raw}": a lambda function takes no zone; drop "@${zone}"`;
      return withZone({ kind: 'lambda', id: body });
    }
    // An ALB ARN has six colon-separated parts; a seventh, numeric one is a port.
    const parts = body.split(':');
    const albArn = parts.length === 7 ? parts.slice(0, 6).join(':') : body;
    const albPort = parts.length === 7 ? parts[6] : undefined;
    if (ALB_ARN.test(albArn)) {
      if (zone !== undefined)
        return `target "${raw}": an application load balancer target takes no zone; drop "@${zone}"`;
      if (albPort === undefined) return withZone({ kind: 'alb', id: albArn });
      const p = portOf(raw, albPort);
      return typeof p === 'string' ? p : withZone({ kind: 'alb', id: albArn, port: p });
    }
    if (OTHER_LB_ARN.test(albArn)) {
      return `target "${raw}": only an application load balancer can be a target; register an ALB ARN (…:loadbalancer/app/NAME/ID)`;
    }
    if (/^arn:[^:]*:lambda:/.test(body)) {
      return `target "${raw}": not a lambda function ARN; write arn:aws:lambda:REGION:ACCOUNT:function:NAME (no port, no zone)`;
    }
    return `target "${raw}": not a lambda function ARN or an application load balancer ARN; use e.g. ${EXAMPLES}`;
  }

  let id: string;
  let portText: string | undefined;
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    if (close < 0)
      return `target "${raw}": the "[" is not closed; write an IPv6 address with a port as [2001:db8::1]:80`;
    id = body.slice(1, close);
    const rest = body.slice(close + 1);
    if (!isIpv6(id))
      return `target "${raw}": "${id}" is not an IPv6 address; brackets are only for IPv6, e.g. [2001:db8::1]:80`;
    if (rest.length > 0) {
      if (!rest.startsWith(':') || rest.length === 1)
        return `target "${raw}": write the port after the brackets as [${id}]:PORT`;
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
      return `target "${raw}": not a target; write ID[:PORT][@ZONE], e.g. ${EXAMPLES}`;
    }
  }

  let kind: TargetKind;
  if (INSTANCE_ID.test(id)) kind = 'instance';
  else if (isIpv4(id) || isIpv6(id)) kind = 'ip';
  else if (/^i-/i.test(id)) {
    return `target "${raw}": "${id}" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0`;
  } else if (/^\d+(\.\d+){3}$/.test(id)) {
    return `target "${raw}": "${id}" is not an IPv4 address (each part is 0-255); correct the address`;
  } else {
    return `target "${raw}": not an instance ID, IP address, lambda function ARN or application load balancer ARN; use e.g. ${EXAMPLES}`;
  }

  if (portText !== undefined && portText.length === 0)
    return `target "${raw}": the port after ":" is missing; write e.g. ${id}:80`;
  let port: number | undefined;
  if (portText !== undefined) {
    const p = portOf(raw, portText);
    if (typeof p === 'string') return p;
    port = p;
  }
  if (zone !== undefined && kind === 'instance') {
    return `target "${raw}": an instance target takes no zone (AWS uses the instance's own); drop "@${zone}"`;
  }
  return withZone({ kind, id, ...(port !== undefined ? { port } : {}) });
}

const key = (id: string, port: number | undefined) => `${id}|${port ?? ''}`;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Every spec, or every problem (including exact duplicates). */
export function parseTargetSpecs(raws: readonly string[], options: ParseTargetOptions): Parsed<TargetSpec[]> {
  const problems: string[] = [];
  const specs: TargetSpec[] = [];
  if (raws.length === 0) problems.push(`targets: none given; name at least one, e.g. ${EXAMPLES}`);
  const seen = new Set<string>();
  for (const raw of raws) {
    const parsed = parseTargetSpec(raw, options);
    if (typeof parsed === 'string') {
      problems.push(parsed);
      continue;
    }
    const k = key(parsed.id, parsed.port);
    if (seen.has(k)) {
      problems.push(`target "${raw}": listed twice; list each target once`);
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
export function targetsFitGroup(specs: readonly TargetSpec[], group: TargetGroupShape): string[] {
  const problems: string[] = [];
  for (const s of specs) {
    if (s.kind !== group.targetType) {
      problems.push(
        `target "${s.raw}": is ${KIND_LABEL[s.kind]}, but target group "${group.name}" (target type ${group.targetType}) takes ${TAKES[group.targetType]}; register matching targets or use a target group of type ${s.kind}`,
      );
    }
  }
  if (problems.length > 0) return problems;
  if (group.targetType === 'lambda' && specs.length > 1) {
    problems.push(
      `targets: ${specs.length} lambda functions given, but a lambda target group takes exactly one; register one function`,
    );
  }
  if (group.targetType === 'alb' && specs.length > 1) {
    problems.push(
      `targets: ${specs.length} load balancers given, but an alb target group takes exactly one; register one application load balancer`,
    );
  }
  const seen = new Map<string, TargetSpec>();
  for (const s of specs) {
    const k = key(s.id, s.port ?? group.port);
    const first = seen.get(k);
    if (first) {
      problems.push(
        `target "${s.raw}": the same target as "${first.raw}" (target group "${group.name}" uses port ${group.port ?? '-'} by default); list each target once`,
      );
    } else seen.set(k, s);
  }
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
