/** The time window and the period: durations, instants, retention and how many points a call may return. */
export interface Window {
  start: Date;
  end: Date;
}

const DAY = 86_400;
/** CloudWatch keeps 60 s data for 15 days, 300 s data for 63 days, 1 h data for 455 days. */
const RETENTION: ReadonlyArray<{ olderThanSeconds: number; minimumPeriod: number }> = [
  { olderThanSeconds: 63 * DAY, minimumPeriod: 3600 },
  { olderThanSeconds: 15 * DAY, minimumPeriod: 300 },
];
const MAX_AGE_SECONDS = 455 * DAY;
/** At most this many points per series when elbctl chooses the period (a day of minutes). */
const MAX_POINTS_PER_SERIES = 1440;
/** GetMetricData returns at most this many points per call; one series must fit in one page. */
const MAX_DATAPOINTS_PER_CALL = 100_800;
export const MAX_QUERIES_PER_CALL = 500;
const PERIOD_CHOICES = [60, 300, 900, 3600, 10_800, 21_600, 86_400] as const;
const DEFAULT_SINCE = '3h';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: DAY, w: 7 * DAY };

/** `15m`, `3h`, `2d`, `1w`, `90s` → seconds. */
export function parseDuration(raw: string): number | undefined {
  const m = /^(\d{1,6})([smhdw])$/.exec(raw.trim());
  return m ? Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number) : undefined;
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 date or date-time; without a zone it is UTC (as the AWS CLI reads it). */
export function parseInstant(raw: string): Date | undefined {
  const text = raw.trim();
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [, , month, day, hour, minute, second] = m;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)) return undefined;
  let normal = text.replace(' ', 'T');
  if (hour === undefined) normal += 'T00:00:00';
  if (m[7] === undefined) normal += 'Z';
  const date = new Date(normal);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface WindowFlags {
  since?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

/** The window the flags describe, or every problem with them. `--since` counts back from `--end` (default now). */
export function resolveWindow(flags: WindowFlags, now: Date): { window: Window } | { problems: string[] } {
  const problems: string[] = [];
  if (flags.since !== undefined && flags.start !== undefined) {
    problems.push('--since and --start: give one of them (--since counts back from --end or now)');
  }
  let end = now;
  if (flags.end !== undefined) {
    const parsed = parseInstant(flags.end);
    if (!parsed) problems.push(`--end "${flags.end}": not an ISO 8601 time; write e.g. 2024-05-01T12:00:00Z`);
    else end = parsed;
  }
  let start: Date | undefined;
  if (flags.start !== undefined) {
    const parsed = parseInstant(flags.start);
    if (!parsed) problems.push(`--start "${flags.start}": not an ISO 8601 time; write e.g. 2024-05-01T09:00:00Z`);
    else start = parsed;
  } else {
    const raw = flags.since ?? DEFAULT_SINCE;
    const seconds = parseDuration(raw);
    if (seconds === undefined)
      problems.push(`--since "${raw}": not a duration; write a number and a unit: 15m, 3h, 2d or 1w`);
    else if (seconds < 60)
      problems.push(`--since "${raw}": at least 1m; load balancer metrics have one value per minute`);
    else start = new Date(end.getTime() - seconds * 1000);
  }
  if (problems.length > 0 || !start) return { problems };
  if (start.getTime() >= end.getTime()) {
    return { problems: [`--start ${start.toISOString()}: must be before the end (${end.toISOString()})`] };
  }
  if (now.getTime() - start.getTime() > MAX_AGE_SECONDS * 1000) {
    return {
      problems: [
        `window start ${start.toISOString()}: CloudWatch keeps load balancer metrics for 455 days; start later`,
      ],
    };
  }
  return { window: { start, end } };
}

/** The finest period CloudWatch still has data for at `start` (retention). */
export function minimumPeriod(start: Date, now: Date): number {
  const age = (now.getTime() - start.getTime()) / 1000;
  return RETENTION.find((r) => age > r.olderThanSeconds)?.minimumPeriod ?? 60;
}

/** The finest period that is retained for the whole window and keeps each series within MAX_POINTS_PER_SERIES. */
export function choosePeriod(window: Window, now: Date): number {
  const seconds = (window.end.getTime() - window.start.getTime()) / 1000;
  const floor = minimumPeriod(window.start, now);
  return PERIOD_CHOICES.find((p) => p >= floor && Math.ceil(seconds / p) <= MAX_POINTS_PER_SERIES) ?? 86_400;
}

/** --period: a whole number of minutes, in seconds. */
export function parsePeriod(raw: string): { period: number } | { problem: string } {
  const value = /^\d{1,7}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(value) || value < 60 || value % 60 !== 0) {
    return { problem: `--period "${raw}": must be a whole number of seconds, a multiple of 60 (60, 300, 3600 …)` };
  }
  return { period: value };
}

/** Problems and warnings of a --period the user chose for this window. */
export function checkPeriod(period: number, window: Window, now: Date): { problems: string[]; warnings: string[] } {
  const points = Math.ceil((window.end.getTime() - window.start.getTime()) / 1000 / period);
  const problems =
    points > MAX_DATAPOINTS_PER_CALL
      ? [
          `--period ${period}: gives ${points} points per series, more than CloudWatch returns in one call (${MAX_DATAPOINTS_PER_CALL}); use a longer period or a shorter window`,
        ]
      : [];
  const floor = minimumPeriod(window.start, now);
  const warnings =
    period < floor
      ? [
          `--period ${period}: CloudWatch keeps only ${floor} s data for the start of this window, so the older part may be empty; use --period ${floor}`,
        ]
      : [];
  return { problems, warnings };
}

/** Start down and end up to whole periods, as CloudWatch aggregates them. */
export function alignWindow(window: Window, period: number): Window {
  const ms = period * 1000;
  return {
    start: new Date(Math.floor(window.start.getTime() / ms) * ms),
    end: new Date(Math.ceil(window.end.getTime() / ms) * ms),
  };
}
