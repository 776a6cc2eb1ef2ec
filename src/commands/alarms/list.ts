/** `elbctl alarms list LB|TG`: the alarms named for a load balancer or target group, elbctl's or not. */
import { ALARM_TAG, describeCondition, isOurs } from '../../core/alarms/alarms';
import { tableView, type Result } from '../../ui/render';
import type { Context } from '../context';
import { resolveAlarmScope } from './scope';

export interface AlarmsListOptions {
  target: string;
}

export async function run(opts: AlarmsListOptions, ctx: Context): Promise<Result> {
  const aws = await ctx.aws();
  const resolved = await resolveAlarmScope(aws, opts.target);
  const live = await aws.cloudwatch.alarmsByPrefix(resolved.prefix);
  const rows = live
    .map((a) => ({
      name: a.spec.name,
      key: a.tags[ALARM_TAG] ?? null,
      managed: isOurs(a),
      state: a.state,
      condition: describeCondition(a.spec),
      threshold: a.spec.threshold,
      actions: a.spec.actions,
      arn: a.arn,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'ALARM', value: (r) => r.name },
        { header: 'STATE', value: (r) => r.state, stateColour: true },
        { header: 'CONDITION', value: (r) => r.condition },
        { header: 'MANAGED', value: (r) => (r.managed ? 'elbctl' : 'no') },
      ],
      `${resolved.label}: no alarms (\`elbctl alarms create ${opts.target}\` makes the recommended set)`,
    ),
  };
}
