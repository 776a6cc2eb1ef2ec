/** `elbctl tags list RESOURCE`: the tags of any load balancer, target group, listener or rule; elbctl's own apart. */
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { resolveResource } from '../resolve';
import { readTags, tagsData, tagsResult } from './common';

export interface TagsListOptions {
  resource: string;
}

export async function run(opts: TagsListOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const r = await resolveResource(elbv2, opts.resource);
  return tagsResult(tagsData(r, await readTags(elbv2, r.arn)));
}
