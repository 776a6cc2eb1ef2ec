/**
 * Live attributes → a stack file's `attributes:` map, for `elbctl export`. Lossless or loud:
 * - a value equal to AWS's default is left out (left out, a key is not compared; and the planner
 *   reads a key the endpoint omits as that default too, so "absent" is one thing to both);
 * - a key the rulebook knows, with a value it accepts, is written by its key;
 * - anything else — a key elbctl does not know (AWS added it later), or a value AWS accepted that
 *   elbctl's check refuses — goes verbatim under `raw:`, with a warning naming it, and apply sends
 *   it back unchanged. Nothing is dropped silently.
 */
import { quote } from '../../echo';
import type { AttributeSetting } from '../../rules/attributes';
import type { Problem } from '../../rules/problem';
import { RAW_ATTRIBUTES_KEY } from '../defaults';
import type { Attributes } from '../model';
import type { AttributesFile } from '../schema';
import { yamlValue } from './file-values';

export interface AttributeExport {
  /** `load balancer "web"`, `listener web:443`: who the warnings name. */
  what: string;
  /** Keys written elsewhere (typed fields), never under attributes. */
  handled: ReadonlySet<string>;
  /** AWS's default for a key it knows; undefined for a key elbctl does not know. */
  defaultOf: (key: string) => string | undefined;
  /** The rulebook's check of one setting on this resource. */
  judge: (setting: AttributeSetting) => Problem[];
}

export function attributesFile(live: Attributes, how: AttributeExport, warnings: string[]): AttributesFile {
  const out: AttributesFile = {};
  const raw: Record<string, string> = {};
  for (const key of Object.keys(live).sort()) {
    const value = live[key] as string;
    if (how.handled.has(key)) continue;
    const known = how.defaultOf(key);
    if (known !== undefined && value === known) continue;
    const kept = `${how.what}: attribute ${quote(`${key}=${value}`)} kept verbatim under attributes.raw`;
    if (known === undefined) {
      raw[key] = value;
      warnings.push(`${kept}: elbctl does not know this key; apply sends it back unchanged`);
      continue;
    }
    const problems = how.judge({ key, value });
    if (problems.length > 0) {
      raw[key] = value;
      warnings.push(
        `${kept}: AWS accepted it, elbctl's check does not (${problems.map((p) => p.message).join('; ')}); apply sends it back unchanged`,
      );
      continue;
    }
    out[key] = yamlValue(value);
  }
  if (Object.keys(raw).length > 0) out[RAW_ATTRIBUTES_KEY] = raw;
  return out;
}
