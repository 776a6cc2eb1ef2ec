import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type Action as SdkAction,
  type Listener as SdkListener,
  type LoadBalancer as SdkLoadBalancer,
  type Rule as SdkRule,
  type Tag as SdkTag,
  type TargetGroup as SdkTargetGroup,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../src/commands/context';
import { loadStack } from '../../src/core/stack/load';
import { plan } from '../../src/core/stack/planner/plan-stack';
import { ScriptedPrompter, type Prompter } from '../../src/ui/prompter';
import { elbctl as run } from '../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

// ------------------------------------------------------------------ running the command

const NOW = new Date('2024-05-01T12:00:00.000Z');
const clock: Clock = { now: () => NOW, sleep: async () => undefined };

/** Runs `elbctl ARGS` through the real main(), with a fixed clock. */
function elbctl(args: string[], options: { tty?: boolean; prompter?: Prompter } = {}) {
  return run(args, { ...options, clock });
}

// ------------------------------------------------------------------ a fake account behind the SDK

const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const lbArn = (name: string, kind = 'app') => `${PREFIX}:loadbalancer/${kind}/${name}/50dc6c495c0c9188`;
const listenerArn = (lb: string, port: number) =>
  `${PREFIX}:listener/app/${lb}/50dc6c495c0c9188/${String(port).padStart(16, '0')}`;
const ruleArn = (lb: string, port: number, id: string) =>
  `${PREFIX}:listener-rule/app/${lb}/50dc6c495c0c9188/${String(port).padStart(16, '0')}/${id}`;
const tgArn = (name: string) => `${PREFIX}:targetgroup/${name}/73e2d6bc24d8a067`;

interface Account {
  loadBalancers: SdkLoadBalancer[];
  targetGroups: SdkTargetGroup[];
  tags: Map<string, SdkTag[]>;
  lbAttributes: Map<string, Record<string, string>>;
  tgAttributes: Map<string, Record<string, string>>;
  listeners: Map<string, SdkListener[]>;
  rules: Map<string, SdkRule[]>;
  health: Map<string, TargetHealthDescription[]>;
  /** By listener ARN; a listener left out reports none. */
  listenerAttributes?: Map<string, Record<string, string>>;
}

const sdkLb = (name: string, extra: Partial<SdkLoadBalancer> = {}): SdkLoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: lbArn(name),
  Type: 'application',
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  DNSName: `${name}-1.us-east-1.elb.amazonaws.com`,
  VpcId: 'vpc-0123456789abcdef0',
  IpAddressType: 'ipv4',
  SecurityGroups: ['sg-0123456789abcdef0'],
  AvailabilityZones: [
    { ZoneName: 'us-east-1a', SubnetId: 'subnet-0123456789abcdef0' },
    { ZoneName: 'us-east-1b', SubnetId: 'subnet-0123456789abcdef1' },
  ],
  ...extra,
});

const sdkTg = (name: string, extra: Partial<SdkTargetGroup> = {}): SdkTargetGroup => ({
  TargetGroupName: name,
  TargetGroupArn: tgArn(name),
  Protocol: 'HTTP',
  Port: 80,
  VpcId: 'vpc-0123456789abcdef0',
  TargetType: 'instance',
  HealthCheckEnabled: true,
  HealthCheckProtocol: 'HTTP',
  HealthCheckPort: 'traffic-port',
  HealthCheckPath: '/',
  HealthCheckIntervalSeconds: 30,
  HealthCheckTimeoutSeconds: 5,
  HealthyThresholdCount: 5,
  UnhealthyThresholdCount: 2,
  Matcher: { HttpCode: '200' },
  LoadBalancerArns: [],
  ...extra,
});

const fwd = (name: string): SdkAction => ({ Type: 'forward', Order: 1, TargetGroupArn: tgArn(name) });
const pathRule = (lb: string, port: number, priority: number, path: string, tg: string): SdkRule => ({
  RuleArn: ruleArn(lb, port, `r${priority}`),
  Priority: String(priority),
  IsDefault: false,
  Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [path] } }],
  Actions: [fwd(tg)],
});
const healthy = (id: string, port: number): TargetHealthDescription => ({
  Target: { Id: id, Port: port },
  TargetHealth: { State: 'healthy' },
});

/** An ALB `web`: HTTP→HTTPS redirect, HTTPS with two path rules, three target groups; plus unrelated `other` and `stray`. */
function shopAccount(): Account {
  const web = sdkLb('web');
  const a: Account = {
    loadBalancers: [web, sdkLb('other')],
    targetGroups: [
      sdkTg('web-app', { Port: 8080, HealthCheckPath: '/healthz', LoadBalancerArns: [lbArn('web')] }),
      sdkTg('api', { Port: 9000, TargetType: 'ip', LoadBalancerArns: [lbArn('web')] }),
      sdkTg('assets', { LoadBalancerArns: [lbArn('web')] }),
      sdkTg('stray'),
    ],
    tags: new Map(),
    lbAttributes: new Map([
      [
        lbArn('web'),
        {
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
          'idle_timeout.timeout_seconds': '120',
          'routing.http2.enabled': 'true',
        },
      ],
    ]),
    tgAttributes: new Map([
      [tgArn('web-app'), { 'deregistration_delay.timeout_seconds': '60', 'stickiness.enabled': 'false' }],
    ]),
    listeners: new Map([
      [
        lbArn('web'),
        [
          {
            ListenerArn: listenerArn('web', 80),
            LoadBalancerArn: lbArn('web'),
            Protocol: 'HTTP',
            Port: 80,
            DefaultActions: [
              {
                Type: 'redirect',
                Order: 1,
                RedirectConfig: {
                  Protocol: 'HTTPS',
                  Port: '443',
                  Host: '#{host}',
                  Path: '/#{path}',
                  Query: '#{query}',
                  StatusCode: 'HTTP_301',
                },
              },
            ],
          },
          {
            ListenerArn: listenerArn('web', 443),
            LoadBalancerArn: lbArn('web'),
            Protocol: 'HTTPS',
            Port: 443,
            SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
            Certificates: [{ CertificateArn: CERT }],
            DefaultActions: [fwd('web-app')],
          },
        ],
      ],
    ]),
    rules: new Map([
      [
        listenerArn('web', 443),
        [pathRule('web', 443, 10, '/api/*', 'api'), pathRule('web', 443, 20, '/static/*', 'assets')],
      ],
    ]),
    health: new Map([
      [tgArn('web-app'), [healthy('i-0123456789abcdef0', 8080), healthy('i-0123456789abcdef1', 8080)]],
      [tgArn('api'), [healthy('10.0.1.10', 9000)]],
    ]),
    listenerAttributes: new Map([
      [
        listenerArn('web', 443),
        {
          'routing.http.response.server.enabled': 'false',
          'routing.http.response.strict_transport_security.header_value': 'max-age=31536000',
          'tcp.idle_timeout.seconds': '350',
        },
      ],
    ]),
  };
  return a;
}

const notFound = (what: string) =>
  Object.assign(new Error(`One or more ${what} not found`), { name: `${what}NotFound` });

function serve(a: Account): void {
  elbv2.on(DescribeLoadBalancersCommand).callsFake(async (input: { Names?: string[]; LoadBalancerArns?: string[] }) => {
    const refs = input.Names ?? input.LoadBalancerArns;
    if (!refs) return { LoadBalancers: a.loadBalancers };
    const found = a.loadBalancers.filter(
      (lb) => refs.includes(lb.LoadBalancerName as string) || refs.includes(lb.LoadBalancerArn as string),
    );
    if (found.length < refs.length) throw notFound('LoadBalancer');
    return { LoadBalancers: found };
  });
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { Names?: string[] }) => {
    if (!input.Names) return { TargetGroups: a.targetGroups };
    const found = a.targetGroups.filter((tg) => input.Names?.includes(tg.TargetGroupName as string));
    if (found.length < input.Names.length) throw notFound('TargetGroup');
    return { TargetGroups: found };
  });
  elbv2.on(DescribeTagsCommand).callsFake(async (input: { ResourceArns: string[] }) => ({
    TagDescriptions: input.ResourceArns.map((arn) => ({ ResourceArn: arn, Tags: a.tags.get(arn) ?? [] })),
  }));
  const attrs = (m: Record<string, string> | undefined) => ({
    Attributes: Object.entries(m ?? {}).map(([Key, Value]) => ({ Key, Value })),
  });
  elbv2
    .on(DescribeLoadBalancerAttributesCommand)
    .callsFake(async (input: { LoadBalancerArn: string }) => attrs(a.lbAttributes.get(input.LoadBalancerArn)));
  elbv2
    .on(DescribeTargetGroupAttributesCommand)
    .callsFake(async (input: { TargetGroupArn: string }) => attrs(a.tgAttributes.get(input.TargetGroupArn)));
  elbv2
    .on(DescribeListenerAttributesCommand)
    .callsFake(async (input: { ListenerArn: string }) => attrs(a.listenerAttributes?.get(input.ListenerArn)));
  elbv2.on(DescribeListenersCommand).callsFake(async (input: { LoadBalancerArn: string }) => ({
    Listeners: a.listeners.get(input.LoadBalancerArn) ?? [],
  }));
  elbv2.on(DescribeRulesCommand).callsFake(async (input: { ListenerArn: string }) => {
    const listener = [...a.listeners.values()].flat().find((l) => l.ListenerArn === input.ListenerArn);
    const defaultRule: SdkRule = {
      RuleArn: `${input.ListenerArn}/default`,
      Priority: 'default',
      IsDefault: true,
      Conditions: [],
      Actions: listener?.DefaultActions ?? [],
    };
    return { Rules: [...(a.rules.get(input.ListenerArn) ?? []), defaultRule] };
  });
  elbv2.on(DescribeListenerCertificatesCommand).callsFake(async (input: { ListenerArn: string }) => {
    const listener = [...a.listeners.values()].flat().find((l) => l.ListenerArn === input.ListenerArn);
    return { Certificates: (listener?.Certificates ?? []).map((c) => ({ ...c, IsDefault: true })) };
  });
  elbv2.on(DescribeTargetHealthCommand).callsFake(async (input: { TargetGroupArn: string }) => ({
    TargetHealthDescriptions: a.health.get(input.TargetGroupArn) ?? [],
  }));
}

/** The live state as `elbctl plan` reads it (observe through the real gateway, against the fake account). */
async function live(stack: string, loadBalancers: string[], targetGroups: string[]) {
  const { observe } = await import('../../src/aws/observe');
  const { Elbv2Gateway } = await import('../../src/aws/elbv2/gateway');
  return observe(new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })), {
    stack,
    loadBalancers,
    targetGroups,
    // As `plan` reads them for a file whose listeners declare attributes.
    listenerAttributes: loadBalancers,
  });
}

const commandNames = () => elbv2.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);

let dir: string;
beforeEach(() => {
  elbv2.reset();
  dir = mkdtempSync(join(tmpdir(), 'elbctl-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SHOP_YAML = `# Exported by \`elbctl export web -o table\` on 2024-05-01T12:00:00.000Z.
# \`elbctl plan -f FILE\` shows only adoptions: \`elbctl apply\` tags these resources as
# stack "web" and changes nothing else. Settings equal to the defaults are left out.

version: 1
stack: web
region: us-east-1

loadBalancers:
  - name: web
    type: application
    subnets: [ subnet-0123456789abcdef0, subnet-0123456789abcdef1 ]
    securityGroups: [ sg-0123456789abcdef0 ]
    attributes:
      idle_timeout.timeout_seconds: 120
    listeners:
      - port: 80
        protocol: HTTP
        defaultAction: { redirect: { protocol: HTTPS, port: 443 } }
      - port: 443
        protocol: HTTPS
        certificates: [ ${CERT} ]
        defaultAction: { forward: web-app }
        attributes:
          routing.http.response.server.enabled: false
          routing.http.response.strict_transport_security.header_value: max-age=31536000
        rules:
          - name: path-api
            priority: 10
            conditions: { path: [ /api/* ] }
            action: { forward: api }
          - name: path-static
            priority: 20
            conditions: { path: [ /static/* ] }
            action: { forward: assets }

targetGroups:
  - name: web-app
    protocol: HTTP
    port: 8080
    vpc: vpc-0123456789abcdef0
    healthCheck: { path: /healthz }
    deregistrationDelay: 60
    targets:
      - { id: i-0123456789abcdef0 }
      - { id: i-0123456789abcdef1 }

  - name: api
    protocol: HTTP
    port: 9000
    vpc: vpc-0123456789abcdef0
    targetType: ip
    targets:
      - { id: 10.0.1.10 }

  - name: assets
    protocol: HTTP
    port: 80
    vpc: vpc-0123456789abcdef0
`;

describe('export', () => {
  it('GIVEN an ALB with listeners, rules and three target groups WHEN exported as a table THEN prints the stack file, named after the load balancer', async () => {
    serve(shopAccount());

    const r = await elbctl(['export', 'web', '-o', 'table']);

    expect(r.stderr).toBe(
      '… reading load balancer web\n✓ read 1 load balancer(s) and the 3 target group(s) they forward to\n',
    );
    expect(r.code).toBe(0);
    // The header names the command as given; `-o table` is a global flag, not part of `export`.
    expect(r.stdout).toBe(SHOP_YAML.replace('elbctl export web -o table', 'elbctl export web'));
  });

  it('GIVEN an ALB WHEN exported THEN reads it by name, its tags, then observes it and the target groups it forwards to, by name', async () => {
    serve(shopAccount());

    const r = await elbctl(['export', 'web']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(1, DescribeLoadBalancersCommand, { Names: ['web'] });
    // The first two calls, in this order: the load balancer by name, then its tags (for its stack name).
    expect(commandNames().slice(0, 2)).toEqual(['DescribeLoadBalancersCommand', 'DescribeTagsCommand']);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(1, DescribeTagsCommand, { ResourceArns: [lbArn('web')] });
    expect(commandNames().sort()).toEqual(
      [
        'DescribeLoadBalancersCommand', // web, by name
        'DescribeTagsCommand', // its stack tag
        // observe(web)
        'DescribeLoadBalancersCommand',
        'DescribeTargetGroupsCommand',
        'DescribeTagsCommand',
        'DescribeLoadBalancerAttributesCommand',
        'DescribeListenersCommand',
        'DescribeTagsCommand', // listeners
        'DescribeRulesCommand', // 80
        'DescribeRulesCommand', // 443
        'DescribeListenerCertificatesCommand', // 443
        'DescribeListenerAttributesCommand', // 80
        'DescribeListenerAttributesCommand', // 443
        'DescribeTagsCommand', // rules
        // observe(web-app, api, assets)
        'DescribeLoadBalancersCommand',
        'DescribeTargetGroupsCommand',
        'DescribeTagsCommand',
        ...Array(3).fill('DescribeTargetGroupAttributesCommand'),
        ...Array(3).fill('DescribeTargetHealthCommand'),
      ].sort(),
    );
    // Only the three forwarded-to target groups are read in detail; `stray` and `other` are not.
    expect(elbv2.commandCalls(DescribeTargetHealthCommand).map((c) => c.args[0].input.TargetGroupArn)).toEqual([
      tgArn('web-app'),
      tgArn('api'),
      tgArn('assets'),
    ]);
    expect(
      elbv2.commandCalls(DescribeLoadBalancerAttributesCommand).map((c) => c.args[0].input.LoadBalancerArn),
    ).toEqual([lbArn('web')]);
  });

  it('GIVEN -o json WHEN exported THEN stdout is the document as JSON', async () => {
    serve(shopAccount());

    const r = await elbctl(['export', 'web', '--stack', 'shop', '-o', 'json']);

    expect(r.code).toBe(0);
    const doc = r.json<{
      version: number;
      stack: string;
      region: string;
      loadBalancers: Array<{ name: string }>;
      targetGroups: Array<{ name: string }>;
    }>();
    expect(doc.version).toBe(1);
    expect(doc.stack).toBe('shop');
    expect(doc.region).toBe('us-east-1');
    expect(doc.loadBalancers.map((l) => l.name)).toEqual(['web']);
    expect(doc.targetGroups.map((t) => t.name)).toEqual(['web-app', 'api', 'assets']);
  });

  it('GIVEN -f in a temp directory WHEN exported THEN writes the file, prints its counts, and the file plans to adoptions only', async () => {
    serve(shopAccount());
    const file = join(dir, 'shop.yaml');

    const r = await elbctl(['export', 'web', '--stack', 'shop', '-f', file, '-o', 'json']);

    expect(r.code).toBe(0);
    // aws-sdk-client-mock answers in place of `send`: no request reaches the pacing middleware,
    // so the summary counts none (test/integration/pacing.test.ts counts real ones).
    expect(r.json()).toEqual({
      file,
      loadBalancers: 1,
      targetGroups: 3,
      rules: 2,
      pacing: { calls: 0, throttles: 0, waitedMs: 0 },
    });
    expect(r.stderr).toContain(`next: \`elbctl plan -f ${file}\` shows what adopting them means\n`);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(
      SHOP_YAML.replace('elbctl export web -o table', `elbctl export web --stack shop -f ${file}`)
        .replace('elbctl plan -f FILE', `elbctl plan -f ${file}`)
        .replace('stack: web', 'stack: shop')
        .replace('stack "web"', 'stack "shop"'),
    );
    const loaded = loadStack(text, file);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    const changes = plan(loaded.stack, await live('shop', ['web'], ['web-app', 'api', 'assets'])).changes;
    expect(changes.map((c) => `${c.action} ${c.id} ${Object.keys(c.after ?? {}).join(',')}`)).toEqual([
      'adopt target-group:web-app tags',
      'adopt target-group:api tags',
      'adopt target-group:assets tags',
      'adopt load-balancer:web tags',
      'adopt listener:web:80 tags',
      'adopt listener:web:443 tags',
      'adopt rule:web:443:path-api tags',
      'adopt rule:web:443:path-static tags',
    ]);
  });

  it('GIVEN -f on a table output WHEN exported THEN stdout says which file was written', async () => {
    serve(shopAccount());
    const file = join(dir, 'out.yaml');
    const r = await elbctl(['export', 'web', '-f', file, '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${file}\n`);
    expect(existsSync(file)).toBe(true);
  });

  it('GIVEN the file exists and no terminal WHEN exported without -y THEN exits 64 before any AWS call and leaves the file alone', async () => {
    const file = join(dir, 'keep.yaml');
    writeFileSync(file, 'mine\n');

    const r = await elbctl(['export', 'web', '-f', file]);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      `error: export to "${file}": confirmation needed but no terminal to ask on; pass -y to approve`,
    );
    expect(elbv2.calls()).toHaveLength(0);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });

  it('GIVEN the file exists WHEN exported with -y THEN overwrites it', async () => {
    serve(shopAccount());
    const file = join(dir, 'old.yaml');
    writeFileSync(file, 'old\n');
    const r = await elbctl(['export', 'web', '-f', file, '-y']);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# Exported by `elbctl export web -f /);
  });

  it('GIVEN the file exists on a terminal WHEN the user declines THEN exits 130 and reads nothing', async () => {
    const file = join(dir, 'keep.yaml');
    writeFileSync(file, 'mine\n');
    const prompter = new ScriptedPrompter([
      { match: `${file} exists; overwrite it with the exported stack?`, answer: false },
    ]);

    const r = await elbctl(['export', 'web', '-f', file], { tty: true, prompter });

    expect(r.code).toBe(130);
    expect(prompter.remaining).toBe(0);
    expect(elbv2.calls()).toHaveLength(0);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });

  it('GIVEN an invalid --stack WHEN exported THEN exits 64 naming it, with zero AWS calls', async () => {
    const r = await elbctl(['export', 'web', '--stack', 'shop_prod']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: stack name "shop_prod": underscores are not allowed; use letters, digits and hyphens (--stack)\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN an impossible load balancer name and a too-long stack name WHEN exported THEN reports both, exit 64, zero AWS calls', async () => {
    const r = await elbctl(['export', 'internal-web', '--stack', 'a'.repeat(33)]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: load balancer name "internal-web": must not begin with "internal-" (AWS reserves it); choose another prefix\n' +
        `error: stack name "${'a'.repeat(33)}": is 33 characters, the limit is 32; use a shorter name (--stack)\n`,
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN -f into a directory that does not exist WHEN exported THEN exits 64 before any AWS call', async () => {
    const file = join(dir, 'missing', 'shop.yaml');
    const r = await elbctl(['export', 'web', '-f', file]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      `error: file "${file}": its directory ${join(dir, 'missing')} does not exist; create it or write elsewhere\n`,
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a load balancer another stack owns WHEN exported with --stack THEN warns that the plan would refuse it and names the stack to use', async () => {
    const a = shopAccount();
    a.tags.set(lbArn('web'), [{ Key: 'elbctl:stack', Value: 'payments' }]);
    serve(a);
    const r = await elbctl(['export', 'web', '--stack', 'shop', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: load balancer "web" belongs to stack "payments"; a plan of this file as stack "shop" refuses it: export with --stack payments\n',
    );
    // Without --stack, the tag names the stack.
    expect((await elbctl(['export', 'web', '-o', 'json'])).json<{ stack: string }>().stack).toBe('payments');
  });

  it('GIVEN a load balancer that does not exist WHEN exported THEN exits 1 naming it and writes nothing', async () => {
    serve(shopAccount());
    const file = join(dir, 'none.yaml');

    const r = await elbctl(['export', 'web', 'nosuch', '-f', file]);

    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: load balancer "nosuch": not found\n');
    expect(r.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeListenersCommand, 0);
  });

  it('GIVEN 21 load balancers WHEN exported THEN describes them by name in batches of 20 and 1', async () => {
    const a = shopAccount();
    const names = Array.from({ length: 21 }, (_, i) => `lb-${String(i).padStart(2, '0')}`);
    a.loadBalancers = names.map((n) => sdkLb(n));
    a.listeners = new Map();
    serve(a);

    const r = await elbctl(['export', ...names, '--stack', 'many', '-o', 'json']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(1, DescribeLoadBalancersCommand, { Names: names.slice(0, 20) });
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeLoadBalancersCommand, { Names: names.slice(20) });
    expect(r.json<{ loadBalancers: Array<{ name: string }> }>().loadBalancers.map((l) => l.name)).toEqual(names);
    // --stack given: no tag read before observing; the target groups need no second observe.
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
  });

  it('GIVEN a load balancer named once by name and once by ARN WHEN exported THEN it appears once', async () => {
    serve(shopAccount());
    const r = await elbctl(['export', 'web', lbArn('web'), '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json<{ loadBalancers: unknown[] }>().loadBalancers).toHaveLength(1);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeLoadBalancersCommand, {
      LoadBalancerArns: [lbArn('web')],
    });
  });

  it('GIVEN a gateway load balancer whose listener AWS describes without port or protocol WHEN exported THEN writes it as type gateway with a GENEVE listener and its GENEVE target group, no warning', async () => {
    const a = shopAccount();
    const gw = lbArn('gw', 'gwy');
    a.loadBalancers = [sdkLb('gw', { Type: 'gateway', LoadBalancerArn: gw, Scheme: undefined, SecurityGroups: [] })];
    a.targetGroups = [
      sdkTg('appliances', {
        Protocol: 'GENEVE',
        Port: 6081,
        HealthCheckProtocol: 'TCP',
        HealthCheckPort: '80',
        HealthCheckPath: undefined,
        HealthCheckIntervalSeconds: 10,
        HealthCheckTimeoutSeconds: 5,
        Matcher: { HttpCode: '200-399' },
        LoadBalancerArns: [gw],
      }),
    ];
    a.lbAttributes = new Map([[gw, { 'deletion_protection.enabled': 'false' }]]);
    a.listeners = new Map([
      [
        gw,
        [
          {
            ListenerArn: `${PREFIX}:listener/gwy/gw/50dc6c495c0c9188/1`,
            LoadBalancerArn: gw,
            DefaultActions: [fwd('appliances')],
          },
        ],
      ],
    ]);
    a.rules = new Map();
    a.health = new Map([[tgArn('appliances'), [healthy('i-0123456789abcdef0', 6081)]]]);
    serve(a);
    const r = await elbctl(['export', 'gw', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('warning');
    const doc = r.json<{ loadBalancers: unknown[]; targetGroups: unknown[] }>();
    expect(doc.loadBalancers).toEqual([
      {
        name: 'gw',
        type: 'gateway',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        listeners: [{ protocol: 'GENEVE', defaultAction: { forward: 'appliances' } }],
      },
    ]);
    expect(doc.targetGroups).toEqual([
      {
        name: 'appliances',
        protocol: 'GENEVE',
        port: 6081,
        vpc: 'vpc-0123456789abcdef0',
        targets: [{ id: 'i-0123456789abcdef0' }],
      },
    ]);
  });

  it('GIVEN a stack elbctl manages WHEN re-exported without --stack THEN keeps the stack name and file names from the tags, and plans nothing', async () => {
    const a = shopAccount();
    const owned = [{ Key: 'elbctl:stack', Value: 'shop' }];
    a.tags.set(lbArn('web'), owned);
    for (const l of a.listeners.get(lbArn('web')) ?? []) a.tags.set(l.ListenerArn as string, owned);
    a.tags.set(ruleArn('web', 443, 'r10'), [...owned, { Key: 'elbctl:rule', Value: 'api' }]);
    a.tags.set(ruleArn('web', 443, 'r20'), [...owned, { Key: 'elbctl:rule', Value: 'static' }]);
    // `web-app` is the replacement of the file's `web` (its name in the file lives in elbctl:name).
    a.tags.set(tgArn('web-app'), [...owned, { Key: 'elbctl:name', Value: 'web' }]);
    a.tags.set(tgArn('api'), [...owned, { Key: 'elbctl:name', Value: 'api' }]);
    a.tags.set(tgArn('assets'), [...owned, { Key: 'elbctl:name', Value: 'assets' }]);
    serve(a);

    const r = await elbctl(['export', 'web', '-o', 'json']);

    expect(r.code).toBe(0);
    const doc = r.json<{
      stack: string;
      targetGroups: Array<{ name: string }>;
      loadBalancers: Array<{ listeners: Array<{ defaultAction: unknown; rules?: Array<{ name: string }> }> }>;
    }>();
    expect(doc.stack).toBe('shop');
    expect(doc.targetGroups.map((t) => t.name)).toEqual(['web', 'api', 'assets']);
    expect(doc.loadBalancers[0]?.listeners[1]?.defaultAction).toEqual({ forward: 'web' });
    expect(doc.loadBalancers[0]?.listeners[1]?.rules?.map((x) => x.name)).toEqual(['api', 'static']);
    // The target groups are owned, so the first observe already read them: no second one.
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);

    // The same file, planned against the same live state the way `plan` reads it: nothing to do.
    const text = (await elbctl(['export', 'web', '-o', 'table'])).stdout;
    const loaded = loadStack(text, 'exported.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    expect(plan(loaded.stack, await live('shop', ['web'], ['web', 'api', 'assets'])).changes).toEqual([]);
  });

  it('GIVEN the stack owns another load balancer and a target group nothing forwards to WHEN one is exported THEN warns that a plan would delete them', async () => {
    const a = shopAccount();
    const owned = [{ Key: 'elbctl:stack', Value: 'shop' }];
    a.tags.set(lbArn('other'), owned);
    a.tags.set(tgArn('stray'), owned);
    serve(a);

    const r = await elbctl(['export', 'web', '--stack', 'shop', '-o', 'json']);

    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: load balancer "other" belongs to stack "shop" but is not exported; a plan of this file would delete it: name it too\n',
    );
    expect(r.stderr).toContain(
      'warning: target group "stray" belongs to stack "shop" but no exported listener forwards to it; a plan of this file would delete it\n',
    );
  });

  it('GIVEN a listener whose default action authenticates first WHEN exported THEN writes it with authenticate:, its rules and target groups, and says where the secret must come from', async () => {
    const a = shopAccount();
    const https = a.listeners.get(lbArn('web'))?.[1] as SdkListener;
    https.DefaultActions = [
      {
        Type: 'authenticate-oidc',
        Order: 1,
        AuthenticateOidcConfig: {
          Issuer: 'https://idp',
          AuthorizationEndpoint: 'https://idp/a',
          TokenEndpoint: 'https://idp/t',
          UserInfoEndpoint: 'https://idp/u',
          ClientId: 'c',
          ClientSecret: 'returned-by-an-emulator-never-by-aws',
        },
      },
      { ...fwd('web-app'), Order: 2 },
    ];
    serve(a);

    const r = await elbctl(['export', 'web', '-o', 'table']);

    expect(r.code).toBe(0);
    const why =
      "listener web:443: authenticate-oidc's client secret is never returned by AWS; the file names OIDC_CLIENT_SECRET_WEB_443 (clientSecretEnv) for it: set it to create this action elsewhere (an apply here keeps the secret AWS holds)";
    expect(r.stderr).toContain(`warning: ${why}\n`);
    expect(r.stdout).toContain(`#   - ${why}\n`);
    expect(r.stdout).toContain(
      [
        '        authenticate:',
        '          - oidc:',
        '              issuer: https://idp',
        '              authorizationEndpoint: https://idp/a',
        '              tokenEndpoint: https://idp/t',
        '              userInfoEndpoint: https://idp/u',
        '              clientId: c',
        '              clientSecretEnv: OIDC_CLIENT_SECRET_WEB_443',
        '        defaultAction:',
      ].join('\n'),
    );
    expect(r.stdout).toContain('path-api');
    expect(r.stdout).toContain('targetGroups:');
    expect(r.stdout + r.stderr).not.toContain('returned-by-an-emulator');
  });
});
