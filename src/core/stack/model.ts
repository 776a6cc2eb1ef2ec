/**
 * The two sides the planner compares:
 * - `DesiredStack`: the stack file with every default resolved (defaults.ts). Resources refer
 *   to each other by their names in the file.
 * - `Observed`: what the live account holds that the stack could touch, in domain types
 *   (src/aws builds it; no SDK type appears here).
 */
import type { ActionSpec, LeadingSpec } from '../actions';
import type { AlarmOverride, LiveAlarm } from '../alarms/alarms';
import type { Preset } from '../alarms/preset';
import type {
  Condition,
  HealthCheck,
  IpAddressType,
  LoadBalancerType,
  Scheme,
  SubnetAddresses,
  Target,
  TargetType,
  Action,
  MutualTls,
  Transform,
} from '../model';
import type { MutualTlsSpec } from '../rules/trust-store';

/** Every resource elbctl creates from a stack carries `elbctl:stack=<stack>`. */
export const STACK_TAG = 'elbctl:stack';
/** A rule's identity: `elbctl:rule=<rule name>` (never its priority). */
export const RULE_TAG = 'elbctl:rule';
/**
 * A target group's name in the stack file. The AWS name differs after a replacement
 * (`api` → `api-3f2a`); this tag keeps the identity.
 */
export const NAME_TAG = 'elbctl:name';

/**
 * Where a trust store's CA bundle came from, as the stack file wrote it (AWS never returns it):
 * the s3:// URL when a tag value can hold it, else `hash:` and a hash of it.
 */
export const TRUST_STORE_BUNDLE_TAG = 'elbctl:ca-certificates';
/** The same for the revocation lists the stack sent: always `hash:` and a hash of the sorted URLs. */
export const TRUST_STORE_REVOCATIONS_TAG = 'elbctl:revocations';

export type Tags = Record<string, string>;
export type Attributes = Record<string, string>;

// ------------------------------------------------------------------ desired

export interface DesiredStack {
  version: 1;
  stack: string;
  region?: string | undefined;
  loadBalancers: DesiredLoadBalancer[];
  targetGroups: DesiredTargetGroup[];
  /** The file's `trustStores:` (absent: none declared). */
  trustStores?: DesiredTrustStore[] | undefined;
  /** Where the file weakens a secure default (printed with the plan). */
  warnings: string[];
}

export interface DesiredLoadBalancer {
  name: string;
  type: LoadBalancerType;
  scheme: Scheme;
  subnets: string[];
  /** Written as subnetMappings: each subnet's fixed addresses (sorted by subnet); undefined: not compared. */
  subnetMappings?: SubnetAddresses[] | undefined;
  /** Undefined: not declared, so not compared (AWS picks the VPC's default group for an ALB). */
  securityGroups?: string[] | undefined;
  ipAddressType: IpAddressType;
  /** Declared attributes plus the typed fields and secure defaults, as AWS strings. */
  attributes: Attributes;
  listeners: DesiredListener[];
  /** The user's tags (elbctl's own are added by the planner); undefined: not declared, so not managed. */
  tags?: Tags | undefined;
  /** CloudWatch alarms for it and the target groups it forwards to; undefined: not managed. */
  alarms?: DesiredAlarms | undefined;
}

interface DesiredAlarms {
  preset: Preset;
  snsTopic?: string | undefined;
  overrides: Record<string, AlarmOverride>;
}

export interface DesiredListener {
  /** A gateway load balancer's GENEVE listener has none: GATEWAY_LISTENER_PORT (rules/listener.ts). */
  port: number;
  protocol: string;
  certificates: string[];
  /** HTTPS/TLS only, when the file says it (a new listener gets the secure default: see the planner). */
  sslPolicy?: string | undefined;
  /** TLS only, when the file says it; undefined: not compared. */
  alpnPolicy?: string | undefined;
  /** The actions before the default one, in order; undefined: not declared, so the live ones are kept. */
  authenticate?: LeadingSpec[] | undefined;
  /** Client certificates, the trust store by its name in the file (or an ARN); undefined: not declared, so the live setting is kept. */
  mutualTls?: MutualTlsSpec | undefined;
  /** Forward targets are target group names from the file. */
  defaultAction: ActionSpec;
  /** The attributes the file declares (raw ones too), as AWS strings; only these keys are compared. Undefined: none. */
  attributes?: Attributes | undefined;
  rules: DesiredRule[];
  tags?: Tags | undefined;
}

export interface DesiredRule {
  name: string;
  /** The priority written in the file; undefined when the planner allocates one. */
  priority?: number | undefined;
  /** Canonical order: path, host, headers (by name), query, methods, source IPs. */
  conditions: Condition[];
  /** The actions before `action`, in order; undefined: not declared, so the live ones are kept. */
  authenticate?: LeadingSpec[] | undefined;
  action: ActionSpec;
  /** Undefined: not declared, so the live ones are kept; []: none (ResetTransforms). */
  transforms?: Transform[] | undefined;
  tags?: Tags | undefined;
}

/** Health check fields the file declares; the rest are AWS's defaults and are not compared. */
export type HealthCheckSpec = Partial<HealthCheck>;

export interface DesiredTargetGroup {
  name: string;
  protocol?: string | undefined;
  port?: number | undefined;
  vpc?: string | undefined;
  targetType: TargetType;
  /** Declared only (HTTP1 is AWS's default for HTTP/HTTPS). */
  protocolVersion?: string | undefined;
  /** Declared only (ipv4 is the default). */
  ipAddressType?: string | undefined;
  /** Declared only: compared only when the file gives it (fixed at creation). */
  targetControlPort?: number | undefined;
  healthCheck: HealthCheckSpec;
  attributes: Attributes;
  /** Undefined: registrations are not managed by the stack (auto scaling, ECS, …). */
  targets?: Target[] | undefined;
  tags?: Tags | undefined;
}

/**
 * A trust store of the file. AWS never returns where a CA bundle or a revocation list came from,
 * so elbctl keeps what it sent in tags (TRUST_STORE_BUNDLE_TAG, TRUST_STORE_REVOCATIONS_TAG) and
 * compares the file with those.
 */
export interface DesiredTrustStore {
  name: string;
  /** s3://BUCKET/KEY[?versionId=V]; undefined: an existing trust store whose bundle is not managed. */
  caCertificates?: string | undefined;
  /** Undefined: not managed; []: none. */
  revocations?: string[] | undefined;
  tags?: Tags | undefined;
}

// ------------------------------------------------------------------ observed

/**
 * What `observe(stack)` in src/aws reads: every load balancer and target group whose AWS name
 * is declared in the stack file, plus every one tagged `elbctl:stack=<stack>` (whatever its
 * name), with their listeners and rules. Attributes are the full Describe*Attributes maps; the
 * planner compares only the keys the stack declares.
 */
export interface Observed {
  loadBalancers: ObservedLoadBalancer[];
  targetGroups: ObservedTargetGroup[];
  /**
   * The trust stores the file declares, the stack owns, or an observed listener verifies with;
   * read only when the file declares one or a listener uses one (undefined: not read).
   */
  trustStores?: ObservedTrustStore[] | undefined;
}

export interface ObservedTrustStore {
  name: string;
  arn: string;
  tags: Tags;
  /** The listeners that verify with it, by ARN (DescribeTrustStoreAssociations): any load balancer's. */
  listeners: string[];
  /** Its revocation lists' ids (DescribeTrustStoreRevocations). */
  revocations: number[];
}

export interface ObservedLoadBalancer {
  name: string;
  arn: string;
  type: LoadBalancerType;
  scheme: Scheme;
  subnets: string[];
  /** The subnets given fixed addresses, as AWS reports them (sorted by subnet); absent: none. */
  subnetMappings?: SubnetAddresses[] | undefined;
  securityGroups: string[];
  ipAddressType: string;
  /** Settings elbctl does not manage, off their defaults (FIELD=VALUE); export names each. */
  unmanagedSettings?: string[] | undefined;
  tags: Tags;
  attributes: Attributes;
  listeners: ObservedListener[];
  /** Alarms named for it (`elbctl/NAME/…`); read only when the stack declares alarms for it. */
  alarms?: LiveAlarm[] | undefined;
}

export interface ObservedListener {
  arn: string;
  port: number;
  protocol: string;
  sslPolicy?: string | undefined;
  /** The default certificate first, then the others (DescribeListenerCertificates). */
  certificates: string[];
  /** Target groups by ARN, as AWS reports them. */
  defaultActions: Action[];
  /** DescribeListenerAttributes; absent when observe was not asked to read them (ObserveScope.listenerAttributes). */
  attributes?: Attributes | undefined;
  /** As AWS reports it; absent when it reports none (off). */
  mutualTls?: MutualTls | undefined;
  /** TLS listeners: as AWS reports it; absent when it reports none. */
  alpnPolicy?: string | undefined;
  tags: Tags;
  /** The numbered rules; never the default rule. */
  rules: ObservedRule[];
}

export interface ObservedRule {
  arn: string;
  priority: number;
  conditions: Condition[];
  actions: Action[];
  /** Absent: none. */
  transforms?: Transform[] | undefined;
  tags: Tags;
}

export interface ObservedTargetGroup {
  name: string;
  arn: string;
  protocol?: string | undefined;
  port?: number | undefined;
  vpcId?: string | undefined;
  targetType: TargetType;
  protocolVersion?: string | undefined;
  ipAddressType?: string | undefined;
  targetControlPort?: number | undefined;
  healthCheck: HealthCheck;
  tags: Tags;
  attributes: Attributes;
  /** Registered targets (any health state except draining-out ones, which are already leaving). */
  targets: Target[];
  loadBalancerArns: string[];
}

export const emptyObserved = (): Observed => ({ loadBalancers: [], targetGroups: [] });
