/**
 * The imperative commands end to end against the real emulator (moto_server), in-process
 * through `main`: the demo's flow and more, read back with the AWS SDK where elbctl's own
 * output is not proof enough.
 */
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { importTestCertificate } from '../support/certificate';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, TEST_CREDENTIALS, TEST_REGION, type Network } from '../support/network';

jest.setTimeout(120_000);

let moto: Moto;
let net: Network;
let sdk: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  moto = await startMoto();
  sdk = new ElasticLoadBalancingV2Client({
    region: TEST_REGION,
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
});

afterAll(async () => {
  sdk?.destroy();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
  net = await seedNetwork(moto.endpoint);
});

/** Runs elbctl against moto and fails with its stderr when the exit code is not the expected one. */
async function elbctl(args: string[], expectCode = 0): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, '-o', 'json', ...args]);
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stderr}`);
  return r;
}

const attrs = (list: Array<{ Key?: string; Value?: string }> | undefined) =>
  Object.fromEntries((list ?? []).map((a) => [a.Key, a.Value]));

describe('resource commands against moto', () => {
  it('GIVEN a VPC with two zones WHEN the whole ALB + NLB flow runs THEN everything exists as asked, and every delete removes it', async () => {
    const subnets = net.subnets.join(',');
    // load balancers
    const alb = (
      await elbctl([
        'lb',
        'create',
        'shop',
        '--type',
        'application',
        '--subnets',
        subnets,
        '--security-groups',
        net.securityGroupId,
      ])
    ).json<{ arn: string; state: string }>();
    expect(alb.state).toBe('active');
    const nlb = (
      await elbctl(['lb', 'create', 'edge', '--type', 'network', '--subnets', subnets, '--scheme', 'internal'])
    ).json<{ arn: string }>();
    expect(
      attrs((await sdk.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: alb.arn }))).Attributes),
    ).toMatchObject({
      'routing.http.drop_invalid_header_fields.enabled': 'true',
    });

    // target groups
    await elbctl([
      'tg',
      'create',
      'web',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--vpc',
      net.vpcId,
      '--health-path',
      '/healthz',
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
      '/api/health',
      '--matcher',
      '200-299',
      '--health-interval',
      '15',
      '--health-timeout',
      '5',
    ]);
    await elbctl(['tg', 'create', 'tcp-pool', '--protocol', 'TCP', '--port', '443', '--vpc', net.vpcId]);
    const tgs = (await elbctl(['tg', 'list'])).json<
      Array<{ name: string; protocol: string; port: number; vpcId: string }>
    >();
    expect(tgs.map((t) => [t.name, t.protocol, t.port, t.vpcId])).toEqual([
      ['api', 'HTTP', 8080, net.vpcId],
      ['tcp-pool', 'TCP', 443, net.vpcId],
      ['web', 'HTTP', 80, net.vpcId],
    ]);

    // targets
    await elbctl(['targets', 'register', 'web', ...net.instances]);
    await elbctl(['targets', 'register', 'api', `${net.instances[0]}:8080`, `${net.instances[1]}:8080`]);
    await elbctl(['targets', 'register', 'tcp-pool', ...net.instances]);
    const health = (await elbctl(['targets', 'health', 'api'])).json<
      Array<{ id: string; port: number; state: string }>
    >();
    expect(health.map((h) => [h.id, h.port, h.state]).sort()).toEqual(
      [
        [net.instances[0], 8080, 'healthy'],
        [net.instances[1], 8080, 'healthy'],
      ].sort(),
    );

    // listeners: HTTP→HTTPS redirect, HTTPS with an ACM certificate, TCP on the NLB
    const cert = await importTestCertificate(moto.endpoint);
    await elbctl(['listener', 'create', 'shop', '--protocol', 'HTTP', '--port', '80', '--redirect-https']);
    await elbctl([
      'listener',
      'create',
      'shop',
      '--protocol',
      'HTTPS',
      '--port',
      '443',
      '--certificate',
      cert,
      '--forward',
      'web',
    ]);
    await elbctl(['listener', 'create', 'edge', '--protocol', 'TCP', '--port', '443', '--forward', 'tcp-pool']);
    const listeners = (await sdk.send(new DescribeListenersCommand({ LoadBalancerArn: alb.arn }))).Listeners ?? [];
    const https = listeners.find((l) => l.Port === 443);
    expect(https?.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
    expect(https?.Certificates?.[0]?.CertificateArn).toBe(cert);
    expect(listeners.find((l) => l.Port === 80)?.DefaultActions?.[0]).toMatchObject({
      Type: 'redirect',
      RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
    });

    // rules with automatic priorities and every condition type
    await elbctl(['rule', 'add', 'shop:443', '--path', '/api/*', '--forward', 'api']);
    await elbctl([
      'rule',
      'add',
      'shop:443',
      '--host',
      'admin.example.com',
      '--source-ip',
      '203.0.113.0/24',
      '--fixed-response',
      '403:admins only',
    ]);
    await elbctl(['rule', 'add', 'shop:443', '--header', 'X-Canary=yes', '--forward', 'api=20,web=80']);
    let rules = (await elbctl(['rule', 'list', 'shop:443'])).json<
      Array<{ arn: string; priority: number | string; conditions: Array<{ field: string }> }>
    >();
    expect(rules.map((r) => r.priority)).toEqual([1, 2, 3, 'default']);
    expect(rules.map((r) => r.conditions.map((c) => c.field))).toEqual([
      ['path-pattern'],
      ['host-header', 'source-ip'],
      ['http-header'],
      [],
    ]);
    const sdkRules = (await sdk.send(new DescribeRulesCommand({ ListenerArn: https?.ListenerArn }))).Rules ?? [];
    expect(sdkRules.find((r) => r.Priority === '1')?.Conditions?.[0]).toMatchObject({
      Field: 'path-pattern',
      PathPatternConfig: { Values: ['/api/*'] },
    });

    // move a rule without recreating it
    const before = sdkRules.find((r) => r.Priority === '3')?.RuleArn;
    await elbctl(['rule', 'move', 'shop:443:3', '--priority', '10']);
    rules = (await elbctl(['rule', 'list', 'shop:443'])).json();
    expect(rules.map((r) => r.priority)).toEqual([1, 2, 10, 'default']);
    expect(rules[2]?.arn).toBe(before);

    // cross-zone: NLB on, ALB refused with an explanation, target group off
    await elbctl(['lb', 'cross-zone', 'edge', 'on', '-y']);
    expect(
      attrs((await sdk.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: nlb.arn }))).Attributes),
    ).toMatchObject({
      'load_balancing.cross_zone.enabled': 'true',
    });
    // On an application load balancer cross-zone is always on: asking for it is a note, turning it off a refusal.
    const already = await elbctl(['lb', 'cross-zone', 'shop', 'on']);
    expect(already.stderr).toContain('always on for an application load balancer; nothing to change');
    const refused = await elbctl(['lb', 'cross-zone', 'shop', 'off'], 64);
    expect(refused.stderr).toContain('tg cross-zone');
    await elbctl(['tg', 'cross-zone', 'api', 'off', '-y']);
    const apiArn = tgs.find((t) => t.name === 'api') as unknown as { arn: string };
    expect(
      attrs((await sdk.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: apiArn.arn }))).Attributes),
    ).toMatchObject({
      'load_balancing.cross_zone.enabled': 'false',
    });

    // attributes read back through elbctl
    await elbctl(['lb', 'attributes', 'shop', '--set', 'idle_timeout.timeout_seconds=120', '-y']);
    const lbAttrs = (await elbctl(['lb', 'attributes', 'shop'])).json<Record<string, string>>();
    expect(lbAttrs['idle_timeout.timeout_seconds']).toBe('120');
    await elbctl(['tg', 'attributes', 'web', '--set', 'deregistration_delay.timeout_seconds=30', '-y']);
    expect(
      (await elbctl(['tg', 'attributes', 'web'])).json<Record<string, string>>()[
        'deregistration_delay.timeout_seconds'
      ],
    ).toBe('30');

    // every delete, in dependency order
    await elbctl(['rule', 'delete', 'shop:443:2', '-y']);
    expect((await elbctl(['rule', 'list', 'shop:443'])).json<unknown[]>()).toHaveLength(3);
    await elbctl(['listener', 'delete', 'shop:80', '-y']);
    await elbctl(['listener', 'delete', 'shop:443', '-y']);
    await elbctl(['listener', 'delete', 'edge:443', '-y']);
    expect((await elbctl(['listener', 'list', 'shop'])).json()).toEqual([]);
    await elbctl(['targets', 'deregister', 'web', net.instances[0]]);
    await elbctl(['lb', 'delete', 'shop', '-y']);
    await elbctl(['lb', 'delete', 'edge', '-y']);
    for (const tg of ['web', 'api', 'tcp-pool']) await elbctl(['tg', 'delete', tg, '-y']);
    expect((await elbctl(['lb', 'list'])).json()).toEqual([]);
    expect((await elbctl(['tg', 'list'])).json()).toEqual([]);
  });

  it('GIVEN a missing resource WHEN it is named THEN exit 1 names what was not found', async () => {
    const r = await elbctl(['lb', 'describe', 'nope'], 1);
    expect(r.stderr).toContain('error: load balancer "nope": not found');
    const t = await elbctl(['targets', 'health', 'nope'], 1);
    expect(t.stderr).toContain('target group "nope": not found');
    const l = await elbctl(['rule', 'list', 'nope:80'], 1);
    expect(l.stderr).toContain('load balancer "nope": not found');
  });

  it('GIVEN a network load balancer listener WHEN a rule is added THEN it is refused with no write', async () => {
    await elbctl(['lb', 'create', 'edge', '--type', 'network', '--subnets', net.subnets[0]]);
    await elbctl(['tg', 'create', 'tcp-pool', '--protocol', 'TCP', '--port', '443', '--vpc', net.vpcId]);
    await elbctl(['listener', 'create', 'edge', '--protocol', 'TCP', '--port', '443', '--forward', 'tcp-pool']);
    const r = await elbctl(['rule', 'add', 'edge:443', '--path', '/x', '--forward', 'tcp-pool'], 64);
    expect(r.stderr).toContain('rules exist only on HTTP/HTTPS listeners of application load balancers');
  });

  it('GIVEN a taken priority WHEN a rule is added with it THEN exit 1 names the priority', async () => {
    await elbctl(['lb', 'create', 'shop', '--type', 'application', '--subnets', net.subnets.join(',')]);
    await elbctl(['tg', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--vpc', net.vpcId]);
    await elbctl(['listener', 'create', 'shop', '--protocol', 'HTTP', '--port', '80', '--forward', 'web']);
    await elbctl(['rule', 'add', 'shop:80', '--path', '/a', '--forward', 'web', '--priority', '7']);
    const r = await elbctl(['rule', 'add', 'shop:80', '--path', '/b', '--forward', 'web', '--priority', '7'], 1);
    expect(r.stderr).toContain('priority 7');
    const next = (await elbctl(['rule', 'add', 'shop:80', '--path', '/b', '--forward', 'web'])).json<{
      priority: number;
    }>();
    expect(next.priority).toBe(8);
  });
});
