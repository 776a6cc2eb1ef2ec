#!/usr/bin/env node

// `npm run build`: src/ → dist/ with esbuild, which only transpiles and bundles (type checking is
// `npm run typecheck`, part of `npm test`).
//
// One ES-module bundle of the CLI, split at every `await import()`: dist/main.mjs holds the
// command tree and commander; each command, the AWS boundary and the heavier libraries
// (yaml, zod, chalk, ora, cli-table3…) are chunks loaded when a command first needs them. The AWS
// SDK stays outside the bundle and is required lazily, client by client, as before. Chosen over
// one file per module (tsc's layout) and over a single CommonJS bundle by bench/startup.js
// (bench/RESULTS.md, "Startup").
//
// Beside it, dist/help.cjs and dist/help-pages.json: `--help` and `--version` without commander
// (buildHelp below).
//
// dist/build-meta.json (esbuild's metafile: which sources each chunk holds) lets the lazy-load
// tests name the sources a run loaded; it is not shipped.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const esbuild = requireEsbuild();

/**
 * esbuild is a devDependency: a clone builds after `npm ci`, and npm installs it before building
 * a git install — except npm 11 for a GLOBAL git install, whose nested preparation inherits
 * `--global` and installs nothing into its clone (npm/cli#8440). Say so, and what works, rather
 * than let Node's "Cannot find module" stand alone deep inside npm's error.
 */
function requireEsbuild() {
  try {
    return require('esbuild');
  } catch (e) {
    if (!(e && e.code === 'MODULE_NOT_FOUND' && /'esbuild'/.test(e.message))) throw e;
    const advice =
      process.env.npm_config_global === 'true'
        ? [
            'npm 11 builds a global git install without its dependencies (https://github.com/npm/cli/issues/8440).',
            'Install with npm 12: npm install -g --allow-git=root git+URL',
            '(with npm 11 on Node 22.22.2+, 24.15+ or 26+: npx -y npm@12 install -g --allow-git=root git+URL),',
            'or in two steps: npm pack git+URL, then npm install -g ./elbctl-*.tgz',
          ]
        : ['Run `npm ci` in it first.'];
    process.stderr.write(
      `elbctl's build needs esbuild, a devDependency not installed in ${root}.\n${advice.join('\n')}\n`,
    );
    process.exit(1);
  }
}

/**
 * Packages left to Node: the SDK (loaded per client, on first use), the proxy agents it uses,
 * inquirer, which the prompter requires only when it asks, and the JMESPath library, which
 * --query requires only when it is given: a require() is not a split point, so a bundled
 * package would sit in the requiring module's chunk (for --query, the main one).
 */
const EXTERNAL = [
  '@aws-sdk/*',
  '@smithy/*',
  'agent-base',
  'http-proxy-agent',
  'https-proxy-agent',
  '@inquirer/*',
  '@jmespath-community/*',
];

/**
 * Modules that import the SDK are bundled as CommonJS: in an ES-module bundle, every import of an
 * external package is hoisted to the top of its chunk, so loading the AWS boundary would load all
 * four SDK clients at once (EC2's alone costs ~0.3 s). As CommonJS, a module's require() of its
 * SDK client runs when that module is first required — one client at a time, as the sources
 * intend (test/aws/lazy-clients.test.ts). Every other module stays an ES module, so a chunk
 * loaded with import() keeps its named exports.
 */
const SDK_IMPORT = /from\s*["'](@aws-sdk|@smithy)\//;
const sdkModulesAsCommonJs = {
  name: 'sdk-modules-as-commonjs',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const options = { loader: 'ts', target: 'node20', sourcefile: args.path };
      // Type-only imports vanish in the transform; what is left is what runs.
      const asEsm = esbuild.transformSync(source, { ...options, format: 'esm' }).code;
      if (!SDK_IMPORT.test(asEsm)) return { contents: asEsm, loader: 'js' };
      return { contents: esbuild.transformSync(source, { ...options, format: 'cjs' }).code, loader: 'js' };
    });
  },
};

/**
 * Node's built-in modules, taken with process.getBuiltinModule() (Node ≥ 20.16 and 22.3; engines
 * ask for more) instead of an ES-module import: Node builds an ES-module facade for a built-in
 * imported that way, reading every export, and some exports are getters that load more of Node
 * (importing node:util or node:process that way loads worker_threads, readline, the REPL's
 * history…). The bundled packages (chalk, ora) import node:process, node:os, node:tty.
 */
const builtinsWithoutFacades = {
  name: 'builtins-without-facades',
  setup(build) {
    const { isBuiltin } = require('node:module');
    build.onResolve({ filter: /^[a-z:_/]+$/ }, (args) =>
      isBuiltin(args.path) ? { path: args.path, namespace: 'node-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

fs.rmSync(dist, { recursive: true, force: true });
async function build() {
  const result = await esbuild.build({
    entryPoints: { main: path.join(root, 'src/cli/main.ts') },
    outdir: dist,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // The sources load some modules with require() (the SDK client by client, and a few of ours
    // on first use); in an ES module that needs a require of its own.
    banner: {
      js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);",
    },
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    plugins: [builtinsWithoutFacades, sdkModulesAsCommonJs],
    logLevel: 'warning',
  });
  const help = await buildHelp();
  const metafile = {
    inputs: { ...result.metafile.inputs, ...help.inputs },
    outputs: { ...result.metafile.outputs, ...help.outputs },
  };
  fs.writeFileSync(path.join(dist, 'build-meta.json'), JSON.stringify(metafile));
}

/**
 * `elbctl --help`, `NOUN [VERB] --help` and `--version` without commander or the command tree:
 * bin/elbctl first asks dist/help.cjs (src/cli/help/page.ts, no imports), which prints the page
 * from dist/help-pages.json. The pages are extracted here from the real tree by commander's own
 * Help (src/cli/help/extract.ts); test/cli/fast-help.test.ts checks every page against commander.
 */
async function buildHelp() {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };
  const served = await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/help/page.ts')],
    outfile: path.join(dist, 'help.cjs'),
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
  });
  // The generator runs the tree's own code: bundled into a file in dist/ (so the externals
  // resolve as they would for main.mjs), required, and removed.
  const generator = path.join(dist, '.help-pages-generator.cjs');
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/help/generate.ts')],
    outfile: generator,
    external: EXTERNAL,
  });
  try {
    const { elbctlHelpPages } = require(generator);
    fs.writeFileSync(path.join(dist, 'help-pages.json'), JSON.stringify(elbctlHelpPages()));
  } finally {
    fs.rmSync(generator, { force: true });
  }
  return served.metafile;
}

build().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
