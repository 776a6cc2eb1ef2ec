/**
 * `elbctl shift` in-process against a stateful mocked account (world.ts) and a fake clock: the
 * exact writes in order, the exit codes, stderr lines and the NDJSON stream. The real emulator
 * runs the same flows in test/integration/shift.test.ts.
 */
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ScriptedPrompter } from '../../../src/ui/prompter';
import { elbctl } from '../../support/harness';
import { FakeClock } from '../../support/fake-clock';
import { LISTENER, makeWorld, ndjson, NLB_LISTENER, RULE, tg, type World } from './world';

let w: World;
let clock: FakeClock;

beforeEach(() => {
  w?.elbv2.restore();
  w?.cloudwatch.restore();
  w = makeWorld();
  clock = new FakeClock();
});

afterAll(() => {
  w.elbv2.restore();
  w.cloudwatch.restore();
});

const shift = (args: string[], options: { tty?: boolean; prompter?: ScriptedPrompter } = {}) =>
  elbctl(['shift', ...args], { clock, ...options });

const FAST = ['--steps', '50,100', '--bake', '2m', '--interval', '60'];

describe('a healthy shift', () => {
  it('GIVEN green healthy and 0.1% errors WHEN shifted THEN each step is recorded then written, and it ends at a plain forward with the record gone', async () => {
    const r = await shift(['web:80', '--to', 'green', ...FAST, '--guard', 'error-rate<1%', '-y']);

    expect(r.code).toBe(0);
    expect(w.writes).toEqual([
      'AddTags listener running step=0',
      'ModifyListener blue=50,green=50',
      'AddTags listener running step=1',
      'ModifyListener blue=0,green=100',
      'AddTags listener finishing step=1',
      'ModifyListener green',
      'RemoveTags listener 4 keys',
    ]);
    expect(w.tags.get(LISTENER)).toEqual({});
    // Four evaluations, one GetMetricData each, over the step so far with both dimensions.
    expect(w.queries).toHaveLength(4);
    expect(w.queries[0]?.map((q) => [q.Id, q.MetricStat?.Metric?.Dimensions?.map((d) => d.Name)])).toEqual([
      ['requests', ['LoadBalancer', 'TargetGroup']],
      ['target_5xx', ['LoadBalancer', 'TargetGroup']],
    ]);
    const lines = ndjson(r.stdout);
    expect(lines.map((l) => `${l.type}:${l.event ?? l.outcome}`)).toEqual([
      'event:step',
      'event:landed',
      'event:evaluation',
      'event:evaluation',
      'event:step-passed',
      'event:step',
      'event:landed',
      'event:evaluation',
      'event:evaluation',
      'event:step-passed',
      'event:finishing',
      'result:completed',
    ]);
    expect(lines[2]).toEqual({
      type: 'event',
      at: '2026-12-06T10:01:00.000Z',
      event: 'evaluation',
      step: 1,
      of: 2,
      weights: { from: 50, to: 50 },
      remainingSeconds: 60,
      insufficientRun: 0,
      verdict: 'pass',
      requests: 1000,
      guards: [{ guard: 'error-rate<1%', status: 'pass', value: 0.1, threshold: 1, unit: '%' }],
    });
    expect(lines[11]).toMatchObject({
      type: 'result',
      outcome: 'completed',
      target: { kind: 'listener', name: 'web:80', arn: LISTENER },
      from: { name: 'blue', arn: tg('blue') },
      to: { name: 'green', arn: tg('green') },
      steps: [50, 100],
      step: 2,
      completedSteps: 2,
      evaluations: 4,
      weights: { from: 0, to: 100 },
      reason: null,
      failedGuards: [],
      startedAt: '2026-12-06T10:00:00.000Z',
      endedAt: '2026-12-06T10:04:00.000Z',
    });
    expect(r.stderr).toBe(
      [
        'shift listener web:80: blue → green in 2 steps (50%, 100%), each baked 2m, evaluated every 1m',
        'guards: error-rate<1% (error-rate and percentile guards wait for 100 requests)',
        'at the end: a plain forward to green',
        '10:00:00 step 1/2: writing 50/50 (blue/green)',
        '10:00:00 step 1/2: 50/50 landed (read back)',
        '10:01:00 step 1/2 50/50: error-rate 0.1% < 1% (1000 requests); bake 1m left',
        '10:02:00 step 1/2 50/50: error-rate 0.1% < 1% (1000 requests)',
        '10:02:00 step 1/2 passed',
        '10:02:00 step 2/2: writing 0/100 (blue/green)',
        '10:02:00 step 2/2: 0/100 landed (read back)',
        '10:03:00 step 2/2 0/100: error-rate 0.1% < 1% (1000 requests); bake 1m left',
        '10:04:00 step 2/2 0/100: error-rate 0.1% < 1% (1000 requests)',
        '10:04:00 step 2/2 passed',
        '10:04:00 finishing: a plain forward to green',
        '✓ shift on listener web:80 completed: all traffic to green',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN a rule and --group-stickiness and --keep-weighted WHEN shifted THEN ModifyRule carries the stickiness and the forward stays weighted', async () => {
    const r = await shift([
      'web:80:10',
      '--to',
      'green',
      '--steps',
      '100',
      '--bake',
      '0',
      '--group-stickiness',
      '300',
      '--keep-weighted',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(w.writes).toEqual([
      'AddTags rule running step=0',
      'ModifyRule blue=0,green=100 sticky=300',
      'AddTags rule finishing step=0',
      'RemoveTags rule 3 keys',
    ]);
    expect(w.queries).toHaveLength(0);
    expect(r.stderr).toContain('warning: no --guard: every step passes once its bake is over');
  });

  it('GIVEN a network load balancer WHEN shifted with unhealthy<1 THEN NetworkELB is read and the weights move', async () => {
    w.metrics = [{ unhealthy: [0] }];
    const r = await shift([
      'edge:80',
      '--to',
      'tcp-green',
      '--steps',
      '100',
      '--bake',
      '0',
      '--guard',
      'unhealthy<1',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(w.writes).toContain('ModifyListener tcp-blue=0,tcp-green=100');
    expect(w.queries[0]?.[0]?.MetricStat?.Metric?.Namespace).toBe('AWS/NetworkELB');
    expect(w.actions.get(NLB_LISTENER)?.[0]?.TargetGroupArn).toBe(tg('tcp-green'));
  });
});

describe('rollback', () => {
  it('GIVEN green failing 8% of requests at the second step WHEN evaluated THEN one write back to the plain forward, exit 1 naming the guard', async () => {
    w.metrics = [
      { requests: [500], target_5xx: [0] },
      { requests: [500], target_5xx: [0] },
      { requests: [500], target_5xx: [40] },
    ];
    const r = await shift(['web:80', '--to', 'green', ...FAST, '--guard', 'error-rate<1%', '-y', '-o', 'table']);

    expect(r.code).toBe(1);
    expect(w.writes).toEqual([
      'AddTags listener running step=0',
      'ModifyListener blue=50,green=50',
      'AddTags listener running step=1',
      'ModifyListener blue=0,green=100',
      'AddTags listener rolling-back step=1',
      'ModifyListener blue',
      'RemoveTags listener 4 keys',
    ]);
    expect(r.stderr).toContain('10:03:00 step 2/2 0/100: FAILED: error-rate 8% not < 1% (500 requests)\n');
    expect(r.stderr).toContain(
      'error: shift on listener web:80: rolled back: guard error-rate<1% failed at step 2 (100%): error-rate 8% not < 1%\n' +
        'hint: all traffic goes to blue again (100/0); `elbctl shift status web:80` shows it\n',
    );
    expect(r.stdout).toContain('failed guard  error-rate<1%: 8%\n');
  });

  it('GIVEN too few requests three evaluations running WHEN judged THEN rolled back for insufficient data', async () => {
    w.metrics = [{ requests: [12] }];
    const r = await shift(['web:80', '--to', 'green', ...FAST, '--guard', 'p99<800ms', '-y']);
    expect(r.code).toBe(1);
    const result = ndjson(r.stdout).at(-1);
    expect(result).toMatchObject({
      outcome: 'rolled-back',
      evaluations: 3,
      reason:
        'insufficient data at step 1 (50%): 3 evaluations in a row without enough data (12 requests so far, fewer than --min-requests 100)',
      weights: { from: 100, to: 0 },
    });
  });

  it('GIVEN an alarm guard whose alarm goes to ALARM WHEN evaluated THEN rolled back', async () => {
    w.alarms.set('api-5xx', 'OK');
    w.onMetrics = undefined;
    let reads = 0;
    w.cloudwatch.on(DescribeAlarmsCommand).callsFake(async (i: { AlarmNames?: string[] }) => {
      reads++;
      return {
        MetricAlarms: (i.AlarmNames ?? []).map((n) => ({ AlarmName: n, StateValue: reads > 2 ? 'ALARM' : 'OK' })),
      };
    });
    const r = await shift(['web:80', '--to', 'green', ...FAST, '--guard', 'alarm:api-5xx', '-y']);
    expect(r.code).toBe(1);
    expect(w.queries).toHaveLength(0);
    expect(ndjson(r.stdout).at(-1)).toMatchObject({
      outcome: 'rolled-back',
      failedGuards: [
        { guard: 'alarm:api-5xx', status: 'fail', value: null, threshold: null, unit: 'state', state: 'ALARM' },
      ],
    });
    expect(w.writes.at(-2)).toBe('ModifyListener blue');
  });

  it('GIVEN the rollback write is refused WHEN rolling back THEN exit 1, outcome rollback-failed with the live weights', async () => {
    w.metrics = [{ requests: [500], target_5xx: [100] }];
    let writes = 0;
    w.elbv2.on(ModifyListenerCommand).callsFake(async (i: { DefaultActions: unknown[] }) => {
      writes++;
      if (writes > 1) throw Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' });
      w.actions.set(LISTENER, i.DefaultActions as never);
      return {
        Listeners: [{ ListenerArn: LISTENER, Protocol: 'HTTP', Port: 80, DefaultActions: i.DefaultActions as never }],
      };
    });
    const r = await shift(['web:80', '--to', 'green', ...FAST, '--guard', 'error-rate<1%', '-y']);
    expect(r.code).toBe(1);
    expect(ndjson(r.stdout).at(-1)).toMatchObject({
      outcome: 'rollback-failed',
      weights: { from: 50, to: 50 },
      live: 'forward → blue=50, green=50',
    });
    expect(r.stderr).toContain(
      'error: shift on listener web:80: the rollback failed (guard error-rate<1% failed at step 1 (50%): error-rate 20% not < 1%); live: forward → blue=50, green=50\n' +
        'error: the rollback write failed: modify listener: access denied by AWS (AccessDenied: user is not authorized)\n',
    );
    expect(r.stderr).toContain('hint: `elbctl shift abort web:80` tries the rollback again\n');
    // The record stays, so status and abort still know the shift.
    expect(w.tags.get(LISTENER)?.['elbctl:shift']).toContain('state=rolling-back');
  });
});

describe('Ctrl-C', () => {
  it('GIVEN Ctrl-C during the first bake WHEN it arrives THEN rolled back, exit 130', async () => {
    w.onMetrics = () => {
      process.emit('SIGINT');
    };
    const r = await shift(['web:80', '--to', 'green', ...FAST, '--guard', 'error-rate<1%', '-y']);
    expect(r.code).toBe(130);
    expect(w.writes).toEqual([
      'AddTags listener running step=0',
      'ModifyListener blue=50,green=50',
      'AddTags listener rolling-back step=0',
      'ModifyListener blue',
      'RemoveTags listener 4 keys',
    ]);
    expect(r.stderr).toContain('interrupted: rolling back listener web:80');
    expect(r.stderr).toContain('error: shift on listener web:80: interrupted: rolled back to 100/0\n');
    expect(process.listeners('SIGINT')).toHaveLength(0);
    expect(process.listeners('SIGTERM')).toHaveLength(0);
  });

  it('GIVEN SIGTERM (a CI system cancelling the job) during a bake WHEN it arrives THEN rolled back as for Ctrl-C, exit 130', async () => {
    w.onMetrics = () => {
      process.emit('SIGTERM');
    };
    const r = await shift(['web:80', '--to', 'green', ...FAST, '--guard', 'error-rate<1%', '-y']);
    expect(r.code).toBe(130);
    expect(w.writes.slice(-2)).toEqual(['ModifyListener blue', 'RemoveTags listener 4 keys']);
  });

  it('GIVEN --no-rollback-on-abort WHEN Ctrl-C arrives THEN the weights and the record stay, exit 130', async () => {
    w.onMetrics = () => {
      process.emit('SIGINT');
    };
    const r = await shift([
      'web:80',
      '--to',
      'green',
      ...FAST,
      '--guard',
      'error-rate<1%',
      '--no-rollback-on-abort',
      '-y',
    ]);
    expect(r.code).toBe(130);
    expect(w.writes).toEqual(['AddTags listener running step=0', 'ModifyListener blue=50,green=50']);
    expect(r.stderr).toContain(
      'error: shift on listener web:80: interrupted: weights left at 50/50 (--no-rollback-on-abort)\n' +
        'hint: `elbctl shift resume web:80` continues it, `elbctl shift abort web:80` rolls it back\n',
    );
    expect(w.tags.get(LISTENER)?.['elbctl:shift']).toContain('state=running step=0');
  });
});

describe('refusals before any write', () => {
  it.each([
    [['web:80', '--to', 'green', '--guard', 'latency<1s', '-y'], 'unknown guard "latency"'],
    [['web', '--to', 'green', '-y'], 'listener or rule "web": name a listener as LB:PORT'],
    [['web:80', '--to', 'green', '--steps', '10,50', '-y'], '--steps "10,50": the last step must be 100'],
  ])('GIVEN %j WHEN run THEN exit 64 and no AWS call at all', async (args, message) => {
    const r = await shift(args);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(w.elbv2.calls()).toHaveLength(0);
    expect(w.cloudwatch.calls()).toHaveLength(0);
  });

  it.each([
    [
      ['edge:80', '--to', 'tcp-green', '--guard', 'error-rate<1%', '-y'],
      'error: guard "error-rate<1%": a network load balancer reports no HTTP responses or response times (and its weights steer new flows only); guard with unhealthy<1, target-resets<N or alarm:NAME\n',
    ],
    [
      ['web:80', '--to', 'nope', '-y'],
      'error: target group "nope": does not exist in this account and region; create it first (`elbctl tg create`), or check the name (`elbctl tg list`)\n',
    ],
    [
      ['web:80', '--to', 'other-vpc', '-y'],
      'error: target group "other-vpc": is in vpc-0fff9999, but load balancer "web" is in vpc-0abc1234; use a target group in vpc-0abc1234\n',
    ],
    [
      ['web:80', '--to', 'tcp-green', '-y'],
      'error: target group "tcp-green" (TCP): an HTTP listener forwards to HTTP or HTTPS target groups (or a lambda one); forward to one of those\n',
    ],
    [
      ['web:80', '--to', 'green', '--guard', 'alarm:missing', '-y'],
      'error: alarm "missing": does not exist in this account and region; check the name (`aws cloudwatch describe-alarms`)\n',
    ],
    [
      ['web:80', '--to', 'blue', '-y'],
      'error: listener web:80: already sends all its traffic to "blue"; there is nothing to shift\n',
    ],
  ])('GIVEN %j WHEN run THEN exit 64 and nothing written', async (args, message) => {
    const r = await shift(args);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(message);
    expect(w.writes).toEqual([]);
  });

  it('GIVEN green with an unhealthy target WHEN shifted THEN exit 1 naming it, nothing written', async () => {
    w.health.set(tg('green'), ['healthy', 'unhealthy']);
    const r = await shift(['web:80', '--to', 'green', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: listener web:80: cannot shift to "green": target group "green": 1 of 2 targets are not healthy: i-01 unhealthy (Target.FailedHealthChecks)\n' +
        'hint: `elbctl targets health green --wait healthy` waits until they are\n',
    );
    expect(w.writes).toEqual([]);
  });

  it('GIVEN a shift recorded on the listener WHEN another starts THEN exit 1 pointing to status, resume and abort', async () => {
    w.onMetrics = () => {
      process.emit('SIGINT');
    };
    const left = await shift([
      'web:80',
      '--to',
      'green',
      ...FAST,
      '--guard',
      'error-rate<1%',
      '--no-rollback-on-abort',
      '-y',
    ]);
    expect(left.code).toBe(130);
    w.writes = [];
    const r = await shift(['web:80', '--to', 'green', '-y']);
    expect(r.code).toBe(1);
    expect(w.writes).toEqual([]);
    expect(r.stderr).toBe(
      'error: listener web:80: a shift to "green" is in progress (step 1 of 2); one shift at a time\n' +
        'hint: `elbctl shift status web:80` shows it; `elbctl shift resume web:80` continues it, `elbctl shift abort web:80` rolls it back\n',
    );
  });

  it('GIVEN no terminal and no -y WHEN shifted THEN exit 64 asking for -y, nothing written', async () => {
    const r = await shift(['web:80', '--to', 'green']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: shift listener web:80: confirmation needed but no terminal to ask on; pass -y to approve\n',
    );
    expect(w.writes).toEqual([]);
  });

  it('GIVEN a terminal WHEN the confirmation is declined THEN exit 130, nothing written', async () => {
    const prompter = new ScriptedPrompter([{ match: 'Shift listener web:80 from blue to green?', answer: false }]);
    const r = await shift(['web:80', '--to', 'green'], { tty: true, prompter });
    expect(r.code).toBe(130);
    expect(w.writes).toEqual([]);
  });

  it('GIVEN --dry-run WHEN run THEN every check runs, the plan is shown, nothing is written', async () => {
    const r = await shift(['web:80', '--to', 'green', '--guard', 'error-rate<1%', '--dry-run']);
    expect(r.code).toBe(0);
    expect(w.writes).toEqual([]);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'result', outcome: 'dry-run', weights: { from: 100, to: 0 } });
    expect(r.stderr).toContain('shift listener web:80: blue → green in 4 steps (10%, 25%, 50%, 100%)');
  });
});

describe('status, resume and abort', () => {
  /** A shift left at 50/50 (Ctrl-C with --no-rollback-on-abort) at 10:01:00. */
  async function leaveAtFirstStep(origin = false): Promise<void> {
    if (origin) {
      w.actions.set(LISTENER, [
        {
          Type: 'forward',
          Order: 1,
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: tg('blue'), Weight: 100 },
              { TargetGroupArn: tg('green'), Weight: 0 },
            ],
            TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 },
          },
        },
      ]);
    }
    w.onMetrics = (call) => {
      if (call === 0) process.emit('SIGINT');
    };
    const r = await shift([
      'web:80',
      '--to',
      'green',
      ...FAST,
      '--guard',
      'error-rate<1%',
      '--no-rollback-on-abort',
      '-y',
    ]);
    expect(r.code).toBe(130);
    w.onMetrics = undefined;
    w.writes = [];
    w.queries = [];
  }

  it('GIVEN a shift left at step 1 WHEN status is asked THEN the live weights, the record and an evaluation', async () => {
    await leaveAtFirstStep();
    const r = await shift(['status', 'web:80']);
    expect(r.code).toBe(0);
    expect(w.writes).toEqual([]);
    expect(r.json()).toMatchObject({
      target: { kind: 'listener', name: 'web:80', arn: LISTENER },
      shift: {
        state: 'running',
        from: { name: 'blue' },
        to: { name: 'green' },
        steps: [50, 100],
        step: 1,
        of: 2,
        live: { from: 50, to: 50 },
        position: 'step',
        stepStartedAt: '2026-12-06T10:00:00.000Z',
        guards: ['error-rate<1%'],
        evaluation: { verdict: 'pass', requests: 1000 },
      },
    });
  });

  it('GIVEN no shift recorded WHEN status is asked THEN shift is null; resume and abort exit 1', async () => {
    expect((await shift(['status', 'web:80'])).json()).toMatchObject({ shift: null });
    const resume = await shift(['resume', 'web:80', '-y']);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toBe(
      'error: listener web:80: no shift is recorded on it; there is nothing to resume\nhint: `elbctl shift status web:80` shows its weights\n',
    );
    expect((await shift(['abort', 'web:80', '-y'])).code).toBe(1);
    expect(w.writes).toEqual([]);
  });

  it('GIVEN a shift left mid-bake WHEN resumed later THEN it keeps baking the recorded step and completes', async () => {
    await leaveAtFirstStep();
    clock.t += 30_000;
    const r = await shift(['resume', 'web:80', '-y']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'resuming the shift on listener web:80: live forward → blue=50, green=50; at step 1 of 2: baking it (since 2026-12-06T10:00:00.000Z)\n',
    );
    expect(w.writes).toEqual([
      'AddTags listener running step=1',
      'ModifyListener blue=0,green=100',
      'AddTags listener finishing step=1',
      'ModifyListener green',
      'RemoveTags listener 4 keys',
    ]);
  });

  it('GIVEN live weights changed by hand WHEN resumed THEN exit 1 pointing to abort, nothing written', async () => {
    await leaveAtFirstStep();
    w.actions.set(LISTENER, [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: tg('blue'), Weight: 70 },
            { TargetGroupArn: tg('green'), Weight: 30 },
          ],
        },
      },
    ]);
    const r = await shift(['resume', 'web:80', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: listener web:80: live forward → blue=70, green=30 matches no step of the recorded shift (50, 100)',
    );
    expect(w.writes).toEqual([]);
  });

  it('GIVEN a shift that began from a weighted forward with stickiness WHEN aborted THEN exactly that forward comes back', async () => {
    await leaveAtFirstStep(true);
    const r = await shift(['abort', 'web:80', '-y']);
    expect(r.code).toBe(0);
    expect(w.writes).toEqual([
      'AddTags listener rolling-back step=0',
      'ModifyListener blue=100,green=0 sticky=60',
      'RemoveTags listener 4 keys',
    ]);
    expect(ndjson(r.stdout).at(-1)).toMatchObject({ outcome: 'aborted', reason: 'aborted (elbctl shift abort)' });
  });

  it('GIVEN a run going on WHEN the shift is aborted elsewhere THEN that run stops writing (superseded, exit 1)', async () => {
    w.onMetrics = (call) => {
      // Another machine runs `elbctl shift abort`: the forward and the record go back.
      if (call === 0) {
        w.actions.set(LISTENER, [{ Type: 'forward', Order: 1, TargetGroupArn: tg('blue') }]);
        w.tags.set(LISTENER, {});
      }
    };
    const r = await shift(['web:80', '--to', 'green', ...FAST, '--guard', 'error-rate<1%', '-y']);
    expect(r.code).toBe(1);
    expect(w.writes).toEqual(['AddTags listener running step=0', 'ModifyListener blue=50,green=50']);
    expect(ndjson(r.stdout).at(-1)).toMatchObject({ outcome: 'superseded', weights: null });
    expect(r.stderr).toContain(
      'error: shift on listener web:80: stopped: its record was removed or taken over elsewhere',
    );
  });

  it('GIVEN a rule ARN WHEN status is asked THEN the rule is named web:80:10', async () => {
    const r = await shift(['status', RULE]);
    expect(r.json()).toMatchObject({ target: { kind: 'rule', name: 'web:80:10', arn: RULE }, shift: null });
  });
});
