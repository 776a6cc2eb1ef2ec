/**
 * The guard engine: which metrics one evaluation reads (one GetMetricData call over the step so
 * far), and the verdict on what came back. Pure; it knows target groups and a load balancer,
 * never where the weights live, so any weighted thing (a listener, a rule, later a Route 53
 * record pair in front of two load balancers) is judged the same way.
 *
 * The error rate is computed from the raw counts (5XX ÷ requests), never with metric math, so it
 * works on endpoints that do not serve math. Counts absent from CloudWatch are zero (ELB reports a
 * count only when it is non-zero); a host count or a percentile with no data is "no data yet".
 */
import { NAMESPACE } from '../metrics/catalog';
import type { MetricDataResponse, MetricQuery } from '../metrics/queries';
import { loadBalancerDimension, targetGroupDimension } from '../model';
import {
  type Guard,
  type GuardKind,
  type GuardUnit,
  type MetricGuard,
  formatGuardValue,
  needsRequests,
  passes,
} from './guards';

export interface GuardScope {
  loadBalancerType: 'application' | 'network';
  loadBalancerArn: string;
  /** The group traffic shifts to: its own metrics are the ones judged. */
  targetGroupArn: string;
}

export interface EvaluationWindow {
  start: Date;
  end: Date;
  /** One period spanning the whole window, so a percentile is computed over every request in it. */
  period: number;
}

const MINUTE_MS = 60_000;

/**
 * The step so far, in whole minutes (ELB publishes one data point a minute): from the minute the
 * step began to the end of the current minute, as one period.
 */
export function evaluationWindow(stepStartedAt: Date, now: Date): EvaluationWindow {
  const start = Math.floor(stepStartedAt.getTime() / MINUTE_MS) * MINUTE_MS;
  const end = Math.max(start + MINUTE_MS, (Math.floor(now.getTime() / MINUTE_MS) + 1) * MINUTE_MS);
  return { start: new Date(start), end: new Date(end), period: (end - start) / 1000 };
}

const ID = {
  requests: 'requests',
  target5xx: 'target_5xx',
  unhealthy: 'unhealthy',
  elb5xx: 'elb_5xx',
  resets: 'target_resets',
} as const;
const latencyId = (percentile: string) => `latency_${percentile.replace('.', '_')}`;

/** The GetMetricData queries one evaluation needs (none when every guard is an alarm). */
export function guardQueries(guards: readonly Guard[], scope: GuardScope, window: EvaluationWindow): MetricQuery[] {
  const namespace = NAMESPACE[scope.loadBalancerType];
  // Dimensions in the order `elbctl metrics` writes them: LoadBalancer, then TargetGroup.
  const lb = { name: 'LoadBalancer', value: loadBalancerDimension(scope.loadBalancerArn) };
  const tg = { name: 'TargetGroup', value: targetGroupDimension(scope.targetGroupArn) };
  const queries: MetricQuery[] = [];
  const add = (id: string, name: string, stat: string, perGroup: boolean) => {
    if (queries.some((q) => q.id === id)) return;
    queries.push({
      id,
      metric: { namespace, name, dimensions: perGroup ? [lb, tg] : [lb], stat, period: window.period },
      advanced: stat.startsWith('p'),
    });
  };
  for (const g of guards) {
    if (needsRequests(g)) add(ID.requests, 'RequestCount', 'Sum', true);
    switch (g.kind) {
      case 'error-rate':
        add(ID.target5xx, 'HTTPCode_Target_5XX_Count', 'Sum', true);
        break;
      case 'latency':
        add(latencyId(g.percentile as string), 'TargetResponseTime', g.percentile as string, true);
        break;
      case 'unhealthy':
        add(ID.unhealthy, 'UnHealthyHostCount', 'Maximum', true);
        break;
      case 'elb-5xx':
        add(ID.elb5xx, 'HTTPCode_ELB_5XX_Count', 'Sum', false);
        break;
      case 'target-resets':
        add(ID.resets, 'TCP_Target_Reset_Count', 'Sum', false);
        break;
      case 'alarm':
        break;
    }
  }
  return queries;
}

/** The alarm names the alarm guards watch. */
export const alarmNames = (guards: readonly Guard[]): string[] =>
  guards.flatMap((g) => (g.kind === 'alarm' ? [g.alarmName] : []));

type GuardStatus = 'pass' | 'fail' | 'wait';

export interface GuardReading {
  guard: string;
  kind: GuardKind;
  status: GuardStatus;
  /** In `unit`; null when there was nothing to judge. */
  value: number | null;
  threshold: number | null;
  unit: GuardUnit | 'state';
  /** An alarm guard's alarm state (OK, ALARM, INSUFFICIENT_DATA). */
  state?: string | undefined;
  /** Why it waits. */
  reason?: string | undefined;
}

export interface Evaluation {
  /** fail if any guard fails; else wait if any waits; else pass. */
  verdict: GuardStatus;
  /** Requests to the --to target group in the window (null when no guard needs them). */
  requests: number | null;
  readings: GuardReading[];
  /** Why nothing could be judged: the metrics or alarms could not be read (counts as too little data). */
  error?: string | undefined;
}

export interface EvaluationInput {
  /** The GetMetricData answer (absent when every guard is an alarm). */
  metrics?: MetricDataResponse | undefined;
  /** Alarm name → its state; a name missing from the map does not exist. */
  alarms: ReadonlyMap<string, string>;
  minRequests: number;
}

function values(input: EvaluationInput, id: string): number[] {
  return input.metrics?.results.get(id)?.points.map((p) => p.value) ?? [];
}
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The verdict on one evaluation's data. */
export function evaluateGuards(guards: readonly Guard[], input: EvaluationInput): Evaluation {
  const requestsNeeded = guards.some(needsRequests);
  const requests = requestsNeeded ? sum(values(input, ID.requests)) : null;
  const tooFew =
    requests === null
      ? undefined
      : requests === 0
        ? 'no requests have reached the target group yet'
        : requests < input.minRequests
          ? `${requests} request${requests === 1 ? '' : 's'} so far, fewer than --min-requests ${input.minRequests}`
          : undefined;
  const readings = guards.map((g): GuardReading => {
    if (g.kind === 'alarm') {
      const state = input.alarms.get(g.alarmName);
      const base = { guard: g.text, kind: g.kind, value: null, threshold: null, unit: 'state' as const };
      if (state === undefined) return { ...base, status: 'wait', reason: `alarm "${g.alarmName}" not found` };
      return { ...base, state, status: state === 'ALARM' ? 'fail' : 'pass' };
    }
    return readMetricGuard(g, input, tooFew, requests);
  });
  const verdict: GuardStatus = readings.some((r) => r.status === 'fail')
    ? 'fail'
    : readings.some((r) => r.status === 'wait')
      ? 'wait'
      : 'pass';
  return { verdict, requests, readings };
}

function readMetricGuard(
  g: MetricGuard,
  input: EvaluationInput,
  tooFew: string | undefined,
  requests: number | null,
): GuardReading {
  const base = { guard: g.text, kind: g.kind, threshold: g.threshold, unit: g.unit };
  const judge = (value: number): GuardReading => ({ ...base, value, status: passes(g, value) ? 'pass' : 'fail' });
  const wait = (reason: string): GuardReading => ({ ...base, value: null, status: 'wait', reason });
  switch (g.kind) {
    case 'error-rate': {
      if (tooFew !== undefined) return wait(tooFew);
      const errors = sum(values(input, ID.target5xx));
      return judge(requests ? (100 * errors) / requests : 0);
    }
    case 'latency': {
      const id = latencyId(g.percentile as string);
      const unavailable = input.metrics?.unavailable.get(id);
      if (unavailable !== undefined) return wait(`TargetResponseTime ${g.percentile} is ${unavailable}`);
      if (tooFew !== undefined) return wait(tooFew);
      const points = values(input, id);
      // Several points (an endpoint that does not honour the one period): the worst one decides.
      return points.length === 0 ? wait('no response times reported yet') : judge(Math.max(...points));
    }
    case 'unhealthy': {
      const points = values(input, ID.unhealthy);
      return points.length === 0 ? wait('no UnHealthyHostCount reported yet') : judge(Math.max(...points));
    }
    case 'elb-5xx':
      return judge(sum(values(input, ID.elb5xx)));
    case 'target-resets':
      return judge(sum(values(input, ID.resets)));
  }
}

/** One guard's reading as people read it: `error-rate 0.42% < 1% ok`, `alarm:api-5xx ALARM`. */
export function describeReading(r: GuardReading): string {
  if (r.unit === 'state') return `${r.guard} ${r.state ?? `waiting (${r.reason ?? 'no state'})`}`;
  const name = r.guard.replace(/<=?.*$/, '');
  const operator = r.guard.includes('<=') ? '<=' : '<';
  const threshold = formatGuardValue(r.unit, r.threshold ?? 0);
  if (r.value === null) return `${name} waiting (${r.reason ?? 'no data'})`;
  return `${name} ${formatGuardValue(r.unit, r.value)} ${r.status === 'pass' ? operator : `not ${operator}`} ${threshold}`;
}
