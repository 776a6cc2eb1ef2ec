/**
 * `elbctl tg modify` with aws-sdk-client-mock: the exact ModifyTargetGroup fields each flag sends
 * (only what changes), and the rulebook's health check decisions judged against the live group
 * before any write.
 */
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupCommand,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const tgArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${name}/73e2d6bc24d8a067`;
const GROUPS: SdkTargetGroup[] = [
  {
    TargetGroupName: 'api',
    TargetGroupArn: tgArn('api'),
    Protocol: 'HTTP',
    Port: 8080,
    VpcId: 'vpc-0abc1234',
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
  },
  {
    TargetGroupName: 'tcp',
    TargetGroupArn: tgArn('tcp'),
    Protocol: 'TCP',
    Port: 443,
    VpcId: 'vpc-0abc1234',
    TargetType: 'ip',
    HealthCheckEnabled: true,
    HealthCheckProtocol: 'TCP',
    HealthCheckPort: 'traffic-port',
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 10,
    HealthyThresholdCount: 3,
    UnhealthyThresholdCount: 3,
  },
];

const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { Names?: string[] }) => ({
    TargetGroups: GROUPS.filter((g) => input.Names?.includes(g.TargetGroupName ?? '')),
  }));
  elbv2.on(ModifyTargetGroupCommand).callsFake(async () => ({ TargetGroups: [GROUPS[0]] }));
});

describe('tg modify: the fields sent', () => {
  it('GIVEN a new path and matcher, and the interval it already has WHEN run with -y THEN ModifyTargetGroup gets the two that change', async () => {
    const r = await elbctl([
      'tg',
      'modify',
      'api',
      '--health-path',
      '/ready',
      '--matcher',
      '200-299',
      '--health-interval',
      '30',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['ModifyTargetGroupCommand']);
    expect(elbv2.commandCalls(ModifyTargetGroupCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('api'),
      HealthCheckPath: '/ready',
      Matcher: { HttpCode: '200-299' },
    });
    expect(r.stderr).toBe(
      '~ target group api\n    health check path: / → /ready\n    health check matcher: 200 → 200-299\n' +
        '… changing the health check of target group "api"\n✓ changed the health check of target group "api"\n',
    );
  });

  it.each([
    [['--health-protocol', 'https'], { HealthCheckProtocol: 'HTTPS' }],
    [['--health-port', '9000'], { HealthCheckPort: '9000' }],
    [['--health-interval', '10'], { HealthCheckIntervalSeconds: 10 }],
    [['--health-timeout', '2'], { HealthCheckTimeoutSeconds: 2 }],
    [['--healthy-threshold', '2'], { HealthyThresholdCount: 2 }],
    [['--unhealthy-threshold', '10'], { UnhealthyThresholdCount: 10 }],
  ])('GIVEN %j WHEN run THEN exactly %j is sent', async (args, sent) => {
    const r = await elbctl(['tg', 'modify', 'api', ...args, '-y']);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(ModifyTargetGroupCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('api'),
      ...sent,
    });
  });

  it('GIVEN an NLB target group and an HTTP check matching 200-599 WHEN run THEN accepted and sent', async () => {
    const r = await elbctl([
      'tg',
      'modify',
      'tcp',
      '--health-protocol',
      'HTTP',
      '--health-path',
      '/up',
      '--matcher',
      '200-599',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(ModifyTargetGroupCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('tcp'),
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/up',
      Matcher: { HttpCode: '200-599' },
    });
  });
});

describe('tg modify: refused before any write', () => {
  it.each([
    [
      'api',
      ['--health-timeout', '30'],
      'health check timeout "30": must be less than the interval (30); lower the timeout or raise the interval',
    ],
    [
      'api',
      ['--health-interval', '5'],
      'health check timeout "5": must be less than the interval (5); lower the timeout or raise the interval',
    ],
    ['tcp', ['--health-path', '/x'], 'target group "tcp": a TCP health check has no path'],
    ['tcp', ['--matcher', '200'], 'target group "tcp": a TCP health check has no matcher'],
    ['api', ['--matcher', '200-599'], 'health check matcher "200-599": codes must be from 200 to 499, low to high'],
    ['api', ['--health-protocol', 'TCP'], 'target group "api": an HTTP target group checks health over HTTP or HTTPS'],
  ])(
    'GIVEN %s and %j WHEN run THEN exit 64 with the rulebook message after reading it, no write',
    async (name, args, message) => {
      const r = await elbctl(['tg', 'modify', name, ...args, '-y']);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain(`error: ${message}`);
      expect(writes()).toEqual([]);
    },
  );

  it.each([
    [[], 'tg modify: nothing to change; pass a health check flag'],
    [['--health-interval', '301'], 'health check interval "301": must be a whole number from 5 to 300'],
    [['--health-timeout', '1'], 'health check timeout "1": must be a whole number from 2 to 120'],
    [['--health-port', 'http'], 'health check port "http": use traffic-port or a port from 1 to 65535'],
  ])('GIVEN %j WHEN run THEN exit 64 before any AWS call', async (args, message) => {
    const r = await elbctl(['tg', 'modify', 'api', ...args]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN --dry-run --detailed-exitcode WHEN something would change THEN exit 2, nothing written', async () => {
    const r = await elbctl(['tg', 'modify', 'api', '--health-path', '/ready', '--dry-run', '--detailed-exitcode']);
    expect(r.code).toBe(2);
    expect(r.json()).toEqual({
      kind: 'target group',
      name: 'api',
      arn: tgArn('api'),
      changed: true,
      dryRun: true,
      before: { healthCheck: { path: '/' } },
      after: { healthCheck: { path: '/ready' } },
    });
    expect(writes()).toEqual([]);
  });
});
