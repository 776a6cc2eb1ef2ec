/**
 * A stack file's `tags:` on load balancers, target groups, listeners and rules: the text AWS
 * stores, and the tag rule (rules/tags.ts) with elbctl's own tags counted, which every resource
 * of a stack carries as well.
 */
import type { Problem } from '../rules/problem';
import { tagProblems } from '../rules/tags';
import type { Tags } from './model';
import type { TagsFile } from './schema';

/**
 * How many tags elbctl adds to each kind of resource: elbctl:stack, plus elbctl:name (target
 * groups), elbctl:rule (rules), or where a trust store's bundle and revocation lists came from.
 */
export const OWN_TAG_COUNT = { loadBalancer: 1, listener: 1, rule: 2, targetGroup: 2, trustStore: 3 } as const;

/** YAML's `true` and `60` → "true" and "60"; undefined stays undefined (tags not managed). */
export function fileTags(tags: TagsFile | undefined): Tags | undefined {
  if (tags === undefined) return undefined;
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
}

/** The tag rule on one resource's `tags:`, each problem at its key (the count at `tags`). */
export function stackTagProblems(tags: TagsFile | undefined, ownTags: number): Problem[] {
  const declared = fileTags(tags);
  if (declared === undefined) return [];
  return tagProblems(
    Object.entries(declared).map(([key, value]) => ({ key, value })),
    { ownTags, path: (t) => ['tags', t.key] },
  ).map((p) => (p.path.length === 0 ? { ...p, path: ['tags'] } : p));
}
