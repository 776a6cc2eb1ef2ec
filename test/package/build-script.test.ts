/**
 * scripts/build.js where esbuild (a devDependency) is not installed: what npm 11's global git
 * install makes of a clone (npm/cli#8440), or a clone before `npm ci`. The script runs from a copy
 * in an empty temporary folder, so that no node_modules above it can provide esbuild.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/built';

let copy: string;

beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), 'elbctl-build-script-'));
  mkdirSync(join(copy, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'build.js'), join(copy, 'scripts', 'build.js'));
  // An earlier build, which a failed one must leave alone.
  mkdirSync(join(copy, 'dist'));
  writeFileSync(join(copy, 'dist', 'main.mjs'), '// an earlier build\n');
});

afterEach(() => {
  rmSync(copy, { recursive: true, force: true });
});

function build(extra: Record<string, string>) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: copy, ...extra };
  return spawnSync(process.execPath, [join(copy, 'scripts', 'build.js')], { cwd: copy, env, encoding: 'utf8' });
}

describe('the build without esbuild', () => {
  it("GIVEN a clone without its devDependencies WHEN npm 11's global git preparation runs the build (npm_config_global=true) THEN it exits 1 naming npm/cli#8440 and the installs that work, and leaves dist/ alone", () => {
    const r = build({ npm_config_global: 'true' });

    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        `elbctl's build needs esbuild, a devDependency not installed in ${copy}.`,
        'npm 11 builds a global git install without its dependencies (https://github.com/npm/cli/issues/8440).',
        'Install with npm 12: npm install -g --allow-git=root git+URL',
        '(with npm 11 on Node 22.22.2+, 24.15+ or 26+: npx -y npm@12 install -g --allow-git=root git+URL),',
        'or in two steps: npm pack git+URL, then npm install -g ./elbctl-*.tgz',
        '',
      ].join('\n'),
    });
    expect(readdirSync(join(copy, 'dist'))).toEqual(['main.mjs']);
  });

  it('GIVEN a clone without its devDependencies WHEN the build runs outside a global install THEN it exits 1 saying to run npm ci, and leaves dist/ alone', () => {
    const r = build({});

    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: `elbctl's build needs esbuild, a devDependency not installed in ${copy}.\nRun \`npm ci\` in it first.\n`,
    });
    expect(readdirSync(join(copy, 'dist'))).toEqual(['main.mjs']);
  });
});
