/** Rule conditions compared as AWS evaluates them: order of conditions and of values does not matter; header names and hosts ignore case; regular expressions differ from wildcards. */
import type { Condition } from '../model';

function canonical(conditions: readonly Condition[]): string {
  const one = (c: Condition) => {
    switch (c.field) {
      case 'http-header':
        return `${c.field}${c.regex ? '~' : ''}:${c.headerName.toLowerCase()}=${[...c.values].sort().join('\u0001')}`;
      case 'path-pattern':
      case 'host-header':
        return `${c.field}${c.regex ? '~' : ''}=${[...c.values].sort().join('\u0001')}`;
      case 'other':
        // Kept verbatim: the same only when AWS describes it the same way.
        return `${c.awsField}#${JSON.stringify(c.raw)}`;
      case 'query-string':
        return `${c.field}=${c.values
          .map((v) => `${v.key ?? ''}\u0002${v.value}`)
          .sort()
          .join('\u0001')}`;
      default:
        return `${c.field}=${[...c.values].sort().join('\u0001')}`;
    }
  };
  return conditions.map(one).sort().join('\u0000');
}

export const sameConditions = (a: readonly Condition[], b: readonly Condition[]): boolean =>
  canonical(a) === canonical(b);
