/**
 * A Classic health check → an ELBv2 one: the `PROTOCOL:PORT[/PATH]` target parsed exactly, and
 * each number moved to the nearest value ELBv2 allows, with a note for every change.
 */
import { HEALTH_CHECK_LIMITS } from '../rules/health-check';
import type { ClassicHealthCheck, ClassicProtocol } from './model';

export interface ParsedTarget {
  protocol: ClassicProtocol;
  port: number;
  /** HTTP/HTTPS only; always begins with `/`. */
  path?: string | undefined;
}

/** `HTTP:8080/healthz` → { HTTP, 8080, /healthz }; undefined when the text is not a Classic target. */
export function parseHealthTarget(target: string): ParsedTarget | undefined {
  const m = /^(HTTP|HTTPS|TCP|SSL):(\d{1,5})(\/.*)?$/.exec(target.trim());
  if (!m) return undefined;
  const protocol = m[1] as ClassicProtocol;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const path = m[3];
  const httpish = protocol === 'HTTP' || protocol === 'HTTPS';
  if (httpish && path === undefined) return undefined;
  if (!httpish && path !== undefined) return undefined;
  return { protocol, port, ...(path !== undefined ? { path } : {}) };
}

export interface HealthNumbers {
  interval: number;
  timeout: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(v)));

/**
 * The Classic numbers moved into ELBv2's ranges (interval 5-300, timeout 2-120 and below the
 * interval, thresholds 2-10); one note per value that changed.
 */
export function mapHealthNumbers(hc: ClassicHealthCheck): { numbers: HealthNumbers; notes: string[] } {
  const L = HEALTH_CHECK_LIMITS;
  const notes: string[] = [];
  const pick = (what: string, value: number, min: number, max: number) => {
    const v = clamp(value, min, max);
    if (v !== value) notes.push(`health check ${what} ${value}: ELBv2 allows ${min}-${max}; set to ${v}`);
    return v;
  };
  const interval = pick('interval', hc.interval, L.interval.min, L.interval.max);
  let timeout = pick('timeout', hc.timeout, L.timeout.min, L.timeout.max);
  if (timeout >= interval) {
    const lowered = Math.max(L.timeout.min, interval - 1);
    notes.push(`health check timeout ${timeout}: ELBv2 needs it below the interval (${interval}); set to ${lowered}`);
    timeout = lowered;
  }
  const healthyThreshold = pick(
    'healthy threshold',
    hc.healthyThreshold,
    L.healthyThreshold.min,
    L.healthyThreshold.max,
  );
  const unhealthyThreshold = pick(
    'unhealthy threshold',
    hc.unhealthyThreshold,
    L.unhealthyThreshold.min,
    L.unhealthyThreshold.max,
  );
  return { numbers: { interval, timeout, healthyThreshold, unhealthyThreshold }, notes };
}
