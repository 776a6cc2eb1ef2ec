/**
 * What validate, plan, apply and destroy share: reading a stack file, observing what it could
 * touch, and the saved-plan file format of `plan --out` / `apply --plan`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Context } from '../context';
import { ElbctlError, usageError, validationError } from '../../core/errors';
import { fingerprints, type Fingerprints } from '../../core/stack/fingerprint';
import { loadStackOrThrow, formatWarning, stackValidationError, type StackLoadResult } from '../../core/stack/load';
import { stackReferenceProblems, stackReferences } from '../../core/stack/references';
import { emptyObserved, type DesiredStack, type Observed } from '../../core/stack/model';
import { Plan } from '../../core/stack/plan';
import { judgeQuotaWarnings } from '../quotas';

export type LoadedStack = Extract<StackLoadResult, { ok: true }>;

export function readText(file: string, what = 'stack file'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw usageError('E_NO_FILE', `${what} "${file}": not found; check the path`);
    if (code === 'EISDIR') throw usageError('E_NO_FILE', `${what} "${file}": is a directory; name a file`);
    throw usageError('E_NO_FILE', `${what} "${file}": cannot be read (${code ?? String(e)})`);
  }
}

export function requireFile(file: string | undefined, command: string): string {
  if (file === undefined || file === '') {
    throw usageError('E_NO_FILE', `${command}: no stack file; pass -f FILE (e.g. -f elbctl.yaml)`);
  }
  return file;
}

const printWarning = (ctx: Context, file: string, w: LoadedStack['warnings'][number]): void =>
  ctx.progress.warn(formatWarning(file, w).replace(/^(.*?): warning: /, '$1: '));

/**
 * Loads and validates a stack file (exit 64 with every problem), printing its warnings. With
 * `accountQuotas`, warnings about adjustable quotas wait for `warnStackQuotas`, which judges them
 * with the account's values once the stack's region is known.
 */
export function loadStackFile(ctx: Context, file: string, opts: { accountQuotas?: boolean } = {}): LoadedStack {
  const loaded = loadStackOrThrow(readText(file), file);
  for (const w of loaded.warnings) if (!(opts.accountQuotas && w.quota)) printWarning(ctx, file, w);
  return loaded;
}

/** The stack file's quota warnings, judged with the account's values from Service Quotas, each at its FILE:LINE:COL. */
export async function warnStackQuotas(ctx: Context, loaded: LoadedStack): Promise<void> {
  const judged = await judgeQuotaWarnings(
    ctx,
    loaded.warnings.filter((w) => w.quota),
  );
  for (const w of judged) printWarning(ctx, loaded.fileName, w);
}

/**
 * What the stack only refers to (subnets, security groups, instances, VPCs) must exist and fit,
 * read in one batched call per kind before anything is planned or written; every problem is
 * exit 64 at FILE:LINE:COL, like a problem found offline.
 */
export async function checkStackReferences(ctx: Context, loaded: LoadedStack): Promise<void> {
  const refs = stackReferences(loaded.file);
  if (refs.subnets.length + refs.securityGroups.length + refs.instances.length + refs.vpcs.length === 0) return;
  const [aws, { lookUpReferences }] = await Promise.all([ctx.aws(), import('../../aws/references')]);
  const facts = await lookUpReferences(aws.ec2, refs);
  const problems = stackReferenceProblems(loaded.file, facts);
  if (problems.length === 0) return;
  throw stackValidationError(
    loaded.fileName,
    problems.map((p) => ({ ...p, ...loaded.locate(p.path) })),
  );
}

/**
 * The plan's warnings on stderr, each once: those the stack file's own (already printed with
 * their FILE:LINE:COL when it was loaded) are not repeated. Nothing with -q.
 */
export function warnPlan(ctx: Context, plan: Plan, alreadyShown: readonly string[] = []): void {
  const shown = new Set(alreadyShown);
  for (const w of plan.warnings) if (!shown.has(w)) ctx.progress.warn(w);
}

/** The AWS names a stack declares: what observe looks up by name (tags find the rest). */
export function observeScope(stack: DesiredStack): Scope {
  const alarms = stack.loadBalancers.filter((lb) => lb.alarms !== undefined).map((lb) => lb.name);
  const listenerAttributes = stack.loadBalancers
    .filter((lb) => lb.listeners.some((l) => Object.keys(l.attributes ?? {}).length > 0))
    .map((lb) => lb.name);
  return {
    stack: stack.stack,
    loadBalancers: stack.loadBalancers.map((lb) => lb.name),
    targetGroups: stack.targetGroups.map((tg) => tg.name),
    // Only when the file declares alarms: a plan without them never calls CloudWatch.
    ...(alarms.length > 0 ? { alarms } : {}),
    ...(stack.trustStores?.length ? { trustStores: stack.trustStores.map((t) => t.name) } : {}),
    // Only for load balancers whose listeners declare attributes: a plan without them reads none.
    ...(listenerAttributes.length > 0 ? { listenerAttributes } : {}),
  };
}

export interface Scope {
  stack: string;
  loadBalancers: string[];
  targetGroups: string[];
  /** Load balancers whose alarms (`elbctl/NAME/…`) are read. */
  alarms?: string[] | undefined;
  /** Trust stores the file declares, read by name (with the stack's own and those its listeners use). */
  trustStores?: string[] | undefined;
  /** Load balancers whose listeners' attributes are read. */
  listenerAttributes?: string[] | undefined;
}

/** Reads the live state for a stack; `offline` plans against an empty account, without credentials. */
export async function observeStack(ctx: Context, scope: Scope, offline = false): Promise<Observed> {
  if (offline) return emptyObserved();
  const [aws, { observe }] = await Promise.all([ctx.aws(), import('../../aws/observe')]);
  ctx.progress.start(`reading the live state of stack "${scope.stack}"`);
  try {
    const observed = await observe(aws.elbv2, scope, scope.alarms?.length ? aws.cloudwatch : undefined);
    ctx.progress.succeed(
      `read stack "${scope.stack}": ${observed.loadBalancers.length} load balancer(s), ${observed.targetGroups.length} target group(s) found`,
    );
    return observed;
  } catch (e) {
    ctx.progress.fail(`could not read the live state of stack "${scope.stack}"`);
    throw e;
  }
}

// ------------------------------------------------------------------ saved plans

const SAVED_PLAN_KIND = 'elbctl-plan';

/** `plan --out`: the plan plus what `apply --plan` needs to prove nothing changed since. */
export interface SavedPlan {
  kind: typeof SAVED_PLAN_KIND;
  createdAt: string;
  file: string;
  region?: string | undefined;
  scope: Scope;
  fingerprints: Fingerprints;
  plan: ReturnType<Plan['toJSON']>;
}

export function writeSavedPlan(path: string, saved: SavedPlan): void {
  try {
    writeFileSync(path, `${JSON.stringify(saved, null, 2)}\n`);
  } catch (e) {
    throw new ElbctlError(
      'usage',
      'E_WRITE_FAILED',
      `plan file "${path}": cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
}

export function readSavedPlan(path: string): { saved: SavedPlan; plan: Plan } {
  const text = readText(path, 'plan file');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationError(
      'E_PLAN_INVALID',
      `plan file "${path}": not JSON; create it with \`elbctl plan -f FILE --out ${path}\``,
    );
  }
  const v = value as Partial<SavedPlan> | null;
  if (!v || v.kind !== SAVED_PLAN_KIND || !v.scope || !v.fingerprints || !v.plan) {
    throw validationError('E_PLAN_INVALID', `plan file "${path}": not a plan saved by \`elbctl plan --out\``);
  }
  return { saved: v as SavedPlan, plan: Plan.fromJSON(v.plan) };
}

export function savedPlanFor(
  file: string,
  region: string | undefined,
  scope: Scope,
  observed: Observed,
  plan: Plan,
  now: Date,
): SavedPlan {
  return {
    kind: SAVED_PLAN_KIND,
    createdAt: now.toISOString(),
    file,
    ...(region ? { region } : {}),
    scope,
    fingerprints: fingerprints(observed),
    plan: plan.toJSON(),
  };
}
