/**
 * `elbctl tags add RESOURCE KEY=VALUE..`: adds tags or changes their values. The tag rule (the
 * rulebook's one function) judges the new tags before any AWS call, and the 50 per resource
 * once the resource's own are known (elbctl's count too, AWS's `aws:` ones do not); then the
 * diff, confirmation or -y, --dry-run.
 */
import { parseResourceRef } from '../../core/references';
import { throwIfProblems } from '../../core/errors';
import { tagModification } from '../../core/modify/tags';
import { elbctlTags, parseTagFlags, tagProblems, userTags } from '../../core/rules/tags';
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult, withData } from '../modify/flow';
import { KIND_WORD, resolveResource } from '../resolve';
import { readTags, tagsData } from './common';

export interface TagsAddOptions extends DryRunFlags {
  resource: string;
  tags: string[];
}

export async function run(opts: TagsAddOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  parseResourceRef(opts.resource);
  const parsed = parseTagFlags(opts.tags ?? []);
  throwIfProblems([...parsed.problems, ...tagProblems(parsed.tags)]);
  const wanted = Object.fromEntries(parsed.tags.map((t) => [t.key, t.value]));

  const { elbv2 } = await ctx.aws();
  const r = await resolveResource(elbv2, opts.resource);
  const live = await readTags(elbv2, r.arn);
  const merged = { ...userTags(live), ...wanted };
  throwIfProblems(
    tagProblems(
      Object.entries(merged).map(([key, value]) => ({ key, value })),
      // elbctl's own tags count toward the 50; AWS's `aws:` ones do not.
      { ownTags: Object.keys(elbctlTags(live)).length },
    ),
  );
  const current = Object.fromEntries(Object.keys(wanted).flatMap((k) => (live[k] !== undefined ? [[k, live[k]]] : [])));
  const change = tagModification(current, wanted);
  const m = {
    kind: KIND_WORD[r.kind],
    name: r.name,
    arn: r.arn,
    before: change ? { tags: change.before } : {},
    after: change ? { tags: change.after } : {},
  };
  const early = await approveModification(ctx, m, opts);
  if (early) return withData(early, { tags: tagsData(r, { ...live, ...(opts.dryRun ? wanted : {}) }).tags });

  const { applyTagChange } = await import('../../aws/modify');
  await applyTagChange(elbv2, r.arn, change);
  ctx.progress.succeed(`tagged ${m.kind} ${m.name}: ${Object.keys(change?.after ?? {}).join(', ')}`);
  return withData(modifyResult(m, { changed: true, dryRun: false }), {
    tags: tagsData(r, await readTags(elbv2, r.arn)).tags,
  });
}
