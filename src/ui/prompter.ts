/**
 * The only inquirer import. Commands and the wizard ask through the Prompter interface so
 * tests can script every answer (and fail on any unexpected question).
 */
import { isDeepStrictEqual } from 'node:util';
import { cancelledError } from '../core/errors';

export interface Choice<T> {
  name: string;
  value: T;
  /** What the answered prompt shows instead of the whole name (e.g. just the ID). */
  short?: string;
  description?: string;
  checked?: boolean;
  disabled?: boolean | string;
}

export interface Prompter {
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  input(
    message: string,
    options?: { default?: string; validate?: (value: string) => string | undefined },
  ): Promise<string>;
  select<T>(message: string, choices: readonly Choice<T>[], options?: { default?: T }): Promise<T>;
  /** A secret (an MFA code): typed characters show as `*`, and the answer is never echoed. */
  password(message: string): Promise<string>;
  checkbox<T>(
    message: string,
    choices: readonly Choice<T>[],
    options?: { validate?: (values: readonly T[]) => string | undefined },
  ): Promise<T[]>;
}

function isPromptCancel(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError');
}

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (e) {
    if (isPromptCancel(e)) throw cancelledError('cancelled at the prompt: nothing was changed');
    throw e;
  }
}

/** Inquirer-backed prompter writing to stderr (stdout carries results only). */
export function inquirerPrompter(): Prompter {
  // Loaded lazily: only a command that actually asks pays for inquirer.
  const load = () => require('@inquirer/prompts') as typeof import('@inquirer/prompts');
  const context = { output: process.stderr };
  return {
    confirm: (message, options) =>
      guard(() => load().confirm({ message, default: options?.default ?? false }, context)),
    input: (message, options) =>
      guard(() =>
        load().input(
          {
            message,
            ...(options?.default !== undefined ? { default: options.default } : {}),
            validate: (v: string) => options?.validate?.(v) ?? true,
          },
          context,
        ),
      ),
    password: (message) => guard(() => load().password({ message, mask: '*' }, context)),
    select: <T>(message: string, choices: readonly Choice<T>[], options?: { default?: T }) =>
      guard(() =>
        load().select<T>(
          {
            message,
            choices: choices.map((c) => ({
              name: c.name,
              value: c.value,
              ...(c.short !== undefined ? { short: c.short } : {}),
              ...(c.description !== undefined ? { description: c.description } : {}),
              ...(c.disabled !== undefined ? { disabled: c.disabled } : {}),
            })),
            ...(options?.default !== undefined ? { default: options.default } : {}),
          },
          context,
        ),
      ),
    checkbox: <T>(
      message: string,
      choices: readonly Choice<T>[],
      options?: { validate?: (values: readonly T[]) => string | undefined },
    ) =>
      guard(() =>
        load().checkbox<T>(
          {
            message,
            choices: choices.map((c) => ({
              name: c.name,
              value: c.value,
              ...(c.short !== undefined ? { short: c.short } : {}),
              ...(c.checked !== undefined ? { checked: c.checked } : {}),
              ...(c.disabled !== undefined ? { disabled: c.disabled } : {}),
            })),
            validate: (items: readonly { value: T }[]) => options?.validate?.(items.map((i) => i.value)) ?? true,
          },
          context,
        ),
      ),
  };
}

/** What a ScriptedPrompter was asked, with the choices and default it was offered. */
export interface AskedPrompt {
  kind: 'confirm' | 'input' | 'password' | 'select' | 'checkbox';
  message: string;
  default?: unknown;
  /** select and checkbox: the values offered, in order (checked ones for checkbox under `checked`). */
  choices?: unknown[];
  checked?: unknown[];
}

/**
 * A prompter for tests and for `--no-input`: answers come from a script in order; any
 * question not in the script fails the test (or, with input off, is a usage error).
 *
 * Like inquirer, an `input` or `checkbox` answer its `validate` refuses is asked again: when the
 * next scripted step matches the same question it answers the retry (the refusal is recorded in
 * `rejected`); otherwise the run fails, naming the refused answer and the reason. A `select`
 * answer must be one of the choices offered. `ScriptedPrompter.DEFAULT` stands for pressing
 * Enter: the default (input, select, confirm) or the pre-checked choices (checkbox).
 */
export class ScriptedPrompter implements Prompter {
  static readonly DEFAULT: unique symbol = Symbol('press Enter');
  readonly asked: string[] = [];
  readonly prompts: AskedPrompt[] = [];
  readonly rejected: Array<{ message: string; answer: unknown; problem: string }> = [];

  constructor(private readonly answers: Array<{ match: string | RegExp; answer: unknown }> = []) {}

  private static matches(match: string | RegExp, message: string): boolean {
    return typeof match === 'string' ? message.includes(match) : match.test(message);
  }

  private next(
    kind: AskedPrompt['kind'],
    message: string,
    offered: Omit<AskedPrompt, 'kind' | 'message'> = {},
  ): unknown {
    this.asked.push(message);
    this.prompts.push({ kind, message, ...offered });
    const step = this.answers.shift();
    if (!step) throw new Error(`unexpected ${kind} prompt: "${message}"`);
    if (!ScriptedPrompter.matches(step.match, message)) {
      throw new Error(`unexpected ${kind} prompt: "${message}" (expected one matching ${String(step.match)})`);
    }
    if (step.answer instanceof Error) throw step.answer;
    return step.answer;
  }

  /** Whether the next scripted step answers this same question again (a retry after a refusal). */
  private retryScripted(message: string): boolean {
    const step = this.answers[0];
    return step !== undefined && ScriptedPrompter.matches(step.match, message);
  }

  get remaining(): number {
    return this.answers.length;
  }

  async confirm(message: string, options?: { default?: boolean }): Promise<boolean> {
    const answer = this.next('confirm', message, { default: options?.default });
    return answer === ScriptedPrompter.DEFAULT ? (options?.default ?? false) : (answer as boolean);
  }

  async input(
    message: string,
    options?: { default?: string; validate?: (value: string) => string | undefined },
  ): Promise<string> {
    for (;;) {
      const raw = this.next('input', message, { default: options?.default });
      const answer = raw === ScriptedPrompter.DEFAULT ? (options?.default ?? '') : (raw as string);
      const problem = options?.validate?.(answer);
      if (!problem) return answer;
      if (!this.retryScripted(message))
        throw new Error(`scripted answer "${answer}" to "${message}" is invalid: ${problem}`);
      this.rejected.push({ message, answer, problem });
    }
  }

  async password(message: string): Promise<string> {
    return this.next('password', message) as string;
  }

  async select<T>(message: string, choices: readonly Choice<T>[] = [], options?: { default?: T }): Promise<T> {
    const values = choices.map((c) => c.value);
    const raw = this.next('select', message, { default: options?.default, choices: values });
    if (raw === ScriptedPrompter.DEFAULT) {
      if (options?.default === undefined)
        throw new Error(`scripted Enter at "${message}": the question has no default`);
      return options.default;
    }
    if (choices.length === 0) return raw as T;
    const choice = choices.find((c) => isDeepStrictEqual(c.value, raw));
    if (!choice || (choice.disabled !== undefined && choice.disabled !== false)) {
      throw new Error(
        `scripted answer ${JSON.stringify(raw)} to "${message}" is not an enabled choice: ${JSON.stringify(values)}`,
      );
    }
    return choice.value;
  }

  async checkbox<T>(
    message: string,
    choices: readonly Choice<T>[] = [],
    options?: { validate?: (values: readonly T[]) => string | undefined },
  ): Promise<T[]> {
    const values = choices.map((c) => c.value);
    const checked = choices.filter((c) => c.checked === true).map((c) => c.value);
    for (;;) {
      const raw = this.next('checkbox', message, { choices: values, checked });
      let answer: T[];
      if (raw === ScriptedPrompter.DEFAULT) answer = checked;
      else if (choices.length === 0) answer = raw as T[];
      else {
        answer = (raw as unknown[]).map((r) => {
          const choice = choices.find((c) => isDeepStrictEqual(c.value, r));
          if (!choice)
            throw new Error(
              `scripted answer ${JSON.stringify(r)} to "${message}" is not a choice: ${JSON.stringify(values)}`,
            );
          return choice.value;
        });
      }
      const problem = options?.validate?.(answer);
      if (!problem) return answer;
      if (!this.retryScripted(message))
        throw new Error(`scripted answer ${JSON.stringify(answer)} to "${message}" is invalid: ${problem}`);
      this.rejected.push({ message, answer, problem });
    }
  }
}
