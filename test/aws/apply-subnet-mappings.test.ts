/**
 * Applying subnetMappings (aws-sdk-client-mock, exact calls; moto 5.2.1 accepts SubnetMappings but
 * drops the addresses, so only a mock can show them): CreateLoadBalancer sends SubnetMappings
 * instead of Subnets, and a subnet added to a live NLB goes through SetSubnets with every subnet
 * and its address.
 */
import {
  CreateLoadBalancerCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  SetSubnetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { applyPlan } from '../../src/aws/apply';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import type { Observed } from '../../src/core/stack/model';
import { plan } from '../../src/core/stack/planner/plan-stack';
import { desiredOf } from '../core/stack/helpers';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const aws = () => ({ elbv2: new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })) });
const LB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/50dc6c495c0c9188';
const S0 = 'subnet-0123456789abcdef0';
const S1 = 'subnet-0123456789abcdef1';

const stack = (mappings: string) => `version: 1
stack: edge
loadBalancers:
  - name: edge
    type: network
    scheme: internal
    subnetMappings:
${mappings}
`;

const sent = () =>
  elbv2.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });

beforeEach(() => {
  elbv2.reset();
  elbv2.on(CreateLoadBalancerCommand).resolves({
    LoadBalancers: [{ LoadBalancerName: 'edge', LoadBalancerArn: LB_ARN, Type: 'network', State: { Code: 'active' } }],
  });
  elbv2.on(SetSubnetsCommand).resolves({ AvailabilityZones: [] });
  elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({ Attributes: [] });
});

describe('applyPlan: subnet mappings', () => {
  it('GIVEN an internal NLB with a private address in each subnet WHEN created THEN CreateLoadBalancer sends SubnetMappings, not Subnets', async () => {
    const p = plan(
      desiredOf(
        stack(
          `      - { subnet: ${S0}, privateIPv4Address: 10.0.1.10 }\n      - { subnet: ${S1}, privateIPv4Address: 10.0.2.10 }`,
        ),
      ),
      { loadBalancers: [], targetGroups: [] },
    );

    const report = await applyPlan(aws(), p, { stackName: 'edge', concurrency: 1, sleep: async () => undefined });

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([
      [
        'CreateLoadBalancer',
        {
          Name: 'edge',
          Type: 'network',
          SubnetMappings: [
            { SubnetId: S0, PrivateIPv4Address: '10.0.1.10' },
            { SubnetId: S1, PrivateIPv4Address: '10.0.2.10' },
          ],
          Scheme: 'internal',
          IpAddressType: 'ipv4',
          Tags: [{ Key: 'elbctl:stack', Value: 'edge' }],
        },
      ],
    ]);
  });

  it('GIVEN the live NLB in one subnet with its private address WHEN a second mapped subnet is applied THEN SetSubnets sends both, each with its address', async () => {
    const observed: Observed = {
      loadBalancers: [
        {
          name: 'edge',
          arn: LB_ARN,
          type: 'network',
          scheme: 'internal',
          subnets: [S0],
          subnetMappings: [{ subnetId: S0, privateIPv4Address: '10.0.1.10' }],
          securityGroups: [],
          ipAddressType: 'ipv4',
          tags: { 'elbctl:stack': 'edge' },
          attributes: {},
          listeners: [],
        },
      ],
      targetGroups: [],
    };
    // The kept subnet is written without its address: the live one is sent again (SetSubnets takes every subnet).
    const p = plan(
      desiredOf(stack(`      - { subnet: ${S0} }\n      - { subnet: ${S1}, privateIPv4Address: 10.0.2.10 }`)),
      observed,
    );

    const report = await applyPlan(aws(), p, { stackName: 'edge', concurrency: 1, sleep: async () => undefined });

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([
      [
        'SetSubnets',
        {
          LoadBalancerArn: LB_ARN,
          SubnetMappings: [
            { SubnetId: S0, PrivateIPv4Address: '10.0.1.10' },
            { SubnetId: S1, PrivateIPv4Address: '10.0.2.10' },
          ],
        },
      ],
    ]);
  });
});
