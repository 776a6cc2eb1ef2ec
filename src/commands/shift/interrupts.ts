/**
 * Ctrl-C during a shift: the first one is delivered to the step machine (which rolls back, or
 * leaves the weights with --no-rollback-on-abort) and puts the previous SIGINT handlers back, so
 * a second Ctrl-C ends the process at once as everywhere else (the record stays for
 * `elbctl shift abort`). Waits are cut short by it.
 */
import type { Clock } from '../context';

/** Waits sleep in slices this long, so Ctrl-C is seen promptly. */
const SLICE_MS = 250;

export interface Interrupts {
  /** True once, after Ctrl-C: the caller delivers it. */
  take(): boolean;
  /** Sleeps `ms` on the clock, returning early after Ctrl-C. */
  sleep(ms: number): Promise<void>;
  /** Puts the previous handlers back. */
  dispose(): void;
}

export function takeOverSigint(clock: Clock, onFirst: () => void): Interrupts {
  const previous = process.listeners('SIGINT');
  let pending = false;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.removeListener('SIGINT', handler);
    for (const l of previous) process.on('SIGINT', l);
  };
  const handler = () => {
    pending = true;
    restore();
    onFirst();
  };
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', handler);
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
