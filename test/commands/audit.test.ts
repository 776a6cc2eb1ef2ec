/**
 * `elbctl audit` against mocked AWS (aws-sdk-client-mock): what moto cannot show — how every read
 * is batched (DescribeLoadBalancers pages of 400, DescribeTags by 20, one GetMetricData per 500
 * load balancers with a 1-day period over 14 days), idle traffic on an old load balancer, a region
 * refused while another answers (errors, exit 1), every region refused (exit 77), --regions all,
 * and bad input refused with exit 64 before any AWS call.
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { ListResourcesForWebACLCommand, ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const cloudwatch = mockClient(CloudWatchClient);
const ec2 = mockClient(EC2Client);
const servicequotas = mockClient(ServiceQuotasClient);
const wafv2 = mockClient(WAFV2Client);
/** No Classic load balancer unless a test says so (those checks are tested against moto). */
const classic = mockClient(ElasticLoadBalancingClient);

const NOW = new Date('2026-12-06T12:00:00Z');
const clock = { now: () => NOW, sleep: async () => undefined };

const arnOf = (region: string, name: string, i = 0) =>
  `arn:aws:elasticloadbalancing:${region}:123456789012:loadbalancer/app/${name}/${i.toString(16).padStart(16, '0')}`;

const sdkLb = (region: string, name: string, i = 0): LoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: arnOf(region, name, i),
  Type: 'application',
  Scheme: 'internal',
  State: { Code: 'active' },
  DNSName: `${name}.${region}.elb.amazonaws.com`,
  VpcId: 'vpc-0abc',
  AvailabilityZones: [
    { ZoneName: `${region}a`, SubnetId: 'subnet-0aaa' },
    { ZoneName: `${region}b`, SubnetId: 'subnet-0bbb' },
  ],
  SecurityGroups: ['sg-0lb'],
  IpAddressType: 'ipv4',
  CreatedTime: new Date('2025-01-01T00:00:00Z'),
});

const HARDENED = [
  { Key: 'deletion_protection.enabled', Value: 'true' },
  { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
  { Key: 'access_logs.s3.enabled', Value: 'true' },
];

const regionOf = async (getClient: () => { config: { region: unknown } }) => {
  const r = getClient().config.region;
  return typeof r === 'function' ? await (r as () => Promise<string>)() : (r as string);
};

const denied = () =>
  Object.assign(new Error('User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers'), {
    name: 'AccessDenied',
    $metadata: { httpStatusCode: 403 },
  });

/** Each region's load balancers, each with one HTTPS-less listener redirecting HTTP to HTTPS. */
function account(lbsByRegion: Record<string, LoadBalancer[]>, traffic = 100) {
  elbv2.on(DescribeLoadBalancersCommand).callsFake(async (_input, getClient) => {
    const region = await regionOf(getClient as never);
    if (!(region in lbsByRegion)) throw denied();
    return { LoadBalancers: lbsByRegion[region] };
  });
  elbv2.on(DescribeTagsCommand).callsFake(async (input: { ResourceArns: string[] }) => ({
    TagDescriptions: input.ResourceArns.map((ResourceArn) => ({ ResourceArn, Tags: [] })),
  }));
  elbv2.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: HARDENED });
  elbv2.on(DescribeListenersCommand).callsFake(async (input: { LoadBalancerArn: string }) => ({
    Listeners: [
      {
        ListenerArn: `${input.LoadBalancerArn.replace(':loadbalancer/', ':listener/')}/0000000000000080`,
        LoadBalancerArn: input.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
        ],
      },
    ],
  }));
  elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
  cloudwatch.on(GetMetricDataCommand).callsFake(async (input: { MetricDataQueries: Array<{ Id: string }> }) => ({
    MetricDataResults: input.MetricDataQueries.map((q) => ({
      Id: q.Id,
      StatusCode: 'Complete',
      Timestamps: traffic > 0 ? [new Date('2026-12-01T00:00:00Z')] : [],
      Values: traffic > 0 ? [traffic] : [],
    })),
  }));
}

beforeEach(() => {
  elbv2.reset();
  cloudwatch.reset();
  ec2.reset();
  servicequotas.reset();
  wafv2.reset();
  classic.reset();
  classic.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [] });
});

interface Doc {
  findings: Array<{ id: string; name: string; region: string; evidence: string }>;
  errors: Array<{ profile: string; region: string; code: string; scope: string }>;
  summary: { loadBalancers: number; regions: number };
}

const audit = (args: string[], env: Record<string, string> = {}) =>
  elbctl(['audit', '-o', 'json', ...args], { clock, env });

describe('elbctl audit: batching', () => {
  test('GIVEN 501 load balancers in a region WHEN audited THEN 1 page of 400-list, DescribeTags by 20, one DescribeListeners and attributes each, 2 GetMetricData (500 + 1) of daily sums over 14 days', async () => {
    account({ 'us-east-1': Array.from({ length: 501 }, (_, i) => sdkLb('us-east-1', `web${i}`, i)) });
    const r = await audit(['--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.json<Doc>().findings).toEqual([]);
    expect(elbv2.commandCalls(DescribeLoadBalancersCommand).map((c) => c.args[0].input)).toEqual([{ PageSize: 400 }]);
    expect(elbv2.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length)).toEqual([
      ...Array(25).fill(20),
      1,
    ]);
    expect(elbv2.commandCalls(DescribeListenersCommand)).toHaveLength(501);
    expect(elbv2.commandCalls(DescribeLoadBalancerAttributesCommand)).toHaveLength(501);
    const metrics = cloudwatch.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    expect(metrics.map((m) => m.MetricDataQueries?.length)).toEqual([500, 1]);
    expect(metrics[0]).toMatchObject({
      StartTime: new Date('2026-11-23T00:00:00Z'),
      EndTime: new Date('2026-12-07T00:00:00Z'),
    });
    expect(metrics[0]?.MetricDataQueries?.[0]).toEqual({
      Id: 't0',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'RequestCount',
          Dimensions: [{ Name: 'LoadBalancer', Value: 'app/web0/0000000000000000' }],
        },
        Period: 86400,
        Stat: 'Sum',
      },
      ReturnData: true,
    });
  });
});

describe('elbctl audit: findings and failures', () => {
  test('GIVEN an old load balancer with no request in 14 days WHEN audited THEN idle with its monthly charge, exit 0 under --fail-on high', async () => {
    account({ 'us-east-1': [sdkLb('us-east-1', 'forgotten')] }, 0);
    const r = await audit([]);
    expect(r.code).toBe(0);
    expect(r.json<Doc>().findings).toEqual([
      expect.objectContaining({
        id: 'idle',
        name: 'forgotten',
        evidence:
          '0 requests (RequestCount) over the last 14 days; $16.43 a month in hourly charges (list price of 2026-12-06)',
      }),
    ]);
  });

  test('GIVEN one region refusing and one answering WHEN audited THEN the answering one is judged, the other is in errors, exit 1', async () => {
    account({ 'eu-west-1': [sdkLb('eu-west-1', 'web')] });
    const r = await audit(['--regions', 'us-east-1,eu-west-1']);
    expect(r.code).toBe(1);
    const doc = r.json<Doc>();
    expect(doc.summary).toMatchObject({ loadBalancers: 1, regions: 1 });
    expect(doc.errors).toEqual([
      expect.objectContaining({ profile: 'default', region: 'us-east-1', code: 'E_ACCESS_DENIED', scope: 'region' }),
    ]);
    expect(r.stderr).toBe('audit: 1 region(s) or account(s) not fully read; see errors\n');
  });

  test('GIVEN a region whose rules and target health both fail WHEN audited THEN one error for the region, the run completes (exit 1)', async () => {
    account({ 'us-east-1': [sdkLb('us-east-1', 'web')] });
    elbv2.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [
        {
          TargetGroupName: 'api',
          TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
          Protocol: 'HTTP',
          Port: 80,
          TargetType: 'ip',
          LoadBalancerArns: [arnOf('us-east-1', 'web')],
        },
      ],
    });
    elbv2.on(DescribeTargetGroupAttributesCommand).resolves({ Attributes: [] });
    elbv2
      .on(DescribeRulesCommand)
      .rejects(Object.assign(new Error('boom'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }));
    elbv2
      .on(DescribeTargetHealthCommand)
      .rejects(Object.assign(new Error('bang'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }));
    const r = await audit(['--fail-on', 'none']);
    expect(r.code).toBe(1);
    expect(r.json<Doc>().errors).toEqual([
      expect.objectContaining({ profile: 'default', region: 'us-east-1', code: 'E_AWS', scope: 'region' }),
    ]);
  });

  test('GIVEN every region refusing WHEN audited THEN exit 77 and nothing on stdout', async () => {
    account({});
    const r = await audit(['--regions', 'us-east-1,eu-west-1']);
    expect(r.code).toBe(77);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not authorized');
  });

  test('GIVEN --regions all WHEN audited THEN the enabled regions from EC2, each read', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
      ],
    });
    account({ 'us-east-1': [sdkLb('us-east-1', 'a')], 'eu-west-1': [sdkLb('eu-west-1', 'b')] });
    const r = await audit(['--regions', 'all']);
    expect(r.code).toBe(0);
    expect(r.json<Doc>().summary).toMatchObject({ loadBalancers: 2, regions: 2 });
    expect(ec2.commandCalls(DescribeRegionsCommand).map((c) => c.args[0].input)).toEqual([{ AllRegions: false }]);
  });
});

describe('elbctl audit: quotas', () => {
  const rules = (n: number): Rule[] =>
    Array.from({ length: n }, (_, i) => ({
      RuleArn: `${arnOf('us-east-1', 'web').replace(':loadbalancer/', ':listener-rule/')}/0000000000000080/${String(i).padStart(16, '0')}`,
      Priority: String(i + 1),
      IsDefault: false,
      Conditions: [{ Field: 'host-header' as const, HostHeaderConfig: { Values: [`h${i}.example.com`] } }],
      Actions: [{ Type: 'fixed-response' as const, FixedResponseConfig: { StatusCode: '404' } }],
    }));

  test('GIVEN an ALB with 85 rules and an account quota of 200 WHEN audited THEN Service Quotas is asked for that quota only, and no finding', async () => {
    account({ 'us-east-1': [sdkLb('us-east-1', 'web')] });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: rules(85) });
    servicequotas.on(GetServiceQuotaCommand).resolves({ Quota: { Value: 200 } });
    const r = await audit(['--checks', 'rules-quota']);
    expect(r.code).toBe(0);
    expect(r.json<Doc>().findings).toEqual([]);
    expect(servicequotas.commandCalls(GetServiceQuotaCommand).map((c) => c.args[0].input)).toEqual([
      { ServiceCode: 'elasticloadbalancing', QuotaCode: 'L-7EED9B64' },
    ]);
  });

  test('GIVEN the same ALB and Service Quotas refusing WHEN audited THEN judged by the default of 100, with a split', async () => {
    account({ 'us-east-1': [sdkLb('us-east-1', 'web')] });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: rules(85) });
    servicequotas
      .on(GetServiceQuotaCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const r = await audit(['--checks', 'rules-quota', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const [finding] = r.json<Doc>().findings;
    expect(finding?.evidence).toMatch(
      /^85 of 100 rules \(85%, 15 left; AWS's default quota L-7EED9B64\); split: serve 42 hosts \(.*\) from a second load balancer: 42 rules move, 0 must be on both, leaving 43 here and 42 there$/,
    );
  });

  test('GIVEN ALBs far from every quota WHEN audited THEN Service Quotas is not asked', async () => {
    account({ 'us-east-1': [sdkLb('us-east-1', 'web')] });
    await audit([]);
    expect(servicequotas.calls()).toHaveLength(0);
  });
});

describe('elbctl audit: AWS WAF', () => {
  const ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1111';
  const publicLb = (name: string, i: number) => ({
    ...sdkLb('us-east-1', name, i),
    Scheme: 'internet-facing' as const,
  });

  test('GIVEN two internet-facing ALBs, one protected WHEN audited THEN no-waf for the other only, from one list and one call per web ACL', async () => {
    account({ 'us-east-1': [publicLb('shop', 1), publicLb('bare', 2)] });
    wafv2.on(ListWebACLsCommand).resolves({ WebACLs: [{ ARN: ACL, Name: 'edge' }] });
    wafv2.on(ListResourcesForWebACLCommand).resolves({ ResourceArns: [arnOf('us-east-1', 'shop', 1)] });
    const r = await audit(['--checks', 'no-waf', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.json<Doc>().findings.map((f) => `${f.id} ${f.name}`)).toEqual(['no-waf bare']);
    expect(wafv2.commandCalls(ListWebACLsCommand).map((c) => c.args[0].input)).toEqual([
      { Scope: 'REGIONAL', Limit: 100 },
    ]);
    expect(wafv2.commandCalls(ListResourcesForWebACLCommand).map((c) => c.args[0].input)).toEqual([
      { WebACLArn: ACL, ResourceType: 'APPLICATION_LOAD_BALANCER' },
    ]);
  });

  test('GIVEN WAF refusing WHEN audited THEN no-waf is not judged, a warning says so, and the run does not fail for it', async () => {
    account({ 'us-east-1': [publicLb('shop', 1)] });
    wafv2.on(ListWebACLsCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const r = await audit(['--checks', 'no-waf']);
    expect(r.code).toBe(0);
    expect(r.json<Doc>()).toMatchObject({ findings: [], errors: [] });
    expect(r.stderr).toContain('audit: default us-east-1: AWS WAF could not be read (');
    expect(r.stderr).toContain('no-waf was not judged there');
  });

  test('GIVEN only internal load balancers WHEN audited THEN WAF is not asked', async () => {
    account({ 'us-east-1': [sdkLb('us-east-1', 'web')] });
    await audit([]);
    expect(wafv2.calls()).toHaveLength(0);
  });
});

describe('elbctl audit: bad input is refused before any AWS call', () => {
  test.each([
    [['--checks', 'tls-below-12'], '--checks "tls-below-12": no such check; did you mean "tls-below-1-2"?'],
    [['--skip', 'nope-nope'], '--skip "nope-nope": no such check'],
    [['--regions', 'us-est-1'], '--regions "us-est-1": not an AWS region; did you mean "us-east-1"?'],
    [['--regions', 'all,us-east-1'], '--regions all: give all alone, not with region names'],
    [['--fail-on', 'critical'], '--fail-on "critical": use high, medium, low or none'],
    [['--checks', 'idle', '--skip', 'idle'], '--checks and --skip: give one of them, not both'],
  ])('GIVEN %j THEN exit 64 naming the problem, no AWS call', async (args, message) => {
    const r = await audit(args);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  test('GIVEN -o sarif on another command THEN exit 64, no AWS call', async () => {
    const r = await elbctl(['lb', 'list', '-o', 'sarif']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('output format "sarif": only `elbctl audit` writes SARIF; use table, json or yaml');
    expect(elbv2.calls()).toHaveLength(0);
  });
});
