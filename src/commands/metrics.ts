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
import { assembleScope, toDocument, type ScopeOutcome, type SeriesOutcome } from '../core/metrics/results';
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
import { formatPeriod, formatValue, formatWindow, resample, summarize } from '../core/metrics/format';
import { metricNameProblem, parseStat } from '../core/metrics/catalog';
import type { LoadBalancer, TargetGroup } from '../core/model';
import { parseInteger } from '../core/validate';
import { LABEL_WIDTH, lineChart, lineCount, redrawPrefix, sparkline } from '../ui/chart';
import { renderJson, renderView, renderYaml, tableView, type Result, type View } from '../ui/render';
import type { Theme } from '../ui/theme';

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
export const SPARKLINE_WIDTH = 24;
/** --watch sleeps in slices this long, so Ctrl-C ends it promptly. */
export const WATCH_SLICE_MS = 250;

interface ValidMetrics {
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
    problems.add('metrics: name at least one load balancer, or pass --all for every load balancer in the region');
  if (refs.length > 0 && all)
    problems.add(`metrics: --all and load balancer names (${refs.join(', ')}): give one or the other`);
  if (opts.targetGroup !== undefined && opts.targetGroup.trim() === '')
    problems.add('--target-group "": name a target group (name or ARN)');

  const metrics = opts.metric?.map((m) => m.trim());
  for (const m of metrics ?? []) {
    const p = metricNameProblem(m);
    if (p) problems.add(p);
  }
  const stats: string[] = [];
  for (const raw of opts.stat ?? []) {
    const parsed = parseStat(raw);
    if ('problem' in parsed) problems.add(parsed.problem);
    else if (!stats.includes(parsed.stat)) stats.push(parsed.stat);
  }

  let watchSeconds: number | undefined;
  if (opts.watch !== undefined) {
    watchSeconds = parseInteger(opts.watch);
    if (watchSeconds === undefined || watchSeconds < MIN_WATCH_SECONDS || watchSeconds > MAX_WATCH_SECONDS) {
      problems.add(
        `--watch "${opts.watch}": must be a whole number of seconds from ${MIN_WATCH_SECONDS} to ${MAX_WATCH_SECONDS}`,
      );
    }
    if (opts.start !== undefined || opts.end !== undefined) {
      problems.add('--watch follows the latest --since window; drop --start and --end');
    }
  }

  const windowFlags: WindowFlags = { since: opts.since, start: opts.start, end: opts.end };
  const resolved = resolveWindow(windowFlags, now);
  let period: number | undefined;
  if ('problems' in resolved) problems.addAll(resolved.problems);
  if (opts.period !== undefined) {
    const parsed = parsePeriod(opts.period);
    if ('problem' in parsed) problems.add(parsed.problem);
    else period = parsed.period;
  }
  if ('window' in resolved) {
    if (period === undefined) period = choosePeriod(resolved.window, now);
    else {
      const check = checkPeriod(period, resolved.window, now);
      problems.addAll(check.problems);
      warnings.push(...check.warnings);
    }
  }
  problems.throwIfAny('E_BAD_FLAG');
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
        `--target-group ${targetGroup.name}: load balancer "${lb.name}" does not forward to it; \`elbctl tg list --lb ${lb.name}\` shows the ones it does`,
      );
    }
    const selection = selectSeries(lb.type, {
      metrics: valid.metrics,
      stats: valid.stats,
      targetGroup: targetGroup !== undefined,
    });
    problems.addAll(selection.problems);
    for (const w of selection.warnings) warnings.add(w);
    return selection.series;
  });
  // One message per problem, even when several load balancers share it.
  const unique = new Problems();
  unique.addAll([...new Set(problems.list)]);
  unique.throwIfAny('E_BAD_FLAG');
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

function reportGaps(ctx: Context, outcomes: readonly ScopeOutcome[]): void {
  const byReason = new Map<string, string[]>();
  for (const o of outcomes) {
    for (const s of o.series) {
      if (s.status !== 'unavailable') continue;
      const label = `${s.name} ${s.stat}${outcomes.length > 1 ? ` (${scopeLabel(o)})` : ''}`;
      byReason.set(s.reason ?? 'unavailable', [...(byReason.get(s.reason ?? 'unavailable') ?? []), label]);
    }
  }
  for (const [reason, labels] of byReason) ctx.progress.warn(`${labels.join(', ')}: ${reason}`);
  const all = outcomes.flatMap((o) => o.series);
  if (all.length > 0 && all.every((s) => s.status === 'no-data')) {
    ctx.progress.info('no data points in this window: load balancer metrics exist only while traffic flows');
  }
}

// ------------------------------------------------------------------ views

const scopeLabel = (o: ScopeOutcome) =>
  `${o.scope.loadBalancer.name}${o.scope.targetGroup ? ` › ${o.scope.targetGroup.name}` : ''}`;
const scopeTitle = (o: ScopeOutcome) =>
  `${scopeLabel(o)} · ${formatWindow(o.window)} · ${formatPeriod(o.period)} periods`;

/** The LATEST cell of a series without data: `no data (no traffic)`, `unavailable from this endpoint`. */
function emptyText(s: SeriesOutcome): string {
  if (s.status === 'unavailable') return (s.reason ?? 'unavailable').split(':')[0] as string;
  return `no data (${s.reason ?? 'no traffic'})`;
}

interface SeriesRow {
  series: SeriesOutcome;
  cells: { latest: string; min: string; max: string; window: string };
  trend: string;
}

function seriesRows(o: ScopeOutcome): SeriesRow[] {
  return o.series.map((s) => {
    const summary = summarize(s.points, s.stat, s.unit);
    const f = (v: number) => formatValue(v, s.unit);
    return {
      series: s,
      cells: summary
        ? {
            latest: f(summary.latest),
            min: f(summary.min),
            max: f(summary.max),
            window: `${summary.aggregate} ${f(summary.total)}`,
          }
        : { latest: emptyText(s), min: '', max: '', window: '' },
      trend: summary ? sparkline(resample(s.points, o.window, o.period, SPARKLINE_WIDTH)) : '',
    };
  });
}

function tableOf(o: ScopeOutcome): View {
  return tableView(
    seriesRows(o),
    [
      { header: 'METRIC', value: (r) => r.series.name },
      { header: 'STAT', value: (r) => r.series.stat },
      { header: 'LATEST', value: (r) => r.cells.latest },
      { header: 'MIN', value: (r) => r.cells.min },
      { header: 'MAX', value: (r) => r.cells.max },
      { header: 'WINDOW', value: (r) => r.cells.window },
      { header: 'TREND', value: (r) => r.trend },
    ],
    'no metrics selected',
  );
}

function chartsOf(outcomes: readonly ScopeOutcome[], columns: number, theme: Theme): string {
  const width = Math.max(10, columns - LABEL_WIDTH - 1);
  const blocks: string[] = [];
  for (const o of outcomes) {
    blocks.push(theme.bold(scopeTitle(o)));
    for (const s of o.series) {
      const summary = summarize(s.points, s.stat, s.unit);
      const title = `${s.name} (${s.stat})`;
      if (!summary) {
        blocks.push(`${title}: ${emptyText(s)}`);
        continue;
      }
      const f = (v: number) => formatValue(v, s.unit);
      blocks.push(
        `${title} · latest ${f(summary.latest)} · min ${f(summary.min)} · max ${f(summary.max)} · ${summary.aggregate} ${f(summary.total)}`,
      );
      const cells = resample(s.points, o.window, o.period, width, true);
      // The chart ends at the last reading: the current period is not reported yet, and drawing
      // it as zero would show a drop that did not happen.
      let last = cells.length - 1;
      while (last > 0 && cells[last] === undefined) last--;
      const cellMs = (o.window.end.getTime() - o.window.start.getTime()) / cells.length;
      blocks.push(
        lineChart(cells.slice(0, last + 1), {
          height: 6,
          format: f,
          gaps: s.stat === 'Sum' ? 'zero' : 'carry',
          from: o.window.start.toISOString().slice(11, 16),
          to: `${new Date(o.window.start.getTime() + (last + 1) * cellMs).toISOString().slice(11, 16)} UTC`,
        }),
      );
    }
  }
  return blocks.join('\n');
}

function viewOf(outcomes: readonly ScopeOutcome[], valid: ValidMetrics, ctx: Context): View {
  if (valid.chart) return { kind: 'message', text: chartsOf(outcomes, ctx.io.stdout.columns, ctx.theme) };
  return { kind: 'sections', sections: outcomes.map((o) => ({ title: scopeTitle(o), view: tableOf(o) })) };
}

function dataOf(outcomes: readonly ScopeOutcome[], valid: ValidMetrics): unknown {
  const docs = outcomes.map(toDocument);
  return valid.all || valid.refs.length > 1 ? docs : docs[0];
}

// ------------------------------------------------------------------ watch

/**
 * While watching, Ctrl-C ends the loop (exit 0) instead of the process-wide handler's exit 130.
 * The first Ctrl-C puts the previous handlers back, so a second one still exits at once.
 */
function takeOverSigint(onInterrupt: () => void): () => void {
  const previous = process.listeners('SIGINT');
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.removeListener('SIGINT', handler);
    for (const l of previous) process.on('SIGINT', l);
  };
  const handler = () => {
    restore();
    onInterrupt();
  };
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', handler);
  return restore;
}

const clockTime = (d: Date) => `${d.toISOString().slice(11, 19)} UTC`;

/** Rows for a log without a terminal: one line per series and refresh, header only on the first. */
class AppendTable {
  private widths: number[] | undefined;
  private static readonly HEADER = ['TIME', 'LOAD BALANCER', 'METRIC', 'STAT', 'LATEST', 'MIN', 'MAX', 'WINDOW'];

  rows(outcomes: readonly ScopeOutcome[], at: Date): string {
    const rows = outcomes.flatMap((o) =>
      seriesRows(o).map((r) => [
        clockTime(at),
        scopeLabel(o),
        r.series.name,
        r.series.stat,
        r.cells.latest,
        r.cells.min,
        r.cells.max,
        r.cells.window,
      ]),
    );
    const first = this.widths === undefined;
    this.widths ??= AppendTable.HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const widths = this.widths;
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
        .join('  ')
        .replace(/\s+$/, '');
    return [...(first ? [line(AppendTable.HEADER)] : []), ...rows.map(line)].join('\n');
  }
}

async function watch(
  ctx: Context,
  valid: ValidMetrics,
  readNow: (window: Window) => Promise<ScopeOutcome[]>,
): Promise<Result> {
  const seconds = valid.watchSeconds as number;
  const mode = ctx.output !== 'table' ? 'stream' : ctx.io.stdout.isTTY ? 'redraw' : 'append';
  const append = new AppendTable();
  let stop = false;
  let frames = 0;
  let previousLines = 0;
  const restore = takeOverSigint(() => {
    stop = true;
  });

  const frameText = (outcomes: ScopeOutcome[], at: Date, final: boolean): string => {
    const status = ctx.theme.dim(
      final ? `stopped · last reading ${clockTime(at)}` : `every ${seconds} s · ${clockTime(at)} · Ctrl-C to stop`,
    );
    if (mode === 'redraw')
      return `${status}\n${renderView(viewOf(outcomes, valid, ctx), ctx.theme, ctx.io.stdout.columns)}`;
    if (valid.chart) return `${clockTime(at)}\n${chartsOf(outcomes, ctx.io.stdout.columns, ctx.theme)}\n`;
    return `${append.rows(outcomes, at)}\n`;
  };

  try {
    for (;;) {
      const at = ctx.clock.now();
      const window = windowNow(valid, at);
      const outcomes = await readNow(window);
      if (frames === 0) reportGaps(ctx, outcomes);
      if (stop) return finalFrame(outcomes, at);
      const data = dataOf(outcomes, valid);
      if (mode === 'stream') {
        ctx.io.stdout.write(
          ctx.output === 'json' ? renderJson(data) : `${frames > 0 ? '---\n' : ''}${renderYaml(data)}`,
        );
      } else {
        const text = frameText(outcomes, at, false);
        ctx.io.stdout.write(
          mode === 'redraw' ? `${redrawPrefix(previousLines, ctx.io.stdout.raw?.rows)}${text}` : text,
        );
        previousLines = lineCount(text);
      }
      frames++;
      for (let waited = 0; waited < seconds * 1000 && !stop; waited += WATCH_SLICE_MS) {
        try {
          await ctx.clock.sleep(Math.min(WATCH_SLICE_MS, seconds * 1000 - waited));
        } catch (e) {
          if (isElbctlError(e) && e.kind === 'cancelled') stop = true;
          else throw e;
        }
      }
    }
  } finally {
    restore();
  }

  /** The last reading, printed by the CLI like any result (so JSON ends with a whole document). */
  function finalFrame(outcomes: ScopeOutcome[], at: Date): Result {
    const data = dataOf(outcomes, valid);
    if (mode === 'stream')
      return { data, view: { kind: 'message', text: '' }, yaml: `${frames > 0 ? '---\n' : ''}${renderYaml(data)}` };
    const text = frameText(outcomes, at, true);
    if (mode === 'redraw') ctx.io.stdout.write(redrawPrefix(previousLines, ctx.io.stdout.raw?.rows));
    return { data, view: { kind: 'message', text: text.replace(/\n$/, '') } };
  }
}

/** A --watch refresh reads the --since window ending now; otherwise the window is the one validated. */
function windowNow(valid: ValidMetrics, now: Date): Window {
  const resolved = resolveWindow(valid.windowFlags, now);
  const window = 'window' in resolved ? resolved.window : valid.window;
  return alignWindow(window, valid.period);
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
