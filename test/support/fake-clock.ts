import type { Clock } from '../../src/commands/context';

/** A clock that moves only when slept on: waits take no time, and time still passes for the code under test. */
export class FakeClock implements Clock {
  constructor(public t = Date.parse('2026-12-06T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}
