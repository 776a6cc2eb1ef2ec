/**
 * What each change of a plan does to AWS, and the run-time registry that turns the plan's names
 * (load balancer names, `LB:PORT`, target group AWS names) into ARNs.
 *
 * Names come from three places, in this order: the ARNs returned by the creates of this run, the
 * `arn` fields of the plan's changes, and — only for what the plan neither creates nor carries —
 * ONE lookup of the live state, made the first time a step needs it and shared by every step.
 *
 * Creates are never trusted to be idempotent (the emulator makes a twin load balancer when
 * CreateLoadBalancer is retried, and CreateRule is not idempotent even on AWS): after an
 * ambiguous failure the resource is looked up — by name, by port, or by its `elbctl:rule` tag —
 * before another create is sent, and found resources are taken over instead of created twice.
 */
import { mapLimit } from '../../core/concurrency';
import { ElbctlError, notFoundError } from '../../core/errors';
import type { Action } from '../../core/model';
import { STACK_TAG, type Tags } from '../../core/stack/model';
import type { Change, ListenerChange, PlanAction, RuleChange, TargetGroupChange } from '../../core/stack/plan';
import type { Secret } from '../../core/secret';
import { sendsSecret } from '../../core/stack/secrets';
import type { CloudWatchGateway } from '../cloudwatch';
import type { Elbv2Gateway } from '../elbv2/gateway';
import { alarmStep } from './alarms';
import { listenerKey, toTagMap } from './arns';
import { classifyFailure } from './failures';
import { listenerStep } from './listeners';
import { deleteOldTargetGroupStep, targetGroupStep } from './target-groups';
import { loadBalancerStep } from './load-balancers';
import type { ExternalNeeds, Registry } from './registry';
import { prioritiesStep, ruleStep } from './rules';
import { attributesStep, targetsStep } from './targets-attributes';
import { trustStoreStep } from './trust-stores';
import { byCreation, loadBalancerTwinWarning } from './wording';

/** Create calls per step, the first included; each retry follows a lookup. */
const CREATE_ATTEMPTS = 3;
/** Backoff before the 2nd and 3rd create attempts: 500 ms, then 1 s (after the SDK's own retries). */
const CREATE_BACKOFF_MS = 500;
const LOOKUP_CONCURRENCY = 8;

/** What one scheduled unit of the apply does. */
export type StepWork =
  | { kind: 'change'; change: Change }
  /** Every priority change of one listener, in one SetRulePriorities call. */
  | { kind: 'priorities'; listener: string; members: RuleChange[] }
  /** The second half of a target group `replace`: once nothing forwards to the old one. */
  | { kind: 'delete-old-target-group'; change: TargetGroupChange };

export interface StepContext {
  /** Other steps wait for this one (a deleted load balancer must then be fully gone). */
  hasDependents: boolean;
}

export interface RunnerOptions {
  stack: string;
  sleep: (ms: number) => Promise<void>;
  /** Twins found and similar: reported with the result, never acted on silently. */
  warnings: string[];
  /** Change id → the ARN it created or acted on. */
  arns: Record<string, string>;
  /** OIDC client secrets by the variable a stack names, read by the command before the first write. */
  secrets: ReadonlyMap<string, Secret>;
  /** `apply --rotate-secrets`: send declared OIDC secrets even where AWS keeps one. */
  rotateSecrets: boolean;
}

interface Candidate {
  arn: string;
}

export class StepRunner {
  private lookup: Promise<void> | undefined;

  constructor(
    readonly elbv2: Elbv2Gateway,
    readonly registry: Registry,
    private readonly needs: ExternalNeeds,
    readonly options: RunnerOptions,
    /** For alarm changes only (a plan without them never loads CloudWatch). */
    readonly cloudwatch?: CloudWatchGateway | undefined,
  ) {}

  /** Runs one step; resolves with the line that says what was done. */
  async run(work: StepWork, ctx: StepContext): Promise<string> {
    switch (work.kind) {
      case 'priorities':
        return prioritiesStep(this, work.members);
      case 'delete-old-target-group':
        return deleteOldTargetGroupStep(this, work.change);
      case 'change': {
        const c = work.change;
        switch (c.type) {
          case 'load-balancer':
            return loadBalancerStep(this, c, ctx);
          case 'target-group':
            return targetGroupStep(this, c);
          case 'listener':
            return listenerStep(this, c);
          case 'rule':
            return ruleStep(this, c);
          case 'targets':
            return targetsStep(this, c);
          case 'attributes':
            return attributesStep(this, c);
          case 'alarm':
            return alarmStep(this, c);
          case 'trust-store':
            return trustStoreStep(this, c);
        }
      }
    }
  }

  // ---------------------------------------------------------------- names → ARNs

  private async resolve(map: Map<string, string>, name: string, what: string): Promise<string> {
    const known = map.get(name);
    if (known) return known;
    this.lookup ??= this.lookUpExternal();
    await this.lookup;
    const found = map.get(name);
    if (!found) {
      throw notFoundError(what, name, {
        hint: 'it was there when the plan was made; run `elbctl plan` again to see the live state',
      });
    }
    return found;
  }

  loadBalancerArn(name: string): Promise<string> {
    return this.resolve(this.registry.loadBalancers, name, 'load balancer');
  }

  targetGroupArn(name: string): Promise<string> {
    return this.resolve(this.registry.targetGroups, name, 'target group');
  }

  listenerArn(loadBalancer: string, port: number): Promise<string> {
    return this.resolve(this.registry.listeners, listenerKey(loadBalancer, port), 'listener');
  }

  /** The one read of live state for names the plan does not resolve: lists, not one call per name. */
  private async lookUpExternal(): Promise<void> {
    const { registry, needs } = this;
    const lbNames = new Set([...needs.loadBalancers, ...[...needs.listeners.values()].map((l) => l.loadBalancer)]);
    const wantLbs = [...lbNames].filter((n) => !registry.loadBalancers.has(n));
    const wantTgs = [...needs.targetGroups].filter((n) => !registry.targetGroups.has(n));
    const [lbs, tgs] = await Promise.all([
      wantLbs.length > 0 ? this.elbv2.listLoadBalancers() : Promise.resolve([]),
      wantTgs.length > 0 ? this.elbv2.listTargetGroups() : Promise.resolve([]),
    ]);
    for (const name of wantLbs) {
      const matches = lbs.filter((l) => l.name === name);
      const [kept, ...twins] = [...matches].sort(byCreation);
      if (!kept) continue;
      if (!registry.loadBalancers.has(name)) registry.loadBalancers.set(name, kept.arn);
      if (twins.length > 0)
        this.options.warnings.push(
          loadBalancerTwinWarning(
            name,
            kept.arn,
            twins.map((t) => t.arn),
          ),
        );
    }
    for (const name of wantTgs) {
      const tg = tgs.find((t) => t.name === name);
      if (tg && !registry.targetGroups.has(name)) registry.targetGroups.set(name, tg.arn);
    }
    const byLb = new Map<string, number[]>();
    for (const [key, l] of needs.listeners) {
      if (registry.listeners.has(key)) continue;
      byLb.set(l.loadBalancer, [...(byLb.get(l.loadBalancer) ?? []), l.port]);
    }
    await mapLimit([...byLb], LOOKUP_CONCURRENCY, async ([lbName, ports]) => {
      const lbArn = registry.loadBalancers.get(lbName);
      if (!lbArn) return;
      const listeners = await this.elbv2.listListeners(lbArn);
      for (const port of ports) {
        const l = listeners.find((x) => x.port === port);
        const key = listenerKey(lbName, port);
        if (l && !registry.listeners.has(key)) registry.listeners.set(key, l.arn);
      }
    });
  }

  /**
   * A change's declared leading actions as AWS takes them: an OIDC one carries its secret when it
   * must (sendsSecret), else asks AWS to keep the one it holds. Undefined when none are declared.
   */
  leadingActions(c: ListenerChange | RuleChange): Action[] | undefined {
    const specs = c.after?.authenticate;
    if (specs === undefined) return undefined;
    const send = sendsSecret(c, this.options.rotateSecrets);
    return specs.map((a): Action => {
      if (a.type !== 'authenticate-oidc') return a;
      const { clientSecretEnv, ...oidc } = a;
      if (!send) return oidc;
      const secret = clientSecretEnv === undefined ? undefined : this.options.secrets.get(clientSecretEnv);
      if (!secret) {
        // The command checks every variable before the first write; reaching this is a bug.
        throw new ElbctlError(
          'internal',
          'E_INTERNAL',
          `change "${c.id}": the client secret from ${clientSecretEnv ?? 'no variable'} was not read`,
        );
      }
      return { ...oidc, clientSecret: secret };
    });
  }

  async physicalAction(a: PlanAction | undefined, changeId: string): Promise<Action> {
    if (!a) throw new ElbctlError('internal', 'E_INTERNAL', `change "${changeId}": no action to send`);
    switch (a.type) {
      case 'forward': {
        const arns = await Promise.all(a.targets.map((t) => this.targetGroupArn(t.targetGroup)));
        return {
          type: 'forward',
          targetGroups: a.targets.map((t, i) => ({
            targetGroupArn: arns[i] as string,
            ...(t.weight !== undefined ? { weight: t.weight } : {}),
          })),
          ...(a.stickinessSeconds !== undefined ? { stickinessSeconds: a.stickinessSeconds } : {}),
        };
      }
      case 'redirect':
      case 'fixed-response':
        return a;
      case 'other':
        throw new ElbctlError(
          'internal',
          'E_INTERNAL',
          `change "${changeId}": an action of type ${a.awsType} cannot be sent`,
        );
    }
  }

  // ---------------------------------------------------------------- create, observing before any retry

  /**
   * Sends a create; after an ambiguous failure, looks the resource up before trying again, and
   * takes over what it finds. A duplicate-name answer is looked up too (the emulator answers it
   * even when the existing one is identical), but only a resource tagged as this stack's is taken.
   */
  async createOnce<T>(
    create: () => Promise<T>,
    find: (strict: boolean) => Promise<T | undefined>,
  ): Promise<{ value: T; found: boolean }> {
    let lookFirst = false;
    let last: unknown;
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      if (lookFirst) {
        const found = await find(false);
        if (found !== undefined) return { value: found, found: true };
      }
      try {
        return { value: await create(), found: false };
      } catch (e) {
        const kind = classifyFailure(e);
        if (kind === 'duplicate') {
          const found = await find(true);
          if (found !== undefined) return { value: found, found: true };
          throw e;
        }
        if (kind !== 'ambiguous') throw e;
        last = e;
        lookFirst = true;
        if (attempt < CREATE_ATTEMPTS) await this.options.sleep(CREATE_BACKOFF_MS * 2 ** (attempt - 1));
      }
    }
    // The last attempt may have worked even though its answer was lost.
    const found = await find(false);
    if (found !== undefined) return { value: found, found: true };
    throw last;
  }

  /**
   * Of the live resources that could be the one this step creates, keeps one: never one owned by
   * another stack; with `strict`, only one already tagged as this stack's. Others that qualify
   * are twins (a retried create on the emulator): reported, never deleted here. The kept one
   * gets any ownership tag it lacks.
   */
  async claim<T extends Candidate>(
    what: string,
    candidates: readonly T[],
    want: Tags,
    strict: boolean,
    rank: (a: T, b: T) => number,
    twinWarning: (kept: T, twins: T[]) => string,
  ): Promise<T | undefined> {
    if (candidates.length === 0) return undefined;
    const tagsByArn = await this.elbv2.describeTags(candidates.map((c) => c.arn));
    const tagsOf = (c: T) => toTagMap(tagsByArn.get(c.arn));
    const owner = (c: T) => tagsOf(c)[STACK_TAG];
    const ours = (c: T) => Object.entries(want).every(([k, v]) => tagsOf(c)[k] === v);
    const foreign = (c: T) => owner(c) !== undefined && owner(c) !== this.options.stack;
    const eligible = candidates.filter((c) => (strict ? ours(c) : !foreign(c)));
    if (eligible.length === 0) {
      if (strict) return undefined;
      const other = owner(candidates[0] as T) ?? '';
      throw new ElbctlError(
        'conflict',
        'E_OWNED_BY_ANOTHER_STACK',
        `${what}: exists and belongs to stack "${other}" (tag ${STACK_TAG}=${other})`,
        {
          hint: 'it appeared after the plan was made; run `elbctl plan` again',
        },
      );
    }
    const [kept, ...twins] = [...eligible].sort((a, b) => Number(ours(b)) - Number(ours(a)) || rank(a, b));
    if (!kept) return undefined;
    if (twins.length > 0) this.options.warnings.push(twinWarning(kept, twins));
    const have = tagsOf(kept);
    const missing = Object.entries(want).filter(([k, v]) => have[k] !== v);
    if (missing.length > 0)
      await this.elbv2.addTags(
        [kept.arn],
        missing.map(([key, value]) => ({ key, value })),
      );
    return kept;
  }
}
