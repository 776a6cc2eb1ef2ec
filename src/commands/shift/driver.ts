/**
 * Runs the step machine (src/core/shift/machine.ts): performs each command through the ports and
 * feeds the outcome back, delivering Ctrl-C between commands. It knows no AWS service: the
 * weighted thing, the ledger and the evaluation come in as ports, so a Route 53 cutover can be
 * driven the same way.
 */
import { isElbctlError } from '../../core/errors';
import type { Evaluation } from '../../core/shift/evaluate';
import { advance, begin, type MachineSettings } from '../../core/shift/machine';
import type { Command, Entry, Event, MachineResult, Note } from '../../core/shift/protocol';
import type { ShiftLedger, ShiftRecord } from '../../core/shift/record';
import type { WeightedThing } from '../../core/shift/weights';
import type { Clock } from '../context';
import type { Interrupts } from './interrupts';

export interface DriverPorts {
  weights: WeightedThing;
  ledger: ShiftLedger;
  /** One evaluation of the guards over the step that began at `stepStartedAt`. */
  evaluate(stepStartedAt: Date): Promise<Evaluation>;
}

export interface DriveOptions {
  clock: Clock;
  interrupts: Interrupts;
  onNote(note: Note, at: Date): void;
  /** The record this run writes (its id is this run's). */
  record: ShiftRecord;
  /**
   * The id of the record this run takes over (resume, abort), or undefined for a new shift
   * (which expects no record at all before its first write).
   */
  takesOver?: string | undefined;
}

const message = (e: unknown) => (isElbctlError(e) || e instanceof Error ? e.message : String(e));

export async function drive(
  settings: MachineSettings,
  entry: Entry,
  ports: DriverPorts,
  options: DriveOptions,
): Promise<MachineResult> {
  const { clock, interrupts } = options;
  let record = options.record;
  /** The id the ledger must hold for this run to write: another id means someone else owns the shift now. */
  let owner = options.takesOver;
  let ownerKnown = options.takesOver !== undefined;

  const ours = async (): Promise<boolean> => {
    const current = await ports.ledger.read();
    if (!ownerKnown) return current === undefined;
    return current?.ok === true && current.record.id === owner;
  };

  const perform = async (c: Command): Promise<Event> => {
    switch (c.kind) {
      case 'record':
        try {
          if (!(await ours())) return { kind: 'superseded' };
          record = {
            ...record,
            state: c.state,
            step: c.step,
            stepStartedAt: c.stepStartedAt?.toISOString(),
          };
          await ports.ledger.write(record);
          if (!ownerKnown) {
            // Two shifts started at once both saw no record; the one whose record stayed goes on.
            const after = await ports.ledger.read();
            if (!(after?.ok && after.record.id === record.id)) return { kind: 'superseded' };
          }
          owner = record.id;
          ownerKnown = true;
          return { kind: 'done' };
        } catch (e) {
          return { kind: 'failed', message: message(e) };
        }
      case 'write':
        try {
          await ports.weights.write(c.target);
          return { kind: 'done' };
        } catch (e) {
          return { kind: 'failed', message: message(e) };
        }
      case 'verify':
      case 'read-live':
        try {
          return { kind: 'read', live: await ports.weights.read() };
        } catch (e) {
          return { kind: 'failed', message: message(e) };
        }
      case 'evaluate':
        try {
          if (!(await ours())) return { kind: 'superseded' };
          return { kind: 'evaluated', evaluation: await ports.evaluate(c.stepStartedAt) };
        } catch (e) {
          return { kind: 'failed', message: message(e) };
        }
      case 'wait':
        await interrupts.sleep(Math.max(0, c.until.getTime() - clock.now().getTime()));
        return { kind: 'woke' };
      case 'clear':
        try {
          await ports.ledger.clear();
          return { kind: 'done' };
        } catch (e) {
          return { kind: 'failed', message: message(e) };
        }
      case 'stop':
        throw new Error('stop is not performed');
    }
  };

  const note = (notes: readonly Note[]) => {
    const at = clock.now();
    for (const n of notes) options.onNote(n, at);
  };

  let t = begin(settings, entry, clock.now());
  note(t.notes);
  while (t.command.kind !== 'stop') {
    const event = await perform(t.command);
    t = advance(t.state, event, clock.now());
    note(t.notes);
    if (t.command.kind !== 'stop' && interrupts.take()) {
      t = advance(t.state, { kind: 'interrupted' }, clock.now());
      note(t.notes);
    }
  }
  return t.command.result;
}
