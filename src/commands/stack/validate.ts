/**
 * `elbctl validate -f FILE`: offline, no credentials. Every problem at once, each with
 * FILE:LINE:COL; exit 64 when there is any.
 */
import type { Context } from '../context';
import type { Result } from '../../ui/render';
import { loadStackFile, requireFile } from './common';

export interface ValidateOptions {
  file?: string | undefined;
}

export async function run(opts: ValidateOptions, ctx: Context): Promise<Result> {
  const file = requireFile(opts.file, 'validate');
  const { stack, warnings } = loadStackFile(ctx, file);
  const listeners = stack.loadBalancers.flatMap((lb) => lb.listeners);
  const counts = {
    loadBalancers: stack.loadBalancers.length,
    listeners: listeners.length,
    rules: listeners.reduce((n, l) => n + l.rules.length, 0),
    targetGroups: stack.targetGroups.length,
    // Only in a file that declares trust stores: other files' output is unchanged.
    ...(stack.trustStores?.length ? { trustStores: stack.trustStores.length } : {}),
  };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const trustStores = counts.trustStores ? `, ${plural(counts.trustStores, 'trust store')}` : '';
  return {
    data: { file, valid: true, stack: stack.stack, ...counts, warnings: warnings.map((w) => w.message) },
    view: {
      kind: 'message',
      text: `${file}: valid — stack "${stack.stack}": ${plural(counts.loadBalancers, 'load balancer')}, ${plural(counts.listeners, 'listener')}, ${plural(counts.rules, 'rule')}, ${plural(counts.targetGroups, 'target group')}${trustStores}`,
    },
  };
}
