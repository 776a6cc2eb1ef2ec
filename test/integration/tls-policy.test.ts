/**
 * TLS policies against moto: a new HTTPS listener gets the post-quantum default, and a listener on
 * a policy that still accepts TLS 1.0/1.1 is flagged by `doctor` and `lb describe` (judged by the
 * dated table, since the emulator's DescribeSSLPolicies omits some older policies).
 */
import { importTestCertificate } from '../support/certificate';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, type Network } from '../support/network';

jest.setTimeout(120_000);

let moto: Moto;
let net: Network;
let cert: string;

beforeAll(async () => {
  moto = await startMoto();
  net = await seedNetwork(moto.endpoint);
  cert = await importTestCertificate(moto.endpoint);
  await elbctl([
    'lb',
    'create',
    'web',
    '--type',
    'application',
    '--subnets',
    net.subnets.join(','),
    '--security-groups',
    net.securityGroupId,
  ]);
  await elbctl(['tg', 'create', 'api', '--protocol', 'HTTP', '--port', '8080', '--vpc', net.vpcId]);
});
afterAll(async () => {
  await moto?.stop();
});

async function elbctl(args: string[], expectCode = 0, output = 'json'): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, '-o', output, '-y', ...args]);
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('TLS policies', () => {
  it('GIVEN no --ssl-policy WHEN an HTTPS listener is created THEN it carries ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTPS',
      '--port',
      '443',
      '--forward',
      'api',
      '--certificate',
      cert,
    ]);
    expect(r.json<{ sslPolicy: string }>().sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
  });

  it('GIVEN a listener on ELBSecurityPolicy-TLS-1-0-2015-04 WHEN doctor and lb describe run THEN both flag TLS 1.0/1.1, with the fix', async () => {
    await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTPS',
      '--port',
      '8443',
      '--forward',
      'api',
      '--certificate',
      cert,
      '--ssl-policy',
      'ELBSecurityPolicy-TLS-1-0-2015-04',
    ]);

    const doctor = await elbctl(['doctor', 'web'], 1); // 1: api has no targets yet
    expect(doctor.json<{ checks: unknown[] }>().checks).toContainEqual({
      name: 'web:8443/tls-policy',
      status: 'warn',
      detail: 'ELBSecurityPolicy-TLS-1-0-2015-04 still accepts TLS 1.0 and 1.1',
      fix: 'elbctl listener modify web:8443 --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });
    expect(doctor.json<{ checks: Array<{ name: string }> }>().checks.map((c) => c.name)).not.toContain(
      'web:443/tls-policy',
    );

    const describe = await elbctl(['lb', 'describe', 'web'], 0, 'table');
    expect(describe.stdout).toContain('ELBSecurityPolicy-TLS-1-0-2015-04 (allows TLS 1.0/1.1)');
    expect(describe.stdout).not.toContain('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (allows');
    expect(describe.stderr).toContain(
      'warning: listener web:8443: ssl policy "ELBSecurityPolicy-TLS-1-0-2015-04" still accepts TLS 1.0/1.1; unless old clients need it, use ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    );
  });
});
