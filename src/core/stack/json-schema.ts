/**
 * docs/stack.schema.json comes from the same zod schema the loader uses, so editors (e.g. the
 * YAML language server: `# yaml-language-server: $schema=…/stack.schema.json`) and
 * `elbctl validate` agree on the shape. A test fails when the committed file drifts.
 *
 * Regenerate:  UPDATE_STACK_SCHEMA=1 npx jest test/core/stack/json-schema.test.ts
 */
import * as z from 'zod';
import { stackFileSchema } from './schema';

const STACK_SCHEMA_ID = 'https://elbctl.dev/schemas/stack.schema.json';

/** The JSON Schema (draft 2020-12) of a stack file, as a value. */
export function stackJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what a user writes (the schema has no transforms, so both agree).
  const generated = z.toJSONSchema(stackFileSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return { $schema, $id: STACK_SCHEMA_ID, ...rest };
}

/** The exact text of docs/stack.schema.json. */
export function stackJsonSchemaText(): string {
  return `${JSON.stringify(stackJsonSchema(), null, 2)}\n`;
}
