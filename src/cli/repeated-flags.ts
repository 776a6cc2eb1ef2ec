/**
 * A flag that takes one value, given twice, is a usage error naming it: commander would silently
 * keep the last value (`--type application --type network` makes a network load balancer). Flags
 * documented as repeatable (`--tag`, `--set`, `--path`…) collect every value instead.
 */
import type { Command, Option } from 'commander';
import { usageError } from '../core/errors';

const descendants = (cmd: Command): Command[] => cmd.commands.flatMap((c) => [c, ...descendants(c)]);

/** Counts each value-taking flag as commander parses it; before any command runs, refuses those given twice. */
export function refuseRepeatedFlags(root: Command, repeatable: ReadonlySet<Option>): void {
  const given = new Map<Option, number>();
  for (const cmd of [root, ...descendants(root)]) {
    for (const option of cmd.options) {
      const takesValue = option.required || option.optional;
      if (!takesValue || repeatable.has(option)) continue;
      cmd.on(`option:${option.name()}`, () => given.set(option, (given.get(option) ?? 0) + 1));
    }
  }
  root.hook('preAction', () => {
    const twice = [...given].filter(([, n]) => n > 1);
    if (twice.length === 0) return;
    const [first, ...rest] = twice.map(
      ([option, n]) => `${flagName(option)}: given ${n} times, but it takes one value; give it once`,
    );
    throw usageError('E_REPEATED_FLAG', first as string, {
      details: rest,
      hint: 'only flags documented as repeatable (such as --tag, --set, --path) may be given more than once',
    });
  });
}

function flagName(option: Option): string {
  return option.long && option.short
    ? `${option.long} (${option.short})`
    : (option.long ?? option.short ?? option.flags);
}
