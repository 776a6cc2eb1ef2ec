/**
 * The stack schema without zod (src/core/stack/schema-quick.ts with the generated
 * schema-program.ts) must decide exactly as zod's safeParse does, and return exactly what zod
 * returns (the same keys in the same order), on every real stack file and on random edits of
 * them; and the generated program must be the one the zod schema gives today.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { parse } from 'yaml';
import { canonicalizeEnums } from '../../../src/core/stack/canonical';
import { stackFileSchema } from '../../../src/core/stack/schema';
import { STACK_FILE_PROGRAM } from '../../../src/core/stack/schema-program';
import { quickStackFile } from '../../../src/core/stack/schema-quick';
import { PACING_SCALE, scaleSpec, scaleStackText } from '../../support/scale-stack';
import { programSource, schemaProgram } from '../../support/schema-program';

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
const REAL: Array<[string, unknown]> = [
  ['the 60-rule scale stack', parse(scaleStackText(scaleSpec(NET), NET))],
  ['the 160-rule pacing stack', parse(scaleStackText(scaleSpec(NET, { shape: PACING_SCALE }), NET))],
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f): [string, unknown] => [`examples/${f}`, parse(readFileSync(join(EXAMPLES, f), 'utf8'))]),
];

/** Both answers for one value: zod's, and the quick reader's. */
function both(value: unknown) {
  const input = canonicalizeEnums(value);
  const zod = stackFileSchema.safeParse(input);
  return { zod: zod.success ? zod.data : undefined, quick: quickStackFile(input) };
}

/** The same decision, and when valid the same value with its keys in the same order. */
function same(value: unknown): boolean {
  const { zod, quick } = both(value);
  return isDeepStrictEqual(quick, zod) && JSON.stringify(quick) === JSON.stringify(zod);
}

describe('quick stack schema: the generated program', () => {
  it('GIVEN the zod stack schema WHEN turned into a program THEN it is exactly src/core/stack/schema-program.ts (run `node scripts/schema-program.js` after changing schema.ts)', () => {
    expect(STACK_FILE_PROGRAM).toEqual(schemaProgram(stackFileSchema));
  });

  it('GIVEN the program WHEN written as TypeScript by the generator and run THEN it gives back the same program, regular expressions included', () => {
    const program = schemaProgram(stackFileSchema);
    const { code } = transformSync(programSource(program), { loader: 'ts', format: 'cjs' });
    const module: { exports: { STACK_FILE_PROGRAM?: unknown } } = { exports: {} };
    new Function('module', 'exports', code)(module, module.exports);
    expect(module.exports.STACK_FILE_PROGRAM).toEqual(program);
    expect(JSON.stringify(module.exports.STACK_FILE_PROGRAM)).toContain('"t":"object"');
  });
});

describe('quick stack schema: real stack files', () => {
  it.each(REAL)('GIVEN %s WHEN checked without zod THEN it passes, with exactly the value zod returns', (_, value) => {
    const { zod, quick } = both(value);
    expect(zod).not.toBeUndefined();
    expect(quick).toStrictEqual(zod);
    expect(JSON.stringify(quick)).toBe(JSON.stringify(zod));
  });

  it('GIVEN a valid file whose keys are written in another order WHEN checked without zod THEN the keys come back in the schema order, as zod returns them', () => {
    const value = {
      targetGroups: [{ vpc: NET.vpcId, port: 80, protocol: 'HTTP', name: 'web' }],
      stack: 's',
      version: 1,
    };
    const { zod, quick } = both(value);
    expect(Object.keys(quick as object)).toEqual(['version', 'stack', 'targetGroups']);
    expect(JSON.stringify(quick)).toBe(JSON.stringify(zod));
  });
});

/** Paths to every value in a tree, with the value. */
function paths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const here = [at];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (typeof v === 'object' && v !== null)
    return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return here;
}

type Edit =
  | { kind: 'set'; to: unknown }
  | { kind: 'delete' }
  | { kind: 'add'; key: string; to: unknown }
  | { kind: 'empty' };

function edited(root: unknown, at: Array<string | number>, edit: Edit): unknown {
  const copy = structuredClone(root);
  if (at.length === 0) return edit.kind === 'set' ? edit.to : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const seg of at.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = at[at.length - 1] as string | number;
  const target = parent[last];
  if (edit.kind === 'set') parent[last] = edit.to;
  else if (edit.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (edit.kind === 'add' && typeof target === 'object' && target !== null && !Array.isArray(target))
    (target as Record<string, unknown>)[edit.key] = edit.to;
  else if (edit.kind === 'empty') parent[last] = Array.isArray(target) ? [] : typeof target === 'string' ? '' : {};
  return copy;
}

const replacement = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    1,
    -1,
    0.5,
    80,
    443,
    65535,
    65536,
    1000,
    50001,
    2 ** 53,
    Number.NaN,
    Infinity,
  ),
  fc.constantFrom(
    '',
    ' ',
    'web',
    'HTTP',
    'https',
    'TCP',
    'forward',
    'internal-x',
    'a'.repeat(33),
    'x_y',
    '-a',
    'é',
    '😀',
    'us-east-1',
    'vpc-1',
    'inherit',
    '#{protocol}',
    '/*',
    '10.0.0.0/8',
  ),
  fc.integer({ min: -5, max: 70000 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant([{}]),
);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), to: replacement }),
  fc.constant({ kind: 'delete' as const }),
  fc.constant({ kind: 'empty' as const }),
  fc.record({
    kind: fc.constant('add' as const),
    key: fc.constantFrom('extra', 'name', 'port', 'weight', 'tags', 'constructor', 'toString'),
    to: replacement,
  }),
);

describe('quick stack schema: properties', () => {
  it('GIVEN random edits of real stack files WHEN checked without zod THEN every decision and every returned value is zod’s', () => {
    const roots = REAL.filter(([name]) => !name.includes('160')).map(([, v]) => v);
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: roots.length - 1 }),
        fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          let value = roots[which];
          for (const [pick, e] of edits) {
            const all = paths(value);
            value = edited(value, all[pick % all.length] as Array<string | number>, e);
          }
          if (both(value).zod === undefined) invalid++;
          else valid++;
          return same(value);
        },
      ),
      { numRuns: 400 },
    );
    // both answers occur often: a reader that always says "not valid" (or always "valid") fails
    expect(valid).toBeGreaterThan(60);
    expect(invalid).toBeGreaterThan(60);
  });
});
