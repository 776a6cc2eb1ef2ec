/**
 * `elbctl metrics LB.. [--all]`: a load balancer's CloudWatch metrics as a table with sparklines,
 * line charts (--chart) or JSON, optionally refreshed (--watch). Every series of one command comes
 * from as few GetMetricData calls as possible: all scopes share calls of up to 500 queries.
 */
import type { CloudWatchGateway } from '../aws/cloudwatch';
import type { Elbv2Gateway } from '../aws/elbv2/gateway';
import type { Context } from './context';
import { isElbctlError, Problems, usageError } from '../core/errors';
import {
  alignWindow,
  checkPeriod,
  choosePeriod,
  MAX_QUERIES_PER_CALL,
  parsePeriod,
  resolveWindow,
  type Window,
  type WindowFlags,
} from '../core/metrics/window';
import { assembleScope, type ScopeOutcome } from '../core/metrics/results';
import {
  buildQueryGroup,
  planCalls,
  selectSeries,
  type MetricDataResponse,
  type MetricScope,
  type NamedArn,
  type QueryGroup,
  type QueryResult,
  type SeriesSpec,
} from '../core/metrics/queries';
import { metricNameProblem, parseStat } from '../core/metrics/catalog';
import type { LoadBalancer, TargetGroup } from '../core/model';
import { parseInteger } from '../core/rules/values';
import type { Result } from '../ui/render';
import { dataOf, reportGaps, viewOf } from './metrics/views';
import { watch } from './metrics/watch';

export interface MetricsOptions {
  lb?: string[] | undefined;
  all?: boolean | undefined;
  targetGroup?: string | undefined;
  since?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  period?: string | undefined;
  metric?: string[] | undefined;
  stat?: string[] | undefined;
  chart?: boolean | undefined;
  watch?: string | undefined;
}

export const MIN_WATCH_SECONDS = 10;
export const MAX_WATCH_SECONDS = 3600;

export interface ValidMetrics {
  refs: string[];
  all: boolean;
  targetGroup?: string | undefined;
  windowFlags: WindowFlags;
  window: Window;
  period: number;
  metrics?: string[] | undefined;
  stats?: string[] | undefined;
  chart: boolean;
  watchSeconds?: number | undefined;
  warnings: string[];
}

function validate(opts: MetricsOptions, now: Date): ValidMetrics {
  const problems = new Problems();
  const warnings: string[] = [];
  const refs = [...new Set((opts.lb ?? []).map((r) => r.trim()).filter(Boolean))];
  const all = opts.all === true;
  if (refs.length === 0 && !all)
    problems.add(
      'E_METRICS',
      'metrics: name at least one load balancer, or pass --all for every load balancer in the region',
    );
  if (refs.length > 0 && all)
    problems.add('E_METRICS', `metrics: --all and load balancer names (${refs.join(', ')}): give one or the other`);
  if (opts.targetGroup !== undefined && opts.targetGroup.trim() === '')
    problems.add('E_METRICS', '--target-group "": name a target group (name or ARN)');

  const metrics = opts.metric?.map((m) => m.trim());
  for (const m of metrics ?? []) {
    const p = metricNameProblem(m);
    if (p) problems.add('E_METRICS', p);
  }
  const stats: string[] = [];
  for (const raw of opts.stat ?? []) {
    const parsed = parseStat(raw);
    if ('problem' in parsed) problems.add('E_METRICS', parsed.problem);
    else if (!stats.includes(parsed.stat)) stats.push(parsed.stat);
  }

  let watchSeconds: number | undefined;
  if (opts.watch !== undefined) {
    watchSeconds = parseInteger(opts.watch);
    if (watchSeconds === undefined || watchSeconds < MIN_WATCH_SECONDS || watchSeconds > MAX_WATCH_SECONDS) {
      problems.add(
        'E_METRICS',
        `--watch "${opts.watch}": must be a whole number of seconds from ${MIN_WATCH_SECONDS} to ${MAX_WATCH_SECONDS}`,
      );
    }
    if (opts.start !== undefined || opts.end !== undefined) {
      problems.add('E_METRICS', '--watch follows the latest --since window; drop --start and --end');
    }
  }

  const windowFlags: WindowFlags = { since: opts.since, start: opts.start, end: opts.end };
  const resolved = resolveWindow(windowFlags, now);
  let period: number | undefined;
  if ('problems' in resolved) problems.addMessages('E_METRICS', resolved.problems);
  if (opts.period !== undefined) {
    const parsed = parsePeriod(opts.period);
    if ('problem' in parsed) problems.add('E_METRICS', parsed.problem);
    else period = parsed.period;
  }
  if ('window' in resolved) {
    if (period === undefined) period = choosePeriod(resolved.window, now);
    else {
      const check = checkPeriod(period, resolved.window, now);
      problems.addMessages('E_METRICS', check.problems);
      warnings.push(...check.warnings);
    }
  }
  problems.throwIfAny();
  return {
    refs,
    all,
    targetGroup: opts.targetGroup?.trim(),
    windowFlags,
    window: (resolved as { window: Window }).window,
    period: period as number,
    metrics: metrics?.length ? metrics : undefined,
    stats: stats.length ? stats : undefined,
    chart: opts.chart === true,
    watchSeconds,
    warnings,
  };
}

// ------------------------------------------------------------------ resolve

interface Resolved {
  scopes: MetricScope[];
  series: SeriesSpec[][];
}

const named = (x: { name: string; arn: string }): NamedArn => ({ name: x.name, arn: x.arn });

async function resolve(valid: ValidMetrics, ctx: Context, elbv2: Elbv2Gateway): Promise<Resolved | undefined> {
  const targetGroup: TargetGroup | undefined = valid.targetGroup
    ? await elbv2.getTargetGroup(valid.targetGroup)
    : undefined;
  let lbs: LoadBalancer[];
  if (valid.all) {
    lbs = (await elbv2.listLoadBalancers()).sort((a, b) => a.name.localeCompare(b.name));
    if (targetGroup) lbs = lbs.filter((lb) => targetGroup.loadBalancers.includes(lb.arn));
  } else {
    lbs = await elbv2.getLoadBalancers(valid.refs);
  }
  if (lbs.length === 0) return undefined;

  const problems = new Problems();
  const warnings = new Set<string>();
  const series = lbs.map((lb) => {
    if (targetGroup && !targetGroup.loadBalancers.includes(lb.arn)) {
      problems.add(
        'E_METRICS',
        `--target-group ${targetGroup.name}: load balancer "${lb.name}" does not forward to it; \`elbctl tg list --lb ${lb.name}\` shows the ones it does`,
      );
    }
    const selection = selectSeries(lb.type, {
      metrics: valid.metrics,
      stats: valid.stats,
      targetGroup: targetGroup !== undefined,
    });
    problems.addMessages('E_METRICS', selection.problems);
    for (const w of selection.warnings) warnings.add(w);
    return selection.series;
  });
  // One message per problem, even when several load balancers share it.
  const unique = new Problems();
  unique.addMessages('E_METRICS', [...new Set(problems.list.map((p) => p.message))]);
  unique.throwIfAny();
  for (const w of warnings) ctx.progress.warn(w);

  const needsGroups = !targetGroup && series.some((list) => list.some((s) => s.publication === 'tg-sum'));
  const groupsOf = needsGroups ? await targetGroupsByLoadBalancer(elbv2, lbs) : undefined;
  const scopes = lbs.map(
    (lb): MetricScope => ({
      loadBalancer: { ...named(lb), type: lb.type },
      ...(targetGroup ? { targetGroup: named(targetGroup) } : {}),
      ...(groupsOf ? { loadBalancerTargetGroups: groupsOf.get(lb.arn) ?? [] } : {}),
    }),
  );
  return { scopes, series };
}

/** The target groups a load balancer uses; none when it has none (some endpoints answer "not found" then). */
async function targetGroupsOf(elbv2: Elbv2Gateway, loadBalancerArn: string): Promise<TargetGroup[]> {
  try {
    return await elbv2.listTargetGroups({ loadBalancerArn });
  } catch (e) {
    if (isElbctlError(e) && e.kind === 'not-found') return [];
    throw e;
  }
}

/** Per load balancer: one DescribeTargetGroups each for a few, else one listing of every target group. */
async function targetGroupsByLoadBalancer(
  elbv2: Elbv2Gateway,
  lbs: readonly LoadBalancer[],
): Promise<Map<string, NamedArn[]>> {
  const out = new Map<string, NamedArn[]>();
  if (lbs.length <= 5) {
    const lists = await Promise.all(lbs.map((lb) => targetGroupsOf(elbv2, lb.arn)));
    lbs.forEach((lb, i) => {
      out.set(
        lb.arn,
        (lists[i] ?? []).map(named).sort((a, b) => a.name.localeCompare(b.name)),
      );
    });
    return out;
  }
  const every = (await elbv2.listTargetGroups()).sort((a, b) => a.name.localeCompare(b.name));
  for (const lb of lbs) out.set(lb.arn, every.filter((tg) => tg.loadBalancers.includes(lb.arn)).map(named));
  return out;
}

// ------------------------------------------------------------------ read

function buildGroups(resolved: Resolved, period: number): QueryGroup[] {
  const groups = resolved.scopes.map((scope, i) => buildQueryGroup(scope, i, resolved.series[i] ?? [], period));
  const tooBig = groups.find((g) => g.queries.length > MAX_QUERIES_PER_CALL);
  if (tooBig) {
    throw usageError(
      'E_TOO_MANY_SERIES',
      `metrics: load balancer "${tooBig.scope.loadBalancer.name}" needs ${tooBig.queries.length} queries, more than one GetMetricData call takes (${MAX_QUERIES_PER_CALL}); ask for fewer --metric or --stat values`,
    );
  }
  return groups;
}

async function read(
  cloudwatch: CloudWatchGateway,
  groups: readonly QueryGroup[],
  window: Window,
  period: number,
): Promise<ScopeOutcome[]> {
  const results = new Map<string, QueryResult>();
  const unavailable = new Map<string, string>();
  // Calls run one after another: they are few, and CloudWatch throttles bursts.
  for (const call of planCalls(groups)) {
    const response = await cloudwatch.getMetricData(call, window);
    for (const [id, r] of response.results) results.set(id, r);
    for (const [id, why] of response.unavailable) unavailable.set(id, why);
  }
  const response: MetricDataResponse = { results, unavailable };
  return groups.map((g) => assembleScope(g, response, window, period));
}

// ------------------------------------------------------------------ run

export async function run(opts: MetricsOptions, ctx: Context): Promise<Result> {
  const valid = validate(opts, ctx.clock.now());
  for (const w of valid.warnings) ctx.progress.warn(w);
  const { elbv2, cloudwatch } = await ctx.aws();
  const resolved = await resolve(valid, ctx, elbv2);
  if (!resolved) {
    const text = valid.targetGroup
      ? `no load balancer forwards to target group "${valid.targetGroup}"`
      : 'no load balancers in this region';
    return { data: [], view: { kind: 'message', text } };
  }
  const groups = buildGroups(resolved, valid.period);
  const readNow = (window: Window) => read(cloudwatch, groups, window, valid.period);

  if (valid.watchSeconds !== undefined) return watch(ctx, valid, readNow);

  const outcomes = await readNow(alignWindow(valid.window, valid.period));
  reportGaps(ctx, outcomes);
  return { data: dataOf(outcomes, valid), view: viewOf(outcomes, valid, ctx) };
}
