/**
 * Input validators shared by the imperative commands and the stack validator.
 * Each returns `undefined` when the value is fine, or one message in the house style:
 * lowercase, `{what} "{value}": {why}; {fix}`. No IO, no throwing: callers collect problems.
 */
import {
  ALB_LISTENER_PROTOCOLS,
  GWLB_LISTENER_PROTOCOLS,
  NLB_LISTENER_PROTOCOLS,
  TARGET_GROUP_PROTOCOLS,
  type LoadBalancerType,
  type TargetType,
} from './model';

export type Check = string | undefined;

const NAME_CHARS = /^[A-Za-z0-9-]+$/;

function resourceName(what: string, value: string): Check {
  if (value.length === 0) return `${what} "": must not be empty; use 1-32 letters, digits and hyphens`;
  if (value.length > 32) {
    return `${what} "${value}": is ${value.length} characters, the limit is 32; use a shorter name`;
  }
  if (value.includes('_')) return `${what} "${value}": underscores are not allowed; use letters, digits and hyphens`;
  if (!NAME_CHARS.test(value)) {
    return `${what} "${value}": only letters, digits and hyphens are allowed; remove the other characters`;
  }
  if (value.startsWith('-') || value.endsWith('-')) {
    return `${what} "${value}": must not begin or end with a hyphen; remove the hyphen`;
  }
  return undefined;
}

export function loadBalancerName(value: string): Check {
  const basic = resourceName('load balancer name', value);
  if (basic) return basic;
  if (value.toLowerCase().startsWith('internal-')) {
    return `load balancer name "${value}": must not begin with "internal-" (AWS reserves it); choose another prefix`;
  }
  return undefined;
}

export function targetGroupName(value: string): Check {
  return resourceName('target group name', value);
}

export function port(value: number, what = 'port'): Check {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    return `${what} "${value}": must be a whole number from 1 to 65535`;
  }
  return undefined;
}

/** Parses a decimal integer flag strictly ("80", not "80abc" or "8e1"). */
export function parseInteger(raw: string): number | undefined {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

export function integerInRange(what: string, value: number, min: number, max: number): Check {
  if (!Number.isInteger(value) || value < min || value > max) {
    return `${what} "${value}": must be a whole number from ${min} to ${max}`;
  }
  return undefined;
}

export function listenerProtocols(type: LoadBalancerType): readonly string[] {
  if (type === 'application') return ALB_LISTENER_PROTOCOLS;
  if (type === 'network') return NLB_LISTENER_PROTOCOLS;
  return GWLB_LISTENER_PROTOCOLS;
}

const TYPE_LABEL: Record<LoadBalancerType, string> = {
  application: 'an application load balancer',
  network: 'a network load balancer',
  gateway: 'a gateway load balancer',
};

export function listenerProtocol(type: LoadBalancerType, protocol: string): Check {
  const allowed = listenerProtocols(type);
  if (!allowed.includes(protocol)) {
    return `listener protocol "${protocol}": not supported on ${TYPE_LABEL[type]}; use ${allowed.join(' or ')}`;
  }
  return undefined;
}

export function targetGroupProtocol(protocol: string): Check {
  if (!(TARGET_GROUP_PROTOCOLS as readonly string[]).includes(protocol)) {
    return `target group protocol "${protocol}": unknown; use one of ${TARGET_GROUP_PROTOCOLS.join(', ')}`;
  }
  return undefined;
}

/**
 * Whether a target group protocol can serve a listener of the given load balancer type:
 * ALBs forward to HTTP/HTTPS target groups, NLBs to TCP/TLS/UDP/TCP_UDP ones.
 */
export function targetGroupFitsLoadBalancer(type: LoadBalancerType, tgProtocol: string | undefined): boolean {
  if (tgProtocol === undefined) return type === 'application'; // lambda target groups have no protocol
  if (type === 'application') return tgProtocol === 'HTTP' || tgProtocol === 'HTTPS';
  if (type === 'network') return (NLB_LISTENER_PROTOCOLS as readonly string[]).includes(tgProtocol);
  return tgProtocol === 'GENEVE';
}

export const TARGET_TYPES: readonly TargetType[] = ['instance', 'ip', 'lambda', 'alb'];

export function targetType(value: string): Check {
  if (!(TARGET_TYPES as readonly string[]).includes(value)) {
    return `target type "${value}": unknown; use instance, ip, lambda or alb`;
  }
  return undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIpv6(value: string): boolean {
  if (!/^[0-9A-Fa-f:]+$/.test(value) || !value.includes(':')) return false;
  const doubles = value.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = value.split(':').filter((g) => g.length > 0);
  if (groups.some((g) => g.length > 4)) return false;
  return doubles === 1 ? groups.length < 8 : groups.length === 8;
}

export function cidr(value: string): Check {
  const slash = value.indexOf('/');
  if (slash < 0) {
    return `source IP "${value}": must be a CIDR block with a prefix length; write ${isIpv4(value) ? `${value}/32` : 'e.g. 10.0.0.0/16'}`;
  }
  const address = value.slice(0, slash);
  const prefixRaw = value.slice(slash + 1);
  const prefix = parseInteger(prefixRaw);
  if (isIpv4(address)) {
    if (prefix === undefined || prefix < 0 || prefix > 32) {
      return `source IP "${value}": the prefix length must be 0-32 for IPv4`;
    }
    return undefined;
  }
  if (isIpv6(address)) {
    if (prefix === undefined || prefix < 0 || prefix > 128) {
      return `source IP "${value}": the prefix length must be 0-128 for IPv6`;
    }
    return undefined;
  }
  return `source IP "${value}": "${address}" is not an IPv4 or IPv6 address; write a CIDR block such as 10.0.0.0/16`;
}

/** Health-check success codes: "200", "200,202", "200-299"; ALB codes 200-499, gRPC 0-99. */
export function matcher(value: string): Check {
  const parts = value.split(',');
  for (const part of parts) {
    const range = part.split('-');
    if (range.length > 2 || range.some((r) => parseInteger(r) === undefined)) {
      return `health check matcher "${value}": use HTTP codes such as 200, 200,202 or 200-299`;
    }
    const [lo, hi] = range.map((r) => Number(r)) as [number, number?];
    const top = hi ?? lo;
    if (lo < 200 || top > 499 || top < lo) {
      return `health check matcher "${value}": codes must be from 200 to 499, low to high`;
    }
  }
  return undefined;
}

export function healthCheckPath(value: string): Check {
  if (!value.startsWith('/')) return `health check path "${value}": must begin with "/"; write "/${value}"`;
  if (value.length > 1024) return `health check path: is ${value.length} characters, the limit is 1024`;
  return undefined;
}

export const HEALTH_CHECK_LIMITS = {
  interval: { min: 5, max: 300 },
  timeout: { min: 2, max: 120 },
  healthyThreshold: { min: 2, max: 10 },
  unhealthyThreshold: { min: 2, max: 10 },
} as const;

export interface HealthCheckInput {
  intervalSeconds?: number | undefined;
  timeoutSeconds?: number | undefined;
  healthyThreshold?: number | undefined;
  unhealthyThreshold?: number | undefined;
}

export function healthCheckTimings(input: HealthCheckInput): string[] {
  const problems: string[] = [];
  const check = (what: string, v: number | undefined, lim: { min: number; max: number }) => {
    if (v === undefined) return;
    const p = integerInRange(what, v, lim.min, lim.max);
    if (p) problems.push(p);
  };
  check('health check interval', input.intervalSeconds, HEALTH_CHECK_LIMITS.interval);
  check('health check timeout', input.timeoutSeconds, HEALTH_CHECK_LIMITS.timeout);
  check('healthy threshold', input.healthyThreshold, HEALTH_CHECK_LIMITS.healthyThreshold);
  check('unhealthy threshold', input.unhealthyThreshold, HEALTH_CHECK_LIMITS.unhealthyThreshold);
  if (
    input.intervalSeconds !== undefined &&
    input.timeoutSeconds !== undefined &&
    input.timeoutSeconds >= input.intervalSeconds
  ) {
    problems.push(
      `health check timeout "${input.timeoutSeconds}": must be less than the interval (${input.intervalSeconds}); lower the timeout or raise the interval`,
    );
  }
  return problems;
}

/** `KEY=VALUE` (tags, attributes). The value may contain `=`. */
export function parseKeyValue(what: string, raw: string): { key: string; value: string } | string {
  const eq = raw.indexOf('=');
  if (eq <= 0) return `${what} "${raw}": write it as KEY=VALUE`;
  return { key: raw.slice(0, eq), value: raw.slice(eq + 1) };
}

export function tag(key: string, value: string): Check {
  if (key.length > 128) return `tag key "${key.slice(0, 20)}…": is ${key.length} characters, the limit is 128`;
  if (value.length > 256) return `tag "${key}": the value is ${value.length} characters, the limit is 256`;
  if (key.toLowerCase().startsWith('aws:')) return `tag key "${key}": the "aws:" prefix is reserved by AWS`;
  return undefined;
}

export function subnetId(value: string): Check {
  return /^subnet-[0-9a-f]{8,17}$/.test(value)
    ? undefined
    : `subnet "${value}": not a subnet ID; use IDs such as subnet-0123456789abcdef0`;
}

export function securityGroupId(value: string): Check {
  return /^sg-[0-9a-f]{8,17}$/.test(value)
    ? undefined
    : `security group "${value}": not a security group ID; use IDs such as sg-0123456789abcdef0`;
}

export function vpcId(value: string): Check {
  return /^vpc-[0-9a-f]{8,17}$/.test(value)
    ? undefined
    : `VPC "${value}": not a VPC ID; use an ID such as vpc-0123456789abcdef0`;
}

export function certificateArn(value: string): Check {
  return /^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)\/.+$/.test(value)
    ? undefined
    : `certificate "${value}": not an ACM or IAM certificate ARN; use arn:aws:acm:REGION:ACCOUNT:certificate/ID`;
}

export function sslPolicyName(value: string): Check {
  return /^ELBSecurityPolicy-[A-Za-z0-9-]+$/.test(value)
    ? undefined
    : `ssl policy "${value}": not an ELB security policy name; use e.g. ELBSecurityPolicy-TLS13-1-2-2021-06`;
}

export const RECOMMENDED_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Splits comma-separated and repeated flag values: ["a,b", "c"] → ["a","b","c"]. */
export function splitList(values: readonly string[] | string | undefined): string[] {
  if (values === undefined) return [];
  const list = typeof values === 'string' ? [values] : values;
  return list
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
