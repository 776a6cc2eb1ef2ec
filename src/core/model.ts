/**
 * Domain types. SDK types never travel past src/aws; commands, renderers and the planner
 * speak these.
 */

export type LoadBalancerType = 'application' | 'network' | 'gateway';
export type Scheme = 'internet-facing' | 'internal';
export type IpAddressType = 'ipv4' | 'dualstack' | 'dualstack-without-public-ipv4';
export type TargetType = 'instance' | 'ip' | 'lambda' | 'alb';

export interface Tag {
  key: string;
  value: string;
}

export interface LoadBalancer {
  name: string;
  arn: string;
  type: LoadBalancerType;
  scheme: Scheme;
  state: string;
  dnsName: string;
  vpcId: string;
  availabilityZones: string[];
  subnets: string[];
  securityGroups: string[];
  ipAddressType: string;
  createdAt?: string | undefined;
}

export interface HealthCheck {
  enabled: boolean;
  protocol?: string | undefined;
  port?: string | undefined;
  path?: string | undefined;
  intervalSeconds?: number | undefined;
  timeoutSeconds?: number | undefined;
  healthyThreshold?: number | undefined;
  unhealthyThreshold?: number | undefined;
  matcher?: string | undefined;
}

export interface TargetGroup {
  name: string;
  arn: string;
  protocol?: string | undefined;
  port?: number | undefined;
  targetType: TargetType;
  vpcId?: string | undefined;
  /** ipv4 (AWS's default) or ipv6: which family of IP targets it takes. */
  ipAddressType?: string | undefined;
  loadBalancers: string[];
  healthCheck: HealthCheck;
}

export interface Target {
  id: string;
  port?: number | undefined;
  availabilityZone?: string | undefined;
}

export interface TargetHealth {
  id: string;
  port?: number | undefined;
  availabilityZone?: string | undefined;
  state: string;
  reason?: string | undefined;
  description?: string | undefined;
  hint?: string | undefined;
}

/**
 * An action elbctl does not interpret (authenticate-oidc, authenticate-cognito, jwt-validation,
 * and any type AWS adds later), carried exactly as AWS described it so a modify can send it back
 * unchanged. Only src/aws makes one and looks inside; everything else passes it along.
 */
declare const OPAQUE_ACTION: unique symbol;
export interface OpaqueAction {
  readonly [OPAQUE_ACTION]: true;
}

interface WeightedTargetGroup {
  targetGroupArn: string;
  weight?: number | undefined;
}

export type Action =
  | { type: 'forward'; targetGroups: WeightedTargetGroup[]; stickinessSeconds?: number | undefined }
  | {
      type: 'redirect';
      protocol?: string | undefined;
      port?: string | undefined;
      host?: string | undefined;
      path?: string | undefined;
      query?: string | undefined;
      statusCode: 'HTTP_301' | 'HTTP_302';
    }
  | { type: 'fixed-response'; statusCode: string; contentType?: string | undefined; messageBody?: string | undefined }
  | { type: 'other'; awsType: string; opaque?: OpaqueAction | undefined };

export type Condition =
  | { field: 'path-pattern'; values: string[] }
  | { field: 'host-header'; values: string[] }
  | { field: 'http-request-method'; values: string[] }
  | { field: 'source-ip'; values: string[] }
  | { field: 'http-header'; headerName: string; values: string[] }
  | { field: 'query-string'; values: Array<{ key?: string | undefined; value: string }> };

export interface Listener {
  arn: string;
  loadBalancerArn: string;
  protocol: string;
  port: number;
  sslPolicy?: string | undefined;
  certificates: string[];
  defaultActions: Action[];
}

export interface Rule {
  arn: string;
  /** A number for ordinary rules, `default` for the listener's default rule. */
  priority: number | 'default';
  isDefault: boolean;
  conditions: Condition[];
  actions: Action[];
}

/** ARN helpers that need no IO. */
export const isArn = (value: string): boolean => value.startsWith('arn:');

/** `arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID` → `app/NAME/ID` */
export function loadBalancerDimension(arn: string): string {
  const marker = ':loadbalancer/';
  const at = arn.indexOf(marker);
  return at < 0 ? arn : arn.slice(at + marker.length);
}

/** `arn:...:targetgroup/NAME/ID` → `targetgroup/NAME/ID` */
export function targetGroupDimension(arn: string): string {
  const marker = ':targetgroup/';
  const at = arn.indexOf(marker);
  return at < 0 ? arn : `targetgroup/${arn.slice(at + marker.length)}`;
}

/** Load balancer type from its ARN (`.../app/...` → application). */
export function loadBalancerTypeFromArn(arn: string): LoadBalancerType | undefined {
  const dim = loadBalancerDimension(arn);
  if (dim.startsWith('app/')) return 'application';
  if (dim.startsWith('net/')) return 'network';
  if (dim.startsWith('gwy/')) return 'gateway';
  return undefined;
}
