/**
 * The one error family. Every failure elbctl reports is an ElbctlError with a stable code;
 * src/cli/exit-codes.ts maps the kind to a process exit code, in one place.
 */

export type ErrorKind =
  | 'usage' // bad flag, invalid value, a prompt needed but input is off → 64
  | 'validation' // invalid stack file or input value → 64
  | 'not-found' // a named resource does not exist → 1
  | 'conflict' // AWS refused because of existing state (priority in use, duplicate) → 1
  | 'aws' // any other AWS failure → 1
  | 'auth' // credentials missing/invalid, access denied → 77
  | 'cancelled' // declined confirmation, Ctrl-C → 130
  | 'internal'; // a bug → 1

export interface ElbctlErrorOptions {
  hint?: string;
  cause?: unknown;
  details?: readonly string[];
}

export class ElbctlError extends Error {
  readonly kind: ErrorKind;
  /** Stable, machine-readable code (e.g. `E_NAME_INVALID`). Never derived from message text. */
  readonly code: string;
  readonly hint: string | undefined;
  /** Extra lines (e.g. every problem found by a validator). */
  readonly details: readonly string[];

  constructor(kind: ErrorKind, code: string, message: string, options: ElbctlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ElbctlError';
    this.kind = kind;
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

export const usageError = (code: string, message: string, options?: ElbctlErrorOptions): ElbctlError =>
  new ElbctlError('usage', code, message, options);

export const validationError = (code: string, message: string, options?: ElbctlErrorOptions): ElbctlError =>
  new ElbctlError('validation', code, message, options);

export const notFoundError = (what: string, name: string, options?: ElbctlErrorOptions): ElbctlError =>
  new ElbctlError('not-found', 'E_NOT_FOUND', `${what} "${name}": not found`, options);

export const cancelledError = (message = 'cancelled: nothing was changed'): ElbctlError =>
  new ElbctlError('cancelled', 'E_CANCELLED', message);

export const isElbctlError = (e: unknown): e is ElbctlError => e instanceof ElbctlError;

/**
 * Collects every problem found in one input before failing, so the user fixes them all at once.
 */
export class Problems {
  private readonly items: string[] = [];

  add(message: string): void {
    this.items.push(message);
  }

  addAll(messages: readonly string[]): void {
    for (const m of messages) this.items.push(m);
  }

  get list(): readonly string[] {
    return this.items;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Throws a validation error carrying every problem, or returns when there is none. */
  throwIfAny(code = 'E_INVALID_INPUT'): void {
    if (this.items.length === 0) return;
    const [first, ...rest] = this.items;
    throw validationError(code, first as string, { details: rest });
  }
}
