/**
 * The one place where failures become process exit codes (cli-surface.md "Exit codes").
 */
import type { ErrorKind } from '../core/errors';

export const EXIT = {
  ok: 0,
  failed: 1,
  changesPresent: 2,
  usage: 64,
  auth: 77,
  cancelled: 130,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'usage':
    case 'validation':
      return EXIT.usage;
    case 'auth':
      return EXIT.auth;
    case 'cancelled':
      return EXIT.cancelled;
    case 'not-found':
    case 'conflict':
    case 'aws':
    case 'internal':
      return EXIT.failed;
  }
}
