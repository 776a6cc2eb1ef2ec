/**
 * Gateway load balancers in stack files: `type: gateway` (internal, no security groups), its one
 * GENEVE listener written without a port, GENEVE target groups on 6081 and target failover —
 * judged by the rulebook, then planned (the listener is named LB:GENEVE).
 */
import type { Observed } from '../../../src/core/stack/model';
import { plan } from '../../../src/core/stack/planner/plan-stack';
import { desiredOf, problemsOf, SUBNETS, VPC, yaml } from './helpers';

const LB = `
  - name: inspect
    type: gateway
    subnets: ${SUBNETS}
    listeners:
      - protocol: GENEVE
        defaultAction: { forward: appliances }`;
const TG = `
  - name: appliances
    protocol: GENEVE
    port: 6081
    vpc: ${VPC}
    healthCheck: { protocol: TCP, port: 80 }`;

/** The valid gateway stack with `from` replaced by `to` (each must occur once). */
function gateway(...pairs: Array<[string, string]>): string {
  let lb = LB;
  let tg = TG;
  for (const [from, to] of pairs) {
    if (lb.includes(from)) lb = lb.replace(from, to);
    else if (tg.includes(from)) tg = tg.replace(from, to);
    else throw new Error(`"${from}" is not in the base stack`);
  }
  return `version: 1\nstack: inspection\nloadBalancers:${lb}\ntargetGroups:${tg}\n`;
}

describe('gateway load balancers in a stack file: validate', () => {
  it('GIVEN a gateway load balancer with a GENEVE listener without a port and a GENEVE target group WHEN loaded THEN it is valid', () => {
    expect(problemsOf(gateway())).toEqual([]);
  });

  it('GIVEN security groups and scheme internet-facing on a gateway load balancer WHEN loaded THEN both are refused at their fields', () => {
    const text = gateway([
      `    subnets: ${SUBNETS}`,
      `    subnets: ${SUBNETS}\n    scheme: internet-facing\n    securityGroups: [sg-0123456789abcdef0]`,
    ]);
    expect(problemsOf(text)).toEqual([
      '7:13 E_ENUM load balancer "inspect": a gateway load balancer is always internal (AWS takes no scheme for it); leave the scheme out',
      '8:21 E_SECURITY_GROUPS load balancer "inspect": a gateway load balancer has no security groups; leave them out',
    ]);
  });

  it('GIVEN scheme internal written on a gateway load balancer WHEN loaded THEN it is accepted (it is what AWS makes)', () => {
    expect(problemsOf(gateway([`    subnets: ${SUBNETS}`, `    scheme: internal\n    subnets: ${SUBNETS}`]))).toEqual(
      [],
    );
  });

  it('GIVEN a port on the GENEVE listener WHEN loaded THEN refused: a gateway listener has no port', () => {
    expect(problemsOf(gateway(['      - protocol: GENEVE', '      - protocol: GENEVE\n        port: 6081']))).toEqual([
      '9:15 E_PROTOCOL listener inspect:6081: a GENEVE listener (gateway load balancer) has no port, AWS takes all IP traffic on it; leave out port',
    ]);
  });

  it('GIVEN a TCP listener on a gateway load balancer and a GENEVE listener on a network one WHEN loaded THEN each protocol is refused for its type', () => {
    const text = yaml`
      version: 1
      stack: inspection
      loadBalancers:
        - name: inspect
          type: gateway
          subnets: ${SUBNETS}
          listeners:
            - { port: 80, protocol: TCP, defaultAction: { forward: appliances } }
        - name: edge
          type: network
          subnets: ${SUBNETS}
          listeners:
            - { protocol: GENEVE, defaultAction: { forward: appliances } }
      targetGroups:
        - { name: appliances, protocol: GENEVE, port: 6081, vpc: ${VPC} }
    `;
    expect(problemsOf(text)).toEqual([
      '8:31 E_PROTOCOL listener inspect:80: listener protocol "TCP": not supported on a gateway load balancer; use GENEVE',
      '13:21 E_PROTOCOL listener edge:GENEVE: listener protocol "GENEVE": not supported on a network load balancer; use TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC',
      '15:13 E_TARGET_GROUP target group "appliances": used by gateway load balancer "inspect" and network load balancer "edge"; a target group serves one type of load balancer, declare one target group for each',
    ]);
  });

  it('GIVEN an HTTP listener without a port WHEN loaded THEN the port is required', () => {
    const text = yaml`
      version: 1
      stack: shop
      loadBalancers:
        - name: web
          type: application
          subnets: ${SUBNETS}
          listeners:
            - { protocol: HTTP, defaultAction: { fixedResponse: { statusCode: 404 } } }
    `;
    expect(problemsOf(text)).toEqual(['8:9 E_REQUIRED listener web:#1: an HTTP listener needs a port; give port']);
  });

  it('GIVEN two GENEVE listeners WHEN loaded THEN a gateway load balancer keeps one', () => {
    const text = gateway([
      '        defaultAction: { forward: appliances }',
      '        defaultAction: { forward: appliances }\n      - protocol: GENEVE\n        defaultAction: { forward: appliances }',
    ]);
    expect(problemsOf(text)).toEqual([
      '8:7 E_LIMIT load balancer "inspect": 2 listeners; a gateway load balancer has one (GENEVE), keep only one',
    ]);
  });

  it('GIVEN the GENEVE listener forwarding to a TCP target group and a weighted pair WHEN loaded THEN both are refused', () => {
    const text = gateway(
      [
        '        defaultAction: { forward: appliances }',
        '        defaultAction: { forward: [{ targetGroup: appliances }, { targetGroup: tcp }] }',
      ],
      [
        `    healthCheck: { protocol: TCP, port: 80 }`,
        `    healthCheck: { protocol: TCP, port: 80 }\n  - { name: tcp, protocol: TCP, port: 80, vpc: ${VPC} }`,
      ],
    );
    expect(problemsOf(text)).toEqual([
      '9:35 E_ACTION default action of listener inspect:GENEVE: a GENEVE listener forwards to one target group; weighted forwards need an application or network load balancer',
      '9:80 E_PROTOCOL default action of listener inspect:GENEVE: target group "tcp" (TCP): a GENEVE listener forwards to GENEVE target groups; forward to one of those',
    ]);
  });

  it('GIVEN a GENEVE target group on port 6080 WHEN loaded THEN it must use 6081', () => {
    expect(problemsOf(gateway(['    port: 6081', '    port: 6080']))).toEqual([
      '13:11 E_TARGET_GROUP target group "appliances": a GENEVE target group uses port 6081; use that port',
    ]);
  });

  it('GIVEN target failover set on one of its two attributes WHEN loaded THEN both must be given with one value', () => {
    const text = gateway([
      '    healthCheck: { protocol: TCP, port: 80 }',
      '    healthCheck: { protocol: TCP, port: 80 }\n    attributes: { target_failover.on_deregistration: rebalance }',
    ]);
    expect(problemsOf(text)).toEqual([
      '16:17 E_ATTRIBUTE target group "appliances": target_failover.on_deregistration and target_failover.on_unhealthy are set together to one value (AWS refuses them apart); give both rebalance',
    ]);
  });

  it('GIVEN target failover on a TCP target group WHEN loaded THEN it is for GENEVE target groups only', () => {
    const text = yaml`
      version: 1
      stack: shop
      targetGroups:
        - name: tcp
          protocol: TCP
          port: 80
          vpc: ${VPC}
          attributes: { target_failover.on_deregistration: rebalance, target_failover.on_unhealthy: rebalance }
    `;
    expect(problemsOf(text)).toEqual([
      '8:54 E_ATTRIBUTE attribute "target_failover.on_deregistration": target groups of gateway load balancers only; "tcp" is a TCP target group',
      '8:95 E_ATTRIBUTE attribute "target_failover.on_unhealthy": target groups of gateway load balancers only; "tcp" is a TCP target group',
    ]);
  });
});

describe('gateway load balancers in a stack file: plan', () => {
  const EMPTY: Observed = { loadBalancers: [], targetGroups: [] };

  it('GIVEN a gateway stack with target failover WHEN planned from nothing THEN creates an internal gateway load balancer without security groups and deletion protection, and its GENEVE listener keyed by no port', () => {
    const text = gateway([
      '    healthCheck: { protocol: TCP, port: 80 }',
      '    healthCheck: { protocol: TCP, port: 80 }\n    attributes: { target_failover.on_deregistration: rebalance, target_failover.on_unhealthy: rebalance }',
    ]);
    const p = plan(desiredOf(text), EMPTY);
    expect(p.changes.map((c) => [c.action, c.id])).toEqual([
      ['create', 'target-group:appliances'],
      ['create', 'attributes:target-group:appliances'],
      ['create', 'load-balancer:inspect'],
      ['create', 'listener:inspect:GENEVE'],
    ]);
    expect(p.changes[2]?.after).toEqual({
      name: 'inspect',
      type: 'gateway',
      scheme: 'internal',
      subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      ipAddressType: 'ipv4',
      tags: { 'elbctl:stack': 'inspection' },
    });
    expect(p.changes[3]).toMatchObject({
      name: 'inspect:GENEVE',
      port: 0,
      after: {
        protocol: 'GENEVE',
        certificates: [],
        defaultAction: { type: 'forward', targets: [{ targetGroup: 'appliances' }] },
      },
    });
    expect(p.changes[1]?.after).toEqual({
      'target_failover.on_deregistration': 'rebalance',
      'target_failover.on_unhealthy': 'rebalance',
    });
  });

  it('GIVEN the live gateway load balancer reported internet-facing by an endpoint WHEN planned THEN it is not replaced (a gateway has no scheme to compare)', () => {
    const observed: Observed = {
      loadBalancers: [
        {
          name: 'inspect',
          arn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/gwy/inspect/1',
          type: 'gateway',
          scheme: 'internet-facing',
          subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          securityGroups: [],
          ipAddressType: 'ipv4',
          tags: { 'elbctl:stack': 'inspection' },
          attributes: {},
          listeners: [],
        },
      ],
      targetGroups: [],
    };
    const p = plan(desiredOf(gateway()), observed);
    expect(p.changes.map((c) => [c.action, c.id])).toEqual([
      ['create', 'target-group:appliances'],
      ['create', 'listener:inspect:GENEVE'],
    ]);
  });
});
