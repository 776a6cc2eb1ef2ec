/** How an apply step's failure is read: did the request maybe reach AWS (look before retrying), or not. */
import { isElbctlError } from '../../core/errors';

export type FailureKind = 'ambiguous' | 'duplicate' | 'final';

const DUPLICATE = new Set([
  'DuplicateTargetGroupName',
  'DuplicateTargetGroupNameException',
  'DuplicateListener',
  'DuplicateListenerException',
  'DuplicateTrustStoreName',
  'DuplicateTrustStoreNameException',
]);
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * ambiguous: the request may have reached AWS and done its work (timeouts, resets, throttling
 * after the SDK's retries, 5xx); duplicate: AWS says the name or port is taken; final: AWS
 * refused and nothing happened (validation, PriorityInUse, access denied, …).
 */
export function classifyFailure(e: unknown): FailureKind {
  if (isElbctlError(e) && (e.code === 'E_NETWORK' || e.code === 'E_THROTTLED')) return 'ambiguous';
  const cause = (isElbctlError(e) && e.cause !== undefined ? e.cause : e) as {
    name?: unknown;
    Code?: unknown;
    code?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: number };
  } | null;
  if (!cause || typeof cause !== 'object') return 'final';
  const names = [cause.Code, cause.name, cause.code].filter((n): n is string => typeof n === 'string');
  if (names.some((n) => DUPLICATE.has(n))) return 'duplicate';
  if (names.some((n) => TRANSIENT_NAMES.has(n) || NETWORK_CODES.has(n))) return 'ambiguous';
  const status = cause.$metadata?.httpStatusCode;
  if ((status !== undefined && status >= 500) || cause.$fault === 'server') return 'ambiguous';
  return 'final';
}

export function isNotFound(e: unknown): boolean {
  return isElbctlError(e) && e.kind === 'not-found';
}

export function isPriorityInUse(e: unknown): boolean {
  return isElbctlError(e) && e.code === 'E_PRIORITY_IN_USE';
}

/** Deletes, treating "already gone" (a re-run after an interrupted apply) as done. */
export async function deleteIfThere(del: () => Promise<void>): Promise<void> {
  try {
    await del();
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
