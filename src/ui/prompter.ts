/**
 * The only inquirer import. Commands and the wizard ask through the Prompter interface so
 * tests can script every answer (and fail on any unexpected question).
 */
import { cancelledError } from '../core/errors';

export interface Choice<T> {
  name: string;
  value: T;
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
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
    select: <T>(message: string, choices: readonly Choice<T>[], options?: { default?: T }) =>
      guard(() =>
        load().select<T>(
          {
            message,
            choices: choices.map((c) => ({
              name: c.name,
              value: c.value,
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

/**
 * A prompter for tests and for `--no-input`: answers come from a script in order; any
 * question not in the script fails the test (or, with input off, is a usage error).
 */
export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];

  constructor(private readonly answers: Array<{ match: string | RegExp; answer: unknown }> = []) {}

  private next(kind: string, message: string): unknown {
    this.asked.push(message);
    const step = this.answers.shift();
    if (!step) throw new Error(`unexpected ${kind} prompt: "${message}"`);
    const ok = typeof step.match === 'string' ? message.includes(step.match) : step.match.test(message);
    if (!ok) throw new Error(`unexpected ${kind} prompt: "${message}" (expected one matching ${String(step.match)})`);
    if (step.answer instanceof Error) throw step.answer;
    return step.answer;
  }

  get remaining(): number {
    return this.answers.length;
  }

  async confirm(message: string): Promise<boolean> {
    return this.next('confirm', message) as boolean;
  }

  async input(message: string, options?: { validate?: (value: string) => string | undefined }): Promise<string> {
    const answer = this.next('input', message) as string;
    const problem = options?.validate?.(answer);
    if (problem) throw new Error(`scripted answer "${answer}" to "${message}" is invalid: ${problem}`);
    return answer;
  }

  async select<T>(message: string): Promise<T> {
    return this.next('select', message) as T;
  }

  async checkbox<T>(message: string): Promise<T[]> {
    return this.next('checkbox', message) as T[];
  }
}
