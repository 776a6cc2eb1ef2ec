/**
 * The stack file schema (schema.ts) without zod: the schema's structure as plain data
 * (schema-program.ts, generated from the zod schema) and a small reader that applies it. It
 * answers only "does the whole file pass, and what does zod return for it": for a file that
 * passes, the same value zod's safeParse returns (keys in the schema's order, absent optional
 * keys left out); for any other, undefined, and the validator asks zod, whose issues become
 * the problems. Loading and building the zod schema cost more than the rest of `validate`.
 *
 * test/core/stack/schema-quick.test.ts holds it to zod's safeParse, and schema-program.ts to
 * the zod schema it was generated from.
 */
import { STACK_FILE_PROGRAM } from './schema-program';
import type { StackFile } from './schema';

/** One node of a schema, as data (the zod schema kinds the stack file uses). */
export type SchemaNode =
  | { t: 'object'; keys: Array<[string, SchemaNode]>; strict: boolean }
  | { t: 'array'; of: SchemaNode; min?: number }
  | { t: 'record'; of: SchemaNode }
  | { t: 'union'; of: SchemaNode[] }
  | { t: 'optional'; of: SchemaNode }
  | { t: 'string'; min?: number; patterns?: RegExp[] }
  | { t: 'number'; int?: true; gt?: number; gte?: number; lt?: number; lte?: number }
  | { t: 'boolean' }
  | { t: 'unknown' }
  | { t: 'literal'; values: Array<string | number | boolean | null> };

const NO = Symbol('not valid');

/** The file as zod's safeParse would return it when the whole schema accepts it; undefined when not. */
export function quickStackFile(value: unknown): StackFile | undefined {
  const out = run(STACK_FILE_PROGRAM, value);
  return out === NO ? undefined : (out as StackFile);
}

/** `node` applied to `v`, as zod would: its output, or NO. */
function run(node: SchemaNode, v: unknown): unknown {
  switch (node.t) {
    case 'optional':
      return v === undefined ? undefined : run(node.of, v);
    case 'string': {
      if (typeof v !== 'string') return NO;
      // zod counts code points, as the length a person sees
      if (node.min !== undefined && v.length < 2 * node.min && [...v].length < node.min) return NO;
      for (const p of node.patterns ?? []) {
        p.lastIndex = 0;
        if (!p.test(v)) return NO;
      }
      return v;
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return NO;
      if (node.int && !Number.isSafeInteger(v)) return NO;
      if (node.gt !== undefined && !(v > node.gt)) return NO;
      if (node.gte !== undefined && !(v >= node.gte)) return NO;
      if (node.lt !== undefined && !(v < node.lt)) return NO;
      if (node.lte !== undefined && !(v <= node.lte)) return NO;
      return v;
    case 'boolean':
      return typeof v === 'boolean' ? v : NO;
    case 'unknown':
      // anything, returned as it is (zod's unknown); an object key of it must still be present
      return v;
    case 'literal':
      return node.values.includes(v as string) ? v : NO;
    case 'array': {
      if (!Array.isArray(v) || (node.min !== undefined && v.length < node.min)) return NO;
      const out: unknown[] = [];
      for (const item of v) {
        const r = run(node.of, item);
        if (r === NO) return NO;
        out.push(r);
      }
      return out;
    }
    case 'record': {
      if (!isPlainObject(v)) return NO;
      const out: Record<string, unknown> = {};
      // the key schema is a string: every own enumerable string key passes (zod skips __proto__)
      for (const key of Object.keys(v)) {
        if (key === '__proto__') continue;
        const r = run(node.of, v[key]);
        if (r === NO) return NO;
        out[key] = r;
      }
      return out;
    }
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return NO;
      const input = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, child] of node.keys) {
        const present = key in input;
        if (!present) {
          if (child.t === 'optional') continue;
          return NO;
        }
        const r = run(child, input[key]);
        if (r === NO) return NO;
        out[key] = r;
      }
      if (node.strict) for (const key in input) if (!node.keys.some(([k]) => k === key)) return NO;
      return out;
    }
    case 'union':
      for (const option of node.of) {
        const r = run(option, v);
        if (r !== NO) return r;
      }
      return NO;
  }
}

/** What zod calls a plain object (its own test, which holds across realms: jest's vm contexts). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const ctor = (v as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  if (typeof proto !== 'object' || proto === null || Array.isArray(proto)) return false;
  return Object.hasOwn(proto, 'isPrototypeOf');
}
