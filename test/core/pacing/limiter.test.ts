import { PacingLimiter, type CallSite, type Ticket } from '../../../src/core/pacing/limiter';
import type { PacingSettings } from '../../../src/core/pacing/settings';

const on = (overrides: Record<string, [number, number]> = {}): PacingSettings => ({
  enabled: true,
  overrides: new Map(
    Object.entries(overrides).map(([k, [capacity, refillPerSecond]]) => [k, { capacity, refillPerSecond }]),
  ),
});
const call = (operation: string, over: Partial<CallSite> = {}): CallSite => ({
  account: 'default',
  region: 'us-east-1',
  service: 'elbv2',
  operation,
  ...over,
});

/** Runs the clock from `from` to `to` in 1 ms steps, as the driver's timer would; returns grants in order with their time. */
function runClock(limiter: PacingLimiter, from: number, to: number): Array<[id: number, at: number]> {
  const out: Array<[number, number]> = [];
  let now = from;
  while (now <= to) {
    const { granted, nextAt } = limiter.advance(now);
    for (const t of granted) out.push([t.id, now]);
    if (nextAt === undefined) break;
    now = Math.max(now + 1, nextAt);
  }
  return out;
}

describe('PacingLimiter: buckets are keyed by account, region, service and class', () => {
  it('GIVEN CreateRule and SetSubnets (both elbv2.write) WHEN the 4-token write bucket is used up THEN DescribeRules (elbv2.read) still passes at once', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.write': [4, 1] }));
    const writes = ['CreateRule', 'SetSubnets', 'CreateRule', 'CreateRule'].map((op) => limiter.request(call(op), 0));
    expect(writes.map((t) => t.grantedAt)).toEqual([0, 0, 0, undefined]);
    expect(limiter.request(call('DescribeRules'), 0).grantedAt).toBe(0);
    expect(limiter.buckets().map((b) => [b.name, b.granted, b.capacity, b.tableRate])).toEqual([
      ['elbv2.write', 3, 4, 1],
      ['elbv2.read', 1, 40, 10],
    ]);
  });

  it('GIVEN two regions and two accounts WHEN each empties its write bucket THEN the others are untouched', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.write': [2, 1] }));
    const sites = [
      call('CreateRule'),
      call('CreateRule', { region: 'eu-west-1' }),
      call('CreateRule', { account: '111122223333' }),
    ];
    for (const s of sites) expect(limiter.request(s, 0).grantedAt).toBe(0);
    for (const s of sites) expect(limiter.request(s, 0).grantedAt).toBeUndefined();
    expect(limiter.buckets().map((b) => `${b.account} ${b.region} ${b.name}`)).toEqual([
      'default us-east-1 elbv2.write',
      'default eu-west-1 elbv2.write',
      '111122223333 us-east-1 elbv2.write',
    ]);
  });

  it('GIVEN EC2 (one bucket per API action) WHEN DescribeSubnets empties its bucket THEN DescribeVpcs has its own 100 tokens', () => {
    const limiter = new PacingLimiter(on({ 'ec2.read': [2, 1] }));
    const ec2 = (op: string) => call(op, { service: 'ec2' });
    expect(limiter.request(ec2('DescribeSubnets'), 0).grantedAt).toBe(0);
    expect(limiter.request(ec2('DescribeSubnets'), 0).grantedAt).toBeUndefined();
    expect(limiter.request(ec2('DescribeVpcs'), 0).grantedAt).toBe(0);
    expect(limiter.buckets().map((b) => `${b.name} ${b.operation}`)).toEqual([
      'ec2.read DescribeSubnets',
      'ec2.read DescribeVpcs',
    ]);
  });

  it('GIVEN Route 53 (global) WHEN called from clients in three regions THEN all draw from one 5-token bucket keyed "global" (4 usable at once)', () => {
    const limiter = new PacingLimiter(on());
    const r53 = (region: string) => call('ChangeResourceRecordSets', { service: 'route53', region });
    const granted = [r53('us-east-1'), r53('eu-west-1'), r53('us-east-1'), r53('eu-west-1'), r53('us-west-2')].map(
      (s) => limiter.request(s, 0).grantedAt,
    );
    expect(granted).toEqual([0, 0, 0, 0, undefined]);
    expect(limiter.buckets()).toEqual([
      expect.objectContaining({ name: 'route53.all', region: 'global', capacity: 5 }),
    ]);
  });

  it('GIVEN a service the table does not know WHEN called THEN the call passes at once, counted under "service.?"', () => {
    const limiter = new PacingLimiter(on());
    for (let i = 0; i < 100; i++)
      expect(limiter.request(call('Anything', { service: 'kinesis' }), 0).grantedAt).toBe(0);
    expect(limiter.buckets()).toEqual([expect.objectContaining({ name: 'kinesis.?', paced: false, granted: 100 })]);
  });

  it('GIVEN ELBCTL_API_RATES raised elbv2.read to 100:50 WHEN 100 reads arrive at once THEN 95 pass (a tenth of a second of refill is kept back)', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.read': [100, 50] }));
    const tickets = Array.from({ length: 100 }, () => limiter.request(call('DescribeTags'), 0));
    expect(tickets.filter((t) => t.grantedAt === 0)).toHaveLength(95);
    expect(limiter.buckets()[0]).toMatchObject({ capacity: 100, tableRate: 50 });
  });
});

describe('PacingLimiter: fairness and no starvation', () => {
  it('GIVEN an empty 1/s bucket and callers A, B, C queued in that order WHEN the clock runs THEN they are granted A, B, C one second apart', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.write': [2, 1] }));
    limiter.request(call('CreateRule'), 0);
    const [a, b, c] = [0, 10, 20].map((t) => limiter.request(call('CreateRule'), t)) as [Ticket, Ticket, Ticket];
    expect(runClock(limiter, 20, 10_000)).toEqual([
      [a.id, 500],
      [b.id, 1500],
      [c.id, 2500],
    ]);
  });

  it('GIVEN a caller waiting WHEN a token appears and a newcomer asks before the driver advances THEN the newcomer queues behind (no overtaking)', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.write': [2, 1] }));
    limiter.request(call('CreateRule'), 0);
    const waiting = limiter.request(call('CreateRule'), 0);
    const newcomer = limiter.request(call('CreateRule'), 600);
    expect(newcomer.grantedAt).toBeUndefined();
    expect(runClock(limiter, 600, 10_000)).toEqual([
      [waiting.id, 600],
      [newcomer.id, 1500],
    ]);
  });

  it('GIVEN a throttled call re-asking with its first request time WHEN others asked after it THEN it is granted before them', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.write': [2, 1] }));
    const first = limiter.request(call('CreateRule'), 0);
    const later = limiter.request(call('CreateRule'), 100);
    limiter.throttled(first, 150);
    const resend = limiter.request(call('CreateRule'), 150, first.requestedAt);
    expect(runClock(limiter, 150, 10_000).map(([id]) => id)).toEqual([resend.id, later.id]);
  });

  it('GIVEN callers arriving at 10/s for 30 s on a 3/s bucket WHEN the clock runs THEN every call is granted, in arrival order, none waiting longer than the ones before it plus the refill gap', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.write': [20, 3] }));
    const tickets: Ticket[] = [];
    const grants: Array<[number, number]> = [];
    for (let now = 0; now <= 200_000; now += 1) {
      if (now < 30_000 && now % 100 === 0) {
        const t = limiter.request(call('CreateRule'), now);
        tickets.push(t);
        if (t.grantedAt !== undefined) grants.push([t.id, now]);
      }
      for (const t of limiter.advance(now).granted) grants.push([t.id, now]);
    }
    expect(grants.map(([id]) => id)).toEqual(tickets.map((t) => t.id));
    const gaps = grants.slice(20).map(([, at], i) => at - (grants[i + 19] as [number, number])[1]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(334);
    expect(grants.at(-1)?.[1]).toBeLessThanOrEqual(((300 - 19) / 3) * 1000 + 1);
  });

  it('GIVEN a waiting caller that gives up WHEN cancelled THEN the next one takes its turn', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.write': [2, 1] }));
    limiter.request(call('CreateRule'), 0);
    const gone = limiter.request(call('CreateRule'), 0);
    const next = limiter.request(call('CreateRule'), 0);
    limiter.cancel(gone);
    expect(runClock(limiter, 0, 10_000)).toEqual([[next.id, 500]]);
  });
});

describe('PacingLimiter: throttles, recovery and the summary', () => {
  it('GIVEN a throttle WHEN reported THEN the bucket halves, counts it, and the next grant waits for the slower refill', () => {
    const limiter = new PacingLimiter(on({ 'elbv2.write': [4, 2] }));
    const t = limiter.request(call('CreateRule'), 0);
    expect(limiter.throttled(t, 50)).toEqual({ bucket: 'elbv2.write', decreased: true, from: 2, to: 1 });
    const next = limiter.request(call('CreateRule'), 50, 0);
    expect(next.grantedAt).toBeUndefined();
    expect(runClock(limiter, 50, 10_000)).toEqual([[next.id, 1050]]);
    limiter.answered(next, 1100);
    expect(limiter.buckets()[0]).toMatchObject({
      throttles: 1,
      decreases: 1,
      granted: 2,
      waited: 1,
      waitedMs: 1000,
      rate: 1.02,
    });
    expect(limiter.summary()).toEqual({ calls: 2, throttles: 1, waitedMs: 1000 });
  });

  it('GIVEN ELBCTL_PACING=off WHEN 500 writes and throttles arrive THEN nothing waits, calls and throttles are still counted', () => {
    const limiter = new PacingLimiter({ enabled: false, overrides: new Map() });
    const tickets = Array.from({ length: 500 }, () => limiter.request(call('CreateRule'), 0));
    expect(tickets.every((t) => t.grantedAt === 0)).toBe(true);
    limiter.throttled(tickets[0] as Ticket, 1);
    expect(limiter.advance(1)).toEqual({ granted: [], nextAt: undefined });
    expect(limiter.summary()).toEqual({ calls: 500, throttles: 1, waitedMs: 0 });
    expect(limiter.buckets()).toEqual([
      {
        name: 'elbv2.write',
        account: 'default',
        region: 'us-east-1',
        paced: false,
        granted: 500,
        waited: 0,
        waitedMs: 0,
        throttles: 1,
        decreases: 0,
      },
    ]);
  });
});
