/**
 * The rule split an ALB near its rule quota needs (what the AWS Load Balancer Controller's users
 * ask of IngressGroup sharding): which host groups (or, on an ALB that routes on paths only,
 * path groups) can move to a second load balancer so both end under the threshold, with the
 * fewest rules that must exist on both.
 *
 * A rule's keys are the hosts it matches (or the first segments of its paths). Hosts that share a
 * rule are one group: moving one without the other would copy the rule. A rule with no key (no
 * host condition: it matches every host) must exist on both load balancers: it "crosses". So a
 * split of whole groups crosses exactly the keyless rules, and the best one is the most even
 * split of whole groups (subset sums); only when no such split fits are groups cut, greedily,
 * key by key, each time taking the key that makes the fewest rules cross.
 */
import type { Rule } from '../model';

type SplitBy = 'host' | 'path';

export interface RuleSplit {
  by: SplitBy;
  /** The hosts (or path prefixes) to serve from a second load balancer, sorted. */
  move: string[];
  /** Rules that move to the second load balancer. */
  moved: number;
  /** Rules that must exist on both (keyless rules, and rules whose keys end up on both sides). */
  crossing: number;
  /** Rules left on this load balancer. */
  remaining: number;
  /** Rules the second load balancer holds (moved + crossing). */
  second: number;
}

/** The first segment of a path pattern (`/api/v1/*` → `/api`), or undefined when it is a wildcard (it matches every prefix). */
function pathKey(pattern: string): string | undefined {
  const m = /^\/([^/]*)/.exec(pattern);
  if (!m) return undefined;
  const segment = m[1] ?? '';
  if (/[*?]/.test(segment)) return undefined;
  return `/${segment}`;
}

function keysOf(rule: Rule, by: SplitBy): string[] {
  const values = rule.conditions.flatMap((c) =>
    by === 'host'
      ? c.field === 'host-header'
        ? c.values.map((v) => v.toLowerCase())
        : []
      : c.field === 'path-pattern'
        ? c.values.map((v) => pathKey(v) ?? '*')
        : [],
  );
  // A wildcard path segment matches every prefix: the rule has no key of its own.
  if (values.includes('*')) return [];
  return [...new Set(values)].sort();
}

interface Evaluation {
  moved: number;
  crossing: number;
  remaining: number;
  second: number;
}

function evaluate(ruleKeys: readonly string[][], moving: ReadonlySet<string>): Evaluation {
  let moved = 0;
  let crossing = 0;
  let stay = 0;
  for (const keys of ruleKeys) {
    const inside = keys.filter((k) => moving.has(k)).length;
    if (keys.length === 0) {
      if (moving.size > 0) crossing += 1;
      else stay += 1;
    } else if (inside === keys.length) moved += 1;
    else if (inside === 0) stay += 1;
    else crossing += 1;
  }
  return { moved, crossing, remaining: stay + crossing, second: moved + crossing };
}

/** Groups of keys that share a rule (union-find), each with the keys sorted, groups sorted by their first key. */
function groupsOf(ruleKeys: readonly string[][]): string[][] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(k, root);
    return root;
  };
  for (const keys of ruleKeys) for (const k of keys) if (!parent.has(k)) parent.set(k, k);
  for (const keys of ruleKeys) {
    const [first, ...rest] = keys;
    if (first === undefined) continue;
    for (const k of rest) {
      const a = find(first);
      const b = find(k);
      if (a === b) continue;
      const [low, high] = a < b ? [a, b] : [b, a];
      parent.set(high, low);
    }
  }
  const groups = new Map<string, string[]>();
  for (const k of [...parent.keys()].sort()) {
    const root = find(k);
    groups.set(root, [...(groups.get(root) ?? []), k]);
  }
  return [...groups.values()].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}

/** Whole groups to move: the most even split under `limit` on both sides, fewest keys on a tie. */
function wholeGroupSplit(ruleKeys: readonly string[][], limit: number): Set<string> | undefined {
  const groups = groupsOf(ruleKeys);
  if (groups.length < 2) return undefined;
  const sizes = groups.map((g) => evaluate(ruleKeys, new Set(g)).moved);
  const keyless = ruleKeys.filter((k) => k.length === 0).length;
  const keyed = sizes.reduce((a, b) => a + b, 0);
  // best[sum] = the fewest keys that reach it, and which groups (a bit list as indexes).
  let best = new Map<number, number[]>([[0, []]]);
  for (let i = 0; i < groups.length; i++) {
    const next = new Map(best);
    for (const [sum, chosen] of best) {
      const s = sum + (sizes[i] as number);
      const keys = (c: number[]) => c.reduce((n, j) => n + (groups[j] as string[]).length, 0);
      const candidate = [...chosen, i];
      const known = next.get(s);
      if (!known || keys(candidate) < keys(known)) next.set(s, candidate);
    }
    best = next;
  }
  let pick: number[] | undefined;
  let pickGap = Number.POSITIVE_INFINITY;
  for (const [sum, chosen] of [...best].sort(([a], [b]) => a - b)) {
    if (sum === 0 || sum === keyed) continue;
    const first = keyed - sum + keyless;
    const second = sum + keyless;
    if (first > limit || second > limit) continue;
    const gap = Math.abs(first - second);
    if (gap < pickGap) {
      pick = chosen;
      pickGap = gap;
    }
  }
  return pick ? new Set(pick.flatMap((i) => groups[i] as string[])) : undefined;
}

/** Keys added one at a time, each the one that makes the fewest rules cross (then moves the most), until this side fits. */
function greedySplit(ruleKeys: readonly string[][], limit: number): Set<string> | undefined {
  const all = [...new Set(ruleKeys.flat())].sort();
  const moving = new Set<string>();
  while (evaluate(ruleKeys, moving).remaining > limit) {
    let bestKey: string | undefined;
    let bestEval: Evaluation | undefined;
    for (const k of all) {
      if (moving.has(k)) continue;
      const e = evaluate(ruleKeys, new Set([...moving, k]));
      if (
        !bestEval ||
        e.crossing < bestEval.crossing ||
        (e.crossing === bestEval.crossing && e.moved > bestEval.moved)
      ) {
        bestKey = k;
        bestEval = e;
      }
    }
    if (bestKey === undefined) return undefined;
    moving.add(bestKey);
  }
  const e = evaluate(ruleKeys, moving);
  return moving.size > 0 && e.second <= limit && e.moved > 0 ? moving : undefined;
}

/**
 * The split that leaves at most `limit` rules on each load balancer, or undefined when the rules
 * route on neither hosts nor paths, or no split fits.
 */
export function suggestSplit(rules: readonly Rule[], limit: number): RuleSplit | undefined {
  const numbered = rules.filter((r) => !r.isDefault);
  const hasHosts = numbered.some((r) => keysOf(r, 'host').length > 0);
  const by: SplitBy | undefined = hasHosts
    ? 'host'
    : numbered.some((r) => keysOf(r, 'path').length > 0)
      ? 'path'
      : undefined;
  if (by === undefined) return undefined;
  const ruleKeys = numbered.map((r) => keysOf(r, by));
  const moving = wholeGroupSplit(ruleKeys, limit) ?? greedySplit(ruleKeys, limit);
  if (!moving) return undefined;
  return { by, move: [...moving].sort(), ...evaluate(ruleKeys, moving) };
}
