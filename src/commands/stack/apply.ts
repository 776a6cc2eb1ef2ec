/**
 * `elbctl apply -f FILE | --plan plan.json`: observe, plan, approve, execute. A saved plan is
 * applied only if the live state is still the one it was made from.
 */
import type { Context } from '../context';
import { ElbctlError, usageError } from '../../core/errors';
import { fingerprintDrift, fingerprints } from '../../core/stack/fingerprint';
import type { Plan } from '../../core/stack/plan';
import { plan as makePlan } from '../../core/stack/planner/plan-stack';
import type { Result } from '../../ui/render';
import {
  checkStackReferences,
  loadStackFile,
  observeScope,
  observeStack,
  readSavedPlan,
  warnPlan,
  warnStackQuotas,
} from './common';
import { withPacing } from '../pacing';
import { executePlan } from './run-plan';
import { Secret } from '../../core/secret';
import { secretVariables } from '../../core/stack/secrets';

export interface ApplyOptions {
  file?: string | undefined;
  plan?: string | undefined;
  rotateSecrets?: boolean | undefined;
}

export async function run(opts: ApplyOptions, ctx: Context): Promise<Result> {
  if (opts.file && opts.plan) throw usageError('E_USAGE', 'apply: pass either -f FILE or --plan PLAN.json, not both');
  if (!opts.file && !opts.plan)
    throw usageError(
      'E_NO_FILE',
      'apply: no stack file; pass -f FILE, or --plan PLAN.json saved by `elbctl plan --out`',
    );

  if (opts.plan && opts.rotateSecrets)
    throw usageError(
      'E_USAGE',
      'apply: --rotate-secrets needs -f FILE (a saved plan holds only the changes it was made with)',
    );

  let plan: Plan;
  let rerun: string;
  if (opts.plan) {
    const { saved, plan: savedPlan } = readSavedPlan(opts.plan);
    ctx.useStackRegion(saved.region, opts.plan);
    const observed = await observeStack(ctx, saved.scope);
    const drift = fingerprintDrift(saved.fingerprints, fingerprints(observed));
    if (drift.length > 0) {
      throw new ElbctlError(
        'conflict',
        'E_PLAN_STALE',
        `plan file "${opts.plan}": the live state changed since the plan was made (${saved.createdAt}); nothing was applied`,
        {
          details: drift,
          hint: `run \`elbctl plan -f ${saved.file} --out ${opts.plan}\` again and review the new plan`,
        },
      );
    }
    plan = savedPlan;
    warnPlan(ctx, plan);
    rerun = `elbctl apply -f ${saved.file}`;
  } else {
    const file = opts.file as string;
    const loaded = loadStackFile(ctx, file, { accountQuotas: true });
    const { stack } = loaded;
    ctx.useStackRegion(stack.region, file);
    await checkStackReferences(ctx, loaded);
    await warnStackQuotas(ctx, loaded);
    plan = makePlan(stack, await observeStack(ctx, observeScope(stack)), {
      rotateSecrets: opts.rotateSecrets === true,
    });
    warnPlan(ctx, plan, stack.warnings);
    rerun = `elbctl apply -f ${file}`;
  }
  // Every secret the apply sends is read before approval: a missing one writes nothing.
  const rotateSecrets = opts.rotateSecrets === true;
  const secrets = readSecrets(ctx.io.env, secretVariables(plan.changes, rotateSecrets));
  return withPacing(ctx, await executePlan(ctx, plan, { verb: 'apply', rerun, secrets, rotateSecrets }));
}

/** The OIDC client secrets a plan needs, from the variables the stack names; 64 naming any that is unset. */
function readSecrets(env: Readonly<Record<string, string | undefined>>, needed: Map<string, string[]>) {
  const secrets = new Map<string, Secret>();
  const missing: string[] = [];
  for (const [name, users] of needed) {
    const value = env[name];
    if (value === undefined || value === '') missing.push(`${name} (for ${users.join(', ')})`);
    else secrets.set(name, new Secret(value));
  }
  if (missing.length > 0) {
    throw usageError(
      'E_SECRET_ENV',
      `apply: the OIDC client secret variable ${missing.join(', ')} is not set; nothing was changed`,
      { hint: 'export the variable holding the client secret (clientSecretEnv in the stack file), then apply again' },
    );
  }
  return secrets;
}
