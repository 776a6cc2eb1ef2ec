/**
 * Runs the BUILT `bin/elbctl` as a user would: a separate process with a controlled
 * environment (no inherited AWS settings), so exit codes and the stdout/stderr contract are
 * the real ones.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'elbctl');

export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'main.mjs'))) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does it for you)');
  }
}

/** An environment with nothing from the developer's shell that could reach a real account. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'elbctl-home-'));
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Asynchronous on purpose: the test process often serves the proxy elbctl talks to, and a
 * synchronous spawn would block that server's event loop.
 */
export async function runCli(
  args: string[],
  env: Record<string, string> = cleanEnv(),
  input?: string,
): Promise<ProcessResult> {
  const run = startCli(args, env);
  run.child.stdin.end(input ?? '');
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
  try {
    return await run.done;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts elbctl and returns a handle to signal it, for Ctrl-C tests. */
export function startCli(args: string[], env: Record<string, string> = cleanEnv()) {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<ProcessResult>((resolveDone) => {
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}
