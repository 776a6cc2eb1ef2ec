/** Apply steps for a stack's CloudWatch alarms: put (create, update, adopt) once the ARNs are known, or delete. */
import { alarmFromTemplate, alarmTags } from '../../core/alarms/alarms';
import { ElbctlError } from '../../core/errors';
import { STACK_TAG } from '../../core/stack/model';
import type { AlarmChange } from '../../core/stack/plan';
import type { StepRunner } from './runner';
import { pastTense, unsupported } from './wording';

export async function alarmStep(r: StepRunner, c: AlarmChange): Promise<string> {
  const cloudwatch = r.cloudwatch;
  if (!cloudwatch)
    throw new ElbctlError('internal', 'E_INTERNAL', `change "${c.id}": alarms need the CloudWatch gateway`);
  switch (c.action) {
    case 'create':
    case 'update':
    case 'adopt': {
      const t = c.after;
      if (!t) throw new ElbctlError('internal', 'E_INTERNAL', `change "${c.id}": no alarm to put`);
      const lbArn = await r.loadBalancerArn(t.loadBalancer);
      const tgArn = t.targetGroup !== undefined ? await r.targetGroupArn(t.targetGroup) : undefined;
      const spec = alarmFromTemplate(t, lbArn, tgArn);
      if (!spec) throw new ElbctlError('internal', 'E_INTERNAL', `change "${c.id}": the preset has no alarm ${t.key}`);
      const tags = alarmTags(spec, tgArn ?? lbArn, { [STACK_TAG]: r.options.stack });
      await cloudwatch.putAlarm(spec, tags);
      // PutMetricAlarm sets tags only when it creates: an alarm taken over gets the stack's tag here.
      if (c.action === 'adopt' && c.arn) await cloudwatch.tagAlarm(c.arn, tags);
      return `${pastTense(c.action)} alarm ${c.name}`;
    }
    case 'delete':
      await cloudwatch.deleteAlarms([c.name]);
      return `deleted alarm ${c.name}`;
    default:
      throw unsupported(c);
  }
}
