/** How pacing reads in --debug: one line per bucket, and one per throttle. */
import type { BucketReport, ThrottleOutcome } from './limiter';

const perSecond = (n: number) => `${Number(n.toFixed(2))}/s`;

/** `elbv2.write us-east-1: 152 calls, 130 waited 41.2 s, 0 throttles, rate 3/s of 3/s (capacity 20)`. */
export function describeBucket(b: BucketReport): string {
  const where = [b.region, b.account !== 'default' ? `account ${b.account}` : undefined].filter(Boolean).join(' ');
  const name = b.operation ? `${b.name} ${b.operation}` : b.name;
  const parts = [
    `${b.granted} call${b.granted === 1 ? '' : 's'}`,
    `${b.waited} waited ${(b.waitedMs / 1000).toFixed(1)} s`,
    `${b.throttles} throttle${b.throttles === 1 ? '' : 's'}`,
  ];
  const rate =
    b.paced && b.rate !== undefined && b.tableRate !== undefined
      ? `, rate ${perSecond(b.rate)} of ${perSecond(b.tableRate)} (capacity ${b.capacity})`
      : ', not paced';
  return `pacing ${name} ${where}: ${parts.join(', ')}${rate}`;
}

/** `pacing elbv2.write: CreateRule throttled; rate 3/s → 1.5/s`. */
export function describeThrottle(operation: string, t: ThrottleOutcome): string {
  const change = t.decreased ? `rate ${perSecond(t.from)} → ${perSecond(t.to)}` : `rate stays ${perSecond(t.from)}`;
  return `pacing ${t.bucket}: ${operation} throttled; ${change}`;
}
