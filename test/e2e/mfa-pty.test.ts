/**
 * MFA on a terminal: the built bin/elbctl in a real pseudo-terminal (@lydell/node-pty) with a
 * role profile that has mfa_serial. The code is asked for once on stderr, typed characters show
 * as `*`, the command calls two services (ELBv2 and EC2) with one AssumeRole, and the role's
 * credentials land in the AWS CLI's cache, private, so the next run asks nothing.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pty from '@lydell/node-pty';
import { assertBuilt, BIN, cleanEnv, runCli } from '../support/cli-process';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork } from '../support/network';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';

jest.setTimeout(60_000);

const MFA = 'arn:aws:iam::123456789012:mfa/alice';
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern must match the ESC byte of a CSI sequence
const CSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const plain = (raw: string) => raw.replace(CSI, '').replace(/\r/g, '');

let moto: Moto;
let rec: RecordingProxy;

beforeAll(async () => {
  assertBuilt();
  moto = await startMoto();
  rec = await startRecordingProxy(moto.endpoint);
});
afterAll(async () => {
  await rec?.close();
  await moto?.stop();
});

function roleHome(): Record<string, string> {
  const env = cleanEnv({
    AWS_CONFIG_FILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    TERM: 'xterm-256color',
  });
  const aws = join(env.HOME as string, '.aws');
  mkdirSync(aws);
  writeFileSync(
    join(aws, 'config'),
    `[profile base]\nregion = us-east-1\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n` +
      `source_profile = base\nmfa_serial = ${MFA}\nregion = us-east-1\nendpoint_url = ${rec.endpoint}\n`,
  );
  writeFileSync(join(aws, 'credentials'), '[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
  return env;
}

/** Runs elbctl in a pseudo-terminal, answers the MFA prompt when it appears, returns the screen. */
function runOnTerminal(args: string[], env: Record<string, string>, code: string) {
  return new Promise<{ exitCode: number; screen: string }>((resolve, reject) => {
    const term = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: 160, rows: 40, env });
    let screen = '';
    let typed = false;
    const timer = setTimeout(() => {
      term.kill();
      reject(new Error(`elbctl did not finish; the screen:\n${screen}`));
    }, 30_000);
    term.onData((d) => {
      screen += d;
      if (!typed && screen.includes(`Enter MFA code for ${MFA}:`)) {
        typed = true;
        term.write(`${code}\r`);
      }
    });
    term.onExit(({ exitCode }) => {
      clearTimeout(timer);
      resolve({ exitCode, screen });
    });
  });
}

it('GIVEN a role profile with mfa_serial WHEN a command that calls ELBv2 and EC2 runs on a terminal THEN the code is asked once, masked, and cached for the next run', async () => {
  const net = await seedNetwork(moto.endpoint);
  rec.clear();
  const env = roleHome();

  const r = await runOnTerminal(
    [
      'lb',
      'create',
      'web',
      '--type',
      'application',
      '--subnets',
      net.subnets.join(','),
      '--security-groups',
      net.securityGroupId,
      '--no-wait',
      '--profile',
      'admin',
    ],
    env,
    '987654',
  );

  expect(r.exitCode).toBe(0);
  // The prompt redraws itself on every key; an answered question is drawn once with a check mark.
  const screen = plain(r.screen);
  expect(screen.split(`✔ Enter MFA code for ${MFA}: ******`)).toHaveLength(2);
  expect(screen).not.toContain('987654');
  const services = new Set(rec.calls.map((c) => c.service));
  expect(rec.calls.filter((c) => c.operation === 'AssumeRole')).toHaveLength(1);
  expect([...services].sort()).toEqual(['ec2', 'elasticloadbalancing', 'sts']);

  const cache = join(env.HOME as string, '.aws', 'cli', 'cache');
  const files = readdirSync(cache);
  expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{40}\.json$/)]);
  expect(statSync(join(cache, files[0] as string)).mode & 0o777).toBe(0o600);

  rec.clear();
  const again = await runCli(['lb', 'list', '-o', 'json', '--profile', 'admin', '--no-input'], env);
  expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
  expect((JSON.parse(again.stdout) as Array<{ name: string }>).map((t) => t.name)).toEqual(['web']);
  // lb list reads the load balancers (ELBv2's, and Classic's for its note, at once), then their tags.
  expect(rec.calls.map((c) => c.operation).sort()).toEqual([
    'DescribeLoadBalancers',
    'DescribeLoadBalancers',
    'DescribeTags',
  ]);
});
