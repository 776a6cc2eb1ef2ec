/**
 * Listener and rule actions written as flags: `--forward api=80,canary=20`,
 * `--redirect https://example.com/new`, `--redirect-https`, `--fixed-response 404:not here`.
 * Parsing reads the syntax; the limits are the rulebook's (rules/action.ts), checked on the
 * parsed action as for a stack file. Target group names are resolved later.
 */
import { quote } from './echo';
import type { Action, OidcAuthentication } from './model';
import { MAX_WEIGHT, MIN_WEIGHT, fixedResponseStatusProblem } from './rules/action';
import { type Problem, problem } from './rules/problem';
import { rangeProblem } from './rules/values';

export interface ForwardTarget {
  /** Target group name or ARN, as the user wrote it. */
  targetGroup: string;
  weight?: number | undefined;
}

/** The action that ends a rule: where the request goes. */
export type RoutingAction = Extract<Action, { type: 'forward' | 'redirect' | 'fixed-response' }>;

/**
 * A routing action as a command or stack file states it: forward targets by name (resolved to
 * ARNs later), with group stickiness in seconds when the file asks for it.
 */
export type ActionSpec =
  | {
      type: 'forward';
      targets: ForwardTarget[];
      stickinessSeconds?: number | undefined;
      /** A stack's `weights: external`: weights and group stickiness are set elsewhere (a shift) and never compared. */
      externalWeights?: boolean | undefined;
    }
  | Exclude<RoutingAction, { type: 'forward' }>;

/**
 * An action that runs before the routing one, as a stack file states it. An OIDC action names
 * the environment variable its client secret comes from, never the secret itself.
 */
export type LeadingSpec =
  | ({ type: 'authenticate-oidc'; clientSecretEnv?: string | undefined } & OidcAuthentication)
  | Extract<Action, { type: 'authenticate-cognito' | 'jwt-validation' | 'other' }>;

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

function parseForward(raw: string): Parsed<ForwardTarget[]> {
  const problems: Problem[] = [];
  const targets: ForwardTarget[] = [];
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0)
    return {
      ok: false,
      problems: [problem('E_ACTION', 'forward "": name at least one target group; write --forward NAME')],
    };
  for (const part of parts) {
    // ARNs contain no '=', so the last '=' separates a weight.
    const eq = part.lastIndexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (name.length === 0) {
      problems.push(problem('E_ACTION', `forward ${quote(part)}: the target group name is missing; write NAME=WEIGHT`));
      continue;
    }
    if (eq < 0) {
      targets.push({ targetGroup: name });
      continue;
    }
    const text = part.slice(eq + 1);
    const bad = rangeProblem('forward weight', text, MIN_WEIGHT, MAX_WEIGHT);
    if (bad) problems.push(bad);
    else targets.push({ targetGroup: name, weight: Number(text.trim()) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: targets };
}

function parseFixedResponse(raw: string): Parsed<Extract<Action, { type: 'fixed-response' }>> {
  const colon = raw.indexOf(':');
  const codeRaw = colon < 0 ? raw : raw.slice(0, colon);
  const body = colon < 0 ? undefined : raw.slice(colon + 1);
  const status = fixedResponseStatusProblem(codeRaw);
  if (status) return { ok: false, problems: [{ ...status, path: [] }] };
  return {
    ok: true,
    value: {
      type: 'fixed-response',
      statusCode: String(Number(codeRaw.trim())),
      contentType: 'text/plain',
      ...(body !== undefined && body.length > 0 ? { messageBody: body } : {}),
    },
  };
}

/** `https://host:port/path?query` → a redirect action (HTTP 301). Missing parts keep the request's. */
function parseRedirect(raw: string): Parsed<Extract<Action, { type: 'redirect' }>> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      problems: [problem('E_ACTION', `redirect ${quote(raw)}: not a URL; write it as https://example.com/path`)],
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problems: [problem('E_ACTION', `redirect ${quote(raw)}: must be an http or https URL`)] };
  }
  const protocol = url.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  return {
    ok: true,
    value: {
      type: 'redirect',
      protocol,
      host: url.hostname,
      port: url.port || (protocol === 'HTTPS' ? '443' : '80'),
      path: decodeURI(url.pathname) || '/',
      ...(url.search.length > 1 ? { query: url.search.slice(1) } : {}),
      statusCode: 'HTTP_301',
    },
  };
}

/** The usual HTTP → HTTPS redirect, keeping host, path and query. */
export const REDIRECT_TO_HTTPS: Extract<Action, { type: 'redirect' }> = {
  type: 'redirect',
  protocol: 'HTTPS',
  port: '443',
  host: '#{host}',
  path: '/#{path}',
  query: '#{query}',
  statusCode: 'HTTP_301',
};

export interface ActionFlags {
  forward?: string | undefined;
  redirect?: string | undefined;
  redirectHttps?: boolean | undefined;
  fixedResponse?: string | undefined;
}

/** Exactly one action flag must be given; returns the parsed spec or every problem. */
export function parseActionFlags(flags: ActionFlags, allowed: ReadonlyArray<keyof ActionFlags>): Parsed<ActionSpec> {
  const names: Record<keyof ActionFlags, string> = {
    forward: '--forward',
    redirect: '--redirect',
    redirectHttps: '--redirect-https',
    fixedResponse: '--fixed-response',
  };
  const given = allowed.filter((k) => flags[k] !== undefined && flags[k] !== false);
  if (given.length === 0) {
    return {
      ok: false,
      problems: [problem('E_REQUIRED', `action: missing; pass one of ${allowed.map((k) => names[k]).join(', ')}`)],
    };
  }
  if (given.length > 1) {
    return {
      ok: false,
      problems: [
        problem('E_CONFLICT', `action: ${given.map((k) => names[k]).join(' and ')} were both given; pass only one`),
      ],
    };
  }
  const which = given[0] as keyof ActionFlags;
  switch (which) {
    case 'forward': {
      const r = parseForward(flags.forward as string);
      return r.ok ? { ok: true, value: { type: 'forward', targets: r.value } } : r;
    }
    case 'redirect':
      return parseRedirect(flags.redirect as string);
    case 'redirectHttps':
      return { ok: true, value: REDIRECT_TO_HTTPS };
    case 'fixedResponse':
      return parseFixedResponse(flags.fixedResponse as string);
  }
}

/** One line describing an action, for tables. `name` maps target group ARNs to names. */
export function describeAction(a: Action, name: (arn: string) => string = (arn) => arn): string {
  switch (a.type) {
    case 'forward':
      if (a.targetGroups.length === 1) return `forward → ${name(a.targetGroups[0]?.targetGroupArn ?? '')}`;
      return `forward → ${a.targetGroups.map((g) => `${name(g.targetGroupArn)}=${g.weight ?? 1}`).join(', ')}`;
    case 'redirect': {
      const proto = (a.protocol ?? '#{protocol}').toLowerCase();
      const code = a.statusCode === 'HTTP_302' ? 302 : 301;
      return `redirect ${code} → ${proto}://${a.host ?? '#{host}'}:${a.port ?? '#{port}'}${a.path ?? '/#{path}'}${a.query ? `?${a.query}` : ''}`;
    }
    case 'fixed-response':
      return `fixed ${a.statusCode}${a.messageBody ? ` "${a.messageBody.length > 30 ? `${a.messageBody.slice(0, 30)}…` : a.messageBody}"` : ''}`;
    case 'authenticate-oidc':
      return `authenticate-oidc ${a.issuer} (client ${a.clientId})`;
    case 'authenticate-cognito':
      return `authenticate-cognito ${a.userPoolDomain}`;
    case 'jwt-validation':
      return `jwt-validation ${a.issuer}`;
    case 'other':
      return a.awsType;
  }
}

export type ActionData =
  | { type: 'forward'; targetGroups: Array<{ name: string; arn: string; weight: number | null }> }
  | {
      type: 'redirect';
      protocol: string | null;
      port: string | null;
      host: string | null;
      path: string | null;
      query: string | null;
      statusCode: string;
    }
  | { type: 'fixed-response'; statusCode: string; contentType: string | null; messageBody: string | null }
  | { type: string };

/**
 * An action as stable JSON for every command's output: target groups carry their names as well
 * as their ARNs, and absent fields are null so the keys never change.
 */
export function actionData(a: Action, name: (arn: string) => string): ActionData {
  switch (a.type) {
    case 'forward':
      return {
        type: 'forward',
        targetGroups: a.targetGroups.map((g) => ({
          name: name(g.targetGroupArn),
          arn: g.targetGroupArn,
          weight: g.weight ?? null,
        })),
      };
    case 'redirect':
      return {
        type: 'redirect',
        protocol: a.protocol ?? null,
        port: a.port ?? null,
        host: a.host ?? null,
        path: a.path ?? null,
        query: a.query ?? null,
        statusCode: a.statusCode,
      };
    case 'fixed-response':
      return {
        type: 'fixed-response',
        statusCode: a.statusCode,
        contentType: a.contentType ?? null,
        messageBody: a.messageBody ?? null,
      };
    case 'authenticate-oidc': {
      // The client secret is never part of an action's data (AWS never returns it).
      const { clientSecret: _secret, ...rest } = a;
      return rest;
    }
    case 'authenticate-cognito':
    case 'jwt-validation':
      return a;
    case 'other':
      return { type: a.awsType };
  }
}

// ------------------------------------------------------------------ routing and the actions before it

/** The actions that end a rule: where the request goes. */
const ROUTING_TYPES: ReadonlySet<string> = new Set(['forward', 'redirect', 'fixed-response']);

const isRoutingAction = (a: Action): boolean => ROUTING_TYPES.has(a.type);

/** How an action is named in messages: its AWS type. */
export const actionType = (a: Action): string => (a.type === 'other' ? a.awsType : a.type);

/**
 * A rule's (or listener's) actions split where AWS runs them: the ones that run first
 * (authenticate-oidc, authenticate-cognito, jwt-validation) and the final routing action.
 * `routing` is undefined when the last action is not a routing one (nothing elbctl can replace).
 */
export function splitActions(actions: readonly Action[]): { leading: Action[]; routing: Action | undefined } {
  const last = actions[actions.length - 1];
  if (last === undefined || !isRoutingAction(last)) return { leading: [...actions], routing: undefined };
  return { leading: actions.slice(0, -1), routing: last };
}

/**
 * The actions after replacing the final routing action: the leading ones (authentication, JWT
 * validation) stay unless `replaceAll`, and are then reported as removed. The one function the
 * `rule modify` and `listener modify` commands and the stack engine use.
 */
export function withRoutingAction(
  actions: readonly Action[],
  routing: Action,
  replaceAll = false,
): { actions: Action[]; removed: Action[] } {
  const { leading } = splitActions(actions);
  return replaceAll ? { actions: [routing], removed: leading } : { actions: [...leading, routing], removed: [] };
}
