/** Summaries (latest, min, max, trend) and how values, windows and periods are written. */
import type { MetricUnit } from './catalog';
import type { MetricPoint } from './queries';
import type { Window } from './window';

export interface SeriesSummary {
  latest: number;
  min: number;
  max: number;
  /** Counts add up over the window; every other statistic is averaged. */
  aggregate: 'sum' | 'avg';
  total: number;
}

/** Counts add up over the window; a rate (Percent) or any other statistic is averaged. */
export function summarize(points: readonly MetricPoint[], stat: string, unit?: MetricUnit): SeriesSummary | undefined {
  if (points.length === 0) return undefined;
  let latest = points[0] as MetricPoint;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const p of points) {
    if (Date.parse(p.timestamp) >= Date.parse(latest.timestamp)) latest = p;
    min = Math.min(min, p.value);
    max = Math.max(max, p.value);
    sum += p.value;
  }
  const aggregate = (stat === 'Sum' || stat === 'SampleCount') && unit !== 'Percent' ? 'sum' : 'avg';
  return { latest: latest.value, min, max, aggregate, total: aggregate === 'sum' ? sum : sum / points.length };
}

/**
 * The series on a grid of `width` cells from window start to end: each cell the mean of the
 * points that fall in it, `undefined` where there are none. With fewer periods than cells the
 * grid has one cell per period, unless `stretch` spreads each period over several cells (charts).
 */
export function resample(
  points: readonly MetricPoint[],
  window: Window,
  period: number,
  width: number,
  stretch = false,
): Array<number | undefined> {
  const start = window.start.getTime();
  const slots = Math.max(1, Math.ceil((window.end.getTime() - start) / (period * 1000)));
  const cells = Math.max(1, stretch ? width : Math.min(width, slots));
  const bucket = (count: number, slotOf: (slot: number) => number) => {
    const sums = new Array<number>(count).fill(0);
    const counts = new Array<number>(count).fill(0);
    for (const p of points) {
      const slot = Math.min(slots - 1, Math.max(0, Math.floor((Date.parse(p.timestamp) - start) / (period * 1000))));
      const i = slotOf(slot);
      sums[i] = (sums[i] as number) + p.value;
      counts[i] = (counts[i] as number) + 1;
    }
    return sums.map((sum, i) => ((counts[i] as number) > 0 ? sum / (counts[i] as number) : undefined));
  };
  if (cells <= slots) return bucket(cells, (slot) => Math.min(cells - 1, Math.floor((slot * cells) / slots)));
  const perSlot = bucket(slots, (slot) => slot);
  return Array.from({ length: cells }, (_, i) => perSlot[Math.floor((i * slots) / cells)]);
}

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trim(n / 1e9, 1)}G`;
  if (abs >= 1e6) return `${trim(n / 1e6, 1)}M`;
  if (abs >= 1e4) return `${trim(n / 1e3, 1)}k`;
  return Number.isInteger(n) ? String(n) : trim(n, abs >= 100 ? 1 : 2);
}

function bytes(n: number, suffix = ''): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? trim(v, 0) : trim(v, 1)} ${units[u]}${suffix}`;
}

/** A value as a person reads it: `153 ms`, `1.2 s`, `12.3k`, `4.5 MiB`, `2.5%`. */
export function formatValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'Seconds':
      return Math.abs(value) < 1 ? `${trim(value * 1000, value * 1000 >= 10 ? 0 : 1)} ms` : `${trim(value, 2)} s`;
    case 'Milliseconds':
      return `${trim(value, 1)} ms`;
    case 'Bytes':
      return bytes(value);
    case 'Bytes/Second':
      return bytes(value, '/s');
    case 'Count/Second':
      return `${compact(value)}/s`;
    case 'Percent':
      return `${trim(value, 2)}%`;
    default:
      return compact(value);
  }
}

/** `2024-05-01 12:00 → 15:00 UTC`, or with both dates when the window spans days. */
export function formatWindow(window: Window): string {
  const iso = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  const start = iso(window.start);
  const end = iso(window.end);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} → ${end.slice(11)} UTC` : `${start} → ${end} UTC`;
}

export function formatPeriod(period: number): string {
  if (period % 3600 === 0) return `${period / 3600} h`;
  if (period % 60 === 0 && period >= 300) return `${period / 60} min`;
  return `${period} s`;
}
