/**
 * Load balancer and target group attributes: which keys exist for which kind of resource and
 * which values they take (the ELBv2 API reference, LoadBalancerAttribute / TargetGroupAttribute).
 * The emulator accepts any key and value, and AWS rejects a whole batch for one bad pair, so
 * elbctl checks every KEY=VALUE itself and reports all problems at once.
 */
import type { LoadBalancerType, TargetType } from './model';
import { albCrossZoneRefusal, CROSS_ZONE_ATTRIBUTE, INHERIT_VALUE, lambdaCrossZoneRefusal } from './cross-zone';
import { quote } from './echo';
import { type Problem, problem } from './rules/problem';
import { parseInteger, parseKeyValue } from './rules/values';

export interface AttributeSetting {
  key: string;
  value: string;
}

/** Returns why a value is wrong and what to write instead, or `undefined` when it is fine. */
type ValueCheck = (value: string) => string | undefined;

const bool: ValueCheck = (v) => (v === 'true' || v === 'false' ? undefined : 'must be true or false');

const wholeNumber =
  (min: number, max?: number): ValueCheck =>
  (v) => {
    const n = parseInteger(v);
    if (n !== undefined && n >= min && (max === undefined || n <= max)) return undefined;
    return max === undefined
      ? `must be a whole number of at least ${min}`
      : `must be a whole number from ${min} to ${max}`;
  };

const oneOf =
  (...allowed: string[]): ValueCheck =>
  (v) =>
    allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`;

const offOr =
  (inner: ValueCheck): ValueCheck =>
  (v) => {
    if (v === 'off') return undefined;
    const p = inner(v);
    return p === undefined ? undefined : `must be off, or ${p.replace(/^must be /, '')}`;
  };

/** Free-form values (bucket names, prefixes) that only AWS can judge. */
const anything: ValueCheck = () => undefined;

const slowStart: ValueCheck = (v) => {
  const n = parseInteger(v);
  return n === 0 || (n !== undefined && n >= 30 && n <= 900)
    ? undefined
    : 'must be 0 (off) or a whole number from 30 to 900';
};

const cookieName: ValueCheck = (v) => {
  if (v.length === 0) return 'must not be empty; name the cookie your application sets';
  if (v.toUpperCase().startsWith('AWSALB'))
    return 'names beginning with AWSALB are reserved by the load balancer; choose another name';
  return undefined;
};

type LbTypes = readonly LoadBalancerType[];
const ALL: LbTypes = ['application', 'network', 'gateway'];
const ALB_NLB: LbTypes = ['application', 'network'];
const ALB: LbTypes = ['application'];
const NLB: LbTypes = ['network'];

const LOAD_BALANCER_ATTRIBUTES: Readonly<Record<string, { types: LbTypes; check: ValueCheck }>> = {
  'deletion_protection.enabled': { types: ALL, check: bool },
  [CROSS_ZONE_ATTRIBUTE]: { types: ALL, check: bool },
  'access_logs.s3.enabled': { types: ALB_NLB, check: bool },
  'access_logs.s3.bucket': { types: ALB_NLB, check: anything },
  'access_logs.s3.prefix': { types: ALB_NLB, check: anything },
  'ipv6.deny_all_igw_traffic': { types: ALB_NLB, check: bool },
  'zonal_shift.config.enabled': { types: ALB_NLB, check: bool },
  'idle_timeout.timeout_seconds': { types: ALB, check: wholeNumber(1, 4000) },
  'client_keep_alive.seconds': { types: ALB, check: wholeNumber(60, 604800) },
  'connection_logs.s3.enabled': { types: ALB, check: bool },
  'connection_logs.s3.bucket': { types: ALB, check: anything },
  'connection_logs.s3.prefix': { types: ALB, check: anything },
  'health_check_logs.s3.enabled': { types: ALB, check: bool },
  'health_check_logs.s3.bucket': { types: ALB, check: anything },
  'health_check_logs.s3.prefix': { types: ALB, check: anything },
  'routing.http.desync_mitigation_mode': { types: ALB, check: oneOf('monitor', 'defensive', 'strictest') },
  'routing.http.drop_invalid_header_fields.enabled': { types: ALB, check: bool },
  'routing.http.preserve_host_header.enabled': { types: ALB, check: bool },
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': { types: ALB, check: bool },
  'routing.http.xff_client_port.enabled': { types: ALB, check: bool },
  'routing.http.xff_header_processing.mode': { types: ALB, check: oneOf('append', 'preserve', 'remove') },
  'routing.http2.enabled': { types: ALB, check: bool },
  'waf.fail_open.enabled': { types: ALB, check: bool },
  'dns_record.client_routing_policy': {
    types: NLB,
    check: oneOf('availability_zone_affinity', 'partial_availability_zone_affinity', 'any_availability_zone'),
  },
  'secondary_ips.auto_assigned.per_subnet': { types: NLB, check: wholeNumber(0, 7) },
};

const TARGET_GROUP_ATTRIBUTES: Readonly<Record<string, ValueCheck>> = {
  'deregistration_delay.timeout_seconds': wholeNumber(0, 3600),
  'stickiness.enabled': bool,
  'stickiness.type': oneOf('lb_cookie', 'app_cookie', 'source_ip', 'source_ip_dest_ip', 'source_ip_dest_ip_proto'),
  [CROSS_ZONE_ATTRIBUTE]: oneOf('true', 'false', INHERIT_VALUE),
  'target_group_health.dns_failover.minimum_healthy_targets.count': offOr(wholeNumber(1)),
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': offOr(wholeNumber(1, 100)),
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': wholeNumber(1),
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': offOr(wholeNumber(1, 100)),
  'load_balancing.algorithm.type': oneOf('round_robin', 'least_outstanding_requests', 'weighted_random'),
  'load_balancing.algorithm.anomaly_mitigation': oneOf('on', 'off'),
  'slow_start.duration_seconds': slowStart,
  'stickiness.app_cookie.cookie_name': cookieName,
  'stickiness.app_cookie.duration_seconds': wholeNumber(1, 604800),
  'stickiness.lb_cookie.duration_seconds': wholeNumber(1, 604800),
  'lambda.multi_value_headers.enabled': bool,
  'deregistration_delay.connection_termination.enabled': bool,
  'preserve_client_ip.enabled': bool,
  'proxy_protocol_v2.enabled': bool,
  'target_health_state.unhealthy.connection_termination.enabled': bool,
  'target_health_state.unhealthy.draining_interval_seconds': wholeNumber(0, 360000),
  'target_failover.on_deregistration': oneOf('rebalance', 'no_rebalance'),
  'target_failover.on_unhealthy': oneOf('rebalance', 'no_rebalance'),
  'send_tcp_reset.on_unhealthy.enabled': bool,
  'send_tcp_reset.on_deregistration.enabled': bool,
};

/** Listener attributes (ListenerAttribute): TCP idle timeout on network and gateway listeners, header names and response headers on application ones. */
const headerName: ValueCheck = (v) =>
  /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,40}$/.test(v)
    ? undefined
    : 'must be a header name: 1-40 letters, digits and - _ . (no spaces)';
const headerValue: ValueCheck = (v) => (v.length <= 1024 ? undefined : 'must be at most 1024 characters');
const mtlsHeader = (name: string) => `routing.http.request.x_amzn_mtls_${name}.header_name`;
const LISTENER_ATTRIBUTES: Readonly<Record<string, { types: LbTypes; check: ValueCheck }>> = {
  'tcp.idle_timeout.seconds': { types: ['network', 'gateway'], check: wholeNumber(60, 6000) },
  [mtlsHeader('clientcert_serial_number')]: { types: ALB, check: headerName },
  [mtlsHeader('clientcert_issuer')]: { types: ALB, check: headerName },
  [mtlsHeader('clientcert_subject')]: { types: ALB, check: headerName },
  [mtlsHeader('clientcert_validity')]: { types: ALB, check: headerName },
  [mtlsHeader('clientcert_leaf')]: { types: ALB, check: headerName },
  [mtlsHeader('clientcert')]: { types: ALB, check: headerName },
  'routing.http.request.x_amzn_tls_version.header_name': { types: ALB, check: headerName },
  'routing.http.request.x_amzn_tls_cipher_suite.header_name': { types: ALB, check: headerName },
  'routing.http.response.server.enabled': { types: ALB, check: bool },
  'routing.http.response.strict_transport_security.header_value': { types: ALB, check: headerValue },
  'routing.http.response.access_control_allow_origin.header_value': { types: ALB, check: headerValue },
  'routing.http.response.access_control_allow_methods.header_value': { types: ALB, check: headerValue },
  'routing.http.response.access_control_allow_headers.header_value': { types: ALB, check: headerValue },
  'routing.http.response.access_control_allow_credentials.header_value': { types: ALB, check: oneOf('true') },
  'routing.http.response.access_control_expose_headers.header_value': { types: ALB, check: headerValue },
  'routing.http.response.access_control_max_age.header_value': { types: ALB, check: wholeNumber(0) },
  'routing.http.response.content_security_policy.header_value': { types: ALB, check: headerValue },
  'routing.http.response.x_content_type_options.header_value': { types: ALB, check: oneOf('nosniff') },
  'routing.http.response.x_frame_options.header_value': {
    types: ALB,
    check: (v) =>
      ['DENY', 'SAMEORIGIN'].includes(v) || v.startsWith('ALLOW-FROM ')
        ? undefined
        : 'must be DENY, SAMEORIGIN or ALLOW-FROM URI',
  },
};

function listenerAttributeKeys(type: LoadBalancerType): string[] {
  return Object.entries(LISTENER_ATTRIBUTES)
    .filter(([, rule]) => rule.types.includes(type))
    .map(([key]) => key)
    .sort();
}

/** Every problem with these settings on a listener of a load balancer of this type (empty when all are fine). */
export function checkListenerAttributes(
  type: LoadBalancerType,
  label: string,
  settings: readonly AttributeSetting[],
): Problem[] {
  const problems: Problem[] = [];
  for (const s of settings) {
    const rule = LISTENER_ATTRIBUTES[s.key];
    if (!rule?.types.includes(type)) {
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: not a listener attribute of ${type === 'application' ? 'an' : 'a'} ${type} load balancer (${label}); use one of: ${listenerAttributeKeys(type).join(', ')}`,
        ),
      );
      continue;
    }
    const why = rule.check(s.value);
    if (why) problems.push(valueProblem(s, why));
  }
  return problems;
}

const TYPE_WORD: Record<LoadBalancerType, string> = {
  application: 'application',
  network: 'network',
  gateway: 'gateway',
};

/**
 * The keys `--set` accepts on a load balancer of this type, sorted. An application load
 * balancer's cross-zone key is left out: AWS refuses to change it.
 */
export function loadBalancerAttributeKeys(type: LoadBalancerType): string[] {
  return Object.entries(LOAD_BALANCER_ATTRIBUTES)
    .filter(([key, rule]) => rule.types.includes(type) && !(type === 'application' && key === CROSS_ZONE_ATTRIBUTE))
    .map(([key]) => key)
    .sort();
}

export function targetGroupAttributeKeys(): string[] {
  return Object.keys(TARGET_GROUP_ATTRIBUTES).sort();
}

/**
 * `--set KEY=VALUE ..` → settings. Checks only the form (no key is judged here), so it can
 * run before the resource, and with it its type, is known.
 */
export function parseAttributeSettings(raws: readonly string[]): { settings: AttributeSetting[]; problems: Problem[] } {
  const settings: AttributeSetting[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const raw of raws) {
    const kv = parseKeyValue('attribute', raw, 'E_ATTRIBUTE');
    if (!kv.ok) {
      problems.push(kv.problem);
      continue;
    }
    const earlier = seen.get(kv.key);
    if (earlier !== undefined) {
      problems.push(
        problem(
          'E_DUPLICATE',
          `attribute ${quote(kv.key)}: set twice (${quote(`${kv.key}=${earlier}`)} and ${quote(raw)}); set each key once`,
        ),
      );
      continue;
    }
    seen.set(kv.key, kv.value);
    settings.push({ key: kv.key, value: kv.value });
  }
  return { settings, problems };
}

const valueProblem = (s: AttributeSetting, why: string) =>
  problem('E_ATTRIBUTE', `attribute ${quote(`${s.key}=${s.value}`)}: ${why}`);

/** Every problem with these settings on a load balancer of this type (empty when all are fine). */
export function checkLoadBalancerAttributes(
  type: LoadBalancerType,
  loadBalancerName: string,
  settings: readonly AttributeSetting[],
): Problem[] {
  const problems: Problem[] = [];
  const valid = () => loadBalancerAttributeKeys(type).join(', ');
  for (const s of settings) {
    if (type === 'application' && s.key === CROSS_ZONE_ATTRIBUTE) {
      problems.push(problem('E_CROSS_ZONE', albCrossZoneRefusal(loadBalancerName)));
      continue;
    }
    const rule = LOAD_BALANCER_ATTRIBUTES[s.key];
    if (!rule) {
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: not a known ${TYPE_WORD[type]} load balancer attribute; use one of: ${valid()}`,
        ),
      );
      continue;
    }
    if (!rule.types.includes(type)) {
      const owners = rule.types.map((t) => TYPE_WORD[t]).join(' and ');
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: ${owners} load balancers only, ${quote(loadBalancerName)} is a ${TYPE_WORD[type]} one; use one of: ${valid()}`,
        ),
      );
      continue;
    }
    const why = rule.check(s.value);
    if (why) problems.push(valueProblem(s, why));
  }
  return problems;
}

export interface TargetGroupIdentity {
  name: string;
  targetType: TargetType;
}

/**
 * Every problem with these settings on a target group. Without `targetGroup` only keys and
 * values are judged (possible before any AWS call); with it, what its target type rules out too.
 */
export function checkTargetGroupAttributes(
  settings: readonly AttributeSetting[],
  targetGroup?: TargetGroupIdentity,
): Problem[] {
  const problems: Problem[] = [];
  for (const s of settings) {
    const check = TARGET_GROUP_ATTRIBUTES[s.key];
    if (!check) {
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: not a known target group attribute; use one of: ${targetGroupAttributeKeys().join(', ')}`,
        ),
      );
      continue;
    }
    const why = check(s.value);
    if (why) {
      problems.push(valueProblem(s, why));
      continue;
    }
    if (targetGroup?.targetType === 'lambda' && s.key === CROSS_ZONE_ATTRIBUTE) {
      problems.push(problem('E_CROSS_ZONE', lambdaCrossZoneRefusal(targetGroup.name)));
    }
  }
  return problems;
}
