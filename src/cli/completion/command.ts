/**
 * `elbctl completion bash|zsh|fish`: a completion script generated from the real command tree
 * (commands, subcommands, flags, enum values); account names come from `elbctl __complete`.
 * The script is printed as it is whatever -o says: it is a file, not data.
 */
import type { Context } from '../../commands/context';
import { usageError } from '../../core/errors';
import type { Result } from '../../ui/render';
import { quoted } from '../echo';
import { bashScript } from './bash';
import { fishScript } from './fish';
import { completionModel } from './model';
import { SHELLS, type Shell } from './shells';
import { zshScript } from './zsh';

export interface CompletionOptions {
  shell: string;
}

const isShell = (s: string): s is Shell => (SHELLS as readonly string[]).includes(s);

export async function run(opts: CompletionOptions, _ctx: Context): Promise<Result> {
  const shell = opts.shell.toLowerCase();
  if (!isShell(shell)) {
    throw usageError('E_BAD_SHELL', `shell ${quoted(opts.shell)}: not supported; use bash, zsh or fish`);
  }
  const { buildProgram } = await import('../program');
  const { version } = require('../../../package.json') as { version: string };
  const model = await completionModel(buildProgram(version, async () => undefined));
  const script = { bash: bashScript, zsh: zshScript, fish: fishScript }[shell](model, version);
  return { data: { shell, script }, view: { kind: 'message', text: script }, raw: script };
}
