import fc from 'fast-check';
import { describeConditions, parseConditionFlags, type ConditionFlags } from '../../../src/core/conditions';
import type { Condition } from '../../../src/core/model';
import { conditionProblems, countConditionValues, countWildcards } from '../../../src/core/rules/rule';

const problemsOf = (flags: ConditionFlags): string[] => {
  const r = parseConditionFlags(flags);
  return r.ok ? [] : r.problems.map((p) => p.message);
};
/** The rulebook's messages for these conditions (the codes are checked in rulebook.test.ts). */
const validateConditions = (conditions: readonly Condition[]): string[] =>
  conditionProblems(conditions).map((p) => p.message);

describe('parseConditionFlags', () => {
  it('GIVEN one flag of five kinds WHEN parsed THEN builds one typed condition per kind, in a fixed order', () => {
    const r = parseConditionFlags({
      sourceIp: ['203.0.113.0/24'],
      method: ['get'],
      header: ['X-Env=blue'],
      host: ['api.example.com'],
      path: ['/api/*'],
    });
    expect(r).toEqual({
      ok: true,
      value: [
        { field: 'path-pattern', values: ['/api/*'] },
        { field: 'host-header', values: ['api.example.com'] },
        { field: 'http-header', headerName: 'X-Env', values: ['blue'] },
        { field: 'http-request-method', values: ['GET'] },
        { field: 'source-ip', values: ['203.0.113.0/24'] },
      ],
    });
  });

  it('GIVEN a query and a host flag WHEN parsed THEN the query condition follows the header and host ones', () => {
    expect(parseConditionFlags({ query: ['version=2'], host: ['api.example.com'] })).toEqual({
      ok: true,
      value: [
        { field: 'host-header', values: ['api.example.com'] },
        { field: 'query-string', values: [{ key: 'version', value: '2' }] },
      ],
    });
  });

  it('GIVEN repeated --path and --host WHEN parsed THEN their values are alternatives inside one condition each', () => {
    expect(parseConditionFlags({ path: ['/a', '/b'], host: ['a.example.com', 'b.example.com'] })).toEqual({
      ok: true,
      value: [
        { field: 'path-pattern', values: ['/a', '/b'] },
        { field: 'host-header', values: ['a.example.com', 'b.example.com'] },
      ],
    });
  });

  it('GIVEN headers with two distinct names, one spelled in two cases WHEN parsed THEN one condition per name, values grouped, first spelling kept', () => {
    expect(parseConditionFlags({ header: ['X-Env=blue', 'User-Agent=*Mobile*', 'x-env=green'] })).toEqual({
      ok: true,
      value: [
        { field: 'http-header', headerName: 'X-Env', values: ['blue', 'green'] },
        { field: 'http-header', headerName: 'User-Agent', values: ['*Mobile*'] },
      ],
    });
  });

  it('GIVEN a header value containing "=" WHEN parsed THEN only the first "=" separates the name', () => {
    expect(parseConditionFlags({ header: ['X-Sig=a=b'] })).toEqual({
      ok: true,
      value: [{ field: 'http-header', headerName: 'X-Sig', values: ['a=b'] }],
    });
  });

  it('GIVEN K=V, =V and V query flags WHEN parsed THEN key/value pairs and value-only pairs in one query-string condition', () => {
    expect(parseConditionFlags({ query: ['version=2', '=beta', 'preview', 'sig=a=b'] })).toEqual({
      ok: true,
      value: [
        {
          field: 'query-string',
          values: [
            { key: 'version', value: '2' },
            { value: 'beta' },
            { value: 'preview' },
            { key: 'sig', value: 'a=b' },
          ],
        },
      ],
    });
  });

  it('GIVEN lower-case methods WHEN parsed THEN they are upper-cased', () => {
    expect(parseConditionFlags({ method: ['get', 'Post', 'x_custom'] })).toEqual({
      ok: true,
      value: [{ field: 'http-request-method', values: ['GET', 'POST', 'X_CUSTOM'] }],
    });
  });

  it.each<[string, ConditionFlags, string[]]>([
    [
      'no condition at all',
      {},
      [
        'rule conditions: none given; pass at least one of --path, --host, --header, --query-string, --method, --source-ip, --path-regex, --host-regex or --header-regex',
      ],
    ],
    [
      'empty flag arrays',
      { path: [], host: [] },
      [
        'rule conditions: none given; pass at least one of --path, --host, --header, --query-string, --method, --source-ip, --path-regex, --host-regex or --header-regex',
      ],
    ],
    ['a header without "="', { header: ['X-Env'] }, ['http header "X-Env": write it as NAME=VALUE, e.g. X-Env=blue']],
    [
      'a header without a name',
      { header: ['=blue'] },
      ['http header "=blue": the header name is missing; write NAME=VALUE'],
    ],
    [
      'a header without a value',
      { header: ['X-Env='] },
      ['http header "X-Env" value "": must not be empty; write NAME=VALUE'],
    ],
    [
      'a query key with an empty value',
      { query: ['debug='] },
      ['query string "debug=": the value is missing; AWS matches a value, not a key alone, so write "debug=VALUE"'],
    ],
    [
      'a lone "=" query',
      { query: ['='] },
      ['query string "": the value is missing; write KEY=VALUE, or VALUE to match it under any key'],
    ],
    [
      'comma-separated methods',
      { method: ['get,post'] },
      [
        'http method "GET,POST": only the letters A-Z, "_" and "-" are allowed; write a method such as GET or POST; to match several methods, give each one separately',
      ],
    ],
    [
      'a method with a digit',
      { method: ['G3T'] },
      ['http method "G3T": only the letters A-Z, "_" and "-" are allowed; write a method such as GET or POST'],
    ],
    [
      'a source IP without a prefix',
      { sourceIp: ['10.0.0.1'] },
      ['source IP "10.0.0.1": must be a CIDR block with a prefix length; write 10.0.0.1/32'],
    ],
    [
      'comma-separated paths',
      { path: ['/a,/b'] },
      [
        'path pattern "/a,/b": "," is not allowed; use letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * ?; to match several paths, give each pattern separately',
      ],
    ],
  ])('GIVEN %s WHEN parsed THEN reports exactly %j', (_label, flags, expected) => {
    expect(problemsOf(flags)).toEqual(expected);
  });

  it('GIVEN several bad flags WHEN parsed THEN every problem is reported, not just the first', () => {
    expect(problemsOf({ header: ['Bad'], path: ['no spaces'], method: ['g3t'], sourceIp: ['nope'] })).toEqual([
      'http header "Bad": write it as NAME=VALUE, e.g. X-Env=blue',
      'path pattern "no spaces": " " is not allowed; use letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * ?',
      'http method "G3T": only the letters A-Z, "_" and "-" are allowed; write a method such as GET or POST',
      'source IP "nope": must be a CIDR block with a prefix length; write e.g. 10.0.0.0/16',
    ]);
  });

  it('GIVEN six values across flags WHEN parsed THEN the total limit is reported', () => {
    expect(problemsOf({ path: ['/a', '/b', '/c'], host: ['a.example.com', 'b.example.com'], method: ['GET'] })).toEqual(
      ['rule conditions: 6 values in total, the limit is 5 per rule; split the rule in two'],
    );
  });
});

describe('validateConditions', () => {
  const long = (n: number, c = 'a') => c.repeat(n);

  it.each<[string, Condition[]]>([
    ['a simple path', [{ field: 'path-pattern', values: ['/api/*'] }]],
    ['every path character', [{ field: 'path-pattern', values: ['/aZ09_-.$/~"\'@:+&*?'] }]],
    ['a 128-character path', [{ field: 'path-pattern', values: [`/${long(127)}`] }]],
    ['a wildcard host', [{ field: 'host-header', values: ['*.example.com', 'api-?.example.com'] }]],
    ['a 128-character host', [{ field: 'host-header', values: [long(128)] }]],
    ['a 40-character header name', [{ field: 'http-header', headerName: long(40, 'X'), values: ['v'] }]],
    ['token characters in a header name', [{ field: 'http-header', headerName: "X-!#$%&'+.^_`|~9", values: ['v'] }]],
    ['a 128-character header value', [{ field: 'http-header', headerName: 'X-A', values: [long(128)] }]],
    [
      'repeated header conditions',
      [
        { field: 'http-header', headerName: 'X-A', values: ['1'] },
        { field: 'http-header', headerName: 'X-B', values: ['2'] },
      ],
    ],
    [
      'repeated query conditions',
      [
        { field: 'query-string', values: [{ key: 'a', value: '1' }] },
        { field: 'query-string', values: [{ value: '2' }] },
      ],
    ],
    ['a 40-character custom method', [{ field: 'http-request-method', values: [long(40, 'A'), 'MY_VERB-X'] }]],
    ['IPv4 and IPv6 source CIDRs', [{ field: 'source-ip', values: ['203.0.113.0/24', '2001:db8::/32'] }]],
    [
      'exactly five values and five wildcards',
      [
        { field: 'path-pattern', values: ['/a*', '/b*'] },
        { field: 'host-header', values: ['*.example.com'] },
        { field: 'query-string', values: [{ key: 'k*', value: 'v?' }] },
        { field: 'http-request-method', values: ['GET'] },
      ],
    ],
    [
      'escaped query wildcards beyond five',
      [
        { field: 'path-pattern', values: ['/*/*/*/*/*'] },
        { field: 'query-string', values: [{ value: 'lit\\*eral\\?' }] },
      ],
    ],
  ])('GIVEN %s WHEN validated THEN there is no problem', (_label, conditions) => {
    expect(validateConditions(conditions)).toEqual([]);
  });

  it.each<[string, Condition[], string[]]>([
    [
      'no condition',
      [],
      [
        'rule conditions: none given; a rule needs at least one condition (path, host, header, query, method or source IP)',
      ],
    ],
    [
      'an empty path',
      [{ field: 'path-pattern', values: [''] }],
      ['path pattern "": must not be empty; write a path such as /api/*'],
    ],
    [
      'a 129-character path',
      [{ field: 'path-pattern', values: [`/${long(128)}`] }],
      [`path pattern "/${long(59)}…": is 129 characters, the limit is 128`],
    ],
    [
      'a path with a space, "#" and "%"',
      [{ field: 'path-pattern', values: ['/a b#c%'] }],
      [
        'path pattern "/a b#c%": " ", "#" and "%" are not allowed; use letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * ?',
      ],
    ],
    [
      'a path with a query string',
      [{ field: 'path-pattern', values: ['/search?q=1'] }],
      [
        'path pattern "/search?q=1": "=" is not allowed; use letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * ?; a path pattern never sees the query string, match it with a query-string condition',
      ],
    ],
    [
      'an empty host',
      [{ field: 'host-header', values: [''] }],
      ['host header "": must not be empty; write a host name such as api.example.com'],
    ],
    [
      'a 129-character host',
      [{ field: 'host-header', values: [long(129)] }],
      [`host header "${long(60)}…": is 129 characters, the limit is 128`],
    ],
    [
      'a host with an underscore',
      [{ field: 'host-header', values: ['my_app.example.com'] }],
      [
        'host header "my_app.example.com": "_" is not allowed; use letters, digits, hyphens, dots and the wildcards * ?',
      ],
    ],
    [
      'a host written as a URL',
      [{ field: 'host-header', values: ['https://api.example.com:8443'] }],
      [
        'host header "https://api.example.com:8443": ":" and "/" are not allowed; use letters, digits, hyphens, dots and the wildcards * ?; write the host name alone, without scheme, port or path',
      ],
    ],
    [
      'comma-separated hosts',
      [{ field: 'host-header', values: ['a.example.com,b.example.com'] }],
      [
        'host header "a.example.com,b.example.com": "," is not allowed; use letters, digits, hyphens, dots and the wildcards * ?; to match several hosts, give each one separately',
      ],
    ],
    [
      'an empty method',
      [{ field: 'http-request-method', values: [''] }],
      ['http method "": must not be empty; write a method such as GET'],
    ],
    [
      'a lower-case method (both faces write methods in upper case before this check)',
      [{ field: 'http-request-method', values: ['get'] }],
      ['http method "get": only the letters A-Z, "_" and "-" are allowed; write a method such as GET or POST'],
    ],
    [
      'a 41-character method',
      [{ field: 'http-request-method', values: [long(41, 'A')] }],
      [`http method "${long(41, 'A')}": is 41 characters, the limit is 40`],
    ],
    [
      'an empty source IP',
      [{ field: 'source-ip', values: [''] }],
      ['source IP "": must not be empty; write a CIDR block such as 203.0.113.0/24'],
    ],
    [
      'an IPv4 prefix over 32',
      [{ field: 'source-ip', values: ['10.0.0.0/33'] }],
      ['source IP "10.0.0.0/33": the prefix length must be 0-32 for IPv4'],
    ],
    [
      'a 41-character header name',
      [{ field: 'http-header', headerName: long(41, 'X'), values: ['v'] }],
      [`http header name "${long(41, 'X')}": is 41 characters, the limit is 40`],
    ],
    [
      'a header name with a space and a wildcard',
      [{ field: 'http-header', headerName: 'X Env*', values: ['v'] }],
      [
        'http header name "X Env*": " " and "*" are not allowed; use letters, digits and ! # $ % & \' + - . ^ _ ` | ~ (no wildcards)',
      ],
    ],
    [
      'the host header as an http-header condition',
      [{ field: 'http-header', headerName: 'Host', values: ['api.example.com'] }],
      ['http header name "Host": the host header has its own condition; use a host-header condition instead'],
    ],
    [
      'an empty header name',
      [{ field: 'http-header', headerName: '', values: ['v'] }],
      ['http header name "": must not be empty; write a header name such as X-Env'],
    ],
    [
      'a 129-character header value',
      [{ field: 'http-header', headerName: 'X-A', values: [long(129)] }],
      [`http header "X-A" value "${long(60)}…": is 129 characters, the limit is 128`],
    ],
    [
      'an empty query key',
      [{ field: 'query-string', values: [{ key: '', value: 'v' }] }],
      ['query string "=v": the key must not be empty; leave the key out to match the value under any key'],
    ],
    [
      'a 129-character query key and value',
      [{ field: 'query-string', values: [{ key: long(129, 'k'), value: long(129, 'v') }] }],
      [
        `query string key "${long(60, 'k')}…": is 129 characters, the limit is 128`,
        `query string value "${long(60, 'v')}…": is 129 characters, the limit is 128`,
      ],
    ],
    [
      'a condition with no values',
      [{ field: 'path-pattern', values: [] }],
      ['path pattern condition: has no values; give at least one'],
    ],
    [
      'a header condition with no values',
      [{ field: 'http-header', headerName: 'X-A', values: [] }],
      ['http header "X-A" condition: has no values; give at least one'],
    ],
    [
      'two path-pattern conditions',
      [
        { field: 'path-pattern', values: ['/a'] },
        { field: 'path-pattern', values: ['/b'] },
      ],
      [
        'rule conditions: 2 path-pattern conditions, the limit is 1 per rule; put every path pattern value in one condition',
      ],
    ],
    [
      'two of each single field',
      [
        { field: 'host-header', values: ['a.example.com'] },
        { field: 'host-header', values: ['b.example.com'] },
        { field: 'http-request-method', values: ['GET'] },
        { field: 'http-request-method', values: ['PUT'] },
        { field: 'source-ip', values: ['10.0.0.0/8'] },
      ],
      [
        'rule conditions: 2 host-header conditions, the limit is 1 per rule; put every host header value in one condition',
        'rule conditions: 2 http-request-method conditions, the limit is 1 per rule; put every http method value in one condition',
      ],
    ],
    [
      'a value listed twice (host case-insensitively)',
      [
        { field: 'host-header', values: ['API.example.com', 'api.example.com'] },
        { field: 'path-pattern', values: ['/a', '/A'] },
      ],
      ['host header "api.example.com": listed twice; list each value once'],
    ],
    [
      'six values in total',
      [
        { field: 'path-pattern', values: ['/a', '/b'] },
        { field: 'http-header', headerName: 'X-A', values: ['1', '2'] },
        { field: 'query-string', values: [{ key: 'k', value: 'v' }, { value: 'w' }] },
      ],
      ['rule conditions: 6 values in total, the limit is 5 per rule; split the rule in two'],
    ],
    [
      'six wildcards in total',
      [
        { field: 'path-pattern', values: ['/*/*/*'] },
        { field: 'host-header', values: ['*.example.?'] },
        { field: 'http-header', headerName: 'User-Agent', values: ['*'] },
      ],
      [
        'rule conditions: 6 wildcards (* or ?) in total, the limit is 5 per rule; use fewer wildcards or split the rule in two',
      ],
    ],
  ])('GIVEN %s WHEN validated THEN reports exactly %j', (_label, conditions, expected) => {
    expect(validateConditions(conditions)).toEqual(expected);
  });
});

describe('counting and describing', () => {
  const conditions: Condition[] = [
    { field: 'path-pattern', values: ['/api/*', '/v2/*'] },
    { field: 'host-header', values: ['api.example.com'] },
    { field: 'http-header', headerName: 'X-Env', values: ['blue', 'green'] },
    { field: 'query-string', values: [{ key: 'version', value: '2' }, { value: 'beta\\*' }] },
    { field: 'http-request-method', values: ['GET', 'HEAD'] },
    { field: 'source-ip', values: ['10.0.0.0/8'] },
  ];

  it('GIVEN conditions of every kind WHEN counted THEN each value and each query pair counts once; escaped query wildcards do not', () => {
    expect(countConditionValues(conditions)).toBe(10);
    expect(countWildcards(conditions)).toBe(2);
  });

  it('GIVEN conditions of every kind WHEN described THEN one line, kinds separated by a middle dot', () => {
    expect(describeConditions(conditions)).toBe(
      'path /api/*, /v2/* · host api.example.com · header X-Env: blue, green · query version=2, beta\\* · method GET, HEAD · source-ip 10.0.0.0/8',
    );
  });

  it('GIVEN no conditions (the default rule) WHEN described THEN a dash', () => {
    expect(describeConditions([])).toBe('-');
  });
});

describe('condition properties', () => {
  const pathChar = fc.constantFrom(...'abcXYZ019_-.$/~"\'@:+&'.split(''));
  const hostChar = fc.constantFrom(...'abcXYZ019-.'.split(''));
  const methodChar = fc.constantFrom(...'ABCXYZ_-'.split(''));
  const word = (chars: fc.Arbitrary<string>, max: number) => fc.string({ unit: chars, minLength: 1, maxLength: max });

  /** One valid single-value condition of any kind, without wildcards. */
  const validCondition: fc.Arbitrary<Condition> = fc.oneof(
    word(pathChar, 127).map((v): Condition => ({ field: 'path-pattern', values: [`/${v}`.slice(0, 128)] })),
    word(hostChar, 128).map((v): Condition => ({ field: 'host-header', values: [v] })),
    word(methodChar, 40).map((v): Condition => ({ field: 'http-request-method', values: [v] })),
    fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 }))
      .map(([a, p]): Condition => ({ field: 'source-ip', values: [`10.${a}.0.0/${p}`] })),
    fc
      .tuple(
        word(fc.constantFrom(...'XYZabc-_'.split('')), 40),
        fc.string({ minLength: 1, maxLength: 128 }).filter((s) => !/[*?]/.test(s)),
      )
      .map(
        ([name, value]): Condition => ({ field: 'http-header', headerName: `X${name}`.slice(0, 40), values: [value] }),
      ),
    fc.tuple(fc.option(word(hostChar, 128), { nil: undefined }), word(hostChar, 128)).map(
      ([key, value]): Condition => ({
        field: 'query-string',
        values: [key === undefined ? { value } : { key, value }],
      }),
    ),
  );

  /** 1-5 valid conditions a rule may hold together: single fields at most once, distinct header names. */
  const validRule = fc.uniqueArray(validCondition, {
    minLength: 1,
    maxLength: 5,
    selector: (c) =>
      c.field === 'http-header'
        ? `h:${c.headerName.toLowerCase()}`
        : c.field === 'query-string'
          ? `q:${JSON.stringify(c.values)}`
          : c.field,
  });

  it('GIVEN any valid rule of up to five values WHEN validated THEN it passes', () => {
    fc.assert(
      fc.property(validRule, (conditions) => {
        expect(validateConditions(conditions)).toEqual([]);
      }),
    );
  });

  it('GIVEN a valid rule of exactly five values WHEN a sixth value is added THEN the total limit is always reported', () => {
    const fiveValues = fc
      .uniqueArray(word(pathChar, 60), { minLength: 5, maxLength: 5 })
      .map((vs) => vs.map((v) => `/${v}`));
    fc.assert(
      fc.property(
        fiveValues,
        fc.constantFrom<Condition>(
          { field: 'host-header', values: ['api.example.com'] },
          { field: 'http-request-method', values: ['GET'] },
          { field: 'source-ip', values: ['10.0.0.0/8'] },
          { field: 'http-header', headerName: 'X-Env', values: ['blue'] },
          { field: 'query-string', values: [{ key: 'a', value: 'b' }] },
        ),
        (paths, sixth) => {
          const five: Condition[] = [{ field: 'path-pattern', values: paths }];
          expect(validateConditions(five)).toEqual([]);
          expect(validateConditions([...five, sixth])).toContain(
            'rule conditions: 6 values in total, the limit is 5 per rule; split the rule in two',
          );
        },
      ),
    );
  });

  it('GIVEN arbitrary flag strings WHEN parsed THEN it never throws and either succeeds or names problems', () => {
    const strings = fc.option(fc.array(fc.string({ maxLength: 200 }), { maxLength: 7 }), { nil: undefined });
    fc.assert(
      fc.property(
        strings,
        strings,
        strings,
        strings,
        strings,
        strings,
        (path, host, header, query, method, sourceIp) => {
          const r = parseConditionFlags({ path, host, header, query, method, sourceIp });
          if (r.ok) {
            expect(r.value.length).toBeGreaterThan(0);
            expect(validateConditions(r.value)).toEqual([]);
          } else {
            expect(r.problems.length).toBeGreaterThan(0);
            for (const p of r.problems)
              expect(p.message).toMatch(
                /^(rule conditions|path pattern|host header|http header|http method|query string|source IP)[ :]/,
              );
          }
        },
      ),
    );
  });

  it('GIVEN arbitrary condition shapes WHEN validated THEN it never throws and returns only messages', () => {
    const anyString = fc.string({ maxLength: 150 });
    const anyCondition: fc.Arbitrary<Condition> = fc.oneof(
      fc.array(anyString, { maxLength: 4 }).map((values): Condition => ({ field: 'path-pattern', values })),
      fc.array(anyString, { maxLength: 4 }).map((values): Condition => ({ field: 'host-header', values })),
      fc.array(anyString, { maxLength: 4 }).map((values): Condition => ({ field: 'http-request-method', values })),
      fc.array(anyString, { maxLength: 4 }).map((values): Condition => ({ field: 'source-ip', values })),
      fc
        .tuple(anyString, fc.array(anyString, { maxLength: 4 }))
        .map(([headerName, values]): Condition => ({ field: 'http-header', headerName, values })),
      fc
        .array(fc.record({ key: fc.option(anyString, { nil: undefined }), value: anyString }), { maxLength: 4 })
        .map((values): Condition => ({ field: 'query-string', values })),
    );
    fc.assert(
      fc.property(fc.array(anyCondition, { maxLength: 6 }), (conditions) => {
        const problems = validateConditions(conditions);
        for (const p of problems) expect(typeof p).toBe('string');
        if (countConditionValues(conditions) > 5)
          expect(problems.some((p) => p.includes('values in total'))).toBe(true);
      }),
    );
  });
});
