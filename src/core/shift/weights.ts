/**
 * The weighted thing a shift moves traffic on, seen from the step machine: a split between a
 * `from` and a `to` side, written and read back through a small port. The machine never knows
 * whether the split is a listener's or a rule's forward (src/aws/shift/elbv2-port.ts) or, later,
 * a Route 53 weighted record pair.
 */

/** Shares of traffic in percent; `from + to` is 100. */
export interface Split {
  from: number;
  to: number;
}

/** What the machine asks to be written. */
export type WeightTarget =
  /** A step: both sides listed with these weights. */
  | { kind: 'split'; split: Split }
  /** What was there before the shift, restored exactly (the rollback). */
  | { kind: 'start' }
  /** The end: all traffic to `to`, no longer weighted (unless the shift keeps the weighted form). */
  | { kind: 'final' };

/** What is live, read back. */
export interface LiveWeights {
  /**
   * - only-from / only-to: one side alone (a plain forward);
   * - both: the two sides, and nothing else;
   * - other: anything a shift did not write (another target group, another kind of action).
   */
  shape: 'only-from' | 'only-to' | 'both' | 'other';
  /** The shares, when the shape is not `other`. */
  split?: Split | undefined;
  /** For messages: `forward → blue=90, green=10`. */
  description: string;
}

/**
 * The port a shift drives: read and write the split. src/aws implements it for ELBv2 listeners
 * and rules; where the shift's progress is kept is a second port (record.ts, ShiftLedger).
 */
export interface WeightedThing {
  /** `listener web:80`, `rule web:80:10`. */
  readonly label: string;
  read(): Promise<LiveWeights>;
  write(target: WeightTarget): Promise<void>;
}

export const START_SPLIT: Split = { from: 100, to: 0 };

/** The split of the step that sends `percent` of the traffic to `to`. */
export const stepSplit = (percent: number): Split => ({ from: 100 - percent, to: percent });

export const splitText = (s: Split): string => `${s.from}/${s.to}`;

/** Whether what is live is what `target` wrote (weights compared as shares). */
export function landed(live: LiveWeights, target: WeightTarget): boolean {
  switch (target.kind) {
    case 'start':
      return live.shape === 'only-from' || (live.shape === 'both' && live.split?.to === 0);
    case 'final':
      return live.shape === 'only-to';
    case 'split':
      if (target.split.to === 0) return live.shape === 'only-from' || (live.shape === 'both' && live.split?.to === 0);
      return live.shape === 'both' && live.split?.to === target.split.to;
  }
}

/**
 * Where live weights stand in a shift of these steps: before its first step, at a step (its
 * index), past its end (the plain forward to `to` is in place), or nowhere a shift goes.
 */
export type Position =
  | { at: 'start' }
  | { at: 'step'; index: number }
  | { at: 'finished' }
  | { at: 'elsewhere'; description: string };

export function positionOf(live: LiveWeights, steps: readonly number[]): Position {
  if (live.shape === 'only-to') return { at: 'finished' };
  if (live.shape === 'only-from') return { at: 'start' };
  if (live.shape === 'both' && live.split) {
    if (live.split.to === 0) return { at: 'start' };
    const index = steps.indexOf(live.split.to);
    if (index >= 0) return { at: 'step', index };
  }
  return { at: 'elsewhere', description: live.description };
}
