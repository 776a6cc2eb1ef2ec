// Jest runs the TypeScript sources through ts-jest (CommonJS). chalk, ora, the proxy agents and
// their helpers are ESM-only, so they are transformed too; everything else in node_modules is left alone.
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
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  transformIgnorePatterns: [transformIgnore],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'core', testMatch: ['<rootDir>/test/core/**/*.test.ts'] },
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/{aws,commands,ui,cli}/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    // npm pack / npm install -g of a clean clone: slow (a build and an npm install each), run by `npm test`.
    { ...base, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'] },
  ],
};
