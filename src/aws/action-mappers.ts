/**
 * SDK actions, conditions and transforms ↔ domain ones. What elbctl does not interpret (a type AWS
 * adds later, a shape it cannot say) is kept verbatim as `other` with its `raw` JSON, so it can be
 * written to a stack file and sent back unchanged. An OIDC client secret never leaves this file
 * inward: DescribeRules does not return it on AWS (the emulator does, and it is dropped here).
 */
import type {
  Action as SdkAction,
  AuthenticateCognitoActionConfig,
  AuthenticateOidcActionConfig,
  RuleCondition as SdkCondition,
  RuleTransform as SdkTransform,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  type Action,
  type CognitoAuthentication,
  type Condition,
  JWT_CLAIM_FORMATS,
  type JwtClaimFormat,
  type OidcAuthentication,
  type OnUnauthenticated,
  type RawJson,
  type Transform,
} from '../core/model';

// ------------------------------------------------------------------ actions

/** Defined fields only: a domain value never carries `key: undefined` for what AWS left out. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** An SDK object as verbatim JSON: its Order dropped, and an OIDC client secret never kept. */
function rawOf(value: object): RawJson {
  const { Order: _order, ...rest } = value as Record<string, unknown>;
  const oidc = rest.AuthenticateOidcConfig as AuthenticateOidcActionConfig | undefined;
  if (oidc) {
    const { ClientSecret: _secret, UseExistingClientSecret: _keep, ...kept } = oidc;
    return JSON.parse(JSON.stringify({ ...rest, AuthenticateOidcConfig: kept })) as RawJson;
  }
  return JSON.parse(JSON.stringify(rest)) as RawJson;
}

const ON_UNAUTHENTICATED: readonly string[] = ['deny', 'allow', 'authenticate'];

function session(c: AuthenticateOidcActionConfig | AuthenticateCognitoActionConfig) {
  const extra = c.AuthenticationRequestExtraParams;
  return defined({
    sessionCookieName: c.SessionCookieName,
    scope: c.Scope,
    sessionTimeout: c.SessionTimeout,
    extraParams: extra && Object.keys(extra).length > 0 ? { ...extra } : undefined,
    onUnauthenticated: c.OnUnauthenticatedRequest as OnUnauthenticated | undefined,
  });
}

const sessionKnown = (c: AuthenticateOidcActionConfig | AuthenticateCognitoActionConfig) =>
  c.OnUnauthenticatedRequest === undefined || ON_UNAUTHENTICATED.includes(c.OnUnauthenticatedRequest);

/** A key tree of what elbctl reads: `true` a value it keeps, `'any'` a free map, `[shape]` a list of them. */
type Shape = true | 'any' | readonly [Shape] | { readonly [key: string]: Shape };

const SESSION: Record<string, Shape> = {
  SessionCookieName: true,
  Scope: true,
  SessionTimeout: true,
  AuthenticationRequestExtraParams: 'any',
  OnUnauthenticatedRequest: true,
};

/** Every key elbctl's typed action holds, per action type (Type and Order on all of them). */
const ACTION_SHAPES: Readonly<Record<string, Record<string, Shape>>> = {
  forward: {
    TargetGroupArn: true,
    ForwardConfig: {
      TargetGroups: [{ TargetGroupArn: true, Weight: true }],
      TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: true },
    },
  },
  redirect: { RedirectConfig: { Protocol: true, Port: true, Host: true, Path: true, Query: true, StatusCode: true } },
  'fixed-response': { FixedResponseConfig: { MessageBody: true, StatusCode: true, ContentType: true } },
  'authenticate-oidc': {
    AuthenticateOidcConfig: {
      Issuer: true,
      AuthorizationEndpoint: true,
      TokenEndpoint: true,
      UserInfoEndpoint: true,
      ClientId: true,
      ClientSecret: true,
      UseExistingClientSecret: true,
      ...SESSION,
    },
  },
  'authenticate-cognito': {
    AuthenticateCognitoConfig: { UserPoolArn: true, UserPoolClientId: true, UserPoolDomain: true, ...SESSION },
  },
  'jwt-validation': {
    JwtValidationConfig: {
      JwksEndpoint: true,
      Issuer: true,
      AdditionalClaims: [{ Format: true, Name: true, Values: true }],
    },
  },
};

/** Whether every key present in `value` is one `shape` names (absent and null values are nothing to lose). */
function fits(value: unknown, shape: Shape): boolean {
  if (value === undefined || value === null || shape === true || shape === 'any') return true;
  if (Array.isArray(shape)) return Array.isArray(value) && value.every((v) => fits(v, shape[0] as Shape));
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = shape as Record<string, Shape>;
  return Object.entries(value).every(([k, v]) => v === undefined || (k in keys && fits(v, keys[k] as Shape)));
}

/**
 * Whether elbctl's typed action can hold this one whole: a key it does not know (a field AWS adds
 * later) makes the action raw, kept verbatim and sent back as it was, never read partly.
 */
const typedActionHolds = (a: SdkAction): boolean => {
  const shape = a.Type !== undefined ? ACTION_SHAPES[a.Type] : undefined;
  return shape !== undefined && fits(a, { Type: true, Order: true, ...shape });
};

function toAction(a: SdkAction): Action {
  if (!typedActionHolds(a)) return { type: 'other', awsType: a.Type ?? 'unknown', raw: rawOf(a) };
  switch (a.Type) {
    case 'forward': {
      const groups = a.ForwardConfig?.TargetGroups?.length
        ? a.ForwardConfig.TargetGroups.map((g) => ({ targetGroupArn: g.TargetGroupArn ?? '', weight: g.Weight }))
        : [{ targetGroupArn: a.TargetGroupArn ?? '' }];
      const stick = a.ForwardConfig?.TargetGroupStickinessConfig;
      return {
        type: 'forward',
        targetGroups: groups,
        ...(stick?.Enabled ? { stickinessSeconds: stick.DurationSeconds } : {}),
      };
    }
    case 'redirect': {
      const r = a.RedirectConfig;
      return {
        type: 'redirect',
        protocol: r?.Protocol,
        port: r?.Port,
        host: r?.Host,
        path: r?.Path,
        query: r?.Query,
        statusCode: (r?.StatusCode ?? 'HTTP_301') as 'HTTP_301' | 'HTTP_302',
      };
    }
    case 'fixed-response': {
      const f = a.FixedResponseConfig;
      return {
        type: 'fixed-response',
        statusCode: f?.StatusCode ?? '200',
        contentType: f?.ContentType,
        messageBody: f?.MessageBody,
      };
    }
    case 'authenticate-oidc': {
      const c = a.AuthenticateOidcConfig;
      if (!c || !sessionKnown(c)) break;
      const oidc: OidcAuthentication = {
        issuer: c.Issuer ?? '',
        authorizationEndpoint: c.AuthorizationEndpoint ?? '',
        tokenEndpoint: c.TokenEndpoint ?? '',
        userInfoEndpoint: c.UserInfoEndpoint ?? '',
        clientId: c.ClientId ?? '',
        ...session(c),
      };
      return { type: 'authenticate-oidc', ...oidc };
    }
    case 'authenticate-cognito': {
      const c = a.AuthenticateCognitoConfig;
      if (!c || !sessionKnown(c)) break;
      const cognito: CognitoAuthentication = {
        userPoolArn: c.UserPoolArn ?? '',
        userPoolClientId: c.UserPoolClientId ?? '',
        userPoolDomain: c.UserPoolDomain ?? '',
        ...session(c),
      };
      return { type: 'authenticate-cognito', ...cognito };
    }
    case 'jwt-validation': {
      const c = a.JwtValidationConfig;
      const claims = c?.AdditionalClaims ?? [];
      if (!c || claims.some((x) => !(JWT_CLAIM_FORMATS as readonly string[]).includes(x.Format ?? ''))) break;
      return {
        type: 'jwt-validation',
        issuer: c.Issuer ?? '',
        jwksEndpoint: c.JwksEndpoint ?? '',
        ...(claims.length > 0
          ? {
              claims: claims.map((x) => ({
                name: x.Name ?? '',
                format: x.Format as JwtClaimFormat,
                values: [...(x.Values ?? [])],
              })),
            }
          : {}),
      };
    }
    default:
      break;
  }
  return { type: 'other', awsType: a.Type ?? 'unknown', raw: rawOf(a) };
}

function fromSession(a: Extract<Action, { type: 'authenticate-oidc' | 'authenticate-cognito' }>) {
  return defined({
    SessionCookieName: a.sessionCookieName,
    Scope: a.scope,
    SessionTimeout: a.sessionTimeout,
    AuthenticationRequestExtraParams: a.extraParams ? { ...a.extraParams } : undefined,
    OnUnauthenticatedRequest: a.onUnauthenticated,
  });
}

/**
 * A domain action as AWS takes it. An OIDC action without a secret asks AWS to keep the one it
 * holds; an `other` action goes back as it was read (an OIDC one among them keeps its secret too).
 */
export function fromAction(a: Action, order?: number): SdkAction {
  const base = order === undefined ? {} : { Order: order };
  switch (a.type) {
    case 'forward':
      if (a.targetGroups.length === 1 && a.targetGroups[0]?.weight === undefined && a.stickinessSeconds === undefined) {
        return { ...base, Type: 'forward', TargetGroupArn: a.targetGroups[0]?.targetGroupArn };
      }
      return {
        ...base,
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: a.targetGroups.map((g) => ({ TargetGroupArn: g.targetGroupArn, Weight: g.weight ?? 1 })),
          ...(a.stickinessSeconds !== undefined
            ? { TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: a.stickinessSeconds } }
            : {}),
        },
      };
    case 'redirect':
      return {
        ...base,
        Type: 'redirect',
        RedirectConfig: {
          ...(a.protocol !== undefined ? { Protocol: a.protocol } : {}),
          ...(a.port !== undefined ? { Port: a.port } : {}),
          ...(a.host !== undefined ? { Host: a.host } : {}),
          ...(a.path !== undefined ? { Path: a.path } : {}),
          ...(a.query !== undefined ? { Query: a.query } : {}),
          StatusCode: a.statusCode,
        },
      };
    case 'fixed-response':
      return {
        ...base,
        Type: 'fixed-response',
        FixedResponseConfig: {
          StatusCode: a.statusCode,
          ...(a.contentType !== undefined ? { ContentType: a.contentType } : {}),
          ...(a.messageBody !== undefined ? { MessageBody: a.messageBody } : {}),
        },
      };
    case 'authenticate-oidc':
      return {
        ...base,
        Type: 'authenticate-oidc',
        AuthenticateOidcConfig: {
          Issuer: a.issuer,
          AuthorizationEndpoint: a.authorizationEndpoint,
          TokenEndpoint: a.tokenEndpoint,
          UserInfoEndpoint: a.userInfoEndpoint,
          ClientId: a.clientId,
          ...(a.clientSecret ? { ClientSecret: a.clientSecret.reveal() } : { UseExistingClientSecret: true }),
          ...fromSession(a),
        },
      };
    case 'authenticate-cognito':
      return {
        ...base,
        Type: 'authenticate-cognito',
        AuthenticateCognitoConfig: {
          UserPoolArn: a.userPoolArn,
          UserPoolClientId: a.userPoolClientId,
          UserPoolDomain: a.userPoolDomain,
          ...fromSession(a),
        },
      };
    case 'jwt-validation':
      return {
        ...base,
        Type: 'jwt-validation',
        JwtValidationConfig: {
          Issuer: a.issuer,
          JwksEndpoint: a.jwksEndpoint,
          ...(a.claims?.length
            ? { AdditionalClaims: a.claims.map((c) => ({ Name: c.name, Format: c.format, Values: [...c.values] })) }
            : {}),
        },
      };
    case 'other': {
      const raw = a.raw as unknown as SdkAction;
      if (raw.AuthenticateOidcConfig) {
        return {
          ...raw,
          ...base,
          AuthenticateOidcConfig: { ...raw.AuthenticateOidcConfig, UseExistingClientSecret: true },
        };
      }
      return { ...raw, ...base };
    }
  }
}

/** Actions in the order AWS runs them. */
export function toActions(actions: readonly SdkAction[]): Action[] {
  return [...actions].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0)).map(toAction);
}

/** Actions numbered in the order given (AWS's Order starts at 1). */
export const fromActions = (actions: readonly Action[]): SdkAction[] => actions.map((a, i) => fromAction(a, i + 1));

// ------------------------------------------------------------------ conditions

/** The typed config each condition field is read from, and the keys elbctl understands in it. */
const CONDITION_SHAPES: Readonly<Record<string, { config: keyof SdkCondition; keys: readonly string[] }>> = {
  'path-pattern': { config: 'PathPatternConfig', keys: ['Values', 'RegexValues'] },
  'host-header': { config: 'HostHeaderConfig', keys: ['Values', 'RegexValues'] },
  'http-header': { config: 'HttpHeaderConfig', keys: ['HttpHeaderName', 'Values', 'RegexValues'] },
  'query-string': { config: 'QueryStringConfig', keys: ['Values'] },
  'http-request-method': { config: 'HttpRequestMethodConfig', keys: ['Values'] },
  'source-ip': { config: 'SourceIpConfig', keys: ['Values'] },
};

const present = (v: unknown): boolean => v !== undefined && !(Array.isArray(v) && v.length === 0);

/**
 * Whether elbctl's typed condition can hold this one without losing anything: only the keys it
 * knows (a new key — SourceIpConfig.IpAddressType, say — makes it raw), and wildcards or regular
 * expressions, not both. Anything else is kept verbatim rather than read partly.
 */
function typedConditionHolds(c: SdkCondition): boolean {
  const shape = c.Field !== undefined ? CONDITION_SHAPES[c.Field] : undefined;
  if (!shape) return false;
  const config = c[shape.config] as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(c)) {
    if (!present(v) || k === 'Field' || k === shape.config || k === 'Values') continue;
    if (k === 'RegexValues' && shape.keys.includes('RegexValues')) continue;
    return false;
  }
  for (const [k, v] of Object.entries(config ?? {})) if (present(v) && !shape.keys.includes(k)) return false;
  const values = present(config?.Values) || (config === undefined && present(c.Values));
  const regex = present(config?.RegexValues) || present(c.RegexValues);
  return !(values && regex);
}

/**
 * Wildcard values, or regular expressions (RegexValues) when those are given — from the typed
 * config, else from the condition itself (AWS documents RegexValues on both, and the legacy
 * Values beside the config).
 */
function matchValues(
  c: SdkCondition,
  config: { Values?: string[] | undefined; RegexValues?: string[] | undefined } | undefined,
) {
  const regex = config?.RegexValues?.length ? config.RegexValues : c.RegexValues;
  if (regex?.length) return { values: [...regex], regex: true as const };
  return { values: [...(config?.Values ?? c.Values ?? [])] };
}

export function toCondition(c: SdkCondition): Condition {
  if (!typedConditionHolds(c)) return { field: 'other', awsField: c.Field ?? 'unknown', raw: rawOf(c) };
  switch (c.Field) {
    case 'path-pattern':
      return { field: 'path-pattern', ...matchValues(c, c.PathPatternConfig) };
    case 'host-header':
      return { field: 'host-header', ...matchValues(c, c.HostHeaderConfig) };
    case 'http-request-method':
      return { field: 'http-request-method', values: [...(c.HttpRequestMethodConfig?.Values ?? c.Values ?? [])] };
    case 'source-ip':
      return { field: 'source-ip', values: [...(c.SourceIpConfig?.Values ?? c.Values ?? [])] };
    case 'http-header':
      return {
        field: 'http-header',
        headerName: c.HttpHeaderConfig?.HttpHeaderName ?? '',
        ...matchValues(c, c.HttpHeaderConfig),
      };
    case 'query-string':
      return {
        field: 'query-string',
        values: (c.QueryStringConfig?.Values ?? []).map((v) => ({
          ...(v.Key !== undefined ? { key: v.Key } : {}),
          value: v.Value ?? '',
        })),
      };
    default:
      return { field: 'other', awsField: c.Field ?? 'unknown', raw: rawOf(c) };
  }
}

const valuesConfig = (c: { values: string[]; regex?: boolean | undefined }) =>
  c.regex ? { RegexValues: c.values } : { Values: c.values };

/** Domain condition → the typed SDK config (never the legacy `Values` field). */
export function fromCondition(c: Condition): SdkCondition {
  switch (c.field) {
    case 'path-pattern':
      return { Field: c.field, PathPatternConfig: valuesConfig(c) };
    case 'host-header':
      return { Field: c.field, HostHeaderConfig: valuesConfig(c) };
    case 'http-request-method':
      return { Field: c.field, HttpRequestMethodConfig: { Values: c.values } };
    case 'source-ip':
      return { Field: c.field, SourceIpConfig: { Values: c.values } };
    case 'http-header':
      return { Field: c.field, HttpHeaderConfig: { HttpHeaderName: c.headerName, ...valuesConfig(c) } };
    case 'query-string':
      return {
        Field: c.field,
        QueryStringConfig: {
          Values: c.values.map((v) => ({ ...(v.key !== undefined ? { Key: v.key } : {}), Value: v.value })),
        },
      };
    case 'other':
      return { ...(c.raw as unknown as SdkCondition) };
  }
}

// ------------------------------------------------------------------ transforms

/** One rewrite per transform is what AWS documents; any other shape is kept verbatim. */
export function toTransform(t: SdkTransform): Transform {
  const config =
    t.Type === 'host-header-rewrite'
      ? t.HostHeaderRewriteConfig
      : t.Type === 'url-rewrite'
        ? t.UrlRewriteConfig
        : undefined;
  const rewrites = config?.Rewrites ?? [];
  const only = rewrites[0];
  if ((t.Type === 'host-header-rewrite' || t.Type === 'url-rewrite') && rewrites.length === 1 && only) {
    return { type: t.Type, regex: only.Regex ?? '', replace: only.Replace ?? '' };
  }
  return { type: 'other', awsType: t.Type ?? 'unknown', raw: rawOf(t) };
}

export function fromTransform(t: Transform): SdkTransform {
  switch (t.type) {
    case 'host-header-rewrite':
      return { Type: t.type, HostHeaderRewriteConfig: { Rewrites: [{ Regex: t.regex, Replace: t.replace }] } };
    case 'url-rewrite':
      return { Type: t.type, UrlRewriteConfig: { Rewrites: [{ Regex: t.regex, Replace: t.replace }] } };
    case 'other':
      return { ...(t.raw as unknown as SdkTransform) };
  }
}
