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
  /** The first line of stdin (without its line break), or undefined when stdin ends first with nothing; stdin is not read further. */
  readLine(): Promise<string | undefined>;
}

/** Reads stdin up to its first line break (a secret piped in), then lets it go. */
function readFirstLine(stdin: NodeJS.ReadStream): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (line: string | undefined) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', reject);
      stdin.pause();
      stdin.destroy();
      resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const nl = text.indexOf('\n');
      if (nl >= 0) finish(text.slice(0, nl));
    };
    const onEnd = () => finish(text.length > 0 ? text : undefined);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', reject);
  });
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
    readLine: () => readFirstLine(process.stdin),
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
      /** What stdin holds (piped in). */
      stdin?: string;
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

  async readLine(): Promise<string | undefined> {
    const text = this.options.stdin;
    if (text === undefined || text.length === 0) return undefined;
    const nl = text.indexOf('\n');
    return nl < 0 ? text : text.slice(0, nl);
  }
}
