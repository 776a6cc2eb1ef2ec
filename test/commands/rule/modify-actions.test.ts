/**
 * `elbctl rule modify` with the flags for authentication, JWT validation and transforms
 * (aws-sdk-client-mock: the emulator drops transforms and refuses JWT validation): the exact
 * ModifyRule input — transforms left out are kept (no Transforms, no ResetTransforms),
 * --no-transforms sends ResetTransforms, --rewrite-* send Transforms; an OIDC action keeps the
 * secret AWS holds (UseExistingClientSecret) unless a new one is given, and a new one cannot be
 * created without one; the diff (and --dry-run) never shows a secret.
 */
import {
  type Action as SdkAction,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  type Rule as SdkRule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';
import { defaultRule, numberedRule, ruleArn, stubReads, tgArn } from './fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const SECRET = 'oidc-Rt6Mw3Zp8Qx1Vb5Nc9Ks2Jh4-rotated';
const OIDC =
  'issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=admin';
const OIDC_SDK = {
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  ClientId: 'admin',
};
const OIDC_ACTION: SdkAction = { Type: 'authenticate-oidc', Order: 1, AuthenticateOidcConfig: OIDC_SDK };
const forwardApi = (order = 1): SdkAction => ({ Type: 'forward', Order: order, TargetGroupArn: tgArn('api') });
const URL_REWRITE = {
  Type: 'url-rewrite' as const,
  UrlRewriteConfig: { Rewrites: [{ Regex: '^/old/(.*)$', Replace: '/new/$1' }] },
};

/** r10: plain forward with a URL rewrite; r30: OIDC before the forward. */
const withTransforms = (rule: SdkRule): SdkRule => ({ ...rule, Transforms: [URL_REWRITE] }) as SdkRule;
const RULES = [
  defaultRule(),
  withTransforms(numberedRule('r10', 10)),
  numberedRule('r30', 30, undefined, [OIDC_ACTION, forwardApi(2)]),
];

const modifyInput = () => elbv2.commandCalls(ModifyRuleCommand)[0]?.args[0].input;
const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));

beforeEach(() => {
  elbv2.reset();
  stubReads(elbv2, RULES);
  elbv2.on(ModifyRuleCommand).callsFake(async () => ({ Rules: [RULES[1]] }));
});

describe('rule modify: transforms', () => {
  it('GIVEN a rule with a URL rewrite WHEN only its conditions change THEN ModifyRule has neither Transforms nor ResetTransforms (they are kept)', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:10', '--path', '/v2/*', '-y']);

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r10'),
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/v2/*'] } }],
    });
  });

  it('GIVEN a rule with a URL rewrite WHEN --no-transforms THEN ModifyRule sends ResetTransforms and the diff shows them going', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:10', '--no-transforms', '-y']);

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({ RuleArn: ruleArn('r10'), ResetTransforms: true });
    expect(r.stderr).toContain('~ rule web:443:10\n    transforms: url-rewrite ^/old/(.*)$ → /new/$1 → (none)\n');
  });

  it('GIVEN a rule without transforms WHEN --no-transforms THEN nothing to change and nothing is written', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:30', '--no-transforms', '-y']);

    expect(r.code).toBe(0);
    expect(r.stderr).toBe('rule web:443:30: already as asked; nothing to change\n');
    expect(writes()).toEqual([]);
  });

  it('GIVEN --rewrite-host and --rewrite-url WHEN run THEN ModifyRule sends exactly those Transforms, the actions untouched', async () => {
    const r = await elbctl([
      'rule',
      'modify',
      'web:443:10',
      '--rewrite-host',
      '^(.*)\\.old\\.example\\.com$=$1.example.com',
      '--rewrite-url',
      '^/old/(.*)$=/v2/$1',
      '-y',
    ]);

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r10'),
      Transforms: [
        {
          Type: 'host-header-rewrite',
          HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^(.*)\\.old\\.example\\.com$', Replace: '$1.example.com' }] },
        },
        { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/old/(.*)$', Replace: '/v2/$1' }] } },
      ],
    });
  });

  it('GIVEN --no-transforms with --rewrite-url WHEN run THEN exit 64 before any AWS call', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:10', '--no-transforms', '--rewrite-url', 'a=b', '-y']);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--no-transforms: removes every transform, and --rewrite-url/--rewrite-host set one');
    expect(elbv2.calls()).toHaveLength(0);
  });
});

describe('rule modify: authentication and the client secret', () => {
  it('GIVEN a rule with OIDC WHEN --auth-oidc changes its scope without a secret THEN the secret AWS holds is kept (UseExistingClientSecret) and the routing action is sent again', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:30', '--auth-oidc', `${OIDC},scope=openid email`, '-y']);

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r30'),
      Actions: [
        {
          Order: 1,
          Type: 'authenticate-oidc',
          AuthenticateOidcConfig: { ...OIDC_SDK, UseExistingClientSecret: true, Scope: 'openid email' },
        },
        forwardApi(2),
      ],
    });
    expect(r.stderr).toContain(
      '    authenticate: authenticate-oidc https://idp.example.com (client admin) → authenticate-oidc https://idp.example.com (client admin)\n    keeps the client secret AWS holds for authenticate-oidc\n',
    );
  });

  it('GIVEN a rule with OIDC WHEN --auth-oidc with --client-secret-env and --dry-run THEN nothing is written and the diff says a new secret would be sent, never showing it', async () => {
    const r = await elbctl(
      [
        'rule',
        'modify',
        'web:443:30',
        '--auth-oidc',
        OIDC,
        '--client-secret-env',
        'NEW_SECRET',
        '--dry-run',
        '-o',
        'json',
      ],
      { env: { NEW_SECRET: SECRET } },
    );

    expect(r.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(r.stderr).toContain('sends a new client secret for authenticate-oidc (not shown)');
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
    expect(r.json<{ dryRun: boolean; after: { authenticate: unknown[] } }>().after.authenticate).toEqual([
      {
        type: 'authenticate-oidc',
        issuer: 'https://idp.example.com',
        authorizationEndpoint: 'https://idp.example.com/authorize',
        tokenEndpoint: 'https://idp.example.com/token',
        userInfoEndpoint: 'https://idp.example.com/userinfo',
        clientId: 'admin',
      },
    ]);
  });

  it('GIVEN a rule with OIDC WHEN --auth-oidc with a new secret from stdin THEN ModifyRule carries that ClientSecret (a rotation)', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:30', '--auth-oidc', OIDC, '--client-secret-stdin', '-y'], {
      stdin: `${SECRET}\n`,
    });

    expect(r.code).toBe(0);
    expect(modifyInput()?.Actions).toEqual([
      { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...OIDC_SDK, ClientSecret: SECRET } },
      forwardApi(2),
    ]);
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
  });

  it('GIVEN a rule without OIDC WHEN --auth-oidc without a secret THEN exit 64 (AWS needs one to create it) and nothing is written', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:10', '--auth-oidc', OIDC, '-y']);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: rule web:443:10: AWS needs the client secret to create an authenticate-oidc action; pass --client-secret-env VAR',
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN a rule with OIDC WHEN --jwt-validation replaces it THEN exactly jwt-validation then the routing action are sent', async () => {
    const r = await elbctl([
      'rule',
      'modify',
      'web:443:30',
      '--jwt-validation',
      'issuer=https://idp.example.com,jwks-endpoint=https://idp.example.com/jwks',
      '-y',
    ]);

    expect(r.code).toBe(0);
    expect(modifyInput()?.Actions).toEqual([
      {
        Order: 1,
        Type: 'jwt-validation',
        JwtValidationConfig: { Issuer: 'https://idp.example.com', JwksEndpoint: 'https://idp.example.com/jwks' },
      },
      forwardApi(2),
    ]);
  });

  it('GIVEN --auth-cognito with --replace-all-actions WHEN run THEN exit 64 before any AWS call', async () => {
    const r = await elbctl([
      'rule',
      'modify',
      'web:443:30',
      '--auth-cognito',
      'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=a,domain=d',
      '--forward',
      'api',
      '--replace-all-actions',
      '-y',
    ]);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--replace-all-actions: --auth-oidc, --auth-cognito and --jwt-validation already say');
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN regex condition flags WHEN run THEN the conditions are replaced by RegexValues ones', async () => {
    const r = await elbctl(['rule', 'modify', 'web:443:10', '--path-regex', '^/v[0-9]+/', '-y']);

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r10'),
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/v[0-9]+/'] } }],
    });
  });
});

describe('rule modify: --actions-file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'elbctl-modify-actions-'));
  const OIDC_FILE = `authenticate:
  - oidc:
      issuer: https://idp.example.com
      authorizationEndpoint: https://idp.example.com/authorize
      tokenEndpoint: https://idp.example.com/token
      userInfoEndpoint: https://idp.example.com/userinfo
      clientId: admin
      clientSecretEnv: ADMIN_OIDC_SECRET
action: { fixedResponse: { statusCode: 503, body: maintenance } }
transforms: []
`;

  it('GIVEN a file whose OIDC action already runs WHEN applied to the rule THEN its variable is not read (AWS keeps the secret), the routing action and transforms are as written', async () => {
    const file = join(dir, 'maintenance.yaml');
    writeFileSync(file, OIDC_FILE);

    const r = await elbctl(['rule', 'modify', 'web:443:30', '--actions-file', file, '-y']);

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r30'),
      Actions: [
        { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...OIDC_SDK, UseExistingClientSecret: true } },
        {
          Order: 2,
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'maintenance' },
        },
      ],
    });
  });

  it('GIVEN the same file on a rule without OIDC, with transforms WHEN applied THEN the secret comes from the variable it names and transforms: [] resets them', async () => {
    const file = join(dir, 'new-oidc.yaml');
    writeFileSync(file, OIDC_FILE);

    const r = await elbctl(['rule', 'modify', 'web:443:10', '--actions-file', file, '-y'], {
      env: { ADMIN_OIDC_SECRET: SECRET },
    });

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      RuleArn: ruleArn('r10'),
      Actions: [
        { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...OIDC_SDK, ClientSecret: SECRET } },
        {
          Order: 2,
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'maintenance' },
        },
      ],
      ResetTransforms: true,
    });
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
  });

  it('GIVEN that file on a rule without OIDC and the variable unset WHEN applied THEN exit 64 naming it, nothing written', async () => {
    const file = join(dir, 'unset.yaml');
    writeFileSync(file, OIDC_FILE);

    const r = await elbctl(['rule', 'modify', 'web:443:10', '--actions-file', file, '-y']);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'the OIDC client secret variable ADMIN_OIDC_SECRET is not set (or empty); nothing was changed',
    );
    expect(writes()).toEqual([]);
  });
});
