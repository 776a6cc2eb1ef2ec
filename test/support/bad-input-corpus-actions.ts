/**
 * The bad-input corpus, action-flag part (issue 12): `--auth-oidc`, `--auth-cognito`,
 * `--jwt-validation`, the OIDC client secret's sources, `--rewrite-url`/`--rewrite-host`,
 * `--no-transforms`, the regex conditions and `--actions-file` on rule add|modify and listener
 * create|modify. Each is refused with 64 and a message naming the flag (or FILE:LINE:COL), with
 * no AWS write; a secret written where it does not belong is never echoed. `$DIR/NAME` is a file
 * of the case's `files`, written before it runs.
 */
import type { FlagCase } from './bad-input-corpus';

const OIDC =
  'issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=shop';
const JWT = 'issuer=https://idp.example.com,jwks-endpoint=https://idp.example.com/jwks';
/** web2:443 is HTTPS (authentication runs there); web:80 is HTTP with rule 10. */
const RULE_ADD = ['rule', 'add', 'web2:443', '--path', '/admin/*'];
const OIDC_FILE = `authenticate:
  - oidc:
      issuer: https://idp.example.com
      authorizationEndpoint: https://idp.example.com/authorize
      tokenEndpoint: https://idp.example.com/token
      userInfoEndpoint: https://idp.example.com/userinfo
      clientId: shop
      clientSecretEnv: SHOP_SECRET
action: { forward: app }
`;

const flag = (what: string, args: string[], message: string, extra: Partial<FlagCase> = {}): FlagCase => ({
  kind: 'surface',
  what,
  args,
  code: 64,
  message,
  ...extra,
});

export function actionFlagCases(): FlagCase[] {
  return [
    flag(
      'rule add --auth-oidc without a client secret source',
      [...RULE_ADD, '--auth-oidc', OIDC, '--forward', 'app'],
      '--auth-oidc: AWS needs the client secret to create the action; add --client-secret-env VAR',
    ),
    flag(
      'rule add --auth-oidc with the secret as a key',
      [...RULE_ADD, '--auth-oidc', `${OIDC},client-secret=Xk9-never-echo`, '--client-secret-stdin', '--forward', 'app'],
      '--auth-oidc: "client-secret" (the value is not shown): a client secret is never given as a flag\'s value',
    ),
    flag(
      'rule add --auth-oidc with an http:// issuer',
      [
        ...RULE_ADD,
        '--auth-oidc',
        OIDC.replace('issuer=https://', 'issuer=http://'),
        '--client-secret-env',
        'SHOP_SECRET',
        '--forward',
        'app',
      ],
      '--auth-oidc: oidc issuer "http://idp.example.com": must be a full https:// URL',
      { env: { SHOP_SECRET: 's' } },
    ),
    flag(
      'rule add --auth-oidc session-timeout=0',
      [...RULE_ADD, '--auth-oidc', `${OIDC},session-timeout=0`, '--client-secret-stdin', '--forward', 'app'],
      '--auth-oidc: session timeout "0": must be a whole number from 1 to 604800',
    ),
    flag(
      'rule add --auth-oidc on-unauthenticated=maybe',
      [...RULE_ADD, '--auth-oidc', `${OIDC},on-unauthenticated=maybe`, '--client-secret-stdin', '--forward', 'app'],
      '--auth-oidc: on-unauthenticated "maybe": use deny, allow or authenticate',
    ),
    flag(
      'rule add --auth-oidc with a misspelt key',
      [...RULE_ADD, '--auth-oidc', `${OIDC},scopes=openid`, '--client-secret-stdin', '--forward', 'app'],
      '--auth-oidc: unknown key "scopes"; did you mean "scope"?',
    ),
    flag(
      'rule add --client-secret-env naming an unset variable',
      [...RULE_ADD, '--auth-oidc', OIDC, '--client-secret-env', 'SHOP_SECRET_UNSET', '--forward', 'app'],
      'the OIDC client secret variable SHOP_SECRET_UNSET is not set (or empty); nothing was changed',
    ),
    flag(
      'rule add --client-secret-env holding the secret itself',
      [...RULE_ADD, '--auth-oidc', OIDC, '--client-secret-env', 'k9/Zr+s3cr3t==', '--forward', 'app'],
      '--client-secret-env: not an environment variable name (the value is not shown: it may be a secret)',
    ),
    flag(
      'rule add --client-secret-stdin with nothing piped in',
      [...RULE_ADD, '--auth-oidc', OIDC, '--client-secret-stdin', '--forward', 'app'],
      '--client-secret-stdin: stdin gave no secret (an empty first line)',
    ),
    flag(
      'rule add --client-secret-env without --auth-oidc',
      [...RULE_ADD, '--client-secret-env', 'SHOP_SECRET', '--forward', 'app'],
      '--client-secret-env: the client secret of an --auth-oidc action; add --auth-oidc, or leave it out',
    ),
    flag(
      'rule add --auth-oidc and --auth-cognito',
      [
        ...RULE_ADD,
        '--auth-oidc',
        OIDC,
        '--client-secret-stdin',
        '--auth-cognito',
        'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=c,domain=d',
        '--forward',
        'app',
      ],
      '--auth-oidc and --auth-cognito: AWS runs one authenticate action per rule or listener; pass one',
    ),
    flag(
      'rule add --auth-cognito without a domain',
      [
        ...RULE_ADD,
        '--auth-cognito',
        'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=c',
        '--forward',
        'app',
      ],
      '--auth-cognito: domain missing',
    ),
    flag(
      'rule add --jwt-validation on an HTTP listener',
      ['rule', 'add', 'web:80', '--path', '/jwt/*', '--jwt-validation', JWT, '--forward', 'app'],
      'listener "web:80": authenticate: runs only on HTTPS listeners of application load balancers; this is an HTTP listener',
    ),
    flag(
      'rule add --jwt-validation with a claim but no value',
      [...RULE_ADD, '--jwt-validation', `${JWT},claim=aud`, '--forward', 'app'],
      '--jwt-validation: claim "aud": write claim=NAME=VALUE[|VALUE…]',
    ),
    flag(
      'rule add --rewrite-url without "="',
      [...RULE_ADD, '--rewrite-url', '^/admin/(.*)$', '--forward', 'app'],
      '--rewrite-url "^/admin/(.*)$": write REGEX=REPLACEMENT',
    ),
    flag(
      'rule add --rewrite-host with a regex that does not parse',
      [...RULE_ADD, '--rewrite-host', '^([a-z=x', '--forward', 'app'],
      '--rewrite-host: hostHeaderRewrite regex "^([a-z": not a valid regular expression',
    ),
    flag(
      'rule add --path-regex that does not parse',
      ['rule', 'add', 'web2:443', '--path-regex', '^/api/(v1', '--forward', 'app'],
      'path pattern regex "^/api/(v1": not a valid regular expression',
    ),
    flag(
      'rule add --path with --path-regex',
      ['rule', 'add', 'web2:443', '--path', '/api/*', '--path-regex', '^/api/', '--forward', 'app'],
      '2 path-pattern conditions, the limit is 1 per rule',
    ),
    flag(
      'rule add --header-regex without a header name',
      ['rule', 'add', 'web2:443', '--header-regex', '=.*Mobile.*', '--forward', 'app'],
      '--header-regex "=.*Mobile.*": the header name is missing; write NAME=REGEX',
    ),
    flag(
      'rule modify --no-transforms with --rewrite-url',
      ['rule', 'modify', 'web:80:10', '--no-transforms', '--rewrite-url', 'a=b', '-y'],
      '--no-transforms: removes every transform, and --rewrite-url/--rewrite-host set one',
    ),
    flag(
      'rule modify --auth-cognito with --replace-all-actions',
      [
        'rule',
        'modify',
        'web:80:10',
        '--auth-cognito',
        'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=c,domain=d',
        '--forward',
        'app',
        '--replace-all-actions',
        '-y',
      ],
      '--replace-all-actions: --auth-oidc, --auth-cognito and --jwt-validation already say exactly what runs',
    ),
    flag(
      'rule modify --auth-oidc on a rule of an HTTP listener',
      ['rule', 'modify', 'web:80:10', '--auth-oidc', OIDC, '-y'],
      'rule "web:80:10": authenticate: runs only on HTTPS listeners of application load balancers',
    ),
    flag(
      'listener create --auth-cognito on HTTP',
      [
        'listener',
        'create',
        'web2',
        '--protocol',
        'HTTP',
        '--port',
        '8082',
        '--auth-cognito',
        'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=c,domain=d',
        '--forward',
        'app',
      ],
      '--auth-cognito: authenticate: runs only on HTTPS listeners of application load balancers; this is an HTTP listener',
    ),
    flag(
      'listener modify --auth-oidc without a secret where none runs yet',
      ['listener', 'modify', 'web2:443', '--auth-oidc', OIDC, '-y'],
      'listener web2:443: AWS needs the client secret to create an authenticate-oidc action',
    ),
    flag(
      'rule add --actions-file that does not exist',
      [...RULE_ADD, '--actions-file', '$DIR/missing-actions.yaml'],
      'actions file "',
    ),
    flag(
      'rule add --actions-file with --forward',
      [...RULE_ADD, '--actions-file', '$DIR/ok.yaml', '--forward', 'app'],
      '--actions-file: says everything the rule or listener runs, so --forward cannot go with it',
      { files: { 'ok.yaml': 'action: { forward: app }\n' } },
    ),
    flag(
      'rule add --actions-file with a misspelt field',
      [...RULE_ADD, '--actions-file', '$DIR/typo.yaml'],
      'typo.yaml:2:3: actions file: unknown field "fixedResponce"; did you mean "fixedResponse"?',
      { files: { 'typo.yaml': 'action:\n  fixedResponce: { statusCode: 404 }\n' } },
    ),
    flag(
      'rule add --actions-file with an http:// OIDC endpoint',
      [...RULE_ADD, '--actions-file', '$DIR/http-oidc.yaml'],
      'http-oidc.yaml:6:25: actions file: oidc userInfoEndpoint "http://idp.example.com/userinfo": must be a full https:// URL',
      {
        files: {
          'http-oidc.yaml': OIDC_FILE.replace('https://idp.example.com/userinfo', 'http://idp.example.com/userinfo'),
        },
      },
    ),
    flag(
      'rule add --actions-file whose OIDC variable is unset',
      [...RULE_ADD, '--actions-file', '$DIR/oidc.yaml'],
      'the OIDC client secret variable SHOP_SECRET is not set (or empty); nothing was changed',
      { files: { 'oidc.yaml': OIDC_FILE } },
    ),
    flag(
      'rule add --actions-file with weights: external',
      [...RULE_ADD, '--actions-file', '$DIR/external.yaml'],
      'actions file: action: weights: external is for stack files whose weights a shift sets',
      { files: { 'external.yaml': 'action: { forward: app, weights: external }\n' } },
    ),
    flag(
      'listener create --actions-file with transforms',
      [
        'listener',
        'create',
        'web2',
        '--protocol',
        'HTTPS',
        '--port',
        '8443',
        '--certificate',
        '$CERT',
        '--actions-file',
        '$DIR/listener-transforms.yaml',
      ],
      'listener-transforms.yaml:2:1: actions file: unknown field "transforms"',
      {
        files: {
          'listener-transforms.yaml':
            'action: { forward: app }\ntransforms: [{ urlRewrite: { regex: a, replace: b } }]\n',
        },
      },
    ),
  ];
}
