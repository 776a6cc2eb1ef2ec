/**
 * `elbctl lb modify` with aws-sdk-client-mock: the exact Set* call each flag makes, nothing
 * written on invalid input, on --dry-run or without approval, the rulebook's refusals, doctor's
 * warning about targets that would stop admitting new security groups, and the address type
 * the emulator does not serve (dualstack-without-public-ipv4).
 */
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer as SdkLoadBalancer,
  SetIpAddressTypeCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { ScriptedPrompter } from '../../../src/ui/prompter';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const arnOf = (kind: string, name: string) => `${ACCOUNT}:loadbalancer/${kind}/${name}/50dc6c495c0c9188`;
const WEB = arnOf('app', 'web');
const TG = `${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067`;
const SA = 'subnet-0aaa1111';
const SB = 'subnet-0bbb2222';
const SC = 'subnet-0ccc3333';
const OTHER_VPC_SUBNET = 'subnet-0ddd4444';
const OTHER_VPC_SUBNET2 = 'subnet-0eee5555';
const SG1 = 'sg-0aaa1111';
const SG2 = 'sg-0bbb2222';

const lb = (name: string, type: 'application' | 'network' | 'gateway', extra: Partial<SdkLoadBalancer> = {}) => ({
  LoadBalancerName: name,
  LoadBalancerArn: arnOf(type === 'application' ? 'app' : type === 'network' ? 'net' : 'gwy', name),
  Type: type,
  Scheme: 'internet-facing' as const,
  State: { Code: 'active' as const },
  DNSName: `${name}-1.us-east-1.elb.amazonaws.com`,
  VpcId: 'vpc-0abc1234',
  AvailabilityZones: [
    { ZoneName: 'us-east-1a', SubnetId: SA },
    { ZoneName: 'us-east-1b', SubnetId: SB },
  ],
  SecurityGroups: type === 'application' ? [SG1] : [],
  IpAddressType: 'ipv4' as const,
  ...extra,
});
const LOAD_BALANCERS = [
  lb('web', 'application'),
  lb('edge', 'network'),
  lb('guarded', 'network', { SecurityGroups: [SG1] }),
  lb('inspect', 'gateway'),
];
const SUBNETS = [
  { SubnetId: SA, VpcId: 'vpc-0abc1234', AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.1.0/24', v6: true },
  { SubnetId: SB, VpcId: 'vpc-0abc1234', AvailabilityZone: 'us-east-1b', CidrBlock: '10.0.2.0/24', v6: true },
  { SubnetId: SC, VpcId: 'vpc-0abc1234', AvailabilityZone: 'us-east-1c', CidrBlock: '10.0.3.0/24', v6: false },
  {
    SubnetId: OTHER_VPC_SUBNET2,
    VpcId: 'vpc-0other99',
    AvailabilityZone: 'us-east-1d',
    CidrBlock: '10.9.2.0/24',
    v6: false,
  },
  {
    SubnetId: OTHER_VPC_SUBNET,
    VpcId: 'vpc-0other99',
    AvailabilityZone: 'us-east-1c',
    CidrBlock: '10.9.1.0/24',
    v6: false,
  },
].map(({ v6, ...s }) => ({
  ...s,
  Ipv6CidrBlockAssociationSet: v6
    ? [{ Ipv6CidrBlock: '2600:1f18::/64', Ipv6CidrBlockState: { State: 'associated' as const } }]
    : [],
}));
/** The target's group admits the load balancer's current group (sg-0aaa1111) on 8080, and nothing else. */
const SECURITY_GROUPS = [
  { GroupId: SG1, GroupName: 'lb', VpcId: 'vpc-0abc1234', IpPermissions: [] },
  { GroupId: SG2, GroupName: 'lb2', VpcId: 'vpc-0abc1234', IpPermissions: [] },
  {
    GroupId: 'sg-0app0000',
    GroupName: 'app',
    VpcId: 'vpc-0abc1234',
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: SG1 }] }],
  },
];
const filtered =
  <T>(items: T[], id: (t: T) => string) =>
  async (input: { Filters?: Array<{ Values?: string[] }> }) =>
    input.Filters?.[0]?.Values?.some(() => true)
      ? items.filter((t) => input.Filters?.[0]?.Values?.includes(id(t)))
      : items;

const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));

beforeEach(() => {
  elbv2.reset();
  ec2.reset();
  elbv2
    .on(DescribeLoadBalancersCommand)
    .callsFake(async (input: { Names?: string[]; LoadBalancerArns?: string[] }) => ({
      LoadBalancers: LOAD_BALANCERS.filter(
        (l) => input.Names?.includes(l.LoadBalancerName) || input.LoadBalancerArns?.includes(l.LoadBalancerArn),
      ),
    }));
  ec2
    .on(DescribeSubnetsCommand)
    .callsFake(async (input) => ({ Subnets: await filtered(SUBNETS, (s) => s.SubnetId)(input) }));
  ec2
    .on(DescribeSecurityGroupsCommand)
    .callsFake(async (input) => ({ SecurityGroups: await filtered(SECURITY_GROUPS, (g) => g.GroupId)(input) }));
  elbv2.on(SetSubnetsCommand).resolves({});
  elbv2.on(SetSecurityGroupsCommand).resolves({});
  elbv2.on(SetIpAddressTypeCommand).resolves({});
});

/** The reads doctor makes for `web`: one target group with an instance whose group admits sg-0aaa1111 only. */
function stubDoctorFacts(): void {
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      {
        TargetGroupName: 'api',
        TargetGroupArn: TG,
        Protocol: 'HTTP',
        Port: 8080,
        TargetType: 'instance',
        VpcId: 'vpc-0abc1234',
        LoadBalancerArns: [WEB],
        HealthCheckProtocol: 'HTTP',
        HealthCheckPort: 'traffic-port',
        HealthCheckPath: '/',
      },
    ],
  });
  elbv2.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [{ Target: { Id: 'i-0aaa1111', Port: 8080 }, TargetHealth: { State: 'healthy' } }],
  });
  elbv2.on(DescribeTargetGroupAttributesCommand).resolves({ Attributes: [] });
  elbv2.on(DescribeListenersCommand).resolves({
    Listeners: [
      {
        ListenerArn: `${WEB.replace(':loadbalancer/', ':listener/')}/l80`,
        LoadBalancerArn: WEB,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: TG }],
      },
    ],
  });
  elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0abc1234', CidrBlock: '10.0.0.0/16' }] });
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          {
            InstanceId: 'i-0aaa1111',
            State: { Name: 'running' },
            Placement: { AvailabilityZone: 'us-east-1a' },
            SubnetId: SA,
            SecurityGroups: [{ GroupId: 'sg-0app0000' }],
          },
        ],
      },
    ],
  });
}

describe('lb modify: the calls each flag makes', () => {
  it('GIVEN --subnets with a new zone and -y WHEN run THEN one SetSubnets with every subnet, after the diff; nothing else is written', async () => {
    const r = await elbctl(['lb', 'modify', 'web', '--subnets', `${SA},${SB},${SC}`, '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['SetSubnetsCommand']);
    expect(elbv2).toHaveReceivedCommandWith(SetSubnetsCommand, { LoadBalancerArn: WEB, Subnets: [SA, SB, SC] });
    expect(r.stderr).toBe(
      `~ load balancer web\n    subnets: ${SA}, ${SB} → ${SA}, ${SB}, ${SC}\n` +
        '… changing load balancer "web" in place\n✓ changed load balancer "web": subnets\n',
    );
    expect(r.json()).toEqual({
      kind: 'load balancer',
      name: 'web',
      arn: WEB,
      changed: true,
      dryRun: false,
      before: { subnets: [SA, SB] },
      after: { subnets: [SA, SB, SC] },
    });
  });

  it('GIVEN --security-groups that the targets do not admit WHEN run THEN doctor warns which would stop admitting it, then SetSecurityGroups', async () => {
    stubDoctorFacts();
    const r = await elbctl(['lb', 'modify', 'web', '--security-groups', SG2, '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['SetSecurityGroupsCommand']);
    expect(elbv2).toHaveReceivedCommandWith(SetSecurityGroupsCommand, { LoadBalancerArn: WEB, SecurityGroups: [SG2] });
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      `warning: with security groups ${SG2}, api/traffic-port would fail: no inbound rule admits the load balancer's security group (${SG2}) for traffic and health checks: i-0aaa1111:8080 (sg-0app0000) on tcp 8080; fix: aws ec2 authorize-security-group-ingress --group-id sg-0app0000 --protocol tcp --port 8080 --source-group ${SG2}`,
      '~ load balancer web',
      `    security groups: ${SG1} → ${SG2}`,
    ]);
  });

  it('GIVEN the current group kept beside a new one WHEN run THEN no warning', async () => {
    stubDoctorFacts();
    const r = await elbctl(['lb', 'modify', 'web', '--security-groups', `${SG1},${SG2}`, '-y']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('warning');
    expect(elbv2).toHaveReceivedCommandWith(SetSecurityGroupsCommand, { SecurityGroups: [SG1, SG2] });
  });

  it('GIVEN dualstack and subnets with IPv6 blocks WHEN run THEN SetIpAddressType only', async () => {
    const r = await elbctl(['lb', 'modify', 'web', '--ip-address-type', 'DualStack', '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['SetIpAddressTypeCommand']);
    expect(elbv2).toHaveReceivedCommandWith(SetIpAddressTypeCommand, {
      LoadBalancerArn: WEB,
      IpAddressType: 'dualstack',
    });
  });

  it('GIVEN dualstack-without-public-ipv4 (which the emulator does not serve) WHEN run on an internet-facing ALB THEN sent as AWS takes it', async () => {
    const r = await elbctl(['lb', 'modify', 'web', '--ip-address-type', 'dualstack-without-public-ipv4', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(SetIpAddressTypeCommand, {
      LoadBalancerArn: WEB,
      IpAddressType: 'dualstack-without-public-ipv4',
    });
  });

  it('GIVEN dualstack with a new IPv4-only subnet WHEN run THEN subnets first, then the type: one check refuses it (64), nothing written', async () => {
    const r = await elbctl(['lb', 'modify', 'web', '--subnets', `${SA},${SC}`, '--ip-address-type', 'dualstack', '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      `error: load balancer "web": dualstack needs an IPv6 block in each of its subnets, and ${SC} has none; associate one (aws ec2 associate-subnet-cidr-block) or keep ipv4\n`,
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN an NLB and --subnet-mapping with Elastic IPs WHEN run THEN SetSubnets takes SubnetMappings', async () => {
    const r = await elbctl([
      'lb',
      'modify',
      'edge',
      '--subnet-mapping',
      `SubnetId=${SA},AllocationId=eipalloc-0123456789abcdef0`,
      '--subnet-mapping',
      `SubnetId=${SC},AllocationId=eipalloc-0123456789abcdef1`,
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(SetSubnetsCommand, {
      LoadBalancerArn: arnOf('net', 'edge'),
      SubnetMappings: [
        { SubnetId: SA, AllocationId: 'eipalloc-0123456789abcdef0' },
        { SubnetId: SC, AllocationId: 'eipalloc-0123456789abcdef1' },
      ],
    });
  });
});

describe('lb modify: refusals write nothing', () => {
  it.each([
    [[], 'lb modify: nothing to change; pass --subnets (or --subnet-mapping), --security-groups or --ip-address-type'],
    [
      ['--subnets', SA, '--subnet-mapping', `SubnetId=${SA}`],
      'subnets: --subnets and --subnet-mapping were both given; pass only one',
    ],
    [['--subnets', 'subnet-zz'], 'subnet "subnet-zz": not a subnet ID'],
    [
      ['--ip-address-type', 'ipv6'],
      'ip address type "ipv6": unknown; use ipv4, dualstack or dualstack-without-public-ipv4',
    ],
    [['--detailed-exitcode', '--subnets', `${SA},${SB}`], '--detailed-exitcode: only with --dry-run'],
  ])('GIVEN %j WHEN run THEN exit 64 before any AWS call', async (args, message) => {
    const r = await elbctl(['lb', 'modify', 'web', ...args, '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it.each([
    ['edge', ['--security-groups', SG1], 'a network load balancer created without security groups can never have them'],
    ['inspect', ['--security-groups', SG1], 'a gateway load balancer has no security groups'],
    ['web', ['--subnets', SA], 'an application load balancer needs subnets in at least two availability zones'],
    [
      'edge',
      ['--ip-address-type', 'dualstack-without-public-ipv4'],
      'is for internet-facing application load balancers only',
    ],
    [
      'web',
      ['--subnets', `${OTHER_VPC_SUBNET},${OTHER_VPC_SUBNET2}`],
      `not in vpc-0abc1234, the VPC of load balancer "web"`,
    ],
    [
      'web',
      ['--subnets', `${SA},subnet-0fff9999`],
      'subnet "subnet-0fff9999": does not exist in this account and region',
    ],
    [
      'web',
      ['--security-groups', 'sg-0fff9999'],
      'security group "sg-0fff9999": does not exist in this account and region',
    ],
    [
      'guarded',
      ['--security-groups', ''],
      'load balancer "guarded": no security groups given; a network load balancer keeps at least one',
    ],
  ])('GIVEN %s and %j WHEN run THEN exit 64 naming why, with no write', async (name, args, message) => {
    const r = await elbctl(['lb', 'modify', name, ...args, '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(writes()).toEqual([]);
  });

  it('GIVEN --dry-run WHEN run THEN the diff on stderr, the change on stdout, no write; with --detailed-exitcode exit 2', async () => {
    const r = await elbctl(['lb', 'modify', 'web', '--subnets', `${SA},${SB},${SC}`, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ changed: true, dryRun: true, after: { subnets: [SA, SB, SC] } });
    expect(r.stderr).toBe(`~ load balancer web\n    subnets: ${SA}, ${SB} → ${SA}, ${SB}, ${SC}\n`);
    const detailed = await elbctl([
      'lb',
      'modify',
      'web',
      '--subnets',
      `${SA},${SB},${SC}`,
      '--dry-run',
      '--detailed-exitcode',
    ]);
    expect(detailed.code).toBe(2);
    expect(writes()).toEqual([]);
  });

  it('GIVEN what it already has WHEN run THEN nothing to change, exit 0, no question and no write', async () => {
    const r = await elbctl(['lb', 'modify', 'web', '--subnets', `${SB},${SA}`, '--dry-run', '--detailed-exitcode']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 0,
      stderr: 'load balancer web: already as asked; nothing to change\n',
    });
    expect(r.json()).toMatchObject({ changed: false, before: {}, after: {} });
  });

  it('GIVEN no terminal and no -y WHEN run THEN exit 64 after the diff, nothing written', async () => {
    const r = await elbctl(['lb', 'modify', 'web', '--subnets', `${SA},${SB},${SC}`]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: modify load balancer web: confirmation needed but no terminal to ask on; pass -y to approve',
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN a terminal WHEN the change is declined THEN exit 130 and nothing written; approved THEN written', async () => {
    const no = new ScriptedPrompter([{ match: 'Change load balancer web in place?', answer: false }]);
    const declined = await elbctl(['lb', 'modify', 'web', '--subnets', `${SA},${SB},${SC}`, '-q'], {
      tty: true,
      prompter: no,
    });
    expect(declined.code).toBe(130);
    expect(writes()).toEqual([]);
    const yes = new ScriptedPrompter([{ match: 'Change load balancer web in place?', answer: true }]);
    const approved = await elbctl(['lb', 'modify', 'web', '--subnets', `${SA},${SB},${SC}`, '-q'], {
      tty: true,
      prompter: yes,
    });
    expect(approved.code).toBe(0);
    expect(yes.remaining).toBe(0);
    expect(writes()).toEqual(['SetSubnetsCommand']);
  });
});
