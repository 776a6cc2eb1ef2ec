import fc from 'fast-check';
import { quote } from '../../src/core/echo';
import { ElbctlError } from '../../src/core/errors';
import {
  MAX_PRIORITY,
  checkPriorityFree,
  nextFreePriority,
  nextPriority,
  parsePriority,
} from '../../src/core/priorities';
import { priorityProblem } from '../../src/core/rules/rule';

const validatePriority = (n: number) => priorityProblem(n)?.message;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const allPriorities = range(1, MAX_PRIORITY);

describe('validatePriority and parsePriority', () => {
  it.each([1, 2, 49999, 50000])('GIVEN %d WHEN validated THEN it is accepted', (n) => {
    expect(validatePriority(n)).toBeUndefined();
    expect(parsePriority(String(n))).toEqual({ ok: true, value: n });
  });

  it.each([0, -1, 50001, 1.5, Number.NaN])(
    'GIVEN %d WHEN validated THEN it must be a whole number from 1 to 50000',
    (n) => {
      expect(validatePriority(n)).toBe(`priority "${n}": must be a whole number from 1 to 50000`);
    },
  );

  it.each([
    ['0', 'priority "0": must be a whole number from 1 to 50000'],
    ['50001', 'priority "50001": must be a whole number from 1 to 50000'],
    ['7.0', 'priority "7.0": must be a whole number from 1 to 50000'],
    ['7abc', 'priority "7abc": must be a whole number from 1 to 50000'],
    ['1e3', 'priority "1e3": must be a whole number from 1 to 50000'],
    ['', 'priority "": must be a whole number from 1 to 50000'],
    ['default', 'priority "default": must be a whole number from 1 to 50000'],
  ])('GIVEN the flag value %j WHEN parsed THEN %s', (raw, message) => {
    expect(parsePriority(raw)).toEqual({ ok: false, problems: [{ code: 'E_RANGE', message, path: [] }] });
  });
});

describe('nextPriority', () => {
  it.each<[string, number[], number]>([
    ['an empty listener', [], 1],
    ['one rule at 1', [1], 2],
    ['rules with gaps', [10, 3, 7], 11],
    ['rules in any order', [5, 100, 2], 101],
    ['the highest at 49999', [1, 49999], 50000],
    ['the highest at 50000 with gaps below', [1, 2, 4, 50000], 3],
    ['only 50000 taken', [50000], 1],
  ])('GIVEN %s %j WHEN the next priority is asked THEN it is %d', (_label, existing, expected) => {
    expect(nextPriority(existing)).toBe(expected);
  });

  it('GIVEN every priority from 1 to 50000 taken WHEN the next priority is asked THEN a conflict error says so', () => {
    let thrown: unknown;
    try {
      nextPriority(allPriorities);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ElbctlError);
    expect(thrown).toMatchObject({
      kind: 'conflict',
      code: 'E_NO_FREE_PRIORITY',
      message: 'listener rules: every priority from 1 to 50000 is taken; delete a rule before adding another',
    });
  });

  it('GIVEN all but one priority taken WHEN the next priority is asked THEN the one gap is found', () => {
    expect(nextPriority(allPriorities.filter((p) => p !== 31337))).toBe(31337);
  });
});

describe('nextFreePriority and checkPriorityFree', () => {
  it.each<[number, number[], number | undefined]>([
    [5, [], 5],
    [5, [5, 6, 8], 7],
    [50000, [50000, 49999], 49998],
    [0, [1], 2],
  ])('GIVEN from %d and taken %j WHEN the next free is asked THEN %s', (from, existing, expected) => {
    expect(nextFreePriority(from, existing)).toBe(expected);
  });

  it('GIVEN a free priority WHEN checked THEN there is no problem', () => {
    expect(checkPriorityFree(4, [1, 2, 3, 5])).toBeUndefined();
  });

  it('GIVEN a taken priority WHEN checked THEN names the holder and the next free priority above it', () => {
    expect(checkPriorityFree(5, [5, 6, 9], 'rule "path /api/*"')).toBe(
      'priority 5: already taken by rule "path /api/*"; the next free priority is 7',
    );
  });

  it('GIVEN 50000 taken and no holder name WHEN checked THEN suggests the nearest free one below', () => {
    expect(checkPriorityFree(50000, [50000])).toBe(
      'priority 50000: already taken by another rule; the next free priority is 49999',
    );
  });

  it('GIVEN a full listener WHEN checked THEN says every priority is taken', () => {
    expect(checkPriorityFree(7, allPriorities)).toBe(
      'priority 7: already taken by another rule; every priority from 1 to 50000 is taken',
    );
  });
});

describe('priority properties', () => {
  const priority = fc.integer({ min: 1, max: MAX_PRIORITY });
  const existing = fc.oneof(
    fc.array(priority, { maxLength: 200 }),
    // Crowded near the top, where the gap search takes over.
    fc.array(fc.integer({ min: MAX_PRIORITY - 50, max: MAX_PRIORITY }), { maxLength: 60 }),
  );

  it('GIVEN any existing priorities WHEN the next one is asked THEN it is free, within 1..50000, and after the highest unless 50000 is taken', () => {
    fc.assert(
      fc.property(existing, (taken) => {
        const next = nextPriority(taken);
        expect(Number.isInteger(next)).toBe(true);
        expect(next).toBeGreaterThanOrEqual(1);
        expect(next).toBeLessThanOrEqual(MAX_PRIORITY);
        expect(taken).not.toContain(next);
        if (!taken.includes(MAX_PRIORITY)) expect(next).toBe(Math.max(0, ...taken) + 1);
        else expect(range(1, next - 1).every((p) => taken.includes(p))).toBe(true);
      }),
    );
  });

  it('GIVEN any existing priorities and a wanted one WHEN checked THEN it is reported taken exactly when it is, and the suggestion is free', () => {
    fc.assert(
      fc.property(existing, priority, (taken, wanted) => {
        const problem = checkPriorityFree(wanted, taken);
        expect(problem === undefined).toBe(!taken.includes(wanted));
        if (problem) {
          const suggested = Number(/the next free priority is (\d+)$/.exec(problem)?.[1]);
          expect(taken).not.toContain(suggested);
          expect(suggested).toBeGreaterThanOrEqual(1);
          expect(suggested).toBeLessThanOrEqual(MAX_PRIORITY);
        }
      }),
    );
  });

  it('GIVEN any string WHEN parsed as a priority THEN it never throws, and what it accepts is valid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer().map(String)), (raw) => {
        const r = parsePriority(raw);
        if (r.ok) expect(validatePriority(r.value)).toBeUndefined();
        else
          expect(r.problems.map((p) => p.message)).toEqual([
            `priority ${quote(raw)}: must be a whole number from 1 to 50000`,
          ]);
      }),
    );
  });
});
