/**
 * Progress on stderr: a spinner on a TTY, plain timestamped-free lines otherwise (CI logs),
 * nothing with --quiet (warnings included).
 */
import type { IO } from './io';
import type { Theme } from './theme';

export interface Progress {
  /** Begin a long step (a spinner on a TTY, one line otherwise). */
  start(text: string): void;
  /** Change the running step's text (TTY only; plain output stays quiet to keep CI logs short). */
  update(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
  /** A one-off informational line. */
  info(text: string): void;
  warn(text: string): void;
}

interface Spinner {
  text: string;
  start(): Spinner;
  succeed(text?: string): Spinner;
  fail(text?: string): Spinner;
  stop(): Spinner;
}

type SpinnerFactory = (options: {
  text: string;
  stream: NodeJS.WriteStream;
  color: 'cyan';
  discardStdin: false;
}) => Spinner;

/**
 * ora, loaded only where a spinner may show (progress on a terminal's stderr, not --quiet): it
 * is a chunk of its own in dist/, and CI output never reads it.
 */
export async function loadSpinner(io: IO, quiet: boolean): Promise<SpinnerFactory | undefined> {
  if (quiet || !io.stderr.isTTY || !io.stderr.raw) return undefined;
  return (await import('ora')).default as unknown as SpinnerFactory;
}

export function createProgress(io: IO, theme: Theme, quiet: boolean, ora?: SpinnerFactory): Progress {
  if (quiet) {
    const none = () => undefined;
    return {
      start: none,
      update: none,
      succeed: none,
      fail: none,
      info: none,
      // -q is quiet: warnings too (errors still print; they are not progress).
      warn: none,
    };
  }
  let spinner: Spinner | undefined;
  const line = (text: string) => io.stderr.write(`${text}\n`);
  const stopSpinner = () => {
    spinner?.stop();
    spinner = undefined;
  };
  return {
    start(text) {
      // A terminal that reports no width (a pty nobody sized) would make the spinner clear
      // an unbounded number of lines; plain lines are the safe fallback there.
      if (ora && io.stderr.isTTY && io.stderr.raw && (io.stderr.raw.columns ?? 0) > 0) {
        stopSpinner();
        spinner = ora({ text, stream: io.stderr.raw, color: 'cyan', discardStdin: false }).start();
      } else {
        line(`… ${text}`);
      }
    },
    update(text) {
      if (spinner) spinner.text = text;
    },
    succeed(text) {
      if (spinner) {
        spinner.succeed(text);
        spinner = undefined;
      } else line(`${theme.ok('✓')} ${text}`);
    },
    fail(text) {
      if (spinner) {
        spinner.fail(text);
        spinner = undefined;
      } else line(`${theme.error('✗')} ${text}`);
    },
    info(text) {
      stopSpinner();
      line(text);
    },
    warn(text) {
      stopSpinner();
      line(`${theme.warn('warning:')} ${text}`);
    },
  };
}
