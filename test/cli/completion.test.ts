/**
 * `elbctl completion bash|zsh|fish`: the bash script, sourced in a real bash with COMP_WORDS and
 * COMP_CWORD set as bash sets them, completes commands, subcommands, flags and enum values from
 * the command tree, and asks `elbctl __complete` (a stub on PATH here) for account names.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LISTENER_PROTOCOLS } from '../../src/core/rules/listener';
import { TARGET_GROUP_PROTOCOLS } from '../../src/core/rules/target-group';
import { elbctl } from '../support/harness';

let dir: string;
let script: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'elbctl-completion-'));
  const r = await elbctl(['completion', 'bash']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  script = join(dir, 'elbctl.bash');
  writeFileSync(script, r.stdout);
  // A stand-in for the real binary on PATH: records how the script called it, answers with names.
  writeFileSync(
    join(dir, 'elbctl'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(dir, 'calls')}"\ncase "$*" in\n  *"__complete load-balancer"*) printf 'shop\\nweb\\nweb-blue\\n' ;;\n  *"__complete listener web:"*) printf 'web:443\\nweb:80\\n' ;;\n  *"__complete target-group"*) printf 'api\\ncanary\\n' ;;\nesac\n`,
  );
  chmodSync(join(dir, 'elbctl'), 0o755);
});

/** What bash would offer: COMP_WORDS as bash splits the line (at spaces, ':' and '='), the cursor on the last word. */
function complete(...words: string[]): string[] {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync(
    'bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      `source "$1"; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _elbctl; printf '%s\\n' "\${COMPREPLY[@]}"`,
      'bash',
      script,
    ],
    { encoding: 'utf8', env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir } },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '');
}

const calls = () => readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');

describe('the bash completion script', () => {
  it('GIVEN elbctl l WHEN completed THEN the commands starting with l', () => {
    expect(complete('elbctl', 'l')).toEqual(['lb', 'listener']);
  });

  it('GIVEN elbctl lb cr WHEN completed THEN create (and cross-zone, which also starts with cr)', () => {
    expect(complete('elbctl', 'lb', 'cr')).toEqual(['create', 'cross-zone']);
    expect(complete('elbctl', 'lb', 'cre')).toEqual(['create']);
  });

  it('GIVEN tg create --protocol and nothing typed WHEN completed THEN every target group protocol the validator accepts', () => {
    expect(complete('elbctl', 'tg', 'create', 'api', '--protocol', '')).toEqual([...TARGET_GROUP_PROTOCOLS]);
    expect(complete('elbctl', 'listener', 'create', 'web', '--protocol', '')).toEqual([...LISTENER_PROTOCOLS]);
  });

  it("GIVEN a flag prefix WHEN completed THEN that command's flags and the global ones", () => {
    expect(complete('elbctl', 'lb', 'create', 'web', '--t')).toEqual(['--type', '--tag']);
    expect(complete('elbctl', 'rule', 'add', 'web:443', '--query')).toEqual(['--query-string', '--query']);
  });

  it('GIVEN a global flag with a value before the command WHEN an argument is completed THEN it is skipped over', () => {
    expect(complete('elbctl', '--region', 'eu-west-1', '-o', 'json', 'tg', 'cross-zone', 'api', '')).toEqual([
      'on',
      'off',
      'inherit',
    ]);
    expect(complete('elbctl', 'lb', 'list', '-o', '')).toEqual(['table', 'json', 'yaml']);
  });

  it('GIVEN --flag=value split by bash at "=" WHEN completed THEN offers the values after the "="', () => {
    expect(complete('elbctl', 'lb', 'create', 'web', '--type', '=', 'ne')).toEqual(['network']);
  });

  it('GIVEN a load balancer argument WHEN completed THEN asks elbctl __complete with the same account flags', () => {
    expect(
      complete('elbctl', '--region', 'eu-west-1', '--endpoint-url', 'http://127.0.0.1:5000', 'lb', 'describe', 'we'),
    ).toEqual(['web', 'web-blue']);
    expect(calls().at(-1)).toBe(
      '--region eu-west-1 --endpoint-url http://127.0.0.1:5000 --no-input __complete load-balancer we',
    );
  });

  it('GIVEN LB:PORT split by bash at ":" WHEN completed THEN asks for that load balancer\'s listeners and offers the part after ":"', () => {
    expect(complete('elbctl', 'rule', 'list', 'web', ':', '4')).toEqual(['443']);
    expect(calls().at(-1)).toBe('--no-input __complete listener web:4');
  });

  it('GIVEN a flag that takes a target group WHEN completed THEN target group names', () => {
    expect(complete('elbctl', 'rule', 'add', 'web', ':', '443', '--path', '/api/*', '--forward', 'c')).toEqual([
      'canary',
    ]);
  });

  it('GIVEN the action flags WHEN completed THEN the authentication and rewrite flags, and files for --actions-file', () => {
    expect(complete('elbctl', 'rule', 'add', 'web', ':', '443', '--auth')).toEqual(['--auth-oidc', '--auth-cognito']);
    expect(complete('elbctl', 'rule', 'modify', 'web', ':', '443', ':', '10', '--rew')).toEqual([
      '--rewrite-url',
      '--rewrite-host',
    ]);
    expect(complete('elbctl', 'rule', 'modify', 'web', ':', '443', ':', '10', '--no-t')).toEqual(['--no-transforms']);
    expect(complete('elbctl', 'listener', 'create', 'web', '--client-secret')).toEqual([
      '--client-secret-env',
      '--client-secret-stdin',
    ]);
    writeFileSync(join(dir, 'admin-actions.yaml'), 'action: { forward: admin }\n');
    expect(complete('elbctl', 'listener', 'modify', 'web', ':', '443', '--actions-file', join(dir, 'admin-a'))).toEqual(
      [join(dir, 'admin-actions.yaml')],
    );
  });

  it('GIVEN a hidden command WHEN the commands are completed THEN it is not offered', () => {
    expect(complete('elbctl', '_')).toEqual([]);
    expect(complete('elbctl', 'c')).toEqual(['clb', 'completion']);
  });
});

describe('elbctl completion', () => {
  it('GIVEN zsh WHEN printed THEN loads bashcompinit and the same functions as bash', async () => {
    const bash = await elbctl(['completion', 'bash']);
    const zsh = await elbctl(['completion', 'zsh']);

    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toContain('\nautoload -U +X bashcompinit && bashcompinit\n');
    const body = (s: string) => s.slice(s.indexOf('# the subcommands of a command path'));
    expect(body(zsh.stdout)).toBe(body(bash.stdout));
  });

  it('GIVEN fish WHEN printed THEN declares commands, flags with their values, and names from elbctl', async () => {
    const r = await elbctl(['completion', 'fish']);

    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(
      "complete -c elbctl -n '__elbctl_at \\'\\'' -a 'lb' -d 'load balancers: create, list, describe, modify, delete, attributes, cross-zone, capacity'",
    );
    expect(lines).toContain(
      `complete -c elbctl -n '__elbctl_at \\'tg create\\'' -l protocol -r -f -a '${TARGET_GROUP_PROTOCOLS.join(' ')}' -d 'HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, QUIC, TCP_QUIC or GENEVE (not for lambda)'`,
    );
    expect(lines).toContain(
      "complete -c elbctl -n '__elbctl_at \\'lb describe\\' 0' -f -a '(__elbctl_names load-balancer)'",
    );
    expect(lines).toContain(
      "complete -c elbctl -n '__elbctl_at \\'export\\' 0+' -f -a '(__elbctl_names load-balancer)'",
    );
  });

  it('GIVEN -o json on a pipe WHEN printed THEN the script itself, not JSON', async () => {
    const r = await elbctl(['completion', 'bash', '-o', 'json']);

    expect(r.stdout.startsWith('# bash completion for elbctl ')).toBe(true);
  });

  it('GIVEN an unknown shell WHEN run THEN exit 64 naming the shells', async () => {
    const r = await elbctl(['completion', 'powershell']);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe('error: shell "powershell": not supported; use bash, zsh or fish\n');
    expect(r.stdout).toBe('');
  });
});
