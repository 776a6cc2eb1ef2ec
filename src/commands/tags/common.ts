/** What `tags list|add|remove` share: the resource named any way, its tags split into the user's and elbctl's own. */
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import { STACK_TAG } from '../../core/stack/model';
import { elbctlTags, visibleTags } from '../../core/rules/tags';
import { tableView, type Result, type View } from '../../ui/render';
import { KIND_WORD, type ResolvedResource } from '../resolve';

export interface TagsData {
  kind: string;
  name: string;
  arn: string;
  /** Every tag but elbctl's own. */
  tags: Record<string, string>;
  /** The stack that owns it (its elbctl:stack tag), or null. */
  stack: string | null;
  /** elbctl's own tags: who owns it and as what. */
  elbctl: Record<string, string>;
}

export async function readTags(elbv2: Elbv2Gateway, arn: string): Promise<Record<string, string>> {
  const found = (await elbv2.describeTags([arn])).get(arn) ?? [];
  return Object.fromEntries(found.map((t) => [t.key, t.value]));
}

/** What list and describe of every resource show of its tags: the user's (elbctl's own apart) and the stack that owns it. */
export interface TagFields {
  tags: Record<string, string>;
  stack: string | null;
}

export function tagFields(all: Readonly<Record<string, string>> | undefined): TagFields {
  return { tags: visibleTags(all ?? {}), stack: all?.[STACK_TAG] ?? null };
}

/** Tags of many resources in one batched read (20 ARNs a call), by ARN. */
export async function readAllTags(
  elbv2: Elbv2Gateway,
  arns: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (arns.length === 0) return out;
  for (const [arn, tags] of await elbv2.describeTags(arns)) {
    out.set(arn, Object.fromEntries(tags.map((t) => [t.key, t.value])));
  }
  return out;
}

/** `k=v, k2=v2` for a table cell, cut with an ellipsis past 40 characters; `-` when there are none. */
export function tagsCell(tags: Readonly<Record<string, string>>): string {
  const text = Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return text === '' ? '-' : text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function tagsData(r: ResolvedResource, all: Record<string, string>): TagsData {
  return {
    kind: KIND_WORD[r.kind],
    name: r.name,
    arn: r.arn,
    tags: visibleTags(all),
    stack: all[STACK_TAG] ?? null,
    elbctl: elbctlTags(all),
  };
}

/** KEY/VALUE rows, sorted by key. */
export function tagsView(tags: Readonly<Record<string, string>>): View {
  const rows = Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));
  return tableView(
    rows,
    [
      { header: 'KEY', value: (r) => r.key },
      { header: 'VALUE', value: (r) => r.value },
    ],
    'no tags',
  );
}

/** KEY/VALUE rows, then who owns it. */
export function tagsResult(data: TagsData): Result {
  const owner = Object.entries(data.elbctl).map(([k, v]) => `${k}=${v}`);
  return {
    data,
    view: {
      kind: 'sections',
      sections: [
        {
          title: `tags of ${data.kind} ${data.name}`,
          view: tagsView(data.tags),
        },
        ...(owner.length > 0
          ? [
              {
                title: 'managed by elbctl',
                view: {
                  kind: 'message' as const,
                  text: `stack ${data.stack ?? '-'} (${owner.join(', ')}); these tags are elbctl's and cannot be changed here`,
                },
              },
            ]
          : []),
      ],
    },
  };
}
