import {
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const TG_ARN = `${ACCOUNT}:targetgroup/api/6d0ecf831eec9f09`;
const LB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const VPC = 'vpc-0abc1234';

const sdkTg = (extra: Partial<SdkTargetGroup> = {}): SdkTargetGroup => ({
  TargetGroupName: 'api',
  TargetGroupArn: TG_ARN,
  Protocol: 'HTTP',
  Port: 8080,
  VpcId: VPC,
  TargetType: 'instance',
  LoadBalancerArns: [],
  HealthCheckEnabled: true,
  ...extra,
});
const tgNotFound = () =>
  Object.assign(new Error('One or more target groups not found'), { name: 'TargetGroupNotFoundException' });

beforeEach(() => {
  elbv2.reset();
  // No resource carries tags unless a test says so.
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
  ec2.reset();
  // Every VPC the tests name exists (the command checks before it creates).
  ec2.on(DescribeVpcsCommand).callsFake((input: { Filters?: Array<{ Values?: string[] }> }) => ({
    Vpcs: (input.Filters?.[0]?.Values ?? []).map((id) => ({ VpcId: id, CidrBlock: '10.0.0.0/16' })),
  }));
});

describe('tg create', () => {
  it('GIVEN a new HTTP target group with a full health check WHEN created THEN observes by name, then creates once with exactly those settings', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2.on(CreateTargetGroupCommand).resolves({ TargetGroups: [sdkTg()] });

    const r = await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'HTTP',
      '--port',
      '8080',
      '--vpc',
      VPC,
      '--health-path',
      '/healthz',
      '--health-interval',
      '15',
      '--health-timeout',
      '5',
      '--healthy-threshold',
      '3',
      '--unhealthy-threshold',
      '2',
      '--matcher',
      '200-299',
      '--health-port',
      'traffic-port',
      '--tag',
      'team=api',
    ]);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { Names: ['api'] });
    expect(elbv2).toHaveReceivedCommandTimes(CreateTargetGroupCommand, 1);
    expect(elbv2.commandCalls(CreateTargetGroupCommand)[0]?.args[0].input).toEqual({
      Name: 'api',
      TargetType: 'instance',
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: VPC,
      HealthCheckPort: 'traffic-port',
      HealthCheckPath: '/healthz',
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200-299' },
      Tags: [{ Key: 'team', Value: 'api' }],
    });
    expect(elbv2.calls()).toHaveLength(2);
    expect(r.json()).toEqual({
      name: 'api',
      arn: TG_ARN,
      protocol: 'HTTP',
      port: 8080,
      targetType: 'instance',
      vpcId: VPC,
      loadBalancers: [],
      tags: { team: 'api' },
      stack: null,
    });
    expect(r.stderr).toBe(
      '… creating target group "api" (HTTP:8080 in vpc-0abc1234, instance targets)\n✓ created target group "api"\n',
    );
  });

  it('GIVEN only the required flags WHEN created THEN sends no health check settings (AWS defaults apply)', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2
      .on(CreateTargetGroupCommand)
      .resolves({ TargetGroups: [sdkTg({ Protocol: 'TCP', Port: 443, TargetType: 'ip' })] });
    const r = await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'TCP',
      '--port',
      '443',
      '--vpc',
      VPC,
      '--target-type',
      'ip',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateTargetGroupCommand)[0]?.args[0].input).toEqual({
      Name: 'api',
      TargetType: 'ip',
      Protocol: 'TCP',
      Port: 443,
      VpcId: VPC,
    });
  });

  it('GIVEN --target-control-port 3000 on an HTTP target group WHEN created THEN CreateTargetGroup sends TargetControlPort', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2.on(CreateTargetGroupCommand).resolves({ TargetGroups: [sdkTg({ TargetControlPort: 3000 })] });
    const r = await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'HTTP',
      '--port',
      '8080',
      '--vpc',
      VPC,
      '--target-control-port',
      '3000',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateTargetGroupCommand)[0]?.args[0].input).toEqual({
      Name: 'api',
      TargetType: 'instance',
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: VPC,
      TargetControlPort: 3000,
    });
  });

  it.each<[string[], string]>([
    [
      ['--protocol', 'TCP', '--port', '443', '--target-control-port', '3000'],
      'target group "api": a target control port (the target optimizer\'s agent) is for HTTP/HTTPS target groups of instance or ip targets behind an application load balancer; remove --target-control-port',
    ],
    [
      ['--protocol', 'HTTP', '--port', '80', '--target-control-port', '70000'],
      'target control port "70000": must be a whole number from 1 to 65535',
    ],
  ])('GIVEN %j WHEN created THEN exits 64 with "%s" and no AWS call', async (flags, message) => {
    const r = await elbctl(['tg', 'create', 'api', '--vpc', VPC, ...flags]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN --protocol-version grpc, --ip-address-type ipv6 and gRPC codes WHEN created THEN CreateTargetGroup sends ProtocolVersion, IpAddressType and the matcher as GrpcCode', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2
      .on(CreateTargetGroupCommand)
      .resolves({ TargetGroups: [sdkTg({ ProtocolVersion: 'GRPC', IpAddressType: 'ipv6', TargetType: 'ip' })] });
    const r = await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'HTTP',
      '--port',
      '50051',
      '--vpc',
      VPC,
      '--target-type',
      'ip',
      '--protocol-version',
      'grpc',
      '--ip-address-type',
      'IPv6',
      '--matcher',
      '0-99',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateTargetGroupCommand)[0]?.args[0].input).toEqual({
      Name: 'api',
      TargetType: 'ip',
      Protocol: 'HTTP',
      Port: 50051,
      VpcId: VPC,
      ProtocolVersion: 'GRPC',
      IpAddressType: 'ipv6',
      Matcher: { GrpcCode: '0-99' },
    });
  });

  it.each<[string[], string]>([
    [
      ['--protocol', 'HTTP', '--port', '80', '--protocol-version', 'HTTP3'],
      'protocol version "HTTP3": unknown; use HTTP1, HTTP2 or GRPC',
    ],
    [
      ['--protocol', 'HTTP', '--port', '80', '--target-type', 'ip', '--ip-address-type', 'dualstack'],
      'IP address type "dualstack": unknown; use ipv4 or ipv6',
    ],
    [
      ['--protocol', 'HTTP', '--port', '80', '--protocol-version', 'GRPC', '--matcher', '200'],
      'health check matcher "200": a GRPC target group takes gRPC codes from 0 to 99, such as 0, 0,12 or 0-99',
    ],
  ])('GIVEN %j WHEN created THEN exits 64 with "%s" and no AWS call', async (flags, message) => {
    const r = await elbctl(['tg', 'create', 'api', '--vpc', VPC, ...flags]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN a TCP target group with an HTTP health check WHEN created THEN the path and matcher are allowed', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2.on(CreateTargetGroupCommand).resolves({ TargetGroups: [sdkTg({ Protocol: 'TCP', Port: 443 })] });
    const r = await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'TCP',
      '--port',
      '443',
      '--vpc',
      VPC,
      '--health-protocol',
      'HTTP',
      '--health-path',
      '/ping',
      '--health-port',
      '8081',
      '--matcher',
      '200',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(CreateTargetGroupCommand, {
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/ping',
      HealthCheckPort: '8081',
      Matcher: { HttpCode: '200' },
    });
  });

  it('GIVEN alb targets behind an NLB WHEN created THEN the TCP target group takes an HTTP health path', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2
      .on(CreateTargetGroupCommand)
      .resolves({ TargetGroups: [sdkTg({ Protocol: 'TCP', Port: 80, TargetType: 'alb' })] });
    const r = await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'TCP',
      '--port',
      '80',
      '--vpc',
      VPC,
      '--target-type',
      'alb',
      '--health-path',
      '/up',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateTargetGroupCommand)[0]?.args[0].input).toEqual({
      Name: 'api',
      TargetType: 'alb',
      Protocol: 'TCP',
      Port: 80,
      VpcId: VPC,
      HealthCheckPath: '/up',
    });
  });

  it('GIVEN a lambda target group WHEN created THEN sends neither protocol, port nor VPC', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2.on(CreateTargetGroupCommand).resolves({
      TargetGroups: [
        sdkTg({ TargetGroupName: 'fn', TargetType: 'lambda', Protocol: undefined, Port: undefined, VpcId: undefined }),
      ],
    });
    const r = await elbctl(['tg', 'create', 'fn', '--target-type', 'lambda', '--health-path', '/']);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateTargetGroupCommand)[0]?.args[0].input).toEqual({
      Name: 'fn',
      TargetType: 'lambda',
      HealthCheckPath: '/',
    });
    expect(r.json()).toEqual({
      name: 'fn',
      arn: TG_ARN,
      protocol: null,
      port: null,
      targetType: 'lambda',
      vpcId: null,
      loadBalancers: [],
      tags: {},
      stack: null,
    });
  });

  it('GIVEN the name exists with the same settings WHEN created THEN says so, writes nothing and returns it with load balancer names', async () => {
    elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [sdkTg({ LoadBalancerArns: [LB_ARN] })] });
    elbv2.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: LB_ARN, Type: 'application' }],
    });
    const r = await elbctl(['tg', 'create', 'api', '--protocol', 'HTTP', '--port', '8080', '--vpc', VPC]);
    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(CreateTargetGroupCommand);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerArns: [LB_ARN] });
    expect(r.stderr).toBe('target group "api" already exists with these settings; nothing to create\n');
    expect(r.json()).toMatchObject({ name: 'api', arn: TG_ARN, loadBalancers: ['web'] });
  });

  it.each([
    [['--protocol', 'HTTPS', '--port', '8080', '--vpc', VPC], '(HTTP:8080 in vpc-0abc1234, instance targets)'],
    [['--protocol', 'HTTP', '--port', '80', '--vpc', VPC], '(HTTP:8080 in vpc-0abc1234, instance targets)'],
    [
      ['--protocol', 'HTTP', '--port', '8080', '--vpc', 'vpc-0def5678'],
      '(HTTP:8080 in vpc-0abc1234, instance targets)',
    ],
    [
      ['--protocol', 'HTTP', '--port', '8080', '--vpc', VPC, '--target-type', 'ip'],
      '(HTTP:8080 in vpc-0abc1234, instance targets)',
    ],
  ])(
    'GIVEN the name exists with other settings WHEN created with %j THEN exits 1 naming the existing ones, with no write',
    async (args, existing) => {
      elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [sdkTg()] });
      const r = await elbctl(['tg', 'create', 'api', ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `error: target group "api": already exists with other settings ${existing}\n` +
          'hint: choose another name, or delete the existing one first with `elbctl tg delete`\n',
      );
      expect(elbv2).not.toHaveReceivedCommand(CreateTargetGroupCommand);
    },
  );

  const ok = ['--protocol', 'HTTP', '--port', '80', '--vpc', VPC];
  it.each([
    [['web_prod', ...ok], 'target group name "web_prod": underscores are not allowed; use letters, digits and hyphens'],
    [
      ['a'.repeat(33), ...ok],
      `target group name "${'a'.repeat(33)}": is 33 characters, the limit is 32; use a shorter name`,
    ],
    [['api-', ...ok], 'target group name "api-": must not begin or end with a hyphen; remove the hyphen'],
    [['api', ...ok, '--target-type', 'container'], 'target type "container": unknown; use instance, ip, lambda or alb'],
    [
      ['api', '--protocol', 'ftp', '--port', '80', '--vpc', VPC],
      'protocol "ftp": unknown; use HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, QUIC, TCP_QUIC or GENEVE',
    ],
    [['api', '--protocol', 'HTTP', '--port', '0', '--vpc', VPC], 'port "0": must be a whole number from 1 to 65535'],
    [
      ['api', '--protocol', 'HTTP', '--port', '65536', '--vpc', VPC],
      'port "65536": must be a whole number from 1 to 65535',
    ],
    [
      ['api', '--protocol', 'HTTP', '--port', '80abc', '--vpc', VPC],
      'port "80abc": must be a whole number from 1 to 65535',
    ],
    [
      ['api', '--protocol', 'HTTP', '--port', '8e1', '--vpc', VPC],
      'port "8e1": must be a whole number from 1 to 65535',
    ],
    [
      ['api', '--protocol', 'HTTP', '--port', '80', '--vpc', 'vpc-zz'],
      'VPC "vpc-zz": not a VPC ID; use an ID such as vpc-0123456789abcdef0',
    ],
    [
      ['api', '--port', '80', '--vpc', VPC],
      'target group "api": protocol is required for instance targets; add --protocol HTTP',
    ],
    [
      ['api', '--protocol', 'HTTP', '--vpc', VPC],
      'target group "api": port is required for instance targets; add --port 80',
    ],
    [
      ['api', '--protocol', 'HTTP', '--port', '80'],
      'target group "api": vpc is required for instance targets; add --vpc vpc-0123456789abcdef0',
    ],
    [
      ['fn', '--target-type', 'lambda', '--port', '80', '--vpc', VPC],
      'target group "fn": a lambda target group has no port; remove --port\nerror: target group "fn": a lambda target group has no vpc; remove --vpc',
    ],
    [
      ['fn', '--target-type', 'lambda', '--protocol', 'HTTP'],
      'target group "fn": a lambda target group has no protocol; remove --protocol',
    ],
    [
      ['api', '--protocol', 'HTTP', '--port', '80', '--vpc', VPC, '--target-type', 'alb'],
      'target group "api": a target group of type alb sends TCP to an application load balancer; use --protocol TCP',
    ],
    [['api', ...ok, '--health-interval', '4'], 'health check interval "4": must be a whole number from 5 to 300'],
    [['api', ...ok, '--health-interval', '301'], 'health check interval "301": must be a whole number from 5 to 300'],
    [['api', ...ok, '--health-interval', 'ten'], 'health check interval "ten": must be a whole number from 5 to 300'],
    [['api', ...ok, '--health-timeout', '1'], 'health check timeout "1": must be a whole number from 2 to 120'],
    [
      ['api', ...ok, '--health-timeout', '121', '--health-interval', '300'],
      'health check timeout "121": must be a whole number from 2 to 120',
    ],
    [
      ['api', ...ok, '--health-timeout', '10', '--health-interval', '10'],
      'health check timeout "10": must be less than the interval (10); lower the timeout or raise the interval',
    ],
    [
      ['api', ...ok, '--health-timeout', '30'],
      'health check timeout "30": must be less than the interval (30 by default); lower the timeout or set a longer --health-interval',
    ],
    [['api', ...ok, '--healthy-threshold', '1'], 'healthy threshold "1": must be a whole number from 2 to 10'],
    [['api', ...ok, '--healthy-threshold', '11'], 'healthy threshold "11": must be a whole number from 2 to 10'],
    [['api', ...ok, '--unhealthy-threshold', '2.5'], 'unhealthy threshold "2.5": must be a whole number from 2 to 10'],
    [['api', ...ok, '--matcher', '100'], 'health check matcher "100": codes must be from 200 to 499, low to high'],
    [
      ['api', ...ok, '--matcher', '200-500'],
      'health check matcher "200-500": codes must be from 200 to 499, low to high',
    ],
    [['api', ...ok, '--matcher', 'ok'], 'health check matcher "ok": use HTTP codes such as 200, 200,202 or 200-299'],
    [
      ['api', '--protocol', 'TCP', '--port', '80', '--vpc', VPC, '--matcher', '200'],
      'target group "api": a TCP health check has no matcher; remove --matcher or pass --health-protocol HTTP',
    ],
    [['api', ...ok, '--health-path', 'healthz'], 'health check path "healthz": must begin with "/"; write "/healthz"'],
    [
      ['api', '--protocol', 'UDP', '--port', '53', '--vpc', VPC, '--health-path', '/'],
      'target group "api": a TCP health check has no path; remove --health-path or pass --health-protocol HTTP',
    ],
    [
      ['api', ...ok, '--health-protocol', 'HTTP', '--health-port', 'traffic'],
      'health check port "traffic": use traffic-port or a port from 1 to 65535',
    ],
    [['api', ...ok, '--health-port', '70000'], 'health check port "70000": use traffic-port or a port from 1 to 65535'],
    [['api', ...ok, '--health-protocol', 'UDP'], 'health check protocol "UDP": unknown; use HTTP, HTTPS or TCP'],
    [
      ['api', ...ok, '--health-protocol', 'TCP'],
      'target group "api": an HTTP target group checks health over HTTP or HTTPS; use HTTP or HTTPS',
    ],
    [['api', ...ok, '--tag', 'team'], 'tag "team": write it as KEY=VALUE'],
    [
      ['api', ...ok, '--tag', 'aws:owner=me'],
      'tag key "aws:owner": the "aws:" prefix is reserved by AWS; choose another key',
    ],
  ])(
    'GIVEN invalid input %j WHEN created THEN exits 64 with exactly "%s" and makes no AWS call',
    async (args, message) => {
      const r = await elbctl(['tg', 'create', ...args]);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: ${message}\n`);
      expect(elbv2.calls()).toHaveLength(0);
    },
  );

  it('GIVEN several problems WHEN created THEN reports every one of them at once, with no AWS call', async () => {
    const r = await elbctl(['tg', 'create', 'api_1', '--port', 'x', '--health-interval', '2', '--matcher', '600']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      [
        'error: target group name "api_1": underscores are not allowed; use letters, digits and hyphens',
        'error: port "x": must be a whole number from 1 to 65535',
        'error: target group "api_1": protocol is required for instance targets; add --protocol HTTP',
        'error: target group "api_1": vpc is required for instance targets; add --vpc vpc-0123456789abcdef0',
        'error: health check interval "2": must be a whole number from 5 to 300',
        'error: health check matcher "600": codes must be from 200 to 599, low to high',
        '',
      ].join('\n'),
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN enum words in lower case WHEN created THEN they are accepted and sent in AWS case, with no second message', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2.on(CreateTargetGroupCommand).resolves({ TargetGroups: [sdkTg({})] });
    const r = await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'http',
      '--port',
      '80',
      '--vpc',
      VPC,
      '--target-type',
      'Instance',
      '--health-protocol',
      'https',
      '--health-path',
      '/health',
    ]);
    expect({ code: r.code, errors: r.stderr.split('\n').filter((l) => l.startsWith('error')) }).toEqual({
      code: 0,
      errors: [],
    });
    expect(elbv2).toHaveReceivedCommandWith(CreateTargetGroupCommand, {
      Protocol: 'HTTP',
      TargetType: 'instance',
      HealthCheckProtocol: 'HTTPS',
      HealthCheckPath: '/health',
    });
  });

  it('GIVEN AWS rejects the create WHEN created THEN exits 1 and says what failed', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(tgNotFound());
    elbv2
      .on(CreateTargetGroupCommand)
      .rejects(Object.assign(new Error('Too many target groups'), { name: 'TooManyTargetGroupsException' }));
    const r = await elbctl(['tg', 'create', 'api', ...ok]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ could not create target group "api"\n');
    expect(r.stderr).toContain(
      'error: create target group "api": an AWS quota was reached (TooManyTargetGroupsException: too many target groups)',
    );
  });

  it('GIVEN a VPC that does not exist WHEN a target group is created in it THEN exits 64 naming it, with no write', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    const r = await elbctl(['tg', 'create', 'api', ...ok]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 64,
      stderr: `error: VPC "${VPC}": does not exist in this account and region; check the ID (\`aws ec2 describe-vpcs\`)\n`,
    });
    expect(ec2).toHaveReceivedCommandWith(DescribeVpcsCommand, { Filters: [{ Name: 'vpc-id', Values: [VPC] }] });
    expect(elbv2).not.toHaveReceivedCommand(CreateTargetGroupCommand);
  });
});
