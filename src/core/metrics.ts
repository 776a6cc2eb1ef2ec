/**
 * The metrics model, pure: which CloudWatch series a load balancer has, how `elbctl metrics`
 * asks for them (query ids, dimensions, statistics, periods), how the queries of one command
 * are packed into as few GetMetricData calls as possible, and how the answers are summarised.
 */
import type { LoadBalancerType } from './model';
import { loadBalancerDimension, targetGroupDimension } from './model';

// ------------------------------------------------------------------ catalog

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

const e = (unit: MetricUnit, stat: string, publication: Publication): CatalogEntry => ({ unit, stat, publication });
const counts = (names: string[], publication: Publication = 'lb'): Record<string, CatalogEntry> =>
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

const CATALOG: Record<LoadBalancerType, Record<string, CatalogEntry>> = { application: ALB, network: NLB, gateway: {} };

export const NAMESPACE: Record<LoadBalancerType, string> = {
  application: 'AWS/ApplicationELB',
  network: 'AWS/NetworkELB',
  gateway: 'AWS/GatewayELB',
};

/** What `elbctl metrics` shows when no --metric is given, in display order. */
export const DEFAULT_SERIES: Record<'application' | 'network', ReadonlyArray<{ name: string; stat: string }>> = {
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
};

export function catalogEntry(type: LoadBalancerType, name: string): CatalogEntry | undefined {
  return CATALOG[type][name];
}

/** The catalog's spelling of a name typed in any case (`requestcount` → `RequestCount`). */
function canonicalName(type: LoadBalancerType, name: string): string {
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
const BASIC_STATS = new Set(['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount']);

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

// ------------------------------------------------------------------ series selection

export interface SeriesSpec {
  name: string;
  stat: string;
  unit: MetricUnit;
  publication: Publication;
}

export interface SeriesSelection {
  series: SeriesSpec[];
  problems: string[];
  warnings: string[];
}

/**
 * The series one load balancer shows. `metrics` replaces the default set; `stats` replaces each
 * metric's statistic (ErrorRate is always computed from Sums). With a target group, load balancer
 * metrics drop out of the default set and are an error when named.
 */
export function selectSeries(
  type: LoadBalancerType,
  choice: { metrics?: readonly string[] | undefined; stats?: readonly string[] | undefined; targetGroup: boolean },
): SeriesSelection {
  const problems: string[] = [];
  const warnings: string[] = [];
  const out: SeriesSpec[] = [];
  const add = (name: string, stat: string, entry: CatalogEntry) => {
    if (!out.some((s) => s.name === name && s.stat === stat))
      out.push({ name, stat, unit: entry.unit, publication: entry.publication });
  };
  const stats = choice.stats?.length ? choice.stats : undefined;
  const explicit = Boolean(choice.metrics?.length);

  if (type === 'gateway') {
    return {
      series: [],
      problems: ['metrics: gateway load balancers are not supported; name application or network load balancers'],
      warnings,
    };
  }

  const wanted: Array<{ name: string; stat?: string | undefined }> = explicit
    ? (choice.metrics ?? []).map((n) => ({ name: canonicalName(type, n) }))
    : DEFAULT_SERIES[type].map((s) => ({ name: s.name, stat: s.stat }));

  const seen = new Set<string>();
  for (const w of wanted) {
    let entry = CATALOG[type][w.name];
    if (!entry) {
      if (w.name === ERROR_RATE) {
        problems.push(
          `--metric ${ERROR_RATE}: is computed for application load balancers only (5XX responses over requests)`,
        );
        continue;
      }
      const suggestion = suggestMetric(type, w.name);
      warnings.push(
        `metric "${w.name}" is not a known ${NAMESPACE[type]} metric; asking CloudWatch anyway${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
      );
      entry = e('None', /Count$/.test(w.name) ? 'Sum' : 'Average', 'lb+tg');
    }
    if (choice.targetGroup && entry.publication === 'lb') {
      if (explicit) {
        problems.push(
          `--metric ${w.name}: is reported per load balancer, not per target group; drop --target-group to see it`,
        );
      }
      continue;
    }
    if (!choice.targetGroup && entry.publication === 'tg') {
      problems.push(`--metric ${w.name}: is reported per target group only; add --target-group TG`);
      continue;
    }
    if (w.name === ERROR_RATE) {
      add(w.name, 'Sum', entry);
      continue;
    }
    if (stats) {
      if (seen.has(w.name)) continue;
      seen.add(w.name);
      for (const s of stats) add(w.name, s, entry);
    } else {
      add(w.name, w.stat ?? entry.stat, entry);
    }
  }
  return { series: out, problems, warnings };
}

// ------------------------------------------------------------------ the time window and the period

export interface Window {
  start: Date;
  end: Date;
}

const DAY = 86_400;
/** CloudWatch keeps 60 s data for 15 days, 300 s data for 63 days, 1 h data for 455 days. */
export const RETENTION: ReadonlyArray<{ olderThanSeconds: number; minimumPeriod: number }> = [
  { olderThanSeconds: 63 * DAY, minimumPeriod: 3600 },
  { olderThanSeconds: 15 * DAY, minimumPeriod: 300 },
];
export const MAX_AGE_SECONDS = 455 * DAY;
/** At most this many points per series when elbctl chooses the period (a day of minutes). */
export const MAX_POINTS_PER_SERIES = 1440;
/** GetMetricData returns at most this many points per call; one series must fit in one page. */
export const MAX_DATAPOINTS_PER_CALL = 100_800;
export const MAX_QUERIES_PER_CALL = 500;
export const PERIOD_CHOICES = [60, 300, 900, 3600, 10_800, 21_600, 86_400] as const;
export const DEFAULT_SINCE = '3h';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: DAY, w: 7 * DAY };

/** `15m`, `3h`, `2d`, `1w`, `90s` → seconds. */
export function parseDuration(raw: string): number | undefined {
  const m = /^(\d{1,6})([smhdw])$/.exec(raw.trim());
  return m ? Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number) : undefined;
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 date or date-time; without a zone it is UTC (as the AWS CLI reads it). */
export function parseInstant(raw: string): Date | undefined {
  const text = raw.trim();
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [, , month, day, hour, minute, second] = m;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)) return undefined;
  let normal = text.replace(' ', 'T');
  if (hour === undefined) normal += 'T00:00:00';
  if (m[7] === undefined) normal += 'Z';
  const date = new Date(normal);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface WindowFlags {
  since?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

/** The window the flags describe, or every problem with them. `--since` counts back from `--end` (default now). */
export function resolveWindow(flags: WindowFlags, now: Date): { window: Window } | { problems: string[] } {
  const problems: string[] = [];
  if (flags.since !== undefined && flags.start !== undefined) {
    problems.push('--since and --start: give one of them (--since counts back from --end or now)');
  }
  let end = now;
  if (flags.end !== undefined) {
    const parsed = parseInstant(flags.end);
    if (!parsed) problems.push(`--end "${flags.end}": not an ISO 8601 time; write e.g. 2024-05-01T12:00:00Z`);
    else end = parsed;
  }
  let start: Date | undefined;
  if (flags.start !== undefined) {
    const parsed = parseInstant(flags.start);
    if (!parsed) problems.push(`--start "${flags.start}": not an ISO 8601 time; write e.g. 2024-05-01T09:00:00Z`);
    else start = parsed;
  } else {
    const raw = flags.since ?? DEFAULT_SINCE;
    const seconds = parseDuration(raw);
    if (seconds === undefined)
      problems.push(`--since "${raw}": not a duration; write a number and a unit: 15m, 3h, 2d or 1w`);
    else if (seconds < 60)
      problems.push(`--since "${raw}": at least 1m; load balancer metrics have one value per minute`);
    else start = new Date(end.getTime() - seconds * 1000);
  }
  if (problems.length > 0 || !start) return { problems };
  if (start.getTime() >= end.getTime()) {
    return { problems: [`--start ${start.toISOString()}: must be before the end (${end.toISOString()})`] };
  }
  if (now.getTime() - start.getTime() > MAX_AGE_SECONDS * 1000) {
    return {
      problems: [
        `window start ${start.toISOString()}: CloudWatch keeps load balancer metrics for 455 days; start later`,
      ],
    };
  }
  return { window: { start, end } };
}

/** The finest period CloudWatch still has data for at `start` (retention). */
export function minimumPeriod(start: Date, now: Date): number {
  const age = (now.getTime() - start.getTime()) / 1000;
  return RETENTION.find((r) => age > r.olderThanSeconds)?.minimumPeriod ?? 60;
}

/** The finest period that is retained for the whole window and keeps each series within MAX_POINTS_PER_SERIES. */
export function choosePeriod(window: Window, now: Date): number {
  const seconds = (window.end.getTime() - window.start.getTime()) / 1000;
  const floor = minimumPeriod(window.start, now);
  return PERIOD_CHOICES.find((p) => p >= floor && Math.ceil(seconds / p) <= MAX_POINTS_PER_SERIES) ?? 86_400;
}

/** --period: a whole number of minutes, in seconds. */
export function parsePeriod(raw: string): { period: number } | { problem: string } {
  const value = /^\d{1,7}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(value) || value < 60 || value % 60 !== 0) {
    return { problem: `--period "${raw}": must be a whole number of seconds, a multiple of 60 (60, 300, 3600 …)` };
  }
  return { period: value };
}

/** Problems and warnings of a --period the user chose for this window. */
export function checkPeriod(period: number, window: Window, now: Date): { problems: string[]; warnings: string[] } {
  const points = Math.ceil((window.end.getTime() - window.start.getTime()) / 1000 / period);
  const problems =
    points > MAX_DATAPOINTS_PER_CALL
      ? [
          `--period ${period}: gives ${points} points per series, more than CloudWatch returns in one call (${MAX_DATAPOINTS_PER_CALL}); use a longer period or a shorter window`,
        ]
      : [];
  const floor = minimumPeriod(window.start, now);
  const warnings =
    period < floor
      ? [
          `--period ${period}: CloudWatch keeps only ${floor} s data for the start of this window, so the older part may be empty; use --period ${floor}`,
        ]
      : [];
  return { problems, warnings };
}

/** Start down and end up to whole periods, as CloudWatch aggregates them. */
export function alignWindow(window: Window, period: number): Window {
  const ms = period * 1000;
  return {
    start: new Date(Math.floor(window.start.getTime() / ms) * ms),
    end: new Date(Math.ceil(window.end.getTime() / ms) * ms),
  };
}

// ------------------------------------------------------------------ queries

export interface MetricDimension {
  name: string;
  value: string;
}

/** One GetMetricData query, in domain form (the gateway turns it into the SDK's). */
export interface MetricQuery {
  id: string;
  metric?: { namespace: string; name: string; dimensions: MetricDimension[]; stat: string; period: number } | undefined;
  expression?: string | undefined;
  /** Extended statistics and metric math: the queries an emulator may fail to serve. */
  advanced: boolean;
}

export interface MetricPoint {
  timestamp: string;
  value: number;
}

export interface QueryResult {
  id: string;
  points: MetricPoint[];
  /** CloudWatch's StatusCode: Complete, PartialData, InternalError or Forbidden. */
  status: string;
  messages: string[];
}

export interface MetricDataResponse {
  results: ReadonlyMap<string, QueryResult>;
  /** Queries the endpoint could not serve, with the reason. */
  unavailable: ReadonlyMap<string, string>;
}

export interface NamedArn {
  name: string;
  arn: string;
}

export interface MetricScope {
  loadBalancer: NamedArn & { type: LoadBalancerType };
  targetGroup?: NamedArn | undefined;
  /** The load balancer's target groups, looked up only when a `tg-sum` series needs them. */
  loadBalancerTargetGroups?: readonly NamedArn[] | undefined;
}

export interface PlannedSeries {
  spec: SeriesSpec;
  /** The id whose result is this series; undefined when there is nothing to ask (no target groups). */
  id?: string | undefined;
  /** Ids of the queries an expression is computed from. */
  inputs: string[];
  expression: boolean;
  /** Why there is nothing to ask, when id is undefined. */
  empty?: string | undefined;
}

export interface QueryGroup {
  scope: MetricScope;
  queries: MetricQuery[];
  series: PlannedSeries[];
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/**
 * The queries of one scope (a load balancer, or a load balancer and a target group). Ids are
 * `l{index}_{metric}_{stat}`, unique within the command, so every group can share a call.
 */
export function buildQueryGroup(
  scope: MetricScope,
  index: number,
  series: readonly SeriesSpec[],
  period: number,
): QueryGroup {
  const prefix = `l${index}`;
  const namespace = NAMESPACE[scope.loadBalancer.type];
  const lbDimension: MetricDimension = { name: 'LoadBalancer', value: loadBalancerDimension(scope.loadBalancer.arn) };
  const queries: MetricQuery[] = [];
  const planned: PlannedSeries[] = [];

  const dimensionsFor = (publication: Publication, targetGroupArn?: string): MetricDimension[] => {
    const tgArn = targetGroupArn ?? (publication !== 'lb' ? scope.targetGroup?.arn : undefined);
    return tgArn ? [lbDimension, { name: 'TargetGroup', value: targetGroupDimension(tgArn) }] : [lbDimension];
  };
  const metricQuery = (id: string, name: string, stat: string, dimensions: MetricDimension[]): string => {
    if (!queries.some((q) => q.id === id)) {
      queries.push({ id, metric: { namespace, name, dimensions, stat, period }, advanced: isExtendedStat(stat) });
    }
    return id;
  };
  const plainId = (name: string, stat: string) => `${prefix}_${slug(name)}_${slug(stat)}`;

  for (const spec of series) {
    if (spec.name === ERROR_RATE) {
      const requests = metricQuery(plainId('RequestCount', 'Sum'), 'RequestCount', 'Sum', dimensionsFor('lb+tg'));
      const target5xx = metricQuery(
        plainId('HTTPCode_Target_5XX_Count', 'Sum'),
        'HTTPCode_Target_5XX_Count',
        'Sum',
        dimensionsFor('lb+tg'),
      );
      // The load balancer's own 5XX are not reported per target group.
      const elb5xx = scope.targetGroup
        ? undefined
        : metricQuery(plainId('HTTPCode_ELB_5XX_Count', 'Sum'), 'HTTPCode_ELB_5XX_Count', 'Sum', dimensionsFor('lb'));
      const errors = elb5xx ? `FILL(${elb5xx}, 0) + FILL(${target5xx}, 0)` : `FILL(${target5xx}, 0)`;
      const id = `${prefix}_${slug(ERROR_RATE)}`;
      queries.push({ id, expression: `100 * (${errors}) / ${requests}`, advanced: true });
      planned.push({
        spec,
        id,
        inputs: elb5xx ? [requests, elb5xx, target5xx] : [requests, target5xx],
        expression: true,
      });
      continue;
    }
    const id = plainId(spec.name, spec.stat);
    if (spec.publication === 'tg-sum' && !scope.targetGroup) {
      const groups = scope.loadBalancerTargetGroups ?? [];
      if (groups.length === 0) {
        planned.push({ spec, inputs: [], expression: false, empty: 'no target groups' });
      } else if (groups.length === 1) {
        metricQuery(id, spec.name, spec.stat, dimensionsFor(spec.publication, (groups[0] as NamedArn).arn));
        planned.push({ spec, id, inputs: [], expression: false });
      } else {
        const inputs = groups.map((g, j) =>
          metricQuery(`${id}_t${j}`, spec.name, spec.stat, dimensionsFor(spec.publication, g.arn)),
        );
        queries.push({ id, expression: `SUM([${inputs.join(', ')}])`, advanced: true });
        planned.push({ spec, id, inputs, expression: true });
      }
      continue;
    }
    metricQuery(id, spec.name, spec.stat, dimensionsFor(spec.publication));
    planned.push({ spec, id, inputs: [], expression: false });
  }
  return { scope, queries, series: planned };
}

/**
 * Packs whole groups into calls of at most `max` queries, in order. A group is never split: its
 * expressions must share a call with the queries they read.
 */
export function planCalls(groups: readonly QueryGroup[], max = MAX_QUERIES_PER_CALL): MetricQuery[][] {
  const calls: MetricQuery[][] = [];
  let current: MetricQuery[] = [];
  for (const g of groups) {
    if (g.queries.length > max) {
      throw new Error(`a query group of ${g.queries.length} queries cannot fit in one call of ${max}`);
    }
    if (current.length + g.queries.length > max) {
      calls.push(current);
      current = [];
    }
    current.push(...g.queries);
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

// ------------------------------------------------------------------ results

export type SeriesStatus = 'data' | 'no-data' | 'unavailable';

export interface SeriesOutcome {
  name: string;
  stat: string;
  unit: MetricUnit;
  points: MetricPoint[];
  status: SeriesStatus;
  /** Why there is no data or why it is unavailable. */
  reason?: string | undefined;
}

export interface ScopeOutcome {
  scope: MetricScope;
  period: number;
  window: Window;
  series: SeriesOutcome[];
}

export const NO_TRAFFIC = 'no traffic';
export const MATH_UNSERVED =
  'unavailable from this endpoint: it returned no values for metric math although the inputs have data';

/** Joins a group's plan with the answers of its call(s). */
export function assembleScope(
  group: QueryGroup,
  response: MetricDataResponse,
  window: Window,
  period: number,
): ScopeOutcome {
  const pointsOf = (id: string) => response.results.get(id)?.points ?? [];
  const series = group.series.map((p): SeriesOutcome => {
    const base = { name: p.spec.name, stat: p.spec.stat, unit: p.spec.unit };
    if (p.id === undefined) return { ...base, points: [], status: 'no-data', reason: p.empty ?? NO_TRAFFIC };
    const unavailable = response.unavailable.get(p.id);
    if (unavailable) return { ...base, points: [], status: 'unavailable', reason: unavailable };
    const result = response.results.get(p.id);
    if (result && (result.status === 'InternalError' || result.status === 'Forbidden')) {
      const why = result.messages.length > 0 ? result.messages.join('; ') : result.status;
      return {
        ...base,
        points: result.points,
        status: 'unavailable',
        reason: `unavailable: CloudWatch answered ${why}`,
      };
    }
    const points = result?.points ?? [];
    if (points.length > 0) return { ...base, points, status: 'data' };
    // An endpoint that ignores metric math answers "Complete" with no values; AWS never does
    // that when the inputs have data.
    if (p.expression && p.inputs.some((i) => pointsOf(i).length > 0)) {
      return { ...base, points: [], status: 'unavailable', reason: MATH_UNSERVED };
    }
    return { ...base, points: [], status: 'no-data', reason: NO_TRAFFIC };
  });
  return { scope: group.scope, period, window, series };
}

/** The stable JSON of cli-surface.md; `unavailable` appears only on a series the endpoint could not serve. */
export interface MetricsDocument {
  loadBalancer: string;
  targetGroup: string | null;
  period: number;
  start: string;
  end: string;
  metrics: Array<{ name: string; stat: string; unit: string; points: MetricPoint[]; unavailable?: string }>;
}

export function toDocument(outcome: ScopeOutcome): MetricsDocument {
  return {
    loadBalancer: outcome.scope.loadBalancer.name,
    targetGroup: outcome.scope.targetGroup?.name ?? null,
    period: outcome.period,
    start: outcome.window.start.toISOString(),
    end: outcome.window.end.toISOString(),
    metrics: outcome.series.map((s) => ({
      name: s.name,
      stat: s.stat,
      unit: s.unit,
      points: s.points,
      ...(s.status === 'unavailable' ? { unavailable: s.reason ?? 'unavailable' } : {}),
    })),
  };
}

// ------------------------------------------------------------------ summaries

export interface SeriesSummary {
  latest: number;
  min: number;
  max: number;
  /** Counts add up over the window; every other statistic is averaged. */
  aggregate: 'sum' | 'avg';
  total: number;
}

/** Counts add up over the window; a rate (Percent) or any other statistic is averaged. */
export function summarize(points: readonly MetricPoint[], stat: string, unit?: MetricUnit): SeriesSummary | undefined {
  if (points.length === 0) return undefined;
  let latest = points[0] as MetricPoint;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const p of points) {
    if (Date.parse(p.timestamp) >= Date.parse(latest.timestamp)) latest = p;
    min = Math.min(min, p.value);
    max = Math.max(max, p.value);
    sum += p.value;
  }
  const aggregate = (stat === 'Sum' || stat === 'SampleCount') && unit !== 'Percent' ? 'sum' : 'avg';
  return { latest: latest.value, min, max, aggregate, total: aggregate === 'sum' ? sum : sum / points.length };
}

/**
 * The series on a grid of `width` cells from window start to end: each cell the mean of the
 * points that fall in it, `undefined` where there are none. With fewer periods than cells the
 * grid has one cell per period, unless `stretch` spreads each period over several cells (charts).
 */
export function resample(
  points: readonly MetricPoint[],
  window: Window,
  period: number,
  width: number,
  stretch = false,
): Array<number | undefined> {
  const start = window.start.getTime();
  const slots = Math.max(1, Math.ceil((window.end.getTime() - start) / (period * 1000)));
  const cells = Math.max(1, stretch ? width : Math.min(width, slots));
  const bucket = (count: number, slotOf: (slot: number) => number) => {
    const sums = new Array<number>(count).fill(0);
    const counts = new Array<number>(count).fill(0);
    for (const p of points) {
      const slot = Math.min(slots - 1, Math.max(0, Math.floor((Date.parse(p.timestamp) - start) / (period * 1000))));
      const i = slotOf(slot);
      sums[i] = (sums[i] as number) + p.value;
      counts[i] = (counts[i] as number) + 1;
    }
    return sums.map((sum, i) => ((counts[i] as number) > 0 ? sum / (counts[i] as number) : undefined));
  };
  if (cells <= slots) return bucket(cells, (slot) => Math.min(cells - 1, Math.floor((slot * cells) / slots)));
  const perSlot = bucket(slots, (slot) => slot);
  return Array.from({ length: cells }, (_, i) => perSlot[Math.floor((i * slots) / cells)]);
}

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trim(n / 1e9, 1)}G`;
  if (abs >= 1e6) return `${trim(n / 1e6, 1)}M`;
  if (abs >= 1e4) return `${trim(n / 1e3, 1)}k`;
  return Number.isInteger(n) ? String(n) : trim(n, abs >= 100 ? 1 : 2);
}

function bytes(n: number, suffix = ''): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? trim(v, 0) : trim(v, 1)} ${units[u]}${suffix}`;
}

/** A value as a person reads it: `153 ms`, `1.2 s`, `12.3k`, `4.5 MiB`, `2.5%`. */
export function formatValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'Seconds':
      return Math.abs(value) < 1 ? `${trim(value * 1000, value * 1000 >= 10 ? 0 : 1)} ms` : `${trim(value, 2)} s`;
    case 'Milliseconds':
      return `${trim(value, 1)} ms`;
    case 'Bytes':
      return bytes(value);
    case 'Bytes/Second':
      return bytes(value, '/s');
    case 'Count/Second':
      return `${compact(value)}/s`;
    case 'Percent':
      return `${trim(value, 2)}%`;
    default:
      return compact(value);
  }
}

/** `2024-05-01 12:00 → 15:00 UTC`, or with both dates when the window spans days. */
export function formatWindow(window: Window): string {
  const iso = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  const start = iso(window.start);
  const end = iso(window.end);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} → ${end.slice(11)} UTC` : `${start} → ${end} UTC`;
}

export function formatPeriod(period: number): string {
  if (period % 3600 === 0) return `${period / 3600} h`;
  if (period % 60 === 0 && period >= 300) return `${period / 60} min`;
  return `${period} s`;
}
