/**
 * Target groups in place: the health check fields that change (AWS changes protocol, port,
 * VPC and target type only by replacing the target group). `tg modify` and the stack engine
 * both compute a health check change here; src/aws/modify.ts sends it.
 */
import type { HealthCheck } from '../model';
import type { TagChange } from './tags';

export type HealthCheckFields = Partial<HealthCheck>;

export interface TargetGroupModification {
  healthCheck?: { before: HealthCheckFields; after: HealthCheckFields } | undefined;
  tags?: TagChange | undefined;
}

const HEALTH_CHECK_FIELDS: ReadonlyArray<keyof HealthCheck> = [
  'enabled',
  'protocol',
  'port',
  'path',
  'intervalSeconds',
  'timeoutSeconds',
  'healthyThreshold',
  'unhealthyThreshold',
  'matcher',
];

/** The fields of `desired` that differ from the live health check (only the fields given are compared). */
export function healthCheckModification(
  current: HealthCheck,
  desired: HealthCheckFields,
): { before: HealthCheckFields; after: HealthCheckFields } | undefined {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of HEALTH_CHECK_FIELDS) {
    const want = desired[k];
    if (want === undefined) continue;
    if (String(want) !== String(current[k])) {
      before[k] = current[k];
      after[k] = want;
    }
  }
  return Object.keys(after).length > 0
    ? { before: before as HealthCheckFields, after: after as HealthCheckFields }
    : undefined;
}
