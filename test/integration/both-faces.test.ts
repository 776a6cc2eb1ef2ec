/**
 * One rulebook, two faces (issue 9, Decisions): a table of inputs written once as a stack file
 * and once as the equivalent command. Offline, `validate` and the command's own pre-call checks
 * (a refusal before any AWS call) must agree; live, `plan` and the command against the emulator
 * must agree. Cases whose answer needs the account (a subnet that does not exist, a target
 * group in another VPC) are compared live only, which is where both faces can know.
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateSecurityGroupCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elbctl } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS } from '../support/network';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { seedStackNetwork } from '../support/stack-fixtures';

jest.setTimeout(300_000);

type Verdict = 'accepted' | 'refused';

interface FaceCase {
  what: string;
  /** The stack file (placeholders $SUBNET1, $VPC, … filled in from the account). */
  stack: string;
  /** The equivalent command line. */
  command: string[];
  /** Both faces' answer. */
  verdict: Verdict;
  /**
   * true: both faces know the answer without the account (their offline verdicts are compared);
   * false: neither does (both read the account first); 'stack': the file declares what the
   * command must read first (the load balancer's type), so only `validate` knows offline.
   */
  offline: boolean | 'stack';
}

const TG = (extra = '', head = 'name: front\n    protocol: HTTP\n    port: 80\n    vpc: $VPC') =>
  `targetGroups:\n  - ${head}${extra ? `\n    ${extra}` : ''}\n`;
const stack = (body: string) => `version: 1\nstack: faces\n${body}`;
const ALB = (listener = '', extra = '') =>
  `loadBalancers:\n  - name: shop\n    type: application\n    subnets: [$SUBNET1, $SUBNET2]${extra}\n${listener ? `    listeners:\n${listener}` : ''}`;
const LISTENER = (l: string) => `      - ${l}\n`;
const RULE = (conditions: string, action = '{ forward: front }', priority = '10') =>
  LISTENER(
    `port: 80\n        protocol: HTTP\n        defaultAction: { forward: front }\n        rules:\n          - { name: r, priority: ${priority}, conditions: ${conditions}, action: ${action} }`,
  );

const CASES: FaceCase[] = [
  // target groups and health checks
  {
    what: 'a target group, protocol in lower case',
    stack: stack(TG('', 'name: front\n    protocol: http\n    port: 80\n    vpc: $VPC')),
    command: ['tg', 'create', 'front', '--protocol', 'http', '--port', '80', '--vpc', '$VPC'],
    verdict: 'accepted',
    offline: true,
  },
  {
    what: 'a target group on port 0',
    stack: stack(TG('', 'name: front\n    protocol: HTTP\n    port: 0\n    vpc: $VPC')),
    command: ['tg', 'create', 'front', '--protocol', 'HTTP', '--port', '0', '--vpc', '$VPC'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a target group name with an underscore',
    stack: stack(TG('', 'name: front_1\n    protocol: HTTP\n    port: 80\n    vpc: $VPC')),
    command: ['tg', 'create', 'front_1', '--protocol', 'HTTP', '--port', '80', '--vpc', '$VPC'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a health check timeout over the default interval',
    stack: stack(TG('healthCheck: { timeout: 40 }')),
    command: ['tg', 'create', 'front', '--protocol', 'HTTP', '--port', '80', '--vpc', '$VPC', '--health-timeout', '40'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a path on a TCP health check',
    stack: stack(TG('healthCheck: { path: /x }', 'name: front\n    protocol: TCP\n    port: 80\n    vpc: $VPC')),
    command: ['tg', 'create', 'front', '--protocol', 'TCP', '--port', '80', '--vpc', '$VPC', '--health-path', '/x'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a matcher of 600',
    stack: stack(TG('healthCheck: { matcher: "600" }')),
    command: ['tg', 'create', 'front', '--protocol', 'HTTP', '--port', '80', '--vpc', '$VPC', '--matcher', '600'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a TCP health check on an HTTP group',
    stack: stack(TG('healthCheck: { protocol: tcp }')),
    command: [
      'tg',
      'create',
      'front',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--vpc',
      '$VPC',
      '--health-protocol',
      'tcp',
    ],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'an alb-type group speaking HTTP',
    stack: stack(TG('targetType: alb')),
    command: ['tg', 'create', 'front', '--protocol', 'HTTP', '--port', '80', '--vpc', '$VPC', '--target-type', 'alb'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a target group in a VPC that does not exist',
    stack: stack(TG('', 'name: front\n    protocol: HTTP\n    port: 80\n    vpc: vpc-0000000000000000a')),
    command: ['tg', 'create', 'front', '--protocol', 'HTTP', '--port', '80', '--vpc', 'vpc-0000000000000000a'],
    verdict: 'refused',
    offline: false,
  },
  // load balancers
  {
    what: 'an application load balancer, type in any case',
    stack: stack(ALB().replace('type: application', 'type: Application')),
    command: ['lb', 'create', 'shop', '--type', 'Application', '--subnets', '$SUBNET1,$SUBNET2'],
    verdict: 'accepted',
    offline: true,
  },
  {
    what: 'an application load balancer in one subnet',
    stack: stack(ALB().replace('[$SUBNET1, $SUBNET2]', '[$SUBNET1]')),
    command: ['lb', 'create', 'shop', '--type', 'application', '--subnets', '$SUBNET1'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'subnets that do not exist',
    stack: stack(ALB().replace('[$SUBNET1, $SUBNET2]', '[subnet-0000000000000000a, subnet-0000000000000000b]')),
    command: [
      'lb',
      'create',
      'shop',
      '--type',
      'application',
      '--subnets',
      'subnet-0000000000000000a,subnet-0000000000000000b',
    ],
    verdict: 'refused',
    offline: false,
  },
  {
    what: 'a security group of another VPC',
    stack: stack(ALB('', '\n    securityGroups: [$OTHER_SG]')),
    command: [
      'lb',
      'create',
      'shop',
      '--type',
      'application',
      '--subnets',
      '$SUBNET1,$SUBNET2',
      '--security-groups',
      '$OTHER_SG',
    ],
    verdict: 'refused',
    offline: false,
  },
  {
    what: 'two subnets in one zone',
    stack: stack(
      ALB().replace('type: application', 'type: network').replace('[$SUBNET1, $SUBNET2]', '[$SUBNET1, $SUBNET1B]'),
    ),
    command: ['lb', 'create', 'shop', '--type', 'network', '--subnets', '$SUBNET1,$SUBNET1B'],
    verdict: 'refused',
    offline: false,
  },
  // listeners
  {
    what: 'an HTTP listener forwarding to an HTTP group',
    stack: stack(ALB(LISTENER('{ port: 81, protocol: http, defaultAction: { forward: front } }')) + TG()),
    command: ['listener', 'create', 'web', '--protocol', 'http', '--port', '81', '--forward', 'app'],
    verdict: 'accepted',
    offline: true,
  },
  {
    what: 'HTTPS without a certificate',
    stack: stack(ALB(LISTENER('{ port: 443, protocol: HTTPS, defaultAction: { forward: front } }')) + TG()),
    command: ['listener', 'create', 'web', '--protocol', 'HTTPS', '--port', '443', '--forward', 'app'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a redirect loop on HTTPS 443',
    stack: stack(
      ALB(
        LISTENER(
          '{ port: 443, protocol: HTTPS, certificates: [$CERT], defaultAction: { redirect: { protocol: HTTPS, port: 443 } } }',
        ),
      ),
    ),
    command: [
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTPS',
      '--port',
      '443',
      '--certificate',
      '$CERT',
      '--redirect-https',
    ],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a TCP listener on an application load balancer',
    stack: stack(
      ALB(LISTENER('{ port: 81, protocol: TCP, defaultAction: { forward: front } }')) +
        TG('', 'name: front\n    protocol: TCP\n    port: 80\n    vpc: $VPC'),
    ),
    command: ['listener', 'create', 'web', '--protocol', 'TCP', '--port', '81', '--forward', 'tcp'],
    verdict: 'refused',
    offline: 'stack',
  },
  {
    what: 'a listener forwarding to a group in another VPC',
    stack: stack(
      ALB(LISTENER('{ port: 81, protocol: HTTP, defaultAction: { forward: front } }')) +
        TG('', 'name: front\n    protocol: HTTP\n    port: 80\n    vpc: $OTHER_VPC'),
    ),
    command: ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--forward', 'far'],
    verdict: 'refused',
    offline: false,
  },
  // rules
  {
    what: 'a rule with six condition values',
    stack: stack(ALB(RULE('{ path: [/a, /b, /c, /d, /e, /f] }')) + TG()),
    command: [
      'rule',
      'add',
      'web:80',
      '--path',
      '/a',
      '--path',
      '/b',
      '--path',
      '/c',
      '--path',
      '/d',
      '--path',
      '/e',
      '--path',
      '/f',
      '--forward',
      'app',
    ],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a rule at priority 0',
    stack: stack(ALB(RULE('{ path: [/a] }', '{ forward: front }', '0')) + TG()),
    command: ['rule', 'add', 'web:80', '--path', '/a', '--forward', 'app', '--priority', '0'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a malformed IPv6 source',
    stack: stack(ALB(RULE('{ sourceIps: ["2001:db8:::/32"] }')) + TG()),
    command: ['rule', 'add', 'web:80', '--source-ip', '2001:db8:::/32', '--forward', 'app'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'an IPv4-mapped IPv6 source',
    stack: stack(ALB(RULE('{ sourceIps: ["::ffff:10.0.0.1/128"] }')) + TG()),
    command: ['rule', 'add', 'web:80', '--source-ip', '::ffff:10.0.0.1/128', '--forward', 'app'],
    verdict: 'accepted',
    offline: true,
  },
  {
    what: 'a weight of 1000',
    stack: stack(ALB(RULE('{ path: [/a] }', '{ forward: [{ targetGroup: front, weight: 1000 }] }')) + TG()),
    command: ['rule', 'add', 'web:80', '--path', '/a', '--forward', 'app=1000'],
    verdict: 'refused',
    offline: true,
  },
  {
    what: 'a method in lower case',
    stack: stack(ALB(RULE('{ methods: [get] }')) + TG()),
    command: ['rule', 'add', 'web:80', '--method', 'get', '--forward', 'app'],
    verdict: 'accepted',
    offline: true,
  },
  // targets
  {
    what: 'an IP target outside the VPC without @all',
    stack: stack(
      ALB(LISTENER('{ port: 81, protocol: HTTP, defaultAction: { forward: front } }')) +
        TG(
          'targets: [{ id: 192.168.1.5 }]',
          'name: front\n    protocol: HTTP\n    port: 80\n    vpc: $VPC\n    targetType: ip',
        ),
    ),
    command: ['targets', 'register', 'ips', '192.168.1.5'],
    verdict: 'refused',
    offline: false,
  },
  {
    what: 'an IP target outside the VPC with @all',
    stack: stack(
      ALB(LISTENER('{ port: 81, protocol: HTTP, defaultAction: { forward: front } }')) +
        TG(
          'targets: [{ id: 192.168.1.5, availabilityZone: all }]',
          'name: front\n    protocol: HTTP\n    port: 80\n    vpc: $VPC\n    targetType: ip',
        ),
    ),
    command: ['targets', 'register', 'ips', '192.168.1.5@all'],
    verdict: 'accepted',
    offline: false,
  },
  {
    what: 'an instance that does not exist',
    stack: stack(TG('targets: [{ id: i-0000000000000000a }]')),
    command: ['targets', 'register', 'app', 'i-0000000000000000a'],
    verdict: 'refused',
    offline: false,
  },
  {
    what: 'a malformed instance ID',
    stack: stack(TG('targets: [{ id: i-123 }]')),
    command: ['targets', 'register', 'app', 'i-123'],
    verdict: 'refused',
    offline: true,
  },
];

let moto: Moto;
let proxy: RecordingProxy;
const ids: Record<string, string> = {};
const dir = mkdtempSync(join(tmpdir(), 'elbctl-faces-'));
let files = 0;

const fill = (text: string) => {
  let out = text;
  for (const k of Object.keys(ids).sort((a, b) => b.length - a.length)) out = out.split(`$${k}`).join(ids[k] as string);
  return out;
};

async function seed(): Promise<void> {
  const net = await seedStackNetwork(moto.endpoint, 'us-east-1', 1);
  const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
  const elbv2 = new ElasticLoadBalancingV2Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  try {
    const { CreateSubnetCommand } = await import('@aws-sdk/client-ec2');
    const extra = await ec2.send(
      new CreateSubnetCommand({ VpcId: net.vpcId, CidrBlock: '10.0.9.0/24', AvailabilityZone: 'us-east-1a' }),
    );
    const otherVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId as string;
    const otherSg = (
      await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'o', Description: 'o', VpcId: otherVpc }))
    ).GroupId as string;
    Object.assign(ids, {
      VPC: net.vpcId,
      SUBNET1: net.subnets[0],
      SUBNET2: net.subnets[1],
      SUBNET1B: extra.Subnet?.SubnetId,
      CERT: net.certificateArn,
      OTHER_VPC: otherVpc,
      OTHER_SG: otherSg,
    });
    const web = (
      await elbv2.send(
        new CreateLoadBalancerCommand({
          Name: 'web',
          Type: 'application',
          Subnets: [net.subnets[0] as string, net.subnets[1] as string],
        }),
      )
    ).LoadBalancers?.[0]?.LoadBalancerArn as string;
    const tg = async (input: ConstructorParameters<typeof CreateTargetGroupCommand>[0]) =>
      (await elbv2.send(new CreateTargetGroupCommand(input))).TargetGroups?.[0]?.TargetGroupArn as string;
    const app = await tg({ Name: 'app', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId });
    await tg({ Name: 'tcp', Protocol: 'TCP', Port: 80, VpcId: net.vpcId });
    await tg({ Name: 'far', Protocol: 'HTTP', Port: 80, VpcId: otherVpc });
    await tg({ Name: 'ips', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId, TargetType: 'ip' });
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: web,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: app }],
      }),
    );
  } finally {
    ec2.destroy();
    elbv2.destroy();
  }
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startRecordingProxy(moto.endpoint);
});

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
  await seed();
  proxy.clear();
});

const run = (args: string[]) => elbctl(['--endpoint-url', proxy.endpoint, '-q', ...args]);
const verdictOf = (code: number): Verdict | `exit ${number}` =>
  code === 64 ? 'refused' : code === 0 || code === 2 ? 'accepted' : `exit ${code}`;

describe('one rulebook, two faces', () => {
  it('GIVEN the table WHEN counted THEN it holds accepted and refused cases, offline and live-only ones', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((c) => `${c.verdict}/${c.offline}`))).toEqual(
      new Set(['accepted/true', 'refused/true', 'refused/false', 'accepted/false', 'refused/stack']),
    );
  });

  it.each(CASES.map((c) => [c.what, c] as const))(
    'GIVEN %s WHEN judged by both faces THEN they agree',
    async (_what, c) => {
      const file = join(dir, `faces-${++files}.yaml`);
      writeFileSync(file, fill(c.stack));

      // offline: `validate` (no AWS call at all) and the command's own checks before its first call
      const validated = await elbctl(['validate', '-f', file, '-q'], {
        env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
      });
      proxy.clear();
      const command = await run(c.command.map(fill));
      const refusedBeforeAnyCall = command.code === 64 && proxy.calls.length === 0;
      if (c.offline === 'stack') {
        expect({ validate: verdictOf(validated.code), commandBeforeAnyCall: refusedBeforeAnyCall }).toEqual({
          validate: c.verdict,
          commandBeforeAnyCall: false,
        });
      } else if (c.offline) {
        expect({ validate: verdictOf(validated.code), command: refusedBeforeAnyCall ? 'refused' : 'accepted' }).toEqual(
          {
            validate: c.verdict,
            command: c.verdict,
          },
        );
      } else {
        // Not knowable offline: neither face refuses before reading the account.
        expect({ validate: verdictOf(validated.code), commandBeforeAnyCall: refusedBeforeAnyCall }).toEqual({
          validate: 'accepted',
          commandBeforeAnyCall: false,
        });
      }

      // live: `plan` against the account, and the command's own verdict against it (a refusal writes nothing)
      const writesByCommand = proxy.writes();
      proxy.clear();
      const planned = await run(['plan', '-f', file]);
      expect({ plan: verdictOf(planned.code), command: verdictOf(command.code) }).toEqual({
        plan: c.verdict,
        command: c.verdict,
      });
      if (c.verdict === 'refused') expect(writesByCommand).toEqual([]);
      expect(proxy.writes()).toEqual([]);
    },
  );
});
