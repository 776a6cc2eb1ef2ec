/** CloudWatch metric alarms ↔ the domain's AlarmSpec (src/core/alarms/alarms.ts). */
import type { MetricAlarm, MetricDataQuery, PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import type { AlarmSpec, MetricRef } from '../core/alarms/alarms';
import type { Comparison } from '../core/alarms/preset';

const toMetric = (m: MetricRef) => ({
  Namespace: m.namespace,
  MetricName: m.name,
  Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
});

const isExtended = (stat: string) => /^(p|tm|wm|tc|ts)\d/.test(stat) || stat === 'IQM';

export function toPutMetricAlarm(a: AlarmSpec, tags: Readonly<Record<string, string>>): PutMetricAlarmCommandInput {
  const base: PutMetricAlarmCommandInput = {
    AlarmName: a.name,
    AlarmDescription: a.description,
    ComparisonOperator: a.comparison,
    Threshold: a.threshold,
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.datapointsToAlarm,
    TreatMissingData: a.treatMissingData,
    ActionsEnabled: true,
    AlarmActions: a.actions,
    OKActions: a.actions,
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  };
  if (a.math) {
    return {
      ...base,
      Metrics: [
        { Id: a.math.id, Expression: a.math.expression, Label: a.math.label, ReturnData: true },
        ...a.math.inputs.map(
          (i): MetricDataQuery => ({
            Id: i.id,
            MetricStat: { Metric: toMetric(i.metric), Period: i.metric.periodSeconds, Stat: i.metric.stat },
            ReturnData: false,
          }),
        ),
      ],
    };
  }
  const m = a.metric as MetricRef;
  return {
    ...base,
    ...toMetric(m),
    Period: m.periodSeconds,
    ...(isExtended(m.stat) ? { ExtendedStatistic: m.stat } : { Statistic: m.stat as never }),
  };
}

const fromDimensions = (ds: ReadonlyArray<{ Name?: string; Value?: string }> | undefined) =>
  (ds ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' }));

export function fromMetricAlarm(a: MetricAlarm): AlarmSpec {
  const spec: AlarmSpec = {
    name: a.AlarmName ?? '',
    description: a.AlarmDescription ?? '',
    comparison: (a.ComparisonOperator ?? 'GreaterThanThreshold') as Comparison,
    threshold: a.Threshold ?? 0,
    evaluationPeriods: a.EvaluationPeriods ?? 1,
    datapointsToAlarm: a.DatapointsToAlarm ?? a.EvaluationPeriods ?? 1,
    treatMissingData: a.TreatMissingData ?? 'missing',
    actions: [...new Set([...(a.AlarmActions ?? []), ...(a.OKActions ?? [])])],
  };
  const queries = a.Metrics ?? [];
  const expression = queries.find((q) => q.Expression !== undefined);
  if (expression) {
    spec.math = {
      id: expression.Id ?? '',
      expression: expression.Expression ?? '',
      label: expression.Label ?? '',
      inputs: queries
        .filter((q) => q.MetricStat !== undefined)
        .map((q) => ({
          id: q.Id ?? '',
          metric: {
            namespace: q.MetricStat?.Metric?.Namespace ?? '',
            name: q.MetricStat?.Metric?.MetricName ?? '',
            dimensions: fromDimensions(q.MetricStat?.Metric?.Dimensions),
            periodSeconds: q.MetricStat?.Period ?? 60,
            stat: q.MetricStat?.Stat ?? '',
          },
        })),
    };
  } else {
    spec.metric = {
      namespace: a.Namespace ?? '',
      name: a.MetricName ?? '',
      dimensions: fromDimensions(a.Dimensions),
      periodSeconds: a.Period ?? 60,
      stat: a.ExtendedStatistic ?? a.Statistic ?? '',
    };
  }
  return spec;
}
