/**
 * Runs elbctl's real `main` in-process with a FakeIO, so tests see exact stdout/stderr and the
 * exit code. Used by command tests (with aws-sdk-client-mock) and integration tests (with moto).
 */
import { main } from '../../src/cli/main';
import { FakeIO } from '../../src/ui/io';
import { ScriptedPrompter, type Prompter } from '../../src/ui/prompter';
import type { Clock } from '../../src/commands/context';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws with the text if it is not JSON). */
  json<T = unknown>(): T;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  /** stdin is a terminal (default: as `tty`). */
  stdinTTY?: boolean;
  /** What is piped into stdin. */
  stdin?: string;
  prompter?: Prompter;
  clock?: Clock;
}

const BASE_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** A clock whose sleeps return at once, so waits and retries in tests take no time. */
const instantClock: Clock = { now: () => new Date(), sleep: async () => undefined };

export async function elbctl(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const io = new FakeIO({
    tty: options.tty ?? false,
    env: { ...BASE_ENV, ...options.env },
    ...(options.stdinTTY !== undefined ? { stdinTTY: options.stdinTTY } : {}),
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
  });
  const code = await main(args, {
    io,
    prompter: options.prompter ?? new ScriptedPrompter(),
    clock: options.clock ?? instantClock,
  });
  return {
    code,
    stdout: io.out,
    stderr: io.err,
    json<T>() {
      try {
        return JSON.parse(io.out) as T;
      } catch {
        throw new Error(`stdout is not JSON:\n${io.out}\nstderr:\n${io.err}`);
      }
    },
  };
}
