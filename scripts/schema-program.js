#!/usr/bin/env node

// Regenerates src/core/stack/schema-program.ts (the stack schema as plain data for the quick
// schema reader) from the zod schema in src/core/stack/schema.ts, then formats it with Biome.
// test/core/stack/schema-quick.test.ts fails while the file and the schema differ.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const target = path.join(root, 'src/core/stack/schema-program.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'elbctl-schema-program-'));
try {
  const entry = path.join(work, 'entry.ts');
  fs.writeFileSync(
    entry,
    [
      `import { stackFileSchema } from ${JSON.stringify(path.join(root, 'src/core/stack/schema'))};`,
      `import { programSource, schemaProgram } from ${JSON.stringify(path.join(root, 'test/support/schema-program'))};`,
      'export const text = programSource(schemaProgram(stackFileSchema));',
    ].join('\n'),
  );
  const out = path.join(work, 'entry.cjs');
  esbuild.buildSync({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
  });
  fs.writeFileSync(target, require(out).text);
  execFileSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', target], { stdio: 'inherit' });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
