/**
 * What the step machine (machine.ts) and the driver that runs it say to each other: where a run
 * starts, the commands the machine issues, the events fed back, the notes it reports as it goes,
 * and the result it ends with.
 */
import { describeReading, type Evaluation } from './evaluate';
import type { RecordState } from './record';
import type { LiveWeights, Split, WeightTarget } from './weights';

export type Outcome =
  | 'completed'
  | 'rolled-back'
  | 'interrupted'
  | 'left'
  | 'aborted'
  | 'rollback-failed'
  | 'superseded'
  | 'not-started';

export type RollbackCause =
  | { kind: 'guard'; evaluation: Evaluation }
  | { kind: 'insufficient-data'; detail: string }
  | { kind: 'not-landed'; live?: LiveWeights | undefined; detail: string }
  | { kind: 'write-failed'; detail: string }
  | { kind: 'record-failed'; detail: string }
  | { kind: 'interrupted' }
  | { kind: 'aborted' };

export type Command =
  | { kind: 'record'; state: RecordState; step: number; stepStartedAt?: Date | undefined }
  | { kind: 'write'; target: WeightTarget }
  | { kind: 'verify'; target: WeightTarget }
  | { kind: 'evaluate'; step: number; stepStartedAt: Date }
  | { kind: 'wait'; until: Date }
  | { kind: 'clear' }
  | { kind: 'read-live' }
  | { kind: 'stop'; result: MachineResult };

export type Event =
  /** record, write or clear went through. */
  | { kind: 'done' }
  /** record, write, clear, verify or read-live failed. */
  | { kind: 'failed'; message: string }
  /** record or evaluate: the record is no longer this run's (aborted or taken over elsewhere). */
  | { kind: 'superseded' }
  /** verify / read-live: what is live. */
  | { kind: 'read'; live: LiveWeights }
  | { kind: 'evaluated'; evaluation: Evaluation }
  | { kind: 'woke' }
  | { kind: 'interrupted' };

/** What the machine reports as it goes (live lines on stderr, NDJSON events with -o json). */
export type Note =
  | { event: 'step'; step: number; of: number; weights: Split }
  | { event: 'landed'; step: number; of: number; weights: Split }
  | {
      event: 'evaluation';
      step: number;
      of: number;
      weights: Split;
      evaluation: Evaluation;
      remainingSeconds: number;
      insufficientRun: number;
    }
  | { event: 'step-passed'; step: number; of: number }
  | { event: 'finishing'; keepWeighted: boolean }
  | { event: 'rollback'; reason: string }
  | { event: 'rolled-back' }
  | { event: 'warning'; message: string };

export interface MachineResult {
  outcome: Outcome;
  cause?: RollbackCause | undefined;
  /** Human words for the cause. */
  reason?: string | undefined;
  /** The step (index) the shift was at when it ended. */
  step: number;
  completedSteps: number;
  evaluations: number;
  lastEvaluation?: Evaluation | undefined;
  /** The weights last verified (or read back after a failed rollback). */
  weights?: Split | undefined;
  /** Read back after a failed rollback. */
  live?: LiveWeights | undefined;
  warnings: string[];
}

/** Where a run starts: a new shift, a resumed one, or `shift abort`. */
export type Entry =
  | { kind: 'new' }
  /** Live weights are at `step`, which began at `stepStartedAt`: keep baking it. */
  | { kind: 'bake'; step: number; stepStartedAt: Date }
  /** Live weights are before `step` (its predecessor passed): record and write it. */
  | { kind: 'step'; step: number }
  /** Live weights are at the last step and it passed, or already final: finish. */
  | { kind: 'finish' }
  | { kind: 'abort'; step: number };

/** The cause in words, for results and events. */
export function describeCause(cause: RollbackCause, where: { step: number; steps: readonly number[] }): string {
  const at = `step ${where.step + 1} (${where.steps[where.step]}%)`;
  switch (cause.kind) {
    case 'guard': {
      const failed = cause.evaluation.readings.filter((r) => r.status === 'fail');
      return `guard ${failed.map((r) => r.guard).join(', ')} failed at ${at}: ${failed.map(describeReading).join(', ')}`;
    }
    case 'insufficient-data':
      return `insufficient data at ${at}: ${cause.detail}`;
    case 'not-landed':
      return `the weights of ${at} did not land: ${cause.detail}`;
    case 'write-failed':
      return `writing the weights of ${at} failed: ${cause.detail}`;
    case 'record-failed':
      return `recording ${at} failed: ${cause.detail}`;
    case 'interrupted':
      return `interrupted (Ctrl-C) at ${at}`;
    case 'aborted':
      return 'aborted (elbctl shift abort)';
  }
}
