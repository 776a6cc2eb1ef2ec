/**
 * `elbctl rule modify` with aws-sdk-client-mock: conditions replace all conditions, an action
 * flag replaces only the final routing action (authentication before it is sent back as AWS
 * described it, with the client secret AWS keeps), --replace-all-actions removes it and the diff
 * says so as destructive; refusals write nothing.
 */
import {
  type Action as SdkAction,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';
import { defaultRule, numberedRule, ruleArn, stubReads, tgArn } from './fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const COGNITO: SdkAction = {
  Type: 'authenticate-cognito',
  Order: 1,
  AuthenticateCognitoConfig: {
    UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc',
    UserPoolClientId: 'client',
    UserPoolDomain: 'login',
  },
};
/** As an endpoint might describe it: a secret DescribeRules must never carry on. */
const OIDC_WITH_SECRET: SdkAction = {
  Type: 'authenticate-oidc',
  Order: 1,
  AuthenticateOidcConfig: {
    Issuer: 'https://idp.example.com',
    AuthorizationEndpoint: 'https://idp.example.com/authorize',
    TokenEndpoint: 'https://idp.example.com/token',
    UserInfoEndpoint: 'https://idp.example.com/userinfo',
    ClientId: 'elbctl',
    ClientSecret: 'do-not-echo-me',
  },
};
const forwardApi = (order = 1): SdkAction => ({ Type: 'forward', Order: order, TargetGroupArn: tgArn('api') });

const RULES = [
  defaultRule(),
  numberedRule('r10', 10),
  numberedRule('r20', 20, undefined, [COGNITO, forwardApi(2)]),
  numberedRule('r30', 30, undefined, [OIDC_WITH_SECRET, forwardApi(2)]),
];

const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));
const modifyInput = () => elbv2.commandCalls(ModifyRuleCommand)[0]?.args[0].input;

beforeEach(() => {
  elbv2.reset();
  stubReads(elbv2, RULES);
  elbv2.on(ModifyRuleCommand).callsFake(async () => ({ Rules: [RULES[1]] }));
});

describe('rule modify: the ModifyRule input', () => {
  it('GIVEN condition flags WHEN run THEN they replace every condition; the actions are not sent', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:10', '--path', '/v2/*', '--method', 'get', '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['ModifyRuleCommand']);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r10'),
      Conditions: [
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/v2/*'] } },
        { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } },
      ],
    });
    expect(r.stderr).toContain('~ rule web:443:10\n    conditions: path /r10/* → path /v2/* · method GET\n');
  });

  it('GIVEN a weighted --forward WHEN run THEN the actions are that forward; the conditions are not sent', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:10', '--forward', 'api=80,canary=20', '-y']);
    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r10'),
      Actions: [
        {
          Order: 1,
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: tgArn('api'), Weight: 80 },
              { TargetGroupArn: tgArn('canary'), Weight: 20 },
            ],
          },
        },
      ],
    });
  });

  it('GIVEN a rule that authenticates first WHEN --fixed-response THEN only the routing action is replaced; the diff says what stays', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:20', '--fixed-response', '503:maintenance', '-y']);
    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r20'),
      Actions: [
        { ...COGNITO, Order: 1 },
        {
          Order: 2,
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'maintenance' },
        },
      ],
    });
    expect(r.stderr).toContain(
      '~ rule web:443:20\n    action: forward → api → fixed 503 "maintenance"\n    keeps authenticate-cognito before it\n',
    );
  });

  it('GIVEN OIDC authentication described with a secret WHEN the routing action changes THEN the secret is never sent or printed: AWS keeps its own', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:30', '--forward', 'canary', '-y']);
    expect(r.code).toBe(0);
    const { ClientSecret: _secret, ...kept } = OIDC_WITH_SECRET.AuthenticateOidcConfig ?? {};
    expect(modifyInput()?.Actions?.[0]).toEqual({
      Type: 'authenticate-oidc',
      Order: 1,
      AuthenticateOidcConfig: { ...kept, UseExistingClientSecret: true },
    });
    expect(`${r.stdout}${r.stderr}`).not.toContain('do-not-echo-me');
  });

  it('GIVEN --replace-all-actions WHEN the rule authenticates first THEN the diff marks the removal as destructive and the routing action alone is sent', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:20', '--forward', 'api', '--replace-all-actions', '-y']);
    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r20'),
      Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('api') }],
    });
    expect(r.stderr).toContain(
      '~ rule web:443:20\n    action: forward → api → forward → api\n    ! removes authenticate-cognito before the routing action: requests reach it without that check\n',
    );
  });

  it('GIVEN --replace-all-actions without -y and no terminal WHEN run THEN exit 64 after the diff, nothing written', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:20', '--forward', 'api', '--replace-all-actions']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('! removes authenticate-cognito');
    expect(r.stderr).toContain(
      'error: modify rule web:443:20: confirmation needed but no terminal to ask on; pass -y to approve',
    );
    expect(writes()).toEqual([]);
  });
});

describe('rule modify: refused before any write', () => {
  it.each([
    [['web:443:10'], 'rule modify: nothing to change'],
    [
      ['web:443:10', '--replace-all-actions'],
      '--replace-all-actions: replaces every action with the one an action flag gives',
    ],
    [['web:443:10', '--path', 'a,b'], 'path pattern "a,b": "," is not allowed'],
    [
      ['web:443:10', '--forward', 'api', '--redirect', 'https://example.com/'],
      'action: --forward and --redirect were both given',
    ],
    [['web:443', '--path', '/x'], 'rule "web:443": name it by its ARN or as LB:PORT:PRIORITY'],
    [['web:443:10', '--fixed-response', '302'], 'fixed response status "302": must be a 2XX, 4XX or 5XX HTTP code'],
  ])('GIVEN %j WHEN run THEN exit 64 before any AWS call', async (args, message) => {
    const r = await elbctl(['rule', 'modify', ...args, '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it.each([
    [
      ['web:443:10', '--forward', 'tcp-pool'],
      'target group "tcp-pool" (TCP): an HTTPS listener forwards to HTTP or HTTPS target groups',
    ],
    [['web:443:10', '--forward', 'ghost'], 'target group "ghost": does not exist in this account and region'],
    [['web:443:99', '--path', '/x'], 'rule "web:443:99": not found'],
  ])('GIVEN %j WHEN run THEN refused after reading, with no write', async (args, message) => {
    const r = await elbctl(['rule', 'modify', ...args, '-y']);
    expect(r.code).toBe(message.includes('not found') ? 1 : 64);
    expect(r.stderr).toContain(message);
    expect(writes()).toEqual([]);
  });

  it('GIVEN the default rule by ARN WHEN modified THEN exit 64 pointing at listener modify', async () => {
    const r = await elbctl(['rule', 'modify', ruleArn('default0default0'), '--forward', 'api', '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      "is the listener's default rule; change its action with `elbctl listener modify web:443`",
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN the same conditions in another order WHEN run with --dry-run --detailed-exitcode THEN nothing to change: exit 0', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:10', '--path', '/r10/*', '--dry-run', '--detailed-exitcode']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('rule web:443:10: already as asked; nothing to change\n');
    expect(writes()).toEqual([]);
  });
});
