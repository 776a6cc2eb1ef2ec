/**
 * observe(stack): reads the live state a stack could touch — every load balancer and target
 * group the file names, plus every one tagged as owned by the stack — with their attributes,
 * listeners, rules, tags and targets. Reads only; batched (tags ≤ 20 ARNs a call) and run with
 * bounded concurrency. Trust stores only when the file declares one or a listener verifies with one.
 */
import { alarmPrefix } from '../core/alarms/alarms';
import { mapLimit } from '../core/concurrency';
import type { LoadBalancer, Tag, TargetGroup } from '../core/model';
import {
  STACK_TAG,
  type Observed,
  type ObservedListener,
  type ObservedLoadBalancer,
  type ObservedTargetGroup,
  type ObservedTrustStore,
  type Tags,
} from '../core/stack/model';
import type { CloudWatchGateway } from './cloudwatch';
import type { Elbv2Gateway } from './elbv2/gateway';

/** Concurrent reads per observe: enough to hide latency, few enough not to invite throttling. */
const OBSERVE_CONCURRENCY = 8;

export interface ObserveScope {
  stack: string;
  /** AWS names of the load balancers and target groups the stack file declares. */
  loadBalancers: readonly string[];
  targetGroups: readonly string[];
  /** Load balancers whose alarms are read (those the file declares `alarms:` for). */
  alarms?: readonly string[] | undefined;
  /** Trust store names the file declares (`trustStores:`). */
  trustStores?: readonly string[] | undefined;
  /**
   * Load balancers whose listeners' attributes are read (DescribeListenerAttributes, one call a
   * listener): those whose file listeners declare attributes, or 'all' (export).
   */
  listenerAttributes?: 'all' | readonly string[] | undefined;
}

const toTags = (tags: readonly Tag[] | undefined): Tags =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

const SECURE_LISTENER = new Set(['HTTPS', 'TLS']);

export async function observe(
  elbv2: Elbv2Gateway,
  scope: ObserveScope,
  cloudwatch?: CloudWatchGateway | undefined,
): Promise<Observed> {
  const [allLbs, allTgs] = await Promise.all([elbv2.listLoadBalancers(), elbv2.listTargetGroups()]);
  const tags = await elbv2.describeTags([...allLbs.map((l) => l.arn), ...allTgs.map((t) => t.arn)]);
  const owned = (arn: string) => tags.get(arn)?.some((t) => t.key === STACK_TAG && t.value === scope.stack) ?? false;

  const lbNames = new Set(scope.loadBalancers);
  const tgNames = new Set(scope.targetGroups);
  const lbs = allLbs.filter((lb) => lbNames.has(lb.name) || owned(lb.arn));
  const tgs = allTgs.filter((tg) => tgNames.has(tg.name) || owned(tg.arn));

  const alarmsOf = new Set(scope.alarms ?? []);
  const [loadBalancers, targetGroups, alarms] = await Promise.all([
    observeLoadBalancers(elbv2, lbs, tags, scope.listenerAttributes),
    mapLimit(tgs, OBSERVE_CONCURRENCY, (tg) => observeTargetGroup(elbv2, tg, tags)),
    cloudwatch
      ? mapLimit(
          lbs.filter((lb) => alarmsOf.has(lb.name)),
          OBSERVE_CONCURRENCY,
          async (lb) => [lb.name, await cloudwatch.alarmsByPrefix(alarmPrefix(lb.name))] as const,
        )
      : Promise.resolve([]),
  ]);
  const byLb = new Map(alarms);
  const trustStores = await observeTrustStores(elbv2, scope, loadBalancers);
  return {
    loadBalancers: loadBalancers.map((lb) => (byLb.has(lb.name) ? { ...lb, alarms: byLb.get(lb.name) } : lb)),
    targetGroups,
    ...(trustStores ? { trustStores } : {}),
  };
}

/**
 * The trust stores the file declares, the stack owns, or an observed listener verifies with, each
 * with its tags, the listeners using it and its revocation lists. Read only when the file declares
 * one or a listener verifies with one, so a stack without mutual TLS makes no trust store call.
 */
async function observeTrustStores(
  elbv2: Elbv2Gateway,
  scope: ObserveScope,
  loadBalancers: readonly ObservedLoadBalancer[],
): Promise<ObservedTrustStore[] | undefined> {
  const used = new Set(
    loadBalancers.flatMap((lb) =>
      lb.listeners.flatMap((l) => (l.mutualTls?.trustStoreArn ? [l.mutualTls.trustStoreArn] : [])),
    ),
  );
  const declared = new Set(scope.trustStores ?? []);
  if (declared.size === 0 && used.size === 0) return undefined;
  const all = await elbv2.trustStores.list();
  const tags = await elbv2.describeTags(all.map((t) => t.arn));
  const owned = (arn: string) => tags.get(arn)?.some((t) => t.key === STACK_TAG && t.value === scope.stack) ?? false;
  const wanted = all.filter((t) => declared.has(t.name) || used.has(t.arn) || owned(t.arn));
  return mapLimit(wanted, OBSERVE_CONCURRENCY, async (t): Promise<ObservedTrustStore> => {
    const [listeners, revocations] = await Promise.all([
      elbv2.trustStores.associations(t.arn),
      elbv2.trustStores.revocations(t.arn),
    ]);
    return {
      name: t.name,
      arn: t.arn,
      tags: toTags(tags.get(t.arn)),
      listeners,
      revocations: revocations.map((r) => r.id),
    };
  });
}

async function observeLoadBalancers(
  elbv2: Elbv2Gateway,
  lbs: readonly LoadBalancer[],
  tags: ReadonlyMap<string, Tag[]>,
  listenerAttributesOf: 'all' | readonly string[] = [],
): Promise<ObservedLoadBalancer[]> {
  const details = await mapLimit(lbs, OBSERVE_CONCURRENCY, async (lb) => {
    const [attributes, listeners] = await Promise.all([
      elbv2.getLoadBalancerAttributes(lb.arn),
      elbv2.listListeners(lb.arn),
    ]);
    return { lb, attributes, listeners };
  });
  const allListeners = details.flatMap((d) => d.listeners);
  const readAttributes = new Set(
    details
      .filter((d) => listenerAttributesOf === 'all' || listenerAttributesOf.includes(d.lb.name))
      .flatMap((d) => d.listeners.map((l) => l.arn)),
  );
  // Rules exist only on HTTP/HTTPS listeners; NLB listeners have their default action only.
  const [listenerTags, rulesByListener, certificates, listenerAttributes] = await Promise.all([
    elbv2.describeTags(allListeners.map((l) => l.arn)),
    mapLimit(allListeners, OBSERVE_CONCURRENCY, (l) =>
      l.protocol === 'HTTP' || l.protocol === 'HTTPS' ? elbv2.listRules(l.arn) : Promise.resolve([]),
    ),
    mapLimit(allListeners, OBSERVE_CONCURRENCY, (l) =>
      SECURE_LISTENER.has(l.protocol) ? elbv2.describeListenerCertificates(l.arn) : Promise.resolve(l.certificates),
    ),
    mapLimit(allListeners, OBSERVE_CONCURRENCY, (l) =>
      readAttributes.has(l.arn) ? elbv2.getListenerAttributes(l.arn) : Promise.resolve(undefined),
    ),
  ]);
  const numbered = rulesByListener.map((rules) => rules.filter((r) => !r.isDefault));
  const ruleTags = await elbv2.describeTags(numbered.flat().map((r) => r.arn));

  let index = 0;
  return details.map(({ lb, attributes, listeners }) => ({
    name: lb.name,
    arn: lb.arn,
    type: lb.type,
    scheme: lb.scheme,
    subnets: lb.subnets,
    ...(lb.subnetMappings?.length ? { subnetMappings: lb.subnetMappings } : {}),
    ...(lb.unmanagedSettings?.length ? { unmanagedSettings: lb.unmanagedSettings } : {}),
    securityGroups: lb.securityGroups,
    ipAddressType: lb.ipAddressType,
    tags: toTags(tags.get(lb.arn)),
    attributes,
    listeners: listeners.map((l): ObservedListener => {
      const i = index++;
      const certs = certificates[i] ?? [];
      return {
        arn: l.arn,
        port: l.port,
        protocol: l.protocol,
        ...(SECURE_LISTENER.has(l.protocol) && l.sslPolicy ? { sslPolicy: l.sslPolicy } : {}),
        // The listener's own default certificate first, then any others it serves.
        certificates: [...new Set([...l.certificates, ...certs])],
        defaultActions: l.defaultActions,
        ...(listenerAttributes[i] !== undefined ? { attributes: listenerAttributes[i] } : {}),
        ...(l.mutualTls ? { mutualTls: l.mutualTls } : {}),
        ...(l.alpnPolicy ? { alpnPolicy: l.alpnPolicy } : {}),
        tags: toTags(listenerTags.get(l.arn)),
        rules: (numbered[i] ?? []).map((r) => ({
          arn: r.arn,
          priority: r.priority as number,
          conditions: r.conditions,
          actions: r.actions,
          transforms: r.transforms,
          tags: toTags(ruleTags.get(r.arn)),
        })),
      };
    }),
  }));
}

async function observeTargetGroup(
  elbv2: Elbv2Gateway,
  tg: TargetGroup,
  tags: ReadonlyMap<string, Tag[]>,
): Promise<ObservedTargetGroup> {
  const [attributes, health] = await Promise.all([
    elbv2.getTargetGroupAttributes(tg.arn),
    elbv2.describeTargetHealth(tg.arn),
  ]);
  return {
    name: tg.name,
    arn: tg.arn,
    protocol: tg.protocol,
    port: tg.port,
    vpcId: tg.vpcId,
    targetType: tg.targetType,
    ...(tg.protocolVersion !== undefined ? { protocolVersion: tg.protocolVersion } : {}),
    ...(tg.targetControlPort !== undefined ? { targetControlPort: tg.targetControlPort } : {}),
    ...(tg.ipAddressType !== undefined ? { ipAddressType: tg.ipAddressType } : {}),
    healthCheck: tg.healthCheck,
    tags: toTags(tags.get(tg.arn)),
    attributes,
    // Targets already draining out are leaving; the stack does not count them as registered.
    targets: health
      .filter((h) => h.state !== 'draining')
      .map((h) => ({
        id: h.id,
        ...(h.port !== undefined ? { port: h.port } : {}),
        ...(h.availabilityZone !== undefined ? { availabilityZone: h.availabilityZone } : {}),
      })),
    loadBalancerArns: tg.loadBalancers,
  };
}
