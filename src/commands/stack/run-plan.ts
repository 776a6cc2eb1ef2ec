/**
 * The last steps apply and destroy share: refuse a blocked plan, show the plan, get approval,
 * execute it as a dependency graph, and report what was done and what is left.
 */
import type { Context } from '../context';
import { ElbctlError } from '../../core/errors';
import { describeSummary } from '../../core/stack/describe';
import type { Plan } from '../../core/stack/plan';
import { renderPlan } from '../../ui/plan-view';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import type { Secret } from '../../core/secret';

export interface RunPlanOptions {
  verb: 'apply' | 'destroy';
  /** How to re-run after a partial failure, e.g. `elbctl apply -f shop.yaml`. */
  rerun: string;
  /** The approval question, when the caller words it (the wizard asks "Apply now?"). */
  question?: string | undefined;
  /** Runs once the plan is approved, before the first change (the wizard writes its file here). */
  onApproved?: (() => void) | undefined;
  /** OIDC client secrets by variable name, read before approval (apply). */
  secrets?: ReadonlyMap<string, Secret> | undefined;
  rotateSecrets?: boolean | undefined;
}

export async function executePlan(ctx: Context, plan: Plan, options: RunPlanOptions): Promise<Result> {
  if (plan.isBlocked) {
    throw new ElbctlError(
      'conflict',
      'E_PLAN_BLOCKED',
      `${options.verb}: ${plan.unmanaged.length} resource(s) not owned by stack "${plan.stack}" stand in the way; nothing was changed`,
      {
        details: plan.unmanaged.map((u) => u.message),
        hint: 'move or delete those resources, or change the stack file, then run `elbctl plan` again',
      },
    );
  }
  if (plan.isEmpty) {
    return {
      data: { stack: plan.stack, done: [], failed: [], skipped: [], summary: plan.summary },
      view: { kind: 'message', text: `no changes: the live state already matches stack "${plan.stack}"` },
    };
  }
  // The preview goes to stderr: it is what the user approves, not the command's result.
  if (!(ctx.yes && ctx.quiet)) ctx.io.stderr.write(renderPlan(plan, ctx.theme));
  await confirmOrAbort(
    ctx,
    options.question ??
      `${options.verb === 'apply' ? 'Apply' : 'Destroy'} ${describeSummary(plan)} for stack "${plan.stack}"?`,
    `${options.verb} stack "${plan.stack}"`,
  );
  options.onApproved?.();

  const [aws, { applyPlan }] = await Promise.all([ctx.aws(), import('../../aws/apply')]);
  const report = await applyPlan(aws, plan, {
    stackName: plan.stack,
    secrets: options.secrets,
    rotateSecrets: options.rotateSecrets,
    onEvent: (e) => {
      if (e.kind === 'start') ctx.progress.info(`… ${e.message}`);
      else if (e.kind === 'done') ctx.progress.info(`${ctx.theme.ok('✓')} ${e.message}`);
      else if (e.kind === 'failed') ctx.progress.info(`${ctx.theme.error('✗')} ${e.message}`);
      else ctx.progress.info(`${ctx.theme.dim('-')} ${e.message}`);
    },
  });
  for (const w of report.warnings ?? []) ctx.progress.warn(w);
  const data = {
    stack: plan.stack,
    done: report.done,
    failed: report.failed,
    skipped: report.skipped,
    summary: plan.summary,
  };
  if (report.failed.length > 0) {
    const total = plan.changes.length;
    // The result still goes to stdout (CI reads what was done, what failed and what was skipped); the error to stderr, exit 1.
    return {
      data,
      view: {
        kind: 'message',
        text: `${options.verb}: ${report.done.length} done, ${report.failed.length} failed, ${report.skipped.length} not started (stack "${plan.stack}")`,
      },
      error: new ElbctlError(
        'aws',
        'E_APPLY_FAILED',
        `${options.verb}: ${report.failed.length} of ${total} changes failed and ${report.skipped.length} were not started; ${report.done.length} done`,
        {
          details: [
            ...report.failed.map((f) => `failed: ${f.id}: ${f.message}`),
            ...report.skipped.map((s) => `not started: ${s.id} (waited on ${s.waitedOn})`),
          ],
          hint: `fix the cause and re-run \`${options.rerun}\`: it resumes from the live state, nothing is created twice`,
        },
      ),
    };
  }
  return {
    data,
    view: {
      kind: 'message',
      text: `${options.verb === 'apply' ? 'applied' : 'destroyed'}: ${describeSummary(plan)} (stack "${plan.stack}")`,
    },
  };
}
