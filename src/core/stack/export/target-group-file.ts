/**
 * A live target group's health check and attributes in a stack file's words, for `elbctl export`:
 * only what differs from AWS's own defaults (left out, a field is not compared, so it is never
 * changed); attributes the rulebook does not know or would refuse go verbatim under raw, with a warning.
 */
import { checkTargetGroupAttributes, targetGroupAttributeDefault } from '../../rules/attributes';
import { CROSS_ZONE_ATTRIBUTE } from '../../cross-zone';
import {
  grpcMatcherProblem,
  HEALTH_CHECK_PROTOCOLS,
  healthCheckProblems,
  matcherProblem,
} from '../../rules/health-check';
import { ALGORITHMS } from '../../rules/target-group';
import { ALGORITHM_ATTRIBUTE, DEREGISTRATION_DELAY_ATTRIBUTE, isHttpProtocol } from '../defaults';
import type { ObservedTargetGroup } from '../model';
import type { HealthCheckFile, TargetGroupFile } from '../schema';
import { attributesFile } from './attributes-file';
import { healthCheckDefaults } from './aws-defaults';
import { numeric, stickinessFile } from './file-values';

export function healthCheckFile(tg: ObservedTargetGroup, warnings: string[]): HealthCheckFile {
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
    const problem = healthCheckProblems({ path: hc.path }, { ...tg, protocol: undefined }, 'stack')[0];
    if (problem) warnings.push(`${label}: health check path not exported, ${problem.message}`);
    else out.path = hc.path;
  }
  const timings = {
    interval: hc.intervalSeconds !== defaults.intervalSeconds ? hc.intervalSeconds : undefined,
    timeout: hc.timeoutSeconds !== defaults.timeoutSeconds ? hc.timeoutSeconds : undefined,
    healthyThreshold: hc.healthyThreshold !== defaults.healthyThreshold ? hc.healthyThreshold : undefined,
    unhealthyThreshold: hc.unhealthyThreshold !== defaults.unhealthyThreshold ? hc.unhealthyThreshold : undefined,
  };
  const timingProblems = healthCheckProblems(
    {
      intervalSeconds: timings.interval,
      timeoutSeconds: timings.timeout,
      healthyThreshold: timings.healthyThreshold,
      unhealthyThreshold: timings.unhealthyThreshold,
    },
    tg,
    'stack',
  );
  if (timingProblems.length > 0) {
    // Left out, these are not compared: the live values stay as they are.
    warnings.push(`${label}: health check timings not exported, ${timingProblems.map((p) => p.message).join('; ')}`);
  } else {
    for (const [k, v] of Object.entries(timings)) if (v !== undefined) out[k as keyof typeof timings] = v;
  }
  if (httpCheck && hc.matcher !== undefined && hc.matcher !== defaults.matcher) {
    const problem =
      tg.protocolVersion === 'GRPC'
        ? grpcMatcherProblem(hc.matcher)
        : matcherProblem(hc.matcher, isHttpProtocol(tg.protocol) || tg.targetType === 'lambda' ? 499 : 599);
    if (problem) warnings.push(`${label}: health check matcher not exported, ${problem.message}`);
    else out.matcher = hc.matcher;
  }
  return out;
}

/** The typed attribute fields (crossZone, algorithm, stickiness, deregistrationDelay) and the rest under `attributes`. */
export function targetGroupAttributesFile(tg: ObservedTargetGroup, warnings: string[]): Partial<TargetGroupFile> {
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
  if (algorithm !== undefined && isHttpProtocol(tg.protocol) && (ALGORITHMS as readonly string[]).includes(algorithm)) {
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

  const attributes = attributesFile(
    a,
    {
      what: `target group "${tg.name}"`,
      handled,
      defaultOf: (key) => targetGroupAttributeDefault(key, tg),
      judge: (s) =>
        checkTargetGroupAttributes([s], { name: tg.name, targetType: tg.targetType, protocol: tg.protocol }),
    },
    warnings,
  );
  // Order as the schema: crossZone, algorithm, stickiness, deregistrationDelay, attributes.
  return {
    ...(out.crossZone !== undefined ? { crossZone: out.crossZone } : {}),
    ...(out.algorithm !== undefined ? { algorithm: out.algorithm } : {}),
    ...(out.stickiness !== undefined ? { stickiness: out.stickiness } : {}),
    ...(out.deregistrationDelay !== undefined ? { deregistrationDelay: out.deregistrationDelay } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}
