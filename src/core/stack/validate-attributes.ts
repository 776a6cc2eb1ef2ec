/**
 * The `attributes:` map of a load balancer, target group or listener in a stack file: every key
 * written by hand is judged by the rulebook (rules/attributes.ts, unknown ones with the nearest
 * known key); the keys under `raw:` are accepted without judging (export writes what elbctl does
 * not know there) and only checked for being written twice.
 */
import { quote } from '../echo';
import type { AttributeSetting } from '../rules/attributes';
import { type Problem, problem, under } from '../rules/problem';
import { attributeText, RAW_ATTRIBUTES_KEY } from './defaults';
import type { AttributesFile } from './schema';

/**
 * Problems with one `attributes:` map, their paths relative to it. `judge` is the rulebook's
 * check for one setting; `typed` maps each key a typed field of the same resource sets to that
 * field's name (a raw key it sets too is a conflict, as a judged one is: validate.ts).
 */
export function attributeMapProblems(
  attributes: AttributesFile | undefined,
  judge: (setting: AttributeSetting) => Problem[],
  typed: Readonly<Record<string, string>> = {},
): Problem[] {
  const out: Problem[] = [];
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (key === RAW_ATTRIBUTES_KEY) {
      if (typeof value !== 'object') {
        out.push(
          problem(
            'E_ATTRIBUTE',
            `attributes.raw: must be a map of KEY: VALUE (attributes elbctl sends unchanged), not ${quote(attributeText(value))}`,
            [key],
          ),
        );
        continue;
      }
      for (const rawKey of Object.keys(value)) {
        if (rawKey in (attributes ?? {})) {
          out.push(
            problem(
              'E_CONFLICT',
              `attribute ${quote(rawKey)}: written both under attributes and under attributes.raw; keep one`,
              [key, rawKey],
            ),
          );
        } else if (typed[rawKey] !== undefined) {
          out.push(
            problem(
              'E_CONFLICT',
              `attribute ${quote(rawKey)}: ${typed[rawKey]} and attributes.raw both set it; keep only ${typed[rawKey]}`,
              [key, rawKey],
            ),
          );
        }
      }
      continue;
    }
    if (typeof value === 'object') {
      out.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(key)}: takes one value (true, a number or text); only raw holds a map of KEY: VALUE`,
          [key],
        ),
      );
      continue;
    }
    out.push(...under([key], judge({ key, value: attributeText(value) })));
  }
  return out;
}

/** The attribute keys the typed fields written on this resource set → the field's name. */
export function typedFields(typed: Readonly<Record<string, string>>, entry: object): Record<string, string> {
  const written = entry as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(typed)
      .filter(([field]) => written[field] !== undefined)
      .map(([field, key]) => [key, field]),
  );
}
