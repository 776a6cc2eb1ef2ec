import { type AlarmSpec, desiredAlarms, type LiveAlarm } from '../../../src/core/alarms/alarms';
import type { Action } from '../../../src/core/model';
import { describeChange, describeSummary } from '../../../src/core/stack/describe';
import type { DesiredStack, Observed, ObservedRule } from '../../../src/core/stack/model';
import { Plan, type Change } from '../../../src/core/stack/plan';
import { plan, planDestroy } from '../../../src/core/stack/planner/plan-stack';
import { replacementName } from '../../../src/core/stack/planner/target-groups';
import { elementAt } from '../../support/narrow';
import { desiredOf, SUBNETS, VPC, yaml } from './helpers';

// ------------------------------------------------------------------ the live side, written by hand

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const L80_ARN = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const ruleArn = (n: string) => `${ACCOUNT}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/${n}`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const OWNED = { 'elbctl:stack': 'shop' };
const forward = (...groups: Array<[string, number?]>): Action => ({
  type: 'forward',
  targetGroups: groups.map(([name, weight]) => ({ targetGroupArn: tgArn(name), weight: weight ?? 1 })),
});
const healthCheck = (path: string) => ({
  enabled: true,
  protocol: 'HTTP',
  port: 'traffic-port',
  path,
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  matcher: '200',
});
const managedRule = (name: string, priority: number, path: string, action: Action): ObservedRule => ({
  arn: ruleArn(name),
  priority,
  conditions: [{ field: 'path-pattern', values: [path] }],
  actions: [action],
  tags: { ...OWNED, 'elbctl:rule': name },
});

/** What AWS holds once BASE has been applied (with AWS's own extra attribute keys and defaults). */
function appliedBase(): Observed {
  return {
    loadBalancers: [
      {
        name: 'web',
        arn: LB_ARN,
        type: 'application',
        scheme: 'internet-facing',
        subnets: ['subnet-0123456789abcdef1', 'subnet-0123456789abcdef0'],
        securityGroups: ['sg-0123456789abcdef0'],
        ipAddressType: 'ipv4',
        tags: { ...OWNED },
        attributes: {
          'idle_timeout.timeout_seconds': '60',
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
          'routing.http2.enabled': 'true',
          'access_logs.s3.enabled': 'false',
        },
        listeners: [
          {
            arn: L80_ARN,
            port: 80,
            protocol: 'HTTP',
            certificates: [],
            defaultActions: [forward(['app'])],
            tags: { ...OWNED },
            rules: [managedRule('api', 10, '/api/*', forward(['api']))],
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
        healthCheck: healthCheck('/healthz'),
        tags: { ...OWNED, 'elbctl:name': 'app' },
        attributes: {
          'deregistration_delay.timeout_seconds': '300',
          'stickiness.enabled': 'false',
          'load_balancing.algorithm.type': 'round_robin',
        },
        targets: [{ id: 'i-0123456789abcdef0', port: 80 }],
        loadBalancerArns: [LB_ARN],
      },
      {
        name: 'api',
        arn: tgArn('api'),
        protocol: 'HTTP',
        port: 8080,
        vpcId: VPC,
        targetType: 'instance',
        healthCheck: healthCheck('/'),
        tags: { ...OWNED, 'elbctl:name': 'api' },
        attributes: { 'deregistration_delay.timeout_seconds': '300' },
        // Registered by an auto scaling group: the file does not list targets for "api".
        targets: [{ id: 'i-0fedcba9876543210', port: 8080 }],
        loadBalancerArns: [LB_ARN],
      },
    ],
  };
}

const BASE = yaml`
  version: 1
  stack: shop
  loadBalancers:
    - name: web
      type: application
      subnets: ${SUBNETS}
      securityGroups: [sg-0123456789abcdef0]
      attributes: { idle_timeout.timeout_seconds: 60 }
      listeners:
        - port: 80
          protocol: HTTP
          defaultAction: { forward: app }
          rules:
            - name: api
              priority: 10
              conditions: { path: [/api/*] }
              action: { forward: api }
  targetGroups:
    - name: app
      protocol: HTTP
      port: 80
      vpc: ${VPC}
      healthCheck: { path: /healthz }
      targets: [{ id: i-0123456789abcdef0 }]
    - name: api
      protocol: HTTP
      port: 8080
      vpc: ${VPC}
`;

/** BASE with one piece of text replaced (it must occur exactly once). */
function edited(...pairs: Array<[string, string]>): DesiredStack {
  let text = BASE;
  for (const [from, to] of pairs) {
    if (text.split(from).length !== 2) throw new Error(`"${from}" must occur once in BASE`);
    text = text.replace(from, to);
  }
  return desiredOf(text);
}

const ids = (p: Plan) => p.changes.map((c) => `${c.action} ${c.id}`);
const byId = (p: Plan, id: string): Change => {
  const c = p.change(id);
  if (!c) throw new Error(`no change ${id} in ${ids(p).join(', ')}`);
  return c;
};
function modify(change: (o: Observed) => void): Observed {
  const o = appliedBase();
  change(o);
  return o;
}
const listener80 = (o: Observed) => elementAt(elementAt(o.loadBalancers, 0).listeners, 0);

// ------------------------------------------------------------------ cases

describe('plan: from nothing', () => {
  it('GIVEN an empty account WHEN planned THEN everything is created, each change depending on what it needs', () => {
    const p = plan(desiredOf(BASE), { loadBalancers: [], targetGroups: [] });

    expect(ids(p)).toEqual([
      'create target-group:app',
      'create targets:app',
      'create target-group:api',
      'create load-balancer:web',
      'create attributes:load-balancer:web',
      'create listener:web:80',
      'create rule:web:80:api',
    ]);
    expect(p.summary).toEqual({ create: 7, update: 0, delete: 0, replace: 0, move: 0, adopt: 0 });
    expect(p.isEmpty).toBe(false);
    expect(p.isDestructive).toBe(false);
    expect(p.isBlocked).toBe(false);
    expect(byId(p, 'target-group:app')).toEqual({
      id: 'target-group:app',
      action: 'create',
      type: 'target-group',
      name: 'app',
      before: null,
      after: {
        name: 'app',
        protocol: 'HTTP',
        port: 80,
        vpc: VPC,
        targetType: 'instance',
        healthCheck: { path: '/healthz' },
        tags: { 'elbctl:stack': 'shop', 'elbctl:name': 'app' },
      },
      dependsOn: [],
    });
    expect(byId(p, 'targets:app')).toMatchObject({
      register: [{ id: 'i-0123456789abcdef0', port: 80 }],
      deregister: [],
      dependsOn: ['target-group:app'],
    });
    expect(byId(p, 'attributes:load-balancer:web')).toMatchObject({
      before: null,
      after: {
        'idle_timeout.timeout_seconds': '60',
        'deletion_protection.enabled': 'true',
        'routing.http.drop_invalid_header_fields.enabled': 'true',
      },
      dependsOn: ['load-balancer:web'],
    });
    expect(byId(p, 'listener:web:80')).toEqual({
      id: 'listener:web:80',
      action: 'create',
      type: 'listener',
      name: 'web:80',
      loadBalancer: 'web',
      port: 80,
      before: null,
      after: {
        protocol: 'HTTP',
        certificates: [],
        defaultAction: { type: 'forward', targets: [{ targetGroup: 'app' }] },
        tags: { 'elbctl:stack': 'shop' },
      },
      dependsOn: ['load-balancer:web', 'target-group:app'],
    });
    expect(byId(p, 'rule:web:80:api')).toEqual({
      id: 'rule:web:80:api',
      action: 'create',
      type: 'rule',
      name: 'web:80:api',
      loadBalancer: 'web',
      port: 80,
      rule: 'api',
      before: null,
      after: {
        priority: 10,
        conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
        action: { type: 'forward', targets: [{ targetGroup: 'api' }] },
        tags: { 'elbctl:stack': 'shop', 'elbctl:rule': 'api' },
      },
      dependsOn: ['listener:web:80', 'target-group:api'],
    });
  });
});

describe('describeChange', () => {
  it('GIVEN the plan from nothing WHEN described THEN each change reads as a header and indented details', () => {
    const p = plan(desiredOf(BASE), { loadBalancers: [], targetGroups: [] });
    expect(p.changes.flatMap(describeChange)).toEqual([
      '+ target-group app',
      '    HTTP:80 in vpc-0123456789abcdef0, instance targets',
      '    health check: path /healthz',
      '+ targets app',
      '    + i-0123456789abcdef0:80',
      '+ target-group api',
      '    HTTP:8080 in vpc-0123456789abcdef0, instance targets',
      '+ load-balancer web',
      '    application, internet-facing, ipv4',
      '    subnets: subnet-0123456789abcdef0, subnet-0123456789abcdef1',
      '    security groups: sg-0123456789abcdef0',
      '+ attributes of load-balancer web',
      '    idle_timeout.timeout_seconds = 60',
      '    deletion_protection.enabled = true',
      '    routing.http.drop_invalid_header_fields.enabled = true',
      '+ listener web:80',
      '    HTTP',
      '    default action: forward → app',
      '+ rule web:80:api',
      '    priority 10: path /api/* → forward → api',
    ]);
    expect(describeSummary(p)).toBe('7 to create');
  });
});

describe('plan: against live state', () => {
  it('GIVEN the stack already applied (AWS holding extra attribute keys and defaults) WHEN planned THEN the plan is empty', () => {
    const p = plan(desiredOf(BASE), appliedBase());
    expect(ids(p)).toEqual([]);
    expect(p.isEmpty).toBe(true);
    expect(p.toJSON()).toEqual({
      version: 1,
      stack: 'shop',
      changes: [],
      unmanaged: [],
      warnings: [],
      summary: { create: 0, update: 0, delete: 0, replace: 0, move: 0, adopt: 0 },
    });
  });

  it('GIVEN one declared attribute changed live and undeclared ones different WHEN planned THEN only the declared key is updated', () => {
    const observed = modify((o) => {
      const { attributes } = elementAt(o.loadBalancers, 0);
      attributes['idle_timeout.timeout_seconds'] = '300';
      attributes['routing.http2.enabled'] = 'false';
    });
    const p = plan(desiredOf(BASE), observed);
    expect(ids(p)).toEqual(['update attributes:load-balancer:web']);
    expect(byId(p, 'attributes:load-balancer:web')).toEqual({
      id: 'attributes:load-balancer:web',
      action: 'update',
      type: 'attributes',
      name: 'web',
      resource: 'load-balancer',
      resourceName: 'web',
      arn: LB_ARN,
      before: { 'idle_timeout.timeout_seconds': '300' },
      after: { 'idle_timeout.timeout_seconds': '60' },
      dependsOn: [],
    });
  });

  it('GIVEN deletion protection turned off live WHEN planned THEN the secure default turns it back on', () => {
    const observed = modify((o) => {
      elementAt(o.loadBalancers, 0).attributes['deletion_protection.enabled'] = 'false';
    });
    expect(byId(plan(desiredOf(BASE), observed), 'attributes:load-balancer:web')).toMatchObject({
      before: { 'deletion_protection.enabled': 'false' },
      after: { 'deletion_protection.enabled': 'true' },
    });
  });

  it('GIVEN a new priority for a rule WHEN planned THEN the rule moves and is never recreated', () => {
    const p = plan(edited(['priority: 10', 'priority: 20']), appliedBase());
    expect(ids(p)).toEqual(['move rule:web:80:api']);
    expect(byId(p, 'rule:web:80:api')).toEqual({
      id: 'rule:web:80:api',
      action: 'move',
      type: 'rule',
      name: 'web:80:api',
      loadBalancer: 'web',
      port: 80,
      rule: 'api',
      arn: ruleArn('api'),
      before: { priority: 10 },
      after: { priority: 20 },
      dependsOn: [],
    });
    expect(describeChange(byId(p, 'rule:web:80:api'))).toEqual(['↕ rule web:80:api priority 10 → 20']);
  });

  it('GIVEN two rules swapping priorities WHEN planned THEN two moves with no order between them (one SetRulePriorities call)', () => {
    const desired = edited(
      ['            priority: 10\n', '            priority: 11\n'],
      [
        '            action: { forward: api }\n',
        '            action: { forward: api }\n          - { name: docs, priority: 10, conditions: { path: [/docs/*] }, action: { forward: app } }\n',
      ],
    );
    const observed = modify((o) => {
      listener80(o).rules.push(managedRule('docs', 11, '/docs/*', forward(['app'])));
    });
    const p = plan(desired, observed);
    expect(ids(p)).toEqual(['move rule:web:80:api', 'move rule:web:80:docs']);
    expect(p.changes.map((c) => c.dependsOn)).toEqual([[], []]);
  });

  it('GIVEN a new rule taking the priority of a rule that moves away WHEN planned THEN the new rule waits for the move', () => {
    const desired = edited(
      ['            priority: 10\n', '            priority: 20\n'],
      [
        '        rules:\n',
        '        rules:\n          - { name: first, priority: 10, conditions: { path: [/first] }, action: { forward: app } }\n',
      ],
    );
    const p = plan(desired, appliedBase());
    expect(ids(p)).toEqual(['create rule:web:80:first', 'move rule:web:80:api']);
    expect(byId(p, 'rule:web:80:first').dependsOn).toEqual(['rule:web:80:api']);
    expect(byId(p, 'rule:web:80:api').dependsOn).toEqual([]);
  });

  it('GIVEN twin rules with one name tag (a retried CreateRule) WHEN planned THEN one is kept and the twin deleted', () => {
    const observed = modify((o) => {
      listener80(o).rules.push({ ...managedRule('api', 11, '/api/*', forward(['api'])), arn: ruleArn('api-twin') });
    });
    const p = plan(desiredOf(BASE), observed);
    expect(ids(p)).toEqual(['delete rule:web:80:api@11']);
    expect(byId(p, 'rule:web:80:api@11').arn).toBe(ruleArn('api-twin'));
  });

  it('GIVEN a new scheme for an owned load balancer WHEN planned THEN it is replaced, with its listeners and rules created again', () => {
    const p = plan(edited(['    type: application\n', '    type: application\n    scheme: internal\n']), appliedBase());
    expect(ids(p)).toEqual([
      'replace load-balancer:web',
      'create attributes:load-balancer:web',
      'create listener:web:80',
      'create rule:web:80:api',
    ]);
    expect(byId(p, 'load-balancer:web')).toMatchObject({
      arn: LB_ARN,
      before: { type: 'application', scheme: 'internet-facing' },
    });
    expect(byId(p, 'listener:web:80').dependsOn).toEqual(['load-balancer:web']);
    expect(p.warnings).toEqual([
      'load balancer "web": its type or scheme cannot change in place, so it is deleted and created again: it is offline in between and its DNS name changes',
    ]);
  });

  it('GIVEN changed rule conditions WHEN planned THEN the rule is updated in place with only the conditions', () => {
    const p = plan(edited(['path: [/api/*]', 'path: [/api/*, /v2/*]']), appliedBase());
    expect(ids(p)).toEqual(['update rule:web:80:api']);
    expect(byId(p, 'rule:web:80:api')).toMatchObject({
      arn: ruleArn('api'),
      before: { conditions: [{ field: 'path-pattern', values: ['/api/*'] }] },
      after: { conditions: [{ field: 'path-pattern', values: ['/api/*', '/v2/*'] }] },
    });
    expect(describeChange(byId(p, 'rule:web:80:api'))).toEqual([
      '~ rule web:80:api',
      '    conditions: path /api/* → path /api/*, /v2/*',
    ]);
  });

  it('GIVEN the same conditions in another order WHEN planned THEN nothing changes', () => {
    const observed = modify((o) => {
      elementAt(listener80(o).rules, 0).conditions = [{ field: 'path-pattern', values: ['/v2/*', '/api/*'] }];
    });
    expect(ids(plan(edited(['path: [/api/*]', 'path: [/api/*, /v2/*]']), observed))).toEqual([]);
  });

  it('GIVEN new weights for a weighted forward WHEN planned THEN the listener default action is updated', () => {
    const desired = edited([
      'defaultAction: { forward: app }',
      'defaultAction: { forward: [{ targetGroup: app, weight: 50 }, { targetGroup: api, weight: 50 }] }',
    ]);
    const observed = modify((o) => {
      listener80(o).defaultActions = [forward(['api', 10], ['app', 90])];
    });
    const p = plan(desired, observed);
    expect(ids(p)).toEqual(['update listener:web:80']);
    expect(byId(p, 'listener:web:80')).toMatchObject({
      arn: L80_ARN,
      before: {
        defaultAction: {
          type: 'forward',
          targets: [
            { targetGroup: 'api', weight: 10 },
            { targetGroup: 'app', weight: 90 },
          ],
        },
      },
      after: {
        defaultAction: {
          type: 'forward',
          targets: [
            { targetGroup: 'app', weight: 50 },
            { targetGroup: 'api', weight: 50 },
          ],
        },
      },
      dependsOn: [],
    });
    expect(describeChange(byId(p, 'listener:web:80'))).toEqual([
      '~ listener web:80',
      '    default action: forward → api=10, app=90 → forward → app=50, api=50',
    ]);
  });

  it('GIVEN a new port for a target group WHEN planned THEN it is replaced under a derived name, repointed, and the old one deleted last', () => {
    const p = plan(edited(['port: 8080', 'port: 9090']), appliedBase());
    const newName = replacementName('api', 'HTTP|9090|vpc-0123456789abcdef0|instance', new Set(['app', 'api']));
    expect(newName).toMatch(/^api-[0-9a-f]{4}$/);
    expect(ids(p)).toEqual(['replace target-group:api', 'update rule:web:80:api']);
    expect(byId(p, 'target-group:api')).toEqual({
      id: 'target-group:api',
      action: 'replace',
      type: 'target-group',
      name: 'api',
      arn: tgArn('api'),
      before: { name: 'api', port: 8080 },
      after: {
        name: newName,
        protocol: 'HTTP',
        port: 9090,
        vpc: VPC,
        targetType: 'instance',
        healthCheck: {},
        tags: { 'elbctl:stack': 'shop', 'elbctl:name': 'api' },
      },
      dependsOn: [],
      deleteOldAfter: ['rule:web:80:api'],
    });
    expect(byId(p, 'rule:web:80:api')).toMatchObject({
      before: { action: { type: 'forward', targets: [{ targetGroup: 'api', weight: 1 }] } },
      after: { action: { type: 'forward', targets: [{ targetGroup: newName }] } },
      dependsOn: ['target-group:api'],
    });
    expect(p.isDestructive).toBe(true);
    expect(p.warnings).toEqual([
      `target group "api": port cannot change in place, so it is replaced by "${newName}" and the old one deleted once nothing forwards to it; targets registered by other tools (auto scaling, ECS) are not moved: attach them to "${newName}"`,
    ]);
    expect(describeChange(byId(p, 'target-group:api'))).toEqual([
      `-/+ target-group api → ${newName}`,
      '    port: 8080 → 9090 (forces replacement)',
    ]);
  });

  it('GIVEN a target group already replaced (tagged with its file name) WHEN planned again THEN it is matched by its tag and nothing changes', () => {
    const observed = modify((o) => {
      const api = elementAt(o.targetGroups, 1);
      api.name = 'api-5e1b';
      api.arn = tgArn('api-5e1b');
      api.port = 9090;
      elementAt(listener80(o).rules, 0).actions = [forward(['api-5e1b'])];
    });
    expect(ids(plan(edited(['port: 8080', 'port: 9090']), observed))).toEqual([]);
  });

  it('GIVEN untagged resources with the declared names WHEN planned THEN they are adopted (tagged), then updated as needed', () => {
    const observed = modify((o) => {
      const lb = elementAt(o.loadBalancers, 0);
      lb.tags = {};
      const listener = elementAt(lb.listeners, 0);
      listener.tags = {};
      listener.rules = [{ ...elementAt(listener.rules, 0), tags: {} }];
      const app = elementAt(o.targetGroups, 0);
      app.tags = { team: 'web' };
      app.healthCheck.path = '/';
    });
    const p = plan(desiredOf(BASE), observed);
    expect(ids(p)).toEqual([
      'adopt target-group:app',
      'adopt load-balancer:web',
      'adopt listener:web:80',
      'adopt rule:web:80:api',
    ]);
    expect(byId(p, 'target-group:app')).toEqual({
      id: 'target-group:app',
      action: 'adopt',
      type: 'target-group',
      name: 'app',
      arn: tgArn('app'),
      before: { tags: {}, healthCheck: { path: '/' } },
      after: { tags: { 'elbctl:stack': 'shop', 'elbctl:name': 'app' }, healthCheck: { path: '/healthz' } },
      dependsOn: [],
    });
    expect(byId(p, 'rule:web:80:api')).toMatchObject({
      before: { tags: {} },
      after: { tags: { 'elbctl:stack': 'shop', 'elbctl:rule': 'api' } },
    });
    expect(p.isDestructive).toBe(false);
    expect(describeChange(byId(p, 'target-group:app'))).toEqual([
      '⇐ target-group app',
      '    tag elbctl:stack=shop',
      '    tag elbctl:name=app',
      '    health check path: / → /healthz',
    ]);
  });

  it('GIVEN an unmanaged rule holding a priority the file asks for WHEN planned THEN the collision is listed apart and blocks the apply', () => {
    const observed = modify((o) => {
      listener80(o).rules = [
        {
          arn: ruleArn('manual'),
          priority: 10,
          conditions: [{ field: 'host-header', values: ['old.example.com'] }],
          actions: [forward(['app'])],
          tags: {},
        },
      ];
    });
    const p = plan(desiredOf(BASE), observed);
    expect(ids(p)).toEqual(['create rule:web:80:api']);
    expect(p.unmanaged).toEqual([
      {
        type: 'rule',
        name: 'web:80:10',
        arn: ruleArn('manual'),
        reason: 'priority-in-use',
        message:
          'rule at priority 10 on listener web:80 is not managed by stack "shop", and rule "api" asks for that priority; give "api" another priority in the stack file, or move the other rule (`elbctl rule move web:80:10 --priority N`)',
        blocks: ['rule:web:80:api'],
      },
    ]);
    expect(p.isBlocked).toBe(true);
    expect(p.toJSON().unmanaged).toHaveLength(1);
  });

  it('GIVEN an unmanaged rule and a rule with no written priority WHEN planned THEN the new rule takes the next free priority and nothing is blocked', () => {
    const observed = modify((o) => {
      listener80(o).rules = [
        {
          arn: ruleArn('manual'),
          priority: 1,
          conditions: [{ field: 'host-header', values: ['old.example.com'] }],
          actions: [forward(['app'])],
          tags: {},
        },
      ];
    });
    const p = plan(edited(['            priority: 10\n', '']), observed);
    expect(ids(p)).toEqual(['create rule:web:80:api']);
    expect(byId(p, 'rule:web:80:api').after).toMatchObject({ priority: 2 });
    expect(p.unmanaged).toEqual([]);
  });

  it('GIVEN an adopted listener with rules at 10 and 20 WHEN a rule without a priority is planned THEN it goes after the last one (21), as rule add does, and the plan says so', () => {
    const untagged = (n: string, priority: number): ObservedRule => ({
      arn: ruleArn(n),
      priority,
      conditions: [{ field: 'host-header', values: [`${n}.example.com`] }],
      actions: [forward(['app'])],
      tags: {},
    });
    const observed = modify((o) => {
      listener80(o).rules = [untagged('ten', 10), untagged('twenty', 20)];
    });
    const p = plan(edited(['            priority: 10\n', '']), observed);
    expect(ids(p)).toEqual(['create rule:web:80:api']);
    expect(byId(p, 'rule:web:80:api').after).toMatchObject({ priority: 21 });
    expect(p.warnings).toContain(
      'rule "api" on web:80: no priority in the file, so it goes after the listener\'s last existing rule (20), at 21, as `elbctl rule add` does; write a priority to place it elsewhere',
    );
    expect(p.unmanaged).toEqual([]);
  });

  it('GIVEN an untagged rule identical to a declared one WHEN planned THEN it is adopted, not reported as a collision', () => {
    const observed = modify((o) => {
      elementAt(listener80(o).rules, 0).tags = {};
    });
    const p = plan(desiredOf(BASE), observed);
    expect(ids(p)).toEqual(['adopt rule:web:80:api']);
    expect(p.unmanaged).toEqual([]);
  });

  it('GIVEN an unmanaged rule the file does not mention WHEN planned THEN it is left alone: never deleted', () => {
    const observed = modify((o) => {
      listener80(o).rules.push({
        arn: ruleArn('manual'),
        priority: 99,
        conditions: [{ field: 'path-pattern', values: ['/legacy'] }],
        actions: [forward(['app'])],
        tags: { team: 'ops' },
      });
    });
    expect(ids(plan(desiredOf(BASE), observed))).toEqual([]);
  });

  it('GIVEN an owned rule removed from the file WHEN planned THEN it is deleted, and a new rule waits for its priority', () => {
    const desired = edited(['          - name: api\n', '          - name: api2\n']);
    const p = plan(desired, appliedBase());
    expect(ids(p)).toEqual(['delete rule:web:80:api', 'create rule:web:80:api2']);
    expect(byId(p, 'rule:web:80:api')).toMatchObject({
      arn: ruleArn('api'),
      before: {
        priority: 10,
        conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
        action: { type: 'forward', targets: [{ targetGroup: 'api', weight: 1 }] },
      },
      after: null,
    });
    expect(byId(p, 'rule:web:80:api2').dependsOn).toEqual(['rule:web:80:api']);
    expect(p.isDestructive).toBe(true);
    expect(describeChange(byId(p, 'rule:web:80:api'))).toEqual([
      '- rule web:80:api',
      '    priority 10: path /api/* → forward → api',
    ]);
  });

  it('GIVEN an owned target group and load balancer removed from the file WHEN planned THEN both are deleted, the target group after the load balancer', () => {
    const desired = desiredOf(yaml`
      version: 1
      stack: shop
      targetGroups:
        - { name: app, protocol: HTTP, port: 80, vpc: ${VPC}, healthCheck: { path: /healthz }, targets: [{ id: i-0123456789abcdef0 }] }
    `);
    const p = plan(desired, appliedBase());
    expect(ids(p)).toEqual(['delete load-balancer:web', 'delete target-group:api']);
    expect(byId(p, 'load-balancer:web')).toMatchObject({
      arn: LB_ARN,
      deletionProtection: true,
      after: null,
      dependsOn: [],
    });
    expect(byId(p, 'target-group:api')).toEqual({
      id: 'target-group:api',
      action: 'delete',
      type: 'target-group',
      name: 'api',
      arn: tgArn('api'),
      before: { name: 'api', protocol: 'HTTP', port: 8080, vpc: VPC, targetType: 'instance' },
      after: null,
      dependsOn: ['load-balancer:web'],
    });
    expect(p.warnings).toEqual([
      'load balancer "web": deletion protection is on; deleting it means turning protection off first',
    ]);
    expect(describeChange(byId(p, 'load-balancer:web'))).toEqual(['- load-balancer web (deletion protection on)']);
  });

  it('GIVEN an owned target group still used by an unmanaged rule WHEN its deletion is planned THEN the rule is reported as standing in the way', () => {
    const observed = modify((o) => {
      listener80(o).rules.push({
        arn: ruleArn('manual'),
        priority: 99,
        conditions: [{ field: 'path-pattern', values: ['/x'] }],
        actions: [forward(['api'])],
        tags: {},
      });
    });
    const desired = edited(
      ['            action: { forward: api }', '            action: { forward: app }'],
      [`  - name: api\n    protocol: HTTP\n    port: 8080\n    vpc: ${VPC}\n`, ''],
    );
    const p = plan(desired, observed);
    expect(ids(p)).toEqual(['update rule:web:80:api', 'delete target-group:api']);
    expect(byId(p, 'target-group:api').dependsOn).toEqual(['rule:web:80:api']);
    expect(p.unmanaged).toEqual([
      {
        type: 'target-group',
        name: 'api',
        arn: tgArn('api'),
        reason: 'in-use',
        message:
          'target group "api": the plan would delete it, but rule web:80:99 (not managed by stack "shop") still forwards to it; point it elsewhere first',
        blocks: ['target-group:api'],
      },
    ]);
  });

  it('GIVEN targets added to and removed from the file WHEN planned THEN one change registers and deregisters the difference', () => {
    const desired = edited([
      'targets: [{ id: i-0123456789abcdef0 }]',
      'targets: [{ id: i-0aaaaaaaaaaaaaaa1 }, { id: i-0123456789abcdef0, port: 80 }]',
    ]);
    const observed = modify((o) => {
      elementAt(o.targetGroups, 0).targets.push({ id: 'i-0bbbbbbbbbbbbbbb2', port: 80 });
    });
    const p = plan(desired, observed);
    expect(ids(p)).toEqual(['update targets:app']);
    expect(byId(p, 'targets:app')).toEqual({
      id: 'targets:app',
      action: 'update',
      type: 'targets',
      name: 'app',
      targetGroup: 'app',
      arn: tgArn('app'),
      before: [
        { id: 'i-0123456789abcdef0', port: 80 },
        { id: 'i-0bbbbbbbbbbbbbbb2', port: 80 },
      ],
      after: [
        { id: 'i-0aaaaaaaaaaaaaaa1', port: 80 },
        { id: 'i-0123456789abcdef0', port: 80 },
      ],
      register: [{ id: 'i-0aaaaaaaaaaaaaaa1', port: 80 }],
      deregister: [{ id: 'i-0bbbbbbbbbbbbbbb2', port: 80 }],
      dependsOn: [],
    });
    expect(p.isDestructive).toBe(true);
    expect(describeChange(byId(p, 'targets:app'))).toEqual([
      '~ targets app',
      '    + i-0aaaaaaaaaaaaaaa1:80',
      '    - i-0bbbbbbbbbbbbbbb2:80',
    ]);
  });

  it('GIVEN a target group whose file lists no targets WHEN planned THEN registrations made by others are left alone', () => {
    const observed = modify((o) => {
      elementAt(o.targetGroups, 1).targets.push({ id: 'i-0ccccccccccccccc3', port: 8080 });
    });
    expect(ids(plan(desiredOf(BASE), observed))).toEqual([]);
  });

  it('GIVEN a load balancer owned by another stack WHEN planned THEN it is reported, never touched', () => {
    const observed = modify((o) => {
      elementAt(o.loadBalancers, 0).tags = { 'elbctl:stack': 'billing' };
    });
    const p = plan(desiredOf(BASE), observed);
    expect(ids(p)).toEqual([]);
    expect(p.unmanaged).toEqual([
      {
        type: 'load-balancer',
        name: 'web',
        arn: LB_ARN,
        reason: 'owned-by-another-stack',
        message:
          'load balancer "web": belongs to stack "billing" (tag elbctl:stack=billing); rename it in this stack file, or remove it from stack "billing" first',
        blocks: ['load-balancer:web'],
      },
    ]);
  });

  it('GIVEN a network load balancer turning cross-zone on WHEN planned THEN the plan warns about inter-AZ charges', () => {
    const desired = desiredOf(
      `version: 1\nstack: shop\nloadBalancers:\n  - { name: tcp, type: network, scheme: internal, subnets: ${SUBNETS}, crossZone: true }\n`,
    );
    const p = plan(desired, { loadBalancers: [], targetGroups: [] });
    expect(p.warnings).toEqual([
      'load balancer "tcp": cross-zone load balancing turns on; inter-AZ data transfer is charged for cross-zone traffic on network load balancers: every request sent to a target in another availability zone is billed',
    ]);
  });
});

describe('plan: destroy', () => {
  it('GIVEN the applied stack WHEN destroy is planned THEN every owned resource is deleted, target groups after what uses them', () => {
    const observed = modify((o) => {
      o.targetGroups.push({
        name: 'other',
        arn: tgArn('other'),
        targetType: 'instance',
        protocol: 'HTTP',
        port: 80,
        vpcId: VPC,
        healthCheck: healthCheck('/'),
        tags: { 'elbctl:stack': 'billing' },
        attributes: {},
        targets: [],
        loadBalancerArns: [],
      });
    });
    const p = planDestroy('shop', observed);
    expect(ids(p)).toEqual(['delete load-balancer:web', 'delete target-group:app', 'delete target-group:api']);
    expect(p.changes.map((c) => c.dependsOn)).toEqual([[], ['load-balancer:web'], ['load-balancer:web']]);
    expect(describeSummary(p)).toBe('3 to delete');
  });
});

describe('plan: destroy with rules the stack does not own', () => {
  it('GIVEN an untagged rule on an owned listener WHEN destroy is planned THEN the plan is blocked naming that rule, so it survives', () => {
    const observed = modify((o) => {
      const listener = o.loadBalancers[0]?.listeners[0];
      listener?.rules.push({
        arn: ruleArn('outsider'),
        priority: 900,
        conditions: [{ field: 'path-pattern', values: ['/x'] }],
        actions: [forward(['api'])],
        tags: {},
      });
    });
    const p = planDestroy('shop', observed);
    expect(p.isBlocked).toBe(true);
    expect(p.unmanaged).toEqual([
      expect.objectContaining({
        type: 'rule',
        arn: ruleArn('outsider'),
        reason: 'in-use',
        blocks: ['load-balancer:web'],
        message: expect.stringMatching(
          /^listener web:80: holds a rule not managed by stack "shop" \(priority 900\); deleting the load balancer would delete it too/,
        ),
      }),
    ]);
  });
});

describe('Plan as a value', () => {
  it('GIVEN a plan written as JSON WHEN read back THEN it is the same plan with the same getters', () => {
    const p = plan(edited(['port: 8080', 'port: 9090']), appliedBase());
    const back = Plan.fromJSON(JSON.parse(JSON.stringify(p)));
    expect(back.toJSON()).toEqual(p.toJSON());
    expect(back.isDestructive).toBe(true);
    expect(back.summary).toEqual({ create: 0, update: 1, delete: 0, replace: 1, move: 0, adopt: 0 });
  });

  it.each([
    [null, 'plan file: not a JSON object; create it again with `elbctl plan -f FILE --out plan.json`'],
    [
      { version: 2, stack: 'a', changes: [] },
      'plan file: version 2 is not supported (this elbctl writes version 1); create it again with `elbctl plan -f FILE --out plan.json`',
    ],
    [
      { version: 1, stack: 'a', changes: [{ id: 'x', action: 'explode', type: 'rule', name: 'x', dependsOn: [] }] },
      'plan file: change #1 is not a change (id, action, type, name, dependsOn); create it again with `elbctl plan -f FILE --out plan.json`',
    ],
    [
      { version: 1, stack: 'a', changes: [{ id: 'x', action: 'create', type: 'rule', name: 'x', dependsOn: ['y'] }] },
      'plan file: change "x" depends on unknown change "y"; create it again with `elbctl plan -f FILE --out plan.json`',
    ],
  ])('GIVEN the plan file %j WHEN read THEN it is refused: %s', (value, message) => {
    expect(() => Plan.fromJSON(value)).toThrow(message);
  });
});

describe('plan: weights set outside the file, and shifts in progress', () => {
  const sticky = (seconds: number, ...groups: Array<[string, number?]>): Action => ({
    ...(forward(...groups) as Extract<Action, { type: 'forward' }>),
    stickinessSeconds: seconds,
  });
  const EXTERNAL = [
    'defaultAction: { forward: app }',
    'defaultAction: { forward: [{ targetGroup: app, weight: 100 }, { targetGroup: api, weight: 0 }], weights: external }',
  ] as [string, string];

  it.each([
    ['a shift at 75/25', [forward(['app', 75], ['api', 25])]],
    ['a finished shift (plain forward to the new group)', [forward(['api'])]],
    ['the starting forward', [forward(['app'])]],
    ['group stickiness set by the shift', [sticky(300, ['app', 50], ['api', 50])]],
  ])('GIVEN weights: external and %s WHEN planned THEN the plan is empty', (_what, actions) => {
    const p = plan(
      edited(EXTERNAL),
      modify((o) => {
        listener80(o).defaultActions = actions as Action[];
      }),
    );
    expect(ids(p)).toEqual([]);
  });

  it('GIVEN weights: external and a target group the file does not list WHEN planned THEN the forward is written with the live weights kept', () => {
    const p = plan(
      edited(EXTERNAL),
      modify((o) => {
        listener80(o).defaultActions = [sticky(120, ['app', 40], ['old', 60])];
      }),
    );
    expect(ids(p)).toEqual(['update listener:web:80']);
    expect(byId(p, 'listener:web:80').after).toEqual({
      defaultAction: {
        type: 'forward',
        targets: [
          { targetGroup: 'app', weight: 40 },
          { targetGroup: 'api', weight: 0 },
        ],
        externalWeights: true,
        stickinessSeconds: 120,
      },
    });
    expect(describeChange(byId(p, 'listener:web:80'))).toEqual([
      '~ listener web:80',
      '    default action: forward → app=40, old=60 (sticky 120s) → forward → app=40, api=0 (sticky 120s) (weights: external)',
    ]);
  });

  it('GIVEN weights: external on a redirect WHEN validated THEN refused: it goes with a forward', () => {
    expect(() =>
      desiredOf(
        BASE.replace(
          'defaultAction: { forward: app }',
          'defaultAction: { redirect: { protocol: HTTPS, port: 443 }, weights: external }',
        ),
      ),
    ).toThrow('default action of listener web:80: weights: external goes with a forward; remove it');
  });

  const SHIFTING = {
    'elbctl:shift': 'v1 id=9f3a2b1c state=running step=1 started=2026-12-06T10:00:00.000Z',
    'elbctl:shift:route': `from=targetgroup/app/73e2d6bc24d8a067 to=targetgroup/api/73e2d6bc24d8a067`,
    'elbctl:shift:plan': 'steps=10.50.100 bake=300 interval=60 min-requests=100 keep-weighted=no origin=plain',
  };

  it('GIVEN a shift recorded on the listener and a file without weights: external WHEN planned THEN the update is blocked, pointing to shift status and abort', () => {
    const p = plan(
      desiredOf(BASE),
      modify((o) => {
        listener80(o).defaultActions = [forward(['app', 50], ['api', 50])];
        listener80(o).tags = { ...OWNED, ...SHIFTING };
      }),
    );
    expect(ids(p)).toEqual(['update listener:web:80']);
    expect(p.isBlocked).toBe(true);
    expect(p.unmanaged).toEqual([
      {
        type: 'listener',
        name: 'web:80',
        arn: L80_ARN,
        reason: 'shift-in-progress',
        message:
          'listener web:80: a shift to "api" is in progress (step 2 of 3), and the plan would change its forward under it; let it finish, or see `elbctl shift status web:80` and `elbctl shift abort web:80`; declare weights: external on this forward to leave its weights to the shift',
        blocks: ['listener:web:80'],
      },
    ]);
  });

  it('GIVEN a shift recorded and weights: external WHEN planned THEN nothing to do and nothing blocked', () => {
    const p = plan(
      edited(EXTERNAL),
      modify((o) => {
        listener80(o).defaultActions = [forward(['app', 50], ['api', 50])];
        listener80(o).tags = { ...OWNED, ...SHIFTING };
      }),
    );
    expect(ids(p)).toEqual([]);
    expect(p.isBlocked).toBe(false);
  });

  it('GIVEN a shift recorded on a rule the file changes WHEN planned THEN that rule update is blocked', () => {
    const p = plan(
      edited(['action: { forward: api }', 'action: { forward: app }']),
      modify((o) => {
        const rule = elementAt(listener80(o).rules, 0);
        rule.tags = { ...rule.tags, ...SHIFTING };
      }),
    );
    expect(p.unmanaged.map((u) => [u.type, u.name, u.reason, u.blocks])).toEqual([
      ['rule', 'web:80:10', 'shift-in-progress', ['rule:web:80:api']],
    ]);
  });
});

describe('plan: alarms', () => {
  const WITH_ALARMS = [
    'attributes: { idle_timeout.timeout_seconds: 60 }\n',
    'attributes: { idle_timeout.timeout_seconds: 60 }\n    alarms: { overrides: { p99-latency: { threshold: 0.8 } } }\n',
  ] as [string, string];
  const liveAlarmsFor = (stackTag: string | undefined, change?: (a: AlarmSpec) => AlarmSpec): LiveAlarm[] => {
    const specs = [
      ...desiredAlarms(
        {
          loadBalancer: { name: 'web', arn: LB_ARN, type: 'application' },
          targetGroups: [
            { name: 'app', arn: tgArn('app') },
            { name: 'api', arn: tgArn('api') },
          ],
          covers: 'load-balancer',
        },
        { preset: 'recommended', overrides: { 'p99-latency': { threshold: 0.8 } } },
      ),
    ];
    return specs.map((s) => ({
      spec: change ? change(s) : s,
      arn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${s.name}`,
      state: 'OK',
      tags: { 'elbctl:alarm': s.name.split('/').at(-1) as string, ...(stackTag ? { 'elbctl:stack': stackTag } : {}) },
    }));
  };
  const withAlarms = (alarms: LiveAlarm[]) =>
    modify((o) => {
      elementAt(o.loadBalancers, 0).alarms = alarms;
    });

  it('GIVEN alarms: declared and none live WHEN planned THEN one create per alarm, for the load balancer and each target group it forwards to', () => {
    const p = plan(edited(WITH_ALARMS), withAlarms([]));
    expect(ids(p)).toEqual([
      'create alarm:elbctl/web/elb-5xx',
      'create alarm:elbctl/web/app/unhealthy-hosts',
      'create alarm:elbctl/web/app/no-healthy-hosts',
      'create alarm:elbctl/web/app/target-5xx-rate',
      'create alarm:elbctl/web/app/p99-latency',
      'create alarm:elbctl/web/api/unhealthy-hosts',
      'create alarm:elbctl/web/api/no-healthy-hosts',
      'create alarm:elbctl/web/api/target-5xx-rate',
      'create alarm:elbctl/web/api/p99-latency',
    ]);
    expect(byId(p, 'alarm:elbctl/web/api/p99-latency')).toEqual({
      id: 'alarm:elbctl/web/api/p99-latency',
      action: 'create',
      type: 'alarm',
      name: 'elbctl/web/api/p99-latency',
      before: null,
      after: {
        key: 'p99-latency',
        type: 'application',
        loadBalancer: 'web',
        targetGroup: 'api',
        preset: 'recommended',
        override: { threshold: 0.8 },
      },
      dependsOn: [],
    });
    expect(describeChange(byId(p, 'alarm:elbctl/web/api/p99-latency'))).toEqual([
      '+ alarm elbctl/web/api/p99-latency',
      '    recommended p99-latency (threshold 0.8)',
    ]);
  });

  it('GIVEN the alarms already made by the stack WHEN planned THEN nothing to do', () => {
    expect(ids(plan(edited(WITH_ALARMS), withAlarms(liveAlarmsFor('shop'))))).toEqual([]);
  });

  it('GIVEN a threshold changed by hand WHEN planned THEN that alarm is updated, naming the field', () => {
    const live = liveAlarmsFor('shop', (a) => (a.name === 'elbctl/web/elb-5xx' ? { ...a, threshold: 50 } : a));
    const p = plan(edited(WITH_ALARMS), withAlarms(live));
    expect(ids(p)).toEqual(['update alarm:elbctl/web/elb-5xx']);
    expect(describeChange(byId(p, 'alarm:elbctl/web/elb-5xx'))).toEqual([
      '~ alarm elbctl/web/elb-5xx',
      '    recommended elb-5xx',
      '    differs: threshold',
    ]);
  });

  it('GIVEN alarms made by `elbctl alarms create` WHEN the stack declares them THEN they are adopted', () => {
    const p = plan(edited(WITH_ALARMS), withAlarms(liveAlarmsFor(undefined)));
    expect(p.summary.adopt).toBe(9);
  });

  it('GIVEN an alarm the file now leaves out WHEN planned THEN the stack deletes it; an alarm it did not make is kept', () => {
    const live = [
      ...liveAlarmsFor('shop'),
      {
        ...elementAt(liveAlarmsFor('other'), 0),
        spec: { ...elementAt(liveAlarmsFor('other'), 0).spec, name: 'elbctl/web/old' },
      },
    ];
    const p = plan(
      edited([
        WITH_ALARMS[0],
        WITH_ALARMS[1].replace(
          '{ p99-latency: { threshold: 0.8 } }',
          '{ p99-latency: { threshold: 0.8 }, elb-5xx: { enabled: false } }',
        ),
      ]),
      withAlarms(live),
    );
    expect(ids(p)).toEqual(['delete alarm:elbctl/web/elb-5xx']);
  });

  it('GIVEN an alarm under elbctl name without elbctl tag WHEN planned THEN the apply is blocked, naming it', () => {
    const live = liveAlarmsFor('shop').map((a) =>
      a.spec.name === 'elbctl/web/api/unhealthy-hosts' ? { ...a, tags: {} } : a,
    );
    const p = plan(edited(WITH_ALARMS), withAlarms(live));
    expect(p.isBlocked).toBe(true);
    expect(p.unmanaged.map((u) => [u.type, u.reason, u.message])).toEqual([
      [
        'alarm',
        'not-elbctls',
        'alarm "elbctl/web/api/unhealthy-hosts": exists and was not made by elbctl (no elbctl:alarm tag); elbctl never overwrites it: rename or delete it, or leave this alarm out (alarms.overrides.unhealthy-hosts.enabled: false)',
      ],
    ]);
  });

  it('GIVEN a stack from nothing WHEN planned THEN each alarm waits for its load balancer and target group', () => {
    const p = plan(edited(WITH_ALARMS), { loadBalancers: [], targetGroups: [] });
    expect(byId(p, 'alarm:elbctl/web/api/unhealthy-hosts').dependsOn).toEqual([
      'load-balancer:web',
      'target-group:api',
    ]);
  });

  it('GIVEN a stack whose load balancer is removed WHEN planned THEN its alarms go after it', () => {
    const desired = desiredOf(yaml`
      version: 1
      stack: shop
    `);
    const p = plan(desired, withAlarms(liveAlarmsFor('shop')));
    expect(byId(p, 'alarm:elbctl/web/elb-5xx')).toMatchObject({ action: 'delete', dependsOn: ['load-balancer:web'] });
  });
});
