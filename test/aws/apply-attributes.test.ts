/**
 * Applying attributes (aws-sdk-client-mock): the exact ModifyLoadBalancerAttributes,
 * ModifyTargetGroupAttributes and ModifyListenerAttributes calls a stack's plan makes — for new
 * resources (the listener's ARN from its create) and for live ones (its ARN from the plan) — with
 * the keys under `raw:` sent exactly as written.
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerAttributesCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
  type CreateTargetGroupCommandInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { applyPlan, type ApplyOptions } from '../../src/aws/apply';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import type { Observed } from '../../src/core/stack/model';
import { plan } from '../../src/core/stack/planner/plan-stack';
import { desiredOf, SUBNETS, VPC } from '../core/stack/helpers';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const aws = () => ({ elbv2: new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })) });

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/net/edge/50dc6c495c0c9188`;
const L_ARN = `${ACCOUNT}:listener/net/edge/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const TG_ARN = `${ACCOUNT}:targetgroup/db/73e2d6bc24d8a067`;
const OWNED = { 'elbctl:stack': 'shop' };

const FILE = `version: 1
stack: shop
loadBalancers:
  - name: edge
    type: network
    scheme: internal
    subnets: ${SUBNETS}
    attributes: { dns_record.client_routing_policy: availability_zone_affinity, raw: { some.future.key: "on " } }
    listeners:
      - port: 5432
        protocol: TCP
        defaultAction: { forward: db }
        attributes: { tcp.idle_timeout.seconds: 900, raw: { tcp.future.flag: "Yes" } }
targetGroups:
  - name: db
    protocol: TCP
    port: 5432
    vpc: ${VPC}
    attributes: { proxy_protocol_v2.enabled: true, raw: { target.future.mode: "x=y" } }
`;

const sent = () =>
  elbv2.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });
const attributeCalls = () => sent().filter(([op]) => String(op).endsWith('Attributes'));

const options = (): ApplyOptions => ({ stackName: 'shop', sleep: async () => undefined, concurrency: 1 });

beforeEach(() => {
  elbv2.reset();
  elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({ Attributes: [] });
  elbv2.on(ModifyTargetGroupAttributesCommand).resolves({ Attributes: [] });
  elbv2.on(ModifyListenerAttributesCommand).resolves({ Attributes: [] });
});

describe('applying attributes', () => {
  it('GIVEN an empty account WHEN the stack is applied THEN each resource gets its declared attributes, raw keys byte for byte, the listener by the ARN its create returned', async () => {
    elbv2.on(CreateLoadBalancerCommand).resolves({
      LoadBalancers: [
        { LoadBalancerName: 'edge', LoadBalancerArn: LB_ARN, Type: 'network', State: { Code: 'active' } },
      ],
    });
    elbv2.on(CreateTargetGroupCommand).callsFake((i: CreateTargetGroupCommandInput) => ({
      TargetGroups: [{ TargetGroupName: i.Name, TargetGroupArn: TG_ARN, Protocol: 'TCP', Port: 5432 }],
    }));
    elbv2.on(CreateListenerCommand).resolves({
      Listeners: [{ ListenerArn: L_ARN, Port: 5432, Protocol: 'TCP', LoadBalancerArn: LB_ARN }],
    });
    const p = plan(desiredOf(FILE), { loadBalancers: [], targetGroups: [] });

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    expect(attributeCalls()).toEqual([
      [
        'ModifyTargetGroupAttributes',
        {
          TargetGroupArn: TG_ARN,
          Attributes: [
            { Key: 'proxy_protocol_v2.enabled', Value: 'true' },
            { Key: 'target.future.mode', Value: 'x=y' },
          ],
        },
      ],
      [
        'ModifyLoadBalancerAttributes',
        {
          LoadBalancerArn: LB_ARN,
          Attributes: [
            { Key: 'dns_record.client_routing_policy', Value: 'availability_zone_affinity' },
            { Key: 'some.future.key', Value: 'on ' },
          ],
        },
      ],
      [
        'ModifyListenerAttributes',
        {
          ListenerArn: L_ARN,
          Attributes: [
            { Key: 'tcp.idle_timeout.seconds', Value: '900' },
            { Key: 'tcp.future.flag', Value: 'Yes' },
          ],
        },
      ],
    ]);
    expect(sent().map(([op]) => op)).toEqual([
      'CreateTargetGroup',
      'ModifyTargetGroupAttributes',
      'CreateLoadBalancer',
      'ModifyLoadBalancerAttributes',
      'CreateListener',
      'ModifyListenerAttributes',
    ]);
  });

  it('GIVEN the stack applied but the listener idle timeout and a raw key changed live, and the endpoint omitting the others WHEN applied THEN only those keys are sent, to the live ARNs', async () => {
    const live: Observed = {
      loadBalancers: [
        {
          name: 'edge',
          arn: LB_ARN,
          type: 'network',
          scheme: 'internal',
          subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          securityGroups: [],
          ipAddressType: 'ipv4',
          tags: { ...OWNED },
          attributes: { 'dns_record.client_routing_policy': 'availability_zone_affinity', 'some.future.key': 'off' },
          listeners: [
            {
              arn: L_ARN,
              port: 5432,
              protocol: 'TCP',
              certificates: [],
              defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: TG_ARN }] }],
              attributes: { 'tcp.idle_timeout.seconds': '350', 'tcp.future.flag': 'Yes' },
              tags: { ...OWNED },
              rules: [],
            },
          ],
        },
      ],
      targetGroups: [
        {
          name: 'db',
          arn: TG_ARN,
          protocol: 'TCP',
          port: 5432,
          vpcId: VPC,
          targetType: 'instance',
          healthCheck: {
            enabled: true,
            protocol: 'TCP',
            port: 'traffic-port',
            intervalSeconds: 30,
            timeoutSeconds: 10,
            healthyThreshold: 5,
            unhealthyThreshold: 2,
          },
          tags: { ...OWNED, 'elbctl:name': 'db' },
          attributes: { 'proxy_protocol_v2.enabled': 'true', 'target.future.mode': 'x=y' },
          targets: [],
          loadBalancerArns: [LB_ARN],
        },
      ],
    };
    const p = plan(desiredOf(FILE), live);
    expect(p.changes.map((c) => `${c.action} ${c.id}`)).toEqual([
      'update attributes:load-balancer:edge',
      'update attributes:listener:edge:5432',
    ]);

    await applyPlan(aws(), p, options());

    expect(sent()).toEqual([
      [
        'ModifyLoadBalancerAttributes',
        { LoadBalancerArn: LB_ARN, Attributes: [{ Key: 'some.future.key', Value: 'on ' }] },
      ],
      [
        'ModifyListenerAttributes',
        { ListenerArn: L_ARN, Attributes: [{ Key: 'tcp.idle_timeout.seconds', Value: '900' }] },
      ],
    ]);
  });
});
