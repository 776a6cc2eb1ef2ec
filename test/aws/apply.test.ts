import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyRuleCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  SetRulePrioritiesCommand,
  SetSecurityGroupsCommand,
  type CreateTargetGroupCommandInput,
  type Rule as SdkRule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { applyPlan, type ApplyEvent, type ApplyOptions } from '../../src/aws/apply';
import { classifyFailure } from '../../src/aws/apply-steps/failures';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import { ElbctlError } from '../../src/core/errors';
import type { Action } from '../../src/core/model';
import type { DesiredStack, Observed, ObservedRule } from '../../src/core/stack/model';
import { Plan } from '../../src/core/stack/plan';
import { plan, planDestroy } from '../../src/core/stack/planner/plan-stack';
import { desiredOf, SUBNETS, VPC } from '../core/stack/helpers';
import { defined, elementAt } from '../support/narrow';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const aws = () => ({ elbv2: new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })) });

// ------------------------------------------------------------------ AWS, written by hand

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const L80_ARN = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const ruleArn = (n: string) => `${ACCOUNT}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/${n}`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const OWNED = { 'elbctl:stack': 'shop' };
const STACK_TAGS = [{ Key: 'elbctl:stack', Value: 'shop' }];
const ruleTags = (name: string) => [...STACK_TAGS, { Key: 'elbctl:rule', Value: name }];

/** An SDK error as the SDK throws it: name, fault and HTTP status. */
function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}
/** A request whose answer was lost: it may or may not have reached AWS. */
const socketTimeout = () => Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });

const BASE = `version: 1
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

function edited(...pairs: Array<[string, string]>): DesiredStack {
  let text = BASE;
  for (const [from, to] of pairs) {
    if (text.split(from).length !== 2) throw new Error(`"${from}" must occur once in BASE`);
    text = text.replace(from, to);
  }
  return desiredOf(text);
}

const forward = (...names: string[]): Action => ({
  type: 'forward',
  targetGroups: names.map((n) => ({ targetGroupArn: tgArn(n), weight: 1 })),
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

/** What AWS holds once BASE has been applied. */
function applied(change: (o: Observed) => void = () => undefined): Observed {
  const o: Observed = {
    loadBalancers: [
      {
        name: 'web',
        arn: LB_ARN,
        type: 'application',
        scheme: 'internet-facing',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        securityGroups: ['sg-0123456789abcdef0'],
        ipAddressType: 'ipv4',
        tags: { ...OWNED },
        attributes: {
          'idle_timeout.timeout_seconds': '60',
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
        },
        listeners: [
          {
            arn: L80_ARN,
            port: 80,
            protocol: 'HTTP',
            certificates: [],
            defaultActions: [forward('app')],
            tags: { ...OWNED },
            rules: [managedRule('api', 10, '/api/*', forward('api'))],
          },
        ],
      },
    ],
    targetGroups: ['app', 'api'].map((name) => ({
      name,
      arn: tgArn(name),
      protocol: 'HTTP',
      port: name === 'app' ? 80 : 8080,
      vpcId: VPC,
      targetType: 'instance' as const,
      healthCheck: healthCheck(name === 'app' ? '/healthz' : '/'),
      tags: { ...OWNED, 'elbctl:name': name },
      attributes: {},
      targets: name === 'app' ? [{ id: 'i-0123456789abcdef0', port: 80 }] : [],
      loadBalancerArns: [LB_ARN],
    })),
  };
  change(o);
  return o;
}
const listener80 = (o: Observed) => elementAt(elementAt(o.loadBalancers, 0).listeners, 0);
const fromEmpty = () => plan(desiredOf(BASE), { loadBalancers: [], targetGroups: [] });

/** Creates answer like AWS: the resource with an ARN derived from its name. */
function fakeCreates(): void {
  elbv2.on(CreateLoadBalancerCommand).callsFake((i: { Name: string }) => ({
    LoadBalancers: [
      {
        LoadBalancerName: i.Name,
        LoadBalancerArn: LB_ARN.replace('/web/', `/${i.Name}/`),
        Type: 'application',
        State: { Code: 'provisioning' },
      },
    ],
  }));
  elbv2.on(CreateTargetGroupCommand).callsFake((i: CreateTargetGroupCommandInput) => ({
    TargetGroups: [
      {
        TargetGroupName: i.Name,
        TargetGroupArn: tgArn(i.Name as string),
        Protocol: i.Protocol,
        Port: i.Port,
        TargetType: i.TargetType,
      },
    ],
  }));
  elbv2.on(CreateListenerCommand).callsFake((i: { Port: number; Protocol: string; LoadBalancerArn: string }) => ({
    Listeners: [{ ListenerArn: L80_ARN, Port: i.Port, Protocol: i.Protocol, LoadBalancerArn: i.LoadBalancerArn }],
  }));
  elbv2
    .on(CreateRuleCommand)
    .callsFake((i: { Priority: number }) => ({ Rules: [{ RuleArn: ruleArn('api'), Priority: String(i.Priority) }] }));
  elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({ Attributes: [] });
  elbv2.on(RegisterTargetsCommand).resolves({});
}

/** Every call sent, as [operation, input], in order. */
const sent = () =>
  elbv2.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });
const operations = () => sent().map(([op]) => op);

const noSleep = jest.fn(async (_ms: number) => undefined);
function options(extra: Partial<ApplyOptions> = {}): ApplyOptions & { events: ApplyEvent[] } {
  const events: ApplyEvent[] = [];
  return { stackName: 'shop', sleep: noSleep, onEvent: (e) => events.push(e), events, ...extra };
}

beforeEach(() => {
  elbv2.reset();
  noSleep.mockClear();
});

// ------------------------------------------------------------------ creating a stack

describe('applyPlan: a stack from nothing', () => {
  it('GIVEN an empty account and one change at a time WHEN applied THEN creates each resource after what it needs, tagged, with exact parameters', async () => {
    fakeCreates();
    const p = fromEmpty();

    const report = await applyPlan(aws(), p, options({ concurrency: 1 }));

    expect(sent()).toEqual([
      [
        'CreateTargetGroup',
        {
          Name: 'app',
          TargetType: 'instance',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: VPC,
          HealthCheckPath: '/healthz',
          Tags: [...STACK_TAGS, { Key: 'elbctl:name', Value: 'app' }],
        },
      ],
      ['RegisterTargets', { TargetGroupArn: tgArn('app'), Targets: [{ Id: 'i-0123456789abcdef0', Port: 80 }] }],
      [
        'CreateTargetGroup',
        {
          Name: 'api',
          TargetType: 'instance',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: VPC,
          Tags: [...STACK_TAGS, { Key: 'elbctl:name', Value: 'api' }],
        },
      ],
      [
        'CreateLoadBalancer',
        {
          Name: 'web',
          Type: 'application',
          Scheme: 'internet-facing',
          Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          SecurityGroups: ['sg-0123456789abcdef0'],
          IpAddressType: 'ipv4',
          Tags: STACK_TAGS,
        },
      ],
      [
        'ModifyLoadBalancerAttributes',
        {
          LoadBalancerArn: LB_ARN,
          Attributes: [
            { Key: 'idle_timeout.timeout_seconds', Value: '60' },
            { Key: 'deletion_protection.enabled', Value: 'true' },
            { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
          ],
        },
      ],
      [
        'CreateListener',
        {
          LoadBalancerArn: LB_ARN,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('app') }],
          Tags: STACK_TAGS,
        },
      ],
      [
        'CreateRule',
        {
          ListenerArn: L80_ARN,
          Priority: 10,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
          Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('api') }],
          Tags: ruleTags('api'),
        },
      ],
    ]);
    expect(report).toEqual({
      done: p.changes.map((c) => c.id),
      failed: [],
      skipped: [],
      warnings: [],
      arns: {
        'target-group:app': tgArn('app'),
        'targets:app': tgArn('app'),
        'target-group:api': tgArn('api'),
        'load-balancer:web': LB_ARN,
        'attributes:load-balancer:web': LB_ARN,
        'listener:web:80': L80_ARN,
        'rule:web:80:api': ruleArn('api'),
      },
    });
    expect(noSleep).not.toHaveBeenCalled();
  });

  it('GIVEN the default concurrency WHEN applied THEN independent creates overlap, yet listeners follow their load balancer and target groups, rules their listener', async () => {
    fakeCreates();
    const opts = options();

    const report = await applyPlan(aws(), fromEmpty(), opts);

    const ops = operations();
    const at = (op: string, nth = 0) => ops.map((o, i) => (o === op ? i : -1)).filter((i) => i >= 0)[nth] as number;
    expect(ops.slice(0, 3)).toEqual(['CreateTargetGroup', 'CreateTargetGroup', 'CreateLoadBalancer']);
    expect(at('CreateListener')).toBeGreaterThan(Math.max(at('CreateLoadBalancer'), at('CreateTargetGroup', 0)));
    expect(at('CreateRule')).toBeGreaterThan(Math.max(at('CreateListener'), at('CreateTargetGroup', 1)));
    expect(report.done).toHaveLength(7);
    expect(opts.events.filter((e) => e.changeId === 'rule:web:80:api')).toEqual([
      { kind: 'start', changeId: 'rule:web:80:api', message: 'create rule web:80:api' },
      { kind: 'done', changeId: 'rule:web:80:api', message: 'created rule web:80:api at priority 10' },
    ]);
  });

  it.each([
    [undefined, 4],
    [3, 3],
    [1, 1],
  ])(
    'GIVEN eight independent target groups and concurrency %p WHEN applied THEN at most %i creates are in flight',
    async (concurrency, cap) => {
      const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const desired = desiredOf(
        `version: 1\nstack: shop\ntargetGroups:\n${names.map((n) => `  - { name: ${n}, protocol: HTTP, port: 80, vpc: ${VPC} }\n`).join('')}`,
      );
      let inFlight = 0;
      let most = 0;
      elbv2.on(CreateTargetGroupCommand).callsFake(async (i: CreateTargetGroupCommandInput) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return { TargetGroups: [{ TargetGroupName: i.Name, TargetGroupArn: tgArn(i.Name as string) }] };
      });

      const report = await applyPlan(
        aws(),
        plan(desired, { loadBalancers: [], targetGroups: [] }),
        options({ concurrency }),
      );

      expect(most).toBe(cap);
      expect(elbv2).toHaveReceivedCommandTimes(CreateTargetGroupCommand, 8);
      expect(report.done).toEqual(names.map((n) => `target-group:${n}`));
    },
  );

  it('GIVEN one target group AWS refuses WHEN applied THEN only what depends on it is skipped; everything else is done', async () => {
    fakeCreates();
    elbv2
      .on(CreateTargetGroupCommand, { Name: 'api' })
      .rejects(awsError('ValidationError', 'Health check port is invalid.'));
    const opts = options();

    const report = await applyPlan(aws(), fromEmpty(), opts);

    expect(report).toEqual({
      done: ['target-group:app', 'targets:app', 'load-balancer:web', 'attributes:load-balancer:web', 'listener:web:80'],
      failed: [
        {
          id: 'target-group:api',
          message:
            'create target group "api": AWS rejected the request (ValidationError: health check port is invalid)',
        },
      ],
      skipped: [{ id: 'rule:web:80:api', waitedOn: 'target-group:api' }],
      warnings: [],
      arns: expect.any(Object),
    });
    expect(elbv2).toHaveReceivedCommandTimes(CreateTargetGroupCommand, 2);
    expect(elbv2).not.toHaveReceivedCommand(CreateRuleCommand);
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetGroupsCommand);
    expect(opts.events.filter((e) => e.kind === 'failed' || e.kind === 'skipped')).toEqual([
      {
        kind: 'failed',
        changeId: 'target-group:api',
        message: 'create target group "api": AWS rejected the request (ValidationError: health check port is invalid)',
      },
      { kind: 'skipped', changeId: 'rule:web:80:api', message: 'skipped: target-group:api failed' },
    ]);
  });
});

// ------------------------------------------------------------------ never creating twice

describe('applyPlan: read before retry', () => {
  it('GIVEN CreateRule times out although AWS created the rule WHEN applied THEN the rule is found by its tag and CreateRule is sent exactly once', async () => {
    fakeCreates();
    elbv2
      .on(CreateRuleCommand)
      .rejectsOnce(socketTimeout())
      .resolves({ Rules: [{ RuleArn: ruleArn('twin'), Priority: '10' }] });
    elbv2.on(DescribeRulesCommand).resolves({
      Rules: [
        { RuleArn: ruleArn('default'), Priority: 'default', IsDefault: true },
        { RuleArn: ruleArn('other'), Priority: '5', IsDefault: false },
        { RuleArn: ruleArn('api'), Priority: '10', IsDefault: false },
      ],
    });
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [
        { ResourceArn: ruleArn('other'), Tags: [] },
        { ResourceArn: ruleArn('api'), Tags: ruleTags('api') },
      ],
    });
    const opts = options();

    const report = await applyPlan(aws(), fromEmpty(), opts);

    expect(elbv2).toHaveReceivedCommandTimes(CreateRuleCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeRulesCommand, { ListenerArn: L80_ARN, PageSize: 400 });
    expect(elbv2).toHaveReceivedCommandWith(DescribeTagsCommand, { ResourceArns: [ruleArn('other'), ruleArn('api')] });
    expect(elbv2).not.toHaveReceivedCommand(AddTagsCommand);
    expect(noSleep.mock.calls).toEqual([[500]]);
    expect(report.done).toContain('rule:web:80:api');
    expect(report.failed).toEqual([]);
    expect(report.arns['rule:web:80:api']).toBe(ruleArn('api'));
    expect(opts.events.find((e) => e.changeId === 'rule:web:80:api' && e.kind === 'done')?.message).toBe(
      'created rule web:80:api at priority 10 (found after an interrupted attempt: not created twice)',
    );
  });

  it('GIVEN two rules carrying the same name tag after a lost answer WHEN applied THEN the one at the asked priority is kept and the twin reported, not deleted', async () => {
    fakeCreates();
    elbv2.on(CreateRuleCommand).rejects(socketTimeout());
    elbv2.on(DescribeRulesCommand).resolves({
      Rules: [
        { RuleArn: ruleArn('twin'), Priority: '1', IsDefault: false },
        { RuleArn: ruleArn('api'), Priority: '10', IsDefault: false },
      ],
    });
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [
        { ResourceArn: ruleArn('twin'), Tags: ruleTags('api') },
        { ResourceArn: ruleArn('api'), Tags: ruleTags('api') },
      ],
    });

    const report = await applyPlan(aws(), fromEmpty(), options());

    expect(elbv2).toHaveReceivedCommandTimes(CreateRuleCommand, 1);
    expect(report.arns['rule:web:80:api']).toBe(ruleArn('api'));
    expect(report.warnings).toEqual([
      'rule web:80:api: 2 rules carry tag elbctl:rule=api (a create was retried); kept the one at priority 10; the next `elbctl apply` deletes the other (priority 1)',
    ]);
    expect(elbv2).not.toHaveReceivedCommand(AddTagsCommand);
  });

  it('GIVEN CreateLoadBalancer loses its answer although the load balancer exists WHEN applied THEN it is found by name, never created again, and its listener is created on it', async () => {
    fakeCreates();
    elbv2
      .on(CreateLoadBalancerCommand)
      .rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: {} }));
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({
      LoadBalancers: [
        { LoadBalancerName: 'web', LoadBalancerArn: LB_ARN, Type: 'application', State: { Code: 'provisioning' } },
      ],
    });
    elbv2
      .on(DescribeTagsCommand, { ResourceArns: [LB_ARN] })
      .resolves({ TagDescriptions: [{ ResourceArn: LB_ARN, Tags: STACK_TAGS }] });

    const report = await applyPlan(aws(), fromEmpty(), options());

    expect(elbv2).toHaveReceivedCommandTimes(CreateLoadBalancerCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { Names: ['web'] });
    expect(elbv2).toHaveReceivedCommandWith(CreateListenerCommand, { LoadBalancerArn: LB_ARN });
    expect(elbv2).not.toHaveReceivedCommand(AddTagsCommand);
    expect(report.failed).toEqual([]);
    expect(report.done).toHaveLength(7);
  });

  it('GIVEN the emulator made a twin load balancer WHEN it is found after a lost answer THEN the older one is kept and the twin reported with how to delete it', async () => {
    fakeCreates();
    const twin = LB_ARN.replace('50dc6c495c0c9188', 'aaaaaaaaaaaaaaaa');
    elbv2.on(CreateLoadBalancerCommand).rejects(socketTimeout());
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({
      LoadBalancers: [
        { LoadBalancerName: 'web', LoadBalancerArn: twin, CreatedTime: new Date('2026-01-01T10:00:05Z') },
        { LoadBalancerName: 'web', LoadBalancerArn: LB_ARN, CreatedTime: new Date('2026-01-01T10:00:00Z') },
      ],
    });
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [
        { ResourceArn: LB_ARN, Tags: STACK_TAGS },
        { ResourceArn: twin, Tags: STACK_TAGS },
      ],
    });

    const report = await applyPlan(aws(), fromEmpty(), options());

    expect(report.arns['load-balancer:web']).toBe(LB_ARN);
    expect(report.warnings).toEqual([
      `load balancer "web": 2 load balancers have this name (a create was retried); kept ${LB_ARN}; delete the other with \`elbctl lb delete ${twin}\``,
    ]);
    expect(elbv2).toHaveReceivedCommandTimes(CreateLoadBalancerCommand, 1);
    expect(elbv2).not.toHaveReceivedCommand(DeleteLoadBalancerCommand);
  });

  it('GIVEN a lost answer and an untagged load balancer of that name WHEN found THEN it is taken over with the stack tag added', async () => {
    fakeCreates();
    elbv2.on(CreateLoadBalancerCommand).rejects(socketTimeout());
    elbv2
      .on(DescribeLoadBalancersCommand, { Names: ['web'] })
      .resolves({ LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: LB_ARN }] });
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ ResourceArn: LB_ARN, Tags: [] }] });
    elbv2.on(AddTagsCommand).resolves({});

    const report = await applyPlan(aws(), fromEmpty(), options());

    expect(elbv2).toHaveReceivedCommandWith(AddTagsCommand, { ResourceArns: [LB_ARN], Tags: STACK_TAGS });
    expect(report.failed).toEqual([]);
  });

  it('GIVEN a lost answer and a load balancer of that name owned by another stack WHEN found THEN the step fails, nothing is taken over or created', async () => {
    fakeCreates();
    elbv2.on(CreateLoadBalancerCommand).rejects(socketTimeout());
    elbv2
      .on(DescribeLoadBalancersCommand, { Names: ['web'] })
      .resolves({ LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: LB_ARN }] });
    elbv2
      .on(DescribeTagsCommand)
      .resolves({ TagDescriptions: [{ ResourceArn: LB_ARN, Tags: [{ Key: 'elbctl:stack', Value: 'billing' }] }] });

    const report = await applyPlan(aws(), fromEmpty(), options());

    expect(report.failed).toEqual([
      {
        id: 'load-balancer:web',
        message: 'load balancer "web": exists and belongs to stack "billing" (tag elbctl:stack=billing)',
      },
    ]);
    expect(report.skipped).toEqual([
      { id: 'attributes:load-balancer:web', waitedOn: 'load-balancer:web' },
      { id: 'listener:web:80', waitedOn: 'load-balancer:web' },
      { id: 'rule:web:80:api', waitedOn: 'load-balancer:web' },
    ]);
    expect(elbv2).toHaveReceivedCommandTimes(CreateLoadBalancerCommand, 1);
    expect(elbv2).not.toHaveReceivedCommand(AddTagsCommand);
  });

  it('GIVEN an ambiguous failure and nothing was created WHEN applied THEN it looks, then creates again: two creates, one target group', async () => {
    fakeCreates();
    elbv2
      .on(CreateTargetGroupCommand, { Name: 'api' })
      .rejectsOnce(awsError('ServiceUnavailable', 'Service is unavailable.', 503))
      .resolves({ TargetGroups: [{ TargetGroupName: 'api', TargetGroupArn: tgArn('api') }] });
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['api'] })
      .rejects(awsError('TargetGroupNotFoundException', 'One or more target groups not found'));

    const report = await applyPlan(aws(), fromEmpty(), options({ concurrency: 1 }));

    expect(sent().filter(([op]) => op === 'CreateTargetGroup' || op === 'DescribeTargetGroups')).toEqual([
      ['CreateTargetGroup', expect.objectContaining({ Name: 'app' })],
      ['CreateTargetGroup', expect.objectContaining({ Name: 'api' })],
      ['DescribeTargetGroups', { Names: ['api'] }],
      ['CreateTargetGroup', expect.objectContaining({ Name: 'api' })],
    ]);
    expect(noSleep.mock.calls).toEqual([[500]]);
    expect(report.failed).toEqual([]);
    expect(report.arns['target-group:api']).toBe(tgArn('api'));
  });

  it('GIVEN every attempt fails ambiguously and nothing appears WHEN applied THEN three creates, each retry after a look, then a failure with what depends on it skipped', async () => {
    fakeCreates();
    elbv2.on(CreateTargetGroupCommand, { Name: 'api' }).rejects(socketTimeout());
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['api'] })
      .rejects(awsError('TargetGroupNotFoundException', 'One or more target groups not found'));

    const report = await applyPlan(aws(), fromEmpty(), options({ concurrency: 1 }));

    expect(
      sent()
        .filter(
          ([, input]) =>
            (input as { Name?: string; Names?: string[] }).Name === 'api' ||
            (input as { Names?: string[] }).Names?.[0] === 'api',
        )
        .map(([op]) => op),
    ).toEqual([
      'CreateTargetGroup',
      'DescribeTargetGroups',
      'CreateTargetGroup',
      'DescribeTargetGroups',
      'CreateTargetGroup',
      'DescribeTargetGroups',
    ]);
    expect(noSleep.mock.calls).toEqual([[500], [1000]]);
    expect(report.failed).toEqual([
      { id: 'target-group:api', message: 'create target group "api": cannot reach AWS (TimeoutError)' },
    ]);
    expect(report.skipped).toEqual([{ id: 'rule:web:80:api', waitedOn: 'target-group:api' }]);
  });

  it('GIVEN the emulator answers DuplicateTargetGroupName for a target group this stack just created WHEN applied THEN it is found, tagged as ours, and taken over', async () => {
    fakeCreates();
    elbv2
      .on(CreateTargetGroupCommand, { Name: 'api' })
      .rejects(awsError('DuplicateTargetGroupNameException', 'A target group with the same name already exists'));
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['api'] })
      .resolves({ TargetGroups: [{ TargetGroupName: 'api', TargetGroupArn: tgArn('api') }] });
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [{ ResourceArn: tgArn('api'), Tags: [...STACK_TAGS, { Key: 'elbctl:name', Value: 'api' }] }],
    });

    const report = await applyPlan(aws(), fromEmpty(), options());

    expect(elbv2).toHaveReceivedCommandTimes(CreateTargetGroupCommand, 2);
    expect(report.failed).toEqual([]);
    expect(noSleep).not.toHaveBeenCalled();
  });

  it('GIVEN DuplicateTargetGroupName for a target group that is not tagged as ours WHEN applied THEN the duplicate is reported, nothing taken over', async () => {
    fakeCreates();
    elbv2
      .on(CreateTargetGroupCommand, { Name: 'api' })
      .rejects(awsError('DuplicateTargetGroupNameException', 'A target group with the same name already exists'));
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['api'] })
      .resolves({ TargetGroups: [{ TargetGroupName: 'api', TargetGroupArn: tgArn('api') }] });
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ ResourceArn: tgArn('api'), Tags: [] }] });

    const report = await applyPlan(aws(), fromEmpty(), options());

    expect(report.failed).toEqual([
      {
        id: 'target-group:api',
        message: 'create target group "api": a target group with the same name already exists',
      },
    ]);
    expect(elbv2).not.toHaveReceivedCommand(AddTagsCommand);
  });

  it('GIVEN CreateRule answers PriorityInUse WHEN applied THEN it is not retried and the failure is reported', async () => {
    fakeCreates();
    elbv2.on(CreateRuleCommand).rejects(awsError('PriorityInUseException', "Priority '10' is currently in use"));

    const report = await applyPlan(aws(), fromEmpty(), options());

    expect(elbv2).toHaveReceivedCommandTimes(CreateRuleCommand, 1);
    expect(elbv2).not.toHaveReceivedCommand(DescribeRulesCommand);
    expect(noSleep).not.toHaveBeenCalled();
    expect(report.failed).toEqual([
      { id: 'rule:web:80:api', message: "create rule with priority 10: priority '10' is currently in use" },
    ]);
  });

  it.each([
    [socketTimeout(), 'ambiguous'],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'ambiguous'],
    [awsError('Throttling', 'Rate exceeded'), 'ambiguous'],
    [awsError('InternalFailure', 'oops', 500), 'ambiguous'],
    [awsError('SomethingNew', 'gateway', 502), 'ambiguous'],
    [new ElbctlError('aws', 'E_NETWORK', 'create rule: cannot reach AWS (ECONNRESET)'), 'ambiguous'],
    [awsError('DuplicateListenerException', 'A listener already exists on that port'), 'duplicate'],
    [awsError('PriorityInUseException', 'in use'), 'final'],
    [awsError('ValidationError', 'bad'), 'final'],
    [awsError('AccessDenied', 'no'), 'final'],
    [new TypeError('x is undefined'), 'final'],
  ])('GIVEN the failure %p WHEN classified THEN it is %s', (e, kind) => {
    expect(classifyFailure(e)).toBe(kind);
  });
});

// ------------------------------------------------------------------ changing what exists

describe('applyPlan: priorities', () => {
  const swap = () => {
    const desired = edited(
      ['            priority: 10\n', '            priority: 11\n'],
      [
        '            action: { forward: api }\n',
        '            action: { forward: api }\n          - { name: docs, priority: 10, conditions: { path: [/docs/*] }, action: { forward: app } }\n',
      ],
    );
    return plan(
      desired,
      applied((o) => listener80(o).rules.push(managedRule('docs', 11, '/docs/*', forward('app')))),
    );
  };
  const sdkRule = (name: string, priority: number): SdkRule => ({
    RuleArn: ruleArn(name),
    Priority: String(priority),
    IsDefault: false,
  });

  it('GIVEN two rules swapping priorities WHEN applied THEN both move in ONE SetRulePriorities call', async () => {
    elbv2.on(SetRulePrioritiesCommand).resolves({ Rules: [] });
    const p = swap();
    expect(p.changes.map((c) => `${c.action} ${c.id}`)).toEqual(['move rule:web:80:api', 'move rule:web:80:docs']);

    const report = await applyPlan(aws(), p, options());

    expect(sent()).toEqual([
      [
        'SetRulePriorities',
        {
          RulePriorities: [
            { RuleArn: ruleArn('api'), Priority: 11 },
            { RuleArn: ruleArn('docs'), Priority: 10 },
          ],
        },
      ],
    ]);
    expect(report.done).toEqual(['rule:web:80:api', 'rule:web:80:docs']);
  });

  it('GIVEN the emulator rejects the swap with PriorityInUse WHEN applied THEN the rules go through free priorities above the highest, then to their own', async () => {
    elbv2
      .on(SetRulePrioritiesCommand)
      .rejectsOnce(awsError('PriorityInUseException', 'Priority 11 is in use'))
      .resolves({ Rules: [] });
    elbv2.on(DescribeRulesCommand).resolves({
      Rules: [
        sdkRule('api', 10),
        sdkRule('docs', 11),
        sdkRule('manual', 99),
        { RuleArn: ruleArn('default'), Priority: 'default', IsDefault: true },
      ],
    });
    const opts = options();

    const report = await applyPlan(aws(), swap(), opts);

    expect(sent()).toEqual([
      [
        'SetRulePriorities',
        {
          RulePriorities: [
            { RuleArn: ruleArn('api'), Priority: 11 },
            { RuleArn: ruleArn('docs'), Priority: 10 },
          ],
        },
      ],
      ['DescribeRules', { ListenerArn: L80_ARN, PageSize: 400 }],
      [
        'SetRulePriorities',
        {
          RulePriorities: [
            { RuleArn: ruleArn('api'), Priority: 100 },
            { RuleArn: ruleArn('docs'), Priority: 101 },
          ],
        },
      ],
      [
        'SetRulePriorities',
        {
          RulePriorities: [
            { RuleArn: ruleArn('api'), Priority: 11 },
            { RuleArn: ruleArn('docs'), Priority: 10 },
          ],
        },
      ],
    ]);
    expect(report.done).toEqual(['rule:web:80:api', 'rule:web:80:docs']);
    expect(opts.events.filter((e) => e.kind === 'done').map((e) => e.message)).toEqual([
      'moved 2 rules of listener web:80: api → 11, docs → 10',
      'moved 2 rules of listener web:80: api → 11, docs → 10',
    ]);
  });

  it('GIVEN PriorityInUse because a rule outside the plan took the priority WHEN applied THEN it is a real conflict: reported, nothing moved', async () => {
    elbv2.on(SetRulePrioritiesCommand).rejects(awsError('PriorityInUseException', 'Priority 20 is in use'));
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [sdkRule('api', 10), sdkRule('manual', 20)] });

    const report = await applyPlan(aws(), plan(edited(['priority: 10', 'priority: 20']), applied()), options());

    expect(elbv2).toHaveReceivedCommandTimes(SetRulePrioritiesCommand, 1);
    expect(report.failed).toEqual([{ id: 'rule:web:80:api', message: 'set rule priorities: priority 20 is in use' }]);
  });

  it("GIVEN a rule whose conditions and priority both change WHEN applied THEN ModifyRule sends the conditions and the priority goes with the listener's moves", async () => {
    elbv2.on(ModifyRuleCommand).resolves({ Rules: [{ RuleArn: ruleArn('api') }] });
    elbv2.on(SetRulePrioritiesCommand).resolves({ Rules: [] });
    const p = plan(edited(['priority: 10', 'priority: 20'], ['path: [/api/*]', 'path: [/api/*, /v2/*]']), applied());

    await applyPlan(aws(), p, options());

    expect(sent()).toEqual([
      [
        'ModifyRule',
        {
          RuleArn: ruleArn('api'),
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*', '/v2/*'] } }],
        },
      ],
      ['SetRulePriorities', { RulePriorities: [{ RuleArn: ruleArn('api'), Priority: 20 }] }],
    ]);
  });
});

describe('applyPlan: updates, adoption, targets', () => {
  it('GIVEN a target group replaced for a new port WHEN applied THEN the new one is created, the rule repointed, and only then the old one deleted', async () => {
    fakeCreates();
    elbv2.on(ModifyRuleCommand).resolves({ Rules: [{ RuleArn: ruleArn('api') }] });
    elbv2.on(DeleteTargetGroupCommand).resolves({});
    const p = plan(edited(['port: 8080', 'port: 9090']), applied());
    const newName = (defined(p.change('target-group:api'), 'change target-group:api').after as { name: string }).name;
    const opts = options();

    const report = await applyPlan(aws(), p, opts);

    expect(sent()).toEqual([
      [
        'CreateTargetGroup',
        {
          Name: newName,
          TargetType: 'instance',
          Protocol: 'HTTP',
          Port: 9090,
          VpcId: VPC,
          Tags: [...STACK_TAGS, { Key: 'elbctl:name', Value: 'api' }],
        },
      ],
      [
        'ModifyRule',
        { RuleArn: ruleArn('api'), Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn(newName) }] },
      ],
      ['DeleteTargetGroup', { TargetGroupArn: tgArn('api') }],
    ]);
    expect(report.done).toEqual(['target-group:api', 'rule:web:80:api']);
    expect(opts.events.filter((e) => e.changeId === 'target-group:api')).toEqual([
      { kind: 'start', changeId: 'target-group:api', message: 'replace target group api' },
      { kind: 'done', changeId: 'target-group:api', message: `replaced target group api by ${newName}` },
    ]);
  });

  it('GIVEN a replacement whose repointing fails WHEN applied THEN the old target group is kept and the replace reported unfinished', async () => {
    fakeCreates();
    elbv2.on(ModifyRuleCommand).rejects(awsError('ValidationError', 'bad action'));
    const p = plan(edited(['port: 8080', 'port: 9090']), applied());

    const report = await applyPlan(aws(), p, options());

    expect(elbv2).not.toHaveReceivedCommand(DeleteTargetGroupCommand);
    expect(report.failed).toEqual([
      {
        id: 'target-group:api',
        message:
          'target group api: the old target group api was kept because rule:web:80:api failed; re-run apply to delete it',
      },
      { id: 'rule:web:80:api', message: 'modify rule: AWS rejected the request (ValidationError: bad action)' },
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('GIVEN untagged resources with the declared names WHEN applied THEN each is tagged, then changed where it differs', async () => {
    elbv2.on(AddTagsCommand).resolves({});
    elbv2.on(ModifyTargetGroupCommand).resolves({ TargetGroups: [{ TargetGroupArn: tgArn('app') }] });
    const observed = applied((o) => {
      const lb = elementAt(o.loadBalancers, 0);
      lb.tags = {};
      const listener = elementAt(lb.listeners, 0);
      listener.tags = {};
      elementAt(listener.rules, 0).tags = {};
      const app = elementAt(o.targetGroups, 0);
      app.tags = {};
      app.healthCheck.path = '/';
    });

    const report = await applyPlan(aws(), plan(desiredOf(BASE), observed), options({ concurrency: 1 }));

    expect(sent()).toEqual([
      ['AddTags', { ResourceArns: [tgArn('app')], Tags: [...STACK_TAGS, { Key: 'elbctl:name', Value: 'app' }] }],
      ['ModifyTargetGroup', { TargetGroupArn: tgArn('app'), HealthCheckPath: '/healthz' }],
      ['AddTags', { ResourceArns: [LB_ARN], Tags: STACK_TAGS }],
      ['AddTags', { ResourceArns: [L80_ARN], Tags: STACK_TAGS }],
      ['AddTags', { ResourceArns: [ruleArn('api')], Tags: ruleTags('api') }],
    ]);
    expect(report.done).toEqual(['target-group:app', 'load-balancer:web', 'listener:web:80', 'rule:web:80:api']);
  });

  it('GIVEN new weights, new security groups and one changed attribute WHEN applied THEN ModifyListener, SetSecurityGroups and exactly the declared key are sent', async () => {
    elbv2.on(ModifyListenerCommand).resolves({ Listeners: [{ ListenerArn: L80_ARN }] });
    // The plan names "api" and "app" without their ARNs (neither changes): one lookup finds them.
    elbv2
      .on(DescribeTargetGroupsCommand)
      .resolves({ TargetGroups: ['app', 'api'].map((n) => ({ TargetGroupName: n, TargetGroupArn: tgArn(n) })) });
    elbv2.on(SetSecurityGroupsCommand).resolves({});
    elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    const desired = edited(
      [
        'defaultAction: { forward: app }',
        'defaultAction: { forward: [{ targetGroup: app, weight: 90 }, { targetGroup: api, weight: 10 }] }',
      ],
      ['securityGroups: [sg-0123456789abcdef0]', 'securityGroups: [sg-0123456789abcdef0, sg-0fedcba987654321f]'],
      ['idle_timeout.timeout_seconds: 60', 'idle_timeout.timeout_seconds: 120'],
    );

    const report = await applyPlan(aws(), plan(desired, applied()), options({ concurrency: 1 }));

    expect(sent()).toEqual([
      [
        'SetSecurityGroups',
        { LoadBalancerArn: LB_ARN, SecurityGroups: ['sg-0123456789abcdef0', 'sg-0fedcba987654321f'] },
      ],
      [
        'ModifyLoadBalancerAttributes',
        { LoadBalancerArn: LB_ARN, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '120' }] },
      ],
      ['DescribeTargetGroups', { PageSize: 400 }],
      [
        'ModifyListener',
        {
          ListenerArn: L80_ARN,
          DefaultActions: [
            {
              Order: 1,
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: tgArn('app'), Weight: 90 },
                  { TargetGroupArn: tgArn('api'), Weight: 10 },
                ],
              },
            },
          ],
        },
      ],
    ]);
    expect(report.failed).toEqual([]);
  });

  it('GIVEN a new rule on a listener the plan does not touch WHEN applied THEN one batched lookup resolves the listener and target groups for every rule', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: LB_ARN }] });
    elbv2.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: ['app', 'api'].map((n) => ({ TargetGroupName: n, TargetGroupArn: tgArn(n) })),
    });
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [{ ListenerArn: L80_ARN, Port: 80, Protocol: 'HTTP' }] });
    elbv2.on(CreateRuleCommand).callsFake((i: { Priority: number }) => ({
      Rules: [{ RuleArn: ruleArn(`p${i.Priority}`), Priority: String(i.Priority) }],
    }));
    const desired = edited([
      '            action: { forward: api }\n',
      '            action: { forward: api }\n' +
        '          - { name: docs, priority: 20, conditions: { path: [/docs/*] }, action: { forward: app } }\n' +
        '          - { name: blog, priority: 30, conditions: { path: [/blog/*] }, action: { forward: api } }\n',
    ]);
    const p = plan(desired, applied());
    expect(p.changes.map((c) => `${c.action} ${c.id}`)).toEqual(['create rule:web:80:docs', 'create rule:web:80:blog']);

    const report = await applyPlan(aws(), p, options());

    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeListenersCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeListenersCommand, { LoadBalancerArn: LB_ARN });
    expect(elbv2).toHaveReceivedCommandWith(CreateRuleCommand, {
      ListenerArn: L80_ARN,
      Priority: 20,
      Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('app') }],
    });
    expect(elbv2).toHaveReceivedCommandWith(CreateRuleCommand, {
      ListenerArn: L80_ARN,
      Priority: 30,
      Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('api') }],
    });
    expect(report.done).toEqual(['rule:web:80:docs', 'rule:web:80:blog']);
  });

  it('GIVEN targets added and removed WHEN applied THEN the new ones are registered before the old ones are deregistered, exactly those', async () => {
    elbv2.on(RegisterTargetsCommand).resolves({});
    elbv2.on(DeregisterTargetsCommand).resolves({});
    const desired = edited(['targets: [{ id: i-0123456789abcdef0 }]', 'targets: [{ id: i-0aaaaaaaaaaaaaaa1 }]']);

    const report = await applyPlan(aws(), plan(desired, applied()), options());

    expect(sent()).toEqual([
      ['RegisterTargets', { TargetGroupArn: tgArn('app'), Targets: [{ Id: 'i-0aaaaaaaaaaaaaaa1', Port: 80 }] }],
      ['DeregisterTargets', { TargetGroupArn: tgArn('app'), Targets: [{ Id: 'i-0123456789abcdef0', Port: 80 }] }],
    ]);
    expect(report.done).toEqual(['targets:app']);
  });
});

// ------------------------------------------------------------------ destroying, refusing

describe('applyPlan: replacing a load balancer', () => {
  it('GIVEN a new scheme WHEN applied THEN the old load balancer is unprotected, deleted and gone before the new one takes its name', async () => {
    fakeCreates();
    elbv2
      .on(DescribeLoadBalancerAttributesCommand)
      .resolves({ Attributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }] });
    elbv2.on(DeleteLoadBalancerCommand).resolves({});
    elbv2
      .on(DescribeLoadBalancersCommand, { LoadBalancerArns: [LB_ARN] })
      .rejects(awsError('LoadBalancerNotFoundException', 'One or more load balancers not found'));
    elbv2
      .on(DescribeTargetGroupsCommand)
      .resolves({ TargetGroups: ['app', 'api'].map((n) => ({ TargetGroupName: n, TargetGroupArn: tgArn(n) })) });
    const p = plan(edited(['    type: application\n', '    type: application\n    scheme: internal\n']), applied());
    expect(p.changes.map((c) => `${c.action} ${c.id}`)).toEqual([
      'replace load-balancer:web',
      'create attributes:load-balancer:web',
      'create listener:web:80',
      'create rule:web:80:api',
    ]);

    const report = await applyPlan(aws(), p, options({ concurrency: 1 }));

    expect(operations()).toEqual([
      'DescribeLoadBalancerAttributes',
      'ModifyLoadBalancerAttributes',
      'DeleteLoadBalancer',
      'DescribeLoadBalancers',
      'CreateLoadBalancer',
      'ModifyLoadBalancerAttributes',
      'DescribeTargetGroups',
      'CreateListener',
      'CreateRule',
    ]);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(1, ModifyLoadBalancerAttributesCommand, {
      LoadBalancerArn: LB_ARN,
      Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }],
    });
    expect(elbv2).toHaveReceivedCommandWith(CreateLoadBalancerCommand, {
      Name: 'web',
      Scheme: 'internal',
      Tags: STACK_TAGS,
    });
    expect(report.done).toEqual(p.changes.map((c) => c.id));
  });
});

describe('applyPlan: destroy', () => {
  it('GIVEN a protected load balancer and its target groups WHEN destroyed THEN protection goes off first, the load balancer is deleted and gone before the target groups', async () => {
    elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    elbv2.on(DeleteLoadBalancerCommand).resolves({});
    elbv2
      .on(DescribeLoadBalancersCommand, { LoadBalancerArns: [LB_ARN] })
      .rejects(awsError('LoadBalancerNotFoundException', 'One or more load balancers not found'));
    elbv2.on(DeleteTargetGroupCommand).resolves({});
    const p = planDestroy('shop', applied());

    const report = await applyPlan(aws(), p, options());

    expect(sent()).toEqual([
      [
        'ModifyLoadBalancerAttributes',
        { LoadBalancerArn: LB_ARN, Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }] },
      ],
      ['DeleteLoadBalancer', { LoadBalancerArn: LB_ARN }],
      ['DescribeLoadBalancers', { LoadBalancerArns: [LB_ARN] }],
      ['DeleteTargetGroup', { TargetGroupArn: tgArn('app') }],
      ['DeleteTargetGroup', { TargetGroupArn: tgArn('api') }],
    ]);
    expect(report).toMatchObject({
      done: ['load-balancer:web', 'target-group:app', 'target-group:api'],
      failed: [],
      skipped: [],
    });
  });

  it('GIVEN the load balancer cannot be deleted WHEN destroyed THEN its target groups are skipped, not attempted', async () => {
    elbv2.on(ModifyLoadBalancerAttributesCommand).rejects(awsError('AccessDenied', 'not allowed'));

    const report = await applyPlan(aws(), planDestroy('shop', applied()), options());

    expect(elbv2).not.toHaveReceivedCommand(DeleteLoadBalancerCommand);
    expect(elbv2).not.toHaveReceivedCommand(DeleteTargetGroupCommand);
    expect(report.skipped).toEqual([
      { id: 'target-group:app', waitedOn: 'load-balancer:web' },
      { id: 'target-group:api', waitedOn: 'load-balancer:web' },
    ]);
    expect(report.failed).toHaveLength(1);
  });
});

describe('applyPlan: refusals', () => {
  it('GIVEN a plan blocked by an unmanaged rule WHEN applied THEN it is refused naming the rule, with zero AWS calls', async () => {
    const observed = applied((o) => {
      listener80(o).rules = [
        {
          arn: ruleArn('manual'),
          priority: 10,
          conditions: [{ field: 'host-header', values: ['old.example.com'] }],
          actions: [forward('app')],
          tags: {},
        },
      ];
    });
    const p = plan(desiredOf(BASE), observed);
    expect(p.isBlocked).toBe(true);

    const error = await applyPlan(aws(), p, options()).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ElbctlError);
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'E_PLAN_BLOCKED',
      message:
        'stack "shop": 1 resource not managed by the stack stands in the way (rule web:80:10); nothing was changed',
      details: [p.unmanaged[0]?.message],
    });
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a plan made for another stack WHEN applied THEN it is refused with zero AWS calls', async () => {
    await expect(applyPlan(aws(), fromEmpty(), options({ stackName: 'billing' }))).rejects.toThrow(
      'plan: is for stack "shop", not "billing"; make the plan from this stack\'s file',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a hand-edited plan with a cycle and an update without an ARN WHEN applied THEN it is refused as invalid with zero AWS calls', async () => {
    const json = fromEmpty().toJSON();
    const changes = json.changes.map((c) => (c.id === 'target-group:app' ? { ...c, dependsOn: ['targets:app'] } : c));
    const cyclic = new Plan('shop', changes);
    await expect(applyPlan(aws(), cyclic, options())).rejects.toMatchObject({
      code: 'E_PLAN_INVALID',
      message: expect.stringContaining('"target-group:app", "targets:app"'),
    });

    const noArn = new Plan('shop', [
      {
        id: 'listener:web:80',
        action: 'update',
        type: 'listener',
        name: 'web:80',
        loadBalancer: 'web',
        port: 80,
        before: {},
        after: { protocol: 'HTTPS' },
        dependsOn: [],
      },
    ]);
    await expect(applyPlan(aws(), noArn, options())).rejects.toThrow(
      'plan: change "listener:web:80": a update needs the ARN of the live resource; create the plan again with `elbctl plan`',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});
