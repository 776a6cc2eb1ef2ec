/**
 * The guard language of `elbctl shift --guard`: what each guard reads and how its threshold is
 * written. Parsing only; which guards a load balancer type takes is the rulebook's
 * (rules/shift.ts), and evaluating them is evaluate.ts.
 *
 *   error-rate<1%     HTTPCode_Target_5XX_Count ÷ RequestCount of the --to target group
 *   p99<800ms         TargetResponseTime percentile of the --to target group (p50 … p99.99; ms or s)
 *   unhealthy<1       UnHealthyHostCount (Maximum) of the --to target group
 *   elb-5xx<10        HTTPCode_ELB_5XX_Count of the whole load balancer (it has no per-group figure)
 *   target-resets<50  TCP_Target_Reset_Count of the whole network load balancer
 *   alarm:NAME        fails while that CloudWatch alarm is in ALARM
 */
import { quote } from '../echo';
import { type Problem, problem } from '../rules/problem';

export type GuardKind = 'error-rate' | 'latency' | 'unhealthy' | 'elb-5xx' | 'target-resets' | 'alarm';
export type GuardUnit = '%' | 's' | 'count';
type Operator = '<' | '<=';

interface GuardBase {
  kind: GuardKind;
  /** The guard written the one way elbctl writes it (what results, events and the record show). */
  text: string;
}

export interface MetricGuard extends GuardBase {
  kind: Exclude<GuardKind, 'alarm'>;
  operator: Operator;
  /** In the guard's unit: percent for error-rate, seconds for a latency, a count otherwise. */
  threshold: number;
  unit: GuardUnit;
  /** `p99`, `p99.9`: the CloudWatch extended statistic of a latency guard. */
  percentile?: string | undefined;
}

interface AlarmGuard extends GuardBase {
  kind: 'alarm';
  alarmName: string;
}

export type Guard = MetricGuard | AlarmGuard;

/** Guards that judge a share of the requests, so they wait for --min-requests before judging. */
export const needsRequests = (g: Guard): boolean => g.kind === 'error-rate' || g.kind === 'latency';

/** Whether a value passes a metric guard. */
export const passes = (g: MetricGuard, value: number): boolean =>
  g.operator === '<' ? value < g.threshold : value <= g.threshold;

/** CloudWatch alarm names: 1-255 characters, no control characters. */
const MAX_ALARM_NAME = 255;
const CONTROL = /\p{Cc}/u;
const NUMBER = '(\\d+(?:\\.\\d+)?)';
const METRIC_GUARD = new RegExp(`^([a-z0-9.-]+)\\s*(<=|<)\\s*${NUMBER}\\s*(%|ms|s)?$`, 'i');
const PERCENTILE = /^p(\d{1,3}(?:\.\d{1,2})?)$/i;

const EXAMPLES = 'error-rate<1%, p99<800ms, unhealthy<1, elb-5xx<10, target-resets<50 or alarm:NAME';

/** Trims a number's text to what it means: `1.50` → `1.5`. */
const numberText = (n: number): string => String(Number(n.toFixed(6)));

function bad(raw: string, why: string): Problem {
  return problem('E_FORMAT', `guard ${quote(raw)}: ${why}`, ['guard']);
}

/** `--guard` text → a guard, or the problem with it. Names are read in any case. */
export function parseGuard(raw: string): { ok: true; guard: Guard } | { ok: false; problem: Problem } {
  const text = raw.trim();
  if (/^alarm:/i.test(text)) {
    const alarmName = text.slice('alarm:'.length);
    if (alarmName.length === 0) return { ok: false, problem: bad(raw, 'names no alarm; write alarm:NAME') };
    if (alarmName.length > MAX_ALARM_NAME || CONTROL.test(alarmName)) {
      return {
        ok: false,
        problem: bad(raw, `not a CloudWatch alarm name (1-${MAX_ALARM_NAME} characters, no control characters)`),
      };
    }
    return { ok: true, guard: { kind: 'alarm', text: `alarm:${alarmName}`, alarmName } };
  }
  const m = METRIC_GUARD.exec(text);
  if (!m) return { ok: false, problem: bad(raw, `not a guard; write one of ${EXAMPLES}`) };
  const name = (m[1] as string).toLowerCase();
  const operator = m[2] as Operator;
  const value = Number(m[3]);
  const unit = (m[4] ?? '').toLowerCase();
  const guard = (g: Omit<MetricGuard, 'text' | 'operator'>, shown: string): { ok: true; guard: Guard } => ({
    ok: true,
    guard: { ...g, operator, text: `${g.percentile ?? g.kind}${operator}${shown}` },
  });
  const impossible = operator === '<' && value === 0;

  if (name === 'error-rate') {
    if (unit !== '%')
      return { ok: false, problem: bad(raw, `an error rate is a percentage; write error-rate${operator}${m[3]}%`) };
    if (value > 100) return { ok: false, problem: bad(raw, 'an error rate is at most 100%') };
    if (impossible)
      return { ok: false, problem: bad(raw, 'no error rate is below 0%; write error-rate<=0% to allow none') };
    return guard({ kind: 'error-rate', threshold: value, unit: '%' }, `${numberText(value)}%`);
  }
  const percentile = PERCENTILE.exec(name);
  if (percentile) {
    const p = Number(percentile[1]);
    if (p <= 0 || p >= 100) return { ok: false, problem: bad(raw, 'a percentile is between p0 and p100, e.g. p99') };
    if (unit !== 'ms' && unit !== 's') {
      return {
        ok: false,
        problem: bad(raw, `a response time needs its unit; write ${name}${operator}${m[3]}ms or ${m[3]}s`),
      };
    }
    if (impossible) return { ok: false, problem: bad(raw, 'no response time is below 0') };
    const seconds = unit === 'ms' ? value / 1000 : value;
    return guard(
      { kind: 'latency', threshold: seconds, unit: 's', percentile: `p${numberText(p)}` },
      `${numberText(value)}${unit}`,
    );
  }
  const counted: Record<string, MetricGuard['kind']> = {
    unhealthy: 'unhealthy',
    'elb-5xx': 'elb-5xx',
    'target-resets': 'target-resets',
  };
  const kind = counted[name];
  if (kind === undefined) return { ok: false, problem: bad(raw, `unknown guard "${m[1]}"; write one of ${EXAMPLES}`) };
  if (unit !== '')
    return { ok: false, problem: bad(raw, `${kind} counts, it takes no unit; write ${kind}${operator}${m[3]}`) };
  if (!Number.isInteger(value)) return { ok: false, problem: bad(raw, `${kind} counts; use a whole number`) };
  if (impossible) return { ok: false, problem: bad(raw, `no count is below 0; write ${kind}<1 to allow none`) };
  return guard({ kind, threshold: value, unit: 'count' }, String(value));
}

/** Every --guard, parsed: the guards, and every problem at once (a guard given twice is one). */
export function parseGuards(raws: readonly string[]): { guards: Guard[]; problems: Problem[] } {
  const guards: Guard[] = [];
  const problems: Problem[] = [];
  for (const raw of raws) {
    const r = parseGuard(raw);
    if (!r.ok) {
      problems.push(r.problem);
      continue;
    }
    if (guards.some((g) => g.text === r.guard.text)) {
      problems.push(
        problem('E_DUPLICATE', `guard ${quote(r.guard.text)}: given twice; give each guard once`, ['guard']),
      );
      continue;
    }
    guards.push(r.guard);
  }
  return { guards, problems };
}

/** A value in a guard's unit, as people read it: `0.42%`, `0.35s`, `3`. */
export function formatGuardValue(unit: GuardUnit, value: number): string {
  switch (unit) {
    case '%':
      return `${numberText(Number(value.toFixed(2)))}%`;
    case 's':
      return value < 1 ? `${Math.round(value * 1000)}ms` : `${numberText(Number(value.toFixed(3)))}s`;
    case 'count':
      return numberText(value);
  }
}
