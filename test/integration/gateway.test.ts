/**
 * Gateway load balancers against moto: a GWLB, a GENEVE target group on 6081 of appliance
 * instances and its listener, built with the AWS SDK directly (as a user's account would hold
 * them). `doctor` answers with checks (never an empty exit 0), `metrics` reads AWS/GatewayELB
 * (seeded with PutMetricData), `export` writes it (type gateway, a GENEVE listener without a port)
 * and plans back to adoptions only; a gateway stack file applies; `lb create --type gateway` and
 * `listener create --protocol GENEVE` build one from the command line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, TEST_CREDENTIALS, TEST_REGION, type Network } from '../support/network';

jest.setTimeout(120_000);

let moto: Moto;
let net: Network;
let elbv2: ElasticLoadBalancingV2Client;
let cloudwatch: CloudWatchClient;

beforeAll(async () => {
  moto = await startMoto();
  elbv2 = new ElasticLoadBalancingV2Client({
    region: TEST_REGION,
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  cloudwatch = new CloudWatchClient({ region: TEST_REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
});
afterAll(async () => {
  elbv2?.destroy();
  cloudwatch?.destroy();
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

/** A GWLB in both subnets; with `appliances`, a GENEVE target group of both instances behind its listener. */
async function gateway(appliances: boolean): Promise<{ lbArn: string; tgArn?: string }> {
  const lb = await elbv2.send(
    new CreateLoadBalancerCommand({ Name: 'inspect', Type: 'gateway', Subnets: [...net.subnets] }),
  );
  const lbArn = lb.LoadBalancers?.[0]?.LoadBalancerArn as string;
  if (!appliances) return { lbArn };
  const tg = await elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'appliances',
      Protocol: 'GENEVE',
      Port: 6081,
      VpcId: net.vpcId,
      TargetType: 'instance',
      HealthCheckProtocol: 'TCP',
      HealthCheckPort: '80',
    }),
  );
  const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn as string;
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: net.instances.map((Id) => ({ Id })) }));
  await elbv2.send(
    new CreateListenerCommand({ LoadBalancerArn: lbArn, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }),
  );
  return { lbArn, tgArn };
}

interface DoctorDoc {
  target: string;
  checks: Array<{ name: string; status: string; detail: string; fix: string | null }>;
}

describe('gateway load balancers', () => {
  it('GIVEN a gateway load balancer with a GENEVE listener and appliances WHEN diagnosed THEN its own checks say how it is wired, then its target group is checked', async () => {
    await gateway(true);

    const doc = (await elbctl(['doctor', 'inspect'])).json<DoctorDoc>();

    const byName = new Map(doc.checks.map((c) => [c.name, c]));
    expect(doc.checks.length).toBeGreaterThan(2);
    expect(byName.get('inspect/listeners')).toEqual({
      name: 'inspect/listeners',
      status: 'pass',
      detail: '1 listener: GENEVE',
      fix: null,
    });
    expect(byName.get('inspect/geneve')).toEqual({
      name: 'inspect/geneve',
      status: 'pass',
      detail:
        'forwards GENEVE on 6081 to appliances; traffic reaches it only through Gateway Load Balancer endpoints and route tables, which doctor does not read',
      fix: null,
    });
    expect(byName.get('appliances/in-use')?.status).toBe('pass');
    expect(byName.get('appliances/health-check')?.status).toBe('pass');
  });

  it('GIVEN a gateway load balancer with nothing behind it WHEN diagnosed THEN a check warns, with the commands that wire it', async () => {
    await gateway(false);

    const r = await elbctl(['doctor', 'inspect'], 0, 'table');

    expect(r.stdout).toContain('! inspect/listeners  no listener: no traffic reaches this load balancer');
    expect(r.stdout).toContain(
      `fix: elbctl tg create inspect-appliances --protocol GENEVE --port 6081 --vpc ${net.vpcId} --health-protocol TCP --health-port 80, then: elbctl listener create inspect --protocol GENEVE --forward inspect-appliances`,
    );
    expect(r.stdout).toContain('0 failed, 1 warning, 0 passed');
  });

  it('GIVEN flows seeded into AWS/GatewayELB WHEN metrics are read THEN the gateway default set comes back with exactly those values', async () => {
    const { lbArn } = await gateway(true);
    const minute = 60_000;
    const at = new Date((Math.floor(Date.now() / minute) - 10) * minute);
    const dimension = [{ Name: 'LoadBalancer', Value: lbArn.slice(lbArn.indexOf(':loadbalancer/') + 14) }];
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/GatewayELB',
        MetricData: [
          { MetricName: 'NewFlowCount', Dimensions: dimension, Timestamp: at, Value: 42, Unit: 'Count' },
          { MetricName: 'ProcessedBytes', Dimensions: dimension, Timestamp: at, Value: 9000, Unit: 'Bytes' },
        ],
      }),
    );

    const doc = (await elbctl(['metrics', 'inspect', '--since', '1h'])).json<{
      metrics: Array<{ name: string; stat: string; points: Array<{ timestamp: string; value: number }> }>;
    }>();

    expect(doc.metrics.map((m) => `${m.name} ${m.stat}`)).toEqual([
      'ActiveFlowCount Average',
      'NewFlowCount Sum',
      'ProcessedBytes Sum',
      'HealthyHostCount Minimum',
      'UnHealthyHostCount Maximum',
    ]);
    const points = (name: string) => doc.metrics.find((m) => m.name === name)?.points;
    expect(points('NewFlowCount')).toEqual([{ timestamp: at.toISOString(), value: 42 }]);
    expect(points('ProcessedBytes')).toEqual([{ timestamp: at.toISOString(), value: 9000 }]);
    expect(points('ActiveFlowCount')).toEqual([]);
  });

  it('GIVEN a gateway load balancer built with the SDK, its appliances rebalancing WHEN exported THEN the file has it as type gateway with a GENEVE listener, and its plan only adopts', async () => {
    const { tgArn } = await gateway(true);
    await elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tgArn,
        Attributes: [
          { Key: 'target_failover.on_deregistration', Value: 'rebalance' },
          { Key: 'target_failover.on_unhealthy', Value: 'rebalance' },
        ],
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'elbctl-gwlb-'));
    const file = join(dir, 'inspect.yaml');

    await elbctl(['export', 'inspect', '--stack', 'inspection', '-f', file]);

    const text = readFileSync(file, 'utf8');
    expect(text.slice(text.indexOf('version: 1'))).toBe(
      [
        'version: 1',
        'stack: inspection',
        'region: us-east-1',
        '',
        'loadBalancers:',
        '  - name: inspect',
        '    type: gateway',
        `    subnets: [ ${[...net.subnets].sort().join(', ')} ]`,
        '    listeners:',
        '      - protocol: GENEVE',
        '        defaultAction: { forward: appliances }',
        '',
        'targetGroups:',
        '  - name: appliances',
        '    protocol: GENEVE',
        '    port: 6081',
        `    vpc: ${net.vpcId}`,
        '    attributes:',
        '      target_failover.on_deregistration: rebalance',
        '      target_failover.on_unhealthy: rebalance',
        // moto reports waf.fail_open.enabled on target groups, which AWS documents for load
        // balancers only: export keeps it verbatim under raw, with a warning.
        '      raw:',
        '        waf.fail_open.enabled: "false"',
        '    targets:',
        ...net.instances.map((id) => `      - { id: ${id} }`),
        '',
      ].join('\n'),
    );
    const plan = (await elbctl(['plan', '-f', file])).json<{ changes: Array<{ action: string; id: string }> }>();
    expect(plan.changes.map((c) => `${c.action} ${c.id}`)).toEqual([
      'adopt target-group:appliances',
      'adopt load-balancer:inspect',
      'adopt listener:inspect:GENEVE',
    ]);
    await elbctl(['apply', '-f', file, '-y']);
    const again = (await elbctl(['plan', '-f', file])).json<{ changes: unknown[] }>();
    expect(again.changes).toEqual([]);
  });

  it('GIVEN a gateway stack file WHEN applied THEN AWS holds an internal gateway load balancer, a listener without port or protocol forwarding to the GENEVE target group, and target failover; a second plan is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elbctl-gwlb-'));
    const file = join(dir, 'gateway.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'stack: inspection',
        'loadBalancers:',
        '  - name: inspect',
        '    type: gateway',
        `    subnets: [${net.subnets.join(', ')}]`,
        '    crossZone: true',
        '    listeners:',
        '      - protocol: GENEVE',
        '        defaultAction: { forward: appliances }',
        'targetGroups:',
        '  - name: appliances',
        '    protocol: GENEVE',
        '    port: 6081',
        `    vpc: ${net.vpcId}`,
        '    healthCheck: { protocol: HTTP, port: 8080, path: /healthz }',
        '    attributes: { target_failover.on_deregistration: rebalance, target_failover.on_unhealthy: rebalance }',
        `    targets: [{ id: ${net.instances[0]} }]`,
        '',
      ].join('\n'),
    );

    await elbctl(['apply', '-f', file, '-y']);

    const lb = (await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['inspect'] }))).LoadBalancers?.[0];
    expect(lb?.Type).toBe('gateway');
    expect(lb?.SecurityGroups ?? []).toEqual([]);
    const listeners = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb?.LoadBalancerArn })))
      .Listeners;
    const tg = (await elbv2.send(new DescribeTargetGroupsCommand({ Names: ['appliances'] }))).TargetGroups?.[0];
    expect(listeners?.map((l) => [l.Port, l.DefaultActions?.[0]?.TargetGroupArn])).toEqual([
      [undefined, tg?.TargetGroupArn],
    ]);
    expect([tg?.Protocol, tg?.Port, tg?.HealthCheckProtocol, tg?.HealthCheckPort, tg?.HealthCheckPath]).toEqual([
      'GENEVE',
      6081,
      'HTTP',
      '8080',
      '/healthz',
    ]);
    const attributes = (
      await elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg?.TargetGroupArn }))
    ).Attributes?.filter((a) => a.Key?.startsWith('target_failover.'));
    expect(attributes).toEqual([
      { Key: 'target_failover.on_deregistration', Value: 'rebalance' },
      { Key: 'target_failover.on_unhealthy', Value: 'rebalance' },
    ]);
    const again = (await elbctl(['plan', '-f', file])).json<{ changes: unknown[] }>();
    expect(again.changes).toEqual([]);
  });

  it('GIVEN only subnets WHEN lb create --type gateway, tg create GENEVE, targets register and listener create --protocol GENEVE are run THEN doctor finds it wired, and listener delete inspect:GENEVE removes the listener', async () => {
    const lb = (
      await elbctl(['lb', 'create', 'inspect', '--type', 'gateway', '--subnets', net.subnets.join(',')])
    ).json<{ type: string; scheme: string }>();
    expect([lb.type, lb.scheme]).toEqual(['gateway', 'internal']);
    await elbctl(['tg', 'create', 'appliances', '--protocol', 'GENEVE', '--port', '6081', '--vpc', net.vpcId]);
    await elbctl(['targets', 'register', 'appliances', ...net.instances]);
    const listener = (
      await elbctl(['listener', 'create', 'inspect', '--protocol', 'GENEVE', '--forward', 'appliances'])
    ).json<{ protocol: string; defaultActions: Array<{ targetGroups: Array<{ name: string }> }> }>();
    expect([listener.protocol, listener.defaultActions[0]?.targetGroups[0]?.name]).toEqual(['GENEVE', 'appliances']);

    const doc = (await elbctl(['doctor', 'inspect'])).json<DoctorDoc>();
    expect(doc.checks.find((c) => c.name === 'inspect/geneve')?.status).toBe('pass');

    await elbctl(['listener', 'delete', 'inspect:GENEVE', '-y']);
    const arn = (await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['inspect'] }))).LoadBalancers?.[0]
      ?.LoadBalancerArn;
    expect((await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: arn }))).Listeners).toEqual([]);
  });
});
