import { durationText, parseBake, parseShiftFlags } from '../../../src/core/shift/settings';
import { type LiveWeights, landed, positionOf } from '../../../src/core/shift/weights';

describe('parseShiftFlags', () => {
  it('GIVEN no flags WHEN read THEN the defaults: 10,25,50,100 every 60 s, baking 5 minutes, 100 requests', () => {
    expect(parseShiftFlags({})).toEqual({
      ok: true,
      guards: [],
      settings: {
        steps: [10, 25, 50, 100],
        bakeSeconds: 300,
        intervalSeconds: 60,
        minRequests: 100,
        keepWeighted: false,
      },
    });
  });

  it('GIVEN every flag WHEN read THEN each is taken', () => {
    const r = parseShiftFlags({
      steps: '5, 50%,100',
      bake: '90s',
      interval: '15',
      minRequests: '0',
      groupStickiness: '300',
      guard: ['error-rate<1%'],
      keepWeighted: true,
    });
    expect(r).toEqual({
      ok: true,
      guards: [{ kind: 'error-rate', text: 'error-rate<1%', operator: '<', threshold: 1, unit: '%' }],
      settings: {
        steps: [5, 50, 100],
        bakeSeconds: 90,
        intervalSeconds: 15,
        minRequests: 0,
        keepWeighted: true,
        stickinessSeconds: 300,
      },
    });
  });

  it('GIVEN every flag wrong WHEN read THEN every problem at once', () => {
    const r = parseShiftFlags({
      steps: '50,25,100',
      bake: '5d',
      interval: '0',
      minRequests: '-1',
      groupStickiness: '999999',
      guard: ['p99<1'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message)).toEqual([
      '--steps "50,25,100": each step must send more traffic than the one before',
      '--bake "5d": write a duration up to 24h in seconds, minutes or hours, e.g. 90s, 5m, 1h',
      '--interval "0": must be a whole number from 1 to 3600',
      '--min-requests "-1": must be a whole number from 0 to 1000000000',
      '--group-stickiness "999999": must be a whole number from 1 to 604800',
      'guard "p99<1": a response time needs its unit; write p99<1ms or 1s',
    ]);
  });

  it.each([
    ['10,50', '--steps "10,50": the last step must be 100 (all traffic to --to); add ,100'],
    ['10,x,100', '--steps "10,x,100": "x" is not a percentage from 1 to 100; write e.g. 10,25,50,100'],
    ['0,100', '--steps "0,100": "0" is not a percentage from 1 to 100; write e.g. 10,25,50,100'],
  ])('GIVEN --steps %j WHEN read THEN %s', (steps, message) => {
    const r = parseShiftFlags({ steps });
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([message]);
  });

  it('GIVEN eleven guards and an alarm name too long to record WHEN read THEN both limits are named', () => {
    const many = Array.from({ length: 11 }, (_, i) => `alarm:a${i}`);
    const long = `alarm:${'<'.repeat(90)}`;
    const r = parseShiftFlags({ guard: [...many.slice(0, 10), long] });
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['E_LIMIT', 'E_LIMIT']);
  });

  it('GIVEN durations WHEN read and written THEN s/m/h, bare seconds', () => {
    expect([parseBake('45'), parseBake('45s'), parseBake('5m'), parseBake('2h'), parseBake('1d')]).toEqual([
      45,
      45,
      300,
      7200,
      undefined,
    ]);
    expect([durationText(45), durationText(300), durationText(5430)]).toEqual(['45s', '5m', '1h30m30s']);
  });
});

describe('weights: landed and positionOf', () => {
  const live = (shape: LiveWeights['shape'], to?: number): LiveWeights => ({
    shape,
    ...(to !== undefined ? { split: { from: 100 - to, to } } : {}),
    description: 'x',
  });
  it('GIVEN what was written WHEN read back THEN it landed only if the shares match', () => {
    expect(landed(live('both', 10), { kind: 'split', split: { from: 90, to: 10 } })).toBe(true);
    expect(landed(live('both', 25), { kind: 'split', split: { from: 90, to: 10 } })).toBe(false);
    expect(landed(live('only-from', 0), { kind: 'split', split: { from: 90, to: 10 } })).toBe(false);
    expect(landed(live('both', 100), { kind: 'split', split: { from: 0, to: 100 } })).toBe(true);
    expect(landed(live('only-from', 0), { kind: 'start' })).toBe(true);
    expect(landed(live('both', 0), { kind: 'start' })).toBe(true);
    expect(landed(live('both', 10), { kind: 'start' })).toBe(false);
    expect(landed(live('only-to', 100), { kind: 'final' })).toBe(true);
    expect(landed(live('both', 100), { kind: 'final' })).toBe(false);
    expect(landed(live('other'), { kind: 'start' })).toBe(false);
  });
  it('GIVEN live weights WHEN placed in a shift of 10,25,50,100 THEN start, a step, finished or elsewhere', () => {
    const steps = [10, 25, 50, 100];
    expect(positionOf(live('only-from', 0), steps)).toEqual({ at: 'start' });
    expect(positionOf(live('both', 0), steps)).toEqual({ at: 'start' });
    expect(positionOf(live('both', 25), steps)).toEqual({ at: 'step', index: 1 });
    expect(positionOf(live('both', 100), steps)).toEqual({ at: 'step', index: 3 });
    expect(positionOf(live('only-to', 100), steps)).toEqual({ at: 'finished' });
    expect(positionOf(live('both', 30), steps)).toEqual({ at: 'elsewhere', description: 'x' });
    expect(positionOf(live('other'), steps)).toEqual({ at: 'elsewhere', description: 'x' });
  });
});
