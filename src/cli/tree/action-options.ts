/**
 * The flags for what runs before a routing action (authentication, JWT validation) and for an
 * actions file, shared by `rule add|modify` and `listener create|modify`; and the transform and
 * regex-condition flags of rules.
 */

/** Authentication and JWT validation before the routing action, the OIDC client secret's source, and --actions-file. */
export const LEADING_ACTION_OPTIONS = [
  {
    flags: '--auth-oidc <key=value,...>',
    key: 'authOidc',
    description:
      'authenticate with OIDC first (HTTPS): issuer=,authorization-endpoint=,token-endpoint=,user-info-endpoint=,client-id=[,scope=,session-cookie=,session-timeout=,on-unauthenticated=deny|allow|authenticate,extra-params=NAME=VALUE]',
  },
  {
    flags: '--client-secret-env <var>',
    key: 'clientSecretEnv',
    description: 'with --auth-oidc: the environment variable holding the client secret (never the secret itself)',
  },
  {
    flags: '--client-secret-stdin',
    key: 'clientSecretStdin',
    description: 'with --auth-oidc: read the client secret from the first line of stdin (piped, never a terminal)',
  },
  {
    flags: '--auth-cognito <key=value,...>',
    key: 'authCognito',
    description:
      'authenticate with a Cognito user pool first (HTTPS): user-pool-arn=,client-id=,domain=[,scope=,session-cookie=,session-timeout=,on-unauthenticated=,extra-params=NAME=VALUE]',
  },
  {
    flags: '--jwt-validation <key=value,...>',
    key: 'jwtValidation',
    description:
      'validate a JWT bearer token first (HTTPS): issuer=,jwks-endpoint=[,claim=NAME=V1|V2 (a string), claim-array=NAME=V1|V2, claim-spaced=NAME=V1|V2]',
  },
  {
    flags: '--actions-file <file>',
    key: 'actionsFile',
    description:
      "what runs, in the stack file's words: authenticate:, action: (and transforms: on rules); instead of the action flags",
    completes: 'file',
  },
] as const;

/** Regular-expression conditions (AWS's RegexValues) beside the wildcard ones. */
export const REGEX_CONDITION_OPTIONS = [
  {
    flags: '--path-regex <regex>',
    key: 'pathRegex',
    description: 'path regular expression, e.g. ^/api/v[0-9]+/, instead of --path (repeatable)',
    repeatable: true,
  },
  {
    flags: '--host-regex <regex>',
    key: 'hostRegex',
    description: 'host header regular expression, e.g. ^[a-z]+\\.example\\.com$, instead of --host (repeatable)',
    repeatable: true,
  },
  {
    flags: '--header-regex <name=regex>',
    key: 'headerRegex',
    description: 'HTTP header matched by a regular expression, e.g. User-Agent=.*Mobile.* (repeatable)',
    repeatable: true,
  },
] as const;

/** Rewrites before routing (rules only). */
export const TRANSFORM_OPTIONS = [
  {
    flags: '--rewrite-url <regex=replacement>',
    key: 'rewriteUrl',
    description: 'rewrite the URL before routing, e.g. "^/api/(.*)$=/$1" (a = in the regex as \\=)',
  },
  {
    flags: '--rewrite-host <regex=replacement>',
    key: 'rewriteHost',
    description: 'rewrite the host header before routing, e.g. "^(.*)\\.old\\.example\\.com$=$1.example.com"',
  },
] as const;

/** `rule modify` only: transforms left out stay; this removes them (ResetTransforms). */
export const NO_TRANSFORMS_OPTION = {
  flags: '--no-transforms',
  key: 'transforms',
  description: "remove the rule's transforms (leaving --rewrite-* out keeps them)",
} as const;
