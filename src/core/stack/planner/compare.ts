/**
 * How the planner compares desired with observed: canonical plan actions and what forces a
 * replacement. (What changes in place is computed by src/core/modify, shared with the commands.)
 */
import { type LeadingSpec, splitActions } from '../../actions';
import type { Action } from '../../model';
import { leadingSpecs, sameLeading } from '../action-files';
import type { Attributes, DesiredTargetGroup, ObservedLoadBalancer, ObservedTargetGroup } from '../model';
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

/**
 * Whether the live action is the declared one. A forward declared with `weights: external` is the
 * same whatever its weights and group stickiness, as long as it forwards only to groups the file
 * lists (a finished shift forwards to one of them alone).
 */
export function sameAction(a: PlanAction, b: PlanAction): boolean {
  const external = [a, b].find((x) => x.type === 'forward' && x.externalWeights === true);
  if (external?.type === 'forward') {
    const other = external === a ? b : a;
    if (other.type !== 'forward') return false;
    const declared = new Set(external.targets.map((t) => t.targetGroup));
    return other.targets.every((t) => declared.has(t.targetGroup));
  }
  return canonicalAction(a) === canonicalAction(b);
}

/**
 * The forward to write when a `weights: external` forward must change (a target group added or
 * removed): the live weights and stickiness kept for the groups it still lists, the file's for
 * a new one. The file's own weights when that would send nothing anywhere.
 */
export function keepExternalWeights(desired: PlanAction, live: PlanAction): PlanAction {
  if (desired.type !== 'forward' || !desired.externalWeights || live.type !== 'forward') return desired;
  const liveWeights = new Map(live.targets.map((t) => [t.targetGroup, t.weight ?? 1]));
  const targets = desired.targets.map((t) => {
    const w = liveWeights.get(t.targetGroup);
    return w === undefined ? t : { ...t, weight: w };
  });
  if (targets.length > 1 && targets.every((t) => (t.weight ?? 1) === 0)) return desired;
  return {
    ...desired,
    targets,
    ...(live.stickinessSeconds !== undefined ? { stickinessSeconds: live.stickinessSeconds } : {}),
  };
}

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

/** What an HTTP/HTTPS target group speaks when nothing says (HTTP1); nothing for other protocols. */
const protocolVersionOf = (protocol: string | undefined, version: string | undefined): string | undefined =>
  version ?? (protocol === 'HTTP' || protocol === 'HTTPS' ? 'HTTP1' : undefined);

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
  if (protocolVersionOf(o.protocol, o.protocolVersion) !== protocolVersionOf(tg.protocol, tg.protocolVersion)) {
    before.protocolVersion = protocolVersionOf(o.protocol, o.protocolVersion);
    after.protocolVersion = protocolVersionOf(tg.protocol, tg.protocolVersion);
  }
  // No call changes it (ModifyTargetGroup has no TargetControlPort); compared only when the file gives it.
  if (tg.targetControlPort !== undefined && o.targetControlPort !== tg.targetControlPort) {
    before.targetControlPort = o.targetControlPort;
    after.targetControlPort = tg.targetControlPort;
  }
  if ((o.ipAddressType ?? 'ipv4') !== (tg.ipAddressType ?? 'ipv4')) {
    before.ipAddressType = o.ipAddressType ?? 'ipv4';
    after.ipAddressType = tg.ipAddressType ?? 'ipv4';
  }
  return { before, after };
}

/**
 * The actions before routing, when the file declares them and they differ from the live ones:
 * `before` the live ones (an OIDC one without its secret), `after` the file's. With
 * `rotateSecrets`, declared OIDC actions count as changed (their secrets cannot be compared).
 */
export function declaredLeadingChange(
  live: readonly Action[],
  declared: LeadingSpec[] | undefined,
  rotateSecrets = false,
): { before: { authenticate?: LeadingSpec[] }; after: { authenticate?: LeadingSpec[] } } {
  if (declared === undefined) return { before: {}, after: {} };
  const current = leadingSpecs(splitActions(live).leading);
  // Rotating sends every declared OIDC action again, with the secret from its variable.
  const rotate = rotateSecrets && declared.some((a) => a.type === 'authenticate-oidc');
  if (!rotate && sameLeading(current, declared)) return { before: {}, after: {} };
  return { before: { authenticate: current }, after: { authenticate: declared } };
}

/**
 * The declared attributes whose live value differs, and those live values. A key the endpoint
 * leaves out counts as AWS's default for it (`defaultOf`; the emulator omits
 * drop_invalid_header_fields and others until set), as export reads it: "absent" is one thing.
 * `live` undefined: a resource about to be created, so every declared key is sent.
 */
export function attributeDifferences(
  desired: Attributes,
  live: Attributes | undefined,
  defaultOf: (key: string) => string | undefined,
): { changed: string[]; before: Attributes } {
  if (live === undefined) return { changed: Object.keys(desired), before: {} };
  const before: Attributes = {};
  const changed = Object.keys(desired).filter((k) => {
    const now = live[k] ?? defaultOf(k);
    if (now === desired[k]) return false;
    if (now !== undefined) before[k] = now;
    return true;
  });
  return { changed, before };
}
