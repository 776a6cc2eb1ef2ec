/**
 * Reads what the audit judges in one account and region, every call batched the way the API
 * allows and paced by the process's limiter (src/aws/pacing.ts): load balancers in pages of 400,
 * tags 20 ARNs a call, one DescribeListeners and one DescribeLoadBalancerAttributes per load
 * balancer, rules per ALB listener, certificates per HTTPS/TLS listener, attributes and health per
 * target group, ACM per certificate, and ⌈n/500⌉ GetMetricData calls for the traffic of all of them;
 * Classic load balancers through the Classic API (one paged DescribeLoadBalancers, tags 20 names a
 * call, policies and attributes per load balancer).
 */
import type { Aws } from '..';
import type { ElbctlError } from '../../core/errors';
import type {
  AuditedCertificate,
  AuditedListener,
  AuditedLoadBalancer,
  AuditedTargetGroup,
  ClassicLoadBalancer as AuditedClassic,
  RegionSnapshot,
} from '../../core/audit/model';
import type { ClassicLoadBalancer } from '../../core/classic/model';
import { quotasToRead } from '../../core/audit/quotas';
import { trafficQueries, trafficTotals, trafficWindow } from '../../core/audit/traffic';
import { mapLimit } from '../../core/concurrency';
import type { Listener, LoadBalancer, Tag } from '../../core/model';

/** Calls one region keeps in flight; the pacing limiter decides when each may leave. */
const REGION_CONCURRENCY = 16;

const SECURE = new Set(['HTTPS', 'TLS']);
const RULED = new Set(['HTTP', 'HTTPS']);

export interface RegionReadOptions {
  region: string;
  /** Load balancer names or ARNs to audit; empty: every one in the region. */
  refs: readonly string[];
  now: Date;
  /** Runs every AWS call: the process-wide cap on calls in flight. */
  gate: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Told how many load balancers the region holds, once they are listed. */
  onListed?: (count: number) => void;
}

interface PartialRead {
  /** `waf`: the no-waf check was not judged (WAF is optional: not an error of the run). */
  what: 'metrics' | 'certificates' | 'waf';
  error: ElbctlError;
}

export interface RegionRead {
  snapshot: RegionSnapshot;
  /** What could not be read without failing the region (CloudWatch, ACM): the checks that need it stay silent. */
  partial: PartialRead[];
}

const tagRecord = (tags: readonly Tag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

/** `arn:aws:elasticloadbalancing:REGION:ACCOUNT:…` → ACCOUNT. */
const accountOfArn = (arn: string): string | undefined => arn.split(':')[4] || undefined;

function selected(lbs: readonly LoadBalancer[], refs: readonly string[]): LoadBalancer[] {
  if (refs.length === 0) return [...lbs];
  const wanted = new Set(refs);
  return lbs.filter((lb) => wanted.has(lb.name) || wanted.has(lb.arn));
}

export async function readRegion(aws: Aws, opts: RegionReadOptions): Promise<RegionRead> {
  const { gate } = opts;
  const call = <T>(fn: () => Promise<T>) => gate(fn);
  const each = <T, R>(items: readonly T[], fn: (item: T) => Promise<R>) =>
    mapLimit(items, REGION_CONCURRENCY, (item) => call(() => fn(item)));
  const partial: PartialRead[] = [];

  const all = await call(() => aws.elbv2.listLoadBalancers());
  const lbs = selected(all, opts.refs);
  opts.onListed?.(lbs.length);
  const lbArns = new Set(lbs.map((lb) => lb.arn));

  const trafficRead = readTraffic(aws, lbs, opts, partial);
  const classicRead = call(() => aws.elb.list()).then((clbs) =>
    opts.refs.length === 0 ? clbs : clbs.filter((c) => opts.refs.includes(c.name)),
  );
  const wafRead = readWebAcls(aws, lbs, call, partial);
  const [tags, attributes, listeners, targetGroups] = await Promise.all([
    lbs.length > 0 ? call(() => aws.elbv2.describeTags(lbs.map((lb) => lb.arn))) : Promise.resolve(new Map()),
    each(lbs, (lb) => aws.elbv2.getLoadBalancerAttributes(lb.arn)),
    each(lbs, (lb) => aws.elbv2.listListeners(lb.arn)),
    call(() => aws.elbv2.listTargetGroups()).then((tgs) =>
      opts.refs.length === 0 ? tgs : tgs.filter((t) => t.loadBalancers.some((arn) => lbArns.has(arn))),
    ),
  ]);

  // Every branch is awaited together, so one failing first never leaves another's failure unhandled.
  const listenerDetails = readListeners(aws, lbs, listeners, each);
  const groups = Promise.all([
    each(targetGroups, (tg) => aws.elbv2.getTargetGroupAttributes(tg.arn)),
    each(targetGroups, (tg) => aws.elbv2.describeTargetHealth(tg.arn)),
    targetGroups.length > 0
      ? call(() => aws.elbv2.describeTags(targetGroups.map((tg) => tg.arn)))
      : Promise.resolve(new Map<string, Tag[]>()),
  ]).then(([attrs, health, tgTags]) =>
    targetGroups.map(
      (targetGroup, i): AuditedTargetGroup => ({
        targetGroup,
        attributes: attrs[i] ?? {},
        tags: tagRecord(tgTags.get(targetGroup.arn)),
        health: health[i] ?? [],
      }),
    ),
  );
  const certificatesRead = listenerDetails.then((audited) => readCertificates(aws, audited.flat(), call, partial));
  const [audited, auditedGroups, certificates, traffic, webAcls, classic] = await Promise.all([
    listenerDetails,
    groups,
    certificatesRead,
    trafficRead,
    wafRead,
    classicRead,
  ]);

  const loadBalancers = lbs.map(
    (loadBalancer, i): AuditedLoadBalancer => ({
      loadBalancer,
      attributes: attributes[i] ?? {},
      tags: tagRecord(tags.get(loadBalancer.arn)),
      listeners: audited[i] ?? [],
      ...(traffic ? { traffic: traffic.get(loadBalancer.arn) ?? 0 } : {}),
      ...(webAcls && loadBalancer.type === 'application' ? { webAcl: webAcls.get(loadBalancer.arn) ?? null } : {}),
    }),
  );
  const account = accountOfArn(lbs[0]?.arn ?? targetGroups[0]?.arn ?? '') ?? 'unknown';
  const read = {
    account,
    region: opts.region,
    loadBalancers,
    targetGroups: auditedGroups,
    certificates,
    classic: classic.map((c) => toAuditedClassic(c, opts.region, account)),
  };
  // Service Quotas only for a count near a documented default; a quota it cannot read keeps the default.
  const wanted = quotasToRead(read);
  const quotas = wanted.length > 0 ? await call(() => aws.quotas.values(wanted)) : {};
  return { snapshot: { ...read, quotas }, partial };
}

/** Each load balancer's listeners with their rules (ALB HTTP/HTTPS listeners) and every certificate (HTTPS/TLS listeners). */
async function readListeners(
  aws: Aws,
  lbs: readonly LoadBalancer[],
  listeners: readonly Listener[][],
  each: <T, R>(items: readonly T[], fn: (item: T) => Promise<R>) => Promise<R[]>,
): Promise<AuditedListener[][]> {
  const flat = lbs.flatMap((lb, i) => (listeners[i] ?? []).map((listener) => ({ lb, listener })));
  const details = await each(flat, async ({ lb, listener }) => {
    const [rules, certificates] = await Promise.all([
      lb.type === 'application' && RULED.has(listener.protocol)
        ? aws.elbv2.listRules(listener.arn).then((rs) => rs.filter((r) => !r.isDefault))
        : Promise.resolve([]),
      SECURE.has(listener.protocol)
        ? aws.elbv2.describeListenerCertificates(listener.arn)
        : Promise.resolve(listener.certificates),
    ]);
    return { listener: { ...listener, certificates }, rules };
  });
  let at = 0;
  return lbs.map((_, i) => (listeners[i] ?? []).map(() => details[at++] as AuditedListener));
}

async function readCertificates(
  aws: Aws,
  listeners: readonly AuditedListener[],
  call: <T>(fn: () => Promise<T>) => Promise<T>,
  partial: PartialRead[],
): Promise<AuditedCertificate[]> {
  const arns = [...new Set(listeners.flatMap((l) => l.listener.certificates))].filter((a) => a.includes(':acm:'));
  if (arns.length === 0) return [];
  try {
    const { found } = await call(() => aws.acm.describeCertificates(arns));
    return found.map((c) => ({ arn: c.arn, domainName: c.domainName, notAfter: c.notAfter }));
  } catch (e) {
    partial.push({ what: 'certificates', error: e as ElbctlError });
    return [];
  }
}

/** Web ACLs by load balancer, when an internet-facing ALB is there to judge; undefined when WAF cannot be read. */
async function readWebAcls(
  aws: Aws,
  lbs: readonly LoadBalancer[],
  call: <T>(fn: () => Promise<T>) => Promise<T>,
  partial: PartialRead[],
): Promise<Map<string, string> | undefined> {
  if (!lbs.some((lb) => lb.type === 'application' && lb.scheme === 'internet-facing')) return undefined;
  try {
    return await call(() => aws.wafv2.webAclsByLoadBalancer());
  } catch (e) {
    partial.push({ what: 'waf', error: e as ElbctlError });
    return undefined;
  }
}

async function readTraffic(
  aws: Aws,
  lbs: readonly LoadBalancer[],
  opts: RegionReadOptions,
  partial: PartialRead[],
): Promise<Map<string, number> | undefined> {
  if (lbs.length === 0) return new Map();
  const { calls, arnById } = trafficQueries(lbs);
  const window = trafficWindow(opts.now);
  try {
    const results = new Map();
    for (const queries of calls) {
      const r = await opts.gate(() => aws.cloudwatch.getMetricData(queries, window));
      for (const [id, result] of r.results) results.set(id, result);
    }
    return trafficTotals(results, arnById);
  } catch (e) {
    partial.push({ what: 'metrics', error: e as ElbctlError });
    return undefined;
  }
}

/** A Classic load balancer as the checks see it; the Classic API has no ARN, so it is built from its name. */
function toAuditedClassic(c: ClassicLoadBalancer, region: string, account: string): AuditedClassic {
  return {
    name: c.name,
    arn: `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${c.name}`,
    availabilityZones: c.availabilityZones,
    listeners: c.listeners.map((l) => ({ protocol: l.protocol, port: l.port, instanceProtocol: l.instanceProtocol })),
    crossZone: c.attributes.crossZone,
    accessLogs: c.attributes.accessLog.enabled,
    connectionDraining: c.attributes.draining.enabled,
    instances: c.instances.length,
  };
}
