/** `elbctl metrics --watch`: read again every N seconds, redrawing in place on a terminal, appending otherwise, until Ctrl-C. */
import type { Context } from '../context';
import { isElbctlError } from '../../core/errors';
import { alignWindow, resolveWindow, type Window } from '../../core/metrics/window';
import type { ScopeOutcome } from '../../core/metrics/results';
import { lineCount, redrawPrefix } from '../../ui/chart';
import { loadRenderers, renderJson, renderView, renderYaml, type Result } from '../../ui/render';
import type { ValidMetrics } from '../metrics';
import { chartsOf, dataOf, reportGaps, scopeLabel, seriesRows, viewOf } from './views';

/** --watch sleeps in slices this long, so Ctrl-C ends it promptly. */
const WATCH_SLICE_MS = 250;

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

export async function watch(
  ctx: Context,
  valid: ValidMetrics,
  readNow: (window: Window) => Promise<ScopeOutcome[]>,
): Promise<Result> {
  const seconds = valid.watchSeconds as number;
  const mode = ctx.output !== 'table' ? 'stream' : ctx.io.stdout.isTTY ? 'redraw' : 'append';
  await loadRenderers(ctx.output);
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
    if (mode === 'stream') {
      const view = { kind: 'message' as const, text: '' };
      // JSON prints `data`; only YAML needs the text (and the YAML library)
      if (ctx.output !== 'yaml') return { data, view };
      return { data, view, yaml: `${frames > 0 ? '---\n' : ''}${renderYaml(data)}` };
    }
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
