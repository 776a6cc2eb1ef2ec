/**
 * The only chalk import. Colour is on only when the stream is a TTY and neither NO_COLOR
 * nor --no-color says otherwise (FORCE_COLOR forces it on).
 */
import type { ChalkInstance } from 'chalk';

export interface Theme {
  readonly enabled: boolean;
  ok(text: string): string;
  warn(text: string): string;
  error(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
  /** Colour for a health/plan state word. */
  state(text: string): string;
}

export function colorEnabled(opts: {
  isTTY: boolean;
  noColorFlag: boolean;
  env: Readonly<Record<string, string | undefined>>;
}): boolean {
  if (opts.noColorFlag) return false;
  const force = opts.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
  return opts.isTTY;
}

const GOOD = new Set(['healthy', 'active', 'pass', 'create', 'in-service']);
const BAD = new Set(['unhealthy', 'failed', 'fail', 'delete', 'unhealthy.draining']);
const MEH = new Set([
  'initial',
  'draining',
  'unused',
  'provisioning',
  'warn',
  'update',
  'replace',
  'move',
  'unavailable',
]);

/** No colour: every style is the text itself (what chalk gives at level 0), without loading chalk. */
const PLAIN: Theme = {
  enabled: false,
  ok: (t) => t,
  warn: (t) => t,
  error: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
  accent: (t) => t,
  state: (t) => t,
};

export function makeTheme(enabled: boolean): Theme {
  // chalk (and the terminal probing it does when loaded) only for output that is coloured
  if (!enabled) return PLAIN;
  const { Chalk }: typeof import('chalk') = require('chalk');
  const c: ChalkInstance = new Chalk({ level: 1 });
  return {
    enabled,
    ok: (t) => c.green(t),
    warn: (t) => c.yellow(t),
    error: (t) => c.red(t),
    dim: (t) => c.dim(t),
    bold: (t) => c.bold(t),
    accent: (t) => c.cyan(t),
    state: (t) => (GOOD.has(t) ? c.green(t) : BAD.has(t) ? c.red(t) : MEH.has(t) ? c.yellow(t) : t),
  };
}
