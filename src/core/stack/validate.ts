/**
 * The stack validator: every problem in one pass, each with the path of the value it is
 * about (the loader adds line:column).
 *
 * 1. The zod schema reports the shape: types, required fields, unknown keys, enums, ranges,
 *    name and ID formats.
 * 2. The rules below relate values to each other: references, duplicates, AWS quotas, protocol
 *    pairings, certificates, health-check timings, targets, subnets, cross-zone and stickiness.
 *    They run on every load balancer and target group that has a valid shape, even when
 *    others do not, so one typo does not hide the rest. A reference to a target group whose
 *    own shape is broken still counts as declared.
 */
import { z } from 'zod';
import { MAX_TARGET_GROUPS_PER_FORWARD } from '../actions';
import { checkLoadBalancerAttributes, checkTargetGroupAttributes } from '../attributes';
import { validateConditions } from '../conditions';
import { CROSS_ZONE_ATTRIBUTE } from '../cross-zone';
import { isSecureProtocol, targetGroupFitsListener } from '../listeners';
import type { LoadBalancerType } from '../model';
import { MAX_PRIORITY } from '../priorities';
import { parseTargetSpec, targetLabel, targetsFitGroup } from '../targets';
import { healthCheckPath, healthCheckTimings, listenerProtocol, matcher, parseInteger } from '../validate';
import {
  LOAD_BALANCER_TYPED_ATTRIBUTES,
  TARGET_GROUP_TYPED_ATTRIBUTES,
  allocatePriorities,
  attributeText,
  isHttpProtocol,
  targetGroupAttributes,
  toConditions,
} from './defaults';
import { GENERIC, issuesToProblems, type PathProblem, type PathSegment } from './problems';
import {
  STACK_CODES,
  actionSchema,
  conditionsSchema,
  healthCheckSchema,
  listenerSchema,
  loadBalancerSchema,
  ruleSchema,
  stackFileSchema,
  stickinessSchema,
  targetGroupSchema,
  targetSchema,
  type ActionFile,
  type ConditionsFile,
  type HealthCheckFile,
  type ListenerFile,
  type LoadBalancerFile,
  type RuleFile,
  type StackCode,
  type StackFile,
  type StickinessFile,
  type TargetFile,
  type TargetGroupFile,
} from './schema';
import { didYouMean } from './suggest';

/** AWS quotas (defaults; some are adjustable per account). */
const STACK_LIMITS = {
  listenersPerLoadBalancer: 50,
  rulesPerApplicationLoadBalancer: 100,
  targetGroupsPerApplicationLoadBalancer: 100,
  targetsPerApplicationLoadBalancer: 1000,
  targetsPerTargetGroup: 1000,
} as const;

export type StackValidation = { ok: true; file: StackFile; problems: [] } | { ok: false; problems: PathProblem[] };

// ------------------------------------------------------------------ views: what parsed, part by part

/*
 * The rules run on parts, not on whole entries: a load balancer's own fields, each listener's
 * own fields, each action, each rule's name and priority, its conditions, … each parsed on
 * its own (unknown keys stripped, they are already reported). A typo in one rule then hides
 * the checks of that rule only. Indexes stay those of the file, so paths stay true.
 */
// Names are checked by the full schema; here any string will do, so a bad name does not hide
// every other problem of the same resource.
const anyName = { name: z.string() };
const LB_CORE = loadBalancerSchema.omit({ listeners: true }).extend(anyName).strip();
const LISTENER_CORE = listenerSchema.omit({ rules: true, defaultAction: true }).strip();
const RULE_CORE = ruleSchema.omit({ conditions: true, action: true }).extend(anyName).strip();
const ACTION = actionSchema.strip();
const CONDITIONS = conditionsSchema.strip();
const TG_CORE = targetGroupSchema.omit({ targets: true, healthCheck: true, stickiness: true }).extend(anyName).strip();
const HEALTH_CHECK = healthCheckSchema.strip();
const STICKINESS = stickinessSchema.strip();
const TARGET = targetSchema.strip();

type LoadBalancerCore = Omit<LoadBalancerFile, 'listeners'>;
type ListenerCore = Omit<ListenerFile, 'rules' | 'defaultAction'>;
type RuleCore = Omit<RuleFile, 'conditions' | 'action'>;
type TargetGroupCore = Omit<TargetGroupFile, 'targets' | 'healthCheck' | 'stickiness'>;

interface RuleView {
  index: number;
  rule: RuleCore;
  conditions?: ConditionsFile | undefined;
  action?: ActionFile | undefined;
}

interface ListenerView {
  index: number;
  listener: ListenerCore;
  defaultAction?: ActionFile | undefined;
  ruleCount: number;
  rules: RuleView[];
}

interface LoadBalancerView {
  index: number;
  lb: LoadBalancerCore;
  listenerCount: number;
  listeners: ListenerView[];
}

interface TargetGroupView {
  index: number;
  tg: TargetGroupCore;
  /** Undefined when absent or not valid (its own problems are reported by the schema). */
  healthCheck?: HealthCheckFile | undefined;
  stickiness?: StickinessFile | undefined;
  stickinessBroken: boolean;
  /** Undefined when the file leaves targets out (not managed). */
  targetCount?: number | undefined;
  targets: Array<{ index: number; target: TargetFile }>;
}

/** `an HTTP listener`, `a TCP listener` */
const article = (protocol: string) => (protocol.startsWith('H') ? 'an' : 'a');

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (raw: unknown, key: string): unknown => (isDict(raw) ? raw[key] : undefined);
const list = (raw: unknown): unknown[] => (Array.isArray(raw) ? raw : []);

function part<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  raw: unknown,
): T | undefined {
  const r = schema.safeParse(raw);
  return r.success ? r.data : undefined;
}

function loadBalancerViews(root: unknown): LoadBalancerView[] {
  return list(field(root, 'loadBalancers')).flatMap((raw, index) => {
    const lb = part<LoadBalancerCore>(LB_CORE, raw);
    if (!lb) return [];
    const rawListeners = list(field(raw, 'listeners'));
    const listeners = rawListeners.flatMap((rl, j): ListenerView[] => {
      const listener = part<ListenerCore>(LISTENER_CORE, rl);
      if (!listener) return [];
      const rawRules = list(field(rl, 'rules'));
      const rules = rawRules.flatMap((rr, k): RuleView[] => {
        const rule = part<RuleCore>(RULE_CORE, rr);
        if (!rule) return [];
        return [
          {
            index: k,
            rule,
            conditions: part<ConditionsFile>(CONDITIONS, field(rr, 'conditions')),
            action: part<ActionFile>(ACTION, field(rr, 'action')),
          },
        ];
      });
      return [
        {
          index: j,
          listener,
          defaultAction: part<ActionFile>(ACTION, field(rl, 'defaultAction')),
          ruleCount: rawRules.length,
          rules,
        },
      ];
    });
    return [{ index, lb, listenerCount: rawListeners.length, listeners }];
  });
}

function targetGroupViews(root: unknown): TargetGroupView[] {
  return list(field(root, 'targetGroups')).flatMap((raw, index): TargetGroupView[] => {
    const tg = part<TargetGroupCore>(TG_CORE, raw);
    if (!tg) return [];
    const rawStickiness = field(raw, 'stickiness');
    const stickiness = part<StickinessFile>(STICKINESS, rawStickiness);
    const rawTargets = field(raw, 'targets');
    return [
      {
        index,
        tg,
        healthCheck: part<HealthCheckFile>(HEALTH_CHECK, field(raw, 'healthCheck')),
        stickiness,
        stickinessBroken: rawStickiness !== undefined && stickiness === undefined,
        targetCount: rawTargets === undefined ? undefined : list(rawTargets).length,
        targets: list(rawTargets).flatMap((rt, k) => {
          const target = part<TargetFile>(TARGET, rt);
          return target ? [{ index: k, target }] : [];
        }),
      },
    ];
  });
}

// ------------------------------------------------------------------ the checker

interface TargetGroupUse {
  loadBalancer: string;
  type: LoadBalancerType;
}

class Checker {
  readonly problems: PathProblem[] = [];
  /** Every declared target group name (any entry with a string name) → its view, when its own fields are valid. */
  readonly targetGroups = new Map<string, TargetGroupView | undefined>();
  /** Target group name → the load balancers that forward to it. */
  readonly uses = new Map<string, TargetGroupUse[]>();

  add(path: PathSegment[], code: StackCode, message: string): void {
    this.problems.push({ path, code, message });
  }
}

function rawNames(root: unknown, key: string): Array<{ index: number; name: string }> {
  return list(field(root, key)).flatMap((item, index) => {
    const name = field(item, 'name');
    return typeof name === 'string' ? [{ index, name }] : [];
  });
}

/** Every problem in a parsed YAML value (paths, no positions). */
export function validateStack(value: unknown): StackValidation {
  const parsed = stackFileSchema.safeParse(value, { error: () => GENERIC });
  const c = new Checker();
  if (!parsed.success) c.problems.push(...issuesToProblems(parsed.error.issues, value, stackFileSchema));

  checkUniqueNames(c, rawNames(value, 'loadBalancers'), 'loadBalancers', 'load balancer');
  checkUniqueNames(c, rawNames(value, 'targetGroups'), 'targetGroups', 'target group');

  const targetGroups = targetGroupViews(value);
  for (const { name } of rawNames(value, 'targetGroups'))
    if (!c.targetGroups.has(name)) c.targetGroups.set(name, undefined);
  for (const view of targetGroups)
    if (c.targetGroups.get(view.tg.name) === undefined) c.targetGroups.set(view.tg.name, view);

  for (const view of loadBalancerViews(value)) checkLoadBalancer(c, view);
  for (const view of targetGroups) checkTargetGroup(c, view);

  if (parsed.success && c.problems.length === 0) return { ok: true, file: parsed.data, problems: [] };
  return { ok: false, problems: c.problems };
}

function checkUniqueNames(c: Checker, names: Array<{ index: number; name: string }>, key: string, what: string): void {
  const first = new Map<string, number>();
  for (const { index, name } of names) {
    const earlier = first.get(name);
    if (earlier !== undefined) {
      c.add(
        [key, index, 'name'],
        STACK_CODES.duplicate,
        `${what} name "${name}": declared twice (also ${key}[${earlier}]); names are unique per account and region, rename one`,
      );
    } else first.set(name, index);
  }
}

// ------------------------------------------------------------------ load balancers

function albCrossZoneMessage(name: string): string {
  return (
    `load balancer "${name}": cross-zone load balancing is always on for an application load balancer and cannot be set on it; ` +
    'to turn it off, set crossZone: false on the target group (targetGroups[].crossZone)'
  );
}

function checkLoadBalancer(c: Checker, view: LoadBalancerView): void {
  const { lb, index: i } = view;
  const base: PathSegment[] = ['loadBalancers', i];
  const label = `load balancer "${lb.name}"`;
  const isAlb = lb.type === 'application';

  if (isAlb && lb.subnets.length < 2) {
    c.add(
      [...base, 'subnets'],
      STACK_CODES.subnets,
      `${label}: an application load balancer needs subnets in at least two availability zones, ${lb.subnets.length} given; add a subnet in another zone`,
    );
  }
  reportDuplicates(
    c,
    lb.subnets,
    (k) => [...base, 'subnets', k],
    (s) => `subnet "${s}": listed twice in ${label}; list each subnet once`,
  );
  reportDuplicates(
    c,
    lb.securityGroups ?? [],
    (k) => [...base, 'securityGroups', k],
    (s) => `security group "${s}": listed twice in ${label}; list each once`,
  );

  const attrs = lb.attributes ?? {};
  if (isAlb && lb.crossZone !== undefined)
    c.add([...base, 'crossZone'], STACK_CODES.crossZone, albCrossZoneMessage(lb.name));
  if (isAlb && CROSS_ZONE_ATTRIBUTE in attrs)
    c.add([...base, 'attributes', CROSS_ZONE_ATTRIBUTE], STACK_CODES.crossZone, albCrossZoneMessage(lb.name));
  if (!isAlb && lb.dropInvalidHeaderFields !== undefined) {
    c.add(
      [...base, 'dropInvalidHeaderFields'],
      STACK_CODES.attribute,
      `${label}: dropInvalidHeaderFields applies to application load balancers only; remove it`,
    );
  }
  for (const [typed, key] of Object.entries(LOAD_BALANCER_TYPED_ATTRIBUTES)) {
    if (isAlb && key === CROSS_ZONE_ATTRIBUTE) continue;
    if (lb[typed as keyof typeof LOAD_BALANCER_TYPED_ATTRIBUTES] !== undefined && key in attrs) {
      c.add(
        [...base, 'attributes', key],
        STACK_CODES.conflict,
        `${label}: ${typed} and attribute "${key}" both set it; keep only ${typed}`,
      );
    }
  }
  for (const [key, raw] of Object.entries(attrs)) {
    if (isAlb && key === CROSS_ZONE_ATTRIBUTE) continue;
    for (const m of checkLoadBalancerAttributes(lb.type, lb.name, [{ key, value: attributeText(raw) }])) {
      c.add([...base, 'attributes', key], STACK_CODES.attribute, m);
    }
  }

  const maxListeners = STACK_LIMITS.listenersPerLoadBalancer;
  if (view.listenerCount > maxListeners) {
    c.add(
      [...base, 'listeners', maxListeners],
      STACK_CODES.limit,
      `${label}: ${view.listenerCount} listeners, the limit is ${maxListeners} per load balancer; remove ${view.listenerCount - maxListeners}`,
    );
  }
  const ports = new Set<number>();
  for (const { listener, index: j } of view.listeners) {
    if (ports.has(listener.port)) {
      c.add(
        [...base, 'listeners', j, 'port'],
        STACK_CODES.duplicate,
        `listener port ${listener.port}: declared twice on ${label}; a load balancer has one listener per port`,
      );
    }
    ports.add(listener.port);
  }

  const forwarded = new Set<string>();
  for (const lv of view.listeners) checkListener(c, lb, i, lv, forwarded);

  if (!isAlb) return;
  const totalRules = view.listeners.reduce((n, l) => n + l.ruleCount, 0);
  const maxRules = STACK_LIMITS.rulesPerApplicationLoadBalancer;
  if (totalRules > maxRules) {
    let seen = 0;
    for (const lv of view.listeners) {
      if (seen + lv.ruleCount > maxRules) {
        c.add(
          [...base, 'listeners', lv.index, 'rules', maxRules - seen],
          STACK_CODES.limit,
          `${label}: ${totalRules} rules, the limit is ${maxRules} per application load balancer (default rules not counted); move some routes to another load balancer`,
        );
        break;
      }
      seen += lv.ruleCount;
    }
  }
  const maxGroups = STACK_LIMITS.targetGroupsPerApplicationLoadBalancer;
  if (forwarded.size > maxGroups) {
    c.add(
      [...base, 'name'],
      STACK_CODES.limit,
      `${label}: forwards to ${forwarded.size} target groups, the limit is ${maxGroups} per application load balancer; move some routes to another load balancer`,
    );
  }
  let targets = 0;
  for (const name of forwarded) targets += c.targetGroups.get(name)?.targetCount ?? 0;
  const maxTargets = STACK_LIMITS.targetsPerApplicationLoadBalancer;
  if (targets > maxTargets) {
    c.add(
      [...base, 'name'],
      STACK_CODES.limit,
      `${label}: its target groups hold ${targets} targets, the limit is ${maxTargets} per application load balancer; spread them over another load balancer`,
    );
  }
}

function reportDuplicates<T>(
  c: Checker,
  items: readonly T[],
  path: (k: number) => PathSegment[],
  message: (item: T) => string,
): void {
  const seen = new Set<string>();
  items.forEach((item, k) => {
    const id = String(item);
    if (seen.has(id)) c.add(path(k), STACK_CODES.duplicate, message(item));
    seen.add(id);
  });
}

interface ListenerContext {
  lb: LoadBalancerCore;
  listener: ListenerCore;
  /** `shop-web:443` */
  ref: string;
  /** The listener's protocol fits its load balancer's type. */
  protocolFits: boolean;
}

function checkListener(c: Checker, lb: LoadBalancerCore, i: number, view: ListenerView, forwarded: Set<string>): void {
  const { listener: l, index: j } = view;
  const lp: PathSegment[] = ['loadBalancers', i, 'listeners', j];
  const ref = `${lb.name}:${l.port}`;
  const protocolProblem = listenerProtocol(lb.type, l.protocol);
  if (protocolProblem) c.add([...lp, 'protocol'], STACK_CODES.protocol, `listener ${ref}: ${protocolProblem}`);
  const ctx: ListenerContext = { lb, listener: l, ref, protocolFits: protocolProblem === undefined };

  const secure = isSecureProtocol(l.protocol);
  const certificates = l.certificates ?? [];
  if (secure && certificates.length === 0) {
    c.add(
      [...lp, 'protocol'],
      STACK_CODES.certificate,
      `listener ${ref}: ${l.protocol} needs a certificate; add certificates: [arn:aws:acm:REGION:ACCOUNT:certificate/ID] (ACM issues one for free)`,
    );
  }
  if (!secure && certificates.length > 0) {
    c.add(
      [...lp, 'certificates'],
      STACK_CODES.certificate,
      `listener ${ref}: ${article(l.protocol)} ${l.protocol} listener does not use certificates; remove certificates or use ${l.protocol === 'HTTP' ? 'HTTPS' : 'TLS'}`,
    );
  }
  if (!secure && l.sslPolicy !== undefined) {
    c.add(
      [...lp, 'sslPolicy'],
      STACK_CODES.certificate,
      `listener ${ref}: ${article(l.protocol)} ${l.protocol} listener does not use a TLS policy; remove sslPolicy or use ${l.protocol === 'HTTP' ? 'HTTPS' : 'TLS'}`,
    );
  }
  reportDuplicates(
    c,
    certificates,
    (k) => [...lp, 'certificates', k],
    (s) => `certificate "${s}": listed twice on listener ${ref}; list each once`,
  );

  if (view.defaultAction)
    checkAction(c, [...lp, 'defaultAction'], view.defaultAction, ctx, `default action of listener ${ref}`, forwarded);

  if (view.ruleCount === 0) return;
  if (lb.type !== 'application') {
    c.add(
      [...lp, 'rules'],
      STACK_CODES.protocol,
      `listener ${ref}: rules exist only on HTTP/HTTPS listeners of application load balancers; a network load balancer listener sends everything to its default action`,
    );
    return;
  }
  const names = new Set<string>();
  const priorities = new Map<number, string>();
  for (const { rule: r, index: k, conditions, action } of view.rules) {
    const rp: PathSegment[] = [...lp, 'rules', k];
    if (names.has(r.name)) {
      c.add(
        [...rp, 'name'],
        STACK_CODES.duplicate,
        `rule name "${r.name}": used twice on listener ${ref}; a rule's name is its identity, give each rule its own`,
      );
    }
    names.add(r.name);
    if (r.priority !== undefined) {
      const holder = priorities.get(r.priority);
      if (holder !== undefined) {
        c.add(
          [...rp, 'priority'],
          STACK_CODES.duplicate,
          `priority ${r.priority}: already used by rule "${holder}" on listener ${ref}; give each rule its own priority`,
        );
      } else priorities.set(r.priority, r.name);
    }
    if (conditions) {
      for (const m of validateConditions(toConditions(conditions))) {
        c.add(
          [...rp, 'conditions'],
          STACK_CODES.condition,
          `rule "${r.name}" on ${ref}: ${m.replace(/^rule conditions: /, 'conditions: ')}`,
        );
      }
    }
    if (action) checkAction(c, [...rp, 'action'], action, ctx, `action of rule "${r.name}" on ${ref}`, forwarded);
  }
  if (view.rules.length === view.ruleCount) {
    const allocation = allocatePriorities(view.rules.map((v) => v.rule));
    if (!allocation.ok) {
      const r = view.rules[allocation.index];
      c.add(
        [...lp, 'rules', r?.index ?? allocation.index],
        STACK_CODES.limit,
        `rule "${r?.rule.name ?? ''}" on ${ref}: no priority is free after ${allocation.after} (the highest is ${MAX_PRIORITY}); give it a priority, or lower the ones above it`,
      );
    }
  }
}

// ------------------------------------------------------------------ actions

function checkAction(
  c: Checker,
  path: PathSegment[],
  a: ActionFile,
  ctx: ListenerContext,
  where: string,
  forwarded: Set<string>,
): void {
  const kinds = (['forward', 'redirect', 'fixedResponse'] as const).filter((k) => a[k] !== undefined);
  if (kinds.length === 0) {
    c.add(path, STACK_CODES.action, `${where}: empty; give one of forward, redirect or fixedResponse`);
    return;
  }
  if (kinds.length > 1) {
    c.add(path, STACK_CODES.action, `${where}: ${kinds.join(' and ')} are both given; give only one`);
    return;
  }
  const { lb, listener } = ctx;
  const onAlb = lb.type === 'application';
  if (a.redirect !== undefined) {
    if (!onAlb) {
      c.add(
        [...path, 'redirect'],
        STACK_CODES.action,
        `${where}: redirects exist only on application load balancers; forward to a target group on ${article(listener.protocol)} ${listener.protocol} listener`,
      );
      return;
    }
    checkRedirect(c, [...path, 'redirect'], a.redirect, ctx, where);
    return;
  }
  if (a.fixedResponse !== undefined) {
    if (!onAlb) {
      c.add(
        [...path, 'fixedResponse'],
        STACK_CODES.action,
        `${where}: fixed responses exist only on application load balancers; forward to a target group on ${article(listener.protocol)} ${listener.protocol} listener`,
      );
      return;
    }
    const code = parseInteger(String(a.fixedResponse.statusCode));
    if (code === undefined || !((code >= 200 && code <= 299) || (code >= 400 && code <= 599))) {
      c.add(
        [...path, 'fixedResponse', 'statusCode'],
        STACK_CODES.action,
        `fixed response status "${String(a.fixedResponse.statusCode)}": must be a 2XX, 4XX or 5XX HTTP code, e.g. 404`,
      );
    }
    return;
  }
  const forward = a.forward as NonNullable<ActionFile['forward']>;
  const targets =
    typeof forward === 'string'
      ? [{ name: forward, weight: undefined as number | undefined, at: [...path, 'forward'] }]
      : forward.map((f, k) => ({ name: f.targetGroup, weight: f.weight, at: [...path, 'forward', k, 'targetGroup'] }));
  if (targets.length > MAX_TARGET_GROUPS_PER_FORWARD) {
    c.add(
      [...path, 'forward'],
      STACK_CODES.limit,
      `${where}: forwards to ${targets.length} target groups, the limit is ${MAX_TARGET_GROUPS_PER_FORWARD} per action; forward to fewer`,
    );
  }
  if (targets.length > 1 && targets.every((t) => (t.weight ?? 1) === 0)) {
    c.add(
      [...path, 'forward'],
      STACK_CODES.action,
      `${where}: every weight is 0, so no request would be forwarded; give one target group a weight above 0`,
    );
  }
  if (!onAlb && targets.length > 1) {
    c.add(
      [...path, 'forward'],
      STACK_CODES.action,
      `${where}: ${article(listener.protocol)} ${listener.protocol} listener forwards to one target group; weighted forwards need an application load balancer`,
    );
  }
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.name)) {
      c.add(t.at, STACK_CODES.duplicate, `${where}: target group "${t.name}" is listed twice; list each once`);
      continue;
    }
    seen.add(t.name);
    if (!c.targetGroups.has(t.name)) {
      const hint = didYouMean(t.name, c.targetGroups.keys()) || '; declare it under targetGroups';
      c.add(t.at, STACK_CODES.reference, `target group "${t.name}": not declared in this stack${hint}`);
      continue;
    }
    forwarded.add(t.name);
    const uses = c.uses.get(t.name) ?? [];
    if (!uses.some((u) => u.loadBalancer === lb.name)) uses.push({ loadBalancer: lb.name, type: lb.type });
    c.uses.set(t.name, uses);
    const tg = c.targetGroups.get(t.name)?.tg;
    if (tg === undefined || !ctx.protocolFits) continue;
    const problems = targetGroupFitsListener({ name: lb.name, arn: '', vpcId: tg.vpc ?? '' }, listener.protocol, {
      name: tg.name,
      arn: '',
      protocol: tg.protocol,
      targetType: tg.targetType ?? 'instance',
      vpcId: tg.vpc,
      loadBalancers: [],
    });
    for (const m of problems) c.add(t.at, STACK_CODES.protocol, `${where}: ${m}`);
  }
}

function checkRedirect(
  c: Checker,
  path: PathSegment[],
  r: NonNullable<ActionFile['redirect']>,
  ctx: ListenerContext,
  where: string,
): void {
  if (typeof r.port === 'string' && r.port !== '#{port}') {
    const n = parseInteger(r.port);
    if (n === undefined || n < 1 || n > 65535) {
      c.add(
        [...path, 'port'],
        STACK_CODES.action,
        `redirect port "${r.port}": must be a port from 1 to 65535, or #{port} to keep the request's`,
      );
    }
  }
  if (r.path !== undefined && !r.path.startsWith('/')) {
    c.add([...path, 'path'], STACK_CODES.action, `redirect path "${r.path}": must begin with "/"; write "/${r.path}"`);
  }
  if (r.query?.startsWith('?')) {
    c.add([...path, 'query'], STACK_CODES.action, `redirect query "${r.query}": write it without the leading "?"`);
  }
  const sameProtocol = r.protocol === undefined || r.protocol === '#{protocol}' || r.protocol === ctx.listener.protocol;
  const samePort = r.port === undefined || r.port === '#{port}' || String(r.port) === String(ctx.listener.port);
  const keepsRest =
    (r.host === undefined || r.host === '#{host}') &&
    (r.path === undefined || r.path === '/#{path}') &&
    (r.query === undefined || r.query === '#{query}');
  if (sameProtocol && samePort && keepsRest) {
    c.add(
      path,
      STACK_CODES.action,
      `${where}: redirects to the same protocol, port, host and path, so clients would loop forever; change the protocol, port, host or path`,
    );
  }
}

// ------------------------------------------------------------------ target groups

const REQUIRED_UNLESS_LAMBDA = {
  protocol: 'protocol: HTTP (or HTTPS, TCP, TLS, UDP, TCP_UDP)',
  port: 'port: 80',
  vpc: 'vpc: vpc-0123456789abcdef0',
} as const;

function checkTargetGroup(c: Checker, view: TargetGroupView): void {
  const { tg, index: t } = view;
  const tp: PathSegment[] = ['targetGroups', t];
  const label = `target group "${tg.name}"`;
  const type = tg.targetType ?? 'instance';
  const httpish = isHttpProtocol(tg.protocol) || type === 'lambda';

  for (const [key, example] of Object.entries(REQUIRED_UNLESS_LAMBDA)) {
    const declared = tg[key as keyof typeof REQUIRED_UNLESS_LAMBDA] !== undefined;
    if (type === 'lambda' && declared) {
      c.add([...tp, key], STACK_CODES.targetGroup, `${label}: a lambda target group has no ${key}; remove it`);
    }
    if (type !== 'lambda' && !declared) {
      c.add(tp, STACK_CODES.required, `${label}: "${key}" is required for ${type} targets; add ${example}`);
    }
  }
  if (type === 'alb' && tg.protocol !== undefined && tg.protocol !== 'TCP') {
    c.add(
      [...tp, 'protocol'],
      STACK_CODES.targetGroup,
      `${label}: a target group of type alb sends TCP to an application load balancer; use protocol: TCP`,
    );
  }
  if (tg.algorithm !== undefined && !isHttpProtocol(tg.protocol)) {
    c.add(
      [...tp, 'algorithm'],
      STACK_CODES.targetGroup,
      `${label}: the routing algorithm applies to HTTP/HTTPS target groups only; remove algorithm`,
    );
  }

  if (view.healthCheck) checkHealthCheck(c, tg, view.healthCheck, tp, label, type);

  const attrs = tg.attributes ?? {};
  if (type === 'lambda' && tg.crossZone !== undefined) {
    c.add(
      [...tp, 'crossZone'],
      STACK_CODES.crossZone,
      `${label}: cross-zone load balancing does not apply to lambda target groups; remove crossZone`,
    );
  }
  for (const [field, key] of Object.entries(TARGET_GROUP_TYPED_ATTRIBUTES)) {
    if (tg[field as keyof typeof TARGET_GROUP_TYPED_ATTRIBUTES] !== undefined && key in attrs) {
      c.add(
        [...tp, 'attributes', key],
        STACK_CODES.conflict,
        `${label}: ${field} and attribute "${key}" both set it; keep only ${field}`,
      );
    }
  }
  if (view.stickiness !== undefined || view.stickinessBroken) {
    for (const key of Object.keys(attrs).filter((k) => k.startsWith('stickiness.'))) {
      c.add(
        [...tp, 'attributes', key],
        STACK_CODES.conflict,
        `${label}: stickiness and attribute "${key}" both set it; keep only stickiness`,
      );
    }
  }
  for (const [key, raw] of Object.entries(attrs)) {
    for (const m of checkTargetGroupAttributes([{ key, value: attributeText(raw) }], {
      name: tg.name,
      targetType: type,
    })) {
      c.add([...tp, 'attributes', key], STACK_CODES.attribute, m);
    }
  }

  const s = view.stickiness;
  if (s !== undefined) {
    const sp: PathSegment[] = [...tp, 'stickiness'];
    const stype = s.type ?? (httpish ? 'lb_cookie' : 'source_ip');
    if (httpish && stype === 'source_ip') {
      c.add(
        [...sp, 'type'],
        STACK_CODES.stickiness,
        `${label}: source_ip stickiness is for TCP/TLS/UDP target groups of network load balancers; use lb_cookie or app_cookie`,
      );
    }
    if (!httpish && stype !== 'source_ip') {
      c.add(
        [...sp, 'type'],
        STACK_CODES.stickiness,
        `${label}: ${stype} stickiness needs an HTTP/HTTPS target group; use type: source_ip`,
      );
    }
    if (stype === 'app_cookie' && s.cookieName === undefined) {
      c.add(
        sp,
        STACK_CODES.stickiness,
        `${label}: app_cookie stickiness needs cookieName, the cookie your application sets`,
      );
    }
    if (stype !== 'app_cookie' && s.cookieName !== undefined) {
      c.add(
        [...sp, 'cookieName'],
        STACK_CODES.stickiness,
        `${label}: cookieName applies to app_cookie stickiness only; remove it or use type: app_cookie`,
      );
    }
    if (stype === 'source_ip' && s.duration !== undefined) {
      c.add(
        [...sp, 'duration'],
        STACK_CODES.stickiness,
        `${label}: source_ip stickiness has no duration; remove duration`,
      );
    }
  }

  const uses = c.uses.get(tg.name) ?? [];
  const usedByAlb = uses.length > 0 ? uses.some((u) => u.type === 'application') : httpish;
  const resolved = targetGroupAttributes({ ...tg, ...(s !== undefined ? { stickiness: s } : {}) });
  if (
    !view.stickinessBroken &&
    usedByAlb &&
    resolved[CROSS_ZONE_ATTRIBUTE] === 'false' &&
    resolved['stickiness.enabled'] === 'true'
  ) {
    const at: PathSegment[] = s !== undefined ? [...tp, 'stickiness'] : [...tp, 'attributes', 'stickiness.enabled'];
    c.add(
      at,
      STACK_CODES.stickiness,
      `${label}: stickiness is not supported on an application load balancer target group with cross-zone off; turn stickiness off or remove crossZone: false`,
    );
  }
  if (uses.length > 1) {
    const types = new Set(uses.map((u) => u.type));
    const names = uses.map((u) => `${u.type} load balancer "${u.loadBalancer}"`);
    const message =
      types.size > 1
        ? `${label}: used by ${names.join(' and ')}; a target group serves one type of load balancer, declare one target group for each`
        : `${label}: used by ${names.join(' and ')}; a target group serves one load balancer, declare one target group for each`;
    c.add([...tp, 'name'], STACK_CODES.targetGroup, message);
  }

  checkTargets(c, view, tp, label, type);
}

function checkHealthCheck(
  c: Checker,
  tg: TargetGroupCore,
  hc: HealthCheckFile,
  tp: PathSegment[],
  label: string,
  type: string,
): void {
  const hp: PathSegment[] = [...tp, 'healthCheck'];
  if (hc.enabled === false && type !== 'lambda') {
    c.add(
      [...hp, 'enabled'],
      STACK_CODES.healthCheck,
      `${label}: only lambda target groups can turn health checks off; remove enabled: false`,
    );
  }
  for (const m of healthCheckTimings({
    intervalSeconds: hc.interval,
    timeoutSeconds: hc.timeout,
    healthyThreshold: hc.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold,
  })) {
    c.add(hc.timeout !== undefined ? [...hp, 'timeout'] : hp, STACK_CODES.healthCheck, `${label}: ${m}`);
  }
  if (isHttpProtocol(tg.protocol) && hc.protocol === 'TCP') {
    c.add(
      [...hp, 'protocol'],
      STACK_CODES.healthCheck,
      `${label}: an ${tg.protocol} target group checks health over HTTP or HTTPS; use protocol: HTTP`,
    );
  }
  const protocol = hc.protocol ?? (isHttpProtocol(tg.protocol) || type === 'lambda' ? 'HTTP' : 'TCP');
  if (hc.path !== undefined) {
    if (protocol === 'TCP') {
      c.add(
        [...hp, 'path'],
        STACK_CODES.healthCheck,
        `${label}: a TCP health check has no path; remove path or set protocol: HTTP`,
      );
    } else {
      const p = healthCheckPath(hc.path);
      if (p) c.add([...hp, 'path'], STACK_CODES.healthCheck, p);
    }
  }
  if (hc.matcher !== undefined) {
    if (protocol === 'TCP') {
      c.add(
        [...hp, 'matcher'],
        STACK_CODES.healthCheck,
        `${label}: a TCP health check has no matcher; remove matcher or set protocol: HTTP`,
      );
    } else {
      const p = matcher(String(hc.matcher));
      if (p) c.add([...hp, 'matcher'], STACK_CODES.healthCheck, p);
    }
  }
}

function checkTargets(
  c: Checker,
  view: TargetGroupView,
  tp: PathSegment[],
  label: string,
  type: NonNullable<TargetGroupFile['targetType']>,
): void {
  const { tg } = view;
  const count = view.targetCount ?? 0;
  const max = STACK_LIMITS.targetsPerTargetGroup;
  if (count > max) {
    c.add(
      [...tp, 'targets', max],
      STACK_CODES.limit,
      `${label}: ${count} targets, the limit is ${max} per target group; split them over two target groups`,
    );
  }
  if ((type === 'lambda' || type === 'alb') && count > 1) {
    const what = type === 'lambda' ? 'lambda function' : 'application load balancer';
    c.add(
      [...tp, 'targets'],
      STACK_CODES.target,
      `${label}: a ${type} target group takes exactly one ${what}, ${count} given; keep one`,
    );
  }
  const seen = new Set<string>();
  view.targets.forEach(({ target: t, index: k }) => {
    const at: PathSegment[] = [...tp, 'targets', k];
    const isLambda = type === 'lambda' || /^arn:[^:]*:lambda:/.test(t.id);
    if (isLambda && t.port !== undefined) {
      c.add([...at, 'port'], STACK_CODES.target, `target "${t.id}": a lambda function takes no port; remove port`);
      return;
    }
    const raw = `${targetLabel({ id: t.id, port: t.port })}${t.availabilityZone !== undefined ? `@${t.availabilityZone}` : ''}`;
    const spec = parseTargetSpec(raw, { allowZone: true });
    if (typeof spec === 'string') {
      c.add(at, STACK_CODES.target, spec);
      return;
    }
    const misfit = targetsFitGroup([spec], { name: tg.name, targetType: type, port: tg.port });
    for (const m of misfit) c.add(at, STACK_CODES.target, m);
    const key = `${t.id}|${t.port ?? tg.port ?? ''}`;
    if (seen.has(key)) {
      c.add(
        at,
        STACK_CODES.duplicate,
        `target "${targetLabel({ id: t.id, port: t.port ?? tg.port })}": listed twice in ${label}; list each target once`,
      );
    }
    seen.add(key);
  });
}
