/**
 * The step machine of a shift, pure: given where it is and what just happened, it says what to
 * do next (the commands, events and notes it exchanges are in protocol.ts). A driver (src/commands/shift/driver.ts) performs each command through the ports
 * (record.ts ShiftLedger, weights.ts WeightedThing, the guard engine) and feeds back the event;
 * time comes in as `now`, so tests run every transition with a fake clock and never sleep.
 *
 * One step: record it (the ledger also proves the shift is still this run's) → write its weights
 * → read them back until they landed → evaluate every interval over the step so far → passed
 * once an evaluation passes at or after the bake → the next step. After the last: a plain
 * forward to `to` (unless kept weighted), verified, and the record removed.
 *
 * Rollback (a guard failed, too little data three times running, weights that did not land, a
 * failed write, Ctrl-C, `shift abort`): mark the record, restore the starting forward in ONE
 * write, verify it, remove the record. A rollback write that fails ends in `rollback-failed`
 * with the live weights read back.
 */
import type { Evaluation } from './evaluate';
import {
  type Command,
  describeCause,
  type Entry,
  type Event,
  type MachineResult,
  type Note,
  type Outcome,
  type RollbackCause,
} from './protocol';
import type { ShiftSettings } from './record';
import { type LiveWeights, type Split, type WeightTarget, landed, splitText, stepSplit, START_SPLIT } from './weights';

export interface MachineSettings extends ShiftSettings {
  /** Ctrl-C rolls back (true) or leaves the weights and the record for `resume`/`abort` (false). */
  rollbackOnAbort: boolean;
}

/** Reads back after a write before deciding the weights did not land (eventual consistency). */
const VERIFY_ATTEMPTS = 3;
const VERIFY_PAUSE_MS = 2_000;
/** Evaluations in a row with too little data before a step gives up. */
const INSUFFICIENT_LIMIT = 3;

type Phase = 'step' | 'finish' | 'rollback' | 'stopped';
type Stage = 'record' | 'write' | 'verify' | 'verify-wait' | 'bake-wait' | 'evaluate' | 'clear' | 'read-live';

export interface MachineState {
  readonly settings: MachineSettings;
  phase: Phase;
  stage: Stage;
  step: number;
  stepStartedAt?: Date | undefined;
  nextEvaluationAt?: Date | undefined;
  verifyAttempts: number;
  insufficientRun: number;
  evaluations: number;
  completedSteps: number;
  lastEvaluation?: Evaluation | undefined;
  /** What was last written and verified. */
  current?: WeightTarget | undefined;
  /** Whether this run wrote any weights. */
  wrote: boolean;
  cause?: RollbackCause | undefined;
  warnings: string[];
  /** The command last issued (re-issued when an interrupt is ignored). */
  pending: Command;
}

export interface Transition {
  state: MachineState;
  command: Command;
  notes: Note[];
}

const SECOND = 1000;
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);
const targetOf = (s: MachineState, step: number): WeightTarget => ({
  kind: 'split',
  split: stepSplit(s.settings.steps[step] as number),
});
const splitOf = (t: WeightTarget | undefined): Split | undefined =>
  t === undefined ? undefined : t.kind === 'split' ? t.split : t.kind === 'start' ? START_SPLIT : { from: 0, to: 100 };

function issue(state: MachineState, command: Command, notes: Note[] = []): Transition {
  state.pending = command;
  return { state, command, notes };
}

export function begin(settings: MachineSettings, entry: Entry, now: Date): Transition {
  const state: MachineState = {
    settings,
    phase: 'step',
    stage: 'record',
    step: 0,
    verifyAttempts: 0,
    insufficientRun: 0,
    evaluations: 0,
    completedSteps: 0,
    wrote: false,
    warnings: [],
    pending: { kind: 'clear' },
  };
  switch (entry.kind) {
    case 'new':
      state.current = { kind: 'start' };
      return toRecord(state, 0, now);
    case 'step':
      state.current = entry.step === 0 ? { kind: 'start' } : targetOf(state, entry.step - 1);
      state.completedSteps = entry.step;
      return toRecord(state, entry.step, now);
    case 'bake':
      state.step = entry.step;
      state.completedSteps = entry.step;
      state.current = targetOf(state, entry.step);
      state.stepStartedAt = entry.stepStartedAt;
      return toBake(state, nextOnGrid(entry.stepStartedAt, settings.intervalSeconds, now));
    case 'finish':
      state.step = settings.steps.length - 1;
      state.completedSteps = settings.steps.length;
      state.current = targetOf(state, state.step);
      return toFinish(state);
    case 'abort':
      state.step = entry.step;
      state.wrote = true;
      return toRollback(state, { kind: 'aborted' }, []);
  }
}

/** The first evaluation time on the step's grid (step start + k × interval) that is not before now. */
function nextOnGrid(stepStartedAt: Date, intervalSeconds: number, now: Date): Date {
  const interval = intervalSeconds * SECOND;
  const elapsed = now.getTime() - stepStartedAt.getTime();
  const k = Math.max(1, Math.ceil(elapsed / interval));
  return later(stepStartedAt, k * interval);
}

function toRecord(state: MachineState, step: number, now: Date): Transition {
  state.phase = 'step';
  state.stage = 'record';
  state.step = step;
  state.stepStartedAt = now;
  state.insufficientRun = 0;
  state.verifyAttempts = 0;
  return issue(state, { kind: 'record', state: 'running', step, stepStartedAt: now });
}

function toBake(state: MachineState, at: Date, notes: Note[] = []): Transition {
  state.stage = 'bake-wait';
  state.nextEvaluationAt = at;
  return issue(state, { kind: 'wait', until: at }, notes);
}

function toFinish(state: MachineState, notes: Note[] = []): Transition {
  state.phase = 'finish';
  state.stage = 'record';
  state.verifyAttempts = 0;
  return issue(state, { kind: 'record', state: 'finishing', step: state.step, stepStartedAt: state.stepStartedAt }, [
    ...notes,
    { event: 'finishing', keepWeighted: state.settings.keepWeighted },
  ]);
}

function toRollback(state: MachineState, cause: RollbackCause, notes: Note[]): Transition {
  state.phase = 'rollback';
  state.stage = 'record';
  state.cause = cause;
  state.verifyAttempts = 0;
  return issue(state, { kind: 'record', state: 'rolling-back', step: state.step, stepStartedAt: state.stepStartedAt }, [
    ...notes,
    { event: 'rollback', reason: describeCause(cause, { step: state.step, steps: state.settings.steps }) },
  ]);
}

function stop(state: MachineState, outcome: Outcome, notes: Note[] = [], live?: LiveWeights): Transition {
  state.phase = 'stopped';
  const result: MachineResult = {
    outcome,
    ...(state.cause
      ? { cause: state.cause, reason: describeCause(state.cause, { step: state.step, steps: state.settings.steps }) }
      : {}),
    step: state.step,
    completedSteps: state.completedSteps,
    evaluations: state.evaluations,
    ...(state.lastEvaluation ? { lastEvaluation: state.lastEvaluation } : {}),
    // Superseded: another run owns the weights now; this one no longer knows them.
    ...(live ? { live, weights: live.split } : outcome === 'superseded' ? {} : { weights: splitOf(state.current) }),
    warnings: state.warnings,
  };
  return issue(state, { kind: 'stop', result }, notes);
}

function warn(state: MachineState, message: string): Note {
  state.warnings.push(message);
  return { event: 'warning', message };
}

const rollbackOutcome = (cause: RollbackCause | undefined): Outcome =>
  cause?.kind === 'interrupted' ? 'interrupted' : cause?.kind === 'aborted' ? 'aborted' : 'rolled-back';

/** The next transition. Events that do not fit the stage are a bug in the driver. */
export function advance(state: MachineState, event: Event, now: Date): Transition {
  if (state.phase === 'stopped') return issue(state, state.pending);
  if (event.kind === 'interrupted') return interrupted(state);
  switch (state.phase) {
    case 'step':
      return stepPhase(state, event, now);
    case 'finish':
      return finishPhase(state, event, now);
    case 'rollback':
      return rollbackPhase(state, event, now);
  }
}

function interrupted(state: MachineState): Transition {
  // A rollback under way is finished whatever happens; a second Ctrl-C is the process's to handle.
  if (state.phase === 'rollback') return issue(state, state.pending);
  if (!state.settings.rollbackOnAbort) {
    return stop(state, 'left', [
      warn(
        state,
        'interrupted: weights left as they are (--no-rollback-on-abort); `elbctl shift resume` continues, `elbctl shift abort` rolls back',
      ),
    ]);
  }
  return toRollback(state, { kind: 'interrupted' }, []);
}

function unexpected(state: MachineState, event: Event): never {
  throw new Error(`shift machine: event ${event.kind} in ${state.phase}/${state.stage}`);
}

function stepPhase(state: MachineState, event: Event, now: Date): Transition {
  const of = state.settings.steps.length;
  const target = targetOf(state, state.step);
  const weights = stepSplit(state.settings.steps[state.step] as number);
  switch (state.stage) {
    case 'record':
      if (event.kind === 'superseded') return stop(state, 'superseded');
      if (event.kind === 'failed') {
        if (!state.wrote) return stopNotStarted(state, event.message);
        return toRollback(state, { kind: 'record-failed', detail: event.message }, []);
      }
      if (event.kind !== 'done') return unexpected(state, event);
      state.stage = 'write';
      return issue(state, { kind: 'write', target }, [{ event: 'step', step: state.step + 1, of, weights }]);
    case 'write':
      if (event.kind === 'failed') {
        state.wrote = true;
        return toRollback(state, { kind: 'write-failed', detail: event.message }, []);
      }
      if (event.kind !== 'done') return unexpected(state, event);
      state.wrote = true;
      state.stepStartedAt = now;
      state.stage = 'verify';
      return issue(state, { kind: 'verify', target });
    case 'verify':
      if (event.kind === 'read' && landed(event.live, target)) {
        state.current = target;
        return toBake(state, later(now, state.settings.intervalSeconds * SECOND), [
          { event: 'landed', step: state.step + 1, of, weights },
        ]);
      }
      return retryVerify(state, event, now, () => ({
        kind: 'not-landed',
        ...(event.kind === 'read' ? { live: event.live } : {}),
        detail:
          event.kind === 'read'
            ? `live ${event.live.description}, expected ${splitText(weights)}`
            : `reading them back failed: ${event.kind === 'failed' ? event.message : event.kind}`,
      }));
    case 'verify-wait':
      if (event.kind !== 'woke') return unexpected(state, event);
      state.stage = 'verify';
      return issue(state, { kind: 'verify', target });
    case 'bake-wait':
      if (event.kind !== 'woke') return unexpected(state, event);
      state.stage = 'evaluate';
      return issue(state, { kind: 'evaluate', step: state.step, stepStartedAt: state.stepStartedAt as Date });
    case 'evaluate':
      // Each evaluation also looks at the record, so an abort from elsewhere stops the bake.
      if (event.kind === 'superseded') return stop(state, 'superseded');
      return evaluated(state, event, now, weights);
    default:
      return unexpected(state, event);
  }
}

function stopNotStarted(state: MachineState, message: string): Transition {
  state.cause = { kind: 'record-failed', detail: message };
  return stop(state, 'not-started');
}

function retryVerify(
  state: MachineState,
  event: Event,
  now: Date,
  cause: () => RollbackCause & { kind: 'not-landed' },
): Transition {
  if (event.kind !== 'read' && event.kind !== 'failed') return unexpected(state, event);
  state.verifyAttempts++;
  if (state.verifyAttempts < VERIFY_ATTEMPTS) {
    state.stage = 'verify-wait';
    return issue(state, { kind: 'wait', until: later(now, VERIFY_PAUSE_MS) });
  }
  if (state.phase === 'rollback') {
    const c = cause();
    return stop(state, 'rollback-failed', [warn(state, `the rollback did not land: ${c.detail}`)], c.live);
  }
  if (state.phase === 'finish') {
    // All traffic already goes to `to` (the last step, verified): keep that, say what did not land.
    state.stage = 'clear';
    return issue(state, { kind: 'clear' }, [
      warn(
        state,
        `the plain forward to the new target group did not land (${cause().detail}); the weighted forward at 0/100 stays`,
      ),
    ]);
  }
  return toRollback(state, cause(), []);
}

function evaluated(state: MachineState, event: Event, now: Date, weights: Split): Transition {
  const s = state.settings;
  const of = s.steps.length;
  let evaluation: Evaluation;
  if (event.kind === 'evaluated') evaluation = event.evaluation;
  else if (event.kind === 'failed')
    evaluation = { verdict: 'wait', requests: null, readings: [], error: event.message };
  else return unexpected(state, event);
  state.evaluations++;
  state.lastEvaluation = evaluation;
  const bakeEnd = later(state.stepStartedAt as Date, s.bakeSeconds * SECOND);
  const remainingSeconds = Math.max(0, Math.ceil((bakeEnd.getTime() - now.getTime()) / SECOND));
  if (evaluation.verdict === 'wait') state.insufficientRun++;
  else state.insufficientRun = 0;
  const note: Note = {
    event: 'evaluation',
    step: state.step + 1,
    of,
    weights,
    evaluation,
    remainingSeconds,
    insufficientRun: state.insufficientRun,
  };
  if (evaluation.verdict === 'fail') return toRollback(state, { kind: 'guard', evaluation }, [note]);
  if (evaluation.verdict === 'wait') {
    if (state.insufficientRun >= INSUFFICIENT_LIMIT) {
      const why = evaluation.error ?? evaluation.readings.find((r) => r.status === 'wait')?.reason ?? 'no data';
      return toRollback(
        state,
        {
          kind: 'insufficient-data',
          detail: `${INSUFFICIENT_LIMIT} evaluations in a row without enough data (${why})`,
        },
        [note],
      );
    }
    return toBake(state, nextEvaluation(state, now), [note]);
  }
  if (now.getTime() < bakeEnd.getTime()) return toBake(state, nextEvaluation(state, now), [note]);
  state.completedSteps = state.step + 1;
  const passed: Note = { event: 'step-passed', step: state.step + 1, of };
  if (state.step + 1 >= of) return toFinish(state, [note, passed]);
  const t = toRecord(state, state.step + 1, now);
  return { ...t, notes: [note, passed, ...t.notes] };
}

function nextEvaluation(state: MachineState, now: Date): Date {
  const planned = later(state.nextEvaluationAt ?? now, state.settings.intervalSeconds * SECOND);
  return planned.getTime() < now.getTime() ? now : planned;
}

function finishPhase(state: MachineState, event: Event, now: Date): Transition {
  const final: WeightTarget = { kind: 'final' };
  switch (state.stage) {
    case 'record':
      if (event.kind === 'superseded') return stop(state, 'superseded');
      if (event.kind === 'failed') {
        // Traffic is all on `to` already: finishing without the record is still finishing.
        warn(state, `updating the record failed (${event.message}); finishing anyway`);
      } else if (event.kind !== 'done') return unexpected(state, event);
      if (state.settings.keepWeighted) {
        state.stage = 'clear';
        return issue(state, { kind: 'clear' });
      }
      state.stage = 'write';
      return issue(state, { kind: 'write', target: final });
    case 'write':
      if (event.kind === 'failed') {
        state.stage = 'clear';
        return issue(state, { kind: 'clear' }, [
          warn(
            state,
            `the plain forward to the new target group failed (${event.message}); the weighted forward at 0/100 stays`,
          ),
        ]);
      }
      if (event.kind !== 'done') return unexpected(state, event);
      state.stage = 'verify';
      return issue(state, { kind: 'verify', target: final });
    case 'verify':
      if (event.kind === 'read' && landed(event.live, final)) {
        state.current = final;
        state.stage = 'clear';
        return issue(state, { kind: 'clear' });
      }
      return retryVerify(state, event, now, () => ({
        kind: 'not-landed',
        detail: event.kind === 'read' ? `live ${event.live.description}` : 'reading it back failed',
      }));
    case 'verify-wait':
      if (event.kind !== 'woke') return unexpected(state, event);
      state.stage = 'verify';
      return issue(state, { kind: 'verify', target: final });
    case 'clear':
      return cleared(state, event, 'completed', 'resume');
    default:
      return unexpected(state, event);
  }
}

function cleared(state: MachineState, event: Event, outcome: Outcome, fix: 'resume' | 'abort'): Transition {
  if (event.kind === 'failed') {
    return stop(state, outcome, [
      warn(
        state,
        `removing the shift record failed (${event.message}); it stays until \`elbctl shift ${fix}\` removes it`,
      ),
    ]);
  }
  if (event.kind !== 'done') return unexpected(state, event);
  return stop(state, outcome, outcome === 'completed' ? [] : [{ event: 'rolled-back' }]);
}

function rollbackPhase(state: MachineState, event: Event, now: Date): Transition {
  const start: WeightTarget = { kind: 'start' };
  switch (state.stage) {
    case 'record':
      // The weights come first: a record that cannot be marked does not hold the rollback up.
      if (event.kind === 'failed') warn(state, `marking the record as rolling back failed (${event.message})`);
      else if (event.kind === 'superseded' && state.cause?.kind !== 'aborted') return stop(state, 'superseded');
      else if (event.kind !== 'done' && event.kind !== 'superseded') return unexpected(state, event);
      state.stage = 'write';
      return issue(state, { kind: 'write', target: start });
    case 'write':
      if (event.kind === 'failed') {
        warn(state, `the rollback write failed: ${event.message}`);
        state.stage = 'read-live';
        return issue(state, { kind: 'read-live' });
      }
      if (event.kind !== 'done') return unexpected(state, event);
      state.stage = 'verify';
      return issue(state, { kind: 'verify', target: start });
    case 'verify':
      if (event.kind === 'read' && landed(event.live, start)) {
        state.current = start;
        state.stage = 'clear';
        return issue(state, { kind: 'clear' });
      }
      return retryVerify(state, event, now, () => ({
        kind: 'not-landed',
        ...(event.kind === 'read' ? { live: event.live } : {}),
        detail: event.kind === 'read' ? `live ${event.live.description}` : 'reading it back failed',
      }));
    case 'verify-wait':
      if (event.kind !== 'woke') return unexpected(state, event);
      state.stage = 'verify';
      return issue(state, { kind: 'verify', target: start });
    case 'read-live':
      if (event.kind === 'read') return stop(state, 'rollback-failed', [], event.live);
      if (event.kind === 'failed') {
        state.current = undefined;
        return stop(state, 'rollback-failed', [warn(state, `reading the live weights failed too: ${event.message}`)]);
      }
      return unexpected(state, event);
    case 'clear':
      return cleared(state, event, rollbackOutcome(state.cause), 'abort');
    default:
      return unexpected(state, event);
  }
}
