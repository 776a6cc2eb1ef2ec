/** The CloudWatch metric catalog per load balancer type, and the --metric/--stat flags read against it. */
import type { LoadBalancerType } from '../model';

export type MetricUnit =
  | 'Count'
  | 'Seconds'
  | 'Milliseconds'
  | 'Bytes'
  | 'Bytes/Second'
  | 'Count/Second'
  | 'Percent'
  | 'None';

/**
 * Which dimensions CloudWatch publishes a metric with:
 * - `lb`: LoadBalancer only (a load balancer metric; a target group has no share of it);
 * - `lb+tg`: LoadBalancer, and also LoadBalancer + TargetGroup;
 * - `tg-sum`: only LoadBalancer + TargetGroup; the load balancer's value is the sum over its
 *   target groups (host counts);
 * - `tg`: only per target group, with no meaningful total (RequestCountPerTarget).
 */
export type Publication = 'lb' | 'lb+tg' | 'tg-sum' | 'tg';

export interface CatalogEntry {
  unit: MetricUnit;
  /** The statistic AWS documents as the useful one. */
  stat: string;
  publication: Publication;
}

export const e = (unit: MetricUnit, stat: string, publication: Publication): CatalogEntry => ({
  unit,
  stat,
  publication,
});
export const counts = (names: string[], publication: Publication = 'lb'): Record<string, CatalogEntry> =>
  Object.fromEntries(names.map((n) => [n, e('Count', 'Sum', publication)]));

/** The derived series: 100 × 5XX responses / requests, computed by CloudWatch metric math. */
export const ERROR_RATE = 'ErrorRate';

const ALB: Record<string, CatalogEntry> = {
  ...counts([
    'ActiveConnectionCount',
    'ClientTLSNegotiationErrorCount',
    'DesyncMitigationMode_NonCompliant_Request_Count',
    'DroppedInvalidHeaderRequestCount',
    'ForwardedInvalidHeaderRequestCount',
    'GrpcRequestCount',
    'HTTP_Fixed_Response_Count',
    'HTTP_Redirect_Count',
    'HTTP_Redirect_Url_Limit_Exceeded_Count',
    'HTTPCode_ELB_3XX_Count',
    'HTTPCode_ELB_4XX_Count',
    'HTTPCode_ELB_5XX_Count',
    'HTTPCode_ELB_500_Count',
    'HTTPCode_ELB_502_Count',
    'HTTPCode_ELB_503_Count',
    'HTTPCode_ELB_504_Count',
    'IPv6RequestCount',
    'NewConnectionCount',
    'NonStickyRequestCount',
    'RejectedConnectionCount',
    'RuleEvaluations',
    'ELBAuthError',
    'ELBAuthFailure',
    'ELBAuthRefreshTokenSuccess',
    'ELBAuthSuccess',
    'ELBAuthUserClaimsSizeExceeded',
  ]),
  ...counts(
    [
      'RequestCount',
      'HTTPCode_Target_2XX_Count',
      'HTTPCode_Target_3XX_Count',
      'HTTPCode_Target_4XX_Count',
      'HTTPCode_Target_5XX_Count',
      'TargetConnectionErrorCount',
      'TargetTLSNegotiationErrorCount',
      'UnhealthyRoutingRequestCount',
    ],
    'lb+tg',
  ),
  ...counts(['LambdaInternalError', 'LambdaUserError'], 'tg-sum'),
  ConsumedLCUs: e('None', 'Sum', 'lb'),
  ProcessedBytes: e('Bytes', 'Sum', 'lb'),
  IPv6ProcessedBytes: e('Bytes', 'Sum', 'lb'),
  LambdaTargetProcessedBytes: e('Bytes', 'Sum', 'lb'),
  ELBAuthLatency: e('Milliseconds', 'Average', 'lb'),
  TargetResponseTime: e('Seconds', 'Average', 'lb+tg'),
  HealthyHostCount: e('Count', 'Minimum', 'tg-sum'),
  UnHealthyHostCount: e('Count', 'Maximum', 'tg-sum'),
  AnomalousHostCount: e('Count', 'Maximum', 'tg-sum'),
  MitigatedHostCount: e('Count', 'Maximum', 'tg-sum'),
  HealthyStateDNS: e('Count', 'Minimum', 'tg-sum'),
  HealthyStateRouting: e('Count', 'Minimum', 'tg-sum'),
  UnhealthyStateDNS: e('Count', 'Maximum', 'tg-sum'),
  UnhealthyStateRouting: e('Count', 'Maximum', 'tg-sum'),
  RequestCountPerTarget: e('Count', 'Sum', 'tg'),
  [ERROR_RATE]: e('Percent', 'Sum', 'lb+tg'),
};

const NLB: Record<string, CatalogEntry> = {
  ...Object.fromEntries(
    ['ActiveFlowCount', 'ActiveFlowCount_TCP', 'ActiveFlowCount_TLS', 'ActiveFlowCount_UDP'].map((n) => [
      n,
      e('Count', 'Average', 'lb'),
    ]),
  ),
  ...counts([
    'ClientTLSNegotiationErrorCount',
    'NewFlowCount',
    'NewFlowCount_TCP',
    'NewFlowCount_TLS',
    'NewFlowCount_UDP',
    'PortAllocationErrorCount',
    'ProcessedPackets',
    'RejectedFlowCount',
    'RejectedFlowCount_TCP',
    'SecurityGroupBlockedFlowCount_Inbound_ICMP',
    'SecurityGroupBlockedFlowCount_Inbound_TCP',
    'SecurityGroupBlockedFlowCount_Inbound_UDP',
    'SecurityGroupBlockedFlowCount_Outbound_ICMP',
    'SecurityGroupBlockedFlowCount_Outbound_TCP',
    'SecurityGroupBlockedFlowCount_Outbound_UDP',
    'TargetTLSNegotiationErrorCount',
    'TCP_Client_Reset_Count',
    'TCP_ELB_Reset_Count',
    'TCP_Target_Reset_Count',
  ]),
  ...counts(['UnhealthyRoutingFlowCount'], 'lb+tg'),
  ...Object.fromEntries(
    ['ConsumedLCUs', 'ConsumedLCUs_TCP', 'ConsumedLCUs_TLS', 'ConsumedLCUs_UDP'].map((n) => [
      n,
      e('None', 'Sum', 'lb'),
    ]),
  ),
  ...Object.fromEntries(
    ['ProcessedBytes', 'ProcessedBytes_TCP', 'ProcessedBytes_TLS', 'ProcessedBytes_UDP'].map((n) => [
      n,
      e('Bytes', 'Sum', 'lb'),
    ]),
  ),
  PeakBytesPerSecond: e('Bytes/Second', 'Maximum', 'lb'),
  PeakPacketsPerSecond: e('Count/Second', 'Maximum', 'lb'),
  HealthyHostCount: e('Count', 'Minimum', 'tg-sum'),
  UnHealthyHostCount: e('Count', 'Maximum', 'tg-sum'),
  HealthyStateDNS: e('Count', 'Minimum', 'tg-sum'),
  HealthyStateRouting: e('Count', 'Minimum', 'tg-sum'),
  UnhealthyStateDNS: e('Count', 'Maximum', 'tg-sum'),
  UnhealthyStateRouting: e('Count', 'Maximum', 'tg-sum'),
};

/**
 * Gateway load balancers publish to AWS/GatewayELB (the ELB user guide for Gateway Load Balancers,
 * "CloudWatch metrics for your Gateway Load Balancer"): flows and bytes per load balancer, host
 * counts per target group.
 */
const GWLB: Record<string, CatalogEntry> = {
  ActiveFlowCount: e('Count', 'Average', 'lb'),
  ConsumedLCUs: e('None', 'Sum', 'lb'),
  ...counts(['NewFlowCount']),
  ProcessedBytes: e('Bytes', 'Sum', 'lb'),
  PeakBytesPerSecond: e('Bytes/Second', 'Maximum', 'lb'),
  PeakPacketsPerSecond: e('Count/Second', 'Maximum', 'lb'),
  HealthyHostCount: e('Count', 'Minimum', 'tg-sum'),
  UnHealthyHostCount: e('Count', 'Maximum', 'tg-sum'),
};

export const CATALOG: Record<LoadBalancerType, Record<string, CatalogEntry>> = {
  application: ALB,
  network: NLB,
  gateway: GWLB,
};

export const NAMESPACE: Record<LoadBalancerType, string> = {
  application: 'AWS/ApplicationELB',
  network: 'AWS/NetworkELB',
  gateway: 'AWS/GatewayELB',
};

/** What `elbctl metrics` shows when no --metric is given, in display order. */
export const DEFAULT_SERIES: Record<LoadBalancerType, ReadonlyArray<{ name: string; stat: string }>> = {
  application: [
    { name: 'RequestCount', stat: 'Sum' },
    { name: ERROR_RATE, stat: 'Sum' },
    { name: 'TargetResponseTime', stat: 'Average' },
    { name: 'TargetResponseTime', stat: 'p99' },
    { name: 'HTTPCode_ELB_5XX_Count', stat: 'Sum' },
    { name: 'HTTPCode_Target_5XX_Count', stat: 'Sum' },
    { name: 'HTTPCode_Target_4XX_Count', stat: 'Sum' },
    { name: 'ActiveConnectionCount', stat: 'Sum' },
    { name: 'HealthyHostCount', stat: 'Minimum' },
    { name: 'UnHealthyHostCount', stat: 'Maximum' },
  ],
  network: [
    { name: 'ActiveFlowCount', stat: 'Average' },
    { name: 'NewFlowCount', stat: 'Sum' },
    { name: 'ProcessedBytes', stat: 'Sum' },
    { name: 'TCP_Client_Reset_Count', stat: 'Sum' },
    { name: 'TCP_Target_Reset_Count', stat: 'Sum' },
    { name: 'TCP_ELB_Reset_Count', stat: 'Sum' },
    { name: 'HealthyHostCount', stat: 'Minimum' },
    { name: 'UnHealthyHostCount', stat: 'Maximum' },
  ],
  gateway: [
    { name: 'ActiveFlowCount', stat: 'Average' },
    { name: 'NewFlowCount', stat: 'Sum' },
    { name: 'ProcessedBytes', stat: 'Sum' },
    { name: 'HealthyHostCount', stat: 'Minimum' },
    { name: 'UnHealthyHostCount', stat: 'Maximum' },
  ],
};

export function catalogEntry(type: LoadBalancerType, name: string): CatalogEntry | undefined {
  return CATALOG[type][name];
}

/** The catalog's spelling of a name typed in any case (`requestcount` → `RequestCount`). */
export function canonicalName(type: LoadBalancerType, name: string): string {
  if (CATALOG[type][name]) return name;
  return Object.keys(CATALOG[type]).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The closest catalog name, if one is close enough to be a typo. */
export function suggestMetric(type: LoadBalancerType, name: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const candidate of Object.keys(CATALOG[type])) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || d < best.d) best = { name: candidate, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}

// ------------------------------------------------------------------ flags: names and statistics

const METRIC_NAME = /^[A-Za-z0-9_]{1,255}$/;

/** --metric syntax (the catalog check needs the load balancer's type and comes later). */
export function metricNameProblem(raw: string): string | undefined {
  if (METRIC_NAME.test(raw)) return undefined;
  return `--metric "${raw}": not a CloudWatch metric name; use letters, digits and underscores, e.g. RequestCount`;
}

const SIMPLE_STATS: Record<string, string> = {
  sum: 'Sum',
  average: 'Average',
  avg: 'Average',
  minimum: 'Minimum',
  min: 'Minimum',
  maximum: 'Maximum',
  max: 'Maximum',
  samplecount: 'SampleCount',
};
/** The statistics every CloudWatch endpoint serves; the rest are extended statistics. */
export const BASIC_STATISTICS = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'] as const;
const BASIC_STATS = new Set<string>(BASIC_STATISTICS);

/** `sum` → `Sum`, `P99` → `p99`, `tm90` → `tm90`; a message for anything CloudWatch would refuse. */
export function parseStat(raw: string): { stat: string } | { problem: string } {
  const text = raw.trim();
  const simple = SIMPLE_STATS[text.toLowerCase()];
  if (simple) return { stat: simple };
  if (text.toLowerCase() === 'iqm') return { stat: 'IQM' };
  const m = /^(p|tm|wm|tc|ts)(\d{1,3}(?:\.\d{1,6})?)$/i.exec(text);
  if (m) {
    const value = Number(m[2]);
    if (value > 0 && value < 100) return { stat: `${(m[1] as string).toLowerCase()}${m[2]}` };
  }
  return {
    problem: `--stat "${raw}": not a CloudWatch statistic; use Sum, Average, Minimum, Maximum, SampleCount, IQM or a percentile such as p99 or p99.9`,
  };
}

export const isExtendedStat = (stat: string): boolean => !BASIC_STATS.has(stat);
