/**
 * A stack's `tags:` (load balancers, target groups, listeners, rules): validated by the one tag
 * rule with elbctl's own tags counted, planned as additions, changes and removals next to the
 * ownership tags, left alone when the file does not declare them, and exported back. Also: a
 * rule that authenticates first keeps doing so when the stack changes where it forwards.
 */
import type { Action } from '../../../src/core/model';
import { describeChange } from '../../../src/core/stack/describe';
import { exportStack } from '../../../src/core/stack/export/export-stack';
import type { Observed } from '../../../src/core/stack/model';
import type { Change, Plan } from '../../../src/core/stack/plan';
import { plan } from '../../../src/core/stack/planner/plan-stack';
import { elementAt } from '../../support/narrow';
import { desiredOf, problemsOf, SUBNETS, VPC, yaml } from './helpers';

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const L80_ARN = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const RULE_ARN = `${ACCOUNT}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const forward = (name: string): Action => ({ type: 'forward', targetGroups: [{ targetGroupArn: tgArn(name) }] });
const OWNED = { 'elbctl:stack': 'shop' };

const FILE = (tags: { lb?: string; listener?: string; rule?: string; tg?: string }) => yaml`
  version: 1
  stack: shop
  loadBalancers:
    - name: web
      type: application
      subnets: ${SUBNETS}
      securityGroups: [sg-0123456789abcdef0]
      deletionProtection: false
      ${tags.lb ?? ''}
      listeners:
        - port: 80
          protocol: HTTP
          defaultAction: { forward: app }
          ${tags.listener ?? ''}
          rules:
            - name: api
              priority: 10
              conditions: { path: [/api/*] }
              action: { forward: app }
              ${tags.rule ?? ''}
  targetGroups:
    - name: app
      protocol: HTTP
      port: 80
      vpc: ${VPC}
      ${tags.tg ?? ''}
`;

/** The stack applied, each resource carrying `live` tags besides elbctl's own. */
function applied(live: { lb?: object; listener?: object; rule?: object; tg?: object } = {}): Observed {
  return {
    loadBalancers: [
      {
        name: 'web',
        arn: LB_ARN,
        type: 'application',
        scheme: 'internet-facing',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        securityGroups: ['sg-0123456789abcdef0'],
        ipAddressType: 'ipv4',
        tags: { ...OWNED, ...live.lb },
        attributes: {
          'deletion_protection.enabled': 'false',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
        },
        listeners: [
          {
            arn: L80_ARN,
            port: 80,
            protocol: 'HTTP',
            certificates: [],
            defaultActions: [forward('app')],
            tags: { ...OWNED, ...live.listener },
            rules: [
              {
                arn: RULE_ARN,
                priority: 10,
                conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
                actions: [forward('app')],
                tags: { ...OWNED, 'elbctl:rule': 'api', ...live.rule },
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
        healthCheck: { enabled: true, protocol: 'HTTP', port: 'traffic-port', path: '/' },
        tags: { ...OWNED, 'elbctl:name': 'app', ...live.tg },
        attributes: {},
        targets: [],
        loadBalancerArns: [LB_ARN],
      },
    ],
  };
}

const ids = (p: Plan) => p.changes.map((c) => `${c.action} ${c.id}`);
const change = (p: Plan, id: string): Change => {
  const c = p.change(id);
  if (!c) throw new Error(`no change ${id} in ${ids(p).join(', ')}`);
  return c;
};

describe('stack tags: validate', () => {
  it('GIVEN tags on every kind of resource, numbers among the values WHEN loaded THEN each becomes text', () => {
    const d = desiredOf(
      FILE({
        lb: 'tags: { env: prod }',
        listener: 'tags: { tier: edge }',
        rule: 'tags: { owner: api }',
        tg: 'tags: { cost-center: 1234 }',
      }),
    );
    expect(elementAt(d.loadBalancers, 0).tags).toEqual({ env: 'prod' });
    expect(elementAt(elementAt(d.loadBalancers, 0).listeners, 0).tags).toEqual({ tier: 'edge' });
    expect(elementAt(elementAt(elementAt(d.loadBalancers, 0).listeners, 0).rules, 0).tags).toEqual({ owner: 'api' });
    expect(elementAt(d.targetGroups, 0).tags).toEqual({ 'cost-center': '1234' });
  });

  it('GIVEN no tags anywhere WHEN loaded THEN no resource manages its tags', () => {
    const d = desiredOf(FILE({}));
    expect(elementAt(d.loadBalancers, 0).tags).toBeUndefined();
    expect(elementAt(d.targetGroups, 0).tags).toBeUndefined();
  });

  it('GIVEN reserved keys and a bad value WHEN validated THEN each is reported at its key, with the rulebook message', () => {
    expect(
      problemsOf(
        FILE({ lb: 'tags: { "elbctl:stack": other }', rule: 'tags: { "aws:owner": me }', tg: 'tags: { env: "a|b" }' }),
      ),
    ).toEqual([
      `9:29 E_TAG tag key "elbctl:stack": the "elbctl:" prefix is reserved for elbctl's own tags (which stack owns a resource); choose another key`,
      '20:34 E_TAG tag key "aws:owner": the "aws:" prefix is reserved by AWS; choose another key',
      '26:18 E_TAG tag "env": the value "a|b" may use letters, digits, spaces and _ . : / = + - @ only',
    ]);
  });

  it('GIVEN 49 tags on a rule WHEN validated THEN the 2 elbctl adds make 51: over the limit of 50', () => {
    const many = Array.from({ length: 49 }, (_, i) => `k${i}: v`).join(', ');
    expect(problemsOf(FILE({ rule: `tags: { ${many} }` }))).toEqual([
      '20:19 E_LIMIT tags: 49 given and 2 added by elbctl make 51, the limit is 50 per resource; remove 1',
    ]);
    expect(problemsOf(FILE({ lb: `tags: { ${many} }` }))).toEqual([]);
  });
});

describe('stack tags: plan', () => {
  it('GIVEN tags declared and none live WHEN planned THEN every resource is updated with its tags, nothing else', () => {
    const p = plan(
      desiredOf(
        FILE({
          lb: 'tags: { env: prod }',
          listener: 'tags: { tier: edge }',
          rule: 'tags: { owner: api }',
          tg: 'tags: { env: prod }',
        }),
      ),
      applied(),
    );
    expect(ids(p)).toEqual([
      'update target-group:app',
      'update load-balancer:web',
      'update listener:web:80',
      'update rule:web:80:api',
    ]);
    expect(change(p, 'load-balancer:web')).toMatchObject({ before: { tags: {} }, after: { tags: { env: 'prod' } } });
    expect(change(p, 'rule:web:80:api')).toMatchObject({ before: { tags: {} }, after: { tags: { owner: 'api' } } });
    expect(describeChange(change(p, 'target-group:app'))).toEqual(['~ target-group app', '    tag env=prod']);
  });

  it('GIVEN one tag changed, one removed and AWS and elbctl tags live WHEN planned THEN only the user tags change', () => {
    const p = plan(
      desiredOf(FILE({ lb: 'tags: { env: prod, team: shop }' })),
      applied({ lb: { env: 'prod', team: 'web', old: 'x', 'aws:cloudformation:stack-name': 'legacy' } }),
    );
    expect(ids(p)).toEqual(['update load-balancer:web']);
    expect(change(p, 'load-balancer:web')).toMatchObject({
      before: { tags: { team: 'web', old: 'x' } },
      after: { tags: { team: 'shop' } },
    });
    expect(describeChange(change(p, 'load-balancer:web'))).toEqual([
      '~ load-balancer web',
      '    tag team: web → shop',
      '    tag old: x → (removed)',
    ]);
  });

  it('GIVEN tags live but not declared WHEN planned THEN they are left alone; `tags: {}` removes them', () => {
    const live = applied({ tg: { team: 'web' } });
    expect(ids(plan(desiredOf(FILE({})), live))).toEqual([]);
    const p = plan(desiredOf(FILE({ tg: 'tags: {}' })), live);
    expect(change(p, 'target-group:app')).toMatchObject({ before: { tags: { team: 'web' } }, after: { tags: {} } });
  });

  it('GIVEN the declared tags live WHEN planned THEN the plan is empty', () => {
    const file = FILE({
      lb: 'tags: { env: prod }',
      listener: 'tags: { tier: edge }',
      rule: 'tags: { owner: api }',
      tg: 'tags: { env: prod }',
    });
    const live = applied({
      lb: { env: 'prod' },
      listener: { tier: 'edge' },
      rule: { owner: 'api' },
      tg: { env: 'prod' },
    });
    expect(plan(desiredOf(file), live).isEmpty).toBe(true);
  });

  it('GIVEN an untagged load balancer with other tags WHEN adopted with declared tags THEN ownership and the user tags go in one change', () => {
    const live = applied({ lb: { team: 'web' } });
    elementAt(live.loadBalancers, 0).tags = { team: 'web' };
    const p = plan(desiredOf(FILE({ lb: 'tags: { env: prod }' })), live);
    expect(change(p, 'load-balancer:web')).toMatchObject({
      action: 'adopt',
      before: { tags: { team: 'web' } },
      after: { tags: { 'elbctl:stack': 'shop', env: 'prod' } },
    });
  });

  it("GIVEN nothing live WHEN planned THEN creates carry the user tags with elbctl's, and the plan names them", () => {
    const p = plan(desiredOf(FILE({ lb: 'tags: { env: prod }', rule: 'tags: { owner: api }' })), {
      loadBalancers: [],
      targetGroups: [],
    });
    expect(change(p, 'load-balancer:web').after).toMatchObject({ tags: { 'elbctl:stack': 'shop', env: 'prod' } });
    expect(describeChange(change(p, 'rule:web:80:api'))).toEqual([
      '+ rule web:80:api',
      '    priority 10: path /api/* → forward → app',
      '    tags: owner=api',
    ]);
  });
});

describe('stack tags: export', () => {
  it('GIVEN live user, AWS and elbctl tags WHEN exported THEN only the user tags are written, and the file plans to nothing', () => {
    const live = applied({
      lb: { env: 'prod', 'aws:cloudformation:stack-name': 'legacy' },
      rule: { owner: 'api' },
      tg: { team: 'web' },
    });
    const { document } = exportStack({ stack: 'shop', observed: live });
    const lb = elementAt(document.loadBalancers ?? [], 0);
    expect(lb.tags).toEqual({ env: 'prod' });
    expect(elementAt(elementAt(lb.listeners ?? [], 0).rules ?? [], 0).tags).toEqual({ owner: 'api' });
    expect(elementAt(lb.listeners ?? [], 0).tags).toBeUndefined();
    expect(elementAt(document.targetGroups ?? [], 0).tags).toEqual({ team: 'web' });
  });
});

describe('a rule that authenticates first', () => {
  const oidc = { type: 'other', awsType: 'authenticate-oidc', raw: { Type: 'authenticate-oidc' } } as const;

  it('GIVEN a live rule authenticating, then forwarding as declared WHEN planned THEN nothing changes', () => {
    const live = applied();
    elementAt(elementAt(elementAt(live.loadBalancers, 0).listeners, 0).rules, 0).actions = [oidc, forward('app')];
    expect(plan(desiredOf(FILE({})), live).isEmpty).toBe(true);
  });

  it('GIVEN it forwards elsewhere than declared WHEN planned THEN only the routing action changes and the plan says authentication stays', () => {
    const live = applied();
    elementAt(elementAt(elementAt(live.loadBalancers, 0).listeners, 0).rules, 0).actions = [oidc, forward('old')];
    const p = plan(desiredOf(FILE({})), live);
    expect(change(p, 'rule:web:80:api')).toMatchObject({
      action: 'update',
      keepsActions: ['authenticate-oidc'],
      before: { action: { type: 'forward', targets: [{ targetGroup: 'old' }] } },
      after: { action: { type: 'forward', targets: [{ targetGroup: 'app' }] } },
    });
    expect(describeChange(change(p, 'rule:web:80:api'))).toEqual([
      '~ rule web:80:api',
      '    action: forward → old → forward → app',
      '    keeps authenticate-oidc before it',
    ]);
  });
});
