/** Which series a command asks for, as GetMetricData queries packed into as few calls as possible. */
import type { LoadBalancerType } from '../model';
import { loadBalancerDimension, targetGroupDimension } from '../model';
import {
  CATALOG,
  type CatalogEntry,
  DEFAULT_SERIES,
  ERROR_RATE,
  type MetricUnit,
  NAMESPACE,
  type Publication,
  canonicalName,
  e,
  isExtendedStat,
  suggestMetric,
} from './catalog';
import { MAX_QUERIES_PER_CALL } from './window';

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

interface MetricDimension {
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

interface PlannedSeries {
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
