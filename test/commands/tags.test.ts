/**
 * `elbctl tags list|add|remove` and `elbctl listener attributes` with aws-sdk-client-mock: any
 * resource by any of its names (an ambiguous one refused), elbctl's own tags apart and never
 * edited, the 50 per resource counted with them, the exact AddTags / RemoveTags /
 * ModifyListenerAttributes calls, and nothing written on invalid input or --dry-run.
 */
import {
  AddTagsCommand,
  DescribeListenerAttributesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerAttributesCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const WEB = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const API = `${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067`;
const TG_WEB = `${ACCOUNT}:targetgroup/web/73e2d6bc24d8a067`;
const L443 = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const RULE = `${ACCOUNT}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`;

let tags: Record<string, Record<string, string>>;
const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));

beforeEach(() => {
  elbv2.reset();
  tags = {
    [WEB]: { env: 'prod', team: 'web', 'elbctl:stack': 'shop', 'aws:cloudformation:stack-name': 'legacy' },
    [API]: {},
    [RULE]: { 'elbctl:stack': 'shop', 'elbctl:rule': 'api' },
  };
  const notFound = (what: string) =>
    Object.assign(new Error(`${what} not found`), { name: `${what}NotFoundException` });
  elbv2.on(DescribeLoadBalancersCommand).callsFake(async (input: { Names?: string[]; LoadBalancerArns?: string[] }) => {
    const lb = { LoadBalancerName: 'web', LoadBalancerArn: WEB, Type: 'application' };
    if (input.Names?.includes('web') || input.LoadBalancerArns?.includes(WEB)) return { LoadBalancers: [lb] };
    throw notFound('LoadBalancer');
  });
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { Names?: string[] }) => {
    const found = [
      { TargetGroupName: 'api', TargetGroupArn: API, TargetType: 'instance' },
      { TargetGroupName: 'web', TargetGroupArn: TG_WEB, TargetType: 'instance' },
    ].filter((g) => input.Names?.includes(g.TargetGroupName));
    if (found.length === 0) throw notFound('TargetGroup');
    return { TargetGroups: found };
  });
  elbv2.on(DescribeListenersCommand).resolves({
    Listeners: [{ ListenerArn: L443, LoadBalancerArn: WEB, Protocol: 'HTTPS', Port: 443, DefaultActions: [] }],
  });
  elbv2.on(DescribeRulesCommand).resolves({
    Rules: [{ RuleArn: RULE, Priority: '10', IsDefault: false, Conditions: [], Actions: [] }],
  });
  elbv2.on(DescribeTagsCommand).callsFake(async (input: { ResourceArns: string[] }) => ({
    TagDescriptions: input.ResourceArns.map((arn) => ({
      ResourceArn: arn,
      Tags: Object.entries(tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value })),
    })),
  }));
  elbv2.on(AddTagsCommand).resolves({});
  elbv2.on(RemoveTagsCommand).resolves({});
});

describe('tags list', () => {
  it('GIVEN a load balancer by lb/NAME WHEN listed THEN its tags without elbctl own, and the stack that owns it', async () => {
    const r = await elbctl(['tags', 'list', 'lb/web']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      kind: 'load balancer',
      name: 'web',
      arn: WEB,
      tags: { env: 'prod', team: 'web', 'aws:cloudformation:stack-name': 'legacy' },
      stack: 'shop',
      elbctl: { 'elbctl:stack': 'shop' },
    });
  });

  it('GIVEN a rule as LB:PORT:PRIORITY WHEN listed as a table THEN no user tags, and who manages it', async () => {
    const r = await elbctl(['tags', 'list', 'web:443:10', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'tags of rule web:443:10\nno tags\n\nmanaged by elbctl\n' +
        "stack shop (elbctl:stack=shop, elbctl:rule=api); these tags are elbctl's and cannot be changed here\n",
    );
  });

  it('GIVEN a bare name that is both a load balancer and a target group WHEN listed THEN exit 64 naming both ways to say which', async () => {
    const r = await elbctl(['tags', 'list', 'web']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: "web": names both a load balancer and a target group; say which: lb/web or tg/web\n' +
        `hint: the load balancer is ${WEB}; the target group is ${TG_WEB}\n`,
    );
  });

  it('GIVEN a bare name that is a target group only WHEN listed THEN it is that target group', async () => {
    const r = await elbctl(['tags', 'list', 'api']);
    expect(r.json()).toMatchObject({ kind: 'target group', arn: API, tags: {}, stack: null });
  });

  it('GIVEN a name that is neither WHEN listed THEN exit 1', async () => {
    const r = await elbctl(['tags', 'list', 'ghost']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: load balancer or target group "ghost": not found');
  });
});

describe('tags add', () => {
  it('GIVEN one new tag and one changed WHEN added with -y THEN one AddTags with both, the diff first', async () => {
    const r = await elbctl(['tags', 'add', 'lb/web', 'team=payments', 'owner=ops', '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['AddTagsCommand']);
    expect(elbv2).toHaveReceivedCommandWith(AddTagsCommand, {
      ResourceArns: [WEB],
      Tags: [
        { Key: 'team', Value: 'payments' },
        { Key: 'owner', Value: 'ops' },
      ],
    });
    expect(r.stderr).toContain('~ load balancer web\n    tag team: web → payments\n    tag owner=ops\n');
  });

  it('GIVEN the values already set WHEN added THEN nothing to change, no write', async () => {
    const r = await elbctl(['tags', 'add', 'lb/web', 'env=prod']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('load balancer web: already as asked; nothing to change\n');
    expect(writes()).toEqual([]);
  });

  it.each([
    [['elbctl:stack=other'], 'the "elbctl:" prefix is reserved for elbctl\'s own tags'],
    [['aws:x=1'], 'the "aws:" prefix is reserved by AWS'],
    [['noequals'], 'tag "noequals": write it as KEY=VALUE'],
    [['a=1', 'a=2'], 'tag key "a": given twice; give each key once'],
  ])('GIVEN %j WHEN added THEN exit 64 before any AWS call', async (pairs, message) => {
    const r = await elbctl(['tags', 'add', 'lb/web', ...pairs, '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a resource with 2 user tags, elbctl:stack and an aws: tag WHEN 48 more are added THEN 50 + elbctl own 1 = 51 is refused with no write; 47 more (50) fit', async () => {
    const pairs = Array.from({ length: 48 }, (_, i) => `k${i}=v`);
    const over = await elbctl(['tags', 'add', 'lb/web', ...pairs, '-y']);
    expect(over.code).toBe(64);
    expect(over.stderr).toBe(
      'error: tags: 50 given and 1 added by elbctl make 51, the limit is 50 per resource; remove 1\n',
    );
    expect(writes()).toEqual([]);
    const fits = await elbctl(['tags', 'add', 'lb/web', ...pairs.slice(0, 47), '-y', '-q']);
    expect(fits.code).toBe(0);
    expect(writes()).toEqual(['AddTagsCommand']);
  });

  it('GIVEN --dry-run WHEN adding THEN the tags as they would be, no write', async () => {
    const r = await elbctl(['tags', 'add', 'api', 'env=dev', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ changed: true, dryRun: true, tags: { env: 'dev' } });
    expect(writes()).toEqual([]);
  });
});

describe('tags remove', () => {
  it('GIVEN a key it has and one it has not WHEN removed with -y THEN one RemoveTags with the one it has; the other is named', async () => {
    const r = await elbctl(['tags', 'remove', 'lb/web', 'team', 'nope', '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['RemoveTagsCommand']);
    expect(elbv2).toHaveReceivedCommandWith(RemoveTagsCommand, { ResourceArns: [WEB], TagKeys: ['team'] });
    expect(r.stderr).toContain(
      'load balancer web has no tag "nope"\n~ load balancer web\n    tag team: web → (removed)\n',
    );
  });

  it.each([[['elbctl:stack']], [['aws:cloudformation:stack-name']]])(
    'GIVEN the reserved key %j WHEN removed THEN exit 64, no AWS call',
    async (keys) => {
      const r = await elbctl(['tags', 'remove', 'lb/web', ...keys, '-y']);
      expect(r.code).toBe(64);
      expect(elbv2.calls()).toHaveLength(0);
    },
  );
});

describe('listener attributes', () => {
  beforeEach(() => {
    elbv2
      .on(DescribeListenerAttributesCommand)
      .resolvesOnce({ Attributes: [{ Key: 'routing.http.response.server.enabled', Value: 'true' }] })
      .resolves({ Attributes: [{ Key: 'routing.http.response.server.enabled', Value: 'false' }] });
    elbv2.on(ModifyListenerAttributesCommand).resolves({ Attributes: [] });
  });

  it('GIVEN no --set WHEN run THEN every attribute, no write', async () => {
    const r = await elbctl(['listener', 'attributes', 'web:443']);
    expect(r.json()).toEqual({ 'routing.http.response.server.enabled': 'true' });
    expect(writes()).toEqual([]);
  });

  it('GIVEN --set and -y WHEN run THEN one ModifyListenerAttributes, then the attributes as AWS reports them', async () => {
    const r = await elbctl([
      'listener',
      'attributes',
      'web:443',
      '--set',
      'routing.http.response.server.enabled=false',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyListenerAttributesCommand, {
      ListenerArn: L443,
      Attributes: [{ Key: 'routing.http.response.server.enabled', Value: 'false' }],
    });
    expect(r.json()).toEqual({ 'routing.http.response.server.enabled': 'false' });
    expect(r.stderr).toContain('~ listener web:443\n    routing.http.response.server.enabled: true → false\n');
  });

  it('GIVEN a key application listeners do not have WHEN set THEN exit 64 naming the keys they do, no write', async () => {
    const r = await elbctl(['listener', 'attributes', 'web:443', '--set', 'tcp.idle_timeout.seconds=600', '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'attribute "tcp.idle_timeout.seconds": not a listener attribute of an application load balancer',
    );
    expect(writes()).toEqual([]);
  });
});
