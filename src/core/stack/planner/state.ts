/** The planner's working state: what it has decided so far, and the helpers every per-resource planner shares. */
import { type ActionSpec, type ForwardTarget, type RoutingAction, actionType, splitActions } from '../../actions';

const ROUTING: ReadonlySet<string> = new Set(['forward', 'redirect', 'fixed-response']);
import type { Action } from '../../model';
import { type TagChange, tagModification } from '../../modify/tags';
import { userTags } from '../../rules/tags';
import {
  STACK_TAG,
  type DesiredStack,
  type DesiredTargetGroup,
  type Observed,
  type ObservedTargetGroup,
  type Tags,
} from '../model';
import type { Change, PlanAction, TargetGroupChange, UnmanagedResource } from '../plan';
import { actionArns, targetGroupNameFromArn } from './compare';

export interface PlanOptions {
  /** Plan `destroy`: every resource owned by the stack is deleted; the file's resources are ignored. */
  destroy?: boolean | undefined;
  /** `apply --rotate-secrets`: send every declared OIDC client secret again. */
  rotateSecrets?: boolean | undefined;
}

export interface TargetGroupState {
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

export class PlannerState {
  readonly changes: Change[] = [];
  readonly unmanaged: UnmanagedResource[] = [];
  readonly warnings: string[];
  readonly ids = new Set<string>();
  readonly stack: string;
  readonly tgStates = new Map<string, TargetGroupState>();
  readonly tgNameByArn = new Map<string, string>();
  readonly matchedTargetGroupArns = new Set<string>();
  /** Target group ARN → ids of changes after which nothing managed refers to it any more. */
  readonly releases = new Map<string, string[]>();
  /** Target group ARN → what unmanaged keeps referring to it (listeners, rules). */
  readonly pinned = new Map<string, string[]>();

  constructor(
    readonly desired: DesiredStack,
    readonly observed: Observed,
    readonly options: PlanOptions,
  ) {
    this.stack = desired.stack;
    this.warnings = options.destroy ? [] : [...desired.warnings];
    for (const tg of observed.targetGroups) this.tgNameByArn.set(tg.arn, tg.name);
  }

  owned(tags: Tags): boolean {
    return tags[STACK_TAG] === this.stack;
  }

  foreign(tags: Tags): boolean {
    return tags[STACK_TAG] !== undefined && tags[STACK_TAG] !== this.stack;
  }

  add<C extends Change>(change: C): C {
    this.ids.add(change.id);
    this.changes.push(change);
    return change;
  }

  uniqueId(base: string): string {
    if (!this.ids.has(base)) return base;
    for (let n = 2; ; n++) if (!this.ids.has(`${base}#${n}`)) return `${base}#${n}`;
  }

  release(arns: Iterable<string>, changeId: string): void {
    for (const arn of arns) {
      const list = this.releases.get(arn) ?? [];
      list.push(changeId);
      this.releases.set(arn, list);
    }
  }

  pin(actions: readonly Action[], what: string): void {
    for (const arn of actionArns(actions)) {
      const list = this.pinned.get(arn) ?? [];
      list.push(what);
      this.pinned.set(arn, list);
    }
  }

  blockIfPinned(tg: ObservedTargetGroup, changeId: string, verb: 'delete' | 'replace'): void {
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
  physical(a: ActionSpec): PlanAction {
    if (a.type !== 'forward') return a;
    return {
      type: 'forward',
      targets: a.targets.map((t) => ({
        targetGroup: this.tgStates.get(t.targetGroup)?.awsName ?? t.targetGroup,
        ...(t.weight !== undefined ? { weight: t.weight } : {}),
      })),
      ...(a.externalWeights ? { externalWeights: true } : {}),
      ...(a.stickinessSeconds !== undefined ? { stickinessSeconds: a.stickinessSeconds } : {}),
    };
  }

  /**
   * The tags a kept resource must change: elbctl's ownership tags always, the user's only when
   * the file declares them (then exactly those; AWS's `aws:` tags are never touched).
   */
  tagChange(observed: Tags, ownership: Tags, declared: Tags | undefined): TagChange | undefined {
    const current: Tags = {};
    for (const k of Object.keys(ownership)) if (observed[k] !== undefined) current[k] = observed[k];
    if (declared !== undefined) Object.assign(current, userTags(observed));
    return tagModification(current, { ...ownership, ...(declared ?? {}) });
  }

  /**
   * Observed actions (ARNs) → one plan action with AWS names: the final routing action, when only
   * actions that run before it (authentication, JWT validation) precede it (an update keeps
   * those: see `leadingActions`); otherwise an action a plan cannot send.
   */
  fromObserved(actions: readonly Action[]): PlanAction {
    const { leading, routing } = splitActions(actions);
    const a = leading.every((x) => !ROUTING.has(x.type)) ? routing : undefined;
    if (a === undefined || !ROUTING.has(a.type))
      return { type: 'other', awsType: actions.map(actionType).join('+') || 'none' };
    const r = a as RoutingAction;
    switch (r.type) {
      case 'forward':
        return {
          type: 'forward',
          targets: r.targetGroups.map(
            (g): ForwardTarget => ({
              targetGroup: this.tgNameByArn.get(g.targetGroupArn) ?? targetGroupNameFromArn(g.targetGroupArn),
              ...(g.weight !== undefined ? { weight: g.weight } : {}),
            }),
          ),
          ...(r.stickinessSeconds !== undefined ? { stickinessSeconds: r.stickinessSeconds } : {}),
        };
      case 'redirect':
      case 'fixed-response':
        return r;
    }
  }

  /** The types of the actions that run before the routing one: an update of the routing action keeps them. */
  leadingActions(actions: readonly Action[]): string[] | undefined {
    const { leading, routing } = splitActions(actions);
    return routing !== undefined && leading.length > 0 ? leading.map(actionType) : undefined;
  }

  /** Change ids of the target groups an action forwards to, when those are being created or replaced. */
  targetGroupDependencies(a: ActionSpec): string[] {
    if (a.type !== 'forward') return [];
    return a.targets.flatMap((t) => {
      const c = this.tgStates.get(t.targetGroup)?.change;
      return c && (c.action === 'create' || c.action === 'replace' || c.action === 'adopt') ? [c.id] : [];
    });
  }

  /** ARNs an observed action refers to whose AWS names the new action no longer names. */
  releasedBy(before: readonly Action[], after: PlanAction | undefined): string[] {
    const keep = new Set(after?.type === 'forward' ? after.targets.map((t) => t.targetGroup) : []);
    return actionArns(before).filter((arn) => !keep.has(this.tgNameByArn.get(arn) ?? targetGroupNameFromArn(arn)));
  }
}
