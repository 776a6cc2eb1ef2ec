/**
 * Ctrl-C (SIGINT) or SIGTERM (a CI system cancelling the job, a container stopping) during a
 * shift: the first one is delivered to the step machine, which rolls back (or leaves the weights
 * with --no-rollback-on-abort), and the previous handlers are put back, so a second signal ends
 * the process at once as everywhere else (the record stays for `elbctl shift abort`). Waits are
 * cut short by it.
 */
import type { Clock } from '../context';

/** Waits sleep in slices this long, so a signal is seen promptly. */
const SLICE_MS = 250;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface Interrupts {
  /** True once, after the signal: the caller delivers it. */
  take(): boolean;
  /** Sleeps `ms` on the clock, returning early after the signal. */
  sleep(ms: number): Promise<void>;
  /** Puts the previous handlers back. */
  dispose(): void;
}

export function takeOverSignals(clock: Clock, onFirst: () => void): Interrupts {
  const previous = new Map(SIGNALS.map((s) => [s, process.listeners(s)] as const));
  let pending = false;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    for (const s of SIGNALS) {
      process.removeListener(s, handler);
      for (const l of previous.get(s) ?? []) process.on(s, l);
    }
  };
  const handler = () => {
    pending = true;
    restore();
    onFirst();
  };
  for (const s of SIGNALS) {
    process.removeAllListeners(s);
    process.on(s, handler);
  }
  return {
    take() {
      const was = pending;
      pending = false;
      return was;
    },
    async sleep(ms) {
      // Slices of the planned duration (not of clock.now(), which a test clock may not advance).
      for (let left = ms; left > 0 && !pending; left -= SLICE_MS) await clock.sleep(Math.min(SLICE_MS, left));
    },
    dispose: restore,
  };
}
