/** `elbctl alarms delete LB|TG [-y]`: deletes the alarms elbctl made for it (asks first); others are kept. */
import { isOurs } from '../../core/alarms/alarms';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import type { Context } from '../context';
import { resolveAlarmScope } from './scope';

export interface AlarmsDeleteOptions {
  target: string;
}

export async function run(opts: AlarmsDeleteOptions, ctx: Context): Promise<Result> {
  const aws = await ctx.aws();
  const resolved = await resolveAlarmScope(aws, opts.target);
  const live = await aws.cloudwatch.alarmsByPrefix(resolved.prefix);
  const ours = live
    .filter(isOurs)
    .map((a) => a.spec.name)
    .sort();
  const kept = live
    .filter((a) => !isOurs(a))
    .map((a) => a.spec.name)
    .sort();
  for (const name of kept) ctx.progress.info(`keeping alarm "${name}": elbctl did not make it`);
  if (ours.length > 0) {
    await confirmOrAbort(
      ctx,
      `Delete ${ours.length} alarm${ours.length === 1 ? '' : 's'} of ${resolved.label}?`,
      `delete the alarms of ${resolved.label}`,
    );
    await aws.cloudwatch.deleteAlarms(ours);
    ctx.progress.succeed(`deleted ${ours.length} alarm${ours.length === 1 ? '' : 's'} of ${resolved.label}`);
  } else {
    ctx.progress.info(`${resolved.label}: no alarms made by elbctl; nothing to delete`);
  }
  return {
    data: { target: resolved.target, deleted: ours, kept },
    view: {
      kind: 'fields',
      fields: [
        ['deleted', ours.join(', ') || 'none'],
        ['kept', kept.join(', ') || 'none'],
      ],
    },
  };
}
