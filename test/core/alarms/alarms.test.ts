import {
  type AlarmSpec,
  alarmFromTemplate,
  alarmTemplates,
  alarmTags,
  describeCondition,
  desiredAlarms,
  diffAlarms,
  type LiveAlarm,
} from '../../../src/core/alarms/alarms';
import { alarmOverrideProblems, presetProblem, snsTopicProblem } from '../../../src/core/rules/alarms';

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const WEB = { name: 'web', arn: `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`, type: 'application' as const };
const EDGE = { name: 'edge', arn: `${ACCOUNT}:loadbalancer/net/edge/7a1b2c3d4e5f6a7b`, type: 'network' as const };
const API = { name: 'api', arn: `${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067` };

describe('desiredAlarms', () => {
  it('GIVEN an application load balancer with one target group WHEN the recommended preset is asked THEN its 5 alarms, named and dimensioned', () => {
    const alarms = desiredAlarms(
      { loadBalancer: WEB, targetGroups: [API], covers: 'load-balancer' },
      { preset: 'recommended' },
    );
    expect(alarms.map((a) => [a.name, describeCondition(a)])).toEqual([
      ['elbctl/web/elb-5xx', 'HTTPCode_ELB_5XX_Count Sum >= 10 (5 of 5 × 60 s)'],
      ['elbctl/web/api/unhealthy-hosts', 'UnHealthyHostCount Maximum >= 1 (2 of 2 × 60 s)'],
      ['elbctl/web/api/no-healthy-hosts', 'HealthyHostCount Minimum < 1 (2 of 2 × 60 s)'],
      ['elbctl/web/api/target-5xx-rate', 'target 5XX rate (%) >= 5 (5 of 5 × 60 s)'],
      ['elbctl/web/api/p99-latency', 'TargetResponseTime p99 >= 2 (5 of 5 × 60 s)'],
    ]);
    expect(alarms[1]).toEqual({
      name: 'elbctl/web/api/unhealthy-hosts',
      description:
        'elbctl recommended (2026-12-06): UnHealthyHostCount Maximum >= 1 hosts in 2 of 2 minutes on target group api of web',
      metric: {
        namespace: 'AWS/ApplicationELB',
        name: 'UnHealthyHostCount',
        dimensions: [
          { name: 'LoadBalancer', value: 'app/web/50dc6c495c0c9188' },
          { name: 'TargetGroup', value: 'targetgroup/api/73e2d6bc24d8a067' },
        ],
        periodSeconds: 60,
        stat: 'Maximum',
      },
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: 'notBreaching',
      actions: [],
    });
    expect(alarms[3]?.math).toEqual({
      id: 'rate',
      expression: '100 * FILL(errors, 0) / requests',
      label: 'target 5XX rate (%)',
      inputs: [
        { id: 'errors', metric: expect.objectContaining({ name: 'HTTPCode_Target_5XX_Count', stat: 'Sum' }) },
        { id: 'requests', metric: expect.objectContaining({ name: 'RequestCount', stat: 'Sum' }) },
      ],
    });
  });

  it('GIVEN a network load balancer WHEN asked for one target group THEN only the group alarms of NetworkELB, with the SNS topic', () => {
    const alarms = desiredAlarms(
      { loadBalancer: EDGE, targetGroups: [API], covers: 'target-group' },
      { preset: 'recommended', snsTopic: 'arn:aws:sns:us-east-1:123456789012:oncall' },
    );
    expect(alarms.map((a) => [a.name, a.metric?.namespace, a.actions])).toEqual([
      ['elbctl/edge/api/unhealthy-hosts', 'AWS/NetworkELB', ['arn:aws:sns:us-east-1:123456789012:oncall']],
      ['elbctl/edge/api/no-healthy-hosts', 'AWS/NetworkELB', ['arn:aws:sns:us-east-1:123456789012:oncall']],
    ]);
  });

  it('GIVEN overrides WHEN asked THEN numbers change, a disabled alarm is left out, datapoints follow fewer periods', () => {
    const alarms = desiredAlarms(
      { loadBalancer: WEB, targetGroups: [API], covers: 'load-balancer' },
      {
        preset: 'recommended',
        overrides: { 'elb-5xx': { enabled: false }, 'p99-latency': { threshold: 0.8, evaluationPeriods: 3 } },
      },
    );
    expect(alarms.map((a) => a.name)).not.toContain('elbctl/web/elb-5xx');
    expect(describeCondition(alarms.find((a) => a.name.endsWith('p99-latency')) as AlarmSpec)).toBe(
      'TargetResponseTime p99 >= 0.8 (3 of 3 × 60 s)',
    );
  });

  it('GIVEN a stack template WHEN its ARNs are known THEN it is the same alarm the command makes', () => {
    const [template] = alarmTemplates({ name: 'web', type: 'application' }, ['api'], { preset: 'recommended' }).filter(
      (t) => t.key === 'unhealthy-hosts',
    );
    const fromCommand = desiredAlarms(
      { loadBalancer: WEB, targetGroups: [API], covers: 'target-group' },
      { preset: 'recommended' },
    )[0];
    expect(alarmFromTemplate(template as never, WEB.arn, API.arn)).toEqual(fromCommand);
  });
});

describe('diffAlarms', () => {
  const desired = desiredAlarms(
    { loadBalancer: WEB, targetGroups: [API], covers: 'target-group' },
    { preset: 'recommended' },
  );
  const live = (spec: AlarmSpec, tags: Record<string, string> = alarmTags(spec, API.arn)): LiveAlarm => ({
    spec,
    arn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${spec.name}`,
    state: 'OK',
    tags,
  });
  it('GIVEN nothing live WHEN diffed THEN everything is created', () => {
    expect(diffAlarms(desired, []).create).toHaveLength(4);
  });
  it('GIVEN the same alarms live, ours WHEN diffed THEN all unchanged', () => {
    const d = diffAlarms(
      desired,
      desired.map((s) => live(s)),
    );
    expect([d.create.length, d.update.length, d.same.length, d.foreign.length]).toEqual([0, 0, 4, 0]);
  });
  it('GIVEN a threshold changed by hand and another SNS topic WHEN diffed THEN an update naming both fields', () => {
    const first = desired[0] as AlarmSpec;
    const d = diffAlarms(desired, [live({ ...first, threshold: 3, actions: ['arn:aws:sns:us-east-1:1:x'] })]);
    expect(d.update.map((u) => [u.spec.name, u.fields])).toEqual([
      ['elbctl/web/api/unhealthy-hosts', ['threshold', 'actions']],
    ]);
  });
  it('GIVEN an alarm with the same name but without elbctl tag WHEN diffed THEN it is foreign: never written', () => {
    const d = diffAlarms(desired, [live(desired[2] as AlarmSpec, { team: 'payments' })]);
    expect(d.foreign.map((a) => a.spec.name)).toEqual(['elbctl/web/api/target-5xx-rate']);
    expect(d.update).toEqual([]);
  });
});

describe('alarm rules', () => {
  it('GIVEN SNS topics and presets WHEN checked THEN only ARNs and known presets pass', () => {
    expect(snsTopicProblem('arn:aws:sns:us-east-1:123456789012:oncall')).toBeUndefined();
    expect(snsTopicProblem('oncall')?.message).toBe(
      'SNS topic "oncall": not an SNS topic ARN; use arn:aws:sns:REGION:ACCOUNT:NAME',
    );
    expect(presetProblem('paranoid')?.message).toBe('alarm preset "paranoid": unknown; use recommended');
  });
  it('GIVEN overrides WHEN checked against a network load balancer THEN unknown keys and bad numbers are named', () => {
    expect(
      alarmOverrideProblems(
        {
          'p99-latency': { threshold: 1 },
          'unhealthy-hosts': { evaluationPeriods: 0 },
          'no-healthy-hosts': { datapointsToAlarm: 3 },
          'port-allocation-errors': { threshold: -1 },
        },
        'network',
      ).map((p) => [p.code, p.path.join('.'), p.message]),
    ).toEqual([
      [
        'E_UNKNOWN_KEY',
        'p99-latency',
        'alarm "p99-latency": the recommended preset has no such alarm for a network load balancer; use unhealthy-hosts, no-healthy-hosts, port-allocation-errors',
      ],
      [
        'E_RANGE',
        'unhealthy-hosts.evaluationPeriods',
        'alarm "unhealthy-hosts": evaluationPeriods must be a whole number from 1 to 1440',
      ],
      [
        'E_RANGE',
        'no-healthy-hosts.datapointsToAlarm',
        'alarm "no-healthy-hosts": datapointsToAlarm must be a whole number from 1 to its evaluation periods (2)',
      ],
      [
        'E_RANGE',
        'port-allocation-errors.threshold',
        'alarm "port-allocation-errors": threshold must be a number of at least 0',
      ],
    ]);
  });
});
