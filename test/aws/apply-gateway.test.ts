/**
 * Applying a gateway stack (aws-sdk-client-mock, exact calls): CreateLoadBalancer without a
 * scheme or security groups, CreateListener without a port or protocol (AWS refuses both for a
 * gateway load balancer), the GENEVE target group and its target failover attributes.
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  type CreateTargetGroupCommandInput,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { applyPlan } from '../../src/aws/apply';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import { plan } from '../../src/core/stack/planner/plan-stack';
import { desiredOf, SUBNETS, VPC } from '../core/stack/helpers';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const aws = () => ({ elbv2: new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })) });
const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/gwy/inspect/50dc6c495c0c9188`;
const LISTENER_ARN = `${ACCOUNT}:listener/gwy/inspect/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const TG_ARN = `${ACCOUNT}:targetgroup/appliances/73e2d6bc24d8a067`;

const STACK = `version: 1
stack: inspection
loadBalancers:
  - name: inspect
    type: gateway
    subnets: ${SUBNETS}
    listeners:
      - protocol: GENEVE
        defaultAction: { forward: appliances }
targetGroups:
  - name: appliances
    protocol: GENEVE
    port: 6081
    vpc: ${VPC}
    healthCheck: { protocol: TCP, port: 80 }
    attributes:
      target_failover.on_deregistration: rebalance
      target_failover.on_unhealthy: rebalance
`;

const sent = () =>
  elbv2.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });

beforeEach(() => {
  elbv2.reset();
  elbv2.on(CreateLoadBalancerCommand).resolves({
    LoadBalancers: [
      { LoadBalancerName: 'inspect', LoadBalancerArn: LB_ARN, Type: 'gateway', State: { Code: 'provisioning' } },
    ],
  });
  elbv2.on(CreateTargetGroupCommand).callsFake((i: CreateTargetGroupCommandInput) => ({
    TargetGroups: [{ TargetGroupName: i.Name, TargetGroupArn: TG_ARN, Protocol: i.Protocol, Port: i.Port }],
  }));
  elbv2.on(ModifyTargetGroupAttributesCommand).resolves({ Attributes: [] });
  // AWS describes a gateway load balancer's listener without Port and Protocol.
  elbv2.on(CreateListenerCommand).resolves({ Listeners: [{ ListenerArn: LISTENER_ARN, LoadBalancerArn: LB_ARN }] });
});

describe('applyPlan: a gateway stack from nothing', () => {
  it('GIVEN an empty account WHEN the gateway stack is applied THEN the load balancer has no scheme or security groups, the listener no port or protocol, and target failover is set on both keys', async () => {
    const p = plan(desiredOf(STACK), { loadBalancers: [], targetGroups: [] });

    const report = await applyPlan(aws(), p, { stackName: 'inspection', concurrency: 1, sleep: async () => undefined });

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([
      [
        'CreateTargetGroup',
        {
          Name: 'appliances',
          TargetType: 'instance',
          Protocol: 'GENEVE',
          Port: 6081,
          VpcId: VPC,
          HealthCheckProtocol: 'TCP',
          HealthCheckPort: '80',
          Tags: [
            { Key: 'elbctl:stack', Value: 'inspection' },
            { Key: 'elbctl:name', Value: 'appliances' },
          ],
        },
      ],
      [
        'ModifyTargetGroupAttributes',
        {
          TargetGroupArn: TG_ARN,
          Attributes: [
            { Key: 'target_failover.on_deregistration', Value: 'rebalance' },
            { Key: 'target_failover.on_unhealthy', Value: 'rebalance' },
          ],
        },
      ],
      [
        'CreateLoadBalancer',
        {
          Name: 'inspect',
          Type: 'gateway',
          Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          IpAddressType: 'ipv4',
          Tags: [{ Key: 'elbctl:stack', Value: 'inspection' }],
        },
      ],
      [
        'CreateListener',
        {
          LoadBalancerArn: LB_ARN,
          DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: TG_ARN }],
          Tags: [{ Key: 'elbctl:stack', Value: 'inspection' }],
        },
      ],
    ]);
    expect(report.done).toEqual([
      'target-group:appliances',
      'attributes:target-group:appliances',
      'load-balancer:inspect',
      'listener:inspect:GENEVE',
    ]);
    expect(report.arns['listener:inspect:GENEVE']).toBe(LISTENER_ARN);
  });
});
