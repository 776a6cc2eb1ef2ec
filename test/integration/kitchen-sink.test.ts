/**
 * The kitchen-sink round trip (issue 12): an account built with the AWS SDK directly — not with
 * elbctl — holding what the emulator serves of the surface (an ALB with an HTTP→HTTPS redirect,
 * an HTTPS listener on an older TLS policy whose default is a weighted forward with group
 * stickiness, an OIDC-protected rule, a fixed response, user tags, attributes off their defaults,
 * response-header listener attributes; an NLB with cross-zone on and a longer TCP idle timeout; a
 * gateway load balancer whose GENEVE listener forwards to appliances that rebalance flows) is
 * exported, its IDs are mapped to a second account's (VPC, subnets,
 * security group, instances, certificate: a second x-moto-account-id behind a proxy, as a user
 * replaying a stack elsewhere would), applied there, and both accounts are compared field by field.
 */
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeListenerAttributesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerAttributesCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS, TEST_REGION } from '../support/network';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { seedStackNetwork, type StackNetwork } from '../support/stack-fixtures';
import { writeFileSync } from 'node:fs';

jest.setTimeout(180_000);

const SECRET_ENV = 'OIDC_CLIENT_SECRET_SHOP_443_PATH_ADMIN';
let moto: Moto;
let second: RecordingProxy;
let a: StackNetwork;
let b: StackNetwork;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-kitchen-'));

const client = (endpoint: string) =>
  new ElasticLoadBalancingV2Client({ region: TEST_REGION, endpoint, credentials: TEST_CREDENTIALS });

beforeAll(async () => {
  moto = await startMoto();
  second = await startRecordingProxy(moto.endpoint, { 'x-moto-account-id': '222222222222' });
  a = await seedStackNetwork(moto.endpoint, TEST_REGION, 2);
  b = await seedStackNetwork(second.endpoint, TEST_REGION, 2);
});
afterAll(async () => {
  await second?.close();
  await moto?.stop();
});

async function elbctl(endpoint: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const r = await run(['--endpoint-url', endpoint, '-o', 'json', ...args], { env });
  if (r.code !== 0) throw new Error(`elbctl ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The source account, built with the SDK the way a console user or another tool would have. */
async function buildKitchenSink(sdk: ElasticLoadBalancingV2Client, net: StackNetwork): Promise<void> {
  const tg = async (name: string, port: number, extra: Record<string, unknown> = {}) =>
    (
      await sdk.send(
        new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: port, VpcId: net.vpcId, ...extra }),
      )
    ).TargetGroups?.[0]?.TargetGroupArn as string;
  const web = await tg('web', 8080, {
    HealthCheckPath: '/healthz',
    HealthCheckIntervalSeconds: 15,
    Matcher: { HttpCode: '200-299' },
  });
  const canary = await tg('web-canary', 8080, { HealthCheckPath: '/healthz' });
  const admin = await tg('admin', 8081, { HealthCheckPath: '/admin/healthz' });
  const tcp = (
    await sdk.send(new CreateTargetGroupCommand({ Name: 'db', Protocol: 'TCP', Port: 5432, VpcId: net.vpcId }))
  ).TargetGroups?.[0]?.TargetGroupArn as string;
  await sdk.send(
    new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: web,
      Attributes: [
        { Key: 'deregistration_delay.timeout_seconds', Value: '60' },
        { Key: 'stickiness.enabled', Value: 'true' },
        { Key: 'stickiness.type', Value: 'lb_cookie' },
        { Key: 'stickiness.lb_cookie.duration_seconds', Value: '3600' },
      ],
    }),
  );
  await sdk.send(new RegisterTargetsCommand({ TargetGroupArn: web, Targets: [{ Id: net.instances[0] as string }] }));
  await sdk.send(new RegisterTargetsCommand({ TargetGroupArn: canary, Targets: [{ Id: net.instances[1] as string }] }));
  await sdk.send(
    new RegisterTargetsCommand({ TargetGroupArn: admin, Targets: [{ Id: net.instances[0] as string, Port: 8081 }] }),
  );

  const alb = (
    await sdk.send(
      new CreateLoadBalancerCommand({
        Name: 'shop',
        Type: 'application',
        Subnets: net.subnets.slice(0, 2),
        SecurityGroups: [net.securityGroupId],
        Tags: [{ Key: 'team', Value: 'payments' }],
      }),
    )
  ).LoadBalancers?.[0]?.LoadBalancerArn as string;
  await sdk.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerArn: alb,
      Attributes: [
        { Key: 'idle_timeout.timeout_seconds', Value: '120' },
        { Key: 'deletion_protection.enabled', Value: 'true' },
      ],
    }),
  );
  await sdk.send(
    new CreateListenerCommand({
      LoadBalancerArn: alb,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    }),
  );
  const https = (
    await sdk.send(
      new CreateListenerCommand({
        LoadBalancerArn: alb,
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: net.certificateArn }],
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: web, Weight: 90 },
                { TargetGroupArn: canary, Weight: 10 },
              ],
              TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 600 },
            },
          },
        ],
      }),
    )
  ).Listeners?.[0]?.ListenerArn as string;
  await sdk.send(
    new ModifyListenerAttributesCommand({
      ListenerArn: https,
      Attributes: [
        { Key: 'routing.http.response.server.enabled', Value: 'false' },
        { Key: 'routing.http.response.strict_transport_security.header_value', Value: 'max-age=31536000' },
      ],
    }),
  );
  const adminRule = (
    await sdk.send(
      new CreateRuleCommand({
        ListenerArn: https,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin/*'] } }],
        Actions: [
          {
            Order: 1,
            Type: 'authenticate-oidc',
            AuthenticateOidcConfig: {
              Issuer: 'https://login.example.com',
              AuthorizationEndpoint: 'https://login.example.com/authorize',
              TokenEndpoint: 'https://login.example.com/token',
              UserInfoEndpoint: 'https://login.example.com/userinfo',
              ClientId: 'shop-admin',
              ClientSecret: 'source-account-secret',
              Scope: 'openid email',
            },
          },
          { Order: 2, Type: 'forward', TargetGroupArn: admin },
        ],
      }),
    )
  ).Rules?.[0]?.RuleArn as string;
  await sdk.send(new AddTagsCommand({ ResourceArns: [adminRule], Tags: [{ Key: 'owner', Value: 'ops' }] }));
  await sdk.send(
    new CreateRuleCommand({
      ListenerArn: https,
      Priority: 20,
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['old.example.com'] } }],
      Actions: [
        {
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '410', ContentType: 'text/plain', MessageBody: 'gone' },
        },
      ],
    }),
  );

  const nlb = (
    await sdk.send(new CreateLoadBalancerCommand({ Name: 'edge', Type: 'network', Subnets: net.subnets.slice(0, 2) }))
  ).LoadBalancers?.[0]?.LoadBalancerArn as string;
  await sdk.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerArn: nlb,
      Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }],
    }),
  );
  const tcpListener = (
    await sdk.send(
      new CreateListenerCommand({
        LoadBalancerArn: nlb,
        Protocol: 'TCP',
        Port: 5432,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tcp }],
      }),
    )
  ).Listeners?.[0]?.ListenerArn as string;
  await sdk.send(
    new ModifyListenerAttributesCommand({
      ListenerArn: tcpListener,
      Attributes: [{ Key: 'tcp.idle_timeout.seconds', Value: '900' }],
    }),
  );

  // A gateway load balancer: no scheme, no security groups; its listener has no port or protocol.
  const appliances = (
    await sdk.send(
      new CreateTargetGroupCommand({
        Name: 'appliances',
        Protocol: 'GENEVE',
        Port: 6081,
        VpcId: net.vpcId,
        HealthCheckProtocol: 'HTTP',
        HealthCheckPort: '8080',
        HealthCheckPath: '/healthz',
      }),
    )
  ).TargetGroups?.[0]?.TargetGroupArn as string;
  await sdk.send(
    new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: appliances,
      Attributes: [
        { Key: 'target_failover.on_deregistration', Value: 'rebalance' },
        { Key: 'target_failover.on_unhealthy', Value: 'rebalance' },
      ],
    }),
  );
  await sdk.send(
    new RegisterTargetsCommand({ TargetGroupArn: appliances, Targets: net.instances.map((Id) => ({ Id })) }),
  );
  const gwlb = (
    await sdk.send(
      new CreateLoadBalancerCommand({
        Name: 'inspect',
        Type: 'gateway',
        Subnets: net.subnets.slice(0, 2),
        Tags: [{ Key: 'team', Value: 'security' }],
      }),
    )
  ).LoadBalancers?.[0]?.LoadBalancerArn as string;
  await sdk.send(
    new CreateListenerCommand({
      LoadBalancerArn: gwlb,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: appliances }],
    }),
  );
}

/**
 * Actions as AWS describes them: every action has its Order, and a redirect every part (`#{host}`,
 * `/#{path}`, `#{query}` when left out). The emulator echoes only what was sent, so both sides
 * are completed the same way before they are compared.
 */
function asAwsDescribes(actions: readonly object[] | undefined) {
  return ((actions ?? []) as Array<Record<string, unknown>>).map((a, i) => {
    const redirect = a.RedirectConfig as Record<string, unknown> | undefined;
    return {
      ...a,
      Order: a.Order ?? i + 1,
      ...(redirect
        ? {
            RedirectConfig: {
              Protocol: '#{protocol}',
              Port: '#{port}',
              Host: '#{host}',
              Path: '/#{path}',
              Query: '#{query}',
              ...redirect,
            },
          }
        : {}),
    };
  });
}

/** Attributes AWS always reports and the emulator leaves out until set, at AWS's defaults. */
const ALWAYS_REPORTED: Record<string, Record<string, string>> = {
  application: { 'routing.http.drop_invalid_header_fields.enabled': 'false' },
  network: {},
};

/** Everything an account holds, IDs replaced by names (and `map` applied), elbctl's own tags left out. */
async function snapshot(sdk: ElasticLoadBalancingV2Client, map: (text: string) => string = (t) => t) {
  const userTags = async (arn: string) =>
    Object.fromEntries(
      ((await sdk.send(new DescribeTagsCommand({ ResourceArns: [arn] }))).TagDescriptions?.[0]?.Tags ?? [])
        .filter((t) => !t.Key?.startsWith('elbctl:'))
        .map((t) => [t.Key, t.Value]),
    );
  const tgs = (await sdk.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  const tgName = new Map(tgs.map((t) => [t.TargetGroupArn as string, t.TargetGroupName as string]));
  const names = (value: unknown): unknown =>
    JSON.parse(
      map(JSON.stringify(value ?? null)).replace(
        /arn:aws:elasticloadbalancing:[^"]*:targetgroup\/[^"]+/g,
        (arn) => `tg:${tgName.get(arn) ?? arn}`,
      ),
    );
  const lbs = (await sdk.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  const out: Record<string, unknown> = {};
  for (const lb of lbs.sort((x, y) => (x.LoadBalancerName ?? '').localeCompare(y.LoadBalancerName ?? ''))) {
    const arn = lb.LoadBalancerArn as string;
    const attributes = Object.fromEntries(
      ((await sdk.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes ?? []).map(
        (x) => [x.Key, x.Value],
      ),
    );
    const listeners = [];
    for (const l of ((await sdk.send(new DescribeListenersCommand({ LoadBalancerArn: arn }))).Listeners ?? []).sort(
      (x, y) => (x.Port ?? 0) - (y.Port ?? 0),
    )) {
      const rules = ((await sdk.send(new DescribeRulesCommand({ ListenerArn: l.ListenerArn }))).Rules ?? [])
        .filter((r) => !r.IsDefault)
        .sort((x, y) => Number(x.Priority) - Number(y.Priority));
      listeners.push({
        port: l.Port,
        protocol: l.Protocol,
        sslPolicy: l.Protocol === 'HTTPS' ? l.SslPolicy : undefined,
        certificates: names(l.Certificates?.map((c) => c.CertificateArn)),
        defaultActions: names(asAwsDescribes(l.DefaultActions)),
        attributes: Object.fromEntries(
          (
            (await sdk.send(new DescribeListenerAttributesCommand({ ListenerArn: l.ListenerArn }))).Attributes ?? []
          ).map((x) => [x.Key, x.Value]),
        ),
        tags: await userTags(l.ListenerArn as string),
        rules: await Promise.all(
          rules.map(async (r) => ({
            priority: r.Priority,
            conditions: names(r.Conditions),
            // The secret is each account's own: compared apart.
            actions: names(
              asAwsDescribes(
                r.Actions?.map((x) =>
                  x.AuthenticateOidcConfig
                    ? { ...x, AuthenticateOidcConfig: { ...x.AuthenticateOidcConfig, ClientSecret: undefined } }
                    : x,
                ),
              ),
            ),
            tags: await userTags(r.RuleArn as string),
          })),
        ),
      });
    }
    out[`lb:${lb.LoadBalancerName}`] = {
      type: lb.Type,
      scheme: lb.Scheme ?? 'internet-facing',
      ipAddressType: lb.IpAddressType,
      subnets: (names((lb.AvailabilityZones ?? []).map((z) => z.SubnetId)) as string[]).sort(),
      securityGroups: names(lb.SecurityGroups ?? []),
      attributes: { ...ALWAYS_REPORTED[lb.Type ?? 'application'], ...attributes },
      tags: await userTags(arn),
      listeners,
    };
  }
  for (const tg of tgs.sort((x, y) => (x.TargetGroupName ?? '').localeCompare(y.TargetGroupName ?? ''))) {
    const arn = tg.TargetGroupArn as string;
    const { TargetGroupArn: _a, LoadBalancerArns: lbArns, ...fields } = tg;
    out[`tg:${tg.TargetGroupName}`] = {
      ...(names(fields) as object),
      loadBalancers: (lbArns ?? []).length,
      attributes: Object.fromEntries(
        ((await sdk.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes ?? []).map(
          (x) => [x.Key, x.Value],
        ),
      ),
      // Sorted after the IDs are mapped: the two accounts' instance IDs sort differently.
      targets: (
        names(
          (
            (await sdk.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions ?? []
          ).map((t) => ({ id: t.Target?.Id, port: t.Target?.Port })),
        ) as Array<{ id?: string }>
      ).sort((x, y) => String(x.id).localeCompare(String(y.id))),
      tags: await userTags(arn),
    };
  }
  return out;
}

describe('the kitchen-sink round trip', () => {
  it('GIVEN an account built with the SDK WHEN exported, mapped to a second account and applied there THEN both accounts hold the same load balancers, listeners, rules and target groups, field by field', async () => {
    const sdkA = client(moto.endpoint);
    const sdkB = client(second.endpoint);
    try {
      await buildKitchenSink(sdkA, a);

      const exported = join(dir, 'exported.yaml');
      const e = await elbctl(moto.endpoint, ['export', 'shop', 'edge', 'inspect', '--stack', 'shop', '-f', exported]);
      expect(e.stderr).toContain(`the file names ${SECRET_ENV} (clientSecretEnv)`);
      expect(e.stderr).not.toContain('not exported');
      // The fresh export, planned against the account it came from: adoptions only ("absent" included).
      const adopt = await elbctl(moto.endpoint, ['plan', '-f', exported]);
      expect(
        adopt
          .json<{ changes: Array<{ action: string; id: string }> }>()
          .changes.filter((c) => c.action !== 'adopt')
          .map((c) => `${c.action} ${c.id}`),
      ).toEqual([]);

      // The source account's IDs → the second account's, as a user replaying the stack elsewhere.
      const pairs: Array<[string, string]> = [
        [a.vpcId, b.vpcId],
        ...a.subnets.map((s, i): [string, string] => [s, b.subnets[i] as string]),
        [a.securityGroupId, b.securityGroupId],
        ...a.instances.map((id, i): [string, string] => [id, b.instances[i] as string]),
        [a.certificateArn, b.certificateArn],
      ];
      const toB = (text: string) => pairs.reduce((t, [from, to]) => t.split(from).join(to), text);
      const replay = join(dir, 'replay.yaml');
      writeFileSync(replay, toB(readFileSync(exported, 'utf8')));

      // Without the OIDC secret the apply writes nothing; with it, everything is created.
      const refused = await run(['--endpoint-url', second.endpoint, '-o', 'json', 'apply', '-f', replay, '-y']);
      expect(refused.code).toBe(64);
      expect(await snapshot(sdkB)).toEqual({});
      await elbctl(second.endpoint, ['apply', '-f', replay, '-y'], { [SECRET_ENV]: 'replayed-secret' });

      const source = await snapshot(sdkA, toB);
      expect(Object.keys(source)).toEqual([
        'lb:edge',
        'lb:inspect',
        'lb:shop',
        'tg:admin',
        'tg:appliances',
        'tg:db',
        'tg:web',
        'tg:web-canary',
      ]);
      expect(await snapshot(sdkB)).toEqual(source);
      // Applying the replayed file again changes nothing.
      const again = await elbctl(second.endpoint, ['plan', '-f', replay, '--detailed-exitcode']);
      expect(again.json<{ changes: unknown[] }>().changes).toEqual([]);
    } finally {
      sdkA.destroy();
      sdkB.destroy();
    }
  });
});
