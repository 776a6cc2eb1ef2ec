/**
 * `elbctl shift resume LISTENER|RULE`: continues a shift whose run stopped (killed, interrupted
 * with --no-rollback-on-abort, a lost CI runner), from any machine. The live weights decide where
 * it stands, not the record: at a step, that step keeps baking (from when the record says it
 * began, if it is the recorded step); before it, the recorded step is written; at the plain
 * forward, the record is only removed.
 */
import { Elbv2WeightedForward } from '../../aws/weighted-forward';
import { ElbctlError } from '../../core/errors';
import type { Entry } from '../../core/shift/protocol';
import { describeMark, shiftInProgress } from '../../core/shift/record';
import { positionOf } from '../../core/shift/weights';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import type { Context } from '../context';
import { loadRecorded, noShift } from './recorded';
import { runId, runSession } from './session';
import { describePlan } from './start';
import { checkSubjectRef, resolveSubject } from './subject';

export interface ShiftResumeOptions {
  target: string;
  rollbackOnAbort?: boolean | undefined;
}

export async function run(opts: ShiftResumeOptions, ctx: Context): Promise<Result> {
  checkSubjectRef(opts.target);
  const aws = await ctx.aws();
  const resolved = await resolveSubject(aws.elbv2, opts.target);
  const recorded = await loadRecorded(aws, resolved, opts.target);
  if (!recorded) throw noShift(resolved, opts.target, 'resume');
  const { record, parties, guards } = recorded;
  const label = resolved.subject.label;
  if (record.state === 'rolling-back') {
    throw new ElbctlError(
      'conflict',
      'E_SHIFT_IN_PROGRESS',
      `${label}: ${describeMark(shiftInProgress(resolved.tags) ?? {})}; it cannot be resumed`,
      { hint: `\`elbctl shift abort ${opts.target}\` finishes the rollback` },
    );
  }
  const route = {
    from: record.from,
    to: record.to,
    origin: record.origin,
    stickinessSeconds: record.settings.stickinessSeconds,
  };
  const name = (arn: string) =>
    arn === parties.from.arn ? parties.from.name : arn === parties.to.arn ? parties.to.name : arn;
  const live = await new Elbv2WeightedForward(aws.elbv2, resolved.subject, route, name).read();
  const steps = record.settings.steps;
  const position = positionOf(live, steps);
  const now = ctx.clock.now();
  let entry: Entry;
  let where: string;
  switch (position.at) {
    case 'finished':
      entry = { kind: 'finish' };
      where = `all traffic already goes to ${parties.to.name}: finishing`;
      break;
    case 'start':
      entry = { kind: 'step', step: 0 };
      where = `no weights written yet: starting at step 1`;
      break;
    case 'step': {
      const j = position.index;
      if (record.state === 'finishing' && j === steps.length - 1) {
        entry = { kind: 'finish' };
        where = 'the last step passed: finishing';
      } else if (j < record.step) {
        entry = { kind: 'step', step: j + 1 };
        where = `step ${j + 1} passed: writing step ${j + 2}`;
      } else {
        const begun = j === record.step && record.stepStartedAt ? new Date(record.stepStartedAt) : now;
        entry = { kind: 'bake', step: j, stepStartedAt: begun };
        where = `at step ${j + 1} of ${steps.length}: baking it (since ${begun.toISOString()})`;
      }
      break;
    }
    case 'elsewhere':
      throw new ElbctlError(
        'conflict',
        'E_SHIFT_ELSEWHERE',
        `${label}: live ${position.description} matches no step of the recorded shift (${steps.join(', ')}); it was changed by hand`,
        { hint: `\`elbctl shift abort ${opts.target}\` restores the forward from before the shift` },
      );
  }
  ctx.progress.info(`resuming the shift on ${label}: live ${live.description}; ${where}`);
  describePlan(ctx, parties, record.settings, guards);
  await confirmOrAbort(ctx, `Resume the shift on ${label}?`, `shift resume ${label}`);
  return runSession(ctx, aws, {
    ref: opts.target,
    resolved,
    route,
    parties,
    guards,
    settings: { ...record.settings, rollbackOnAbort: opts.rollbackOnAbort !== false },
    record: { ...record, id: runId() },
    entry,
    takesOver: record.id,
  });
}
