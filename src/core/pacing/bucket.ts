/** One client-side token bucket that follows AWS's: refilled by the clock, halved on a throttle, raised back step by step. */
import type { BucketRate } from './settings';

/** A throttle halves the refill rate (multiplicative decrease)… */
const DECREASE_FACTOR = 0.5;
/** …never below this share of the table's rate, so one bad minute cannot stall a run (the SDK's adaptive mode falls to 0.5/s). */
const MIN_RATE_SHARE = 1 / 8;
/** Each answered call raises the rate by this share of the table's rate (additive increase): 50 calls from half back to full. */
const INCREASE_SHARE = 1 / 100;
/** Tokens kept back from the burst so that calls that leave late still find AWS's bucket as full as ours (jitter on the way). */
const RESERVE_SECONDS = 0.1;

/**
 * The state of one bucket at a point of the clock (milliseconds). Pure and synchronous: the
 * caller supplies `now` to every method, so tests drive it with a fake clock.
 */
export class TokenBucket {
  /** The rate AWS publishes (or ELBCTL_API_RATES sets): the ceiling the rate climbs back to. */
  readonly tableRate: number;
  readonly capacity: number;
  /**
   * The burst actually used: capacity less a small reserve (RESERVE_SECONDS of refill, at least
   * one token, at most a quarter of the bucket), and never less than one token.
   */
  readonly usable: number;
  private rateNow: number;
  private tokensNow: number;
  private updatedAt: number;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;

  constructor(rate: BucketRate, now: number) {
    this.capacity = rate.capacity;
    this.tableRate = rate.refillPerSecond;
    const reserve = Math.min(rate.capacity / 4, Math.max(1, rate.refillPerSecond * RESERVE_SECONDS));
    this.usable = Math.max(1, rate.capacity - reserve);
    this.rateNow = rate.refillPerSecond;
    this.tokensNow = this.usable;
    this.updatedAt = now;
  }

  /** Tokens per second now: the table's rate, or less after throttles. */
  get rate(): number {
    return this.rateNow;
  }

  get minRate(): number {
    return this.tableRate * MIN_RATE_SHARE;
  }

  tokens(now: number): number {
    this.refill(now);
    return this.tokensNow;
  }

  private refill(now: number): void {
    if (now <= this.updatedAt) return;
    this.tokensNow = Math.min(this.usable, this.tokensNow + (this.rateNow * (now - this.updatedAt)) / 1000);
    this.updatedAt = now;
  }

  /** Takes a token if there is one. */
  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokensNow < 1) return false;
    this.tokensNow -= 1;
    return true;
  }

  /** When the next token will be there (never before `now`). */
  nextTokenAt(now: number): number {
    this.refill(now);
    if (this.tokensNow >= 1) return now;
    return now + Math.ceil(((1 - this.tokensNow) / this.rateNow) * 1000);
  }

  /**
   * AWS answered a call granted at `grantedAt` with a throttle. The bucket on AWS's side is
   * empty: ours is emptied too, and the rate halves — once per episode: calls granted before
   * the last decrease were sent at the old rate and say nothing new.
   */
  throttled(grantedAt: number, now: number): { decreased: boolean; from: number; to: number } {
    this.refill(now);
    const from = this.rateNow;
    this.tokensNow = Math.min(this.tokensNow, 0);
    if (grantedAt < this.lastDecreaseAt) return { decreased: false, from, to: from };
    this.rateNow = Math.max(this.minRate, this.rateNow * DECREASE_FACTOR);
    this.lastDecreaseAt = now;
    return { decreased: true, from, to: this.rateNow };
  }

  /** AWS answered (anything but a throttle): the rate climbs back toward the table's. */
  answered(now: number): void {
    this.refill(now);
    this.rateNow = Math.min(this.tableRate, this.rateNow + this.tableRate * INCREASE_SHARE);
  }
}
