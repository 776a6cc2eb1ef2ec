import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer as SdkLoadBalancer,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const lbArn = (name: string, kind = 'app') => `${ACCOUNT}:loadbalancer/${kind}/${name}/50dc6c495c0c9188`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/6d0ecf831eec9f09`;

const sdkTg = (name: string, extra: Partial<SdkTargetGroup> = {}): SdkTargetGroup => ({
  TargetGroupName: name,
  TargetGroupArn: tgArn(name),
  Protocol: 'HTTP',
  Port: 80,
  VpcId: 'vpc-0abc1234',
  TargetType: 'instance',
  LoadBalancerArns: [],
  ...extra,
});
const sdkLb = (name: string, kind = 'app'): SdkLoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: lbArn(name, kind),
  Type: kind === 'app' ? 'application' : 'network',
  State: { Code: 'active' },
});

/** Answers DescribeLoadBalancers by ARN from a fixed set, like AWS. */
const knownLoadBalancers = (lbs: SdkLoadBalancer[]) =>
  elbv2
    .on(DescribeLoadBalancersCommand)
    .callsFake(async (input: { LoadBalancerArns?: string[]; Names?: string[] }) => ({
      LoadBalancers: lbs.filter(
        (lb) =>
          input.LoadBalancerArns?.includes(lb.LoadBalancerArn ?? '') ||
          input.Names?.includes(lb.LoadBalancerName ?? ''),
      ),
    }));

beforeEach(() => {
  elbv2.reset();
  // No resource carries tags unless a test says so.
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
});

describe('tg list', () => {
  it('GIVEN three pages of target groups WHEN listed THEN follows every Marker, resolves load balancer names in one call and sorts by name', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand, { Marker: undefined })
      .resolves({ TargetGroups: [sdkTg('zeta', { LoadBalancerArns: [lbArn('web')] })], NextMarker: 'm1' })
      .on(DescribeTargetGroupsCommand, { Marker: 'm1' })
      .resolves({
        TargetGroups: [
          sdkTg('alpha', { Protocol: 'TCP', Port: 443, TargetType: 'ip', LoadBalancerArns: [lbArn('edge', 'net')] }),
        ],
        NextMarker: 'm2',
      })
      .on(DescribeTargetGroupsCommand, { Marker: 'm2' })
      .resolves({
        TargetGroups: [
          sdkTg('fn', {
            Protocol: undefined,
            Port: undefined,
            VpcId: undefined,
            TargetType: 'lambda',
            LoadBalancerArns: [lbArn('web')],
          }),
          sdkTg('idle'),
        ],
      });
    knownLoadBalancers([sdkLb('web'), sdkLb('edge', 'net')]);

    const r = await elbctl(['tg', 'list']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 3);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(1, DescribeTargetGroupsCommand, { PageSize: 400 });
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeTargetGroupsCommand, { PageSize: 400, Marker: 'm1' });
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(3, DescribeTargetGroupsCommand, { PageSize: 400, Marker: 'm2' });
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, {
      LoadBalancerArns: [lbArn('web'), lbArn('edge', 'net')],
    });
    expect(r.json()).toEqual([
      {
        name: 'alpha',
        arn: tgArn('alpha'),
        protocol: 'TCP',
        port: 443,
        targetType: 'ip',
        vpcId: 'vpc-0abc1234',
        loadBalancers: ['edge'],
        tags: {},
        stack: null,
      },
      {
        name: 'fn',
        arn: tgArn('fn'),
        protocol: null,
        port: null,
        targetType: 'lambda',
        vpcId: null,
        loadBalancers: ['web'],
        tags: {},
        stack: null,
      },
      {
        name: 'idle',
        arn: tgArn('idle'),
        protocol: 'HTTP',
        port: 80,
        targetType: 'instance',
        vpcId: 'vpc-0abc1234',
        loadBalancers: [],
        tags: {},
        stack: null,
      },
      {
        name: 'zeta',
        arn: tgArn('zeta'),
        protocol: 'HTTP',
        port: 80,
        targetType: 'instance',
        vpcId: 'vpc-0abc1234',
        loadBalancers: ['web'],
        tags: {},
        stack: null,
      },
    ]);
  });

  it('GIVEN 25 target groups on 25 load balancers WHEN listed THEN names are read in two describes of 20 and 5 ARNs', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `lb${String(i).padStart(2, '0')}`);
    elbv2.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: names.map((n) => sdkTg(`tg-${n}`, { LoadBalancerArns: [lbArn(n)] })),
    });
    knownLoadBalancers(names.map((n) => sdkLb(n)));

    const r = await elbctl(['tg', 'list']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 2);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(1, DescribeLoadBalancersCommand, {
      LoadBalancerArns: names.slice(0, 20).map((n) => lbArn(n)),
    });
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeLoadBalancersCommand, {
      LoadBalancerArns: names.slice(20).map((n) => lbArn(n)),
    });
    const rows = r.json<Array<{ name: string; loadBalancers: string[] }>>();
    expect(rows).toHaveLength(25);
    expect(rows.map((x) => x.loadBalancers[0])).toEqual(names);
  });

  it('GIVEN --lb WHEN listed THEN resolves the load balancer, filters by its ARN and asks for no other names', async () => {
    knownLoadBalancers([sdkLb('web')]);
    elbv2
      .on(DescribeTargetGroupsCommand)
      .resolves({ TargetGroups: [sdkTg('api', { LoadBalancerArns: [lbArn('web')] })] });

    const r = await elbctl(['tg', 'list', '--lb', 'web']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { Names: ['web'] });
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, {
      PageSize: 400,
      LoadBalancerArn: lbArn('web'),
    });
    expect(r.json()).toEqual([
      {
        name: 'api',
        arn: tgArn('api'),
        protocol: 'HTTP',
        port: 80,
        targetType: 'instance',
        vpcId: 'vpc-0abc1234',
        loadBalancers: ['web'],
        tags: {},
        stack: null,
      },
    ]);
  });

  it('GIVEN a load balancer deleted between the two reads WHEN listed THEN its name comes from its ARN', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand)
      .resolves({ TargetGroups: [sdkTg('api', { LoadBalancerArns: [lbArn('gone')] })] });
    elbv2
      .on(DescribeLoadBalancersCommand)
      .rejects(Object.assign(new Error('not found'), { name: 'LoadBalancerNotFoundException' }));
    const r = await elbctl(['tg', 'list']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([expect.objectContaining({ name: 'api', loadBalancers: ['gone'] })]);
  });

  it('GIVEN target groups WHEN listed as a table THEN shows one row each', async () => {
    elbv2.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [
        sdkTg('api', { LoadBalancerArns: [lbArn('web')] }),
        sdkTg('fn', { Protocol: undefined, Port: undefined, VpcId: undefined, TargetType: 'lambda' }),
      ],
    });
    knownLoadBalancers([sdkLb('web')]);
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [
        {
          ResourceArn: tgArn('api'),
          Tags: [
            { Key: 'elbctl:stack', Value: 'shop' },
            { Key: 'elbctl:name', Value: 'api' },
            { Key: 'team', Value: 'payments' },
          ],
        },
      ],
    });
    const r = await elbctl(['tg', 'list', '-o', 'table']);
    expect(r.stdout).toBe(
      [
        'NAME  PROTOCOL  PORT  TARGET TYPE  LOAD BALANCERS  VPC           TAGS',
        'api   HTTP      80    instance     web             vpc-0abc1234  team=payments',
        'fn    -         -     lambda       -               -             -',
        '',
      ].join('\n'),
    );
    expect(elbv2).toHaveReceivedCommandWith(DescribeTagsCommand, { ResourceArns: [tgArn('api'), tgArn('fn')] });
  });

  it('GIVEN no target groups WHEN listed as a table THEN says so and exits 0', async () => {
    elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    const r = await elbctl(['tg', 'list', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no target groups in this region\n');
    expect(elbv2).not.toHaveReceivedCommand(DescribeLoadBalancersCommand);
  });

  it('GIVEN --lb with no target groups WHEN listed as a table THEN names the load balancer', async () => {
    knownLoadBalancers([sdkLb('web')]);
    elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    const r = await elbctl(['tg', 'list', '--lb', 'web', '-o', 'table']);
    expect(r.stdout).toBe('no target groups used by load balancer "web"\n');
  });

  it('GIVEN --lb naming no load balancer WHEN listed THEN exits 1 and lists nothing', async () => {
    knownLoadBalancers([]);
    elbv2
      .on(DescribeLoadBalancersCommand)
      .rejects(Object.assign(new Error('not found'), { name: 'LoadBalancerNotFoundException' }));
    const r = await elbctl(['tg', 'list', '--lb', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: load balancer "nope": not found');
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetGroupsCommand);
  });
});
