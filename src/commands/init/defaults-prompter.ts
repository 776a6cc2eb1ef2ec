/**
 * `init --defaults`: the wizard's questions answered by their defaults, without a terminal.
 * The flow is the same as on a terminal, so `--defaults` yields exactly what pressing Enter at
 * every prompt would. A question that has no default here (say, no default VPC to preselect)
 * is a usage error naming it: only a person can answer it.
 */
import { usageError } from '../../core/errors';
import type { Choice, Prompter } from '../../ui/prompter';

const ASK_A_PERSON =
  'run `elbctl init` on a terminal to answer it, or write a stack file and run `elbctl apply -f FILE`';

function noDefault(message: string) {
  return usageError('E_INIT_NO_DEFAULT', `init --defaults: "${message}" has no default answer here; ${ASK_A_PERSON}`);
}

function defaultRefused(message: string, problem: string) {
  return usageError(
    'E_INIT_NO_DEFAULT',
    `init --defaults: the default answer to "${message}" does not fit: ${problem}; ${ASK_A_PERSON}`,
  );
}

export function defaultsPrompter(): Prompter {
  return {
    async confirm(_message, options) {
      return options?.default ?? false;
    },
    async input(message, options) {
      if (options?.default === undefined) throw noDefault(message);
      const problem = options.validate?.(options.default);
      if (problem) throw defaultRefused(message, problem);
      return options.default;
    },
    async password(message) {
      throw noDefault(message);
    },
    async select<T>(message: string, _choices: readonly Choice<T>[], options?: { default?: T }): Promise<T> {
      if (options?.default === undefined) throw noDefault(message);
      return options.default;
    },
    async checkbox<T>(
      message: string,
      choices: readonly Choice<T>[],
      options?: { validate?: (values: readonly T[]) => string | undefined },
    ): Promise<T[]> {
      const checked = choices.filter((c) => c.checked === true).map((c) => c.value);
      const problem = options?.validate?.(checked);
      if (problem) throw defaultRefused(message, problem);
      return checked;
    },
  };
}
