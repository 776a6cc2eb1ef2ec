/**
 * Gateway load balancers against moto: a GWLB, a GENEVE target group on 6081 of appliance
 * instances and its listener, built with the AWS SDK directly (as a user's account would hold
 * them). `doctor` answers with checks (never an empty exit 0), `metrics` reads AWS/GatewayELB
 * (seeded with PutMetricData), and `export` says why it leaves a gateway load balancer out.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
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
    const { lbArn } = await gateway(false);

    const r = await elbctl(['doctor', 'inspect'], 0, 'table');

    expect(r.stdout).toContain('! inspect/listeners  no listener: no traffic reaches this load balancer');
    expect(r.stdout).toContain(
      `fix: elbctl tg create inspect-appliances --protocol GENEVE --port 6081 --vpc ${net.vpcId} --health-protocol TCP --health-port 80, then: aws elbv2 create-listener --load-balancer-arn ${lbArn} --default-actions Type=forward,TargetGroupArn=TARGET-GROUP-ARN`,
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
});
