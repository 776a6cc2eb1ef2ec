/**
 * The action flags' parser (src/core/action-flags.ts), table-driven: what each flag becomes, in
 * the model the stack file's converters make, and every refusal with its exact message — the
 * stack file's own rules, named by the flag, values shortened and escaped, a secret never echoed.
 */
import { parseLeadingFlags, parseTransformFlags } from '../../src/core/action-flags';

const OIDC =
  'issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=web';
const OIDC_MODEL = {
  type: 'authenticate-oidc',
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/authorize',
  tokenEndpoint: 'https://idp.example.com/token',
  userInfoEndpoint: 'https://idp.example.com/userinfo',
  clientId: 'web',
};
const messages = (r: { problems: Array<{ message: string }> }) => r.problems.map((p) => p.message);

describe('parseLeadingFlags: what the flags become', () => {
  it('GIVEN --auth-oidc with every key and --client-secret-env WHEN parsed THEN the OIDC model names the variable, and the source is that variable', () => {
    const r = parseLeadingFlags({
      authOidc: `${OIDC},scope=openid email,session-cookie=web-session,session-timeout=900,on-unauthenticated=allow,extra-params=prompt=login,extra-params=display=page`,
      clientSecretEnv: 'WEB_OIDC_SECRET',
    });

    expect(r).toEqual({
      specs: [
        {
          ...OIDC_MODEL,
          clientSecretEnv: 'WEB_OIDC_SECRET',
          scope: 'openid email',
          sessionCookieName: 'web-session',
          sessionTimeout: 900,
          onUnauthenticated: 'allow',
          extraParams: { prompt: 'login', display: 'page' },
        },
      ],
      secret: { kind: 'env', name: 'WEB_OIDC_SECRET' },
      problems: [],
    });
  });

  it('GIVEN --auth-oidc with --client-secret-stdin WHEN parsed THEN the model names no variable and the source is stdin', () => {
    expect(parseLeadingFlags({ authOidc: OIDC, clientSecretStdin: true })).toEqual({
      specs: [OIDC_MODEL],
      secret: { kind: 'stdin' },
      problems: [],
    });
  });

  it('GIVEN --auth-cognito and --jwt-validation WHEN parsed THEN authenticate first, then JWT validation with its claims', () => {
    const r = parseLeadingFlags({
      authCognito:
        'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=c,domain=d',
      jwtValidation: 'issuer=https://i.example.com,jwks-endpoint=https://i.example.com/jwks,claim-array=roles=a|b',
    });

    expect(r.problems).toEqual([]);
    expect(r.specs).toEqual([
      {
        type: 'authenticate-cognito',
        userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc',
        userPoolClientId: 'c',
        userPoolDomain: 'd',
      },
      {
        type: 'jwt-validation',
        issuer: 'https://i.example.com',
        jwksEndpoint: 'https://i.example.com/jwks',
        claims: [{ name: 'roles', format: 'string-array', values: ['a', 'b'] }],
      },
    ]);
  });

  it('GIVEN no flag WHEN parsed THEN nothing is asked (the live actions stay)', () => {
    expect(parseLeadingFlags({})).toEqual({ problems: [] });
  });
});

describe('parseLeadingFlags: refusals', () => {
  it.each([
    [
      'a missing required key',
      { authOidc: 'issuer=https://idp.example.com,client-id=web', clientSecretStdin: true },
      [
        '--auth-oidc: authorization-endpoint, token-endpoint and user-info-endpoint missing; e.g. --auth-oidc issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=ID',
      ],
    ],
    [
      'a misspelt key',
      { authOidc: `${OIDC},sesion-timeout=60`, clientSecretStdin: true },
      ['--auth-oidc: unknown key "sesion-timeout"; did you mean "session-timeout"?'],
    ],
    [
      'a part without "="',
      { authOidc: `${OIDC},openid`, clientSecretStdin: true },
      [
        '--auth-oidc "openid": write KEY=VALUE (keys: issuer, authorization-endpoint, token-endpoint, user-info-endpoint, client-id, scope, session-cookie, session-timeout, on-unauthenticated, extra-params)',
      ],
    ],
    [
      'a key given twice',
      { authOidc: `${OIDC},client-id=other`, clientSecretStdin: true },
      ['--auth-oidc: client-id is given twice; give it once'],
    ],
    [
      'an http:// endpoint (the stack rule)',
      {
        authOidc: OIDC.replace('token-endpoint=https://', 'token-endpoint=http://'),
        clientSecretStdin: true,
      },
      ['--auth-oidc: oidc tokenEndpoint "http://idp.example.com/token": must be a full https:// URL'],
    ],
    [
      'a session timeout of 0',
      { authOidc: `${OIDC},session-timeout=0`, clientSecretStdin: true },
      ['--auth-oidc: session timeout "0": must be a whole number from 1 to 604800'],
    ],
    [
      'an unknown on-unauthenticated',
      { authOidc: `${OIDC},on-unauthenticated=redirect`, clientSecretStdin: true },
      ['--auth-oidc: on-unauthenticated "redirect": use deny, allow or authenticate'],
    ],
    [
      'eleven extra-params',
      {
        authOidc: `${OIDC},${Array.from({ length: 11 }, (_, i) => `extra-params=p${i}=v`).join(',')}`,
        clientSecretStdin: true,
      },
      ['--auth-oidc: 11 extraParams, the limit is 10'],
    ],
    [
      'extra-params without a name',
      { authOidc: `${OIDC},extra-params=login`, clientSecretStdin: true },
      ['--auth-oidc: extra-params "login": write extra-params=NAME=VALUE'],
    ],
    [
      'both secret sources',
      { authOidc: OIDC, clientSecretEnv: 'A', clientSecretStdin: true },
      ['--client-secret-env and --client-secret-stdin: both were given; pass one'],
    ],
    [
      'a secret source without --auth-oidc',
      { clientSecretEnv: 'A' },
      ['--client-secret-env: the client secret of an --auth-oidc action; add --auth-oidc, or leave it out'],
    ],
    [
      'OIDC and Cognito together',
      {
        authOidc: OIDC,
        clientSecretStdin: true,
        authCognito: 'user-pool-arn=arn:aws:cognito-idp:us-east-1:1:userpool/p,client-id=c,domain=d',
      },
      ['--auth-oidc and --auth-cognito: AWS runs one authenticate action per rule or listener; pass one'],
    ],
    [
      'a JWT claim without values',
      { jwtValidation: 'issuer=https://i,jwks-endpoint=https://i/j,claim=aud' },
      ['--jwt-validation: claim "aud": write claim=NAME=VALUE[|VALUE…]'],
    ],
    [
      'a JWT claim with an empty value between bars',
      { jwtValidation: 'issuer=https://i,jwks-endpoint=https://i/j,claim-array=roles=a||b' },
      ['--jwt-validation: claim-array "roles=a||b": a value between "|" is empty'],
    ],
    [
      'an http:// JWKS endpoint',
      { jwtValidation: 'issuer=https://i,jwks-endpoint=http://i/j' },
      ['--jwt-validation: jwt jwksEndpoint "http://i/j": must be a full https:// URL'],
    ],
    ['an empty flag', { authCognito: ' , ' }, ['--auth-cognito: empty; write --auth-cognito KEY=VALUE,KEY=VALUE']],
  ])('GIVEN %s WHEN parsed THEN refused with the message', (_what, flags, expected) => {
    expect(messages(parseLeadingFlags(flags))).toEqual(expected);
  });

  it('GIVEN authentication on an HTTP listener WHEN parsed there THEN the stack rule refuses it, naming the flag', () => {
    expect(
      messages(
        parseLeadingFlags(
          { jwtValidation: 'issuer=https://i,jwks-endpoint=https://i/j' },
          { protocol: 'HTTP', loadBalancerType: 'application' },
        ),
      ),
    ).toEqual([
      '--jwt-validation: authenticate: runs only on HTTPS listeners of application load balancers; this is an HTTP listener',
    ]);
  });

  it('GIVEN a secret written as a key WHEN parsed THEN refused, and neither the secret nor its value is echoed', () => {
    const secret = 'hunter2-Kq8Vz3';
    const r = parseLeadingFlags({ authOidc: `${OIDC},client-secret=${secret}` });
    const text = messages(r).join('\n');

    expect(text).toContain(
      '--auth-oidc: "client-secret" (the value is not shown): a client secret is never given as a flag\'s value',
    );
    expect(text).not.toContain(secret);
    expect(r.problems[0]?.code).toBe('E_SECRET_FLAG');
  });

  it('GIVEN the secret itself as --client-secret-env WHEN parsed THEN refused without echoing it', () => {
    const r = parseLeadingFlags({ authOidc: OIDC, clientSecretEnv: 'k9/Zr+s3cr3t==' });

    expect(messages(r)).toEqual([
      '--client-secret-env: not an environment variable name (the value is not shown: it may be a secret); name the variable holding the secret, e.g. SHOP_OIDC_SECRET, never the secret itself',
    ]);
  });

  it('GIVEN an unknown key with control characters and 80 letters WHEN parsed THEN the echo is escaped and cut at 60 with an ellipsis', () => {
    const key = `x\u001b[31m${'k'.repeat(80)}`;
    const r = parseLeadingFlags({ jwtValidation: `issuer=https://i,jwks-endpoint=https://i/j,${key}=1` });

    expect(messages(r)).toEqual([
      `--jwt-validation: unknown key "x\\e[31m${'k'.repeat(54)}…"; the keys are issuer, jwks-endpoint, claim, claim-array, claim-spaced`,
    ]);
  });
});

describe('parseTransformFlags', () => {
  it('GIVEN --rewrite-host and --rewrite-url WHEN parsed THEN one host-header-rewrite and one url-rewrite; "\\=" stays in the regex', () => {
    expect(parseTransformFlags({ rewriteHost: '^(.*)\\.old$=$1', rewriteUrl: '^/q\\=(.*)$=/s?q=$1' })).toEqual({
      transforms: [
        { type: 'host-header-rewrite', regex: '^(.*)\\.old$', replace: '$1' },
        { type: 'url-rewrite', regex: '^/q\\=(.*)$', replace: '/s?q=$1' },
      ],
      problems: [],
    });
  });

  it('GIVEN --no-transforms WHEN parsed THEN an empty list (ResetTransforms); nothing given leaves them', () => {
    expect(parseTransformFlags({ transforms: false })).toEqual({ transforms: [], problems: [] });
    expect(parseTransformFlags({ transforms: true })).toEqual({ problems: [] });
  });

  it.each([
    [
      { rewriteUrl: '^/old' },
      '--rewrite-url "^/old": write REGEX=REPLACEMENT, e.g. --rewrite-url "^/v1/(.*)$=/$1" (a = in the regex as \\=)',
    ],
    [{ rewriteHost: '=x' }, '--rewrite-host "=x": the regex before "=" is empty'],
    [{ rewriteUrl: '^/(v1=/x' }, '--rewrite-url: urlRewrite regex "^/(v1": not a valid regular expression'],
    [
      { rewriteUrl: 'a=b', transforms: false },
      '--no-transforms: removes every transform, and --rewrite-url/--rewrite-host set one; pass one or the other',
    ],
  ])('GIVEN %j WHEN parsed THEN refused: %s', (flags, message) => {
    expect(messages(parseTransformFlags(flags))).toEqual([message]);
  });
});
