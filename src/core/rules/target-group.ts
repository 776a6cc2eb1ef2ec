/** Target groups: protocol, port and VPC per target type, the routing algorithm, stickiness, cross-zone, and whom a group can serve. */
import { quote } from '../echo';
import type { TargetType } from '../model';
import { vpcIdProblem } from './names';
import { type Face, type Problem, problem } from './problem';
import { portProblem } from './values';

export const TARGET_GROUP_PROTOCOLS = [
  'HTTP',
  'HTTPS',
  'TCP',
  'TLS',
  'UDP',
  'TCP_UDP',
  'QUIC',
  'TCP_QUIC',
  'GENEVE',
] as const;

/**
 * A QUIC or TCP_QUIC target group's targets each need a server ID (RegisterTargets' QuicServerId,
 * `0x` and 16 hex digits, unique per listener), which elbctl does not register yet: refused
 * rather than sent without one (AWS would refuse the call).
 */
export function quicTargetsProblem(
  tg: { name: string; protocol?: string | undefined },
  face: Face,
): Problem | undefined {
  if (tg.protocol !== 'QUIC' && tg.protocol !== 'TCP_QUIC') return undefined;
  const how = 'register them with `aws elbv2 register-targets --target-group-arn ARN --targets Id=ID,QuicServerId=0x…`';
  return problem(
    'E_TARGET',
    `target group ${quote(tg.name)}: a ${tg.protocol} target group's targets each need a QUIC server ID, which elbctl does not register yet; ${face === 'stack' ? `leave targets out and ${how}` : how}`,
    ['targets'],
  );
}
export type TargetGroupProtocol = (typeof TARGET_GROUP_PROTOCOLS)[number];
export const TARGET_TYPES = ['instance', 'ip', 'lambda', 'alb'] as const satisfies readonly TargetType[];
export const DEFAULT_TARGET_TYPE: TargetType = 'instance';
export const ALGORITHMS = ['round_robin', 'least_outstanding_requests', 'weighted_random'] as const;
export const STICKINESS_TYPES = ['lb_cookie', 'app_cookie', 'source_ip'] as const;
/** HTTP/HTTPS target groups speak one of these to their targets (HTTP1 unless told). */
export const PROTOCOL_VERSIONS = ['HTTP1', 'HTTP2', 'GRPC'] as const;
/** CreateTargetGroup's IpAddressType: ipv6 makes a target group of IPv6 addresses (ip targets). */
export const TARGET_GROUP_IP_ADDRESS_TYPES = ['ipv4', 'ipv6'] as const;

/** GENEVE target groups (gateway load balancers) listen on this port only. */
export const GENEVE_PORT = 6081;

export const isHttpProtocol = (p: string | undefined): boolean => p === 'HTTP' || p === 'HTTPS';

export interface TargetGroupSpec {
  name: string;
  targetType: TargetType;
  /** Undefined when not given, or when it was itself invalid (already reported). */
  protocol?: string | undefined;
  port?: number | undefined;
  vpc?: string | undefined;
  /** Which of protocol/port/vpc the input named (a wrong value still counts as given). */
  given: { protocol: boolean; port: boolean; vpc: boolean };
  algorithm?: string | undefined;
  protocolVersion?: string | undefined;
  ipAddressType?: string | undefined;
  /** The target optimizer's management port (TargetControlPort); fixed when the group is created. */
  targetControlPort?: number | undefined;
}

const WORDS = {
  protocol: { flags: '--protocol', stack: 'protocol' },
  port: { flags: '--port', stack: 'port' },
  vpc: { flags: '--vpc', stack: 'vpc' },
  protocolExample: { flags: '--protocol HTTP', stack: 'protocol: HTTP' },
  portExample: { flags: '--port 80', stack: 'port: 80' },
  vpcExample: { flags: '--vpc vpc-0123456789abcdef0', stack: 'vpc: vpc-0123456789abcdef0' },
  tcp: { flags: '--protocol TCP', stack: 'protocol: TCP' },
  algorithm: { flags: 'the algorithm', stack: 'algorithm' },
  targetControlPort: { flags: '--target-control-port', stack: 'targetControlPort' },
} as const;

/** Everything about a target group's own settings (its health check is judged by health-check.ts). */
export function targetGroupProblems(spec: TargetGroupSpec, face: Face): Problem[] {
  const problems: Problem[] = [];
  const label = `target group ${quote(spec.name)}`;
  const type = spec.targetType;
  if (type === 'lambda') {
    const extra = (['protocol', 'port', 'vpc'] as const).filter((k) => spec.given[k]);
    for (const k of extra) {
      problems.push(
        problem('E_TARGET_GROUP', `${label}: a lambda target group has no ${k}; remove ${WORDS[k][face]}`, [k]),
      );
    }
  } else {
    const examples = { protocol: WORDS.protocolExample, port: WORDS.portExample, vpc: WORDS.vpcExample } as const;
    for (const k of ['protocol', 'port', 'vpc'] as const) {
      if (!spec.given[k]) {
        problems.push(
          problem(
            'E_REQUIRED',
            `${label}: ${k} is required for ${type} targets; add ${examples[k][face]}`,
            face === 'stack' ? [] : [k],
          ),
        );
      }
    }
    if (spec.port !== undefined) {
      const p = portProblem(spec.port, 'port', ['port']);
      if (p) problems.push(p);
    }
    if (spec.vpc !== undefined) {
      const p = vpcIdProblem(spec.vpc, ['vpc']);
      if (p) problems.push(p);
    }
    if (type === 'alb' && spec.protocol !== undefined && spec.protocol !== 'TCP') {
      problems.push(
        problem(
          'E_TARGET_GROUP',
          `${label}: a target group of type alb sends TCP to an application load balancer; use ${WORDS.tcp[face]}`,
          ['protocol'],
        ),
      );
    }
    if (spec.protocol === 'GENEVE' && spec.port !== undefined && spec.port !== GENEVE_PORT) {
      problems.push(
        problem('E_TARGET_GROUP', `${label}: a GENEVE target group uses port ${GENEVE_PORT}; use that port`, ['port']),
      );
    }
    if (spec.protocol === 'GENEVE' && type === 'alb') {
      problems.push(
        problem('E_TARGET_GROUP', `${label}: a GENEVE target group takes instance or ip targets`, ['targetType']),
      );
    }
  }
  if (spec.algorithm !== undefined && spec.protocol !== undefined && !isHttpProtocol(spec.protocol)) {
    problems.push(
      problem(
        'E_TARGET_GROUP',
        `${label}: the routing algorithm applies to HTTP/HTTPS target groups only; remove ${WORDS.algorithm[face]}`,
        ['algorithm'],
      ),
    );
  }
  if (spec.protocolVersion !== undefined && spec.protocol !== undefined && !isHttpProtocol(spec.protocol)) {
    problems.push(
      problem(
        'E_TARGET_GROUP',
        `${label}: a protocol version (HTTP1, HTTP2, GRPC) applies to HTTP/HTTPS target groups only; remove protocolVersion`,
        ['protocolVersion'],
      ),
    );
  }
  if (spec.targetControlPort !== undefined) {
    const range = portProblem(spec.targetControlPort, 'target control port', ['targetControlPort']);
    if (range) problems.push(range);
    // The target optimizer's agent talks to an application load balancer: HTTP/HTTPS groups of instances or IPs.
    if (type === 'lambda' || type === 'alb' || (spec.protocol !== undefined && !isHttpProtocol(spec.protocol))) {
      problems.push(
        problem(
          'E_TARGET_GROUP',
          `${label}: a target control port (the target optimizer's agent) is for HTTP/HTTPS target groups of instance or ip targets behind an application load balancer; remove ${WORDS.targetControlPort[face]}`,
          ['targetControlPort'],
        ),
      );
    }
  }
  if (spec.ipAddressType === 'ipv6' && type !== 'ip' && type !== 'instance') {
    problems.push(
      problem('E_TARGET_GROUP', `${label}: ipv6 takes ip or instance targets; remove ipAddressType`, ['ipAddressType']),
    );
  }
  return problems;
}

export interface StickinessInput {
  enabled?: boolean | undefined;
  type?: string | undefined;
  duration?: number | undefined;
  cookieName?: string | undefined;
}

/** Stickiness settings that do not go together with each other or with the target group's protocol. */
export function stickinessProblems(
  s: StickinessInput,
  owner: { name: string; protocol?: string | undefined; targetType: TargetType },
): Problem[] {
  const problems: Problem[] = [];
  const label = `target group ${quote(owner.name)}`;
  const httpish = isHttpProtocol(owner.protocol) || owner.targetType === 'lambda';
  const type = s.type ?? (httpish ? 'lb_cookie' : 'source_ip');
  if (httpish && type === 'source_ip') {
    problems.push(
      problem(
        'E_STICKINESS',
        `${label}: source_ip stickiness is for TCP/TLS/UDP target groups of network load balancers; use lb_cookie or app_cookie`,
        ['type'],
      ),
    );
  }
  if (!httpish && type !== 'source_ip') {
    problems.push(
      problem('E_STICKINESS', `${label}: ${type} stickiness needs an HTTP/HTTPS target group; use type: source_ip`, [
        'type',
      ]),
    );
  }
  if (type === 'app_cookie' && s.cookieName === undefined) {
    problems.push(
      problem('E_STICKINESS', `${label}: app_cookie stickiness needs cookieName, the cookie your application sets`, []),
    );
  }
  if (type !== 'app_cookie' && s.cookieName !== undefined) {
    problems.push(
      problem(
        'E_STICKINESS',
        `${label}: cookieName applies to app_cookie stickiness only; remove it or use type: app_cookie`,
        ['cookieName'],
      ),
    );
  }
  if (type === 'source_ip' && s.duration !== undefined) {
    problems.push(
      problem('E_STICKINESS', `${label}: source_ip stickiness has no duration; remove duration`, ['duration']),
    );
  }
  return problems;
}

/** Cross-zone and stickiness together on an application load balancer's target group. */
export function crossZoneStickinessProblem(name: string): Problem {
  return problem(
    'E_STICKINESS',
    `target group ${quote(name)}: stickiness is not supported on an application load balancer target group with cross-zone off; turn stickiness off or turn cross-zone back on`,
  );
}

/** One target group forwarded to by several load balancers of a stack. */
export function sharedTargetGroupProblem(
  name: string,
  uses: ReadonlyArray<{ loadBalancer: string; type: string }>,
): Problem | undefined {
  if (uses.length < 2) return undefined;
  const types = new Set(uses.map((u) => u.type));
  const names = uses.map((u) => `${u.type} load balancer ${quote(u.loadBalancer)}`);
  return problem(
    'E_TARGET_GROUP',
    types.size > 1
      ? `target group ${quote(name)}: used by ${names.join(' and ')}; a target group serves one type of load balancer, declare one target group for each`
      : `target group ${quote(name)}: used by ${names.join(' and ')}; a target group serves one load balancer, declare one target group for each`,
    ['name'],
  );
}

/** Target groups a command only refers to (a `--forward` target) that do not exist: a usage error, every one named. */
export function missingTargetGroupsProblem(missing: readonly string[]): Problem | undefined {
  if (missing.length === 0) return undefined;
  return problem(
    'E_MISSING_REFERENCE',
    `target group${missing.length > 1 ? 's' : ''} ${missing.map(quote).join(', ')}: ${missing.length > 1 ? 'do' : 'does'} not exist in this account and region; create ${missing.length > 1 ? 'them' : 'it'} first (\`elbctl tg create\`), or check the name (\`elbctl tg list\`)`,
  );
}

/** A target group's VPC that does not exist (a reference: exit 64 before any write). */
export function missingVpcProblem(vpcId: string, found: ReadonlyArray<{ id: string }>): Problem | undefined {
  if (found.some((v) => v.id === vpcId)) return undefined;
  return problem(
    'E_MISSING_REFERENCE',
    `VPC ${quote(vpcId)}: does not exist in this account and region; check the ID (\`aws ec2 describe-vpcs\`)`,
    ['vpc'],
  );
}

export const TARGET_FAILOVER_ATTRIBUTES = [
  'target_failover.on_deregistration',
  'target_failover.on_unhealthy',
] as const;

/**
 * Target failover (how a gateway load balancer moves existing flows off a deregistered or
 * unhealthy appliance): AWS takes its two attributes together. One written without the other is
 * refused here; GENEVE-only and the two values differing are the attribute rules' to say.
 */
export function targetFailoverProblems(
  tg: { name: string; protocol?: string | undefined },
  attributes: Readonly<Record<string, string>>,
): Problem[] {
  const given = TARGET_FAILOVER_ATTRIBUTES.filter((k) => attributes[k] !== undefined);
  if (given.length === 0) return [];
  const label = `target group ${quote(tg.name)}`;
  // On a target group other than GENEVE each key is refused by the attribute table (rules/attribute-table.ts).
  if (tg.protocol !== undefined && tg.protocol !== 'GENEVE') return [];
  // Both given with different values is relatedTargetGroupAttributeProblems' to report (rules/attributes.ts), for both faces.
  if (given.length === TARGET_FAILOVER_ATTRIBUTES.length) return [];
  const [deregistration, unhealthy] = TARGET_FAILOVER_ATTRIBUTES.map((k) => attributes[k]);
  if (deregistration !== unhealthy) {
    return [
      problem(
        'E_ATTRIBUTE',
        `${label}: ${TARGET_FAILOVER_ATTRIBUTES.join(' and ')} are set together to one value (AWS refuses them apart); give both ${deregistration ?? unhealthy}`,
        [(deregistration === undefined ? TARGET_FAILOVER_ATTRIBUTES[0] : TARGET_FAILOVER_ATTRIBUTES[1]) as string],
      ),
    ];
  }
  return [];
}
