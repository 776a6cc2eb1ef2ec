/**
 * `elbctl metrics` and `elbctl doctor` end to end against the real emulator (moto_server),
 * in-process through `main`. Metrics are seeded with PutMetricData into AWS/ApplicationELB (moto
 * accepts the reserved namespace), so the values elbctl prints are known exactly. moto cannot
 * serve percentiles (HTTP 500) or metric math (no values): those series must come back marked
 * unavailable while the rest is served.
 */
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { assertBuilt, cleanEnv, startCli } from '../support/cli-process';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, TEST_CREDENTIALS, TEST_REGION, type Network } from '../support/network';

jest.setTimeout(120_000);

let moto: Moto;
let net: Network;
let cloudwatch: CloudWatchClient;
let ec2: EC2Client;

beforeAll(async () => {
  moto = await startMoto();
  cloudwatch = new CloudWatchClient({ region: TEST_REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
  ec2 = new EC2Client({ region: TEST_REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
});

afterAll(async () => {
  cloudwatch?.destroy();
  ec2?.destroy();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
  net = await seedNetwork(moto.endpoint);
});

async function elbctl(args: string[], expectCode = 0, output = 'json'): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, '-o', output, ...args]);
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const MINUTE = 60_000;
/** Whole minutes before now, so each seeded value is one period of its own. */
const minutesAgo = (n: number) => new Date((Math.floor(Date.now() / MINUTE) - n) * MINUTE);
/**
 * When the series were seeded (40, 30, 20 and 10 minutes before); the expectations use these, not
 * a second reading of the clock, which a minute boundary between seeding and asserting would shift.
 */
let seededAt: Date[] = [];
const seeded = (i: number): string => (seededAt[i] as Date).toISOString();
const tail = (arn: string, marker: string) => arn.slice(arn.indexOf(marker) + marker.length);

async function put(data: MetricDatum[]): Promise<void> {
  await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/ApplicationELB', MetricData: data }));
}

interface MetricsDoc {
  loadBalancer: string;
  targetGroup: string | null;
  period: number;
  start: string;
  end: string;
  metrics: Array<{
    name: string;
    stat: string;
    unit: string;
    points: Array<{ timestamp: string; value: number }>;
    unavailable?: string;
  }>;
}

describe('metrics against moto', () => {
  let lbArn: string;
  let tgArn: string;
  const requests = [120, 80, 200, 150];
  const latency = [0.25, 0.5, 0.125, 0.375];

  beforeEach(async () => {
    lbArn = (
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
      ])
    ).json<{ arn: string }>().arn;
    tgArn = (await elbctl(['tg', 'create', 'api', '--protocol', 'HTTP', '--port', '8080', '--vpc', net.vpcId])).json<{
      arn: string;
    }>().arn;
    await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--forward', 'api']);
    const lb = [{ Name: 'LoadBalancer', Value: tail(lbArn, ':loadbalancer/') }];
    const both = [...lb, { Name: 'TargetGroup', Value: `targetgroup/${tail(tgArn, ':targetgroup/')}` }];
    const at = requests.map((_, i) => minutesAgo(40 - i * 10));
    seededAt = at;
    await put([
      ...requests.map((v, i) => ({
        MetricName: 'RequestCount',
        Dimensions: lb,
        Timestamp: at[i],
        Value: v,
        Unit: 'Count' as const,
      })),
      ...latency.map((v, i) => ({
        MetricName: 'TargetResponseTime',
        Dimensions: lb,
        Timestamp: at[i],
        Value: v,
        Unit: 'Seconds' as const,
      })),
      { MetricName: 'HTTPCode_Target_5XX_Count', Dimensions: lb, Timestamp: at[2], Value: 6, Unit: 'Count' },
      ...[2, 2, 1, 2].map((v, i) => ({
        MetricName: 'HealthyHostCount',
        Dimensions: both,
        Timestamp: at[i],
        Value: v,
        Unit: 'Count' as const,
      })),
    ]);
  });

  it('GIVEN seeded series WHEN read as JSON THEN returns exactly those values, and what moto cannot serve is marked unavailable', async () => {
    const r = await elbctl(['metrics', 'web', '--since', '1h', '--debug']);

    const doc = r.json<MetricsDoc>();
    expect(doc).toMatchObject({ loadBalancer: 'web', targetGroup: null, period: 60 });
    expect(Date.parse(doc.end) - Date.parse(doc.start)).toBeGreaterThanOrEqual(60 * MINUTE);
    const series = (name: string, stat: string) => doc.metrics.find((m) => m.name === name && m.stat === stat);
    const expected = (values: number[]) => values.map((value, i) => ({ timestamp: seeded(i), value }));
    expect(doc.metrics.map((m) => `${m.name} ${m.stat}`)).toEqual([
      'RequestCount Sum',
      'ErrorRate Sum',
      'TargetResponseTime Average',
      'TargetResponseTime p99',
      'HTTPCode_ELB_5XX_Count Sum',
      'HTTPCode_Target_5XX_Count Sum',
      'HTTPCode_Target_4XX_Count Sum',
      'ActiveConnectionCount Sum',
      'HealthyHostCount Minimum',
      'UnHealthyHostCount Maximum',
    ]);
    expect(series('RequestCount', 'Sum')).toEqual({
      name: 'RequestCount',
      stat: 'Sum',
      unit: 'Count',
      points: expected(requests),
    });
    expect(series('TargetResponseTime', 'Average')?.points).toEqual(expected(latency));
    expect(series('HTTPCode_Target_5XX_Count', 'Sum')?.points).toEqual([{ timestamp: seeded(2), value: 6 }]);
    expect(series('HealthyHostCount', 'Minimum')?.points).toEqual(expected([2, 2, 1, 2]));
    expect(series('HTTPCode_ELB_5XX_Count', 'Sum')).toEqual({
      name: 'HTTPCode_ELB_5XX_Count',
      stat: 'Sum',
      unit: 'Count',
      points: [],
    });
    expect(series('TargetResponseTime', 'p99')?.unavailable).toMatch(/^unavailable from this endpoint/);
    expect(series('ErrorRate', 'Sum')?.unavailable).toMatch(/^unavailable from this endpoint/);
    expect(r.stderr).toContain('warning: ErrorRate Sum, TargetResponseTime p99: unavailable from this endpoint');

    // One call with everything (moto fails it on p99), then the same call without p99 and metric math.
    const calls = r.stderr.split('\n').filter((l) => l.includes('aws cloudwatch GetMetricData'));
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain('error=');
    expect(calls[1]).toContain(' ok ');
  });

  it('GIVEN seeded series WHEN shown as a table THEN one row per metric with latest, min, max, sum/avg and a sparkline', async () => {
    const r = await elbctl(
      [
        'metrics',
        'web',
        '--since',
        '1h',
        '--metric',
        'RequestCount',
        '--metric',
        'TargetResponseTime',
        '--metric',
        'HTTPCode_ELB_5XX_Count',
      ],
      0,
      'table',
    );

    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^web · \d{4}-\d{2}-\d{2} \d{2}:\d{2} → .* UTC · 60 s periods$/);
    expect(lines[1]).toMatch(/^METRIC\s+STAT\s+LATEST\s+MIN\s+MAX\s+WINDOW\s+TREND$/);
    expect(lines[2]).toMatch(/^RequestCount\s+Sum\s+150\s+80\s+200\s+sum 550\s+\S/);
    expect(lines[3]).toMatch(/^TargetResponseTime\s+Average\s+375 ms\s+125 ms\s+500 ms\s+avg 313 ms\s+\S/);
    expect(lines[4]).toMatch(/^HTTPCode_ELB_5XX_Count\s+Sum\s+no data \(no traffic\)$/);
    expect(lines[2]).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(r.stderr).toBe('');
  });

  it('GIVEN seeded series WHEN drawn with --chart THEN a line chart per metric with its summary', async () => {
    const r = await elbctl(['metrics', 'web', '--since', '1h', '--metric', 'RequestCount', '--chart'], 0, 'table');
    expect(r.stdout).toContain('RequestCount (Sum) · latest 150 · min 80 · max 200 · sum 550');
    const lines = r.stdout.split('\n');
    expect(lines[2]).toMatch(/^ {5}200 ┤ +╭/);
    expect(lines.slice(2, 9).map((l) => l.slice(0, 10))).toEqual([
      '     200 ┤',
      '   166.7 ┤',
      '   133.3 ┤',
      '     100 ┤',
      '   66.67 ┤',
      '   33.33 ┤',
      '       0 ┤',
    ]);
    expect(lines[9]).toMatch(/^ {10}\d\d:\d\d +\d\d:\d\d UTC$/);
  });

  it('GIVEN two load balancers WHEN read together THEN one array, and all their series share one GetMetricData call', async () => {
    await elbctl(['lb', 'create', 'edge', '--type', 'network', '--subnets', net.subnets.join(',')]);
    const r = await elbctl(['metrics', 'web', 'edge', '--since', '1h', '--stat', 'Sum', '--debug']);
    const docs = r.json<MetricsDoc[]>();
    expect(docs.map((d) => d.loadBalancer)).toEqual(['web', 'edge']);
    expect(docs[0]?.metrics.find((m) => m.name === 'RequestCount')?.points.map((p) => p.value)).toEqual(requests);
    expect(docs[1]?.metrics.map((m) => m.name)).toContain('NewFlowCount');
    // ErrorRate is metric math, which moto answers with no values although RequestCount has data.
    expect(docs[0]?.metrics.find((m) => m.name === 'ErrorRate')?.unavailable).toMatch(/metric math/);
    expect(r.stderr.split('\n').filter((l) => l.includes('aws cloudwatch GetMetricData'))).toHaveLength(1);
  });

  it('GIVEN a target group WHEN --target-group is given THEN the TargetGroup dimension selects its series', async () => {
    const r = await elbctl([
      'metrics',
      'web',
      '--target-group',
      'api',
      '--since',
      '1h',
      '--metric',
      'HealthyHostCount',
    ]);
    const doc = r.json<MetricsDoc>();
    expect(doc.targetGroup).toBe('api');
    expect(doc.metrics).toEqual([
      {
        name: 'HealthyHostCount',
        stat: 'Minimum',
        unit: 'Count',
        points: [2, 2, 1, 2].map((value, i) => ({ timestamp: seeded(i), value })),
      },
    ]);
  });

  it('GIVEN the built elbctl watching WHEN it gets a real SIGINT (Ctrl-C) THEN it prints a last reading and exits 0, not 130', async () => {
    assertBuilt();
    const cli = startCli(
      [
        '--endpoint-url',
        moto.endpoint,
        'metrics',
        'web',
        '--since',
        '1h',
        '--metric',
        'RequestCount',
        '--watch',
        '10',
        '-o',
        'table',
      ],
      cleanEnv(),
    );
    const deadline = Date.now() + 30_000;
    while (!cli.output().stdout.includes('RequestCount') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    cli.child.kill('SIGINT');
    const done = await cli.done;
    expect(done).toMatchObject({ code: 0, signal: null, stderr: '' });
    const rows = done.stdout.split('\n').filter((l) => l.includes('RequestCount'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^\d\d:\d\d:\d\d UTC +web +RequestCount +Sum +150 +80 +200 +sum 550$/);
  });

  it('GIVEN a window with no data WHEN read THEN every series says no data and exit 0', async () => {
    const start = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const end = new Date(Date.now() - 4 * 86_400_000).toISOString();
    const r = await elbctl(['metrics', 'web', '--start', start, '--end', end, '--metric', 'RequestCount'], 0, 'table');
    expect(r.stdout).toMatch(/RequestCount\s+Sum\s+no data \(no traffic\)/);
    expect(r.stderr).toContain('no data points in this window');
  });
});

describe('doctor against moto', () => {
  let lbGroup: string;
  let appGroup: string;

  beforeEach(async () => {
    lbGroup = (
      await ec2.send(
        new CreateSecurityGroupCommand({ GroupName: 'alb', Description: 'load balancer', VpcId: net.vpcId }),
      )
    ).GroupId as string;
    appGroup = (
      await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app servers', VpcId: net.vpcId }))
    ).GroupId as string;
    const instances: string[] = [];
    for (const subnet of net.subnets) {
      const r = await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-12c6146b',
          MinCount: 1,
          MaxCount: 1,
          InstanceType: 't3.micro',
          SubnetId: subnet,
          SecurityGroupIds: [appGroup],
        }),
      );
      instances.push(r.Instances?.[0]?.InstanceId as string);
    }
    await elbctl([
      'lb',
      'create',
      'web',
      '--type',
      'application',
      '--subnets',
      net.subnets.join(','),
      '--security-groups',
      lbGroup,
    ]);
    await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'HTTP',
      '--port',
      '8080',
      '--vpc',
      net.vpcId,
      '--health-path',
      '/healthz',
    ]);
    await elbctl(['targets', 'register', 'api', ...instances]);
    await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--forward', 'api']);
  });

  interface Report {
    target: string;
    checks: Array<{ name: string; status: string; detail: string; fix: string | null }>;
    targetGroups: Array<{
      name: string;
      targets: Array<{ id: string; state: string; availabilityZone: string | null }>;
    }>;
  }

  it('GIVEN the target security group blocks the target port WHEN doctor runs THEN that check fails with the exact command, and passes once the port is opened', async () => {
    const blocked = await elbctl(['doctor', 'web'], 1);
    const report = blocked.json<Report>();
    expect(report.target).toBe('web');
    const check = report.checks.find((c) => c.name === 'api/traffic-port');
    expect(check).toMatchObject({ status: 'fail' });
    expect(check?.fix).toBe(
      `aws ec2 authorize-security-group-ingress --group-id ${appGroup} --protocol tcp --port 8080 --source-group ${lbGroup}`,
    );
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.name)).toEqual(['api/traffic-port']);
    expect(report.targetGroups[0]?.targets.map((t) => [t.state, t.availabilityZone])).toEqual(
      expect.arrayContaining([
        ['healthy', net.zones[0]],
        ['healthy', net.zones[1]],
      ]),
    );

    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: appGroup,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: lbGroup }] }],
      }),
    );
    const fixed = await elbctl(['doctor', 'web'], 0);
    const after = fixed.json<Report>();
    expect(after.checks.find((c) => c.name === 'api/traffic-port')).toMatchObject({ status: 'pass', fix: null });
    expect(after.checks.map((c) => [c.name, c.status])).toEqual([
      ['api/target-health', 'pass'],
      ['api/in-use', 'pass'],
      ['api/health-check', 'pass'],
      ['api/instance-state', 'pass'],
      ['api/traffic-port', 'pass'],
      ['api/zones', 'pass'],
      ['api/cross-zone', 'pass'],
    ]);
  });

  it('GIVEN the blocked setup WHEN doctor prints a table THEN the failing check shows its fix line', async () => {
    const r = await elbctl(['doctor', 'api'], 1, 'table');
    expect(r.stdout).toContain('targets of api (HTTP:8080) · web');
    expect(r.stdout).toContain(
      `✗ api/traffic-port  no inbound rule admits the load balancer's security group (${lbGroup}) for traffic and health checks`,
    );
    expect(r.stdout).toContain(
      `    fix: aws ec2 authorize-security-group-ingress --group-id ${appGroup} --protocol tcp --port 8080 --source-group ${lbGroup}`,
    );
    expect(r.stdout).toContain('1 failed, 0 warnings, 6 passed');
  });

  it('GIVEN a target group no listener uses WHEN doctor runs on it THEN in-use fails and names the listener that could use it', async () => {
    await elbctl(['tg', 'create', 'admin', '--protocol', 'HTTP', '--port', '9090', '--vpc', net.vpcId]);
    const r = await elbctl(['doctor', 'admin'], 1);
    const report = r.json<Report>();
    expect(report.checks.find((c) => c.name === 'admin/in-use')).toEqual({
      name: 'admin/in-use',
      status: 'fail',
      detail:
        'no listener or rule forwards to admin, so its targets get no traffic and no health checks (Target.NotInUse); it could be used by web:80 (HTTP)',
      fix: "elbctl rule add web:80 --path '/admin/*' --forward admin",
    });
    expect(report.checks.find((c) => c.name === 'admin/target-health')).toMatchObject({
      status: 'fail',
      detail: 'no targets registered',
    });
  });
});
