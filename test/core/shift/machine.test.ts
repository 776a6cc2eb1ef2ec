/**
 * The step machine, transition by transition, against a scripted world and a fake clock: no
 * timer, no sleep. Each test lists the exact commands the machine issues.
 */
import type { Evaluation } from '../../../src/core/shift/evaluate';
import { advance, begin, type MachineSettings } from '../../../src/core/shift/machine';
import type { Command, Entry, Event, MachineResult, Note } from '../../../src/core/shift/protocol';
import type { LiveWeights, WeightTarget } from '../../../src/core/shift/weights';

const T0 = new Date('2026-12-06T10:00:00.000Z');
const settings: MachineSettings = {
  steps: [10, 50, 100],
  bakeSeconds: 120,
  intervalSeconds: 60,
  minRequests: 100,
  keepWeighted: false,
  rollbackOnAbort: true,
};

const pass: Evaluation = {
  verdict: 'pass',
  requests: 500,
  readings: [{ guard: 'error-rate<1%', kind: 'error-rate', status: 'pass', value: 0.2, threshold: 1, unit: '%' }],
};
const fail: Evaluation = {
  verdict: 'fail',
  requests: 500,
  readings: [{ guard: 'error-rate<1%', kind: 'error-rate', status: 'fail', value: 7.5, threshold: 1, unit: '%' }],
};
const thin: Evaluation = {
  verdict: 'wait',
  requests: 12,
  readings: [
    {
      guard: 'error-rate<1%',
      kind: 'error-rate',
      status: 'wait',
      value: null,
      threshold: 1,
      unit: '%',
      reason: '12 requests so far, fewer than --min-requests 100',
    },
  ],
};

function liveOf(t: WeightTarget): LiveWeights {
  if (t.kind === 'start') return { shape: 'only-from', split: { from: 100, to: 0 }, description: 'forward → blue' };
  if (t.kind === 'final') return { shape: 'only-to', split: { from: 0, to: 100 }, description: 'forward → green' };
  return { shape: 'both', split: t.split, description: `forward → blue=${t.split.from}, green=${t.split.to}` };
}

interface World {
  /** Verdicts of the evaluations, in order (pass when they run out). */
  evaluations?: Evaluation[];
  /** Overrides by command text: the event to answer instead of the natural one (consumed once). */
  answer?: Record<string, Event[]>;
  /** Interrupt after this many commands have been answered. */
  interruptAfter?: number;
  settings?: Partial<MachineSettings>;
  entry?: Entry;
}

const text = (c: Command, now: Date): string => {
  const t = (x: WeightTarget) => (x.kind === 'split' ? String(x.split.to) : x.kind);
  switch (c.kind) {
    case 'record':
      return `record ${c.state} ${c.step}`;
    case 'write':
      return `write ${t(c.target)}`;
    case 'verify':
      return `verify ${t(c.target)}`;
    case 'evaluate':
      return `evaluate ${c.step}`;
    case 'wait':
      return `wait +${(c.until.getTime() - now.getTime()) / 1000}s`;
    case 'clear':
      return 'clear';
    case 'read-live':
      return 'read-live';
    case 'stop':
      return `stop ${c.result.outcome}`;
  }
};

function run(world: World = {}): { log: string[]; notes: Note[]; result: MachineResult; elapsed: number } {
  let now = new Date(T0);
  let live: WeightTarget = { kind: 'start' };
  const evaluations = [...(world.evaluations ?? [])];
  const answers = Object.fromEntries(Object.entries(world.answer ?? {}).map(([k, v]) => [k, [...v]]));
  const log: string[] = [];
  const notes: Note[] = [];
  const s = { ...settings, ...world.settings };
  let t = begin(s, world.entry ?? { kind: 'new' }, now);
  notes.push(...t.notes);
  let answered = 0;
  while (t.command.kind !== 'stop') {
    const c = t.command;
    const key = text(c, now);
    log.push(key);
    if (log.length > 200) throw new Error(`no end:\n${log.join('\n')}`);
    let event: Event;
    const scripted = answers[key]?.shift();
    if (scripted) event = scripted;
    else if (c.kind === 'write') {
      live = c.target;
      event = { kind: 'done' };
    } else if (c.kind === 'verify' || c.kind === 'read-live') event = { kind: 'read', live: liveOf(live) };
    else if (c.kind === 'evaluate') event = { kind: 'evaluated', evaluation: evaluations.shift() ?? pass };
    else if (c.kind === 'wait') {
      now = c.until;
      event = { kind: 'woke' };
    } else event = { kind: 'done' };
    t = advance(t.state, event, now);
    notes.push(...t.notes);
    answered++;
    if (world.interruptAfter === answered) {
      t = advance(t.state, { kind: 'interrupted' }, now);
      notes.push(...t.notes);
    }
  }
  log.push(text(t.command, now));
  return { log, notes, result: t.command.result, elapsed: (now.getTime() - T0.getTime()) / 1000 };
}

const stepLog = (step: number, percent: number) => [
  `record running ${step}`,
  `write ${percent}`,
  `verify ${percent}`,
  'wait +60s',
  `evaluate ${step}`,
  'wait +60s',
  `evaluate ${step}`,
];

describe('a healthy shift', () => {
  it('GIVEN every evaluation passing WHEN run THEN each step bakes 2 minutes, then a plain forward, record removed', () => {
    const r = run();
    expect(r.log).toEqual([
      ...stepLog(0, 10),
      ...stepLog(1, 50),
      ...stepLog(2, 100),
      'record finishing 2',
      'write final',
      'verify final',
      'clear',
      'stop completed',
    ]);
    expect(r.elapsed).toBe(360);
    expect(r.result).toEqual({
      outcome: 'completed',
      step: 2,
      completedSteps: 3,
      evaluations: 6,
      lastEvaluation: pass,
      weights: { from: 0, to: 100 },
      warnings: [],
    });
    expect(r.notes.filter((n) => n.event !== 'evaluation')).toEqual([
      { event: 'step', step: 1, of: 3, weights: { from: 90, to: 10 } },
      { event: 'landed', step: 1, of: 3, weights: { from: 90, to: 10 } },
      { event: 'step-passed', step: 1, of: 3 },
      { event: 'step', step: 2, of: 3, weights: { from: 50, to: 50 } },
      { event: 'landed', step: 2, of: 3, weights: { from: 50, to: 50 } },
      { event: 'step-passed', step: 2, of: 3 },
      { event: 'step', step: 3, of: 3, weights: { from: 0, to: 100 } },
      { event: 'landed', step: 3, of: 3, weights: { from: 0, to: 100 } },
      { event: 'step-passed', step: 3, of: 3 },
      { event: 'finishing', keepWeighted: false },
    ]);
    expect(r.notes.find((n) => n.event === 'evaluation')).toEqual({
      event: 'evaluation',
      step: 1,
      of: 3,
      weights: { from: 90, to: 10 },
      evaluation: pass,
      remainingSeconds: 60,
      insufficientRun: 0,
    });
  });

  it('GIVEN --keep-weighted WHEN the last step passes THEN the weighted forward stays and only the record goes', () => {
    const r = run({ settings: { keepWeighted: true, steps: [100], bakeSeconds: 0 } });
    expect(r.log).toEqual([
      'record running 0',
      'write 100',
      'verify 100',
      'wait +60s',
      'evaluate 0',
      'record finishing 0',
      'clear',
      'stop completed',
    ]);
    expect(r.result.weights).toEqual({ from: 0, to: 100 });
  });

  it('GIVEN a bake shorter than the interval WHEN run THEN each step still evaluates once', () => {
    const r = run({ settings: { steps: [50, 100], bakeSeconds: 10, intervalSeconds: 30 } });
    expect(r.log.filter((l) => l.startsWith('evaluate'))).toEqual(['evaluate 0', 'evaluate 1']);
    expect(r.elapsed).toBe(60);
  });
});

describe('rollback', () => {
  it('GIVEN a guard failing at the second step WHEN evaluated THEN one write back to the start, verified, record removed', () => {
    const r = run({ evaluations: [pass, pass, fail] });
    expect(r.log).toEqual([
      ...stepLog(0, 10),
      'record running 1',
      'write 50',
      'verify 50',
      'wait +60s',
      'evaluate 1',
      'record rolling-back 1',
      'write start',
      'verify start',
      'clear',
      'stop rolled-back',
    ]);
    expect(r.result).toMatchObject({
      outcome: 'rolled-back',
      cause: { kind: 'guard', evaluation: fail },
      reason: 'guard error-rate<1% failed at step 2 (50%): error-rate 7.5% not < 1%',
      step: 1,
      completedSteps: 1,
      weights: { from: 100, to: 0 },
    });
    expect(r.notes.slice(-2)).toEqual([
      { event: 'rollback', reason: 'guard error-rate<1% failed at step 2 (50%): error-rate 7.5% not < 1%' },
      { event: 'rolled-back' },
    ]);
  });

  it('GIVEN three evaluations in a row with too few requests WHEN judged THEN rolled back for insufficient data', () => {
    const r = run({ evaluations: [thin, thin, thin] });
    expect(r.log.slice(3)).toEqual([
      'wait +60s',
      'evaluate 0',
      'wait +60s',
      'evaluate 0',
      'wait +60s',
      'evaluate 0',
      'record rolling-back 0',
      'write start',
      'verify start',
      'clear',
      'stop rolled-back',
    ]);
    expect(r.result.reason).toBe(
      'insufficient data at step 1 (10%): 3 evaluations in a row without enough data (12 requests so far, fewer than --min-requests 100)',
    );
    expect(
      r.notes.filter((n) => n.event === 'evaluation').map((n) => (n as { insufficientRun: number }).insufficientRun),
    ).toEqual([1, 2, 3]);
  });

  it('GIVEN thin data then a pass WHEN the bake is over THEN the step passes past its bake (the count restarts)', () => {
    const r = run({ settings: { steps: [100] }, evaluations: [thin, thin, pass, thin, thin, pass] });
    expect(r.log.filter((l) => l.startsWith('evaluate')).length).toBe(3);
    expect(r.result.outcome).toBe('completed');
    expect(r.elapsed).toBe(180);
  });

  it('GIVEN unreadable metrics WHEN evaluating THEN it counts as too little data, with the error as the reason', () => {
    const failed: Event = { kind: 'failed', message: 'read CloudWatch metrics: Throttling' };
    const r = run({ answer: { 'evaluate 0': [failed, failed, failed] } });
    expect(r.result).toMatchObject({
      outcome: 'rolled-back',
      reason:
        'insufficient data at step 1 (10%): 3 evaluations in a row without enough data (read CloudWatch metrics: Throttling)',
    });
  });

  it('GIVEN weights that never land WHEN verified three times THEN rolled back saying what is live', () => {
    const stuck: Event = {
      kind: 'read',
      live: { shape: 'only-from', split: { from: 100, to: 0 }, description: 'forward → blue' },
    };
    const r = run({ answer: { 'verify 10': [stuck, stuck, stuck] } });
    expect(r.log).toEqual([
      'record running 0',
      'write 10',
      'verify 10',
      'wait +2s',
      'verify 10',
      'wait +2s',
      'verify 10',
      'record rolling-back 0',
      'write start',
      'verify start',
      'clear',
      'stop rolled-back',
    ]);
    expect(r.result.reason).toBe('the weights of step 1 (10%) did not land: live forward → blue, expected 90/10');
  });

  it('GIVEN weights that land on the second read WHEN verified THEN the step goes on', () => {
    const stuck: Event = { kind: 'read', live: { shape: 'only-from', description: 'forward → blue' } };
    const r = run({ settings: { steps: [100], bakeSeconds: 0 }, answer: { 'verify 100': [stuck] } });
    expect(r.log.slice(0, 6)).toEqual([
      'record running 0',
      'write 100',
      'verify 100',
      'wait +2s',
      'verify 100',
      'wait +60s',
    ]);
    expect(r.result.outcome).toBe('completed');
  });

  it('GIVEN a step write that fails WHEN written THEN rolled back', () => {
    const r = run({ answer: { 'write 50': [{ kind: 'failed', message: 'modify listener: Throttling' }] } });
    expect(r.result).toMatchObject({
      outcome: 'rolled-back',
      reason: 'writing the weights of step 2 (50%) failed: modify listener: Throttling',
      weights: { from: 100, to: 0 },
    });
  });

  it('GIVEN a rollback write that fails WHEN rolling back THEN rollback-failed with the live weights read back', () => {
    const r = run({
      evaluations: [fail],
      answer: { 'write start': [{ kind: 'failed', message: 'modify listener: AccessDenied' }] },
    });
    expect(r.log.slice(-4)).toEqual(['record rolling-back 0', 'write start', 'read-live', 'stop rollback-failed']);
    expect(r.result).toMatchObject({
      outcome: 'rollback-failed',
      weights: { from: 90, to: 10 },
      live: { shape: 'both', split: { from: 90, to: 10 } },
      warnings: ['the rollback write failed: modify listener: AccessDenied'],
    });
  });

  it('GIVEN a rollback whose read-back fails too WHEN rolling back THEN rollback-failed without weights', () => {
    const r = run({
      evaluations: [fail],
      answer: {
        'write start': [{ kind: 'failed', message: 'x' }],
        'read-live': [{ kind: 'failed', message: 'network down' }],
      },
    });
    expect(r.result.outcome).toBe('rollback-failed');
    expect(r.result.weights).toBeUndefined();
    expect(r.result.warnings).toEqual([
      'the rollback write failed: x',
      'reading the live weights failed too: network down',
    ]);
  });

  it('GIVEN a record that cannot be marked WHEN rolling back THEN the weights still go back', () => {
    const r = run({
      evaluations: [fail],
      answer: { 'record rolling-back 0': [{ kind: 'failed', message: 'AddTags: denied' }] },
    });
    expect(r.result).toMatchObject({
      outcome: 'rolled-back',
      warnings: ['marking the record as rolling back failed (AddTags: denied)'],
    });
  });

  it('GIVEN the record cannot be removed after a rollback WHEN clearing THEN rolled back, pointing to shift abort', () => {
    const r = run({ evaluations: [fail], answer: { clear: [{ kind: 'failed', message: 'RemoveTags: denied' }] } });
    expect(r.result).toMatchObject({
      outcome: 'rolled-back',
      warnings: [
        'removing the shift record failed (RemoveTags: denied); it stays until `elbctl shift abort` removes it',
      ],
    });
  });
});

describe('Ctrl-C', () => {
  it('GIVEN an interrupt during the first bake WHEN rollback-on-abort (the default) THEN rolled back, outcome interrupted', () => {
    const r = run({ interruptAfter: 4 });
    expect(r.log).toEqual([
      'record running 0',
      'write 10',
      'verify 10',
      'wait +60s',
      'record rolling-back 0',
      'write start',
      'verify start',
      'clear',
      'stop interrupted',
    ]);
    expect(r.result.reason).toBe('interrupted (Ctrl-C) at step 1 (10%)');
  });

  it('GIVEN --no-rollback-on-abort WHEN interrupted THEN the weights and the record stay', () => {
    const r = run({ interruptAfter: 4, settings: { rollbackOnAbort: false } });
    expect(r.log).toEqual(['record running 0', 'write 10', 'verify 10', 'wait +60s', 'stop left']);
    expect(r.result).toMatchObject({ outcome: 'left', weights: { from: 90, to: 10 } });
  });

  it('GIVEN an interrupt during a rollback WHEN it arrives THEN the rollback goes on', () => {
    const r = run({ evaluations: [fail], interruptAfter: 7 });
    // The interrupt arrives right after `write start` was answered (the seventh command).
    expect(r.log.slice(-5)).toEqual([
      'record rolling-back 0',
      'write start',
      'verify start',
      'clear',
      'stop rolled-back',
    ]);
    expect(r.result.outcome).toBe('rolled-back');
  });
});

describe('records and ownership', () => {
  it('GIVEN the first record write fails WHEN starting THEN nothing was written: not-started', () => {
    const r = run({ answer: { 'record running 0': [{ kind: 'failed', message: 'AddTags: TooManyTags' }] } });
    expect(r.log).toEqual(['record running 0', 'stop not-started']);
    expect(r.result.reason).toBe('recording step 1 (10%) failed: AddTags: TooManyTags');
  });

  it('GIVEN a later record write fails WHEN moving on THEN rolled back', () => {
    const r = run({ answer: { 'record running 1': [{ kind: 'failed', message: 'AddTags: denied' }] } });
    expect(r.result).toMatchObject({
      outcome: 'rolled-back',
      reason: 'recording step 2 (50%) failed: AddTags: denied',
    });
  });

  it('GIVEN the record was taken over elsewhere WHEN the next step is recorded THEN it stops writing: superseded', () => {
    const r = run({ answer: { 'record running 1': [{ kind: 'superseded' }] } });
    expect(r.log.slice(-2)).toEqual(['record running 1', 'stop superseded']);
    expect(r.result.weights).toBeUndefined();
  });

  it('GIVEN the record was aborted elsewhere during a bake WHEN the next evaluation looks THEN it stops writing', () => {
    const r = run({ answer: { 'evaluate 0': [{ kind: 'superseded' }] } });
    expect(r.log).toEqual(['record running 0', 'write 10', 'verify 10', 'wait +60s', 'evaluate 0', 'stop superseded']);
  });

  it('GIVEN the record was aborted elsewhere before finishing WHEN finishing THEN nothing more is written', () => {
    const r = run({
      settings: { steps: [100], bakeSeconds: 0 },
      answer: { 'record finishing 0': [{ kind: 'superseded' }] },
    });
    expect(r.log.slice(-2)).toEqual(['record finishing 0', 'stop superseded']);
  });
});

describe('finishing', () => {
  it('GIVEN the plain forward fails WHEN finishing THEN completed at 0/100 weighted, with a warning', () => {
    const r = run({
      settings: { steps: [100], bakeSeconds: 0 },
      answer: { 'write final': [{ kind: 'failed', message: 'denied' }] },
    });
    expect(r.log.slice(-3)).toEqual(['write final', 'clear', 'stop completed']);
    expect(r.result).toMatchObject({
      outcome: 'completed',
      weights: { from: 0, to: 100 },
      warnings: ['the plain forward to the new target group failed (denied); the weighted forward at 0/100 stays'],
    });
  });

  it('GIVEN the record cannot be removed at the end WHEN clearing THEN completed, pointing to shift resume', () => {
    const r = run({
      settings: { steps: [100], bakeSeconds: 0 },
      answer: { clear: [{ kind: 'failed', message: 'denied' }] },
    });
    expect(r.result.warnings).toEqual([
      'removing the shift record failed (denied); it stays until `elbctl shift resume` removes it',
    ]);
  });
});

describe('resume and abort', () => {
  it('GIVEN a resume mid-bake (live at step 2, begun 90 s ago) WHEN resumed THEN it evaluates on the step grid and finishes', () => {
    const begun = new Date(T0.getTime() - 90_000);
    const r = run({ entry: { kind: 'bake', step: 1, stepStartedAt: begun } });
    expect(r.log).toEqual([
      'wait +30s',
      'evaluate 1',
      ...stepLog(2, 100),
      'record finishing 2',
      'write final',
      'verify final',
      'clear',
      'stop completed',
    ]);
    expect(r.result.completedSteps).toBe(3);
  });

  it('GIVEN a resume where the next step was recorded but not written WHEN resumed THEN that step is written', () => {
    const r = run({ entry: { kind: 'step', step: 1 } });
    expect(r.log.slice(0, 3)).toEqual(['record running 1', 'write 50', 'verify 50']);
    expect(r.result.outcome).toBe('completed');
  });

  it('GIVEN a resume of a shift whose last step passed WHEN resumed THEN it only finishes', () => {
    expect(run({ entry: { kind: 'finish' } }).log).toEqual([
      'record finishing 2',
      'write final',
      'verify final',
      'clear',
      'stop completed',
    ]);
  });

  it('GIVEN shift abort WHEN run THEN rolled back at once: outcome aborted', () => {
    const r = run({ entry: { kind: 'abort', step: 1 } });
    expect(r.log).toEqual(['record rolling-back 1', 'write start', 'verify start', 'clear', 'stop aborted']);
    expect(r.result).toMatchObject({
      outcome: 'aborted',
      reason: 'aborted (elbctl shift abort)',
      weights: { from: 100, to: 0 },
    });
  });

  it('GIVEN shift abort on a record taken over WHEN marking it THEN the abort still rolls back', () => {
    const r = run({ entry: { kind: 'abort', step: 0 }, answer: { 'record rolling-back 0': [{ kind: 'superseded' }] } });
    expect(r.result.outcome).toBe('aborted');
  });
});
