/** Planning rules: identity by name tag, priorities allocated around unmanaged rules, moves instead of re-creation. */
import { allocatePriorities } from '../defaults';
import {
  RULE_TAG,
  STACK_TAG,
  type DesiredListener,
  type DesiredLoadBalancer,
  type DesiredRule,
  type ObservedListener,
  type ObservedRule,
} from '../model';
import { sameConditions } from '../../modify/conditions';
import { ruleModification } from '../../modify/rule';
import type { ListenerChange, PlanAction, RuleChange, RuleSpec } from '../plan';
import { actionArns, declaredLeadingChange, keepExternalWeights, sameAction } from './compare';
import { blockIfShifting } from './shifts';
import { sameTransforms } from '../action-files';
import type { PlannerState } from './state';

export function planRules(
  p: PlannerState,
  lb: DesiredLoadBalancer,
  l: DesiredListener,
  o: ObservedListener | undefined,
  listenerChange: ListenerChange | undefined,
): void {
  const ref = `${lb.name}:${l.port}`;
  const live = o?.rules ?? [];
  const managed = live.filter((r) => p.owned(r.tags));
  const others = live.filter((r) => !p.owned(r.tags));

  // A rule's identity is its name tag; twins (a retried CreateRule) share one and all but one go.
  const byName = new Map<string, ObservedRule[]>();
  for (const r of managed) {
    const name = r.tags[RULE_TAG] ?? `@${r.priority}`;
    byName.set(name, [...(byName.get(name) ?? []), r]);
  }
  const existing = new Map<number, ObservedRule>();
  const adopted = new Map<number, ObservedRule>();
  l.rules.forEach((r, i) => {
    const candidates = byName.get(r.name);
    if (candidates?.length) {
      const pickIndex = Math.max(
        0,
        candidates.findIndex((c) => c.priority === r.priority),
      );
      const [chosen] = candidates.splice(pickIndex, 1);
      if (chosen) existing.set(i, chosen);
      return;
    }
    if (r.priority === undefined) return;
    const twin = others.find(
      (x) =>
        x.priority === r.priority &&
        x.tags[STACK_TAG] === undefined &&
        ![...adopted.values()].includes(x) &&
        sameConditions(x.conditions, r.conditions) &&
        sameAction(p.fromObserved(x.actions), p.physical(r.action)),
    );
    if (twin) {
      existing.set(i, twin);
      adopted.set(i, twin);
    }
  });
  const unmanagedRules = others.filter((x) => ![...adopted.values()].includes(x));
  for (const x of unmanagedRules) p.pin(x.actions, `rule ${ref}:${x.priority}`);
  const reserved = new Set(unmanagedRules.map((x) => x.priority));
  const current = (i: number) => existing.get(i)?.priority;
  // As `elbctl rule add`: a rule without a priority goes after the last rule already there.
  const lastExisting = Math.max(0, ...reserved);
  const allocation = allocatePriorities(l.rules, reserved, current, lastExisting);
  const priorities = allocation.ok
    ? allocation.priorities
    : (() => {
        // Unmanaged rules fill what is left: allocate as if they were not there and report the collisions.
        const plain = allocatePriorities(l.rules);
        return plain.ok ? plain.priorities : l.rules.map((r, i) => r.priority ?? i + 1);
      })();

  // Managed rules that no longer belong: deleted (first, so their priorities are free).
  const deletions = new Map<number, string>();
  const desiredNames = new Set(l.rules.map((r) => r.name));
  for (const [name, rest] of byName) {
    for (const r of rest) {
      // A twin of a rule the file keeps must not take that rule's id.
      const id = p.uniqueId(desiredNames.has(name) ? `rule:${ref}:${name}@${r.priority}` : `rule:${ref}:${name}`);
      p.add<RuleChange>({
        id,
        action: 'delete',
        type: 'rule',
        name: `${ref}:${name}`,
        loadBalancer: lb.name,
        port: l.port,
        rule: name,
        before: { priority: r.priority, conditions: r.conditions, action: p.fromObserved(r.actions) },
        after: null,
        arn: r.arn,
        dependsOn: [],
      });
      deletions.set(r.priority, id);
      p.release(actionArns(r.actions), id);
      blockIfShifting(p, 'rule', `${ref}:${r.priority}`, r.arn, r.tags, id, `${ref}:${r.priority}`);
    }
  }

  const priorityChanges = new Map<number, string>();
  const planned: Array<{ change: RuleChange; priority: number }> = [];
  l.rules.forEach((r: DesiredRule, i) => {
    const priority = priorities[i] as number;
    const id = `rule:${ref}:${r.name}`;
    const action = p.physical(r.action);
    const spec: RuleSpec = {
      priority,
      conditions: r.conditions,
      ...(r.authenticate !== undefined ? { authenticate: r.authenticate } : {}),
      action,
      ...(r.transforms !== undefined ? { transforms: r.transforms } : {}),
      tags: { [STACK_TAG]: p.stack, [RULE_TAG]: r.name, ...(r.tags ?? {}) },
    };
    const base = {
      type: 'rule' as const,
      name: `${ref}:${r.name}`,
      loadBalancer: lb.name,
      port: l.port,
      rule: r.name,
    };
    const dependsOn = [...(listenerChange ? [listenerChange.id] : []), ...p.targetGroupDependencies(r.action)];
    const x = existing.get(i);
    let change: RuleChange | undefined;
    if (!x) {
      change = p.add<RuleChange>({ ...base, id, action: 'create', before: null, after: spec, dependsOn });
      if (r.priority === undefined && lastExisting > 0) {
        p.warnings.push(
          `rule "${r.name}" on ${ref}: no priority in the file, so it goes after the listener's last existing rule (${lastExisting}), at ${priority}, as \`elbctl rule add\` does; write a priority to place it elsewhere`,
        );
      }
    } else {
      const liveAction = p.fromObserved(x.actions);
      const { before, after } = ruleModification<PlanAction>(
        { conditions: x.conditions, action: liveAction },
        { conditions: r.conditions, action },
        sameAction,
      );
      // A forward whose weights are set elsewhere (weights: external) keeps the live ones when it must change.
      if (after.action !== undefined) after.action = keepExternalWeights(action, liveAction);
      if (x.priority !== priority) {
        priorityChanges.set(x.priority, id);
      }
      const tags = p.tagChange(x.tags, { [STACK_TAG]: p.stack, [RULE_TAG]: r.name }, r.tags);
      const moved = x.priority !== priority ? { before: { priority: x.priority }, after: { priority } } : undefined;
      const extra = declaredChanges(x, r, p.options.rotateSecrets === true);
      const beforeAll: Partial<RuleSpec> = {
        ...moved?.before,
        ...before,
        ...extra.before,
        ...(tags ? { tags: tags.before } : {}),
      };
      const afterAll: Partial<RuleSpec> = {
        ...moved?.after,
        ...after,
        ...extra.after,
        ...(tags ? { tags: tags.after } : {}),
      };
      const isAdopt = adopted.has(i);
      const onlyPriority = Object.keys(afterAll).length === 1 && afterAll.priority !== undefined;
      const keeps = after.action && extra.after.authenticate === undefined ? p.leadingActions(x.actions) : undefined;
      if (isAdopt || Object.keys(afterAll).length > 0) {
        change = p.add<RuleChange>({
          ...base,
          id,
          action: isAdopt ? 'adopt' : onlyPriority ? 'move' : 'update',
          before: beforeAll,
          after: afterAll,
          arn: x.arn,
          ...(keeps ? { keepsActions: keeps } : {}),
          dependsOn,
        });
      }
      if (change && after.action) {
        p.release(p.releasedBy(x.actions, action), id);
        blockIfShifting(p, 'rule', `${ref}:${x.priority}`, x.arn, x.tags, change.id, `${ref}:${x.priority}`);
      }
    }
    if (change) planned.push({ change, priority });
    const holder = unmanagedRules.find((u) => u.priority === priority);
    if (holder && (!x || x.priority !== priority)) {
      p.unmanaged.push({
        type: 'rule',
        name: `${ref}:${priority}`,
        arn: holder.arn,
        reason: 'priority-in-use',
        message:
          `rule at priority ${priority} on listener ${ref} is not managed by stack "${p.stack}", and rule "${r.name}" asks for that priority; ` +
          `give "${r.name}" another priority in the stack file, or move the other rule (\`elbctl rule move ${ref}:${priority} --priority N\`)`,
        blocks: change ? [change.id] : [id],
      });
    }
  });

  // A rule may take a priority only once the managed rule holding it has left it.
  for (const { change, priority } of planned) {
    if (change.action !== 'create' && change.after?.priority === undefined) continue;
    const freedBy = deletions.get(priority) ?? (change.action === 'create' ? priorityChanges.get(priority) : undefined);
    if (freedBy && freedBy !== change.id) change.dependsOn.push(freedBy);
  }
}

/** The actions before routing and the transforms, compared only when the file declares them. */
function declaredChanges(
  x: ObservedRule,
  r: DesiredRule,
  rotate: boolean,
): { before: Partial<RuleSpec>; after: Partial<RuleSpec> } {
  const leading = declaredLeadingChange(x.actions, r.authenticate, rotate);
  const before: Partial<RuleSpec> = { ...leading.before };
  const after: Partial<RuleSpec> = { ...leading.after };
  if (r.transforms !== undefined && !sameTransforms(x.transforms ?? [], r.transforms)) {
    before.transforms = x.transforms ?? [];
    after.transforms = r.transforms;
  }
  return { before, after };
}
