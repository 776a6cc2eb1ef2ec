/**
 * The shift recorded on a listener or rule, read back for `shift status`, `resume` and `abort`:
 * the record, the target groups it names and its guards.
 */
import type { Aws } from '../../aws';
import { ElbctlError } from '../../core/errors';
import { type Guard, parseGuards } from '../../core/shift/guards';
import { readRecord, type ShiftRecord } from '../../core/shift/record';
import type { ShiftParties } from './report';
import { type ResolvedSubject, subjectName } from './subject';

export interface Recorded {
  record: ShiftRecord;
  guards: Guard[];
  parties: ShiftParties;
}

/** The record, or undefined when none is there; an unreadable one is an error naming the fix. */
export async function loadRecorded(aws: Aws, resolved: ResolvedSubject, ref: string): Promise<Recorded | undefined> {
  const read = readRecord(resolved.tags, resolved.subject.arn);
  if (read === undefined) return undefined;
  const label = resolved.subject.label;
  if (!read.ok) {
    throw new ElbctlError(
      'conflict',
      'E_SHIFT_UNREADABLE',
      `${label}: the shift recorded on it cannot be read: ${read.why}`,
      {
        hint: `its tags under elbctl:shift were changed by hand; check the forward (\`elbctl rule list\` / \`elbctl listener list\`) and remove those tags (\`aws elbv2 remove-tags --resource-arns ${resolved.subject.arn} --tag-keys …\`)`,
      },
    );
  }
  const { record } = read;
  const parsed = parseGuards(record.guards);
  if (parsed.problems.length > 0) {
    throw new ElbctlError(
      'conflict',
      'E_SHIFT_UNREADABLE',
      `${label}: the shift recorded on it has guards this elbctl cannot read`,
      {
        details: parsed.problems.map((p) => p.message),
        hint: `\`elbctl shift abort ${ref}\` rolls it back`,
      },
    );
  }
  const found = (await aws.elbv2.findTargetGroups([record.from, record.to])).found;
  const named = (arn: string) => ({
    name: found.find((g) => g.arn === arn)?.name ?? arn.split('/').slice(-2, -1)[0] ?? arn,
    arn,
  });
  return {
    record,
    guards: parsed.guards,
    parties: {
      target: {
        kind: resolved.subject.kind,
        name: subjectName(resolved),
        arn: resolved.subject.arn,
        label,
      },
      from: named(record.from),
      to: named(record.to),
      steps: record.settings.steps,
    },
  };
}

/** resume and abort need a record to act on. */
export function noShift(resolved: ResolvedSubject, ref: string, verb: 'resume' | 'abort'): ElbctlError {
  return new ElbctlError(
    'conflict',
    'E_NO_SHIFT',
    `${resolved.subject.label}: no shift is recorded on it; there is nothing to ${verb}`,
    {
      hint: `\`elbctl shift status ${ref}\` shows its weights`,
    },
  );
}
