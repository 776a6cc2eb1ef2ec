/** Checks of the health check and of the targets' health, with the reason codes AWS reports. */
import type { LoadBalancerType, TargetHealth } from '../model';
import {
  type CheckContext,
  healthCheckPort,
  list,
  modifyTargetGroup,
  plural,
  targetLabel,
  withArticle,
} from './check-context';
import type { Check, DoctorFacts } from './facts';

const RANGE = /^(\d{1,3})(?:-(\d{1,3}))?$/;

/** The codes a matcher admits, or undefined when it is malformed. */
function matcherCodes(matcher: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const part of matcher.split(',')) {
    const m = RANGE.exec(part.trim());
    if (!m) return undefined;
    const low = Number(m[1]);
    const high = m[2] === undefined ? low : Number(m[2]);
    if (high < low) return undefined;
    out.push([low, high]);
  }
  return out;
}

/** Health check: consistent with the target group, and the codes the targets answer fit the matcher. */
export function healthCheckCheck(ctx: CheckContext, type: LoadBalancerType): Check {
  const tg = ctx.tgf.targetGroup;
  const hc = tg.healthCheck;
  const name = ctx.name('health-check');
  if (!hc.enabled) {
    if (tg.targetType === 'lambda')
      return { name, status: 'pass', detail: 'health checks are off (allowed for lambda targets)', fix: null };
    return {
      name,
      status: 'fail',
      detail: 'health checks are off, which only lambda target groups allow',
      fix: modifyTargetGroup(tg, ['--health-check-enabled']),
    };
  }
  const problems: string[] = [];
  const warnings: string[] = [];
  const flags: string[] = [];
  const protocol = hc.protocol ?? tg.protocol ?? (tg.targetType === 'lambda' ? 'HTTP' : 'TCP');
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  const allowed = type === 'application' ? ['HTTP', 'HTTPS'] : ['TCP', 'HTTP', 'HTTPS'];
  if (!allowed.includes(protocol)) {
    problems.push(
      `protocol ${protocol} cannot health-check ${withArticle(type)} load balancer's targets (use ${allowed.join(' or ')})`,
    );
    flags.push(`--health-check-protocol ${allowed[0]}`);
  } else if (protocol === 'HTTPS' && tg.protocol === 'HTTP') {
    warnings.push(
      'health checks use HTTPS while the targets serve HTTP: they must also answer TLS on the health-check port',
    );
  }
  if (hc.port !== undefined && hc.port !== 'traffic-port') {
    const n = Number(hc.port);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      problems.push(`port "${hc.port}" is not traffic-port or a port from 1 to 65535`);
      flags.push('--health-check-port traffic-port');
    }
  }
  if (http) {
    if (!hc.path?.startsWith('/')) {
      problems.push(`path "${hc.path ?? ''}" must start with /`);
      flags.push('--health-check-path /');
    }
    if (hc.matcher !== undefined) {
      const codes = matcherCodes(hc.matcher);
      const grpc = codes?.every(([, high]) => high <= 99);
      const [low, high] = type === 'application' ? [200, 499] : [200, 599];
      if (!codes || (!grpc && codes.some(([a, b]) => a < low || b > high))) {
        problems.push(`matcher "${hc.matcher}" must be HTTP codes from ${low} to ${high} (e.g. 200 or 200-299)`);
        flags.push('--matcher HttpCode=200-299');
      }
    }
  }
  if (hc.timeoutSeconds !== undefined && hc.intervalSeconds !== undefined && hc.timeoutSeconds >= hc.intervalSeconds) {
    problems.push(`timeout ${hc.timeoutSeconds} s is not shorter than the interval ${hc.intervalSeconds} s`);
    flags.push(`--health-check-timeout-seconds ${Math.max(2, Math.min(hc.intervalSeconds - 1, 5))}`);
  }
  for (const [what, value, flag] of [
    ['healthy threshold', hc.healthyThreshold, '--healthy-threshold-count'],
    ['unhealthy threshold', hc.unhealthyThreshold, '--unhealthy-threshold-count'],
  ] as const) {
    if (value !== undefined && (value < 2 || value > 10)) {
      problems.push(`${what} ${value} is outside 2-10`);
      flags.push(`${flag} ${Math.min(10, Math.max(2, value))}`);
    }
  }
  // What the targets actually answer: "Health checks failed with these codes: [302]".
  const answered = new Set<string>();
  for (const t of ctx.tgf.health) {
    if (t.reason !== 'Target.ResponseCodeMismatch') continue;
    const m = /\[([^\]]*)\]/.exec(t.description ?? '');
    for (const code of (m?.[1] ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean))
      answered.add(code);
  }
  if (answered.size > 0) {
    const codes = [...answered].sort();
    problems.push(`targets answer ${list(codes)} at ${hc.path ?? '/'}, outside the matcher ${hc.matcher ?? '200'}`);
    const redirects = codes.every((c) => c.startsWith('3'));
    flags.push(redirects ? '--matcher HttpCode=200-399' : '--health-check-path /<a path that answers 200>');
  }
  const summary = http
    ? `${protocol} ${hc.path ?? '/'} on ${hc.port ?? 'traffic-port'}, matcher ${hc.matcher ?? '200'}, every ${hc.intervalSeconds ?? 30} s (timeout ${hc.timeoutSeconds ?? '-'} s)`
    : `${protocol} on ${hc.port ?? 'traffic-port'}, every ${hc.intervalSeconds ?? 30} s (timeout ${hc.timeoutSeconds ?? '-'} s)`;
  if (problems.length > 0) {
    return {
      name,
      status: 'fail',
      detail: `${summary}: ${problems.join('; ')}`,
      fix: modifyTargetGroup(tg, [...new Set(flags)]),
    };
  }
  if (warnings.length > 0) return { name, status: 'warn', detail: `${summary}: ${warnings.join('; ')}`, fix: null };
  return { name, status: 'pass', detail: summary, fix: null };
}

/** Where a target group is used: `web:443 default action`, `web:443 rule 10 (weight 0)`. */
const PROBLEM_STATES = new Set(['unhealthy', 'unused', 'unhealthy.draining']);
const WAIT_STATES = new Set(['initial', 'draining', 'unavailable']);

/** Which other check explains a health reason, when that check failed. */
const REASON_CHECKS: Record<string, string[]> = {
  'Target.Timeout': ['traffic-port', 'health-check-port', 'health-check'],
  'Target.FailedHealthChecks': ['traffic-port', 'health-check-port', 'health-check'],
  'Target.ResponseCodeMismatch': ['health-check'],
  'Target.NotInUse': ['in-use', 'zones'],
  'Target.InvalidState': ['instance-state'],
  'Target.IpUnusable': ['ip-in-vpc'],
};

/** Target health: the symptom. Its fix points at the failing checks that explain it, or at a probe of the app. */
export function targetHealthCheck(ctx: CheckContext, others: readonly Check[], facts: DoctorFacts): Check {
  const tg = ctx.tgf.targetGroup;
  const name = ctx.name('target-health');
  const health = ctx.tgf.health;
  if (health.length === 0) {
    return {
      name,
      status: 'fail',
      detail: 'no targets registered',
      fix: `elbctl targets register ${tg.name} ID[:PORT] ..`,
    };
  }
  const bad = health.filter((t) => PROBLEM_STATES.has(t.state));
  const waiting = health.filter((t) => WAIT_STATES.has(t.state));
  const describe = (t: TargetHealth) => `${targetLabel(t)} ${t.state}${t.reason ? ` (${t.reason})` : ''}`;
  if (bad.length === 0 && waiting.length === 0) {
    return { name, status: 'pass', detail: `all ${plural(health.length, 'target')} healthy`, fix: null };
  }
  if (bad.length === 0) {
    return {
      name,
      status: 'warn',
      detail: `${list(waiting.map(describe))}; ${health.length - waiting.length} of ${health.length} healthy`,
      fix: null,
    };
  }
  const failing = others.filter((c) => c.status === 'fail').map((c) => c.name);
  const related = new Set(bad.flatMap((t) => REASON_CHECKS[t.reason ?? ''] ?? []));
  const explaining = failing.filter((n) => related.has(n.split('/')[1]?.split('@')[0] ?? ''));
  let fix: string;
  if (explaining.length > 0) fix = `fix ${list(explaining)} (below)`;
  else if (failing.length > 0) fix = `fix ${list(failing)} (below), then check again`;
  else {
    const t = bad[0] as TargetHealth;
    const ip = tg.targetType === 'instance' ? facts.instances.find((i) => i.id === t.id)?.privateIp : t.id;
    const port = healthCheckPort(tg, t) ?? tg.port;
    const protocol = tg.healthCheck.protocol ?? tg.protocol;
    const probe =
      protocol === 'HTTP' || protocol === 'HTTPS'
        ? `curl -sS -m 5 -o /dev/null -w '%{http_code}\\n' ${protocol.toLowerCase()}://${ip ?? 'TARGET-IP'}:${port}${tg.healthCheck.path ?? '/'}`
        : `nc -zv -w 5 ${ip ?? 'TARGET-IP'} ${port}`;
    fix = `no configuration cause found: check that the application answers the health check, from an instance in the VPC: ${probe}`;
  }
  return {
    name,
    status: 'fail',
    detail: `${bad.length} of ${plural(health.length, 'target')} not healthy: ${list(bad.map(describe))}`,
    fix,
  };
}
