/** Apply steps for target groups: create or replace (looking before any retry), update, adopt, delete. */
import { NAME_TAG, STACK_TAG } from '../../core/stack/model';
import type { TargetGroupChange } from '../../core/stack/plan';
import { applyTargetGroupModification } from '../modify';
import { toTagList } from './arns';
import { isNotFound } from './failures';
import type { StepRunner } from './runner';
import { foundNote, pastTense, unsupported } from './wording';

export async function targetGroupStep(r: StepRunner, c: TargetGroupChange): Promise<string> {
  const arn = c.arn as string;
  switch (c.action) {
    case 'create':
    case 'replace': {
      const spec = c.after ?? {};
      const name = spec.name ?? c.name;
      const tags = spec.tags ?? { [STACK_TAG]: r.options.stack, [NAME_TAG]: c.name };
      const { value: tg, found } = await r.createOnce(
        () =>
          r.elbv2.createTargetGroup({
            name,
            protocol: spec.protocol,
            port: spec.port,
            vpcId: spec.vpc,
            targetType: spec.targetType ?? 'instance',
            protocolVersion: spec.protocolVersion,
            ipAddressType: spec.ipAddressType,
            targetControlPort: spec.targetControlPort,
            healthCheck: spec.healthCheck ?? {},
            tags: toTagList(tags),
          }),
        async (strict) => {
          const existing = await r.elbv2.findTargetGroup(name);
          return r.claim(
            `target group "${name}"`,
            existing ? [existing] : [],
            tags,
            strict,
            () => 0,
            () => '',
          );
        },
      );
      r.registry.targetGroups.set(name, tg.arn);
      r.options.arns[c.id] = tg.arn;
      return c.action === 'create'
        ? `created target group ${name}${foundNote(found)}`
        : `created target group ${name} to replace ${c.before?.name ?? c.name}${foundNote(found)}`;
    }
    case 'update':
    case 'adopt': {
      const before = c.before ?? {};
      const after = c.after ?? {};
      await applyTargetGroupModification(r.elbv2, arn, {
        healthCheck: after.healthCheck ? { before: before.healthCheck ?? {}, after: after.healthCheck } : undefined,
        tags: after.tags || before.tags ? { before: before.tags ?? {}, after: after.tags ?? {} } : undefined,
      });
      r.options.arns[c.id] = arn;
      return `${pastTense(c.action)} target group ${c.name}`;
    }
    case 'delete':
      await deleteTargetGroupArn(r, arn);
      r.options.arns[c.id] = arn;
      return `deleted target group ${c.before?.name ?? c.name}`;
    default:
      throw unsupported(c);
  }
}

export async function deleteOldTargetGroupStep(r: StepRunner, c: TargetGroupChange): Promise<string> {
  await deleteTargetGroupArn(r, c.arn as string);
  return `replaced target group ${c.before?.name ?? c.name} by ${c.after?.name ?? c.name}`;
}

async function deleteTargetGroupArn(r: StepRunner, arn: string): Promise<void> {
  try {
    await r.elbv2.deleteTargetGroup(arn);
  } catch (e) {
    // Already gone (a re-run after an interrupted apply): that is what was asked.
    if (!isNotFound(e)) throw e;
  }
}
