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
 * - forward actions name target groups by their name in the file, with their group stickiness;
 * - the actions that run before routing go under `authenticate:` (an OIDC action names a
 *   placeholder variable for its secret, which AWS never returns), transforms under `transforms:`;
 * - mutual TLS under `mutualAuthentication:`, its trust store by name under `trustStores:` (with
 *   the bundle URL only when elbctl sent it: AWS never returns it; else by name only, never changed);
 * - what elbctl does not interpret (an action, condition or transform of a kind AWS adds later)
 *   is kept verbatim under `raw:`, with a warning naming it, and apply sends it back unchanged.
 * What still cannot be said is left out with a warning naming it; the planner leaves untagged
 * resources it is not told about alone.
 */
import {
  checkListenerAttributes,
  checkLoadBalancerAttributes,
  listenerAttributeDefault,
  loadBalancerAttributeDefault,
} from '../../rules/attributes';
import { CROSS_ZONE_ATTRIBUTE } from '../../cross-zone';
import {
  ALPN_POLICIES,
  isGatewayListener,
  isSecureProtocol,
  LISTENER_PROTOCOLS,
  listenerRef,
  RECOMMENDED_SSL_POLICY,
} from '../../rules/listener';
import { type RoutingAction, actionType, splitActions } from '../../actions';
import type { Action } from '../../model';
import { leadingFile, transformFile } from '../action-files';
import { IP_ADDRESS_TYPES } from '../../rules/load-balancer';
import { PROTOCOL_VERSIONS, quicTargetsProblem, TARGET_GROUP_PROTOCOLS } from '../../rules/target-group';
import { DELETION_PROTECTION_ATTRIBUTE, DROP_INVALID_HEADERS_ATTRIBUTE } from '../defaults';
import {
  NAME_TAG,
  RULE_TAG,
  STACK_TAG,
  type Observed,
  type ObservedListener,
  type ObservedLoadBalancer,
  type ObservedRule,
  type ObservedTargetGroup,
} from '../model';
import {
  STACK_FILE_VERSION,
  type ActionFile,
  type AttributesFile,
  type LeadingActionFile,
  type ListenerFile,
  type LoadBalancerFile,
  type RuleFile,
  type StackFile,
  type SubnetMappingFile,
  type TargetGroupFile,
  type TagsFile,
} from '../schema';
import { OWN_TAG_COUNT, stackTagProblems } from '../tags';
import { userTags } from '../../rules/tags';

import { attributesFile } from './attributes-file';
import { conditionsFile, numeric, targetFile } from './file-values';
import { ruleNames, targetGroupNameFromArn } from './naming';
import { healthCheckFile, targetGroupAttributesFile } from './target-group-file';
import { mutualAuthenticationFile, trustStoresFile } from './trust-store-file';

export interface ExportInput {
  stack: string;
  region?: string | undefined;
  /**
   * The load balancers to export, in file order, and the target groups they may forward to.
   * Only the target groups an exported listener or rule forwards to are written.
   */
  observed: Observed;
}

interface ExportCounts {
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
  /** Trust store ARNs exported listeners verify with, in the order first met. */
  private readonly usedTrustStores: string[] = [];

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
    const trustStores = trustStoresFile(
      this.input.observed.trustStores ?? [],
      this.usedTrustStores,
      (t) => this.owned(t.tags),
      this.warnings,
      (what, tags) => this.tags(what, tags, OWN_TAG_COUNT.trustStore),
    );
    const document: StackFile = {
      version: STACK_FILE_VERSION as 1,
      stack,
      ...(region !== undefined ? { region } : {}),
      ...(loadBalancers.length > 0 ? { loadBalancers } : {}),
      ...(targetGroups.length > 0 ? { targetGroups } : {}),
      ...(trustStores.length > 0 ? { trustStores } : {}),
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
    for (const setting of lb.unmanagedSettings ?? []) {
      this.warnings.push(
        `load balancer "${lb.name}": ${setting} is not in stack files (elbctl does not manage it; docs/api-coverage.md); apply leaves it as it is, and a replay elsewhere creates the load balancer without it`,
      );
    }
    const a = lb.attributes;
    const gateway = lb.type === 'gateway';
    const internetFacing = lb.scheme === 'internet-facing';
    const protection = a[DELETION_PROTECTION_ATTRIBUTE] === 'true';
    const entry: LoadBalancerFile = {
      name: lb.name,
      type: lb.type,
      // A gateway load balancer takes no scheme (it is internal); the others are internet-facing unless written.
      ...(internetFacing || gateway ? {} : { scheme: lb.scheme }),
      // A network load balancer with fixed addresses (Elastic IPs, private or IPv6 addresses) keeps them: subnetMappings.
      ...(lb.type === 'network' && (lb.subnetMappings ?? []).length > 0
        ? { subnetMappings: subnetMappingsFile(lb) }
        : { subnets: [...lb.subnets] }),
      ...(lb.securityGroups.length > 0 ? { securityGroups: [...lb.securityGroups] } : {}),
      ...(lb.ipAddressType !== 'ipv4' && (IP_ADDRESS_TYPES as readonly string[]).includes(lb.ipAddressType)
        ? { ipAddressType: lb.ipAddressType as LoadBalancerFile['ipAddressType'] }
        : {}),
      ...(lb.type !== 'application' && a[CROSS_ZONE_ATTRIBUTE] === 'true' ? { crossZone: true } : {}),
      // elbctl turns protection on for internet-facing load balancers and leaves internal ones alone.
      ...(internetFacing !== protection ? { deletionProtection: protection } : {}),
      ...(lb.type === 'application' && a[DROP_INVALID_HEADERS_ATTRIBUTE] !== 'true'
        ? { dropInvalidHeaderFields: false }
        : {}),
    };
    const attributes = this.loadBalancerAttributes(lb);
    if (Object.keys(attributes).length > 0) entry.attributes = attributes;
    Object.assign(entry, this.tags(`load balancer "${lb.name}"`, lb.tags, OWN_TAG_COUNT.loadBalancer));
    const listeners = lb.listeners.flatMap((l) => {
      const le = this.listener(lb, l);
      return le ? [le] : [];
    });
    if (listeners.length > 0) entry.listeners = listeners;
    return entry;
  }

  private loadBalancerAttributes(lb: ObservedLoadBalancer): AttributesFile {
    return attributesFile(
      lb.attributes,
      {
        what: `load balancer "${lb.name}"`,
        // Typed fields, against elbctl's defaults: deletionProtection, crossZone, dropInvalidHeaderFields.
        handled: new Set([DELETION_PROTECTION_ATTRIBUTE, CROSS_ZONE_ATTRIBUTE, DROP_INVALID_HEADERS_ATTRIBUTE]),
        defaultOf: (key) => loadBalancerAttributeDefault(key, lb),
        judge: (s) => checkLoadBalancerAttributes(lb.type, lb.name, [s]),
      },
      this.warnings,
    );
  }

  /** A listener's attributes where they differ from AWS's defaults (none when observe did not read them). */
  private listenerAttributes(lb: ObservedLoadBalancer, l: ObservedListener, ref: string): AttributesFile {
    return attributesFile(
      l.attributes ?? {},
      {
        what: `listener ${ref}`,
        handled: new Set(),
        defaultOf: listenerAttributeDefault,
        judge: (s) => checkListenerAttributes(lb.type, `listener ${ref}`, [s], l.protocol),
      },
      this.warnings,
    );
  }

  // ---------------------------------------------------------------- listeners and rules

  private listener(lb: ObservedLoadBalancer, l: ObservedListener): ListenerFile | undefined {
    const ref = listenerRef(lb.name, l.port);
    if (!(LISTENER_PROTOCOLS as readonly string[]).includes(l.protocol)) {
      this.leftOut(`listener ${ref}`, `stack files have no ${l.protocol} listeners`, l.tags);
      return undefined;
    }
    const secure = isSecureProtocol(l.protocol);
    if (secure && l.certificates.length === 0) {
      this.leftOut(`listener ${ref}`, `AWS reports no certificate for this ${l.protocol} listener`, l.tags);
      return undefined;
    }
    const defaultAction = this.actions(l.defaultActions, `listener ${ref}`, ref);
    if (typeof defaultAction === 'string') {
      this.leftOut(`listener ${ref}`, `its default action ${defaultAction}`, l.tags);
      return undefined;
    }
    const entry: ListenerFile = {
      // A gateway load balancer's GENEVE listener has no port.
      ...(isGatewayListener(l.protocol) ? {} : { port: l.port }),
      protocol: l.protocol as ListenerFile['protocol'],
      ...(secure ? { certificates: [...l.certificates] } : {}),
      ...(secure && l.sslPolicy !== undefined && l.sslPolicy !== RECOMMENDED_SSL_POLICY
        ? { sslPolicy: l.sslPolicy }
        : {}),
      ...(l.protocol === 'TLS' && l.alpnPolicy !== undefined && l.alpnPolicy !== 'None' && isAlpnPolicy(l.alpnPolicy)
        ? { alpnPolicy: l.alpnPolicy }
        : {}),
      ...(defaultAction.authenticate ? { authenticate: defaultAction.authenticate } : {}),
      ...(l.mutualTls && l.mutualTls.mode !== 'off'
        ? {
            mutualAuthentication: mutualAuthenticationFile(l.mutualTls, {
              stack: this.input.stack,
              trustStores: this.input.observed.trustStores ?? [],
              used: this.usedTrustStores,
            }),
          }
        : {}),
      defaultAction: defaultAction.file,
      ...this.tags(`listener ${ref}`, l.tags, OWN_TAG_COUNT.listener),
    };
    const attributes = this.listenerAttributes(lb, l, ref);
    if (Object.keys(attributes).length > 0) entry.attributes = attributes;
    this.reference(defaultAction.arns);
    if (l.alpnPolicy !== undefined && !isAlpnPolicy(l.alpnPolicy)) {
      this.warnings.push(
        `listener ${ref}: ALPN policy ${l.alpnPolicy} not exported, elbctl does not know it; a plan leaves it as it is`,
      );
    }
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
    const action = this.actions(r.actions, what, `${listenerRef}:${name}`);
    if (typeof action === 'string') {
      this.leftOut(what, `its action ${action}`, r.tags);
      return undefined;
    }
    for (const c of r.conditions) {
      if (c.field === 'other') this.keptRaw(what, `condition ${c.awsField}`);
    }
    const transforms = r.transforms ?? [];
    for (const t of transforms) {
      if (t.type === 'other') this.keptRaw(what, `transform ${t.awsType}`);
    }
    this.reference(action.arns);
    if (this.owned(r.tags) && r.tags[RULE_TAG] === undefined) {
      // The planner knows an owned rule only by its name tag: without one it cannot be this rule.
      this.warnings.push(
        `${what}: tagged ${STACK_TAG}=${this.input.stack} but has no ${RULE_TAG} tag, so a plan of this file replaces it (delete, then create as "${name}")`,
      );
    }
    return {
      name,
      priority: r.priority,
      conditions,
      ...(action.authenticate ? { authenticate: action.authenticate } : {}),
      action: action.file,
      ...(transforms.length > 0 ? { transforms: transforms.map(transformFile) } : {}),
      ...this.tags(what, r.tags, OWN_TAG_COUNT.rule),
    };
  }

  /** The user's tags (neither elbctl's nor AWS's own), as the file writes them; left out with a warning when the file could not hold them. */
  private tags(what: string, live: Record<string, string>, own: number): { tags?: TagsFile } {
    const tags = userTags(live);
    if (Object.keys(tags).length === 0) return {};
    const problems = stackTagProblems(tags, own);
    if (problems.length > 0) {
      this.warnings.push(`${what}: tags not exported, ${problems.map((p) => p.message).join('; ')}`);
      return {};
    }
    return { tags };
  }

  private reference(arns: readonly string[]): void {
    for (const arn of arns) if (!this.referenced.includes(arn)) this.referenced.push(arn);
  }

  /** A part kept verbatim under `raw:`: loud, never silent. */
  private keptRaw(what: string, part: string): void {
    this.warnings.push(
      `${what}: ${part} is kept verbatim under raw: (elbctl does not interpret it); apply sends it back unchanged`,
    );
  }

  /**
   * A listener's or rule's actions in the file's words: the ones that run first under
   * `authenticate:` (an OIDC one with a placeholder variable for its secret), then the routing
   * action; or why they cannot be written.
   */
  private actions(
    actions: readonly Action[],
    what: string,
    ref: string,
  ): { file: ActionFile; authenticate?: LeadingActionFile[]; arns: string[] } | string {
    const { leading, routing } = splitActions(actions);
    if (routing === undefined) {
      const kinds = actions.map(actionType).join(' then ');
      return actions.length === 0
        ? 'is missing'
        : `is ${kinds}; a stack file ends a rule with forward, redirect or fixed-response`;
    }
    const authenticate: LeadingActionFile[] = [];
    for (const a of leading) {
      const secretEnv = secretEnvName(ref);
      const entry = leadingFile(a, secretEnv);
      if (!entry) return `runs ${actionType(a)} before ${actionType(routing)}, which a stack file cannot say`;
      if (a.type === 'other') this.keptRaw(what, `action ${a.awsType}`);
      if (a.type === 'authenticate-oidc') {
        this.warnings.push(
          `${what}: authenticate-oidc's client secret is never returned by AWS; the file names ${secretEnv} (clientSecretEnv) for it: set it to create this action elsewhere (an apply here keeps the secret AWS holds)`,
        );
      }
      authenticate.push(entry);
    }
    const r = this.action(routing as RoutingAction);
    if (typeof r === 'string') return r;
    return authenticate.length > 0 ? { ...r, authenticate } : r;
  }

  /** One routing action in the file's words, with the target group ARNs it forwards to; or why it cannot be written. */
  private action(a: RoutingAction): { file: ActionFile; arns: string[] } | string {
    switch (a.type) {
      case 'forward': {
        const stickiness = a.stickinessSeconds !== undefined ? { stickiness: a.stickinessSeconds } : {};
        const names: string[] = [];
        for (const g of a.targetGroups) if (!this.wanted.includes(g.targetGroupArn)) this.wanted.push(g.targetGroupArn);
        for (const g of a.targetGroups) {
          const group = this.groups.get(g.targetGroupArn);
          if (!group)
            return `forwards to target group "${targetGroupNameFromArn(g.targetGroupArn) ?? g.targetGroupArn}", which could not be exported`;
          names.push(group.name);
        }
        const arns = a.targetGroups.map((g) => g.targetGroupArn);
        if (a.targetGroups.length === 1 && a.targetGroups[0]?.weight === undefined)
          return { file: { forward: names[0] as string, ...stickiness }, arns };
        return {
          file: {
            forward: a.targetGroups.map((g, i) => ({ targetGroup: names[i] as string, weight: g.weight ?? 1 })),
            ...stickiness,
          },
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
    if (!lambda && !(TARGET_GROUP_PROTOCOLS as readonly string[]).includes(tg.protocol ?? '')) {
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
      ...(tg.protocolVersion !== undefined &&
      tg.protocolVersion !== 'HTTP1' &&
      (PROTOCOL_VERSIONS as readonly string[]).includes(tg.protocolVersion)
        ? { protocolVersion: tg.protocolVersion as TargetGroupFile['protocolVersion'] }
        : {}),
      ...(tg.ipAddressType === 'ipv6' ? { ipAddressType: 'ipv6' as const } : {}),
      ...(tg.targetControlPort !== undefined ? { targetControlPort: tg.targetControlPort } : {}),
    };
    const healthCheck = healthCheckFile(tg, this.warnings);
    if (Object.keys(healthCheck).length > 0) entry.healthCheck = healthCheck;
    Object.assign(entry, targetGroupAttributesFile(tg, this.warnings));
    Object.assign(entry, this.tags(`target group "${tg.name}"`, tg.tags, OWN_TAG_COUNT.targetGroup));
    const targets = tg.targets.map((t) => targetFile(tg, t));
    if (targets.length > 0 && quicTargetsProblem(tg, 'stack')) {
      // Their QUIC server IDs are not in a stack file: left out, the registrations are not managed.
      this.warnings.push(
        `target group "${tg.name}": its ${targets.length} target registration${targets.length === 1 ? '' : 's'} not exported, a ${tg.protocol} target needs a QUIC server ID, which stack files do not carry; elbctl leaves them as they are`,
      );
    } else if (targets.length > 0) entry.targets = targets;
    return entry;
  }
}

/**
 * Stickiness as the typed field, when it is on and the typed field can say it exactly (the same
 * attributes come back out of defaults.ts); otherwise the raw `stickiness.*` attributes are used.
 */

/** The placeholder variable an exported OIDC action names for its secret: `web:443:admin` → OIDC_CLIENT_SECRET_WEB_443_ADMIN. */
function secretEnvName(ref: string): string {
  const slug = ref
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `OIDC_CLIENT_SECRET_${slug}`.slice(0, 128);
}

export function exportStack(input: ExportInput): ExportedStack {
  return new Exporter(input).run();
}

/** Every subnet of the load balancer, each with the fixed addresses AWS reports for it. */
function subnetMappingsFile(lb: ObservedLoadBalancer): SubnetMappingFile[] {
  const fixed = new Map((lb.subnetMappings ?? []).map((m) => [m.subnetId, m]));
  return lb.subnets.map((subnet) => {
    const m = fixed.get(subnet);
    return {
      subnet,
      ...(m?.allocationId !== undefined ? { allocationId: m.allocationId } : {}),
      ...(m?.privateIPv4Address !== undefined ? { privateIPv4Address: m.privateIPv4Address } : {}),
      ...(m?.ipv6Address !== undefined ? { ipv6Address: m.ipv6Address } : {}),
    };
  });
}

const isAlpnPolicy = (value: string): value is NonNullable<ListenerFile['alpnPolicy']> =>
  (ALPN_POLICIES as readonly string[]).includes(value);
