/**
 * The plan value: what a stack's apply would change, with its derived getters. planner/ builds it
 * (plan(desired, observed) → Plan, pure); the same value drives the preview, `-o json`,
 * `--out plan.json`, approval and the apply.
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
import type { ActionSpec, LeadingSpec } from '../actions';
import type { AlarmTemplate } from '../alarms/alarms';
import { validationError } from '../errors';
import type { Condition, MutualTlsMode, SubnetAddresses, Target, TargetType, Transform } from '../model';
import type { Attributes, HealthCheckSpec, Tags } from './model';

const PLAN_VERSION = 1;

export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'move' | 'adopt';
type ChangeType =
  | 'load-balancer'
  | 'target-group'
  | 'listener'
  | 'rule'
  | 'targets'
  | 'attributes'
  | 'alarm'
  | 'trust-store';

/** A forward may carry group stickiness as AWS reports it; elbctl never sets it. */
type ForwardActionSpec = Extract<ActionSpec, { type: 'forward' }> & { stickinessSeconds?: number | undefined };
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
  /** When the file writes subnetMappings: each subnet's fixed addresses (CreateLoadBalancer/SetSubnets SubnetMappings). */
  subnetMappings?: SubnetAddresses[] | undefined;
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
  protocolVersion?: string | undefined;
  targetControlPort?: number | undefined;
  ipAddressType?: string | undefined;
  healthCheck: HealthCheckSpec;
  tags: Tags;
}

/** A listener's mutual TLS in a plan: the trust store by name (resolved to its ARN at apply time). */
export interface PlanMutualTls {
  mode: MutualTlsMode;
  /** verify only: the trust store's name (or ARN, for one outside the stack). */
  trustStore?: string | undefined;
  /** verify only: its ARN when the plan knows it (a trust store the plan creates has none yet). */
  trustStoreArn?: string | undefined;
  advertiseCaNames?: boolean | undefined;
  ignoreClientCertificateExpiry?: boolean | undefined;
}

export interface ListenerSpec {
  protocol: string;
  certificates: string[];
  sslPolicy?: string | undefined;
  /** Only when the file declares it. */
  mutualTls?: PlanMutualTls | undefined;
  /** TLS listeners: only when the file declares it. */
  alpnPolicy?: string | undefined;
  /** The actions before the default one; only when the file declares them (an OIDC one names its secret's variable, never the secret). */
  authenticate?: LeadingSpec[] | undefined;
  defaultAction: PlanAction;
  tags: Tags;
}

export interface TrustStoreSpec {
  name: string;
  /** s3://BUCKET/KEY[?versionId=V]: sent on create and when the file's differs from the one elbctl last sent. */
  caCertificates?: string | undefined;
  /** s3:// URLs; only when the file declares them. */
  revocations?: string[] | undefined;
  tags: Tags;
}

export interface RuleSpec {
  priority: number;
  conditions: Condition[];
  /** The actions before `action`; only when the file declares them. */
  authenticate?: LeadingSpec[] | undefined;
  action: PlanAction;
  /** Only when the file declares them; [] removes them all. */
  transforms?: Transform[] | undefined;
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
  /** A new default action keeps the actions that run before it (authentication): their types. */
  keepsActions?: string[] | undefined;
}

export interface RuleChange extends ChangeBase<'rule', Partial<RuleSpec>> {
  loadBalancer: string;
  port: number;
  rule: string;
  /** A new action keeps the actions that run before it (authentication): their types. */
  keepsActions?: string[] | undefined;
}

export interface TargetsChange extends ChangeBase<'targets', Target[]> {
  /** The AWS name of the target group. */
  targetGroup: string;
  register: Target[];
  deregister: Target[];
}

export interface AttributesChange extends ChangeBase<'attributes', Attributes> {
  resource: 'load-balancer' | 'target-group' | 'listener';
  /** The AWS name of the load balancer or target group; `LB:PORT` for a listener. */
  resourceName: string;
  /** A listener's: where it is (its ARN is looked up, or taken from its create, when `arn` is absent). */
  loadBalancer?: string | undefined;
  port?: number | undefined;
}

/**
 * A CloudWatch alarm, identified by its name (`elbctl/LB/…`). Its spec refers to the load
 * balancer and target group by AWS name; the apply builds the alarm once their ARNs are known.
 * update/adopt carry in `before` only the fields that differ (when both ARNs are known at plan time).
 */
export interface AlarmChange extends ChangeBase<'alarm', AlarmTemplate> {
  /** The fields of the live alarm that differ (update/adopt), for the plan view. */
  differs?: string[] | undefined;
}

/**
 * A trust store, identified by its name. update/adopt: `before` holds what elbctl last sent for the
 * bundle and revocation lists (AWS never returns them: `(unknown)` when elbctl did not send them).
 */
export interface TrustStoreChange extends ChangeBase<'trust-store', Partial<TrustStoreSpec>> {
  /** update/adopt of revocations: the ids of the live revocation lists, removed before the file's are added. */
  removeRevocations?: number[] | undefined;
}

export type Change =
  | TrustStoreChange
  | LoadBalancerChange
  | TargetGroupChange
  | ListenerChange
  | RuleChange
  | TargetsChange
  | AttributesChange
  | AlarmChange;

type UnmanagedReason =
  | 'priority-in-use'
  | 'owned-by-another-stack'
  | 'incompatible'
  | 'in-use'
  | 'shift-in-progress'
  | 'not-elbctls'
  | 'not-found';

/**
 * A live resource the stack may not touch that stands in its way, or (`not-found`, no ARN) one the
 * file needs that does not exist and that the plan cannot create. The apply refuses while any is listed.
 */
export interface UnmanagedResource {
  type: 'load-balancer' | 'target-group' | 'listener' | 'rule' | 'alarm' | 'trust-store';
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
    const types = new Set<string>([
      'load-balancer',
      'target-group',
      'listener',
      'rule',
      'targets',
      'attributes',
      'alarm',
      'trust-store',
    ]);
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
