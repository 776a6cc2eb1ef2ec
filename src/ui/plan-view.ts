/**
 * The plan, as people read it: one block per change with its symbol coloured by what it does,
 * the unmanaged resources in the way, and a summary line. Pure. (Warnings go to stderr, once,
 * through the progress reporter: see src/commands/stack/common.ts.)
 */
import { CHANGE_STYLE, describeChange, describeSummary, describeUnmanaged } from '../core/stack/describe';
import type { Plan } from '../core/stack/plan';
import type { Theme } from './theme';

export function renderPlan(plan: Plan, theme: Theme): string {
  const tone = { ok: theme.ok, warn: theme.warn, error: theme.error } as const;
  const lines: string[] = [theme.bold(`Plan for stack "${plan.stack}":`)];
  if (plan.isEmpty) lines.push('  no changes: the live state matches the stack');
  for (const change of plan.changes) {
    const [header, ...details] = describeChange(change);
    const colour = tone[CHANGE_STYLE[change.action].tone];
    lines.push(`  ${colour(header ?? '')}`);
    for (const d of details) lines.push(`  ${theme.dim(d)}`);
  }
  if (plan.unmanaged.length > 0) {
    lines.push('', theme.error('Unmanaged resources in the way (the apply refuses until they are resolved):'));
    for (const u of plan.unmanaged) lines.push(`  ${theme.error(describeUnmanaged(u))}`);
  }
  lines.push('', `${theme.bold('Plan:')} ${describeSummary(plan)}.`);
  return `${lines.join('\n')}\n`;
}
