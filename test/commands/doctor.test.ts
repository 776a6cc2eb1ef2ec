import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Instance,
  type InstanceStateName,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  type TargetGroup,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeInstanceHealthCommand,
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { mockClient } from 'aws-sdk-client-mock';
import { HEALTH_REASON_HINTS } from '../../src/core/health-reasons';
import { elbctl } from '../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);
const classic = mockClient(ElasticLoadBalancingClient);
/** The Classic API's answer for a name it does not know. */
const noClassic = () =>
  Object.assign(new Error('There is no ACTIVE Load Balancer named'), {
    name: 'AccessPointNotFoundException',
    Code: 'LoadBalancerNotFound',
  });

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const NLB_ARN = `${ACCOUNT}:loadbalancer/net/edge/0123456789abcdef`;
const TG_ARN = `${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067`;
const LISTENER_ARN = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;

const notFound = (name: string) => Object.assign(new Error('not found'), { name });

const sdkLb = (extra: Partial<LoadBalancer> = {}): LoadBalancer => ({
  LoadBalancerName: 'web',
  LoadBalancerArn: LB_ARN,
  Type: 'application',
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  VpcId: 'vpc-0abc',
  SecurityGroups: ['sg-0lb'],
  AvailabilityZones: [
    { ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa' },
    { ZoneName: 'us-east-1b', SubnetId: 'subnet-0bbb' },
  ],
  ...extra,
});

const sdkTg = (extra: Partial<TargetGroup> = {}): TargetGroup => ({
  TargetGroupName: 'api',
  TargetGroupArn: TG_ARN,
  Protocol: 'HTTP',
  Port: 8080,
  TargetType: 'instance',
  VpcId: 'vpc-0abc',
  LoadBalancerArns: [LB_ARN],
  HealthCheckEnabled: true,
  HealthCheckProtocol: 'HTTP',
  HealthCheckPort: 'traffic-port',
  HealthCheckPath: '/healthz',
  HealthCheckIntervalSeconds: 30,
  HealthCheckTimeoutSeconds: 5,
  HealthyThresholdCount: 5,
  UnhealthyThresholdCount: 2,
  Matcher: { HttpCode: '200' },
  ...extra,
});

const healthy = (
  id: string,
  extra: Partial<TargetHealthDescription['TargetHealth']> = {},
): TargetHealthDescription => ({
  Target: { Id: id, Port: 8080 },
  TargetHealth: { State: 'healthy', ...extra },
});

const sdkInstance = (id: string, zone: string, subnet: string, state: InstanceStateName = 'running'): Instance => ({
  InstanceId: id,
  State: { Name: state },
  VpcId: 'vpc-0abc',
  SubnetId: subnet,
  Placement: { AvailabilityZone: zone },
  PrivateIpAddress: zone.endsWith('a') ? '10.0.1.10' : '10.0.2.10',
  SecurityGroups: [{ GroupId: 'sg-0app' }],
});

const OPEN = {
  GroupId: 'sg-0app',
  GroupName: 'app',
  VpcId: 'vpc-0abc',
  IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-0lb' }] }],
};

/** An ALB `web` forwarding HTTP:80 to target group `api` with two healthy, open, running instances. */
function healthySetup(): void {
  elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({ LoadBalancers: [sdkLb()] });
  elbv2.on(DescribeTargetGroupsCommand, { Names: ['web'] }).rejects(notFound('TargetGroupNotFoundException'));
  elbv2.on(DescribeTargetGroupsCommand, { LoadBalancerArn: LB_ARN }).resolves({ TargetGroups: [sdkTg()] });
  elbv2.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [LB_ARN] }).resolves({ LoadBalancers: [sdkLb()] });
  elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [healthy('i-0aaa'), healthy('i-0bbb')] });
  elbv2
    .on(DescribeTargetGroupAttributesCommand)
    .resolves({ Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'use_load_balancer_configuration' }] });
  elbv2.on(DescribeListenersCommand).resolves({
    Listeners: [
      {
        ListenerArn: LISTENER_ARN,
        LoadBalancerArn: LB_ARN,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: TG_ARN }],
      },
    ],
  });
  elbv2.on(DescribeRulesCommand).resolves({
    Rules: [
      {
        RuleArn: `${LISTENER_ARN}/default`,
        Priority: 'default',
        IsDefault: true,
        Conditions: [],
        Actions: [{ Type: 'forward', TargetGroupArn: TG_ARN }],
      },
    ],
  });
  ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      { SubnetId: 'subnet-0aaa', VpcId: 'vpc-0abc', AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.1.0/24' },
      { SubnetId: 'subnet-0bbb', VpcId: 'vpc-0abc', AvailabilityZone: 'us-east-1b', CidrBlock: '10.0.2.0/24' },
    ],
  });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0abc', CidrBlock: '10.0.0.0/16' }] });
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          sdkInstance('i-0aaa', 'us-east-1a', 'subnet-0aaa'),
          sdkInstance('i-0bbb', 'us-east-1b', 'subnet-0bbb'),
        ],
      },
    ],
  });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [OPEN] });
}

beforeEach(() => {
  elbv2.reset();
  ec2.reset();
  classic.reset();
  // A bare name is looked up as a Classic load balancer too (a name both kinds hold is refused).
  classic.on(DescribeClassicCommand).rejects(noClassic());
});

interface Report {
  target: string;
  kind: string;
  arn: string;
  targetGroups: Array<{
    name: string;
    loadBalancers: string[];
    targets: Array<{
      id: string;
      state: string;
      reason: string | null;
      hint: string | null;
      availabilityZone: string | null;
    }>;
  }>;
  checks: Array<{ name: string; status: string; detail: string; fix: string | null }>;
  summary: { pass: number; warn: number; fail: number };
}

describe('doctor on a load balancer', () => {
  it('GIVEN a healthy ALB WHEN diagnosed THEN reads (never writes) what the checks need, every check passes, exit 0', async () => {
    healthySetup();

    const r = await elbctl(['doctor', 'web']);

    expect(r.code).toBe(0);
    const report = r.json<Report>();
    expect(report).toMatchObject({
      target: 'web',
      kind: 'load-balancer',
      arn: LB_ARN,
      summary: { pass: 7, warn: 0, fail: 0 },
    });
    expect(report.targetGroups).toEqual([
      {
        name: 'api',
        arn: TG_ARN,
        protocol: 'HTTP',
        port: 8080,
        targetType: 'instance',
        loadBalancers: ['web'],
        targets: [
          {
            id: 'i-0aaa',
            port: 8080,
            availabilityZone: 'us-east-1a',
            state: 'healthy',
            reason: null,
            description: null,
            hint: 'receiving traffic',
          },
          {
            id: 'i-0bbb',
            port: 8080,
            availabilityZone: 'us-east-1b',
            state: 'healthy',
            reason: null,
            description: null,
            hint: 'receiving traffic',
          },
        ],
      },
    ]);
    expect(ec2).toHaveReceivedCommandWith(DescribeInstancesCommand, {
      Filters: [{ Name: 'instance-id', Values: ['i-0aaa', 'i-0bbb'] }],
    });
    expect(ec2).toHaveReceivedCommandWith(DescribeSecurityGroupsCommand, {
      Filters: [{ Name: 'group-id', Values: ['sg-0app'] }],
    });
    expect(ec2).toHaveReceivedCommandWith(DescribeSubnetsCommand, {
      Filters: [{ Name: 'subnet-id', Values: ['subnet-0aaa', 'subnet-0bbb'] }],
    });
    expect(elbv2).toHaveReceivedCommandWith(DescribeRulesCommand, { ListenerArn: LISTENER_ARN });
    // an ALB's cross-zone is always on: its attributes are not read
    expect(elbv2).not.toHaveReceivedCommand(DescribeLoadBalancerAttributesCommand);
    const operations = [...elbv2.calls(), ...ec2.calls()].map(
      (c) => (c.args[0] as { constructor: { name: string } }).constructor.name,
    );
    expect(operations.every((o) => /^Describe/.test(o))).toBe(true);
    expect(classic).toHaveReceivedCommandWith(DescribeClassicCommand, { LoadBalancerNames: ['web'] });
  });

  it('GIVEN a healthy ALB WHEN shown as a table THEN targets with their hints, then every check with a mark', async () => {
    healthySetup();
    const r = await elbctl(['doctor', 'web', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'targets of api (HTTP:8080) · web',
        'TARGET  PORT  ZONE        STATE    REASON  HINT',
        'i-0aaa  8080  us-east-1a  healthy  -       receiving traffic',
        'i-0bbb  8080  us-east-1b  healthy  -       receiving traffic',
        '',
        'checks',
        '✓ api/target-health  all 2 targets healthy',
        '✓ api/in-use  forwarded to by web:80 default action',
        '✓ api/health-check  HTTP /healthz on traffic-port, matcher 200, every 30 s (timeout 5 s)',
        '✓ api/instance-state  every instance target is running (2 instances)',
        "✓ api/traffic-port  every target's security groups admit the load balancer's security group (sg-0lb) for traffic and health checks on tcp 8080",
        '✓ api/zones  every target is in a zone web has enabled (us-east-1a, us-east-1b)',
        "✓ api/cross-zone  cross-zone load balancing is on (always on for an application load balancer unless a target group turns it off): each zone's node sends to targets in every zone",
        '',
        '0 failed, 0 warnings, 7 passed',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN the target security group admits nothing on 8080 WHEN diagnosed THEN exit 1, the check fails with the command, and the symptom points at it', async () => {
    healthySetup();
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        healthy('i-0aaa', { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' }),
        healthy('i-0bbb', { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' }),
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ ...OPEN, IpPermissions: [] }] });

    const r = await elbctl(['doctor', 'web', '-o', 'table']);

    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `i-0aaa  8080  us-east-1a  unhealthy  Target.Timeout  ${HEALTH_REASON_HINTS['Target.Timeout']}`,
    );
    expect(r.stdout).toContain(
      '✗ api/target-health  2 of 2 targets not healthy: i-0aaa:8080 unhealthy (Target.Timeout), i-0bbb:8080 unhealthy (Target.Timeout)\n    fix: fix api/traffic-port (below)',
    );
    expect(r.stdout).toContain(
      '    fix: aws ec2 authorize-security-group-ingress --group-id sg-0app --protocol tcp --port 8080 --source-group sg-0lb\n',
    );
    expect(r.stdout).toContain('2 failed, 0 warnings, 5 passed');
  });

  it('GIVEN a load balancer without listeners or target groups WHEN diagnosed THEN a listeners check warns, with the fix, exit 0', async () => {
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({ LoadBalancers: [sdkLb()] });
    elbv2.on(DescribeTargetGroupsCommand, { Names: ['web'] }).rejects(notFound('TargetGroupNotFoundException'));
    elbv2
      .on(DescribeTargetGroupsCommand, { LoadBalancerArn: LB_ARN })
      .rejects(notFound('TargetGroupNotFoundException'));
    elbv2.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [LB_ARN] }).resolves({ LoadBalancers: [sdkLb()] });
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [] });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        { SubnetId: 'subnet-0aaa', VpcId: 'vpc-0abc', AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.1.0/24' },
        { SubnetId: 'subnet-0bbb', VpcId: 'vpc-0abc', AvailabilityZone: 'us-east-1b', CidrBlock: '10.0.2.0/24' },
      ],
    });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0abc', CidrBlock: '10.0.0.0/16' }] });

    const r = await elbctl(['doctor', 'web', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'web',
        'no target groups: no listener forwards anywhere yet',
        '',
        'checks',
        '! web/listeners  no listener: no traffic reaches this load balancer',
        '    fix: elbctl listener create web --protocol HTTP --port 80 --forward TARGET-GROUP',
        '',
        '0 failed, 1 warning, 0 passed',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN an NLB with cross-zone off and targets in one of two zones WHEN diagnosed THEN its attribute is read and cross-zone fails', async () => {
    const nlb = sdkLb({ LoadBalancerName: 'edge', LoadBalancerArn: NLB_ARN, Type: 'network', SecurityGroups: [] });
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['edge'] }).resolves({ LoadBalancers: [nlb] });
    elbv2.on(DescribeTargetGroupsCommand, { Names: ['edge'] }).rejects(notFound('TargetGroupNotFoundException'));
    elbv2.on(DescribeTargetGroupsCommand, { LoadBalancerArn: NLB_ARN }).resolves({
      TargetGroups: [
        sdkTg({
          Protocol: 'TCP',
          LoadBalancerArns: [NLB_ARN],
          HealthCheckProtocol: 'TCP',
          HealthCheckPath: undefined,
          Matcher: undefined,
        }),
      ],
    });
    elbv2.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [NLB_ARN] }).resolves({ LoadBalancers: [nlb] });
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [healthy('i-0aaa')] });
    elbv2.on(DescribeTargetGroupAttributesCommand).resolves({ Attributes: [] });
    elbv2
      .on(DescribeLoadBalancerAttributesCommand)
      .resolves({ Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'false' }] });
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        {
          ListenerArn: `${NLB_ARN.replace(':loadbalancer/', ':listener/')}/1`,
          LoadBalancerArn: NLB_ARN,
          Protocol: 'TCP',
          Port: 8080,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: TG_ARN }],
        },
      ],
    });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        { SubnetId: 'subnet-0aaa', VpcId: 'vpc-0abc', AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.1.0/24' },
        { SubnetId: 'subnet-0bbb', VpcId: 'vpc-0abc', AvailabilityZone: 'us-east-1b', CidrBlock: '10.0.2.0/24' },
      ],
    });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0abc', CidrBlock: '10.0.0.0/16' }] });
    ec2
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: [sdkInstance('i-0aaa', 'us-east-1a', 'subnet-0aaa')] }] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          ...OPEN,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      ],
    });

    const r = await elbctl(['doctor', 'edge']);

    expect(r.code).toBe(1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: NLB_ARN });
    expect(elbv2).not.toHaveReceivedCommand(DescribeRulesCommand);
    const report = r.json<Report>();
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([
      {
        name: 'api/cross-zone',
        status: 'fail',
        detail:
          "cross-zone load balancing is off (load balancer attribute load_balancing.cross_zone.enabled=false) and us-east-1b has no targets: the load balancer's node there has nowhere to send traffic",
        fix: 'register a target in us-east-1b (elbctl targets register api ID), or turn cross-zone on: elbctl lb cross-zone edge on',
      },
    ]);
  });
});

describe('doctor on a target group', () => {
  it('GIVEN a target group ARN WHEN diagnosed THEN it is read by ARN and its load balancer by the ARN it lists', async () => {
    healthySetup();
    elbv2.on(DescribeTargetGroupsCommand, { TargetGroupArns: [TG_ARN] }).resolves({ TargetGroups: [sdkTg()] });
    const r = await elbctl(['doctor', TG_ARN]);
    expect(r.code).toBe(0);
    expect(r.json<Report>()).toMatchObject({ target: 'api', kind: 'target-group', arn: TG_ARN });
    expect(elbv2).not.toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { Names: ['web'] });
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerArns: [LB_ARN] });
  });

  it('GIVEN a name that is both a load balancer and a target group WHEN diagnosed THEN exit 64 listing both, and lb/NAME says which', async () => {
    healthySetup();
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['web'] })
      .resolves({ TargetGroups: [sdkTg({ TargetGroupName: 'web', TargetGroupArn: TG_ARN })] });
    const r = await elbctl(['doctor', 'web']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      `error: "web": names both a load balancer and a target group; say which: lb/web or tg/web\nhint: the load balancer is ${LB_ARN}; the target group is ${TG_ARN}\n`,
    );
    const named = await elbctl(['doctor', 'lb/web']);
    expect(named.code).toBe(0);
    expect(named.json<Report>().kind).toBe('load-balancer');
  });

  it('GIVEN a target group no listener uses WHEN diagnosed THEN the ALBs of its VPC are read to name the listener that could use it', async () => {
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['admin'] }).rejects(notFound('LoadBalancerNotFoundException'));
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['admin'] })
      .resolves({ TargetGroups: [sdkTg({ TargetGroupName: 'admin', LoadBalancerArns: [] })] });
    elbv2.on(DescribeLoadBalancersCommand, { PageSize: 400 }).resolves({
      LoadBalancers: [
        sdkLb(),
        sdkLb({
          LoadBalancerName: 'other-vpc',
          LoadBalancerArn: LB_ARN.replace('/web/', '/other-vpc/'),
          VpcId: 'vpc-0other',
        }),
      ],
    });
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    elbv2.on(DescribeTargetGroupAttributesCommand).resolves({ Attributes: [] });
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        {
          ListenerArn: LISTENER_ARN,
          LoadBalancerArn: LB_ARN,
          Protocol: 'HTTPS',
          Port: 443,
          DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
        },
      ],
    });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0abc', CidrBlock: '10.0.0.0/16' }] });

    const r = await elbctl(['doctor', 'admin']);

    expect(r.code).toBe(1);
    // only the candidate in the target group's VPC is read further; no subnet is needed
    expect(ec2).not.toHaveReceivedCommand(DescribeSubnetsCommand);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeListenersCommand, 1);
    expect(r.json<Report>().checks.find((c) => c.name === 'admin/in-use')).toEqual({
      name: 'admin/in-use',
      status: 'fail',
      detail:
        'no listener or rule forwards to admin, so its targets get no traffic and no health checks (Target.NotInUse); it could be used by web:443 (HTTPS)',
      fix: "elbctl rule add web:443 --path '/admin/*' --forward admin",
    });
  });

  it('GIVEN IP targets WHEN diagnosed THEN their network interfaces are looked up by address in the VPC for their security groups', async () => {
    healthySetup();
    elbv2
      .on(DescribeTargetGroupsCommand, { LoadBalancerArn: LB_ARN })
      .resolves({ TargetGroups: [sdkTg({ TargetType: 'ip' })] });
    elbv2
      .on(DescribeTargetHealthCommand)
      .resolves({ TargetHealthDescriptions: [healthy('10.0.1.5'), healthy('10.0.2.6')] });
    ec2.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-1',
          PrivateIpAddress: '10.0.1.5',
          Groups: [{ GroupId: 'sg-0app' }],
          AvailabilityZone: 'us-east-1a',
          SubnetId: 'subnet-0aaa',
        },
        {
          NetworkInterfaceId: 'eni-2',
          PrivateIpAddress: '10.0.2.6',
          Groups: [{ GroupId: 'sg-0app' }],
          AvailabilityZone: 'us-east-1b',
          SubnetId: 'subnet-0bbb',
        },
      ],
    });

    const r = await elbctl(['doctor', 'web']);

    expect(r.code).toBe(0);
    expect(ec2).toHaveReceivedCommandWith(DescribeNetworkInterfacesCommand, {
      Filters: [
        { Name: 'vpc-id', Values: ['vpc-0abc'] },
        { Name: 'addresses.private-ip-address', Values: ['10.0.1.5', '10.0.2.6'] },
      ],
    });
    expect(ec2).not.toHaveReceivedCommand(DescribeInstancesCommand);
    expect(r.json<Report>().checks.map((c) => c.name)).toEqual([
      'api/target-health',
      'api/in-use',
      'api/health-check',
      'api/ip-in-vpc',
      'api/traffic-port',
      'api/zones',
      'api/cross-zone',
    ]);
  });
});

describe('doctor explains every health reason', () => {
  const reasons = Object.keys(HEALTH_REASON_HINTS);
  const STATE: Record<string, string> = {
    'Elb.RegistrationInProgress': 'initial',
    'Elb.InitialHealthChecking': 'initial',
    'Target.DeregistrationInProgress': 'draining',
    'Target.NotRegistered': 'unused',
    'Target.NotInUse': 'unused',
    'Target.InvalidState': 'unused',
    'Target.IpUnusable': 'unused',
    'Target.HealthCheckDisabled': 'unavailable',
  };

  it('GIVEN one target per reason code WHEN diagnosed THEN each target carries the plain-language explanation of its reason, in JSON and in the table', async () => {
    healthySetup();
    const ids = reasons.map((_, i) => `i-0${String(i).padStart(3, '0')}`);
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: reasons.map((reason, i) =>
        healthy(ids[i] as string, {
          State: (STATE[reason] ?? 'unhealthy') as never,
          Reason: reason as never,
          Description: `described ${reason}`,
        }),
      ),
    });
    ec2
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: ids.map((id) => sdkInstance(id, 'us-east-1a', 'subnet-0aaa')) }] });

    const json = await elbctl(['doctor', 'web']);
    const table = await elbctl(['doctor', 'web', '-o', 'table']);

    expect(reasons).toHaveLength(12);
    const targets = json.json<Report>().targetGroups[0]?.targets ?? [];
    expect(targets.map((t) => [t.reason, t.hint])).toEqual(
      reasons.map((reason) => [reason, HEALTH_REASON_HINTS[reason]]),
    );
    const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const reason of reasons)
      expect(table.stdout).toMatch(
        new RegExp(`${escapeRegExp(reason)} +${escapeRegExp(HEALTH_REASON_HINTS[reason] as string)}\n`),
      );
    expect(json.code).toBe(1);
    const symptom = json.json<Report>().checks[0];
    expect(symptom?.name).toBe('api/target-health');
    for (const reason of ['Target.Timeout', 'Target.ResponseCodeMismatch', 'Target.NotInUse', 'Target.InvalidState'])
      expect(symptom?.detail).toContain(`(${reason})`);
  });
});

describe('doctor: naming what to check', () => {
  it('GIVEN a name that is neither WHEN diagnosed THEN exit 1 naming it, with a hint', async () => {
    elbv2.on(DescribeLoadBalancersCommand).rejects(notFound('LoadBalancerNotFoundException'));
    elbv2.on(DescribeTargetGroupsCommand).rejects(notFound('TargetGroupNotFoundException'));
    const r = await elbctl(['doctor', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: load balancer or target group "nope": not found\nhint: `elbctl lb list` and `elbctl tg list` show what exists; name a listener as LB:PORT, a rule as LB:PORT:PRIORITY\n',
    );
    expect(classic).toHaveReceivedCommandWith(DescribeClassicCommand, { LoadBalancerNames: ['nope'] });
  });

  const classicWeb = {
    LoadBalancerName: 'web',
    DNSName: 'web-1.us-east-1.elb.amazonaws.com',
    Scheme: 'internet-facing',
    VPCId: 'vpc-0abc',
    Subnets: ['subnet-0aaa', 'subnet-0bbb'],
    SecurityGroups: ['sg-0lb'],
    ListenerDescriptions: [
      {
        Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 },
        PolicyNames: [],
      },
    ],
    HealthCheck: { Target: 'HTTP:8080/healthz', Interval: 30, Timeout: 5, HealthyThreshold: 3, UnhealthyThreshold: 2 },
    Instances: [{ InstanceId: 'i-0aaa' }],
  };

  it('GIVEN a name that is both an ELBv2 and a Classic load balancer WHEN diagnosed THEN exit 64 naming lb/NAME and clb/NAME', async () => {
    healthySetup();
    classic.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [classicWeb] });
    classic.on(DescribeClassicTagsCommand).resolves({ TagDescriptions: [] });
    classic.on(DescribeLoadBalancerPoliciesCommand).resolves({ PolicyDescriptions: [] });
    classic.on(DescribeClassicAttributesCommand).resolves({ LoadBalancerAttributes: {} });
    const r = await elbctl(['doctor', 'web']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: "web": names both a Classic and an application load balancer; say which: clb/web or lb/web\n',
    );
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN a name only a Classic load balancer has WHEN diagnosed THEN its instances and security groups go through the same checks', async () => {
    elbv2.on(DescribeLoadBalancersCommand).rejects(notFound('LoadBalancerNotFoundException'));
    elbv2.on(DescribeTargetGroupsCommand).rejects(notFound('TargetGroupNotFoundException'));
    classic.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [classicWeb] });
    classic.on(DescribeClassicTagsCommand).resolves({ TagDescriptions: [] });
    classic.on(DescribeLoadBalancerPoliciesCommand).resolves({ PolicyDescriptions: [] });
    classic
      .on(DescribeClassicAttributesCommand)
      .resolves({ LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: true } } });
    classic.on(DescribeInstanceHealthCommand).resolves({
      InstanceStates: [
        {
          InstanceId: 'i-0aaa',
          State: 'OutOfService',
          ReasonCode: 'Instance',
          Description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
        },
      ],
    });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        { SubnetId: 'subnet-0aaa', AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.1.0/24', VpcId: 'vpc-0abc' },
        { SubnetId: 'subnet-0bbb', AvailabilityZone: 'us-east-1b', CidrBlock: '10.0.2.0/24', VpcId: 'vpc-0abc' },
      ],
    });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0abc', CidrBlock: '10.0.0.0/16' }] });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [sdkInstance('i-0aaa', 'us-east-1a', 'subnet-0aaa')] }],
    });
    // The instance's group admits nothing: the load balancer cannot reach 8080.
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [{ GroupId: 'sg-0app', VpcId: 'vpc-0abc', IpPermissions: [] }] });

    const r = await elbctl(['doctor', 'web']);

    expect(r.code).toBe(1);
    const report = r.json<Report>();
    expect(report.kind).toBe('classic-load-balancer');
    expect(report.targetGroups.map((t) => [t.name, t.targets.map((x) => [x.id, x.state, x.reason])])).toEqual([
      ['web:8080', [['i-0aaa', 'unhealthy', 'Target.FailedHealthChecks']]],
    ]);
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.name);
    expect(failed).toContain('web:8080/traffic-port');
    expect(elbv2.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)).toEqual([
      'DescribeLoadBalancersCommand',
      'DescribeTargetGroupsCommand',
    ]);
  });

  it('GIVEN an ARN of something else WHEN diagnosed THEN exit 64 and no AWS call', async () => {
    const r = await elbctl(['doctor', LISTENER_ARN]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      `error: doctor "${LISTENER_ARN.slice(0, 60)}…": names a listener; name a load balancer or a target group (a name, lb/NAME, tg/NAME or an ARN)`,
    );
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN an empty name WHEN diagnosed THEN exit 64 and no AWS call', async () => {
    const r = await elbctl(['doctor', ' ']);
    expect(r.code).toBe(64);
    expect(elbv2.calls()).toHaveLength(0);
  });
});
