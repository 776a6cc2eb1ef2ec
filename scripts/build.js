#!/usr/bin/env node

// `npm run build`: src/**/*.ts → dist/ (CommonJS, one file per module, like tsc's output) with
// esbuild, which only transpiles: type checking is `npm run typecheck` (tsc), part of `npm test`.
// esbuild needs no other package to build, so a git install can build with nothing but it.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const esbuild = require(process.env.ELBCTL_ESBUILD ?? 'esbuild');

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [file] : [];
  });
}

fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
esbuild.buildSync({
  entryPoints: sources(path.join(root, 'src')),
  outdir: path.join(root, 'dist'),
  outbase: path.join(root, 'src'),
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  bundle: false,
  // `await import('./x')` becomes a lazy require, as tsc emits it: an ESM import() of an
  // extensionless CommonJS path would not resolve.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
});
