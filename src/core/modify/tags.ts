/**
 * Tags: what changes between the tags a resource has and the ones wanted, and the AddTags and
 * RemoveTags calls that make it so. `tags add|remove`, the other modify commands and the stack
 * engine all compute a tag change here.
 */
import type { Tag } from '../model';

export type TagMap = Record<string, string>;

/** The keys that change: `before` holds the old values of keys changed or removed, `after` the new values of keys added or changed. */
export interface TagChange {
  before: TagMap;
  after: TagMap;
}

/** What turns `current` into `desired` (both whole maps of the keys in play); undefined when they are the same. */
export function tagModification(current: Readonly<TagMap>, desired: Readonly<TagMap>): TagChange | undefined {
  const before: TagMap = {};
  const after: TagMap = {};
  for (const [k, v] of Object.entries(desired)) {
    if (current[k] === v) continue;
    if (current[k] !== undefined) before[k] = current[k];
    after[k] = v;
  }
  for (const [k, v] of Object.entries(current)) if (!(k in desired)) before[k] = v;
  return Object.keys(before).length + Object.keys(after).length > 0 ? { before, after } : undefined;
}

/** The calls a tag change takes: keys in `after` are added (or overwritten), keys only in `before` removed. */
export function tagCalls(change: Partial<TagChange> | undefined): { add: Tag[]; remove: string[] } {
  const after = change?.after ?? {};
  return {
    add: Object.entries(after).map(([key, value]) => ({ key, value })),
    remove: Object.keys(change?.before ?? {}).filter((k) => !(k in after)),
  };
}
