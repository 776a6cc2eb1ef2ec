/**
 * `elbctl audit` end to end against the emulator (moto_server), in-process through `main`: load
 * balancers in two regions, each built to fail some checks and pass the others, and the exact set
 * of findings (check, resource) asserted — not a count. The region has no AWS WAF web ACL, so both
 * internet-facing ALBs are unprotected. What moto cannot serve (unhealthy targets,
 * WAF's ListResourcesForWebACL, idle traffic on an old load balancer) is covered by
 * test/commands/audit.test.ts; Classic load balancers by test/integration/audit-classic.test.ts.
 */
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTestCertificate } from '../support/certificate';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS } from '../support/network';

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

const clients = (region: string) => ({
  elbv2: new ElasticLoadBalancingV2Client({ region, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS }),
  ec2: new EC2Client({ region, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS }),
});

async function subnets(region: string, zones: string[]): Promise<{ vpcId: string; subnets: string[] }> {
  const { ec2 } = clients(region);
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const vpcId = vpc.Vpc?.VpcId as string;
  const ids: string[] = [];
  for (const [i, zone] of zones.entries()) {
    const s = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.0.${i + 1}.0/24`, AvailabilityZone: `${region}${zone}` }),
    );
    ids.push(s.Subnet?.SubnetId as string);
  }
  ec2.destroy();
  return { vpcId, subnets: ids };
}

async function attrs(elbv2: ElasticLoadBalancingV2Client, arn: string, values: Record<string, string>) {
  await elbv2.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerArn: arn,
      Attributes: Object.entries(values).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
}

const SECURE = {
  'deletion_protection.enabled': 'true',
  'routing.http.drop_invalid_header_fields.enabled': 'true',
  'access_logs.s3.enabled': 'true',
  'access_logs.s3.bucket': 'logs',
};

interface World {
  secureWeb: string;
  legacy: string;
  edge: string;
  edgeTcp: string;
  api: string;
  webTg: string;
  certificate: string;
}

/**
 * us-east-1: `secure-web` passes every check (two zones, hardened attributes, HTTP redirects,
 * a TLS 1.2+ forward-secret policy, a tuned health check) except its certificate, which expires
 * in a day; `legacy` fails the security checks (one zone, plain HTTP forward, a 2016 policy,
 * default attributes, desync monitor).
 * eu-west-1: `edge` is a network load balancer with no listener; `edge-tcp` a TCP target group
 * left at the 300 s deregistration delay; `api` an HTTP target group with the default health check.
 */
async function seed(): Promise<World> {
  const east = clients('us-east-1');
  const eastNet = await subnets('us-east-1', ['a', 'b']);
  const certificate = await importTestCertificate(moto.endpoint, 'shop.example.com', 'us-east-1');
  const lb = async (name: string, subnetIds: string[], type: 'application' | 'network', c = east.elbv2) =>
    (await c.send(new CreateLoadBalancerCommand({ Name: name, Subnets: subnetIds, Type: type }))).LoadBalancers?.[0]
      ?.LoadBalancerArn as string;
  const secureWeb = await lb('secure-web', eastNet.subnets, 'application');
  await attrs(east.elbv2, secureWeb, SECURE);
  await east.elbv2.send(
    new AddTagsCommand({ ResourceArns: [secureWeb], Tags: [{ Key: 'elbctl:stack', Value: 'shop' }] }),
  );
  const webTg = (
    await east.elbv2.send(
      new CreateTargetGroupCommand({
        Name: 'web-tg',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: eastNet.vpcId,
        TargetType: 'ip',
        HealthCheckPath: '/healthz',
      }),
    )
  ).TargetGroups?.[0]?.TargetGroupArn as string;
  await east.elbv2.send(
    new RegisterTargetsCommand({
      TargetGroupArn: webTg,
      Targets: [
        { Id: '10.0.1.10', Port: 80, AvailabilityZone: 'us-east-1a' },
        { Id: '10.0.2.10', Port: 80, AvailabilityZone: 'us-east-1b' },
      ],
    }),
  );
  await east.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: secureWeb,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    }),
  );
  const https = await east.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: secureWeb,
      Protocol: 'HTTPS',
      Port: 443,
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      Certificates: [{ CertificateArn: certificate }],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: webTg }],
    }),
  );
  await east.elbv2.send(
    new CreateRuleCommand({
      ListenerArn: https.Listeners?.[0]?.ListenerArn,
      Priority: 10,
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.com'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: webTg }],
    }),
  );

  const legacy = await lb('legacy', [eastNet.subnets[0] as string], 'application');
  await attrs(east.elbv2, legacy, { 'routing.http.desync_mitigation_mode': 'monitor' });
  await east.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: legacy,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: webTg }],
    }),
  );
  await east.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: legacy,
      Protocol: 'HTTPS',
      Port: 443,
      SslPolicy: 'ELBSecurityPolicy-2016-08',
      Certificates: [{ CertificateArn: certificate }],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: webTg }],
    }),
  );

  const west = clients('eu-west-1');
  const westNet = await subnets('eu-west-1', ['a', 'b']);
  const edge = await lb('edge', westNet.subnets, 'network', west.elbv2);
  await attrs(west.elbv2, edge, { 'deletion_protection.enabled': 'true' });
  const tg = async (name: string, protocol: 'TCP' | 'HTTP') =>
    (
      await west.elbv2.send(
        new CreateTargetGroupCommand({
          Name: name,
          Protocol: protocol,
          Port: 80,
          VpcId: westNet.vpcId,
          TargetType: 'ip',
        }),
      )
    ).TargetGroups?.[0]?.TargetGroupArn as string;
  const edgeTcp = await tg('edge-tcp', 'TCP');
  const api = await tg('api', 'HTTP');
  await west.elbv2.send(
    new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: api,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
    }),
  );
  for (const c of [east, west]) c.elbv2.destroy();
  return { secureWeb, legacy, edge, edgeTcp, api, webTg, certificate };
}

async function elbctl(args: string[], expectCode: number, env: Record<string, string> = {}): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, ...args], { env });
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stdout}\n${r.stderr}`);
  return r;
}

interface AuditDoc {
  findings: Array<{ id: string; resource: string; name: string; region: string; account: string; severity: string }>;
  summary: Record<string, number>;
  errors: unknown[];
  pacing: { calls: number };
}

const ACCOUNT = '123456789012';

describe('elbctl audit against moto', () => {
  test('GIVEN load balancers in two regions WHEN audited THEN exactly the planted findings, exit 1 for the high ones', async () => {
    // GIVEN
    const w = await seed();
    // WHEN
    const r = await elbctl(['audit', '--regions', 'us-east-1,eu-west-1', '-o', 'json'], 1);
    // THEN
    const doc = r.json<AuditDoc>();
    expect(
      doc.findings.map((f) => `${f.region} ${f.id} ${f.name} ${f.resource.split(':').slice(5).join(':')}`).sort(),
    ).toEqual(
      [
        `eu-west-1 default-health-check api ${w.api.split(':').slice(5).join(':')}`,
        `eu-west-1 nlb-deregistration-delay edge-tcp ${w.edgeTcp.split(':').slice(5).join(':')}`,
        `eu-west-1 no-listener edge ${w.edge.split(':').slice(5).join(':')}`,
        'us-east-1 certificate-expiring legacy:443 listener/app/legacy/',
        'us-east-1 certificate-expiring secure-web:443 listener/app/secure-web/',
        `us-east-1 desync-monitor legacy ${w.legacy.split(':').slice(5).join(':')}`,
        'us-east-1 http-without-redirect legacy:80 listener/app/legacy/',
        `us-east-1 invalid-headers-kept legacy ${w.legacy.split(':').slice(5).join(':')}`,
        `us-east-1 no-access-logs legacy ${w.legacy.split(':').slice(5).join(':')}`,
        `us-east-1 no-deletion-protection legacy ${w.legacy.split(':').slice(5).join(':')}`,
        `us-east-1 no-waf legacy ${w.legacy.split(':').slice(5).join(':')}`,
        `us-east-1 no-waf secure-web ${w.secureWeb.split(':').slice(5).join(':')}`,
        `us-east-1 single-zone legacy ${w.legacy.split(':').slice(5).join(':')}`,
        'us-east-1 tls-below-1-2 legacy:443 listener/app/legacy/',
        'us-east-1 tls-without-forward-secrecy legacy:443 listener/app/legacy/',
      ].map((line) => expect.stringContaining(line)),
    );
    expect(new Set(doc.findings.map((f) => f.account))).toEqual(new Set([ACCOUNT]));
    // Ordered by severity: the four high findings first.
    expect(doc.findings.slice(0, 4).map((f) => f.severity)).toEqual(['high', 'high', 'high', 'high']);
    expect(doc.summary).toEqual({
      findings: 15,
      high: 4,
      medium: 8,
      low: 3,
      accounts: 1,
      regions: 2,
      loadBalancers: 3,
      classicLoadBalancers: 0,
      targetGroups: 3,
      idleUsdPerMonth: 16.43,
    });
    expect(doc.errors).toEqual([]);
    expect(doc.pacing.calls).toBeGreaterThan(0);
    expect(r.stderr).toBe('audit: 4 finding(s) at or above high (--fail-on high)\n');
  });

  test('GIVEN the same fleet WHEN --fail-on none, --checks or --skip THEN exit 0 and only the chosen checks', async () => {
    await seed();
    const none = await elbctl(['audit', '--regions', 'us-east-1,eu-west-1', '--fail-on', 'none', '-o', 'json'], 0);
    expect(none.json<AuditDoc>().findings).toHaveLength(15);
    const only = await elbctl(
      [
        'audit',
        '--regions',
        'us-east-1',
        '--checks',
        'single-zone,no-access-logs',
        '--fail-on',
        'medium',
        '-o',
        'json',
      ],
      1,
    );
    expect(only.json<AuditDoc>().findings.map((f) => `${f.id} ${f.name}`)).toEqual([
      'no-access-logs legacy',
      'single-zone legacy',
    ]);
    const skipped = await elbctl(
      ['audit', 'secure-web', '--regions', 'us-east-1', '--skip', 'certificate-expiring,no-waf', '-o', 'json'],
      0,
    );
    expect(skipped.json<AuditDoc>().findings).toEqual([]);
  });

  test('GIVEN a stack file owning secure-web in the working tree WHEN -o sarif THEN its finding points at the file and line, the others at aws/ACCOUNT/REGION/NAME', async () => {
    const w = await seed();
    const dir = mkdtempSync(join(tmpdir(), 'elbctl-audit-'));
    const text = readFileSync(join(__dirname, '..', '..', 'examples', 'alb-path-routing.yaml'), 'utf8').replace(
      /shop-web/g,
      'secure-web',
    );
    mkdirSync(join(dir, 'stacks'));
    writeFileSync(join(dir, 'stacks', 'shop.yaml'), text);
    const line = text.split('\n').indexOf('  - name: secure-web') + 1;
    const before = process.cwd();
    process.chdir(dir);
    try {
      const r = await elbctl(['audit', '--regions', 'us-east-1', '-o', 'sarif'], 1);
      const log = JSON.parse(r.stdout) as SarifLog;
      const located = (log.runs[0]?.results ?? []).map((x) => {
        const at = x.locations[0]?.physicalLocation;
        const fingerprint = x.partialFingerprints['elbctlFinding/v1'] ?? '';
        return `${x.ruleId} ${at?.artifactLocation.uri}:${at?.region.startLine} ${fingerprint.startsWith(`${x.ruleId}:arn:aws:elasticloadbalancing:us-east-1:`)}`;
      });
      expect(located.sort()).toEqual(
        [
          `certificate-expiring stacks/shop.yaml:${line} true`,
          `certificate-expiring aws/${ACCOUNT}/us-east-1/legacy:443:1 true`,
          `desync-monitor aws/${ACCOUNT}/us-east-1/legacy:1 true`,
          `http-without-redirect aws/${ACCOUNT}/us-east-1/legacy:80:1 true`,
          `invalid-headers-kept aws/${ACCOUNT}/us-east-1/legacy:1 true`,
          `no-access-logs aws/${ACCOUNT}/us-east-1/legacy:1 true`,
          `no-deletion-protection aws/${ACCOUNT}/us-east-1/legacy:1 true`,
          `single-zone aws/${ACCOUNT}/us-east-1/legacy:1 true`,
          `no-waf aws/${ACCOUNT}/us-east-1/legacy:1 true`,
          `no-waf stacks/shop.yaml:${line} true`,
          `tls-below-1-2 aws/${ACCOUNT}/us-east-1/legacy:443:1 true`,
          `tls-without-forward-secrecy aws/${ACCOUNT}/us-east-1/legacy:443:1 true`,
        ].sort(),
      );
      expect(w.secureWeb).toContain('secure-web');
    } finally {
      process.chdir(before);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

interface SarifLog {
  runs: Array<{
    results: Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}
