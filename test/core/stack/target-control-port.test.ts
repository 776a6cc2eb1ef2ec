/**
 * `targetControlPort` on target groups (the target optimizer's agent port, TargetControlPort):
 * judged by the rulebook, fixed at creation (a change replaces the group), not compared when left
 * out, exported back. moto 5.2.1 does not keep it: mock-only beyond the pure planner.
 */
import { exportStack } from '../../../src/core/stack/export/export-stack';
import { renderStackYaml } from '../../../src/core/stack/export/render-yaml';
import { loadStackOrThrow } from '../../../src/core/stack/load';
import type { Observed, ObservedTargetGroup } from '../../../src/core/stack/model';
import { plan } from '../../../src/core/stack/planner/plan-stack';
import { desiredOf, problemsOf, VPC } from './helpers';

const stack = (tg: string) => `version: 1
stack: shop
targetGroups:
  - { name: api, protocol: HTTP, port: 8080, vpc: ${VPC}${tg} }
`;

const ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067';
function live(over: Partial<ObservedTargetGroup> = {}): Observed {
  return {
    loadBalancers: [],
    targetGroups: [
      {
        name: 'api',
        arn: ARN,
        protocol: 'HTTP',
        port: 8080,
        vpcId: VPC,
        targetType: 'instance',
        healthCheck: {
          enabled: true,
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/',
          intervalSeconds: 30,
          timeoutSeconds: 5,
          healthyThreshold: 5,
          unhealthyThreshold: 2,
          matcher: '200',
        },
        tags: { 'elbctl:stack': 'shop', 'elbctl:name': 'api' },
        attributes: {},
        targets: [],
        loadBalancerArns: [],
        ...over,
      },
    ],
  };
}

describe('targetControlPort: validate', () => {
  it('GIVEN an HTTP target group with targetControlPort 3000 WHEN loaded THEN it is valid', () => {
    expect(problemsOf(stack(', targetControlPort: 3000'))).toEqual([]);
  });

  it('GIVEN port 0 WHEN loaded THEN the range is named', () => {
    expect(problemsOf(stack(', targetControlPort: 0'))).toEqual([
      '4:93 E_RANGE target control port "0": must be a whole number from 1 to 65535',
    ]);
  });

  it('GIVEN a TCP target group with targetControlPort WHEN loaded THEN refused: HTTP/HTTPS groups only', () => {
    expect(problemsOf(stack(', targetControlPort: 3000').replace('protocol: HTTP', 'protocol: TCP'))).toEqual([
      '4:92 E_TARGET_GROUP target group "api": a target control port (the target optimizer\'s agent) is for HTTP/HTTPS target groups of instance or ip targets behind an application load balancer; remove targetControlPort',
    ]);
  });
});

describe('targetControlPort: plan and export', () => {
  it('GIVEN nothing live WHEN planned THEN the create carries it', () => {
    const p = plan(desiredOf(stack(', targetControlPort: 3000')), { loadBalancers: [], targetGroups: [] });
    expect(p.changes[0]?.after).toMatchObject({ name: 'api', targetControlPort: 3000 });
  });

  it('GIVEN the live group on 3000 WHEN the file says 3001 THEN it is replaced (no call changes it), saying why', () => {
    const p = plan(desiredOf(stack(', targetControlPort: 3001')), live({ targetControlPort: 3000 }));
    const change = p.changes.find((c) => c.id === 'target-group:api');
    expect([change?.action, change?.before]).toEqual(['replace', { name: 'api', targetControlPort: 3000 }]);
    expect(p.warnings[0]).toMatch(
      /^target group "api": targetControlPort cannot change in place, so it is replaced by "api-/,
    );
  });

  it('GIVEN the live group on 3000 WHEN the file leaves it out THEN nothing changes', () => {
    expect(plan(desiredOf(stack('')), live({ targetControlPort: 3000 })).changes).toEqual([]);
  });

  it('GIVEN a live group with a target control port behind an ALB WHEN exported THEN it is written, and the export plans to adoptions only', () => {
    const o = live({ targetControlPort: 3000, tags: {} });
    const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1';
    o.loadBalancers = [
      {
        name: 'web',
        arn: LB,
        type: 'application',
        scheme: 'internal',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        securityGroups: ['sg-0123456789abcdef0'],
        ipAddressType: 'ipv4',
        tags: {},
        attributes: { 'routing.http.drop_invalid_header_fields.enabled': 'true' },
        listeners: [
          {
            arn: `${LB.replace(':loadbalancer/', ':listener/')}/1`,
            port: 80,
            protocol: 'HTTP',
            certificates: [],
            defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: ARN }] }],
            tags: {},
            rules: [],
          },
        ],
      },
    ];
    const r = exportStack({ stack: 'shop', observed: o });
    expect(r.document.targetGroups).toEqual([
      { name: 'api', protocol: 'HTTP', port: 8080, vpc: VPC, targetControlPort: 3000 },
    ]);
    const loaded = loadStackOrThrow(renderStackYaml(r.document, ['exported']), 'exported.yaml');
    expect(plan(loaded.stack, o).changes.map((c) => `${c.action} ${c.id}`)).toEqual([
      'adopt target-group:api',
      'adopt load-balancer:web',
      'adopt listener:web:80',
    ]);
  });
});
