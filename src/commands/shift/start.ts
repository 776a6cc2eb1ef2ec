/**
 * `elbctl shift LISTENER|RULE --to TG [--from TG] [--steps 10,25,50,100] [--bake 5m] [--guard …]`:
 * validate (no IO) → check everything a shift needs before any write (the action, --to's fit,
 * health and alarms, no shift recorded) → confirm → run the step machine.
 */
import { quote } from '../../core/echo';
import { ElbctlError, problemsError } from '../../core/errors';
import { targetGroupFitsListener } from '../../core/rules/listener';
import { type Problem, problem } from '../../core/rules/problem';
import { guardProblems, shiftableProblem, shiftStart, unreadyTargetsMessage } from '../../core/rules/shift';
import { missingTargetGroupsProblem } from '../../core/rules/target-group';
import { alarmNames } from '../../core/shift/evaluate';
import { type Guard, needsRequests } from '../../core/shift/guards';
import { describeMark, shiftInProgress } from '../../core/shift/record';
import { durationText, parseShiftFlags } from '../../core/shift/settings';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import type { Context } from '../context';
import { type ShiftParties, shiftResult } from './report';
import { runId, runSession } from './session';
import { checkSubjectRef, resolveSubject, subjectName } from './subject';

export interface ShiftStartOptions {
  target: string;
  to: string;
  from?: string | undefined;
  steps?: string | undefined;
  bake?: string | undefined;
  interval?: string | undefined;
  guard?: string[] | undefined;
  minRequests?: string | undefined;
  groupStickiness?: string | undefined;
  keepWeighted?: boolean | undefined;
  /** commander's `--no-rollback-on-abort`: false when given. */
  rollbackOnAbort?: boolean | undefined;
  dryRun?: boolean | undefined;
}

export async function run(opts: ShiftStartOptions, ctx: Context): Promise<Result> {
  // Validate: no AWS call on bad input.
  let refProblem: Problem | undefined;
  try {
    checkSubjectRef(opts.target);
  } catch (e) {
    if (!(e instanceof ElbctlError)) throw e;
    refProblem = problem('E_FORMAT', e.message);
  }
  const parsed = parseShiftFlags(opts);
  const flagProblems = [...(refProblem ? [refProblem] : []), ...(parsed.ok ? [] : parsed.problems)];
  if (flagProblems.length > 0 || !parsed.ok) throw problemsError(flagProblems);
  const { settings, guards } = parsed;

  // Check, before any write.
  const aws = await ctx.aws();
  const resolved = await resolveSubject(aws.elbv2, opts.target);
  const { loadBalancer, listener, subject } = resolved;
  const mark = shiftInProgress(resolved.tags);
  if (mark) {
    throw new ElbctlError(
      'conflict',
      'E_SHIFT_IN_PROGRESS',
      `${subject.label}: ${describeMark(mark)}; one shift at a time`,
      {
        hint: `\`elbctl shift status ${opts.target}\` shows it; \`elbctl shift resume ${opts.target}\` continues it, \`elbctl shift abort ${opts.target}\` rolls it back`,
      },
    );
  }
  const refs = [opts.to, ...(opts.from !== undefined ? [opts.from] : [])];
  const { found, missing } = await aws.elbv2.findTargetGroups(refs);
  const problems: Problem[] = [];
  const shiftable = shiftableProblem(loadBalancer.type, subject.label);
  if (shiftable) problems.push(shiftable);
  problems.push(...guardProblems(guards, loadBalancer.type));
  const missingGroups = missingTargetGroupsProblem(missing);
  if (missingGroups) problems.push(missingGroups);
  const byRef = (ref: string) => found.find((g) => g.name === ref || g.arn === ref);
  const to = byRef(opts.to);
  const from = opts.from !== undefined ? byRef(opts.from) : undefined;
  const names = new Map<string, string>(found.map((g) => [g.arn, g.name]));
  const name = (arn: string) => names.get(arn) ?? arn.split('/').slice(-2, -1)[0] ?? arn;
  let start: ReturnType<typeof shiftStart> | undefined;
  if (to && (opts.from === undefined || from)) {
    start = shiftStart(resolved.actions, subject.label, to.arn, from?.arn, name);
    if (!start.ok) problems.push(start.problem);
    problems.push(
      ...targetGroupFitsListener(
        {
          loadBalancerName: loadBalancer.name,
          loadBalancerType: loadBalancer.type,
          vpcId: loadBalancer.vpcId,
          protocol: listener.protocol,
        },
        { ...to, otherLoadBalancers: to.loadBalancers.filter((arn) => arn !== loadBalancer.arn) },
      ),
    );
  }
  const alarms = alarmNames(guards);
  if (alarms.length > 0) {
    const states = await aws.cloudwatch.alarmStates(alarms);
    for (const a of alarms.filter((n) => !states.has(n))) {
      problems.push(
        problem(
          'E_MISSING_REFERENCE',
          `alarm ${quote(a)}: does not exist in this account and region; check the name (\`aws cloudwatch describe-alarms\`)`,
          ['guard'],
        ),
      );
    }
  }
  if (problems.length > 0 || !start?.ok || !to) throw problemsError(problems);
  const unready = unreadyTargetsMessage(to.name, await aws.elbv2.describeTargetHealth(to.arn));
  if (unready) {
    throw new ElbctlError(
      'conflict',
      'E_SHIFT_NOT_READY',
      `${subject.label}: cannot shift to ${quote(to.name)}: ${unready}`,
      {
        hint: `\`elbctl targets health ${to.name} --wait healthy\` waits until they are`,
      },
    );
  }

  // The group traffic leaves is named by its ARN's tail when --from was not given (no extra read).
  const fromGroup = { name: name(start.start.from), arn: start.start.from };
  const parties: ShiftParties = {
    target: { kind: subject.kind, name: subjectName(resolved), arn: subject.arn, label: subject.label },
    from: { name: fromGroup.name, arn: fromGroup.arn },
    to: { name: to.name, arn: to.arn },
    steps: settings.steps,
  };
  describePlan(ctx, parties, settings, guards);
  if (opts.dryRun) {
    const now = ctx.clock.now();
    return shiftResult(
      ctx,
      {
        type: 'result',
        outcome: 'dry-run',
        target: { kind: subject.kind, name: parties.target.name, arn: subject.arn },
        from: parties.from,
        to: parties.to,
        steps: settings.steps,
        step: null,
        completedSteps: 0,
        evaluations: 0,
        weights: { from: 100, to: 0 },
        live: null,
        reason: null,
        failedGuards: [],
        lastEvaluation: null,
        warnings: [],
        startedAt: now.toISOString(),
        endedAt: now.toISOString(),
      },
      subject.label,
      opts.target,
    );
  }
  await confirmOrAbort(ctx, `Shift ${subject.label} from ${fromGroup.name} to ${to.name}?`, `shift ${subject.label}`);
  const rollbackOnAbort = opts.rollbackOnAbort !== false;
  const now = ctx.clock.now();
  return runSession(ctx, aws, {
    ref: opts.target,
    resolved,
    route: {
      from: fromGroup.arn,
      to: to.arn,
      origin: start.start.origin,
      stickinessSeconds: settings.stickinessSeconds,
    },
    parties,
    guards,
    settings: { ...settings, rollbackOnAbort },
    record: {
      id: runId(),
      state: 'running',
      from: fromGroup.arn,
      to: to.arn,
      origin: start.start.origin,
      settings,
      guards: guards.map((g) => g.text),
      step: 0,
      startedAt: now.toISOString(),
    },
    entry: { kind: 'new' },
  });
}

/** The plan on stderr before anything is written. */
export function describePlan(
  ctx: Context,
  p: ShiftParties,
  s: {
    steps: readonly number[];
    bakeSeconds: number;
    intervalSeconds: number;
    minRequests: number;
    keepWeighted: boolean;
  },
  guards: readonly Guard[],
): void {
  ctx.progress.info(
    `shift ${p.target.label}: ${p.from.name} → ${p.to.name} in ${s.steps.length} step${s.steps.length === 1 ? '' : 's'} (${s.steps.map((x) => `${x}%`).join(', ')}), each baked ${durationText(s.bakeSeconds)}, evaluated every ${durationText(s.intervalSeconds)}`,
  );
  if (guards.length > 0) {
    const waits = guards.some(needsRequests)
      ? ` (error-rate and percentile guards wait for ${s.minRequests} requests)`
      : '';
    ctx.progress.info(`guards: ${guards.map((g) => g.text).join(', ')}${waits}`);
  } else {
    ctx.progress.warn('no --guard: every step passes once its bake is over; add --guard to judge the new target group');
  }
  ctx.progress.info(
    s.keepWeighted
      ? `at the end: the weighted forward stays at 0/100 (--keep-weighted)`
      : `at the end: a plain forward to ${p.to.name}`,
  );
}
