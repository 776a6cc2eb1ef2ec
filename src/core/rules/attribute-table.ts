/**
 * The attribute table: every key AWS documents for load balancers, target groups and listeners
 * (the ELBv2 API reference: LoadBalancerAttribute, TargetGroupAttribute, ListenerAttribute), with
 * its value type and documented range, AWS's default for a new resource, and where it applies.
 * Data only; the checks that read it are in attributes.ts.
 */
import { CROSS_ZONE_ATTRIBUTE, INHERIT_VALUE } from '../cross-zone';
import type { LoadBalancerType, Scheme, TargetType } from '../model';

/** What a value may be. Integers are whole numbers from `min` to `max` (no max: any above `min`). */
export type AttributeValue =
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max?: number; orOff?: true; orZero?: true }
  | { kind: 'enum'; values: readonly string[] }
  /** Free text AWS alone can judge (bucket names, prefixes), up to `max` characters when AWS documents one. */
  | { kind: 'text'; max?: number }
  /** An HTTP header name: 1-40 token characters. */
  | { kind: 'header-name' }
  /** A cookie name that does not begin with AWSALB (AWSALB, AWSALBAPP, AWSALBTG are the load balancer's). */
  | { kind: 'cookie-name' }
  /** DENY, SAMEORIGIN or ALLOW-FROM URI. */
  | { kind: 'frame-options' };

type LbTypes = readonly LoadBalancerType[];
const ALL: LbTypes = ['application', 'network', 'gateway'];
const ALB_NLB: LbTypes = ['application', 'network'];
const ALB: LbTypes = ['application'];
const NLB: LbTypes = ['network'];
const GWLB: LbTypes = ['gateway'];

const BOOLEAN: AttributeValue = { kind: 'boolean' };
const TEXT: AttributeValue = { kind: 'text' };
const int = (min: number, max?: number): AttributeValue =>
  max === undefined ? { kind: 'integer', min } : { kind: 'integer', min, max };
const oneOf = (...values: string[]): AttributeValue => ({ kind: 'enum', values });

/** The parts of a load balancer a default depends on. */
export interface LoadBalancerTraits {
  type: LoadBalancerType;
  scheme: Scheme;
}

export interface LoadBalancerAttributeRule {
  types: LbTypes;
  value: AttributeValue;
  /** AWS's value on a new load balancer (what DescribeLoadBalancerAttributes reports before any change). */
  default: string | ((lb: LoadBalancerTraits) => string);
}

export const LOAD_BALANCER_ATTRIBUTES: Readonly<Record<string, LoadBalancerAttributeRule>> = {
  'deletion_protection.enabled': { types: ALL, value: BOOLEAN, default: 'false' },
  [CROSS_ZONE_ATTRIBUTE]: {
    types: ALL,
    value: BOOLEAN,
    default: (lb) => (lb.type === 'application' ? 'true' : 'false'),
  },
  'access_logs.s3.enabled': { types: ALB_NLB, value: BOOLEAN, default: 'false' },
  'access_logs.s3.bucket': { types: ALB_NLB, value: TEXT, default: '' },
  'access_logs.s3.prefix': { types: ALB_NLB, value: TEXT, default: '' },
  'ipv6.deny_all_igw_traffic': {
    types: ALB_NLB,
    value: BOOLEAN,
    default: (lb) => (lb.scheme === 'internal' ? 'true' : 'false'),
  },
  'zonal_shift.config.enabled': { types: ALB_NLB, value: BOOLEAN, default: 'false' },
  'idle_timeout.timeout_seconds': { types: ALB, value: int(1, 4000), default: '60' },
  'client_keep_alive.seconds': { types: ALB, value: int(60, 604800), default: '3600' },
  'connection_logs.s3.enabled': { types: ALB, value: BOOLEAN, default: 'false' },
  'connection_logs.s3.bucket': { types: ALB, value: TEXT, default: '' },
  'connection_logs.s3.prefix': { types: ALB, value: TEXT, default: '' },
  'health_check_logs.s3.enabled': { types: ALB, value: BOOLEAN, default: 'false' },
  'health_check_logs.s3.bucket': { types: ALB, value: TEXT, default: '' },
  'health_check_logs.s3.prefix': { types: ALB, value: TEXT, default: '' },
  'routing.http.desync_mitigation_mode': {
    types: ALB,
    value: oneOf('monitor', 'defensive', 'strictest'),
    default: 'defensive',
  },
  'routing.http.drop_invalid_header_fields.enabled': { types: ALB, value: BOOLEAN, default: 'false' },
  'routing.http.preserve_host_header.enabled': { types: ALB, value: BOOLEAN, default: 'false' },
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': { types: ALB, value: BOOLEAN, default: 'false' },
  'routing.http.xff_client_port.enabled': { types: ALB, value: BOOLEAN, default: 'false' },
  'routing.http.xff_header_processing.mode': {
    types: ALB,
    value: oneOf('append', 'preserve', 'remove'),
    default: 'append',
  },
  'routing.http2.enabled': { types: ALB, value: BOOLEAN, default: 'true' },
  'waf.fail_open.enabled': { types: ALB, value: BOOLEAN, default: 'false' },
  'dns_record.client_routing_policy': {
    types: NLB,
    value: oneOf('availability_zone_affinity', 'partial_availability_zone_affinity', 'any_availability_zone'),
    default: 'any_availability_zone',
  },
  'secondary_ips.auto_assigned.per_subnet': { types: NLB, value: int(0, 7), default: '0' },
};

/** The parts of a target group its attributes depend on (protocol undefined: a lambda target group). */
export interface TargetGroupTraits {
  protocol?: string | undefined;
  targetType: TargetType;
}

export interface TargetGroupAttributeRule {
  /** The kinds of load balancer whose target groups take it (a target group's protocol says which: see attributes.ts). */
  loadBalancers: LbTypes;
  /** Only these target types; undefined: every one. */
  targetTypes?: readonly TargetType[];
  value: AttributeValue;
  default: string | ((tg: TargetGroupTraits) => string);
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTPS']);
const UDP_PROTOCOLS = new Set(['UDP', 'TCP_UDP']);
const INSTANCE_IP: readonly TargetType[] = ['instance', 'ip'];

/** lb_cookie for HTTP/HTTPS and lambda target groups, source_ip for network ones, 5-tuple for GENEVE. */
function awsDefaultStickinessType(tg: TargetGroupTraits): string {
  if (tg.targetType === 'lambda' || HTTP_PROTOCOLS.has(tg.protocol ?? '')) return 'lb_cookie';
  return tg.protocol === 'GENEVE' ? 'source_ip_dest_ip_proto' : 'source_ip';
}

export const TARGET_GROUP_ATTRIBUTES: Readonly<Record<string, TargetGroupAttributeRule>> = {
  'deregistration_delay.timeout_seconds': {
    loadBalancers: ALL,
    targetTypes: ['instance', 'ip', 'alb'],
    value: int(0, 3600),
    default: '300',
  },
  'stickiness.enabled': { loadBalancers: ALL, value: BOOLEAN, default: 'false' },
  'stickiness.type': {
    loadBalancers: ALL,
    value: oneOf('lb_cookie', 'app_cookie', 'source_ip', 'source_ip_dest_ip', 'source_ip_dest_ip_proto'),
    default: awsDefaultStickinessType,
  },
  [CROSS_ZONE_ATTRIBUTE]: {
    loadBalancers: ALB_NLB,
    value: oneOf('true', 'false', INHERIT_VALUE),
    default: INHERIT_VALUE,
  },
  'target_group_health.dns_failover.minimum_healthy_targets.count': {
    loadBalancers: ALB_NLB,
    value: { kind: 'integer', min: 1, orOff: true },
    default: '1',
  },
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': {
    loadBalancers: ALB_NLB,
    value: { kind: 'integer', min: 1, max: 100, orOff: true },
    default: 'off',
  },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': {
    loadBalancers: ALB_NLB,
    value: int(1),
    default: '1',
  },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': {
    loadBalancers: ALB_NLB,
    value: { kind: 'integer', min: 1, max: 100, orOff: true },
    default: 'off',
  },
  'load_balancing.algorithm.type': {
    loadBalancers: ALB,
    targetTypes: INSTANCE_IP,
    value: oneOf('round_robin', 'least_outstanding_requests', 'weighted_random'),
    default: 'round_robin',
  },
  'load_balancing.algorithm.anomaly_mitigation': {
    loadBalancers: ALB,
    targetTypes: INSTANCE_IP,
    value: oneOf('on', 'off'),
    default: 'off',
  },
  'slow_start.duration_seconds': {
    loadBalancers: ALB,
    targetTypes: INSTANCE_IP,
    value: { kind: 'integer', min: 30, max: 900, orZero: true },
    default: '0',
  },
  'stickiness.app_cookie.cookie_name': {
    loadBalancers: ALB,
    targetTypes: INSTANCE_IP,
    value: { kind: 'cookie-name' },
    default: '',
  },
  'stickiness.app_cookie.duration_seconds': {
    loadBalancers: ALB,
    targetTypes: INSTANCE_IP,
    value: int(1, 604800),
    default: '86400',
  },
  'stickiness.lb_cookie.duration_seconds': {
    loadBalancers: ALB,
    targetTypes: INSTANCE_IP,
    value: int(1, 604800),
    default: '86400',
  },
  'lambda.multi_value_headers.enabled': {
    loadBalancers: ALB,
    targetTypes: ['lambda'],
    value: BOOLEAN,
    default: 'false',
  },
  'deregistration_delay.connection_termination.enabled': {
    loadBalancers: NLB,
    value: BOOLEAN,
    default: (tg) => (UDP_PROTOCOLS.has(tg.protocol ?? '') ? 'true' : 'false'),
  },
  'preserve_client_ip.enabled': {
    loadBalancers: NLB,
    value: BOOLEAN,
    default: (tg) => (tg.targetType === 'ip' && (tg.protocol === 'TCP' || tg.protocol === 'TLS') ? 'false' : 'true'),
  },
  'proxy_protocol_v2.enabled': { loadBalancers: NLB, value: BOOLEAN, default: 'false' },
  'target_health_state.unhealthy.connection_termination.enabled': {
    loadBalancers: NLB,
    value: BOOLEAN,
    default: 'true',
  },
  'target_health_state.unhealthy.draining_interval_seconds': {
    loadBalancers: NLB,
    value: int(0, 360000),
    default: '0',
  },
  'target_failover.on_deregistration': {
    loadBalancers: GWLB,
    value: oneOf('rebalance', 'no_rebalance'),
    default: 'no_rebalance',
  },
  'target_failover.on_unhealthy': {
    loadBalancers: GWLB,
    value: oneOf('rebalance', 'no_rebalance'),
    default: 'no_rebalance',
  },
  'send_tcp_reset.on_unhealthy.enabled': { loadBalancers: GWLB, value: BOOLEAN, default: 'false' },
  'send_tcp_reset.on_deregistration.enabled': { loadBalancers: GWLB, value: BOOLEAN, default: 'false' },
};

export interface ListenerAttributeRule {
  types: LbTypes;
  /** Only listeners of these protocols; undefined: every listener of those load balancers. */
  protocols?: readonly string[];
  value: AttributeValue;
  default: string;
}

const HEADER_NAME: AttributeValue = { kind: 'header-name' };
/** Response header values: free text up to 1024 characters, none by default. */
const HEADER_VALUE: AttributeValue = { kind: 'text', max: 1024 };
const request = (header: string) => `routing.http.request.${header}.header_name`;
const response = (header: string) => `routing.http.response.${header}.header_value`;
/** mTLS and TLS request headers are renamed on HTTPS listeners only; by default each keeps its own name. */
const renamed = (header: string, name: string): [string, ListenerAttributeRule] => [
  request(header),
  { types: ALB, protocols: ['HTTPS'], value: HEADER_NAME, default: name },
];
const added = (header: string, value: AttributeValue = HEADER_VALUE): [string, ListenerAttributeRule] => [
  response(header),
  { types: ALB, value, default: '' },
];

export const LISTENER_ATTRIBUTES: Readonly<Record<string, ListenerAttributeRule>> = {
  'tcp.idle_timeout.seconds': { types: ['network', 'gateway'], value: int(60, 6000), default: '350' },
  'send_tcp_reset.on_idle_timeout.enabled': { types: GWLB, value: BOOLEAN, default: 'false' },
  ...Object.fromEntries([
    renamed('x_amzn_mtls_clientcert_serial_number', 'X-Amzn-Mtls-Clientcert-Serial-Number'),
    renamed('x_amzn_mtls_clientcert_issuer', 'X-Amzn-Mtls-Clientcert-Issuer'),
    renamed('x_amzn_mtls_clientcert_subject', 'X-Amzn-Mtls-Clientcert-Subject'),
    renamed('x_amzn_mtls_clientcert_validity', 'X-Amzn-Mtls-Clientcert-Validity'),
    renamed('x_amzn_mtls_clientcert_leaf', 'X-Amzn-Mtls-Clientcert-Leaf'),
    renamed('x_amzn_mtls_clientcert', 'X-Amzn-Mtls-Clientcert'),
    renamed('x_amzn_tls_version', 'X-Amzn-Tls-Version'),
    renamed('x_amzn_tls_cipher_suite', 'X-Amzn-Tls-Cipher-Suite'),
    ['routing.http.response.server.enabled', { types: ALB, value: BOOLEAN, default: 'true' }],
    added('strict_transport_security'),
    added('access_control_allow_origin'),
    added('access_control_allow_methods'),
    added('access_control_allow_headers'),
    added('access_control_allow_credentials', oneOf('true')),
    added('access_control_expose_headers'),
    added('access_control_max_age', int(0)),
    added('content_security_policy'),
    added('x_content_type_options', oneOf('nosniff')),
    added('x_frame_options', { kind: 'frame-options' }),
  ]),
};
