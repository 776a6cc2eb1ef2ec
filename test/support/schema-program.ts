/**
 * Turns the zod stack schema (src/core/stack/schema.ts) into plain data for the quick schema
 * reader (src/core/stack/schema-quick.ts), and writes that data as TypeScript
 * (src/core/stack/schema-program.ts). `node scripts/schema-program.js` regenerates the file;
 * test/core/stack/schema-quick.test.ts fails when the file and the schema differ.
 *
 * Only the zod kinds and checks the stack schema uses are known; any other (a refine, a
 * transform, a default…) throws, so a schema change that the quick reader cannot follow is
 * noticed here rather than read wrongly.
 */
import type * as z from 'zod';
import type { SchemaNode } from '../../src/core/stack/schema-quick';

interface ZodInternals {
  _zod: { def: Record<string, unknown> & { type: string; checks?: Array<{ _zod: { def: Record<string, unknown> } }> } };
}

export function schemaProgram(schema: z.ZodType): SchemaNode {
  return convert(schema as unknown as ZodInternals);
}

function convert(schema: ZodInternals): SchemaNode {
  const def = schema._zod.def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const unknownCheck = (kinds: string[]) => {
    const other = checks.find((c) => !kinds.includes(`${c.check}${c.format ? `:${c.format}` : ''}`));
    if (other) throw new Error(`schema-program: the ${def.type} check "${String(other.check)}" is not known`);
  };
  switch (def.type) {
    case 'object': {
      const catchall = (def.catchall as ZodInternals | undefined)?._zod.def.type;
      if (catchall !== undefined && catchall !== 'never') throw new Error(`schema-program: catchall ${catchall}`);
      unknownCheck([]);
      const shape = def.shape as Record<string, ZodInternals>;
      return {
        t: 'object',
        keys: Object.keys(shape).map((k) => [k, convert(shape[k] as ZodInternals)]),
        strict: catchall === 'never',
      };
    }
    case 'array': {
      unknownCheck(['min_length']);
      const min = checks.find((c) => c.check === 'min_length')?.minimum as number | undefined;
      return { t: 'array', of: convert(def.element as ZodInternals), ...(min === undefined ? {} : { min }) };
    }
    case 'record': {
      const key = (def.keyType as ZodInternals)._zod.def;
      if (key.type !== 'string' || (key.checks ?? []).length > 0)
        throw new Error('schema-program: a record key that is not any string');
      unknownCheck([]);
      return { t: 'record', of: convert(def.valueType as ZodInternals) };
    }
    case 'union':
      unknownCheck([]);
      return { t: 'union', of: (def.options as ZodInternals[]).map(convert) };
    case 'optional':
      unknownCheck([]);
      return { t: 'optional', of: convert(def.innerType as ZodInternals) };
    case 'string': {
      unknownCheck(['min_length', 'string_format:regex']);
      const min = checks.find((c) => c.check === 'min_length')?.minimum as number | undefined;
      const patterns = checks.filter((c) => c.check === 'string_format').map((c) => c.pattern as RegExp);
      return { t: 'string', ...(min === undefined ? {} : { min }), ...(patterns.length ? { patterns } : {}) };
    }
    case 'number': {
      unknownCheck(['number_format:safeint', 'greater_than', 'less_than']);
      const node: Extract<SchemaNode, { t: 'number' }> = { t: 'number' };
      for (const c of checks) {
        if (c.check === 'number_format') node.int = true;
        if (c.check === 'greater_than') node[c.inclusive ? 'gte' : 'gt'] = c.value as number;
        if (c.check === 'less_than') node[c.inclusive ? 'lte' : 'lt'] = c.value as number;
      }
      return node;
    }
    case 'boolean':
      unknownCheck([]);
      return { t: 'boolean' };
    case 'unknown':
      unknownCheck([]);
      return { t: 'unknown' };
    case 'literal':
      unknownCheck([]);
      return { t: 'literal', values: [...(def.values as Array<string | number | boolean | null>)] };
    case 'enum':
      unknownCheck([]);
      return { t: 'literal', values: Object.values(def.entries as Record<string, string>) };
    default:
      throw new Error(`schema-program: the zod kind "${def.type}" is not known to the quick reader`);
  }
}

/** The TypeScript text of src/core/stack/schema-program.ts (before Biome formats it). */
export function programSource(program: SchemaNode): string {
  const render = (v: unknown): string => {
    if (v instanceof RegExp) return v.toString();
    if (Array.isArray(v)) return `[${v.map(render).join(', ')}]`;
    if (typeof v === 'object' && v !== null)
      return `{ ${Object.entries(v)
        .map(([k, x]) => `${/^[A-Za-z_]\w*$/.test(k) ? k : JSON.stringify(k)}: ${render(x)}`)
        .join(', ')} }`;
    return JSON.stringify(v);
  };
  return [
    '/**',
    ' * The stack file schema (schema.ts) as plain data, for the quick schema reader (schema-quick.ts).',
    ' * GENERATED from the zod schema by `node scripts/schema-program.js`: do not edit; change schema.ts and',
    ' * run the script (test/core/stack/schema-quick.test.ts fails while the two differ).',
    ' */',
    "import type { SchemaNode } from './schema-quick';",
    '',
    `export const STACK_FILE_PROGRAM: SchemaNode = ${render(program)};`,
    '',
  ].join('\n');
}
