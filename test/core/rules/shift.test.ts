import type { Action } from '../../../src/core/model';
import { guardProblems, shiftableProblem, shiftStart, unreadyTargetsMessage } from '../../../src/core/rules/shift';
import { parseGuards } from '../../../src/core/shift/guards';

const BLUE = 'arn:tg/blue';
const GREEN = 'arn:tg/green';
const OTHER = 'arn:tg/other';
const name = (arn: string) => arn.split('/')[1] ?? arn;
const forward = (...groups: Array<[string, number?]>): Action[] => [
  { type: 'forward', targetGroups: groups.map(([targetGroupArn, weight]) => ({ targetGroupArn, weight })) },
];
const start = (actions: Action[], from?: string) => shiftStart(actions, 'listener web:80', GREEN, from, name);

describe('shiftStart', () => {
  it('GIVEN a plain forward to blue WHEN shifting to green THEN from is blue, origin plain', () => {
    expect(start(forward([BLUE]))).toEqual({ ok: true, start: { from: BLUE, origin: { shape: 'plain' } } });
  });
  it('GIVEN blue=100, green=0 with stickiness WHEN shifting THEN the weighted origin is kept to restore exactly', () => {
    const actions: Action[] = [
      {
        type: 'forward',
        targetGroups: [
          { targetGroupArn: BLUE, weight: 100 },
          { targetGroupArn: GREEN, weight: 0 },
        ],
        stickinessSeconds: 300,
      },
    ];
    expect(start(actions, BLUE)).toEqual({
      ok: true,
      start: { from: BLUE, origin: { shape: 'weighted', weights: { from: 100, to: 0 }, stickinessSeconds: 300 } },
    });
  });
  it.each<[string, Action[], string | undefined, string, string]>([
    [
      'a redirect',
      [{ type: 'redirect', statusCode: 'HTTP_301', protocol: 'HTTPS' }],
      undefined,
      'E_ACTION',
      'listener web:80: its action is redirect; a shift moves the traffic of a forward, so forward to one target group first',
    ],
    [
      'an authenticate action before the forward',
      [{ type: 'other', awsType: 'authenticate-oidc', raw: { Type: 'authenticate-oidc' } }, ...forward([BLUE])],
      undefined,
      'E_ACTION',
      'listener web:80: its action is authenticate-oidc, forward; a shift moves the traffic of a forward, so forward to one target group first',
    ],
    [
      'a split already under way',
      forward([BLUE, 90], [GREEN, 10]),
      undefined,
      'E_ACTION',
      'listener web:80: forwards to blue=90, green=10; a shift starts with all traffic on one target group; set the forward to that group alone first',
    ],
    [
      'all traffic on green already',
      forward([GREEN]),
      undefined,
      'E_ACTION',
      'listener web:80: already sends all its traffic to "green"; there is nothing to shift',
    ],
    [
      'another --from',
      forward([BLUE]),
      OTHER,
      'E_ACTION',
      'listener web:80: sends its traffic to "blue", not to --from "other"',
    ],
    [
      'a third target group',
      forward([BLUE, 1], [OTHER, 0]),
      undefined,
      'E_ACTION',
      'listener web:80: also lists "other"; a shift moves traffic between two target groups; remove the others from the forward first',
    ],
    [
      '--from equal to --to',
      forward([BLUE]),
      GREEN,
      'E_CONFLICT',
      '--from and --to: both name "green"; shift to another target group',
    ],
  ])('GIVEN %s WHEN a shift would start THEN refused: %s', (_what, actions, from, code, message) => {
    expect(start(actions, from)).toEqual({ ok: false, problem: { code, message, path: [] } });
  });
});

describe('guardProblems and shiftableProblem', () => {
  const guards = parseGuards([
    'error-rate<1%',
    'p99<1s',
    'elb-5xx<5',
    'unhealthy<1',
    'target-resets<10',
    'alarm:x',
  ]).guards;
  it('GIVEN a network load balancer WHEN guarded by HTTP guards THEN each is refused (E_GUARD), the rest allowed', () => {
    expect(guardProblems(guards, 'network').map((p) => p.message)).toEqual([
      'guard "error-rate<1%": a network load balancer reports no HTTP responses or response times (and its weights steer new flows only); guard with unhealthy<1, target-resets<N or alarm:NAME',
      'guard "p99<1s": a network load balancer reports no HTTP responses or response times (and its weights steer new flows only); guard with unhealthy<1, target-resets<N or alarm:NAME',
      'guard "elb-5xx<5": a network load balancer reports no HTTP responses or response times (and its weights steer new flows only); guard with unhealthy<1, target-resets<N or alarm:NAME',
    ]);
  });
  it('GIVEN an application load balancer WHEN guarded by resets THEN that one is refused', () => {
    expect(guardProblems(guards, 'application').map((p) => [p.code, p.message])).toEqual([
      [
        'E_GUARD',
        'guard "target-resets<10": TCP resets are counted by network load balancers only; on an application load balancer guard with error-rate, a percentile, unhealthy or elb-5xx',
      ],
    ]);
  });
  it('GIVEN a gateway load balancer WHEN shifted THEN refused', () => {
    expect(shiftableProblem('gateway', 'listener gw:6081')?.message).toBe(
      'listener gw:6081: a gateway load balancer forwards to one target group, so there is no traffic to shift; shift on an application or network load balancer',
    );
    expect(shiftableProblem('network', 'listener x:80')).toBeUndefined();
  });
});

describe('unreadyTargetsMessage', () => {
  it('GIVEN every target healthy WHEN checked THEN ready', () => {
    expect(unreadyTargetsMessage('green', [{ id: 'i-1', state: 'healthy' }])).toBeUndefined();
  });
  it('GIVEN no targets WHEN checked THEN it cannot take traffic', () => {
    expect(unreadyTargetsMessage('green', [])).toBe(
      'target group "green": has no registered targets, so it cannot take traffic; register them first (`elbctl targets register green …`)',
    );
  });
  it('GIVEN five targets, four not healthy WHEN checked THEN three are named and the rest counted', () => {
    expect(
      unreadyTargetsMessage('green', [
        { id: 'i-1', state: 'healthy' },
        { id: 'i-2', state: 'unhealthy', reason: 'Target.FailedHealthChecks' },
        { id: '10.0.1.5', port: 8080, state: 'initial', reason: 'Elb.InitialHealthChecking' },
        { id: 'i-4', state: 'draining' },
        { id: 'i-5', state: 'unused', reason: 'Target.NotInUse' },
      ]),
    ).toBe(
      'target group "green": 4 of 5 targets are not healthy: i-2 unhealthy (Target.FailedHealthChecks), 10.0.1.5:8080 initial (Elb.InitialHealthChecking), i-4 draining and 1 more',
    );
  });
});
