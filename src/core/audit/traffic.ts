/**
 * The idle check's data: one daily Sum of RequestCount (ALB) or NewFlowCount (NLB, GWLB) per load
 * balancer over the window, packed into GetMetricData calls of at most 500 queries, so a region
 * of n load balancers costs ⌈n/500⌉ calls.
 */
import { NAMESPACE } from '../metrics/catalog';
import type { MetricQuery, QueryResult } from '../metrics/queries';
import { MAX_QUERIES_PER_CALL, type Window } from '../metrics/window';
import { type LoadBalancer, loadBalancerDimension } from '../model';

export const TRAFFIC_DAYS = 14;
const TRAFFIC_PERIOD_SECONDS = 86_400;
const DAY_MS = 86_400_000;

const trafficMetric = (lb: LoadBalancer): string => (lb.type === 'application' ? 'RequestCount' : 'NewFlowCount');

/** The last `days` whole days up to the end of the current one (UTC), so each period is a calendar day. */
export function trafficWindow(now: Date, days = TRAFFIC_DAYS): Window {
  const end = new Date(Math.ceil(now.getTime() / DAY_MS) * DAY_MS);
  return { start: new Date(end.getTime() - days * DAY_MS), end };
}

/** The queries, in calls of at most 500, with each query's id mapped to its load balancer's ARN. */
export function trafficQueries(lbs: readonly LoadBalancer[]): { calls: MetricQuery[][]; arnById: Map<string, string> } {
  const arnById = new Map<string, string>();
  const queries: MetricQuery[] = lbs.map((lb, i) => {
    const id = `t${i}`;
    arnById.set(id, lb.arn);
    return {
      id,
      metric: {
        namespace: NAMESPACE[lb.type],
        name: trafficMetric(lb),
        dimensions: [{ name: 'LoadBalancer', value: loadBalancerDimension(lb.arn) }],
        stat: 'Sum',
        period: TRAFFIC_PERIOD_SECONDS,
      },
      advanced: false,
    };
  });
  const calls: MetricQuery[][] = [];
  for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_CALL) calls.push(queries.slice(i, i + MAX_QUERIES_PER_CALL));
  return { calls, arnById };
}

/** Each load balancer's total over the window (an empty series is 0: metrics exist only while traffic flows). */
export function trafficTotals(results: ReadonlyMap<string, QueryResult>, arnById: ReadonlyMap<string, string>) {
  const totals = new Map<string, number>();
  for (const [id, arn] of arnById) {
    const r = results.get(id);
    totals.set(
      arn,
      (r?.points ?? []).reduce((sum, p) => sum + p.value, 0),
    );
  }
  return totals;
}
