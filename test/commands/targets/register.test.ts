import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
  type TargetGroup,
  type TargetTypeEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeInstancesCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);
/** The account the tests run against: every instance named below exists in the target groups' VPC (10.0.0.0/8). */
function stubAccount(): void {
  ec2.on(DescribeInstancesCommand).callsFake((input: { Filters?: Array<{ Values?: string[] }> }) => ({
    Reservations: [
      {
        Instances: (input.Filters?.[0]?.Values ?? []).map((id) => ({
          InstanceId: id,
          State: { Name: 'running' },
          VpcId: 'vpc-0abc1234',
        })),
      },
    ],
  }));
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0abc1234', CidrBlock: '10.0.0.0/8' }] });
}

const ACCOUNT = '123456789012';
const tgArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const sdkTg = (name: string, targetType: TargetTypeEnum, extra: Partial<TargetGroup> = {}): TargetGroup => ({
  TargetGroupName: name,
  TargetGroupArn: tgArn(name),
  Protocol: 'HTTP',
  Port: 80,
  TargetType: targetType,
  VpcId: 'vpc-0abc1234',
  ...extra,
});
const LAMBDA = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:handler`;

beforeEach(() => {
  elbv2.reset();
  ec2.reset();
  stubAccount();
  elbv2.on(DescribeTargetGroupsCommand, { Names: ['api'] }).resolves({ TargetGroups: [sdkTg('api', 'instance')] });
  elbv2.on(DescribeTargetGroupsCommand, { Names: ['ips'] }).resolves({ TargetGroups: [sdkTg('ips', 'ip')] });
  elbv2
    .on(DescribeTargetGroupsCommand, { Names: ['fn'] })
    .resolves({ TargetGroups: [sdkTg('fn', 'lambda', { Protocol: undefined, Port: undefined, VpcId: undefined })] });
  elbv2.on(RegisterTargetsCommand).resolves({});
});

describe('targets register', () => {
  it('GIVEN two instances WHEN registered THEN resolves the group once, registers both and shows their health', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        {
          Target: { Id: 'i-0def5678', Port: 8080 },
          TargetHealth: { State: 'initial', Reason: 'Elb.RegistrationInProgress' },
        },
        {
          Target: { Id: 'i-0abc1234', Port: 80 },
          TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered' },
        },
      ],
    });

    const r = await elbctl(['targets', 'register', 'api', 'i-0abc1234', 'i-0def5678:8080']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { Names: ['api'] });
    expect(elbv2).toHaveReceivedCommandTimes(RegisterTargetsCommand, 1);
    const targets = [{ Id: 'i-0abc1234' }, { Id: 'i-0def5678', Port: 8080 }];
    expect(elbv2.commandCalls(RegisterTargetsCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('api'),
      Targets: targets,
    });
    expect(elbv2.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('api'),
      Targets: targets,
    });
    expect(r.json()).toEqual([
      {
        id: 'i-0abc1234',
        port: 80,
        availabilityZone: null,
        state: 'unused',
        reason: 'Target.NotRegistered',
        description: 'Target is not registered',
        hint: 'the target is not registered in this target group; register it with `elbctl targets register`',
      },
      {
        id: 'i-0def5678',
        port: 8080,
        availabilityZone: null,
        state: 'initial',
        reason: 'Elb.RegistrationInProgress',
        description: null,
        hint: 'the target is being registered; wait a few seconds and check again',
      },
    ]);
    expect(r.stderr).toBe(
      [
        '… registering 2 targets with "api"',
        '✓ registered 2 targets with "api"',
        'right after registering, AWS may briefly report a target as not registered or initial; that is normal. `elbctl targets health api --wait healthy` waits for them',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN IP targets with zones WHEN registered THEN sends Id, Port and AvailabilityZone as written', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });

    const r = await elbctl(['targets', 'register', 'ips', '10.0.1.5:8080@us-east-1a', '192.168.7.9@all']);

    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(RegisterTargetsCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('ips'),
      Targets: [
        { Id: '10.0.1.5', Port: 8080, AvailabilityZone: 'us-east-1a' },
        { Id: '192.168.7.9', AvailabilityZone: 'all' },
      ],
    });
  });

  it('GIVEN targets AWS would refuse WHEN registered THEN exits 64 naming each, before any write', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0abc1234', CidrBlock: '10.0.0.0/16' }] });
    const r = await elbctl(['targets', 'register', 'ips', '10.9.0.5', '203.0.113.9@all', '[2001:db8::1]:80']);

    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 64,
      stdout: '',
      stderr: [
        'error: target "[2001:db8::1]:80": an IPv6 address, but target group "ips" takes IPv4 targets; register IPv4 addresses or use an IPv6 target group',
        '',
      ].join('\n'),
    });
    expect(elbv2).not.toHaveReceivedCommand(RegisterTargetsCommand);
    const placement = await elbctl(['targets', 'register', 'ips', '10.9.0.5', '203.0.113.9@all']);
    expect(placement.stderr).toBe(
      [
        'error: target "10.9.0.5": outside vpc-0abc1234 (10.0.0.0/16); behind an application load balancer an address outside the VPC needs @all, e.g. 10.9.0.5@all',
        'error: target "203.0.113.9@all": outside vpc-0abc1234 and publicly routable; an IP target outside the VPC must be a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)',
        '',
      ].join('\n'),
    );
    expect(placement.code).toBe(64);
    expect(elbv2).not.toHaveReceivedCommand(RegisterTargetsCommand);
  });

  it('GIVEN instances that do not exist WHEN registered THEN exits 64 naming every one, before any write', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    const r = await elbctl(['targets', 'register', 'api', 'i-0abc1234', 'i-0def5678']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 64,
      stderr:
        'error: instances "i-0abc1234", "i-0def5678": do not exist in this account and region; check the IDs (`aws ec2 describe-instances`)\n',
    });
    expect(ec2).toHaveReceivedCommandWith(DescribeInstancesCommand, {
      Filters: [{ Name: 'instance-id', Values: ['i-0abc1234', 'i-0def5678'] }],
    });
    expect(elbv2).not.toHaveReceivedCommand(RegisterTargetsCommand);
  });

  it('GIVEN a lambda target group WHEN its function is registered THEN sends only the Id', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    const r = await elbctl(['targets', 'register', 'fn', LAMBDA]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(RegisterTargetsCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('fn'),
      Targets: [{ Id: LAMBDA }],
    });
  });

  it('GIVEN 1001 targets WHEN registered THEN they go in two calls of 1000 and 1', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    const ips = Array.from({ length: 1001 }, (_, i) => `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`);

    const r = await elbctl(['targets', 'register', 'ips', ...ips]);

    expect(r.code).toBe(0);
    const calls = elbv2.commandCalls(RegisterTargetsCommand).map((c) => c.args[0].input.Targets ?? []);
    expect(calls.map((t) => t.length)).toEqual([1000, 1]);
    expect(calls.flat().map((t) => t.Id)).toEqual(ips);
  });

  it('GIVEN the second chunk fails WHEN registering THEN exits 1 saying how many were registered', async () => {
    elbv2
      .on(RegisterTargetsCommand)
      .resolvesOnce({})
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    const ips = Array.from({ length: 1001 }, (_, i) => `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`);

    const r = await elbctl(['targets', 'register', 'ips', ...ips]);

    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '✗ registered 1000 of 1001 targets with "ips" before the failure; re-running registers the rest',
    );
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetHealthCommand);
  });

  it.each<[string[], string]>([
    [
      ['i-123'],
      'target "i-123": "i-123" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0',
    ],
    [['10.0.1.5:99999'], 'target "10.0.1.5:99999": port "99999" must be a whole number from 1 to 65535'],
    [
      ['i-0abc1234@us-east-1a'],
      'target "i-0abc1234@us-east-1a": an instance target takes no zone (AWS uses the instance\'s own); drop "@us-east-1a"',
    ],
    [
      ['10.0.1.5@us-east-1'],
      'target "10.0.1.5@us-east-1": "us-east-1" is a region, not a zone; name a zone such as us-east-1a, or all',
    ],
    [[`${LAMBDA}@all`], `target "${LAMBDA}@all": a lambda function takes no zone; drop "@all"`],
    [['10.0.1.5', '10.0.1.5'], 'target "10.0.1.5": listed twice; list each target once'],
    [['web-1'], 'target "web-1": not an instance ID, IP address, lambda function ARN or application load balancer ARN'],
  ])('GIVEN the specs %j WHEN registered THEN exits 64 with "%s" and makes no AWS call', async (specs, message) => {
    const r = await elbctl(['targets', 'register', 'api', ...specs]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN several bad specs WHEN registered THEN every one is named at once', async () => {
    const r = await elbctl(['targets', 'register', 'api', 'i-1', 'i-0abc1234', '10.0.0.1:0']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      [
        'error: target "i-1": "i-1" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0',
        'error: target "10.0.0.1:0": port "0" must be a whole number from 1 to 65535',
        '',
      ].join('\n'),
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it.each<[string, string[], string]>([
    [
      'api',
      ['10.0.1.5'],
      'target "10.0.1.5": is an IP address, but target group "api" (target type instance) takes instance IDs such as i-0123456789abcdef0; register matching targets or use a target group of type ip',
    ],
    [
      'ips',
      ['i-0abc1234'],
      'target "i-0abc1234": is an instance, but target group "ips" (target type ip) takes IP addresses such as 10.0.1.5; register matching targets or use a target group of type instance',
    ],
    [
      'fn',
      [LAMBDA, `${LAMBDA}:live`],
      'targets: 2 lambda functions given, but a lambda target group takes exactly one; register one function',
    ],
    [
      'api',
      ['i-0abc1234', 'i-0abc1234:80'],
      'target "i-0abc1234:80": the same target as "i-0abc1234" (target group "api" uses port 80 by default); list each target once',
    ],
  ])(
    'GIVEN target group %s and %j WHEN registered THEN exits 64 after the one describe, with no write',
    async (tg, specs, message) => {
      const r = await elbctl(['targets', 'register', tg, ...specs]);
      expect(r.code).toBe(64);
      expect(r.stderr).toBe(`error: ${message}\n`);
      expect(elbv2.calls()).toHaveLength(1);
      expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
    },
  );

  it('GIVEN @all on an instance target group WHEN registered THEN the target kind is refused before anything is written', async () => {
    const r = await elbctl(['targets', 'register', 'api', '10.0.1.5@all']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'target "10.0.1.5@all": is an IP address, but target group "api" (target type instance)',
    );
    expect(elbv2).not.toHaveReceivedCommand(RegisterTargetsCommand);
  });

  it('GIVEN an unknown target group WHEN registering THEN exits 1 naming it, with no write', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['nope'] })
      .rejects(Object.assign(new Error('nf'), { name: 'TargetGroupNotFoundException' }));
    const r = await elbctl(['targets', 'register', 'nope', 'i-0abc1234']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: target group "nope": not found');
    expect(elbv2).not.toHaveReceivedCommand(RegisterTargetsCommand);
  });

  it('GIVEN AWS refuses a target WHEN registering THEN exits 1 with its message', async () => {
    elbv2.on(RegisterTargetsCommand).rejects(
      Object.assign(new Error('The following targets are not in a running state'), {
        name: 'InvalidTargetException',
      }),
    );
    const r = await elbctl(['targets', 'register', 'api', 'i-0abc1234']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ could not register targets with "api"');
    expect(r.stderr).toContain(
      'error: register targets: target not found (the following targets are not in a running state)',
    );
  });
});
