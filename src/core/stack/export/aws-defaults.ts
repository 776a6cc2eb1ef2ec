/** AWS's own defaults for what export leaves out: the health check a new target group gets (attribute defaults are the rulebook's: rules/attribute-table.ts). */
import type { HealthCheck } from '../../model';
import { defaultStickinessType, isHttpProtocol } from '../defaults';
import type { ObservedTargetGroup } from '../model';
import type { TargetGroupFile } from '../schema';

/** A GENEVE target group reports the 3-tuple type while stickiness is off (5-tuple flows are its default). */
export const liveDefaultStickinessType = (tg: ObservedTargetGroup): string =>
  tg.protocol === 'GENEVE'
    ? 'source_ip_dest_ip_proto'
    : defaultStickinessType({ protocol: tg.protocol as TargetGroupFile['protocol'], targetType: tg.targetType });

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
  if (tg.protocol === 'GENEVE') {
    // Gateway load balancer target groups: TCP on port 80 every 10 seconds, 5 seconds to answer.
    return {
      ...common,
      enabled: true,
      protocol: 'TCP',
      port: '80',
      intervalSeconds: 10,
      timeoutSeconds: 5,
      matcher: '200-399',
    };
  }
  // Network load balancer target groups; an `alb` target group is checked over HTTP.
  const protocol = tg.targetType === 'alb' ? 'HTTP' : 'TCP';
  const effective = healthCheckProtocol ?? protocol;
  return { ...common, enabled: true, protocol, timeoutSeconds: effective === 'HTTP' ? 6 : 10, matcher: '200-399' };
}
