/** Planning target groups: create, adopt, update, replace (under a new name) or delete; their attributes and targets. */
import { NAME_TAG, STACK_TAG, type DesiredTargetGroup, type ObservedTargetGroup } from '../model';
import type { AttributesChange, TargetGroupChange, TargetGroupSpec, TargetsChange } from '../plan';
import type { Target } from '../../model';
import { healthCheckModification } from '../../modify/target-group';
import { targetGroupAttributeDefault } from '../../rules/attributes';
import { attributeDifferences, immutableDifferences, pick } from './compare';
import type { PlannerState, TargetGroupState } from './state';

/** 32-bit FNV-1a: a short, stable suffix for replacement names (no crypto needed, no IO). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `NAME-xxxx`, at most 32 characters, where xxxx hashes the settings that forced the replacement. */
export function replacementName(logical: string, settings: string, taken: ReadonlySet<string>): string {
  const base = logical.slice(0, 27).replace(/-+$/, '');
  for (let salt = 0; ; salt++) {
    const hex = fnv1a(`${settings}#${salt}`).toString(16).padStart(8, '0').slice(0, 4);
    const name = `${base}-${hex}`;
    if (!taken.has(name)) return name;
  }
}

// ------------------------------------------------------------------ small pure helpers
export function planTargetGroup(p: PlannerState, tg: DesiredTargetGroup): void {
  const id = `target-group:${tg.name}`;
  const spec: TargetGroupSpec = {
    name: tg.name,
    ...(tg.protocol !== undefined ? { protocol: tg.protocol } : {}),
    ...(tg.port !== undefined ? { port: tg.port } : {}),
    ...(tg.vpc !== undefined ? { vpc: tg.vpc } : {}),
    targetType: tg.targetType,
    ...(tg.protocolVersion !== undefined ? { protocolVersion: tg.protocolVersion } : {}),
    ...(tg.targetControlPort !== undefined ? { targetControlPort: tg.targetControlPort } : {}),
    ...(tg.ipAddressType !== undefined ? { ipAddressType: tg.ipAddressType } : {}),
    healthCheck: tg.healthCheck,
    tags: { [STACK_TAG]: p.stack, [NAME_TAG]: tg.name, ...(tg.tags ?? {}) },
  };
  const ownership = { [STACK_TAG]: p.stack, [NAME_TAG]: tg.name };
  const compatible = (o: ObservedTargetGroup) =>
    (o.protocol ?? null) === (tg.protocol ?? null) &&
    (o.port ?? null) === (tg.port ?? null) &&
    (o.vpcId ?? null) === (tg.vpc ?? null) &&
    o.targetType === tg.targetType &&
    Object.keys(immutableDifferences(o, tg).after).length === 0;
  const state: TargetGroupState = { logical: tg.name, desired: tg, awsName: tg.name, fresh: false, blocked: false };
  p.tgStates.set(tg.name, state);

  const candidates = p.observed.targetGroups.filter((o) => p.owned(o.tags) && (o.tags[NAME_TAG] ?? o.name) === tg.name);
  const match = candidates.find(compatible) ?? candidates[0];
  if (match) {
    p.matchedTargetGroupArns.add(match.arn);
    state.observed = match;
    state.awsName = match.name;
    if (!compatible(match)) {
      const taken = new Set([
        ...p.observed.targetGroups.map((o) => o.name),
        ...p.desired.targetGroups.map((d) => d.name),
      ]);
      const newName = replacementName(
        tg.name,
        `${tg.protocol}|${tg.port}|${tg.vpc}|${tg.targetType}${tg.protocolVersion ? `|${tg.protocolVersion}` : ''}${tg.ipAddressType ? `|${tg.ipAddressType}` : ''}${tg.targetControlPort !== undefined ? `|${tg.targetControlPort}` : ''}`,
        taken,
      );
      state.awsName = newName;
      state.fresh = true;
      const forced = immutableDifferences(match, tg);
      state.change = p.add<TargetGroupChange>({
        id,
        action: 'replace',
        type: 'target-group',
        name: tg.name,
        before: { name: match.name, ...forced.before },
        after: { ...spec, name: newName },
        arn: match.arn,
        dependsOn: [],
      });
      p.warnings.push(
        `target group "${tg.name}": ${Object.keys(forced.after).join(', ')} cannot change in place, so it is replaced by "${newName}" and the old one deleted once nothing forwards to it` +
          (tg.targets === undefined
            ? `; targets registered by other tools (auto scaling, ECS) are not moved: attach them to "${newName}"`
            : ''),
      );
      return;
    }
    const diff = healthCheckModification(match.healthCheck, tg.healthCheck);
    const tags = p.tagChange(match.tags, ownership, tg.tags);
    if (diff || tags) {
      state.change = p.add<TargetGroupChange>({
        id,
        action: 'update',
        type: 'target-group',
        name: tg.name,
        before: {
          ...(diff ? { healthCheck: diff.before } : {}),
          ...(tags ? { tags: tags.before } : {}),
        },
        after: {
          ...(diff ? { healthCheck: diff.after } : {}),
          ...(tags ? { tags: tags.after } : {}),
        },
        arn: match.arn,
        dependsOn: [],
      });
    }
    return;
  }

  const byName = p.observed.targetGroups.find((o) => o.name === tg.name);
  if (!byName) {
    state.fresh = true;
    state.change = p.add<TargetGroupChange>({
      id,
      action: 'create',
      type: 'target-group',
      name: tg.name,
      before: null,
      after: spec,
      dependsOn: [],
    });
    return;
  }
  state.observed = byName;
  state.awsName = byName.name;
  if (p.foreign(byName.tags) || p.owned(byName.tags)) {
    state.blocked = true;
    const owner = byName.tags[STACK_TAG] ?? '';
    p.unmanaged.push({
      type: 'target-group',
      name: byName.name,
      arn: byName.arn,
      reason: 'owned-by-another-stack',
      message: p.owned(byName.tags)
        ? `target group "${byName.name}": the name is taken by target group "${byName.tags[NAME_TAG] ?? ''}" of this stack (a replacement); rename "${tg.name}" in the stack file`
        : `target group "${byName.name}": belongs to stack "${owner}" (tag ${STACK_TAG}=${owner}); rename it in this stack file, or remove it from stack "${owner}" first`,
      blocks: [id],
    });
    return;
  }
  if (!compatible(byName)) {
    state.blocked = true;
    const forced = immutableDifferences(byName, tg);
    p.unmanaged.push({
      type: 'target-group',
      name: byName.name,
      arn: byName.arn,
      reason: 'incompatible',
      message: `target group "${byName.name}": exists, not managed by elbctl, with other ${Object.keys(forced.after).join(', ')} than the stack declares; elbctl replaces only what it owns, so rename the target group in the stack file or delete the existing one`,
      blocks: [id],
    });
    return;
  }
  p.matchedTargetGroupArns.add(byName.arn);
  const diff = healthCheckModification(byName.healthCheck, tg.healthCheck);
  const tags = p.tagChange(byName.tags, ownership, tg.tags);
  state.change = p.add<TargetGroupChange>({
    id,
    action: 'adopt',
    type: 'target-group',
    name: tg.name,
    before: { tags: tags?.before ?? {}, ...(diff ? { healthCheck: diff.before } : {}) },
    after: { tags: tags?.after ?? {}, ...(diff ? { healthCheck: diff.after } : {}) },
    arn: byName.arn,
    dependsOn: [],
  });
}

export function planTargetGroupParts(p: PlannerState, state: TargetGroupState): void {
  if (state.blocked) return;
  const { desired: tg, observed: o, fresh } = state;
  const depends = state.change ? [state.change.id] : [];
  const live = fresh || !o ? undefined : o.attributes;
  const { changed, before } = attributeDifferences(tg.attributes, live, (k) =>
    o ? targetGroupAttributeDefault(k, o) : undefined,
  );
  if (changed.length > 0) {
    p.add<AttributesChange>({
      id: `attributes:target-group:${state.logical}`,
      action: fresh ? 'create' : 'update',
      type: 'attributes',
      name: state.logical,
      before: fresh ? null : before,
      after: pick(tg.attributes, changed),
      ...(o && !fresh ? { arn: o.arn } : {}),
      resource: 'target-group',
      resourceName: state.awsName,
      dependsOn: depends,
    });
  }
  if (tg.targets === undefined) return;
  const want = tg.targets.map((t) => ({
    ...t,
    ...(t.port === undefined && tg.port !== undefined && tg.targetType !== 'lambda' ? { port: tg.port } : {}),
  }));
  const have = fresh || !o ? [] : o.targets;
  const key = (t: Target) => `${t.id}|${t.port ?? ''}`;
  const haveByKey = new Map(have.map((t) => [key(t), t]));
  const wantByKey = new Map(want.map((t) => [key(t), t]));
  const moved = (t: Target) =>
    t.availabilityZone !== undefined && haveByKey.get(key(t))?.availabilityZone !== t.availabilityZone;
  const register = want.filter((t) => !haveByKey.has(key(t)) || moved(t));
  const deregister = have.filter((t) => {
    const w = wantByKey.get(key(t));
    return w === undefined || moved(w);
  });
  if (register.length === 0 && deregister.length === 0) return;
  p.add<TargetsChange>({
    id: `targets:${state.logical}`,
    action: fresh ? 'create' : 'update',
    type: 'targets',
    name: state.logical,
    before: fresh ? null : have,
    after: want,
    ...(o && !fresh ? { arn: o.arn } : {}),
    targetGroup: state.awsName,
    register,
    deregister,
    dependsOn: depends,
  });
}

export function deleteTargetGroup(p: PlannerState, o: ObservedTargetGroup): void {
  const name = o.tags[NAME_TAG] ?? o.name;
  const id = p.uniqueId(`target-group:${name}`);
  p.add<TargetGroupChange>({
    id,
    action: 'delete',
    type: 'target-group',
    name,
    before: {
      name: o.name,
      ...(o.protocol !== undefined ? { protocol: o.protocol } : {}),
      ...(o.port !== undefined ? { port: o.port } : {}),
      ...(o.vpcId !== undefined ? { vpc: o.vpcId } : {}),
      targetType: o.targetType,
    },
    after: null,
    arn: o.arn,
    dependsOn: [...(p.releases.get(o.arn) ?? [])],
  });
  p.blockIfPinned(o, id, 'delete');
}
