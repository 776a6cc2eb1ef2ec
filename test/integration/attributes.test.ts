/**
 * Attributes against moto (5.2.1 serves DescribeListenerAttributes/ModifyListenerAttributes, reports
 * tcp.idle_timeout.seconds=350 on every listener, omits drop_invalid_header_fields until it is set,
 * and reports waf.fail_open.enabled on target groups, a key AWS does not document for them):
 * - a stack's listener, load balancer and target group attributes (raw keys too) are applied and
 *   read back, and a re-plan is empty;
 * - an account built with the SDK is exported (what elbctl does not know under raw, with a
 *   warning naming it), the export plans to adoptions only, and once applied plans nothing.
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenerAttributesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerAttributesCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS, TEST_REGION } from '../support/network';
import { seedStackNetwork, type StackNetwork } from '../support/stack-fixtures';

jest.setTimeout(180_000);

let moto: Moto;
let net: StackNetwork;
let sdk: ElasticLoadBalancingV2Client;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-attributes-'));

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  sdk?.destroy();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  net = await seedStackNetwork(moto.endpoint, TEST_REGION, 1);
  sdk?.destroy();
  sdk = new ElasticLoadBalancingV2Client({
    region: TEST_REGION,
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
});

async function elbctl(args: string[], expectCode = 0): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, '-o', 'json', ...args]);
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stdout}\n${r.stderr}`);
  return r;
}

interface PlanJson {
  changes: Array<{ id: string; action: string; type: string; after?: Record<string, unknown> | null }>;
}

const asMap = (attrs: Array<{ Key?: string; Value?: string }> | undefined) =>
  Object.fromEntries((attrs ?? []).map((a) => [a.Key, a.Value]));

async function listenerAttributes(lbName: string) {
  const lb = (await sdk.send(new DescribeLoadBalancersCommand({ Names: [lbName] }))).LoadBalancers?.[0];
  const l = (await sdk.send(new DescribeListenersCommand({ LoadBalancerArn: lb?.LoadBalancerArn }))).Listeners?.[0];
  return asMap((await sdk.send(new DescribeListenerAttributesCommand({ ListenerArn: l?.ListenerArn }))).Attributes);
}

describe('attributes against moto', () => {
  it('GIVEN a stack with listener, load balancer and target group attributes (raw keys too) WHEN applied THEN AWS holds them and a re-plan is empty', async () => {
    const file = join(dir, 'attrs.yaml');
    writeFileSync(
      file,
      `version: 1
stack: attrs
loadBalancers:
  - name: web
    type: application
    subnets: [${net.subnets[0]}, ${net.subnets[1]}]
    securityGroups: [${net.securityGroupId}]
    attributes: { idle_timeout.timeout_seconds: 120 }
    listeners:
      - port: 80
        protocol: HTTP
        defaultAction: { forward: app }
        attributes:
          routing.http.response.server.enabled: false
          routing.http.response.strict_transport_security.header_value: max-age=31536000
          raw: { routing.http.response.future.header_value: "x-1" }
  - name: edge
    type: network
    scheme: internal
    subnets: [${net.subnets[0]}]
    listeners:
      - port: 5432
        protocol: TCP
        defaultAction: { forward: db }
        attributes: { tcp.idle_timeout.seconds: 900 }
targetGroups:
  - name: app
    protocol: HTTP
    port: 8080
    vpc: ${net.vpcId}
    attributes: { slow_start.duration_seconds: 60, raw: { target.future.key: "on" } }
  - name: db
    protocol: TCP
    port: 5432
    vpc: ${net.vpcId}
`,
    );
    const first = (await elbctl(['plan', '-f', file])).json<PlanJson>();
    expect(first.changes.filter((c) => c.id.startsWith('attributes:listener:')).map((c) => [c.id, c.after])).toEqual([
      [
        'attributes:listener:web:80',
        {
          'routing.http.response.server.enabled': 'false',
          'routing.http.response.strict_transport_security.header_value': 'max-age=31536000',
          'routing.http.response.future.header_value': 'x-1',
        },
      ],
      ['attributes:listener:edge:5432', { 'tcp.idle_timeout.seconds': '900' }],
    ]);
    await elbctl(['apply', '-f', file, '-y']);

    expect(await listenerAttributes('web')).toMatchObject({
      'routing.http.response.server.enabled': 'false',
      'routing.http.response.strict_transport_security.header_value': 'max-age=31536000',
      'routing.http.response.future.header_value': 'x-1',
    });
    expect(await listenerAttributes('edge')).toEqual({ 'tcp.idle_timeout.seconds': '900' });
    const app = (await sdk.send(new DescribeTargetGroupsCommand({ Names: ['app'] }))).TargetGroups?.[0];
    expect(
      asMap(
        (await sdk.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: app?.TargetGroupArn }))).Attributes,
      ),
    ).toMatchObject({ 'slow_start.duration_seconds': '60', 'target.future.key': 'on' });

    expect((await elbctl(['plan', '-f', file, '--detailed-exitcode'])).json<PlanJson>().changes).toEqual([]);
  });

  it('GIVEN an account built with the SDK (listener attributes, invalid headers left at the endpoint-omitted default) WHEN exported THEN unknown keys go under raw with a warning, the plan adopts only, and after apply plans nothing', async () => {
    const tg = (
      await sdk.send(new CreateTargetGroupCommand({ Name: 'app', Protocol: 'HTTP', Port: 8080, VpcId: net.vpcId }))
    ).TargetGroups?.[0]?.TargetGroupArn as string;
    await sdk.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tg,
        Attributes: [{ Key: 'target.future.key', Value: 'on' }],
      }),
    );
    const lb = (
      await sdk.send(
        new CreateLoadBalancerCommand({
          Name: 'web',
          Type: 'application',
          Subnets: net.subnets.slice(0, 2),
          SecurityGroups: [net.securityGroupId],
        }),
      )
    ).LoadBalancers?.[0]?.LoadBalancerArn as string;
    await sdk.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: lb,
        Attributes: [{ Key: 'routing.http.desync_mitigation_mode', Value: 'strictest' }],
      }),
    );
    const listener = (
      await sdk.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
        }),
      )
    ).Listeners?.[0]?.ListenerArn as string;
    await sdk.send(
      new ModifyListenerAttributesCommand({
        ListenerArn: listener,
        Attributes: [
          { Key: 'routing.http.response.x_content_type_options.header_value', Value: 'nosniff' },
          { Key: 'routing.http.response.future.header_value', Value: 'x-1' },
        ],
      }),
    );
    const before = asMap(
      (await sdk.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb }))).Attributes,
    );
    expect(before['routing.http.drop_invalid_header_fields.enabled']).toBeUndefined();

    const exported = join(dir, 'exported.yaml');
    const e = await elbctl(['export', 'web', '--stack', 'shop', '-f', exported]);
    const text = readFileSync(exported, 'utf8');
    expect(text).toContain(
      [
        '        attributes:',
        '          routing.http.response.x_content_type_options.header_value: nosniff',
        '          raw:',
        '            routing.http.response.future.header_value: x-1',
      ].join('\n'),
    );
    expect(text).toContain('    deletionProtection: false\n    dropInvalidHeaderFields: false\n');
    expect(text).toContain('routing.http.desync_mitigation_mode: strictest');
    expect(e.stderr).toContain(
      'listener web:80: attribute "routing.http.response.future.header_value=x-1" kept verbatim under attributes.raw: elbctl does not know this key',
    );
    expect(e.stderr).toContain(
      'target group "app": attribute "target.future.key=on" kept verbatim under attributes.raw',
    );
    // moto's own target group key, reported with AWS's documented keys: kept, never dropped silently.
    expect(e.stderr).toContain('target group "app": attribute "waf.fail_open.enabled=false" kept verbatim');

    const p = (await elbctl(['plan', '-f', exported])).json<PlanJson>();
    expect(p.changes.map((c) => `${c.action} ${c.type}`).sort()).toEqual([
      'adopt listener',
      'adopt load-balancer',
      'adopt target-group',
    ]);
    await elbctl(['apply', '-f', exported, '-y']);
    expect((await elbctl(['plan', '-f', exported, '--detailed-exitcode'])).json<PlanJson>().changes).toEqual([]);
    // Nothing the source account held was changed by applying its export.
    expect(
      asMap((await sdk.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb }))).Attributes),
    ).toEqual(before);
    expect(await listenerAttributes('web')).toMatchObject({
      'routing.http.response.x_content_type_options.header_value': 'nosniff',
      'routing.http.response.future.header_value': 'x-1',
    });
  });
});
