/**
 * The planner: plan(desired, observed) → Plan, pure. The same Plan value drives the preview,
 * `-o json`, `--out plan.json`, approval and the apply.
 *
 * Identity lives in tags, never in a local state file:
 * - every resource a stack creates carries `elbctl:stack=<stack>`; only those are ever updated
 *   in place without adoption, replaced or deleted;
 * - a rule is identified by `elbctl:rule=<name>`, never by its priority: a new priority is a
 *   `move` (SetRulePriorities), never a new rule;
 * - a target group carries `elbctl:name=<name in the file>`, because a replacement gets a new
 *   AWS name (`api` → `api-3f2a`): AWS cannot change protocol, port, VPC or target type in place.
 *
 * Untagged resources:
 * - a load balancer, target group or listener (by port) whose name the stack declares is
 *   adopted: the apply tags it, then updates what differs. Never replaced, never deleted;
 * - a rule that is exactly the declared one (same priority, conditions and action) is adopted
 *   the same way (so `elbctl export` → `apply` takes existing rules over);
 * - any other untagged rule is left alone. When it holds a priority the file asks for, that is
 *   a collision: it is listed under `unmanaged`, the change it blocks stays in `changes`, and
 *   the apply refuses the whole plan (`isBlocked`) rather than silently choosing another
 *   priority, which would change the evaluation order the file asks for. Rules whose priority
 *   is left to elbctl simply skip the priorities unmanaged rules hold.
 *
 * Attributes are compared only by the keys the stack declares (plus the secure defaults),
 * health checks only by the fields it declares, and targets only when it lists them.
 *
 * Execution: every change has a stable id (`listener:shop-web:443`, `rule:shop-web:443:api`)
 * and `dependsOn` ids of other changes in the same plan, so the apply runs a dependency graph.
 * Two conventions the executor follows:
 * - all priority changes of one listener (`move`, and `update`s that carry a priority) go in
 *   ONE SetRulePriorities call, so swaps need no ordering between them;
 * - `replace` of a target group creates the new one first; the old one (`arn`) is deleted
 *   only after the changes in `deleteOldAfter` (the listeners and rules repointed to the new
 *   one); `replace` of a load balancer deletes the old one first (its name is reused).
 */
import type { ActionSpec, ForwardTarget } from '../actions';
import { validationError } from '../errors';
import { CROSS_ZONE_ATTRIBUTE, crossZoneChargeWarning } from '../cross-zone';
import { isSecureProtocol } from '../listeners';
import type { Action, Condition, HealthCheck, Target, TargetType } from '../model';
import { allocatePriorities, DELETION_PROTECTION_ATTRIBUTE } from './defaults';
import {
  NAME_TAG,
  RULE_TAG,
  STACK_TAG,
  type Attributes,
  type DesiredListener,
  type DesiredLoadBalancer,
  type DesiredRule,
  type DesiredStack,
  type DesiredTargetGroup,
  type HealthCheckSpec,
  type Observed,
  type ObservedListener,
  type ObservedLoadBalancer,
  type ObservedRule,
  type ObservedTargetGroup,
  type Tags,
} from './model';

export const PLAN_VERSION = 1;

export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'move' | 'adopt';
export type ChangeType = 'load-balancer' | 'target-group' | 'listener' | 'rule' | 'targets' | 'attributes';

/** A forward may carry group stickiness as AWS reports it; elbctl never sets it. */
export type ForwardActionSpec = Extract<ActionSpec, { type: 'forward' }> & { stickinessSeconds?: number | undefined };
/** Actions in a plan: target groups by their AWS NAME (resolve to ARNs at apply time). */
export type PlanAction =
  | ForwardActionSpec
  | Exclude<ActionSpec, { type: 'forward' }>
  | { type: 'other'; awsType: string };

export interface LoadBalancerSpec {
  name: string;
  type: string;
  scheme: string;
  subnets: string[];
  securityGroups?: string[] | undefined;
  ipAddressType: string;
  tags: Tags;
}

export interface TargetGroupSpec {
  /** The AWS name (differs from the file's name after a replacement). */
  name: string;
  protocol?: string | undefined;
  port?: number | undefined;
  vpc?: string | undefined;
  targetType: TargetType;
  healthCheck: HealthCheckSpec;
  tags: Tags;
}

export interface ListenerSpec {
  protocol: string;
  certificates: string[];
  sslPolicy?: string | undefined;
  defaultAction: PlanAction;
  tags: Tags;
}

export interface RuleSpec {
  priority: number;
  conditions: Condition[];
  action: PlanAction;
  tags: Tags;
}

interface ChangeBase<T extends ChangeType, V> {
  /** Stable id, unique in the plan: `load-balancer:NAME`, `listener:LB:PORT`, `rule:LB:PORT:RULE`, … */
  id: string;
  action: ChangeAction;
  type: T;
  /** What the user calls it: `shop-web`, `api`, `shop-web:443`, `shop-web:443:api`. */
  name: string;
  /**
   * create: null; update/adopt/move: only the fields that change; delete: the resource;
   * replace: the fields that force it.
   */
  before: V | null;
  /** create/replace: the complete spec; update/adopt/move: only the fields that change; delete: null. */
  after: V | null;
  /** The live resource acted on (every action but create). */
  arn?: string | undefined;
  /** Ids of changes in this plan that must finish first. */
  dependsOn: string[];
}

export interface LoadBalancerChange extends ChangeBase<'load-balancer', Partial<LoadBalancerSpec>> {
  /** delete: the load balancer has deletion protection on, which must be turned off first. */
  deletionProtection?: boolean | undefined;
}

export interface TargetGroupChange extends ChangeBase<'target-group', Partial<TargetGroupSpec>> {
  /** replace: delete the old target group (`arn`) only once these changes are done. */
  deleteOldAfter?: string[] | undefined;
}

export interface ListenerChange extends ChangeBase<'listener', Partial<ListenerSpec>> {
  loadBalancer: string;
  port: number;
}

export interface RuleChange extends ChangeBase<'rule', Partial<RuleSpec>> {
  loadBalancer: string;
  port: number;
  rule: string;
}

export interface TargetsChange extends ChangeBase<'targets', Target[]> {
  /** The AWS name of the target group. */
  targetGroup: string;
  register: Target[];
  deregister: Target[];
}

export interface AttributesChange extends ChangeBase<'attributes', Attributes> {
  resource: 'load-balancer' | 'target-group';
  /** The AWS name of the load balancer or target group. */
  resourceName: string;
}

export type Change =
  | LoadBalancerChange
  | TargetGroupChange
  | ListenerChange
  | RuleChange
  | TargetsChange
  | AttributesChange;

export type UnmanagedReason = 'priority-in-use' | 'owned-by-another-stack' | 'incompatible' | 'in-use';

/** A live resource the stack may not touch that stands in its way. The apply refuses while any is listed. */
export interface UnmanagedResource {
  type: 'load-balancer' | 'target-group' | 'listener' | 'rule';
  name: string;
  arn: string;
  reason: UnmanagedReason;
  message: string;
  /** Ids of the changes it blocks. */
  blocks: string[];
}

export type PlanSummary = Record<ChangeAction, number>;

export interface PlanJson {
  version: typeof PLAN_VERSION;
  stack: string;
  changes: Change[];
  unmanaged: UnmanagedResource[];
  warnings: string[];
  summary: PlanSummary;
}

export class Plan {
  readonly version = PLAN_VERSION;

  constructor(
    readonly stack: string,
    readonly changes: readonly Change[],
    readonly unmanaged: readonly UnmanagedResource[] = [],
    readonly warnings: readonly string[] = [],
  ) {}

  get summary(): PlanSummary {
    const s: PlanSummary = { create: 0, update: 0, delete: 0, replace: 0, move: 0, adopt: 0 };
    for (const c of this.changes) s[c.action]++;
    return s;
  }

  /** Nothing to do: the live state already is the stack. */
  get isEmpty(): boolean {
    return this.changes.length === 0;
  }

  /** Deletes or replaces something, or deregisters targets: confirmation must say so. */
  get isDestructive(): boolean {
    return this.changes.some(
      (c) => c.action === 'delete' || c.action === 'replace' || (c.type === 'targets' && c.deregister.length > 0),
    );
  }

  /** Something unmanaged stands in the way; the apply refuses. */
  get isBlocked(): boolean {
    return this.unmanaged.length > 0;
  }

  change(id: string): Change | undefined {
    return this.changes.find((c) => c.id === id);
  }

  toJSON(): PlanJson {
    return {
      version: PLAN_VERSION,
      stack: this.stack,
      changes: [...this.changes],
      unmanaged: [...this.unmanaged],
      warnings: [...this.warnings],
      summary: this.summary,
    };
  }

  /** A plan read back from `--out plan.json`; checks the envelope, not every field. */
  static fromJSON(value: unknown): Plan {
    const bad = (why: string) =>
      validationError(
        'E_PLAN_INVALID',
        `plan file: ${why}; create it again with \`elbctl plan -f FILE --out plan.json\``,
      );
    if (typeof value !== 'object' || value === null) throw bad('not a JSON object');
    const v = value as Record<string, unknown>;
    if (v.version !== PLAN_VERSION)
      throw bad(`version ${JSON.stringify(v.version)} is not supported (this elbctl writes version ${PLAN_VERSION})`);
    if (typeof v.stack !== 'string' || v.stack.length === 0) throw bad('"stack" is missing');
    if (!Array.isArray(v.changes)) throw bad('"changes" is missing');
    const actions = new Set<string>(['create', 'update', 'delete', 'replace', 'move', 'adopt']);
    const types = new Set<string>(['load-balancer', 'target-group', 'listener', 'rule', 'targets', 'attributes']);
    const ids = new Set<string>();
    for (const [n, c] of (v.changes as unknown[]).entries()) {
      const change = c as Record<string, unknown> | null;
      if (
        typeof change !== 'object' ||
        change === null ||
        typeof change.id !== 'string' ||
        !actions.has(String(change.action)) ||
        !types.has(String(change.type)) ||
        typeof change.name !== 'string' ||
        !Array.isArray(change.dependsOn)
      ) {
        throw bad(`change #${n + 1} is not a change (id, action, type, name, dependsOn)`);
      }
      if (ids.has(change.id)) throw bad(`change id "${change.id}" appears twice`);
      ids.add(change.id);
    }
    for (const c of v.changes as Array<{ id: string; dependsOn: unknown[] }>) {
      for (const d of c.dependsOn)
        if (typeof d !== 'string' || !ids.has(d))
          throw bad(`change "${c.id}" depends on unknown change ${JSON.stringify(d)}`);
    }
    const unmanaged = Array.isArray(v.unmanaged) ? (v.unmanaged as UnmanagedResource[]) : [];
    const warnings = Array.isArray(v.warnings)
      ? (v.warnings as unknown[]).filter((w): w is string => typeof w === 'string')
      : [];
    return new Plan(v.stack, v.changes as Change[], unmanaged, warnings);
  }
}

export interface PlanOptions {
  /** Plan `destroy`: every resource owned by the stack is deleted; the file's resources are ignored. */
  destroy?: boolean | undefined;
}

export function plan(desired: DesiredStack, observed: Observed, options: PlanOptions = {}): Plan {
  return new Planner(desired, observed, options).run();
}

/** The plan that deletes everything the stack owns (`elbctl destroy`). */
export function planDestroy(stack: string, observed: Observed): Plan {
  return plan({ version: 1, stack, loadBalancers: [], targetGroups: [], warnings: [] }, observed, { destroy: true });
}

// ------------------------------------------------------------------ comparing

function canonicalAction(a: PlanAction): string {
  switch (a.type) {
    case 'forward':
      return JSON.stringify({
        type: 'forward',
        // One target group without a weight is the same as one with weight 1.
        groups: a.targets.map((t) => `${t.targetGroup}=${a.targets.length === 1 ? 1 : (t.weight ?? 1)}`).sort(),
        stickiness: a.stickinessSeconds ?? null,
      });
    case 'redirect':
      return JSON.stringify({
        type: 'redirect',
        protocol: a.protocol ?? '#{protocol}',
        port: a.port ?? '#{port}',
        host: a.host ?? '#{host}',
        path: a.path ?? '/#{path}',
        query: a.query ?? '#{query}',
        statusCode: a.statusCode,
      });
    case 'fixed-response':
      return JSON.stringify({
        type: 'fixed-response',
        statusCode: a.statusCode,
        contentType: a.contentType ?? 'text/plain',
        body: a.messageBody ?? '',
      });
    case 'other':
      return JSON.stringify({ type: a.awsType });
  }
}

const sameAction = (a: PlanAction, b: PlanAction) => canonicalAction(a) === canonicalAction(b);

function canonicalConditions(conditions: readonly Condition[]): string {
  const one = (c: Condition) => {
    switch (c.field) {
      case 'http-header':
        return `${c.field}:${c.headerName.toLowerCase()}=${[...c.values].sort().join('\u0001')}`;
      case 'query-string':
        return `${c.field}=${c.values
          .map((v) => `${v.key ?? ''}\u0002${v.value}`)
          .sort()
          .join('\u0001')}`;
      default:
        return `${c.field}=${[...c.values].sort().join('\u0001')}`;
    }
  };
  return conditions.map(one).sort().join('\u0000');
}

const sameConditions = (a: readonly Condition[], b: readonly Condition[]) =>
  canonicalConditions(a) === canonicalConditions(b);

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** The default certificate must be the same one; the others are a set. */
const sameCertificates = (a: readonly string[], b: readonly string[]) =>
  (a[0] ?? '') === (b[0] ?? '') && sameSet(a.slice(1), b.slice(1));

/** `arn:…:targetgroup/NAME/ID` → NAME (for target groups the observation does not include). */
function targetGroupNameFromArn(arn: string): string {
  const m = /:targetgroup\/([^/]+)\//.exec(arn);
  return m?.[1] ?? arn;
}

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

// ------------------------------------------------------------------ the planner

interface TargetGroupState {
  logical: string;
  desired: DesiredTargetGroup;
  observed?: ObservedTargetGroup | undefined;
  /** The AWS name after the apply. */
  awsName: string;
  /** Created or replaced by this plan: everything about it is new. */
  fresh: boolean;
  blocked: boolean;
  change?: TargetGroupChange | undefined;
}

const HEALTH_CHECK_FIELDS: ReadonlyArray<keyof HealthCheck> = [
  'enabled',
  'protocol',
  'port',
  'path',
  'intervalSeconds',
  'timeoutSeconds',
  'healthyThreshold',
  'unhealthyThreshold',
  'matcher',
];

class Planner {
  private readonly changes: Change[] = [];
  private readonly unmanaged: UnmanagedResource[] = [];
  private readonly warnings: string[];
  private readonly ids = new Set<string>();
  private readonly stack: string;
  private readonly tgStates = new Map<string, TargetGroupState>();
  private readonly tgNameByArn = new Map<string, string>();
  private readonly matchedTargetGroupArns = new Set<string>();
  /** Target group ARN → ids of changes after which nothing managed refers to it any more. */
  private readonly releases = new Map<string, string[]>();
  /** Target group ARN → what unmanaged keeps referring to it (listeners, rules). */
  private readonly pinned = new Map<string, string[]>();

  constructor(
    private readonly desired: DesiredStack,
    private readonly observed: Observed,
    private readonly options: PlanOptions,
  ) {
    this.stack = desired.stack;
    this.warnings = options.destroy ? [] : [...desired.warnings];
    for (const tg of observed.targetGroups) this.tgNameByArn.set(tg.arn, tg.name);
  }

  run(): Plan {
    const wantTargetGroups = this.options.destroy ? [] : this.desired.targetGroups;
    const wantLoadBalancers = this.options.destroy ? [] : this.desired.loadBalancers;
    for (const tg of wantTargetGroups) {
      this.planTargetGroup(tg);
      this.planTargetGroupParts(this.tgStates.get(tg.name) as TargetGroupState);
    }
    for (const lb of wantLoadBalancers) this.planLoadBalancer(lb);
    const desiredNames = new Set(wantLoadBalancers.map((l) => l.name));
    for (const olb of this.observed.loadBalancers) {
      if (!desiredNames.has(olb.name) && this.owned(olb.tags)) this.deleteLoadBalancer(olb);
    }
    for (const otg of this.observed.targetGroups) {
      if (this.owned(otg.tags) && !this.matchedTargetGroupArns.has(otg.arn)) this.deleteTargetGroup(otg);
    }
    for (const state of this.tgStates.values()) {
      const c = state.change;
      if (c?.action === 'replace' && state.observed) {
        c.deleteOldAfter = [...(this.releases.get(state.observed.arn) ?? [])];
        this.blockIfPinned(state.observed, c.id, 'replace');
      }
    }
    for (const c of this.changes) {
      c.dependsOn = [...new Set(c.dependsOn)].filter((d) => d !== c.id && this.ids.has(d));
      if (c.type === 'target-group' && c.deleteOldAfter)
        c.deleteOldAfter = [...new Set(c.deleteOldAfter)].filter((d) => this.ids.has(d));
    }
    return new Plan(this.stack, this.changes, this.unmanaged, this.warnings);
  }

  // ---------------------------------------------------------------- helpers

  private owned(tags: Tags): boolean {
    return tags[STACK_TAG] === this.stack;
  }

  private foreign(tags: Tags): boolean {
    return tags[STACK_TAG] !== undefined && tags[STACK_TAG] !== this.stack;
  }

  private add<C extends Change>(change: C): C {
    this.ids.add(change.id);
    this.changes.push(change);
    return change;
  }

  private uniqueId(base: string): string {
    if (!this.ids.has(base)) return base;
    for (let n = 2; ; n++) if (!this.ids.has(`${base}#${n}`)) return `${base}#${n}`;
  }

  private release(arns: Iterable<string>, changeId: string): void {
    for (const arn of arns) {
      const list = this.releases.get(arn) ?? [];
      list.push(changeId);
      this.releases.set(arn, list);
    }
  }

  private pin(actions: readonly Action[], what: string): void {
    for (const arn of actionArns(actions)) {
      const list = this.pinned.get(arn) ?? [];
      list.push(what);
      this.pinned.set(arn, list);
    }
  }

  private blockIfPinned(tg: ObservedTargetGroup, changeId: string, verb: 'delete' | 'replace'): void {
    const users = this.pinned.get(tg.arn);
    if (!users?.length) return;
    this.unmanaged.push({
      type: 'target-group',
      name: tg.name,
      arn: tg.arn,
      reason: 'in-use',
      message: `target group "${tg.name}": the plan would ${verb} it, but ${users.join(' and ')} (not managed by stack "${this.stack}") still forwards to it; point ${users.length > 1 ? 'them' : 'it'} elsewhere first`,
      blocks: [changeId],
    });
  }

  /** A desired action with target group names from the file → AWS names after the apply. */
  private physical(a: ActionSpec): PlanAction {
    if (a.type !== 'forward') return a;
    return {
      type: 'forward',
      targets: a.targets.map((t) => ({
        targetGroup: this.tgStates.get(t.targetGroup)?.awsName ?? t.targetGroup,
        ...(t.weight !== undefined ? { weight: t.weight } : {}),
      })),
    };
  }

  /** Observed actions (ARNs) → one plan action with AWS names. */
  private fromObserved(actions: readonly Action[]): PlanAction {
    if (actions.length !== 1)
      return {
        type: 'other',
        awsType: actions.map((a) => (a.type === 'other' ? a.awsType : a.type)).join('+') || 'none',
      };
    const a = actions[0] as Action;
    switch (a.type) {
      case 'forward':
        return {
          type: 'forward',
          targets: a.targetGroups.map(
            (g): ForwardTarget => ({
              targetGroup: this.tgNameByArn.get(g.targetGroupArn) ?? targetGroupNameFromArn(g.targetGroupArn),
              ...(g.weight !== undefined ? { weight: g.weight } : {}),
            }),
          ),
          ...(a.stickinessSeconds !== undefined ? { stickinessSeconds: a.stickinessSeconds } : {}),
        };
      case 'redirect':
      case 'fixed-response':
        return a;
      case 'other':
        return { type: 'other', awsType: a.awsType };
    }
  }

  /** Change ids of the target groups an action forwards to, when those are being created or replaced. */
  private targetGroupDependencies(a: ActionSpec): string[] {
    if (a.type !== 'forward') return [];
    return a.targets.flatMap((t) => {
      const c = this.tgStates.get(t.targetGroup)?.change;
      return c && (c.action === 'create' || c.action === 'replace' || c.action === 'adopt') ? [c.id] : [];
    });
  }

  /** ARNs an observed action refers to whose AWS names the new action no longer names. */
  private releasedBy(before: readonly Action[], after: PlanAction | undefined): string[] {
    const keep = new Set(after?.type === 'forward' ? after.targets.map((t) => t.targetGroup) : []);
    return actionArns(before).filter((arn) => !keep.has(this.tgNameByArn.get(arn) ?? targetGroupNameFromArn(arn)));
  }

  // ---------------------------------------------------------------- target groups

  private planTargetGroup(tg: DesiredTargetGroup): void {
    const id = `target-group:${tg.name}`;
    const spec: TargetGroupSpec = {
      name: tg.name,
      ...(tg.protocol !== undefined ? { protocol: tg.protocol } : {}),
      ...(tg.port !== undefined ? { port: tg.port } : {}),
      ...(tg.vpc !== undefined ? { vpc: tg.vpc } : {}),
      targetType: tg.targetType,
      healthCheck: tg.healthCheck,
      tags: { [STACK_TAG]: this.stack, [NAME_TAG]: tg.name },
    };
    const compatible = (o: ObservedTargetGroup) =>
      (o.protocol ?? null) === (tg.protocol ?? null) &&
      (o.port ?? null) === (tg.port ?? null) &&
      (o.vpcId ?? null) === (tg.vpc ?? null) &&
      o.targetType === tg.targetType;
    const state: TargetGroupState = { logical: tg.name, desired: tg, awsName: tg.name, fresh: false, blocked: false };
    this.tgStates.set(tg.name, state);

    const candidates = this.observed.targetGroups.filter(
      (o) => this.owned(o.tags) && (o.tags[NAME_TAG] ?? o.name) === tg.name,
    );
    const match = candidates.find(compatible) ?? candidates[0];
    if (match) {
      this.matchedTargetGroupArns.add(match.arn);
      state.observed = match;
      state.awsName = match.name;
      if (!compatible(match)) {
        const taken = new Set([
          ...this.observed.targetGroups.map((o) => o.name),
          ...this.desired.targetGroups.map((d) => d.name),
        ]);
        const newName = replacementName(tg.name, `${tg.protocol}|${tg.port}|${tg.vpc}|${tg.targetType}`, taken);
        state.awsName = newName;
        state.fresh = true;
        const forced = immutableDifferences(match, tg);
        state.change = this.add<TargetGroupChange>({
          id,
          action: 'replace',
          type: 'target-group',
          name: tg.name,
          before: { name: match.name, ...forced.before },
          after: { ...spec, name: newName },
          arn: match.arn,
          dependsOn: [],
        });
        this.warnings.push(
          `target group "${tg.name}": ${Object.keys(forced.after).join(', ')} cannot change in place, so it is replaced by "${newName}" and the old one deleted once nothing forwards to it` +
            (tg.targets === undefined
              ? `; targets registered by other tools (auto scaling, ECS) are not moved: attach them to "${newName}"`
              : ''),
        );
        return;
      }
      const diff = healthCheckDiff(tg.healthCheck, match.healthCheck);
      const missingName = match.tags[NAME_TAG] !== tg.name;
      if (diff || missingName) {
        state.change = this.add<TargetGroupChange>({
          id,
          action: 'update',
          type: 'target-group',
          name: tg.name,
          before: {
            ...(diff ? { healthCheck: diff.before } : {}),
            ...(missingName ? { tags: pick(match.tags, [NAME_TAG]) } : {}),
          },
          after: {
            ...(diff ? { healthCheck: diff.after } : {}),
            ...(missingName ? { tags: { [NAME_TAG]: tg.name } } : {}),
          },
          arn: match.arn,
          dependsOn: [],
        });
      }
      return;
    }

    const byName = this.observed.targetGroups.find((o) => o.name === tg.name);
    if (!byName) {
      state.fresh = true;
      state.change = this.add<TargetGroupChange>({
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
    if (this.foreign(byName.tags) || this.owned(byName.tags)) {
      state.blocked = true;
      const owner = byName.tags[STACK_TAG] ?? '';
      this.unmanaged.push({
        type: 'target-group',
        name: byName.name,
        arn: byName.arn,
        reason: 'owned-by-another-stack',
        message: this.owned(byName.tags)
          ? `target group "${byName.name}": the name is taken by target group "${byName.tags[NAME_TAG] ?? ''}" of this stack (a replacement); rename "${tg.name}" in the stack file`
          : `target group "${byName.name}": belongs to stack "${owner}" (tag ${STACK_TAG}=${owner}); rename it in this stack file, or remove it from stack "${owner}" first`,
        blocks: [id],
      });
      return;
    }
    if (!compatible(byName)) {
      state.blocked = true;
      const forced = immutableDifferences(byName, tg);
      this.unmanaged.push({
        type: 'target-group',
        name: byName.name,
        arn: byName.arn,
        reason: 'incompatible',
        message: `target group "${byName.name}": exists, not managed by elbctl, with other ${Object.keys(forced.after).join(', ')} than the stack declares; elbctl replaces only what it owns, so rename the target group in the stack file or delete the existing one`,
        blocks: [id],
      });
      return;
    }
    this.matchedTargetGroupArns.add(byName.arn);
    const diff = healthCheckDiff(tg.healthCheck, byName.healthCheck);
    state.change = this.add<TargetGroupChange>({
      id,
      action: 'adopt',
      type: 'target-group',
      name: tg.name,
      before: { tags: {}, ...(diff ? { healthCheck: diff.before } : {}) },
      after: { tags: spec.tags, ...(diff ? { healthCheck: diff.after } : {}) },
      arn: byName.arn,
      dependsOn: [],
    });
  }

  private planTargetGroupParts(state: TargetGroupState): void {
    if (state.blocked) return;
    const { desired: tg, observed: o, fresh } = state;
    const depends = state.change ? [state.change.id] : [];
    const live = fresh || !o ? {} : o.attributes;
    const changed = Object.keys(tg.attributes).filter((k) => live[k] !== tg.attributes[k]);
    if (changed.length > 0) {
      this.add<AttributesChange>({
        id: `attributes:target-group:${state.logical}`,
        action: fresh ? 'create' : 'update',
        type: 'attributes',
        name: state.logical,
        before: fresh ? null : pick(live, changed),
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
    this.add<TargetsChange>({
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

  private deleteTargetGroup(o: ObservedTargetGroup): void {
    const name = o.tags[NAME_TAG] ?? o.name;
    const id = this.uniqueId(`target-group:${name}`);
    this.add<TargetGroupChange>({
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
      dependsOn: [...(this.releases.get(o.arn) ?? [])],
    });
    this.blockIfPinned(o, id, 'delete');
  }

  // ---------------------------------------------------------------- load balancers

  private planLoadBalancer(lb: DesiredLoadBalancer): void {
    const id = `load-balancer:${lb.name}`;
    const spec: LoadBalancerSpec = {
      name: lb.name,
      type: lb.type,
      scheme: lb.scheme,
      subnets: lb.subnets,
      ...(lb.securityGroups !== undefined ? { securityGroups: lb.securityGroups } : {}),
      ipAddressType: lb.ipAddressType,
      tags: { [STACK_TAG]: this.stack },
    };
    const o = this.observed.loadBalancers.find((x) => x.name === lb.name);
    let change: LoadBalancerChange | undefined;
    let fresh = false;
    if (!o) {
      change = this.add<LoadBalancerChange>({
        id,
        action: 'create',
        type: 'load-balancer',
        name: lb.name,
        before: null,
        after: spec,
        dependsOn: [],
      });
      fresh = true;
    } else {
      const forced = o.type !== lb.type || o.scheme !== lb.scheme;
      if (this.foreign(o.tags) || (!this.owned(o.tags) && forced)) {
        const owner = o.tags[STACK_TAG] ?? '';
        this.unmanaged.push({
          type: 'load-balancer',
          name: o.name,
          arn: o.arn,
          reason: this.foreign(o.tags) ? 'owned-by-another-stack' : 'incompatible',
          message: this.foreign(o.tags)
            ? `load balancer "${o.name}": belongs to stack "${owner}" (tag ${STACK_TAG}=${owner}); rename it in this stack file, or remove it from stack "${owner}" first`
            : `load balancer "${o.name}": exists, not managed by elbctl, as ${o.scheme} ${o.type}, but the stack declares ${lb.scheme} ${lb.type}; elbctl replaces only what it owns, so rename it in the stack file or delete the existing one`,
          blocks: [id],
        });
        this.pinLoadBalancer(o);
        return;
      }
      if (forced) {
        fresh = true;
        change = this.add<LoadBalancerChange>({
          id,
          action: 'replace',
          type: 'load-balancer',
          name: lb.name,
          before: { type: o.type, scheme: o.scheme },
          after: spec,
          arn: o.arn,
          dependsOn: [],
        });
        this.release(loadBalancerArns(o), id);
        this.warnings.push(
          `load balancer "${lb.name}": its type or scheme cannot change in place, so it is deleted and created again: it is offline in between and its DNS name changes`,
        );
      } else {
        const before: Partial<LoadBalancerSpec> = {};
        const after: Partial<LoadBalancerSpec> = {};
        if (!sameSet(o.subnets, lb.subnets)) {
          before.subnets = o.subnets;
          after.subnets = lb.subnets;
        }
        if (lb.securityGroups !== undefined && !sameSet(o.securityGroups, lb.securityGroups)) {
          before.securityGroups = o.securityGroups;
          after.securityGroups = lb.securityGroups;
        }
        if (o.ipAddressType !== lb.ipAddressType) {
          before.ipAddressType = o.ipAddressType;
          after.ipAddressType = lb.ipAddressType;
        }
        if (!this.owned(o.tags)) {
          change = this.add<LoadBalancerChange>({
            id,
            action: 'adopt',
            type: 'load-balancer',
            name: lb.name,
            before: { ...before, tags: {} },
            after: { ...after, tags: spec.tags },
            arn: o.arn,
            dependsOn: [],
          });
        } else if (Object.keys(after).length > 0) {
          change = this.add<LoadBalancerChange>({
            id,
            action: 'update',
            type: 'load-balancer',
            name: lb.name,
            before,
            after,
            arn: o.arn,
            dependsOn: [],
          });
        }
      }
    }

    const live = fresh || !o ? {} : o.attributes;
    const changed = Object.keys(lb.attributes).filter((k) => live[k] !== lb.attributes[k]);
    if (changed.length > 0) {
      this.add<AttributesChange>({
        id: `attributes:load-balancer:${lb.name}`,
        action: fresh ? 'create' : 'update',
        type: 'attributes',
        name: lb.name,
        before: fresh ? null : pick(live, changed),
        after: pick(lb.attributes, changed),
        ...(o && !fresh ? { arn: o.arn } : {}),
        resource: 'load-balancer',
        resourceName: lb.name,
        dependsOn: change ? [change.id] : [],
      });
      const warning = crossZoneChargeWarning(lb.type);
      if (warning && lb.attributes[CROSS_ZONE_ATTRIBUTE] === 'true' && live[CROSS_ZONE_ATTRIBUTE] !== 'true') {
        this.warnings.push(`load balancer "${lb.name}": cross-zone load balancing turns on; ${warning}`);
      }
    }

    const liveListeners = fresh || !o ? [] : o.listeners;
    for (const l of lb.listeners) {
      this.planListener(
        lb,
        l,
        liveListeners.find((x) => x.port === l.port),
        change,
      );
    }
    const ports = new Set(lb.listeners.map((l) => l.port));
    for (const ol of liveListeners) {
      if (ports.has(ol.port)) continue;
      if (this.owned(ol.tags)) this.deleteListener(lb.name, ol);
      else this.pinListener(lb.name, ol);
    }
  }

  private deleteLoadBalancer(o: ObservedLoadBalancer): void {
    const id = `load-balancer:${o.name}`;
    const protectedLb = o.attributes[DELETION_PROTECTION_ATTRIBUTE] === 'true';
    this.add<LoadBalancerChange>({
      id,
      action: 'delete',
      type: 'load-balancer',
      name: o.name,
      before: {
        name: o.name,
        type: o.type,
        scheme: o.scheme,
        subnets: o.subnets,
        securityGroups: o.securityGroups,
        ipAddressType: o.ipAddressType,
      },
      after: null,
      arn: o.arn,
      deletionProtection: protectedLb,
      dependsOn: [],
    });
    this.release(loadBalancerArns(o), id);
    this.blockIfForeignRules(o.name, o.listeners, id, 'load balancer');
    if (protectedLb) {
      this.warnings.push(
        `load balancer "${o.name}": deletion protection is on; deleting it means turning protection off first`,
      );
    }
  }

  private pinLoadBalancer(o: ObservedLoadBalancer): void {
    for (const l of o.listeners) this.pinListener(o.name, l);
  }

  private pinListener(lbName: string, l: ObservedListener): void {
    this.pin(l.defaultActions, `listener ${lbName}:${l.port}`);
    for (const r of l.rules) this.pin(r.actions, `rule ${lbName}:${l.port}:${r.priority}`);
  }

  // ---------------------------------------------------------------- listeners

  private planListener(
    lb: DesiredLoadBalancer,
    l: DesiredListener,
    o: ObservedListener | undefined,
    lbChange: LoadBalancerChange | undefined,
  ): void {
    const ref = `${lb.name}:${l.port}`;
    const id = `listener:${ref}`;
    const defaultAction = this.physical(l.defaultAction);
    const spec: ListenerSpec = {
      protocol: l.protocol,
      certificates: l.certificates,
      ...(l.sslPolicy !== undefined ? { sslPolicy: l.sslPolicy } : {}),
      defaultAction,
      tags: { [STACK_TAG]: this.stack },
    };
    const dependsOn = [...(lbChange ? [lbChange.id] : []), ...this.targetGroupDependencies(l.defaultAction)];
    const base = { type: 'listener' as const, name: ref, loadBalancer: lb.name, port: l.port };
    let change: ListenerChange | undefined;
    if (!o) {
      change = this.add<ListenerChange>({ ...base, id, action: 'create', before: null, after: spec, dependsOn });
    } else if (this.foreign(o.tags)) {
      const owner = o.tags[STACK_TAG] ?? '';
      this.unmanaged.push({
        type: 'listener',
        name: ref,
        arn: o.arn,
        reason: 'owned-by-another-stack',
        message: `listener ${ref}: belongs to stack "${owner}" (tag ${STACK_TAG}=${owner}); use another port in this stack file, or remove it from stack "${owner}" first`,
        blocks: [id],
      });
      this.pinListener(lb.name, o);
      return;
    } else {
      const before: Partial<ListenerSpec> = {};
      const after: Partial<ListenerSpec> = {};
      if (o.protocol !== l.protocol) {
        before.protocol = o.protocol;
        after.protocol = l.protocol;
      }
      if (!sameCertificates(o.certificates, l.certificates)) {
        before.certificates = o.certificates;
        after.certificates = l.certificates;
      }
      if (isSecureProtocol(l.protocol) && o.sslPolicy !== l.sslPolicy) {
        before.sslPolicy = o.sslPolicy;
        after.sslPolicy = l.sslPolicy;
      }
      const live = this.fromObserved(o.defaultActions);
      if (!sameAction(live, defaultAction)) {
        before.defaultAction = live;
        after.defaultAction = defaultAction;
      }
      const adopt = !this.owned(o.tags);
      if (adopt || Object.keys(after).length > 0) {
        change = this.add<ListenerChange>({
          ...base,
          id,
          action: adopt ? 'adopt' : 'update',
          before: adopt ? { ...before, tags: {} } : before,
          after: adopt ? { ...after, tags: spec.tags } : after,
          arn: o.arn,
          dependsOn,
        });
        if (after.defaultAction) this.release(this.releasedBy(o.defaultActions, defaultAction), id);
      }
    }
    this.planRules(lb, l, o, change);
  }

  private deleteListener(lbName: string, o: ObservedListener): void {
    const ref = `${lbName}:${o.port}`;
    const id = this.uniqueId(`listener:${ref}`);
    this.add<ListenerChange>({
      id,
      action: 'delete',
      type: 'listener',
      name: ref,
      loadBalancer: lbName,
      port: o.port,
      before: {
        protocol: o.protocol,
        certificates: o.certificates,
        sslPolicy: o.sslPolicy,
        defaultAction: this.fromObserved(o.defaultActions),
      },
      after: null,
      arn: o.arn,
      dependsOn: [],
    });
    this.release(actionArns(o.defaultActions), id);
    for (const r of o.rules) this.release(actionArns(r.actions), id);
    this.blockIfForeignRules(lbName, [o], id, 'listener');
  }

  /**
   * Deleting a listener (or its load balancer) deletes every rule on it. Rules the stack does
   * not own must survive, so such a delete is blocked, naming them, instead of taking them along.
   */
  private blockIfForeignRules(
    lbName: string,
    listeners: readonly ObservedListener[],
    changeId: string,
    what: 'listener' | 'load balancer',
  ): void {
    for (const l of listeners) {
      const foreign = l.rules.filter((r) => !this.owned(r.tags));
      if (foreign.length === 0) continue;
      const priorities = foreign.map((r) => r.priority).sort((a, b) => a - b);
      const ref = `${lbName}:${l.port}`;
      this.unmanaged.push({
        type: 'rule',
        name: `${ref}:${priorities[0]}`,
        arn: (foreign[0] as ObservedRule).arn,
        reason: 'in-use',
        message: `listener ${ref}: holds ${foreign.length === 1 ? 'a rule' : `${foreign.length} rules`} not managed by stack "${this.stack}" (priority ${priorities.join(', ')}); deleting the ${what} would delete ${foreign.length === 1 ? 'it' : 'them'} too; delete or move ${foreign.length === 1 ? 'that rule' : 'those rules'} first`,
        blocks: [changeId],
      });
    }
  }

  // ---------------------------------------------------------------- rules

  private planRules(
    lb: DesiredLoadBalancer,
    l: DesiredListener,
    o: ObservedListener | undefined,
    listenerChange: ListenerChange | undefined,
  ): void {
    const ref = `${lb.name}:${l.port}`;
    const live = o?.rules ?? [];
    const managed = live.filter((r) => this.owned(r.tags));
    const others = live.filter((r) => !this.owned(r.tags));

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
          sameAction(this.fromObserved(x.actions), this.physical(r.action)),
      );
      if (twin) {
        existing.set(i, twin);
        adopted.set(i, twin);
      }
    });
    const unmanagedRules = others.filter((x) => ![...adopted.values()].includes(x));
    for (const x of unmanagedRules) this.pin(x.actions, `rule ${ref}:${x.priority}`);
    const reserved = new Set(unmanagedRules.map((x) => x.priority));
    const current = (i: number) => existing.get(i)?.priority;
    const allocation = allocatePriorities(l.rules, reserved, current);
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
        const id = this.uniqueId(desiredNames.has(name) ? `rule:${ref}:${name}@${r.priority}` : `rule:${ref}:${name}`);
        this.add<RuleChange>({
          id,
          action: 'delete',
          type: 'rule',
          name: `${ref}:${name}`,
          loadBalancer: lb.name,
          port: l.port,
          rule: name,
          before: { priority: r.priority, conditions: r.conditions, action: this.fromObserved(r.actions) },
          after: null,
          arn: r.arn,
          dependsOn: [],
        });
        deletions.set(r.priority, id);
        this.release(actionArns(r.actions), id);
      }
    }

    const priorityChanges = new Map<number, string>();
    const planned: Array<{ change: RuleChange; priority: number }> = [];
    l.rules.forEach((r: DesiredRule, i) => {
      const priority = priorities[i] as number;
      const id = `rule:${ref}:${r.name}`;
      const action = this.physical(r.action);
      const spec: RuleSpec = {
        priority,
        conditions: r.conditions,
        action,
        tags: { [STACK_TAG]: this.stack, [RULE_TAG]: r.name },
      };
      const base = {
        type: 'rule' as const,
        name: `${ref}:${r.name}`,
        loadBalancer: lb.name,
        port: l.port,
        rule: r.name,
      };
      const dependsOn = [...(listenerChange ? [listenerChange.id] : []), ...this.targetGroupDependencies(r.action)];
      const x = existing.get(i);
      let change: RuleChange | undefined;
      if (!x) {
        change = this.add<RuleChange>({ ...base, id, action: 'create', before: null, after: spec, dependsOn });
      } else {
        const before: Partial<RuleSpec> = {};
        const after: Partial<RuleSpec> = {};
        if (x.priority !== priority) {
          before.priority = x.priority;
          after.priority = priority;
          priorityChanges.set(x.priority, id);
        }
        if (!sameConditions(x.conditions, r.conditions)) {
          before.conditions = x.conditions;
          after.conditions = r.conditions;
        }
        const liveAction = this.fromObserved(x.actions);
        if (!sameAction(liveAction, action)) {
          before.action = liveAction;
          after.action = action;
        }
        const isAdopt = adopted.has(i);
        const onlyPriority = Object.keys(after).length === 1 && after.priority !== undefined;
        if (isAdopt) {
          change = this.add<RuleChange>({
            ...base,
            id,
            action: 'adopt',
            before: { ...before, tags: {} },
            after: { ...after, tags: spec.tags },
            arn: x.arn,
            dependsOn,
          });
        } else if (Object.keys(after).length > 0) {
          change = this.add<RuleChange>({
            ...base,
            id,
            action: onlyPriority ? 'move' : 'update',
            before,
            after,
            arn: x.arn,
            dependsOn,
          });
        }
        if (change && after.action) this.release(this.releasedBy(x.actions, action), id);
      }
      if (change) planned.push({ change, priority });
      const holder = unmanagedRules.find((u) => u.priority === priority);
      if (holder && (!x || x.priority !== priority)) {
        this.unmanaged.push({
          type: 'rule',
          name: `${ref}:${priority}`,
          arn: holder.arn,
          reason: 'priority-in-use',
          message:
            `rule at priority ${priority} on listener ${ref} is not managed by stack "${this.stack}", and rule "${r.name}" asks for that priority; ` +
            `give "${r.name}" another priority in the stack file, or move the other rule (\`elbctl rule move ${ref}:${priority} --priority N\`)`,
          blocks: change ? [change.id] : [id],
        });
      }
    });

    // A rule may take a priority only once the managed rule holding it has left it.
    for (const { change, priority } of planned) {
      if (change.action !== 'create' && change.after?.priority === undefined) continue;
      const freedBy =
        deletions.get(priority) ?? (change.action === 'create' ? priorityChanges.get(priority) : undefined);
      if (freedBy && freedBy !== change.id) change.dependsOn.push(freedBy);
    }
  }
}

// ------------------------------------------------------------------ small pure helpers

function actionArns(actions: readonly Action[]): string[] {
  return actions.flatMap((a) => (a.type === 'forward' ? a.targetGroups.map((g) => g.targetGroupArn) : []));
}

function loadBalancerArns(o: ObservedLoadBalancer): string[] {
  return o.listeners.flatMap((l) => [
    ...actionArns(l.defaultActions),
    ...l.rules.flatMap((r) => actionArns(r.actions)),
  ]);
}

function pick<T>(from: Record<string, T>, keys: readonly string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k] as T;
  return out;
}

function immutableDifferences(
  o: ObservedTargetGroup,
  tg: DesiredTargetGroup,
): { before: Partial<TargetGroupSpec>; after: Partial<TargetGroupSpec> } {
  const before: Partial<TargetGroupSpec> = {};
  const after: Partial<TargetGroupSpec> = {};
  if ((o.protocol ?? null) !== (tg.protocol ?? null)) {
    before.protocol = o.protocol;
    after.protocol = tg.protocol;
  }
  if ((o.port ?? null) !== (tg.port ?? null)) {
    before.port = o.port;
    after.port = tg.port;
  }
  if ((o.vpcId ?? null) !== (tg.vpc ?? null)) {
    before.vpc = o.vpcId;
    after.vpc = tg.vpc;
  }
  if (o.targetType !== tg.targetType) {
    before.targetType = o.targetType;
    after.targetType = tg.targetType;
  }
  return { before, after };
}

function healthCheckDiff(
  want: HealthCheckSpec,
  have: HealthCheck,
): { before: HealthCheckSpec; after: HealthCheckSpec } | undefined {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of HEALTH_CHECK_FIELDS) {
    const w = want[k];
    if (w === undefined) continue;
    if (String(w) !== String(have[k])) {
      before[k] = have[k];
      after[k] = w;
    }
  }
  return Object.keys(after).length > 0
    ? { before: before as HealthCheckSpec, after: after as HealthCheckSpec }
    : undefined;
}
