/**
 * Planning a load balancer's CloudWatch alarms (`alarms:` in the file): one alarm per preset row,
 * for the load balancer and for each target group its listeners forward to. An alarm is found by
 * its name; one without elbctl's tag is never touched (it blocks the apply); alarms the stack made
 * that the file no longer asks for are deleted.
 */
import { alarmDifferences, alarmFromTemplate, alarmTemplates, isOurs, templateName } from '../../alarms/alarms';
import { STACK_TAG, type DesiredLoadBalancer, type ObservedLoadBalancer } from '../model';
import type { AlarmChange, LoadBalancerChange } from '../plan';
import type { PlannerState } from './state';

/** The file names of the target groups a load balancer's listeners and rules forward to, in order. */
function forwardedTargetGroups(lb: DesiredLoadBalancer): string[] {
  const names = lb.listeners.flatMap((l) =>
    [l.defaultAction, ...l.rules.map((r) => r.action)].flatMap((a) =>
      a.type === 'forward' ? a.targets.map((t) => t.targetGroup) : [],
    ),
  );
  return [...new Set(names)];
}

export function planAlarms(
  p: PlannerState,
  lb: DesiredLoadBalancer,
  o: ObservedLoadBalancer | undefined,
  lbChange: LoadBalancerChange | undefined,
): void {
  if (!lb.alarms) return;
  const lbFresh = !o || lbChange?.action === 'create' || lbChange?.action === 'replace';
  const groups = forwardedTargetGroups(lb).map((logical) => ({ logical, state: p.tgStates.get(logical) }));
  const awsName = (logical: string) => p.tgStates.get(logical)?.awsName ?? logical;
  const templates = alarmTemplates(
    { name: lb.name, type: lb.type },
    groups.map((g) => awsName(g.logical)),
    { preset: lb.alarms.preset, snsTopic: lb.alarms.snsTopic, overrides: lb.alarms.overrides },
  );
  const live = o?.alarms ?? [];
  const wanted = new Set<string>();
  for (const t of templates) {
    const name = templateName(t);
    wanted.add(name);
    const id = `alarm:${name}`;
    const group = groups.find((g) => awsName(g.logical) === t.targetGroup);
    const tgChange = group?.state?.change;
    const dependsOn = [
      ...(lbChange && (lbChange.action === 'create' || lbChange.action === 'replace') ? [lbChange.id] : []),
      ...(tgChange && (tgChange.action === 'create' || tgChange.action === 'replace') ? [tgChange.id] : []),
    ];
    const existing = live.find((a) => a.spec.name === name);
    if (!existing) {
      p.add<AlarmChange>({ id, action: 'create', type: 'alarm', name, before: null, after: t, dependsOn });
      continue;
    }
    const base = { id, type: 'alarm' as const, name, arn: existing.arn, dependsOn };
    if (!isOurs(existing)) {
      p.add<AlarmChange>({ ...base, action: 'update', before: null, after: t });
      p.unmanaged.push({
        type: 'alarm',
        name,
        arn: existing.arn,
        reason: 'not-elbctls',
        message: `alarm "${name}": exists and was not made by elbctl (no elbctl:alarm tag); elbctl never overwrites it: rename or delete it, or leave this alarm out (alarms.overrides.${t.key}.enabled: false)`,
        blocks: [id],
      });
      continue;
    }
    const lbArn = lbFresh ? undefined : o?.arn;
    const tgArn = group?.state && !group.state.fresh ? group.state.observed?.arn : undefined;
    const known = lbArn !== undefined && (t.targetGroup === undefined || tgArn !== undefined);
    const spec = known ? alarmFromTemplate(t, lbArn as string, tgArn) : undefined;
    const differs = spec ? alarmDifferences(spec, existing.spec) : ['dimensions'];
    const adopt = existing.tags[STACK_TAG] !== p.stack;
    if (adopt || differs.length > 0) {
      p.add<AlarmChange>({ ...base, action: adopt ? 'adopt' : 'update', before: null, after: t, differs });
    }
  }
  for (const a of live) {
    if (wanted.has(a.spec.name) || a.tags[STACK_TAG] !== p.stack || !isOurs(a)) continue;
    p.add<AlarmChange>({
      id: p.uniqueId(`alarm:${a.spec.name}`),
      action: 'delete',
      type: 'alarm',
      name: a.spec.name,
      before: null,
      after: null,
      arn: a.arn,
      dependsOn: [],
    });
  }
}

/** A load balancer the stack deletes takes the alarms the stack made for it (when they were read). */
export function deleteAlarmsOf(p: PlannerState, o: ObservedLoadBalancer, lbDelete: string): void {
  for (const a of o.alarms ?? []) {
    if (a.tags[STACK_TAG] !== p.stack || !isOurs(a)) continue;
    p.add<AlarmChange>({
      id: p.uniqueId(`alarm:${a.spec.name}`),
      action: 'delete',
      type: 'alarm',
      name: a.spec.name,
      before: null,
      after: null,
      arn: a.arn,
      dependsOn: [lbDelete],
    });
  }
}
