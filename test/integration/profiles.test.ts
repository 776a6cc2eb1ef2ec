/**
 * Shared config as AWS CLI users write it (`tg list`, one call, is the probe: `lb list` also counts
 * Classic load balancers): a temporary HOME with ~/.aws/config and
 * ~/.aws/credentials, the built CLI spawned against moto (which serves STS too) behind a
 * recording proxy. Each source of an endpoint is tested where it must win: it points at the
 * recorder, every source below it at a closed port, so a wrong choice fails the command.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, cleanEnv, runCli } from '../support/cli-process';
import { freePort, startMoto, type Moto } from '../support/moto';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';

jest.setTimeout(90_000);

let moto: Moto;
let rec: RecordingProxy;
let dead: string;

beforeAll(async () => {
  assertBuilt();
  moto = await startMoto();
  rec = await startRecordingProxy(moto.endpoint);
  dead = `http://127.0.0.1:${await freePort()}`;
});
afterAll(async () => {
  await rec?.close();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  rec.clear();
});

/** A HOME with ~/.aws/config and ~/.aws/credentials, and no AWS variable but the ones given. */
function home(config: string, credentials = '[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n') {
  const env = cleanEnv({
    AWS_CONFIG_FILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_REGION: undefined,
  });
  mkdirSync(join(env.HOME as string, '.aws'));
  writeFileSync(join(env.HOME as string, '.aws', 'config'), config);
  writeFileSync(join(env.HOME as string, '.aws', 'credentials'), credentials);
  return env;
}

const BASE = '[profile base]\nregion = us-east-1\n';
const calls = () => rec.calls.map((c) => c.operation);

describe('endpoint precedence (highest first)', () => {
  const services = (url: string) => `[services local]\nelastic_load_balancing_v2 =\n  endpoint_url = ${url}\n`;
  const rows: Array<
    [string, (won: string, lost: string) => { config: string; env: Record<string, string>; args: string[] }]
  > = [
    [
      '--endpoint-url',
      (won, lost) => ({ config: BASE, env: { ELBCTL_ENDPOINT_URL: lost }, args: ['--endpoint-url', won] }),
    ],
    [
      'ELBCTL_ENDPOINT_URL',
      (won, lost) => ({
        config: BASE,
        env: { ELBCTL_ENDPOINT_URL: won, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: lost },
        args: [],
      }),
    ],
    [
      'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2',
      (won, lost) => ({
        config: BASE,
        env: { AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: won, AWS_ENDPOINT_URL: lost },
        args: [],
      }),
    ],
    [
      'AWS_ENDPOINT_URL',
      (won, lost) => ({
        config: `[profile base]\nregion = us-east-1\nservices = local\n${services(lost)}`,
        env: { AWS_ENDPOINT_URL: won },
        args: [],
      }),
    ],
    [
      "the profile's services section",
      (won, lost) => ({
        config: `[profile base]\nregion = us-east-1\nservices = local\nendpoint_url = ${lost}\n${services(won)}`,
        env: {},
        args: [],
      }),
    ],
    [
      "the profile's endpoint_url",
      (won) => ({ config: `[profile base]\nregion = us-east-1\nendpoint_url = ${won}\n`, env: {}, args: [] }),
    ],
  ];

  it.each(rows.map(([name, row]) => ({ name, row })))(
    'GIVEN $name and every lower source pointing elsewhere WHEN tg list runs with --profile THEN $name is used',
    async ({ row }) => {
      const { config, env, args } = row(rec.endpoint, dead);
      const r = await runCli(['tg', 'list', '-o', 'json', '--profile', 'base', ...args], {
        ...home(config),
        ...env,
        AWS_MAX_ATTEMPTS: '1',
      });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
      expect(calls()).toEqual(['DescribeTargetGroups']);
    },
  );

  it('GIVEN AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true WHEN only configured endpoints are set THEN they are dropped and the AWS endpoint is asked (through a proxy that refuses it)', async () => {
    const config = `[profile base]\nregion = us-east-1\nendpoint_url = ${rec.endpoint}\n`;
    const { startForwardProxy } = await import('../support/forward-proxy');
    const blocker = await startForwardProxy({});
    try {
      const r = await runCli(['tg', 'list', '--profile', 'base'], {
        ...home(config),
        ELBCTL_ENDPOINT_URL: rec.endpoint,
        AWS_ENDPOINT_URL: rec.endpoint,
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
        HTTPS_PROXY: blocker.url,
        AWS_MAX_ATTEMPTS: '1',
      });
      expect(r.code).toBe(1);
      expect(blocker.connects).toEqual(['elasticloadbalancing.us-east-1.amazonaws.com:443']);
      expect(calls()).toEqual([]);
    } finally {
      await blocker.close();
    }
  });

  it('GIVEN AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true WHEN --endpoint-url is given THEN the flag still applies', async () => {
    const r = await runCli(['tg', 'list', '-o', 'json', '--profile', 'base', '--endpoint-url', rec.endpoint], {
      ...home(BASE),
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    });
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: '[]\n' });
    expect(calls()).toEqual(['DescribeTargetGroups']);
  });
});

describe('retries from the profile', () => {
  const attempts = (stderr: string) => /aws elbv2 DescribeTargetGroups \d+ms attempts=(\d+)/.exec(stderr)?.[1];
  const config = (n: number) =>
    `[profile base]\nregion = us-east-1\nmax_attempts = ${n}\nretry_mode = standard\nendpoint_url = ${dead}\n`;

  it("GIVEN the profile's max_attempts = 2 WHEN the endpoint refuses connections THEN 2 attempts are made", async () => {
    const r = await runCli(['tg', 'list', '--profile', 'base', '--debug'], home(config(2)));
    expect(r.code).toBe(1);
    expect(attempts(r.stderr)).toBe('2');
  });

  it("GIVEN AWS_MAX_ATTEMPTS=1 and the profile's max_attempts = 2 WHEN the endpoint refuses connections THEN the variable wins", async () => {
    const r = await runCli(['tg', 'list', '--profile', 'base', '--debug'], {
      ...home(config(2)),
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(r.code).toBe(1);
    expect(attempts(r.stderr)).toBe('1');
  });

  it("GIVEN the profile's retry_mode = legacy WHEN a command runs THEN exit 64 names the setting", async () => {
    const r = await runCli(
      ['lb', 'list', '--profile', 'base'],
      home('[profile base]\nregion = us-east-1\nretry_mode = legacy\n'),
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 64,
      stderr:
        'error: retry mode "legacy" (AWS_RETRY_MODE or the profile\'s retry_mode): unknown; use standard or adaptive\n',
    });
  });
});

describe('profiles that do not exist', () => {
  it('GIVEN --profile naming no profile WHEN a command runs THEN exit 77 lists the profiles and does not say to pass --profile', async () => {
    const r = await runCli(['tg', 'list', '--profile', 'prod', '--endpoint-url', rec.endpoint], home(BASE));
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 77,
      stdout: '',
      stderr:
        'error: profile "prod" (--profile): not found in the shared config or credentials file\n' +
        'hint: profiles there: base; check the name, or create it with `aws configure --profile prod`\n',
    });
    expect(calls()).toEqual([]);
  });

  it('GIVEN AWS_PROFILE naming no profile WHEN a command runs THEN the message names AWS_PROFILE', async () => {
    const r = await runCli(['tg', 'list', '--endpoint-url', rec.endpoint], { ...home(BASE), AWS_PROFILE: 'prod' });
    expect(r.code).toBe(77);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: profile "prod" (AWS_PROFILE): not found in the shared config or credentials file',
    );
  });
});

describe('roles with MFA and the AWS CLI cache', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/admin';
  const MFA = 'arn:aws:iam::123456789012:mfa/alice';
  const config = () =>
    `${BASE}[profile admin]\nrole_arn = ${ROLE}\nsource_profile = base\nmfa_serial = ${MFA}\nregion = us-east-1\nservices = local\n` +
    `[services local]\nelastic_load_balancing_v2 =\n  endpoint_url = ${rec.endpoint}\nsts =\n  endpoint_url = ${rec.endpoint}\nec2 =\n  endpoint_url = ${rec.endpoint}\n`;
  const cacheDir = (env: Record<string, string>) => join(env.HOME as string, '.aws', 'cli', 'cache');

  /** The AWS CLI itself, with the same HOME; `input` is what it reads as the MFA code. */
  function aws(args: string[], env: Record<string, string>, input: string) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('aws', args, { env: { ...env, AWS_ENDPOINT_URL_STS: rec.endpoint } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (e) =>
        resolve({ code: -1, stdout, stderr: `${stderr}${String(e)} (the AWS CLI is needed: pip install awscli)` }),
      );
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });
  }

  it('GIVEN a role profile with mfa_serial and input off WHEN a command runs THEN exit 77 names the MFA device and the two ways on, with no AWS call', async () => {
    const r = await runCli(['tg', 'list', '--profile', 'admin', '--no-input'], home(config()));
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 77,
      stdout: '',
      stderr:
        `error: profile "admin": its role needs a code from MFA device ${MFA}, and input is off (--no-input, CI or no terminal)\n` +
        "hint: run the command on a terminal to type the code (the role's credentials are then cached in ~/.aws/cli/cache until they expire), or run `aws sts get-caller-identity --profile admin` once: elbctl uses the credentials the AWS CLI caches there\n",
    });
    expect(calls()).toEqual([]);
  });

  it('GIVEN the AWS CLI assumed the role with an MFA code WHEN elbctl runs with input off THEN it uses the cached credentials, with no AssumeRole and no prompt', async () => {
    const env = home(config());
    const first = await aws(['sts', 'get-caller-identity', '--profile', 'admin', '--output', 'json'], env, '123456\n');
    expect({ code: first.code, account: (JSON.parse(first.stdout || '{}') as { Account?: string }).Account }).toEqual({
      code: 0,
      account: '123456789012',
    });
    expect(calls()).toEqual(['AssumeRole', 'GetCallerIdentity']);
    rec.clear();

    const r = await runCli(['tg', 'list', '-o', 'json', '--profile', 'admin', '--no-input'], env);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(calls()).toEqual(['DescribeTargetGroups']);
  });

  it('GIVEN elbctl cached the role credentials WHEN the AWS CLI runs with no terminal and no code THEN it uses them, and the file is private (0600)', async () => {
    const env = home(config());
    // elbctl's own cache write, with the code from a terminal, is the pseudo-terminal test's
    // (test/e2e/mfa-pty.test.ts); here the cache is written by elbctl's provider in-process.
    const { loadAws } = await import('../../src/aws');
    const saved = { ...process.env };
    Object.assign(process.env, {
      HOME: env.HOME,
      AWS_CONFIG_FILE: join(env.HOME as string, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(env.HOME as string, '.aws', 'credentials'),
    });
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    let asked = 0;
    try {
      const boundary = await loadAws(
        { profile: 'admin', region: 'us-east-1', userAgent: 'elbctl/test' },
        {
          verifySsl: true,
          env: process.env,
          home: env.HOME as string,
          profileSource: '--profile',
          mfaCode: async () => {
            asked += 1;
            return '654321';
          },
        },
      );
      await boundary.elbv2.listLoadBalancers();
      // A second service, with its own client: the same credentials, no second code.
      await boundary.ec2.listVpcs();
    } finally {
      process.env = saved;
    }
    expect(asked).toBe(1);
    expect(calls()).toEqual(['AssumeRole', 'DescribeLoadBalancers', 'DescribeVpcs']);
    const files = readdirSync(cacheDir(env));
    expect(files).toHaveLength(1);
    expect(statSync(join(cacheDir(env), files[0] as string)).mode & 0o777).toBe(0o600);
    const cached = JSON.parse(readFileSync(join(cacheDir(env), files[0] as string), 'utf8')) as {
      Credentials: Record<string, string>;
    };
    expect(Object.keys(cached.Credentials).sort()).toEqual([
      'AccessKeyId',
      'AccountId',
      'Expiration',
      'SecretAccessKey',
      'SessionToken',
    ]);
    expect(cached.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/);
    rec.clear();

    const r = await aws(['sts', 'get-caller-identity', '--profile', 'admin', '--output', 'json'], env, '');
    expect(r.code).toBe(0);
    expect(calls()).toEqual(['GetCallerIdentity']);
  });
});
