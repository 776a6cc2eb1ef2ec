/** How `elbctl metrics` shows what it read: a table per scope with trends and sparklines, line charts, JSON. */
import type { Context } from '../context';
import { toDocument, type ScopeOutcome, type SeriesOutcome } from '../../core/metrics/results';
import { formatPeriod, formatValue, formatWindow, resample, summarize } from '../../core/metrics/format';
import { LABEL_WIDTH, lineChart, sparkline } from '../../ui/chart';
import { tableView, type View } from '../../ui/render';
import type { Theme } from '../../ui/theme';
import type { ValidMetrics } from '../metrics';

const SPARKLINE_WIDTH = 24;

export const scopeLabel = (o: ScopeOutcome) =>
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

export function seriesRows(o: ScopeOutcome): SeriesRow[] {
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

export function chartsOf(outcomes: readonly ScopeOutcome[], columns: number, theme: Theme): string {
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

export function viewOf(outcomes: readonly ScopeOutcome[], valid: ValidMetrics, ctx: Context): View {
  if (valid.chart) return { kind: 'message', text: chartsOf(outcomes, ctx.io.stdout.columns, ctx.theme) };
  return { kind: 'sections', sections: outcomes.map((o) => ({ title: scopeTitle(o), view: tableOf(o) })) };
}

export function dataOf(outcomes: readonly ScopeOutcome[], valid: ValidMetrics): unknown {
  const docs = outcomes.map(toDocument);
  return valid.all || valid.refs.length > 1 ? docs : docs[0];
}

export function reportGaps(ctx: Context, outcomes: readonly ScopeOutcome[]): void {
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
