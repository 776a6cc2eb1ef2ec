/**
 * The fleet audit's vocabulary: what was observed in one account and region (a snapshot), what a
 * check finds in it (a finding), and the checks themselves. Checks are pure functions over a
 * snapshot; reading the snapshot is src/aws/audit's work, presenting findings is src/commands'.
 */
import type { Listener, LoadBalancer, Rule, TargetGroup, TargetHealth } from '../model';
import type { QuotaValues } from '../rules/quotas';

export type Severity = 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];
type Family = 'security' | 'cost' | 'reliability' | 'quotas' | 'classic';

export interface AuditedListener {
  listener: Listener;
  /** Its numbered rules (the default rule left out); ALB HTTP/HTTPS listeners only. */
  rules: Rule[];
}

export interface AuditedLoadBalancer {
  loadBalancer: LoadBalancer;
  attributes: Readonly<Record<string, string>>;
  tags: Readonly<Record<string, string>>;
  listeners: AuditedListener[];
  /**
   * The web ACL protecting it: an ARN, `null` when none is associated, `undefined` when it could
   * not be read (no permission, an endpoint without WAF), so the WAF check stays silent.
   */
  webAcl?: string | null | undefined;
  /**
   * Requests (ALB) or new flows (NLB/GWLB) summed over the traffic window; `undefined` when
   * CloudWatch could not be read, so the idle check stays silent.
   */
  traffic?: number | undefined;
}

export interface AuditedTargetGroup {
  targetGroup: TargetGroup;
  attributes: Readonly<Record<string, string>>;
  tags: Readonly<Record<string, string>>;
  health: TargetHealth[];
}

/** A certificate a listener uses, as ACM describes it (IAM certificates carry no dates here). */
export interface AuditedCertificate {
  arn: string;
  domainName?: string | undefined;
  notAfter?: Date | undefined;
}

/** A Classic load balancer as far as the checks need it. */
export interface ClassicLoadBalancer {
  name: string;
  /** `arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/NAME`. */
  arn: string;
  availabilityZones: string[];
  listeners: Array<{ protocol: string; port: number; instanceProtocol?: string | undefined }>;
  crossZone: boolean;
  accessLogs: boolean;
  connectionDraining: boolean;
  /** `monitor`, `defensive` or `strictest`. */
  desyncMitigationMode?: string | undefined;
  instances: number;
}

/** Everything read in one account and region. */
export interface RegionSnapshot {
  account: string;
  region: string;
  loadBalancers: AuditedLoadBalancer[];
  targetGroups: AuditedTargetGroup[];
  certificates: AuditedCertificate[];
  /** The account's ELB quotas (Service Quotas), or none known: documented defaults apply. */
  quotas: QuotaValues;
  /** `undefined`: Classic load balancers were not read (so nothing is said about them). */
  classic?: ClassicLoadBalancer[] | undefined;
}

export interface Finding {
  /** The check's stable ID. */
  id: string;
  severity: Severity;
  title: string;
  /** The resource's ARN. */
  resource: string;
  /** The resource's name, for tables and SARIF pseudo-paths. */
  name: string;
  region: string;
  account: string;
  /** What was seen, in a sentence with the numbers. */
  evidence: string;
  /** The exact command (or change) that fixes it. */
  fix: string;
  /** The AWS Security Hub control it matches, by public ID (`ELB.4`), when there is one. */
  control?: string | undefined;
  /** Extra structured facts (the monthly estimate of an idle load balancer, a rule split). */
  details?: Readonly<Record<string, unknown>> | undefined;
}

/** What a check knows besides the snapshot: the time (certificate expiry) and the traffic window. */
export interface CheckContext {
  now: Date;
  /** Days of traffic summed for the idle check. */
  trafficDays: number;
}

export interface CheckSpec {
  id: string;
  family: Family;
  severity: Severity;
  title: string;
  control?: string | undefined;
  /** What the check looks at and why it matters (docs/audit.md repeats it). */
  rationale: string;
  run(snapshot: RegionSnapshot, ctx: CheckContext): Omit<Finding, 'id' | 'severity' | 'title' | 'control'>[];
}

/** Builds a check's findings from what `run` returns, stamping its ID, severity, title and control. */
export function runCheck(check: CheckSpec, snapshot: RegionSnapshot, ctx: CheckContext): Finding[] {
  return check.run(snapshot, ctx).map((f) => ({
    id: check.id,
    severity: check.severity,
    title: check.title,
    ...(check.control ? { control: check.control } : {}),
    ...f,
  }));
}

/** The parts of a finding that come from the load balancer it is about. */
export function aboutLoadBalancer(snapshot: RegionSnapshot, lb: LoadBalancer) {
  return { resource: lb.arn, name: lb.name, region: snapshot.region, account: snapshot.account };
}

export function aboutTargetGroup(snapshot: RegionSnapshot, tg: TargetGroup) {
  return { resource: tg.arn, name: tg.name, region: snapshot.region, account: snapshot.account };
}

/** `true` when the attribute is the string `true`. */
export const isOn = (attrs: Readonly<Record<string, string>>, key: string): boolean => attrs[key] === 'true';

/** How a listener is named on the command line: `LB:PORT`. */
export const listenerRef = (lb: LoadBalancer, l: Listener): string => `${lb.name}:${l.port}`;
