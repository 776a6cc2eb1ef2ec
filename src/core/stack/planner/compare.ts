/** How the planner compares desired with observed: canonical actions and conditions, sets, health checks. */
import type { Action, Condition, HealthCheck } from '../../model';
import type { DesiredTargetGroup, HealthCheckSpec, ObservedLoadBalancer, ObservedTargetGroup } from '../model';
import type { PlanAction, TargetGroupSpec } from '../plan';

function canonicalAction(a: PlanAction): string {
  switch (a.type) {
    case 'forward':
      return JSON.stringify({
        type: 'forward',
        // One target group without a weight is the same as one with weight 1.
        groups: a.targets.map((t) => `${t.targetGroup}=${a.targets.length === 1 ? 1 : (t.weight ?? 1)}`).sort(),
        stickiness: a.stickinessSeconds ?? null,
      });
    case 'redirect':
      return JSON.stringify({
        type: 'redirect',
        protocol: a.protocol ?? '#{protocol}',
        port: a.port ?? '#{port}',
        host: a.host ?? '#{host}',
        path: a.path ?? '/#{path}',
        query: a.query ?? '#{query}',
        statusCode: a.statusCode,
      });
    case 'fixed-response':
      return JSON.stringify({
        type: 'fixed-response',
        statusCode: a.statusCode,
        contentType: a.contentType ?? 'text/plain',
        body: a.messageBody ?? '',
      });
    case 'other':
      return JSON.stringify({ type: a.awsType });
  }
}

export const sameAction = (a: PlanAction, b: PlanAction) => canonicalAction(a) === canonicalAction(b);

function canonicalConditions(conditions: readonly Condition[]): string {
  const one = (c: Condition) => {
    switch (c.field) {
      case 'http-header':
        return `${c.field}:${c.headerName.toLowerCase()}=${[...c.values].sort().join('\u0001')}`;
      case 'query-string':
        return `${c.field}=${c.values
          .map((v) => `${v.key ?? ''}\u0002${v.value}`)
          .sort()
          .join('\u0001')}`;
      default:
        return `${c.field}=${[...c.values].sort().join('\u0001')}`;
    }
  };
  return conditions.map(one).sort().join('\u0000');
}

export const sameConditions = (a: readonly Condition[], b: readonly Condition[]) =>
  canonicalConditions(a) === canonicalConditions(b);

export const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** The default certificate must be the same one; the others are a set. */
export const sameCertificates = (a: readonly string[], b: readonly string[]) =>
  (a[0] ?? '') === (b[0] ?? '') && sameSet(a.slice(1), b.slice(1));

/** `arn:…:targetgroup/NAME/ID` → NAME (for target groups the observation does not include). */
export function targetGroupNameFromArn(arn: string): string {
  const m = /:targetgroup\/([^/]+)\//.exec(arn);
  return m?.[1] ?? arn;
}

export function actionArns(actions: readonly Action[]): string[] {
  return actions.flatMap((a) => (a.type === 'forward' ? a.targetGroups.map((g) => g.targetGroupArn) : []));
}

export function loadBalancerArns(o: ObservedLoadBalancer): string[] {
  return o.listeners.flatMap((l) => [
    ...actionArns(l.defaultActions),
    ...l.rules.flatMap((r) => actionArns(r.actions)),
  ]);
}

export function pick<T>(from: Record<string, T>, keys: readonly string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k] as T;
  return out;
}

export function immutableDifferences(
  o: ObservedTargetGroup,
  tg: DesiredTargetGroup,
): { before: Partial<TargetGroupSpec>; after: Partial<TargetGroupSpec> } {
  const before: Partial<TargetGroupSpec> = {};
  const after: Partial<TargetGroupSpec> = {};
  if ((o.protocol ?? null) !== (tg.protocol ?? null)) {
    before.protocol = o.protocol;
    after.protocol = tg.protocol;
  }
  if ((o.port ?? null) !== (tg.port ?? null)) {
    before.port = o.port;
    after.port = tg.port;
  }
  if ((o.vpcId ?? null) !== (tg.vpc ?? null)) {
    before.vpc = o.vpcId;
    after.vpc = tg.vpc;
  }
  if (o.targetType !== tg.targetType) {
    before.targetType = o.targetType;
    after.targetType = tg.targetType;
  }
  return { before, after };
}

const HEALTH_CHECK_FIELDS: ReadonlyArray<keyof HealthCheck> = [
  'enabled',
  'protocol',
  'port',
  'path',
  'intervalSeconds',
  'timeoutSeconds',
  'healthyThreshold',
  'unhealthyThreshold',
  'matcher',
];

export function healthCheckDiff(
  want: HealthCheckSpec,
  have: HealthCheck,
): { before: HealthCheckSpec; after: HealthCheckSpec } | undefined {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of HEALTH_CHECK_FIELDS) {
    const w = want[k];
    if (w === undefined) continue;
    if (String(w) !== String(have[k])) {
      before[k] = have[k];
      after[k] = w;
    }
  }
  return Object.keys(after).length > 0
    ? { before: before as HealthCheckSpec, after: after as HealthCheckSpec }
    : undefined;
}
