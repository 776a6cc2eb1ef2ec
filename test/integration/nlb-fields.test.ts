/**
 * Network load balancer fields against moto: a TLS listener's ALPN policy from a stack file
 * (applied, read back with the SDK, re-planned empty, a new value planned as an update, exported
 * back) and from `listener create --alpn-policy`. moto 5.2.1 ignores AlpnPolicy on ModifyListener,
 * so changing it in place is tested with aws-sdk-client-mock (test/aws/apply-nlb-fields.test.ts,
 * test/commands/listener/alpn.test.ts); it takes SubnetMappings but drops the addresses from its
 * answers, so subnet mappings are mock-only too (test/aws/apply-subnet-mappings.test.ts).
 */
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS, TEST_REGION } from '../support/network';
import { seedStackNetwork, type StackNetwork } from '../support/stack-fixtures';

jest.setTimeout(120_000);

let moto: Moto;
let net: StackNetwork;
let elbv2: ElasticLoadBalancingV2Client;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-nlb-'));

beforeAll(async () => {
  moto = await startMoto();
  elbv2 = new ElasticLoadBalancingV2Client({
    region: TEST_REGION,
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
});
afterAll(async () => {
  elbv2?.destroy();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  net = await seedStackNetwork(moto.endpoint, TEST_REGION, 2);
});

async function elbctl(args: string[], expectCode = 0): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, '-o', 'json', ...args]);
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const stack = (alpn: string) => `version: 1
stack: edge
region: ${TEST_REGION}
loadBalancers:
  - name: edge
    type: network
    scheme: internal
    subnets: [${net.subnets[0]}]
    listeners:
      - port: 443
        protocol: TLS
        certificates: [${net.certificateArn}]
        alpnPolicy: ${alpn}
        defaultAction: { forward: app }
targetGroups:
  - { name: app, protocol: TCP, port: 8443, vpc: ${net.vpcId} }
`;

async function liveAlpn(): Promise<string[] | undefined> {
  const lb = (await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['edge'] }))).LoadBalancers?.[0];
  const listeners = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb?.LoadBalancerArn })))
    .Listeners;
  return listeners?.[0]?.AlpnPolicy;
}

describe('ALPN policy against moto', () => {
  it('GIVEN a TLS listener with alpnPolicy WHEN applied THEN AWS holds it, a re-plan is empty, a new value plans as an in-place update, and export writes it back', async () => {
    const file = join(dir, 'edge.yaml');
    writeFileSync(file, stack('HTTP2Preferred'));

    await elbctl(['apply', '-f', file, '-y']);
    expect(await liveAlpn()).toEqual(['HTTP2Preferred']);
    expect((await elbctl(['plan', '-f', file])).json<{ changes: unknown[] }>().changes).toEqual([]);

    writeFileSync(file, stack('HTTP1Only'));
    const plan = (await elbctl(['plan', '-f', file])).json<{
      changes: Array<{ action: string; id: string; before: unknown; after: unknown }>;
    }>();
    expect(plan.changes.map((c) => [c.action, c.id, c.before, c.after])).toEqual([
      ['update', 'listener:edge:443', { alpnPolicy: 'HTTP2Preferred' }, { alpnPolicy: 'HTTP1Only' }],
    ]);

    const exported = join(dir, 'exported.yaml');
    await elbctl(['export', 'edge', '-f', exported]);
    expect(readFileSync(exported, 'utf8')).toContain('        alpnPolicy: HTTP2Preferred\n');
    expect((await elbctl(['plan', '-f', exported])).json<{ changes: unknown[] }>().changes).toEqual([]);
  });

  it('GIVEN an NLB WHEN listener create is given --alpn-policy in any case THEN AWS holds it', async () => {
    await elbctl([
      'lb',
      'create',
      'edge',
      '--type',
      'network',
      '--scheme',
      'internal',
      '--subnets',
      net.subnets[0] as string,
    ]);
    await elbctl(['tg', 'create', 'app', '--protocol', 'TCP', '--port', '8443', '--vpc', net.vpcId]);
    await elbctl([
      'listener',
      'create',
      'edge',
      '--protocol',
      'TLS',
      '--port',
      '443',
      '--certificate',
      net.certificateArn,
      '--alpn-policy',
      'http2optional',
      '--forward',
      'app',
    ]);
    expect(await liveAlpn()).toEqual(['HTTP2Optional']);
  });
});
