/** GetMetricData answers → one outcome per series (data, no data, unavailable) and the JSON document. */
import type { MetricUnit } from './catalog';
import type { MetricDataResponse, MetricPoint, MetricScope, QueryGroup } from './queries';
import type { Window } from './window';

type SeriesStatus = 'data' | 'no-data' | 'unavailable';

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

const NO_TRAFFIC = 'no traffic';
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
