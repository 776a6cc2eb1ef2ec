/** The rule split of an ALB near its rule quota: whole host groups first, the fewest rules crossing, the most even split. */
import { suggestSplit } from '../../../src/core/audit/split';
import { rule } from './fixtures';

const many = (n: number, make: (i: number) => ReturnType<typeof rule>) => Array.from({ length: n }, (_, i) => make(i));

describe('suggestSplit', () => {
  test.each([
    {
      name: 'hosts of one rule each: an even split, only the host-less rule crosses',
      rules: [...many(6, (i) => rule([`h${i}.example.com`])), rule([], ['/health'])],
      limit: 5,
      expected: {
        by: 'host',
        move: ['h0.example.com', 'h1.example.com', 'h2.example.com'],
        moved: 3,
        crossing: 1,
        remaining: 4,
        second: 4,
      },
    },
    {
      name: 'two hosts sharing a rule move together (no rule crosses)',
      rules: [
        rule(['a.example.com', 'b.example.com']),
        rule(['a.example.com']),
        rule(['b.example.com']),
        rule(['c.example.com']),
        rule(['c.example.com']),
        rule(['d.example.com']),
      ],
      limit: 4,
      expected: {
        by: 'host',
        move: ['a.example.com', 'b.example.com'],
        moved: 3,
        crossing: 0,
        remaining: 3,
        second: 3,
      },
    },
    {
      name: 'host names compare without case',
      rules: [rule(['A.example.com']), rule(['a.example.com']), rule(['b.example.com']), rule(['c.example.com'])],
      limit: 2,
      expected: { by: 'host', move: ['a.example.com'], moved: 2, crossing: 0, remaining: 2, second: 2 },
    },
    {
      name: 'path-only rules split by their first segment; a wildcard path crosses',
      rules: [
        rule([], ['/api/v1/*']),
        rule([], ['/api/v2/*']),
        rule([], ['/static/*']),
        rule([], ['/admin']),
        rule([], ['/*']),
      ],
      limit: 3,
      expected: { by: 'path', move: ['/api'], moved: 2, crossing: 1, remaining: 3, second: 3 },
    },
    {
      name: 'one big group: cut it where the fewest rules cross',
      rules: [
        rule(['a.example.com', 'b.example.com']),
        rule(['b.example.com', 'c.example.com']),
        rule(['c.example.com', 'd.example.com']),
        rule(['d.example.com']),
        rule(['d.example.com']),
        rule(['d.example.com']),
      ],
      limit: 4,
      expected: { by: 'host', move: ['d.example.com'], moved: 3, crossing: 1, remaining: 3, second: 4 },
    },
  ])('GIVEN $name THEN that split', ({ rules, limit, expected }) => {
    expect(suggestSplit(rules, limit)).toEqual(expected);
  });

  test('GIVEN rules that route on neither hosts nor paths THEN no split', () => {
    expect(
      suggestSplit([{ ...rule([]), conditions: [{ field: 'http-request-method', values: ['POST'] }] }], 0),
    ).toBeUndefined();
  });

  test('GIVEN more host-less rules than the limit THEN no split fits', () => {
    expect(suggestSplit([...many(4, () => rule([], ['/*'])), rule(['a.example.com'])], 3)).toBeUndefined();
  });
});
