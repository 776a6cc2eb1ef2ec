/**
 * The stack file's authenticate:, stickiness, regex conditions and transforms in the loader and
 * the planner (pure): what a file declares is compared, what it leaves out is kept, AWS's
 * defaults compare equal to a file that leaves them out, and a secret pasted where its
 * variable's name belongs is never echoed.
 */
import type { Action } from '../../../src/core/model';
import { loadStack } from '../../../src/core/stack/load';
import type { Observed } from '../../../src/core/stack/model';
import { plan } from '../../../src/core/stack/planner/plan-stack';
import { secretVariables } from '../../../src/core/stack/secrets';
import { CERT, desiredOf, SUBNETS, VPC } from './helpers';

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const OWNED = { 'elbctl:stack': 'shop' };

const OIDC_YAML = `oidc: { issuer: "https://idp.example.com", authorizationEndpoint: "https://idp.example.com/a", tokenEndpoint: "https://idp.example.com/t", userInfoEndpoint: "https://idp.example.com/u", clientId: shop, clientSecretEnv: SHOP_SECRET }`;
const OIDC: Action = {
  type: 'authenticate-oidc',
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/a',
  tokenEndpoint: 'https://idp.example.com/t',
  userInfoEndpoint: 'https://idp.example.com/u',
  clientId: 'shop',
};

function stack(rule: string): string {
  return `version: 1
stack: shop
loadBalancers:
  - name: web
    type: application
    subnets: ${SUBNETS}
    listeners:
      - port: 443
        protocol: HTTPS
        certificates: [${CERT}]
        defaultAction: { forward: app }
        rules:
          - name: admin
            priority: 10
            conditions: { path: [/admin/*] }
${rule}
targetGroups:
  - name: app
    protocol: HTTP
    port: 80
    vpc: ${VPC}
`;
}

function live(actions: Action[]): Observed {
  return {
    loadBalancers: [
      {
        name: 'web',
        arn: `${ACCOUNT}:loadbalancer/app/web/1`,
        type: 'application',
        scheme: 'internet-facing',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        securityGroups: [],
        ipAddressType: 'ipv4',
        tags: { ...OWNED },
        attributes: {
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
        },
        listeners: [
          {
            arn: `${ACCOUNT}:listener/app/web/1/2`,
            port: 443,
            protocol: 'HTTPS',
            sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
            certificates: [CERT],
            defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: tgArn('app') }] }],
            tags: { ...OWNED },
            rules: [
              {
                arn: `${ACCOUNT}:listener-rule/app/web/1/2/3`,
                priority: 10,
                conditions: [{ field: 'path-pattern', values: ['/admin/*'] }],
                actions,
                tags: { ...OWNED, 'elbctl:rule': 'admin' },
              },
            ],
          },
        ],
      },
    ],
    targetGroups: [
      {
        name: 'app',
        arn: tgArn('app'),
        protocol: 'HTTP',
        port: 80,
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
        tags: { ...OWNED, 'elbctl:name': 'app' },
        attributes: {},
        targets: [],
        loadBalancerArns: [],
      },
    ],
  };
}
const FORWARD: Action = { type: 'forward', targetGroups: [{ targetGroupArn: tgArn('app') }] };

describe('authenticate: in the planner', () => {
  it('GIVEN the live rule authenticates with AWS filling in its session defaults WHEN the file leaves those out THEN the plan is empty', () => {
    const withDefaults: Action = {
      ...OIDC,
      scope: 'openid',
      sessionCookieName: 'AWSELBAuthSessionCookie',
      sessionTimeout: 604800,
      onUnauthenticated: 'authenticate',
    };
    const p = plan(
      desiredOf(stack(`            authenticate: [{ ${OIDC_YAML} }]\n            action: { forward: app }`)),
      live([withDefaults, FORWARD]),
    );
    expect(p.changes).toEqual([]);
  });

  it('GIVEN a rule that authenticates WHEN the file leaves authenticate out THEN the plan is empty: the live actions are kept', () => {
    const p = plan(desiredOf(stack('            action: { forward: app }')), live([OIDC, FORWARD]));
    expect(p.changes).toEqual([]);
  });

  it('GIVEN a rule that authenticates WHEN the file changes the scope THEN one update shows before and after, naming the variable, and the apply needs no secret', () => {
    const p = plan(
      desiredOf(
        stack(
          `            authenticate: [{ ${OIDC_YAML.replace('clientId: shop', 'clientId: shop, scope: "openid email"')} }]\n            action: { forward: app }`,
        ),
      ),
      live([OIDC, FORWARD]),
    );
    expect(p.changes.map((c) => [c.id, c.action, c.before, c.after])).toEqual([
      [
        'rule:web:443:admin',
        'update',
        { authenticate: [OIDC] },
        { authenticate: [{ ...OIDC, clientSecretEnv: 'SHOP_SECRET', scope: 'openid email' }] },
      ],
    ]);
    expect([...secretVariables(p.changes, false)]).toEqual([]);
    expect([...secretVariables(p.changes, true)]).toEqual([['SHOP_SECRET', ['web:443:admin']]]);
  });

  it('GIVEN a rule without authentication WHEN the file adds OIDC THEN the apply needs the secret, for that rule', () => {
    const p = plan(
      desiredOf(stack(`            authenticate: [{ ${OIDC_YAML} }]\n            action: { forward: app }`)),
      live([FORWARD]),
    );
    expect([...secretVariables(p.changes, false)]).toEqual([['SHOP_SECRET', ['web:443:admin']]]);
  });
});

describe('authenticate: in the loader', () => {
  it('GIVEN a secret written where its variable name belongs WHEN loaded THEN the problem does not echo it', () => {
    const secret = 'k9/Zr+Qw3rty-s3cr3t==';
    const r = loadStack(
      stack(
        `            authenticate: [{ ${OIDC_YAML.replace('SHOP_SECRET', `"${secret}"`)} }]\n            action: { forward: app }`,
      ),
      'stack.yaml',
    );
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).toContain('clientSecretEnv: not an environment variable name');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('s3cr3t');
  });
});

describe('the post-quantum TLS default', () => {
  const https = (sslPolicy = '') =>
    desiredOf(
      stack('            action: { forward: app }').replace(
        `certificates: [${CERT}]`,
        `certificates: [${CERT}]${sslPolicy}`,
      ),
    );

  it('GIVEN no listener yet WHEN an HTTPS listener is planned without sslPolicy THEN it is created with ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', () => {
    const observed = live([FORWARD]);
    (observed.loadBalancers[0] as Observed['loadBalancers'][number]).listeners = [];
    const p = plan(https(), observed);
    const listener = p.changes.find((c) => c.type === 'listener');
    expect(listener?.action).toBe('create');
    expect(listener?.type === 'listener' && listener.after?.sslPolicy).toBe(
      'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    );
  });

  it('GIVEN a live HTTPS listener on the 2021-06 policy WHEN the file leaves sslPolicy out THEN the plan leaves it alone', () => {
    expect(plan(https(), live([FORWARD])).changes).toEqual([]);
  });

  it('GIVEN a live HTTPS listener on the 2021-06 policy WHEN the file writes the post-quantum one THEN the plan updates exactly the policy', () => {
    const p = plan(https('\n        sslPolicy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'), live([FORWARD]));
    expect(p.changes.map((c) => [c.id, c.action, c.before, c.after])).toEqual([
      [
        'listener:web:443',
        'update',
        { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
        { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' },
      ],
    ]);
  });
});

describe('target group protocol version and address type', () => {
  const tgStack = (extra: string, matcher = '') => `version: 1
stack: shop
targetGroups:
  - name: grpc
    protocol: HTTP
    port: 50051
    vpc: ${VPC}
    targetType: ip${extra}${matcher}
`;
  const observedGrpc = (protocolVersion: string | undefined, matcher: string): Observed => ({
    loadBalancers: [],
    targetGroups: [
      {
        ...(live([]).targetGroups[0] as Observed['targetGroups'][number]),
        name: 'grpc',
        arn: tgArn('grpc'),
        port: 50051,
        targetType: 'ip',
        ...(protocolVersion ? { protocolVersion } : {}),
        ipAddressType: 'ipv6',
        healthCheck: {
          ...(live([]).targetGroups[0] as Observed['targetGroups'][number]).healthCheck,
          path: '/AWS.ALB/healthcheck',
          matcher,
        },
        tags: { ...OWNED, 'elbctl:name': 'grpc' },
      },
    ],
  });

  it('GIVEN a GRPC target group with an HTTP matcher WHEN loaded THEN the matcher must be gRPC codes', () => {
    const r = loadStack(tgStack('\n    protocolVersion: GRPC', '\n    healthCheck: { matcher: "200" }'), 'stack.yaml');
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      'health check matcher "200": a GRPC target group takes gRPC codes from 0 to 99, such as 0, 0,12 or 0-99',
    ]);
  });

  it('GIVEN a protocol version on a TCP target group WHEN loaded THEN it is refused', () => {
    const r = loadStack(
      tgStack('\n    protocolVersion: HTTP2').replace('protocol: HTTP\n', 'protocol: TCP\n'),
      'stack.yaml',
    );
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      'target group "grpc": a protocol version (HTTP1, HTTP2, GRPC) applies to HTTP/HTTPS target groups only; remove protocolVersion',
    ]);
  });

  it('GIVEN a live GRPC ipv6 target group WHEN the file says the same THEN nothing changes; WHEN it says HTTP2 THEN it is replaced', () => {
    const same = desiredOf(
      tgStack('\n    protocolVersion: GRPC\n    ipAddressType: ipv6', '\n    healthCheck: { matcher: "0-99" }'),
    );
    expect(plan(same, observedGrpc('GRPC', '0-99')).changes).toEqual([]);
    const http2 = desiredOf(tgStack('\n    protocolVersion: HTTP2\n    ipAddressType: ipv6'));
    const change = plan(http2, observedGrpc('GRPC', '0-99')).changes[0];
    expect([change?.action, change?.before]).toEqual(['replace', { name: 'grpc', protocolVersion: 'GRPC' }]);
  });
});
