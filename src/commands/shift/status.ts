/**
 * `elbctl shift status LISTENER|RULE`: the weights now, the shift recorded on it (if any), and
 * an evaluation of its guards over the step so far — from any machine, no state file.
 */
import { actionData, describeAction } from '../../core/actions';
import { isElbctlError } from '../../core/errors';
import { type Evaluation, describeReading } from '../../core/shift/evaluate';
import { durationText } from '../../core/shift/settings';
import { positionOf } from '../../core/shift/weights';
import { liveWeights } from '../../aws/weighted-forward';
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { arnNamer } from '../resolve';
import { loadRecorded } from './recorded';
import { guardEvaluator } from './session';
import { checkSubjectRef, resolveSubject, subjectName } from './subject';

export interface ShiftStatusOptions {
  target: string;
}

export async function run(opts: ShiftStatusOptions, ctx: Context): Promise<Result> {
  checkSubjectRef(opts.target);
  const aws = await ctx.aws();
  const resolved = await resolveSubject(aws.elbv2, opts.target);
  const recorded = await loadRecorded(aws, resolved, opts.target);
  const groups = resolved.actions.flatMap((a) =>
    a.type === 'forward' ? a.targetGroups.map((g) => g.targetGroupArn) : [],
  );
  const found = (await aws.elbv2.findTargetGroups([...new Set(groups)])).found;
  const name = arnNamer(new Map(found.map((g) => [g.arn, g.name])));
  const target = { kind: resolved.subject.kind, name: subjectName(resolved), arn: resolved.subject.arn };
  const actions = resolved.actions.map((a) => actionData(a, name));
  const forward = resolved.actions.map((a) => describeAction(a, name)).join('; ');
  const fields: Array<[string, string]> = [
    [target.kind, target.name],
    ['forward', forward],
  ];
  if (!recorded) {
    fields.push(['shift', 'none recorded']);
    return { data: { target, actions, shift: null }, view: { kind: 'fields', fields } };
  }
  const { record, parties, guards } = recorded;
  const live = liveWeights(resolved.actions, record, name);
  const position = positionOf(live, record.settings.steps);
  let evaluation: Evaluation | undefined;
  let evaluationError: string | undefined;
  if (record.state === 'running' && record.stepStartedAt && position.at === 'step') {
    try {
      evaluation = await guardEvaluator(
        aws,
        ctx,
        guards,
        resolved.loadBalancer,
        record.to,
        record.settings.minRequests,
      )(new Date(record.stepStartedAt));
    } catch (e) {
      if (!isElbctlError(e)) throw e;
      evaluationError = e.message;
    }
  }
  const s = record.settings;
  const at =
    position.at === 'step'
      ? `step ${position.index + 1} of ${s.steps.length} (${s.steps[position.index]}%)`
      : position.at === 'start'
        ? 'before its first step'
        : position.at === 'finished'
          ? 'finished (plain forward to the new target group)'
          : `nowhere a shift goes (${position.description})`;
  fields.push(
    ['shift', `${record.state}: ${parties.from.name} → ${parties.to.name}, ${at}`],
    [
      'recorded step',
      `${record.step + 1} of ${s.steps.length}${record.stepStartedAt ? ` since ${record.stepStartedAt}` : ''}`,
    ],
    [
      'plan',
      `steps ${s.steps.join(', ')}; bake ${durationText(s.bakeSeconds)}; every ${durationText(s.intervalSeconds)}`,
    ],
    ['guards', record.guards.join(', ') || 'none'],
    ['started', record.startedAt],
  );
  if (evaluation)
    fields.push([
      'evaluation',
      `${evaluation.verdict}: ${evaluation.readings.map(describeReading).join(', ') || 'no guards'}`,
    ]);
  if (evaluationError) fields.push(['evaluation', `could not be read: ${evaluationError}`]);
  return {
    data: {
      target,
      actions,
      shift: {
        state: record.state,
        from: parties.from,
        to: parties.to,
        steps: s.steps,
        step: record.step + 1,
        of: s.steps.length,
        live: live.split ?? null,
        position: position.at,
        startedAt: record.startedAt,
        stepStartedAt: record.stepStartedAt ?? null,
        bakeSeconds: s.bakeSeconds,
        intervalSeconds: s.intervalSeconds,
        minRequests: s.minRequests,
        keepWeighted: s.keepWeighted,
        guards: record.guards,
        evaluation: evaluation
          ? {
              verdict: evaluation.verdict,
              requests: evaluation.requests,
              guards: evaluation.readings.map((r) => ({
                guard: r.guard,
                status: r.status,
                value: r.value,
                threshold: r.threshold,
                unit: r.unit,
                ...(r.state !== undefined ? { state: r.state } : {}),
                ...(r.reason !== undefined ? { reason: r.reason } : {}),
              })),
            }
          : null,
        ...(evaluationError ? { evaluationError } : {}),
      },
    },
    view: { kind: 'fields', fields },
  };
}
