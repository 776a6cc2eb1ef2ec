import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type TargetGroup,
  type TargetHealthDescription,
  type TargetHealthReasonEnum,
  type TargetHealthStateEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../../src/commands/context';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const TG_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067';
const sdkTg: TargetGroup = {
  TargetGroupName: 'api',
  TargetGroupArn: TG_ARN,
  Protocol: 'HTTP',
  Port: 80,
  TargetType: 'instance',
  VpcId: 'vpc-0abc1234',
};

const health = (
  id: string,
  state: string,
  extra: { port?: number; zone?: string; reason?: string; description?: string } = {},
): TargetHealthDescription => ({
  Target: { Id: id, Port: extra.port ?? 80, ...(extra.zone ? { AvailabilityZone: extra.zone } : {}) },
  TargetHealth: {
    State: state as TargetHealthStateEnum,
    ...(extra.reason ? { Reason: extra.reason as TargetHealthReasonEnum } : {}),
    ...(extra.description ? { Description: extra.description } : {}),
  },
});

/** A clock that moves only when slept on, so waits and timeouts are exact and instant. */
function steppingClock(): { clock: Clock; sleeps: number[] } {
  let t = Date.parse('2025-01-01T00:00:00Z');
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => new Date(t),
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
    },
  };
}

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeTargetGroupsCommand, { Names: ['api'] }).resolves({ TargetGroups: [sdkTg] });
});

describe('targets health', () => {
  it('GIVEN targets in several states WHEN shown as JSON THEN each row has every key, null where AWS gives nothing', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        health('i-0bbb2222', 'unhealthy', {
          zone: 'us-east-1b',
          reason: 'Target.Timeout',
          description: 'Request timed out',
        }),
        health('i-0aaa1111', 'healthy', { zone: 'us-east-1a' }),
      ],
    });

    const r = await elbctl(['targets', 'health', 'api']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
    expect(elbv2.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input).toEqual({ TargetGroupArn: TG_ARN });
    expect(r.json()).toEqual([
      {
        id: 'i-0aaa1111',
        port: 80,
        availabilityZone: 'us-east-1a',
        state: 'healthy',
        reason: null,
        description: null,
        hint: 'receiving traffic',
      },
      {
        id: 'i-0bbb2222',
        port: 80,
        availabilityZone: 'us-east-1b',
        state: 'unhealthy',
        reason: 'Target.Timeout',
        description: 'Request timed out',
        hint: 'the health check timed out; check that the target security group allows the load balancer on the health-check port and that the app is listening',
      },
    ]);
  });

  it('GIVEN a lambda target without port or zone WHEN shown as a table THEN the columns read TARGET PORT ZONE STATE REASON HINT', async () => {
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:handler';
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: lambda }, TargetHealth: { State: 'unavailable', Reason: 'Target.HealthCheckDisabled' } },
      ],
    });

    const r = await elbctl(['targets', 'health', 'api', '-o', 'table']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `${'TARGET'.padEnd(lambda.length + 2)}PORT  ZONE  STATE        REASON                      HINT`,
        `${lambda}  -     -     unavailable  Target.HealthCheckDisabled  health checks are off for this target group, so no health is reported`,
        '',
      ].join('\n'),
    );
  });

  // Moto reports every target healthy at once, so these states only exist here.
  it.each<[string, string, string]>([
    ['initial', 'Elb.RegistrationInProgress', 'being registered; wait a few seconds'],
    ['initial', 'Elb.InitialHealthChecking', 'the first health checks are running'],
    ['unhealthy', 'Target.ResponseCodeMismatch', 'fix the health check path or widen the matcher'],
    ['unhealthy', 'Target.Timeout', 'security group allows the load balancer on the health-check port'],
    ['unhealthy', 'Target.FailedHealthChecks', 'check that the app is running and listening'],
    ['unused', 'Target.NotRegistered', 'register it with `elbctl targets register`'],
    ['unused', 'Target.NotInUse', 'no listener or rule forwards to this target group'],
    ['draining', 'Target.DeregistrationInProgress', 'connections finish until the deregistration delay ends'],
    ['unused', 'Target.InvalidState', 'the instance is stopped or terminated'],
    ['unused', 'Target.IpUnusable', 'register another address'],
    ['unavailable', 'Target.HealthCheckDisabled', 'health checks are off'],
    ['unhealthy', 'Elb.InternalError', 'retry later, and contact AWS support'],
  ])('GIVEN a target %s with reason %s WHEN shown THEN the hint says what to do', async (state, reason, phrase) => {
    elbv2
      .on(DescribeTargetHealthCommand)
      .resolves({ TargetHealthDescriptions: [health('i-0aaa1111', state, { reason })] });

    const r = await elbctl(['targets', 'health', 'api']);

    expect(r.code).toBe(0);
    const [row] = r.json<Array<{ state: string; reason: string; hint: string }>>();
    expect(row).toMatchObject({ state, reason });
    expect(row?.hint).toContain(phrase);
  });

  it('GIVEN an empty target group WHEN shown as a table THEN says so and exits 0', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    const r = await elbctl(['targets', 'health', 'api', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no targets registered\n');
    expect(r.stderr).toContain('register targets with: elbctl targets register api ID[:PORT] ..');
  });

  it('GIVEN an empty target group WHEN shown as JSON THEN prints [] and exits 0', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({});
    const r = await elbctl(['targets', 'health', 'api']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([]);
  });

  it('GIVEN an unknown target group WHEN shown THEN exits 1 naming it', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['nope'] })
      .rejects(Object.assign(new Error('nf'), { name: 'TargetGroupNotFoundException' }));
    const r = await elbctl(['targets', 'health', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: target group "nope": not found');
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetHealthCommand);
  });

  it.each<[string[], string]>([
    [['--wait', 'ready'], '--wait "ready": only "healthy" can be waited for; write --wait healthy'],
    [['--wait', 'healthy', '--timeout', '0'], '--timeout "0": must be a whole number of seconds from 1 to 3600'],
    [['--wait', 'healthy', '--timeout', '3601'], '--timeout "3601": must be a whole number of seconds from 1 to 3600'],
    [['--wait', 'healthy', '--timeout', '1.5'], '--timeout "1.5": must be a whole number of seconds from 1 to 3600'],
    [['--timeout', 'soon'], '--timeout "soon": must be a whole number of seconds from 1 to 3600'],
  ])('GIVEN %j WHEN run THEN exits 64 with "%s" and makes no AWS call', async (flags, message) => {
    const r = await elbctl(['targets', 'health', 'api', ...flags]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
  });
});

describe('targets health --wait healthy', () => {
  it('GIVEN targets that pass health checks on the third poll WHEN waited on THEN polls every 5 s and prints the healthy rows', async () => {
    elbv2
      .on(DescribeTargetHealthCommand)
      .resolvesOnce({
        TargetHealthDescriptions: [
          health('i-0aaa1111', 'initial', { reason: 'Elb.RegistrationInProgress' }),
          health('i-0bbb2222', 'initial', { reason: 'Elb.RegistrationInProgress' }),
        ],
      })
      .resolvesOnce({
        TargetHealthDescriptions: [
          health('i-0aaa1111', 'healthy'),
          health('i-0bbb2222', 'initial', { reason: 'Elb.InitialHealthChecking' }),
        ],
      })
      .resolves({ TargetHealthDescriptions: [health('i-0aaa1111', 'healthy'), health('i-0bbb2222', 'healthy')] });
    const { clock, sleeps } = steppingClock();

    const r = await elbctl(['targets', 'health', 'api', '--wait', 'healthy'], { clock });

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 3);
    expect(sleeps).toEqual([5000, 5000]);
    expect(r.json<Array<{ id: string; state: string }>>().map((x) => [x.id, x.state])).toEqual([
      ['i-0aaa1111', 'healthy'],
      ['i-0bbb2222', 'healthy'],
    ]);
    expect(r.stderr).toBe(
      '… waiting for the targets of "api" to become healthy (up to 300 s)\n✓ all 2 targets of "api" are healthy\n',
    );
  });

  it('GIVEN targets that never turn healthy WHEN the timeout passes THEN exits 1 listing each target with its hint', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        health('i-0aaa1111', 'healthy'),
        health('i-0bbb2222', 'unhealthy', { reason: 'Target.ResponseCodeMismatch' }),
        health('10.0.1.5', 'initial', { port: 8080, reason: 'Elb.InitialHealthChecking' }),
      ],
    });
    const { clock, sleeps } = steppingClock();

    const r = await elbctl(['targets', 'health', 'api', '--wait', 'healthy', '--timeout', '12'], { clock });

    expect(r.code).toBe(1);
    // polls at 0 s, 5 s, 10 s and at the 12 s deadline, then gives up
    expect(sleeps).toEqual([5000, 5000, 2000]);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('✗ timed out waiting for "api"\n');
    expect(r.stderr).toContain('error: target group "api": 2 of 3 targets not healthy after 12 s\n');
    expect(r.stderr).toContain(
      'error: 10.0.1.5:8080 is initial (Elb.InitialHealthChecking): the first health checks are running; the target turns healthy after the healthy-threshold number of passes\n',
    );
    expect(r.stderr).toContain(
      'error: i-0bbb2222:80 is unhealthy (Target.ResponseCodeMismatch): the health check got an HTTP code outside the matcher; fix the health check path or widen the matcher (e.g. 200-399)\n',
    );
    expect(r.stderr).toContain('hint: `elbctl doctor api` explains unhealthy targets');
    expect(r.stderr).not.toContain('i-0aaa1111');
  });

  it('GIVEN an empty target group WHEN waited on THEN fails at once (exit 1) explaining there is nothing to wait for', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    const { clock, sleeps } = steppingClock();

    const r = await elbctl(['targets', 'health', 'api', '--wait', 'healthy'], { clock });

    expect(r.code).toBe(1);
    expect(sleeps).toEqual([]);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 1);
    expect(r.stderr).toContain('error: target group "api": no targets registered, so there is nothing to wait for\n');
    expect(r.stderr).toContain('hint: register targets first: elbctl targets register api ID[:PORT] ..');
  });

  it('GIVEN health checks are disabled WHEN waited on THEN fails at once instead of waiting for the timeout', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [health('i-0aaa1111', 'unavailable', { reason: 'Target.HealthCheckDisabled' })],
    });
    const { clock, sleeps } = steppingClock();

    const r = await elbctl(['targets', 'health', 'api', '--wait', 'healthy'], { clock });

    expect(r.code).toBe(1);
    expect(sleeps).toEqual([]);
    expect(r.stderr).toContain(
      'error: target group "api": health checks are disabled, so no target will ever report healthy',
    );
  });

  it('GIVEN every target already healthy WHEN waited on THEN returns after one poll without sleeping', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [health('i-0aaa1111', 'healthy')] });
    const { clock, sleeps } = steppingClock();
    const r = await elbctl(['targets', 'health', 'api', '--wait', 'healthy'], { clock });
    expect(r.code).toBe(0);
    expect(sleeps).toEqual([]);
    expect(r.stderr).toContain('✓ the target of "api" is healthy');
  });
});
