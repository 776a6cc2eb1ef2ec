/**
 * CloudWatch alarms for a load balancer and its target groups: the alarms a preset asks for
 * (named predictably, tagged as elbctl's), and how they compare with the alarms that exist.
 * An alarm with elbctl's name but without elbctl's tag is someone else's: never overwritten.
 */
import { loadBalancerDimension, type LoadBalancerType, targetGroupDimension } from '../model';
import { type Comparison, NAMESPACES, PRESET_CHECKED, type Preset, type PresetRow, presetRows } from './preset';

/** Marks an alarm as elbctl's; its value is the alarm's key in the preset. */
export const ALARM_TAG = 'elbctl:alarm';
/** The ARN of the load balancer or target group the alarm watches. */
const ALARM_FOR_TAG = 'elbctl:alarm-for';

export interface MetricRef {
  namespace: string;
  name: string;
  dimensions: Array<{ name: string; value: string }>;
  periodSeconds: number;
  stat: string;
}

export interface AlarmSpec {
  name: string;
  description: string;
  /** A single-metric alarm… */
  metric?: MetricRef | undefined;
  /** …or metric math over inputs. */
  math?:
    | { id: string; expression: string; label: string; inputs: Array<{ id: string; metric: MetricRef }> }
    | undefined;
  comparison: Comparison;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: string;
  /** SNS topics notified on ALARM and back to OK. */
  actions: string[];
}

export interface LiveAlarm {
  spec: AlarmSpec;
  arn: string;
  state: string;
  tags: Record<string, string>;
}

export interface AlarmOverride {
  threshold?: number | undefined;
  evaluationPeriods?: number | undefined;
  datapointsToAlarm?: number | undefined;
  enabled?: boolean | undefined;
}

interface NamedArn {
  name: string;
  arn: string;
}

export interface AlarmScope {
  loadBalancer: NamedArn & { type: LoadBalancerType };
  targetGroups: readonly NamedArn[];
  /** `load-balancer`: its own alarms and its target groups'; `target-group`: only the groups'. */
  covers: 'load-balancer' | 'target-group';
}

export interface AlarmOptions {
  preset: Preset;
  snsTopic?: string | undefined;
  overrides?: Readonly<Record<string, AlarmOverride>> | undefined;
}

/** `elbctl/web/` (every alarm of `web` and its groups) or `elbctl/web/api/` (those of group `api`). */
export const alarmPrefix = (loadBalancer: string, targetGroup?: string): string =>
  targetGroup === undefined ? `elbctl/${loadBalancer}/` : `elbctl/${loadBalancer}/${targetGroup}/`;

const SYMBOL: Record<Comparison, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

function alarmFor(
  row: PresetRow,
  lb: NamedArn & { type: LoadBalancerType },
  tg: NamedArn | undefined,
  o: AlarmOptions,
): AlarmSpec | undefined {
  const over = o.overrides?.[row.key] ?? {};
  if (over.enabled === false) return undefined;
  const namespace = NAMESPACES[lb.type];
  const dims = [{ name: 'LoadBalancer', value: loadBalancerDimension(lb.arn) }];
  if (tg) dims.push({ name: 'TargetGroup', value: targetGroupDimension(tg.arn) });
  const ref = (name: string, stat: string): MetricRef => ({
    namespace,
    name,
    dimensions: dims,
    periodSeconds: row.periodSeconds,
    stat,
  });
  const threshold = over.threshold ?? row.threshold;
  const evaluationPeriods = over.evaluationPeriods ?? row.evaluationPeriods;
  const datapointsToAlarm = over.datapointsToAlarm ?? Math.min(row.datapointsToAlarm, evaluationPeriods);
  const what = row.metric === 'target-5xx-rate' ? 'target 5XX rate' : `${row.metric} ${row.stat}`;
  const on = tg ? `target group ${tg.name} of ${lb.name}` : `load balancer ${lb.name}`;
  const minutes = row.periodSeconds / 60 === 1 ? 'minutes' : `periods of ${row.periodSeconds} s`;
  return {
    name: `${alarmPrefix(lb.name, tg?.name)}${row.key}`,
    description: `elbctl ${o.preset} (${PRESET_CHECKED}): ${what} ${SYMBOL[row.comparison]} ${threshold} ${row.unit} in ${datapointsToAlarm} of ${evaluationPeriods} ${minutes} on ${on}`,
    ...(row.metric === 'target-5xx-rate'
      ? {
          math: {
            id: 'rate',
            expression: '100 * FILL(errors, 0) / requests',
            label: 'target 5XX rate (%)',
            inputs: [
              { id: 'errors', metric: ref('HTTPCode_Target_5XX_Count', 'Sum') },
              { id: 'requests', metric: ref('RequestCount', 'Sum') },
            ],
          },
        }
      : { metric: ref(row.metric, row.stat) }),
    comparison: row.comparison,
    threshold,
    evaluationPeriods,
    datapointsToAlarm,
    treatMissingData: row.treatMissingData,
    actions: o.snsTopic ? [o.snsTopic] : [],
  };
}

/** The alarms the preset asks for, load balancer alarms first, then each target group's. */
export function desiredAlarms(scope: AlarmScope, options: AlarmOptions): AlarmSpec[] {
  const rows = presetRows(options.preset, scope.loadBalancer.type);
  const out: AlarmSpec[] = [];
  if (scope.covers === 'load-balancer') {
    for (const row of rows.filter((r) => r.scope === 'load-balancer')) {
      const a = alarmFor(row, scope.loadBalancer, undefined, options);
      if (a) out.push(a);
    }
  }
  for (const tg of scope.targetGroups) {
    for (const row of rows.filter((r) => r.scope === 'target-group')) {
      const a = alarmFor(row, scope.loadBalancer, tg, options);
      if (a) out.push(a);
    }
  }
  return out;
}

/** The tags elbctl puts on an alarm it makes. */
export function alarmTags(
  spec: AlarmSpec,
  forArn: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const key = spec.name.slice(spec.name.lastIndexOf('/') + 1);
  return { [ALARM_TAG]: key, [ALARM_FOR_TAG]: forArn, ...extra };
}

export const isOurs = (a: LiveAlarm): boolean => a.tags[ALARM_TAG] !== undefined;

const canonicalMetric = (m: MetricRef) => ({
  ns: m.namespace,
  name: m.name,
  dims: [...m.dimensions].map((d) => `${d.name}=${d.value}`).sort(),
  period: m.periodSeconds,
  stat: m.stat,
});

/** The fields of two alarms that differ (empty: the same alarm). */
export function alarmDifferences(a: AlarmSpec, b: AlarmSpec): string[] {
  const fields: Array<[string, (x: AlarmSpec) => unknown]> = [
    ['description', (x) => x.description],
    ['metric', (x) => (x.metric ? canonicalMetric(x.metric) : null)],
    [
      'math',
      (x) =>
        x.math
          ? {
              expression: x.math.expression.replace(/\s+/g, ''),
              inputs: x.math.inputs.map((i) => ({ id: i.id, metric: canonicalMetric(i.metric) })),
            }
          : null,
    ],
    ['comparison', (x) => x.comparison],
    ['threshold', (x) => x.threshold],
    ['evaluationPeriods', (x) => x.evaluationPeriods],
    ['datapointsToAlarm', (x) => x.datapointsToAlarm],
    ['treatMissingData', (x) => x.treatMissingData],
    ['actions', (x) => [...x.actions].sort()],
  ];
  return fields.filter(([, f]) => JSON.stringify(f(a)) !== JSON.stringify(f(b))).map(([n]) => n);
}

export interface AlarmDiff {
  create: AlarmSpec[];
  update: Array<{ spec: AlarmSpec; live: LiveAlarm; fields: string[] }>;
  same: AlarmSpec[];
  /** Alarms with a desired name that elbctl did not make: the command refuses, naming them. */
  foreign: LiveAlarm[];
}

export function diffAlarms(desired: readonly AlarmSpec[], live: readonly LiveAlarm[]): AlarmDiff {
  const byName = new Map(live.map((a) => [a.spec.name, a]));
  const diff: AlarmDiff = { create: [], update: [], same: [], foreign: [] };
  for (const spec of desired) {
    const l = byName.get(spec.name);
    if (!l) diff.create.push(spec);
    else if (!isOurs(l)) diff.foreign.push(l);
    else {
      const fields = alarmDifferences(spec, l.spec);
      if (fields.length === 0) diff.same.push(spec);
      else diff.update.push({ spec, live: l, fields });
    }
  }
  return diff;
}

/** `UnHealthyHostCount Maximum >= 1 (2 of 2 × 60 s)`: an alarm's condition in one line. */
export function describeCondition(a: AlarmSpec): string {
  const what = a.metric ? `${a.metric.name} ${a.metric.stat}` : `${a.math?.label ?? 'math'}`;
  const period = a.metric?.periodSeconds ?? a.math?.inputs[0]?.metric.periodSeconds ?? 60;
  return `${what} ${SYMBOL[a.comparison]} ${a.threshold} (${a.datapointsToAlarm} of ${a.evaluationPeriods} × ${period} s)`;
}

/**
 * One alarm of a stack, by reference (names, not ARNs): the plan keeps it in this form, and the
 * apply turns it into an AlarmSpec once the load balancer's and target group's ARNs are known.
 */
export interface AlarmTemplate {
  key: string;
  type: LoadBalancerType;
  /** AWS names. */
  loadBalancer: string;
  targetGroup?: string | undefined;
  preset: Preset;
  snsTopic?: string | undefined;
  override?: AlarmOverride | undefined;
}

export const templateName = (t: Pick<AlarmTemplate, 'loadBalancer' | 'targetGroup' | 'key'>): string =>
  `${alarmPrefix(t.loadBalancer, t.targetGroup)}${t.key}`;

/** The templates of a load balancer's alarms (its own, then each target group's), overrides applied. */
export function alarmTemplates(
  lb: { name: string; type: LoadBalancerType },
  targetGroups: readonly string[],
  options: AlarmOptions,
): AlarmTemplate[] {
  const rows = presetRows(options.preset, lb.type);
  const make = (row: PresetRow, targetGroup?: string): AlarmTemplate[] => {
    const override = options.overrides?.[row.key];
    if (override?.enabled === false) return [];
    return [
      {
        key: row.key,
        type: lb.type,
        loadBalancer: lb.name,
        ...(targetGroup !== undefined ? { targetGroup } : {}),
        preset: options.preset,
        ...(options.snsTopic !== undefined ? { snsTopic: options.snsTopic } : {}),
        ...(override !== undefined ? { override } : {}),
      },
    ];
  };
  return [
    ...rows.filter((r) => r.scope === 'load-balancer').flatMap((r) => make(r)),
    ...targetGroups.flatMap((tg) => rows.filter((r) => r.scope === 'target-group').flatMap((r) => make(r, tg))),
  ];
}

/** The alarm a template stands for, once the ARNs are known. */
export function alarmFromTemplate(
  t: AlarmTemplate,
  loadBalancerArn: string,
  targetGroupArn?: string,
): AlarmSpec | undefined {
  const row = presetRows(t.preset, t.type).find((r) => r.key === t.key);
  if (!row) return undefined;
  return alarmFor(
    row,
    { name: t.loadBalancer, arn: loadBalancerArn, type: t.type },
    t.targetGroup !== undefined && targetGroupArn !== undefined
      ? { name: t.targetGroup, arn: targetGroupArn }
      : undefined,
    { preset: t.preset, snsTopic: t.snsTopic, overrides: t.override ? { [t.key]: t.override } : {} },
  );
}
