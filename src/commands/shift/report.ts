/**
 * What a shift says as it goes and when it ends: a live line per note on stderr, one JSON object
 * per line on stdout with `-o json` (`{"type":"event",…}` while running, `{"type":"result",…}`
 * last), and the result with its exit code (0 completed or aborted, 1 rolled back or failed,
 * 130 interrupted).
 */
import { ElbctlError } from '../../core/errors';
import type { PacingSummary } from '../../core/pacing';
import { type Evaluation, type GuardReading, describeReading } from '../../core/shift/evaluate';
import type { MachineResult, Note, Outcome } from '../../core/shift/protocol';
import { formatGuardValue } from '../../core/shift/guards';
import { durationText } from '../../core/shift/settings';
import { type Split, splitText } from '../../core/shift/weights';
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { pacingSummary } from '../pacing';

interface NamedArn {
  name: string;
  arn: string;
}

export interface ShiftParties {
  /** A listener or rule (`elbctl shift`), or a DNS record (`elbctl migrate --cutover`). */
  target: { kind: 'listener' | 'rule' | 'record'; name: string; arn: string; label: string };
  from: NamedArn;
  to: NamedArn;
  steps: readonly number[];
}

const clockTime = (d: Date) => d.toISOString().slice(11, 19);

function evaluationLine(e: Evaluation): string {
  if (e.error !== undefined) return `metrics unreadable (${e.error})`;
  const readings = e.readings.map(describeReading);
  const requests = e.requests === null ? '' : ` (${e.requests} request${e.requests === 1 ? '' : 's'})`;
  return readings.length === 0 ? 'no guards' : `${readings.join(', ')}${requests}`;
}

/** The stderr line for a note (undefined: nothing to say). */
function noteLine(note: Note, at: Date, p: ShiftParties): string | undefined {
  const t = clockTime(at);
  const names = `${p.from.name}/${p.to.name}`;
  switch (note.event) {
    case 'step':
      return `${t} step ${note.step}/${note.of}: writing ${splitText(note.weights)} (${names})`;
    case 'landed':
      return `${t} step ${note.step}/${note.of}: ${splitText(note.weights)} landed (read back)`;
    case 'evaluation': {
      const head = `${t} step ${note.step}/${note.of} ${splitText(note.weights)}:`;
      const e = note.evaluation;
      if (e.verdict === 'wait') return `${head} waiting for data (${note.insufficientRun} of 3): ${evaluationLine(e)}`;
      if (e.verdict === 'fail') return `${head} FAILED: ${evaluationLine(e)}`;
      const left = note.remainingSeconds > 0 ? `; bake ${durationText(note.remainingSeconds)} left` : '';
      return `${head} ${evaluationLine(e)}${left}`;
    }
    case 'step-passed':
      return `${t} step ${note.step}/${note.of} passed`;
    case 'finishing':
      return note.keepWeighted
        ? `${t} finishing: the weighted forward stays at 0/100 (--keep-weighted)`
        : p.target.kind === 'record'
          ? `${t} finishing: one simple record pointing to ${p.to.name}`
          : `${t} finishing: a plain forward to ${p.to.name}`;
    case 'rollback':
      return `${t} rolling back to ${p.from.name}: ${note.reason}`;
    case 'rolled-back':
      return `${t} rolled back: all traffic to ${p.from.name} again`;
    case 'warning':
      return undefined;
  }
}

function readingData(r: GuardReading) {
  return {
    guard: r.guard,
    status: r.status,
    value: r.value,
    threshold: r.threshold,
    unit: r.unit,
    ...(r.state !== undefined ? { state: r.state } : {}),
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
  };
}

function evaluationData(e: Evaluation) {
  return {
    verdict: e.verdict,
    requests: e.requests,
    guards: e.readings.map(readingData),
    ...(e.error !== undefined ? { error: e.error } : {}),
  };
}

/** The NDJSON event for a note. */
function noteEvent(note: Note, at: Date): Record<string, unknown> {
  const base = { type: 'event', at: at.toISOString() };
  if (note.event === 'evaluation') {
    const { evaluation, ...rest } = note;
    return { ...base, ...rest, ...evaluationData(evaluation) };
  }
  return { ...base, ...note };
}

/** Prints each note as it comes: a line on stderr, and with -o json an event line on stdout. */
export function noteReporter(ctx: Context, parties: ShiftParties): (note: Note, at: Date) => void {
  return (note, at) => {
    if (note.event === 'warning') ctx.progress.warn(note.message);
    else {
      const line = noteLine(note, at, parties);
      if (line !== undefined) ctx.progress.info(line);
    }
    if (ctx.output === 'json') ctx.io.stdout.write(`${JSON.stringify(noteEvent(note, at))}\n`);
  };
}

export interface ShiftOutcomeData {
  type: 'result';
  outcome: Outcome | 'dry-run';
  target: { kind: 'listener' | 'rule' | 'record'; name: string; arn: string };
  from: NamedArn;
  to: NamedArn;
  steps: number[];
  /** 1-based: the step the shift ended at. */
  step: number | null;
  completedSteps: number;
  evaluations: number;
  weights: Split | null;
  /** The live forward read back after a failed rollback. */
  live: string | null;
  reason: string | null;
  failedGuards: ReturnType<typeof readingData>[];
  lastEvaluation: ReturnType<typeof evaluationData> | null;
  warnings: string[];
  startedAt: string;
  endedAt: string;
  /** AWS calls, throttles and time waited for the API's rate limits (src/commands/pacing.ts). */
  pacing?: PacingSummary | undefined;
}

export function resultData(p: ShiftParties, r: MachineResult, startedAt: Date, endedAt: Date): ShiftOutcomeData {
  const failed =
    r.cause?.kind === 'guard' ? r.cause.evaluation.readings.filter((x) => x.status === 'fail').map(readingData) : [];
  return {
    type: 'result',
    outcome: r.outcome,
    target: { kind: p.target.kind, name: p.target.name, arn: p.target.arn },
    from: p.from,
    to: p.to,
    steps: [...p.steps],
    step: r.step + 1,
    completedSteps: r.completedSteps,
    evaluations: r.evaluations,
    weights: r.weights ?? null,
    live: r.live?.description ?? null,
    reason: r.reason ?? null,
    failedGuards: failed,
    lastEvaluation: r.lastEvaluation ? evaluationData(r.lastEvaluation) : null,
    warnings: r.warnings,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
  };
}

/** The error an outcome exits with (undefined: success). */
function outcomeError(d: ShiftOutcomeData, label: string, ref: string): ElbctlError | undefined {
  const weights = d.weights ? splitText(d.weights) : 'unknown';
  switch (d.outcome) {
    case 'completed':
    case 'aborted':
    case 'dry-run':
      return undefined;
    case 'rolled-back':
      return new ElbctlError('aws', 'E_SHIFT_ROLLED_BACK', `shift on ${label}: rolled back: ${d.reason}`, {
        hint: `all traffic goes to ${d.from.name} again (${weights}); \`elbctl shift status ${ref}\` shows it`,
      });
    case 'interrupted':
      return new ElbctlError(
        'cancelled',
        'E_SHIFT_INTERRUPTED',
        `shift on ${label}: interrupted: rolled back to ${weights}`,
      );
    case 'left':
      return new ElbctlError(
        'cancelled',
        'E_SHIFT_INTERRUPTED',
        `shift on ${label}: interrupted: weights left at ${weights} (--no-rollback-on-abort)`,
        { hint: `\`elbctl shift resume ${ref}\` continues it, \`elbctl shift abort ${ref}\` rolls it back` },
      );
    case 'rollback-failed':
      return new ElbctlError(
        'aws',
        'E_SHIFT_ROLLBACK_FAILED',
        `shift on ${label}: the rollback failed (${d.reason}); live: ${d.live ?? 'could not be read'}`,
        { details: d.warnings, hint: `\`elbctl shift abort ${ref}\` tries the rollback again` },
      );
    case 'superseded':
      return new ElbctlError(
        'conflict',
        'E_SHIFT_SUPERSEDED',
        `shift on ${label}: stopped: its record was removed or taken over elsewhere (shift abort or resume); nothing more was written`,
        { hint: `\`elbctl shift status ${ref}\` shows where it stands` },
      );
    case 'not-started':
      return new ElbctlError(
        'aws',
        'E_SHIFT_NOT_STARTED',
        `shift on ${label}: not started: ${d.reason}; nothing was changed`,
      );
  }
}

/** The command's result: one JSON line with -o json, fields otherwise; the outcome's exit code. */
export function shiftResult(ctx: Context, outcome: ShiftOutcomeData, label: string, ref: string): Result {
  const d: ShiftOutcomeData = { ...outcome, pacing: pacingSummary(ctx) };
  const fields: Array<[string, string]> = [
    ['outcome', d.outcome],
    [d.target.kind, d.target.name],
    ['from → to', `${d.from.name} → ${d.to.name}`],
    ['weights', d.weights ? `${splitText(d.weights)} (${d.from.name}/${d.to.name})` : (d.live ?? 'unknown')],
    ['steps', `${d.steps.join(', ')} (${d.completedSteps} of ${d.steps.length} passed)`],
    ['evaluations', String(d.evaluations)],
  ];
  if (d.reason) fields.push(['reason', d.reason]);
  for (const g of d.failedGuards) {
    const value = g.value === null || g.unit === 'state' ? (g.state ?? 'no value') : formatGuardValue(g.unit, g.value);
    fields.push(['failed guard', `${g.guard}: ${value}`]);
  }
  for (const w of d.warnings) fields.push(['warning', w]);
  return {
    data: d,
    view: { kind: 'fields', fields },
    ...(ctx.output === 'json' ? { raw: `${JSON.stringify(d)}\n` } : {}),
    error: outcomeError(d, label, ref),
  };
}
