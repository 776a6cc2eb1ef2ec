/**
 * A secret value (an OIDC client secret) inside elbctl: its text leaves only through `reveal()`,
 * which only the AWS boundary calls to put it in a request. Printing it, turning it into JSON
 * (results, saved plans, exports) or inspecting it (`--debug`, error dumps) shows `[redacted]`.
 */
const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The text, for the request that needs it; never for output. */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}
