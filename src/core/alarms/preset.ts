/**
 * The `recommended` alarm preset: which CloudWatch alarms elbctl creates for a load balancer and
 * its target groups, per load balancer type, with the numbers it uses and where each comes from.
 *
 * Checked 2026-12-06 against:
 * - [ELB-METRICS] Elastic Load Balancing user guides, "CloudWatch metrics for your Application /
 *   Network / Gateway Load Balancer": which metrics exist, their dimensions, that ELB publishes
 *   them every 60 seconds and only while traffic flows (so missing data is not breaching).
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 * - [CDK-ELB] the AWS CDK API reference for aws_elasticloadbalancingv2 (HttpCodeTarget), whose
 *   blue/green example alarms on UnHealthyHostCount with threshold 1 over 2 evaluation periods.
 *   https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_elasticloadbalancingv2.HttpCodeTarget.html
 * - [CW-RECOMMENDED] Amazon CloudWatch user guide, "Recommended alarms": the per-service list of
 *   best-practice alarms (metric, statistic, period, datapoints), where most ELB thresholds are
 *   left to the workload.
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html
 * Where a number is elbctl's own choice, `source` says so and why. docs/alarms.md prints this
 * table; a stack's `alarms.overrides` changes any number per alarm.
 */
import type { LoadBalancerType } from '../model';

export const PRESET_CHECKED = '2026-12-06';
export const PRESETS = ['recommended'] as const;
export type Preset = (typeof PRESETS)[number];

export type Comparison =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export interface PresetRow {
  /** The alarm's key: the last part of its name, and the key of `alarms.overrides`. */
  key: string;
  types: readonly LoadBalancerType[];
  /** Whose metric: the load balancer's, or each target group's (LoadBalancer + TargetGroup dimensions). */
  scope: 'load-balancer' | 'target-group';
  /** A metric and statistic, or `target-5xx-rate`: 100 × HTTPCode_Target_5XX_Count ÷ RequestCount. */
  metric: string;
  stat: string;
  comparison: Comparison;
  threshold: number;
  /** What the threshold counts, for descriptions: `%`, `s`, `hosts`, `errors`. */
  unit: string;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: 'notBreaching' | 'breaching' | 'missing' | 'ignore';
  /** Why this alarm and these numbers. */
  source: string;
}

const ALL: readonly LoadBalancerType[] = ['application', 'network', 'gateway'];

export const RECOMMENDED: readonly PresetRow[] = [
  {
    key: 'elb-5xx',
    types: ['application'],
    scope: 'load-balancer',
    metric: 'HTTPCode_ELB_5XX_Count',
    stat: 'Sum',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 10,
    unit: 'errors a minute',
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    treatMissingData: 'notBreaching',
    source:
      'metric: CW-RECOMMENDED and ELB-METRICS (5XX answered by the load balancer itself, reported per load balancer only); numbers: elbctl — 10 a minute for 5 minutes running pages on a sustained failure, not on a stray 502',
  },
  {
    key: 'unhealthy-hosts',
    types: ALL,
    scope: 'target-group',
    metric: 'UnHealthyHostCount',
    stat: 'Maximum',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 1,
    unit: 'hosts',
    periodSeconds: 60,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    treatMissingData: 'notBreaching',
    source: 'CDK-ELB: UnHealthyHostCount, threshold 1, 2 evaluation periods of 60 s (ELB-METRICS)',
  },
  {
    key: 'no-healthy-hosts',
    types: ALL,
    scope: 'target-group',
    metric: 'HealthyHostCount',
    stat: 'Minimum',
    comparison: 'LessThanThreshold',
    threshold: 1,
    unit: 'hosts',
    periodSeconds: 60,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    treatMissingData: 'notBreaching',
    source:
      'metric: CW-RECOMMENDED (HealthyHostCount, Minimum); numbers: elbctl — below 1 means the group serves nobody; 2 periods as the unhealthy-hosts alarm',
  },
  {
    key: 'target-5xx-rate',
    types: ['application'],
    scope: 'target-group',
    metric: 'target-5xx-rate',
    stat: 'Sum',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 5,
    unit: '%',
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    treatMissingData: 'notBreaching',
    source:
      'metric: CW-RECOMMENDED (HTTPCode_Target_5XX_Count per target group); numbers: elbctl — as a rate of RequestCount (metric math), 5% for 5 minutes, so a quiet service does not page on one error',
  },
  {
    key: 'p99-latency',
    types: ['application'],
    scope: 'target-group',
    metric: 'TargetResponseTime',
    stat: 'p99',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 2,
    unit: 's',
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    treatMissingData: 'notBreaching',
    source:
      'metric: CW-RECOMMENDED (TargetResponseTime as a percentile); numbers: elbctl — p99 at or above 2 s for 5 minutes; set your own objective with alarms.overrides',
  },
  {
    key: 'port-allocation-errors',
    types: ['network'],
    scope: 'load-balancer',
    metric: 'PortAllocationErrorCount',
    stat: 'Sum',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 1,
    unit: 'errors',
    periodSeconds: 60,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
    source:
      'metric: CW-RECOMMENDED and ELB-METRICS (ephemeral ports exhausted: new flows fail); numbers: elbctl — any error is worth a look',
  },
];

export const presetRows = (preset: Preset, type: LoadBalancerType): PresetRow[] =>
  (preset === 'recommended' ? RECOMMENDED : []).filter((r) => r.types.includes(type));

export const NAMESPACES: Record<LoadBalancerType, string> = {
  application: 'AWS/ApplicationELB',
  network: 'AWS/NetworkELB',
  gateway: 'AWS/GatewayELB',
};
