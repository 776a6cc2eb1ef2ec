/** ELBCTL_PACING and ELBCTL_API_RATES: whether elbctl paces itself, and the buckets of accounts whose limits were raised. */
import { quote } from '../echo';
import { usageError } from '../errors';
import { bucketNames, RATE_TABLE, RATE_TABLE_DATE } from './table';

export interface BucketRate {
  capacity: number;
  refillPerSecond: number;
}

export interface PacingSettings {
  /** false with ELBCTL_PACING=off: calls are counted but never held back, as before pacing existed. */
  enabled: boolean;
  /** `service.bucket` → the rate that replaces the table's, from ELBCTL_API_RATES. */
  overrides: ReadonlyMap<string, BucketRate>;
}

export function parsePacingMode(value: string | undefined): boolean {
  if (value === undefined || value === '') return true;
  const v = value.trim().toLowerCase();
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw usageError('E_BAD_PACING', `ELBCTL_PACING ${quote(value)}: unknown; use on or off`);
}

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * `SERVICE.BUCKET=CAPACITY:REFILL_PER_SECOND`, comma-separated, with the bucket names of the
 * rate table (e.g. `elbv2.read=80:20,elbv2.write=40:6`). Every problem is reported at once;
 * any problem is a usage error and nothing is paced from a half-read value.
 */
export function parseApiRates(value: string | undefined): Map<string, BucketRate> {
  const out = new Map<string, BucketRate>();
  if (value === undefined || value.trim() === '') return out;
  const problems: string[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    const at = `ELBCTL_API_RATES entry ${quote(entry)}`;
    const m = /^([^=\s]+)\s*=\s*([^:\s]+)\s*:\s*([^:\s]+)$/.exec(entry);
    if (!m) {
      problems.push(`${at}: not SERVICE.BUCKET=CAPACITY:REFILL_PER_SECOND; e.g. elbv2.read=40:10`);
      continue;
    }
    const [, name, capacityText, refillText] = m as unknown as [string, string, string, string];
    const [service, bucket] = name.split('.', 2) as [string, string | undefined];
    if (!RATE_TABLE[service] || bucket === undefined || !RATE_TABLE[service].buckets[bucket]) {
      problems.push(`${at}: unknown bucket ${quote(name)}; known buckets: ${bucketNames().join(', ')}`);
      continue;
    }
    if (out.has(name)) {
      problems.push(`${at}: ${name} is set twice; keep one`);
      continue;
    }
    const capacity = Number(capacityText);
    const refillPerSecond = Number(refillText);
    if (!/^\d+$/.test(capacityText) || capacity < 1 || capacity > 100_000) {
      problems.push(`${at}: the capacity must be a whole number of tokens from 1 to 100000`);
      continue;
    }
    if (!NUMBER.test(refillText) || refillPerSecond <= 0 || refillPerSecond > 100_000) {
      problems.push(`${at}: the refill must be a number of tokens per second above 0 and up to 100000, e.g. 0.5 or 10`);
      continue;
    }
    out.set(name, { capacity, refillPerSecond });
  }
  if (problems.length > 0) {
    const [first, ...rest] = problems as [string, ...string[]];
    throw usageError('E_BAD_API_RATES', first, {
      details: rest,
      hint: `see "Pacing" in docs/reliability.md for the bucket names and AWS's published sizes (table of ${RATE_TABLE_DATE})`,
    });
  }
  return out;
}

export function resolvePacingSettings(env: Readonly<Record<string, string | undefined>>): PacingSettings {
  return { enabled: parsePacingMode(env.ELBCTL_PACING), overrides: parseApiRates(env.ELBCTL_API_RATES) };
}
