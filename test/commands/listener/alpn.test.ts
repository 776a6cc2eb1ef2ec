/**
 * `--alpn-policy` on `listener create` and `listener modify` (aws-sdk-client-mock; moto 5.2.1
 * ignores AlpnPolicy on ModifyListener): the exact AlpnPolicy sent, a value already live sends
 * nothing, and refusals (unknown value, a listener that is not TLS) before any write.
 */
import {
  CreateListenerCommand,
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type Listener as SdkListener,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const EDGE = `${ACCOUNT}:loadbalancer/net/edge/7a1b2c3d4e5f6a7b`;
const LTLS = `${ACCOUNT}:listener/net/edge/7a1b2c3d4e5f6a7b/1b2c3d4e5f6a7b8c`;
const LTCP = `${ACCOUNT}:listener/net/edge/7a1b2c3d4e5f6a7b/2c3d4e5f6a7b8c9d`;
const TG = `${ACCOUNT}:targetgroup/tcp-pool/73e2d6bc24d8a067`;
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
const TLS13 = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

let listeners: SdkListener[];
const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));

beforeEach(() => {
  elbv2.reset();
  listeners = [
    {
      ListenerArn: LTLS,
      LoadBalancerArn: EDGE,
      Protocol: 'TLS',
      Port: 443,
      SslPolicy: TLS13,
      Certificates: [{ CertificateArn: CERT }],
      AlpnPolicy: ['HTTP2Preferred'],
      DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: TG }],
    },
    {
      ListenerArn: LTCP,
      LoadBalancerArn: EDGE,
      Protocol: 'TCP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: TG }],
    },
  ];
  elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [{ LoadBalancerName: 'edge', LoadBalancerArn: EDGE, Type: 'network', VpcId: 'vpc-0abc1234' }],
  });
  elbv2.on(DescribeListenersCommand).callsFake(async () => ({ Listeners: listeners }));
  elbv2.on(DescribeListenerCertificatesCommand).resolves({ Certificates: [{ CertificateArn: CERT, IsDefault: true }] });
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      {
        TargetGroupName: 'tcp-pool',
        TargetGroupArn: TG,
        Protocol: 'TCP',
        Port: 8443,
        TargetType: 'instance',
        VpcId: 'vpc-0abc1234',
        LoadBalancerArns: [],
      },
    ],
  });
  elbv2.on(ModifyListenerCommand).callsFake(async () => ({ Listeners: [listeners[0]] }));
  elbv2
    .on(CreateListenerCommand)
    .callsFake(async (input: Record<string, unknown>) => ({ Listeners: [{ ...input, ListenerArn: `${LTLS}0` }] }));
});

describe('listener modify --alpn-policy', () => {
  it('GIVEN a TLS listener on HTTP2Preferred WHEN --alpn-policy http1only THEN ModifyListener sends exactly AlpnPolicy [HTTP1Only]', async () => {
    const r = await elbctl(['listener', 'modify', 'edge:443', '--alpn-policy', 'http1only', '-y']);

    expect(r.code).toBe(0);
    expect(writes()).toEqual(['ModifyListenerCommand']);
    expect(elbv2.commandCalls(ModifyListenerCommand)[0]?.args[0].input).toEqual({
      ListenerArn: LTLS,
      AlpnPolicy: ['HTTP1Only'],
    });
  });

  it('GIVEN the policy already live WHEN modified to it THEN nothing is sent', async () => {
    const r = await elbctl(['listener', 'modify', 'edge:443', '--alpn-policy', 'HTTP2Preferred', '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('GIVEN a TCP listener WHEN --alpn-policy is given THEN exits 64 with no write', async () => {
    const r = await elbctl(['listener', 'modify', 'edge:80', '--alpn-policy', 'HTTP2Only', '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: listener edge:80: an ALPN policy applies to TLS listeners (network load balancers); drop --alpn-policy or use TLS\n',
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN an unknown policy WHEN modified THEN exits 64 naming the five, with no AWS call', async () => {
    const r = await elbctl(['listener', 'modify', 'edge:443', '--alpn-policy', 'HTTP3', '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: alpn policy "HTTP3": unknown; use HTTP1Only, HTTP2Only, HTTP2Optional, HTTP2Preferred or None\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});

describe('listener create --alpn-policy', () => {
  it('GIVEN a TLS listener WHEN created with --alpn-policy HTTP2Optional THEN CreateListener sends it', async () => {
    listeners = [];
    const r = await elbctl([
      'listener',
      'create',
      'edge',
      '--protocol',
      'TLS',
      '--port',
      '8443',
      '--certificate',
      CERT,
      '--alpn-policy',
      'HTTP2Optional',
      '--forward',
      'tcp-pool',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateListenerCommand)[0]?.args[0].input).toEqual({
      LoadBalancerArn: EDGE,
      Protocol: 'TLS',
      Port: 8443,
      Certificates: [{ CertificateArn: CERT }],
      SslPolicy: TLS13,
      AlpnPolicy: ['HTTP2Optional'],
      DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: TG }],
    });
  });

  it('GIVEN the TLS listener exists on another ALPN policy WHEN created again THEN exits 1 naming the difference, with no write', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'edge',
      '--protocol',
      'TLS',
      '--port',
      '443',
      '--certificate',
      CERT,
      '--alpn-policy',
      'None',
      '--forward',
      'tcp-pool',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: port 443 of load balancer "edge": a listener already exists there with ALPN policy HTTP2Preferred',
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN a TCP listener WHEN created with --alpn-policy THEN exits 64 before any AWS call', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'edge',
      '--protocol',
      'TCP',
      '--port',
      '81',
      '--alpn-policy',
      'None',
      '--forward',
      'tcp-pool',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: listener edge:81: an ALPN policy applies to TLS listeners (network load balancers); drop --alpn-policy or use TLS\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});
