// Jest runs the TypeScript sources as CommonJS, transpiled by esbuild (test/support/transform.js;
// types are checked by `npm run typecheck`). chalk, ora, the proxy agents and their helpers are
// ESM-only, so they are transformed too; everything else in node_modules is left alone.
const esm = [
  'chalk',
  'ora',
  'cli-cursor',
  'restore-cursor',
  'log-symbols',
  'is-unicode-supported',
  'is-interactive',
  'stdin-discarder',
  'string-width',
  'strip-ansi',
  'ansi-regex',
  'get-east-asian-width',
  'emoji-regex',
  'onetime',
  'mimic-function',
  // the proxy agents (src/aws/network.ts)
  'agent-base',
  'http-proxy-agent',
  'https-proxy-agent',
  'proxy-agent-negotiate',
];
const transformIgnore = `/node_modules/(?!(${esm.join('|')})/)`;

const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]sx?$': '<rootDir>/test/support/transform.js',
  },
  transformIgnorePatterns: [transformIgnore],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Two workers on these 2-core machines (jest's default is cores − 1: one): most test time is spent
  // waiting on moto and on spawned elbctl processes, so two files overlap well (core+unit+e2e: 139 s
  // → 78 s in one measurement). Each integration file starts its own moto on a free port.
  maxWorkers: 2,
  projects: [
    { ...base, displayName: 'core', testMatch: ['<rootDir>/test/core/**/*.test.ts'] },
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/{aws,commands,ui,cli}/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    // npm pack / npm install -g of a clean clone: slow (a build and an npm install each), run by `npm test`.
    { ...base, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'] },
  ],
};
