/** The wizard wires listeners to target groups: NLB forwards, ALB routing rules by path or host. */
import {
  defaultRulePattern,
  ruleNameFor,
  RULE_PRIORITY_STEP,
  rulePatternAnswer,
  splitAnswer,
  type ListenerAnswer,
  type RuleAnswer,
  type TargetGroupAnswer,
} from '../../core/wizard';
import type { Wizard } from './questions';

/** The forwarding listener(s) send everything to the first target group; rules do the rest. */
export function connect(listeners: ListenerAnswer[], groups: readonly TargetGroupAnswer[]): void {
  const first = groups[0]?.name;
  for (const l of listeners) if (l.redirectToHttpsPort === undefined) l.forward = first;
}

export async function nlbForwards(
  w: Wizard,
  listeners: ListenerAnswer[],
  groups: readonly TargetGroupAnswer[],
): Promise<void> {
  for (const l of listeners) {
    const fitting = groups.filter((g) => g.protocol === 'TCP' || l.protocol === 'TLS');
    l.forward = await w.ask.select(
      `Listener ${l.protocol} ${l.port} forwards to`,
      fitting.map((g) => ({ value: g.name, short: g.name, name: `${g.name}  (${g.protocol} ${g.port})` })),
      { default: fitting[0]?.name as string },
    );
  }
  const unused = groups.filter((g) => !listeners.some((l) => l.forward === g.name));
  for (const g of unused) w.deps.warn(`target group ${g.name} gets no traffic: no listener forwards to it`);
}

export async function askRules(w: Wizard, groups: readonly TargetGroupAnswer[]): Promise<RuleAnswer[]> {
  const fallback = groups[0] as TargetGroupAnswer;
  w.deps.say(
    `Routing rules send matching requests to another target group; everything else goes to ${fallback.name}. Priorities are set for you (10, 20, 30…), in the order you add the rules.`,
  );
  const rules: RuleAnswer[] = [];
  const unrouted = () => groups.slice(1).filter((g) => !rules.some((r) => r.targetGroup === g.name));
  while (
    await w.ask.confirm(rules.length === 0 ? 'Add a routing rule?' : 'Add another routing rule?', {
      default: unrouted().length > 0,
    })
  ) {
    const field = await w.ask.select<'path' | 'host'>(
      'Route by',
      [
        { value: 'path', short: 'path', name: 'path  the URL path, e.g. /api/*' },
        { value: 'host', short: 'host', name: 'host  the host name, e.g. api.example.com' },
      ],
      { default: 'path' },
    );
    const suggested = (unrouted()[0] ?? groups[1] ?? fallback).name;
    const values = splitAnswer(
      await w.ask.input(
        field === 'path'
          ? 'Path patterns (comma-separated; * and ? are wildcards)'
          : 'Host names (comma-separated; * and ? are wildcards)',
        {
          default: defaultRulePattern(w.stack, suggested, field),
          validate: (v) => rulePatternAnswer(field, v),
        },
      ),
    );
    const targetGroup = await w.ask.select(
      'Send matching requests to',
      groups.map((g) => ({ value: g.name, short: g.name, name: `${g.name}  (${g.protocol} ${g.port})` })),
      { default: suggested },
    );
    const name = ruleNameFor(field, values, new Set(rules.map((r) => r.name)));
    rules.push({ name, priority: (rules.length + 1) * RULE_PRIORITY_STEP, field, values, targetGroup });
  }
  for (const g of unrouted()) w.deps.warn(`target group ${g.name} gets no traffic: no rule sends requests to it`);
  return rules;
}
