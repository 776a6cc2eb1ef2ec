/**
 * `elbctl tags remove RESOURCE KEY..`: removes tags by key. elbctl's and AWS's own keys are
 * refused (exit 64) before any AWS call; a key the resource does not carry is named and skipped.
 */
import { parseResourceRef } from '../../core/references';
import { throwIfProblems } from '../../core/errors';
import { quote } from '../../core/echo';
import { tagModification } from '../../core/modify/tags';
import { tagKeyProblems } from '../../core/rules/tags';
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult, withData } from '../modify/flow';
import { KIND_WORD, resolveResource } from '../resolve';
import { readTags, tagsData } from './common';

export interface TagsRemoveOptions extends DryRunFlags {
  resource: string;
  keys: string[];
}

export async function run(opts: TagsRemoveOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  parseResourceRef(opts.resource);
  const keys = opts.keys ?? [];
  throwIfProblems(tagKeyProblems(keys));

  const { elbv2 } = await ctx.aws();
  const r = await resolveResource(elbv2, opts.resource);
  const live = await readTags(elbv2, r.arn);
  const absent = keys.filter((k) => live[k] === undefined);
  if (absent.length > 0) ctx.progress.info(`${KIND_WORD[r.kind]} ${r.name} has no tag ${absent.map(quote).join(', ')}`);
  const current = Object.fromEntries(keys.flatMap((k) => (live[k] !== undefined ? [[k, live[k]]] : [])));
  const change = tagModification(current, {});
  const m = {
    kind: KIND_WORD[r.kind],
    name: r.name,
    arn: r.arn,
    before: change ? { tags: change.before } : {},
    after: change ? { tags: change.after } : {},
  };
  const remaining = Object.fromEntries(Object.entries(live).filter(([k]) => !(k in current)));
  const early = await approveModification(ctx, m, opts);
  if (early) return withData(early, { tags: tagsData(r, opts.dryRun ? remaining : live).tags });

  const { applyTagChange } = await import('../../aws/modify');
  await applyTagChange(elbv2, r.arn, change);
  ctx.progress.succeed(`removed ${Object.keys(current).join(', ')} from ${m.kind} ${m.name}`);
  return withData(modifyResult(m, { changed: true, dryRun: false }), {
    tags: tagsData(r, await readTags(elbv2, r.arn)).tags,
  });
}
