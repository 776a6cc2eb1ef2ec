/** `--dry-run` and `--detailed-exitcode`, which every verb that changes a resource in place takes. */
import type { DryRunFlags } from '../../commands/modify/flow';
import type { OptionSpec } from '../spec';

export function dryRunOptions<O extends DryRunFlags>(): Array<OptionSpec<O>> {
  return [
    {
      flags: '--dry-run',
      key: 'dryRun' as keyof O & string,
      description: 'show the change (before → after) and change nothing',
    },
    {
      flags: '--detailed-exitcode',
      key: 'detailedExitcode' as keyof O & string,
      description: 'with --dry-run: exit 2 when something would change, 0 when nothing would',
    },
  ];
}
