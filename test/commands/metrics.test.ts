import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../src/commands/context';
import { cancelledError } from '../../src/core/errors';
import { elbctl } from '../support/harness';
import { elementAt } from '../support/narrow';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const cw = mockClient(CloudWatchClient);

const NOW = new Date('2024-05-01T12:00:00Z');
const fixedClock: Clock = { now: () => NOW, sleep: async () => undefined };
const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const lbArn = (name: string, type = 'app', id = '50dc6c495c0c9188') => `${ACCOUNT}:loadbalancer/${type}/${name}/${id}`;
const TG_ARN = `${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067`;

const sdkLb = (name: string, type: 'application' | 'network' = 'application'): LoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: lbArn(name, type === 'application' ? 'app' : 'net'),
  Type: type,
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  VpcId: 'vpc-0abc1234',
  AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' }],
});
const sdkTg: TargetGroup = {
  TargetGroupName: 'api',
  TargetGroupArn: TG_ARN,
  Protocol: 'HTTP',
  Port: 8080,
  TargetType: 'instance',
  VpcId: 'vpc-0abc1234',
  LoadBalancerArns: [lbArn('web')],
};

const LB = [{ Name: 'LoadBalancer', Value: 'app/web/50dc6c495c0c9188' }];
const LB_TG = [...LB, { Name: 'TargetGroup', Value: 'targetgroup/api/73e2d6bc24d8a067' }];
const q = (id: string, name: string, stat: string, dims = LB, period = 60) => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: 'AWS/ApplicationELB', MetricName: name, Dimensions: dims },
    Period: period,
    Stat: stat,
  },
  ReturnData: true,
});
const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 11, minute));
const result = (id: string, values: number[], first = 0): MetricDataResult => ({
  Id: id,
  StatusCode: 'Complete',
  Timestamps: values.map((_, i) => at(first + i)),
  Values: values,
});
const points = (values: number[], first = 0) =>
  values.map((value, i) => ({ timestamp: at(first + i).toISOString(), value }));
const serverError = () =>
  Object.assign(new Error('We encountered an internal error'), {
    name: 'InternalFailure',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });

beforeEach(() => {
  elbv2.reset();
  cw.reset();
  elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({ LoadBalancers: [sdkLb('web')] });
  elbv2.on(DescribeTargetGroupsCommand, { LoadBalancerArn: lbArn('web') }).resolves({ TargetGroups: [sdkTg] });
  elbv2.on(DescribeTargetGroupsCommand, { Names: ['api'] }).resolves({ TargetGroups: [sdkTg] });
});

const run = (args: string[], options: Parameters<typeof elbctl>[1] = {}) =>
  elbctl(['metrics', ...args], { clock: fixedClock, ...options });

describe('metrics: the queries sent', () => {
  it('GIVEN an ALB with one target group WHEN the default metrics are read THEN one GetMetricData call with exact ids, dimensions, stats, p99 and the error-rate expression', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        result('l0_requestcount_sum', [100, 200]),
        result('l0_httpcode_target_5xx_count_sum', [2]),
        result('l0_httpcode_elb_5xx_count_sum', [1, 2]),
        result('l0_errorrate', [3, 1]),
        result('l0_targetresponsetime_average', [0.1, 0.2]),
        result('l0_targetresponsetime_p99', [0.9, 1.5]),
        result('l0_healthyhostcount_minimum', [2, 2]),
      ],
    });

    const r = await run(['web']);

    expect(r.code).toBe(0);
    expect(cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, {
      LoadBalancerArn: lbArn('web'),
      PageSize: 400,
    });
    expect(cw).toHaveReceivedNthSpecificCommandWith(1, GetMetricDataCommand, {
      StartTime: new Date('2024-05-01T09:00:00Z'),
      EndTime: new Date('2024-05-01T12:00:00Z'),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        q('l0_requestcount_sum', 'RequestCount', 'Sum'),
        q('l0_httpcode_target_5xx_count_sum', 'HTTPCode_Target_5XX_Count', 'Sum'),
        q('l0_httpcode_elb_5xx_count_sum', 'HTTPCode_ELB_5XX_Count', 'Sum'),
        {
          Id: 'l0_errorrate',
          Expression:
            '100 * (FILL(l0_httpcode_elb_5xx_count_sum, 0) + FILL(l0_httpcode_target_5xx_count_sum, 0)) / l0_requestcount_sum',
          ReturnData: true,
        },
        q('l0_targetresponsetime_average', 'TargetResponseTime', 'Average'),
        q('l0_targetresponsetime_p99', 'TargetResponseTime', 'p99'),
        q('l0_httpcode_target_4xx_count_sum', 'HTTPCode_Target_4XX_Count', 'Sum'),
        q('l0_activeconnectioncount_sum', 'ActiveConnectionCount', 'Sum'),
        q('l0_healthyhostcount_minimum', 'HealthyHostCount', 'Minimum', LB_TG),
        q('l0_unhealthyhostcount_maximum', 'UnHealthyHostCount', 'Maximum', LB_TG),
      ],
    });
    const doc = r.json<{ metrics: Array<{ name: string; stat: string; unit: string; points: unknown[] }> }>();
    expect(doc).toMatchObject({
      loadBalancer: 'web',
      targetGroup: null,
      period: 60,
      start: '2024-05-01T09:00:00.000Z',
      end: '2024-05-01T12:00:00.000Z',
    });
    expect(doc.metrics.find((m) => m.stat === 'p99')).toEqual({
      name: 'TargetResponseTime',
      stat: 'p99',
      unit: 'Seconds',
      points: points([0.9, 1.5]),
    });
    expect(doc.metrics.find((m) => m.name === 'ErrorRate')).toEqual({
      name: 'ErrorRate',
      stat: 'Sum',
      unit: 'Percent',
      points: points([3, 1]),
    });
    expect(doc.metrics.find((m) => m.name === 'UnHealthyHostCount')).toEqual({
      name: 'UnHealthyHostCount',
      stat: 'Maximum',
      unit: 'Count',
      points: [],
    });
    expect(r.stderr).toBe('');
  });

  it('GIVEN --target-group, --metric, --stat and --period WHEN read THEN both dimensions, every metric-stat pair and that period', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const r = await run([
      'web',
      '--target-group',
      'api',
      '--metric',
      'TargetResponseTime',
      '--stat',
      'p50',
      '--stat',
      'P99',
      '--period',
      '300',
      '--since',
      '1d',
    ]);
    expect(r.code).toBe(0);
    expect(cw).toHaveReceivedNthSpecificCommandWith(1, GetMetricDataCommand, {
      StartTime: new Date('2024-04-30T12:00:00Z'),
      EndTime: new Date('2024-05-01T12:00:00Z'),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        q('l0_targetresponsetime_p50', 'TargetResponseTime', 'p50', LB_TG, 300),
        q('l0_targetresponsetime_p99', 'TargetResponseTime', 'p99', LB_TG, 300),
      ],
    });
    expect(r.json()).toMatchObject({ targetGroup: 'api', period: 300 });
  });

  it('GIVEN CloudWatch pages the answer WHEN read THEN every NextToken is followed and the pages merge per id', async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [result('l0_requestcount_sum', [1, 2]), result('l0_newflowcount_sum', [])],
        NextToken: 'page-2',
      })
      .resolvesOnce({ MetricDataResults: [result('l0_requestcount_sum', [3, 4], 2)] });
    const r = await run(['web', '--metric', 'RequestCount', '--since', '15m']);
    expect(r.code).toBe(0);
    expect(cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cw).toHaveReceivedNthSpecificCommandWith(2, GetMetricDataCommand, { NextToken: 'page-2' });
    expect(r.json<{ metrics: Array<{ points: unknown[] }> }>().metrics[0]?.points).toEqual(points([1, 2, 3, 4]));
  });

  it('GIVEN 170 load balancers with 3 queries each WHEN read with --all THEN 2 calls: 166 whole groups (498 queries), then 4 (12)', async () => {
    const many = Array.from({ length: 170 }, (_, i) => ({
      ...sdkLb(`lb-${String(i).padStart(3, '0')}`),
      LoadBalancerArn: lbArn(`lb-${String(i).padStart(3, '0')}`, 'app', `${i}`),
    }));
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: many });
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    const r = await run([
      '--all',
      '--metric',
      'RequestCount',
      '--stat',
      'Sum',
      '--stat',
      'Average',
      '--stat',
      'Maximum',
    ]);

    expect(r.code).toBe(0);
    const inputs = cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input as GetMetricDataCommandInput);
    expect(inputs.map((i) => i.MetricDataQueries?.length)).toEqual([498, 12]);
    expect(inputs[1]?.MetricDataQueries?.[0]?.Id).toBe('l166_requestcount_sum');
    expect(inputs[0]?.MetricDataQueries?.[497]?.Id).toBe('l165_requestcount_maximum');
    expect(r.json<unknown[]>()).toHaveLength(170);
  });
});

describe('metrics: an endpoint that cannot serve percentiles or metric math', () => {
  it('GIVEN the call with p99 fails with HTTP 500 WHEN read THEN it is sent once more without p99 and math, and those are marked unavailable', async () => {
    cw.on(GetMetricDataCommand)
      .rejectsOnce(serverError())
      .resolves({
        MetricDataResults: [result('l0_requestcount_sum', [5]), result('l0_targetresponsetime_average', [0.2])],
      });

    const r = await run([
      'web',
      '--metric',
      'RequestCount',
      '--metric',
      'ErrorRate',
      '--metric',
      'TargetResponseTime',
      '--stat',
      'Average',
      '--stat',
      'p99',
    ]);

    expect(r.code).toBe(0);
    const ids = cw
      .commandCalls(GetMetricDataCommand)
      .map((c) => (c.args[0].input as GetMetricDataCommandInput).MetricDataQueries?.map((x) => x.Id));
    expect(ids).toEqual([
      [
        'l0_requestcount_average',
        'l0_requestcount_p99',
        'l0_requestcount_sum',
        'l0_httpcode_target_5xx_count_sum',
        'l0_httpcode_elb_5xx_count_sum',
        'l0_errorrate',
        'l0_targetresponsetime_average',
        'l0_targetresponsetime_p99',
      ],
      [
        'l0_requestcount_average',
        'l0_requestcount_sum',
        'l0_httpcode_target_5xx_count_sum',
        'l0_httpcode_elb_5xx_count_sum',
        'l0_targetresponsetime_average',
      ],
    ]);
    const doc = r.json<{ metrics: Array<{ name: string; stat: string; points: unknown[]; unavailable?: string }> }>();
    const reason =
      'unavailable from this endpoint: it failed (HTTP 5xx) on percentile statistics or metric math, so they were left out';
    expect(doc.metrics.map((m) => [m.name, m.stat, m.unavailable ?? m.points.length])).toEqual([
      ['RequestCount', 'Average', 0],
      ['RequestCount', 'p99', reason],
      ['ErrorRate', 'Sum', reason],
      ['TargetResponseTime', 'Average', 1],
      ['TargetResponseTime', 'p99', reason],
    ]);
    expect(r.stderr).toBe(`warning: RequestCount p99, ErrorRate Sum, TargetResponseTime p99: ${reason}\n`);
  });

  it('GIVEN two calls and the first fails on p99 WHEN read THEN the second call leaves p99 out from the start', async () => {
    const many = Array.from({ length: 260 }, (_, i) => ({
      ...sdkLb(`lb${i}`),
      LoadBalancerArn: lbArn(`lb${i}`, 'app', `${i}`),
    }));
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: many });
    cw.on(GetMetricDataCommand).rejectsOnce(serverError()).resolves({ MetricDataResults: [] });

    const r = await run(['--all', '--metric', 'TargetResponseTime', '--stat', 'Average', '--stat', 'p99']);

    expect(r.code).toBe(0);
    const sizes = cw
      .commandCalls(GetMetricDataCommand)
      .map((c) => (c.args[0].input as GetMetricDataCommandInput).MetricDataQueries?.length);
    expect(sizes).toEqual([500, 250, 10]);
  });

  it('GIVEN CloudWatch rejects the request (HTTP 400) WHEN read THEN it fails at once: no second call, exit 1', async () => {
    cw.on(GetMetricDataCommand).rejects(
      Object.assign(new Error('The parameter Stat is invalid'), {
        name: 'InvalidParameterValueException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const r = await run(['web']);
    expect(r.code).toBe(1);
    expect(cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(r.stderr).toContain(
      'error: read CloudWatch metrics: AWS rejected the request (InvalidParameterValueException: the parameter Stat is invalid)',
    );
  });
});

describe('metrics: validation', () => {
  it.each([
    [[], 'error: metrics: name at least one load balancer, or pass --all for every load balancer in the region'],
    [['web', '--all'], 'error: metrics: --all and load balancer names (web): give one or the other'],
    [
      ['web', '--since', '3 hours'],
      'error: --since "3 hours": not a duration; write a number and a unit: 15m, 3h, 2d or 1w',
    ],
    [
      ['web', '--since', '1h', '--start', '2024-05-01T10:00:00Z'],
      'error: --since and --start: give one of them (--since counts back from --end or now)',
    ],
    [
      ['web', '--start', 'yesterday'],
      'error: --start "yesterday": not an ISO 8601 time; write e.g. 2024-05-01T09:00:00Z',
    ],
    [
      ['web', '--start', '2024-05-01T11:00:00Z', '--end', '2024-05-01T10:00:00Z'],
      'error: --start 2024-05-01T11:00:00.000Z: must be before the end (2024-05-01T10:00:00.000Z)',
    ],
    [
      ['web', '--start', '2022-01-01'],
      'error: window start 2022-01-01T00:00:00.000Z: CloudWatch keeps load balancer metrics for 455 days; start later',
    ],
    [
      ['web', '--period', '90'],
      'error: --period "90": must be a whole number of seconds, a multiple of 60 (60, 300, 3600 …)',
    ],
    [
      ['web', '--stat', 'median'],
      'error: --stat "median": not a CloudWatch statistic; use Sum, Average, Minimum, Maximum, SampleCount, IQM or a percentile such as p99 or p99.9',
    ],
    [
      ['web', '--metric', 'Request Count'],
      'error: --metric "Request Count": not a CloudWatch metric name; use letters, digits and underscores, e.g. RequestCount',
    ],
    [['web', '--watch', '5'], 'error: --watch "5": must be a whole number of seconds from 10 to 3600'],
    [
      ['web', '--watch', '60', '--start', '2024-05-01T10:00:00Z'],
      'error: --watch follows the latest --since window; drop --start and --end',
    ],
  ])('GIVEN metrics %j WHEN run THEN exit 64 naming the value and the fix, and no AWS call', async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(64);
    expect(r.stderr.split('\n')[0]).toBe(message);
    expect(r.stdout).toBe('');
    expect(elbv2.calls()).toHaveLength(0);
    expect(cw.calls()).toHaveLength(0);
  });

  it('GIVEN several bad flags WHEN run THEN every problem is reported at once', async () => {
    const r = await run(['web', '--since', 'x', '--stat', 'avg2', '--period', '61']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--stat "avg2"');
    expect(r.stderr).toContain('--since "x"');
    expect(r.stderr).toContain('--period "61"');
  });

  it('GIVEN ErrorRate for a network load balancer WHEN run THEN exit 64 after reading it, before any metric call', async () => {
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['edge'] }).resolves({ LoadBalancers: [sdkLb('edge', 'network')] });
    const r = await run(['edge', '--metric', 'ErrorRate']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('error: --metric ErrorRate: is computed for application load balancers only');
    expect(cw.calls()).toHaveLength(0);
  });

  it('GIVEN a target group the load balancer does not use WHEN run THEN exit 64 saying how to find the right one', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['api'] })
      .resolves({ TargetGroups: [{ ...sdkTg, LoadBalancerArns: [] }] });
    const r = await run(['web', '--target-group', 'api']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: --target-group api: load balancer "web" does not forward to it; `elbctl tg list --lb web` shows the ones it does',
    );
    expect(cw.calls()).toHaveLength(0);
  });

  it('GIVEN a misspelt metric WHEN run THEN a warning suggests the name and the query still goes out', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const r = await run(['web', '--metric', 'RequestCnt', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: metric "RequestCnt" is not a known AWS/ApplicationELB metric; asking CloudWatch anyway (did you mean RequestCount?)',
    );
    expect(cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
  });

  it('GIVEN --period finer than what CloudWatch keeps for the window WHEN run THEN a warning, and the period is used', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const r = await run([
      'web',
      '--metric',
      'RequestCount',
      '--start',
      '2024-04-10T00:00:00Z',
      '--end',
      '2024-04-10T06:00:00Z',
      '--period',
      '60',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: --period 60: CloudWatch keeps only 300 s data for the start of this window');
    expect(cw).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: [q('l0_requestcount_sum', 'RequestCount', 'Sum')],
    });
  });
});

describe('metrics: output', () => {
  const seeded = () =>
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        result('l0_requestcount_sum', [100, 300, 200]),
        result('l0_targetresponsetime_average', [0.1, 0.2, 0.15]),
      ],
    });

  it('GIVEN data WHEN shown as a table THEN one row per metric: latest, min, max, sum or average, trend', async () => {
    seeded();
    const r = await run([
      'web',
      '--since',
      '1h',
      '--metric',
      'RequestCount',
      '--metric',
      'TargetResponseTime',
      '--metric',
      'ActiveConnectionCount',
      '-o',
      'table',
    ]);
    expect(r.code).toBe(0);
    // three minutes of an hour, 24 cells of 2.5 minutes: all in the first cell
    expect(r.stdout).toBe(
      [
        'web · 2024-05-01 11:00 → 12:00 UTC · 60 s periods',
        'METRIC                 STAT     LATEST                MIN     MAX     WINDOW      TREND',
        'RequestCount           Sum      200                   100     300     sum 600     █',
        'TargetResponseTime     Average  150 ms                100 ms  200 ms  avg 150 ms  █',
        'ActiveConnectionCount  Sum      no data (no traffic)',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN data inside the window WHEN shown as a table THEN the sparkline places points on the time grid', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: 'l0_requestcount_sum',
          StatusCode: 'Complete',
          Timestamps: [
            new Date('2024-05-01T11:45:00Z'),
            new Date('2024-05-01T11:50:00Z'),
            new Date('2024-05-01T11:59:00Z'),
          ],
          Values: [0, 4, 8],
        },
      ],
    });
    const r = await run(['web', '--since', '15m', '--metric', 'RequestCount', '-o', 'table']);
    expect(r.stdout.split('\n')[2]).toBe('RequestCount  Sum   8       0    8    sum 12  ▁    ▅        █');
  });

  it('GIVEN no data at all WHEN shown THEN every row says no data, an info line explains, exit 0', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const r = await run(['web', '--metric', 'RequestCount', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('RequestCount  Sum   no data (no traffic)');
    expect(r.stderr).toBe('no data points in this window: load balancer metrics exist only while traffic flows\n');
  });

  it('GIVEN --chart WHEN shown THEN a titled line chart per metric, as wide as the terminal, ending at the last reading', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: 'l0_requestcount_sum',
          StatusCode: 'Complete',
          Timestamps: [at(0), at(30), at(58)],
          Values: [100, 300, 200],
        },
      ],
    });
    const r = await run([
      'web',
      '--since',
      '1h',
      '--metric',
      'RequestCount',
      '--metric',
      'ActiveConnectionCount',
      '--chart',
      '-o',
      'table',
    ]);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'web · 2024-05-01 11:00 → 12:00 UTC · 60 s periods',
      'RequestCount (Sum) · latest 200 · min 100 · max 300 · sum 600',
      `     300 ┤${lines[2]?.slice(10)}`,
    ]);
    expect(lines[9]).toMatch(/^ {10}11:00 +11:59 UTC$/);
    // the terminal is 120 columns: 10 for the labels, 109 for the plot
    expect(lines[9]?.length).toBe(10 + 109 - 1);
    expect(lines.slice(3, 9).every((l) => /^ +[\d.]+ ┤/.test(l))).toBe(true);
    expect(lines[10]).toBe('ActiveConnectionCount (Sum): no data (no traffic)');
  });

  it('GIVEN --all and no load balancers WHEN run THEN an empty JSON array, or a message as a table', async () => {
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    expect((await run(['--all'])).json()).toEqual([]);
    const table = await run(['--all', '-o', 'table']);
    expect(table.stdout).toBe('no load balancers in this region\n');
    expect(cw.calls()).toHaveLength(0);
  });

  it('GIVEN --all with --target-group WHEN read THEN only the load balancers that forward to it, always as an array', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand, { PageSize: 400 })
      .resolves({ LoadBalancers: [sdkLb('web'), sdkLb('other')] });
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const r = await run(['--all', '--target-group', 'api', '--metric', 'RequestCount']);
    expect(r.code).toBe(0);
    expect(
      r.json<Array<{ loadBalancer: string; targetGroup: string }>>().map((d) => [d.loadBalancer, d.targetGroup]),
    ).toEqual([['web', 'api']]);
    expect(cw).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: [q('l0_requestcount_sum', 'RequestCount', 'Sum', LB_TG)],
    });
  });

  it('GIVEN two load balancers by name WHEN read THEN an array in the order named, from one call', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand, { Names: ['web', 'edge'] })
      .resolves({ LoadBalancers: [sdkLb('edge', 'network'), sdkLb('web')] });
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const r = await run(['web', 'edge', '--metric', 'ProcessedBytes']);
    expect(r.json<Array<{ loadBalancer: string }>>().map((d) => d.loadBalancer)).toEqual(['web', 'edge']);
    expect(cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    const ids = (
      elementAt(cw.commandCalls(GetMetricDataCommand), 0).args[0].input as GetMetricDataCommandInput
    ).MetricDataQueries?.map((x) => x.Id);
    expect(ids).toEqual(['l0_processedbytes_sum', 'l1_processedbytes_sum']);
  });
});

describe('metrics --watch', () => {
  /** A clock that advances when slept on and presses Ctrl-C (emits SIGINT) once `afterMs` have passed. */
  function ctrlCClock(afterMs: number, presses = 1): { clock: Clock; slept: () => number } {
    let slept = 0;
    let pressed = 0;
    return {
      slept: () => slept,
      clock: {
        now: () => new Date(NOW.getTime() + slept),
        sleep: async (ms) => {
          slept += ms;
          if (slept >= afterMs && pressed < presses) {
            while (pressed < presses) {
              pressed++;
              process.emit('SIGINT');
            }
          }
        },
      },
    };
  }

  beforeEach(() => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [result('l0_requestcount_sum', [1, 2])] });
  });

  it('GIVEN a terminal WHEN watching THEN redraws in place each refresh, and Ctrl-C takes a last reading and exits 0', async () => {
    const before = process.listeners('SIGINT');
    const { clock } = ctrlCClock(90_000);
    const r = await run(['web', '--metric', 'RequestCount', '--watch', '60', '-o', 'table'], {
      clock,
      tty: true,
      env: { NO_COLOR: '1' },
    });

    expect(r.code).toBe(0);
    // two refreshes, then the reading after Ctrl-C
    expect(cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 3);
    expect(cw).toHaveReceivedNthSpecificCommandWith(2, GetMetricDataCommand, {
      StartTime: new Date('2024-05-01T09:01:00Z'),
      EndTime: new Date('2024-05-01T12:01:00Z'),
    });
    const frames = r.stdout.split('\x1b[4F\x1b[0J');
    expect(frames).toHaveLength(3);
    expect(frames[0]).toContain('every 60 s · 12:00:00 UTC · Ctrl-C to stop\nweb · 2024-05-01 09:00 → 12:00 UTC');
    expect(frames[1]).toContain('every 60 s · 12:01:00 UTC · Ctrl-C to stop');
    expect(frames[2]).toContain('stopped · last reading 12:01:30 UTC\nweb · 2024-05-01 09:01 → 12:02 UTC');
    expect(frames[2]).toMatch(/RequestCount\s+Sum\s+2\s+1\s+2\s+sum 3/);
    expect(process.listeners('SIGINT')).toEqual(before);
  });

  it('GIVEN no terminal WHEN watching as a table THEN rows are appended with the time, the header once', async () => {
    const { clock } = ctrlCClock(130_000);
    const r = await run(
      ['web', '--metric', 'RequestCount', '--metric', 'ActiveConnectionCount', '--watch', '60', '-o', 'table'],
      { clock },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'TIME          LOAD BALANCER  METRIC                 STAT  LATEST                MIN  MAX  WINDOW',
        '12:00:00 UTC  web            RequestCount           Sum   2                     1    2    sum 3',
        '12:00:00 UTC  web            ActiveConnectionCount  Sum   no data (no traffic)',
        '12:01:00 UTC  web            RequestCount           Sum   2                     1    2    sum 3',
        '12:01:00 UTC  web            ActiveConnectionCount  Sum   no data (no traffic)',
        '12:02:00 UTC  web            RequestCount           Sum   2                     1    2    sum 3',
        '12:02:00 UTC  web            ActiveConnectionCount  Sum   no data (no traffic)',
        '12:02:10 UTC  web            RequestCount           Sum   2                     1    2    sum 3',
        '12:02:10 UTC  web            ActiveConnectionCount  Sum   no data (no traffic)',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN JSON output WHEN watching THEN one whole JSON document per refresh, the last one after Ctrl-C', async () => {
    const { clock } = ctrlCClock(60_000);
    const r = await run(['web', '--metric', 'RequestCount', '--watch', '60'], { clock });
    expect(r.code).toBe(0);
    const docs = r.stdout
      .trim()
      .split(/\n(?=\{)/)
      .map((d) => JSON.parse(d) as { start: string; metrics: unknown[] });
    expect(docs.map((d) => d.start)).toEqual(['2024-05-01T09:00:00.000Z', '2024-05-01T09:01:00.000Z']);
    expect(docs[1]?.metrics).toEqual([{ name: 'RequestCount', stat: 'Sum', unit: 'Count', points: points([1, 2]) }]);
  });

  it('GIVEN YAML output WHEN watching THEN documents separated by ---', async () => {
    const { clock } = ctrlCClock(60_000);
    const r = await run(['web', '--metric', 'RequestCount', '--watch', '60', '-o', 'yaml'], { clock });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n---\n')).toHaveLength(2);
    expect(r.stdout.startsWith('loadBalancer: web\n')).toBe(true);
  });

  it('GIVEN Ctrl-C twice WHEN watching THEN the second press reaches the process-wide handler again (exit 130 in bin/elbctl)', async () => {
    const outer = jest.fn();
    process.on('SIGINT', outer);
    try {
      const { clock } = ctrlCClock(1_000, 2);
      const r = await run(['web', '--metric', 'RequestCount', '--watch', '60', '-o', 'table'], { clock });
      expect(r.code).toBe(0);
      expect(outer).toHaveBeenCalledTimes(1);
      expect(process.listeners('SIGINT').filter((l) => l === outer)).toHaveLength(1);
    } finally {
      process.removeListener('SIGINT', outer);
    }
  });

  it('GIVEN the clock reports a cancellation WHEN watching THEN it ends like Ctrl-C, exit 0', async () => {
    let sleeps = 0;
    const clock: Clock = {
      now: () => NOW,
      sleep: async () => {
        if (++sleeps === 3) throw cancelledError();
      },
    };
    const r = await run(['web', '--metric', 'RequestCount', '--watch', '10', '-o', 'table'], { clock });
    expect(r.code).toBe(0);
    expect(cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
  });
});
