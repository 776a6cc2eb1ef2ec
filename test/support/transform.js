/**
 * Jest's transform: TypeScript (and the ESM-only packages jest.config.js lists) to CommonJS with
 * esbuild, the transpiler the build already uses. It only transpiles: types are checked by
 * `npm run typecheck` (part of `npm test`), as ts-jest's isolatedModules mode did before, but
 * several times faster on a cold cache (every CI run starts cold).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

// A cached result is reused only for the same source, the same esbuild and this same transform.
const SELF = createHash('sha256')
  .update(`esbuild ${version}\0${readFileSync(__filename, 'utf8')}`)
  .digest('hex');

const loaderFor = (file) => (file.endsWith('.ts') ? 'ts' : 'js');

module.exports = {
  process(source, file) {
    const { code, map } = transformSync(source, {
      loader: loaderFor(file),
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // jest runs CommonJS without vm modules: import() becomes a require, as ts-jest emitted it
      supported: { 'dynamic-import': false },
      sourcefile: file,
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
    });
    return { code, map };
  },
  getCacheKey(source, file) {
    return createHash('sha256').update(`${SELF}\0${file}\0${source}`).digest('hex');
  },
};
