/**
 * The one error family. Every failure elbctl reports is an ElbctlError with a stable code from
 * the closed table below (one code per condition, never built at run time); the table gives
 * each code its kind, and src/cli/exit-codes.ts maps the kind to a process exit code.
 */
import { quote } from './echo';
import type { Problem } from './rules/problem';

export type ErrorKind =
  | 'usage' // bad flag, invalid value, a prompt needed but input is off → 64
  | 'validation' // invalid stack file or input value, a referenced thing missing → 64
  | 'not-found' // the resource a command acts on does not exist → 1
  | 'conflict' // AWS refused because of existing state (priority in use, duplicate) → 1
  | 'aws' // any other AWS failure → 1
  | 'auth' // credentials missing/invalid, access denied → 77
  | 'cancelled' // declined confirmation, Ctrl-C → 130
  | 'internal'; // a bug → 1

/**
 * Problem codes: what the rulebook (src/core/rules) finds in an input, whichever face it came
 * from (flags, a stack file, the wizard). A stack file and the equivalent command report the
 * same code for the same mistake.
 */
const PROBLEM_CODES = {
  E_YAML: 'validation', // the stack file is not YAML, or not one document of text
  E_VERSION: 'validation', // an unsupported stack file version
  E_TYPE: 'validation', // a value of the wrong type (text for a number, …)
  E_UNKNOWN_KEY: 'validation', // a field the stack file format does not have
  E_REQUIRED: 'validation', // a required field or flag is missing
  E_ENUM: 'validation', // a value that is not one of the allowed words
  E_RANGE: 'validation', // a number outside its range, or not a whole number
  E_NAME: 'validation', // a load balancer, target group, stack or rule name breaks the naming rules
  E_FORMAT: 'validation', // an ID, ARN, policy or region name of the wrong form
  E_DUPLICATE: 'validation', // the same thing listed or declared twice
  E_REFERENCE: 'validation', // a stack refers to a target group it does not declare
  E_LIMIT: 'validation', // a fixed API limit exceeded (condition values, wildcards, tags, …)
  E_PROTOCOL: 'validation', // a protocol that does not fit the load balancer, listener or target group
  E_CERTIFICATE: 'validation', // a certificate or TLS policy where it does not belong, or missing
  E_HEALTH_CHECK: 'validation', // a health check setting AWS would refuse
  E_TARGET: 'validation', // a target that is malformed or does not fit its target group
  E_SUBNETS: 'validation', // subnets that cannot carry the load balancer
  E_SECURITY_GROUPS: 'validation', // security groups that cannot be attached
  E_CROSS_ZONE: 'validation', // cross-zone set where it cannot be
  E_STICKINESS: 'validation', // stickiness settings that do not go together
  E_ACTION: 'validation', // an action that is malformed or does not fit its listener
  E_CONDITION: 'validation', // a rule condition AWS would refuse
  E_PRIORITY: 'validation', // a rule priority that cannot be used
  E_ATTRIBUTE: 'validation', // an unknown attribute, or a value it does not take
  E_CONFLICT: 'validation', // two fields (or flags) that set the same thing
  E_TARGET_GROUP: 'validation', // target group settings that do not go together
  E_TAG: 'validation', // a tag AWS or elbctl would refuse
  E_RULES_ALB_ONLY: 'validation', // rules on a listener that cannot have them
  E_METRICS: 'validation', // a metric, statistic, window or period that cannot be read
  E_MISSING_REFERENCE: 'validation', // a referenced subnet, security group, instance, VPC, target group is missing
  E_GUARD: 'validation', // a shift guard the load balancer cannot answer
  E_S3_URL: 'validation', // a trust store bundle or revocation list not written as s3://BUCKET/KEY
  E_MUTUAL_TLS: 'validation', // mutual TLS settings that do not go together or do not fit the listener
  E_CAPACITY: 'validation', // an LCU reservation the load balancer cannot take
  E_SECRET_FLAG: 'validation', // a client secret written as a flag's value (it belongs in --client-secret-env or stdin)
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Every code elbctl reports, with its kind. Closed: a code not listed here does not type-check. */
const ERROR_CODES = {
  ...PROBLEM_CODES,
  // usage
  E_USAGE: 'usage', // flags that do not go together, an empty argument
  E_NO_FILE: 'usage', // a file that is missing or unreadable
  E_WRITE_FAILED: 'usage', // a file that cannot be written
  E_BAD_REF: 'usage', // a malformed LB:PORT or LB:PORT:PRIORITY
  E_AMBIGUOUS_NAME: 'usage', // a bare name that is both a load balancer and a target group
  E_BAD_OUTPUT: 'usage',
  E_BAD_ENDPOINT: 'usage',
  E_BAD_REGION: 'usage',
  E_NO_REGION: 'usage',
  E_REGION_CONFLICT: 'usage',
  E_BAD_TIMEOUT: 'usage',
  E_BAD_RETRY_MODE: 'usage',
  E_BAD_MAX_ATTEMPTS: 'usage',
  E_BAD_CA_BUNDLE: 'usage', // --ca-bundle, AWS_CA_BUNDLE or ca_bundle names no readable PEM file
  E_BAD_PROXY: 'usage', // HTTPS_PROXY or HTTP_PROXY is not a proxy URL
  E_BAD_PACING: 'usage', // ELBCTL_PACING other than on or off
  E_BAD_API_RATES: 'usage', // an ELBCTL_API_RATES entry that names no bucket or no valid size
  E_BAD_QUERY: 'usage', // a --query expression that is not JMESPath
  E_SECRET_ENV: 'usage', // the environment variable a stack names for an OIDC client secret is unset or empty
  E_SECRET_STDIN: 'usage', // --client-secret-stdin with stdin a terminal, or with no line to read
  E_SECRET_NEEDED: 'usage', // an OIDC action created without a client secret source
  E_BAD_SHELL: 'usage', // completion for a shell elbctl does not know
  E_REPEATED_FLAG: 'usage', // a single-value flag given twice
  E_CONFIRM_NEEDED: 'usage', // a confirmation is needed but no terminal can ask it
  E_DEFAULT_RULE: 'usage', // an operation the default rule does not take
  E_ALB_CROSS_ZONE: 'usage', // turning an application load balancer's cross-zone off
  E_LAMBDA_CROSS_ZONE: 'usage',
  E_TOO_MANY_SERIES: 'usage',
  E_INIT_NO_TERMINAL: 'usage',
  E_INIT_NO_DEFAULT: 'usage',
  E_INIT_NO_DEFAULT_VPC: 'usage',
  E_INIT_NO_VPC: 'usage',
  E_INIT_NO_SUBNETS: 'usage',
  E_INIT_ONE_ZONE: 'usage',
  // validation (files elbctl reads or made)
  E_STACK_INVALID: 'validation', // a stack file with problems (each carries its own problem code)
  E_INVALID_INPUT: 'validation', // flags with problems (each carries its own problem code)
  E_PLAN_INVALID: 'validation',
  E_PLAN_STACK: 'validation',
  E_INIT_INVALID: 'internal',
  E_EXPORT_INVALID: 'internal',
  // not found: the resource a command acts on
  E_NOT_FOUND: 'not-found',
  E_NO_TARGETS: 'not-found',
  // conflicts with existing state
  E_PRIORITY_IN_USE: 'conflict',
  E_NO_FREE_PRIORITY: 'conflict',
  E_LB_EXISTS: 'conflict',
  E_TG_EXISTS: 'conflict',
  E_TRUST_STORE_EXISTS: 'conflict', // a trust store of that name exists in the Region
  E_LISTENER_EXISTS: 'conflict',
  E_IN_USE: 'conflict',
  E_NOT_PERMITTED: 'conflict',
  E_DELETION_PROTECTED: 'conflict',
  E_OWNED_BY_ANOTHER_STACK: 'conflict',
  E_PLAN_STALE: 'conflict',
  E_PLAN_BLOCKED: 'conflict',
  E_SHIFT_IN_PROGRESS: 'conflict', // a shift is recorded on the listener or rule
  E_SHIFT_NOT_READY: 'conflict', // --to has no targets, or targets that are not healthy
  E_SHIFT_SUPERSEDED: 'conflict', // the record changed under a running shift (aborted or taken over elsewhere)
  E_CAPACITY_PENDING: 'conflict', // the previous LCU reservation change is still being provisioned
  E_CAPACITY_DECREASE_LIMIT: 'conflict', // no reservation decreases left today
  E_NO_SHIFT: 'conflict', // resume or abort where no shift is recorded
  E_SHIFT_UNREADABLE: 'conflict', // a record this elbctl cannot read
  E_SHIFT_ELSEWHERE: 'conflict', // resume: live weights match no step of the recorded shift
  E_ALARM_NOT_OURS: 'conflict', // an alarm with elbctl's name that elbctl did not create
  E_NO_METRICS: 'conflict', // a target group no load balancer uses publishes no metrics
  E_MIGRATE_BLOCKED: 'conflict', // migrate: a finding needs a manual step; the file is written, nothing applied
  E_MIGRATE_PARITY: 'conflict', // migrate: the new load balancer does not match the Classic one yet; no traffic moved
  E_BOTH_KINDS: 'usage', // a name that is both a Classic and an ELBv2 load balancer
  // AWS
  E_AWS: 'aws',
  E_AWS_REJECTED: 'aws',
  E_THROTTLED: 'aws',
  E_QUOTA: 'aws',
  E_NETWORK: 'aws',
  E_TLS_UNTRUSTED: 'aws', // an endpoint's certificate Node does not trust (TLS inspection without --ca-bundle)
  E_WAIT_TIMEOUT: 'aws',
  E_WAIT_IMPOSSIBLE: 'aws', // --wait healthy on a target group whose health checks are off
  E_APPLY_FAILED: 'aws',
  E_ROTATE_UNVERIFIED: 'aws', // after a rotation the listener does not present the new certificate; the old one was kept
  E_SHIFT_ROLLED_BACK: 'aws', // a guard failed, data ran short or weights did not land: rolled back
  E_SHIFT_ROLLBACK_FAILED: 'aws', // the rollback itself failed: live weights in the result
  E_SHIFT_NOT_STARTED: 'aws', // recording the shift failed: nothing was changed
  // auth
  E_NO_CREDENTIALS: 'auth',
  E_ACCESS_DENIED: 'auth',
  E_UNKNOWN_PROFILE: 'auth', // --profile or AWS_PROFILE names a profile the shared files do not have
  E_MFA_REQUIRED: 'auth', // a role profile needs an MFA code and input is off
  // cancelled
  E_CANCELLED: 'cancelled',
  E_DECLINED: 'cancelled',
  E_SHIFT_INTERRUPTED: 'cancelled', // Ctrl-C during a shift: rolled back (or left, with --no-rollback-on-abort)
  // bugs
  E_INTERNAL: 'internal',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;
/** The kind a code belongs to. */
export type KindOf<C extends ErrorCode> = (typeof ERROR_CODES)[C];
type CodeOfKind<K extends ErrorKind> = { [C in ErrorCode]: KindOf<C> extends K ? C : never }[ErrorCode];

export interface ElbctlErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
  details?: readonly string[];
  /** Every problem found (each with its own code), when the error reports a validation. */
  problems?: readonly Problem[];
}

export class ElbctlError<C extends ErrorCode = ErrorCode> extends Error {
  readonly kind: ErrorKind;
  /** Stable, machine-readable code (e.g. `E_NAME`). Never derived from message text. */
  readonly code: C;
  readonly hint: string | undefined;
  /** Extra lines (e.g. every problem found by a validator). */
  readonly details: readonly string[];
  readonly problems: readonly Problem[];

  /** `kind` must be the code's kind in ERROR_CODES (checked by the compiler). */
  constructor(kind: KindOf<C>, code: C, message: string, options: ElbctlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ElbctlError';
    this.kind = kind;
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? [];
    this.problems = options.problems ?? [];
  }
}

export const usageError = (code: CodeOfKind<'usage'>, message: string, options?: ElbctlErrorOptions): ElbctlError =>
  new ElbctlError<ErrorCode>('usage', code, message, options);

export const validationError = (
  code: CodeOfKind<'validation'>,
  message: string,
  options?: ElbctlErrorOptions,
): ElbctlError => new ElbctlError<ErrorCode>('validation', code, message, options);

export const notFoundError = (what: string, name: string, options?: ElbctlErrorOptions): ElbctlError =>
  new ElbctlError('not-found', 'E_NOT_FOUND', `${what} ${quote(name)}: not found`, options);

export const cancelledError = (message = 'cancelled: nothing was changed'): ElbctlError =>
  new ElbctlError('cancelled', 'E_CANCELLED', message);

export const isElbctlError = (e: unknown): e is ElbctlError => e instanceof ElbctlError;

/**
 * One validation error carrying every problem: the first is the message, the others details;
 * its code is the first problem's (the condition), and each problem keeps its own.
 */
export function problemsError(problems: readonly Problem[], hint?: string): ElbctlError {
  const [first, ...rest] = problems;
  if (first === undefined) return new ElbctlError('internal', 'E_INTERNAL', 'no problem to report');
  return new ElbctlError<ErrorCode>('validation', first.code, first.message, {
    details: rest.map((p) => p.message),
    problems,
    hint,
  });
}

/** Throws the validation error for these problems, or returns when there is none. */
export function throwIfProblems(problems: readonly Problem[], hint?: string): void {
  if (problems.length > 0) throw problemsError(problems, hint);
}

/** Collects every problem found in one input before failing, so the user fixes them all at once. */
export class Problems {
  private readonly items: Problem[] = [];

  add(code: ProblemCode, message: string): void {
    this.items.push({ code, message, path: [] });
  }

  addAll(problems: readonly Problem[]): void {
    for (const p of problems) this.items.push(p);
  }

  /** Messages from a check that words its own problems, all of one condition. */
  addMessages(code: ProblemCode, messages: readonly string[]): void {
    for (const message of messages) this.items.push({ code, message, path: [] });
  }

  get list(): readonly Problem[] {
    return this.items;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Throws a validation error carrying every problem, or returns when there is none. */
  throwIfAny(hint?: string): void {
    throwIfProblems(this.items, hint);
  }
}
