/**
 * The `pacing` summary a long command adds to its JSON result (`{ calls, throttles, waitedMs }`),
 * and the per-bucket lines --debug prints when a command ends. A command that fans out (apply,
 * destroy, export, later audit, shift, migrate) adds the summary with one line:
 * `return withPacing(ctx, result)`.
 */
import { describeBucket, type PacingSummary } from '../core/pacing';
import type { Result } from '../ui/render';
import type { Context } from './context';

const NONE: PacingSummary = { calls: 0, throttles: 0, waitedMs: 0 };

export function pacingSummary(ctx: Context): PacingSummary {
  return ctx.awsSettings.pacing?.summary() ?? NONE;
}

/** The result with `pacing` added to its data (which must be a JSON object). */
export function withPacing(ctx: Context, result: Result): Result {
  return { ...result, data: { ...(result.data as object), pacing: pacingSummary(ctx) } };
}

/** One --debug line per bucket the process used: calls, waits, throttles and its rate at the end. */
export function debugPacing(ctx: Context): void {
  if (!ctx.debugEnabled) return;
  for (const b of ctx.awsSettings.pacing?.buckets() ?? []) ctx.debug(describeBucket(b));
}
