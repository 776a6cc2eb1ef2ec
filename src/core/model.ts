/**
 * Domain types. SDK types never travel past src/aws; commands, renderers and the planner
 * speak these.
 */
import type { Secret } from './secret';

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
  /** Per subnet, the addresses given when it was mapped (network load balancers): an Elastic IP or a private IPv4 address. */
  subnetMappings?: SubnetAddresses[] | undefined;
  createdAt?: string | undefined;
  /** Settings AWS reports that elbctl does not manage (Outposts or IPAM pools, IPv6 source NAT, PrivateLink inbound rules off), as FIELD=VALUE. */
  unmanagedSettings?: string[] | undefined;
}

/** A subnet of a load balancer with the fixed addresses it was given (SubnetMapping). */
export interface SubnetAddresses {
  subnetId: string;
  allocationId?: string | undefined;
  privateIPv4Address?: string | undefined;
  ipv6Address?: string | undefined;
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
  /** HTTP/HTTPS target groups: HTTP1 (AWS's default), HTTP2 or GRPC. */
  protocolVersion?: string | undefined;
  /** The port targets are managed on, when it differs from the traffic port. */
  targetControlPort?: number | undefined;
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
 * A part of an AWS object elbctl does not interpret (an action, condition or transform of a type
 * AWS adds later), kept verbatim as AWS described it — without its `Order`, and never with an
 * OIDC client secret — so it can be written to a stack file's `raw:` block and sent back
 * unchanged. Only src/aws builds one from an SDK shape or turns one back into it.
 */
export type RawJson = Readonly<Record<string, unknown>>;

interface WeightedTargetGroup {
  targetGroupArn: string;
  weight?: number | undefined;
}

/** What an authentication action does with a request that has no session. */
export type OnUnauthenticated = 'deny' | 'allow' | 'authenticate';

/** Settings authenticate-oidc and authenticate-cognito share (AWS's defaults apply when left out). */
interface AuthenticationSession {
  /** Default AWSELBAuthSessionCookie. */
  sessionCookieName?: string | undefined;
  /** Default openid. */
  scope?: string | undefined;
  /** Seconds, default 604800 (7 days). */
  sessionTimeout?: number | undefined;
  /** Extra query parameters for the authorization request (at most 10). */
  extraParams?: Readonly<Record<string, string>> | undefined;
  /** Default authenticate. */
  onUnauthenticated?: OnUnauthenticated | undefined;
}

export interface OidcAuthentication extends AuthenticationSession {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userInfoEndpoint: string;
  clientId: string;
}

export interface CognitoAuthentication extends AuthenticationSession {
  userPoolArn: string;
  userPoolClientId: string;
  userPoolDomain: string;
}

export const JWT_CLAIM_FORMATS = ['single-string', 'string-array', 'space-separated-values'] as const;
export type JwtClaimFormat = (typeof JWT_CLAIM_FORMATS)[number];

interface JwtClaim {
  name: string;
  format: JwtClaimFormat;
  values: string[];
}

interface JwtValidation {
  issuer: string;
  jwksEndpoint: string;
  /** Claims checked besides exp, iss, nbf and iat (at most 10). */
  claims?: JwtClaim[] | undefined;
}

/**
 * An action as AWS runs it. `forward`, `redirect` and `fixed-response` route the request (one,
 * last); the authentication and JWT validation actions run before it. An OIDC action carries its
 * client secret only on its way to AWS (AWS never returns it): without one, elbctl asks AWS to
 * keep the secret it holds (UseExistingClientSecret).
 */
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
  | ({ type: 'authenticate-oidc'; clientSecret?: Secret | undefined } & OidcAuthentication)
  | ({ type: 'authenticate-cognito' } & CognitoAuthentication)
  | ({ type: 'jwt-validation' } & JwtValidation)
  | { type: 'other'; awsType: string; raw: RawJson };

/** Path, host and header conditions match wildcards (`values`), or regular expressions with `regex: true`. */
export type Condition =
  | { field: 'path-pattern'; values: string[]; regex?: boolean | undefined }
  | { field: 'host-header'; values: string[]; regex?: boolean | undefined }
  | { field: 'http-request-method'; values: string[] }
  | { field: 'source-ip'; values: string[] }
  | { field: 'http-header'; headerName: string; values: string[]; regex?: boolean | undefined }
  | { field: 'query-string'; values: Array<{ key?: string | undefined; value: string }> }
  | { field: 'other'; awsField: string; raw: RawJson };

/** A rule transform: rewrite the host header or the URL before the request reaches the targets. */
export type Transform =
  | { type: 'host-header-rewrite' | 'url-rewrite'; regex: string; replace: string }
  | { type: 'other'; awsType: string; raw: RawJson };

export type MutualTlsMode = 'off' | 'passthrough' | 'verify';

/** An HTTPS listener's client certificate handling (MutualAuthentication). */
export interface MutualTls {
  mode: MutualTlsMode;
  /** verify only. */
  trustStoreArn?: string | undefined;
  /** verify only: accept expired client certificates. */
  ignoreClientCertificateExpiry?: boolean | undefined;
  /** verify only: send the trust store's CA names in the TLS handshake. */
  advertiseTrustStoreCaNames?: boolean | undefined;
}

/** A trust store: the CA bundle (and revocation lists) an HTTPS listener verifies client certificates against. */
export interface TrustStore {
  name: string;
  arn: string;
  /** ACTIVE or CREATING. */
  status: string;
  caCertificates: number;
  revokedEntries: number;
}

/** A revocation list added to a trust store. */
export interface TrustStoreRevocation {
  id: number;
  /** CRL */
  type: string;
  revokedEntries: number;
}

export interface Listener {
  arn: string;
  loadBalancerArn: string;
  protocol: string;
  port: number;
  sslPolicy?: string | undefined;
  certificates: string[];
  defaultActions: Action[];
  /** TLS listeners of network load balancers: the ALPN policy (HTTP2Preferred, …). */
  alpnPolicy?: string | undefined;
  /** HTTPS listeners: client certificates (absent: off). */
  mutualTls?: MutualTls | undefined;
}

export interface Rule {
  arn: string;
  /** A number for ordinary rules, `default` for the listener's default rule. */
  priority: number | 'default';
  isDefault: boolean;
  conditions: Condition[];
  actions: Action[];
  /** Rewrites applied before the request is routed (never on the default rule); absent: none. */
  transforms?: Transform[] | undefined;
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
