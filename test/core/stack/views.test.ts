/**
 * The validator reads a file the whole schema accepted part by part as the schema returned it,
 * and a file with problems by parsing each part on its own (src/core/stack/views.ts). Both ways
 * must give the same views for every valid file, or a valid file would be checked differently
 * from the same file with one typo elsewhere. Checked on the examples, the scale stack and
 * every bad-input corpus file whose shape the schema accepts (its problems are relations).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { canonicalizeEnums } from '../../../src/core/stack/canonical';
import { stackFileSchema } from '../../../src/core/stack/schema';
import { loadBalancerViews, targetGroupViews } from '../../../src/core/stack/views';
import { BASE_STACK, stackCases } from '../../support/bad-input-corpus';
import { SCALE_INSTANCES, scaleSpec, scaleStackText } from '../../support/scale-stack';

const ROOT = join(__dirname, '..', '..', '..');
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const IDS: Record<string, string> = {
  SUBNET1B: `subnet-${hex(0x1b, 17)}`,
  SUBNET1: `subnet-${hex(1, 17)}`,
  SUBNET2: `subnet-${hex(2, 17)}`,
  SG: `sg-${hex(1, 17)}`,
  VPC: `vpc-${hex(1, 17)}`,
  OTHER: `vpc-${hex(2, 17)}`,
  I1: `i-${hex(1, 17)}`,
  CERT: 'arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab',
};
const fill = (text: string) =>
  Object.keys(IDS)
    .sort((a, b) => b.length - a.length)
    .reduce((out, k) => out.split(`$${k}`).join(IDS[k] as string), text);

function corpusTexts(): Array<[string, string]> {
  return stackCases().map((c) => {
    if ('text' in c.edit) return [c.what, fill(c.edit.text)];
    let text = BASE_STACK;
    for (const [search, replace] of c.edit) text = text.replace(search, replace);
    return [c.what, fill(text)];
  });
}

function scaleText(): string {
  const net = {
    region: 'us-east-1',
    vpcId: IDS.VPC as string,
    subnets: [1, 2, 3].map((i) => `subnet-${hex(i, 17)}`),
    securityGroupId: IDS.SG as string,
    instances: Array.from({ length: SCALE_INSTANCES }, (_, i) => `i-${hex(i + 1, 17)}`),
    certificateArn: IDS.CERT as string,
  };
  return scaleStackText(scaleSpec(net), net);
}

const examples = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f): [string, string] => [`examples/${f}`, readFileSync(join(ROOT, 'examples', f), 'utf8')]);

/** The files whose shape the schema accepts, with the value it returned. */
const accepted = [
  ...examples,
  ['scale stack', scaleText()] as [string, string],
  ['corpus base', fill(BASE_STACK)] as [string, string],
  ...corpusTexts(),
].flatMap(([what, text]) => {
  let value: unknown;
  try {
    value = canonicalizeEnums(parse(text));
  } catch {
    return [];
  }
  const parsed = stackFileSchema.safeParse(value);
  return parsed.success ? [{ what, value, data: parsed.data }] : [];
});

describe('stack views of a valid file', () => {
  it('GIVEN the fixtures WHEN their shape is checked THEN enough of them are accepted for the comparison to mean something', () => {
    expect(accepted.length).toBeGreaterThan(examples.length + 50);
    expect(accepted.map((a) => a.what)).toEqual(expect.arrayContaining(['scale stack', 'corpus base']));
  });

  it('GIVEN every accepted file WHEN read part by part both ways THEN the views are the same', () => {
    for (const { what, value, data } of accepted) {
      expect({ what, views: loadBalancerViews(data, true) }).toEqual({ what, views: loadBalancerViews(value) });
      expect({ what, views: targetGroupViews(data, true) }).toEqual({ what, views: targetGroupViews(value) });
    }
  });

  it('GIVEN a valid file WHEN taken as valid THEN a part keeps only its own keys (the parts of its children are read apart)', () => {
    const scale = accepted.find((a) => a.what === 'scale stack');
    if (!scale) throw new Error('the scale stack is not valid');

    const [lb] = loadBalancerViews(scale.data, true);
    const [tg] = targetGroupViews(scale.data, true);

    expect(Object.keys(lb?.lb ?? {})).not.toContain('listeners');
    expect(Object.keys(lb?.listeners[0]?.listener ?? {})).not.toEqual(expect.arrayContaining(['rules']));
    expect(Object.keys(lb?.listeners[0]?.listener ?? {})).not.toContain('defaultAction');
    expect(Object.keys(lb?.listeners[0]?.rules[0]?.rule ?? {}).sort()).toEqual(['name', 'priority']);
    expect(Object.keys(tg?.tg ?? {})).not.toContain('targets');
    expect(tg?.targets.length).toBeGreaterThan(0);
  });
});
