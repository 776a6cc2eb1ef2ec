/**
 * The stack engine's apply steps send changes in place through the same functions as the modify
 * commands (src/aws/modify.ts): tags added, changed and removed per resource; a rule that
 * authenticates first keeps its authentication when the stack changes where it forwards.
 */
import {
  type Action as SdkAction,
  AddTagsCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { applyPlan } from '../../src/aws/apply';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import type { Action } from '../../src/core/model';
import type { Observed } from '../../src/core/stack/model';
import { plan } from '../../src/core/stack/planner/plan-stack';
import { desiredOf, SUBNETS, VPC, yaml } from '../core/stack/helpers';
import { elementAt } from '../support/narrow';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const aws = () => ({ elbv2: new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })) });

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const L80_ARN = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const RULE_ARN = `${ACCOUNT}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const forward = (name: string): Action => ({ type: 'forward', targetGroups: [{ targetGroupArn: tgArn(name) }] });
const OWNED = { 'elbctl:stack': 'shop' };

const FILE = (lbTags: string, ruleTags: string, action = 'app') => yaml`
  version: 1
  stack: shop
  loadBalancers:
    - name: web
      type: application
      subnets: ${SUBNETS}
      deletionProtection: false
      ${lbTags}
      listeners:
        - port: 80
          protocol: HTTP
          defaultAction: { forward: app }
          rules:
            - name: api
              priority: 10
              conditions: { path: [/api/*] }
              action: { forward: ${action} }
              ${ruleTags}
  targetGroups:
    - name: app
      protocol: HTTP
      port: 80
      vpc: ${VPC}
    - name: api
      protocol: HTTP
      port: 80
      vpc: ${VPC}
`;

function applied(lbTags: Record<string, string>, ruleActions: Action[]): Observed {
  return {
    loadBalancers: [
      {
        name: 'web',
        arn: LB_ARN,
        type: 'application',
        scheme: 'internet-facing',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        securityGroups: [],
        ipAddressType: 'ipv4',
        tags: { ...OWNED, ...lbTags },
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
            tags: { ...OWNED },
            rules: [
              {
                arn: RULE_ARN,
                priority: 10,
                conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
                actions: ruleActions,
                tags: { ...OWNED, 'elbctl:rule': 'api' },
              },
            ],
          },
        ],
      },
    ],
    targetGroups: ['app', 'api'].map((name) => ({
      name,
      arn: tgArn(name),
      protocol: 'HTTP',
      port: 80,
      vpcId: VPC,
      targetType: 'instance' as const,
      healthCheck: { enabled: true },
      tags: { ...OWNED, 'elbctl:name': name },
      attributes: {},
      targets: [],
      loadBalancerArns: [LB_ARN],
    })),
  };
}

beforeEach(() => {
  elbv2.reset();
  elbv2.on(AddTagsCommand).resolves({});
  elbv2.on(RemoveTagsCommand).resolves({});
  elbv2.on(ModifyRuleCommand).resolves({ Rules: [{ RuleArn: RULE_ARN, Priority: '10' }] });
  // The apply looks up target groups the plan names but does not change: one list.
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: ['app', 'api'].map((name) => ({ TargetGroupName: name, TargetGroupArn: tgArn(name) })),
  });
});

describe('stack apply: tags', () => {
  it('GIVEN a tag changed and one removed on the load balancer and one added on a rule WHEN applied THEN AddTags and RemoveTags carry exactly those', async () => {
    const p = plan(
      desiredOf(FILE('tags: { env: prod, team: shop }', 'tags: { owner: api }')),
      applied({ env: 'prod', team: 'web', old: 'x' }, [forward('app')]),
    );
    const report = await applyPlan(aws(), p, { stackName: 'shop', sleep: async () => undefined });
    expect(report.failed).toEqual([]);
    expect(elbv2.commandCalls(AddTagsCommand).map((c) => c.args[0].input)).toEqual([
      { ResourceArns: [LB_ARN], Tags: [{ Key: 'team', Value: 'shop' }] },
      { ResourceArns: [RULE_ARN], Tags: [{ Key: 'owner', Value: 'api' }] },
    ]);
    expect(elbv2.commandCalls(RemoveTagsCommand).map((c) => c.args[0].input)).toEqual([
      { ResourceArns: [LB_ARN], TagKeys: ['old'] },
    ]);
    expect(elbv2).not.toHaveReceivedCommand(ModifyRuleCommand);
  });
});

describe('stack apply: a rule that authenticates first', () => {
  const OIDC_SDK: SdkAction = {
    Type: 'authenticate-oidc',
    Order: 1,
    AuthenticateOidcConfig: {
      Issuer: 'https://idp.example.com',
      AuthorizationEndpoint: 'https://idp.example.com/authorize',
      TokenEndpoint: 'https://idp.example.com/token',
      UserInfoEndpoint: 'https://idp.example.com/userinfo',
      ClientId: 'elbctl',
    },
  };

  it('GIVEN the file forwards elsewhere WHEN applied THEN the rule is read again and its authentication sent back before the new forward', async () => {
    const live = applied({}, [
      { type: 'other', awsType: 'authenticate-oidc', raw: { Type: 'authenticate-oidc' } },
      forward('app'),
    ]);
    const p = plan(desiredOf(FILE('', '', 'api')), live);
    expect(elementAt(p.changes, 0)).toMatchObject({ id: 'rule:web:80:api', keepsActions: ['authenticate-oidc'] });
    elbv2.on(DescribeRulesCommand).resolves({
      Rules: [
        {
          RuleArn: RULE_ARN,
          Priority: '10',
          Conditions: [],
          Actions: [OIDC_SDK, { Type: 'forward', Order: 2, TargetGroupArn: tgArn('app') }],
        },
      ],
    });
    const report = await applyPlan(aws(), p, { stackName: 'shop', sleep: async () => undefined });
    expect(report.failed).toEqual([]);
    expect(elbv2).toHaveReceivedCommandWith(DescribeRulesCommand, { RuleArns: [RULE_ARN] });
    expect(elbv2.commandCalls(ModifyRuleCommand)[0]?.args[0].input).toEqual({
      RuleArn: RULE_ARN,
      Actions: [
        { ...OIDC_SDK, AuthenticateOidcConfig: { ...OIDC_SDK.AuthenticateOidcConfig, UseExistingClientSecret: true } },
        { Type: 'forward', Order: 2, TargetGroupArn: tgArn('api') },
      ],
    });
  });

  it('GIVEN a rule with nothing before its forward WHEN the forward changes THEN no extra read: the forward alone is sent', async () => {
    const p = plan(desiredOf(FILE('', '', 'api')), applied({}, [forward('app')]));
    await applyPlan(aws(), p, { stackName: 'shop', sleep: async () => undefined });
    expect(elbv2).not.toHaveReceivedCommand(DescribeRulesCommand);
    expect(elbv2.commandCalls(ModifyRuleCommand)[0]?.args[0].input).toEqual({
      RuleArn: RULE_ARN,
      Actions: [{ Type: 'forward', Order: 1, TargetGroupArn: tgArn('api') }],
    });
  });
});
