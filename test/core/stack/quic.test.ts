/**
 * QUIC and TCP_QUIC on network load balancers in stack files (mock-only territory: moto 5.2.1
 * rejects QUIC): protocol pairing, no QUIC on dualstack, targets refused for want of QUIC server
 * IDs, and export leaving such registrations out, loudly.
 */
import { exportStack } from '../../../src/core/stack/export/export-stack';
import type { Observed } from '../../../src/core/stack/model';
import { plan } from '../../../src/core/stack/planner/plan-stack';
import { desiredOf, problemsOf, SUBNETS, VPC } from './helpers';

const stack = (lbExtra: string, listener: string, tgs: string) => `version: 1
stack: edge
loadBalancers:
  - name: edge
    type: network
    scheme: internal
    subnets: ${SUBNETS}${lbExtra}
    listeners:
      - ${listener}
targetGroups:
${tgs}`;

const QUIC_TG = `  - { name: quic, protocol: QUIC, port: 443, vpc: ${VPC} }\n`;
const TCP_QUIC_TG = `  - { name: both, protocol: TCP_QUIC, port: 443, vpc: ${VPC} }\n`;
const TCP_TG = `  - { name: tcp, protocol: TCP, port: 443, vpc: ${VPC} }\n`;

describe('QUIC in a stack file: validate', () => {
  it('GIVEN a QUIC listener forwarding to a QUIC group and a TCP_QUIC one to a TCP_QUIC group WHEN loaded THEN valid', () => {
    expect(problemsOf(stack('', '{ port: 443, protocol: QUIC, defaultAction: { forward: quic } }', QUIC_TG))).toEqual(
      [],
    );
    expect(
      problemsOf(stack('', '{ port: 443, protocol: TCP_QUIC, defaultAction: { forward: both } }', TCP_QUIC_TG)),
    ).toEqual([]);
  });

  it('GIVEN a TCP_QUIC listener forwarding to a TCP group WHEN loaded THEN it must be TCP_QUIC', () => {
    expect(problemsOf(stack('', '{ port: 443, protocol: TCP_QUIC, defaultAction: { forward: tcp } }', TCP_TG))).toEqual(
      [
        '9:68 E_PROTOCOL default action of listener edge:443: target group "tcp" (TCP): a TCP_QUIC listener forwards to TCP_QUIC target groups; forward to one of those',
      ],
    );
  });

  it('GIVEN a QUIC listener on a dualstack load balancer WHEN loaded THEN refused: the API takes QUIC on ipv4 only', () => {
    expect(
      problemsOf(
        stack(
          '\n    ipAddressType: dualstack',
          '{ port: 443, protocol: QUIC, defaultAction: { forward: quic } }',
          QUIC_TG,
        ),
      ),
    ).toEqual([
      '10:32 E_PROTOCOL listener edge:443: a QUIC listener needs an ipv4 network load balancer, this one is dualstack; use TCP or UDP, or set its ip address type to ipv4',
    ]);
  });

  it('GIVEN targets on a QUIC target group WHEN loaded THEN refused: their server IDs cannot be written', () => {
    const tg = `  - { name: quic, protocol: QUIC, port: 443, vpc: ${VPC}, targets: [{ id: i-0123456789abcdef0 }] }\n`;
    expect(problemsOf(stack('', '{ port: 443, protocol: QUIC, defaultAction: { forward: quic } }', tg))).toEqual([
      '11:83 E_TARGET target group "quic": a QUIC target group\'s targets each need a QUIC server ID, which elbctl does not register yet; leave targets out and register them with `aws elbv2 register-targets --target-group-arn ARN --targets Id=ID,QuicServerId=0x…`',
    ]);
  });

  it('GIVEN a TCP_QUIC stack WHEN planned from nothing THEN the listener and target group are created with their protocols', () => {
    const p = plan(
      desiredOf(stack('', '{ port: 443, protocol: TCP_QUIC, defaultAction: { forward: both } }', TCP_QUIC_TG)),
      { loadBalancers: [], targetGroups: [] },
    );
    expect(p.changes.find((c) => c.id === 'target-group:both')?.after).toMatchObject({
      protocol: 'TCP_QUIC',
      port: 443,
    });
    expect(p.changes.find((c) => c.id === 'listener:edge:443')?.after).toMatchObject({ protocol: 'TCP_QUIC' });
  });
});

describe('QUIC: export', () => {
  it('GIVEN a QUIC target group with registered targets WHEN exported THEN the group is written without its targets, with a warning', () => {
    const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
    const LB = `${ACCOUNT}:loadbalancer/net/edge/1`;
    const TG = `${ACCOUNT}:targetgroup/quic/1`;
    const o: Observed = {
      loadBalancers: [
        {
          name: 'edge',
          arn: LB,
          type: 'network',
          scheme: 'internal',
          subnets: ['subnet-0123456789abcdef0'],
          securityGroups: [],
          ipAddressType: 'ipv4',
          tags: {},
          attributes: {},
          listeners: [
            {
              arn: `${ACCOUNT}:listener/net/edge/1/1`,
              port: 443,
              protocol: 'QUIC',
              certificates: [],
              defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: TG }] }],
              tags: {},
              rules: [],
            },
          ],
        },
      ],
      targetGroups: [
        {
          name: 'quic',
          arn: TG,
          protocol: 'QUIC',
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
          tags: {},
          attributes: {},
          targets: [{ id: 'i-0123456789abcdef0', port: 443 }],
          loadBalancerArns: [LB],
        },
      ],
    };
    const r = exportStack({ stack: 'edge', observed: o });
    expect(r.document.targetGroups).toEqual([{ name: 'quic', protocol: 'QUIC', port: 443, vpc: VPC }]);
    expect(r.document.loadBalancers?.[0]?.listeners).toEqual([
      { port: 443, protocol: 'QUIC', defaultAction: { forward: 'quic' } },
    ]);
    expect(r.warnings).toEqual([
      'target group "quic": its 1 target registration not exported, a QUIC target needs a QUIC server ID, which stack files do not carry; elbctl leaves them as they are',
    ]);
  });
});
