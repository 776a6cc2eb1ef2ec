/**
 * Day-2 operations end to end against the real emulator (moto_server), in-process through
 * `main`: every verb that changes a resource in place, each read back with the AWS SDK, each
 * resource keeping its ARN; a stack's tags added, changed and removed until its plan is empty;
 * tags round-tripping command → describe → export → apply → empty plan.
 *
 * What moto does not serve is covered by the mock tests instead: dualstack-without-public-ipv4
 * (test/commands/lb/modify.test.ts), authentication actions (test/commands/rule/modify.test.ts).
 */
import {
  AssociateSubnetCidrBlockCommand,
  AssociateVpcCidrBlockCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenerAttributesCommand,
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTestCertificate } from '../support/certificate';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, TEST_CREDENTIALS, TEST_REGION, type Network } from '../support/network';

jest.setTimeout(180_000);

let moto: Moto;
let net: Network;
let sdk: ElasticLoadBalancingV2Client;
let ec2: EC2Client;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-day2-'));

beforeAll(async () => {
  moto = await startMoto();
  sdk = new ElasticLoadBalancingV2Client({
    region: TEST_REGION,
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  ec2 = new EC2Client({ region: TEST_REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
});
afterAll(async () => {
  sdk?.destroy();
  ec2?.destroy();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  net = await seedNetwork(moto.endpoint);
});

async function elbctl(args: string[], expectCode = 0): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, '-o', 'json', ...args]);
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stderr}`);
  return r;
}

const tagsOf = async (arn: string) =>
  Object.fromEntries(
    ((await sdk.send(new DescribeTagsCommand({ ResourceArns: [arn] }))).TagDescriptions?.[0]?.Tags ?? []).map((t) => [
      t.Key,
      t.Value,
    ]),
  );
const lbOf = async (name: string) =>
  (await sdk.send(new DescribeLoadBalancersCommand({ Names: [name] }))).LoadBalancers?.[0];
const listenerOf = async (arn: string) =>
  (await sdk.send(new DescribeListenersCommand({ ListenerArns: [arn] }))).Listeners?.[0];

/** An ALB `web` (HTTP :80 forwarding to `api`, HTTPS :443 with one certificate), target groups `api` and `canary`, one rule. */
async function seedWeb(): Promise<{ lb: string; l80: string; l443: string; rule: string; certA: string }> {
  const lb = (
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
  for (const name of ['api', 'canary'])
    await elbctl(['tg', 'create', name, '--protocol', 'HTTP', '--port', '8080', '--vpc', net.vpcId]);
  const certA = await importTestCertificate(moto.endpoint, 'shop.example.com');
  const l80 = (
    await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--forward', 'api'])
  ).json<{ arn: string }>().arn;
  const l443 = (
    await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTPS',
      '--port',
      '443',
      '--certificate',
      certA,
      '--forward',
      'api',
    ])
  ).json<{ arn: string }>().arn;
  const rule = (await elbctl(['rule', 'add', 'web:80', '--path', '/old/*', '--forward', 'api'])).json<{ arn: string }>()
    .arn;
  return { lb, l80, l443, rule, certA };
}

describe('day-2 verbs against moto: each changes in place, keeps its ARN, and reads back as asked', () => {
  it('GIVEN an ALB WHEN lb modify changes its subnets, security groups and address type THEN AWS holds them under the same ARN', async () => {
    const { lb } = await seedWeb();
    const third = (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: net.vpcId, CidrBlock: '10.0.3.0/24', AvailabilityZone: `${TEST_REGION}c` }),
      )
    ).Subnet?.SubnetId as string;
    const sg2 = (
      await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web2', Description: 'web2', VpcId: net.vpcId }))
    ).GroupId as string;

    const dry = await elbctl(
      ['lb', 'modify', 'web', '--subnets', [...net.subnets, third].join(','), '--dry-run', '--detailed-exitcode'],
      2,
    );
    expect(dry.json()).toMatchObject({ arn: lb, changed: true, dryRun: true });
    expect((await lbOf('web'))?.AvailabilityZones).toHaveLength(2);

    await elbctl([
      'lb',
      'modify',
      'web',
      '--subnets',
      [...net.subnets, third].join(','),
      '--security-groups',
      `${net.securityGroupId},${sg2}`,
      '-y',
    ]);
    const after = await lbOf('web');
    expect(after?.LoadBalancerArn).toBe(lb);
    expect(after?.AvailabilityZones?.map((z) => z.SubnetId).sort()).toEqual([...net.subnets, third].sort());
    expect([...(after?.SecurityGroups ?? [])].sort()).toEqual([net.securityGroupId, sg2].sort());

    // dualstack needs IPv6 blocks in the subnets: refused until they have them.
    const refused = await elbctl(['lb', 'modify', 'web', '--ip-address-type', 'dualstack', '-y'], 64);
    expect(refused.stderr).toContain('dualstack needs an IPv6 block in each of its subnets');
    await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: net.vpcId, AmazonProvidedIpv6CidrBlock: true }));
    for (const [i, s] of [...net.subnets, third].entries())
      await ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: s, Ipv6CidrBlock: `2001:db8:1234:1a0${i}::/64` }));
    await elbctl(['lb', 'modify', 'web', '--ip-address-type', 'dualstack', '-y']);
    expect((await lbOf('web'))?.IpAddressType).toBe('dualstack');
    expect((await lbOf('web'))?.LoadBalancerArn).toBe(lb);
  });

  it('GIVEN a target group WHEN tg modify changes its health check THEN AWS reports the new check under the same ARN', async () => {
    await seedWeb();
    const before = (await sdk.send(new DescribeTargetGroupsCommand({ Names: ['api'] }))).TargetGroups?.[0];
    await elbctl([
      'tg',
      'modify',
      'api',
      '--health-path',
      '/ready',
      '--health-interval',
      '10',
      '--health-timeout',
      '5',
      '--matcher',
      '200-299',
      '-y',
    ]);
    const after = (await sdk.send(new DescribeTargetGroupsCommand({ Names: ['api'] }))).TargetGroups?.[0];
    expect(after?.TargetGroupArn).toBe(before?.TargetGroupArn);
    expect({
      path: after?.HealthCheckPath,
      interval: after?.HealthCheckIntervalSeconds,
      timeout: after?.HealthCheckTimeoutSeconds,
      matcher: after?.Matcher?.HttpCode,
    }).toEqual({
      path: '/ready',
      interval: 10,
      timeout: 5,
      matcher: '200-299',
    });
  });

  it('GIVEN listeners WHEN listener modify changes the default action, TLS policy and port THEN AWS reports them under the same ARNs', async () => {
    const { l80, l443 } = await seedWeb();
    await elbctl(['listener', 'modify', 'web:80', '--forward', 'api=80,canary=20', '--group-stickiness', '300', '-y']);
    const forward = (await listenerOf(l80))?.DefaultActions?.[0];
    expect(forward?.ForwardConfig?.TargetGroups?.map((g) => g.Weight)).toEqual([80, 20]);
    expect(forward?.ForwardConfig?.TargetGroupStickinessConfig).toEqual({ Enabled: true, DurationSeconds: 300 });

    await elbctl(['listener', 'modify', 'web:443', '--ssl-policy', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', '-y']);
    expect((await listenerOf(l443))?.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');

    await elbctl(['listener', 'modify', 'web:80', '--port', '8080', '-y']);
    expect((await listenerOf(l80))?.Port).toBe(8080);
    const listed = (await elbctl(['listener', 'list', 'web'])).json<Array<{ arn: string; port: number }>>();
    expect(listed.map((l) => [l.port, l.arn])).toEqual([
      [443, l443],
      [8080, l80],
    ]);
  });

  it('GIVEN an HTTPS listener WHEN certificates are added, rotated and removed THEN rotate leaves exactly the new one attached, as the default, the others untouched', async () => {
    const { l443, certA } = await seedWeb();
    const certB = await importTestCertificate(moto.endpoint, 'www.example.com');
    const certC = await importTestCertificate(moto.endpoint, 'shop.example.com');
    const attached = async () =>
      ((await sdk.send(new DescribeListenerCertificatesCommand({ ListenerArn: l443 }))).Certificates ?? []).map((c) => [
        c.CertificateArn,
        c.IsDefault,
      ]);

    await elbctl(['listener', 'certs', 'add', 'web:443', certB, '-y']);
    expect(await attached()).toEqual([
      [certA, true],
      [certB, false],
    ]);
    const listed = (await elbctl(['listener', 'certs', 'web:443'])).json<
      Array<{ arn: string; default: boolean; domainName: string }>
    >();
    expect(listed.map((c) => [c.arn, c.default, c.domainName])).toEqual([
      [certA, true, 'shop.example.com'],
      [certB, false, 'www.example.com'],
    ]);

    const notAttached = await elbctl(
      ['listener', 'certs', 'rotate', 'web:443', '--from', certC, '--to', certA, '-y'],
      64,
    );
    expect(notAttached.stderr).toContain('not attached to listener "web:443"');

    await elbctl(['listener', 'certs', 'rotate', 'web:443', '--from', certA, '--to', certC, '-y']);
    expect(await attached()).toEqual([
      [certC, true],
      [certB, false],
    ]);
    expect((await listenerOf(l443))?.Certificates?.[0]?.CertificateArn).toBe(certC);

    await elbctl(['listener', 'certs', 'remove', 'web:443', certB, '-y']);
    expect(await attached()).toEqual([[certC, true]]);
    expect((await listenerOf(l443))?.ListenerArn).toBe(l443);
  });

  it('GIVEN a rule and a listener WHEN rule modify and listener attributes change them THEN AWS reports the change under the same ARNs', async () => {
    const { rule, l443 } = await seedWeb();
    await elbctl(['rule', 'modify', 'web:80:1', '--path', '/new/*', '--fixed-response', '503:maintenance', '-y']);
    const r = (await sdk.send(new DescribeRulesCommand({ RuleArns: [rule] }))).Rules?.[0];
    expect(r?.RuleArn).toBe(rule);
    expect(r?.Priority).toBe('1');
    expect(r?.Conditions?.[0]?.PathPatternConfig?.Values ?? r?.Conditions?.[0]?.Values).toEqual(['/new/*']);
    expect(r?.Actions?.[0]?.FixedResponseConfig).toMatchObject({ StatusCode: '503', MessageBody: 'maintenance' });

    await elbctl(['listener', 'attributes', 'web:443', '--set', 'routing.http.response.server.enabled=false', '-y']);
    const attributes = (await sdk.send(new DescribeListenerAttributesCommand({ ListenerArn: l443 }))).Attributes ?? [];
    expect(attributes).toContainEqual({ Key: 'routing.http.response.server.enabled', Value: 'false' });
  });

  it('GIVEN the attribute verbs WHEN --set and cross-zone are approved with -y THEN AWS holds the values; without -y nothing changes', async () => {
    await seedWeb();
    await elbctl([
      'lb',
      'create',
      'edge',
      '--type',
      'network',
      '--subnets',
      net.subnets.join(','),
      '--scheme',
      'internal',
    ]);
    const attrs = async (arn: string) =>
      Object.fromEntries(
        ((await sdk.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes ?? []).map(
          (a) => [a.Key, a.Value],
        ),
      );
    const webArn = (await lbOf('web'))?.LoadBalancerArn as string;
    const unchanged = (await attrs(webArn))['idle_timeout.timeout_seconds'];
    await elbctl(['lb', 'attributes', 'web', '--set', 'idle_timeout.timeout_seconds=120'], 64);
    expect((await attrs(webArn))['idle_timeout.timeout_seconds']).toBe(unchanged);
    await elbctl(['lb', 'attributes', 'web', '--set', 'idle_timeout.timeout_seconds=120', '-y']);
    await elbctl(['lb', 'cross-zone', 'edge', 'on', '-y']);
    await elbctl(['tg', 'attributes', 'api', '--set', 'deregistration_delay.timeout_seconds=30', '-y']);
    const edge = await lbOf('edge');
    expect((await attrs(webArn))['idle_timeout.timeout_seconds']).toBe('120');
    expect((await attrs(edge?.LoadBalancerArn as string))['load_balancing.cross_zone.enabled']).toBe('true');
    const tg = (await sdk.send(new DescribeTargetGroupsCommand({ Names: ['api'] }))).TargetGroups?.[0];
    const tgAttrs =
      (await sdk.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg?.TargetGroupArn }))).Attributes ??
      [];
    expect(tgAttrs).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '30' });
  });

  it('GIVEN every kind of resource WHEN tags are added and removed THEN AWS holds them, and every list and describe shows them, elbctl own apart', async () => {
    const { lb, l80, rule } = await seedWeb();
    const tg = (await sdk.send(new DescribeTargetGroupsCommand({ Names: ['api'] }))).TargetGroups?.[0]
      ?.TargetGroupArn as string;
    await elbctl(['tags', 'add', 'web', 'env=prod', 'team=web', '-y']);
    await elbctl(['tags', 'add', 'tg/api', 'env=prod', '-y']);
    await elbctl(['tags', 'add', 'web:80', 'tier=edge', '-y']);
    await elbctl(['tags', 'add', 'web:80:1', 'owner=api', '-y']);
    await elbctl(['tags', 'remove', 'web', 'team', '-y']);
    expect(await tagsOf(lb)).toEqual({ env: 'prod' });
    expect(await tagsOf(tg)).toEqual({ env: 'prod' });
    expect(await tagsOf(l80)).toEqual({ tier: 'edge' });
    expect(await tagsOf(rule)).toEqual({ owner: 'api' });

    expect((await elbctl(['lb', 'list'])).json<Array<{ tags: object }>>()[0]?.tags).toEqual({ env: 'prod' });
    expect((await elbctl(['lb', 'describe', 'web'])).json()).toMatchObject({ tags: { env: 'prod' }, stack: null });
    expect((await elbctl(['tg', 'describe', 'api'])).json()).toMatchObject({ targetGroup: { tags: { env: 'prod' } } });
    expect(
      (await elbctl(['listener', 'list', 'web']))
        .json<Array<{ port: number; tags: object }>>()
        .find((l) => l.port === 80)?.tags,
    ).toEqual({ tier: 'edge' });
    expect(
      (await elbctl(['rule', 'list', 'web:80'])).json<Array<{ priority: unknown; tags: object }>>()[0]?.tags,
    ).toEqual({ owner: 'api' });
    expect((await elbctl(['tags', 'list', 'web:80:1'])).json()).toMatchObject({ tags: { owner: 'api' }, stack: null });

    const reserved = await elbctl(['tags', 'add', 'web', 'elbctl:stack=forged', '-y'], 64);
    expect(reserved.stderr).toContain('the "elbctl:" prefix is reserved');
    expect(await tagsOf(lb)).toEqual({ env: 'prod' });
  });
});

describe('stack tags against moto', () => {
  const stack = (lbTags: string, tgTags: string) => `version: 1
stack: shop
loadBalancers:
  - name: shop-web
    type: application
    subnets: [${net.subnets.join(', ')}]
    securityGroups: [${net.securityGroupId}]
    deletionProtection: false
${lbTags}
    listeners:
      - port: 80
        protocol: HTTP
        defaultAction: { forward: app }
        tags: { tier: edge }
        rules:
          - name: api
            priority: 10
            conditions: { path: [/api/*] }
            action: { forward: app }
            tags: { owner: api }
targetGroups:
  - name: app
    protocol: HTTP
    port: 80
    vpc: ${net.vpcId}
${tgTags}
`;
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  interface PlanJson {
    changes: Array<{ action: string; id: string; before: { tags?: object } | null; after: { tags?: object } | null }>;
  }

  it('GIVEN a stack with tags WHEN applied, then its tags added, changed and removed THEN AWS follows and every plan after an apply is empty', async () => {
    const first = write('tags-1.yaml', stack('    tags: { env: prod, team: web }', '    tags: { env: prod }'));
    await elbctl(['apply', '-f', first, '-y']);
    await elbctl(['plan', '-f', first, '--detailed-exitcode']);
    const lb = (await lbOf('shop-web'))?.LoadBalancerArn as string;
    expect(await tagsOf(lb)).toEqual({ 'elbctl:stack': 'shop', env: 'prod', team: 'web' });

    const second = write('tags-2.yaml', stack('    tags: { env: staging, cost: "1234" }', '    tags: {}'));
    const planned = (await elbctl(['plan', '-f', second, '--detailed-exitcode'], 2)).json<PlanJson>();
    expect(planned.changes.map((c) => [c.action, c.id, c.before?.tags, c.after?.tags])).toEqual([
      ['update', 'target-group:app', { env: 'prod' }, {}],
      ['update', 'load-balancer:shop-web', { env: 'prod', team: 'web' }, { env: 'staging', cost: '1234' }],
    ]);
    await elbctl(['apply', '-f', second, '-y']);
    expect(await tagsOf(lb)).toEqual({ 'elbctl:stack': 'shop', env: 'staging', cost: '1234' });
    const tg = (await sdk.send(new DescribeTargetGroupsCommand({ Names: ['app'] }))).TargetGroups?.[0]
      ?.TargetGroupArn as string;
    expect(await tagsOf(tg)).toEqual({ 'elbctl:stack': 'shop', 'elbctl:name': 'app' });
    await elbctl(['plan', '-f', second, '--detailed-exitcode']);

    // Left out of the file: tags are not managed, so tags added by hand stay.
    const third = write('tags-3.yaml', stack('', ''));
    await elbctl(['tags', 'add', 'lb/shop-web', 'added=by-hand', '-y']);
    await elbctl(['plan', '-f', third, '--detailed-exitcode']);
  });

  it('GIVEN tags added by command WHEN described, exported, applied and planned THEN they round-trip: the export carries them and the plan is empty', async () => {
    await seedWeb();
    await elbctl(['tags', 'add', 'web', 'env=prod', '-y']);
    await elbctl(['tags', 'add', 'tg/api', 'team=payments', '-y']);
    await elbctl(['tags', 'add', 'web:80:1', 'owner=api', '-y']);
    expect((await elbctl(['lb', 'describe', 'web'])).json()).toMatchObject({ tags: { env: 'prod' } });

    const file = join(dir, 'exported.yaml');
    await elbctl(['export', 'web', '--stack', 'shop', '-f', file]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('    tags: { env: prod }');
    expect(text).toContain('tags: { team: payments }');
    expect(text).toContain('tags: { owner: api }');

    const adopt = (await elbctl(['plan', '-f', file, '--detailed-exitcode'], 2)).json<PlanJson>();
    expect(new Set(adopt.changes.map((c) => c.action))).toEqual(new Set(['adopt']));
    await elbctl(['apply', '-f', file, '-y']);
    await elbctl(['plan', '-f', file, '--detailed-exitcode']);
    expect(await tagsOf((await lbOf('web'))?.LoadBalancerArn as string)).toEqual({
      env: 'prod',
      'elbctl:stack': 'shop',
    });
  });
});
