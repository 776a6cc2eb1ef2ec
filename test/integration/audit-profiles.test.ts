/**
 * `elbctl audit --profiles` with shared config as AWS CLI users write it (a temporary HOME), the
 * built CLI spawned against moto: two profiles of one account are judged once, and a profile the
 * files do not have is reported in `errors` (exit 1) while the others are audited.
 */
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, cleanEnv, runCli } from '../support/cli-process';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, TEST_CREDENTIALS } from '../support/network';

jest.setTimeout(90_000);

let moto: Moto;
beforeAll(async () => {
  assertBuilt();
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

function home(): Record<string, string> {
  const env = cleanEnv({
    AWS_CONFIG_FILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_REGION: undefined,
  });
  mkdirSync(join(env.HOME as string, '.aws'));
  writeFileSync(
    join(env.HOME as string, '.aws', 'config'),
    '[profile ops]\nregion = us-east-1\n[profile audit]\nregion = us-east-1\n',
  );
  writeFileSync(
    join(env.HOME as string, '.aws', 'credentials'),
    '[ops]\naws_access_key_id = testing\naws_secret_access_key = testing\n[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
  );
  return env as Record<string, string>;
}

test('GIVEN two profiles of one account and one unknown profile WHEN audited THEN the account is judged once and the unknown profile is in errors, exit 1', async () => {
  const elbv2 = new ElasticLoadBalancingV2Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  const net = await seedNetwork(moto.endpoint);
  await elbv2.send(new CreateLoadBalancerCommand({ Name: 'solo', Subnets: net.subnets, Type: 'application' }));
  elbv2.destroy();
  const r = await runCli(
    [
      'audit',
      '--profiles',
      'ops,audit,ghost',
      '--regions',
      'us-east-1',
      '--checks',
      'no-listener',
      '-o',
      'json',
      '--endpoint-url',
      moto.endpoint,
    ],
    home(),
  );
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout) as {
    findings: Array<{ id: string; name: string }>;
    summary: { accounts: number; loadBalancers: number };
    errors: Array<{ profile: string; region: string; code: string }>;
  };
  expect(doc.findings.map((f) => `${f.id} ${f.name}`)).toEqual(['no-listener solo']);
  expect(doc.summary).toMatchObject({ accounts: 1, loadBalancers: 1 });
  expect(doc.errors).toEqual([
    expect.objectContaining({ profile: 'ghost', region: 'us-east-1', code: 'E_UNKNOWN_PROFILE' }),
  ]);
});
