/**
 * A Classic Load Balancer as elbctl reads it (src/aws/elb.ts builds it; no SDK type appears
 * here): listeners with their policies, the one health check, the backend policies per instance
 * port, the attributes and the registered instances.
 */

export type ClassicProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
export const CLASSIC_PROTOCOLS: readonly ClassicProtocol[] = ['HTTP', 'HTTPS', 'TCP', 'SSL'];

export interface ClassicListener {
  protocol: ClassicProtocol;
  port: number;
  instanceProtocol: ClassicProtocol;
  instancePort: number;
  /** An ACM or IAM server certificate ARN (HTTPS/SSL). */
  certificateId?: string | undefined;
  /** Names of the policies on this listener (stickiness, SSL negotiation). */
  policyNames: string[];
}

/** A policy of the load balancer, by what it does. */
export type ClassicPolicy =
  /** LBCookieStickinessPolicyType; no expiration: the cookie lasts the browser session. */
  | { kind: 'lb-cookie'; name: string; expirationSeconds?: number | undefined }
  | { kind: 'app-cookie'; name: string; cookieName: string }
  /** SSLNegotiationPolicyType: a predefined policy by reference, or custom protocols and ciphers. */
  | { kind: 'ssl-negotiation'; name: string; reference?: string | undefined }
  | { kind: 'proxy-protocol'; name: string }
  | { kind: 'backend-authentication'; name: string }
  | { kind: 'public-key'; name: string }
  | { kind: 'other'; name: string; type: string };

export interface ClassicHealthCheck {
  /** `PROTOCOL:PORT[/PATH]`, e.g. `HTTP:8080/healthz`, `TCP:80`. */
  target: string;
  interval: number;
  timeout: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

export interface ClassicAttributes {
  crossZone: boolean;
  draining: { enabled: boolean; timeoutSeconds: number };
  idleTimeoutSeconds: number;
  accessLog: {
    enabled: boolean;
    bucket?: string | undefined;
    prefix?: string | undefined;
    intervalMinutes?: number | undefined;
  };
}

export interface ClassicLoadBalancer {
  name: string;
  dnsName: string;
  /** The Route 53 zone of its DNS name (for alias records). */
  canonicalHostedZoneId?: string | undefined;
  scheme: 'internet-facing' | 'internal';
  vpcId?: string | undefined;
  subnets: string[];
  availabilityZones: string[];
  securityGroups: string[];
  listeners: ClassicListener[];
  healthCheck: ClassicHealthCheck;
  /** Instance IDs registered with it. */
  instances: string[];
  /** Policies applied to instance ports (proxy protocol, backend authentication). */
  backends: Array<{ instancePort: number; policyNames: string[] }>;
  policies: ClassicPolicy[];
  attributes: ClassicAttributes;
  tags: Record<string, string>;
  createdAt?: string | undefined;
}

/** One instance's health as DescribeInstanceHealth reports it. */
export interface ClassicInstanceHealth {
  instanceId: string;
  state: string;
  reasonCode?: string | undefined;
  description?: string | undefined;
}

/** What `clb list` shows: the description alone. */
export type ClassicSummary = Pick<
  ClassicLoadBalancer,
  'name' | 'dnsName' | 'scheme' | 'vpcId' | 'availabilityZones' | 'listeners' | 'instances' | 'createdAt'
>;
