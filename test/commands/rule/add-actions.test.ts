/**
 * `elbctl rule add` with the flags for what runs before routing and what rewrites the request
 * (aws-sdk-client-mock: the emulator drops transforms and refuses regex conditions and JWT
 * validation): the exact CreateRule input — Actions in Order, the OIDC client secret from the
 * environment or stdin, Transforms, RegexValues — and refusals that write nothing and never echo
 * a secret.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRuleCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';
import { LISTENER_ARN, stubCreateRule, stubReads, tgArn } from './fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const dir = mkdtempSync(join(tmpdir(), 'elbctl-actions-'));

const SECRET = 'oidc-Zq8Lr2Vn5Kw7Tb3Xs9Pd4Hm6-cli-secret';
const OIDC =
  'issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=admin';
const OIDC_SDK = {
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  ClientId: 'admin',
};

const created = () => elbv2.commandCalls(CreateRuleCommand)[0]?.args[0].input;
const nonReads = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeEach(() => {
  elbv2.reset();
  stubReads(elbv2);
  stubCreateRule(elbv2);
});

describe('rule add: authentication, JWT validation, transforms and regex conditions', () => {
  it('GIVEN --auth-oidc with --client-secret-env WHEN added THEN CreateRule carries authenticate-oidc (Order 1, the secret) then forward (Order 2), and the secret is printed nowhere', async () => {
    const r = await elbctl(
      [
        'rule',
        'add',
        'web:443',
        '--path',
        '/admin/*',
        '--auth-oidc',
        `${OIDC},scope=openid email,session-timeout=3600,on-unauthenticated=deny,extra-params=prompt=login`,
        '--client-secret-env',
        'ADMIN_OIDC_SECRET',
        '--forward',
        'api',
        '-o',
        'json',
      ],
      { env: { ADMIN_OIDC_SECRET: SECRET } },
    );

    expect(r.code).toBe(0);
    expect(created()).toEqual({
      ListenerArn: LISTENER_ARN,
      Priority: 1,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin/*'] } }],
      Actions: [
        {
          Order: 1,
          Type: 'authenticate-oidc',
          AuthenticateOidcConfig: {
            ...OIDC_SDK,
            ClientSecret: SECRET,
            Scope: 'openid email',
            SessionTimeout: 3600,
            OnUnauthenticatedRequest: 'deny',
            AuthenticationRequestExtraParams: { prompt: 'login' },
          },
        },
        { Order: 2, Type: 'forward', TargetGroupArn: tgArn('api') },
      ],
    });
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.json<{ actions: Array<{ type: string }> }>().actions.map((a) => a.type)).toEqual([
      'authenticate-oidc',
      'forward',
    ]);
  });

  it('GIVEN --client-secret-stdin with the secret piped in WHEN added THEN the first line is the secret sent', async () => {
    const r = await elbctl(
      [
        'rule',
        'add',
        'web:443',
        '--path',
        '/admin/*',
        '--auth-oidc',
        OIDC,
        '--client-secret-stdin',
        '--forward',
        'api',
      ],
      { stdin: `${SECRET}\nnot this line\n` },
    );

    expect(r.code).toBe(0);
    expect(created()?.Actions?.[0]?.AuthenticateOidcConfig).toEqual({ ...OIDC_SDK, ClientSecret: SECRET });
    expect(r.stderr).not.toContain(SECRET);
  });

  it('GIVEN --client-secret-stdin on a terminal WHEN added THEN exit 64 before any AWS call', async () => {
    const r = await elbctl(
      ['rule', 'add', 'web:443', '--path', '/a', '--auth-oidc', OIDC, '--client-secret-stdin', '--forward', 'api'],
      { stdinTTY: true },
    );

    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: --client-secret-stdin: stdin is a terminal, where the secret would be typed in plain sight; pipe it in (e.g. from your secrets manager) or use --client-secret-env VAR; nothing was changed\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN --client-secret-env naming an unset variable WHEN added THEN exit 64 naming it, before any AWS call', async () => {
    const r = await elbctl([
      'rule',
      'add',
      'web:443',
      '--path',
      '/a',
      '--auth-oidc',
      OIDC,
      '--client-secret-env',
      'NOT_SET_ANYWHERE',
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: the OIDC client secret variable NOT_SET_ANYWHERE is not set (or empty); nothing was changed',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN --auth-oidc without a secret source WHEN added THEN exit 64 naming both ways, before any AWS call', async () => {
    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/a', '--auth-oidc', OIDC, '--forward', 'api']);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: --auth-oidc: AWS needs the client secret to create the action; add --client-secret-env VAR (the variable holding it) or --client-secret-stdin (pipe it in)\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a client secret written into --auth-oidc WHEN added THEN exit 64 without echoing it, before any AWS call', async () => {
    const r = await elbctl([
      'rule',
      'add',
      'web:443',
      '--path',
      '/a',
      '--auth-oidc',
      `${OIDC},client-secret=${SECRET}`,
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      '--auth-oidc: "client-secret" (the value is not shown): a client secret is never given as a flag\'s value',
    );
    expect(r.stderr).not.toContain(SECRET);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN --auth-cognito and --jwt-validation WHEN added THEN authenticate-cognito (1), jwt-validation (2) with AdditionalClaims, forward (3)', async () => {
    const r = await elbctl([
      'rule',
      'add',
      'web:443',
      '--path',
      '/api/*',
      '--auth-cognito',
      'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=app,domain=login,session-cookie=app-session',
      '--jwt-validation',
      'issuer=https://idp.example.com,jwks-endpoint=https://idp.example.com/jwks,claim=aud=api,claim-array=groups=admin|ops,claim-spaced=scope=read write',
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(0);
    expect(created()?.Actions).toEqual([
      {
        Order: 1,
        Type: 'authenticate-cognito',
        AuthenticateCognitoConfig: {
          UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc',
          UserPoolClientId: 'app',
          UserPoolDomain: 'login',
          SessionCookieName: 'app-session',
        },
      },
      {
        Order: 2,
        Type: 'jwt-validation',
        JwtValidationConfig: {
          Issuer: 'https://idp.example.com',
          JwksEndpoint: 'https://idp.example.com/jwks',
          AdditionalClaims: [
            { Name: 'aud', Format: 'single-string', Values: ['api'] },
            { Name: 'groups', Format: 'string-array', Values: ['admin', 'ops'] },
            { Name: 'scope', Format: 'space-separated-values', Values: ['read write'] },
          ],
        },
      },
      { Order: 3, Type: 'forward', TargetGroupArn: tgArn('api') },
    ]);
  });

  it('GIVEN --rewrite-url, --rewrite-host and regex conditions WHEN added THEN CreateRule carries Transforms and RegexValues', async () => {
    const r = await elbctl([
      'rule',
      'add',
      'web:443',
      '--path-regex',
      '^/api/v[0-9]+/',
      '--host-regex',
      '^[a-z]+\\.example\\.com$',
      '--header-regex',
      'User-Agent=.*Mobile.*',
      '--rewrite-url',
      '^/api/v[0-9]+/(.*)$=/$1?from\\=api',
      '--rewrite-host',
      '^(.*)\\.example\\.com$=$1.internal',
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(0);
    expect(created()).toEqual({
      ListenerArn: LISTENER_ARN,
      Priority: 1,
      Conditions: [
        { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/api/v[0-9]+/'] } },
        { Field: 'host-header', HostHeaderConfig: { RegexValues: ['^[a-z]+\\.example\\.com$'] } },
        { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', RegexValues: ['.*Mobile.*'] } },
      ],
      Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('api') }],
      Transforms: [
        {
          Type: 'host-header-rewrite',
          HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^(.*)\\.example\\.com$', Replace: '$1.internal' }] },
        },
        {
          Type: 'url-rewrite',
          UrlRewriteConfig: { Rewrites: [{ Regex: '^/api/v[0-9]+/(.*)$', Replace: '/$1?from\\=api' }] },
        },
      ],
    });
  });

  it('GIVEN authentication on an HTTP listener WHEN added THEN exit 64 once the listener is read; nothing is created', async () => {
    const r = await elbctl([
      'rule',
      'add',
      'web:80',
      '--path',
      '/a',
      '--jwt-validation',
      'issuer=https://idp.example.com,jwks-endpoint=https://idp.example.com/jwks',
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: listener "web:80": authenticate: runs only on HTTPS listeners of application load balancers; this is an HTTP listener\n',
    );
    expect(nonReads()).toEqual([]);
  });

  it('GIVEN an --actions-file in the stack file words WHEN added THEN its authenticate, action and transforms are sent, the secret from its variable', async () => {
    const actions = file(
      'admin.yaml',
      `authenticate:
  - oidc:
      issuer: https://idp.example.com
      authorizationEndpoint: https://idp.example.com/authorize
      tokenEndpoint: https://idp.example.com/token
      userInfoEndpoint: https://idp.example.com/userinfo
      clientId: admin
      clientSecretEnv: ADMIN_OIDC_SECRET
action:
  forward:
    - { targetGroup: api, weight: 90 }
    - { targetGroup: canary, weight: 10 }
  stickiness: 600
transforms:
  - urlRewrite: { regex: "^/admin/(.*)$", replace: "/$1" }
`,
    );

    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/admin/*', '--actions-file', actions], {
      env: { ADMIN_OIDC_SECRET: SECRET },
    });

    expect(r.code).toBe(0);
    expect(created()?.Actions).toEqual([
      { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...OIDC_SDK, ClientSecret: SECRET } },
      {
        Order: 2,
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: tgArn('api'), Weight: 90 },
            { TargetGroupArn: tgArn('canary'), Weight: 10 },
          ],
          TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 600 },
        },
      },
    ]);
    expect(created()?.Transforms).toEqual([
      { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/admin/(.*)$', Replace: '/$1' }] } },
    ]);
  });

  it('GIVEN an --actions-file with a typo WHEN added THEN exit 64 at FILE:LINE:COL with the nearest field, before any AWS call', async () => {
    const actions = file('typo.yaml', 'action:\n  forwrd: api\n');

    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/a', '--actions-file', actions]);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`error: ${actions}:2:3: actions file: unknown field "forwrd"; did you mean "forward"?`);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN --actions-file with --forward WHEN added THEN exit 64: one or the other', async () => {
    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/a', '--actions-file', 'x.yaml', '--forward', 'api']);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: --actions-file: says everything the rule or listener runs, so --forward cannot go with it; put it in the file, or leave out --actions-file\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});
