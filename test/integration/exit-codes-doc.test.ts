/**
 * docs/commands.md "Exit codes by example" is run, line by line, against the emulator behind
 * the call-counting proxy: each command must exit with the code the docs give and write
 * nothing. When the program and the docs disagree, this fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elbctl } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';

jest.setTimeout(120_000);

interface Row {
  command: string;
  exit: number;
}

/** The rows of the table under `### Exit codes by example`. */
function documentedExitCodes(markdown: string): Row[] {
  const section = markdown.split('### Exit codes by example')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `(elbctl [^`]+)` \| (\d+) \|/gm)].map((m) => ({
    command: m[1] as string,
    exit: Number(m[2]),
  }));
}

/** Splits a documented command line into argv (no quoting is used in the table). */
const argv = (command: string) => command.split(/\s+/).slice(1);

const rows = documentedExitCodes(readFileSync(join(__dirname, '..', '..', 'docs', 'commands.md'), 'utf8'));

let moto: Moto;
let proxy: RecordingProxy;

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startRecordingProxy(moto.endpoint);
});

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
  proxy.clear();
});

describe('docs/commands.md exit codes by example', () => {
  it('GIVEN the table WHEN read THEN it holds both kinds of "does not exist" and the pre-call refusals', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(new Set(rows.map((r) => r.exit))).toEqual(new Set([1, 64]));
  });

  it('GIVEN a table that disagrees with the program WHEN checked THEN the check sees it (the parser reads codes)', () => {
    const changed = documentedExitCodes('### Exit codes by example\n\n| `elbctl lb describe x` | 64 | wrong |\n');
    expect(changed).toEqual([{ command: 'elbctl lb describe x', exit: 64 }]);
  });

  it.each(rows.map((r) => [r.command, r.exit] as const))(
    'GIVEN `%s` WHEN run in an empty account THEN it exits %d and writes nothing',
    async (command, exit) => {
      const r = await elbctl(['--endpoint-url', proxy.endpoint, ...argv(command)]);
      expect({ code: r.code, stdout: r.stdout, writes: proxy.writes() }).toEqual({
        code: exit,
        stdout: '',
        writes: [],
      });
      expect(r.stderr).toMatch(/^error: /);
    },
  );

  it('GIVEN `rule list LB:PORT:PRIORITY` WHEN run THEN no AWS call at all is made', async () => {
    const r = await elbctl(['--endpoint-url', proxy.endpoint, 'rule', 'list', 'web:80:5']);
    expect({ code: r.code, calls: proxy.calls, stderr: r.stderr }).toEqual({
      code: 64,
      calls: [],
      stderr:
        'error: listener "web:80:5": name it by its ARN or as LB:PORT, e.g. web:443; LB:PORT:PRIORITY names a rule, not a listener\n',
    });
  });
});
