/**
 * The executor: applies a Plan to AWS as a dependency graph.
 *
 * Each change is a node, its `dependsOn` the edges. Independent nodes run concurrently, at most
 * `concurrency` at a time; a node starts once every node it depends on is done. A failed node
 * never stops the run: what depends on it (transitively) is skipped, everything else still runs,
 * and the report says what was done, what failed and what was skipped. Re-running `apply`
 * resumes, because identity lives in tags, not in a local state file.
 *
 * Two plan conventions (see src/core/stack/plan.ts) shape the graph:
 * - every priority change of one listener (`move`, and rule `update`/`adopt` carrying a
 *   priority) is ONE node: one SetRulePriorities call, so swaps need no order between them;
 * - a target group `replace` is two nodes: create the new one (what dependents wait for), then
 *   delete the old one once the changes in `deleteOldAfter` have repointed away from it.
 *
 * It throws only for plans it must not or cannot run (blocked, for another stack, malformed,
 * cyclic) — before any AWS call. A failed AWS step is reported, never thrown.
 */
import { ElbctlError, usageError, validationError } from '../core/errors';
import type { Change, Plan, RuleChange } from '../core/stack/plan';
import { externalNeeds, Registry } from './apply-steps/registry';
import { StepRunner, type StepWork } from './apply-steps/runner';
import type { CloudWatchGateway } from './cloudwatch';
import type { Secret } from '../core/secret';
import type { Elbv2Gateway } from './elbv2/gateway';

/** @public bench/apply-scale.js reads it from dist/ to report the concurrency it measured. */
export const DEFAULT_APPLY_CONCURRENCY = 4;

type ApplyEventKind = 'start' | 'done' | 'failed' | 'skipped';

export interface ApplyEvent {
  kind: ApplyEventKind;
  /** The plan change it is about. */
  changeId: string;
  /** `created load balancer web`, the failure's message, or `skipped: target-group:api failed`. */
  message: string;
}

export interface ApplyOptions {
  /** The stack the plan must be for (a plan file made for another stack is refused). */
  stackName: string;
  /** Cap of AWS-mutating steps in flight; default 4. */
  concurrency?: number | undefined;
  /** Progress, as it happens. */
  onEvent?: ((e: ApplyEvent) => void) | undefined;
  /** Backoff between create attempts after an ambiguous failure; tests pass a no-op. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** OIDC client secrets by variable name: every one `secretVariables(plan)` lists. */
  secrets?: ReadonlyMap<string, Secret> | undefined;
  /** `apply --rotate-secrets` (the plan was made with the same option). */
  rotateSecrets?: boolean | undefined;
}

export interface ApplyReport {
  /** Change ids, in plan order. */
  done: string[];
  failed: Array<{ id: string; message: string }>;
  /** Not started because something they depend on failed: each change, and the failed change it waited on. */
  skipped: Array<{ id: string; waitedOn: string }>;
  /** Found along the way and left for a human: twins of a retried create. */
  warnings: string[];
  /** Change id → the ARN it created or acted on. */
  arns: Record<string, string>;
}

interface Step {
  key: string;
  work: StepWork;
  changes: Change[];
  deps: string[];
  /** Plan position of its first change: ready steps start in plan order. */
  order: number;
}

type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function applyPlan(
  aws: { elbv2: Elbv2Gateway; cloudwatch?: CloudWatchGateway | undefined },
  plan: Plan,
  options: ApplyOptions,
): Promise<ApplyReport> {
  const concurrency = options.concurrency ?? DEFAULT_APPLY_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw usageError('E_USAGE', `concurrency "${concurrency}": must be a whole number of at least 1`);
  }
  checkPlan(plan, options.stackName);
  const steps = buildSteps(plan);

  const warnings: string[] = [];
  const arns: Record<string, string> = {};
  const registry = Registry.seededFrom(plan.changes);
  const runner = new StepRunner(
    aws.elbv2,
    registry,
    externalNeeds(plan.changes, registry),
    {
      stack: plan.stack,
      sleep: options.sleep ?? realSleep,
      warnings,
      arns,
      secrets: options.secrets ?? new Map(),
      rotateSecrets: options.rotateSecrets === true,
    },
    // Read only for a plan with alarms: the gateway's getter loads the CloudWatch client.
    plan.changes.some((c) => c.type === 'alarm') ? aws.cloudwatch : undefined,
  );
  const outcomes = new ChangeOutcomes(plan.changes, steps, options.onEvent);
  await runGraph(steps, concurrency, {
    start: (step) => outcomes.started(step),
    run: (step, hasDependents) => runner.run(step.work, { hasDependents }),
    done: (step, message) => outcomes.done(step, message),
    failed: (step, message) => outcomes.failed(step, message),
    skipped: (step, cause) => outcomes.skipped(step, cause),
  });
  return { ...outcomes.report(plan.changes), warnings, arns };
}

// ------------------------------------------------------------------ checking the plan

function checkPlan(plan: Plan, stackName: string): void {
  if (plan.stack !== stackName) {
    throw validationError(
      'E_PLAN_STACK',
      `plan: is for stack "${plan.stack}", not "${stackName}"; make the plan from this stack's file`,
    );
  }
  if (plan.isBlocked) {
    const names = plan.unmanaged.map((u) => `${u.type} ${u.name}`).join(', ');
    throw new ElbctlError(
      'conflict',
      'E_PLAN_BLOCKED',
      `stack "${plan.stack}": ${plan.unmanaged.length} resource${plan.unmanaged.length === 1 ? '' : 's'} not managed by the stack stand${plan.unmanaged.length === 1 ? 's' : ''} in the way (${names}); nothing was changed`,
      {
        details: plan.unmanaged.map((u) => u.message),
        hint: 'resolve each one as its message says, then run `elbctl plan` again',
      },
    );
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of plan.changes) {
    const bad = (why: string) =>
      problems.push(`plan: change "${c.id}": ${why}; create the plan again with \`elbctl plan\``);
    if (ids.has(c.id)) bad('appears twice');
    ids.add(c.id);
    const needsArn = c.action !== 'create' && !(c.type === 'targets' || c.type === 'attributes');
    if (needsArn && !c.arn) bad(`a ${c.action} needs the ARN of the live resource`);
    if ((c.action === 'create' || c.action === 'replace') && !c.after)
      bad(`a ${c.action} needs the complete spec in "after"`);
    const actionOk: Record<Change['type'], ReadonlyArray<Change['action']>> = {
      'load-balancer': ['create', 'replace', 'update', 'adopt', 'delete'],
      'target-group': ['create', 'replace', 'update', 'adopt', 'delete'],
      listener: ['create', 'update', 'adopt', 'delete'],
      rule: ['create', 'update', 'adopt', 'move', 'delete'],
      targets: ['create', 'update'],
      attributes: ['create', 'update'],
      alarm: ['create', 'update', 'adopt', 'delete'],
      'trust-store': ['create', 'update', 'adopt', 'delete'],
    };
    if (!actionOk[c.type].includes(c.action)) bad(`cannot ${c.action} a ${c.type}`);
    if (
      (c.type === 'listener' || c.type === 'rule') &&
      (typeof c.loadBalancer !== 'string' || typeof c.port !== 'number')
    ) {
      bad('"loadBalancer" and "port" are missing');
    }
    if (c.type === 'rule' && (c.action === 'create' || c.action === 'move') && typeof c.after?.priority !== 'number')
      bad('the priority is missing');
    if (c.type === 'rule' && c.action === 'create' && !c.after?.action) bad('the action is missing');
    if (c.type === 'listener' && c.action === 'create' && !c.after?.defaultAction) bad('the default action is missing');
    if (
      c.type === 'targets' &&
      (!Array.isArray(c.register) || !Array.isArray(c.deregister) || (!c.arn && !c.targetGroup))
    ) {
      bad('"register", "deregister" and the target group are missing');
    }
    if (c.type === 'attributes' && (!c.after || (!c.arn && !c.resourceName)))
      bad('the attributes or their resource are missing');
    const sent = c.type === 'listener' ? c.after?.defaultAction : c.type === 'rule' ? c.after?.action : undefined;
    if (sent?.type === 'other') bad(`an action of type ${sent.awsType} cannot be sent`);
  }
  for (const c of plan.changes) {
    const refs = [...c.dependsOn, ...(c.type === 'target-group' ? (c.deleteOldAfter ?? []) : [])];
    for (const d of refs)
      if (!ids.has(d))
        problems.push(
          `plan: change "${c.id}": depends on unknown change "${d}"; create the plan again with \`elbctl plan\``,
        );
  }
  const [first, ...rest] = problems;
  if (first !== undefined) throw validationError('E_PLAN_INVALID', first, { details: rest });
}

// ------------------------------------------------------------------ the graph

function buildSteps(plan: Plan): Step[] {
  const steps = new Map<string, Step>();
  /** Change id → the step its dependents wait for. */
  const primary = new Map<string, string>();
  plan.changes.forEach((c, order) => {
    if (c.type === 'rule' && c.action !== 'create' && c.action !== 'delete' && c.after?.priority !== undefined) {
      const listener = `${c.loadBalancer}:${c.port}`;
      const key = `@priorities:${listener}`;
      let step = steps.get(key);
      if (!step) {
        step = { key, work: { kind: 'priorities', listener, members: [] }, changes: [], deps: [], order };
        steps.set(key, step);
      }
      (step.work as { members: RuleChange[] }).members.push(c);
      step.changes.push(c);
      primary.set(c.id, key);
      return;
    }
    steps.set(c.id, { key: c.id, work: { kind: 'change', change: c }, changes: [c], deps: [], order });
    primary.set(c.id, c.id);
    if (c.type === 'target-group' && c.action === 'replace') {
      steps.set(`@delete-old:${c.id}`, {
        key: `@delete-old:${c.id}`,
        work: { kind: 'delete-old-target-group', change: c },
        changes: [c],
        deps: [],
        order,
      });
    }
  });
  const stepOf = (id: string) => primary.get(id) as string;
  for (const step of steps.values()) {
    const deps =
      step.work.kind === 'delete-old-target-group'
        ? [step.work.change.id, ...(step.work.change.deleteOldAfter ?? []).map(stepOf)]
        : step.changes.flatMap((c) => c.dependsOn.map(stepOf));
    step.deps = [...new Set(deps)].filter((d) => d !== step.key);
  }
  const list = [...steps.values()].sort((a, b) => a.order - b.order);
  checkAcyclic(list);
  return list;
}

function checkAcyclic(steps: readonly Step[]): void {
  const remaining = new Map(steps.map((s) => [s.key, new Set(s.deps)]));
  let progressed = true;
  while (progressed && remaining.size > 0) {
    progressed = false;
    for (const [key, deps] of remaining) {
      if ([...deps].every((d) => !remaining.has(d))) {
        remaining.delete(key);
        progressed = true;
      }
    }
  }
  if (remaining.size > 0) {
    const ids = [...remaining.keys()].flatMap((k) => steps.find((s) => s.key === k)?.changes.map((c) => c.id) ?? []);
    throw new ElbctlError(
      'validation',
      'E_PLAN_INVALID',
      `plan: changes ${[...new Set(ids)].map((i) => `"${i}"`).join(', ')} depend on each other in a cycle; create the plan again with \`elbctl plan\``,
    );
  }
}

interface GraphHooks {
  start: (step: Step) => void;
  run: (step: Step, hasDependents: boolean) => Promise<string>;
  done: (step: Step, message: string) => void;
  failed: (step: Step, message: string) => void;
  /** `cause`: the change whose failure it waits on. */
  skipped: (step: Step, cause: string) => void;
}

/**
 * Runs an acyclic graph of steps, at most `limit` at a time, until none can run any more. A
 * step's failure is recorded, never thrown; only an exception from a hook (a bug) is thrown,
 * once every started step has settled.
 */
async function runGraph(steps: readonly Step[], limit: number, hooks: GraphHooks): Promise<void> {
  const state = new Map<string, StepState>(steps.map((s) => [s.key, 'pending']));
  /** Step key → the change whose failure stopped it. */
  const rootCause = new Map<string, string>();
  const dependents = new Set(steps.flatMap((s) => s.deps));
  const inFlight = new Map<string, Promise<void>>();
  let bug: { error: unknown } | undefined;

  const execute = async (s: Step): Promise<void> => {
    hooks.start(s);
    let outcome: { ok: boolean; message: string };
    try {
      outcome = { ok: true, message: await hooks.run(s, dependents.has(s.key)) };
    } catch (e) {
      outcome = { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    state.set(s.key, outcome.ok ? 'done' : 'failed');
    if (outcome.ok) {
      hooks.done(s, outcome.message);
    } else {
      rootCause.set(s.key, s.changes[0]?.id ?? s.key);
      hooks.failed(s, outcome.message);
    }
  };

  const skipBlocked = () => {
    for (let again = true; again; ) {
      again = false;
      for (const s of steps) {
        if (state.get(s.key) !== 'pending') continue;
        const blocker = s.deps.find((d) => state.get(d) === 'failed' || state.get(d) === 'skipped');
        if (blocker === undefined) continue;
        const cause = rootCause.get(blocker) ?? blocker;
        state.set(s.key, 'skipped');
        rootCause.set(s.key, cause);
        hooks.skipped(s, cause);
        again = true;
      }
    }
  };

  while (!bug) {
    try {
      skipBlocked();
    } catch (e) {
      bug = { error: e };
      break;
    }
    for (const s of steps) {
      if (inFlight.size >= limit) break;
      if (state.get(s.key) !== 'pending' || !s.deps.every((d) => state.get(d) === 'done')) continue;
      state.set(s.key, 'running');
      const running = execute(s)
        .catch((e: unknown) => {
          bug ??= { error: e };
        })
        .finally(() => inFlight.delete(s.key));
      inFlight.set(s.key, running);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight.values());
  }
  await Promise.allSettled([...inFlight.values()]);
  if (bug) throw bug.error;
}

// ------------------------------------------------------------------ per-change outcomes

type Outcome = { kind: 'done' } | { kind: 'failed'; message: string } | { kind: 'skipped'; waitedOn: string };

/** Steps map to changes: a change is done when all its steps are, failed when one failed. */
class ChangeOutcomes {
  private readonly stepsLeft = new Map<string, number>();
  private readonly begun = new Set<string>();
  private readonly outcomes = new Map<string, Outcome>();

  constructor(
    changes: readonly Change[],
    steps: readonly Step[],
    private readonly onEvent: ((e: ApplyEvent) => void) | undefined,
  ) {
    for (const c of changes) this.stepsLeft.set(c.id, 0);
    for (const s of steps) for (const c of s.changes) this.stepsLeft.set(c.id, (this.stepsLeft.get(c.id) ?? 0) + 1);
  }

  private emit(kind: ApplyEventKind, changeId: string, message: string): void {
    this.onEvent?.({ kind, changeId, message });
  }

  started(step: Step): void {
    for (const c of step.changes) {
      if (this.begun.has(c.id)) continue;
      this.begun.add(c.id);
      this.emit('start', c.id, `${c.action} ${changeLabel(c)}`);
    }
  }

  done(step: Step, message: string): void {
    for (const c of step.changes) {
      const left = (this.stepsLeft.get(c.id) ?? 1) - 1;
      this.stepsLeft.set(c.id, left);
      if (left > 0 || this.outcomes.has(c.id)) continue;
      this.outcomes.set(c.id, { kind: 'done' });
      this.emit('done', c.id, message);
    }
  }

  failed(step: Step, message: string): void {
    for (const c of step.changes) {
      if (this.outcomes.has(c.id)) continue;
      this.outcomes.set(c.id, { kind: 'failed', message });
      this.emit('failed', c.id, message);
    }
  }

  skipped(step: Step, cause: string): void {
    for (const c of step.changes) {
      if (this.outcomes.has(c.id)) continue;
      if (this.begun.has(c.id)) {
        // Half done (a replaced target group whose old one stays): a failure to finish, not a skip.
        const message =
          step.work.kind === 'delete-old-target-group'
            ? `target group ${c.name}: the old target group ${(c.type === 'target-group' ? c.before?.name : undefined) ?? c.name} was kept because ${cause} failed; re-run apply to delete it`
            : `${c.id}: not finished because ${cause} failed`;
        this.outcomes.set(c.id, { kind: 'failed', message });
        this.emit('failed', c.id, message);
        continue;
      }
      this.outcomes.set(c.id, { kind: 'skipped', waitedOn: cause });
      this.emit('skipped', c.id, `skipped: ${cause} failed`);
    }
  }

  report(changes: readonly Change[]): Omit<ApplyReport, 'warnings' | 'arns'> {
    const out: Omit<ApplyReport, 'warnings' | 'arns'> = { done: [], failed: [], skipped: [] };
    for (const c of changes) {
      const o = this.outcomes.get(c.id);
      if (o?.kind === 'done') out.done.push(c.id);
      else if (o?.kind === 'failed') out.failed.push({ id: c.id, message: o.message });
      else
        out.skipped.push({ id: c.id, waitedOn: o?.kind === 'skipped' ? o.waitedOn : 'a change that did not finish' });
    }
    return out;
  }
}

/** `load balancer web`, `rule web:80:api`, `targets of app`, `attributes of load balancer web`. */
function changeLabel(c: Change): string {
  switch (c.type) {
    case 'targets':
      return `targets of ${c.name}`;
    case 'attributes':
      return `attributes of ${c.resource.replace('-', ' ')} ${c.name}`;
    default:
      return `${c.type.replace('-', ' ')} ${c.name}`;
  }
}
