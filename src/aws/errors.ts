/**
 * Translates SDK and network failures into the ElbctlError family. Matches on the error's
 * name/code (stable), never on its message text.
 */
import { ElbctlError, type ErrorCode, isElbctlError } from '../core/errors';

const AUTH = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'AuthFailure',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
]);

const NOT_FOUND: Record<string, string> = {
  LoadBalancerNotFound: 'load balancer',
  LoadBalancerNotFoundException: 'load balancer',
  TargetGroupNotFound: 'target group',
  TargetGroupNotFoundException: 'target group',
  ListenerNotFound: 'listener',
  ListenerNotFoundException: 'listener',
  RuleNotFound: 'rule',
  RuleNotFoundException: 'rule',
  CertificateNotFound: 'certificate',
  CertificateNotFoundException: 'certificate',
  TrustStoreNotFound: 'trust store',
  TrustStoreNotFoundException: 'trust store',
  InvalidTarget: 'target',
  InvalidTargetException: 'target',
  SSLPolicyNotFound: 'ssl policy',
  SSLPolicyNotFoundException: 'ssl policy',
  'InvalidSubnetID.NotFound': 'subnet',
  'InvalidVpcID.NotFound': 'VPC',
  'InvalidGroup.NotFound': 'security group',
};

/** AWS's conflict errors, each mapped to elbctl's code for the same condition (never built from the name). */
const CONFLICT: Readonly<Record<string, ErrorCode & `E_${string}`>> = {
  PriorityInUse: 'E_PRIORITY_IN_USE',
  PriorityInUseException: 'E_PRIORITY_IN_USE',
  DuplicateLoadBalancerName: 'E_LB_EXISTS',
  DuplicateLoadBalancerNameException: 'E_LB_EXISTS',
  DuplicateTargetGroupName: 'E_TG_EXISTS',
  DuplicateTargetGroupNameException: 'E_TG_EXISTS',
  DuplicateListener: 'E_LISTENER_EXISTS',
  DuplicateListenerException: 'E_LISTENER_EXISTS',
  ResourceInUse: 'E_IN_USE',
  ResourceInUseException: 'E_IN_USE',
  CapacityReservationPending: 'E_CAPACITY_PENDING',
  CapacityReservationPendingException: 'E_CAPACITY_PENDING',
  PriorRequestNotComplete: 'E_CAPACITY_PENDING',
  PriorRequestNotCompleteException: 'E_CAPACITY_PENDING',
  CapacityDecreaseRequestLimitExceeded: 'E_CAPACITY_DECREASE_LIMIT',
  CapacityDecreaseRequestLimitExceededException: 'E_CAPACITY_DECREASE_LIMIT',
  CapacityDecreaseRequestsLimitExceededException: 'E_CAPACITY_DECREASE_LIMIT',
  OperationNotPermitted: 'E_NOT_PERMITTED',
  OperationNotPermittedException: 'E_NOT_PERMITTED',
};

/** Node's codes for a certificate chain it does not trust, or one that does not fit the host. */
const TLS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

function errorName(e: unknown): string {
  if (!e || typeof e !== 'object') return 'Error';
  const o = e as { name?: unknown; Code?: unknown; code?: unknown };
  for (const candidate of [o.Code, o.name, o.code]) {
    if (typeof candidate === 'string' && candidate !== 'Error') return candidate;
  }
  return 'Error';
}

function awsMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // AWS messages start with a capital and end with a period; ours are lowercase without one.
  const trimmed = m.trim().replace(/\.$/, '');
  return trimmed.length > 0 ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : 'no message';
}

/**
 * @param operation what elbctl was doing, e.g. `create load balancer "web"`
 */
export function translateAwsError(e: unknown, operation: string): ElbctlError {
  if (isElbctlError(e)) return e;
  const name = errorName(e);
  const message = awsMessage(e);

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /credential/i.test(name)) {
    return new ElbctlError(
      'auth',
      'E_NO_CREDENTIALS',
      `${operation}: no AWS credentials could be loaded (${message})`,
      {
        cause: e,
        hint: 'set AWS_PROFILE or pass --profile, run `aws sso login`, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
      },
    );
  }
  if (AUTH.has(name)) {
    return new ElbctlError('auth', 'E_ACCESS_DENIED', `${operation}: access denied by AWS (${name}: ${message})`, {
      cause: e,
      hint: 'check that your credentials are valid and that your IAM policy allows this action (elasticloadbalancing:*, ec2:Describe*)',
    });
  }
  const what = NOT_FOUND[name];
  if (what) {
    return new ElbctlError('not-found', 'E_NOT_FOUND', `${operation}: ${what} not found (${message})`, { cause: e });
  }
  const conflict = CONFLICT[name];
  if (conflict !== undefined) {
    return new ElbctlError<ErrorCode>('conflict', conflict, `${operation}: ${message}`, { cause: e });
  }
  if (THROTTLING.has(name)) {
    return new ElbctlError('aws', 'E_THROTTLED', `${operation}: AWS kept throttling the request after every retry`, {
      cause: e,
      hint: 'wait a minute and re-run; elbctl converges from where it stopped',
    });
  }
  if (name.startsWith('TooMany') || name.startsWith('CapacityUnitsLimitExceeded')) {
    return new ElbctlError('aws', 'E_QUOTA', `${operation}: an AWS quota was reached (${name}: ${message})`, {
      cause: e,
      hint: 'delete unused resources or ask for a higher quota in the Service Quotas console',
    });
  }
  if (/Region is missing/i.test(message) || name === 'RegionMissing') {
    return new ElbctlError('usage', 'E_NO_REGION', 'no AWS region: pass --region or set AWS_REGION', { cause: e });
  }
  const sys = (e as { code?: string }).code;
  if (sys !== undefined && TLS_UNTRUSTED.has(sys)) {
    return new ElbctlError(
      'aws',
      'E_TLS_UNTRUSTED',
      `${operation}: the TLS certificate of the AWS endpoint is not trusted (${sys})`,
      {
        cause: e,
        hint: 'if a proxy or TLS inspection re-signs traffic on your network, pass its CA certificate with --ca-bundle FILE or AWS_CA_BUNDLE (or ca_bundle in the profile); --no-verify-ssl turns the check off (unsafe)',
      },
    );
  }
  if (
    sys === 'ECONNREFUSED' ||
    sys === 'ENOTFOUND' ||
    sys === 'ECONNRESET' ||
    sys === 'ETIMEDOUT' ||
    name === 'TimeoutError'
  ) {
    return new ElbctlError('aws', 'E_NETWORK', `${operation}: cannot reach AWS (${sys ?? name})`, {
      cause: e,
      hint: 'check your network, or the --endpoint-url if you use one',
    });
  }
  if (
    name === 'ValidationError' ||
    name === 'InvalidParameterValue' ||
    name === 'InvalidConfigurationRequest' ||
    name.startsWith('Invalid')
  ) {
    return new ElbctlError('aws', 'E_AWS_REJECTED', `${operation}: AWS rejected the request (${name}: ${message})`, {
      cause: e,
    });
  }
  return new ElbctlError('aws', 'E_AWS', `${operation}: ${name}: ${message}`, { cause: e });
}

/** Runs one AWS step and translates its failure. */
export async function awsStep<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw translateAwsError(e, operation);
  }
}
