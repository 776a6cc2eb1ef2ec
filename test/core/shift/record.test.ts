import { tagProblems } from '../../../src/core/rules/tags';
import {
  describeMark,
  escapeTagText,
  readRecord,
  recordKeys,
  recordTags,
  type ShiftRecord,
  shiftInProgress,
  unescapeTagText,
} from '../../../src/core/shift/record';

const LISTENER =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2';
const BLUE = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/0aa1b2c3d4e5f6a7';
const GREEN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/73e2d6bc24d8a067';

const record: ShiftRecord = {
  id: '9f3a2b1c',
  state: 'running',
  from: BLUE,
  to: GREEN,
  origin: { shape: 'weighted', weights: { from: 100, to: 0 }, stickinessSeconds: 300 },
  settings: {
    steps: [10, 25, 50, 100],
    bakeSeconds: 300,
    intervalSeconds: 60,
    minRequests: 100,
    keepWeighted: false,
    stickinessSeconds: 600,
  },
  guards: ['error-rate<1%', 'p99<800ms', 'alarm:api 5xx (prod)'],
  step: 1,
  startedAt: '2026-12-06T10:00:00.000Z',
  stepStartedAt: '2026-12-06T10:05:00.000Z',
};

describe('the shift record as tags', () => {
  it('GIVEN a record WHEN written THEN its tags are exact, readable, and within what ELBv2 accepts', () => {
    const tags = recordTags(record);
    expect(tags).toEqual([
      {
        key: 'elbctl:shift',
        value:
          'v1 id=9f3a2b1c state=running step=1 started=2026-12-06T10:00:00.000Z step-started=2026-12-06T10:05:00.000Z',
      },
      {
        key: 'elbctl:shift:route',
        value: 'from=targetgroup/blue/0aa1b2c3d4e5f6a7 to=targetgroup/green/73e2d6bc24d8a067',
      },
      {
        key: 'elbctl:shift:plan',
        value:
          'steps=10.25.50.100 bake=300 interval=60 min-requests=100 keep-weighted=no stickiness=600 origin=weighted:100/0 origin-stickiness=300',
      },
      { key: 'elbctl:shift:guard:1', value: 'error-rate=3C1=25' },
      { key: 'elbctl:shift:guard:2', value: 'p99=3C800ms' },
      { key: 'elbctl:shift:guard:3', value: 'alarm:api=205xx=20=28prod=29' },
    ]);
    // The rulebook's tag rule refuses elbctl: keys from users; the values themselves must pass AWS's pattern.
    const problems = tagProblems(tags).filter((p) => !p.message.includes('reserved'));
    expect(problems).toEqual([]);
  });

  it('GIVEN the tags WHEN read back THEN the record is the same', () => {
    expect(readRecord(recordTags(record), LISTENER)).toEqual({ ok: true, record });
  });

  it('GIVEN a plain origin and no stickiness WHEN round-tripped THEN nothing is invented', () => {
    const plain: ShiftRecord = {
      ...record,
      origin: { shape: 'plain' },
      settings: { ...record.settings, stickinessSeconds: undefined, keepWeighted: true },
      stepStartedAt: undefined,
      guards: [],
    };
    const r = readRecord(recordTags(plain), LISTENER);
    expect(r).toEqual({
      ok: true,
      record: {
        ...plain,
        settings: {
          steps: [10, 25, 50, 100],
          bakeSeconds: 300,
          intervalSeconds: 60,
          minRequests: 100,
          keepWeighted: true,
        },
      },
    });
    if (r?.ok) expect('stepStartedAt' in r.record).toBe(false);
  });

  it('GIVEN a rule ARN WHEN read THEN the target group ARNs are in its account and region', () => {
    const rule = 'arn:aws-cn:elasticloadbalancing:cn-north-1:210987654321:listener-rule/app/web/1/2/3';
    const r = readRecord(recordTags(record), rule);
    expect(r?.ok && [r.record.from, r.record.to]).toEqual([
      'arn:aws-cn:elasticloadbalancing:cn-north-1:210987654321:targetgroup/blue/0aa1b2c3d4e5f6a7',
      'arn:aws-cn:elasticloadbalancing:cn-north-1:210987654321:targetgroup/green/73e2d6bc24d8a067',
    ]);
  });

  it.each([
    [{ 'elbctl:shift': 'v2 id=1' }, 'tag elbctl:shift is not a record this elbctl writes (v1)'],
    [{ 'elbctl:shift': 'v1 id=1 state=dancing' }, 'its state is unreadable'],
    [
      { 'elbctl:shift': 'v1 id=1 state=running step=0 started=x' },
      'tag elbctl:shift:route does not name both target groups',
    ],
  ])('GIVEN damaged tags %j WHEN read THEN it says why it cannot', (tags, why) => {
    expect(readRecord(tags, LISTENER)).toEqual({ ok: false, why });
  });

  it('GIVEN tags without the record WHEN read THEN there is none', () => {
    expect(readRecord({ 'elbctl:stack': 'shop' }, LISTENER)).toBeUndefined();
    expect(shiftInProgress([{ key: 'elbctl:stack', value: 'shop' }])).toBeUndefined();
  });

  it('GIVEN the record among other tags WHEN asked whether a shift is in progress THEN the mark says where it is', () => {
    const tags = [
      { key: 'elbctl:stack', value: 'shop' },
      ...recordTags(record),
      { key: 'elbctl:shift:guard:9', value: 'x' },
    ];
    const mark = shiftInProgress(tags);
    expect(mark).toEqual({ to: 'green', step: 2, of: 4, state: 'running' });
    expect(describeMark(mark as never)).toBe('a shift to "green" is in progress (step 2 of 4)');
    expect(describeMark({ to: 'green', state: 'rolling-back' })).toBe(
      'a shift to "green" was rolling back when it stopped',
    );
    expect(recordKeys(tags)).toEqual([
      'elbctl:shift',
      'elbctl:shift:route',
      'elbctl:shift:plan',
      'elbctl:shift:guard:1',
      'elbctl:shift:guard:2',
      'elbctl:shift:guard:3',
      'elbctl:shift:guard:9',
    ]);
  });

  it('GIVEN text with characters tags refuse WHEN escaped and unescaped THEN it comes back unchanged', () => {
    for (const text of ['error-rate<=0.5%', 'alarm:ünïcode = ok', 'a=3Cb', '']) {
      expect(unescapeTagText(escapeTagText(text))).toBe(text);
      expect(escapeTagText(text)).toMatch(/^[A-Za-z0-9_.:/+\-@=]*$/);
    }
  });
});
