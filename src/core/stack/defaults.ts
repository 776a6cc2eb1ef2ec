/**
 * From a valid stack file to the fully-resolved desired model: every default filled in, typed
 * conveniences (crossZone, stickiness, …) folded into the AWS attribute keys they stand for,
 * and the secure defaults applied (each overridable; weakening one is reported as a warning):
 * - HTTPS/TLS listeners: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 for new ones (existing ones keep theirs);
 * - application load balancers: routing.http.drop_invalid_header_fields.enabled=true;
 * - internet-facing load balancers: deletion_protection.enabled=true.
 */
import type { ActionSpec, LeadingSpec } from '../actions';
import { rawKind, toLeadingSpec, toTransformSpec } from './action-files';
import { quote } from '../echo';
import { CROSS_ZONE_ATTRIBUTE, INHERIT_VALUE } from '../cross-zone';
import {
  GATEWAY_LISTENER_PORT,
  isSecureProtocol,
  isWeakSslPolicy,
  listenerRef,
  weakSslPolicyWarning,
} from '../rules/listener';
import { defaultScheme } from '../rules/load-balancer';
import type { Condition, Transform } from '../model';
import { MAX_PRIORITY } from '../rules/rule';
import { isHttpProtocol } from '../rules/target-group';
import type { MutualTlsSpec } from '../rules/trust-store';
import type { Attributes, DesiredStack, HealthCheckSpec } from './model';
import type { PathSegment, PathWarning } from './problems';
import type {
  ActionFile,
  AttributesFile,
  MutualAuthenticationFile,
  ConditionsFile,
  HealthCheckFile,
  LoadBalancerFile,
  StackFile,
  TargetGroupFile,
  TagsFile,
} from './schema';
import { fileSubnetMappings, fileSubnets } from './subnet-mappings';
import { fileTags } from './tags';

/** `attributes.raw`: keys elbctl does not judge, sent to AWS unchanged (schema.ts). */
export const RAW_ATTRIBUTES_KEY = 'raw';
export const DELETION_PROTECTION_ATTRIBUTE = 'deletion_protection.enabled';
export const DROP_INVALID_HEADERS_ATTRIBUTE = 'routing.http.drop_invalid_header_fields.enabled';
export const ALGORITHM_ATTRIBUTE = 'load_balancing.algorithm.type';
export const DEREGISTRATION_DELAY_ATTRIBUTE = 'deregistration_delay.timeout_seconds';
export const STICKINESS_ENABLED_ATTRIBUTE = 'stickiness.enabled';
export const STICKINESS_TYPE_ATTRIBUTE = 'stickiness.type';
export const LB_COOKIE_DURATION_ATTRIBUTE = 'stickiness.lb_cookie.duration_seconds';
export const APP_COOKIE_DURATION_ATTRIBUTE = 'stickiness.app_cookie.duration_seconds';
export const APP_COOKIE_NAME_ATTRIBUTE = 'stickiness.app_cookie.cookie_name';

/** Typed stack fields and the attribute each one sets; writing both is a conflict (validate.ts). */
export const LOAD_BALANCER_TYPED_ATTRIBUTES = {
  crossZone: CROSS_ZONE_ATTRIBUTE,
  deletionProtection: DELETION_PROTECTION_ATTRIBUTE,
  dropInvalidHeaderFields: DROP_INVALID_HEADERS_ATTRIBUTE,
} as const;

export const TARGET_GROUP_TYPED_ATTRIBUTES = {
  crossZone: CROSS_ZONE_ATTRIBUTE,
  algorithm: ALGORITHM_ATTRIBUTE,
  deregistrationDelay: DEREGISTRATION_DELAY_ATTRIBUTE,
} as const;

export { isHttpProtocol };

/** AWS attribute values are strings; YAML's `true` and `60` become "true" and "60". */
export function attributeText(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/** The attributes written by their keys, elbctl judges them (everything but `raw`; a map elsewhere is validate.ts's to refuse). */
function judgedAttributes(attributes: AttributesFile | undefined): Array<[string, string]> {
  return Object.entries(attributes ?? {}).flatMap(
    ([k, v]): Array<[string, string]> =>
      k === RAW_ATTRIBUTES_KEY || typeof v === 'object' ? [] : [[k, attributeText(v)]],
  );
}

/** `attributes.raw` as AWS strings (empty when there is none). */
function rawAttributes(attributes: AttributesFile | undefined): Attributes {
  const raw = attributes?.[RAW_ATTRIBUTES_KEY];
  if (typeof raw !== 'object') return {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, attributeText(v)]));
}

/** Every attribute a file declares, judged and raw alike, as AWS strings: what apply sends. */
function declaredAttributes(attributes: AttributesFile | undefined): Attributes {
  return { ...Object.fromEntries(judgedAttributes(attributes)), ...rawAttributes(attributes) };
}

function loadBalancerAttributes(lb: LoadBalancerFile): Attributes {
  const out = declaredAttributes(lb.attributes);
  if (lb.crossZone !== undefined && lb.type !== 'application') out[CROSS_ZONE_ATTRIBUTE] = String(lb.crossZone);
  if (lb.deletionProtection !== undefined) out[DELETION_PROTECTION_ATTRIBUTE] = String(lb.deletionProtection);
  else if ((lb.scheme ?? defaultScheme(lb.type)) === 'internet-facing' && !(DELETION_PROTECTION_ATTRIBUTE in out)) {
    out[DELETION_PROTECTION_ATTRIBUTE] = 'true';
  }
  if (lb.type === 'application') {
    if (lb.dropInvalidHeaderFields !== undefined)
      out[DROP_INVALID_HEADERS_ATTRIBUTE] = String(lb.dropInvalidHeaderFields);
    else if (!(DROP_INVALID_HEADERS_ATTRIBUTE in out)) out[DROP_INVALID_HEADERS_ATTRIBUTE] = 'true';
  }
  return out;
}

export function targetGroupAttributes(tg: TargetGroupFile): Attributes {
  const out = declaredAttributes(tg.attributes);
  if (tg.crossZone !== undefined) {
    out[CROSS_ZONE_ATTRIBUTE] = tg.crossZone === 'inherit' ? INHERIT_VALUE : String(tg.crossZone);
  }
  if (tg.algorithm !== undefined) out[ALGORITHM_ATTRIBUTE] = tg.algorithm;
  if (tg.deregistrationDelay !== undefined) out[DEREGISTRATION_DELAY_ATTRIBUTE] = String(tg.deregistrationDelay);
  const s = tg.stickiness;
  if (s !== undefined) {
    const enabled = s.enabled ?? true;
    out[STICKINESS_ENABLED_ATTRIBUTE] = String(enabled);
    if (enabled || s.type !== undefined) {
      const type = s.type ?? defaultStickinessType(tg);
      out[STICKINESS_TYPE_ATTRIBUTE] = type;
      if (s.duration !== undefined && type === 'lb_cookie') out[LB_COOKIE_DURATION_ATTRIBUTE] = String(s.duration);
      if (s.duration !== undefined && type === 'app_cookie') out[APP_COOKIE_DURATION_ATTRIBUTE] = String(s.duration);
      if (s.cookieName !== undefined) out[APP_COOKIE_NAME_ATTRIBUTE] = s.cookieName;
    }
  }
  return out;
}

export function defaultStickinessType(tg: Pick<TargetGroupFile, 'protocol' | 'targetType'>): 'lb_cookie' | 'source_ip' {
  return isHttpProtocol(tg.protocol) || tg.targetType === 'lambda' ? 'lb_cookie' : 'source_ip';
}

/** Conditions in a canonical order: path, host, headers (as written), query, methods, source IPs. */
export function toConditions(c: ConditionsFile): Condition[] {
  const out: Condition[] = [];
  if (c.path !== undefined) out.push({ field: 'path-pattern', values: [...c.path] });
  if (c.host !== undefined) out.push({ field: 'host-header', values: [...c.host] });
  for (const [headerName, values] of Object.entries(c.headers ?? {})) {
    out.push({ field: 'http-header', headerName, values: [...values] });
  }
  if (c.query !== undefined) {
    out.push({
      field: 'query-string',
      values: c.query.map((q) => ({ ...(q.key !== undefined ? { key: q.key } : {}), value: q.value })),
    });
  }
  if (c.methods !== undefined)
    out.push({ field: 'http-request-method', values: c.methods.map((m) => m.toUpperCase()) });
  if (c.sourceIps !== undefined) out.push({ field: 'source-ip', values: [...c.sourceIps] });
  if (c.pathRegex !== undefined) out.push({ field: 'path-pattern', values: [...c.pathRegex], regex: true });
  if (c.hostRegex !== undefined) out.push({ field: 'host-header', values: [...c.hostRegex], regex: true });
  for (const [headerName, values] of Object.entries(c.headersRegex ?? {})) {
    out.push({ field: 'http-header', headerName, values: [...values], regex: true });
  }
  for (const raw of c.raw ?? []) out.push({ field: 'other', awsField: rawKind(raw, 'Field'), raw });
  return out;
}

/**
 * One action; undefined unless exactly one kind is given (validate.ts reports that). Redirect
 * parts left out are written as AWS's own placeholders, so a file and a described rule compare.
 */
export function toActionSpec(a: ActionFile): ActionSpec | undefined {
  const kinds = [a.forward, a.redirect, a.fixedResponse].filter((k) => k !== undefined).length;
  if (kinds !== 1) return undefined;
  if (a.forward !== undefined) {
    const targets =
      typeof a.forward === 'string'
        ? [{ targetGroup: a.forward }]
        : a.forward.map((f) => ({
            targetGroup: f.targetGroup,
            ...(f.weight !== undefined ? { weight: f.weight } : {}),
          }));
    return {
      type: 'forward',
      targets,
      ...(a.stickiness !== undefined ? { stickinessSeconds: a.stickiness } : {}),
      ...(a.weights === 'external' ? { externalWeights: true } : {}),
    };
  }
  if (a.redirect !== undefined) {
    const r = a.redirect;
    return {
      type: 'redirect',
      protocol: r.protocol ?? '#{protocol}',
      port: r.port !== undefined ? String(r.port) : '#{port}',
      host: r.host ?? '#{host}',
      path: r.path ?? '/#{path}',
      query: r.query ?? '#{query}',
      statusCode: r.statusCode === 302 ? 'HTTP_302' : 'HTTP_301',
    };
  }
  const f = a.fixedResponse as NonNullable<ActionFile['fixedResponse']>;
  return {
    type: 'fixed-response',
    statusCode: String(f.statusCode),
    contentType: f.contentType ?? 'text/plain',
    ...(f.body !== undefined ? { messageBody: f.body } : {}),
  };
}

function toHealthCheckSpec(hc: HealthCheckFile | undefined): HealthCheckSpec {
  if (hc === undefined) return {};
  const out: HealthCheckSpec = {};
  if (hc.enabled !== undefined) out.enabled = hc.enabled;
  if (hc.protocol !== undefined) out.protocol = hc.protocol;
  if (hc.port !== undefined) out.port = String(hc.port);
  if (hc.path !== undefined) out.path = hc.path;
  if (hc.interval !== undefined) out.intervalSeconds = hc.interval;
  if (hc.timeout !== undefined) out.timeoutSeconds = hc.timeout;
  if (hc.healthyThreshold !== undefined) out.healthyThreshold = hc.healthyThreshold;
  if (hc.unhealthyThreshold !== undefined) out.unhealthyThreshold = hc.unhealthyThreshold;
  if (hc.matcher !== undefined) out.matcher = String(hc.matcher);
  return out;
}

// ------------------------------------------------------------------ priorities

export type Allocation = { ok: true; priorities: number[] } | { ok: false; index: number; after: number };

/**
 * Priorities for the rules of one listener, in file order. A written priority is kept. A rule
 * without one gets the next free priority after the highest of the rules written above it and
 * of the listener's existing rules the stack does not own (`after`), so rules without
 * priorities are evaluated in the order they are written, after what is already there. `reserved` holds
 * priorities that are not ours to take (unmanaged rules); `current` is the priority a rule
 * already has on AWS, kept when it still fits, so an apply does not shuffle rules needlessly.
 */
export function allocatePriorities(
  rules: ReadonlyArray<{ priority?: number | undefined }>,
  reserved: ReadonlySet<number> = new Set(),
  current: (index: number) => number | undefined = () => undefined,
  after = 0,
): Allocation {
  const taken = new Set<number>(reserved);
  for (const r of rules) if (r.priority !== undefined) taken.add(r.priority);
  const out: number[] = [];
  // `after`: the highest priority of rules already on the listener that the stack does not own;
  // a rule without a priority goes after them, as `elbctl rule add` puts it after the last rule.
  let highest = after;
  for (let i = 0; i < rules.length; i++) {
    const written = rules[i]?.priority;
    if (written !== undefined) {
      out.push(written);
      highest = Math.max(highest, written);
      continue;
    }
    const now = current(i);
    let p: number;
    if (now !== undefined && now > highest && now <= MAX_PRIORITY && !taken.has(now)) p = now;
    else {
      p = highest + 1;
      while (taken.has(p)) p++;
    }
    if (p > MAX_PRIORITY) return { ok: false, index: i, after: highest };
    taken.add(p);
    out.push(p);
    highest = p;
  }
  return { ok: true, priorities: out };
}

// ------------------------------------------------------------------ secure-default warnings

/** Where the file turns a secure default off, with the path of the setting. */
export function secureDefaultWarnings(file: StackFile): PathWarning[] {
  const out: PathWarning[] = [];
  (file.loadBalancers ?? []).forEach((lb, i) => {
    const base: PathSegment[] = ['loadBalancers', i];
    const attrs = declaredAttributes(lb.attributes);
    const scheme = lb.scheme ?? defaultScheme(lb.type);
    const protection =
      lb.deletionProtection ??
      (DELETION_PROTECTION_ATTRIBUTE in attrs ? attrs[DELETION_PROTECTION_ATTRIBUTE] === 'true' : true);
    if (scheme === 'internet-facing' && !protection) {
      out.push({
        path:
          lb.deletionProtection !== undefined
            ? [...base, 'deletionProtection']
            : [...base, 'attributes', DELETION_PROTECTION_ATTRIBUTE],
        code: 'W_DELETION_PROTECTION',
        message: `load balancer ${quote(lb.name)}: deletion protection is off on an internet-facing load balancer; one mistaken delete takes it offline and loses its DNS name`,
      });
    }
    if (lb.type === 'application') {
      const drop =
        lb.dropInvalidHeaderFields ??
        (DROP_INVALID_HEADERS_ATTRIBUTE in attrs ? attrs[DROP_INVALID_HEADERS_ATTRIBUTE] === 'true' : true);
      if (!drop) {
        out.push({
          path:
            lb.dropInvalidHeaderFields !== undefined
              ? [...base, 'dropInvalidHeaderFields']
              : [...base, 'attributes', DROP_INVALID_HEADERS_ATTRIBUTE],
          code: 'W_DROP_INVALID_HEADERS',
          message: `load balancer ${quote(lb.name)}: invalid header fields are passed to the targets (${DROP_INVALID_HEADERS_ATTRIBUTE}=false), which helps request-smuggling attacks; leave it true unless a client needs them`,
        });
      }
    }
    (lb.listeners ?? []).forEach((l, j) => {
      if (isSecureProtocol(l.protocol) && l.sslPolicy !== undefined && isWeakSslPolicy(l.sslPolicy)) {
        out.push({
          path: [...base, 'listeners', j, 'sslPolicy'],
          code: 'W_SSL_POLICY',
          message: `listener ${listenerRef(lb.name, l.port ?? GATEWAY_LISTENER_PORT)}: ${weakSslPolicyWarning(l.sslPolicy)}`,
        });
      }
    });
  });
  return out;
}

// ------------------------------------------------------------------ the desired model

/** `tags` when the file declares them (then managed exactly); nothing when it leaves them out. */
function withTags(tags: TagsFile | undefined): { tags?: Record<string, string> } {
  const declared = fileTags(tags);
  return declared === undefined ? {} : { tags: declared };
}

/** A valid stack file → the desired model. Call only on a file `validateStack` accepted. */
export function withDefaults(file: StackFile): DesiredStack {
  return {
    version: 1,
    stack: file.stack,
    ...(file.region !== undefined ? { region: file.region } : {}),
    loadBalancers: (file.loadBalancers ?? []).map((lb) => ({
      name: lb.name,
      type: lb.type,
      scheme: lb.scheme ?? defaultScheme(lb.type),
      subnets: fileSubnets(lb),
      ...(lb.subnetMappings !== undefined ? { subnetMappings: fileSubnetMappings(lb) } : {}),
      ...(lb.securityGroups !== undefined ? { securityGroups: [...lb.securityGroups] } : {}),
      ipAddressType: lb.ipAddressType ?? 'ipv4',
      attributes: loadBalancerAttributes(lb),
      ...withTags(lb.tags),
      ...(lb.alarms !== undefined
        ? {
            alarms: {
              preset: lb.alarms.preset ?? 'recommended',
              ...(lb.alarms.snsTopic !== undefined ? { snsTopic: lb.alarms.snsTopic } : {}),
              overrides: lb.alarms.overrides ?? {},
            },
          }
        : {}),
      listeners: (lb.listeners ?? []).map((l) => ({
        port: l.port ?? GATEWAY_LISTENER_PORT,
        protocol: l.protocol,
        certificates: [...(l.certificates ?? [])],
        // Left out: the planner gives a new HTTPS/TLS listener the secure default and leaves an existing one's alone.
        ...(isSecureProtocol(l.protocol) && l.sslPolicy !== undefined ? { sslPolicy: l.sslPolicy } : {}),
        ...(l.alpnPolicy !== undefined ? { alpnPolicy: l.alpnPolicy } : {}),
        ...(l.authenticate !== undefined ? { authenticate: l.authenticate.map(toLeadingSpec) as LeadingSpec[] } : {}),
        ...(l.mutualAuthentication !== undefined ? { mutualTls: toMutualTlsSpec(l.mutualAuthentication) } : {}),
        defaultAction: toActionSpec(l.defaultAction) as ActionSpec,
        ...(l.attributes !== undefined ? { attributes: declaredAttributes(l.attributes) } : {}),
        ...withTags(l.tags),
        rules: (l.rules ?? []).map((r) => ({
          name: r.name,
          ...(r.priority !== undefined ? { priority: r.priority } : {}),
          conditions: toConditions(r.conditions),
          ...(r.authenticate !== undefined ? { authenticate: r.authenticate.map(toLeadingSpec) as LeadingSpec[] } : {}),
          action: toActionSpec(r.action) as ActionSpec,
          ...(r.transforms !== undefined ? { transforms: r.transforms.map(toTransformSpec) as Transform[] } : {}),
          ...withTags(r.tags),
        })),
      })),
    })),
    targetGroups: (file.targetGroups ?? []).map((tg) => ({
      name: tg.name,
      ...(tg.protocol !== undefined ? { protocol: tg.protocol } : {}),
      ...(tg.port !== undefined ? { port: tg.port } : {}),
      ...(tg.vpc !== undefined ? { vpc: tg.vpc } : {}),
      targetType: tg.targetType ?? 'instance',
      ...(tg.protocolVersion !== undefined ? { protocolVersion: tg.protocolVersion } : {}),
      ...(tg.ipAddressType !== undefined ? { ipAddressType: tg.ipAddressType } : {}),
      ...(tg.targetControlPort !== undefined ? { targetControlPort: tg.targetControlPort } : {}),
      healthCheck: toHealthCheckSpec(tg.healthCheck),
      attributes: targetGroupAttributes(tg),
      ...withTags(tg.tags),
      ...(tg.targets !== undefined
        ? {
            targets: tg.targets.map((t) => ({
              id: t.id,
              ...(t.port !== undefined ? { port: t.port } : {}),
              ...(t.availabilityZone !== undefined ? { availabilityZone: t.availabilityZone } : {}),
            })),
          }
        : {}),
    })),
    ...(file.trustStores !== undefined
      ? {
          trustStores: file.trustStores.map((t) => ({
            name: t.name,
            ...(t.caCertificates !== undefined ? { caCertificates: t.caCertificates } : {}),
            ...(t.revocations !== undefined ? { revocations: [...t.revocations] } : {}),
            ...withTags(t.tags),
          })),
        }
      : {}),
    warnings: secureDefaultWarnings(file).map((w) => w.message),
  };
}

/** `mutualAuthentication:` → the rulebook's spec (the trust store still by its name in the file). */
export function toMutualTlsSpec(m: MutualAuthenticationFile): MutualTlsSpec {
  return {
    mode: m.mode,
    ...(m.trustStore !== undefined ? { trustStore: m.trustStore } : {}),
    ...(m.advertiseCaNames !== undefined ? { advertiseCaNames: m.advertiseCaNames } : {}),
    ...(m.ignoreClientCertificateExpiry !== undefined
      ? { ignoreClientCertificateExpiry: m.ignoreClientCertificateExpiry }
      : {}),
  };
}
