/**
 * Pure text charts for `elbctl metrics`: a one-line sparkline per series and an asciichart line
 * chart sized to the terminal, plus the control sequence that redraws a frame in place.
 */
import { plot } from 'asciichart';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One character per cell, scaled from zero (or the lowest value, if negative) to the highest;
 * a cell without data is a space, so gaps in traffic stay visible.
 */
export function sparkline(cells: ReadonlyArray<number | undefined>): string {
  const values = cells.filter((v): v is number => v !== undefined);
  if (values.length === 0) return '';
  const low = Math.min(0, ...values);
  const high = Math.max(...values);
  const span = high - low;
  return cells
    .map((v) => {
      if (v === undefined) return ' ';
      if (span === 0) return v === 0 ? BARS[0] : BARS[3];
      return BARS[Math.min(BARS.length - 1, Math.round(((v - low) / span) * (BARS.length - 1)))];
    })
    .join('');
}

export interface LineChartOptions {
  height: number;
  /** Label text for a value on the y axis. */
  format: (value: number) => string;
  /** How a cell without data is drawn: `zero` for counts (no traffic is zero), `carry` repeats the last value. */
  gaps: 'zero' | 'carry';
  /** Labels under the x axis: the window start and end. */
  from: string;
  to: string;
}

/** Width of the y-axis labels (including the axis), so callers can size the plot to the terminal. */
export const LABEL_WIDTH = 10;

/** A line chart of the cells; the caller sizes the cells to the terminal width minus LABEL_WIDTH. */
export function lineChart(cells: ReadonlyArray<number | undefined>, options: LineChartOptions): string {
  const firstKnown = cells.find((v): v is number => v !== undefined) ?? 0;
  let last = options.gaps === 'zero' ? 0 : firstKnown;
  const series = cells.map((v) => {
    if (v !== undefined) last = v;
    return v ?? (options.gaps === 'zero' ? 0 : last);
  });
  // asciichart puts the whole label in the first cell and the axis in the next one.
  const labelWidth = LABEL_WIDTH - 2;
  const chart = plot(series, {
    height: options.height,
    offset: 2,
    // asciichart marks the row of y = 0 in its own coordinates with ┼, which lands on the top
    // row whenever the lowest value is 0; a plain axis everywhere reads correctly.
    symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
    padding: ' '.repeat(labelWidth),
    format: (x: number) => `${options.format(x).slice(0, labelWidth).padStart(labelWidth)} `,
  });
  const lines = chart.split('\n').map((l) => l.replace(/\s+$/, ''));
  const width = series.length;
  const gap = Math.max(1, width - options.from.length - options.to.length);
  const axis = `${' '.repeat(LABEL_WIDTH)}${options.from}${' '.repeat(gap)}${options.to}`;
  return [...lines, axis].join('\n');
}

/**
 * What to write before a new frame so it replaces the previous one (`previousLines` lines tall)
 * on a terminal `rows` high: move up and clear, or clear the screen when the frame was taller
 * than the terminal (the cursor cannot move above the top line).
 */
export function redrawPrefix(previousLines: number, rows: number | undefined): string {
  if (previousLines === 0) return '';
  if (rows !== undefined && rows > 0 && previousLines >= rows) return '\x1b[H\x1b[2J';
  return `\x1b[${previousLines}F\x1b[0J`;
}

/** The number of terminal lines a frame ending in a newline occupies. */
export const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
