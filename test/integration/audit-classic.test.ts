/**
 * `elbctl audit` reads Classic load balancers through the Classic API against moto: one built to
 * fail every Classic check, one to pass those it can (two zones, cross-zone on); the exact set of
 * (check, name) asserted, and the summary's count.
 */
import {
  CreateLoadBalancerCommand,
  ElasticLoadBalancingClient,
  ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { elbctl } from '../support/harness';
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

const CLASSIC_CHECKS = 'classic-plain-listener,classic-no-cross-zone,classic-single-zone,classic-migrate';

it('GIVEN two Classic load balancers, one failing every Classic check and one in two zones with cross-zone on WHEN audited THEN exactly their findings, each naming elbctl migrate', async () => {
  const elb = new ElasticLoadBalancingClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  // Zones, not subnets: moto reports no zone for a Classic load balancer made with subnets.
  await elb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: 'legacy-web',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }],
      AvailabilityZones: ['us-east-1a'],
    }),
  );
  await elb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: 'legacy-db',
      Listeners: [{ Protocol: 'TCP', LoadBalancerPort: 5432, InstanceProtocol: 'TCP', InstancePort: 5432 }],
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    }),
  );
  await elb.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerName: 'legacy-db',
      LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: true } },
    }),
  );
  elb.destroy();

  const r = await elbctl([
    '--endpoint-url',
    moto.endpoint,
    'audit',
    '--checks',
    CLASSIC_CHECKS,
    '--fail-on',
    'none',
    '-o',
    'json',
  ]);

  expect(r.code).toBe(0);
  const doc = r.json<{
    findings: Array<{ id: string; name: string; fix: string; resource: string }>;
    summary: { classicLoadBalancers: number };
  }>();
  expect(doc.summary.classicLoadBalancers).toBe(2);
  expect(doc.findings.map((f) => `${f.id} ${f.name}`).sort()).toEqual([
    'classic-migrate legacy-db',
    'classic-migrate legacy-web',
    'classic-no-cross-zone legacy-web',
    'classic-plain-listener legacy-db',
    'classic-plain-listener legacy-web',
    'classic-single-zone legacy-web',
  ]);
  const migrate = doc.findings.filter((f) => f.id === 'classic-migrate').map((f) => f.fix);
  expect(migrate.sort()).toEqual([
    'elbctl migrate legacy-db --to network',
    'elbctl migrate legacy-web --to application',
  ]);
  expect(
    doc.findings.every((f) => /^arn:aws:elasticloadbalancing:us-east-1:[^:]+:loadbalancer\/legacy-/.test(f.resource)),
  ).toBe(true);
});
