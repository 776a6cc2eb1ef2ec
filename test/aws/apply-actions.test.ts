/**
 * What a stack's apply sends for the actions, conditions and transforms the local emulator drops
 * or rejects (transforms, regex conditions, jwt-validation) and for OIDC secrets: the exact
 * CreateRule / ModifyRule / CreateListener / ModifyListener parameters, with aws-sdk-client-mock
 * encoding AWS's real behaviour. (test/e2e/oidc-secret.test.ts covers OIDC against moto.)
 */
import {
  type Action as SdkAction,
  CreateListenerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  CreateRuleCommand,
  type CreateRuleCommandInput,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { applyPlan, type ApplyOptions } from '../../src/aws/apply';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import type { Action } from '../../src/core/model';
import { Secret } from '../../src/core/secret';
import type { Observed, ObservedRule } from '../../src/core/stack/model';
import { plan } from '../../src/core/stack/planner/plan-stack';
import { CERT, desiredOf, SUBNETS, VPC } from '../core/stack/helpers';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const aws = () => ({ elbv2: new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })) });

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const L443_ARN = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const RULE_ARN = `${ACCOUNT}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const OWNED = { 'elbctl:stack': 'shop' };
const SECRET = 'client-secret-9f8e7d6c5b4a';

const OIDC_FILE = `
              - oidc:
                  issuer: https://idp.example.com
                  authorizationEndpoint: https://idp.example.com/authorize
                  tokenEndpoint: https://idp.example.com/token
                  userInfoEndpoint: https://idp.example.com/userinfo
                  clientId: shop
                  clientSecretEnv: SHOP_OIDC_SECRET`;

const OIDC: Action = {
  type: 'authenticate-oidc',
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/authorize',
  tokenEndpoint: 'https://idp.example.com/token',
  userInfoEndpoint: 'https://idp.example.com/userinfo',
  clientId: 'shop',
};
const OIDC_SDK = {
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  ClientId: 'shop',
};

/** A stack with one HTTPS listener and one rule; `rule` is the rule's YAML after its conditions. */
function stack(rule: string, conditions = '{ path: [/api/*] }'): string {
  return `version: 1
stack: shop
loadBalancers:
  - name: web
    type: application
    subnets: ${SUBNETS}
    securityGroups: [sg-0123456789abcdef0]
    listeners:
      - port: 443
        protocol: HTTPS
        certificates: [${CERT}]
        defaultAction: { forward: app }
        rules:
          - name: api
            priority: 10
            conditions: ${conditions}
${rule}
targetGroups:
  - name: app
    protocol: HTTP
    port: 80
    vpc: ${VPC}
  - name: api
    protocol: HTTP
    port: 8080
    vpc: ${VPC}
`;
}

const forward = (name: string): Action => ({ type: 'forward', targetGroups: [{ targetGroupArn: tgArn(name) }] });

/** The live account once the stack was applied; `rule` replaces the api rule's live fields. */
function live(rule: Partial<ObservedRule> = {}, withRule = true): Observed {
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
        tags: { ...OWNED },
        attributes: {
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
        },
        listeners: [
          {
            arn: L443_ARN,
            port: 443,
            protocol: 'HTTPS',
            sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
            certificates: [CERT],
            defaultActions: [forward('app')],
            tags: { ...OWNED },
            rules: withRule
              ? [
                  {
                    arn: RULE_ARN,
                    priority: 10,
                    conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
                    actions: [forward('api')],
                    tags: { ...OWNED, 'elbctl:rule': 'api' },
                    ...rule,
                  },
                ]
              : [],
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
      tags: { ...OWNED, 'elbctl:name': name },
      attributes: {},
      targets: [],
      loadBalancerArns: [LB_ARN],
    })),
  };
}

/** Every write sent, as [operation, input], in order (reads that resolve names are not the point here). */
const sent = () =>
  elbv2
    .calls()
    .map((c) => {
      const command = c.args[0] as { constructor: { name: string }; input: unknown };
      return [command.constructor.name.replace(/Command$/, ''), command.input] as const;
    })
    .filter(([op]) => !op.startsWith('Describe'));

const options = (extra: Partial<ApplyOptions> = {}): ApplyOptions => ({
  stackName: 'shop',
  sleep: async () => undefined,
  concurrency: 1,
  ...extra,
});

beforeEach(() => {
  elbv2.reset();
  elbv2.on(ModifyRuleCommand).resolves({ Rules: [{ RuleArn: RULE_ARN, Priority: '10' }] });
  elbv2.on(ModifyListenerCommand).resolves({ Listeners: [{ ListenerArn: L443_ARN, Port: 443, Protocol: 'HTTPS' }] });
  elbv2
    .on(CreateRuleCommand)
    .callsFake((i: CreateRuleCommandInput) => ({ Rules: [{ RuleArn: RULE_ARN, Priority: String(i.Priority) }] }));
  // A read before a create that might be retried: nothing there yet.
  elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: ['app', 'api'].map((n) => ({ TargetGroupName: n, TargetGroupArn: tgArn(n) })),
  });
  elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: LB_ARN, Type: 'application' }],
  });
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [{ ListenerArn: L443_ARN, Port: 443, Protocol: 'HTTPS' }] });
});

/** The live rule as DescribeRules answers it, for a change that keeps its routing action. */
function liveRuleAnswers(actions: SdkAction[]): void {
  elbv2
    .on(DescribeRulesCommand, { RuleArns: [RULE_ARN] })
    .resolves({ Rules: [{ RuleArn: RULE_ARN, Priority: '10', Actions: actions, Conditions: [] }] });
}
const LIVE_OIDC: SdkAction[] = [
  { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...OIDC_SDK } },
  { Order: 2, Type: 'forward', TargetGroupArn: tgArn('api') },
];

describe('apply: transforms (the emulator drops them)', () => {
  it('GIVEN a rule without transforms WHEN the file adds a URL rewrite THEN one ModifyRule sends exactly Transforms', async () => {
    const p = plan(
      desiredOf(
        stack(`            action: { forward: api }
            transforms:
              - urlRewrite: { regex: "^/api/v1/(.*)$", replace: "/$1" }`),
      ),
      live(),
    );
    expect(p.changes.map((c) => [c.id, c.action, c.before, c.after])).toEqual([
      [
        'rule:web:443:api',
        'update',
        { transforms: [] },
        { transforms: [{ type: 'url-rewrite', regex: '^/api/v1/(.*)$', replace: '/$1' }] },
      ],
    ]);

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([
      [
        'ModifyRule',
        {
          RuleArn: RULE_ARN,
          Transforms: [
            { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/api/v1/(.*)$', Replace: '/$1' }] } },
          ],
        },
      ],
    ]);
  });

  it('GIVEN a rule with a host rewrite WHEN the file says transforms: [] THEN ModifyRule sends ResetTransforms', async () => {
    const p = plan(
      desiredOf(stack('            action: { forward: api }\n            transforms: []')),
      live({ transforms: [{ type: 'host-header-rewrite', regex: '^old\\.', replace: 'new.' }] }),
    );

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([['ModifyRule', { RuleArn: RULE_ARN, ResetTransforms: true }]]);
  });

  it('GIVEN a rule with a host rewrite WHEN the file leaves transforms out THEN the plan is empty: they are kept', () => {
    const p = plan(
      desiredOf(stack('            action: { forward: api }')),
      live({ transforms: [{ type: 'host-header-rewrite', regex: '^old\\.', replace: 'new.' }] }),
    );
    expect(p.changes).toEqual([]);
  });
});

describe('apply: a new rule with JWT validation, regex conditions and transforms (the emulator rejects them)', () => {
  it('GIVEN an empty listener WHEN the rule is created THEN CreateRule carries RegexValues, the actions in Order and the transforms', async () => {
    const p = plan(
      desiredOf(
        stack(
          `            authenticate:
              - jwt:
                  issuer: https://idp.example.com
                  jwksEndpoint: https://idp.example.com/jwks.json
                  claims: [{ name: scope, format: space-separated-values, values: [read] }]
            action: { forward: api }
            transforms:
              - hostHeaderRewrite: { regex: "^api\\\\.", replace: "internal." }`,
          '{ pathRegex: ["^/api/v[0-9]+/"], headersRegex: { User-Agent: [".*Mobile.*"] } }',
        ),
      ),
      live({}, false),
    );

    await applyPlan(aws(), p, options());

    const create = sent().find(([op]) => op === 'CreateRule')?.[1];
    expect(create).toEqual({
      ListenerArn: L443_ARN,
      Priority: 10,
      Conditions: [
        { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/api/v[0-9]+/'] } },
        { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', RegexValues: ['.*Mobile.*'] } },
      ],
      Actions: [
        {
          Order: 1,
          Type: 'jwt-validation',
          JwtValidationConfig: {
            Issuer: 'https://idp.example.com',
            JwksEndpoint: 'https://idp.example.com/jwks.json',
            AdditionalClaims: [{ Name: 'scope', Format: 'space-separated-values', Values: ['read'] }],
          },
        },
        { Order: 2, Type: 'forward', TargetGroupArn: tgArn('api') },
      ],
      Transforms: [
        {
          Type: 'host-header-rewrite',
          HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^api\\.', Replace: 'internal.' }] },
        },
      ],
      Tags: [
        { Key: 'elbctl:stack', Value: 'shop' },
        { Key: 'elbctl:rule', Value: 'api' },
      ],
    });
  });
});

describe('apply: OIDC client secrets', () => {
  const withOidc = (action = 'api') =>
    desiredOf(stack(`            authenticate:${OIDC_FILE}\n            action: { forward: ${action} }`));

  it('GIVEN a new OIDC rule WHEN created THEN CreateRule sends the secret read from the variable, in Order before the forward', async () => {
    const p = plan(withOidc(), live({}, false));

    await applyPlan(aws(), p, options({ secrets: new Map([['SHOP_OIDC_SECRET', new Secret(SECRET)]]) }));

    const create = sent().find(([op]) => op === 'CreateRule')?.[1] as CreateRuleCommandInput;
    expect(create.Actions).toEqual([
      { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...OIDC_SDK, ClientSecret: SECRET } },
      { Order: 2, Type: 'forward', TargetGroupArn: tgArn('api') },
    ]);
  });

  it('GIVEN an OIDC rule WHEN only its forward changes THEN ModifyRule keeps the secret AWS holds (UseExistingClientSecret) and sends none', async () => {
    liveRuleAnswers(LIVE_OIDC);
    const p = plan(withOidc('app'), live({ actions: [OIDC, forward('api')] }));
    expect(p.changes.map((c) => [c.id, c.action, Object.keys(c.after ?? {})])).toEqual([
      ['rule:web:443:api', 'update', ['action']],
    ]);

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([
      [
        'ModifyRule',
        {
          RuleArn: RULE_ARN,
          Actions: [
            {
              Order: 1,
              Type: 'authenticate-oidc',
              AuthenticateOidcConfig: { ...OIDC_SDK, UseExistingClientSecret: true },
            },
            { Order: 2, Type: 'forward', TargetGroupArn: tgArn('app') },
          ],
        },
      ],
    ]);
  });

  it('GIVEN an OIDC rule unchanged WHEN planned with rotateSecrets and applied THEN ModifyRule sends the new secret with the live forward', async () => {
    liveRuleAnswers(LIVE_OIDC);
    const observed = live({ actions: [OIDC, forward('api')] });
    expect(plan(withOidc(), observed).changes).toEqual([]);
    const p = plan(withOidc(), observed, { rotateSecrets: true });

    await applyPlan(
      aws(),
      p,
      options({ rotateSecrets: true, secrets: new Map([['SHOP_OIDC_SECRET', new Secret('rotated-secret')]]) }),
    );

    expect(sent()).toEqual([
      [
        'ModifyRule',
        {
          RuleArn: RULE_ARN,
          Actions: [
            {
              Order: 1,
              Type: 'authenticate-oidc',
              AuthenticateOidcConfig: { ...OIDC_SDK, ClientSecret: 'rotated-secret' },
            },
            { Order: 2, Type: 'forward', TargetGroupArn: tgArn('api') },
          ],
        },
      ],
    ]);
  });

  it('GIVEN an OIDC rule WHEN the file says authenticate: [] THEN ModifyRule sends the forward alone', async () => {
    liveRuleAnswers(LIVE_OIDC);
    const p = plan(
      desiredOf(stack('            authenticate: []\n            action: { forward: api }')),
      live({ actions: [OIDC, forward('api')] }),
    );

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([
      ['ModifyRule', { RuleArn: RULE_ARN, Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('api') }] }],
    ]);
  });

  it('GIVEN an action kind elbctl does not interpret before the forward WHEN the forward changes THEN it goes back verbatim in its Order', async () => {
    const raw = { Type: 'authenticate-passkey', PasskeyConfig: { RpId: 'example.com' } };
    liveRuleAnswers([{ ...raw, Order: 1 } as SdkAction, { Order: 2, Type: 'forward', TargetGroupArn: tgArn('api') }]);
    const p = plan(
      desiredOf(
        stack(
          '            authenticate:\n              - raw: { Type: authenticate-passkey, PasskeyConfig: { RpId: example.com } }\n            action: { forward: app }',
        ),
      ),
      live({ actions: [{ type: 'other', awsType: 'authenticate-passkey', raw }, forward('api')] }),
    );

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([
      [
        'ModifyRule',
        {
          RuleArn: RULE_ARN,
          Actions: [
            { ...raw, Order: 1 },
            { Order: 2, Type: 'forward', TargetGroupArn: tgArn('app') },
          ],
        },
      ],
    ]);
  });
});

describe('apply: group stickiness on a default action', () => {
  it('GIVEN a weighted default forward with stickiness WHEN the listener is created THEN ForwardConfig carries TargetGroupStickinessConfig', async () => {
    const observed = live({}, false);
    (observed.loadBalancers[0] as Observed['loadBalancers'][number]).listeners = [];
    elbv2.on(CreateListenerCommand).resolves({ Listeners: [{ ListenerArn: L443_ARN, Port: 443, Protocol: 'HTTPS' }] });
    const text = stack('            action: { forward: api }').replace(
      'defaultAction: { forward: app }',
      'defaultAction: { forward: [{ targetGroup: app, weight: 80 }, { targetGroup: api, weight: 20 }], stickiness: 600 }',
    );

    await applyPlan(aws(), plan(desiredOf(text), observed), options());

    const create = sent().find(([op]) => op === 'CreateListener')?.[1] as { DefaultActions: unknown };
    expect(create.DefaultActions).toEqual([
      {
        Order: 1,
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: tgArn('app'), Weight: 80 },
            { TargetGroupArn: tgArn('api'), Weight: 20 },
          ],
          TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 600 },
        },
      },
    ]);
  });
});
