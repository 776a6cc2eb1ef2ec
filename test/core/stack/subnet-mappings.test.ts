/**
 * Network load balancers with fixed addresses in stack files: `subnetMappings:` instead of
 * `subnets:` — validated by the rulebook `lb create|modify --subnet-mapping` uses, checked against
 * the subnets' blocks, planned (new subnets in place; a kept subnet's new address replaces the
 * load balancer, said in the plan) and exported back (adoptions only).
 */
import type { SubnetFact } from '../../../src/core/rules/load-balancer';
import { exportStack } from '../../../src/core/stack/export/export-stack';
import { renderStackYaml } from '../../../src/core/stack/export/render-yaml';
import { loadStackOrThrow } from '../../../src/core/stack/load';
import type { Observed, ObservedLoadBalancer } from '../../../src/core/stack/model';
import { plan } from '../../../src/core/stack/planner/plan-stack';
import { stackReferenceProblems } from '../../../src/core/stack/references';
import { desiredOf, problemsOf, VPC } from './helpers';

const S0 = 'subnet-0123456789abcdef0';
const S1 = 'subnet-0123456789abcdef1';
const EIP0 = 'eipalloc-0123456789abcdef0';
const EIP1 = 'eipalloc-0123456789abcdef1';
const EIP2 = 'eipalloc-0123456789abcdef2';

/** An internet-facing NLB with an Elastic IP in each of two subnets; `edits` change the text. */
function nlb(...edits: Array<[string, string]>): string {
  let text = `version: 1
stack: edge
loadBalancers:
  - name: edge
    type: network
    subnetMappings:
      - { subnet: ${S0}, allocationId: ${EIP0} }
      - { subnet: ${S1}, allocationId: ${EIP1} }
    listeners:
      - { port: 443, protocol: TCP, defaultAction: { forward: app } }
targetGroups:
  - { name: app, protocol: TCP, port: 443, vpc: ${VPC} }
`;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`"${from}" is not in the stack`);
    text = text.replace(from, to);
  }
  return text;
}
const INTERNAL: [string, string] = ['    type: network\n', '    type: network\n    scheme: internal\n'];

describe('subnetMappings in a stack file: validate', () => {
  it('GIVEN an internet-facing NLB with an Elastic IP per subnet WHEN loaded THEN it is valid', () => {
    expect(problemsOf(nlb())).toEqual([]);
  });

  it('GIVEN both subnets and subnetMappings WHEN loaded THEN only one is allowed', () => {
    expect(problemsOf(nlb(['    subnetMappings:\n', `    subnets: [${S0}]\n    subnetMappings:\n`]))).toEqual([
      '8:7 E_CONFLICT load balancer "edge": subnets and subnetMappings are both given; give only one',
    ]);
  });

  it('GIVEN neither subnets nor subnetMappings WHEN loaded THEN it says to give one', () => {
    const text = nlb([
      `    subnetMappings:\n      - { subnet: ${S0}, allocationId: ${EIP0} }\n      - { subnet: ${S1}, allocationId: ${EIP1} }\n`,
      '',
    ]);
    expect(problemsOf(text)).toEqual([
      '4:5 E_REQUIRED load balancer "edge": no subnets; give subnets (or subnetMappings), one in each zone it should serve',
    ]);
  });

  it('GIVEN an Elastic IP on an internal NLB and a private address on an internet-facing one WHEN loaded THEN each is refused at its field', () => {
    expect(problemsOf(nlb(INTERNAL))).toEqual([
      '8:59 E_SUBNETS subnet mapping "subnet-0123456789abcdef0": an internal load balancer takes no Elastic IP; give a privateIPv4Address instead',
      '9:59 E_SUBNETS subnet mapping "subnet-0123456789abcdef1": an internal load balancer takes no Elastic IP; give a privateIPv4Address instead',
    ]);
    expect(problemsOf(nlb([`allocationId: ${EIP0}`, 'privateIPv4Address: 10.0.1.10']))).toEqual([
      '7:65 E_SUBNETS subnet mapping "subnet-0123456789abcdef0": a private IPv4 address is for internal load balancers; give an allocationId (Elastic IP) instead',
    ]);
  });

  it('GIVEN Elastic IPs on an application load balancer WHEN loaded THEN refused: they are for network load balancers', () => {
    const text = nlb(
      ['    type: network\n', '    type: application\n'],
      ['    listeners:\n      - { port: 443, protocol: TCP, defaultAction: { forward: app } }\n', ''],
    );
    expect(problemsOf(text)).toEqual([
      '7:9 E_SUBNETS subnet mapping "subnet-0123456789abcdef0": Elastic IPs and private addresses are for network load balancers; "edge" is an application load balancer: give its subnets under subnets:',
      '8:9 E_SUBNETS subnet mapping "subnet-0123456789abcdef1": Elastic IPs and private addresses are for network load balancers; "edge" is an application load balancer: give its subnets under subnets:',
    ]);
  });

  it('GIVEN a malformed allocation ID WHEN loaded THEN the schema names its shape', () => {
    expect(problemsOf(nlb([`allocationId: ${EIP1}`, 'allocationId: eip-1']))).toEqual([
      '8:59 E_FORMAT allocation ID "eip-1": not an Elastic IP allocation ID (eipalloc-…)',
    ]);
  });

  it('GIVEN a malformed private address and one subnet mapped twice WHEN loaded THEN each is reported', () => {
    const text = nlb(INTERNAL, [
      `      - { subnet: ${S0}, allocationId: ${EIP0} }\n      - { subnet: ${S1}, allocationId: ${EIP1} }\n`,
      `      - { subnet: ${S0}, privateIPv4Address: 10.0.1.300 }\n      - { subnet: ${S0} }\n`,
    ]);
    expect(problemsOf(text)).toEqual([
      '8:65 E_FORMAT private IPv4 address "10.0.1.300": not an IPv4 address',
      '9:19 E_DUPLICATE subnet "subnet-0123456789abcdef0": listed twice in load balancer "edge"; list each subnet once',
    ]);
  });

  it('GIVEN an IPv6 address on an ipv4 load balancer WHEN loaded THEN it needs dualstack', () => {
    expect(problemsOf(nlb([`allocationId: ${EIP0}`, `allocationId: ${EIP0}, ipv6Address: "2600:1f18::10"`]))).toEqual([
      '7:100 E_SUBNETS subnet mapping "subnet-0123456789abcdef0": an IPv6 address needs a dualstack load balancer; set ipAddressType: dualstack or remove it',
    ]);
  });

  it('GIVEN private addresses WHEN checked against the subnets THEN an address outside its subnet is refused before any write', () => {
    const text = nlb(INTERNAL, [
      `      - { subnet: ${S0}, allocationId: ${EIP0} }\n      - { subnet: ${S1}, allocationId: ${EIP1} }\n`,
      `      - { subnet: ${S0}, privateIPv4Address: 10.0.1.10 }\n      - { subnet: ${S1}, privateIPv4Address: 10.0.1.11 }\n`,
    ]);
    const subnets: SubnetFact[] = [
      { id: S0, vpcId: VPC, availabilityZone: 'us-east-1a', cidr: '10.0.1.0/24' },
      { id: S1, vpcId: VPC, availabilityZone: 'us-east-1b', cidr: '10.0.2.0/24' },
    ];
    const { file } = loadStackOrThrow(text, 'stack.yaml');
    expect(
      stackReferenceProblems(file, {
        subnets,
        securityGroups: [],
        instances: [],
        vpcs: [{ id: VPC, cidrs: ['10.0.0.0/16'] }],
      }),
    ).toEqual([
      {
        code: 'E_SUBNETS',
        message:
          'subnet mapping "subnet-0123456789abcdef1": private IPv4 address 10.0.1.11 is not in the subnet (10.0.2.0/24); use an address of 10.0.2.0/24',
        path: ['loadBalancers', 0, 'subnetMappings', 1, 'privateIPv4Address'],
      },
    ]);
  });
});

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
function liveNlb(over: Partial<ObservedLoadBalancer> = {}): Observed {
  return {
    loadBalancers: [
      {
        name: 'edge',
        arn: `${ACCOUNT}:loadbalancer/net/edge/50dc6c495c0c9188`,
        type: 'network',
        scheme: 'internet-facing',
        subnets: [S0, S1],
        subnetMappings: [
          { subnetId: S0, allocationId: EIP0 },
          { subnetId: S1, allocationId: EIP1 },
        ],
        securityGroups: [],
        ipAddressType: 'ipv4',
        tags: { 'elbctl:stack': 'edge' },
        attributes: { 'deletion_protection.enabled': 'true', 'load_balancing.cross_zone.enabled': 'false' },
        listeners: [
          {
            arn: `${ACCOUNT}:listener/net/edge/50dc6c495c0c9188/1`,
            port: 443,
            protocol: 'TCP',
            certificates: [],
            defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: `${ACCOUNT}:targetgroup/app/1` }] }],
            tags: { 'elbctl:stack': 'edge' },
            rules: [],
          },
        ],
        ...over,
      },
    ],
    targetGroups: [
      {
        name: 'app',
        arn: `${ACCOUNT}:targetgroup/app/1`,
        protocol: 'TCP',
        port: 443,
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
        tags: { 'elbctl:stack': 'edge', 'elbctl:name': 'app' },
        attributes: {},
        targets: [],
        loadBalancerArns: [`${ACCOUNT}:loadbalancer/net/edge/50dc6c495c0c9188`],
      },
    ],
  };
}

describe('subnetMappings in a stack file: plan', () => {
  it('GIVEN nothing live WHEN planned THEN the load balancer is created with its subnets and their Elastic IPs', () => {
    const p = plan(desiredOf(nlb()), { loadBalancers: [], targetGroups: [] });
    expect(p.changes.find((c) => c.id === 'load-balancer:edge')?.after).toEqual({
      name: 'edge',
      type: 'network',
      scheme: 'internet-facing',
      subnets: [S0, S1],
      subnetMappings: [
        { subnetId: S0, allocationId: EIP0 },
        { subnetId: S1, allocationId: EIP1 },
      ],
      ipAddressType: 'ipv4',
      tags: { 'elbctl:stack': 'edge' },
    });
  });

  it('GIVEN the same Elastic IPs live WHEN planned THEN nothing changes', () => {
    expect(plan(desiredOf(nlb()), liveNlb()).changes).toEqual([]);
  });

  it('GIVEN a third subnet with its Elastic IP added WHEN planned THEN an update sends every subnet with its address (SetSubnets), nothing replaced', () => {
    const S2 = 'subnet-0123456789abcdef2';
    const text = nlb([
      `      - { subnet: ${S1}, allocationId: ${EIP1} }\n`,
      `      - { subnet: ${S1}, allocationId: ${EIP1} }\n      - { subnet: ${S2}, allocationId: ${EIP2} }\n`,
    ]);
    const p = plan(desiredOf(text), liveNlb());
    expect(p.changes.map((c) => [c.action, c.id, c.before, c.after])).toEqual([
      [
        'update',
        'load-balancer:edge',
        { subnets: [S0, S1] },
        {
          subnets: [S0, S1, S2],
          subnetMappings: [
            { subnetId: S0, allocationId: EIP0 },
            { subnetId: S1, allocationId: EIP1 },
            { subnetId: S2, allocationId: EIP2 },
          ],
        },
      ],
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('GIVEN a kept subnet given another Elastic IP WHEN planned THEN the load balancer is replaced, and the plan says why', () => {
    const p = plan(desiredOf(nlb([`allocationId: ${EIP1}`, `allocationId: ${EIP2}`])), liveNlb());
    const lb = p.changes.find((c) => c.id === 'load-balancer:edge');
    expect([lb?.action, lb?.before]).toEqual([
      'replace',
      {
        type: 'network',
        scheme: 'internet-facing',
        subnetMappings: [
          { subnetId: S0, allocationId: EIP0 },
          { subnetId: S1, allocationId: EIP1 },
        ],
      },
    ]);
    expect(p.warnings).toContain(
      'load balancer "edge": the fixed addresses of subnet subnet-0123456789abcdef1 cannot change in place (AWS keeps a subnet\'s Elastic IP and private address until the subnet is removed), so it is deleted and created again: it is offline in between and its DNS name changes',
    );
  });

  it('GIVEN the file writes plain subnets for an NLB with Elastic IPs WHEN planned THEN its addresses are not compared', () => {
    const text = nlb([
      `    subnetMappings:\n      - { subnet: ${S0}, allocationId: ${EIP0} }\n      - { subnet: ${S1}, allocationId: ${EIP1} }\n`,
      `    subnets: [${S0}, ${S1}]\n`,
    ]);
    expect(plan(desiredOf(text), liveNlb()).changes).toEqual([]);
  });
});

describe('subnetMappings: export', () => {
  it('GIVEN an NLB with an Elastic IP in one subnet and none in the other WHEN exported THEN it is written as subnetMappings and plans to adoptions only', () => {
    const o = liveNlb({ tags: {}, subnetMappings: [{ subnetId: S0, allocationId: EIP0 }] });
    for (const l of o.loadBalancers[0]?.listeners ?? []) l.tags = {};
    for (const tg of o.targetGroups) tg.tags = {};
    const r = exportStack({ stack: 'edge', observed: o });
    expect(r.document.loadBalancers?.[0]?.subnetMappings).toEqual([{ subnet: S0, allocationId: EIP0 }, { subnet: S1 }]);
    expect(r.document.loadBalancers?.[0]?.subnets).toBeUndefined();
    const loaded = loadStackOrThrow(renderStackYaml(r.document, ['exported']), 'exported.yaml');
    const p = plan(loaded.stack, o);
    expect(p.changes.map((c) => `${c.action} ${c.id} ${Object.keys(c.after ?? {}).join()}`)).toEqual([
      'adopt target-group:app tags',
      'adopt load-balancer:edge tags',
      'adopt listener:edge:443 tags',
    ]);
  });
});
