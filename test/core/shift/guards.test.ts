import { formatGuardValue, parseGuard, parseGuards } from '../../../src/core/shift/guards';

describe('parseGuard', () => {
  it.each([
    ['error-rate<1%', { kind: 'error-rate', text: 'error-rate<1%', operator: '<', threshold: 1, unit: '%' }],
    [
      'Error-Rate <= 0.50 %',
      { kind: 'error-rate', text: 'error-rate<=0.5%', operator: '<=', threshold: 0.5, unit: '%' },
    ],
    ['p99<800ms', { kind: 'latency', text: 'p99<800ms', operator: '<', threshold: 0.8, unit: 's', percentile: 'p99' }],
    [
      'P99.9<1.5s',
      { kind: 'latency', text: 'p99.9<1.5s', operator: '<', threshold: 1.5, unit: 's', percentile: 'p99.9' },
    ],
    ['unhealthy<1', { kind: 'unhealthy', text: 'unhealthy<1', operator: '<', threshold: 1, unit: 'count' }],
    ['elb-5xx<10', { kind: 'elb-5xx', text: 'elb-5xx<10', operator: '<', threshold: 10, unit: 'count' }],
    [
      'target-resets<=50',
      { kind: 'target-resets', text: 'target-resets<=50', operator: '<=', threshold: 50, unit: 'count' },
    ],
    ['alarm:api 5xx <high>', { kind: 'alarm', text: 'alarm:api 5xx <high>', alarmName: 'api 5xx <high>' }],
  ])('GIVEN %j WHEN parsed THEN it is %j', (raw, guard) => {
    expect(parseGuard(raw)).toEqual({ ok: true, guard });
  });

  it.each([
    ['error-rate<1', 'guard "error-rate<1": an error rate is a percentage; write error-rate<1%'],
    ['error-rate<150%', 'guard "error-rate<150%": an error rate is at most 100%'],
    ['error-rate<0%', 'guard "error-rate<0%": no error rate is below 0%; write error-rate<=0% to allow none'],
    ['p99<800', 'guard "p99<800": a response time needs its unit; write p99<800ms or 800s'],
    ['p100<1s', 'guard "p100<1s": a percentile is between p0 and p100, e.g. p99'],
    ['unhealthy<1%', 'guard "unhealthy<1%": unhealthy counts, it takes no unit; write unhealthy<1'],
    ['elb-5xx<2.5', 'guard "elb-5xx<2.5": elb-5xx counts; use a whole number'],
    ['unhealthy<0', 'guard "unhealthy<0": no count is below 0; write unhealthy<1 to allow none'],
    [
      'latency<1s',
      'guard "latency<1s": unknown guard "latency"; write one of error-rate<1%, p99<800ms, unhealthy<1, elb-5xx<10, target-resets<50 or alarm:NAME',
    ],
    [
      'error-rate>1%',
      'guard "error-rate>1%": not a guard; write one of error-rate<1%, p99<800ms, unhealthy<1, elb-5xx<10, target-resets<50 or alarm:NAME',
    ],
    ['alarm:', 'guard "alarm:": names no alarm; write alarm:NAME'],
    [
      'alarm:a\u0007b',
      'guard "alarm:a\\u0007b": not a CloudWatch alarm name (1-255 characters, no control characters)',
    ],
  ])('GIVEN %j WHEN parsed THEN the problem is exact', (raw, message) => {
    expect(parseGuard(raw)).toEqual({ ok: false, problem: { code: 'E_FORMAT', message, path: ['guard'] } });
  });

  it('GIVEN the same guard twice and a bad one WHEN parsed together THEN every problem is reported', () => {
    const r = parseGuards(['error-rate<1%', 'ERROR-RATE < 1 %', 'p99<1']);
    expect(r.guards.map((g) => g.text)).toEqual(['error-rate<1%']);
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([
      ['E_DUPLICATE', 'guard "error-rate<1%": given twice; give each guard once'],
      ['E_FORMAT', 'guard "p99<1": a response time needs its unit; write p99<1ms or 1s'],
    ]);
  });

  it('GIVEN values in each unit WHEN formatted THEN they read as people write them', () => {
    expect(formatGuardValue('%', 0.42857)).toBe('0.43%');
    expect(formatGuardValue('%', 4)).toBe('4%');
    expect(formatGuardValue('s', 0.35)).toBe('350ms');
    expect(formatGuardValue('s', 1.2346)).toBe('1.235s');
    expect(formatGuardValue('count', 3)).toBe('3');
  });
});
