/**
 * The only way elbctl writes to the terminal. stdout carries results only; everything else
 * (progress, warnings, errors, prompts) goes to stderr. Tests build a FakeIO.
 */

export interface Stream {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns: number;
  /** The underlying terminal stream, when there is one (spinners need cursor control). */
  readonly raw?: NodeJS.WriteStream;
}

export interface IO {
  readonly stdout: Stream;
  readonly stderr: Stream;
  /** Whether stdin is a terminal a prompt could read from. */
  readonly stdinIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

function wrap(stream: NodeJS.WriteStream): Stream {
  return {
    write: (text: string) => {
      stream.write(text);
    },
    get isTTY() {
      return Boolean(stream.isTTY);
    },
    get columns() {
      return stream.columns || 100;
    },
    raw: stream,
  };
}

export function processIO(): IO {
  return {
    stdout: wrap(process.stdout),
    stderr: wrap(process.stderr),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
  };
}

/** An in-memory IO for tests: captures both streams. */
export class FakeIO implements IO {
  out = '';
  err = '';
  readonly stdout: Stream;
  readonly stderr: Stream;

  constructor(
    readonly options: {
      tty?: boolean;
      stdinTTY?: boolean;
      columns?: number;
      env?: Record<string, string | undefined>;
    } = {},
  ) {
    const tty = options.tty ?? false;
    const columns = options.columns ?? 120;
    this.stdout = {
      write: (t) => {
        this.out += t;
      },
      isTTY: tty,
      columns,
    };
    this.stderr = {
      write: (t) => {
        this.err += t;
      },
      isTTY: tty,
      columns,
    };
  }

  get stdinIsTTY(): boolean {
    return this.options.stdinTTY ?? this.options.tty ?? false;
  }

  get env(): Record<string, string | undefined> {
    return this.options.env ?? {};
  }
}
