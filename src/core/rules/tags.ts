/** Tags: KEY=VALUE, AWS's lengths and characters, reserved prefixes (aws:, elbctl:), keys once, 50 per resource counting elbctl's own. */
import { quote } from '../echo';
import type { Tag } from '../model';
import { type PathSegment, type Problem, problem } from './problem';
import { parseKeyValue } from './values';

const MAX_TAGS_PER_RESOURCE = 50;
const MAX_TAG_KEY_LENGTH = 128;
const MAX_TAG_VALUE_LENGTH = 256;
/** `aws:` is AWS's; `elbctl:` marks what a stack owns, so a user-written one could forge ownership. */
const RESERVED_TAG_PREFIXES = ['aws:', 'elbctl:'] as const;
const ELBCTL_PREFIX = 'elbctl:';

const reservedPrefix = (key: string) => RESERVED_TAG_PREFIXES.find((p) => key.toLowerCase().startsWith(p));

/** elbctl's own tags (`elbctl:stack`, `elbctl:rule`, …): never shown in a user's tag map, never edited by hand. */
export const isElbctlTag = (key: string): boolean => key.toLowerCase().startsWith(ELBCTL_PREFIX);

/** The tags a user sees: every tag but elbctl's own (AWS's `aws:` ones are shown: they are facts about the resource). */
export function visibleTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !isElbctlTag(k)));
}

/** The tags a user can change (and a stack file declares): neither elbctl's nor AWS's. */
export function userTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => reservedPrefix(k) === undefined));
}

/** elbctl's own tags only: who owns the resource. */
export function elbctlTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => isElbctlTag(k)));
}

function reservedKeyProblem(key: string, path: PathSegment[]): Problem | undefined {
  const reserved = reservedPrefix(key);
  if (reserved === undefined) return undefined;
  return problem(
    'E_TAG',
    reserved === 'aws:'
      ? `tag key ${quote(key)}: the "aws:" prefix is reserved by AWS; choose another key`
      : `tag key ${quote(key)}: the "elbctl:" prefix is reserved for elbctl's own tags (which stack owns a resource); choose another key`,
    path,
  );
}

/** Keys to remove (`tags remove`): reserved ones are refused like reserved ones to add, and each key is named once. */
export function tagKeyProblems(keys: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    if (key.length === 0) problems.push(problem('E_TAG', 'tag key "": must not be empty; name the key to remove'));
    const reserved = reservedKeyProblem(key, []);
    if (reserved) problems.push(reserved);
    if (seen.has(key)) problems.push(problem('E_DUPLICATE', `tag key ${quote(key)}: given twice; give each key once`));
    seen.add(key);
  }
  return problems;
}
/** Letters, digits, spaces and `_ . : / = + - @` (the ELBv2 API's tag pattern). */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** `--tag KEY=VALUE ..` → tags, or the problems of the malformed ones. */
export function parseTagFlags(raws: readonly string[]): { tags: Tag[]; problems: Problem[] } {
  const tags: Tag[] = [];
  const problems: Problem[] = [];
  for (const raw of raws) {
    const kv = parseKeyValue('tag', raw, 'E_TAG');
    if (kv.ok) tags.push({ key: kv.key, value: kv.value });
    else problems.push(kv.problem);
  }
  return { tags, problems };
}

export interface TagRuleOptions {
  /** How many tags elbctl adds itself (elbctl:stack, elbctl:name, …): they count against the 50. */
  ownTags?: number | undefined;
  /** The path of the i-th tag (a stack file's `tags.KEY`); none for flags. */
  path?: ((tag: Tag, index: number) => PathSegment[]) | undefined;
}

/** Every problem with the tags one resource would carry. The one tag rule: flags, stack files and the wizard all call it. */
export function tagProblems(tags: readonly Tag[], options: TagRuleOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const at = (t: Tag, i: number) => options.path?.(t, i) ?? [];
  const seen = new Set<string>();
  tags.forEach((t, i) => {
    const key = quote(t.key);
    if (t.key.length === 0) problems.push(problem('E_TAG', 'tag key "": must not be empty; write KEY=VALUE', at(t, i)));
    else if (t.key.length > MAX_TAG_KEY_LENGTH) {
      problems.push(
        problem('E_TAG', `tag key ${key}: is ${t.key.length} characters, the limit is ${MAX_TAG_KEY_LENGTH}`, at(t, i)),
      );
    } else if (!TAG_TEXT.test(t.key)) {
      problems.push(problem('E_TAG', `tag key ${key}: use letters, digits, spaces and _ . : / = + - @ only`, at(t, i)));
    }
    const reserved = reservedKeyProblem(t.key, at(t, i));
    if (reserved) problems.push(reserved);
    if (t.value.length > MAX_TAG_VALUE_LENGTH) {
      problems.push(
        problem(
          'E_TAG',
          `tag ${key}: the value is ${t.value.length} characters, the limit is ${MAX_TAG_VALUE_LENGTH}`,
          at(t, i),
        ),
      );
    } else if (!TAG_TEXT.test(t.value)) {
      problems.push(
        problem(
          'E_TAG',
          `tag ${key}: the value ${quote(t.value)} may use letters, digits, spaces and _ . : / = + - @ only`,
          at(t, i),
        ),
      );
    }
    if (seen.has(t.key)) {
      problems.push(problem('E_DUPLICATE', `tag key ${key}: given twice; give each key once`, at(t, i)));
    }
    seen.add(t.key);
  });
  const own = options.ownTags ?? 0;
  const total = seen.size + own;
  if (total > MAX_TAGS_PER_RESOURCE) {
    problems.push(
      problem(
        'E_LIMIT',
        own > 0
          ? `tags: ${seen.size} given and ${own} added by elbctl make ${total}, the limit is ${MAX_TAGS_PER_RESOURCE} per resource; remove ${total - MAX_TAGS_PER_RESOURCE}`
          : `tags: ${total} given, the limit is ${MAX_TAGS_PER_RESOURCE} per resource; remove ${total - MAX_TAGS_PER_RESOURCE}`,
      ),
    );
  }
  return problems;
}
