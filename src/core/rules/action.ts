/** Listener and rule actions: forward (weights, how many target groups), redirect, fixed response, and which listeners take which. */
import type { ActionSpec } from '../actions';
import { quote } from '../echo';
import type { LoadBalancerType } from '../model';
import { type Problem, problem } from './problem';
import { parseInteger, rangeProblem } from './values';

const MAX_TARGET_GROUPS_PER_FORWARD = 5;
export const MIN_WEIGHT = 0;
export const MAX_WEIGHT = 999;
export const MAX_FIXED_RESPONSE_BODY = 1024;
const MAX_REDIRECT_PART = 128;
/** authenticate-oidc/cognito SessionTimeout, seconds (7 days). */
export const MAX_SESSION_TIMEOUT = 604800;
export const ON_UNAUTHENTICATED = ['deny', 'allow', 'authenticate'] as const;
export const FIXED_RESPONSE_CONTENT_TYPES = [
  'text/plain',
  'text/css',
  'text/html',
  'application/javascript',
  'application/json',
] as const;

/** `an HTTP listener`, `a TCP listener` */
export const aListener = (protocol: string) => `${protocol.startsWith('H') ? 'an' : 'a'} ${protocol} listener`;

/** What an action is judged against: the listener it sits on. */
export interface ActionContext {
  /** Undefined while the load balancer is not known yet (a command before its first read). */
  loadBalancerType?: LoadBalancerType | undefined;
  protocol: string;
  port: number;
  /** How the action is named in messages: `default action of listener web:80`, `--forward`. */
  where: string;
}

/** A fixed-response status code: 2XX, 4XX or 5XX. */
export function fixedResponseStatusProblem(value: string): Problem | undefined {
  const code = parseInteger(value);
  if (code !== undefined && ((code >= 200 && code <= 299) || (code >= 400 && code <= 599))) return undefined;
  return problem('E_ACTION', `fixed response status ${quote(value)}: must be a 2XX, 4XX or 5XX HTTP code, e.g. 404`, [
    'fixedResponse',
    'statusCode',
  ]);
}

/**
 * Every problem with one action on its listener. Paths: ['forward', k] for the k-th target
 * group, ['redirect', part], ['fixedResponse', part]; the stack face maps them to its fields.
 */
export function actionProblems(a: ActionSpec, ctx: ActionContext): Problem[] {
  const onAlb =
    ctx.loadBalancerType === undefined ? isAlbProtocol(ctx.protocol) : ctx.loadBalancerType === 'application';
  switch (a.type) {
    case 'forward':
      return forwardProblems(a.targets, ctx);
    case 'redirect':
      if (!onAlb) {
        return [
          problem(
            'E_ACTION',
            `${ctx.where}: redirects exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on ${aListener(ctx.protocol)}`,
            ['redirect'],
          ),
        ];
      }
      return redirectProblems(a, ctx);
    case 'fixed-response': {
      if (!onAlb) {
        return [
          problem(
            'E_ACTION',
            `${ctx.where}: fixed responses exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on ${aListener(ctx.protocol)}`,
            ['fixedResponse'],
          ),
        ];
      }
      const problems: Problem[] = [];
      const status = fixedResponseStatusProblem(a.statusCode);
      if (status) problems.push(status);
      const body = a.messageBody ?? '';
      if (body.length > MAX_FIXED_RESPONSE_BODY) {
        problems.push(
          problem(
            'E_LIMIT',
            `fixed response body: is ${body.length} characters, the limit is ${MAX_FIXED_RESPONSE_BODY}`,
            ['fixedResponse', 'body'],
          ),
        );
      }
      return problems;
    }
  }
}

const isAlbProtocol = (protocol: string) => protocol === 'HTTP' || protocol === 'HTTPS';

function forwardProblems(
  targets: ReadonlyArray<{ targetGroup: string; weight?: number | undefined }>,
  ctx: ActionContext,
): Problem[] {
  const problems: Problem[] = [];
  if (targets.length === 0) {
    problems.push(problem('E_ACTION', `${ctx.where}: forwards to no target group; name at least one`, ['forward']));
    return problems;
  }
  if (targets.length > MAX_TARGET_GROUPS_PER_FORWARD) {
    problems.push(
      problem(
        'E_LIMIT',
        `${ctx.where}: forwards to ${targets.length} target groups, the limit is ${MAX_TARGET_GROUPS_PER_FORWARD} per action; forward to fewer`,
        ['forward'],
      ),
    );
  }
  if (targets.length > 1 && targets.every((t) => (t.weight ?? 1) === 0)) {
    problems.push(
      problem(
        'E_ACTION',
        `${ctx.where}: every weight is 0, so no request would be forwarded; give one target group a weight above 0`,
        ['forward'],
      ),
    );
  }
  // Network load balancers take weighted forwards too (AWS, since 2025: weights 0-999, new
  // flows only); a gateway load balancer's GENEVE listener forwards to one target group.
  const gateway = ctx.loadBalancerType === 'gateway' || ctx.protocol === 'GENEVE';
  if (gateway && targets.length > 1) {
    problems.push(
      problem(
        'E_ACTION',
        `${ctx.where}: ${aListener(ctx.protocol)} forwards to one target group; weighted forwards need an application or network load balancer`,
        ['forward'],
      ),
    );
  }
  const seen = new Set<string>();
  targets.forEach((t, k) => {
    if (seen.has(t.targetGroup)) {
      problems.push(
        problem('E_DUPLICATE', `${ctx.where}: target group ${quote(t.targetGroup)} is listed twice; list each once`, [
          'forward',
          k,
        ]),
      );
    }
    seen.add(t.targetGroup);
  });
  return problems;
}

function redirectProblems(r: Extract<ActionSpec, { type: 'redirect' }>, ctx: ActionContext): Problem[] {
  const problems: Problem[] = [];
  const port = r.port ?? '#{port}';
  if (port !== '#{port}') {
    const n = parseInteger(port);
    if (n === undefined || n < 1 || n > 65535) {
      problems.push(
        problem(
          'E_ACTION',
          `redirect port ${quote(port)}: must be a port from 1 to 65535, or #{port} to keep the request's`,
          ['redirect', 'port'],
        ),
      );
    }
  }
  for (const part of ['host', 'path', 'query'] as const) {
    const v = r[part];
    if (v !== undefined && v.length > MAX_REDIRECT_PART) {
      problems.push(
        problem('E_LIMIT', `redirect ${part}: is ${v.length} characters, the limit is ${MAX_REDIRECT_PART}`, [
          'redirect',
          part,
        ]),
      );
    }
  }
  if (r.path !== undefined && !r.path.startsWith('/')) {
    problems.push(
      problem('E_ACTION', `redirect path ${quote(r.path)}: must begin with "/"; write ${quote(`/${r.path}`)}`, [
        'redirect',
        'path',
      ]),
    );
  }
  if (r.query?.startsWith('?')) {
    problems.push(
      problem('E_ACTION', `redirect query ${quote(r.query)}: write it without the leading "?"`, ['redirect', 'query']),
    );
  }
  const protocol = r.protocol ?? '#{protocol}';
  const sameProtocol = protocol === '#{protocol}' || protocol === ctx.protocol;
  const samePort = port === '#{port}' || port === String(ctx.port);
  const keepsRest =
    (r.host === undefined || r.host === '#{host}') &&
    (r.path === undefined || r.path === '/#{path}') &&
    (r.query === undefined || r.query === '#{query}');
  if (sameProtocol && samePort && keepsRest) {
    problems.push(
      problem(
        'E_ACTION',
        `${ctx.where}: redirects to the same protocol, port, host and path, so clients would loop forever; change the protocol, port, host or path`,
        ['redirect'],
      ),
    );
  }
  return problems;
}

/** Group stickiness on a forward (TargetGroupStickinessConfig): seconds a client stays on one target group. */
export const MIN_GROUP_STICKINESS = 1;
export const MAX_GROUP_STICKINESS = 604800;

/**
 * `--group-stickiness SECONDS`: a whole number of seconds, on a forward, on an application load
 * balancer (a network load balancer forwards to one target group, so there is nothing to stick to).
 */
export function groupStickinessProblems(
  raw: string,
  ctx: { forward: boolean; loadBalancerType?: LoadBalancerType | undefined },
): Problem[] {
  const problems: Problem[] = [];
  const range = rangeProblem('group stickiness', raw, MIN_GROUP_STICKINESS, MAX_GROUP_STICKINESS);
  if (range) problems.push({ ...range, code: 'E_STICKINESS' });
  if (!ctx.forward) {
    problems.push(
      problem('E_STICKINESS', 'group stickiness: applies to a forward to target groups; use it with --forward'),
    );
  } else if (ctx.loadBalancerType !== undefined && ctx.loadBalancerType !== 'application') {
    problems.push(
      problem(
        'E_STICKINESS',
        `group stickiness: keeps a client on one target group of a weighted forward, which only application load balancers have; remove --group-stickiness`,
      ),
    );
  }
  return problems;
}
