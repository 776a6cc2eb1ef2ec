/**
 * `elbctl init --defaults` against moto, in-process: moto creates a default VPC with a default
 * subnet in every zone of the region, as AWS does, so the defaults have something real to take.
 * The written file must pass `validate`, `apply` must create it, and a second plan must be empty.
 */
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importTestCertificate } from '../support/certificate';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS, TEST_REGION } from '../support/network';

jest.setTimeout(120_000);

let moto: Moto;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
});

async function elbctl(args: string[], expectCode = 0): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, ...args]);
  if (r.code !== expectCode)
    throw new Error(
      `elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`,
    );
  return r;
}

/** A fresh directory named `shop`: the default stack name. */
function stackFile(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'elbctl-init-it-')), 'shop');
  mkdirSync(dir);
  return join(dir, 'elbctl.yaml');
}

async function defaultNetwork(): Promise<{ vpcId: string }> {
  const ec2 = new EC2Client({ region: TEST_REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
  try {
    const vpcs =
      (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs ?? [];
    if (vpcs.length !== 1) throw new Error(`moto should create exactly one default VPC, found ${vpcs.length}`);
    return { vpcId: vpcs[0]?.VpcId as string };
  } finally {
    ec2.destroy();
  }
}

async function liveState() {
  const client = new ElasticLoadBalancingV2Client({
    region: TEST_REGION,
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  try {
    const lbs = (await client.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const tgs = (await client.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
    const listeners =
      lbs.length > 0
        ? ((await client.send(new DescribeListenersCommand({ LoadBalancerArn: lbs[0]?.LoadBalancerArn }))).Listeners ??
          [])
        : [];
    const tags =
      lbs.length > 0
        ? ((await client.send(new DescribeTagsCommand({ ResourceArns: [lbs[0]?.LoadBalancerArn as string] })))
            .TagDescriptions ?? [])
        : [];
    return { lbs, tgs, listeners, tags };
  } finally {
    client.destroy();
  }
}

describe('init --defaults against moto', () => {
  it('GIVEN the default VPC WHEN init --defaults runs THEN the file validates, apply creates exactly it, and a second plan is empty', async () => {
    const { vpcId } = await defaultNetwork();
    const file = stackFile();

    const init = await elbctl(['init', '--defaults', '-f', file]);
    expect(init.json()).toMatchObject({ file, stack: 'shop', applied: false });
    expect((await liveState()).lbs).toEqual([]); // not applied without -y
    const document = parse(readFileSync(file, 'utf8')) as {
      loadBalancers: Array<{ subnets: string[] }>;
      targetGroups: Array<{ vpc: string }>;
    };
    expect(document.loadBalancers[0]?.subnets.length).toBeGreaterThanOrEqual(2);
    expect(document.targetGroups[0]?.vpc).toBe(vpcId);

    const valid = await elbctl(['validate', '-f', file]);
    expect(valid.json()).toMatchObject({ valid: true, stack: 'shop', loadBalancers: 1, listeners: 1, targetGroups: 1 });

    const applied = await elbctl(['apply', '-f', file, '-y']);
    expect(applied.json()).toMatchObject({ stack: 'shop', failed: [], skipped: [] });
    const live = await liveState();
    expect(live.lbs.map((l) => [l.LoadBalancerName, l.Type, l.Scheme, l.VpcId])).toEqual([
      ['shop-alb', 'application', 'internet-facing', vpcId],
    ]);
    expect(live.lbs[0]?.AvailabilityZones?.map((z) => z.SubnetId).sort()).toEqual(
      [...(document.loadBalancers[0]?.subnets ?? [])].sort(),
    );
    expect(live.tgs.map((t) => [t.TargetGroupName, t.Protocol, t.Port, t.VpcId])).toEqual([
      ['shop-web', 'HTTP', 80, vpcId],
    ]);
    expect(live.listeners.map((l) => [l.Protocol, l.Port])).toEqual([['HTTP', 80]]);
    expect(live.tags[0]?.Tags).toContainEqual({ Key: 'elbctl:stack', Value: 'shop' });

    const again = await elbctl(['plan', '-f', file, '--detailed-exitcode']);
    expect(again.json<{ changes: unknown[] }>().changes).toEqual([]);
  });

  it('GIVEN an issued certificate in ACM WHEN init --defaults -y runs THEN it applies at once: HTTP 80 redirects to HTTPS 443 with that certificate', async () => {
    await defaultNetwork();
    const certificateArn = await importTestCertificate(moto.endpoint, 'shop.example.com');
    const file = stackFile();

    const init = await elbctl(['init', '--defaults', '-y', '-f', file]);

    expect(init.json()).toMatchObject({ file, stack: 'shop', applied: true, failed: [] });
    expect(init.json<{ dnsName: string }>().dnsName).toMatch(/^shop-alb-.*\.elb\.amazonaws\.com$/);
    await elbctl(['validate', '-f', file]);
    const live = await liveState();
    const byPort = new Map(live.listeners.map((l) => [l.Port, l]));
    expect(byPort.get(80)?.DefaultActions?.[0]).toMatchObject({
      Type: 'redirect',
      RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
    });
    expect(byPort.get(443)).toMatchObject({
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: certificateArn }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });

    // Running it again over the same file (-y approves the overwrite) converges: nothing to do.
    const rerun = await elbctl(['init', '--defaults', '-y', '-f', file]);
    expect(rerun.json()).toMatchObject({ applied: false, summary: { create: 0, update: 0, delete: 0 } });
    expect((await liveState()).lbs).toHaveLength(1);
  });

  it('GIVEN an existing file WHEN init --defaults runs without -y THEN exit 64, and the file and the account are untouched', async () => {
    const file = stackFile();
    await elbctl(['init', '--defaults', '-f', file]);
    const before = readFileSync(file, 'utf8');

    const r = await elbctl(['init', '--defaults', '-f', file], 64);

    expect(r.stderr).toContain('--defaults never overwrites without -y');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(file)).toBe(true);
    expect((await liveState()).lbs).toEqual([]);
  });
});
