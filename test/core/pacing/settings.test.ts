import { ElbctlError } from '../../../src/core/errors';
import { parseApiRates, parsePacingMode, resolvePacingSettings } from '../../../src/core/pacing/settings';

function errorOf(fn: () => unknown): ElbctlError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ElbctlError) return e;
    throw e;
  }
  throw new Error('expected an ElbctlError');
}

describe('ELBCTL_API_RATES', () => {
  it('GIVEN raised ELB buckets WHEN parsed THEN each named bucket gets its capacity and refill', () => {
    expect([
      ...parseApiRates(' elbv2.read=80:20 , elbv2.write=40:6,cloudwatch.get-metric-data=100:100,wafv2.associate=1:0.5'),
    ]).toEqual([
      ['elbv2.read', { capacity: 80, refillPerSecond: 20 }],
      ['elbv2.write', { capacity: 40, refillPerSecond: 6 }],
      ['cloudwatch.get-metric-data', { capacity: 100, refillPerSecond: 100 }],
      ['wafv2.associate', { capacity: 1, refillPerSecond: 0.5 }],
    ]);
  });

  it.each([undefined, '', '   '])('GIVEN %j WHEN parsed THEN nothing is overridden', (value) => {
    expect(parseApiRates(value).size).toBe(0);
  });

  it.each([
    [
      'elbv2.read',
      'ELBCTL_API_RATES entry "elbv2.read": not SERVICE.BUCKET=CAPACITY:REFILL_PER_SECOND; e.g. elbv2.read=40:10',
    ],
    [
      'elbv2.read=40',
      'ELBCTL_API_RATES entry "elbv2.read=40": not SERVICE.BUCKET=CAPACITY:REFILL_PER_SECOND; e.g. elbv2.read=40:10',
    ],
    [
      'elbv2.read=40:10:1',
      'ELBCTL_API_RATES entry "elbv2.read=40:10:1": not SERVICE.BUCKET=CAPACITY:REFILL_PER_SECOND; e.g. elbv2.read=40:10',
    ],
    [
      'elbv2.read=0:10',
      'ELBCTL_API_RATES entry "elbv2.read=0:10": the capacity must be a whole number of tokens from 1 to 100000',
    ],
    [
      'elbv2.read=2.5:10',
      'ELBCTL_API_RATES entry "elbv2.read=2.5:10": the capacity must be a whole number of tokens from 1 to 100000',
    ],
    [
      'elbv2.read=40:0',
      'ELBCTL_API_RATES entry "elbv2.read=40:0": the refill must be a number of tokens per second above 0 and up to 100000, e.g. 0.5 or 10',
    ],
    [
      'elbv2.read=40:-1',
      'ELBCTL_API_RATES entry "elbv2.read=40:-1": the refill must be a number of tokens per second above 0 and up to 100000, e.g. 0.5 or 10',
    ],
    [
      'elbv2.read=40:1e3',
      'ELBCTL_API_RATES entry "elbv2.read=40:1e3": the refill must be a number of tokens per second above 0 and up to 100000, e.g. 0.5 or 10',
    ],
    [
      'elbv2.read=40:10,elbv2.read=80:20',
      'ELBCTL_API_RATES entry "elbv2.read=80:20": elbv2.read is set twice; keep one',
    ],
  ])('GIVEN %j WHEN parsed THEN a usage error says: %s', (value, message) => {
    const e = errorOf(() => parseApiRates(value));
    expect([e.kind, e.code, e.message]).toEqual(['usage', 'E_BAD_API_RATES', message]);
  });

  it('GIVEN an unknown bucket WHEN parsed THEN the error lists the bucket names of the table', () => {
    const e = errorOf(() => parseApiRates('elbv2.mutating=20:3'));
    expect(e.message).toBe(
      'ELBCTL_API_RATES entry "elbv2.mutating=20:3": unknown bucket "elbv2.mutating"; known buckets: elbv2.read, elbv2.register, elbv2.modify, elbv2.write, elb.read, elb.register, elb.modify, elb.write, ec2.read, ec2.write, cloudwatch.get-metric-data, cloudwatch.describe-alarms, cloudwatch.alarms, cloudwatch.put-metric-data, cloudwatch.other, acm.describe, acm.list, acm.write, acm.other, route53.all, sts.all, servicequotas.get, servicequotas.list, servicequotas.other, wafv2.associate, wafv2.lookup, wafv2.other',
    );
    expect(e.hint).toBe(
      'see "Pacing" in docs/reliability.md for the bucket names and AWS\'s published sizes (table of 2026-12-06)',
    );
  });

  it('GIVEN three bad entries and a good one WHEN parsed THEN every problem is reported at once', () => {
    const e = errorOf(() => parseApiRates('s3.get=1:1,elbv2.read=40:10,elbv2.write=x:1,,'));
    expect([e.message, ...e.details]).toEqual([
      expect.stringMatching(/^ELBCTL_API_RATES entry "s3\.get=1:1": unknown bucket "s3\.get"; known buckets: /),
      'ELBCTL_API_RATES entry "elbv2.write=x:1": the capacity must be a whole number of tokens from 1 to 100000',
      'ELBCTL_API_RATES entry "": not SERVICE.BUCKET=CAPACITY:REFILL_PER_SECOND; e.g. elbv2.read=40:10',
      'ELBCTL_API_RATES entry "": not SERVICE.BUCKET=CAPACITY:REFILL_PER_SECOND; e.g. elbv2.read=40:10',
    ]);
  });

  it('GIVEN a long value with a control character WHEN rejected THEN the echo is cut at 60 characters and escaped', () => {
    const e = errorOf(() => parseApiRates(`elbv2.read=\u001b[31m${'9'.repeat(80)}`));
    expect(e.message).toBe(
      `ELBCTL_API_RATES entry "elbv2.read=\\e[31m${'9'.repeat(44)}…": not SERVICE.BUCKET=CAPACITY:REFILL_PER_SECOND; e.g. elbv2.read=40:10`,
    );
  });
});

describe('ELBCTL_PACING', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['on', true],
    ['ON', true],
    ['off', false],
    [' Off ', false],
  ])('GIVEN %j WHEN read THEN pacing is on: %s', (value, enabled) => {
    expect(parsePacingMode(value)).toBe(enabled);
  });

  it.each(['no', '0', 'false', 'adaptive'])('GIVEN %j WHEN read THEN a usage error names on and off', (value) => {
    const e = errorOf(() => parsePacingMode(value));
    expect([e.kind, e.code, e.message]).toEqual([
      'usage',
      'E_BAD_PACING',
      `ELBCTL_PACING "${value}": unknown; use on or off`,
    ]);
  });

  it('GIVEN both variables WHEN resolved THEN the settings carry the mode and the overrides', () => {
    expect(resolvePacingSettings({ ELBCTL_PACING: 'off', ELBCTL_API_RATES: 'elbv2.write=40:6' })).toEqual({
      enabled: false,
      overrides: new Map([['elbv2.write', { capacity: 40, refillPerSecond: 6 }]]),
    });
  });
});
