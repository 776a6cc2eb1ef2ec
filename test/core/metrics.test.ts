import {
  alignWindow,
  checkPeriod,
  choosePeriod,
  minimumPeriod,
  parseDuration,
  parseInstant,
  parsePeriod,
  resolveWindow,
} from '../../src/core/metrics/window';
import { assembleScope, MATH_UNSERVED, toDocument } from '../../src/core/metrics/results';
import {
  buildQueryGroup,
  planCalls,
  selectSeries,
  type MetricQuery,
  type MetricScope,
  type QueryGroup,
  type QueryResult,
} from '../../src/core/metrics/queries';
import { DEFAULT_SERIES, metricNameProblem, parseStat } from '../../src/core/metrics/catalog';
import { formatPeriod, formatValue, formatWindow, resample, summarize } from '../../src/core/metrics/format';

const LB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
const NLB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/0123456789abcdef';
const TG_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067';
const TG2_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/static/1a2b3c4d5e6f7a8b';
const NOW = new Date('2024-05-01T12:00:00Z');
const DAY = 86_400_000;

const alb: MetricScope['loadBalancer'] = { name: 'web', arn: LB_ARN, type: 'application' };
const LB_DIM = { name: 'LoadBalancer', value: 'app/web/50dc6c495c0c9188' };
const TG_DIM = { name: 'TargetGroup', value: 'targetgroup/api/73e2d6bc24d8a067' };
const TG2_DIM = { name: 'TargetGroup', value: 'targetgroup/static/1a2b3c4d5e6f7a8b' };
const stat = (
  name: string,
  s: string,
  dimensions: Array<{ name: string; value: string }>,
  period = 60,
  namespace = 'AWS/ApplicationELB',
) => ({
  namespace,
  name,
  dimensions,
  stat: s,
  period,
});

describe('series selection', () => {
  it('GIVEN an application load balancer and no flags WHEN selected THEN the default set, in order, with its statistics', () => {
    const { series, problems, warnings } = selectSeries('application', { targetGroup: false });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(series.map((s) => `${s.name} ${s.stat} ${s.unit}`)).toEqual([
      'RequestCount Sum Count',
      'ErrorRate Sum Percent',
      'TargetResponseTime Average Seconds',
      'TargetResponseTime p99 Seconds',
      'HTTPCode_ELB_5XX_Count Sum Count',
      'HTTPCode_Target_5XX_Count Sum Count',
      'HTTPCode_Target_4XX_Count Sum Count',
      'ActiveConnectionCount Sum Count',
      'HealthyHostCount Minimum Count',
      'UnHealthyHostCount Maximum Count',
    ]);
  });

  it('GIVEN a network load balancer and no flags WHEN selected THEN the NLB default set', () => {
    expect(selectSeries('network', { targetGroup: false }).series.map((s) => `${s.name} ${s.stat}`)).toEqual([
      'ActiveFlowCount Average',
      'NewFlowCount Sum',
      'ProcessedBytes Sum',
      'TCP_Client_Reset_Count Sum',
      'TCP_Target_Reset_Count Sum',
      'TCP_ELB_Reset_Count Sum',
      'HealthyHostCount Minimum',
      'UnHealthyHostCount Maximum',
    ]);
    expect(DEFAULT_SERIES.network).toHaveLength(8);
  });

  it('GIVEN a gateway load balancer and no flags WHEN selected THEN the AWS/GatewayELB default set, host counts per target group', () => {
    const { series, problems } = selectSeries('gateway', { targetGroup: false });
    expect(problems).toEqual([]);
    expect(series.map((s) => `${s.name} ${s.stat} ${s.unit} ${s.publication}`)).toEqual([
      'ActiveFlowCount Average Count lb',
      'NewFlowCount Sum Count lb',
      'ProcessedBytes Sum Bytes lb',
      'HealthyHostCount Minimum Count tg-sum',
      'UnHealthyHostCount Maximum Count tg-sum',
    ]);
  });

  it('GIVEN --metric names in any case WHEN selected THEN only those, spelled as CloudWatch does, with their own statistic', () => {
    const { series } = selectSeries('application', {
      metrics: ['requestcount', 'TargetResponseTime', 'RequestCount'],
      targetGroup: false,
    });
    expect(series.map((s) => `${s.name} ${s.stat}`)).toEqual(['RequestCount Sum', 'TargetResponseTime Average']);
  });

  it('GIVEN --stat without --metric WHEN selected THEN every default metric gets those statistics, and ErrorRate stays a rate of sums', () => {
    const { series } = selectSeries('application', { stats: ['p50', 'p99'], targetGroup: false });
    expect(series.slice(0, 4).map((s) => `${s.name} ${s.stat}`)).toEqual([
      'RequestCount p50',
      'RequestCount p99',
      'ErrorRate Sum',
      'TargetResponseTime p50',
    ]);
    expect(series.filter((s) => s.name === 'TargetResponseTime').map((s) => s.stat)).toEqual(['p50', 'p99']);
  });

  it('GIVEN --metric and --stat WHEN selected THEN every pair', () => {
    const { series } = selectSeries('network', {
      metrics: ['NewFlowCount'],
      stats: ['Sum', 'Maximum'],
      targetGroup: false,
    });
    expect(series.map((s) => `${s.name} ${s.stat}`)).toEqual(['NewFlowCount Sum', 'NewFlowCount Maximum']);
  });

  it('GIVEN a misspelt metric WHEN selected THEN a warning suggests the right name, and the name is still asked for', () => {
    const { series, warnings, problems } = selectSeries('application', {
      metrics: ['RequestCont'],
      targetGroup: false,
    });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'metric "RequestCont" is not a known AWS/ApplicationELB metric; asking CloudWatch anyway (did you mean RequestCount?)',
    ]);
    expect(series).toEqual([{ name: 'RequestCont', stat: 'Average', unit: 'None', publication: 'lb+tg' }]);
  });

  it('GIVEN a target group WHEN the default set is selected THEN load balancer metrics drop out', () => {
    const { series } = selectSeries('application', { targetGroup: true });
    expect(series.map((s) => s.name)).toEqual([
      'RequestCount',
      'ErrorRate',
      'TargetResponseTime',
      'TargetResponseTime',
      'HTTPCode_Target_5XX_Count',
      'HTTPCode_Target_4XX_Count',
      'HealthyHostCount',
      'UnHealthyHostCount',
    ]);
    expect(selectSeries('network', { targetGroup: true }).series.map((s) => s.name)).toEqual([
      'HealthyHostCount',
      'UnHealthyHostCount',
    ]);
  });

  it.each([
    [
      'application',
      { metrics: ['HTTPCode_ELB_5XX_Count'], targetGroup: true },
      '--metric HTTPCode_ELB_5XX_Count: is reported per load balancer, not per target group; drop --target-group to see it',
    ],
    [
      'application',
      { metrics: ['RequestCountPerTarget'], targetGroup: false },
      '--metric RequestCountPerTarget: is reported per target group only; add --target-group TG',
    ],
    [
      'network',
      { metrics: ['ErrorRate'], targetGroup: false },
      '--metric ErrorRate: is computed for application load balancers only (5XX responses over requests)',
    ],
    [
      'gateway',
      { metrics: ['ErrorRate'], targetGroup: false },
      '--metric ErrorRate: is computed for application load balancers only (5XX responses over requests)',
    ],
  ] as const)('GIVEN %s and %j WHEN selected THEN the problem says why and what to do', (type, choice, problem) => {
    expect(selectSeries(type, choice).problems).toEqual([problem]);
  });
});

describe('flag parsing', () => {
  it.each([
    ['Sum', 'Sum'],
    ['sum', 'Sum'],
    ['avg', 'Average'],
    ['Minimum', 'Minimum'],
    ['max', 'Maximum'],
    ['SampleCount', 'SampleCount'],
    ['p99', 'p99'],
    ['P99.9', 'p99.9'],
    ['tm90', 'tm90'],
    ['IQM', 'IQM'],
  ])('GIVEN --stat %s WHEN parsed THEN %s', (raw, stat) => {
    expect(parseStat(raw)).toEqual({ stat });
  });

  it.each(['median', 'p100', 'p0', 'p', '99', 'Sum2'])(
    'GIVEN --stat %s WHEN parsed THEN a problem listing the forms',
    (raw) => {
      expect(parseStat(raw)).toEqual({
        problem: `--stat "${raw}": not a CloudWatch statistic; use Sum, Average, Minimum, Maximum, SampleCount, IQM or a percentile such as p99 or p99.9`,
      });
    },
  );

  it('GIVEN metric names WHEN checked THEN only CloudWatch-shaped names pass', () => {
    expect(metricNameProblem('HTTPCode_ELB_5XX_Count')).toBeUndefined();
    expect(metricNameProblem('Request Count')).toBe(
      '--metric "Request Count": not a CloudWatch metric name; use letters, digits and underscores, e.g. RequestCount',
    );
  });

  it.each([
    ['90s', 90],
    ['15m', 900],
    ['3h', 10_800],
    ['2d', 172_800],
    ['1w', 604_800],
  ])('GIVEN --since %s WHEN parsed THEN %i seconds', (raw, seconds) => {
    expect(parseDuration(raw)).toBe(seconds);
  });

  it.each(['3', '3 h', '1y', '-1h', 'h', '1.5h'])('GIVEN --since %s WHEN parsed THEN not a duration', (raw) => {
    expect(parseDuration(raw)).toBeUndefined();
  });

  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T12:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01 12:30:15', '2024-05-01T12:30:15.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('GIVEN the time %s WHEN parsed THEN %s (UTC when no zone is written)', (raw, iso) => {
    expect(parseInstant(raw)?.toISOString()).toBe(iso);
  });

  it.each(['May 1 2024', '2024-13-01', '2024-05-01T25:00:00Z', 'yesterday', '1714560000'])(
    'GIVEN the time %s WHEN parsed THEN rejected',
    (raw) => {
      expect(parseInstant(raw)).toBeUndefined();
    },
  );

  it.each([
    ['60', 60],
    ['300', 300],
    ['86400', 86_400],
  ])('GIVEN --period %s WHEN parsed THEN %i', (raw, period) => {
    expect(parsePeriod(raw)).toEqual({ period });
  });

  it.each(['30', '90', '0', 'abc', '1m'])('GIVEN --period %s WHEN parsed THEN a problem', (raw) => {
    expect(parsePeriod(raw)).toEqual({
      problem: `--period "${raw}": must be a whole number of seconds, a multiple of 60 (60, 300, 3600 …)`,
    });
  });
});

describe('the window', () => {
  it('GIVEN no flags WHEN resolved THEN the last 3 hours', () => {
    expect(resolveWindow({}, NOW)).toEqual({ window: { start: new Date('2024-05-01T09:00:00Z'), end: NOW } });
  });

  it('GIVEN --since with --end WHEN resolved THEN counts back from --end', () => {
    expect(resolveWindow({ since: '15m', end: '2024-04-30T10:00:00Z' }, NOW)).toEqual({
      window: { start: new Date('2024-04-30T09:45:00Z'), end: new Date('2024-04-30T10:00:00Z') },
    });
  });

  it('GIVEN --start alone WHEN resolved THEN up to now', () => {
    expect(resolveWindow({ start: '2024-05-01T11:00:00Z' }, NOW)).toEqual({
      window: { start: new Date('2024-05-01T11:00:00Z'), end: NOW },
    });
  });

  it.each([
    [
      { since: '1h', start: '2024-05-01T11:00:00Z' },
      ['--since and --start: give one of them (--since counts back from --end or now)'],
    ],
    [{ since: 'yesterday' }, ['--since "yesterday": not a duration; write a number and a unit: 15m, 3h, 2d or 1w']],
    [{ since: '30s' }, ['--since "30s": at least 1m; load balancer metrics have one value per minute']],
    [
      { start: 'noon', end: 'later' },
      [
        '--end "later": not an ISO 8601 time; write e.g. 2024-05-01T12:00:00Z',
        '--start "noon": not an ISO 8601 time; write e.g. 2024-05-01T09:00:00Z',
      ],
    ],
    [
      { start: '2024-05-01T12:00:00Z', end: '2024-05-01T11:00:00Z' },
      ['--start 2024-05-01T12:00:00.000Z: must be before the end (2024-05-01T11:00:00.000Z)'],
    ],
    [
      { start: '2023-01-01T00:00:00Z' },
      ['window start 2023-01-01T00:00:00.000Z: CloudWatch keeps load balancer metrics for 455 days; start later'],
    ],
  ])('GIVEN %j WHEN resolved THEN every problem', (flags, problems) => {
    expect(resolveWindow(flags, NOW)).toEqual({ problems });
  });
});

describe('the period', () => {
  const back = (ms: number, span: number) => ({
    start: new Date(NOW.getTime() - ms),
    end: new Date(NOW.getTime() - ms + span),
  });

  it.each([
    ['15 minutes', 60, back(15 * 60_000, 15 * 60_000)],
    ['3 hours', 60, back(3 * 3_600_000, 3 * 3_600_000)],
    ['1 day', 60, back(DAY, DAY)],
    ['2 days', 300, back(2 * DAY, 2 * DAY)],
    ['7 days', 900, back(7 * DAY, 7 * DAY)],
    ['1 hour, 20 days ago (60 s data is gone)', 300, back(20 * DAY, 3_600_000)],
    ['1 hour, 70 days ago (only hourly data is left)', 3600, back(70 * DAY, 3_600_000)],
    ['400 days', 86_400, back(400 * DAY, 400 * DAY)],
  ])('GIVEN a window of %s WHEN the period is chosen THEN %i s', (_what, period, window) => {
    expect(choosePeriod(window, NOW)).toBe(period);
    expect(Math.ceil((window.end.getTime() - window.start.getTime()) / 1000 / period)).toBeLessThanOrEqual(1440);
  });

  it('GIVEN start ages WHEN the retained resolution is asked THEN 60 s for 15 days, 300 s for 63 days, 1 h after', () => {
    expect(minimumPeriod(new Date(NOW.getTime() - 15 * DAY), NOW)).toBe(60);
    expect(minimumPeriod(new Date(NOW.getTime() - 15 * DAY - 1000), NOW)).toBe(300);
    expect(minimumPeriod(new Date(NOW.getTime() - 63 * DAY - 1000), NOW)).toBe(3600);
  });

  it('GIVEN --period 60 for a window starting 20 days ago WHEN checked THEN a warning names the period that has data', () => {
    expect(checkPeriod(60, back(20 * DAY, 3_600_000), NOW)).toEqual({
      problems: [],
      warnings: [
        '--period 60: CloudWatch keeps only 300 s data for the start of this window, so the older part may be empty; use --period 300',
      ],
    });
  });

  it('GIVEN --period 60 for 100 days WHEN checked THEN too many points for one call is a problem', () => {
    expect(checkPeriod(60, back(100 * DAY, 100 * DAY), NOW).problems).toEqual([
      '--period 60: gives 144000 points per series, more than CloudWatch returns in one call (100800); use a longer period or a shorter window',
    ]);
  });

  it('GIVEN a window and a period WHEN aligned THEN start rounds down and end up to whole periods', () => {
    expect(
      alignWindow({ start: new Date('2024-05-01T09:02:31Z'), end: new Date('2024-05-01T12:00:01Z') }, 300),
    ).toEqual({
      start: new Date('2024-05-01T09:00:00Z'),
      end: new Date('2024-05-01T12:05:00Z'),
    });
  });
});

describe('queries', () => {
  it('GIVEN the ALB default set and one target group WHEN built THEN exact ids, dimensions, statistics, periods and the error-rate expression', () => {
    const series = selectSeries('application', { targetGroup: false }).series;
    const g = buildQueryGroup(
      { loadBalancer: alb, loadBalancerTargetGroups: [{ name: 'api', arn: TG_ARN }] },
      0,
      series,
      60,
    );
    expect(g.queries).toEqual<MetricQuery[]>([
      { id: 'l0_requestcount_sum', metric: stat('RequestCount', 'Sum', [LB_DIM]), advanced: false },
      {
        id: 'l0_httpcode_target_5xx_count_sum',
        metric: stat('HTTPCode_Target_5XX_Count', 'Sum', [LB_DIM]),
        advanced: false,
      },
      { id: 'l0_httpcode_elb_5xx_count_sum', metric: stat('HTTPCode_ELB_5XX_Count', 'Sum', [LB_DIM]), advanced: false },
      {
        id: 'l0_errorrate',
        expression:
          '100 * (FILL(l0_httpcode_elb_5xx_count_sum, 0) + FILL(l0_httpcode_target_5xx_count_sum, 0)) / l0_requestcount_sum',
        advanced: true,
      },
      { id: 'l0_targetresponsetime_average', metric: stat('TargetResponseTime', 'Average', [LB_DIM]), advanced: false },
      { id: 'l0_targetresponsetime_p99', metric: stat('TargetResponseTime', 'p99', [LB_DIM]), advanced: true },
      {
        id: 'l0_httpcode_target_4xx_count_sum',
        metric: stat('HTTPCode_Target_4XX_Count', 'Sum', [LB_DIM]),
        advanced: false,
      },
      { id: 'l0_activeconnectioncount_sum', metric: stat('ActiveConnectionCount', 'Sum', [LB_DIM]), advanced: false },
      {
        id: 'l0_healthyhostcount_minimum',
        metric: stat('HealthyHostCount', 'Minimum', [LB_DIM, TG_DIM]),
        advanced: false,
      },
      {
        id: 'l0_unhealthyhostcount_maximum',
        metric: stat('UnHealthyHostCount', 'Maximum', [LB_DIM, TG_DIM]),
        advanced: false,
      },
    ]);
    expect(g.series.map((s) => s.id)).toEqual([
      'l0_requestcount_sum',
      'l0_errorrate',
      'l0_targetresponsetime_average',
      'l0_targetresponsetime_p99',
      'l0_httpcode_elb_5xx_count_sum',
      'l0_httpcode_target_5xx_count_sum',
      'l0_httpcode_target_4xx_count_sum',
      'l0_activeconnectioncount_sum',
      'l0_healthyhostcount_minimum',
      'l0_unhealthyhostcount_maximum',
    ]);
  });

  it('GIVEN two target groups WHEN host counts are built THEN one query per target group and their SUM', () => {
    const series = selectSeries('application', { metrics: ['HealthyHostCount'], targetGroup: false }).series;
    const g = buildQueryGroup(
      {
        loadBalancer: alb,
        loadBalancerTargetGroups: [
          { name: 'api', arn: TG_ARN },
          { name: 'static', arn: TG2_ARN },
        ],
      },
      3,
      series,
      300,
    );
    expect(g.queries).toEqual<MetricQuery[]>([
      {
        id: 'l3_healthyhostcount_minimum_t0',
        metric: stat('HealthyHostCount', 'Minimum', [LB_DIM, TG_DIM], 300),
        advanced: false,
      },
      {
        id: 'l3_healthyhostcount_minimum_t1',
        metric: stat('HealthyHostCount', 'Minimum', [LB_DIM, TG2_DIM], 300),
        advanced: false,
      },
      {
        id: 'l3_healthyhostcount_minimum',
        expression: 'SUM([l3_healthyhostcount_minimum_t0, l3_healthyhostcount_minimum_t1])',
        advanced: true,
      },
    ]);
  });

  it('GIVEN no target groups WHEN host counts are built THEN nothing is asked and the series says why', () => {
    const series = selectSeries('application', { metrics: ['UnHealthyHostCount'], targetGroup: false }).series;
    const g = buildQueryGroup({ loadBalancer: alb, loadBalancerTargetGroups: [] }, 0, series, 60);
    expect(g.queries).toEqual([]);
    expect(g.series).toEqual([{ spec: series[0], inputs: [], expression: false, empty: 'no target groups' }]);
  });

  it('GIVEN a target group scope WHEN built THEN every query has both dimensions and the error rate uses target 5XX only', () => {
    const series = selectSeries('application', { metrics: ['ErrorRate', 'RequestCount'], targetGroup: true }).series;
    const g = buildQueryGroup({ loadBalancer: alb, targetGroup: { name: 'api', arn: TG_ARN } }, 1, series, 60);
    expect(g.queries).toEqual<MetricQuery[]>([
      { id: 'l1_requestcount_sum', metric: stat('RequestCount', 'Sum', [LB_DIM, TG_DIM]), advanced: false },
      {
        id: 'l1_httpcode_target_5xx_count_sum',
        metric: stat('HTTPCode_Target_5XX_Count', 'Sum', [LB_DIM, TG_DIM]),
        advanced: false,
      },
      {
        id: 'l1_errorrate',
        expression: '100 * (FILL(l1_httpcode_target_5xx_count_sum, 0)) / l1_requestcount_sum',
        advanced: true,
      },
    ]);
  });

  it('GIVEN a network load balancer WHEN built THEN the AWS/NetworkELB namespace and the net/ dimension', () => {
    const series = selectSeries('network', { metrics: ['NewFlowCount'], targetGroup: false }).series;
    const g = buildQueryGroup({ loadBalancer: { name: 'edge', arn: NLB_ARN, type: 'network' } }, 0, series, 60);
    expect(g.queries).toEqual([
      {
        id: 'l0_newflowcount_sum',
        metric: stat(
          'NewFlowCount',
          'Sum',
          [{ name: 'LoadBalancer', value: 'net/edge/0123456789abcdef' }],
          60,
          'AWS/NetworkELB',
        ),
        advanced: false,
      },
    ]);
  });
});

describe('packing queries into calls', () => {
  const group = (n: number, tag: string): QueryGroup => ({
    scope: { loadBalancer: alb },
    queries: Array.from({ length: n }, (_, i) => ({ id: `${tag}_${i}`, advanced: false })),
    series: [],
  });

  it('GIVEN groups of 10, 200, 300 and 5 queries WHEN planned at 500 THEN whole groups fill calls in order', () => {
    const calls = planCalls([group(10, 'a'), group(200, 'b'), group(300, 'c'), group(5, 'd')]);
    expect(calls.map((c) => c.length)).toEqual([210, 305]);
    expect(calls[1]?.[0]?.id).toBe('c_0');
  });

  it('GIVEN exactly 500 queries WHEN planned THEN one call', () => {
    expect(planCalls([group(250, 'a'), group(250, 'b')]).map((c) => c.length)).toEqual([500]);
  });

  it('GIVEN nothing to ask WHEN planned THEN no call', () => {
    expect(planCalls([group(0, 'a')])).toEqual([]);
  });

  it('GIVEN a group larger than a call WHEN planned THEN it refuses rather than split an expression from its inputs', () => {
    expect(() => planCalls([group(501, 'a')])).toThrow('a query group of 501 queries cannot fit in one call of 500');
  });
});

describe('results', () => {
  const series = selectSeries('application', {
    metrics: ['RequestCount', 'ErrorRate', 'UnHealthyHostCount'],
    stats: ['Sum', 'p99'],
    targetGroup: false,
  }).series;
  const group = buildQueryGroup({ loadBalancer: alb, loadBalancerTargetGroups: [] }, 0, series, 60);
  const window = { start: new Date('2024-05-01T11:00:00Z'), end: new Date('2024-05-01T12:00:00Z') };
  const result = (
    id: string,
    values: number[],
    status = 'Complete',
    messages: string[] = [],
  ): [string, QueryResult] => [
    id,
    { id, status, messages, points: values.map((value, i) => ({ timestamp: `2024-05-01T11:0${i}:00.000Z`, value })) },
  ];

  it('GIVEN answers for each series WHEN assembled THEN data, no data, and the reasons', () => {
    const outcome = assembleScope(
      group,
      {
        results: new Map([
          result('l0_requestcount_sum', [10, 20]),
          result('l0_requestcount_p99', [], 'InternalError', ['boom']),
          result('l0_errorrate', [0, 5]),
        ]),
        unavailable: new Map(),
      },
      window,
      60,
    );
    expect(outcome.series.map((s) => [s.name, s.stat, s.status, s.reason, s.points.length])).toEqual([
      ['RequestCount', 'Sum', 'data', undefined, 2],
      ['RequestCount', 'p99', 'unavailable', 'unavailable: CloudWatch answered boom', 0],
      ['ErrorRate', 'Sum', 'data', undefined, 2],
      ['UnHealthyHostCount', 'Sum', 'no-data', 'no target groups', 0],
      ['UnHealthyHostCount', 'p99', 'no-data', 'no target groups', 0],
    ]);
  });

  it('GIVEN an expression with no values although its inputs have data WHEN assembled THEN unavailable from this endpoint, not "no traffic"', () => {
    const outcome = assembleScope(
      group,
      { results: new Map([result('l0_requestcount_sum', [10]), result('l0_errorrate', [])]), unavailable: new Map() },
      window,
      60,
    );
    expect(outcome.series[2]).toMatchObject({ name: 'ErrorRate', status: 'unavailable', reason: MATH_UNSERVED });
  });

  it('GIVEN an expression with no values and no input data WHEN assembled THEN simply no traffic', () => {
    const outcome = assembleScope(
      group,
      { results: new Map([result('l0_errorrate', [])]), unavailable: new Map() },
      window,
      60,
    );
    expect(outcome.series[2]).toMatchObject({ status: 'no-data', reason: 'no traffic' });
  });

  it('GIVEN queries the endpoint could not serve WHEN assembled and written as JSON THEN they carry `unavailable`, the rest the exact shape', () => {
    const outcome = assembleScope(
      group,
      {
        results: new Map([result('l0_requestcount_sum', [10])]),
        unavailable: new Map([['l0_requestcount_p99', 'unavailable from this endpoint: x']]),
      },
      window,
      60,
    );
    const doc = toDocument(outcome);
    expect(doc).toEqual({
      loadBalancer: 'web',
      targetGroup: null,
      period: 60,
      start: '2024-05-01T11:00:00.000Z',
      end: '2024-05-01T12:00:00.000Z',
      metrics: [
        {
          name: 'RequestCount',
          stat: 'Sum',
          unit: 'Count',
          points: [{ timestamp: '2024-05-01T11:00:00.000Z', value: 10 }],
        },
        {
          name: 'RequestCount',
          stat: 'p99',
          unit: 'Count',
          points: [],
          unavailable: 'unavailable from this endpoint: x',
        },
        { name: 'ErrorRate', stat: 'Sum', unit: 'Percent', points: [], unavailable: MATH_UNSERVED },
        { name: 'UnHealthyHostCount', stat: 'Sum', unit: 'Count', points: [] },
        { name: 'UnHealthyHostCount', stat: 'p99', unit: 'Count', points: [] },
      ],
    });
  });
});

describe('summaries and formatting', () => {
  const points = (values: number[]) =>
    values.map((value, i) => ({ timestamp: new Date(Date.UTC(2024, 4, 1, 11, i)).toISOString(), value }));

  it('GIVEN a Sum series WHEN summarised THEN latest, min, max and the total', () => {
    expect(summarize([...points([5, 1, 9]).reverse()], 'Sum')).toEqual({
      latest: 9,
      min: 1,
      max: 9,
      aggregate: 'sum',
      total: 15,
    });
  });

  it('GIVEN an Average series WHEN summarised THEN the mean of the points', () => {
    expect(summarize(points([0.1, 0.2, 0.3]), 'Average')).toMatchObject({
      latest: 0.3,
      aggregate: 'avg',
      total: expect.closeTo(0.2, 10),
    });
    expect(summarize([], 'Sum')).toBeUndefined();
  });

  it('GIVEN a rate (ErrorRate, Percent) WHEN summarised THEN averaged, never summed', () => {
    expect(summarize(points([1, 3]), 'Sum', 'Percent')).toEqual({
      latest: 3,
      min: 1,
      max: 3,
      aggregate: 'avg',
      total: 2,
    });
  });

  it('GIVEN points on a window WHEN resampled THEN cells are means of their points and gaps stay empty', () => {
    const window = { start: new Date('2024-05-01T11:00:00Z'), end: new Date('2024-05-01T11:06:00Z') };
    expect(resample(points([1, 3, 5]), window, 60, 10)).toEqual([1, 3, 5, undefined, undefined, undefined]);
    expect(resample(points([1, 3, 5, 7]), window, 60, 3)).toEqual([2, 6, undefined]);
    expect(resample(points([1, 3]), window, 60, 12, true)).toEqual([
      1,
      1,
      3,
      3,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it.each([
    [0.153, 'Seconds', '153 ms'],
    [0.0042, 'Seconds', '4.2 ms'],
    [1.234, 'Seconds', '1.23 s'],
    [12, 'Count', '12'],
    [9999, 'Count', '9999'],
    [186_123, 'Count', '186.1k'],
    [2_500_000, 'Count', '2.5M'],
    [2.5, 'Count', '2.5'],
    [1536, 'Bytes', '1.5 KiB'],
    [5 * 1024 ** 3, 'Bytes', '5 GiB'],
    [2.456, 'Percent', '2.46%'],
    [12.5, 'Milliseconds', '12.5 ms'],
  ] as const)('GIVEN %d %s WHEN formatted THEN %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  it('GIVEN windows WHEN formatted THEN one date within a day, two across days; periods in their unit', () => {
    expect(formatWindow({ start: new Date('2024-05-01T09:00:00Z'), end: new Date('2024-05-01T12:00:00Z') })).toBe(
      '2024-05-01 09:00 → 12:00 UTC',
    );
    expect(formatWindow({ start: new Date('2024-04-29T12:00:00Z'), end: new Date('2024-05-01T12:00:00Z') })).toBe(
      '2024-04-29 12:00 → 2024-05-01 12:00 UTC',
    );
    expect([60, 300, 3600, 86_400].map(formatPeriod)).toEqual(['60 s', '5 min', '1 h', '24 h']);
  });
});
