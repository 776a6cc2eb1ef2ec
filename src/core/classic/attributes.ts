/**
 * A Classic load balancer's attributes as `elbctl clb attributes` shows and sets them: flat keys
 * in ELBv2's spelling (cross_zone.enabled, connection_draining.timeout_seconds, …) over the
 * Classic API's nested structure, each `--set` checked against the Classic API's ranges.
 */
import { quote } from '../echo';
import { parseAttributeSettings } from '../rules/attributes';
import { problem, type Problem } from '../rules/problem';
import type { ClassicAttributes } from './model';

/** What a `--set` changes: any subset of the Classic attributes. */
export interface ClassicAttributeChange {
  crossZone?: boolean | undefined;
  draining?: { enabled?: boolean | undefined; timeoutSeconds?: number | undefined } | undefined;
  idleTimeoutSeconds?: number | undefined;
  accessLog?:
    | {
        enabled?: boolean | undefined;
        bucket?: string | undefined;
        prefix?: string | undefined;
        intervalMinutes?: number | undefined;
      }
    | undefined;
}

type Check = (value: string) => string | undefined;
const bool: Check = (v) => (v === 'true' || v === 'false' ? undefined : 'must be true or false');
const whole =
  (min: number, max: number): Check =>
  (v) =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max
      ? undefined
      : `must be a whole number from ${min} to ${max}`;
const bucket: Check = (v) =>
  /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v)
    ? undefined
    : 'must be an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)';
const anything: Check = () => undefined;
const interval: Check = (v) => (v === '5' || v === '60' ? undefined : 'must be 5 or 60 (minutes)');

/** The keys `--set` takes (docs/commands.md lists them), with the Classic API's ranges. */
const CLASSIC_ATTRIBUTE_KEYS: Readonly<Record<string, Check>> = {
  'cross_zone.enabled': bool,
  'connection_draining.enabled': bool,
  'connection_draining.timeout_seconds': whole(1, 3600),
  'idle_timeout.timeout_seconds': whole(1, 4000),
  'access_logs.enabled': bool,
  'access_logs.s3.bucket': bucket,
  'access_logs.s3.prefix': anything,
  'access_logs.emit_interval_minutes': interval,
};

/** The attributes as flat keys. */
export function classicAttributeMap(a: ClassicAttributes): Record<string, string> {
  return {
    'access_logs.emit_interval_minutes': String(a.accessLog.intervalMinutes ?? 60),
    'access_logs.enabled': String(a.accessLog.enabled),
    'access_logs.s3.bucket': a.accessLog.bucket ?? '',
    'access_logs.s3.prefix': a.accessLog.prefix ?? '',
    'connection_draining.enabled': String(a.draining.enabled),
    'connection_draining.timeout_seconds': String(a.draining.timeoutSeconds),
    'cross_zone.enabled': String(a.crossZone),
    'idle_timeout.timeout_seconds': String(a.idleTimeoutSeconds),
  };
}

/** `--set K=V ..` → the wanted values, or every problem (exit 64, before any AWS call). */
export function parseClassicSettings(raws: readonly string[]): { wanted: Record<string, string>; problems: Problem[] } {
  const { settings, problems } = parseAttributeSettings(raws);
  const wanted: Record<string, string> = {};
  const keys = Object.keys(CLASSIC_ATTRIBUTE_KEYS);
  for (const s of settings) {
    const check = CLASSIC_ATTRIBUTE_KEYS[s.key];
    if (!check) {
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: not a Classic load balancer attribute; use one of ${keys.join(', ')}`,
        ),
      );
      continue;
    }
    const why = check(s.value);
    if (why) problems.push(problem('E_ATTRIBUTE', `attribute ${quote(`${s.key}=${s.value}`)}: ${why}`));
    else wanted[s.key] = s.value;
  }
  return { wanted, problems };
}

/**
 * The change to send for `wanted` over `current`. The Classic API takes a block whole (draining's
 * flag with its timeout, the access log with its bucket), so each block carries its live values
 * for the keys not set.
 */
export function classicAttributeChange(
  current: ClassicAttributes,
  wanted: Readonly<Record<string, string>>,
): ClassicAttributeChange {
  const has = (k: string) => wanted[k] !== undefined;
  const flag = (k: string, live: boolean) => (has(k) ? wanted[k] === 'true' : live);
  const num = (k: string, live: number) => (has(k) ? Number(wanted[k]) : live);
  const change: ClassicAttributeChange = {};
  if (has('cross_zone.enabled')) change.crossZone = wanted['cross_zone.enabled'] === 'true';
  if (has('connection_draining.enabled') || has('connection_draining.timeout_seconds'))
    change.draining = {
      enabled: flag('connection_draining.enabled', current.draining.enabled),
      timeoutSeconds: num('connection_draining.timeout_seconds', current.draining.timeoutSeconds),
    };
  if (has('idle_timeout.timeout_seconds')) change.idleTimeoutSeconds = Number(wanted['idle_timeout.timeout_seconds']);
  if (Object.keys(wanted).some((k) => k.startsWith('access_logs.'))) {
    const a = current.accessLog;
    change.accessLog = {
      enabled: flag('access_logs.enabled', a.enabled),
      bucket: has('access_logs.s3.bucket') ? wanted['access_logs.s3.bucket'] : a.bucket,
      prefix: has('access_logs.s3.prefix') ? wanted['access_logs.s3.prefix'] : a.prefix,
      intervalMinutes: num('access_logs.emit_interval_minutes', a.intervalMinutes ?? 60),
    };
  }
  return change;
}

/** Turning access logs on needs a bucket, given or already set. */
export function accessLogProblem(
  current: ClassicAttributes,
  wanted: Readonly<Record<string, string>>,
): Problem | undefined {
  if (wanted['access_logs.enabled'] !== 'true') return undefined;
  if (wanted['access_logs.s3.bucket'] || current.accessLog.bucket) return undefined;
  return problem(
    'E_ATTRIBUTE',
    'attribute "access_logs.enabled=true": needs a bucket; add --set access_logs.s3.bucket=BUCKET',
  );
}
