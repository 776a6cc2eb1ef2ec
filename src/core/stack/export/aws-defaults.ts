/** AWS's own defaults for what export leaves out: attributes and health checks a new resource gets. */
import { CROSS_ZONE_ATTRIBUTE, INHERIT_VALUE } from '../../cross-zone';
import type { HealthCheck } from '../../model';
import {
  ALGORITHM_ATTRIBUTE,
  APP_COOKIE_DURATION_ATTRIBUTE,
  APP_COOKIE_NAME_ATTRIBUTE,
  DEREGISTRATION_DELAY_ATTRIBUTE,
  LB_COOKIE_DURATION_ATTRIBUTE,
  STICKINESS_ENABLED_ATTRIBUTE,
  STICKINESS_TYPE_ATTRIBUTE,
  defaultStickinessType,
  isHttpProtocol,
} from '../defaults';
import type { ObservedLoadBalancer, ObservedTargetGroup } from '../model';
import type { TargetGroupFile } from '../schema';

/**
 * Attribute values AWS gives a new load balancer (DescribeLoadBalancerAttributes). Keys the
 * stack has typed fields for (deletion protection, cross-zone, invalid headers) are handled
 * apart, against elbctl's defaults.
 */
export const LOAD_BALANCER_ATTRIBUTE_DEFAULTS: Readonly<Record<string, (lb: ObservedLoadBalancer) => string>> = {
  'access_logs.s3.enabled': () => 'false',
  'access_logs.s3.bucket': () => '',
  'access_logs.s3.prefix': () => '',
  'ipv6.deny_all_igw_traffic': (lb) => (lb.scheme === 'internal' ? 'true' : 'false'),
  'zonal_shift.config.enabled': () => 'false',
  'idle_timeout.timeout_seconds': () => '60',
  'client_keep_alive.seconds': () => '3600',
  'connection_logs.s3.enabled': () => 'false',
  'connection_logs.s3.bucket': () => '',
  'connection_logs.s3.prefix': () => '',
  'health_check_logs.s3.enabled': () => 'false',
  'health_check_logs.s3.bucket': () => '',
  'health_check_logs.s3.prefix': () => '',
  'routing.http.desync_mitigation_mode': () => 'defensive',
  'routing.http.preserve_host_header.enabled': () => 'false',
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': () => 'false',
  'routing.http.xff_client_port.enabled': () => 'false',
  'routing.http.xff_header_processing.mode': () => 'append',
  'routing.http2.enabled': () => 'true',
  'waf.fail_open.enabled': () => 'false',
  'dns_record.client_routing_policy': () => 'any_availability_zone',
  'secondary_ips.auto_assigned.per_subnet': () => '0',
};

const UDP_PROTOCOLS = new Set(['UDP', 'TCP_UDP']);

export const liveDefaultStickinessType = (tg: ObservedTargetGroup) =>
  defaultStickinessType({ protocol: tg.protocol as TargetGroupFile['protocol'], targetType: tg.targetType });

/** Attribute values AWS gives a new target group (the ELBv2 API reference, TargetGroupAttribute). */
export const TARGET_GROUP_ATTRIBUTE_DEFAULTS: Readonly<Record<string, (tg: ObservedTargetGroup) => string>> = {
  [DEREGISTRATION_DELAY_ATTRIBUTE]: () => '300',
  [STICKINESS_ENABLED_ATTRIBUTE]: () => 'false',
  [STICKINESS_TYPE_ATTRIBUTE]: (tg) => liveDefaultStickinessType(tg),
  [LB_COOKIE_DURATION_ATTRIBUTE]: () => '86400',
  [APP_COOKIE_NAME_ATTRIBUTE]: () => '',
  [APP_COOKIE_DURATION_ATTRIBUTE]: () => '86400',
  [CROSS_ZONE_ATTRIBUTE]: () => INHERIT_VALUE,
  [ALGORITHM_ATTRIBUTE]: () => 'round_robin',
  'load_balancing.algorithm.anomaly_mitigation': () => 'off',
  'slow_start.duration_seconds': () => '0',
  'lambda.multi_value_headers.enabled': () => 'false',
  'deregistration_delay.connection_termination.enabled': (tg) =>
    UDP_PROTOCOLS.has(tg.protocol ?? '') ? 'true' : 'false',
  'preserve_client_ip.enabled': (tg) =>
    tg.targetType === 'ip' && (tg.protocol === 'TCP' || tg.protocol === 'TLS') ? 'false' : 'true',
  'proxy_protocol_v2.enabled': () => 'false',
  'target_group_health.dns_failover.minimum_healthy_targets.count': () => '1',
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': () => 'off',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': () => '1',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': () => 'off',
  'target_health_state.unhealthy.connection_termination.enabled': () => 'true',
  'target_health_state.unhealthy.draining_interval_seconds': () => '0',
  'target_failover.on_deregistration': () => 'no_rebalance',
  'target_failover.on_unhealthy': () => 'no_rebalance',
  'send_tcp_reset.on_unhealthy.enabled': () => 'false',
  'send_tcp_reset.on_deregistration.enabled': () => 'false',
};

type HealthCheckDefaults = Required<Omit<HealthCheck, 'enabled'>> & { enabled: boolean };

/**
 * The health check AWS gives a new target group of this kind (CreateTargetGroup): it depends
 * on the target type, the target group's protocol and, for timeouts, the health check's own.
 */
export function healthCheckDefaults(
  tg: Pick<ObservedTargetGroup, 'protocol' | 'targetType' | 'protocolVersion'>,
  healthCheckProtocol?: string,
): HealthCheckDefaults {
  const common = { port: 'traffic-port', path: '/', intervalSeconds: 30, healthyThreshold: 5, unhealthyThreshold: 2 };
  if (tg.targetType === 'lambda') {
    return { ...common, enabled: false, protocol: 'HTTP', intervalSeconds: 35, timeoutSeconds: 30, matcher: '200' };
  }
  if (isHttpProtocol(tg.protocol) && tg.protocolVersion === 'GRPC') {
    // gRPC: AWS checks /AWS.ALB/healthcheck and counts status 12 (unimplemented) as healthy.
    return {
      ...common,
      path: '/AWS.ALB/healthcheck',
      enabled: true,
      protocol: tg.protocol as string,
      timeoutSeconds: 5,
      matcher: '12',
    };
  }
  if (isHttpProtocol(tg.protocol)) {
    return { ...common, enabled: true, protocol: tg.protocol as string, timeoutSeconds: 5, matcher: '200' };
  }
  // Network load balancer target groups; an `alb` target group is checked over HTTP.
  const protocol = tg.targetType === 'alb' ? 'HTTP' : 'TCP';
  const effective = healthCheckProtocol ?? protocol;
  return { ...common, enabled: true, protocol, timeoutSeconds: effective === 'HTTP' ? 6 : 10, matcher: '200-399' };
}
