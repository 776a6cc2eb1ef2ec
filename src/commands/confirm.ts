/**
 * The confirmation every destructive command goes through: `-y` approves; on a terminal we
 * ask; without one (or with --no-input / CI=true) and without `-y` it is a usage error.
 */
import type { Context } from './context';
import { ElbctlError, usageError } from '../core/errors';

/** The code of the error a declined confirmation throws (exit 130, like Ctrl-C). */
export const DECLINED = 'E_DECLINED';

export async function confirmOrAbort(ctx: Context, question: string, action: string): Promise<void> {
  if (ctx.yes) return;
  if (!ctx.canPrompt) {
    throw usageError(
      'E_CONFIRM_NEEDED',
      `${action}: confirmation needed but no terminal to ask on; pass -y to approve`,
      {
        hint: 'in scripts and CI, add -y (--yes) once you have checked what the command will change',
      },
    );
  }
  const approved = await ctx.prompter.confirm(question, { default: false });
  // Its own code: a caller may treat a "no" as a choice (the wizard keeps its file), never Ctrl-C.
  if (!approved) throw new ElbctlError('cancelled', DECLINED, `${action}: declined, nothing was changed`);
}
