/**
 * Listener rules that need no IO: which protocols a load balancer type takes, when a
 * certificate and TLS policy apply, which actions and target groups fit a listener, and
 * whether an existing listener already is the one asked for.
 */
import type { ActionSpec } from './actions';
import type { Action, LoadBalancerType, TargetType } from './model';
import { ALB_LISTENER_PROTOCOLS, NLB_LISTENER_PROTOCOLS } from './model';
import {
  RECOMMENDED_SSL_POLICY,
  certificateArn,
  listenerProtocol as protocolFitsType,
  parseInteger,
  port as checkPort,
  sslPolicyName,
} from './validate';

export const LISTENER_PROTOCOLS: readonly string[] = [...ALB_LISTENER_PROTOCOLS, ...NLB_LISTENER_PROTOCOLS];
const SECURE_PROTOCOLS = new Set(['HTTPS', 'TLS']);
const ALB_PROTOCOLS = new Set<string>(ALB_LISTENER_PROTOCOLS);

export const isSecureProtocol = (protocol: string): boolean => SECURE_PROTOCOLS.has(protocol);

/** "an HTTP listener", "a TCP listener". */
const aListener = (protocol: string) => `${protocol.startsWith('H') ? 'an' : 'a'} ${protocol} listener`;

/**
 * Policies that still accept TLS 1.0 or 1.1. AWS keeps them for old clients; a new listener
 * should not need them.
 */
const WEAK_SSL_POLICIES = new Set([
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-TLS-1-0-2015-04',
  'ELBSecurityPolicy-TLS-1-1-2017-01',
  'ELBSecurityPolicy-FS-2018-06',
  'ELBSecurityPolicy-FS-1-1-2019-08',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-TLS13-1-1-2021-06',
]);

/** True for a policy known to allow TLS versions older than 1.2. */
export function isWeakSslPolicy(name: string): boolean {
  return WEAK_SSL_POLICIES.has(name) || /^ELBSecurityPolicy-TLS13-1-[01]-/.test(name);
}

export function weakSslPolicyWarning(name: string): string {
  return `ssl policy "${name}" still accepts TLS 1.0/1.1; unless old clients need it, use ${RECOMMENDED_SSL_POLICY}`;
}

export interface ListenerCreateInput {
  protocol: string;
  port: string;
  certificates: readonly string[];
  sslPolicy?: string | undefined;
  /** Undefined when the action flags were invalid (their problems are reported separately). */
  action: ActionSpec | undefined;
}

export interface ValidListenerCreate {
  protocol: string;
  port: number;
  certificates: string[];
  /** Sent only for HTTPS/TLS listeners. */
  sslPolicy: string | undefined;
  action: ActionSpec;
}

/** Everything about a new listener that can be judged before the load balancer is looked up. */
export function validateListenerCreate(
  input: ListenerCreateInput,
): { ok: true; value: ValidListenerCreate } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const protocol = input.protocol.trim().toUpperCase();
  const known = LISTENER_PROTOCOLS.includes(protocol);
  if (!known) {
    problems.push(
      `listener protocol "${input.protocol}": unknown; use HTTP or HTTPS (application load balancer) or TCP, TLS, UDP or TCP_UDP (network load balancer)`,
    );
  }
  const port = parseInteger(input.port);
  if (port === undefined || checkPort(port) !== undefined) {
    problems.push(`port "${input.port}": must be a whole number from 1 to 65535`);
  }
  for (const c of input.certificates) {
    const p = certificateArn(c);
    if (p) problems.push(p);
  }
  if (new Set(input.certificates).size !== input.certificates.length) {
    problems.push('certificates: a certificate is listed twice; list each once');
  }
  const policy = input.sslPolicy;
  if (policy !== undefined) {
    const p = sslPolicyName(policy);
    if (p) problems.push(p);
  }
  if (known) {
    const secure = isSecureProtocol(protocol);
    if (secure && input.certificates.length === 0) {
      problems.push(
        `listener protocol "${protocol}": needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID (ACM issues one for free)`,
      );
    }
    if (!secure && input.certificates.length > 0) {
      problems.push(
        `--certificate: ${aListener(protocol)} does not use certificates; drop --certificate or use ${protocol === 'HTTP' ? 'HTTPS' : 'TLS'}`,
      );
    }
    if (!secure && policy !== undefined && policy !== RECOMMENDED_SSL_POLICY) {
      problems.push(
        `--ssl-policy "${policy}": ${aListener(protocol)} does not use a TLS policy; drop --ssl-policy or use HTTPS/TLS`,
      );
    }
    const onAlb = ALB_PROTOCOLS.has(protocol);
    const a = input.action;
    if (a !== undefined && !onAlb) {
      if (a.type === 'redirect') {
        problems.push(
          `--redirect-https: redirects exist only on HTTP/HTTPS listeners of application load balancers; use --forward on ${aListener(protocol)}`,
        );
      } else if (a.type === 'fixed-response') {
        problems.push(
          `--fixed-response: fixed responses exist only on HTTP/HTTPS listeners of application load balancers; use --forward on ${aListener(protocol)}`,
        );
      } else if (a.type === 'forward' && a.targets.length > 1) {
        problems.push(
          `--forward: ${aListener(protocol)} forwards to one target group; weighted forwards need an application load balancer`,
        );
      }
    }
    if (protocol === 'HTTPS' && port === 443 && a?.type === 'redirect' && a.protocol === 'HTTPS' && a.port === '443') {
      problems.push(
        '--redirect-https: on the HTTPS listener on port 443 it would redirect to itself forever; put it on the HTTP listener (port 80)',
      );
    }
  }
  if (problems.length > 0 || input.action === undefined) return { ok: false, problems };
  return {
    ok: true,
    value: {
      protocol,
      port: port as number,
      certificates: [...input.certificates],
      sslPolicy: isSecureProtocol(protocol) ? (policy ?? RECOMMENDED_SSL_POLICY) : undefined,
      action: input.action,
    },
  };
}

/** Whether the listener protocol exists on this type of load balancer. */
export function listenerFitsLoadBalancer(
  type: LoadBalancerType,
  protocol: string,
  loadBalancerName: string,
): string | undefined {
  const p = protocolFitsType(type, protocol);
  return p ? `load balancer "${loadBalancerName}": ${p}` : undefined;
}

/** Target group protocols each network listener protocol can forward to. */
const NLB_FORWARDS: Readonly<Record<string, readonly string[]>> = {
  TCP: ['TCP'],
  TLS: ['TCP', 'TLS'],
  UDP: ['UDP', 'TCP_UDP'],
  TCP_UDP: ['TCP_UDP'],
};

export interface ForwardTargetGroup {
  name: string;
  arn: string;
  protocol?: string | undefined;
  targetType: TargetType;
  vpcId?: string | undefined;
  loadBalancers: readonly string[];
}

export interface ForwardingLoadBalancer {
  name: string;
  arn: string;
  vpcId: string;
}

/**
 * Whether a target group can be the forward target of a listener with this protocol on this
 * load balancer: protocol pairing, same VPC, not already serving another load balancer.
 */
export function targetGroupFitsListener(
  lb: ForwardingLoadBalancer,
  listenerProtocol: string,
  tg: ForwardTargetGroup,
): string[] {
  const problems: string[] = [];
  if (ALB_PROTOCOLS.has(listenerProtocol)) {
    if (tg.targetType !== 'lambda' && tg.protocol !== 'HTTP' && tg.protocol !== 'HTTPS') {
      problems.push(
        `target group "${tg.name}" (${tg.protocol ?? 'no protocol'}): ${aListener(listenerProtocol)} forwards to HTTP or HTTPS target groups (or a lambda one); forward to one of those`,
      );
    }
  } else {
    const allowed = NLB_FORWARDS[listenerProtocol] ?? [];
    if (tg.protocol === undefined || !allowed.includes(tg.protocol)) {
      problems.push(
        `target group "${tg.name}" (${tg.protocol ?? tg.targetType}): ${aListener(listenerProtocol)} forwards to ${allowed.join(' or ')} target groups; forward to one of those`,
      );
    }
  }
  if (tg.targetType !== 'lambda' && tg.vpcId !== undefined && tg.vpcId !== lb.vpcId) {
    problems.push(
      `target group "${tg.name}": is in ${tg.vpcId}, but load balancer "${lb.name}" is in ${lb.vpcId}; use a target group in ${lb.vpcId}`,
    );
  }
  const others = tg.loadBalancers.filter((arn) => arn !== lb.arn);
  if (others.length > 0) {
    problems.push(
      `target group "${tg.name}": already serves another load balancer (${others.join(', ')}); a target group serves one load balancer, so create another target group`,
    );
  }
  return problems;
}

function normaliseAction(a: Action): unknown {
  switch (a.type) {
    case 'forward':
      // One target group without a weight is the same as one with weight 1.
      return {
        type: a.type,
        groups: a.targetGroups
          .map((g) => `${g.targetGroupArn}=${a.targetGroups.length === 1 ? 1 : (g.weight ?? 1)}`)
          .sort(),
        stickiness: a.stickinessSeconds ?? null,
      };
    case 'redirect':
      return {
        type: a.type,
        protocol: a.protocol ?? '#{protocol}',
        port: a.port ?? '#{port}',
        host: a.host ?? '#{host}',
        path: a.path ?? '/#{path}',
        query: a.query ?? '#{query}',
        statusCode: a.statusCode,
      };
    case 'fixed-response':
      return {
        type: a.type,
        statusCode: a.statusCode,
        contentType: a.contentType ?? null,
        messageBody: a.messageBody ?? '',
      };
    case 'other':
      return { type: a.awsType };
  }
}

export function sameActions(a: readonly Action[], b: readonly Action[]): boolean {
  return JSON.stringify(a.map(normaliseAction)) === JSON.stringify(b.map(normaliseAction));
}

export interface ListenerShape {
  protocol: string;
  port: number;
  sslPolicy?: string | undefined;
  certificates: readonly string[];
  defaultActions: readonly Action[];
}

/**
 * What differs between an existing listener and the one asked for (empty: they are the same,
 * so nothing needs to be written). Only the default certificate is compared: extra
 * certificates are reported by DescribeListenerCertificates, not DescribeListeners.
 */
export function listenerDifferences(existing: ListenerShape, wanted: ListenerShape): string[] {
  const diffs: string[] = [];
  if (existing.protocol !== wanted.protocol) diffs.push(`protocol ${existing.protocol}, not ${wanted.protocol}`);
  if (!sameActions(existing.defaultActions, wanted.defaultActions)) diffs.push('another default action');
  if (existing.protocol === wanted.protocol && isSecureProtocol(wanted.protocol)) {
    if ((existing.certificates[0] ?? '') !== (wanted.certificates[0] ?? '')) diffs.push('another default certificate');
    if ((existing.sslPolicy ?? '') !== (wanted.sslPolicy ?? ''))
      diffs.push(`ssl policy ${existing.sslPolicy ?? 'none'}`);
  }
  return diffs;
}
