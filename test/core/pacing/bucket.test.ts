import { TokenBucket } from '../../../src/core/pacing/bucket';

/** Takes tokens while there are any at `now`; returns how many. */
const drain = (b: TokenBucket, now: number) => {
  let n = 0;
  while (b.tryTake(now)) n++;
  return n;
};

describe('TokenBucket: burst and refill on a fake clock', () => {
  it('GIVEN a 20-token bucket refilled at 3/s WHEN calls arrive at once THEN 19 pass (one token kept back for jitter) and the 20th waits 334 ms', () => {
    const b = new TokenBucket({ capacity: 20, refillPerSecond: 3 }, 0);
    expect(b.usable).toBe(19);
    expect(drain(b, 0)).toBe(19);
    expect(b.nextTokenAt(0)).toBe(334);
    expect(b.tryTake(333)).toBe(false);
    expect(b.tryTake(334)).toBe(true);
  });

  it('GIVEN an empty 40-token bucket refilled at 10/s WHEN 2.5 s pass THEN exactly 25 tokens are there, and after 10 s no more than the usable 39', () => {
    const b = new TokenBucket({ capacity: 40, refillPerSecond: 10 }, 0);
    expect(drain(b, 0)).toBe(39);
    expect(drain(b, 2500)).toBe(25);
    expect(drain(b, 12_500)).toBe(39);
  });

  it.each([
    [{ capacity: 40, refillPerSecond: 10 }, 39],
    [{ capacity: 10, refillPerSecond: 40 }, 7.5],
    [{ capacity: 2, refillPerSecond: 1 }, 1.5],
    [{ capacity: 1, refillPerSecond: 0.5 }, 1],
  ])('GIVEN %j WHEN built THEN %d tokens are usable at once', (rate, usable) => {
    expect(new TokenBucket(rate, 0).usable).toBe(usable);
  });

  it('GIVEN a one-token bucket refilled every two seconds (WAF associate) WHEN called twice THEN the first passes and the second waits two seconds (no reserve below one token)', () => {
    const b = new TokenBucket({ capacity: 1, refillPerSecond: 0.5 }, 0);
    expect(b.tryTake(0)).toBe(true);
    expect(b.nextTokenAt(0)).toBe(2000);
    expect(b.tryTake(1999)).toBe(false);
    expect(b.tryTake(2000)).toBe(true);
  });
});

describe('TokenBucket: multiplicative decrease and additive recovery', () => {
  it('GIVEN a bucket at 3/s WHEN AWS throttles a call THEN the rate halves to 1.5/s and the bucket is empty', () => {
    const b = new TokenBucket({ capacity: 20, refillPerSecond: 3 }, 0);
    b.tryTake(0);
    expect(b.throttled(0, 100)).toEqual({ decreased: true, from: 3, to: 1.5 });
    expect(b.rate).toBe(1.5);
    expect(b.tokens(100)).toBe(0);
    expect(b.nextTokenAt(100)).toBe(100 + 667);
  });

  it('GIVEN a decrease at t=100 WHEN calls granted before it are throttled too THEN the rate is not halved again; a call granted after it halves it again', () => {
    const b = new TokenBucket({ capacity: 20, refillPerSecond: 8 }, 0);
    expect(b.throttled(0, 100).decreased).toBe(true);
    expect(b.throttled(50, 120)).toEqual({ decreased: false, from: 4, to: 4 });
    expect(b.throttled(99, 130)).toEqual({ decreased: false, from: 4, to: 4 });
    expect(b.throttled(200, 300)).toEqual({ decreased: true, from: 4, to: 2 });
  });

  it('GIVEN throttle after throttle WHEN the rate falls THEN it stops at one eighth of the table rate', () => {
    const b = new TokenBucket({ capacity: 40, refillPerSecond: 10 }, 0);
    const rates = [1, 2, 3, 4, 5].map((i) => b.throttled(i * 1000, i * 1000 + 1).to);
    expect(rates).toEqual([5, 2.5, 1.25, 1.25, 1.25]);
    expect(b.minRate).toBe(1.25);
  });

  it('GIVEN the rate halved from 10/s WHEN calls are answered THEN each adds 0.1/s, 50 answers bring it back to 10/s and no further', () => {
    const b = new TokenBucket({ capacity: 40, refillPerSecond: 10 }, 0);
    b.throttled(0, 0);
    b.answered(1);
    expect(b.rate).toBeCloseTo(5.1, 10);
    for (let i = 2; i <= 50; i++) b.answered(i);
    expect(b.rate).toBeCloseTo(10, 10);
    b.answered(51);
    expect(b.rate).toBe(10);
  });

  it('GIVEN the rate at 1.5/s WHEN it rises while tokens accrue THEN the time before the rise is counted at the old rate', () => {
    const b = new TokenBucket({ capacity: 20, refillPerSecond: 3 }, 0);
    b.throttled(0, 0);
    b.answered(1000);
    expect(b.tokens(1000)).toBeCloseTo(1.5, 10);
    expect(b.tokens(2000)).toBeCloseTo(1.5 + 1.53, 10);
  });
});
