/**
 * Invalid input never reaches AWS (issue item 9): a table of invalid stack files and command
 * lines — names, limits, references, protocols, CIDRs, ports, priorities, weights, YAML syntax,
 * wrong types, unknown keys, settings — each with its exact message, exit 64 and zero AWS calls
 * on every client; then a fast-check property over random documents.
 *
 * Stack files go through `apply -y`, the command that would write to AWS if they were valid.
 */
import { ACMClient } from '@aws-sdk/client-acm';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { elbctl } from '../support/harness';
import { FLAG_CASES, STACK_CASES, VALID_STACK, type StackCase } from '../support/invalid-input-cases';

const clients = [
  mockClient(ElasticLoadBalancingV2Client),
  mockClient(EC2Client),
  mockClient(ACMClient),
  mockClient(CloudWatchClient),
];
const awsCalls = () => clients.reduce((n, c) => n + c.calls().length, 0);
const dir = mkdtempSync(join(tmpdir(), 'elbctl-invalid-'));
let fileCount = 0;

beforeEach(() => {
  for (const c of clients) c.reset();
});
afterAll(() => {
  for (const c of clients) c.restore();
});

function writeStack(text: string): string {
  const file = join(dir, `stack-${++fileCount}.yaml`);
  writeFileSync(file, text);
  return file;
}

function stackText(c: StackCase): string {
  if ('text' in c.edit) return c.edit.text;
  const [search, replace] = c.edit;
  if (!VALID_STACK.includes(search)) throw new Error(`case "${c.what}": "${search}" is not in the valid stack`);
  return VALID_STACK.replace(search, replace);
}

describe('invalid input: exit 64, the exact message, zero AWS calls', () => {
  it('GIVEN the valid stack the cases are made from WHEN validated THEN it is valid (so each case fails for its own edit)', async () => {
    const r = await elbctl(['validate', '-f', writeStack(VALID_STACK)]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('GIVEN the table WHEN counted THEN it holds at least 30 invalid inputs', () => {
    expect(STACK_CASES.length + FLAG_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(STACK_CASES.map((c) => [c.what, c] as const))(
    'GIVEN a stack file with %s WHEN applied THEN exit 64 with the exact message and no AWS call',
    async (_what, c) => {
      const file = writeStack(stackText(c));
      const r = await elbctl(['apply', '-f', file, '-y']);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr, awsCalls: awsCalls() }).toEqual({
        code: 64,
        stdout: '',
        stderr: c.stderr.split('FILE').join(file),
        awsCalls: 0,
      });
    },
  );

  it.each(FLAG_CASES.map((c) => [c.what, c] as const))(
    'GIVEN %s WHEN run THEN exit 64 with the exact message and no AWS call',
    async (_what, c) => {
      const r = await elbctl(c.args, { env: c.env });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr, awsCalls: awsCalls() }).toEqual({
        code: 64,
        stdout: '',
        stderr: c.stderr,
        awsCalls: 0,
      });
    },
  );
});

// ------------------------------------------------------------------ random documents

const KEYS = [
  'version',
  'stack',
  'region',
  'loadBalancers',
  'targetGroups',
  'name',
  'type',
  'scheme',
  'subnets',
  'securityGroups',
  'listeners',
  'port',
  'protocol',
  'certificates',
  'defaultAction',
  'rules',
  'priority',
  'conditions',
  'action',
  'forward',
  'redirect',
  'fixedResponse',
  'path',
  'host',
  'sourceIps',
  'weight',
  'targetGroup',
  'vpc',
  'targets',
  'id',
  'healthCheck',
  'attributes',
  'bogus',
];
const scalar = fc.oneof(
  fc.constantFrom(
    'web',
    'app',
    'HTTP',
    'TCP',
    'application',
    '/api/*',
    '10.0.0.0/8',
    'subnet-0123456789abcdef0',
    'vpc-0123456789abcdef0',
    '',
    'x_y',
    '-a',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: -5, max: 70_000 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const documentArb = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
})).map;

/** The valid stack with one value somewhere replaced by a random one: mostly near-valid files. */
const mutatedArb = fc.tuple(fc.nat(), fc.oneof(scalar, documentArb)).map(([at, replacement]) => {
  const lines = VALID_STACK.split('\n');
  const valueLines = lines
    .map((l, i) => [l, i] as const)
    .filter(([l]) => /:\s*\S/.test(l) && !l.trim().startsWith('#'));
  const [line, index] = valueLines[at % valueLines.length] as readonly [string, number];
  const key = line.slice(0, line.indexOf(':') + 1);
  lines[index] = `${key} ${JSON.stringify(replacement)}`;
  return lines.join('\n');
});

const rawTextArb = fc.oneof(
  documentArb.map((d) => stringify(d)),
  mutatedArb,
  fc.string({ maxLength: 200 }),
);

describe('random documents', () => {
  it('GIVEN any document WHEN validated and applied THEN validate exits 0 or 64, and every invalid one makes apply exit 64 with located errors, no stack trace and zero AWS calls', async () => {
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(rawTextArb, async (text) => {
        for (const c of clients) c.reset();
        const file = writeStack(text);
        const validated = await elbctl(['validate', '-f', file]);
        expect([0, 64]).toContain(validated.code);
        if (validated.code === 0) return;
        invalid += 1;
        const applied = await elbctl(['apply', '-f', file, '-y']);
        expect(applied.code).toBe(64);
        expect(applied.stdout).toBe('');
        expect(awsCalls()).toBe(0);
        const lines = applied.stderr.trimEnd().split('\n');
        for (const line of lines)
          expect(line).toMatch(new RegExp(`^(error: ${escapeRegExp(file)}:\\d+:\\d+: \\S|hint: \\S)`));
        expect(applied.stderr).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 300 },
    );
    expect(invalid).toBeGreaterThan(200);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
