/**
 * A stack file's `authenticate:` (the actions that run before routing) and a rule's
 * `transforms:`: one kind per entry, where AWS takes them, and the values AWS checks.
 * Paths are relative to the listener or rule.
 */
import type { ActionSpec } from '../actions';
import { quote } from '../echo';
import type { LoadBalancerType } from '../model';
import { aListener, actionProblems } from '../rules/action';
import { type PathSegment, type Problem, problem } from '../rules/problem';
import { toActionSpec } from './defaults';
import type { ActionFile, LeadingActionFile, TransformFile } from './schema';

const MAX_EXTRA_PARAMS = 10;
const MAX_JWT_CLAIMS = 10;
const LEADING_KINDS = ['oidc', 'cognito', 'jwt', 'raw'] as const;
const TRANSFORM_KINDS = ['hostHeaderRewrite', 'urlRewrite', 'raw'] as const;

/** An endpoint AWS calls: a full https URL. */
function httpsUrlProblem(what: string, value: string, path: PathSegment[]): Problem | undefined {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'https:') return undefined;
  return problem('E_ACTION', `${what} ${quote(value)}: must be a full https:// URL`, path);
}

function oneKind<K extends string>(
  entry: Partial<Record<K, unknown>>,
  kinds: readonly K[],
  where: string,
  path: PathSegment[],
): K | Problem {
  const given = kinds.filter((k) => entry[k] !== undefined);
  if (given.length === 1) return given[0] as K;
  if (given.length === 0) return problem('E_ACTION', `${where}: empty; give one of ${kinds.join(', ')}`, path);
  return problem('E_CONFLICT', `${where}: ${given.join(' and ')} are both given; give one per entry`, path);
}

/**
 * Problems with the actions a listener or rule runs before routing. `secure`: the listener is
 * HTTPS on an application load balancer, the only place AWS runs them.
 */
export function leadingActionProblems(
  entries: readonly LeadingActionFile[],
  listener: { protocol: string; loadBalancerType: LoadBalancerType },
  where: string,
): Problem[] {
  const problems: Problem[] = [];
  if (entries.length === 0) return problems;
  if (listener.loadBalancerType !== 'application' || listener.protocol !== 'HTTPS') {
    const interpreted = entries.some((e) => e.raw === undefined);
    if (interpreted) {
      problems.push(
        problem(
          'E_ACTION',
          `${where}: authenticate: runs only on HTTPS listeners of application load balancers; this is ${aListener(listener.protocol)}`,
          ['authenticate'],
        ),
      );
    }
  }
  const seen = new Map<string, number>();
  entries.forEach((e, k) => {
    const path: PathSegment[] = ['authenticate', k];
    const kind = oneKind(e, LEADING_KINDS, `${where}: authenticate entry ${k + 1}`, path);
    if (typeof kind !== 'string') {
      problems.push(kind);
      return;
    }
    const family = kind === 'oidc' || kind === 'cognito' ? 'authenticate' : kind;
    if (family !== 'raw' && seen.has(family)) {
      problems.push(
        problem(
          'E_ACTION',
          `${where}: authenticate entries ${(seen.get(family) as number) + 1} and ${k + 1}: AWS runs at most one ${family === 'jwt' ? 'jwt-validation' : 'authenticate-oidc or authenticate-cognito'} action per ${where.startsWith('default') ? 'listener' : 'rule'}`,
          path,
        ),
      );
    }
    seen.set(family, k);
    if (e.oidc) {
      const o = e.oidc;
      for (const key of ['issuer', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint'] as const) {
        const p = httpsUrlProblem(`${where}: oidc ${key}`, o[key], [...path, 'oidc', key]);
        if (p) problems.push(p);
      }
    }
    const session = e.oidc ?? e.cognito;
    const extra = Object.keys(session?.extraParams ?? {}).length;
    if (session && extra > MAX_EXTRA_PARAMS) {
      problems.push(
        problem('E_LIMIT', `${where}: ${extra} extraParams, the limit is ${MAX_EXTRA_PARAMS}`, [
          ...path,
          e.oidc ? 'oidc' : 'cognito',
          'extraParams',
        ]),
      );
    }
    if (e.jwt) {
      const p = httpsUrlProblem(`${where}: jwt jwksEndpoint`, e.jwt.jwksEndpoint, [...path, 'jwt', 'jwksEndpoint']);
      if (p) problems.push(p);
      const claims = e.jwt.claims ?? [];
      if (claims.length > MAX_JWT_CLAIMS) {
        problems.push(
          problem('E_LIMIT', `${where}: ${claims.length} jwt claims, the limit is ${MAX_JWT_CLAIMS}`, [
            ...path,
            'jwt',
            'claims',
          ]),
        );
      }
    }
  });
  return problems;
}

/** Problems with a rule's transforms: one kind per entry, at most one of each kind, regular expressions that parse. */
export function transformProblems(entries: readonly TransformFile[], where: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  entries.forEach((e, k) => {
    const path: PathSegment[] = ['transforms', k];
    const kind = oneKind(e, TRANSFORM_KINDS, `${where}: transform ${k + 1}`, path);
    if (typeof kind !== 'string') {
      problems.push(kind);
      return;
    }
    if (kind !== 'raw' && seen.has(kind)) {
      problems.push(problem('E_DUPLICATE', `${where}: ${kind} given twice; AWS takes one of each per rule`, path));
    }
    seen.add(kind);
    const rewrite = kind === 'raw' ? undefined : e[kind];
    if (rewrite) {
      try {
        new RegExp(rewrite.regex);
      } catch {
        problems.push(
          problem('E_ACTION', `${where}: ${kind} regex ${quote(rewrite.regex)}: not a valid regular expression`, [
            ...path,
            kind,
            'regex',
          ]),
        );
      }
    }
  });
  return problems;
}

/** `stickiness:` on an action: with a forward, on an application load balancer (group stickiness). */
function stickinessOfForwardProblems(a: ActionFile, type: LoadBalancerType, where: string): Problem[] {
  if (a.stickiness === undefined) return [];
  if (a.forward === undefined)
    return [problem('E_STICKINESS', `${where}: stickiness goes with forward only; remove it`, ['stickiness'])];
  if (type !== 'application') {
    return [
      problem(
        'E_STICKINESS',
        `${where}: stickiness keeps a client on one target group of a weighted forward, which only application load balancers have; remove it`,
        ['stickiness'],
      ),
    ];
  }
  return [];
}

/** The rulebook's action paths (['forward', k], ['redirect', part], …) → the file's fields. */
export function actionFilePath(a: ActionFile, path: readonly PathSegment[]): PathSegment[] {
  if (path[0] === 'forward' && typeof path[1] === 'number') {
    return typeof a.forward === 'string' ? ['forward'] : ['forward', path[1], 'targetGroup'];
  }
  return [...path];
}

/**
 * A routing action as a file writes it (a stack's `action:`/`defaultAction:`, an `--actions-file`):
 * one kind, `weights:` and `stickiness:` only with a forward, then the rulebook's checks on the
 * listener it serves (`listener`: undefined when its protocol does not fit, so nothing that depends
 * on it is judged). Paths are relative to the action. `spec` is the action when it has one kind.
 */
export function actionFileProblems(
  a: ActionFile,
  listener: { loadBalancerType: LoadBalancerType; protocol: string; port: number } | undefined,
  type: LoadBalancerType,
  where: string,
): { problems: Problem[]; spec?: ActionSpec | undefined } {
  const kinds = (['forward', 'redirect', 'fixedResponse'] as const).filter((k) => a[k] !== undefined);
  if (kinds.length === 0) {
    return { problems: [problem('E_ACTION', `${where}: empty; give one of forward, redirect or fixedResponse`)] };
  }
  if (kinds.length > 1) {
    return { problems: [problem('E_CONFLICT', `${where}: ${kinds.join(' and ')} are both given; give only one`)] };
  }
  const problems: Problem[] = [];
  if (a.weights !== undefined && kinds[0] !== 'forward') {
    problems.push(problem('E_ACTION', `${where}: weights: external goes with a forward; remove it`, ['weights']));
  }
  problems.push(...stickinessOfForwardProblems(a, type, where));
  const spec = toActionSpec(a) as ActionSpec;
  if (listener) {
    for (const p of actionProblems(spec, { ...listener, where }))
      problems.push({ ...p, path: actionFilePath(a, p.path) });
  }
  return { problems, spec };
}
