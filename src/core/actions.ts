/**
 * Listener and rule actions written as flags: `--forward api=80,canary=20`,
 * `--redirect https://example.com/new`, `--redirect-https`, `--fixed-response 404:not here`.
 * Parsing checks every limit before any AWS call; target group names are resolved later.
 */
import type { Action } from './model';
import { parseInteger } from './validate';

export const MAX_TARGET_GROUPS_PER_FORWARD = 5;
export const MAX_WEIGHT = 999;
export const MAX_FIXED_RESPONSE_BODY = 1024;

export interface ForwardTarget {
  /** Target group name or ARN, as the user wrote it. */
  targetGroup: string;
  weight?: number | undefined;
}

export type ActionSpec =
  | { type: 'forward'; targets: ForwardTarget[] }
  | Exclude<Action, { type: 'forward' } | { type: 'other' }>;

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function parseForward(raw: string): Parsed<ForwardTarget[]> {
  const problems: string[] = [];
  const targets: ForwardTarget[] = [];
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0)
    return { ok: false, problems: ['forward "": name at least one target group; write --forward NAME'] };
  for (const part of parts) {
    // ARNs contain no '=', so the last '=' separates a weight.
    const eq = part.lastIndexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (name.length === 0) {
      problems.push(`forward "${part}": the target group name is missing; write NAME=WEIGHT`);
      continue;
    }
    let weight: number | undefined;
    if (eq >= 0) {
      const w = parseInteger(part.slice(eq + 1));
      if (w === undefined || w < 0 || w > MAX_WEIGHT) {
        problems.push(
          `forward weight "${part.slice(eq + 1)}" for "${name}": must be a whole number from 0 to ${MAX_WEIGHT}`,
        );
        continue;
      }
      weight = w;
    }
    if (targets.some((t) => t.targetGroup === name)) {
      problems.push(`forward "${raw}": target group "${name}" is listed twice; list each once`);
      continue;
    }
    targets.push({ targetGroup: name, ...(weight !== undefined ? { weight } : {}) });
  }
  if (targets.length > MAX_TARGET_GROUPS_PER_FORWARD) {
    problems.push(
      `forward "${raw}": ${targets.length} target groups, the limit is ${MAX_TARGET_GROUPS_PER_FORWARD} per action`,
    );
  }
  if (targets.length > 1 && targets.every((t) => t.weight === 0)) {
    problems.push(
      `forward "${raw}": every weight is 0, so no request would be forwarded; give one target group a weight above 0`,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: targets };
}

function parseFixedResponse(raw: string): Parsed<Extract<Action, { type: 'fixed-response' }>> {
  const colon = raw.indexOf(':');
  const codeRaw = colon < 0 ? raw : raw.slice(0, colon);
  const body = colon < 0 ? undefined : raw.slice(colon + 1);
  const code = parseInteger(codeRaw);
  const problems: string[] = [];
  if (code === undefined || !((code >= 200 && code <= 299) || (code >= 400 && code <= 599))) {
    problems.push(`fixed response status "${codeRaw}": must be a 2XX, 4XX or 5XX HTTP code, e.g. 404`);
  }
  if (body !== undefined && body.length > MAX_FIXED_RESPONSE_BODY) {
    problems.push(`fixed response body: is ${body.length} characters, the limit is ${MAX_FIXED_RESPONSE_BODY}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      type: 'fixed-response',
      statusCode: String(code),
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
    return { ok: false, problems: [`redirect "${raw}": not a URL; write it as https://example.com/path`] };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problems: [`redirect "${raw}": must be an http or https URL`] };
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
    return { ok: false, problems: [`action: missing; pass one of ${allowed.map((k) => names[k]).join(', ')}`] };
  }
  if (given.length > 1) {
    return {
      ok: false,
      problems: [`action: ${given.map((k) => names[k]).join(' and ')} were both given; pass only one`],
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
    case 'other':
      return { type: a.awsType };
  }
}
