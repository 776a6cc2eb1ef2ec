/**
 * `elbctl alarms create LB|TG [--preset recommended] [--sns-topic ARN] [--dry-run]`: the preset's
 * alarms, created or brought back to the preset, idempotently. Existing alarms and their tags are
 * read first: an alarm with elbctl's name that elbctl did not make is never overwritten (exit 1).
 */
import { type AlarmSpec, alarmTags, describeCondition, desiredAlarms, diffAlarms } from '../../core/alarms/alarms';
import { PRESET_CHECKED, type Preset } from '../../core/alarms/preset';
import { ElbctlError, problemsError } from '../../core/errors';
import { presetProblem, snsTopicProblem } from '../../core/rules/alarms';
import type { Problem } from '../../core/rules/problem';
import { tableView, type Result } from '../../ui/render';
import type { Context } from '../context';
import { resolveAlarmScope } from './scope';

export interface AlarmsCreateOptions {
  target: string;
  preset?: string | undefined;
  snsTopic?: string | undefined;
  dryRun?: boolean | undefined;
}

export interface AlarmRow {
  name: string;
  key: string;
  /** created, updated, unchanged (with --dry-run: create, update, unchanged). */
  action: string;
  condition: string;
  changed: string[];
}

const keyOf = (spec: AlarmSpec) => spec.name.slice(spec.name.lastIndexOf('/') + 1);

export async function run(opts: AlarmsCreateOptions, ctx: Context): Promise<Result> {
  const preset = opts.preset ?? 'recommended';
  const problems = [
    presetProblem(preset),
    opts.snsTopic !== undefined ? snsTopicProblem(opts.snsTopic) : undefined,
  ].filter((p): p is Problem => p !== undefined);
  if (problems.length > 0) throw problemsError(problems);

  const aws = await ctx.aws();
  const resolved = await resolveAlarmScope(aws, opts.target);
  const desired = desiredAlarms(resolved.scope, { preset: preset as Preset, snsTopic: opts.snsTopic });
  const diff = diffAlarms(desired, await aws.cloudwatch.alarmsByPrefix(resolved.prefix));
  if (diff.foreign.length > 0) {
    throw new ElbctlError(
      'conflict',
      'E_ALARM_NOT_OURS',
      `${resolved.label}: ${diff.foreign.map((a) => `alarm "${a.spec.name}"`).join(', ')} already exist${diff.foreign.length === 1 ? 's' : ''} and ${diff.foreign.length === 1 ? 'was' : 'were'} not made by elbctl (no ${'elbctl:alarm'} tag); nothing was changed`,
      { hint: 'elbctl never overwrites an alarm it did not make: rename or delete it, then run this again' },
    );
  }
  const forArn = (spec: AlarmSpec) => {
    const tg = resolved.scope.targetGroups.find((g) =>
      spec.name.startsWith(`elbctl/${resolved.scope.loadBalancer.name}/${g.name}/`),
    );
    return tg?.arn ?? resolved.scope.loadBalancer.arn;
  };
  const rows: AlarmRow[] = [];
  const dry = opts.dryRun === true;
  for (const spec of diff.create) {
    if (!dry) await aws.cloudwatch.putAlarm(spec, alarmTags(spec, forArn(spec)));
    rows.push({
      name: spec.name,
      key: keyOf(spec),
      action: dry ? 'create' : 'created',
      condition: describeCondition(spec),
      changed: [],
    });
  }
  for (const u of diff.update) {
    if (!dry) await aws.cloudwatch.putAlarm(u.spec, alarmTags(u.spec, forArn(u.spec)));
    rows.push({
      name: u.spec.name,
      key: keyOf(u.spec),
      action: dry ? 'update' : 'updated',
      condition: describeCondition(u.spec),
      changed: u.fields,
    });
  }
  for (const spec of diff.same) {
    rows.push({
      name: spec.name,
      key: keyOf(spec),
      action: 'unchanged',
      condition: describeCondition(spec),
      changed: [],
    });
  }
  rows.sort((a, b) => desired.findIndex((d) => d.name === a.name) - desired.findIndex((d) => d.name === b.name));
  const made = diff.create.length + diff.update.length;
  if (dry)
    ctx.progress.info(
      `dry run: ${diff.create.length} to create, ${diff.update.length} to update, ${diff.same.length} unchanged; nothing was written`,
    );
  else if (made === 0)
    ctx.progress.info(`${resolved.label}: all ${rows.length} alarms already match the ${preset} preset`);
  else
    ctx.progress.succeed(
      `${resolved.label}: ${diff.create.length} created, ${diff.update.length} updated, ${diff.same.length} unchanged`,
    );
  return {
    data: { target: resolved.target, preset, checked: PRESET_CHECKED, alarms: rows },
    view: tableView(
      rows,
      [
        { header: 'ALARM', value: (r) => r.name },
        { header: 'ACTION', value: (r) => (r.changed.length > 0 ? `${r.action} (${r.changed.join(', ')})` : r.action) },
        { header: 'CONDITION', value: (r) => r.condition },
      ],
      `${resolved.label}: the ${preset} preset has no alarms for it`,
    ),
  };
}
