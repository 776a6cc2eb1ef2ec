import { loadStack, loadStackOrThrow } from '../../../src/core/stack/load';
import type { DesiredStack } from '../../../src/core/stack/model';

/** Strips the first newline and the common indentation, so documents can be written inline. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim().length > 0).map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}

/**
 * Every problem as `LINE:COL CODE message`, in file order. With DEBUG_CARET=1 it also prints
 * each problem's source line with a caret under the column, to check positions by eye.
 */
export function problemsOf(text: string): string[] {
  const r = loadStack(text, 'stack.yaml');
  if (process.env.DEBUG_CARET && !r.ok) {
    const lines = text.split('\n');
    for (const p of r.problems) {
      process.stderr.write(
        `${p.line}:${p.column} ${p.message.slice(0, 60)}\n  ${(lines[p.line - 1] ?? '').slice(0, 160)}\n  ${' '.repeat(p.column - 1)}^\n`,
      );
    }
  }
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`);
}

export function desiredOf(text: string): DesiredStack {
  return loadStackOrThrow(text, 'stack.yaml').stack;
}

export const SUBNETS = '[subnet-0123456789abcdef0, subnet-0123456789abcdef1]';
export const VPC = 'vpc-0123456789abcdef0';
export const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

/** The quota warnings of a valid file as `LINE:COL message` (quotas are adjustable: never a problem). */
export function quotaWarningsOf(text: string): string[] {
  const r = loadStack(text, 'stack.yaml');
  if (!r.ok) throw new Error(`expected a valid stack, got: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.warnings.filter((w) => w.code === 'W_QUOTA').map((w) => `${w.line}:${w.column} ${w.message}`);
}
