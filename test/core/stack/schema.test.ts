import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { stackJsonSchema, stackJsonSchemaText } from '../../../src/core/stack/json-schema';
import { loadStack } from '../../../src/core/stack/load';
import { validateStack } from '../../../src/core/stack/validate';
import {
  loadBalancerNameProblem as loadBalancerName,
  stackNameProblem as stackName,
  targetGroupNameProblem as targetGroupName,
} from '../../../src/core/rules/names';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA_FILE = join(ROOT, 'docs', 'stack.schema.json');
const EXAMPLES = join(ROOT, 'examples');
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

describe('docs/stack.schema.json', () => {
  // Regenerate after changing src/core/stack/schema.ts:
  //   UPDATE_STACK_SCHEMA=1 npx jest test/core/stack/schema.test.ts
  if (process.env.UPDATE_STACK_SCHEMA === '1') writeFileSync(SCHEMA_FILE, stackJsonSchemaText());

  it('GIVEN the committed schema WHEN compared with the one generated from the zod schema THEN they are identical', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(stackJsonSchemaText());
  });

  it('GIVEN the generated schema WHEN read THEN it is a strict draft 2020-12 schema of a stack file', () => {
    const s = stackJsonSchema() as {
      $schema: string;
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.required).toEqual(['version', 'stack']);
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties)).toEqual([
      'version',
      'stack',
      'region',
      'loadBalancers',
      'targetGroups',
      'trustStores',
    ]);
  });

  it.each([
    ['load balancer', ['loadBalancers', 'items', 'properties', 'name'], loadBalancerName],
    ['target group', ['targetGroups', 'items', 'properties', 'name'], targetGroupName],
    ['stack', ['stack'], stackName],
  ] as const)(
    'GIVEN any string WHEN checked as a %s name THEN the schema pattern and the validator agree',
    (_what, at, validator) => {
      let node: unknown = (stackJsonSchema() as { properties: unknown }).properties;
      for (const key of at) node = (node as Record<string, unknown>)[key];
      const pattern = new RegExp((node as { pattern: string }).pattern);
      const nameLike = fc.stringMatching(/^[A-Za-z0-9_ -]{0,34}$/);
      fc.assert(
        fc.property(fc.oneof(nameLike, fc.constant('internal-web'), fc.constant('Internal-x')), (value) => {
          expect(pattern.test(value)).toBe(validator(value) === undefined);
        }),
        { numRuns: 500 },
      );
    },
  );
});

describe('examples/*.yaml', () => {
  it('GIVEN the examples folder WHEN listed THEN holds the three documented examples', () => {
    expect(exampleFiles).toEqual(
      expect.arrayContaining(['alb-path-routing.yaml', 'blue-green.yaml', 'nlb-tcp-tls.yaml', 'gateway.yaml']),
    );
  });

  it.each(exampleFiles)('GIVEN %s WHEN loaded THEN it is valid, with no warning', (file) => {
    const r = loadStack(readFileSync(join(EXAMPLES, file), 'utf8'), file);
    expect(r.ok ? [] : r.problems).toEqual([]);
    expect(r.ok && r.warnings).toEqual([]);
  });
});

describe('the loader never throws', () => {
  const example = parse(readFileSync(join(EXAMPLES, 'alb-path-routing.yaml'), 'utf8')) as unknown;

  type Path = Array<string | number>;
  function paths(value: unknown, at: Path = []): Path[] {
    const here = [at];
    if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
    if (typeof value === 'object' && value !== null) {
      return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
    }
    return here;
  }
  const allPaths = paths(example);

  function mutate(
    value: unknown,
    path: Path,
    kind: 'set' | 'delete' | 'add',
    replacement: unknown,
    key: string,
  ): unknown {
    const copy = structuredClone(value);
    if (path.length === 0) return kind === 'set' ? replacement : copy;
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, seg) => (node as Record<string | number, unknown>)[seg], copy) as
      | Record<string | number, unknown>
      | unknown[];
    const last = path[path.length - 1] as string | number;
    if (kind === 'set') (parent as Record<string | number, unknown>)[last] = replacement;
    else if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      const target = (parent as Record<string | number, unknown>)[last];
      if (typeof target === 'object' && target !== null && !Array.isArray(target))
        (target as Record<string, unknown>)[key] = replacement;
    }
    return copy;
  }

  const expectProblemsOrStack = (r: ReturnType<typeof loadStack>) => {
    if (r.ok) {
      expect(r.stack.version).toBe(1);
      return;
    }
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
      // Every message is one of ours: zod's generic wording never leaks through.
      expect(p.message).not.toMatch(/Invalid input|Invalid option|expected .* received/);
      expect(p.message).not.toContain('\u0000');
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.code).toMatch(/^E_[A-Z_]+$/);
    }
  };

  it('GIVEN random mutations of a valid stack WHEN loaded THEN the answer is a stack or located problems', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat({ max: allPaths.length - 1 }),
            kind: fc.constantFrom('set' as const, 'delete' as const, 'add' as const),
            value: fc.jsonValue({ maxDepth: 3 }),
            key: fc.oneof(
              fc.string({ maxLength: 12 }),
              fc.constantFrom('crossZone', 'rules', 'forward', 'port', 'targets'),
            ),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (mutations) => {
          let doc: unknown = example;
          for (const m of mutations) {
            const candidates = paths(doc);
            const path = candidates[m.at % candidates.length] as Path;
            doc = mutate(doc, path, m.kind, m.value, m.key);
          }
          expectProblemsOrStack(loadStack(stringify(doc), 'fuzz.yaml'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('GIVEN random JSON-like values WHEN validated THEN only problems come back', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const r = validateStack(value);
        expect(r.ok).toBe(false);
        expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN random text WHEN loaded THEN the answer is a stack or located problems', () => {
    const yamlish = fc.array(
      fc.constantFrom(
        'version: 1\n',
        'stack: a\n',
        '- ',
        '  ',
        ': ',
        '{',
        '}',
        '[',
        ']',
        '&a ',
        '*a ',
        'x',
        '\n',
        '"',
        '#',
      ),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          yamlish.map((parts) => parts.join('')),
        ),
        (text) => {
          expectProblemsOrStack(loadStack(text, 'fuzz.yaml'));
        },
      ),
      { numRuns: 400 },
    );
  });
});
