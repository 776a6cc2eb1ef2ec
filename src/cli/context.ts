/**
 * Builds the context every command runs in (src/commands/context.ts) from the global options and
 * the environment: once per process by the CLI; tests build their own.
 */
import { homedir } from 'node:os';
import type { Aws, AwsInputs, AwsSettings } from '../aws';
import { type Clock, type Context, systemClock } from '../commands/context';
import { ElbctlError, usageError } from '../core/errors';
import { PacingLimiter, resolvePacingSettings } from '../core/pacing';
import type { IO } from '../ui/io';
import type { Prompter } from '../ui/prompter';
import type { OutputFormat } from '../ui/render';

export interface GlobalOptions {
  profile?: string | undefined;
  region?: string | undefined;
  endpointUrl?: string | undefined;
  output?: string | undefined;
  color?: boolean | undefined;
  input?: boolean | undefined;
  yes?: boolean | undefined;
  debug?: boolean | undefined;
  quiet?: boolean | undefined;
  /** --ca-bundle FILE. */
  caBundle?: string | undefined;
  /** false with --no-verify-ssl. */
  verifySsl?: boolean | undefined;
}

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml'];

function resolveOutputFormat(
  flag: string | undefined,
  env: IO['env'],
  stdoutIsTTY: boolean,
  extra: readonly OutputFormat[],
): OutputFormat {
  const chosen = flag ?? env.ELBCTL_OUTPUT;
  if (chosen !== undefined && chosen !== '') {
    if ((extra as readonly string[]).includes(chosen)) return chosen as OutputFormat;
    if (chosen === 'sarif') {
      throw usageError(
        'E_BAD_OUTPUT',
        `output format "sarif": only \`elbctl audit\` writes SARIF; use table, json or yaml`,
      );
    }
    if (!(OUTPUT_FORMATS as readonly string[]).includes(chosen)) {
      throw usageError('E_BAD_OUTPUT', `output format "${chosen}": unknown; use table, json or yaml`);
    }
    return chosen as OutputFormat;
  }
  return stdoutIsTTY ? 'table' : 'json';
}

/**
 * --endpoint-url, checked. Every other source (ELBCTL_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, the profile's services section and endpoint_url) is resolved per service
 * with the profile when the AWS boundary loads (src/aws/config.ts).
 */
function resolveEndpoint(flag: string | undefined): string | undefined {
  const value = flag;
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError('E_BAD_ENDPOINT', `endpoint URL "${value}": not a URL; write it as http://127.0.0.1:5000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError('E_BAD_ENDPOINT', `endpoint URL "${value}": must use http or https`);
  }
  return value;
}

function resolveRegion(flag: string | undefined, env: IO['env']): string | undefined {
  const value = flag ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (value === undefined || value === '') return undefined;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value)) {
    throw usageError('E_BAD_REGION', `region "${value}": not an AWS region name; use e.g. us-east-1`);
  }
  return value;
}

/** ELBCTL_REQUEST_TIMEOUT_MS: how long one AWS request may take before the SDK gives up on it (default 30 s). */
function resolveRequestTimeout(env: IO['env']): number | undefined {
  const value = env.ELBCTL_REQUEST_TIMEOUT_MS;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 600_000) {
    throw usageError(
      'E_BAD_TIMEOUT',
      `ELBCTL_REQUEST_TIMEOUT_MS "${value}": must be a whole number of milliseconds from 1 to 600000; e.g. 30000`,
    );
  }
  return Number(value);
}

/**
 * AWS_RETRY_MODE and AWS_MAX_ATTEMPTS, checked before anything runs so a typo names the
 * variable. The SDK's loader applies them (before the profile's retry_mode and max_attempts)
 * when the AWS boundary loads.
 */
function checkRetryEnv(env: IO['env']): void {
  const mode = env.AWS_RETRY_MODE;
  const attempts = env.AWS_MAX_ATTEMPTS;
  if (mode !== undefined && mode !== '') {
    if (mode !== 'adaptive' && mode !== 'standard')
      throw usageError('E_BAD_RETRY_MODE', `AWS_RETRY_MODE "${mode}": unknown; use standard or adaptive`);
  }
  if (attempts !== undefined && attempts !== '') {
    if (!/^\d+$/.test(attempts) || Number(attempts) < 1 || Number(attempts) > 50) {
      throw usageError(
        'E_BAD_MAX_ATTEMPTS',
        `AWS_MAX_ATTEMPTS "${attempts}": must be a whole number from 1 to 50; e.g. 5`,
      );
    }
  }
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export interface ContextDeps {
  io: IO;
  prompter?: Prompter;
  clock?: Clock;
  version: string;
  /** Formats the command writes besides table, json and yaml (its leaf's `outputs`). */
  outputs?: readonly OutputFormat[];
  /** Overrides how the AWS boundary is loaded (tests). */
  loadAws?: (settings: AwsSettings) => Promise<Aws>;
  /** Asks for MFA codes (tests); the terminal's inquirer prompter otherwise. */
  mfaPrompter?: Prompter;
}

function inquirerTerminalPrompter(): Prompter {
  return (require('../ui/prompter') as typeof import('../ui/prompter')).inquirerPrompter();
}

/** A role profile needs an MFA code and elbctl may not ask: the two ways on, by name. */
function mfaNeedsInput(serial: string, profile: string, fromFlag: boolean) {
  const flag = fromFlag ? ` --profile ${profile}` : '';
  return new ElbctlError(
    'auth',
    'E_MFA_REQUIRED',
    `profile "${profile}": its role needs a code from MFA device ${serial}, and input is off (--no-input, CI or no terminal)`,
    {
      hint: `run the command on a terminal to type the code (the role's credentials are then cached in ~/.aws/cli/cache until they expire), or run \`aws sts get-caller-identity${flag}\` once: elbctl uses the credentials the AWS CLI caches there`,
    },
  );
}

export async function buildContext(opts: GlobalOptions, deps: ContextDeps): Promise<Context> {
  const { io } = deps;
  const env = io.env;
  // Loaded here, not at module top: `--help` never builds a context.
  const { colorEnabled, makeTheme } = await import('../ui/theme');
  const { createProgress, loadSpinner } = await import('../ui/progress');
  const output = resolveOutputFormat(opts.output, env, io.stdout.isTTY, deps.outputs ?? []);
  const theme = makeTheme(
    colorEnabled({ isTTY: io.stderr.isTTY && io.stdout.isTTY, noColorFlag: opts.color === false, env }),
  );
  const quiet = opts.quiet === true;
  const debugEnabled = opts.debug === true || truthy(env.ELBCTL_DEBUG);
  const inputAllowed = opts.input !== false && !truthy(env.CI);
  const canPrompt = inputAllowed && io.stdinIsTTY && io.stderr.isTTY;
  const debug = (line: string) => {
    if (debugEnabled) io.stderr.write(`${theme.dim(`[debug] ${line}`)}\n`);
  };
  checkRetryEnv(env);
  const profile = opts.profile ?? (env.AWS_PROFILE === '' ? undefined : env.AWS_PROFILE);
  const awsSettings: { -readonly [K in keyof AwsSettings]: AwsSettings[K] } = {
    region: resolveRegion(opts.region, env),
    profile,
    endpoint: resolveEndpoint(opts.endpointUrl),
    userAgent: `elbctl/${deps.version}`,
    requestTimeoutMs: resolveRequestTimeout(env),
    // One limiter for everything this process does: every client, every region, every Aws built.
    pacing: new PacingLimiter(resolvePacingSettings(env)),
    ...(debugEnabled ? { debug } : {}),
  };
  const verifySsl = opts.verifySsl !== false;
  const awsInputs: AwsInputs = {
    elbctlEndpoint: env.ELBCTL_ENDPOINT_URL === '' ? undefined : env.ELBCTL_ENDPOINT_URL,
    caBundle: opts.caBundle,
    verifySsl,
    profileSource: opts.profile !== undefined ? '--profile' : profile !== undefined ? 'AWS_PROFILE' : undefined,
    env,
    home: env.HOME ?? env.USERPROFILE ?? homedir(),
    mfaCode: async (serial, profileName) => {
      if (!canPrompt) throw mfaNeedsInput(serial, profileName, opts.profile !== undefined);
      // The terminal's own prompter: the MFA code is asked for even where a command scripts its questions.
      const terminal = deps.mfaPrompter ?? inquirerTerminalPrompter();
      return (await terminal.password(`Enter MFA code for ${serial}:`)).trim();
    },
  };
  let prompter = deps.prompter;
  let aws: Promise<Aws> | undefined;
  const byProfile = new Map<string, Promise<Aws>>();
  const loadFor = (profileName: string | undefined): Promise<Aws> => {
    const settings = { ...awsSettings, profile: profileName };
    const inputs: AwsInputs = {
      ...awsInputs,
      profileSource: profileName === undefined ? undefined : '--profile',
    };
    return deps.loadAws ? deps.loadAws(settings) : import('../aws').then((m) => m.loadAws(settings, inputs));
  };
  function defaultAws(): Promise<Aws> {
    if (aws === undefined && !verifySsl && !quiet) {
      io.stderr.write(
        `${theme.warn('warning:')} --no-verify-ssl: TLS certificates of AWS endpoints are not verified; anyone on the network path can read and change the traffic\n`,
      );
    }
    aws ??= deps.loadAws ? deps.loadAws(awsSettings) : import('../aws').then((m) => m.loadAws(awsSettings, awsInputs));
    return aws;
  }
  return {
    io,
    theme,
    get prompter() {
      if (!prompter) {
        const { inquirerPrompter }: typeof import('../ui/prompter') = require('../ui/prompter');
        prompter = inquirerPrompter();
      }
      return prompter;
    },
    progress: createProgress(io, theme, quiet, await loadSpinner(io, quiet)),
    output,
    canPrompt,
    yes: opts.yes === true,
    debugEnabled,
    quiet,
    clock: deps.clock ?? systemClock,
    awsSettings,
    useStackRegion(region, file) {
      if (region === undefined) return;
      if (opts.region !== undefined && opts.region !== region) {
        throw usageError(
          'E_REGION_CONFLICT',
          `region: ${file} declares region ${region} but --region says ${opts.region}; remove one of them`,
        );
      }
      if (aws !== undefined) throw new Error('useStackRegion must be called before the AWS boundary is loaded');
      awsSettings.region = region;
    },
    limitAws(limits) {
      if (aws !== undefined) throw new Error('limitAws must be called before the AWS boundary is loaded');
      awsSettings.requestTimeoutMs = limits.requestTimeoutMs;
      awsSettings.maxAttempts = limits.maxAttempts;
    },
    aws: defaultAws,
    async awsFor(target) {
      const base =
        target.profile === undefined || target.profile === awsSettings.profile
          ? defaultAws()
          : (byProfile.get(target.profile) ??
            (byProfile.set(target.profile, loadFor(target.profile)).get(target.profile) as Promise<Aws>));
      return (await base).forRegion(target.region);
    },
    debug,
  };
}
