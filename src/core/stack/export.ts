/**
 * `elbctl export`: live load balancers (the Observed shape) → a stack document. Pure.
 *
 * The file must plan to nothing but adoptions (tagging), and to nothing at all once applied.
 * So every value the planner compares is either written exactly as it is live, or left out
 * where leaving it out resolves (defaults.ts) to the live value or is not compared at all:
 * - the secure defaults are written out when the live resource does not have them
 *   (`deletionProtection: false`, `dropInvalidHeaderFields: false`, a weaker `sslPolicy`);
 * - attributes and health-check fields are written only where they differ from AWS's own
 *   defaults (only declared keys are compared, so what is left out is never changed);
 * - rules get a name (their `elbctl:rule` tag, or one derived from their conditions) and their
 *   live priority, so the planner recognises them as the same rules;
 * - forward actions name target groups by their name in the file.
 * What a stack file cannot say (several actions, group stickiness on a forward, …) is left out
 * with a warning; the planner leaves untagged resources it is not told about alone.
 */
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import {
  checkLoadBalancerAttributes,
  checkTargetGroupAttributes,
  loadBalancerAttributeKeys,
  targetGroupAttributeKeys,
} from '../attributes';
import { validateConditions } from '../conditions';
import { CROSS_ZONE_ATTRIBUTE, INHERIT_VALUE } from '../cross-zone';
import { isSecureProtocol } from '../listeners';
import type { Action, Condition, HealthCheck, Target } from '../model';
import { healthCheckPath, healthCheckTimings, matcher as matcherProblem, RECOMMENDED_SSL_POLICY } from '../validate';
import {
  ALGORITHM_ATTRIBUTE,
  APP_COOKIE_DURATION_ATTRIBUTE,
  APP_COOKIE_NAME_ATTRIBUTE,
  DELETION_PROTECTION_ATTRIBUTE,
  DEREGISTRATION_DELAY_ATTRIBUTE,
  DROP_INVALID_HEADERS_ATTRIBUTE,
  LB_COOKIE_DURATION_ATTRIBUTE,
  STICKINESS_ENABLED_ATTRIBUTE,
  STICKINESS_TYPE_ATTRIBUTE,
  defaultStickinessType,
  isHttpProtocol,
} from './defaults';
import {
  NAME_TAG,
  RULE_TAG,
  STACK_TAG,
  type Observed,
  type ObservedListener,
  type ObservedLoadBalancer,
  type ObservedRule,
  type ObservedTargetGroup,
} from './model';
import {
  ALGORITHMS,
  HEALTH_CHECK_PROTOCOLS,
  IP_ADDRESS_TYPES,
  STACK_FILE_VERSION,
  STACK_LISTENER_PROTOCOLS,
  STACK_TARGET_GROUP_PROTOCOLS,
  STICKINESS_TYPES,
  ruleName,
  type ActionFile,
  type AttributesFile,
  type ConditionsFile,
  type HealthCheckFile,
  type ListenerFile,
  type LoadBalancerFile,
  type RuleFile,
  type StackFile,
  type StickinessFile,
  type TargetFile,
  type TargetGroupFile,
} from './schema';

export interface ExportInput {
  stack: string;
  region?: string | undefined;
  /**
   * The load balancers to export, in file order, and the target groups they may forward to.
   * Only the target groups an exported listener or rule forwards to are written.
   */
  observed: Observed;
}

export interface ExportCounts {
  loadBalancers: number;
  targetGroups: number;
  rules: number;
}

export interface ExportedStack {
  document: StackFile;
  /** What the file leaves out because a stack file cannot say it, each naming the resource. */
  warnings: string[];
  counts: ExportCounts;
}

// ------------------------------------------------------------------ AWS's own defaults

/**
 * Attribute values AWS gives a new load balancer (DescribeLoadBalancerAttributes). Keys the
 * stack has typed fields for (deletion protection, cross-zone, invalid headers) are handled
 * apart, against elbctl's defaults.
 */
const LOAD_BALANCER_ATTRIBUTE_DEFAULTS: Readonly<Record<string, (lb: ObservedLoadBalancer) => string>> = {
  'access_logs.s3.enabled': () => 'false',
  'access_logs.s3.bucket': () => '',
  'access_logs.s3.prefix': () => '',
  'ipv6.deny_all_igw_traffic': (lb) => (lb.scheme === 'internal' ? 'true' : 'false'),
  'zonal_shift.config.enabled': () => 'false',
  'idle_timeout.timeout_seconds': () => '60',
  'client_keep_alive.seconds': () => '3600',
  'connection_logs.s3.enabled': () => 'false',
  'connection_logs.s3.bucket': () => '',
  'connection_logs.s3.prefix': () => '',
  'health_check_logs.s3.enabled': () => 'false',
  'health_check_logs.s3.bucket': () => '',
  'health_check_logs.s3.prefix': () => '',
  'routing.http.desync_mitigation_mode': () => 'defensive',
  'routing.http.preserve_host_header.enabled': () => 'false',
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': () => 'false',
  'routing.http.xff_client_port.enabled': () => 'false',
  'routing.http.xff_header_processing.mode': () => 'append',
  'routing.http2.enabled': () => 'true',
  'waf.fail_open.enabled': () => 'false',
  'dns_record.client_routing_policy': () => 'any_availability_zone',
  'secondary_ips.auto_assigned.per_subnet': () => '0',
};

const UDP_PROTOCOLS = new Set(['UDP', 'TCP_UDP']);

const liveDefaultStickinessType = (tg: ObservedTargetGroup) =>
  defaultStickinessType({ protocol: tg.protocol as TargetGroupFile['protocol'], targetType: tg.targetType });

/** Attribute values AWS gives a new target group (the ELBv2 API reference, TargetGroupAttribute). */
const TARGET_GROUP_ATTRIBUTE_DEFAULTS: Readonly<Record<string, (tg: ObservedTargetGroup) => string>> = {
  [DEREGISTRATION_DELAY_ATTRIBUTE]: () => '300',
  [STICKINESS_ENABLED_ATTRIBUTE]: () => 'false',
  [STICKINESS_TYPE_ATTRIBUTE]: (tg) => liveDefaultStickinessType(tg),
  [LB_COOKIE_DURATION_ATTRIBUTE]: () => '86400',
  [APP_COOKIE_NAME_ATTRIBUTE]: () => '',
  [APP_COOKIE_DURATION_ATTRIBUTE]: () => '86400',
  [CROSS_ZONE_ATTRIBUTE]: () => INHERIT_VALUE,
  [ALGORITHM_ATTRIBUTE]: () => 'round_robin',
  'load_balancing.algorithm.anomaly_mitigation': () => 'off',
  'slow_start.duration_seconds': () => '0',
  'lambda.multi_value_headers.enabled': () => 'false',
  'deregistration_delay.connection_termination.enabled': (tg) =>
    UDP_PROTOCOLS.has(tg.protocol ?? '') ? 'true' : 'false',
  'preserve_client_ip.enabled': (tg) =>
    tg.targetType === 'ip' && (tg.protocol === 'TCP' || tg.protocol === 'TLS') ? 'false' : 'true',
  'proxy_protocol_v2.enabled': () => 'false',
  'target_group_health.dns_failover.minimum_healthy_targets.count': () => '1',
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': () => 'off',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': () => '1',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': () => 'off',
  'target_health_state.unhealthy.connection_termination.enabled': () => 'true',
  'target_health_state.unhealthy.draining_interval_seconds': () => '0',
  'target_failover.on_deregistration': () => 'no_rebalance',
  'target_failover.on_unhealthy': () => 'no_rebalance',
  'send_tcp_reset.on_unhealthy.enabled': () => 'false',
  'send_tcp_reset.on_deregistration.enabled': () => 'false',
};

type HealthCheckDefaults = Required<Omit<HealthCheck, 'enabled'>> & { enabled: boolean };

/**
 * The health check AWS gives a new target group of this kind (CreateTargetGroup): it depends
 * on the target type, the target group's protocol and, for timeouts, the health check's own.
 */
export function healthCheckDefaults(
  tg: Pick<ObservedTargetGroup, 'protocol' | 'targetType'>,
  healthCheckProtocol?: string,
): HealthCheckDefaults {
  const common = { port: 'traffic-port', path: '/', intervalSeconds: 30, healthyThreshold: 5, unhealthyThreshold: 2 };
  if (tg.targetType === 'lambda') {
    return { ...common, enabled: false, protocol: 'HTTP', intervalSeconds: 35, timeoutSeconds: 30, matcher: '200' };
  }
  if (isHttpProtocol(tg.protocol)) {
    return { ...common, enabled: true, protocol: tg.protocol as string, timeoutSeconds: 5, matcher: '200' };
  }
  // Network load balancer target groups; an `alb` target group is checked over HTTP.
  const protocol = tg.targetType === 'alb' ? 'HTTP' : 'TCP';
  const effective = healthCheckProtocol ?? protocol;
  return { ...common, enabled: true, protocol, timeoutSeconds: effective === 'HTTP' ? 6 : 10, matcher: '200-399' };
}

// ------------------------------------------------------------------ small pure helpers

/** An attribute's AWS text as the YAML value a person would write: true, 60, or the text. */
function yamlValue(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^(0|[1-9]\d{0,14})$/.test(text)) return Number(text);
  return text;
}

const numeric = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const RULE_NAME_BASE_LIMIT = 48;

/** `path-api`, `host-admin-example-com`, `header-x-env-canary`: the first value of each condition. */
export function ruleNameFromConditions(conditions: readonly Condition[]): string | undefined {
  const parts: string[] = [];
  const order: Condition['field'][] = [
    'path-pattern',
    'host-header',
    'http-header',
    'query-string',
    'http-request-method',
    'source-ip',
  ];
  const sorted = [...conditions].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  for (const c of sorted) {
    let part: string;
    switch (c.field) {
      case 'path-pattern':
        part = prefixed('path', slug(c.values[0] ?? ''));
        break;
      case 'host-header':
        part = prefixed('host', slug(c.values[0] ?? ''));
        break;
      case 'http-header':
        part = prefixed('header', [slug(c.headerName), slug(c.values[0] ?? '')].filter(Boolean).join('-'));
        break;
      case 'query-string': {
        const q = c.values[0];
        part = prefixed('query', [slug(q?.key ?? ''), slug(q?.value ?? '')].filter(Boolean).join('-'));
        break;
      }
      case 'http-request-method':
        part = prefixed('method', slug(c.values[0] ?? ''));
        break;
      case 'source-ip':
        part = prefixed('source', slug(c.values[0] ?? ''));
        break;
    }
    if (part) parts.push(part);
  }
  const name = parts.join('-').slice(0, RULE_NAME_BASE_LIMIT).replace(/-+$/, '');
  return name.length > 0 ? name : undefined;
}

const prefixed = (what: string, text: string) => (text.length > 0 ? `${what}-${text}` : '');

/**
 * A name for every rule of one listener, unique on it: its `elbctl:rule` tag when that is a
 * valid name, else one derived from its conditions, else `rule-PRIORITY`. Tags are placed
 * first, so a derived name never takes a name a tagged rule carries.
 */
export function ruleNames(rules: readonly ObservedRule[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const r of rules) {
    const tag = r.tags[RULE_TAG];
    if (tag !== undefined && ruleName(tag) === undefined && !taken.has(tag)) {
      names.set(r.arn, tag);
      taken.add(tag);
    }
  }
  for (const r of rules) {
    if (names.has(r.arn)) continue;
    const base = ruleNameFromConditions(r.conditions);
    const candidates = [...(base ? [base, `${base}-${r.priority}`] : []), `rule-${r.priority}`];
    let name = candidates.find((c) => !taken.has(c));
    for (let n = 2; name === undefined; n++)
      if (!taken.has(`rule-${r.priority}-${n}`)) name = `rule-${r.priority}-${n}`;
    names.set(r.arn, name);
    taken.add(name);
  }
  return names;
}

/** `arn:…:targetgroup/NAME/ID` → NAME. */
export function targetGroupNameFromArn(arn: string): string | undefined {
  return /:targetgroup\/([^/]+)\//.exec(arn)?.[1];
}

// ------------------------------------------------------------------ the exporter

class Exporter {
  readonly warnings: string[] = [];
  /** Target group ARN → its exportable entry (name in the file and the entry itself). */
  private readonly groups = new Map<string, { name: string; entry: TargetGroupFile }>();
  /** Target group ARNs in the order exported actions first forward to them. */
  private readonly referenced: string[] = [];
  /** Target group ARN → what its export left out; reported only for those an action forwards to. */
  private readonly groupWarnings = new Map<string, string[]>();
  /** Target group ARNs a listener or rule forwards to, exported or not. */
  private readonly wanted: string[] = [];
  private rules = 0;

  constructor(private readonly input: ExportInput) {}

  run(): ExportedStack {
    const { stack, region, observed } = this.input;
    const fileNames = new Set<string>();
    for (const tg of observed.targetGroups) {
      const before = this.warnings.length;
      const entry = this.targetGroup(tg, fileNames);
      this.groupWarnings.set(tg.arn, this.warnings.splice(before));
      if (entry) {
        this.groups.set(tg.arn, { name: entry.name, entry });
        fileNames.add(entry.name);
      }
    }
    const loadBalancers = observed.loadBalancers.flatMap((lb) => {
      const entry = this.loadBalancer(lb);
      return entry ? [entry] : [];
    });
    const targetGroups = this.referenced.map((arn) => (this.groups.get(arn) as { entry: TargetGroupFile }).entry);
    for (const arn of this.wanted) this.warnings.push(...(this.groupWarnings.get(arn) ?? []));
    const document: StackFile = {
      version: STACK_FILE_VERSION as 1,
      stack,
      ...(region !== undefined ? { region } : {}),
      ...(loadBalancers.length > 0 ? { loadBalancers } : {}),
      ...(targetGroups.length > 0 ? { targetGroups } : {}),
    };
    return {
      document,
      warnings: this.warnings,
      counts: { loadBalancers: loadBalancers.length, targetGroups: targetGroups.length, rules: this.rules },
    };
  }

  private owned(tags: Record<string, string>): boolean {
    return tags[STACK_TAG] === this.input.stack;
  }

  /** Why something left out matters more when the stack owns it: the planner deletes what it owns and the file omits. */
  private leftOut(what: string, why: string, tags: Record<string, string>): void {
    const consequence = this.owned(tags)
      ? `; it is tagged ${STACK_TAG}=${this.input.stack}, so a plan of this file would delete it`
      : '; elbctl leaves it as it is';
    this.warnings.push(`${what}: not exported, ${why}${consequence}`);
  }

  // ---------------------------------------------------------------- load balancers

  private loadBalancer(lb: ObservedLoadBalancer): LoadBalancerFile | undefined {
    if (lb.type === 'gateway') {
      this.leftOut(
        `load balancer "${lb.name}"`,
        'stack files describe application and network load balancers only',
        lb.tags,
      );
      return undefined;
    }
    const a = lb.attributes;
    const internetFacing = lb.scheme === 'internet-facing';
    const protection = a[DELETION_PROTECTION_ATTRIBUTE] === 'true';
    const entry: LoadBalancerFile = {
      name: lb.name,
      type: lb.type,
      ...(internetFacing ? {} : { scheme: lb.scheme }),
      subnets: [...lb.subnets],
      ...(lb.securityGroups.length > 0 ? { securityGroups: [...lb.securityGroups] } : {}),
      ...(lb.ipAddressType !== 'ipv4' && (IP_ADDRESS_TYPES as readonly string[]).includes(lb.ipAddressType)
        ? { ipAddressType: lb.ipAddressType as LoadBalancerFile['ipAddressType'] }
        : {}),
      ...(lb.type === 'network' && a[CROSS_ZONE_ATTRIBUTE] === 'true' ? { crossZone: true } : {}),
      // elbctl turns protection on for internet-facing load balancers and leaves internal ones alone.
      ...(internetFacing !== protection ? { deletionProtection: protection } : {}),
      ...(lb.type === 'application' && a[DROP_INVALID_HEADERS_ATTRIBUTE] !== 'true'
        ? { dropInvalidHeaderFields: false }
        : {}),
    };
    const attributes = this.loadBalancerAttributes(lb);
    if (Object.keys(attributes).length > 0) entry.attributes = attributes;
    const listeners = lb.listeners.flatMap((l) => {
      const le = this.listener(lb, l);
      return le ? [le] : [];
    });
    if (listeners.length > 0) entry.listeners = listeners;
    return entry;
  }

  private loadBalancerAttributes(lb: ObservedLoadBalancer): AttributesFile {
    const typed = new Set([DELETION_PROTECTION_ATTRIBUTE, CROSS_ZONE_ATTRIBUTE, DROP_INVALID_HEADERS_ATTRIBUTE]);
    const known = new Set(loadBalancerAttributeKeys(lb.type));
    const out: AttributesFile = {};
    for (const key of Object.keys(lb.attributes).sort()) {
      const value = lb.attributes[key] as string;
      if (typed.has(key) || !known.has(key)) continue;
      if (value === LOAD_BALANCER_ATTRIBUTE_DEFAULTS[key]?.(lb)) continue;
      const problems = checkLoadBalancerAttributes(lb.type, lb.name, [{ key, value }]);
      if (problems.length > 0) {
        this.warnings.push(
          `load balancer "${lb.name}": attribute ${key}=${value} not exported, ${problems.join('; ')}`,
        );
        continue;
      }
      out[key] = yamlValue(value);
    }
    return out;
  }

  // ---------------------------------------------------------------- listeners and rules

  private listener(lb: ObservedLoadBalancer, l: ObservedListener): ListenerFile | undefined {
    const ref = `${lb.name}:${l.port}`;
    if (!(STACK_LISTENER_PROTOCOLS as readonly string[]).includes(l.protocol)) {
      this.leftOut(`listener ${ref}`, `stack files have no ${l.protocol} listeners`, l.tags);
      return undefined;
    }
    const secure = isSecureProtocol(l.protocol);
    if (secure && l.certificates.length === 0) {
      this.leftOut(`listener ${ref}`, `AWS reports no certificate for this ${l.protocol} listener`, l.tags);
      return undefined;
    }
    const defaultAction = this.action(l.defaultActions);
    if (typeof defaultAction === 'string') {
      this.leftOut(`listener ${ref}`, `its default action ${defaultAction}`, l.tags);
      return undefined;
    }
    const entry: ListenerFile = {
      port: l.port,
      protocol: l.protocol as ListenerFile['protocol'],
      ...(secure ? { certificates: [...l.certificates] } : {}),
      ...(secure && l.sslPolicy !== undefined && l.sslPolicy !== RECOMMENDED_SSL_POLICY
        ? { sslPolicy: l.sslPolicy }
        : {}),
      defaultAction: defaultAction.file,
    };
    this.reference(defaultAction.arns);
    const names = ruleNames(l.rules);
    const rules: RuleFile[] = [];
    for (const r of [...l.rules].sort((x, y) => x.priority - y.priority)) {
      const rule = this.rule(ref, r, names.get(r.arn) as string);
      if (rule) rules.push(rule);
    }
    if (rules.length > 0) entry.rules = rules;
    this.rules += rules.length;
    return entry;
  }

  private rule(listenerRef: string, r: ObservedRule, name: string): RuleFile | undefined {
    const what = `rule ${listenerRef}:${r.priority}`;
    const conditions = conditionsFile(r.conditions);
    if (typeof conditions === 'string') {
      this.leftOut(what, conditions, r.tags);
      return undefined;
    }
    const action = this.action(r.actions);
    if (typeof action === 'string') {
      this.leftOut(what, `its action ${action}`, r.tags);
      return undefined;
    }
    this.reference(action.arns);
    if (this.owned(r.tags) && r.tags[RULE_TAG] === undefined) {
      // The planner knows an owned rule only by its name tag: without one it cannot be this rule.
      this.warnings.push(
        `${what}: tagged ${STACK_TAG}=${this.input.stack} but has no ${RULE_TAG} tag, so a plan of this file replaces it (delete, then create as "${name}")`,
      );
    }
    return { name, priority: r.priority, conditions, action: action.file };
  }

  private reference(arns: readonly string[]): void {
    for (const arn of arns) if (!this.referenced.includes(arn)) this.referenced.push(arn);
  }

  /** One action in the file's words, with the target group ARNs it forwards to; or why it cannot be written. */
  private action(actions: readonly Action[]): { file: ActionFile; arns: string[] } | string {
    if (actions.length !== 1) {
      const kinds = actions.map((a) => (a.type === 'other' ? a.awsType : a.type)).join(' then ');
      return actions.length === 0
        ? 'is missing'
        : `is ${kinds}; a stack file says one forward, redirect or fixed-response`;
    }
    const a = actions[0] as Action;
    switch (a.type) {
      case 'other':
        return `is ${a.awsType}; a stack file says forward, redirect or fixed-response`;
      case 'forward': {
        if (a.stickinessSeconds !== undefined) {
          return `keeps clients on one target group for ${a.stickinessSeconds} s (target group stickiness), which a stack file cannot say`;
        }
        const names: string[] = [];
        for (const g of a.targetGroups) if (!this.wanted.includes(g.targetGroupArn)) this.wanted.push(g.targetGroupArn);
        for (const g of a.targetGroups) {
          const group = this.groups.get(g.targetGroupArn);
          if (!group)
            return `forwards to target group "${targetGroupNameFromArn(g.targetGroupArn) ?? g.targetGroupArn}", which could not be exported`;
          names.push(group.name);
        }
        const arns = a.targetGroups.map((g) => g.targetGroupArn);
        if (a.targetGroups.length === 1) return { file: { forward: names[0] as string }, arns };
        return {
          file: { forward: a.targetGroups.map((g, i) => ({ targetGroup: names[i] as string, weight: g.weight ?? 1 })) },
          arns,
        };
      }
      case 'redirect': {
        const redirect: NonNullable<ActionFile['redirect']> = {};
        if (a.protocol !== undefined && a.protocol !== '#{protocol}')
          redirect.protocol = a.protocol as 'HTTP' | 'HTTPS';
        if (a.host !== undefined && a.host !== '#{host}') redirect.host = a.host;
        if (a.port !== undefined && a.port !== '#{port}') redirect.port = numeric(a.port) ?? a.port;
        if (a.path !== undefined && a.path !== '/#{path}') redirect.path = a.path;
        if (a.query !== undefined && a.query !== '#{query}') redirect.query = a.query;
        if (a.statusCode === 'HTTP_302') redirect.statusCode = 302;
        return { file: { redirect }, arns: [] };
      }
      case 'fixed-response': {
        const fixedResponse: NonNullable<ActionFile['fixedResponse']> = {
          statusCode: numeric(a.statusCode) ?? a.statusCode,
        };
        if (a.contentType !== undefined && a.contentType !== 'text/plain') {
          fixedResponse.contentType = a.contentType as NonNullable<ActionFile['fixedResponse']>['contentType'];
        }
        if (a.messageBody !== undefined && a.messageBody !== '') fixedResponse.body = a.messageBody;
        return { file: { fixedResponse }, arns: [] };
      }
    }
  }

  // ---------------------------------------------------------------- target groups

  private targetGroup(tg: ObservedTargetGroup, taken: ReadonlySet<string>): TargetGroupFile | undefined {
    const lambda = tg.targetType === 'lambda';
    if (!lambda && !(STACK_TARGET_GROUP_PROTOCOLS as readonly string[]).includes(tg.protocol ?? '')) {
      this.leftOut(
        `target group "${tg.name}"`,
        `stack files have no ${tg.protocol ?? 'protocol-less'} target groups`,
        tg.tags,
      );
      return undefined;
    }
    // A replaced target group keeps its name in the file under a new AWS name; only this stack's own tag counts.
    const logical = this.owned(tg.tags) ? tg.tags[NAME_TAG] : undefined;
    const name = logical !== undefined && !taken.has(logical) ? logical : tg.name;
    const entry: TargetGroupFile = {
      name,
      ...(lambda ? {} : { protocol: tg.protocol as TargetGroupFile['protocol'], port: tg.port, vpc: tg.vpcId }),
      ...(tg.targetType !== 'instance' ? { targetType: tg.targetType } : {}),
    };
    const healthCheck = this.healthCheck(tg);
    if (Object.keys(healthCheck).length > 0) entry.healthCheck = healthCheck;
    Object.assign(entry, this.targetGroupAttributes(tg));
    const targets = tg.targets.map((t) => targetFile(tg, t));
    if (targets.length > 0) entry.targets = targets;
    return entry;
  }

  private healthCheck(tg: ObservedTargetGroup): HealthCheckFile {
    const hc = tg.healthCheck;
    const defaults = healthCheckDefaults(tg, hc.protocol);
    const out: HealthCheckFile = {};
    const label = `target group "${tg.name}"`;
    if (tg.targetType === 'lambda') {
      if (!hc.enabled) return out;
      out.enabled = true;
    } else {
      const protocol = hc.protocol;
      if (
        protocol !== undefined &&
        protocol !== defaults.protocol &&
        (HEALTH_CHECK_PROTOCOLS as readonly string[]).includes(protocol)
      ) {
        out.protocol = protocol as HealthCheckFile['protocol'];
      }
      if (hc.port !== undefined && hc.port !== defaults.port) out.port = numeric(hc.port) ?? 'traffic-port';
    }
    const httpCheck = (hc.protocol ?? defaults.protocol) !== 'TCP';
    if (httpCheck && hc.path !== undefined && hc.path !== defaults.path) {
      const problem = healthCheckPath(hc.path);
      if (problem) this.warnings.push(`${label}: health check path not exported, ${problem}`);
      else out.path = hc.path;
    }
    const timings = {
      interval: hc.intervalSeconds !== defaults.intervalSeconds ? hc.intervalSeconds : undefined,
      timeout: hc.timeoutSeconds !== defaults.timeoutSeconds ? hc.timeoutSeconds : undefined,
      healthyThreshold: hc.healthyThreshold !== defaults.healthyThreshold ? hc.healthyThreshold : undefined,
      unhealthyThreshold: hc.unhealthyThreshold !== defaults.unhealthyThreshold ? hc.unhealthyThreshold : undefined,
    };
    const timingProblems = healthCheckTimings({
      intervalSeconds: timings.interval,
      timeoutSeconds: timings.timeout,
      healthyThreshold: timings.healthyThreshold,
      unhealthyThreshold: timings.unhealthyThreshold,
    });
    if (timingProblems.length > 0) {
      // Left out, these are not compared: the live values stay as they are.
      this.warnings.push(`${label}: health check timings not exported, ${timingProblems.join('; ')}`);
    } else {
      for (const [k, v] of Object.entries(timings)) if (v !== undefined) out[k as keyof typeof timings] = v;
    }
    if (httpCheck && hc.matcher !== undefined && hc.matcher !== defaults.matcher) {
      const problem = matcherProblem(hc.matcher);
      if (problem) this.warnings.push(`${label}: health check matcher not exported, ${problem}`);
      else out.matcher = hc.matcher;
    }
    return out;
  }

  /** The typed attribute fields (crossZone, algorithm, stickiness, deregistrationDelay) and the rest under `attributes`. */
  private targetGroupAttributes(tg: ObservedTargetGroup): Partial<TargetGroupFile> {
    const a = tg.attributes;
    const out: Partial<TargetGroupFile> = {};
    const handled = new Set<string>();
    const lambda = tg.targetType === 'lambda';

    const crossZone = a[CROSS_ZONE_ATTRIBUTE];
    if (!lambda && (crossZone === 'true' || crossZone === 'false')) {
      out.crossZone = crossZone === 'true';
      handled.add(CROSS_ZONE_ATTRIBUTE);
    }
    const algorithm = a[ALGORITHM_ATTRIBUTE];
    if (
      algorithm !== undefined &&
      isHttpProtocol(tg.protocol) &&
      (ALGORITHMS as readonly string[]).includes(algorithm)
    ) {
      if (algorithm !== 'round_robin') out.algorithm = algorithm as TargetGroupFile['algorithm'];
      handled.add(ALGORITHM_ATTRIBUTE);
    }
    const stickiness = stickinessFile(tg);
    if (stickiness) {
      out.stickiness = stickiness.file;
      for (const k of Object.keys(a)) if (k.startsWith('stickiness.')) handled.add(k);
    }
    const delay = numeric(a[DEREGISTRATION_DELAY_ATTRIBUTE]);
    if (delay !== undefined && delay <= 3600) {
      if (delay !== 300) out.deregistrationDelay = delay;
      handled.add(DEREGISTRATION_DELAY_ATTRIBUTE);
    }

    const known = new Set(targetGroupAttributeKeys());
    const attributes: AttributesFile = {};
    for (const key of Object.keys(a).sort()) {
      const value = a[key] as string;
      if (handled.has(key) || !known.has(key)) continue;
      if (value === TARGET_GROUP_ATTRIBUTE_DEFAULTS[key]?.(tg)) continue;
      const problems = checkTargetGroupAttributes([{ key, value }], { name: tg.name, targetType: tg.targetType });
      if (problems.length > 0) {
        this.warnings.push(`target group "${tg.name}": attribute ${key}=${value} not exported, ${problems.join('; ')}`);
        continue;
      }
      attributes[key] = yamlValue(value);
    }
    // Order as the schema: crossZone, algorithm, stickiness, deregistrationDelay, attributes.
    return {
      ...(out.crossZone !== undefined ? { crossZone: out.crossZone } : {}),
      ...(out.algorithm !== undefined ? { algorithm: out.algorithm } : {}),
      ...(out.stickiness !== undefined ? { stickiness: out.stickiness } : {}),
      ...(out.deregistrationDelay !== undefined ? { deregistrationDelay: out.deregistrationDelay } : {}),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    };
  }
}

/**
 * Stickiness as the typed field, when it is on and the typed field can say it exactly (the same
 * attributes come back out of defaults.ts); otherwise the raw `stickiness.*` attributes are used.
 */
function stickinessFile(tg: ObservedTargetGroup): { file: StickinessFile } | undefined {
  const a = tg.attributes;
  if (a[STICKINESS_ENABLED_ATTRIBUTE] !== 'true') return undefined;
  const type = a[STICKINESS_TYPE_ATTRIBUTE] ?? liveDefaultStickinessType(tg);
  if (!(STICKINESS_TYPES as readonly string[]).includes(type)) return undefined;
  const httpish = isHttpProtocol(tg.protocol) || tg.targetType === 'lambda';
  if (httpish === (type === 'source_ip')) return undefined;
  const file: StickinessFile = { type: type as StickinessFile['type'] };
  if (type === 'lb_cookie' || type === 'app_cookie') {
    const key = type === 'lb_cookie' ? LB_COOKIE_DURATION_ATTRIBUTE : APP_COOKIE_DURATION_ATTRIBUTE;
    const duration = numeric(a[key]);
    if (duration !== undefined && duration !== 86400 && duration >= 1 && duration <= 604800) file.duration = duration;
  }
  if (type === 'app_cookie') {
    const cookieName = a[APP_COOKIE_NAME_ATTRIBUTE];
    if (cookieName === undefined || cookieName === '') return undefined;
    file.cookieName = cookieName;
  }
  return { file };
}

/** A target: its port only where it differs from the target group's, its zone only for IP targets. */
function targetFile(tg: ObservedTargetGroup, t: Target): TargetFile {
  const lambda = tg.targetType === 'lambda';
  return {
    id: t.id,
    ...(!lambda && t.port !== undefined && t.port !== tg.port ? { port: t.port } : {}),
    ...(tg.targetType === 'ip' && t.availabilityZone !== undefined ? { availabilityZone: t.availabilityZone } : {}),
  };
}

/** Conditions in the file's words, or why they cannot be written. */
function conditionsFile(conditions: readonly Condition[]): ConditionsFile | string {
  const problems = validateConditions(conditions);
  if (problems.length > 0) return `its conditions cannot be written: ${problems.join('; ')}`;
  const out: ConditionsFile = {};
  const headers: Record<string, string[]> = {};
  const headerNames = new Set<string>();
  for (const c of conditions) {
    switch (c.field) {
      case 'path-pattern':
        out.path = [...c.values];
        break;
      case 'host-header':
        out.host = [...c.values];
        break;
      case 'http-header': {
        const key = c.headerName.toLowerCase();
        if (headerNames.has(key))
          return `it has two conditions on header ${c.headerName}, which a stack file cannot say`;
        headerNames.add(key);
        headers[c.headerName] = [...c.values];
        break;
      }
      case 'query-string':
        // Two query-string conditions must both match; one list in the file would match either.
        if (out.query !== undefined) return 'it has two query-string conditions, which a stack file cannot say';
        out.query = c.values.map((q) => ({ ...(q.key !== undefined ? { key: q.key } : {}), value: q.value }));
        break;
      case 'http-request-method':
        out.methods = [...c.values];
        break;
      case 'source-ip':
        out.sourceIps = [...c.values];
        break;
    }
  }
  // The schema's order: path, host, headers, query, methods, sourceIps.
  return {
    ...(out.path ? { path: out.path } : {}),
    ...(out.host ? { host: out.host } : {}),
    ...(headerNames.size > 0 ? { headers } : {}),
    ...(out.query ? { query: out.query } : {}),
    ...(out.methods ? { methods: out.methods } : {}),
    ...(out.sourceIps ? { sourceIps: out.sourceIps } : {}),
  };
}

/** Live load balancers and their target groups → a stack document (see the module comment). */
export function exportStack(input: ExportInput): ExportedStack {
  return new Exporter(input).run();
}

// ------------------------------------------------------------------ YAML

/** Maps written on one line, like the examples: `defaultAction: { forward: web }`. */
const FLOW_KEYS = new Set([
  'defaultAction',
  'action',
  'conditions',
  'healthCheck',
  'stickiness',
  'redirect',
  'fixedResponse',
]);
/** Sequences whose items are written on one line each: `- { id: i-0123456789abcdef0 }`. */
const FLOW_ITEM_KEYS = new Set(['targets', 'forward', 'query']);
const FLOW_LIMIT = 100;

function isScalarSeq(node: unknown): boolean {
  return isSeq(node) && node.items.every((i) => isScalar(i));
}

/** A list of maps (a weighted forward, query pairs) reads better one item a line. */
function holdsListOfMaps(node: unknown): boolean {
  if (isSeq(node)) return node.items.some((i) => isMap(i) || holdsListOfMaps(i));
  if (isMap(node)) return node.items.some((p) => holdsListOfMaps(p.value));
  return false;
}

function styleNode(node: unknown, key: string | undefined): void {
  if (isSeq(node)) {
    if (isScalarSeq(node)) {
      node.flow = true;
      return;
    }
    for (const item of node.items) {
      if (
        key !== undefined &&
        FLOW_ITEM_KEYS.has(key) &&
        isMap(item) &&
        JSON.stringify(item.toJSON()).length <= FLOW_LIMIT
      )
        item.flow = true;
      else styleNode(item, undefined);
    }
    return;
  }
  if (isMap(node)) {
    if (
      key !== undefined &&
      FLOW_KEYS.has(key) &&
      !holdsListOfMaps(node) &&
      JSON.stringify(node.toJSON()).length <= FLOW_LIMIT
    ) {
      node.flow = true;
      return;
    }
    for (const pair of node.items) styleNode(pair.value, isScalar(pair.key) ? String(pair.key.value) : undefined);
  }
}

/**
 * The document as YAML text: `header` lines as a comment on top, the schema's key order, a
 * blank line between top-level sections and between load balancers and target groups.
 */
export function renderStackYaml(document: StackFile, header: readonly string[]): string {
  const doc = new Document(document);
  styleNode(doc.contents, undefined);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      if (k !== 'loadBalancers' && k !== 'targetGroups') continue;
      (pair.key as Node).spaceBefore = true;
      if (isSeq(pair.value)) {
        for (const item of pair.value.items.slice(1)) (item as Node).spaceBefore = true;
      }
    }
  }
  if (header.length > 0) doc.commentBefore = header.map((l) => (l.length > 0 ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0 });
}
