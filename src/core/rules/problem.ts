/** What a rule returns: a stable code, a message in the house style, and the path of the value it is about. */
import type { ProblemCode } from '../errors';
import type { QuotaCheck } from './quotas';

/** A key or index in a stack file (or in a resource's spec), from the resource down to the value. */
export type PathSegment = string | number;

export interface Problem {
  code: ProblemCode;
  message: string;
  /** Relative to the spec the rule was given; the stack face prefixes it and turns it into FILE:LINE:COL. */
  path: PathSegment[];
}

/** A warning (a secure default weakened, a quota near or over its default): printed, never a refusal. */
export interface Warning {
  message: string;
  path: PathSegment[];
  /** For a count over a quota's documented default: what a live command judges again with the account's value. */
  quota?: QuotaCheck;
}

export const problem = (code: ProblemCode, message: string, path: PathSegment[] = []): Problem => ({
  code,
  message,
  path,
});

/** The same problems, their paths under `prefix`. */
export function under(prefix: readonly PathSegment[], problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: [...prefix, ...p.path] }));
}

/** Who the user is talking to elbctl through: flags on a command line, or a stack file (or the wizard, which writes one). */
export type Face = 'flags' | 'stack';
