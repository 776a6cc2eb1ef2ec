/** Health checks: protocol, port, path, matcher and timings, with AWS's defaults for whatever is left out. */
import { quote } from '../echo';
import type { TargetType } from '../model';
import { type Face, type PathSegment, type Problem, problem } from './problem';
import { rangeProblem } from './values';

export const HEALTH_CHECK_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'] as const;
export type HealthCheckProtocol = (typeof HEALTH_CHECK_PROTOCOLS)[number];

export const HEALTH_CHECK_LIMITS = {
  interval: { min: 5, max: 300 },
  timeout: { min: 2, max: 120 },
  healthyThreshold: { min: 2, max: 10 },
  unhealthyThreshold: { min: 2, max: 10 },
} as const;
export const MAX_HEALTH_CHECK_PATH = 1024;

export interface HealthCheckInput {
  enabled?: boolean | undefined;
  protocol?: HealthCheckProtocol | undefined;
  /** `traffic-port` or a port number. */
  port?: number | 'traffic-port' | undefined;
  path?: string | undefined;
  intervalSeconds?: number | undefined;
  timeoutSeconds?: number | undefined;
  healthyThreshold?: number | undefined;
  unhealthyThreshold?: number | undefined;
  matcher?: string | undefined;
}

/** The target group a health check belongs to; protocol undefined for lambda (or when it was itself invalid). */
export interface HealthCheckOwner {
  name: string;
  protocol?: string | undefined;
  targetType: TargetType;
  /** GRPC: the matcher holds gRPC status codes (0-99), not HTTP ones. */
  protocolVersion?: string | undefined;
}

const isHttp = (p: string | undefined) => p === 'HTTP' || p === 'HTTPS';

/** The protocol AWS uses when none is given: HTTP for lambda and alb targets, the group's own for HTTP/HTTPS, else TCP. */
export function defaultHealthCheckProtocol(owner: HealthCheckOwner): HealthCheckProtocol | undefined {
  if (owner.targetType === 'lambda' || owner.targetType === 'alb') return 'HTTP';
  if (owner.protocol === 'HTTP' || owner.protocol === 'HTTPS') return owner.protocol;
  if (owner.protocol === undefined) return undefined;
  return 'TCP';
}

/** AWS's default interval: 35 s for lambda, 30 s otherwise. */
export function defaultInterval(owner: HealthCheckOwner): number {
  return owner.targetType === 'lambda' ? 35 : 30;
}

const WORDS = {
  path: { flags: '--health-path', stack: 'path' },
  matcher: { flags: '--matcher', stack: 'matcher' },
  httpProtocol: { flags: 'pass --health-protocol HTTP', stack: 'set protocol: HTTP' },
  enabled: { flags: '--no-health-check', stack: 'enabled: false' },
  interval: { flags: '--health-interval', stack: 'interval' },
} as const;

/**
 * Every problem with a health check of this target group. Paths name the fields (`timeout`,
 * `path`, …). When the target group's own protocol was invalid, checks that depend on it are
 * skipped: a consequence of a problem already reported is not reported again.
 */
export function healthCheckProblems(hc: HealthCheckInput, owner: HealthCheckOwner, face: Face): Problem[] {
  const problems: Problem[] = [];
  const label = `target group ${quote(owner.name)}`;
  if (hc.enabled === false && owner.targetType !== 'lambda') {
    problems.push(
      problem(
        'E_HEALTH_CHECK',
        `${label}: only lambda target groups can turn health checks off; remove ${WORDS.enabled[face]}`,
        ['enabled'],
      ),
    );
  }
  if (hc.protocol === 'TCP' && isHttp(owner.protocol)) {
    problems.push(
      problem(
        'E_HEALTH_CHECK',
        `${label}: an ${owner.protocol} target group checks health over HTTP or HTTPS; use HTTP or HTTPS`,
        ['protocol'],
      ),
    );
  }
  if (typeof hc.port === 'number') {
    const p = rangeProblem('health check port', hc.port, 1, 65535, ['port']);
    if (p) problems.push(p);
  }
  const protocol = hc.protocol ?? defaultHealthCheckProtocol(owner);
  const http = isHttp(protocol);
  const protocolKnown = protocol !== undefined;
  if (hc.path !== undefined) {
    if (protocolKnown && !http) {
      problems.push(
        problem(
          'E_HEALTH_CHECK',
          `${label}: a ${protocol} health check has no path; remove ${WORDS.path[face]} or ${WORDS.httpProtocol[face]}`,
          ['path'],
        ),
      );
    } else if (!hc.path.startsWith('/')) {
      problems.push(
        problem(
          'E_HEALTH_CHECK',
          `health check path ${quote(hc.path)}: must begin with "/"; write ${quote(`/${hc.path}`)}`,
          ['path'],
        ),
      );
    } else if (hc.path.length > MAX_HEALTH_CHECK_PATH) {
      problems.push(
        problem(
          'E_LIMIT',
          `health check path: is ${hc.path.length} characters, the limit is ${MAX_HEALTH_CHECK_PATH}`,
          ['path'],
        ),
      );
    }
  }
  if (hc.matcher !== undefined) {
    if (protocolKnown && !http) {
      problems.push(
        problem(
          'E_HEALTH_CHECK',
          `${label}: a ${protocol} health check has no matcher; remove ${WORDS.matcher[face]} or ${WORDS.httpProtocol[face]}`,
          ['matcher'],
        ),
      );
    } else {
      const top = isHttp(owner.protocol) || owner.targetType === 'lambda' ? 499 : 599;
      const p = owner.protocolVersion === 'GRPC' ? grpcMatcherProblem(hc.matcher) : matcherProblem(hc.matcher, top);
      if (p) problems.push(p);
    }
  }
  const lim = HEALTH_CHECK_LIMITS;
  const ranges: Array<[string, number | undefined, { min: number; max: number }, string]> = [
    ['health check interval', hc.intervalSeconds, lim.interval, 'interval'],
    ['health check timeout', hc.timeoutSeconds, lim.timeout, 'timeout'],
    ['healthy threshold', hc.healthyThreshold, lim.healthyThreshold, 'healthyThreshold'],
    ['unhealthy threshold', hc.unhealthyThreshold, lim.unhealthyThreshold, 'unhealthyThreshold'],
  ];
  let rangesOk = true;
  for (const [what, v, l, key] of ranges) {
    if (v === undefined) continue;
    const p = rangeProblem(what, v, l.min, l.max, [key]);
    if (p) {
      problems.push(p);
      rangesOk = false;
    }
  }
  // A timeout is judged against the interval, AWS's default one when none is given. (AWS's default
  // timeouts differ by protocol and load balancer type, so an interval alone is not judged.)
  if (rangesOk && hc.timeoutSeconds !== undefined) {
    const interval = hc.intervalSeconds ?? defaultInterval(owner);
    const timeout = hc.timeoutSeconds;
    if (timeout >= interval) {
      const message =
        hc.intervalSeconds !== undefined
          ? `health check timeout "${timeout}": must be less than the interval (${interval}); lower the timeout or raise the interval`
          : `health check timeout "${timeout}": must be less than the interval (${interval} by default); lower the timeout or set a longer ${WORDS.interval[face]}`;
      problems.push(problem('E_HEALTH_CHECK', message, ['timeout']));
    }
  }
  return problems;
}

/** A GRPC target group's success codes (Matcher.GrpcCode): "0", "0,12", "0-99". */
export function grpcMatcherProblem(value: string, path: PathSegment[] = ['matcher']): Problem | undefined {
  for (const part of value.split(',')) {
    const range = part.split('-');
    const [lo, hi] = range.map((r) => Number(r.trim())) as [number, number?];
    const high = hi ?? lo;
    if (range.length > 2 || range.some((r) => !/^\d+$/.test(r.trim())) || lo > high || high > 99) {
      return problem(
        'E_HEALTH_CHECK',
        `health check matcher ${quote(value)}: a GRPC target group takes gRPC codes from 0 to 99, such as 0, 0,12 or 0-99`,
        path,
      );
    }
  }
  return undefined;
}

/** Health-check success codes: "200", "200,202", "200-299"; `top` is 499 behind an application load balancer, 599 behind a network one. */
export function matcherProblem(value: string, top = 499, path: PathSegment[] = ['matcher']): Problem | undefined {
  for (const part of value.split(',')) {
    const range = part.split('-');
    if (range.length > 2 || range.some((r) => !/^\d+$/.test(r.trim()))) {
      return problem(
        'E_HEALTH_CHECK',
        `health check matcher ${quote(value)}: use HTTP codes such as 200, 200,202 or 200-299`,
        path,
      );
    }
    const [lo, hi] = range.map((r) => Number(r)) as [number, number?];
    const high = hi ?? lo;
    if (lo < 200 || high > top || high < lo) {
      return problem(
        'E_HEALTH_CHECK',
        `health check matcher ${quote(value)}: codes must be from 200 to ${top}, low to high`,
        path,
      );
    }
  }
  return undefined;
}
