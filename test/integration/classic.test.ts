/**
 * Classic load balancers against the real emulator (moto_server): CLBs created with the Classic
 * ELB SDK directly (HTTP with a health check and LB-cookie stickiness; HTTPS with an imported
 * certificate and a referenced TLS policy; TCP), read by `clb list|describe|health|attributes`,
 * migrated with `migrate --apply`, and the new load balancer and target groups read back field
 * by field with the ELBv2 SDK. A Route 53 weighted cutover runs over seeded CloudWatch metrics on
 * a clock that moves only when slept on: one completes (alias A and CNAME), one rolls back.
 * moto's register response lists nothing, so registrations are read back with DescribeLoadBalancers.
 */
import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  ConfigureHealthCheckCommand,
  CreateLBCookieStickinessPolicyCommand,
  CreateLoadBalancerCommand,
  CreateLoadBalancerPolicyCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
  type Listener as ClassicListenerInput,
  ModifyLoadBalancerAttributesCommand,
  RegisterInstancesWithLoadBalancerCommand,
  SetLoadBalancerPoliciesForBackendServerCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTestCertificate } from '../support/certificate';
import { FakeClock } from '../support/fake-clock';
import { elbctl as run, type RunResult } from '../support/harness';
import { type Moto, startMoto } from '../support/moto';
import { type Network, seedNetwork, TEST_CREDENTIALS, TEST_REGION } from '../support/network';

jest.setTimeout(120_000);

let moto: Moto;
let net: Network;
let elb: ElasticLoadBalancingClient;
let elbv2: ElasticLoadBalancingV2Client;
let route53: Route53Client;
let cloudwatch: CloudWatchClient;
let clock: FakeClock;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-classic-'));

beforeAll(async () => {
  moto = await startMoto();
  const config = { region: TEST_REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS };
  elb = new ElasticLoadBalancingClient(config);
  elbv2 = new ElasticLoadBalancingV2Client(config);
  route53 = new Route53Client(config);
  cloudwatch = new CloudWatchClient(config);
});

afterAll(async () => {
  for (const c of [elb, elbv2, route53, cloudwatch]) c?.destroy();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
  net = await seedNetwork(moto.endpoint);
  clock = new FakeClock(Date.now());
});

async function elbctl(args: string[], expectCode = 0): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, '-o', 'json', ...args], { clock });
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stdout}\n${r.stderr}`);
  return r;
}
/** The migrate result, as far as these tests read it. */
interface MigrateJson {
  parity: { ok: boolean };
  pacing: { calls: number };
  apply: unknown;
  findings: unknown[];
  cutover: Record<string, unknown>;
  [key: string]: unknown;
}
/** The result: the whole of stdout, or its last line after a cutover's events (one JSON object a line). */
const lastLine = (r: RunResult): MigrateJson => {
  const out = r.stdout.trim();
  return JSON.parse(out.startsWith('{\n') ? out : (out.split('\n').at(-1) as string)) as MigrateJson;
};

/** A Classic load balancer made with the Classic SDK, its instances registered (read back: moto's register answer lists nothing). */
async function classic(
  name: string,
  listeners: ClassicListenerInput[],
  healthTarget: string,
  extra: { tags?: Record<string, string> } = {},
): Promise<string> {
  const r = await elb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: name,
      Listeners: listeners,
      Subnets: net.subnets,
      SecurityGroups: [net.securityGroupId],
      Tags: Object.entries(extra.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  await elb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: name,
      HealthCheck: { Target: healthTarget, Interval: 15, Timeout: 5, HealthyThreshold: 3, UnhealthyThreshold: 2 },
    }),
  );
  await elb.send(
    new RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: name,
      Instances: net.instances.map((InstanceId) => ({ InstanceId })),
    }),
  );
  const read = await elb.send(new DescribeClassicCommand({ LoadBalancerNames: [name] }));
  expect(read.LoadBalancerDescriptions?.[0]?.Instances?.map((i) => i.InstanceId).sort()).toEqual(
    [...net.instances].sort(),
  );
  return r.DNSName as string;
}

/** HTTP:80 → HTTP:8080, health check HTTP:8080/healthz, LB-cookie stickiness of 600 s, draining 120 s. */
async function httpClassic(name = 'web'): Promise<string> {
  const dns = await classic(
    name,
    [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }],
    'HTTP:8080/healthz',
    { tags: { team: 'web' } },
  );
  await elb.send(
    new CreateLBCookieStickinessPolicyCommand({
      LoadBalancerName: name,
      PolicyName: 'sticky',
      CookieExpirationPeriod: 600,
    }),
  );
  await elb.send(
    new SetLoadBalancerPoliciesOfListenerCommand({
      LoadBalancerName: name,
      LoadBalancerPort: 80,
      PolicyNames: ['sticky'],
    }),
  );
  await elb.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerName: name,
      LoadBalancerAttributes: {
        ConnectionDraining: { Enabled: true, Timeout: 120 },
        ConnectionSettings: { IdleTimeout: 90 },
      },
    }),
  );
  return dns;
}

const v2 = async (name: string) => {
  const lb = (await elbv2.send(new DescribeLoadBalancersCommand({ Names: [name] }))).LoadBalancers?.[0];
  const listeners =
    (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb?.LoadBalancerArn }))).Listeners ?? [];
  const groups =
    (await elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb?.LoadBalancerArn }))).TargetGroups ?? [];
  return { lb, listeners, groups };
};
const tgAttributes = async (arn: string) =>
  Object.fromEntries(
    ((await elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes ?? []).map(
      (a) => [a.Key, a.Value],
    ),
  );
const targetIds = async (arn: string) =>
  ((await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions ?? [])
    .map((d) => d.Target?.Id)
    .sort();

describe('clb commands against moto', () => {
  it('GIVEN an HTTP Classic load balancer WHEN listed, described and its health read THEN each shows it as AWS reports it', async () => {
    const dns = await httpClassic();

    expect((await elbctl(['clb', 'list'])).json()).toEqual([
      {
        name: 'web',
        type: 'classic',
        scheme: 'internet-facing',
        dnsName: dns,
        vpcId: net.vpcId,
        availabilityZones: [],
        listeners: ['HTTP:80 → HTTP:8080'],
        instances: 2,
      },
    ]);
    const d = (await elbctl(['clb', 'describe', 'web'])).json<Record<string, unknown>>();
    expect(d.listeners).toEqual([
      {
        protocol: 'HTTP',
        port: 80,
        instanceProtocol: 'HTTP',
        instancePort: 8080,
        certificate: null,
        policies: ['sticky'],
      },
    ]);
    expect(d.healthCheck).toEqual({
      target: 'HTTP:8080/healthz',
      interval: 15,
      timeout: 5,
      healthyThreshold: 3,
      unhealthyThreshold: 2,
    });
    expect(d.policies).toEqual([{ name: 'sticky', kind: 'lb-cookie', description: 'LB cookie, 600 s' }]);
    expect(d.attributes).toMatchObject({
      'connection_draining.enabled': 'true',
      'connection_draining.timeout_seconds': '120',
      'cross_zone.enabled': 'false',
      'idle_timeout.timeout_seconds': '90',
    });
    expect(d.tags).toEqual({ team: 'web' });
    expect((await elbctl(['clb', 'health', 'web'])).json()).toEqual(
      [...net.instances]
        .sort()
        .map((id) => ({ id, state: 'InService', reason: null, description: null, hint: 'receiving traffic' })),
    );
  });

  it('GIVEN attributes to set WHEN clb attributes --set -y THEN AWS holds them (read back with the SDK); a bad key is 64 with no write', async () => {
    await httpClassic();
    await elbctl([
      'clb',
      'attributes',
      'web',
      '--set',
      'cross_zone.enabled=true',
      '--set',
      'connection_draining.timeout_seconds=30',
      '-y',
    ]);
    const a = (await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: 'web' })))
      .LoadBalancerAttributes;
    expect(a?.CrossZoneLoadBalancing?.Enabled).toBe(true);
    expect(a?.ConnectionDraining).toEqual({ Enabled: true, Timeout: 30 });

    const bad = await elbctl(['clb', 'attributes', 'web', '--set', 'cross_zone=yes', '-y'], 64);
    expect(bad.stderr).toContain('attribute "cross_zone": not a Classic load balancer attribute');
  });

  it('GIVEN a Classic and an application load balancer WHEN lb list runs THEN a note on stderr; with --all-types THEN the Classic one is a row of type classic', async () => {
    const dns = await httpClassic();
    await elbctl([
      'lb',
      'create',
      'shop',
      '--type',
      'application',
      '--subnets',
      net.subnets.join(','),
      '--security-groups',
      net.securityGroupId,
    ]);

    const plain = await elbctl(['lb', 'list']);
    expect(plain.json<Array<{ name: string }>>().map((r) => r.name)).toEqual(['shop']);
    expect(plain.stderr).toBe(
      'note: 1 Classic load balancer in this region is not listed: `elbctl lb list --all-types` or `elbctl clb list` (and `elbctl migrate` moves them)\n',
    );
    const all = (await elbctl(['lb', 'list', '--all-types'])).json<Array<Record<string, unknown>>>();
    expect(all.map((r) => [r.name, r.type])).toEqual([
      ['shop', 'application'],
      ['web', 'classic'],
    ]);
    expect(all[1]).toEqual({
      name: 'web',
      arn: '',
      type: 'classic',
      scheme: 'internet-facing',
      state: '',
      dnsName: dns,
      vpcId: net.vpcId,
      availabilityZones: [],
      tags: { team: 'web' },
      stack: null,
    });
  });

  it('GIVEN a Classic load balancer WHEN doctor names it THEN its instances go through the same checks as an ELBv2 target group', async () => {
    await httpClassic();
    const r = await elbctl(['doctor', 'web']);
    const report = r.json<{
      kind: string;
      targetGroups: Array<{ name: string; targets: Array<{ id: string; state: string }> }>;
      checks: Array<{ name: string; status: string }>;
    }>();
    expect(report.kind).toBe('classic-load-balancer');
    expect(report.targetGroups.map((t) => [t.name, t.targets.map((x) => x.state)])).toEqual([
      ['web:8080', ['healthy', 'healthy']],
    ]);
    expect(report.checks.map((c) => c.name)).toEqual([
      'web:8080/target-health',
      'web:8080/in-use',
      'web:8080/health-check',
      'web:8080/instance-state',
      'web:8080/traffic-port',
      'web:8080/zones',
      'web:8080/cross-zone',
    ]);
    expect(report.checks.find((c) => c.name === 'web:8080/zones')?.status).toBe('pass');
  });

  it('GIVEN a Classic load balancer WHEN deleted without -y and no terminal THEN exit 64 and it stays; with -y THEN it is gone', async () => {
    await httpClassic();
    const refused = await elbctl(['clb', 'delete', 'web'], 64);
    expect(refused.stderr).toContain(
      'delete classic load balancer "web": confirmation needed but no terminal to ask on; pass -y',
    );
    expect(
      (await elb.send(new DescribeClassicCommand({}))).LoadBalancerDescriptions?.map((d) => d.LoadBalancerName),
    ).toEqual(['web']);

    const r = await elbctl(['clb', 'delete', 'web', '-y']);

    expect(r.json()).toEqual({ name: 'web', type: 'classic', deleted: true });
    expect((await elb.send(new DescribeClassicCommand({}))).LoadBalancerDescriptions ?? []).toEqual([]);
  });

  it('GIVEN a name no Classic load balancer has WHEN described THEN exit 1 naming clb list', async () => {
    const r = await elbctl(['clb', 'describe', 'nope'], 1);
    expect(r.stderr).toContain('classic load balancer "nope": not found');
  });
});

describe('migrate against moto', () => {
  it('GIVEN the HTTP Classic load balancer WHEN migrated with --apply THEN an ALB, listener, target group, health check, stickiness, draining, targets and tags match it', async () => {
    await httpClassic();
    const file = join(dir, 'web.yaml');

    const r = await elbctl(['migrate', 'web', '--apply', '-f', file, '-y']);

    const result = lastLine(r);
    expect(result).toMatchObject({ classic: 'web', name: 'web', type: 'application', blocked: false, file });
    expect(result.parity.ok).toBe(true);
    expect(result.pacing.calls).toBeGreaterThan(10);
    expect(readFileSync(file, 'utf8')).toContain('# Written by `elbctl migrate web`');
    const { lb, listeners, groups } = await v2('web');
    expect([lb?.Type, lb?.Scheme, lb?.SecurityGroups]).toEqual([
      'application',
      'internet-facing',
      [net.securityGroupId],
    ]);
    expect(lb?.AvailabilityZones?.map((z) => z.SubnetId).sort()).toEqual([...net.subnets].sort());
    expect(listeners.map((l) => [l.Protocol, l.Port, l.DefaultActions?.[0]?.TargetGroupArn])).toEqual([
      ['HTTP', 80, groups[0]?.TargetGroupArn],
    ]);
    const g = groups[0];
    expect([g?.TargetGroupName, g?.Protocol, g?.Port, g?.VpcId, g?.TargetType]).toEqual([
      'web-http-8080',
      'HTTP',
      8080,
      net.vpcId,
      'instance',
    ]);
    expect([
      g?.HealthCheckProtocol,
      g?.HealthCheckPort,
      g?.HealthCheckPath,
      g?.HealthCheckIntervalSeconds,
      g?.HealthCheckTimeoutSeconds,
      g?.HealthyThresholdCount,
      g?.UnhealthyThresholdCount,
      g?.Matcher?.HttpCode,
    ]).toEqual(['HTTP', '8080', '/healthz', 15, 5, 3, 2, '200']);
    expect(await tgAttributes(g?.TargetGroupArn as string)).toMatchObject({
      'deregistration_delay.timeout_seconds': '120',
      'stickiness.enabled': 'true',
      'stickiness.type': 'lb_cookie',
      'stickiness.lb_cookie.duration_seconds': '600',
    });
    expect(await targetIds(g?.TargetGroupArn as string)).toEqual([...net.instances].sort());
    const tags = (await elbv2.send(new DescribeTagsCommand({ ResourceArns: [lb?.LoadBalancerArn as string] })))
      .TagDescriptions?.[0]?.Tags;
    expect(Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]))).toMatchObject({
      team: 'web',
      'elbctl:stack': 'web',
    });
    // The Classic load balancer is never deleted.
    expect(
      (await elb.send(new DescribeClassicCommand({ LoadBalancerNames: ['web'] }))).LoadBalancerDescriptions,
    ).toHaveLength(1);
    expect(r.stderr).toContain('elbctl clb delete web');

    // Re-running converges: the plan is empty, nothing is created twice.
    const again = lastLine(await elbctl(['migrate', 'web', '--apply', '-f', file, '-y']));
    expect(again.apply).toMatchObject({ done: [], failed: [] });
    expect((await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(1);
  });

  it('GIVEN an HTTPS Classic load balancer with an imported certificate and ELBSecurityPolicy-2016-08 WHEN migrated THEN the HTTPS listener has the same certificate and that policy', async () => {
    const cert = await importTestCertificate(moto.endpoint);
    await classic(
      'secure',
      [
        {
          Protocol: 'HTTPS',
          LoadBalancerPort: 443,
          InstanceProtocol: 'HTTP',
          InstancePort: 8080,
          SSLCertificateId: cert,
        },
      ],
      'HTTP:8080/ping',
    );
    await elb.send(
      new CreateLoadBalancerPolicyCommand({
        LoadBalancerName: 'secure',
        PolicyName: 'tls',
        PolicyTypeName: 'SSLNegotiationPolicyType',
        PolicyAttributes: [{ AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-2016-08' }],
      }),
    );
    await elb.send(
      new SetLoadBalancerPoliciesOfListenerCommand({
        LoadBalancerName: 'secure',
        LoadBalancerPort: 443,
        PolicyNames: ['tls'],
      }),
    );

    const r = await elbctl(['migrate', 'secure', '--apply', '-f', join(dir, 'secure.yaml'), '-y']);

    expect(lastLine(r).findings).toContainEqual({
      severity: 'note',
      subject: 'listener 443',
      message: 'TLS policy ELBSecurityPolicy-2016-08 → ELBSecurityPolicy-2016-08 (the same protocols and ciphers)',
    });
    const { listeners, groups } = await v2('secure');
    expect(listeners.map((l) => [l.Protocol, l.Port, l.Certificates?.[0]?.CertificateArn, l.SslPolicy])).toEqual([
      ['HTTPS', 443, cert, 'ELBSecurityPolicy-2016-08'],
    ]);
    expect(groups.map((g) => [g.TargetGroupName, g.Protocol, g.Port, g.HealthCheckPath])).toEqual([
      ['secure-https-8080', 'HTTPS', 8080, '/ping'],
    ]);
  });

  it('GIVEN a TCP Classic load balancer WHEN migrated THEN a network load balancer with a TCP listener, a TCP target group and health check, cross-zone off as it was', async () => {
    await classic(
      'db',
      [{ Protocol: 'TCP', LoadBalancerPort: 5432, InstanceProtocol: 'TCP', InstancePort: 5432 }],
      'TCP:5432',
    );

    const r = await elbctl(['migrate', 'db', '--apply', '-f', join(dir, 'db.yaml'), '-y']);

    expect(lastLine(r)).toMatchObject({ type: 'network', reason: 'every listener is TCP or SSL' });
    const { lb, listeners, groups } = await v2('db');
    expect(lb?.Type).toBe('network');
    expect(listeners.map((l) => [l.Protocol, l.Port])).toEqual([['TCP', 5432]]);
    expect(
      groups.map((g) => [g.TargetGroupName, g.Protocol, g.Port, g.HealthCheckProtocol, g.HealthCheckPort]),
    ).toEqual([['db-tcp-5432', 'TCP', 5432, 'TCP', '5432']]);
    expect(await targetIds(groups[0]?.TargetGroupArn as string)).toEqual([...net.instances].sort());
  });

  it('GIVEN backend authentication on an instance port WHEN migrated with --apply THEN the file carries the blocking finding, exit 1, and no ELBv2 load balancer exists', async () => {
    await classic(
      'auth',
      [
        {
          Protocol: 'HTTPS',
          LoadBalancerPort: 443,
          InstanceProtocol: 'HTTPS',
          InstancePort: 8443,
          SSLCertificateId: await importTestCertificate(moto.endpoint),
        },
      ],
      'HTTPS:8443/',
    );
    await elb.send(
      new CreateLoadBalancerPolicyCommand({
        LoadBalancerName: 'auth',
        PolicyName: 'backend',
        PolicyTypeName: 'BackendServerAuthenticationPolicyType',
        PolicyAttributes: [],
      }),
    );
    await elb.send(
      new SetLoadBalancerPoliciesForBackendServerCommand({
        LoadBalancerName: 'auth',
        InstancePort: 8443,
        PolicyNames: ['backend'],
      }),
    );
    const file = join(dir, 'auth.yaml');

    const r = await elbctl(['migrate', 'auth', '--apply', '-f', file, '-y'], 1);

    expect(r.stderr).toContain('migrate auth: 1 finding needs a manual step');
    expect(readFileSync(file, 'utf8')).toContain('#   - instance port 8443: backend authentication (policy "backend")');
    expect((await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).toEqual([]);
  });

  it('GIVEN HTTP and TCP listeners WHEN migrated without --to THEN exit 64 saying why, no file and no ELBv2 write', async () => {
    await classic(
      'mix',
      [
        { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
        { Protocol: 'TCP', LoadBalancerPort: 5432, InstanceProtocol: 'TCP', InstancePort: 5432 },
      ],
      'TCP:80',
    );
    const file = join(dir, 'mix.yaml');
    const r = await elbctl(['migrate', 'mix', '--apply', '-f', file, '-y'], 64);
    expect(r.stderr).toContain('pass --to network');
    expect(existsSync(file)).toBe(false);
    const to = await elbctl(['migrate', 'mix', '--to', 'application', '-f', file], 64);
    expect(to.stderr).toContain('--to application: listener TCP:5432 is TCP/SSL');
    expect((await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).toEqual([]);
  });
});

describe('migrate --cutover against moto (Route 53, seeded metrics)', () => {
  const MINUTE = 60_000;
  const tail = (arn: string, marker: string) => arn.slice(arn.indexOf(marker) + marker.length);

  /** The new load balancer's target group traffic for the next minutes (dimensions in elbctl's query order). */
  async function seed(metrics: Record<string, number>): Promise<void> {
    const { lb, groups } = await v2('web');
    const dimensions = [
      { Name: 'LoadBalancer', Value: tail(lb?.LoadBalancerArn as string, ':loadbalancer/') },
      { Name: 'TargetGroup', Value: `targetgroup/${tail(groups[0]?.TargetGroupArn as string, ':targetgroup/')}` },
    ];
    const data: MetricDatum[] = Object.entries(metrics).flatMap(([MetricName, Value]) =>
      Array.from({ length: 10 }, (_, minute) => ({
        MetricName,
        Dimensions: dimensions,
        Timestamp: new Date(clock.t + minute * MINUTE),
        Value,
        Unit: 'Count' as const,
      })),
    );
    for (let i = 0; i < data.length; i += 5)
      await cloudwatch.send(
        new PutMetricDataCommand({ Namespace: 'AWS/ApplicationELB', MetricData: data.slice(i, i + 5) }),
      );
  }

  async function zoneWith(record: ResourceRecordSet): Promise<string> {
    const z = await route53.send(
      new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: `ref-${Date.now()}` }),
    );
    const id = (z.HostedZone?.Id ?? '').replace('/hostedzone/', '');
    await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: id,
        ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: record }] },
      }),
    );
    return id;
  }
  const www = async (zone: string) =>
    ((await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone }))).ResourceRecordSets ?? []).filter(
      (r) => r.Name === 'www.example.com.',
    );
  const CUT = ['--steps', '50,100', '--bake', '2m', '--interval', '60', '--guard', 'error-rate<1%', '-y'];

  it('GIVEN an alias A record to the Classic load balancer and healthy traffic WHEN cut over THEN weighted 100/0 → 50/50 → 0/100, ending at one alias to the new load balancer', async () => {
    const dns = await httpClassic();
    const zone = await zoneWith({
      Name: 'www.example.com',
      Type: 'A',
      AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: `dualstack.${dns}`, EvaluateTargetHealth: false },
    });
    await elbctl(['migrate', 'web', '--apply', '-f', join(dir, 'cut.yaml'), '-y']);
    await seed({ RequestCount: 1000, HTTPCode_Target_5XX_Count: 2 });

    const r = await elbctl([
      'migrate',
      'web',
      '--apply',
      '-f',
      join(dir, 'cut.yaml'),
      '--cutover',
      `route53:example.com/www`,
      ...CUT,
    ]);

    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'landed').map((e) => e.weights)).toEqual([
      { from: 50, to: 50 },
      { from: 0, to: 100 },
    ]);
    expect(lastLine(r).cutover).toMatchObject({
      outcome: 'completed',
      record: 'www.example.com.',
      zone,
      completedSteps: 2,
    });
    const newDns = (await v2('web')).lb?.DNSName;
    expect(await www(zone)).toEqual([
      expect.objectContaining({
        Name: 'www.example.com.',
        Type: 'A',
        AliasTarget: expect.objectContaining({ DNSName: newDns }),
      }),
    ]);
    expect((await www(zone))[0]?.SetIdentifier).toBeUndefined();
  });

  it('GIVEN the new load balancer failing 5% of requests WHEN cut over THEN rolled back at the first evaluation: the simple record to the Classic one restored exactly, exit 1', async () => {
    const dns = await httpClassic();
    const original: ResourceRecordSet = {
      Name: 'www.example.com',
      Type: 'CNAME',
      TTL: 60,
      ResourceRecords: [{ Value: dns }],
    };
    const zone = await zoneWith(original);
    await elbctl(['migrate', 'web', '--apply', '-f', join(dir, 'roll.yaml'), '-y']);
    await seed({ RequestCount: 1000, HTTPCode_Target_5XX_Count: 50 });

    const r = await elbctl(
      [
        'migrate',
        'web',
        '--apply',
        '-f',
        join(dir, 'roll.yaml'),
        '--cutover',
        `route53:${zone}/www.example.com`,
        ...CUT,
      ],
      1,
    );

    expect(lastLine(r).cutover).toMatchObject({
      outcome: 'rolled-back',
      evaluations: 1,
      weights: { from: 100, to: 0 },
    });
    expect(r.stderr).toContain('cutover of www.example.com.: rolled back: guard error-rate<1% failed at step 1 (50%)');
    expect(await www(zone)).toEqual([
      { Name: 'www.example.com.', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: dns }] },
    ]);
  });

  it('GIVEN a zone name no zone has, or a record that does not point to the Classic load balancer WHEN cut over THEN exit 64 and the records untouched', async () => {
    const dns = await httpClassic();
    const zone = await zoneWith({
      Name: 'www.example.com',
      Type: 'CNAME',
      TTL: 60,
      ResourceRecords: [{ Value: 'elsewhere.example.net' }],
    });
    await elbctl(['migrate', 'web', '--apply', '-f', join(dir, 'bad.yaml'), '-y']);
    const noZone = await elbctl(
      ['migrate', 'web', '--apply', '-f', join(dir, 'bad.yaml'), '--cutover', 'route53:example.org/www', '-y'],
      64,
    );
    expect(noZone.stderr).toContain('--cutover: no hosted zone is named "example.org"');
    const other = await elbctl(
      ['migrate', 'web', '--apply', '-f', join(dir, 'bad.yaml'), '--cutover', 'route53:example.com/www', '-y'],
      64,
    );
    expect(other.stderr).toContain(`does not point to classic "web" (${dns})`);
    expect(await www(zone)).toEqual([
      { Name: 'www.example.com.', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'elsewhere.example.net' }] },
    ]);
  });
});
