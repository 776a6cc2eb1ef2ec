/**
 * The health check flags `tg create` and `tg modify` share (`--health-path`, `--health-interval`, …):
 * their form, read without any AWS call. Whether the check fits its target group is the
 * rulebook's (rules/health-check.ts), judged by each command once it knows the group.
 */
import type { HealthCheck } from '../../core/model';
import { quote } from '../../core/echo';
import {
  HEALTH_CHECK_LIMITS,
  HEALTH_CHECK_PROTOCOLS,
  type HealthCheckInput,
  type HealthCheckProtocol,
} from '../../core/rules/health-check';
import { type Problem, problem } from '../../core/rules/problem';
import { enumValue, MAX_PORT, MIN_PORT, wholeNumber } from '../../core/rules/values';

export interface HealthCheckFlags {
  healthProtocol?: string | undefined;
  healthPort?: string | undefined;
  healthPath?: string | undefined;
  healthInterval?: string | undefined;
  healthTimeout?: string | undefined;
  healthyThreshold?: string | undefined;
  unhealthyThreshold?: string | undefined;
  matcher?: string | undefined;
}

export interface ParsedHealthCheck {
  check: HealthCheckInput;
  problems: Problem[];
  /** The protocol flag parsed (undefined when not given). */
  protocol: { ok: boolean } | undefined;
  /** Neither the interval nor the timeout was itself out of range (so they may be compared). */
  timingsValid: boolean;
}

export function parseHealthCheckFlags(opts: HealthCheckFlags): ParsedHealthCheck {
  const problems: Problem[] = [];
  const number = (what: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = wholeNumber(what, raw, min, max);
    if (n.ok) return n.value;
    problems.push(n.problem);
    return undefined;
  };
  const protocol =
    opts.healthProtocol === undefined
      ? undefined
      : enumValue('health check protocol', opts.healthProtocol, HEALTH_CHECK_PROTOCOLS);
  if (protocol && !protocol.ok) problems.push(protocol.problem);
  let port: number | 'traffic-port' | undefined;
  if (opts.healthPort !== undefined) {
    if (opts.healthPort.trim().toLowerCase() === 'traffic-port') port = 'traffic-port';
    else {
      const n = wholeNumber('health check port', opts.healthPort, MIN_PORT, MAX_PORT);
      if (n.ok) port = n.value;
      else
        problems.push(
          problem('E_RANGE', `health check port ${quote(opts.healthPort)}: use traffic-port or a port from 1 to 65535`),
        );
    }
  }
  const lim = HEALTH_CHECK_LIMITS;
  const check: HealthCheckInput = {
    protocol: protocol?.ok ? protocol.value : undefined,
    port,
    path: opts.healthPath,
    intervalSeconds: number('health check interval', opts.healthInterval, lim.interval.min, lim.interval.max),
    timeoutSeconds: number('health check timeout', opts.healthTimeout, lim.timeout.min, lim.timeout.max),
    healthyThreshold: number(
      'healthy threshold',
      opts.healthyThreshold,
      lim.healthyThreshold.min,
      lim.healthyThreshold.max,
    ),
    unhealthyThreshold: number(
      'unhealthy threshold',
      opts.unhealthyThreshold,
      lim.unhealthyThreshold.min,
      lim.unhealthyThreshold.max,
    ),
    matcher: opts.matcher,
  };
  const timingsValid =
    (opts.healthInterval === undefined || check.intervalSeconds !== undefined) &&
    (opts.healthTimeout === undefined || check.timeoutSeconds !== undefined);
  return { check, problems, protocol, timingsValid };
}

/** The fields given, as AWS reports a health check (the port as text). */
export function healthCheckFields(hc: HealthCheckInput): Partial<HealthCheck> {
  return {
    ...(hc.protocol !== undefined ? { protocol: hc.protocol as HealthCheckProtocol } : {}),
    ...(hc.port !== undefined ? { port: String(hc.port) } : {}),
    ...(hc.path !== undefined ? { path: hc.path } : {}),
    ...(hc.intervalSeconds !== undefined ? { intervalSeconds: hc.intervalSeconds } : {}),
    ...(hc.timeoutSeconds !== undefined ? { timeoutSeconds: hc.timeoutSeconds } : {}),
    ...(hc.healthyThreshold !== undefined ? { healthyThreshold: hc.healthyThreshold } : {}),
    ...(hc.unhealthyThreshold !== undefined ? { unhealthyThreshold: hc.unhealthyThreshold } : {}),
    ...(hc.matcher !== undefined ? { matcher: hc.matcher } : {}),
  };
}
