/** Names export gives rules (from tags or conditions) and target groups (from ARNs). */
import type { Condition } from '../../model';
import { RULE_TAG, type ObservedRule } from '../model';
import { ruleNameProblem } from '../../rules/names';

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const RULE_NAME_BASE_LIMIT = 48;

/** `path-api`, `host-admin-example-com`, `header-x-env-canary`: the first value of each condition. */
export function ruleNameFromConditions(conditions: readonly Condition[]): string | undefined {
  const parts: string[] = [];
  const order: Condition['field'][] = [
    'path-pattern',
    'host-header',
    'http-header',
    'query-string',
    'http-request-method',
    'source-ip',
  ];
  const sorted = [...conditions].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  for (const c of sorted) {
    let part: string;
    switch (c.field) {
      case 'path-pattern':
        part = prefixed('path', slug(c.values[0] ?? ''));
        break;
      case 'host-header':
        part = prefixed('host', slug(c.values[0] ?? ''));
        break;
      case 'http-header':
        part = prefixed('header', [slug(c.headerName), slug(c.values[0] ?? '')].filter(Boolean).join('-'));
        break;
      case 'query-string': {
        const q = c.values[0];
        part = prefixed('query', [slug(q?.key ?? ''), slug(q?.value ?? '')].filter(Boolean).join('-'));
        break;
      }
      case 'http-request-method':
        part = prefixed('method', slug(c.values[0] ?? ''));
        break;
      case 'source-ip':
        part = prefixed('source', slug(c.values[0] ?? ''));
        break;
      case 'other':
        part = slug(c.awsField);
        break;
    }
    if (part) parts.push(part);
  }
  const name = parts.join('-').slice(0, RULE_NAME_BASE_LIMIT).replace(/-+$/, '');
  return name.length > 0 ? name : undefined;
}

const prefixed = (what: string, text: string) => (text.length > 0 ? `${what}-${text}` : '');

/**
 * A name for every rule of one listener, unique on it: its `elbctl:rule` tag when that is a
 * valid name, else one derived from its conditions, else `rule-PRIORITY`. Tags are placed
 * first, so a derived name never takes a name a tagged rule carries.
 */
export function ruleNames(rules: readonly ObservedRule[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const r of rules) {
    const tag = r.tags[RULE_TAG];
    if (tag !== undefined && ruleNameProblem(tag) === undefined && !taken.has(tag)) {
      names.set(r.arn, tag);
      taken.add(tag);
    }
  }
  for (const r of rules) {
    if (names.has(r.arn)) continue;
    const base = ruleNameFromConditions(r.conditions);
    const candidates = [...(base ? [base, `${base}-${r.priority}`] : []), `rule-${r.priority}`];
    let name = candidates.find((c) => !taken.has(c));
    for (let n = 2; name === undefined; n++)
      if (!taken.has(`rule-${r.priority}-${n}`)) name = `rule-${r.priority}-${n}`;
    names.set(r.arn, name);
    taken.add(name);
  }
  return names;
}

/** `arn:…:targetgroup/NAME/ID` → NAME. */
export function targetGroupNameFromArn(arn: string): string | undefined {
  return /:targetgroup\/([^/]+)\//.exec(arn)?.[1];
}
