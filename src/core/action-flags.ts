/**
 * The flags for what runs before a routing action and what rewrites a request, on `rule add|modify`
 * and `listener create|modify`: `--auth-oidc KEY=VALUE,…`, `--auth-cognito …`, `--jwt-validation …`,
 * `--rewrite-url REGEX=REPLACEMENT`, `--rewrite-host …`, `--no-transforms`, and where an OIDC client
 * secret comes from (`--client-secret-env VAR` or `--client-secret-stdin`, never a flag's value).
 *
 * Parsing reads the syntax into the stack file's own shapes (authenticate: and transforms: entries),
 * which are then judged by the stack file's rules (stack/validate-actions.ts) and turned into the
 * model by the stack file's converters (stack/action-files.ts): one rulebook for both faces.
 */
import type { LeadingSpec } from './actions';
import { quote } from './echo';
import type { LoadBalancerType, Transform } from './model';
import type { JWT_CLAIM_FORMATS } from './model';
import { MAX_SESSION_TIMEOUT, ON_UNAUTHENTICATED } from './rules/action';
import { envVarNameProblem } from './rules/names';
import { type Problem, problem } from './rules/problem';
import { rangeProblem } from './rules/values';
import { toLeadingSpec, toTransformSpec } from './stack/action-files';
import type { LeadingActionFile, TransformFile } from './stack/schema';
import { didYouMean, orList } from './stack/suggest';
import { leadingActionProblems, transformProblems } from './stack/validate-actions';

export interface LeadingFlags {
  authOidc?: string | undefined;
  authCognito?: string | undefined;
  jwtValidation?: string | undefined;
  clientSecretEnv?: string | undefined;
  clientSecretStdin?: boolean | undefined;
}

export interface TransformFlags {
  rewriteUrl?: string | undefined;
  rewriteHost?: string | undefined;
  /** false: `--no-transforms` (remove every transform). */
  transforms?: boolean | undefined;
}

/** Where an OIDC client secret comes from: an environment variable, or one line of stdin. */
export type SecretSource = { kind: 'env'; name: string } | { kind: 'stdin' };

/** Where the actions run: an application load balancer's HTTPS listener, unless known otherwise. */
export interface LeadingPlace {
  protocol: string;
  loadBalancerType: LoadBalancerType;
}

/** Rules run on application load balancers; before the listener is read, the only place authentication runs is assumed. */
const ASSUMED_PLACE: LeadingPlace = { protocol: 'HTTPS', loadBalancerType: 'application' };

type KeyValues = Map<string, string[]>;

/** Unknown keys whose values are never echoed: a user may have put a secret there. */
const SECRET_LIKE = /secret|passw(or)?d|credential/i;

/**
 * `KEY=VALUE,KEY=VALUE`: the keys a flag knows (each once, unless repeatable), every problem with
 * the syntax. A value may hold `=` (only the first one separates the key).
 */
function keyValues(flag: string, raw: string, known: readonly string[], repeatable: readonly string[] = []) {
  const values: KeyValues = new Map();
  const problems: Problem[] = [];
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) problems.push(problem('E_ACTION', `${flag}: empty; write ${flag} KEY=VALUE,KEY=VALUE`));
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    if (!known.includes(key) && SECRET_LIKE.test(key)) {
      problems.push(
        problem(
          'E_SECRET_FLAG',
          `${flag}: ${quote(key)} (the value is not shown): a client secret is never given as a flag's value, which shell history and process lists keep; use --client-secret-env VAR or --client-secret-stdin`,
        ),
      );
      continue;
    }
    if (eq <= 0) {
      problems.push(problem('E_ACTION', `${flag} ${quote(part)}: write KEY=VALUE (keys: ${known.join(', ')})`));
      continue;
    }
    if (!known.includes(key)) {
      const hint = didYouMean(key, known) || `; the keys are ${known.join(', ')}`;
      problems.push(problem('E_ACTION', `${flag}: unknown key ${quote(key)}${hint}`));
      continue;
    }
    const value = part.slice(eq + 1).trim();
    if (value.length === 0) {
      problems.push(problem('E_ACTION', `${flag}: ${key} is empty; write ${key}=VALUE`));
      continue;
    }
    const had = values.get(key);
    if (had && !repeatable.includes(key)) {
      problems.push(problem('E_DUPLICATE', `${flag}: ${key} is given twice; give it once`));
      continue;
    }
    values.set(key, [...(had ?? []), value]);
  }
  return { values, problems };
}

const first = (values: KeyValues, key: string) => values.get(key)?.[0];

function missingProblem(flag: string, values: KeyValues, required: readonly string[], example: string): Problem[] {
  // An empty flag is reported as such (keyValues), not as every key missing.
  if (values.size === 0) return [];
  const missing = required.filter((k) => !values.has(k));
  if (missing.length === 0) return [];
  return [problem('E_REQUIRED', `${flag}: ${orList(missing).replace(/ or /, ' and ')} missing; e.g. ${example}`)];
}

const SESSION_KEYS = ['scope', 'session-cookie', 'session-timeout', 'on-unauthenticated', 'extra-params'] as const;

/** The settings authenticate-oidc and authenticate-cognito share, in the stack file's words. */
function sessionOf(flag: string, values: KeyValues, problems: Problem[]) {
  const out: {
    scope?: string;
    sessionCookieName?: string;
    sessionTimeout?: number;
    onUnauthenticated?: (typeof ON_UNAUTHENTICATED)[number];
    extraParams?: Record<string, string>;
  } = {};
  const scope = first(values, 'scope');
  if (scope !== undefined) out.scope = scope;
  const cookie = first(values, 'session-cookie');
  if (cookie !== undefined) out.sessionCookieName = cookie;
  const timeout = first(values, 'session-timeout');
  if (timeout !== undefined) {
    const bad = rangeProblem('session timeout', timeout, 1, MAX_SESSION_TIMEOUT);
    if (bad) problems.push({ ...bad, message: `${flag}: ${bad.message}` });
    else out.sessionTimeout = Number(timeout);
  }
  const on = first(values, 'on-unauthenticated');
  if (on !== undefined) {
    if ((ON_UNAUTHENTICATED as readonly string[]).includes(on))
      out.onUnauthenticated = on as typeof out.onUnauthenticated;
    else
      problems.push(
        problem('E_ACTION', `${flag}: on-unauthenticated ${quote(on)}: use ${orList([...ON_UNAUTHENTICATED])}`),
      );
  }
  for (const pair of values.get('extra-params') ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      problems.push(problem('E_ACTION', `${flag}: extra-params ${quote(pair)}: write extra-params=NAME=VALUE`));
      continue;
    }
    out.extraParams = { ...out.extraParams, [pair.slice(0, eq)]: pair.slice(eq + 1) };
  }
  return out;
}

const OIDC_REQUIRED = ['issuer', 'authorization-endpoint', 'token-endpoint', 'user-info-endpoint', 'client-id'];
const COGNITO_REQUIRED = ['user-pool-arn', 'client-id', 'domain'];
/** `claim` is a single string; `claim-array` a list of strings; `claim-spaced` space-separated values (as `scope`). */
const CLAIM_KEYS: Readonly<Record<string, (typeof JWT_CLAIM_FORMATS)[number]>> = {
  claim: 'single-string',
  'claim-array': 'string-array',
  'claim-spaced': 'space-separated-values',
};

function oidcEntry(raw: string, secretEnv: string | undefined, problems: Problem[]): LeadingActionFile | undefined {
  const flag = '--auth-oidc';
  const kv = keyValues(flag, raw, [...OIDC_REQUIRED, ...SESSION_KEYS], ['extra-params']);
  problems.push(...kv.problems);
  const missing = missingProblem(
    flag,
    kv.values,
    OIDC_REQUIRED,
    '--auth-oidc issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=ID',
  );
  problems.push(...missing);
  const session = sessionOf(flag, kv.values, problems);
  if (kv.problems.length > 0 || missing.length > 0) return undefined;
  const v = (k: string) => first(kv.values, k) as string;
  return {
    oidc: {
      issuer: v('issuer'),
      authorizationEndpoint: v('authorization-endpoint'),
      tokenEndpoint: v('token-endpoint'),
      userInfoEndpoint: v('user-info-endpoint'),
      clientId: v('client-id'),
      clientSecretEnv: secretEnv ?? '',
      ...session,
    },
  };
}

function cognitoEntry(raw: string, problems: Problem[]): LeadingActionFile | undefined {
  const flag = '--auth-cognito';
  const kv = keyValues(flag, raw, [...COGNITO_REQUIRED, ...SESSION_KEYS], ['extra-params']);
  problems.push(...kv.problems);
  const missing = missingProblem(
    flag,
    kv.values,
    COGNITO_REQUIRED,
    '--auth-cognito user-pool-arn=arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL,client-id=ID,domain=PREFIX',
  );
  problems.push(...missing);
  const session = sessionOf(flag, kv.values, problems);
  if (kv.problems.length > 0 || missing.length > 0) return undefined;
  const v = (k: string) => first(kv.values, k) as string;
  return {
    cognito: {
      userPoolArn: v('user-pool-arn'),
      userPoolClientId: v('client-id'),
      userPoolDomain: v('domain'),
      ...session,
    },
  };
}

function jwtEntry(raw: string, problems: Problem[]): LeadingActionFile | undefined {
  const flag = '--jwt-validation';
  const claimKeys = Object.keys(CLAIM_KEYS);
  const kv = keyValues(flag, raw, ['issuer', 'jwks-endpoint', ...claimKeys], claimKeys);
  problems.push(...kv.problems);
  const missing = missingProblem(
    flag,
    kv.values,
    ['issuer', 'jwks-endpoint'],
    '--jwt-validation issuer=https://idp.example.com,jwks-endpoint=https://idp.example.com/jwks,claim=aud=api',
  );
  problems.push(...missing);
  const claims: Array<{ name: string; format: (typeof JWT_CLAIM_FORMATS)[number]; values: string[] }> = [];
  const before = problems.length;
  for (const key of claimKeys) {
    for (const text of kv.values.get(key) ?? []) {
      const eq = text.indexOf('=');
      if (eq <= 0 || eq === text.length - 1) {
        problems.push(problem('E_ACTION', `${flag}: ${key} ${quote(text)}: write ${key}=NAME=VALUE[|VALUE…]`));
        continue;
      }
      const values = text.slice(eq + 1).split('|');
      if (values.some((x) => x.length === 0)) {
        problems.push(problem('E_ACTION', `${flag}: ${key} ${quote(text)}: a value between "|" is empty`));
        continue;
      }
      claims.push({ name: text.slice(0, eq), format: CLAIM_KEYS[key] as (typeof JWT_CLAIM_FORMATS)[number], values });
    }
  }
  if (kv.problems.length > 0 || missing.length > 0 || problems.length > before) return undefined;
  const v = (k: string) => first(kv.values, k) as string;
  return { jwt: { issuer: v('issuer'), jwksEndpoint: v('jwks-endpoint'), ...(claims.length ? { claims } : {}) } };
}

export interface ParsedLeadingFlags {
  /** The actions before routing, in AWS's order; undefined when no such flag is given. */
  specs?: LeadingSpec[] | undefined;
  /** Where the OIDC client secret comes from, when a flag says. */
  secret?: SecretSource | undefined;
  problems: Problem[];
}

/** Whether any flag for the actions before routing (or a client secret) is given. */
export const leadingFlagsGiven = (f: LeadingFlags): boolean =>
  [f.authOidc, f.authCognito, f.jwtValidation, f.clientSecretEnv].some((v) => v !== undefined) ||
  f.clientSecretStdin === true;

/**
 * The actions before routing the flags ask for, judged by the stack file's rules where they run
 * (`place`: an application load balancer's HTTPS listener until the listener is known).
 */
export function parseLeadingFlags(flags: LeadingFlags, place: LeadingPlace = ASSUMED_PLACE): ParsedLeadingFlags {
  const problems: Problem[] = [];
  let secret: SecretSource | undefined;
  if (flags.clientSecretEnv !== undefined && flags.clientSecretStdin) {
    problems.push(problem('E_CONFLICT', '--client-secret-env and --client-secret-stdin: both were given; pass one'));
  } else if (flags.clientSecretEnv !== undefined) {
    const bad = envVarNameProblem(flags.clientSecretEnv);
    if (bad) problems.push({ ...bad, message: bad.message.replace(/^clientSecretEnv:/, '--client-secret-env:') });
    else secret = { kind: 'env', name: flags.clientSecretEnv };
  } else if (flags.clientSecretStdin) secret = { kind: 'stdin' };
  if ((flags.clientSecretEnv !== undefined || flags.clientSecretStdin) && flags.authOidc === undefined) {
    problems.push(
      problem(
        'E_CONFLICT',
        `${flags.clientSecretStdin ? '--client-secret-stdin' : '--client-secret-env'}: the client secret of an --auth-oidc action; add --auth-oidc, or leave it out`,
      ),
    );
  }
  if (flags.authOidc !== undefined && flags.authCognito !== undefined) {
    problems.push(
      problem(
        'E_CONFLICT',
        '--auth-oidc and --auth-cognito: AWS runs one authenticate action per rule or listener; pass one',
      ),
    );
  }
  const entries: Array<[string, LeadingActionFile | undefined]> = [];
  if (flags.authOidc !== undefined)
    entries.push([
      '--auth-oidc',
      oidcEntry(flags.authOidc, secret?.kind === 'env' ? secret.name : undefined, problems),
    ]);
  if (flags.authCognito !== undefined) entries.push(['--auth-cognito', cognitoEntry(flags.authCognito, problems)]);
  if (flags.jwtValidation !== undefined) entries.push(['--jwt-validation', jwtEntry(flags.jwtValidation, problems)]);
  for (const [flag, entry] of entries) if (entry) problems.push(...leadingActionProblems([entry], place, flag));
  if (entries.length === 0) return { secret, problems };
  const specs = entries.flatMap(([, e]) => (e ? [toLeadingSpec(e) as LeadingSpec] : [])).map(withoutEmptyEnv);
  return { specs, secret, problems };
}

/** A flag-made OIDC action names a variable only when --client-secret-env gave one. */
function withoutEmptyEnv(spec: LeadingSpec): LeadingSpec {
  if (spec.type !== 'authenticate-oidc' || spec.clientSecretEnv) return spec;
  const { clientSecretEnv: _none, ...rest } = spec;
  return rest;
}

/** `REGEX=REPLACEMENT`: the first `=` not escaped as `\=` separates them (`\=` is a literal `=` in the regex). */
function rewriteEntry(flag: string, raw: string, problems: Problem[]): { regex: string; replace: string } | undefined {
  const at = raw.search(/(?<!\\)=/);
  if (at < 0) {
    problems.push(
      problem(
        'E_ACTION',
        `${flag} ${quote(raw)}: write REGEX=REPLACEMENT, e.g. ${flag} "^/v1/(.*)$=/$1" (a = in the regex as \\=)`,
      ),
    );
    return undefined;
  }
  if (at === 0) {
    problems.push(problem('E_ACTION', `${flag} ${quote(raw)}: the regex before "=" is empty`));
    return undefined;
  }
  return { regex: raw.slice(0, at), replace: raw.slice(at + 1) };
}

export interface ParsedTransformFlags {
  /** undefined: leave the rule's transforms as they are; []: remove them all (ResetTransforms). */
  transforms?: Transform[] | undefined;
  problems: Problem[];
}

export const transformFlagsGiven = (f: TransformFlags): boolean =>
  f.rewriteUrl !== undefined || f.rewriteHost !== undefined || f.transforms === false;

/** The transforms the flags ask for, judged by the stack file's rules for `transforms:`. */
export function parseTransformFlags(flags: TransformFlags): ParsedTransformFlags {
  const problems: Problem[] = [];
  if (flags.transforms === false) {
    if (flags.rewriteUrl !== undefined || flags.rewriteHost !== undefined) {
      problems.push(
        problem(
          'E_CONFLICT',
          '--no-transforms: removes every transform, and --rewrite-url/--rewrite-host set one; pass one or the other',
        ),
      );
      return { problems };
    }
    return { transforms: [], problems };
  }
  const entries: Array<[string, TransformFile]> = [];
  if (flags.rewriteHost !== undefined) {
    const r = rewriteEntry('--rewrite-host', flags.rewriteHost, problems);
    if (r) entries.push(['--rewrite-host', { hostHeaderRewrite: r }]);
  }
  if (flags.rewriteUrl !== undefined) {
    const r = rewriteEntry('--rewrite-url', flags.rewriteUrl, problems);
    if (r) entries.push(['--rewrite-url', { urlRewrite: r }]);
  }
  for (const [flag, entry] of entries) problems.push(...transformProblems([entry], flag));
  if (entries.length === 0) return { problems };
  return { transforms: entries.map(([, e]) => toTransformSpec(e) as Transform), problems };
}
