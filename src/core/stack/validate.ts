/**
 * The stack face of the rulebook: every problem in one pass, each with the path of the value
 * it is about (the loader adds line:column).
 *
 * 1. The zod schema reports the shape: types, required fields, unknown keys, enums, ranges,
 *    name and ID formats (its messages are the rulebook's).
 * 2. Every other rule is the rulebook's (src/core/rules), the same functions the commands, the
 *    wizard and export call: this file only builds each resource's spec from the file, maps
 *    paths, and checks what exists only in a file (references by name, names declared twice,
 *    typed fields that set an attribute written too).
 *
 * The rules run on every load balancer and target group that has a valid shape, even when
 * others do not, so one typo does not hide the rest. A reference to a target group whose own
 * shape is broken still counts as declared. Enum words are accepted in any case and written in
 * AWS's before validation.
 *
 * Over 500 lines, on purpose: it holds no rule of its own worth a module, only the walk that hands
 * each load balancer, listener, rule and target group of the file to the rulebook and keeps what
 * one resource's check needs of the others (names declared, which load balancers use a target
 * group). Split by resource kind, that shared Checker state would cross every module boundary.
 */
import {
  checkListenerAttributes,
  checkLoadBalancerAttributes,
  checkTargetGroupAttributes,
  relatedTargetGroupAttributeProblems,
} from '../rules/attributes';
import { CROSS_ZONE_ATTRIBUTE } from '../cross-zone';
import { quote } from '../echo';
import { alarmOverrideProblems } from '../rules/alarms';
import type { LoadBalancerType } from '../model';
import { healthCheckProblems } from '../rules/health-check';
import { DEFAULT_IP_ADDRESS_TYPE, defaultScheme, loadBalancerProblems } from '../rules/load-balancer';
import {
  alpnPolicyProblem,
  duplicatePortProblems,
  GATEWAY_LISTENER_PORT,
  isGatewayListener,
  listenerPortProblem,
  listenerRef,
  quicDualstackProblem,
  type ListenerProtocol,
  listenerProblems,
  protocolFitsLoadBalancer,
  targetGroupFitsListener,
} from '../rules/listener';
import { type PathSegment, type Problem, type Warning, under } from '../rules/problem';
import { defaultQuotaCheck, type QuotaName } from '../rules/quotas';
import { conditionProblems, duplicatePriorityProblems, MAX_PRIORITY, rulesAllowedProblem } from '../rules/rule';
import {
  crossZoneStickinessProblem,
  isHttpProtocol,
  sharedTargetGroupProblem,
  quicTargetsProblem,
  stickinessProblems,
  targetFailoverProblems,
  targetGroupProblems,
} from '../rules/target-group';
import { parseTargetSpec, targetLabel, targetsFitGroup } from '../rules/targets';
import { canonicalizeEnums } from './canonical';
import {
  attributeText,
  LOAD_BALANCER_TYPED_ATTRIBUTES,
  TARGET_GROUP_TYPED_ATTRIBUTES,
  allocatePriorities,
  targetGroupAttributes,
  toConditions,
} from './defaults';
import { GENERIC, issuesToProblems, type PathProblem } from './problems';
import { attributeMapProblems, typedFields } from './validate-attributes';
import { actionFilePath, actionFileProblems, leadingActionProblems, transformProblems } from './validate-actions';
import { mutualAuthenticationProblems, trustStoreSectionProblems } from './validate-trust-stores';
import type { ActionFile, StackFile, TargetGroupFile } from './schema';
import { quickStackFile } from './schema-quick';
import { fileSubnetProblems, fileSubnets, subnetPath } from './subnet-mappings';
import {
  field,
  list,
  type ListenerCore,
  type ListenerView,
  type LoadBalancerCore,
  type LoadBalancerView,
  loadBalancerViews,
  type TargetGroupView,
  targetGroupViews,
} from './views';
import { didYouMean } from './suggest';
import { OWN_TAG_COUNT, stackTagProblems } from './tags';

export type StackValidation =
  | { ok: true; file: StackFile; problems: []; warnings: Warning[] }
  | { ok: false; problems: PathProblem[] };

// ------------------------------------------------------------------ the checker

interface TargetGroupUse {
  loadBalancer: string;
  type: LoadBalancerType;
}

class Checker {
  readonly problems: PathProblem[] = [];
  readonly warnings: Warning[] = [];
  /** Every declared target group name (any entry with a string name) → its view, when its own fields are valid. */
  readonly targetGroups = new Map<string, TargetGroupView | undefined>();
  /** Target group name → the load balancers that forward to it. */
  readonly uses = new Map<string, TargetGroupUse[]>();
  /** Every declared trust store name (any entry with a string name). */
  readonly trustStores = new Set<string>();

  add(path: PathSegment[], code: Problem['code'], message: string): void {
    this.problems.push({ path, code, message });
  }

  /** The rulebook's problems, their paths under `base`. */
  addAll(base: readonly PathSegment[], problems: readonly Problem[]): void {
    for (const p of under(base, problems)) this.problems.push(p);
  }

  warn(path: PathSegment[], message: string | undefined): void {
    if (message !== undefined) this.warnings.push({ path, message });
  }

  /** A count over an adjustable quota's documented default: a warning that carries the count. */
  warnQuota(path: PathSegment[], name: QuotaName, count: number, subject: string): void {
    const over = defaultQuotaCheck(name, count, subject);
    if (over) this.warnings.push({ path, message: over.message, quota: over.check });
  }
}

function rawNames(root: unknown, key: string): Array<{ index: number; name: string }> {
  return list(field(root, key)).flatMap((item, index) => {
    const name = field(item, 'name');
    return typeof name === 'string' ? [{ index, name }] : [];
  });
}

/** Every problem in a parsed YAML value (paths, no positions), and the warnings of a valid one (quotas). */
export function validateStack(input: unknown): StackValidation {
  const value = canonicalizeEnums(input);
  // The schema without zod first (schema-quick.ts): zod, and the schema built with it, are loaded
  // only for a file the schema does not accept, whose issues become the problems.
  const quick = quickStackFile(value);
  const c = new Checker();
  let parsed: { success: true; data: StackFile } | { success: false };
  if (quick !== undefined) parsed = { success: true, data: quick };
  else {
    const { stackFileSchema }: typeof import('./schema') = require('./schema');
    const zodParsed = stackFileSchema.safeParse(value, { error: () => GENERIC });
    parsed = zodParsed.success ? { success: true, data: zodParsed.data } : { success: false };
    if (!zodParsed.success) c.problems.push(...issuesToProblems(zodParsed.error.issues, value, stackFileSchema));
  }

  checkUniqueNames(c, rawNames(value, 'loadBalancers'), 'loadBalancers', 'load balancer');
  checkUniqueNames(c, rawNames(value, 'targetGroups'), 'targetGroups', 'target group');
  checkUniqueNames(c, rawNames(value, 'trustStores'), 'trustStores', 'trust store');
  for (const { name } of rawNames(value, 'trustStores')) c.trustStores.add(name);

  // A file the whole schema accepted is read part by part as the schema returned it (views.ts).
  const source = parsed.success ? parsed.data : value;
  const targetGroups = targetGroupViews(source, parsed.success);
  for (const { name } of rawNames(value, 'targetGroups'))
    if (!c.targetGroups.has(name)) c.targetGroups.set(name, undefined);
  for (const view of targetGroups)
    if (c.targetGroups.get(view.tg.name) === undefined) c.targetGroups.set(view.tg.name, view);

  for (const view of loadBalancerViews(source, parsed.success)) checkLoadBalancer(c, view);
  for (const view of targetGroups) checkTargetGroup(c, view);
  c.addAll(
    [],
    trustStoreSectionProblems(parsed.success ? parsed.data.trustStores : field(value, 'trustStores'), parsed.success),
  );

  if (parsed.success && c.problems.length === 0)
    return { ok: true, file: parsed.data, problems: [], warnings: c.warnings };
  return { ok: false, problems: c.problems };
}

function checkUniqueNames(c: Checker, names: Array<{ index: number; name: string }>, key: string, what: string): void {
  const first = new Map<string, number>();
  for (const { index, name } of names) {
    const earlier = first.get(name);
    if (earlier !== undefined) {
      c.add(
        [key, index, 'name'],
        'E_DUPLICATE',
        `${what} name ${quote(name)}: declared twice (also ${key}[${earlier}]); names are unique per account and region, rename one`,
      );
    } else first.set(name, index);
  }
}

// ------------------------------------------------------------------ load balancers

function albCrossZoneMessage(name: string): string {
  return (
    `load balancer ${quote(name)}: cross-zone load balancing is always on for an application load balancer and cannot be set on it; ` +
    'to turn it off, set crossZone: false on the target group (targetGroups[].crossZone)'
  );
}

function checkLoadBalancer(c: Checker, view: LoadBalancerView): void {
  const { lb, index: i } = view;
  const base: PathSegment[] = ['loadBalancers', i];
  const label = `load balancer ${quote(lb.name)}`;
  const isAlb = lb.type === 'application';

  // The name is judged by the schema (its pattern carries the rulebook's message).
  c.addAll(
    base,
    loadBalancerProblems({
      name: lb.name,
      type: lb.type,
      scheme: lb.scheme ?? defaultScheme(lb.type),
      ipAddressType: lb.ipAddressType ?? DEFAULT_IP_ADDRESS_TYPE,
      // Formats are the schema's; here only relations (duplicates, counts) are judged, so drop malformed IDs' format problems.
      subnets: fileSubnets(lb),
      securityGroups: lb.securityGroups,
    })
      .filter((p) => p.code !== 'E_FORMAT' && (p.code !== 'E_REQUIRED' || p.path[0] !== 'subnets'))
      .map((p) => ({ ...p, path: subnetPath(lb, p.path) })),
  );
  c.addAll(base, fileSubnetProblems(lb));
  c.addAll(base, stackTagProblems(lb.tags, OWN_TAG_COUNT.loadBalancer));

  if (lb.alarms?.overrides !== undefined) {
    c.addAll([...base, 'alarms', 'overrides'], alarmOverrideProblems(lb.alarms.overrides, lb.type));
  }
  const attrs = lb.attributes ?? {};
  if (isAlb && lb.crossZone !== undefined) c.add([...base, 'crossZone'], 'E_CROSS_ZONE', albCrossZoneMessage(lb.name));
  if (isAlb && CROSS_ZONE_ATTRIBUTE in attrs)
    c.add([...base, 'attributes', CROSS_ZONE_ATTRIBUTE], 'E_CROSS_ZONE', albCrossZoneMessage(lb.name));
  if (!isAlb && lb.dropInvalidHeaderFields !== undefined) {
    c.add(
      [...base, 'dropInvalidHeaderFields'],
      'E_ATTRIBUTE',
      `${label}: dropInvalidHeaderFields applies to application load balancers only; remove it`,
    );
  }
  for (const [typed, key] of Object.entries(LOAD_BALANCER_TYPED_ATTRIBUTES)) {
    if (isAlb && key === CROSS_ZONE_ATTRIBUTE) continue;
    if (lb[typed as keyof typeof LOAD_BALANCER_TYPED_ATTRIBUTES] !== undefined && key in attrs) {
      c.add(
        [...base, 'attributes', key],
        'E_CONFLICT',
        `${label}: ${typed} and attribute "${key}" both set it; keep only ${typed}`,
      );
    }
  }
  c.addAll(
    [...base, 'attributes'],
    attributeMapProblems(
      attrs,
      (s) => (isAlb && s.key === CROSS_ZONE_ATTRIBUTE ? [] : checkLoadBalancerAttributes(lb.type, lb.name, [s])),
      typedFields(LOAD_BALANCER_TYPED_ATTRIBUTES, lb),
    ),
  );

  c.warnQuota(
    [...base, 'listeners'],
    isAlb ? 'listenersPerApplicationLoadBalancer' : 'listenersPerNetworkLoadBalancer',
    view.listenerCount,
    label,
  );
  if (lb.type === 'gateway' && view.listenerCount > 1) {
    c.add(
      [...base, 'listeners'],
      'E_LIMIT',
      `${label}: ${view.listenerCount} listeners; a gateway load balancer has one (GENEVE), keep only one`,
    );
  } else
    c.addAll(
      [...base, 'listeners'],
      duplicatePortProblems(
        view.listeners.map((l) => l.listener.port ?? GATEWAY_LISTENER_PORT),
        label,
      ).map((p) => ({ ...p, path: [view.listeners[p.path[0] as number]?.index ?? 0, 'port'] })),
    );

  const forwarded = new Set<string>();
  for (const lv of view.listeners) checkListener(c, lb, i, lv, forwarded);

  if (!isAlb) return;
  const totalRules = view.listeners.reduce((n, l) => n + l.ruleCount, 0);
  c.warnQuota([...base, 'listeners'], 'rulesPerApplicationLoadBalancer', totalRules, label);
  c.warnQuota([...base, 'name'], 'targetGroupsPerApplicationLoadBalancer', forwarded.size, label);
  let targets = 0;
  for (const name of forwarded) targets += c.targetGroups.get(name)?.targetCount ?? 0;
  c.warnQuota([...base, 'name'], 'targetsPerApplicationLoadBalancer', targets, label);
  const certificates = view.listeners.reduce((n, l) => n + Math.max(0, (l.listener.certificates ?? []).length - 1), 0);
  c.warnQuota([...base, 'listeners'], 'certificatesPerApplicationLoadBalancer', certificates, label);
}

function checkListener(c: Checker, lb: LoadBalancerCore, i: number, view: ListenerView, forwarded: Set<string>): void {
  const { listener: l, index: j } = view;
  const lp: PathSegment[] = ['loadBalancers', i, 'listeners', j];
  const port = l.port ?? GATEWAY_LISTENER_PORT;
  // A listener that should have a port and has none is named by its place (as problems.ts does).
  const ref =
    l.port === undefined && !isGatewayListener(l.protocol) ? `${lb.name}:#${j + 1}` : listenerRef(lb.name, port);
  const label = `listener ${ref}`;
  const fits = protocolFitsLoadBalancer(lb.type, l.protocol, label);
  const portProblem = listenerPortProblem(l.protocol, l.port, label, 'stack');
  if (portProblem) c.addAll(lp, [portProblem]);
  const alpn = alpnPolicyProblem(l.protocol, l.alpnPolicy, label, 'stack');
  if (alpn) c.addAll(lp, [alpn]);
  const quic = quicDualstackProblem(l.protocol, lb.ipAddressType ?? DEFAULT_IP_ADDRESS_TYPE, label);
  if (quic) c.addAll(lp, [quic]);
  c.addAll(
    lp,
    listenerProblems(
      {
        protocol: l.protocol as ListenerProtocol,
        port,
        certificates: l.certificates ?? [],
        sslPolicy: l.sslPolicy,
      },
      { loadBalancerType: lb.type, loadBalancerName: lb.name, label },
      'stack',
    ).filter((p) => p.code !== 'E_FORMAT'),
  );
  c.addAll(lp, stackTagProblems(l.tags, OWN_TAG_COUNT.listener));
  c.addAll(
    [...lp, 'attributes'],
    attributeMapProblems(l.attributes, (s) => checkListenerAttributes(lb.type, label, [s], l.protocol)),
  );
  const ctx: ListenerContext = { lb, listener: l, protocolFits: fits === undefined };

  if (view.defaultAction)
    checkAction(c, [...lp, 'defaultAction'], view.defaultAction, ctx, `default action of listener ${ref}`, forwarded);
  const on = { protocol: l.protocol, loadBalancerType: lb.type };
  if (l.mutualAuthentication && fits === undefined) {
    c.addAll(
      [...lp, 'mutualAuthentication'],
      mutualAuthenticationProblems(l.mutualAuthentication, { ...on, label }, c.trustStores),
    );
  }
  if (l.authenticate) c.addAll(lp, leadingActionProblems(l.authenticate, on, `default action of listener ${ref}`));

  if (view.ruleCount === 0) return;
  const allowed = rulesAllowedProblem(lb.type, l.protocol, label);
  if (allowed) {
    if (fits === undefined) c.addAll([...lp, 'rules'], [allowed]);
    return;
  }
  const names = new Set<string>();
  for (const { rule: r, index: k, conditions, action } of view.rules) {
    const rp: PathSegment[] = [...lp, 'rules', k];
    if (names.has(r.name)) {
      c.add(
        [...rp, 'name'],
        'E_DUPLICATE',
        `rule name ${quote(r.name)}: used twice on ${label}; a rule's name is its identity, give each rule its own`,
      );
    }
    names.add(r.name);
    c.addAll(rp, stackTagProblems(r.tags, OWN_TAG_COUNT.rule));
    if (conditions) {
      c.addAll(
        [...rp, 'conditions'],
        conditionProblems(toConditions(conditions), `rule ${quote(r.name)} on ${ref}: conditions`).map((p) =>
          p.message.startsWith('rule ') ? p : { ...p, message: `rule ${quote(r.name)} on ${ref}: ${p.message}` },
        ),
      );
    }
    if (action) checkAction(c, [...rp, 'action'], action, ctx, `action of rule ${quote(r.name)} on ${ref}`, forwarded);
    if (r.authenticate) c.addAll(rp, leadingActionProblems(r.authenticate, on, `rule ${quote(r.name)} on ${ref}`));
    if (r.transforms) c.addAll(rp, transformProblems(r.transforms, `rule ${quote(r.name)} on ${ref}`));
  }
  c.addAll(
    [...lp, 'rules'],
    duplicatePriorityProblems(
      view.rules.map((v) => ({ name: v.rule.name, priority: v.rule.priority })),
      label,
    ).map((p) => ({ ...p, path: [view.rules[p.path[0] as number]?.index ?? 0, 'priority'] })),
  );
  if (view.rules.length === view.ruleCount) {
    const allocation = allocatePriorities(view.rules.map((v) => v.rule));
    if (!allocation.ok) {
      const r = view.rules[allocation.index];
      c.add(
        [...lp, 'rules', r?.index ?? allocation.index],
        'E_PRIORITY',
        `rule ${quote(r?.rule.name ?? '')} on ${ref}: no priority is free after ${allocation.after} (the highest is ${MAX_PRIORITY}); give it a priority, or lower the ones above it`,
      );
    }
  }
}

// ------------------------------------------------------------------ actions

interface ListenerContext {
  lb: LoadBalancerCore;
  listener: ListenerCore;
  /** The listener's protocol fits its load balancer's type (else what depends on it is not judged). */
  protocolFits: boolean;
}

function checkAction(
  c: Checker,
  path: PathSegment[],
  a: ActionFile,
  ctx: ListenerContext,
  where: string,
  forwarded: Set<string>,
): void {
  const { lb, listener } = ctx;
  const judged = actionFileProblems(
    a,
    ctx.protocolFits
      ? { loadBalancerType: lb.type, protocol: listener.protocol, port: listener.port ?? GATEWAY_LISTENER_PORT }
      : undefined,
    lb.type,
    where,
  );
  c.addAll(path, judged.problems);
  const spec = judged.spec;
  if (spec === undefined || spec.type !== 'forward') return;
  const seen = new Set<string>();
  spec.targets.forEach((t, k) => {
    const at = [...path, ...actionFilePath(a, ['forward', k])];
    if (seen.has(t.targetGroup)) return;
    seen.add(t.targetGroup);
    if (!c.targetGroups.has(t.targetGroup)) {
      const hint = didYouMean(t.targetGroup, c.targetGroups.keys()) || '; declare it under targetGroups';
      c.add(at, 'E_REFERENCE', `target group ${quote(t.targetGroup)}: not declared in this stack${hint}`);
      return;
    }
    forwarded.add(t.targetGroup);
    const uses = c.uses.get(t.targetGroup) ?? [];
    if (!uses.some((u) => u.loadBalancer === lb.name)) uses.push({ loadBalancer: lb.name, type: lb.type });
    c.uses.set(t.targetGroup, uses);
    const tg = c.targetGroups.get(t.targetGroup)?.tg;
    if (tg === undefined || !ctx.protocolFits) return;
    // The load balancer's VPC is its subnets', known only live (plan/apply check it): here only protocols and types.
    for (const p of targetGroupFitsListener(
      { loadBalancerName: lb.name, loadBalancerType: lb.type, protocol: listener.protocol },
      { name: tg.name, protocol: tg.protocol, targetType: tg.targetType ?? 'instance' },
    )) {
      c.problems.push({ ...p, path: at, message: `${where}: ${p.message}` });
    }
  });
}

// ------------------------------------------------------------------ target groups

function checkTargetGroup(c: Checker, view: TargetGroupView): void {
  const { tg, index: t } = view;
  const tp: PathSegment[] = ['targetGroups', t];
  const label = `target group ${quote(tg.name)}`;
  const type = tg.targetType ?? 'instance';

  c.addAll(
    tp,
    targetGroupProblems(
      {
        name: tg.name,
        targetType: type,
        protocol: tg.protocol,
        port: tg.port,
        vpc: tg.vpc,
        given: { protocol: tg.protocol !== undefined, port: tg.port !== undefined, vpc: tg.vpc !== undefined },
        algorithm: tg.algorithm,
        protocolVersion: tg.protocolVersion,
        ipAddressType: tg.ipAddressType,
        targetControlPort: tg.targetControlPort,
      },
      'stack',
    ).filter((p) => p.code !== 'E_FORMAT'),
  );
  c.addAll(tp, stackTagProblems(tg.tags, OWN_TAG_COUNT.targetGroup));

  if (view.healthCheck) {
    const hc = view.healthCheck;
    c.addAll(
      [...tp, 'healthCheck'],
      healthCheckProblems(
        {
          enabled: hc.enabled,
          protocol: hc.protocol,
          port: hc.port,
          path: hc.path,
          intervalSeconds: hc.interval,
          timeoutSeconds: hc.timeout,
          healthyThreshold: hc.healthyThreshold,
          unhealthyThreshold: hc.unhealthyThreshold,
          matcher: hc.matcher === undefined ? undefined : String(hc.matcher),
        },
        { name: tg.name, protocol: tg.protocol, targetType: type, protocolVersion: tg.protocolVersion },
        'stack',
      ).map((p) => ({ ...p, path: p.path[0] === 'intervalSeconds' ? ['interval'] : p.path })),
    );
  }

  const attrs = tg.attributes ?? {};
  if (type === 'lambda' && tg.crossZone !== undefined) {
    c.add(
      [...tp, 'crossZone'],
      'E_CROSS_ZONE',
      `${label}: cross-zone load balancing does not apply to lambda target groups; remove crossZone`,
    );
  }
  for (const [typed, key] of Object.entries(TARGET_GROUP_TYPED_ATTRIBUTES)) {
    if (tg[typed as keyof typeof TARGET_GROUP_TYPED_ATTRIBUTES] !== undefined && key in attrs) {
      c.add(
        [...tp, 'attributes', key],
        'E_CONFLICT',
        `${label}: ${typed} and attribute "${key}" both set it; keep only ${typed}`,
      );
    }
  }
  if (view.stickiness !== undefined || view.stickinessBroken) {
    for (const key of Object.keys(attrs).filter((k) => k.startsWith('stickiness.'))) {
      c.add(
        [...tp, 'attributes', key],
        'E_CONFLICT',
        `${label}: stickiness and attribute "${key}" both set it; keep only stickiness`,
      );
    }
  }
  c.addAll(
    [...tp, 'attributes'],
    attributeMapProblems(
      attrs,
      (s) => checkTargetGroupAttributes([s], { name: tg.name, targetType: type, protocol: tg.protocol }),
      typedFields(TARGET_GROUP_TYPED_ATTRIBUTES, tg),
    ),
  );

  const quic = (view.targetCount ?? 0) > 0 ? quicTargetsProblem(tg, 'stack') : undefined;
  if (quic) c.addAll(tp, [quic]);
  c.addAll(
    [...tp, 'attributes'],
    targetFailoverProblems(
      tg,
      Object.fromEntries(
        Object.entries(attrs).flatMap(([k, v]) => (typeof v === 'object' ? [] : [[k, attributeText(v)]])),
      ),
    ),
  );

  const s = view.stickiness;
  if (s !== undefined) {
    c.addAll([...tp, 'stickiness'], stickinessProblems(s, { name: tg.name, protocol: tg.protocol, targetType: type }));
  }

  const uses = c.uses.get(tg.name) ?? [];
  const httpish = isHttpProtocol(tg.protocol) || type === 'lambda';
  const usedByAlb = uses.length > 0 ? uses.some((u) => u.type === 'application') : httpish;
  const resolved = targetGroupAttributes({ ...tg, ...(s !== undefined ? { stickiness: s } : {}) });
  if (!view.stickinessBroken) {
    // Keys under raw are not judged, alone or together.
    const raw = attrs.raw;
    const judged = Object.fromEntries(Object.entries(resolved).filter(([k]) => typeof raw !== 'object' || !(k in raw)));
    c.addAll([...tp, 'attributes'], relatedTargetGroupAttributeProblems(tg.name, judged));
  }
  if (
    !view.stickinessBroken &&
    usedByAlb &&
    resolved[CROSS_ZONE_ATTRIBUTE] === 'false' &&
    resolved['stickiness.enabled'] === 'true'
  ) {
    const at: PathSegment[] = s !== undefined ? [...tp, 'stickiness'] : [...tp, 'attributes', 'stickiness.enabled'];
    c.addAll(at, [crossZoneStickinessProblem(tg.name)]);
  }
  const shared = sharedTargetGroupProblem(tg.name, uses);
  if (shared) c.addAll(tp, [shared]);

  checkTargets(c, view, tp, type, usedByAlb);
}

function checkTargets(
  c: Checker,
  view: TargetGroupView,
  tp: PathSegment[],
  type: NonNullable<TargetGroupFile['targetType']>,
  behindApplication: boolean,
): void {
  const { tg } = view;
  const label = `target group ${quote(tg.name)}`;
  c.warnQuota([...tp, 'targets'], 'targetsPerTargetGroup', view.targetCount ?? 0, label);
  const specs: Array<{ k: number; spec: Exclude<ReturnType<typeof parseTargetSpec>, Problem> }> = [];
  for (const { target: t, index: k } of view.targets) {
    const at: PathSegment[] = [...tp, 'targets', k];
    const isLambda = type === 'lambda' || /^arn:[^:]*:lambda:/.test(t.id);
    if (isLambda && t.port !== undefined) {
      c.add([...at, 'port'], 'E_TARGET', `target ${quote(t.id)}: a lambda function takes no port; remove port`);
      continue;
    }
    const raw = `${targetLabel({ id: t.id, port: t.port })}${t.availabilityZone !== undefined ? `@${t.availabilityZone}` : ''}`;
    const spec = parseTargetSpec(raw, { allowZone: true }, at);
    if (!('kind' in spec)) {
      c.problems.push(spec);
      continue;
    }
    specs.push({ k, spec });
  }
  void behindApplication;
  c.addAll(
    [],
    targetsFitGroup(
      specs.map((x) => x.spec),
      { name: tg.name, targetType: type, port: tg.port },
      (n) => [...tp, 'targets', specs[n]?.k ?? 0],
    ).map((p) => (p.path.length === 0 ? { ...p, path: [...tp, 'targets'] } : p)),
  );
}
