/**
 * `elbctl shift abort LISTENER|RULE`: rolls a recorded shift back now, from any machine: the
 * forward from before the shift in one write, read back, and the record removed. A run still
 * going elsewhere sees the record gone and stops writing.
 */
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import type { Context } from '../context';
import { loadRecorded, noShift } from './recorded';
import { runId, runSession } from './session';
import { checkSubjectRef, resolveSubject } from './subject';

export interface ShiftAbortOptions {
  target: string;
}

export async function run(opts: ShiftAbortOptions, ctx: Context): Promise<Result> {
  checkSubjectRef(opts.target);
  const aws = await ctx.aws();
  const resolved = await resolveSubject(aws.elbv2, opts.target);
  const recorded = await loadRecorded(aws, resolved, opts.target);
  if (!recorded) throw noShift(resolved, opts.target, 'abort');
  const { record, parties, guards } = recorded;
  const label = resolved.subject.label;
  await confirmOrAbort(
    ctx,
    `Roll ${label} back to ${parties.from.name} (the forward from before the shift)?`,
    `shift abort ${label}`,
  );
  return runSession(ctx, aws, {
    ref: opts.target,
    resolved,
    route: {
      from: record.from,
      to: record.to,
      origin: record.origin,
      stickinessSeconds: record.settings.stickinessSeconds,
    },
    parties,
    guards,
    settings: { ...record.settings, rollbackOnAbort: true },
    record: { ...record, id: runId() },
    entry: { kind: 'abort', step: record.step },
    takesOver: record.id,
  });
}
