/**
 * SDK actions, conditions and transforms ↔ domain: every kind AWS documents round-trips, what
 * elbctl does not interpret is kept verbatim (never dropped), and an OIDC client secret never
 * comes inward.
 */
import type { Action as SdkAction, RuleCondition, RuleTransform } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  fromAction,
  fromActions,
  fromCondition,
  fromTransform,
  toActions,
  toCondition,
  toTransform,
} from '../../src/aws/action-mappers';

const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067';
const OIDC = {
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  ClientId: 'shop',
  Scope: 'openid email',
  SessionTimeout: 3600,
  AuthenticationRequestExtraParams: { prompt: 'login' },
  OnUnauthenticatedRequest: 'deny' as const,
};

describe('actions', () => {
  it.each<[string, SdkAction[]]>([
    [
      'OIDC then a weighted forward with group stickiness',
      [
        { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...OIDC, UseExistingClientSecret: true } },
        {
          Order: 2,
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [{ TargetGroupArn: TG, Weight: 7 }],
            TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 90 },
          },
        },
      ],
    ],
    [
      'cognito then a fixed response',
      [
        {
          Order: 1,
          Type: 'authenticate-cognito',
          AuthenticateCognitoConfig: {
            UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc',
            UserPoolClientId: 'c1',
            UserPoolDomain: 'shop-auth',
            OnUnauthenticatedRequest: 'allow',
          },
        },
        { Order: 2, Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain' } },
      ],
    ],
    [
      'JWT validation then a redirect',
      [
        {
          Order: 1,
          Type: 'jwt-validation',
          JwtValidationConfig: {
            Issuer: 'https://idp.example.com',
            JwksEndpoint: 'https://idp.example.com/jwks',
            AdditionalClaims: [{ Name: 'aud', Format: 'string-array', Values: ['a', 'b'] }],
          },
        },
        { Order: 2, Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    ],
  ])('GIVEN %s WHEN read and written back THEN AWS gets the same actions', (_what, actions) => {
    expect(fromActions(toActions(actions))).toEqual(actions);
  });

  it('GIVEN actions out of Order WHEN read THEN they come in the order AWS runs them', () => {
    const read = toActions([
      { Order: 2, Type: 'forward', TargetGroupArn: TG },
      { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: OIDC },
    ]);
    expect(read.map((a) => a.type)).toEqual(['authenticate-oidc', 'forward']);
  });

  it('GIVEN an endpoint that returns the OIDC client secret WHEN read THEN the secret is nowhere in the domain action', () => {
    const [read] = toActions([
      { Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...OIDC, ClientSecret: 'the-secret-value' } },
    ]);
    expect(JSON.stringify(read)).not.toContain('the-secret-value');
    expect(fromAction(read as never, 1).AuthenticateOidcConfig).toEqual({ ...OIDC, UseExistingClientSecret: true });
  });

  it('GIVEN an action kind elbctl does not know WHEN read and written back THEN it is kept verbatim, without Order, and sent back in its place', () => {
    const future: SdkAction = {
      Order: 1,
      Type: 'authenticate-passkey',
      PasskeyConfig: { RpId: 'x' },
    } as unknown as SdkAction;
    const [read] = toActions([future]);
    expect(read).toEqual({
      type: 'other',
      awsType: 'authenticate-passkey',
      raw: { Type: 'authenticate-passkey', PasskeyConfig: { RpId: 'x' } },
    });
    expect(fromActions([read as never])).toEqual([future]);
  });

  it('GIVEN an OIDC action with an OnUnauthenticatedRequest value elbctl does not know WHEN read THEN it is kept raw, without the secret, and written back keeping the secret AWS holds', () => {
    const odd = { ...OIDC, OnUnauthenticatedRequest: 'challenge', ClientSecret: 's3cr3t' };
    const [read] = toActions([{ Order: 1, Type: 'authenticate-oidc', AuthenticateOidcConfig: odd as never }]);
    expect(read?.type).toBe('other');
    expect(JSON.stringify(read)).not.toContain('s3cr3t');
    expect(fromAction(read as never, 1)).toEqual({
      Order: 1,
      Type: 'authenticate-oidc',
      AuthenticateOidcConfig: { ...OIDC, OnUnauthenticatedRequest: 'challenge', UseExistingClientSecret: true },
    });
  });
});

describe('actions with a key elbctl does not know', () => {
  it.each<[string, SdkAction]>([
    [
      'a forward with a new ForwardConfig key',
      {
        Order: 2,
        Type: 'forward',
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'arn:tg/a', Weight: 1 }], Mirror: true },
      } as unknown as SdkAction,
    ],
    [
      'a redirect with a new RedirectConfig key',
      {
        Order: 1,
        Type: 'redirect',
        RedirectConfig: { Protocol: 'HTTPS', StatusCode: 'HTTP_301', KeepFragment: true },
      } as unknown as SdkAction,
    ],
    [
      'a fixed response with a new key beside its config',
      {
        Order: 1,
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: '404' },
        Headers: { a: 'b' },
      } as unknown as SdkAction,
    ],
    [
      'a JWT claim with a new key',
      {
        Order: 1,
        Type: 'jwt-validation',
        JwtValidationConfig: {
          Issuer: 'https://idp',
          JwksEndpoint: 'https://idp/jwks',
          AdditionalClaims: [{ Format: 'single-string', Name: 'aud', Values: ['x'], Optional: true }],
        },
      } as unknown as SdkAction,
    ],
  ])(
    'GIVEN %s WHEN read THEN the whole action is kept raw (never read partly) and written back exactly',
    (_what, a) => {
      const [read] = toActions([a]);
      expect(read?.type).toBe('other');
      expect(fromActions([read as never])).toEqual([{ ...a, Order: 1 }]);
    },
  );

  it('GIVEN the keys AWS returns today, absent and empty ones included WHEN read THEN the action is typed', () => {
    const [read] = toActions([
      {
        Order: 1,
        Type: 'forward',
        TargetGroupArn: 'arn:tg/a',
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: 'arn:tg/a', Weight: 1 }],
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ]);
    expect(read).toEqual({ type: 'forward', targetGroups: [{ targetGroupArn: 'arn:tg/a', weight: 1 }] });
  });
});

describe('conditions', () => {
  it.each<[string, RuleCondition]>([
    ['a path regex', { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/v[0-9]+/'] } }],
    ['a host regex', { Field: 'host-header', HostHeaderConfig: { RegexValues: ['^(a|b)\\.example\\.com$'] } }],
    [
      'a header regex',
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', RegexValues: ['.*Mobile.*'] } },
    ],
    ['wildcard paths', { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
    ['a kind elbctl does not know', { Field: 'client-country', Values: ['DE'] } as RuleCondition],
    [
      'a source-ip condition matching by address type (a key elbctl does not know)',
      { Field: 'source-ip', SourceIpConfig: { IpAddressType: 'ipv6' } } as RuleCondition,
    ],
    [
      'wildcards and regular expressions in one condition',
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'], RegexValues: ['^/v[0-9]+/'] } },
    ],
    [
      'a config key elbctl does not know',
      { Field: 'host-header', HostHeaderConfig: { Values: ['a.example.com'], CaseSensitive: true } } as RuleCondition,
    ],
  ])('GIVEN %s WHEN read and written back THEN AWS gets the same condition', (_what, c) => {
    expect(fromCondition(toCondition(c))).toEqual(c);
  });
});

describe('conditions elbctl cannot hold in its typed form', () => {
  it.each<[string, RuleCondition]>([
    [
      'an address type on source-ip',
      { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'], IpAddressType: 'ipv4' } } as RuleCondition,
    ],
    [
      'wildcards and regex together',
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X', Values: ['a*'], RegexValues: ['^b'] } },
    ],
  ])('GIVEN %s WHEN read THEN it is kept raw, verbatim, never read partly', (_what, c) => {
    expect(toCondition(c)).toEqual({ field: 'other', awsField: c.Field, raw: JSON.parse(JSON.stringify(c)) });
  });

  it('GIVEN RegexValues on the condition itself rather than in its config WHEN read THEN they are the regular expressions, sent back in the typed config', () => {
    const c = toCondition({ Field: 'path-pattern', RegexValues: ['^/v[0-9]+/'] });
    expect(c).toEqual({ field: 'path-pattern', values: ['^/v[0-9]+/'], regex: true });
    expect(fromCondition(c)).toEqual({ Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/v[0-9]+/'] } });
  });

  it('GIVEN the legacy Values beside the typed config (as AWS answers) WHEN read THEN the typed config is what counts', () => {
    expect(
      toCondition({ Field: 'host-header', Values: ['a.example.com'], HostHeaderConfig: { Values: ['a.example.com'] } }),
    ).toEqual({ field: 'host-header', values: ['a.example.com'] });
  });
});

describe('transforms', () => {
  it.each<[string, RuleTransform]>([
    [
      'a URL rewrite',
      { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/api/(.*)$', Replace: '/$1' }] } },
    ],
    [
      'a host rewrite',
      { Type: 'host-header-rewrite', HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^a\\.', Replace: 'b.' }] } },
    ],
    [
      'two rewrites in one transform (kept verbatim)',
      {
        Type: 'url-rewrite',
        UrlRewriteConfig: {
          Rewrites: [
            { Regex: 'a', Replace: 'b' },
            { Regex: 'c', Replace: 'd' },
          ],
        },
      },
    ],
  ])('GIVEN %s WHEN read and written back THEN AWS gets the same transform', (_what, t) => {
    expect(fromTransform(toTransform(t))).toEqual(t);
  });
});
