import {
  CreateLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);
/** `lb list` counts Classic load balancers for its note: none here. */
const classic = mockClient(ElasticLoadBalancingClient);

const ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
const sdkLb = (name: string, extra: Partial<LoadBalancer> = {}): LoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: ARN.replace('/web/', `/${name}/`),
  Type: 'application',
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  DNSName: `${name}-1.us-east-1.elb.amazonaws.com`,
  VpcId: 'vpc-0abc1234',
  AvailabilityZones: [
    { ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' },
    { ZoneName: 'us-east-1b', SubnetId: 'subnet-0bbb2222' },
  ],
  ...extra,
});
const subnets = [
  { SubnetId: 'subnet-0aaa1111', VpcId: 'vpc-0abc1234', AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.1.0/24' },
  { SubnetId: 'subnet-0bbb2222', VpcId: 'vpc-0abc1234', AvailabilityZone: 'us-east-1b', CidrBlock: '10.0.2.0/24' },
  { SubnetId: 'subnet-0ccc3333', VpcId: 'vpc-0abc1234', AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.3.0/24' },
];

beforeEach(() => {
  elbv2.reset();
  ec2.reset();
  classic.reset();
  classic.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [] });
  ec2.on(DescribeSubnetsCommand).callsFake((input: { Filters?: Array<{ Values?: string[] }> }) => ({
    Subnets: subnets.filter((s) => input.Filters?.[0]?.Values?.includes(s.SubnetId)),
  }));
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input: { Filters?: Array<{ Values?: string[] }> }) => ({
    SecurityGroups: [{ GroupId: 'sg-0123abcd', VpcId: 'vpc-0abc1234' }].filter((g) =>
      input.Filters?.[0]?.Values?.includes(g.GroupId),
    ),
  }));
});

describe('lb list', () => {
  it('GIVEN three pages of load balancers WHEN listed THEN follows every Marker and prints all, sorted, as JSON', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand, { Marker: undefined })
      .resolves({ LoadBalancers: [sdkLb('zeta')], NextMarker: 'm1' })
      .on(DescribeLoadBalancersCommand, { Marker: 'm1' })
      .resolves({ LoadBalancers: [sdkLb('alpha')], NextMarker: 'm2' })
      .on(DescribeLoadBalancersCommand, { Marker: 'm2' })
      .resolves({ LoadBalancers: [sdkLb('mid', { Type: 'network' })] });
    const alphaArn = ARN.replace('/web/', '/alpha/');
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [
        {
          ResourceArn: alphaArn,
          Tags: [
            { Key: 'env', Value: 'prod' },
            { Key: 'elbctl:stack', Value: 'shop' },
          ],
        },
      ],
    });

    const r = await elbctl(['lb', 'list']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 3);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeLoadBalancersCommand, {
      PageSize: 400,
      Marker: 'm1',
    });
    const rows = r.json<Array<{ name: string; type: string; availabilityZones: string[] }>>();
    expect(rows.map((x) => x.name)).toEqual(['alpha', 'mid', 'zeta']);
    expect(rows[0]).toEqual({
      name: 'alpha',
      arn: ARN.replace('/web/', '/alpha/'),
      type: 'application',
      scheme: 'internet-facing',
      state: 'active',
      dnsName: 'alpha-1.us-east-1.elb.amazonaws.com',
      vpcId: 'vpc-0abc1234',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      tags: { env: 'prod' },
      stack: 'shop',
    });
    expect(rows[1]).toMatchObject({ name: 'mid', tags: {}, stack: null });
    // One batched read of every load balancer's tags; elbctl's own are kept out of the user's map.
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTagsCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTagsCommand, {
      ResourceArns: [ARN.replace('/web/', '/zeta/'), alphaArn, ARN.replace('/web/', '/mid/')],
    });
  });

  it('GIVEN tagged load balancers WHEN listed as a table THEN a TAGS column shows the user tags', async () => {
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [sdkLb('web')] });
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [
        {
          ResourceArn: ARN,
          Tags: [
            { Key: 'team', Value: 'payments' },
            { Key: 'env', Value: 'prod' },
            { Key: 'elbctl:stack', Value: 'shop' },
          ],
        },
      ],
    });
    const r = await elbctl(['lb', 'list', '-o', 'table']);
    expect(r.stdout).toBe(
      'NAME  TYPE         SCHEME           STATE   ZONES                  DNS NAME                           TAGS\n' +
        'web   application  internet-facing  active  us-east-1a,us-east-1b  web-1.us-east-1.elb.amazonaws.com  env=prod, team=payments\n',
    );
  });

  it('GIVEN no load balancers WHEN listed as a table THEN says so and exits 0', async () => {
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    const r = await elbctl(['lb', 'list', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no load balancers in this region\n');
  });

  it('GIVEN AWS denies access WHEN listed THEN exits 77 with a hint and no stack trace', async () => {
    const denied = Object.assign(
      new Error('User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers'),
      {
        name: 'AccessDenied',
      },
    );
    elbv2.on(DescribeLoadBalancersCommand).rejects(denied);
    const r = await elbctl(['lb', 'list']);
    expect(r.code).toBe(77);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: list load balancers: access denied by AWS (AccessDenied:');
    expect(r.stderr).toContain('hint: check that your credentials are valid');
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('lb create', () => {
  it('GIVEN two subnets in two zones WHEN an ALB is created THEN observes, creates once, sets the secure default and waits', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand, { Names: ['web'] })
      .rejectsOnce(Object.assign(new Error('not found'), { name: 'LoadBalancerNotFound' }))
      .resolves({ LoadBalancers: [sdkLb('web')] });
    elbv2
      .on(CreateLoadBalancerCommand)
      .resolves({ LoadBalancers: [sdkLb('web', { State: { Code: 'provisioning' } })] });
    elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    elbv2.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [ARN] }).resolves({ LoadBalancers: [sdkLb('web')] });

    const r = await elbctl([
      'lb',
      'create',
      'web',
      '--type',
      'application',
      '--subnets',
      'subnet-0aaa1111,subnet-0bbb2222',
      '--security-groups',
      'sg-0123abcd',
      '--tag',
      'team=web',
    ]);

    expect(r.stderr).toContain('… creating application load balancer "web"');
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(CreateLoadBalancerCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(CreateLoadBalancerCommand, {
      Name: 'web',
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
      SecurityGroups: ['sg-0123abcd'],
      IpAddressType: 'ipv4',
      Tags: [{ Key: 'team', Value: 'web' }],
    });
    expect(elbv2).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, {
      LoadBalancerArn: ARN,
      Attributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }],
    });
    // the waiter polled DescribeLoadBalancers by ARN until active
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerArns: [ARN] });
    expect(r.json()).toMatchObject({ name: 'web', state: 'active' });
  });

  it('GIVEN --no-wait WHEN created THEN does not poll for active', async () => {
    elbv2.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('nf'), { name: 'LoadBalancerNotFound' }));
    elbv2
      .on(CreateLoadBalancerCommand)
      .resolves({ LoadBalancers: [sdkLb('edge', { Type: 'network', State: { Code: 'provisioning' } })] });
    const r = await elbctl(['lb', 'create', 'edge', '--type', 'network', '--subnets', 'subnet-0aaa1111', '--no-wait']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
    expect(r.json()).toMatchObject({ name: 'edge', state: 'provisioning' });
  });

  it('GIVEN --type gateway WHEN created THEN sends no scheme and no security groups (AWS refuses both) and reports it internal', async () => {
    elbv2.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('nf'), { name: 'LoadBalancerNotFound' }));
    elbv2.on(CreateLoadBalancerCommand).resolves({
      LoadBalancers: [
        sdkLb('inspect', {
          Type: 'gateway',
          Scheme: undefined,
          LoadBalancerArn: ARN.replace('/app/web/', '/gwy/inspect/'),
          State: { Code: 'provisioning' },
        }),
      ],
    });
    const r = await elbctl([
      'lb',
      'create',
      'inspect',
      '--type',
      'gateway',
      '--subnets',
      'subnet-0aaa1111,subnet-0bbb2222',
      '--no-wait',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateLoadBalancerCommand).map((c) => c.args[0].input)).toEqual([
      {
        Name: 'inspect',
        Type: 'gateway',
        Subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
        IpAddressType: 'ipv4',
      },
    ]);
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
    expect(r.json()).toMatchObject({ name: 'inspect', type: 'gateway', scheme: 'internal', state: 'provisioning' });
  });

  it('GIVEN --subnet-mapping with private addresses on an internal NLB WHEN created THEN SubnetMappings is sent instead of Subnets', async () => {
    elbv2.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('nf'), { name: 'LoadBalancerNotFound' }));
    elbv2.on(CreateLoadBalancerCommand).resolves({
      LoadBalancers: [sdkLb('edge', { Type: 'network', Scheme: 'internal', State: { Code: 'provisioning' } })],
    });
    const r = await elbctl([
      'lb',
      'create',
      'edge',
      '--type',
      'network',
      '--scheme',
      'internal',
      '--subnet-mapping',
      'SubnetId=subnet-0aaa1111,PrivateIPv4Address=10.0.1.10',
      '--subnet-mapping',
      'SubnetId=subnet-0bbb2222,PrivateIPv4Address=10.0.2.10',
      '--no-wait',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateLoadBalancerCommand).map((c) => c.args[0].input)).toEqual([
      {
        Name: 'edge',
        Type: 'network',
        SubnetMappings: [
          { SubnetId: 'subnet-0aaa1111', PrivateIPv4Address: '10.0.1.10' },
          { SubnetId: 'subnet-0bbb2222', PrivateIPv4Address: '10.0.2.10' },
        ],
        Scheme: 'internal',
        IpAddressType: 'ipv4',
      },
    ]);
  });

  it('GIVEN a private address outside its subnet WHEN created THEN exits 64 after reading the subnets, with no write', async () => {
    elbv2.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('nf'), { name: 'LoadBalancerNotFound' }));
    const r = await elbctl([
      'lb',
      'create',
      'edge',
      '--type',
      'network',
      '--scheme',
      'internal',
      '--subnet-mapping',
      'SubnetId=subnet-0aaa1111,PrivateIPv4Address=10.0.2.10',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: subnet mapping "subnet-0aaa1111": private IPv4 address 10.0.2.10 is not in the subnet (10.0.1.0/24); use an address of 10.0.1.0/24\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(CreateLoadBalancerCommand);
  });

  it.each<[string[], string]>([
    [
      ['--subnets', 'subnet-0aaa1111', '--subnet-mapping', 'SubnetId=subnet-0bbb2222'],
      'subnets: --subnets and --subnet-mapping were both given; pass only one',
    ],
    [[], 'load balancer "edge": no subnets; give one subnet in each zone it should serve'],
    [
      ['--subnet-mapping', 'SubnetId=subnet-0aaa1111,AllocationId=eipalloc-0123abcd', '--scheme', 'internal'],
      'subnet mapping "subnet-0aaa1111": an internal load balancer takes no Elastic IP; give a PrivateIPv4Address instead',
    ],
  ])('GIVEN %j WHEN an NLB is created THEN exits 64 with "%s" and no AWS call', async (flags, message) => {
    const r = await elbctl(['lb', 'create', 'edge', '--type', 'network', ...flags]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN --type gateway with --scheme internet-facing and --security-groups WHEN created THEN exits 64 naming both, with no AWS call', async () => {
    const r = await elbctl([
      'lb',
      'create',
      'inspect',
      '--type',
      'gateway',
      '--subnets',
      'subnet-0aaa1111',
      '--scheme',
      'internet-facing',
      '--security-groups',
      'sg-0123abcd',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: load balancer "inspect": a gateway load balancer has no security groups; leave them out\n' +
        'error: load balancer "inspect": a gateway load balancer is always internal (AWS takes no scheme for it); leave the scheme out\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN the same name exists with the same settings WHEN created again THEN makes no write (no twin)', async () => {
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [sdkLb('web')] });
    elbv2
      .on(DescribeTagsCommand)
      .resolves({ TagDescriptions: [{ ResourceArn: ARN, Tags: [{ Key: 'env', Value: 'dev' }] }] });
    const r = await elbctl([
      'lb',
      'create',
      'web',
      '--type',
      'application',
      '--subnets',
      'subnet-0bbb2222,subnet-0aaa1111',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(CreateLoadBalancerCommand);
    expect(r.stderr).toContain('already exists with these settings');
    expect(r.json()).toMatchObject({ name: 'web', tags: { env: 'dev' }, stack: null });
  });

  it('GIVEN the name exists with other settings WHEN created THEN exits 1 naming the conflict', async () => {
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [sdkLb('web', { Scheme: 'internal' })] });
    const r = await elbctl([
      'lb',
      'create',
      'web',
      '--type',
      'application',
      '--subnets',
      'subnet-0aaa1111,subnet-0bbb2222',
    ]);
    expect(r.code).toBe(1);
    expect(elbv2).not.toHaveReceivedCommand(CreateLoadBalancerCommand);
    expect(r.stderr).toContain('error: load balancer "web": already exists with other settings');
  });

  it.each([
    [
      ['web_prod', '--type', 'application', '--subnets', 'subnet-0aaa1111,subnet-0bbb2222'],
      'load balancer name "web_prod": underscores are not allowed; use letters, digits and hyphens',
    ],
    [
      ['internal-web', '--type', 'network', '--subnets', 'subnet-0aaa1111'],
      'load balancer name "internal-web": must not begin with "internal-"',
    ],
    [
      ['web', '--type', 'classic', '--subnets', 'subnet-0aaa1111'],
      'load balancer type "classic": unknown; use application, network or gateway',
    ],
    [
      ['web', '--type', 'application', '--subnets', 'subnet-0aaa1111'],
      'an application load balancer needs subnets in at least two availability zones',
    ],
    [['web', '--type', 'network', '--subnets', 'subnet-zzz'], 'subnet "subnet-zzz": not a subnet ID'],
    [
      ['web', '--type', 'network', '--subnets', 'subnet-0aaa1111', '--scheme', 'public'],
      'scheme "public": unknown; use internet-facing or internal',
    ],
  ])('GIVEN invalid input %j WHEN created THEN exits 64 with "%s" and makes no AWS call', async (args, message) => {
    const r = await elbctl(['lb', 'create', ...args]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN two subnets in the same zone WHEN an ALB is created THEN exits 64 after the EC2 check, with no ELB write', async () => {
    const r = await elbctl([
      'lb',
      'create',
      'web',
      '--type',
      'application',
      '--subnets',
      'subnet-0aaa1111,subnet-0ccc3333',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('all in zone us-east-1a; a load balancer takes one subnet per zone');
    expect(elbv2.calls()).toHaveLength(0);
  });
});
