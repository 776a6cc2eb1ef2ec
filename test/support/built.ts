/**
 * The built CLI (dist/, an esbuild bundle split into chunks; scripts/build.js) as tests see it:
 * which chunk a source became, and which sources (and bundled packages) a set of loaded chunks
 * holds, from the build's metafile (dist/build-meta.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'main.mjs');
const META = join(ROOT, 'dist', 'build-meta.json');

interface Metafile {
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown> }>;
}

function meta(): Metafile {
  if (!existsSync(META)) {
    throw new Error(`${META} is missing: run \`npm run build\` first (\`npm test\` builds in its pretest step)`);
  }
  return JSON.parse(readFileSync(META, 'utf8')) as Metafile;
}

/** The absolute path of the chunk a dynamically imported source (e.g. `src/aws/index.ts`) became. */
export function chunkOf(source: string): string {
  const found = Object.entries(meta().outputs).find(([, o]) => o.entryPoint === source);
  if (!found) throw new Error(`no chunk of the build has ${source} as its entry point`);
  return join(ROOT, found[0]);
}

/**
 * The sources and packages behind loaded files: a chunk of dist/ stands for the inputs bundled
 * into it (`src/…`, `node_modules/…`); any other file is kept as it is.
 */
export function expandChunks(files: readonly string[]): string[] {
  const outputs = meta().outputs;
  return [
    ...new Set(
      files.flatMap((file) => {
        const out = outputs[relative(ROOT, file).split('\\').join('/')];
        return out ? Object.keys(out.inputs) : [file.split('\\').join('/')];
      }),
    ),
  ];
}
