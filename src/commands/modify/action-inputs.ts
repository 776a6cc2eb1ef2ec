/**
 * What `rule add|modify` and `listener create|modify` take about what runs, beyond the routing
 * flags: the actions before routing (`--auth-oidc`, `--auth-cognito`, `--jwt-validation`), rule
 * transforms (`--rewrite-url`, `--rewrite-host`, `--no-transforms`), or all of it from an
 * `--actions-file` in the stack file's words (never together with those flags), and the OIDC
 * client secret, read from the environment or one line of stdin — never from a flag's value,
 * never printed (it travels as a Secret, which only the AWS boundary reveals).
 */
import type { Context } from '../context';
import {
  type LeadingFlags,
  type LeadingPlace,
  type SecretSource,
  type TransformFlags,
  leadingFlagsGiven,
  parseLeadingFlags,
  parseTransformFlags,
  transformFlagsGiven,
} from '../../core/action-flags';
import type { ActionFlags, ActionSpec, LeadingSpec } from '../../core/actions';
import { throwIfProblems, usageError } from '../../core/errors';
import type { Action, Transform } from '../../core/model';
import { type Problem, problem } from '../../core/rules/problem';
import { Secret } from '../../core/secret';
import { leadingFile, leadingSpecs, sameLeading } from '../../core/stack/action-files';
import type { ActionsFileTarget } from '../../core/stack/actions-file';
import { leadingActionProblems } from '../../core/stack/validate-actions';
import { readText } from '../stack/common';
import { type RoutingFlags, parseRoutingFlags } from './actions';

export interface ActionInputFlags extends RoutingFlags, LeadingFlags, TransformFlags {
  actionsFile?: string | undefined;
}

/** What the flags (or the file) ask to run; an undefined part is left as it is. */
export interface WantedActions {
  routing?: ActionSpec | undefined;
  stickiness?: number | undefined;
  /** The actions before routing, exactly these (undefined: the live ones stay). */
  leading?: LeadingSpec[] | undefined;
  /** Where a flag says the OIDC client secret comes from. */
  secret?: SecretSource | undefined;
  /** undefined: the live transforms stay; []: remove them all. */
  transforms?: Transform[] | undefined;
  /** The --actions-file to read (after validation: reading it is IO). */
  actionsFile?: string | undefined;
}

const FLAG_NAMES: Record<string, string> = {
  forward: '--forward',
  redirect: '--redirect',
  redirectHttps: '--redirect-https',
  fixedResponse: '--fixed-response',
  groupStickiness: '--group-stickiness',
  authOidc: '--auth-oidc',
  authCognito: '--auth-cognito',
  jwtValidation: '--jwt-validation',
  clientSecretEnv: '--client-secret-env',
  clientSecretStdin: '--client-secret-stdin',
  rewriteUrl: '--rewrite-url',
  rewriteHost: '--rewrite-host',
};

/**
 * Every action flag, read without IO and judged by the rulebook (the routing flags as before,
 * the others by the stack file's rules). `transforms`: whether the command takes them (rules).
 */
export function parseActionInputs(
  opts: ActionInputFlags,
  allowed: ReadonlyArray<keyof ActionFlags>,
  takes: { transforms: boolean; place?: LeadingPlace | undefined },
): { wanted: WantedActions; problems: Problem[] } {
  if (opts.actionsFile !== undefined) {
    const others = [
      ...Object.keys(FLAG_NAMES).flatMap((k) => {
        const v = opts[k as keyof ActionInputFlags];
        return v !== undefined && v !== false ? [FLAG_NAMES[k] as string] : [];
      }),
      ...(opts.transforms === false ? ['--no-transforms'] : []),
    ];
    if (others.length > 0) {
      const names = others;
      return {
        wanted: {},
        problems: [
          problem(
            'E_CONFLICT',
            `--actions-file: says everything the rule or listener runs, so ${names.join(', ')} cannot go with it; put ${names.length > 1 ? 'them' : 'it'} in the file, or leave out --actions-file`,
          ),
        ],
      };
    }
    if (opts.actionsFile === '') {
      return { wanted: {}, problems: [problem('E_REQUIRED', '--actions-file: empty; name a file')] };
    }
    return { wanted: { actionsFile: opts.actionsFile }, problems: [] };
  }
  const problems: Problem[] = [];
  const routing = parseRoutingFlags(opts, allowed);
  problems.push(...routing.problems);
  const leading = parseLeadingFlags(opts, takes.place);
  problems.push(...leading.problems);
  const transforms = takes.transforms ? parseTransformFlags(opts) : { problems: [] };
  problems.push(...transforms.problems);
  return {
    wanted: {
      routing: routing.spec,
      stickiness: routing.stickiness,
      leading: leading.specs,
      secret: leading.secret,
      transforms: 'transforms' in transforms ? transforms.transforms : undefined,
    },
    problems,
  };
}

/** Whether any flag about the actions before routing, transforms, or an actions file is given. */
export const extraActionFlagsGiven = (opts: ActionInputFlags): boolean =>
  opts.actionsFile !== undefined || leadingFlagsGiven(opts) || transformFlagsGiven(opts);

/**
 * The --actions-file's content, judged where it runs (exit 64 with every problem as
 * FILE:LINE:COL, before any AWS write); merged into what the command wants.
 */
export async function readActionsFile(
  wanted: WantedActions,
  target: ActionsFileTarget,
  place: LeadingPlace,
): Promise<WantedActions> {
  const file = wanted.actionsFile;
  if (file === undefined) return wanted;
  const { loadActionsFile } = await import('../../core/stack/actions-file');
  const { stackValidationError } = await import('../../core/stack/load');
  const loaded = loadActionsFile(readText(file, 'actions file'), target, place);
  if (!loaded.ok) throw stackValidationError(file, loaded.problems);
  return {
    routing: loaded.value.action,
    stickiness: loaded.value.action.type === 'forward' ? loaded.value.action.stickinessSeconds : undefined,
    leading: loaded.value.authenticate,
    transforms: loaded.value.transforms,
    actionsFile: file,
  };
}

/** The actions before routing on the listener they would run on (HTTPS of an application load balancer only). */
export function checkLeadingPlace(
  leading: readonly LeadingSpec[] | undefined,
  place: LeadingPlace,
  where: string,
): void {
  if (!leading || leading.length === 0) return;
  const entries = leadingActions(leading, undefined).flatMap((a) => leadingFile(a, 'UNUSED') ?? []);
  throwIfProblems(leadingActionProblems(entries, place, where));
}

const hasOidc = (leading: readonly LeadingSpec[] | undefined) =>
  (leading ?? []).some((a) => a.type === 'authenticate-oidc');

/**
 * Where the client secret of the wanted OIDC action comes from, or undefined when AWS keeps the
 * one it holds. A new OIDC action (no OIDC action live) needs one: refused (64) without it.
 * A flag's source is always read (a rotation); a file's variable only for a new action, as `apply`.
 */
export function secretSourceFor(wanted: WantedActions, liveHasOidc: boolean, where: string): SecretSource | undefined {
  if (!hasOidc(wanted.leading)) return undefined;
  if (wanted.secret) return wanted.secret;
  const oidc = wanted.leading?.find((a) => a.type === 'authenticate-oidc');
  const env = oidc?.type === 'authenticate-oidc' ? oidc.clientSecretEnv : undefined;
  if (liveHasOidc) return undefined;
  if (env) return { kind: 'env', name: env };
  throw usageError(
    'E_SECRET_NEEDED',
    `${where}: AWS needs the client secret to create an authenticate-oidc action; pass --client-secret-env VAR (the variable holding it) or --client-secret-stdin (pipe it in); nothing was changed`,
  );
}

/** Reads the OIDC client secret: 64 naming the variable when it is unset, or when stdin is a terminal or empty. */
export async function readClientSecret(ctx: Context, source: SecretSource): Promise<Secret> {
  if (source.kind === 'env') {
    const value = ctx.io.env[source.name];
    if (value === undefined || value === '') {
      throw usageError(
        'E_SECRET_ENV',
        `the OIDC client secret variable ${source.name} is not set (or empty); nothing was changed`,
        { hint: `export ${source.name} holding the client secret, then run the command again` },
      );
    }
    return new Secret(value);
  }
  if (ctx.io.stdinIsTTY) {
    throw usageError(
      'E_SECRET_STDIN',
      '--client-secret-stdin: stdin is a terminal, where the secret would be typed in plain sight; pipe it in (e.g. from your secrets manager) or use --client-secret-env VAR; nothing was changed',
    );
  }
  const line = await ctx.io.readLine();
  if (line === undefined || line.trim() === '') {
    throw usageError(
      'E_SECRET_STDIN',
      '--client-secret-stdin: stdin gave no secret (an empty first line); pipe the secret in on one line; nothing was changed',
    );
  }
  return new Secret(line.replace(/\r$/, ''));
}

/** The wanted actions before routing as AWS takes them: an OIDC one with its secret, or none (AWS keeps its own). */
export function leadingActions(leading: readonly LeadingSpec[], secret: Secret | undefined): Action[] {
  return leading.map((a): Action => {
    if (a.type !== 'authenticate-oidc') return a;
    const { clientSecretEnv: _env, ...rest } = a;
    return secret ? { ...rest, clientSecret: secret } : rest;
  });
}

/**
 * What runs before the routing action, when the flags (or the file) say and it differs from the
 * live actions or a new client secret is given: the actions to send (an OIDC one with the new
 * secret, or asking AWS to keep its own), and both sides as a plan states them (never a secret).
 */
export async function authenticationChange(
  ctx: Context,
  live: readonly Action[],
  want: Pick<WantedActions, 'leading' | 'secret'>,
  given: Secret | undefined,
  where: string,
): Promise<
  | { actions: Action[]; before: LeadingSpec[]; after: LeadingSpec[]; keepsSecret: boolean; sendsSecret: boolean }
  | undefined
> {
  if (want.leading === undefined) return undefined;
  const before = leadingSpecs(live);
  const liveHasOidc = live.some((a) => a.type === 'authenticate-oidc');
  const source = secretSourceFor(want, liveHasOidc, where);
  const secret = given ?? (source ? await readClientSecret(ctx, source) : undefined);
  if (sameLeading(before, want.leading) && secret === undefined) return undefined;
  const after = want.leading.map((a) => {
    if (a.type !== 'authenticate-oidc') return a;
    const { clientSecretEnv: _env, ...rest } = a;
    return rest;
  });
  return {
    actions: leadingActions(want.leading, secret),
    before,
    after,
    keepsSecret: secret === undefined && after.some((a) => a.type === 'authenticate-oidc'),
    sendsSecret: secret !== undefined,
  };
}
