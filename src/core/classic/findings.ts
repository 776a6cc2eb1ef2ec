/** What a translation found: notes (a choice made, said aloud) and blocking findings (a manual step is needed). */

type FindingSeverity = 'blocking' | 'note';

export interface Finding {
  severity: FindingSeverity;
  /** What it is about: `listener 443`, `health check`, `policy my-auth`. */
  subject: string;
  message: string;
  /** For a blocking finding: what the user does by hand. */
  manualStep?: string | undefined;
}

export const note = (subject: string, message: string): Finding => ({ severity: 'note', subject, message });

export const blocking = (subject: string, message: string, manualStep: string): Finding => ({
  severity: 'blocking',
  subject,
  message,
  manualStep,
});

export const isBlocking = (f: Finding): boolean => f.severity === 'blocking';

/** One line per finding, as the stack file's header and the command's stderr show them. */
export function findingLine(f: Finding): string {
  const step = f.manualStep ? ` → ${f.manualStep}` : '';
  return `${f.subject}: ${f.message}${step}`;
}
