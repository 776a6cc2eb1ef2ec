import { describeBucket, describeThrottle } from '../../../src/core/pacing/report';

describe('--debug lines', () => {
  it('GIVEN a paced bucket WHEN described THEN calls, waits, throttles and the rate are on one line', () => {
    expect(
      describeBucket({
        name: 'elbv2.write',
        account: 'default',
        region: 'us-east-1',
        paced: true,
        capacity: 20,
        tableRate: 3,
        rate: 1.5,
        granted: 152,
        waited: 130,
        waitedMs: 41_234,
        throttles: 2,
        decreases: 1,
      }),
    ).toBe('pacing elbv2.write us-east-1: 152 calls, 130 waited 41.2 s, 2 throttles, rate 1.5/s of 3/s (capacity 20)');
  });

  it('GIVEN a per-action bucket of a named account, pacing off WHEN described THEN the action and account show and it says not paced', () => {
    expect(
      describeBucket({
        name: 'ec2.read',
        operation: 'DescribeSubnets',
        account: '111122223333',
        region: 'eu-west-1',
        paced: false,
        granted: 1,
        waited: 0,
        waitedMs: 0,
        throttles: 1,
        decreases: 0,
      }),
    ).toBe(
      'pacing ec2.read DescribeSubnets eu-west-1 account 111122223333: 1 call, 0 waited 0.0 s, 1 throttle, not paced',
    );
  });

  it.each([
    [
      { bucket: 'elbv2.write', decreased: true, from: 3, to: 1.5 },
      'pacing elbv2.write: CreateRule throttled; rate 3/s → 1.5/s',
    ],
    [
      { bucket: 'elbv2.write', decreased: false, from: 1.5, to: 1.5 },
      'pacing elbv2.write: CreateRule throttled; rate stays 1.5/s',
    ],
  ])('GIVEN %j WHEN a throttle is described THEN %s', (t, line) => {
    expect(describeThrottle('CreateRule', t)).toBe(line);
  });
});
