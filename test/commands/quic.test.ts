/**
 * QUIC from the command line (aws-sdk-client-mock: moto 5.2.1 rejects QUIC): `tg create --protocol
 * QUIC` and `listener create --protocol TCP_QUIC` send exactly those protocols; a QUIC listener on
 * a dualstack load balancer and `targets register` on a QUIC group are refused before any write.
 */
import {
  CreateListenerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);
const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const EDGE = `${ACCOUNT}:loadbalancer/net/edge/7a1b2c3d4e5f6a7b`;
const DUAL = `${ACCOUNT}:loadbalancer/net/dual/7a1b2c3d4e5f6a7b`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const VPC = 'vpc-0abc1234';
const notFound = () => Object.assign(new Error('not found'), { name: 'TargetGroupNotFoundException' });

const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));

beforeEach(() => {
  elbv2.reset();
  ec2.reset();
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: VPC, CidrBlock: '10.0.0.0/16' }] });
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
  elbv2.on(DescribeLoadBalancersCommand).callsFake(async (input: { Names?: string[] }) => ({
    LoadBalancers: [
      { LoadBalancerName: 'edge', LoadBalancerArn: EDGE, Type: 'network', VpcId: VPC, IpAddressType: 'ipv4' },
      { LoadBalancerName: 'dual', LoadBalancerArn: DUAL, Type: 'network', VpcId: VPC, IpAddressType: 'dualstack' },
    ].filter((l) => input.Names?.includes(l.LoadBalancerName)),
  }));
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [] });
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { Names?: string[] }) => {
    if (input.Names?.includes('new')) throw notFound();
    return {
      TargetGroups: [
        {
          TargetGroupName: 'both',
          TargetGroupArn: tgArn('both'),
          Protocol: 'TCP_QUIC',
          Port: 443,
          VpcId: VPC,
          TargetType: 'instance',
          LoadBalancerArns: [],
        },
        {
          TargetGroupName: 'quic',
          TargetGroupArn: tgArn('quic'),
          Protocol: 'QUIC',
          Port: 443,
          VpcId: VPC,
          TargetType: 'instance',
          LoadBalancerArns: [],
        },
      ].filter((g) => input.Names?.includes(g.TargetGroupName)),
    };
  });
  elbv2
    .on(CreateListenerCommand)
    .callsFake(async (input: Record<string, unknown>) => ({ Listeners: [{ ...input, ListenerArn: `${EDGE}/l` }] }));
  elbv2.on(CreateTargetGroupCommand).resolves({
    TargetGroups: [
      {
        TargetGroupName: 'new',
        TargetGroupArn: tgArn('new'),
        Protocol: 'QUIC',
        Port: 443,
        VpcId: VPC,
        TargetType: 'instance',
      },
    ],
  });
});

describe('QUIC from the command line', () => {
  it('GIVEN --protocol quic WHEN a target group is created THEN CreateTargetGroup sends Protocol QUIC', async () => {
    const r = await elbctl(['tg', 'create', 'new', '--protocol', 'quic', '--port', '443', '--vpc', VPC]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateTargetGroupCommand)[0]?.args[0].input).toEqual({
      Name: 'new',
      TargetType: 'instance',
      Protocol: 'QUIC',
      Port: 443,
      VpcId: VPC,
    });
  });

  it('GIVEN an ipv4 NLB WHEN a TCP_QUIC listener forwards to a TCP_QUIC group THEN CreateListener sends Protocol TCP_QUIC', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'edge',
      '--protocol',
      'TCP_QUIC',
      '--port',
      '443',
      '--forward',
      'both',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateListenerCommand)[0]?.args[0].input).toEqual({
      LoadBalancerArn: EDGE,
      Protocol: 'TCP_QUIC',
      Port: 443,
      DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: tgArn('both') }],
    });
  });

  it('GIVEN a TCP_QUIC listener asked to forward to a QUIC group WHEN created THEN exits 64 with no write', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'edge',
      '--protocol',
      'TCP_QUIC',
      '--port',
      '443',
      '--forward',
      'quic',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: target group "quic" (QUIC): a TCP_QUIC listener forwards to TCP_QUIC target groups; forward to one of those\n',
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN a dualstack NLB WHEN a QUIC listener is created THEN exits 64 with no write', async () => {
    const r = await elbctl(['listener', 'create', 'dual', '--protocol', 'QUIC', '--port', '443', '--forward', 'quic']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: load balancer "dual": a QUIC listener needs an ipv4 network load balancer, this one is dualstack; use TCP or UDP, or set its ip address type to ipv4\n',
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN a QUIC target group WHEN targets are registered THEN exits 64 naming the AWS CLI command, with no write', async () => {
    const r = await elbctl(['targets', 'register', 'quic', 'i-0123456789abcdef0']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: target group "quic": a QUIC target group\'s targets each need a QUIC server ID, which elbctl does not register yet; register them with `aws elbv2 register-targets --target-group-arn ARN --targets Id=ID,QuicServerId=0x…`\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(RegisterTargetsCommand);
  });
});
