/**
 * The bad-input corpus (issue 9, item 5) against the real emulator behind the call-counting
 * proxy: every case exits with its code, prints its message, and makes ZERO AWS writes (reads
 * are allowed: the checks of what a command or stack refers to read the account). The account
 * holds real load balancers, target groups, subnets, security groups and instances, so the
 * live checks (things that do not exist, or that sit in another VPC) run for real.
 */
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_STACK, type FlagCase, flagCases, type StackCase, stackCases } from '../support/bad-input-corpus';
import { elbctl } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS } from '../support/network';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { seedStackNetwork } from '../support/stack-fixtures';

jest.setTimeout(300_000);

const REGION = 'us-east-1';
const FLAGS = flagCases();
const STACKS = stackCases();

let moto: Moto;
let proxy: RecordingProxy;
const ids: Record<string, string> = {};
const dir = mkdtempSync(join(tmpdir(), 'elbctl-corpus-'));
let files = 0;

/** `$NAME` → the emulator's ID for it (longest names first, so $SUBNET1B is not read as $SUBNET1). */
function fill(text: string): string {
  let out = text;
  for (const k of Object.keys(ids).sort((a, b) => b.length - a.length)) out = out.split(`$${k}`).join(ids[k] as string);
  return out;
}

async function seedAccount(endpoint: string): Promise<void> {
  const net = await seedStackNetwork(endpoint, REGION, 2);
  const ec2 = new EC2Client({ region: REGION, endpoint, credentials: TEST_CREDENTIALS });
  const elbv2 = new ElasticLoadBalancingV2Client({ region: REGION, endpoint, credentials: TEST_CREDENTIALS });
  try {
    const extra = await ec2.send(
      new CreateSubnetCommand({ VpcId: net.vpcId, CidrBlock: '10.0.9.0/24', AvailabilityZone: `${REGION}a` }),
    );
    const otherVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId as string;
    const otherSubnet = (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: otherVpc, CidrBlock: '10.9.1.0/24', AvailabilityZone: `${REGION}b` }),
      )
    ).Subnet?.SubnetId as string;
    const otherSg = (
      await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'other', Description: 'other', VpcId: otherVpc }))
    ).GroupId as string;
    const otherInstance = (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-12c6146b',
          MinCount: 1,
          MaxCount: 1,
          InstanceType: 't3.micro',
          SubnetId: otherSubnet,
        }),
      )
    ).Instances?.[0]?.InstanceId as string;
    Object.assign(ids, {
      VPC: net.vpcId,
      SUBNET1: net.subnets[0],
      SUBNET2: net.subnets[1],
      SUBNET1B: extra.Subnet?.SubnetId,
      SG: net.securityGroupId,
      I1: net.instances[0],
      CERT: net.certificateArn,
      OTHER_VPC: otherVpc,
      OTHER_SUBNET: otherSubnet,
      OTHER_SG: otherSg,
      OTHER_I: otherInstance,
    });
    const lb = async (name: string, type: 'application' | 'network', subnets: string[]) =>
      (await elbv2.send(new CreateLoadBalancerCommand({ Name: name, Type: type, Subnets: subnets }))).LoadBalancers?.[0]
        ?.LoadBalancerArn as string;
    const tg = async (input: ConstructorParameters<typeof CreateTargetGroupCommand>[0]) =>
      (await elbv2.send(new CreateTargetGroupCommand(input))).TargetGroups?.[0]?.TargetGroupArn as string;
    const web = await lb('web', 'application', [net.subnets[0] as string, net.subnets[1] as string]);
    const web2 = await lb('web2', 'application', [net.subnets[0] as string, net.subnets[1] as string]);
    const edge = await lb('edge', 'network', [net.subnets[0] as string]);
    const app = await tg({ Name: 'app', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId });
    const tcp = await tg({ Name: 'tcp', Protocol: 'TCP', Port: 80, VpcId: net.vpcId });
    await tg({ Name: 'tcp2', Protocol: 'TCP', Port: 81, VpcId: net.vpcId });
    await tg({ Name: 'far', Protocol: 'HTTP', Port: 80, VpcId: otherVpc });
    await tg({ Name: 'fn', TargetType: 'lambda' });
    await tg({ Name: 'ips', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId, TargetType: 'ip' });
    await tg({ Name: 'albt', Protocol: 'TCP', Port: 80, VpcId: net.vpcId, TargetType: 'alb' });
    // A target group sharing a load balancer's name: `web2` alone is ambiguous (the day-2 cases).
    await tg({ Name: 'web2', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId });
    const forward = (arn: string) => [{ Type: 'forward' as const, TargetGroupArn: arn }];
    const http = (
      await elbv2.send(
        new CreateListenerCommand({ LoadBalancerArn: web, Protocol: 'HTTP', Port: 80, DefaultActions: forward(app) }),
      )
    ).Listeners?.[0]?.ListenerArn as string;
    await elbv2.send(
      new CreateListenerCommand({ LoadBalancerArn: edge, Protocol: 'TCP', Port: 80, DefaultActions: forward(tcp) }),
    );
    // What the day-2 cases change in place: a rule, and an HTTPS listener with its certificate.
    await elbv2.send(
      new CreateRuleCommand({
        ListenerArn: http,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
        Actions: forward(app),
      }),
    );
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: web2,
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: net.certificateArn }],
        DefaultActions: forward(app),
      }),
    );
  } finally {
    ec2.destroy();
    elbv2.destroy();
  }
}

beforeAll(async () => {
  moto = await startMoto();
  await seedAccount(moto.endpoint);
  proxy = await startRecordingProxy(moto.endpoint);
});

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

beforeEach(() => proxy.clear());

function stackText(c: StackCase): string {
  if ('text' in c.edit) return c.edit.text;
  let text = BASE_STACK;
  for (const [search, replace] of c.edit) {
    if (!text.includes(search)) throw new Error(`case "${c.what}": "${search}" is not in the stack`);
    text = text.replace(search, replace);
  }
  return fill(text);
}

function writeStack(text: string): string {
  const file = join(dir, `case-${++files}.yaml`);
  writeFileSync(file, text);
  return file;
}

const run = (args: string[], env?: Record<string, string>) =>
  elbctl(['--endpoint-url', proxy.endpoint, ...args], env ? { env } : {});

function expectRefused(
  r: { code: number; stdout: string; stderr: string },
  c: { code: number; message: string },
): void {
  expect({ code: r.code, stdout: r.stdout, writes: proxy.writes() }).toEqual({ code: c.code, stdout: '', writes: [] });
  expect(r.stderr).toContain(fill(c.message));
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('the bad-input corpus', () => {
  it('GIVEN the corpus WHEN counted THEN it holds at least 250 cases, of every kind, through both faces', () => {
    expect(FLAGS.length + STACKS.length).toBeGreaterThanOrEqual(250);
    const kinds = new Set([...FLAGS, ...STACKS].map((c) => c.kind));
    expect([...kinds].sort()).toEqual(
      [
        'acted on',
        'addresses',
        'attributes',
        'conditions',
        'cross-zone',
        'echo',
        'enums',
        'files',
        'global',
        'health checks',
        'limits',
        'mutual TLS',
        'names',
        'ports',
        'priorities',
        'protocols',
        'references',
        'subnets',
        'surface',
        'tags',
        'targets',
        'weights',
      ].sort(),
    );
    for (const kind of [
      'names',
      'ports',
      'priorities',
      'weights',
      'health checks',
      'addresses',
      'conditions',
      'protocols',
      'references',
      'subnets',
      'targets',
      'limits',
    ]) {
      expect(FLAGS.some((c) => c.kind === kind) && STACKS.some((c) => c.kind === kind)).toBe(true);
    }
  });

  it('GIVEN the base stack the stack cases are made from WHEN planned against the account THEN it is valid (each case fails for its own edit)', async () => {
    const file = writeStack(fill(BASE_STACK));
    const r = await run(['plan', '-f', file, '-q']);
    expect({ code: r.code, stderr: r.stderr, writes: proxy.writes() }).toEqual({ code: 0, stderr: '', writes: [] });
  });

  it.each(FLAGS.map((c) => [`${c.kind}: ${c.what}`, c] as const))(
    'GIVEN %s WHEN run THEN it is refused with its code and message, and no AWS write',
    async (_what, c: FlagCase) => {
      for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), fill(text));
      expectRefused(
        await run(
          c.args.map((a) => fill(a).replace('$DIR', dir)),
          c.env,
        ),
        c,
      );
    },
  );

  it.each(STACKS.map((c) => [`${c.kind}: ${c.what}`, c] as const))(
    'GIVEN a stack file with %s WHEN applied THEN it is refused with its code and message, and no AWS write',
    async (_what, c: StackCase) => {
      expectRefused(await run(['apply', '-f', writeStack(stackText(c)), '-y']), c);
    },
  );
});
