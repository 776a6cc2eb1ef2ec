/** `elbctl clb health CLB`: each registered instance's state, the reason AWS gives, and what to do about it. */
import { classicHealthHint } from '../../core/classic/health-hints';
import { tableView, type Result } from '../../ui/render';
import type { Context } from '../context';
import { getClassic } from './common';

export interface ClbHealthOptions {
  clb: string;
}

export interface ClbHealthRow {
  id: string;
  state: string;
  reason: string | null;
  description: string | null;
  hint: string;
}

export async function run(opts: ClbHealthOptions, ctx: Context): Promise<Result> {
  const c = await getClassic(ctx, opts.clb);
  const { elb } = await ctx.aws();
  const rows: ClbHealthRow[] = (await elb.instanceHealth(c.name))
    .map((h) => ({
      id: h.instanceId,
      state: h.state,
      reason: h.reasonCode ?? null,
      description: h.description ?? null,
      hint: classicHealthHint(h),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'INSTANCE', value: (r) => r.id },
        { header: 'STATE', value: (r) => r.state },
        { header: 'REASON', value: (r) => r.reason ?? '-' },
        { header: 'HINT', value: (r) => r.hint },
      ],
      'no instances registered',
    ),
  };
}
