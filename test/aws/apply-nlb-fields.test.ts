/**
 * Fields moto 5.2.1 does not keep, through plan and apply (aws-sdk-client-mock): a TLS listener's
 * ALPN policy (moto ignores AlpnPolicy on ModifyListener) — created with it, changed in place with
 * exactly AlpnPolicy — and a target group's TargetControlPort (moto drops it).
 */
import {
  CreateListenerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { applyPlan } from '../../src/aws/apply';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import type { Observed } from '../../src/core/stack/model';
import { plan } from '../../src/core/stack/planner/plan-stack';
import { desiredOf, VPC } from '../core/stack/helpers';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const aws = () => ({ elbv2: new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })) });
const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB = `${ACCOUNT}:loadbalancer/net/edge/50dc6c495c0c9188`;
const L443 = `${ACCOUNT}:listener/net/edge/50dc6c495c0c9188/1`;
const TG = `${ACCOUNT}:targetgroup/app/73e2d6bc24d8a067`;
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const S0 = 'subnet-0123456789abcdef0';
const OWNED = { 'elbctl:stack': 'edge' };

const stack = (listener: string) => `version: 1
stack: edge
loadBalancers:
  - name: edge
    type: network
    scheme: internal
    subnets: [${S0}]
    listeners:
      - port: 443
        protocol: TLS
        certificates: [${CERT}]
        sslPolicy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09
${listener}        defaultAction: { forward: app }
targetGroups:
  - { name: app, protocol: TCP, port: 8443, vpc: ${VPC} }
`;

function live(alpnPolicy: string | undefined, withListener = true): Observed {
  return {
    loadBalancers: [
      {
        name: 'edge',
        arn: LB,
        type: 'network',
        scheme: 'internal',
        subnets: [S0],
        securityGroups: [],
        ipAddressType: 'ipv4',
        tags: { ...OWNED },
        attributes: {},
        listeners: withListener
          ? [
              {
                arn: L443,
                port: 443,
                protocol: 'TLS',
                sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
                certificates: [CERT],
                defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: TG }] }],
                ...(alpnPolicy !== undefined ? { alpnPolicy } : {}),
                tags: { ...OWNED },
                rules: [],
              },
            ]
          : [],
      },
    ],
    targetGroups: [
      {
        name: 'app',
        arn: TG,
        protocol: 'TCP',
        port: 8443,
        vpcId: VPC,
        targetType: 'instance',
        healthCheck: { enabled: true, protocol: 'TCP' },
        tags: { ...OWNED, 'elbctl:name': 'app' },
        attributes: {},
        targets: [],
        loadBalancerArns: [LB],
      },
    ],
  };
}

const sent = () =>
  elbv2.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });

beforeEach(() => {
  elbv2.reset();
  elbv2.on(ModifyListenerCommand).resolves({ Listeners: [{ ListenerArn: L443 }] });
  elbv2.on(CreateListenerCommand).resolves({ Listeners: [{ ListenerArn: L443, Port: 443, Protocol: 'TLS' }] });
  elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [{ LoadBalancerName: 'edge', LoadBalancerArn: LB, Type: 'network' }],
  });
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [{ TargetGroupName: 'app', TargetGroupArn: TG, Protocol: 'TCP', Port: 8443, TargetType: 'instance' }],
  });
});

describe('applyPlan: ALPN policy', () => {
  it('GIVEN a TLS listener on HTTP2Preferred WHEN the file says HTTP1Only THEN the plan updates it in place and ModifyListener sends exactly AlpnPolicy', async () => {
    const p = plan(desiredOf(stack('        alpnPolicy: HTTP1Only\n')), live('HTTP2Preferred'));
    expect(p.changes.map((c) => [c.action, c.id, c.before, c.after])).toEqual([
      ['update', 'listener:edge:443', { alpnPolicy: 'HTTP2Preferred' }, { alpnPolicy: 'HTTP1Only' }],
    ]);

    const report = await applyPlan(aws(), p, { stackName: 'edge', concurrency: 1, sleep: async () => undefined });

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([['ModifyListener', { ListenerArn: L443, AlpnPolicy: ['HTTP1Only'] }]]);
  });

  it('GIVEN no ALPN policy live WHEN the file says None, or says nothing THEN nothing changes', () => {
    expect(plan(desiredOf(stack('        alpnPolicy: None\n')), live(undefined)).changes).toEqual([]);
    expect(plan(desiredOf(stack('')), live('HTTP2Only')).changes).toEqual([]);
  });

  it('GIVEN no listener live WHEN the file gives an ALPN policy THEN CreateListener sends it', async () => {
    const p = plan(desiredOf(stack('        alpnPolicy: HTTP2Optional\n')), live(undefined, false));

    const report = await applyPlan(aws(), p, { stackName: 'edge', concurrency: 1, sleep: async () => undefined });

    expect(report.failed).toEqual([]);
    expect(elbv2.commandCalls(CreateListenerCommand).map((c) => c.args[0].input.AlpnPolicy)).toEqual([
      ['HTTP2Optional'],
    ]);
  });
});

describe('applyPlan: target control port', () => {
  it('GIVEN an HTTP target group with targetControlPort WHEN created THEN CreateTargetGroup sends TargetControlPort', async () => {
    elbv2.on(CreateTargetGroupCommand).resolves({
      TargetGroups: [{ TargetGroupName: 'api', TargetGroupArn: TG, Protocol: 'HTTP', Port: 8080 }],
    });
    const text = `version: 1
stack: shop
targetGroups:
  - { name: api, protocol: HTTP, port: 8080, vpc: ${VPC}, targetControlPort: 3000 }
`;
    const p = plan(desiredOf(text), { loadBalancers: [], targetGroups: [] });

    const report = await applyPlan(aws(), p, { stackName: 'shop', concurrency: 1, sleep: async () => undefined });

    expect(report.failed).toEqual([]);
    expect(elbv2.commandCalls(CreateTargetGroupCommand).map((c) => c.args[0].input)).toEqual([
      {
        Name: 'api',
        TargetType: 'instance',
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: VPC,
        TargetControlPort: 3000,
        Tags: [
          { Key: 'elbctl:stack', Value: 'shop' },
          { Key: 'elbctl:name', Value: 'api' },
        ],
      },
    ]);
  });
});

describe('applyPlan: a GRPC target group of IPv6 addresses', () => {
  it('GIVEN protocolVersion GRPC, ipAddressType ipv6 and gRPC codes WHEN created THEN CreateTargetGroup sends ProtocolVersion, IpAddressType and the matcher as GrpcCode', async () => {
    elbv2.on(CreateTargetGroupCommand).resolves({
      TargetGroups: [{ TargetGroupName: 'grpc', TargetGroupArn: TG, Protocol: 'HTTP', Port: 50051 }],
    });
    const text = `version: 1
stack: shop
targetGroups:
  - name: grpc
    protocol: HTTP
    port: 50051
    vpc: ${VPC}
    targetType: ip
    protocolVersion: GRPC
    ipAddressType: ipv6
    healthCheck: { path: /grpc.health.v1.Health/Check, matcher: "0-99" }
`;
    const p = plan(desiredOf(text), { loadBalancers: [], targetGroups: [] });

    const report = await applyPlan(aws(), p, { stackName: 'shop', concurrency: 1, sleep: async () => undefined });

    expect(report.failed).toEqual([]);
    const [input] = elbv2.commandCalls(CreateTargetGroupCommand).map((c) => c.args[0].input);
    expect(input).toMatchObject({
      Name: 'grpc',
      Protocol: 'HTTP',
      ProtocolVersion: 'GRPC',
      IpAddressType: 'ipv6',
      TargetType: 'ip',
      HealthCheckPath: '/grpc.health.v1.Health/Check',
      Matcher: { GrpcCode: '0-99' },
    });
    expect(input?.Matcher).not.toHaveProperty('HttpCode');
  });
});
