/**
 * The quick YAML reader (src/core/stack/plain-yaml.ts) must give exactly the value the yaml
 * package gives, or give up: it never accepts text the yaml package refuses, and never reads a
 * value differently. Checked on every shipped example and the 60-rule scale stack (which it must
 * read, not give up on), on a table of constructs, on random values written by the yaml package
 * in several styles, and on random edits of real stack files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseDocument, stringify, type ToStringOptions } from 'yaml';
import { readPlainYaml } from '../../../src/core/stack/plain-yaml';
import { PACING_SCALE, scaleSpec, scaleStackText } from '../../support/scale-stack';

/** What the stack loader gets from the yaml package: the value, or undefined when the text has errors. */
function yamlValue(text: string): { errors: boolean; value?: unknown } {
  // logLevel error: yaml's warnings (a collection used as a key, made by the random edits) are not test output
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) return { errors: true };
  try {
    return { errors: false, value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch {
    return { errors: true };
  }
}

/** The reader's contract on one text: given up, or exactly yaml's value (never a value for an error). */
function agrees(text: string): boolean {
  const quick = readPlainYaml(text);
  if (quick === undefined) return true;
  const y = yamlValue(text);
  return !y.errors && isDeepStrictEqual(quick, y.value);
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const NET = {
  region: 'us-east-1',
  vpcId: `vpc-${hex(1, 17)}`,
  subnets: [1, 2, 3].map((i) => `subnet-${hex(i, 17)}`),
  securityGroupId: `sg-${hex(1, 17)}`,
  instances: Array.from({ length: 40 }, (_, i) => `i-${hex(i + 1, 17)}`),
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab',
};
const EXAMPLES = join(__dirname, '../../../examples');
const REAL_FILES: Array<[string, string]> = [
  ['the 60-rule scale stack', scaleStackText(scaleSpec(NET), NET)],
  ['the 160-rule pacing stack', scaleStackText(scaleSpec(NET, { shape: PACING_SCALE }), NET)],
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f): [string, string] => [`examples/${f}`, readFileSync(join(EXAMPLES, f), 'utf8')]),
];

describe('quick YAML reader: real stack files', () => {
  it.each(REAL_FILES)('GIVEN %s WHEN read quickly THEN it is read, to exactly the yaml package value', (_, text) => {
    const quick = readPlainYaml(text);
    expect(quick).not.toBeUndefined();
    expect(quick).toStrictEqual(yamlValue(text).value);
  });
});

describe('quick YAML reader: constructs it reads', () => {
  it.each([
    ['a: 1\nb: -7\nc: +3\nd: 007\ne: 0o17\nf: 0x1F\n', { a: 1, b: -7, c: 3, d: 7, e: 15, f: 31 }],
    ['a: 1.5\nb: .5\nc: 1e3\nd: -2.5E-2\ne: 3.\n', { a: 1.5, b: 0.5, c: 1000, d: -0.025, e: 3 }],
    ['a: .inf\nb: -.Inf\nc: .NaN\nd: -0\n', { a: Infinity, b: -Infinity, c: Number.NaN, d: -0 }],
    ['a: ~\nb: null\nc: NULL\nd:\ne: true\nf: False\n', { a: null, b: null, c: null, d: null, e: true, f: false }],
    [
      'a: yes\nb: no\nc: on\nd: 1.2.3\ne: 10.0.0.0/16\nf: 2024-01-01\n',
      { a: 'yes', b: 'no', c: 'on', d: '1.2.3', e: '10.0.0.0/16', f: '2024-01-01' },
    ],
    [
      'a: /api/*\nb: "*.example.com"\nc: arn:aws:acm:x\nd: ::1\ne: -x\nf: a#b\n',
      { a: '/api/*', b: '*.example.com', c: 'arn:aws:acm:x', d: '::1', e: '-x', f: 'a#b' },
    ],
    ["a: \"x\\\"y\\\\z\\n\\t\\/\"\nb: 'it''s'\nc: \"\"\nd: ''\n", { a: 'x"y\\z\n\t/', b: "it's", c: '', d: '' }],
    ['a: b c   # a comment\n# another\n  # indented\nd: "e" # f\n', { a: 'b c', d: 'e' }],
    ['list:\n- a\n- b\nnext: 1\n', { list: ['a', 'b'], next: 1 }],
    ['list:\n  - a\n  -\n  - - b\n    - c\n', { list: ['a', null, ['b', 'c']] }],
    [
      '- name: x\n  port: 80\n  rules:\n  - 1\n  tail: t\n-   name: y\n    deep:\n      k: v\n',
      [
        { name: 'x', port: 80, rules: [1], tail: 't' },
        { name: 'y', deep: { k: 'v' } },
      ],
    ],
    [
      'a: { b: { c: [1, "two", \'three\', [], {}] }, d: x y }\n',
      { a: { b: { c: [1, 'two', 'three', [], {}] }, d: 'x y' } },
    ],
    ['a: [arn:aws:x, /p/*, { k: v, w: 90 }]  # c\n', { a: ['arn:aws:x', '/p/*', { k: 'v', w: 90 }] }],
    ['  indented: root\n  b: 2\n', { indented: 'root', b: 2 }],
    ['a.b_c-d/e: 1\nidle_timeout.timeout_seconds: 120\n', { 'a.b_c-d/e': 1, 'idle_timeout.timeout_seconds': 120 }],
  ])('GIVEN %j WHEN read quickly THEN it gives %p, as the yaml package does', (text, expected) => {
    expect(readPlainYaml(text)).toStrictEqual(expected);
    expect(yamlValue(text)).toStrictEqual({ errors: false, value: expected });
  });
});

describe('quick YAML reader: constructs it leaves to the yaml package', () => {
  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a merge key', 'a: { k: 1 }\n<<: { k: 2 }\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a literal block scalar', 'a: |\n  line\n'],
    ['a folded block scalar', 'a: >\n  line\n'],
    ['a plain scalar on two lines', 'a: one\n  two\n'],
    ['a quoted scalar on two lines', 'a: "one\n  two"\n'],
    ['a flow collection on two lines', 'a: [1,\n  2]\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a document marker', '---\na: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate key in a flow mapping', 'a: { b: 1, b: 2 }\n'],
    ['a quoted key', '"a": 1\n'],
    ['a key that is a number', '80: http\n'],
    ['a key that is null', 'null: x\n'],
    ['a key that is a boolean', 'true: x\n'],
    ['the key __proto__', '__proto__: x\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a key with no space after its colon', 'a:1\n'],
    ['a nested mapping on one line', 'a: b: c\n'],
    ['a trailing comma in a flow sequence', 'a: [1, 2,]\n'],
    ['an empty flow entry', 'a: [1, , 2]\n'],
    ['a flow mapping entry without value', 'a: { b }\n'],
    ['a flow pair in a sequence', 'a: [b: c]\n'],
    ['text after a quoted scalar', 'a: "b" c\n'],
    ['an escape it does not know', 'a: "\\u0041"\n'],
    ['a sequence where a key should be', 'a: 1\n- b\n'],
    ['a deeper line after a value', 'a: 1\n    b: 2\n'],
    ['a line less indented than its mapping but deeper than the parent', 'a:\n    b: 1\n  c: 2\n'],
    ['a top-level scalar', 'just text\n'],
    ['an empty file', ''],
    ['only comments', '# nothing\n'],
    ['a key too long for an implicit key', `${'k'.repeat(1100)}: 1\n`],
  ])('GIVEN %s WHEN read quickly THEN it gives up', (_, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });
});

/** JSON-like values of the kinds stack files hold, with keys the reader accepts and some it refuses. */
const scalar = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z/*][a-z0-9 .:/*-]{0,10}[a-z0-9]$/), weight: 4 },
  {
    arbitrary: fc.constantFrom(null, true, false, 0, -0, 1, -1, 80, 1.5, 1e21, Number.NaN, Infinity, -Infinity),
    weight: 2,
  },
  { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 2 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      'null',
      '~',
      'true',
      'yes',
      '0x1F',
      '0o7',
      '1e3',
      '.5',
      '-',
      '- a',
      ':',
      'a: b',
      '#',
      'a #b',
      '*',
      '&a',
      '!x',
      '"',
      "'",
      '[',
      '{',
      ',',
      'a,b',
      '@',
      '`',
      '%',
      '|',
      '>',
      '?',
    ),
    weight: 1,
  },
);
const key = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_./-]{0,8}$/), weight: 12 },
  { arbitrary: fc.constantFrom('null', 'true', '80', 'a b', '-a', 'a:b', '__proto__'), weight: 1 },
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('object')),
  list: fc.array(tie('tree'), { maxLength: 3 }),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 3 }),
}));

describe('quick YAML reader: properties', () => {
  it('GIVEN random values written by the yaml package in several styles WHEN read quickly THEN each is given up or read exactly as yaml reads it, and many plain ones are read', () => {
    let read = 0;
    let total = 0;
    fc.assert(
      fc.property(
        fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }),
        fc.record({
          indent: fc.constantFrom(2, 4),
          indentSeq: fc.boolean(),
          collectionStyle: fc.constantFrom('any', 'block', 'flow'),
          flowCollectionPadding: fc.boolean(),
          defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
        }),
        (value, style) => {
          const text = stringify(value, style as ToStringOptions);
          if (style.defaultStringType === 'PLAIN' && style.collectionStyle !== 'flow') {
            total++;
            if (readPlainYaml(text) !== undefined) read++;
          }
          return agrees(text);
        },
      ),
      { numRuns: 1000 },
    );
    // it reads plain block-style files (keys and strings quoted only where they must be): without
    // this, a reader that always gives up would pass
    expect(read / total).toBeGreaterThan(0.3);
  });

  it('GIVEN random edits of real stack files WHEN read quickly THEN each is given up or read exactly as yaml reads it, never read when yaml reports an error', () => {
    // the 160-rule stack adds nothing the 60-rule one lacks, and costs the yaml package more time
    const texts = REAL_FILES.filter(([name]) => !name.includes('160')).map(([, text]) => text);
    const alphabet = [
      ' ',
      '  ',
      '\n',
      '-',
      '- ',
      ':',
      ': ',
      '#',
      ' #',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      'a',
      '1',
      '&',
      '*',
      '!',
      '|',
      '>',
      '?',
      '.',
      '~',
      '\\',
    ];
    let read = 0;
    let refusedByYaml = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...texts.map((_, i) => i)),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...alphabet)), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          let text = texts[which] as string;
          for (const [at, remove, insert] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + remove);
          }
          const quick = readPlainYaml(text);
          const y = yamlValue(text);
          if (y.errors) refusedByYaml++;
          if (quick === undefined) return true;
          read++;
          return !y.errors && isDeepStrictEqual(quick, y.value);
        },
      ),
      { numRuns: 250 },
    );
    // both kinds of text occur: edits the yaml package refuses, and edits the reader still reads
    expect(refusedByYaml).toBeGreaterThan(5);
    expect(read).toBeGreaterThan(40);
  });
});
