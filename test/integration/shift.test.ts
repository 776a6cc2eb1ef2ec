/**
 * `elbctl shift` and `elbctl alarms` against the real emulator (moto_server), in-process through
 * `main` with a clock that moves only when slept on (no real waiting). Guard metrics are written
 * by the test with PutMetricData in the TargetGroup + LoadBalancer dimensions, in the order elbctl
 * queries them (moto matches dimensions by order), a few data points per call (moto answers 500 to
 * the compressed bodies the SDK sends past 10 KB). moto never evaluates alarms: their states are
 * forced with SetAlarmState.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  type MetricDatum,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../support/fake-clock';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, TEST_CREDENTIALS, TEST_REGION, type Network } from '../support/network';

jest.setTimeout(120_000);

let moto: Moto;
let net: Network;
let cloudwatch: CloudWatchClient;
let elbv2: ElasticLoadBalancingV2Client;
let clock: FakeClock;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-shift-'));

beforeAll(async () => {
  moto = await startMoto();
  const config = { region: TEST_REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS };
  cloudwatch = new CloudWatchClient(config);
  elbv2 = new ElasticLoadBalancingV2Client(config);
});

afterAll(async () => {
  cloudwatch?.destroy();
  elbv2?.destroy();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
  net = await seedNetwork(moto.endpoint);
  // The fake clock starts at the real time, so the metrics written now fall in the shift's windows.
  clock = new FakeClock(Date.now());
});

async function elbctl(args: string[], expectCode = 0): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, '-o', 'json', ...args], { clock });
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const lastLine = (r: RunResult) => JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Record<string, unknown>;
const tail = (arn: string, marker: string) => arn.slice(arn.indexOf(marker) + marker.length);

interface Web {
  lb: string;
  blue: string;
  green: string;
  listener: string;
}

/** An ALB `web` with HTTP:80 forwarding to `blue`; `green` ready beside it (both with a healthy target). */
async function web(type: 'application' | 'network' = 'application'): Promise<Web> {
  const lb = (
    await elbctl([
      'lb',
      'create',
      'web',
      '--type',
      type,
      '--subnets',
      net.subnets.join(','),
      ...(type === 'application' ? ['--security-groups', net.securityGroupId] : []),
    ])
  ).json<{ arn: string }>().arn;
  const protocol = type === 'application' ? 'HTTP' : 'TCP';
  const tg = async (name: string) =>
    (await elbctl(['tg', 'create', name, '--protocol', protocol, '--port', '80', '--vpc', net.vpcId])).json<{
      arn: string;
    }>().arn;
  const blue = await tg('blue');
  const green = await tg('green');
  await elbctl(['targets', 'register', 'blue', net.instances[0]]);
  await elbctl(['targets', 'register', 'green', net.instances[1]]);
  await elbctl(['listener', 'create', 'web', '--protocol', protocol, '--port', '80', '--forward', 'blue']);
  const listener = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb }))).Listeners?.[0]
    ?.ListenerArn as string;
  return { lb, blue, green, listener };
}

const MINUTE = 60_000;
/** Minutes of metrics written ahead: the fake clock moves a minute per evaluation. */
const AHEAD = 10;

/**
 * Writes the --to group's traffic, the same each minute from now on for AHEAD minutes (the shift
 * runs on a fake clock that starts now), a few data points per call.
 */
async function seed(w: Web, metrics: Record<string, number>, namespace = 'AWS/ApplicationELB'): Promise<void> {
  const dimensions = [
    { Name: 'LoadBalancer', Value: tail(w.lb, ':loadbalancer/') },
    { Name: 'TargetGroup', Value: `targetgroup/${tail(w.green, ':targetgroup/')}` },
  ];
  const data: MetricDatum[] = Object.entries(metrics).flatMap(([MetricName, Value]) =>
    Array.from({ length: AHEAD }, (_, minute) => ({
      MetricName,
      Dimensions: dimensions,
      Timestamp: new Date(clock.t + minute * MINUTE),
      Value,
      Unit: 'Count' as const,
    })),
  );
  for (let i = 0; i < data.length; i += 5) {
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data.slice(i, i + 5) }));
  }
}

const forwardOf = async (listener: string) =>
  (await elbv2.send(new DescribeListenersCommand({ ListenerArns: [listener] }))).Listeners?.[0]?.DefaultActions?.[0];
const weightsOf = async (listener: string) => {
  const a = await forwardOf(listener);
  return (a?.ForwardConfig?.TargetGroups ?? [{ TargetGroupArn: a?.TargetGroupArn, Weight: undefined }]).map(
    (g) => `${tail(g.TargetGroupArn ?? '', ':targetgroup/').split('/')[0]}=${g.Weight ?? '-'}`,
  );
};
const tagKeys = async (arn: string) =>
  ((await elbv2.send(new DescribeTagsCommand({ ResourceArns: [arn] }))).TagDescriptions?.[0]?.Tags ?? []).map(
    (t) => t.Key,
  );

const FAST = ['--steps', '50,100', '--bake', '2m', '--interval', '60', '-y'];

describe('shift against moto', () => {
  it('GIVEN green healthy with 0.2% errors WHEN shifted THEN it ends at 0/100, then a plain forward, the record removed', async () => {
    const w = await web();
    await seed(w, { RequestCount: 1000, HTTPCode_Target_5XX_Count: 2, UnHealthyHostCount: 0 });

    const r = await elbctl([
      'shift',
      'web:80',
      '--to',
      'green',
      '--guard',
      'error-rate<1%',
      '--guard',
      'unhealthy<1',
      ...FAST,
    ]);

    expect(lastLine(r)).toMatchObject({
      type: 'result',
      outcome: 'completed',
      evaluations: 4,
      weights: { from: 0, to: 100 },
    });
    // The pacing summary every long command reports: here no throttle, and every call counted.
    const pacing = lastLine(r).pacing as { calls: number; throttles: number; waitedMs: number };
    expect(pacing.throttles).toBe(0);
    expect(pacing.calls).toBeGreaterThanOrEqual(20);
    const landed = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event?: string; weights?: unknown })
      .filter((e) => e.event === 'landed')
      .map((e) => e.weights);
    expect(landed).toEqual([
      { from: 50, to: 50 },
      { from: 0, to: 100 },
    ]);
    expect(await weightsOf(w.listener)).toEqual(['green=-']);
    expect(await tagKeys(w.listener)).toEqual([]);
  });

  it('GIVEN green failing 5% of its requests WHEN shifted THEN rolled back to 100/0 at the first evaluation, exit 1', async () => {
    const w = await web();
    await seed(w, { RequestCount: 1000, HTTPCode_Target_5XX_Count: 50 });

    const r = await elbctl(['shift', 'web:80', '--to', 'green', '--guard', 'error-rate<1%', ...FAST], 1);

    expect(lastLine(r)).toMatchObject({
      outcome: 'rolled-back',
      evaluations: 1,
      weights: { from: 100, to: 0 },
      failedGuards: [{ guard: 'error-rate<1%', status: 'fail', value: 5, threshold: 1, unit: '%' }],
    });
    expect(r.stderr).toContain(
      'error: shift on listener web:80: rolled back: guard error-rate<1% failed at step 1 (50%): error-rate 5% not < 1%\n',
    );
    expect(await weightsOf(w.listener)).toEqual(['blue=-']);
    expect(await tagKeys(w.listener)).toEqual([]);
  });

  it('GIVEN an alarm guard whose alarm is forced to ALARM WHEN shifted THEN rolled back', async () => {
    const w = await web();
    await elbctl(['alarms', 'create', 'web']);
    const alarm = 'elbctl/web/elb-5xx';
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'ALARM', StateReason: 'test' }));

    const r = await elbctl(['shift', 'web:80', '--to', 'green', '--guard', `alarm:${alarm}`, ...FAST], 1);

    expect(lastLine(r)).toMatchObject({
      outcome: 'rolled-back',
      failedGuards: [{ guard: `alarm:${alarm}`, status: 'fail', state: 'ALARM' }],
    });
    expect(await weightsOf(w.listener)).toEqual(['blue=-']);
  });

  it('GIVEN a rule WHEN shifted with --keep-weighted THEN ModifyRule leaves it weighted at 0/100', async () => {
    await web();
    const rule = (
      await elbctl(['rule', 'add', 'web:80', '--path', '/api/*', '--forward', 'blue', '--priority', '10'])
    ).json<{
      arn: string;
    }>().arn;
    await elbctl(['shift', 'web:80:10', '--to', 'green', '--steps', '100', '--bake', '0', '--keep-weighted', '-y']);
    const actions = (await elbv2.send(new DescribeRulesCommand({ RuleArns: [rule] }))).Rules?.[0]?.Actions;
    expect(actions?.[0]?.ForwardConfig?.TargetGroups?.map((g) => g.Weight)).toEqual([0, 100]);
    expect(await tagKeys(rule)).toEqual([]);
  });

  it('GIVEN a network load balancer WHEN shifted with unhealthy<1 THEN its TCP listener moves by weights too', async () => {
    const w = await web('network');
    await seed(w, { UnHealthyHostCount: 0 }, 'AWS/NetworkELB');
    const r = await elbctl(['shift', 'web:80', '--to', 'green', '--guard', 'unhealthy<1', ...FAST]);
    expect(lastLine(r)).toMatchObject({ outcome: 'completed' });
    expect(await weightsOf(w.listener)).toEqual(['green=-']);
  });

  it('GIVEN a shift left at 50/50 WHEN status is asked, the listener modified, a second shift started, then resume THEN status shows it, the modify and the second shift refuse, resume completes', async () => {
    const w = await web();
    await seed(w, { RequestCount: 1000 });
    // The first sleep presses Ctrl-C: the shift is left where it is (--no-rollback-on-abort).
    const sleep = clock.sleep.bind(clock);
    let pressed = false;
    clock.sleep = async (ms) => {
      if (!pressed) {
        pressed = true;
        process.emit('SIGINT');
      }
      return sleep(ms);
    };
    await elbctl(
      ['shift', 'web:80', '--to', 'green', '--guard', 'error-rate<1%', '--no-rollback-on-abort', ...FAST],
      130,
    );
    clock.sleep = sleep;
    expect(await weightsOf(w.listener)).toEqual(['blue=50', 'green=50']);

    const status = (await elbctl(['shift', 'status', 'web:80'])).json<{ shift: Record<string, unknown> }>();
    expect(status.shift).toMatchObject({
      state: 'running',
      step: 1,
      of: 2,
      live: { from: 50, to: 50 },
      position: 'step',
    });

    const modify = await elbctl(['listener', 'modify', 'web:80', '--forward', 'blue', '-y'], 1);
    expect(modify.stderr).toBe(
      'error: listener web:80: a shift to "green" is in progress (step 1 of 2); it is not changed while a shift is recorded on it\n' +
        'hint: `elbctl shift status web:80` shows it; `elbctl shift abort web:80` rolls it back and ends it\n',
    );
    expect(await weightsOf(w.listener)).toEqual(['blue=50', 'green=50']);

    const second = await elbctl(['shift', 'web:80', '--to', 'green', '-y'], 1);
    expect(second.stderr).toContain(
      'error: listener web:80: a shift to "green" is in progress (step 1 of 2); one shift at a time',
    );

    const resumed = await elbctl(['shift', 'resume', 'web:80', '-y']);
    expect(lastLine(resumed)).toMatchObject({ outcome: 'completed' });
    expect(await weightsOf(w.listener)).toEqual(['green=-']);
    expect(await tagKeys(w.listener)).toEqual([]);
  });
});

describe('stacks and shifts against moto', () => {
  const stack = (externalWeights: boolean) => `version: 1
stack: shop
loadBalancers:
  - name: shop
    type: application
    subnets: [${net.subnets.join(', ')}]
    securityGroups: [${net.securityGroupId}]
    deletionProtection: false
    listeners:
      - port: 80
        protocol: HTTP
        defaultAction:
          forward: [{ targetGroup: shop-blue, weight: 100 }, { targetGroup: shop-green, weight: 0 }]${externalWeights ? '\n          weights: external' : ''}
targetGroups:
  - { name: shop-blue, protocol: HTTP, port: 80, vpc: ${net.vpcId}, targets: [{ id: ${net.instances[0]} }] }
  - { name: shop-green, protocol: HTTP, port: 80, vpc: ${net.vpcId}, targets: [{ id: ${net.instances[1]} }] }
`;

  it('GIVEN a stack with weights: external WHEN a shift finishes THEN plan is empty (exit 0 with --detailed-exitcode)', async () => {
    const file = join(dir, 'external.yaml');
    writeFileSync(file, stack(true));
    await elbctl(['apply', '-f', file, '-y']);
    await elbctl(['shift', 'shop:80', '--to', 'shop-green', '--steps', '100', '--bake', '0', '-y']);
    const p = await elbctl(['plan', '-f', file, '--detailed-exitcode']);
    expect(p.json()).toMatchObject({ changes: [], unmanaged: [] });
  });

  it('GIVEN a stack without weights: external and a shift left in progress WHEN applied THEN exit 1 pointing to shift status and abort, nothing written', async () => {
    const file = join(dir, 'plain.yaml');
    writeFileSync(file, stack(false));
    await elbctl(['apply', '-f', file, '-y']);
    const sleep = clock.sleep.bind(clock);
    clock.sleep = async (ms) => {
      clock.sleep = sleep;
      process.emit('SIGINT');
      return sleep(ms);
    };
    await elbctl(['shift', 'shop:80', '--to', 'shop-green', '--no-rollback-on-abort', ...FAST], 130);
    const r = await elbctl(['apply', '-f', file, '-y'], 1);
    expect(r.stderr).toContain(
      'error: listener shop:80: a shift to "shop-green" is in progress (step 1 of 2), and the plan would change its forward under it; let it finish, or see `elbctl shift status shop:80` and `elbctl shift abort shop:80`',
    );
    await elbctl(['shift', 'abort', 'shop:80', '-y']);
    const after = await elbctl(['plan', '-f', file, '--detailed-exitcode']);
    expect(after.json()).toMatchObject({ changes: [] });
  });
});

describe('alarms against moto', () => {
  const alarmsNamed = async (prefix: string) =>
    (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix }))).MetricAlarms ?? [];

  it('GIVEN an ALB with two target groups WHEN alarms are created, created again, listed and deleted THEN 9 alarms with the table thresholds, then unchanged, then none', async () => {
    const w = await web();
    await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--forward', 'green']);

    const created = (await elbctl(['alarms', 'create', 'web'])).json<{
      alarms: Array<{ name: string; action: string }>;
    }>();
    expect(created.alarms.map((a) => `${a.action} ${a.name}`)).toEqual([
      'created elbctl/web/elb-5xx',
      'created elbctl/web/blue/unhealthy-hosts',
      'created elbctl/web/blue/no-healthy-hosts',
      'created elbctl/web/blue/target-5xx-rate',
      'created elbctl/web/blue/p99-latency',
      'created elbctl/web/green/unhealthy-hosts',
      'created elbctl/web/green/no-healthy-hosts',
      'created elbctl/web/green/target-5xx-rate',
      'created elbctl/web/green/p99-latency',
    ]);
    const live = await alarmsNamed('elbctl/web/');
    const byName = new Map(live.map((a) => [a.AlarmName, a]));
    expect(byName.get('elbctl/web/blue/unhealthy-hosts')).toMatchObject({
      MetricName: 'UnHealthyHostCount',
      Namespace: 'AWS/ApplicationELB',
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 1,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(byName.get('elbctl/web/green/p99-latency')).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 2 });
    expect(byName.get('elbctl/web/elb-5xx')).toMatchObject({
      MetricName: 'HTTPCode_ELB_5XX_Count',
      Threshold: 10,
      EvaluationPeriods: 5,
    });
    expect(byName.get('elbctl/web/blue/target-5xx-rate')?.Metrics?.map((m) => m.Id)).toEqual([
      'rate',
      'errors',
      'requests',
    ]);
    const tags = await cloudwatch.send(
      new ListTagsForResourceCommand({ ResourceARN: byName.get('elbctl/web/blue/p99-latency')?.AlarmArn }),
    );
    expect(tags.Tags).toEqual([
      { Key: 'elbctl:alarm', Value: 'p99-latency' },
      { Key: 'elbctl:alarm-for', Value: w.blue },
    ]);

    // moto resets an alarm's state on PutMetricAlarm: a state that survives proves nothing was written.
    await cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: 'elbctl/web/elb-5xx', StateValue: 'ALARM', StateReason: 'test' }),
    );
    const again = (await elbctl(['alarms', 'create', 'web'])).json<{ alarms: Array<{ action: string }> }>();
    expect(new Set(again.alarms.map((a) => a.action))).toEqual(new Set(['unchanged']));
    expect((await alarmsNamed('elbctl/web/elb-5xx'))[0]?.StateValue).toBe('ALARM');

    const listed = (await elbctl(['alarms', 'list', 'web'])).json<
      Array<{ name: string; managed: boolean; state: string }>
    >();
    expect(listed).toHaveLength(9);
    expect(listed.find((a) => a.name === 'elbctl/web/elb-5xx')).toMatchObject({ managed: true, state: 'ALARM' });

    const deleted = (await elbctl(['alarms', 'delete', 'web', '-y'])).json<{ deleted: string[] }>();
    expect(deleted.deleted).toHaveLength(9);
    expect(await alarmsNamed('elbctl/web/')).toEqual([]);
  });

  it('GIVEN an alarm with elbctl name that elbctl did not make WHEN alarms are created THEN exit 1 naming it, and nothing is written', async () => {
    await web();
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'elbctl/web/blue/p99-latency',
        Namespace: 'Team/Payments',
        MetricName: 'Latency',
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 9,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    const r = await elbctl(['alarms', 'create', 'blue'], 1);
    expect(r.stderr).toBe(
      'error: target group blue (of web): alarm "elbctl/web/blue/p99-latency" already exists and was not made by elbctl (no elbctl:alarm tag); nothing was changed\n' +
        'hint: elbctl never overwrites an alarm it did not make: rename or delete it, then run this again\n',
    );
    const live = await alarmsNamed('elbctl/web/');
    expect(live.map((a) => [a.AlarmName, a.Namespace, a.Threshold])).toEqual([
      ['elbctl/web/blue/p99-latency', 'Team/Payments', 9],
    ]);
  });
});
