/** A TLS listener's `alpnPolicy` in stack files: judged by the rulebook, and exported back. */
import { exportStack } from '../../../src/core/stack/export/export-stack';
import type { Observed } from '../../../src/core/stack/model';
import { CERT, problemsOf, SUBNETS, VPC, yaml } from './helpers';

const nlb = (listener: string) => yaml`
  version: 1
  stack: edge
  loadBalancers:
    - name: edge
      type: network
      scheme: internal
      subnets: ${SUBNETS}
      listeners:
        - ${listener}
  targetGroups:
    - { name: app, protocol: TCP, port: 8443, vpc: ${VPC} }
`;

describe('alpnPolicy in a stack file', () => {
  it('GIVEN a TLS listener with alpnPolicy HTTP2Preferred WHEN loaded THEN it is valid', () => {
    expect(
      problemsOf(
        nlb(
          `{ port: 443, protocol: TLS, certificates: [${CERT}], alpnPolicy: HTTP2Preferred, defaultAction: { forward: app } }`,
        ),
      ),
    ).toEqual([]);
  });

  it('GIVEN alpnPolicy on a TCP listener WHEN loaded THEN refused: TLS listeners only', () => {
    expect(
      problemsOf(nlb('{ port: 80, protocol: TCP, alpnPolicy: HTTP2Only, defaultAction: { forward: app } }')),
    ).toEqual([
      '9:48 E_PROTOCOL listener edge:80: an ALPN policy applies to TLS listeners (network load balancers); remove alpnPolicy or use TLS',
    ]);
  });

  it('GIVEN an unknown alpnPolicy WHEN loaded THEN the five are listed', () => {
    expect(
      problemsOf(
        nlb(
          `{ port: 443, protocol: TLS, certificates: [${CERT}], alpnPolicy: HTTP3, defaultAction: { forward: app } }`,
        ),
      ),
    ).toEqual([
      '9:150 E_ENUM alpnPolicy "HTTP3": unknown; use HTTP1Only, HTTP2Only, HTTP2Optional, HTTP2Preferred or None',
    ]);
  });
});

describe('alpnPolicy: export', () => {
  const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
  const observed = (alpnPolicy: string | undefined): Observed => ({
    loadBalancers: [
      {
        name: 'edge',
        arn: `${ACCOUNT}:loadbalancer/net/edge/1`,
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
            protocol: 'TLS',
            sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
            certificates: [CERT],
            defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: `${ACCOUNT}:targetgroup/app/1` }] }],
            ...(alpnPolicy !== undefined ? { alpnPolicy } : {}),
            tags: {},
            rules: [],
          },
        ],
      },
    ],
    targetGroups: [
      {
        name: 'app',
        arn: `${ACCOUNT}:targetgroup/app/1`,
        protocol: 'TCP',
        port: 8443,
        vpcId: VPC,
        targetType: 'instance',
        healthCheck: { enabled: true, protocol: 'TCP', port: 'traffic-port' },
        tags: {},
        attributes: {},
        targets: [],
        loadBalancerArns: [`${ACCOUNT}:loadbalancer/net/edge/1`],
      },
    ],
  });
  const listenerOf = (o: Observed) =>
    exportStack({ stack: 'edge', observed: o }).document.loadBalancers?.[0]?.listeners?.[0];

  it('GIVEN a TLS listener on HTTP2Preferred WHEN exported THEN alpnPolicy is written; None and absent are left out', () => {
    expect(listenerOf(observed('HTTP2Preferred'))?.alpnPolicy).toBe('HTTP2Preferred');
    expect(listenerOf(observed('None'))).not.toHaveProperty('alpnPolicy');
    expect(listenerOf(observed(undefined))).not.toHaveProperty('alpnPolicy');
  });

  it('GIVEN a policy elbctl does not know WHEN exported THEN it is left out with a warning naming it', () => {
    const r = exportStack({ stack: 'edge', observed: observed('HTTP3Only') });
    expect(r.document.loadBalancers?.[0]?.listeners?.[0]).not.toHaveProperty('alpnPolicy');
    expect(r.warnings).toContain(
      'listener edge:443: ALPN policy HTTP3Only not exported, elbctl does not know it; a plan leaves it as it is',
    );
  });
});
