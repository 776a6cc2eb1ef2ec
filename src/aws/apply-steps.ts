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
import { mapLimit } from '../core/concurrency';
import { ElbctlError, isElbctlError, notFoundError } from '../core/errors';
import type { Action, LoadBalancer, LoadBalancerType, Tag } from '../core/model';
import { MAX_PRIORITY, MIN_PRIORITY } from '../core/priorities';
import { DELETION_PROTECTION_ATTRIBUTE } from '../core/stack/defaults';
import { NAME_TAG, RULE_TAG, STACK_TAG, type Tags } from '../core/stack/model';
import type {
  AttributesChange,
  Change,
  ListenerChange,
  LoadBalancerChange,
  PlanAction,
  RuleChange,
  TargetGroupChange,
  TargetsChange,
} from '../core/stack/plan';
import type { Elbv2Gateway } from './elbv2';

/** Create calls per step, the first included; each retry follows a lookup. */
export const CREATE_ATTEMPTS = 3;
/** Backoff before the 2nd and 3rd create attempts: 500 ms, then 1 s (after the SDK's own retries). */
export const CREATE_BACKOFF_MS = 500;
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

// ------------------------------------------------------------------ failures

export type FailureKind = 'ambiguous' | 'duplicate' | 'final';

const DUPLICATE = new Set([
  'DuplicateTargetGroupName',
  'DuplicateTargetGroupNameException',
  'DuplicateListener',
  'DuplicateListenerException',
]);
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * ambiguous: the request may have reached AWS and done its work (timeouts, resets, throttling
 * after the SDK's retries, 5xx); duplicate: AWS says the name or port is taken; final: AWS
 * refused and nothing happened (validation, PriorityInUse, access denied, …).
 */
export function classifyFailure(e: unknown): FailureKind {
  if (isElbctlError(e) && (e.code === 'E_NETWORK' || e.code === 'E_THROTTLED')) return 'ambiguous';
  const cause = (isElbctlError(e) && e.cause !== undefined ? e.cause : e) as {
    name?: unknown;
    Code?: unknown;
    code?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: number };
  } | null;
  if (!cause || typeof cause !== 'object') return 'final';
  const names = [cause.Code, cause.name, cause.code].filter((n): n is string => typeof n === 'string');
  if (names.some((n) => DUPLICATE.has(n))) return 'duplicate';
  if (names.some((n) => TRANSIENT_NAMES.has(n) || NETWORK_CODES.has(n))) return 'ambiguous';
  const status = cause.$metadata?.httpStatusCode;
  if ((status !== undefined && status >= 500) || cause.$fault === 'server') return 'ambiguous';
  return 'final';
}

function isNotFound(e: unknown): boolean {
  return isElbctlError(e) && e.kind === 'not-found';
}

function isPriorityInUse(e: unknown): boolean {
  return isElbctlError(e) && (e.code === 'E_PRIORITYINUSE' || e.code === 'E_PRIORITY_IN_USE');
}

// ------------------------------------------------------------------ small pure helpers

const toTagList = (tags: Tags): Tag[] => Object.entries(tags).map(([key, value]) => ({ key, value }));
const toTagMap = (tags: readonly Tag[] | undefined): Tags =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

/** `arn:…:targetgroup/NAME/ID` → NAME. */
export function targetGroupNameFromArn(arn: string): string | undefined {
  return /:targetgroup\/([^/]+)\//.exec(arn)?.[1];
}

/** `arn:…:listener-rule/app/LB/ID/LISTENER/RULE` → `arn:…:listener/app/LB/ID/LISTENER`. */
export function listenerArnOfRule(ruleArn: string): string {
  return ruleArn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
}

const listenerKey = (loadBalancer: string, port: number) => `${loadBalancer}:${port}`;

/** AWS names of the target groups an action forwards to. */
export function forwardedTargetGroups(a: PlanAction | undefined): string[] {
  return a?.type === 'forward' ? a.targets.map((t) => t.targetGroup) : [];
}

// ------------------------------------------------------------------ registry

export class Registry {
  readonly loadBalancers = new Map<string, string>();
  /** By AWS name. */
  readonly targetGroups = new Map<string, string>();
  /** By `LB:PORT`. */
  readonly listeners = new Map<string, string>();

  /** What the plan's own `arn` fields already say about resources it keeps. */
  static seededFrom(changes: readonly Change[]): Registry {
    const r = new Registry();
    for (const c of changes) {
      if (!c.arn) continue;
      const kept = c.action === 'update' || c.action === 'adopt' || c.action === 'move';
      switch (c.type) {
        case 'load-balancer':
          if (kept) r.loadBalancers.set(c.name, c.arn);
          break;
        case 'target-group': {
          const name = targetGroupNameFromArn(c.arn);
          if (kept && name) r.targetGroups.set(name, c.arn);
          break;
        }
        case 'listener':
          if (kept) r.listeners.set(listenerKey(c.loadBalancer, c.port), c.arn);
          break;
        case 'targets':
          r.targetGroups.set(c.targetGroup, c.arn);
          break;
        case 'attributes':
          (c.resource === 'load-balancer' ? r.loadBalancers : r.targetGroups).set(c.resourceName, c.arn);
          break;
        case 'rule':
          break;
      }
    }
    return r;
  }
}

export interface ExternalNeeds {
  loadBalancers: Set<string>;
  targetGroups: Set<string>;
  /** `LB:PORT` → where it is. */
  listeners: Map<string, { loadBalancer: string; port: number }>;
}

/** Names the plan refers to that neither its creates nor its `arn` fields resolve. */
export function externalNeeds(changes: readonly Change[], seeded: Registry): ExternalNeeds {
  const created = { lbs: new Set<string>(), tgs: new Set<string>(), listeners: new Set<string>() };
  for (const c of changes) {
    if (c.type === 'load-balancer' && (c.action === 'create' || c.action === 'replace')) created.lbs.add(c.name);
    if (c.type === 'target-group' && (c.action === 'create' || c.action === 'replace') && c.after?.name)
      created.tgs.add(c.after.name);
    if (c.type === 'listener' && c.action === 'create') created.listeners.add(listenerKey(c.loadBalancer, c.port));
  }
  const needs: ExternalNeeds = { loadBalancers: new Set(), targetGroups: new Set(), listeners: new Map() };
  const lb = (name: string) => {
    if (!created.lbs.has(name) && !seeded.loadBalancers.has(name)) needs.loadBalancers.add(name);
  };
  const tg = (name: string) => {
    if (!created.tgs.has(name) && !seeded.targetGroups.has(name)) needs.targetGroups.add(name);
  };
  for (const c of changes) {
    if (c.action === 'delete') continue;
    switch (c.type) {
      case 'listener':
        if (c.action === 'create') lb(c.loadBalancer);
        forwardedTargetGroups(c.after?.defaultAction).forEach(tg);
        break;
      case 'rule': {
        const key = listenerKey(c.loadBalancer, c.port);
        if (c.action === 'create' && !created.listeners.has(key) && !seeded.listeners.has(key)) {
          needs.listeners.set(key, { loadBalancer: c.loadBalancer, port: c.port });
        }
        forwardedTargetGroups(c.after?.action).forEach(tg);
        break;
      }
      case 'targets':
        if (!c.arn) tg(c.targetGroup);
        break;
      case 'attributes':
        if (!c.arn) (c.resource === 'load-balancer' ? lb : tg)(c.resourceName);
        break;
      default:
        break;
    }
  }
  return needs;
}

// ------------------------------------------------------------------ the runner

export interface RunnerOptions {
  stack: string;
  sleep: (ms: number) => Promise<void>;
  /** Twins found and similar: reported with the result, never acted on silently. */
  warnings: string[];
  /** Change id → the ARN it created or acted on. */
  arns: Record<string, string>;
}

interface Candidate {
  arn: string;
}

export class StepRunner {
  private lookup: Promise<void> | undefined;

  constructor(
    private readonly elbv2: Elbv2Gateway,
    private readonly registry: Registry,
    private readonly needs: ExternalNeeds,
    private readonly options: RunnerOptions,
  ) {}

  /** Runs one step; resolves with the line that says what was done. */
  async run(work: StepWork, ctx: StepContext): Promise<string> {
    switch (work.kind) {
      case 'priorities':
        return this.priorities(work.members);
      case 'delete-old-target-group':
        return this.deleteOldTargetGroup(work.change);
      case 'change': {
        const c = work.change;
        switch (c.type) {
          case 'load-balancer':
            return this.loadBalancer(c, ctx);
          case 'target-group':
            return this.targetGroup(c);
          case 'listener':
            return this.listener(c);
          case 'rule':
            return this.rule(c);
          case 'targets':
            return this.targets(c);
          case 'attributes':
            return this.attributes(c);
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

  private loadBalancerArn(name: string): Promise<string> {
    return this.resolve(this.registry.loadBalancers, name, 'load balancer');
  }

  private targetGroupArn(name: string): Promise<string> {
    return this.resolve(this.registry.targetGroups, name, 'target group');
  }

  private listenerArn(loadBalancer: string, port: number): Promise<string> {
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

  private async physicalAction(a: PlanAction | undefined, changeId: string): Promise<Action> {
    if (!a) throw new ElbctlError('internal', 'E_PLAN_INVALID', `change "${changeId}": no action to send`);
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
          'E_PLAN_INVALID',
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
  private async createOnce<T>(
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
  private async claim<T extends Candidate>(
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

  // ---------------------------------------------------------------- load balancers

  private async loadBalancer(c: LoadBalancerChange, ctx: StepContext): Promise<string> {
    const arn = c.arn as string;
    switch (c.action) {
      case 'create': {
        const { found } = await this.createLoadBalancer(c);
        return `created load balancer ${c.name}${foundNote(found)}`;
      }
      case 'replace': {
        const protectedLb =
          c.deletionProtection ??
          (await this.elbv2.getLoadBalancerAttributes(arn))[DELETION_PROTECTION_ATTRIBUTE] === 'true';
        // Its name is reused: the old one must be gone before the new one is created.
        await this.deleteLoadBalancerArn(arn, protectedLb, true);
        const { found } = await this.createLoadBalancer(c);
        return `replaced load balancer ${c.name}${foundNote(found)}`;
      }
      case 'delete':
        // Target groups it used cannot be deleted until it is gone.
        await this.deleteLoadBalancerArn(arn, c.deletionProtection === true, ctx.hasDependents);
        this.options.arns[c.id] = arn;
        return `deleted load balancer ${c.name}${c.deletionProtection ? ' (deletion protection turned off first)' : ''}`;
      case 'update':
      case 'adopt': {
        const after = c.after ?? {};
        if (after.tags) await this.elbv2.addTags([arn], toTagList(after.tags));
        if (after.subnets) await this.elbv2.setSubnets(arn, after.subnets);
        if (after.securityGroups) await this.elbv2.setSecurityGroups(arn, after.securityGroups);
        if (after.ipAddressType) await this.elbv2.setIpAddressType(arn, after.ipAddressType);
        this.options.arns[c.id] = arn;
        return `${pastTense(c.action)} load balancer ${c.name}`;
      }
      default:
        throw unsupported(c);
    }
  }

  private async createLoadBalancer(c: LoadBalancerChange): Promise<{ lb: LoadBalancer; found: boolean }> {
    const spec = c.after ?? {};
    const name = spec.name ?? c.name;
    const tags = spec.tags ?? { [STACK_TAG]: this.options.stack };
    const { value: lb, found } = await this.createOnce(
      () =>
        this.elbv2.createLoadBalancer({
          name,
          type: spec.type as LoadBalancerType,
          scheme: spec.scheme,
          subnets: spec.subnets ?? [],
          securityGroups: spec.securityGroups,
          ipAddressType: spec.ipAddressType,
          tags: toTagList(tags),
        }),
      async (strict) =>
        this.claim(
          `load balancer "${name}"`,
          await this.elbv2.findLoadBalancersNamed(name),
          tags,
          strict,
          byCreation,
          (kept, twins) =>
            loadBalancerTwinWarning(
              name,
              kept.arn,
              twins.map((t) => t.arn),
            ),
        ),
    );
    this.registry.loadBalancers.set(name, lb.arn);
    this.options.arns[c.id] = lb.arn;
    return { lb, found };
  }

  private async deleteLoadBalancerArn(arn: string, deletionProtection: boolean, wait: boolean): Promise<void> {
    if (deletionProtection)
      await this.elbv2.setLoadBalancerAttributes(arn, { [DELETION_PROTECTION_ATTRIBUTE]: 'false' });
    await this.elbv2.deleteLoadBalancer(arn);
    if (wait) await this.elbv2.waitUntilDeleted(arn);
  }

  // ---------------------------------------------------------------- target groups

  private async targetGroup(c: TargetGroupChange): Promise<string> {
    const arn = c.arn as string;
    switch (c.action) {
      case 'create':
      case 'replace': {
        const spec = c.after ?? {};
        const name = spec.name ?? c.name;
        const tags = spec.tags ?? { [STACK_TAG]: this.options.stack, [NAME_TAG]: c.name };
        const { value: tg, found } = await this.createOnce(
          () =>
            this.elbv2.createTargetGroup({
              name,
              protocol: spec.protocol,
              port: spec.port,
              vpcId: spec.vpc,
              targetType: spec.targetType ?? 'instance',
              healthCheck: spec.healthCheck ?? {},
              tags: toTagList(tags),
            }),
          async (strict) => {
            const existing = await this.elbv2.findTargetGroup(name);
            return this.claim(
              `target group "${name}"`,
              existing ? [existing] : [],
              tags,
              strict,
              () => 0,
              () => '',
            );
          },
        );
        this.registry.targetGroups.set(name, tg.arn);
        this.options.arns[c.id] = tg.arn;
        return c.action === 'create'
          ? `created target group ${name}${foundNote(found)}`
          : `created target group ${name} to replace ${c.before?.name ?? c.name}${foundNote(found)}`;
      }
      case 'update':
      case 'adopt': {
        const after = c.after ?? {};
        if (after.tags) await this.elbv2.addTags([arn], toTagList(after.tags));
        if (after.healthCheck && Object.keys(after.healthCheck).length > 0)
          await this.elbv2.modifyTargetGroupHealthCheck(arn, after.healthCheck);
        this.options.arns[c.id] = arn;
        return `${pastTense(c.action)} target group ${c.name}`;
      }
      case 'delete':
        await this.deleteTargetGroupArn(arn);
        this.options.arns[c.id] = arn;
        return `deleted target group ${c.before?.name ?? c.name}`;
      default:
        throw unsupported(c);
    }
  }

  private async deleteOldTargetGroup(c: TargetGroupChange): Promise<string> {
    await this.deleteTargetGroupArn(c.arn as string);
    return `replaced target group ${c.before?.name ?? c.name} by ${c.after?.name ?? c.name}`;
  }

  private async deleteTargetGroupArn(arn: string): Promise<void> {
    try {
      await this.elbv2.deleteTargetGroup(arn);
    } catch (e) {
      // Already gone (a re-run after an interrupted apply): that is what was asked.
      if (!isNotFound(e)) throw e;
    }
  }

  // ---------------------------------------------------------------- listeners

  private async listener(c: ListenerChange): Promise<string> {
    const arn = c.arn as string;
    const label = listenerKey(c.loadBalancer, c.port);
    switch (c.action) {
      case 'create': {
        const spec = c.after ?? {};
        const tags = spec.tags ?? { [STACK_TAG]: this.options.stack };
        const [lbArn, defaultAction] = await Promise.all([
          this.loadBalancerArn(c.loadBalancer),
          this.physicalAction(spec.defaultAction, c.id),
        ]);
        const certificates = spec.certificates ?? [];
        const { value: listener, found } = await this.createOnce(
          () =>
            this.elbv2.createListener({
              loadBalancerArn: lbArn,
              protocol: spec.protocol ?? 'HTTP',
              port: c.port,
              // CreateListener takes exactly one certificate, the default; the others are added.
              certificates: certificates.slice(0, 1),
              sslPolicy: spec.sslPolicy,
              defaultActions: [defaultAction],
              tags: toTagList(tags),
            }),
          async (strict) =>
            this.claim(
              `listener ${label}`,
              (await this.elbv2.listListeners(lbArn)).filter((l) => l.port === c.port),
              tags,
              strict,
              () => 0,
              (kept, twins) =>
                `listener ${label}: ${twins.length + 1} listeners on this port (a create was retried); kept ${kept.arn}; delete the other${twins.length > 1 ? 's' : ''} by hand: ${twins.map((t) => t.arn).join(', ')}`,
            ),
        );
        if (certificates.length > 1) await this.elbv2.addListenerCertificates(listener.arn, certificates.slice(1));
        this.registry.listeners.set(label, listener.arn);
        this.options.arns[c.id] = listener.arn;
        return `created listener ${label}${foundNote(found)}`;
      }
      case 'update':
      case 'adopt': {
        const after = c.after ?? {};
        const before = c.before ?? {};
        if (after.tags) await this.elbv2.addTags([arn], toTagList(after.tags));
        const defaultActions = after.defaultAction ? [await this.physicalAction(after.defaultAction, c.id)] : undefined;
        const certificates = after.certificates;
        const newDefault = certificates && certificates[0] !== before.certificates?.[0] ? certificates[0] : undefined;
        if (after.protocol || after.sslPolicy || defaultActions || newDefault) {
          await this.elbv2.modifyListener({
            listenerArn: arn,
            protocol: after.protocol,
            sslPolicy: after.sslPolicy,
            defaultCertificate: newDefault,
            defaultActions,
          });
        }
        if (certificates) {
          const had = (before.certificates ?? []).slice(1);
          const want = certificates.slice(1);
          const add = want.filter((x) => !had.includes(x));
          const remove = had.filter((x) => !certificates.includes(x));
          if (add.length > 0) await this.elbv2.addListenerCertificates(arn, add);
          if (remove.length > 0) await this.elbv2.removeListenerCertificates(arn, remove);
        }
        this.registry.listeners.set(label, arn);
        this.options.arns[c.id] = arn;
        return `${pastTense(c.action)} listener ${label}`;
      }
      case 'delete':
        await this.deleteIfThere(() => this.elbv2.deleteListener(arn));
        this.options.arns[c.id] = arn;
        return `deleted listener ${label}`;
      default:
        throw unsupported(c);
    }
  }

  // ---------------------------------------------------------------- rules

  private async rule(c: RuleChange): Promise<string> {
    const arn = c.arn as string;
    switch (c.action) {
      case 'create': {
        const spec = c.after ?? {};
        const tags = spec.tags ?? { [STACK_TAG]: this.options.stack, [RULE_TAG]: c.rule };
        const priority = spec.priority as number;
        const [listenerArn, action] = await Promise.all([
          this.listenerArn(c.loadBalancer, c.port),
          this.physicalAction(spec.action, c.id),
        ]);
        const { value: rule, found } = await this.createOnce(
          () =>
            this.elbv2.createRule({
              listenerArn,
              priority,
              conditions: spec.conditions ?? [],
              actions: [action],
              tags: toTagList(tags),
            }),
          async () => {
            // A rule is identified by its tag only: an untagged rule is never taken for ours.
            const numbered = (await this.elbv2.listRules(listenerArn)).filter((r) => !r.isDefault);
            const rank = (r: { priority: number | 'default' }) =>
              r.priority === priority ? -1 : (r.priority as number);
            return this.claim(
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
        this.options.arns[c.id] = rule.arn;
        return `created rule ${c.name} at priority ${priority}${foundNote(found)}`;
      }
      case 'update':
      case 'adopt':
        await this.modifyRule(c);
        this.options.arns[c.id] = arn;
        return `${pastTense(c.action)} rule ${c.name}`;
      case 'delete':
        await this.deleteIfThere(() => this.elbv2.deleteRule(arn));
        this.options.arns[c.id] = arn;
        return `deleted rule ${c.name}`;
      default:
        throw unsupported(c);
    }
  }

  /** Tags, conditions and action of a kept rule; its priority goes with its listener's others. */
  private async modifyRule(c: RuleChange): Promise<void> {
    const arn = c.arn as string;
    const after = c.after ?? {};
    if (after.tags) await this.elbv2.addTags([arn], toTagList(after.tags));
    const actions = after.action ? [await this.physicalAction(after.action, c.id)] : undefined;
    if (after.conditions || actions) await this.elbv2.modifyRule(arn, { conditions: after.conditions, actions });
  }

  private async priorities(members: RuleChange[]): Promise<string> {
    for (const m of members) {
      await this.modifyRule(m);
      this.options.arns[m.id] = m.arn as string;
    }
    const moves = members.map((m) => ({ ruleArn: m.arn as string, priority: m.after?.priority as number }));
    try {
      await this.elbv2.setRulePriorities(moves);
    } catch (e) {
      if (!isPriorityInUse(e)) throw e;
      await this.prioritiesThroughFreeOnes(members, moves, e);
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
  private async prioritiesThroughFreeOnes(
    members: RuleChange[],
    moves: Array<{ ruleArn: string; priority: number }>,
    original: unknown,
  ): Promise<void> {
    const first = members[0] as RuleChange;
    const listenerArn =
      this.registry.listeners.get(listenerKey(first.loadBalancer, first.port)) ??
      listenerArnOfRule(first.arn as string);
    const numbered = (await this.elbv2.listRules(listenerArn)).filter((r) => !r.isDefault);
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
    await this.elbv2.setRulePriorities(moves.map((m, i) => ({ ruleArn: m.ruleArn, priority: free[i] as number })));
    await this.elbv2.setRulePriorities(moves);
  }

  private async deleteIfThere(del: () => Promise<void>): Promise<void> {
    try {
      await del();
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  // ---------------------------------------------------------------- targets and attributes

  private async targets(c: TargetsChange): Promise<string> {
    const arn = c.arn ?? (await this.targetGroupArn(c.targetGroup));
    const key = (t: { id: string; port?: number | undefined }) => `${t.id}|${t.port ?? ''}`;
    const leaving = new Set(c.deregister.map(key));
    // New targets first, so capacity comes before it goes; a target moving to another zone is
    // deregistered, then registered again.
    const fresh = c.register.filter((t) => !leaving.has(key(t)));
    const again = c.register.filter((t) => leaving.has(key(t)));
    if (fresh.length > 0) await this.elbv2.registerTargets(arn, fresh);
    if (c.deregister.length > 0) await this.elbv2.deregisterTargets(arn, c.deregister);
    if (again.length > 0) await this.elbv2.registerTargets(arn, again);
    this.options.arns[c.id] = arn;
    const parts = [
      ...(c.register.length > 0 ? [`registered ${c.register.length}`] : []),
      ...(c.deregister.length > 0 ? [`deregistered ${c.deregister.length}`] : []),
    ];
    return `${parts.join(', ')} target${c.register.length + c.deregister.length === 1 ? '' : 's'} of ${c.targetGroup}`;
  }

  private async attributes(c: AttributesChange): Promise<string> {
    const attributes = c.after ?? {};
    if (c.resource === 'load-balancer') {
      const arn = c.arn ?? (await this.loadBalancerArn(c.resourceName));
      await this.elbv2.setLoadBalancerAttributes(arn, attributes);
      this.options.arns[c.id] = arn;
    } else {
      const arn = c.arn ?? (await this.targetGroupArn(c.resourceName));
      await this.elbv2.setTargetGroupAttributes(arn, attributes);
      this.options.arns[c.id] = arn;
    }
    return `set ${Object.keys(attributes).length} attribute${Object.keys(attributes).length === 1 ? '' : 's'} of ${c.resource.replace('-', ' ')} ${c.resourceName}`;
  }
}

// ------------------------------------------------------------------ wording

function pastTense(action: Change['action']): string {
  return {
    create: 'created',
    update: 'updated',
    delete: 'deleted',
    replace: 'replaced',
    move: 'moved',
    adopt: 'adopted',
  }[action];
}

function foundNote(found: boolean): string {
  return found ? ' (found after an interrupted attempt: not created twice)' : '';
}

function unsupported(c: Change): ElbctlError {
  return new ElbctlError('internal', 'E_PLAN_INVALID', `change "${c.id}": cannot ${c.action} a ${c.type}`);
}

function byCreation(a: LoadBalancer, b: LoadBalancer): number {
  return (a.createdAt ?? '').localeCompare(b.createdAt ?? '');
}

function loadBalancerTwinWarning(name: string, kept: string, twins: readonly string[]): string {
  return (
    `load balancer "${name}": ${twins.length + 1} load balancers have this name (a create was retried); kept ${kept}; ` +
    `delete the other${twins.length > 1 ? 's' : ''} with ${twins.map((t) => `\`elbctl lb delete ${t}\``).join(', ')}`
  );
}
