/**
 * The bad-input corpus, full-surface part (issue 12): stack fields for the actions that run
 * before routing (authenticate:), group stickiness, regex conditions and transforms. Each is
 * refused with 64 and a message, with no AWS write. An OIDC secret written where its variable's
 * name belongs is never echoed. Flags: trust stores and mutual TLS (refused before any AWS call:
 * the emulator has no trust stores, so none of these may depend on reading one).
 */
import type { FlagCase, StackCase } from './bad-input-corpus';

const RULE_ACTION = 'action: { forward: [{ targetGroup: front, weight: 90 }, { targetGroup: back, weight: 10 }] }';
const RULE_CONDITIONS = 'conditions: { path: ["/api/*"], sourceIps: ["10.0.0.0/8"] }';
const OIDC =
  'oidc: { issuer: "https://idp.example.com", authorizationEndpoint: "https://idp.example.com/a", tokenEndpoint: "https://idp.example.com/t", userInfoEndpoint: "https://idp.example.com/u", clientId: shop, clientSecretEnv: SHOP_SECRET }';

const stack = (what: string, edits: Array<[string, string]>, message: string): StackCase => ({
  kind: 'surface',
  what,
  edit: edits,
  code: 64,
  message,
});

/** The rule's action with an `authenticate:` list before it. */
const authenticate = (...entries: string[]): [string, string] => [
  RULE_ACTION,
  `authenticate: [${entries.map((e) => `{ ${e} }`).join(', ')}]\n            ${RULE_ACTION}`,
];

export function surfaceStackCases(): StackCase[] {
  return [
    stack(
      'authenticate on an HTTP listener',
      [authenticate(OIDC)],
      'authenticate: runs only on HTTPS listeners of application load balancers; this is an HTTP listener',
    ),
    stack('an empty authenticate entry', [authenticate('')], 'authenticate entry 1: empty; give one of oidc'),
    stack(
      'oidc and jwt in one entry',
      [authenticate(`${OIDC}, jwt: { issuer: "https://i", jwksEndpoint: "https://i/j" }`)],
      'oidc and jwt are both given; give one per entry',
    ),
    stack(
      'an http:// issuer',
      [authenticate(OIDC.replace('issuer: "https://idp.example.com"', 'issuer: "http://idp.example.com"'))],
      'oidc issuer "http://idp.example.com": must be a full https:// URL',
    ),
    stack(
      'the secret itself in clientSecretEnv',
      [authenticate(OIDC.replace('clientSecretEnv: SHOP_SECRET', 'clientSecretEnv: "k9/Zr+s3cr3t=="'))],
      'clientSecretEnv: not an environment variable name (the value is not shown',
    ),
    stack(
      'a clientSecret field',
      [authenticate(OIDC.replace('clientSecretEnv: SHOP_SECRET', 'clientSecret: hunter2'))],
      'unknown field "clientSecret"; did you mean "clientSecretEnv"?',
    ),
    stack(
      'two authenticate-oidc actions',
      [authenticate(OIDC, OIDC)],
      'AWS runs at most one authenticate-oidc or authenticate-cognito action per rule',
    ),
    stack(
      'a session timeout of 0',
      [authenticate(OIDC.replace('clientId: shop', 'clientId: shop, sessionTimeout: 0'))],
      'session timeout "0": must be a whole number from 1 to 604800',
    ),
    stack(
      'a JWT claim format elbctl does not know',
      [
        authenticate(
          'jwt: { issuer: "https://i", jwksEndpoint: "https://i/j", claims: [{ name: aud, format: csv, values: [a] }] }',
        ),
      ],
      '"csv"',
    ),
    stack(
      'stickiness of 0 seconds',
      [[RULE_ACTION, RULE_ACTION.replace(' }] }', ' }], stickiness: 0 }')]],
      'target group stickiness "0": must be a whole number from 1 to 604800',
    ),
    stack(
      'stickiness on a fixed response',
      [[RULE_ACTION, 'action: { fixedResponse: { statusCode: 404 }, stickiness: 60 }']],
      'stickiness goes with forward only; remove it',
    ),
    stack(
      'stickiness on a network load balancer',
      [['defaultAction: { forward: raw }', 'defaultAction: { forward: raw, stickiness: 60 }']],
      'which only application load balancers have; remove it',
    ),
    stack(
      'a path regex that does not parse',
      [[RULE_CONDITIONS, 'conditions: { pathRegex: ["^/api/(v1"] }']],
      'path pattern regex "^/api/(v1": not a valid regular expression',
    ),
    stack(
      'path and pathRegex together',
      [[RULE_CONDITIONS, 'conditions: { path: ["/api/*"], pathRegex: ["^/api/"] }']],
      '2 path-pattern conditions, the limit is 1 per rule',
    ),
    stack(
      'two URL rewrites',
      [
        [
          RULE_ACTION,
          `${RULE_ACTION}\n            transforms: [{ urlRewrite: { regex: a, replace: b } }, { urlRewrite: { regex: c, replace: d } }]`,
        ],
      ],
      'urlRewrite given twice; AWS takes one of each per rule',
    ),
    stack(
      'a rewrite regex that does not parse',
      [
        [
          RULE_ACTION,
          `${RULE_ACTION}\n            transforms: [{ hostHeaderRewrite: { regex: "([a-z", replace: b } }]`,
        ],
      ],
      'hostHeaderRewrite regex "([a-z": not a valid regular expression',
    ),
    stack(
      'a protocol version on a TCP target group',
      [['  - name: raw\n    protocol: TCP\n', '  - name: raw\n    protocol: TCP\n    protocolVersion: HTTP2\n']],
      'a protocol version (HTTP1, HTTP2, GRPC) applies to HTTP/HTTPS target groups only',
    ),
    stack(
      'an HTTP matcher on a GRPC target group',
      [
        [
          '    healthCheck: { path: /health, interval: 15 }',
          '    protocolVersion: GRPC\n    healthCheck: { path: /health, interval: 15, matcher: "200" }',
        ],
      ],
      'a GRPC target group takes gRPC codes from 0 to 99',
    ),
    stack(
      'ipv6 on a lambda target group',
      [
        [
          '  - name: raw\n    protocol: TCP\n    port: 443\n    vpc: $VPC\n',
          '  - name: raw\n    protocol: TCP\n    port: 443\n    vpc: $VPC\n  - name: fn\n    targetType: lambda\n    ipAddressType: ipv6\n',
        ],
      ],
      'ipv6 takes ip or instance targets',
    ),
    stack(
      'an empty transform',
      [[RULE_ACTION, `${RULE_ACTION}\n            transforms: [{}]`]],
      'transform 1: empty; give one of hostHeaderRewrite, urlRewrite, raw',
    ),
  ];
}

const flag = (what: string, args: string[], message: string): FlagCase => ({
  kind: 'mutual TLS',
  what,
  args,
  code: 64,
  message,
});
const HTTPS_CREATE = ['listener', 'create', 'web2', '--protocol', 'HTTPS', '--port', '8443', '--certificate', '$CERT'];

export function surfaceFlagCases(): FlagCase[] {
  return [
    flag(
      'trust-store create with a doubled hyphen',
      ['trust-store', 'create', 'ca--store', '--ca-certificates', 's3://pki-bucket/ca.pem'],
      'trust store name "ca--store": use letters and digits, with single hyphens between them',
    ),
    flag(
      'trust-store create with a 33-character name',
      ['trust-store', 'create', 'a'.repeat(33), '--ca-certificates', 's3://pki-bucket/ca.pem'],
      'is 33 characters, the limit is 32',
    ),
    flag(
      'trust-store create with an https:// bundle',
      ['trust-store', 'create', 'partners', '--ca-certificates', 'https://pki-bucket.s3.amazonaws.com/ca.pem'],
      'write it as s3://BUCKET/KEY (optionally ?versionId=VERSION)',
    ),
    flag(
      'trust-store create with a bucket but no key',
      ['trust-store', 'create', 'partners', '--ca-certificates', 's3://pki-bucket/'],
      '--ca-certificates "s3://pki-bucket/": write it as s3://BUCKET/KEY',
    ),
    flag(
      'trust-store create with an uppercase revocation bucket',
      [
        'trust-store',
        'create',
        'partners',
        '--ca-certificates',
        's3://pki-bucket/ca.pem',
        '--revocations',
        's3://PKI/crl.pem',
      ],
      'bucket "PKI" is not an S3 bucket name',
    ),
    flag(
      'listener create --mtls verify without a trust store',
      [...HTTPS_CREATE, '--forward', 'web2', '--mtls', 'verify'],
      'mutual TLS "verify" needs a trust store to check client certificates against; add --trust-store NAME',
    ),
    flag(
      'listener create --mtls on an HTTP listener',
      [
        'listener',
        'create',
        'web2',
        '--protocol',
        'HTTP',
        '--port',
        '8081',
        '--forward',
        'web2',
        '--mtls',
        'passthrough',
      ],
      'mutual TLS "passthrough" needs an HTTPS listener, not HTTP',
    ),
    flag(
      'listener create --mtls with an unknown mode',
      [...HTTPS_CREATE, '--forward', 'web2', '--mtls', 'strict'],
      '--mtls "strict": unknown mode; use off, passthrough or verify',
    ),
    flag(
      'listener create --trust-store with passthrough',
      [...HTTPS_CREATE, '--forward', 'web2', '--mtls', 'passthrough', '--trust-store', 'partners'],
      '--trust-store applies only to mutual TLS "verify", not "passthrough"',
    ),
    flag(
      'listener modify --trust-store without --mtls',
      ['listener', 'modify', 'web2:443', '--trust-store', 'partners', '-y'],
      '--trust-store: only with --mtls verify',
    ),
    flag(
      'listener modify --advertise-ca-names maybe',
      [
        'listener',
        'modify',
        'web2:443',
        '--mtls',
        'verify',
        '--trust-store',
        'partners',
        '--advertise-ca-names',
        'maybe',
        '-y',
      ],
      '--advertise-ca-names "maybe": use on or off',
    ),
    flag(
      'listener modify --mtls verify with a malformed trust store ARN',
      ['listener', 'modify', 'web2:443', '--mtls', 'verify', '--trust-store', 'arn:aws:iam::123456789012:role/x', '-y'],
      'trust store "arn:aws:iam::123456789012:role/x": not a trust store ARN',
    ),
  ];
}
