/**
 * The stack file's words for the actions that run before routing (`authenticate:`), for rule
 * transforms and for verbatim `raw:` parts, in both directions: the loader turns them into the
 * model, export turns live ones back into them. Keeping both directions here means a file export
 * wrote loads to exactly what was observed.
 */
import type { LeadingSpec } from '../actions';
import type { Action, RawJson, Transform } from '../model';
import type { LeadingActionFile, TransformFile } from './schema';

type Session = Pick<
  Extract<LeadingSpec, { type: 'authenticate-oidc' }>,
  'sessionCookieName' | 'scope' | 'sessionTimeout' | 'extraParams' | 'onUnauthenticated'
>;

function sessionOf(f: Session): Session {
  return {
    ...(f.sessionCookieName !== undefined ? { sessionCookieName: f.sessionCookieName } : {}),
    ...(f.scope !== undefined ? { scope: f.scope } : {}),
    ...(f.sessionTimeout !== undefined ? { sessionTimeout: f.sessionTimeout } : {}),
    ...(f.extraParams !== undefined && Object.keys(f.extraParams).length > 0
      ? { extraParams: { ...f.extraParams } }
      : {}),
    ...(f.onUnauthenticated !== undefined ? { onUnauthenticated: f.onUnauthenticated } : {}),
  };
}

/** Where a raw part came from in AWS's words (its Type or Field), for messages and plans. */
export const rawKind = (raw: RawJson, key: 'Type' | 'Field'): string =>
  typeof raw[key] === 'string' ? (raw[key] as string) : 'unknown';

/** One `authenticate:` entry → the model; undefined unless exactly one kind is given (validate.ts reports that). */
export function toLeadingSpec(f: LeadingActionFile): LeadingSpec | undefined {
  const kinds = [f.oidc, f.cognito, f.jwt, f.raw].filter((k) => k !== undefined).length;
  if (kinds !== 1) return undefined;
  if (f.oidc) {
    const o = f.oidc;
    return {
      type: 'authenticate-oidc',
      issuer: o.issuer,
      authorizationEndpoint: o.authorizationEndpoint,
      tokenEndpoint: o.tokenEndpoint,
      userInfoEndpoint: o.userInfoEndpoint,
      clientId: o.clientId,
      clientSecretEnv: o.clientSecretEnv,
      ...sessionOf(o),
    };
  }
  if (f.cognito) {
    const c = f.cognito;
    return {
      type: 'authenticate-cognito',
      userPoolArn: c.userPoolArn,
      userPoolClientId: c.userPoolClientId,
      userPoolDomain: c.userPoolDomain,
      ...sessionOf(c),
    };
  }
  if (f.jwt) {
    const j = f.jwt;
    return {
      type: 'jwt-validation',
      issuer: j.issuer,
      jwksEndpoint: j.jwksEndpoint,
      ...(j.claims?.length
        ? { claims: j.claims.map((c) => ({ name: c.name, format: c.format, values: [...c.values] })) }
        : {}),
    };
  }
  const raw = f.raw as RawJson;
  return { type: 'other', awsType: rawKind(raw, 'Type'), raw };
}

/** One `transforms:` entry → the model; undefined unless exactly one kind is given. */
export function toTransformSpec(f: TransformFile): Transform | undefined {
  const kinds = [f.hostHeaderRewrite, f.urlRewrite, f.raw].filter((k) => k !== undefined).length;
  if (kinds !== 1) return undefined;
  if (f.hostHeaderRewrite) return { type: 'host-header-rewrite', ...f.hostHeaderRewrite };
  if (f.urlRewrite) return { type: 'url-rewrite', ...f.urlRewrite };
  const raw = f.raw as RawJson;
  return { type: 'other', awsType: rawKind(raw, 'Type'), raw };
}

// ------------------------------------------------------------------ model → file (export)

/**
 * A live action that runs before routing → its `authenticate:` entry. An OIDC action gets
 * `clientSecretEnv: secretEnv`, a placeholder: AWS never returns the secret.
 */
export function leadingFile(a: Action, secretEnv: string): LeadingActionFile | undefined {
  switch (a.type) {
    case 'authenticate-oidc': {
      const { type: _t, clientSecret: _s, ...rest } = a;
      return {
        oidc: {
          issuer: rest.issuer,
          authorizationEndpoint: rest.authorizationEndpoint,
          tokenEndpoint: rest.tokenEndpoint,
          userInfoEndpoint: rest.userInfoEndpoint,
          clientId: rest.clientId,
          clientSecretEnv: secretEnv,
          ...sessionOf(rest),
        },
      };
    }
    case 'authenticate-cognito': {
      const { type: _t, ...c } = a;
      return {
        cognito: {
          userPoolArn: c.userPoolArn,
          userPoolClientId: c.userPoolClientId,
          userPoolDomain: c.userPoolDomain,
          ...sessionOf(c),
        },
      };
    }
    case 'jwt-validation':
      return {
        jwt: {
          issuer: a.issuer,
          jwksEndpoint: a.jwksEndpoint,
          ...(a.claims?.length
            ? { claims: a.claims.map((c) => ({ name: c.name, format: c.format, values: [...c.values] })) }
            : {}),
        },
      };
    case 'other':
      return { raw: { ...a.raw } };
    default:
      return undefined;
  }
}

export function transformFile(t: Transform): TransformFile {
  switch (t.type) {
    case 'host-header-rewrite':
      return { hostHeaderRewrite: { regex: t.regex, replace: t.replace } };
    case 'url-rewrite':
      return { urlRewrite: { regex: t.regex, replace: t.replace } };
    case 'other':
      return { raw: { ...t.raw } };
  }
}

// ------------------------------------------------------------------ comparisons (plan)

/** AWS's defaults for what an authentication action leaves out, so a file that leaves them out compares equal. */
const SESSION_DEFAULTS = {
  sessionCookieName: 'AWSELBAuthSessionCookie',
  scope: 'openid',
  sessionTimeout: 604800,
  onUnauthenticated: 'authenticate',
};

/**
 * One leading action as a comparable string. An OIDC client secret is not part of it: AWS never
 * shows it, so a plan cannot see it change (`apply --rotate-secrets` sends it anyway).
 */
function canonicalLeading(a: LeadingSpec | Action): string {
  switch (a.type) {
    case 'authenticate-oidc':
    case 'authenticate-cognito': {
      const {
        clientSecret: _s,
        clientSecretEnv: _e,
        ...rest
      } = a as Extract<LeadingSpec, { type: 'authenticate-oidc' }> & {
        clientSecret?: unknown;
      };
      const withDefaults: Record<string, unknown> = {
        ...SESSION_DEFAULTS,
        ...rest,
        extraParams: rest.extraParams ?? {},
      };
      return JSON.stringify(sortKeys(withDefaults));
    }
    case 'jwt-validation':
      return JSON.stringify(sortKeys({ ...a, claims: a.claims ?? [] }));
    case 'other':
      return JSON.stringify(sortKeys({ type: 'other', raw: a.raw }));
    default:
      return JSON.stringify({ type: a.type });
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export const sameLeading = (a: readonly (LeadingSpec | Action)[], b: readonly (LeadingSpec | Action)[]): boolean =>
  a.length === b.length && a.every((x, i) => canonicalLeading(x) === canonicalLeading(b[i] as LeadingSpec));

export const sameTransforms = (a: readonly Transform[], b: readonly Transform[]): boolean =>
  JSON.stringify(sortKeys([...a].map(sortKeys).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))))) ===
  JSON.stringify(sortKeys([...b].map(sortKeys).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))));

/** Live leading actions as a plan states them: secrets never, an OIDC action without an env name. */
export function leadingSpecs(actions: readonly Action[]): LeadingSpec[] {
  return actions.flatMap((a): LeadingSpec[] => {
    switch (a.type) {
      case 'authenticate-oidc': {
        const { clientSecret: _s, ...rest } = a;
        return [rest];
      }
      case 'authenticate-cognito':
      case 'jwt-validation':
      case 'other':
        return [a];
      default:
        return [];
    }
  });
}
