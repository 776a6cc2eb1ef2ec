/**
 * The context every command runs in: IO, theme, prompter, progress, output format and a lazy
 * AWS boundary. src/cli builds it (buildContext); commands and tests only use it.
 */
import type { Aws, AwsSettings } from '../aws';
import type { IO } from '../ui/io';
import type { Progress } from '../ui/progress';
import type { Prompter } from '../ui/prompter';
import type { OutputFormat } from '../ui/render';
import type { Theme } from '../ui/theme';

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Context {
  readonly io: IO;
  readonly theme: Theme;
  readonly prompter: Prompter;
  readonly progress: Progress;
  readonly output: OutputFormat;
  /** True when a question may be asked: a terminal on stdin and stderr, and input not turned off. */
  readonly canPrompt: boolean;
  /** -y / --yes was given. */
  readonly yes: boolean;
  readonly debugEnabled: boolean;
  /** -q / --quiet: no progress or info lines. */
  readonly quiet: boolean;
  readonly clock: Clock;
  /** Settings the AWS boundary is built with (region, profile, endpoint…). */
  readonly awsSettings: AwsSettings;
  /** The AWS boundary, loaded on first use (this is what loads the SDK). */
  aws(): Promise<Aws>;
  /**
   * The AWS boundary for a region and profile besides the configured ones (the audit's fan-out):
   * one per profile (its credentials resolved once), in as many regions as asked, all paced by the
   * process's one limiter. A profile the shared files do not have fails as --profile would.
   */
  awsFor(target: { region: string; profile?: string | undefined }): Promise<Aws>;
  /**
   * A stack file's `region` applies unless --region names another (a usage error: the file
   * and the flag disagree). Environment variables yield to the file. Call before aws().
   */
  useStackRegion(region: string | undefined, file: string): void;
  /**
   * Tightens the AWS boundary's patience (shell completion answers within a second or not at
   * all): one attempt per call, each request cut off after `requestTimeoutMs`. Call before aws().
   */
  limitAws(limits: { requestTimeoutMs: number; maxAttempts: number }): void;
  /** Writes a --debug line to stderr (no-op without --debug). */
  debug(line: string): void;
}
