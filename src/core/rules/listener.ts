/** Listeners: protocols per load balancer type, ports, certificates and TLS policies, and which target groups a listener can forward to. */
import { quote } from '../echo';
import type { LoadBalancerType, TargetType } from '../model';
import { aListener } from './action';
import { aLoadBalancer } from './load-balancer';
import { certificateArnProblem, sslPolicyNameProblem } from './names';
import { allowsOldTls } from './tls-policies';
import { type Face, type Problem, problem } from './problem';
import { duplicates, orList } from './values';

export const ALB_LISTENER_PROTOCOLS = ['HTTP', 'HTTPS'] as const;
export const NLB_LISTENER_PROTOCOLS = ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'] as const;
/** QUIC listeners (network load balancers): AWS refuses them on a dualstack load balancer. */
export const QUIC_PROTOCOLS: readonly string[] = ['QUIC', 'TCP_QUIC'];
export const GWLB_LISTENER_PROTOCOLS = ['GENEVE'] as const;
/** The protocols elbctl creates listeners with. */
export const LISTENER_PROTOCOLS = [
  ...ALB_LISTENER_PROTOCOLS,
  ...NLB_LISTENER_PROTOCOLS,
  ...GWLB_LISTENER_PROTOCOLS,
] as const;
export type ListenerProtocol = (typeof LISTENER_PROTOCOLS)[number];

/**
 * A gateway load balancer's one listener has neither port nor protocol in AWS (CreateListener
 * refuses both; it takes all IP traffic and forwards GENEVE on 6081). elbctl calls it a GENEVE
 * listener and keys it by port 0, the value an absent Port is read as.
 */
export const GATEWAY_LISTENER_PORT = 0;
export const isGatewayListener = (protocol: string): boolean => protocol === 'GENEVE';

/** How a listener is named: `web:443`, or `gw:GENEVE` for a gateway load balancer's (it has no port). */
export const listenerRef = (loadBalancer: string, port: number): string =>
  `${loadBalancer}:${port === GATEWAY_LISTENER_PORT ? 'GENEVE' : port}`;

/** Which HTTP versions a TLS listener offers clients in the TLS handshake (ALPN); `None` offers none. */
export const ALPN_POLICIES = ['HTTP1Only', 'HTTP2Only', 'HTTP2Optional', 'HTTP2Preferred', 'None'] as const;
export type AlpnPolicy = (typeof ALPN_POLICIES)[number];

/** An ALPN policy: TLS listeners (network load balancers) only. */
export function alpnPolicyProblem(
  protocol: string,
  alpnPolicy: string | undefined,
  label: string,
  face: Face,
): Problem | undefined {
  if (alpnPolicy === undefined) return undefined;
  if (!(ALPN_POLICIES as readonly string[]).includes(alpnPolicy)) {
    return problem('E_ENUM', `alpn policy ${quote(alpnPolicy)}: unknown; use ${orList(ALPN_POLICIES)}`, ['alpnPolicy']);
  }
  if (protocol === 'TLS') return undefined;
  return problem(
    'E_PROTOCOL',
    `${label}: an ALPN policy applies to TLS listeners (network load balancers); ${face === 'flags' ? 'drop --alpn-policy' : 'remove alpnPolicy'} or use TLS`,
    ['alpnPolicy'],
  );
}

/** AWS reports no ALPN policy and `None` alike: no protocol is offered. */
export const sameAlpnPolicy = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? 'None') === (b ?? 'None');

/** QUIC and TCP_QUIC listeners need an IPv4 network load balancer (the API refuses them with dual-stack). */
export function quicDualstackProblem(protocol: string, ipAddressType: string, label: string): Problem | undefined {
  if (!QUIC_PROTOCOLS.includes(protocol) || ipAddressType === 'ipv4') return undefined;
  return problem(
    'E_PROTOCOL',
    `${label}: ${aListener(protocol)} needs an ipv4 network load balancer, this one is ${ipAddressType}; use TCP or UDP, or set its ip address type to ipv4`,
    ['protocol'],
  );
}

/** A GENEVE listener takes no port; every other listener needs one. */
export function listenerPortProblem(
  protocol: string,
  port: number | undefined,
  label: string,
  face: Face,
): Problem | undefined {
  const flag = face === 'flags' ? '--port' : 'port';
  if (isGatewayListener(protocol) && port !== undefined) {
    return problem(
      'E_PROTOCOL',
      `${label}: a GENEVE listener (gateway load balancer) has no port, AWS takes all IP traffic on it; leave out ${flag}`,
      ['port'],
    );
  }
  if (!isGatewayListener(protocol) && port === undefined) {
    return problem('E_REQUIRED', `${label}: ${aListener(protocol)} needs a port; give ${flag}`, ['port']);
  }
  return undefined;
}

/**
 * The TLS policy elbctl gives new HTTPS/TLS listeners unless told otherwise: the post-quantum
 * TLS 1.3/1.2 policy AWS's console defaults to since 2025 (the API's own default is still 2016-08).
 */
export const RECOMMENDED_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
/** Certificates per listener (SNI), the documented default of an adjustable quota. */
export const SECURE_PROTOCOLS: readonly string[] = ['HTTPS', 'TLS'];

export const isSecureProtocol = (protocol: string): boolean => SECURE_PROTOCOLS.includes(protocol);

export function listenerProtocols(type: LoadBalancerType): readonly string[] {
  if (type === 'application') return ALB_LISTENER_PROTOCOLS;
  if (type === 'network') return NLB_LISTENER_PROTOCOLS;
  return GWLB_LISTENER_PROTOCOLS;
}

/** Policies that still accept TLS 1.0 or 1.1 (the dated table in tls-policies.ts): a new listener should not need them. */
export function isWeakSslPolicy(name: string): boolean {
  return allowsOldTls(name);
}

export function weakSslPolicyWarning(name: string): string {
  return `ssl policy ${quote(name)} still accepts TLS 1.0/1.1; unless old clients need it, use ${RECOMMENDED_SSL_POLICY}`;
}

export interface ListenerSpec {
  protocol: ListenerProtocol;
  port: number;
  certificates: readonly string[];
  sslPolicy?: string | undefined;
}

export interface ListenerContext {
  /** Undefined before the load balancer is read (a command's offline checks). */
  loadBalancerType?: LoadBalancerType | undefined;
  loadBalancerName?: string | undefined;
  /** How the listener is named in messages: `listener web:443`. */
  label: string;
}

/** How a fix names the field or flag the user writes. */
const WORDS = {
  certificates: { flags: '--certificate', stack: 'certificates' },
  addCertificate: {
    flags: 'pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID',
    stack: 'add certificates: [arn:aws:acm:REGION:ACCOUNT:certificate/ID]',
  },
  sslPolicy: { flags: '--ssl-policy', stack: 'sslPolicy' },
  drop: { flags: 'drop', stack: 'remove' },
} as const;

/** Whether the protocol exists on this type of load balancer. */
export function protocolFitsLoadBalancer(type: LoadBalancerType, protocol: string, label: string): Problem | undefined {
  const allowed = listenerProtocols(type);
  if (allowed.includes(protocol)) return undefined;
  return problem(
    'E_PROTOCOL',
    `${label}: listener protocol ${quote(protocol)}: not supported on ${aLoadBalancer(type)}; use ${orList(allowed)}`,
    ['protocol'],
  );
}

/** Everything about a listener that can be judged with (or, for a command, before) its load balancer's type. */
export function listenerProblems(spec: ListenerSpec, ctx: ListenerContext, face: Face): Problem[] {
  const problems: Problem[] = [];
  if (ctx.loadBalancerType !== undefined) {
    const p = protocolFitsLoadBalancer(ctx.loadBalancerType, spec.protocol, ctx.label);
    if (p) problems.push(p);
  }
  spec.certificates.forEach((c, k) => {
    const p = certificateArnProblem(c, ['certificates', k]);
    if (p) problems.push(p);
  });
  problems.push(
    ...duplicates(
      spec.certificates,
      (c) => `certificate ${quote(c)}: listed twice on ${ctx.label}; list each once`,
      (k) => ['certificates', k],
    ),
  );
  if (spec.sslPolicy !== undefined) {
    const p = sslPolicyNameProblem(spec.sslPolicy, ['sslPolicy']);
    if (p) problems.push(p);
  }
  const secure = isSecureProtocol(spec.protocol);
  const other = spec.protocol === 'HTTP' ? 'HTTPS' : 'TLS';
  if (secure && spec.certificates.length === 0) {
    problems.push(
      problem(
        'E_CERTIFICATE',
        `${ctx.label}: ${spec.protocol} needs a certificate; ${WORDS.addCertificate[face]} (ACM issues one for free)`,
        ['protocol'],
      ),
    );
  }
  if (!secure && spec.certificates.length > 0) {
    problems.push(
      problem(
        'E_CERTIFICATE',
        `${ctx.label}: ${aListener(spec.protocol)} does not use certificates; ${WORDS.drop[face]} ${WORDS.certificates[face]} or use ${other}`,
        ['certificates'],
      ),
    );
  }
  if (!secure && spec.sslPolicy !== undefined) {
    problems.push(
      problem(
        'E_CERTIFICATE',
        `${ctx.label}: ${aListener(spec.protocol)} does not use a TLS policy; ${WORDS.drop[face]} ${WORDS.sslPolicy[face]} or use ${other}`,
        ['sslPolicy'],
      ),
    );
  }
  return problems;
}

/** Listener ports declared twice on one load balancer. */
export function duplicatePortProblems(ports: readonly number[], loadBalancerLabel: string): Problem[] {
  return duplicates(
    ports,
    (p) => `listener port ${p}: declared twice on ${loadBalancerLabel}; a load balancer has one listener per port`,
    (j) => [j, 'port'],
  );
}

// ------------------------------------------------------------------ what a listener forwards to

/** Target group protocols each network listener protocol can forward to. */
const NLB_FORWARDS: Readonly<Record<string, readonly string[]>> = {
  TCP: ['TCP'],
  TLS: ['TCP', 'TLS'],
  UDP: ['UDP', 'TCP_UDP'],
  TCP_UDP: ['TCP_UDP'],
  QUIC: ['QUIC'],
  TCP_QUIC: ['TCP_QUIC'],
  GENEVE: ['GENEVE'],
};

export interface ForwardTargetGroup {
  name: string;
  protocol?: string | undefined;
  targetType: TargetType;
  vpcId?: string | undefined;
  /** ARNs (live) or names (stack) of the load balancers that already use it; `self` is left out by the caller. */
  otherLoadBalancers?: readonly string[] | undefined;
}

export interface ForwardingListener {
  loadBalancerName: string;
  loadBalancerType: LoadBalancerType;
  /** Undefined when not known (a stack's load balancer takes its VPC from its subnets, read live). */
  vpcId?: string | undefined;
  protocol: string;
}

/**
 * Whether a target group can be the forward target of this listener: protocol pairing, target
 * type (lambda behind application listeners only, alb behind TCP only), same VPC, not serving
 * another load balancer. Every face calls this; none re-implements a part.
 */
export function targetGroupFitsListener(l: ForwardingListener, tg: ForwardTargetGroup): Problem[] {
  const problems: Problem[] = [];
  const name = quote(tg.name);
  if (l.loadBalancerType === 'application') {
    if (tg.targetType === 'alb') {
      problems.push(
        problem(
          'E_PROTOCOL',
          `target group ${name} (target type alb): only a network load balancer's TCP listener can forward to an application load balancer; forward to an HTTP or HTTPS target group`,
        ),
      );
    } else if (tg.targetType !== 'lambda' && tg.protocol !== 'HTTP' && tg.protocol !== 'HTTPS') {
      problems.push(
        problem(
          'E_PROTOCOL',
          `target group ${name} (${tg.protocol ?? 'no protocol'}): ${aListener(l.protocol)} forwards to HTTP or HTTPS target groups (or a lambda one); forward to one of those`,
        ),
      );
    }
  } else {
    const allowed = NLB_FORWARDS[l.protocol] ?? [];
    if (tg.targetType === 'lambda') {
      problems.push(
        problem(
          'E_PROTOCOL',
          `target group ${name} (target type lambda): only application load balancers invoke lambda functions; forward to a ${orList(allowed)} target group`,
        ),
      );
    } else if (tg.protocol === undefined || !allowed.includes(tg.protocol)) {
      problems.push(
        problem(
          'E_PROTOCOL',
          `target group ${name} (${tg.protocol ?? tg.targetType}): ${aListener(l.protocol)} forwards to ${orList(allowed)} target groups; forward to one of those`,
        ),
      );
    } else if (tg.targetType === 'alb' && l.protocol !== 'TCP') {
      problems.push(
        problem(
          'E_PROTOCOL',
          `target group ${name} (target type alb): an application load balancer target is reached through a TCP listener; forward from a TCP listener`,
        ),
      );
    }
  }
  const vpc = vpcMismatchProblem(l, tg);
  if (vpc) problems.push(vpc);
  const others = tg.otherLoadBalancers ?? [];
  if (others.length > 0) {
    problems.push(
      problem(
        'E_TARGET_GROUP',
        `target group ${name}: already serves another load balancer (${others.join(', ')}); a target group serves one load balancer, so create another target group`,
      ),
    );
  }
  return problems;
}

/** A listener protocol in any case → AWS's spelling, or the problem naming the protocols of both load balancer types. */
export function listenerProtocolValue(
  raw: string,
): { ok: true; value: ListenerProtocol } | { ok: false; problem: Problem } {
  const lower = raw.trim().toLowerCase();
  const found = LISTENER_PROTOCOLS.find((p) => p.toLowerCase() === lower);
  if (found !== undefined) return { ok: true, value: found };
  return {
    ok: false,
    problem: problem(
      'E_ENUM',
      `listener protocol ${quote(raw)}: unknown; use HTTP or HTTPS (application load balancer), TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC (network load balancer) or GENEVE (gateway load balancer)`,
      ['protocol'],
    ),
  };
}

/** A target group in another VPC than its load balancer (lambda target groups have none). */
export function vpcMismatchProblem(
  l: Pick<ForwardingListener, 'loadBalancerName' | 'vpcId'>,
  tg: Pick<ForwardTargetGroup, 'name' | 'targetType' | 'vpcId'>,
): Problem | undefined {
  if (tg.targetType === 'lambda' || tg.vpcId === undefined || l.vpcId === undefined || tg.vpcId === l.vpcId) {
    return undefined;
  }
  return problem(
    'E_TARGET_GROUP',
    `target group ${quote(tg.name)}: is in ${tg.vpcId}, but load balancer ${quote(l.loadBalancerName)} is in ${l.vpcId}; use a target group in ${l.vpcId}`,
  );
}
