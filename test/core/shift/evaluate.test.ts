import type { MetricDataResponse, QueryResult } from '../../../src/core/metrics/queries';
import {
  describeReading,
  evaluateGuards,
  evaluationWindow,
  guardQueries,
  type GuardScope,
} from '../../../src/core/shift/evaluate';
import { type Guard, parseGuards } from '../../../src/core/shift/guards';

const guards = (...raws: string[]): Guard[] => {
  const r = parseGuards(raws);
  if (r.problems.length > 0) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.guards;
};
const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/73e2d6bc24d8a067';
const scope: GuardScope = { loadBalancerType: 'application', loadBalancerArn: LB, targetGroupArn: TG };
const at = (iso: string) => new Date(iso);

function answer(values: Record<string, number[]>, unavailable: Record<string, string> = {}): MetricDataResponse {
  const results = new Map<string, QueryResult>(
    Object.entries(values).map(([id, vs]) => [
      id,
      { id, status: 'Complete', messages: [], points: vs.map((value, i) => ({ timestamp: `t${i}`, value })) },
    ]),
  );
  return { results, unavailable: new Map(Object.entries(unavailable)) };
}

describe('evaluationWindow', () => {
  it('GIVEN a step that began mid-minute WHEN evaluated later THEN the window is whole minutes, one period', () => {
    expect(evaluationWindow(at('2026-12-06T10:00:30Z'), at('2026-12-06T10:02:10Z'))).toEqual({
      start: at('2026-12-06T10:00:00Z'),
      end: at('2026-12-06T10:03:00Z'),
      period: 180,
    });
  });
  it('GIVEN an evaluation in the minute the step began WHEN evaluated THEN the window is that minute', () => {
    expect(evaluationWindow(at('2026-12-06T10:00:30Z'), at('2026-12-06T10:00:31Z'))).toEqual({
      start: at('2026-12-06T10:00:00Z'),
      end: at('2026-12-06T10:01:00Z'),
      period: 60,
    });
  });
});

describe('guardQueries', () => {
  it('GIVEN every guard of an ALB WHEN asked THEN one query per series, LoadBalancer before TargetGroup, alarms none', () => {
    const window = evaluationWindow(at('2026-12-06T10:00:30Z'), at('2026-12-06T10:02:10Z'));
    const lb = { name: 'LoadBalancer', value: 'app/web/50dc6c495c0c9188' };
    const tg = { name: 'TargetGroup', value: 'targetgroup/green/73e2d6bc24d8a067' };
    const metric = (name: string, stat: string, dimensions: unknown[]) => ({
      namespace: 'AWS/ApplicationELB',
      name,
      dimensions,
      stat,
      period: 180,
    });
    expect(
      guardQueries(
        guards('error-rate<1%', 'p99<800ms', 'p99.9<2s', 'unhealthy<1', 'elb-5xx<10', 'alarm:x'),
        scope,
        window,
      ),
    ).toEqual([
      { id: 'requests', metric: metric('RequestCount', 'Sum', [lb, tg]), advanced: false },
      { id: 'target_5xx', metric: metric('HTTPCode_Target_5XX_Count', 'Sum', [lb, tg]), advanced: false },
      { id: 'latency_p99', metric: metric('TargetResponseTime', 'p99', [lb, tg]), advanced: true },
      { id: 'latency_p99_9', metric: metric('TargetResponseTime', 'p99.9', [lb, tg]), advanced: true },
      { id: 'unhealthy', metric: metric('UnHealthyHostCount', 'Maximum', [lb, tg]), advanced: false },
      { id: 'elb_5xx', metric: metric('HTTPCode_ELB_5XX_Count', 'Sum', [lb]), advanced: false },
    ]);
  });
  it('GIVEN an NLB with resets and unhealthy WHEN asked THEN AWS/NetworkELB, resets per load balancer', () => {
    const window = evaluationWindow(at('2026-12-06T10:00:00Z'), at('2026-12-06T10:00:01Z'));
    const nlb = {
      loadBalancerType: 'network' as const,
      loadBalancerArn: LB.replace('/app/', '/net/'),
      targetGroupArn: TG,
    };
    expect(
      guardQueries(guards('target-resets<5', 'unhealthy<1'), nlb, window).map((q) => [
        q.id,
        q.metric?.namespace,
        q.metric?.dimensions.length,
      ]),
    ).toEqual([
      ['target_resets', 'AWS/NetworkELB', 1],
      ['unhealthy', 'AWS/NetworkELB', 2],
    ]);
  });
});

describe('evaluateGuards', () => {
  const alarms = new Map<string, string>();
  it('GIVEN 1000 requests and 5 target 5XX WHEN error-rate<1% THEN 0.5% passes', () => {
    const e = evaluateGuards(guards('error-rate<1%'), {
      metrics: answer({ requests: [600, 400], target_5xx: [5] }),
      alarms,
      minRequests: 100,
    });
    expect(e).toEqual({
      verdict: 'pass',
      requests: 1000,
      readings: [{ guard: 'error-rate<1%', kind: 'error-rate', status: 'pass', value: 0.5, threshold: 1, unit: '%' }],
    });
    expect(describeReading(e.readings[0] as never)).toBe('error-rate 0.5% < 1%');
  });
  it('GIVEN 20 of 200 requests failing WHEN error-rate<1% THEN 10% fails', () => {
    const e = evaluateGuards(guards('error-rate<1%'), {
      metrics: answer({ requests: [200], target_5xx: [20] }),
      alarms,
      minRequests: 100,
    });
    expect(e.verdict).toBe('fail');
    expect(describeReading(e.readings[0] as never)).toBe('error-rate 10% not < 1%');
  });
  it('GIVEN requests and no 5XX series WHEN judged THEN missing counts are zero', () => {
    const e = evaluateGuards(guards('error-rate<=0%', 'elb-5xx<1'), {
      metrics: answer({ requests: [150] }),
      alarms,
      minRequests: 100,
    });
    expect(e.readings.map((r) => [r.status, r.value])).toEqual([
      ['pass', 0],
      ['pass', 0],
    ]);
  });
  it('GIVEN fewer requests than --min-requests WHEN judged THEN request guards wait, others still judge', () => {
    const e = evaluateGuards(guards('error-rate<1%', 'p99<1s', 'elb-5xx<3'), {
      metrics: answer({ requests: [40], target_5xx: [40], latency_p99: [5], elb_5xx: [1] }),
      alarms,
      minRequests: 100,
    });
    expect(e.verdict).toBe('wait');
    expect(e.readings.map((r) => [r.guard, r.status, r.reason])).toEqual([
      ['error-rate<1%', 'wait', '40 requests so far, fewer than --min-requests 100'],
      ['p99<1s', 'wait', '40 requests so far, fewer than --min-requests 100'],
      ['elb-5xx<3', 'pass', undefined],
    ]);
  });
  it('GIVEN no requests at all and --min-requests 0 WHEN judged THEN the request guards still wait (nothing to judge)', () => {
    const e = evaluateGuards(guards('error-rate<1%'), { metrics: answer({}), alarms, minRequests: 0 });
    expect(e.readings[0]?.reason).toBe('no requests have reached the target group yet');
  });
  it('GIVEN a p99 over the threshold in one of two points WHEN judged THEN the worst point fails it', () => {
    const e = evaluateGuards(guards('p99<800ms'), {
      metrics: answer({ requests: [500], latency_p99: [0.3, 0.9] }),
      alarms,
      minRequests: 100,
    });
    expect(e.readings[0]).toMatchObject({ status: 'fail', value: 0.9, threshold: 0.8 });
    expect(describeReading(e.readings[0] as never)).toBe('p99 900ms not < 800ms');
  });
  it('GIVEN an endpoint that cannot serve percentiles WHEN judged THEN the latency guard waits, saying why', () => {
    const e = evaluateGuards(guards('p99<800ms'), {
      metrics: answer({ requests: [500] }, { latency_p99: 'unavailable from this endpoint' }),
      alarms,
      minRequests: 100,
    });
    expect(e.readings[0]).toMatchObject({
      status: 'wait',
      reason: 'TargetResponseTime p99 is unavailable from this endpoint',
    });
  });
  it('GIVEN no UnHealthyHostCount yet, then 1 WHEN unhealthy<1 THEN waits, then fails', () => {
    expect(
      evaluateGuards(guards('unhealthy<1'), { metrics: answer({}), alarms, minRequests: 100 }).readings[0],
    ).toMatchObject({
      status: 'wait',
      reason: 'no UnHealthyHostCount reported yet',
    });
    expect(
      evaluateGuards(guards('unhealthy<1'), { metrics: answer({ unhealthy: [0, 1] }), alarms, minRequests: 100 })
        .verdict,
    ).toBe('fail');
  });
  it('GIVEN alarms in ALARM, OK and missing WHEN judged THEN fail, pass and wait', () => {
    const states = new Map([
      ['a', 'ALARM'],
      ['b', 'OK'],
    ]);
    const e = evaluateGuards(guards('alarm:a', 'alarm:b', 'alarm:c'), { alarms: states, minRequests: 100 });
    expect(e.requests).toBeNull();
    expect(e.verdict).toBe('fail');
    expect(e.readings.map((r) => [r.status, r.state, r.reason])).toEqual([
      ['fail', 'ALARM', undefined],
      ['pass', 'OK', undefined],
      ['wait', undefined, 'alarm "c" not found'],
    ]);
    expect(e.readings.map((r) => describeReading(r))).toEqual([
      'alarm:a ALARM',
      'alarm:b OK',
      'alarm:c waiting (alarm "c" not found)',
    ]);
  });
  it('GIVEN no guard at all WHEN judged THEN it passes', () => {
    expect(evaluateGuards([], { alarms, minRequests: 100 })).toEqual({ verdict: 'pass', requests: null, readings: [] });
  });
});
