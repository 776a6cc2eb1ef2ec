/** Apply steps for rules: create (found again by tag), modify, delete, and one SetRulePriorities per listener. */
import { MAX_PRIORITY, MIN_PRIORITY } from '../../core/priorities';
import { RULE_TAG, STACK_TAG } from '../../core/stack/model';
import type { RuleChange } from '../../core/stack/plan';
import { applyRuleModification } from '../modify';
import { listenerArnOfRule, listenerKey, toTagList } from './arns';
import { deleteIfThere, isPriorityInUse } from './failures';
import type { StepRunner } from './runner';
import { foundNote, pastTense, unsupported } from './wording';

export async function ruleStep(r: StepRunner, c: RuleChange): Promise<string> {
  const arn = c.arn as string;
  switch (c.action) {
    case 'create': {
      const spec = c.after ?? {};
      const tags = spec.tags ?? { [STACK_TAG]: r.options.stack, [RULE_TAG]: c.rule };
      const priority = spec.priority as number;
      const [listenerArn, action] = await Promise.all([
        r.listenerArn(c.loadBalancer, c.port),
        r.physicalAction(spec.action, c.id),
      ]);
      const { value: rule, found } = await r.createOnce(
        () =>
          r.elbv2.createRule({
            listenerArn,
            priority,
            conditions: spec.conditions ?? [],
            actions: [...(r.leadingActions(c) ?? []), action],
            ...(spec.transforms?.length ? { transforms: spec.transforms } : {}),
            tags: toTagList(tags),
          }),
        async () => {
          // A rule is identified by its tag only: an untagged rule is never taken for ours.
          const numbered = (await r.elbv2.listRules(listenerArn)).filter((r) => !r.isDefault);
          const rank = (r: { priority: number | 'default' }) => (r.priority === priority ? -1 : (r.priority as number));
          return r.claim(
            `rule ${c.name}`,
            numbered,
            tags,
            true,
            (a, b) => rank(a) - rank(b),
            (kept, twins) =>
              `rule ${c.name}: ${twins.length + 1} rules carry tag ${RULE_TAG}=${c.rule} (a create was retried); kept the one at priority ${kept.priority}; ` +
              `the next \`elbctl apply\` deletes the other${twins.length > 1 ? 's' : ''} (${twins.map((t) => `priority ${t.priority}`).join(', ')})`,
          );
        },
      );
      r.options.arns[c.id] = rule.arn;
      return `created rule ${c.name} at priority ${priority}${foundNote(found)}`;
    }
    case 'update':
    case 'adopt':
      await modifyRule(r, c);
      r.options.arns[c.id] = arn;
      return `${pastTense(c.action)} rule ${c.name}`;
    case 'delete':
      await deleteIfThere(() => r.elbv2.deleteRule(arn));
      r.options.arns[c.id] = arn;
      return `deleted rule ${c.name}`;
    default:
      throw unsupported(c);
  }
}

/** Tags, conditions and action of a kept rule; its priority goes with its listener's others. */
async function modifyRule(r: StepRunner, c: RuleChange): Promise<void> {
  const { action: _live, priority: _was, authenticate: _had, ...before } = c.before ?? {};
  const { action: wanted, priority: _priority, authenticate: _declared, ...after } = c.after ?? {};
  const action = wanted ? await r.physicalAction(wanted, c.id) : undefined;
  const leading = r.leadingActions(c);
  await applyRuleModification(
    r.elbv2,
    c.arn as string,
    { before, after: { ...after, ...(action ? { action } : {}) } },
    leading ? { leading } : { current: c.keepsActions ? undefined : [] },
  );
}

export async function prioritiesStep(r: StepRunner, members: RuleChange[]): Promise<string> {
  for (const m of members) {
    await modifyRule(r, m);
    r.options.arns[m.id] = m.arn as string;
  }
  const moves = members.map((m) => ({ ruleArn: m.arn as string, priority: m.after?.priority as number }));
  try {
    await r.elbv2.setRulePriorities(moves);
  } catch (e) {
    if (!isPriorityInUse(e)) throw e;
    await prioritiesThroughFreeOnes(r, members, moves, e);
  }
  const first = members[0] as RuleChange;
  return members.length === 1
    ? `moved rule ${first.name} to priority ${first.after?.priority}`
    : `moved ${members.length} rules of listener ${listenerKey(first.loadBalancer, first.port)}: ${members.map((m) => `${m.rule} → ${m.after?.priority}`).join(', ')}`;
}

/**
 * Emulator workaround, also valid on AWS: moto rejects a SetRulePriorities call in which a
 * rule takes a priority that another rule of the same call is leaving (a swap, a cycle, a
 * chain) with PriorityInUse, which AWS accepts. When that is the only reason — every priority
 * asked for is free or held by a rule of this call — the rules go to free priorities above
 * the highest in use first, then to the ones asked for: two calls, no rule ever shares a
 * priority. A priority held by any other rule is a real conflict and is reported unchanged.
 */
async function prioritiesThroughFreeOnes(
  r: StepRunner,
  members: RuleChange[],
  moves: Array<{ ruleArn: string; priority: number }>,
  original: unknown,
): Promise<void> {
  const first = members[0] as RuleChange;
  const listenerArn =
    r.registry.listeners.get(listenerKey(first.loadBalancer, first.port)) ?? listenerArnOfRule(first.arn as string);
  const numbered = (await r.elbv2.listRules(listenerArn)).filter((r) => !r.isDefault);
  const moving = new Set(moves.map((m) => m.ruleArn));
  const wanted = new Set(moves.map((m) => m.priority));
  const heldByOthers = numbered.some((r) => !moving.has(r.arn) && wanted.has(r.priority as number));
  const heldByMoving = numbered.some((r) => moving.has(r.arn) && wanted.has(r.priority as number));
  if (heldByOthers || !heldByMoving) throw original;
  const taken = new Set([...numbered.map((r) => r.priority as number), ...wanted]);
  const free: number[] = [];
  const highest = Math.max(0, ...taken);
  for (let p = highest + 1; p <= MAX_PRIORITY && free.length < moves.length; p++) free.push(p);
  for (let p = MIN_PRIORITY; p <= highest && free.length < moves.length; p++) if (!taken.has(p)) free.push(p);
  if (free.length < moves.length) throw original;
  await r.elbv2.setRulePriorities(moves.map((m, i) => ({ ruleArn: m.ruleArn, priority: free[i] as number })));
  await r.elbv2.setRulePriorities(moves);
}
