/**
 * A change in place as people read it before approving it: a header naming the resource, one
 * line per field (`label: before → after`, the plan view's lines), what it removes for good
 * marked in red. Pure; printed on stderr by src/commands/modify/flow.ts.
 */
import type { Theme } from './theme';

export interface ModifyPreview {
  /** `listener web:443` */
  title: string;
  lines: readonly string[];
  /** Why it cannot be undone by running the command again (removing authentication, dropping certificates…). */
  destructive: readonly string[];
}

export function renderModification(preview: ModifyPreview, theme: Theme): string {
  const out = [theme.warn(`~ ${preview.title}`)];
  for (const line of preview.lines) out.push(`    ${line}`);
  for (const d of preview.destructive) out.push(`    ${theme.error(`! ${d}`)}`);
  return `${out.join('\n')}\n`;
}
