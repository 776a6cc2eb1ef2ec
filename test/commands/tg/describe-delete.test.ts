import {
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type DescribeTargetHealthCommandOutput,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { ScriptedPrompter } from '../../../src/ui/prompter';
import { elbctl } from '../../support/harness';
import { elementAt } from '../../support/narrow';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const TG_ARN = `${ACCOUNT}:targetgroup/api/6d0ecf831eec9f09`;
const WEB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const ADMIN_ARN = `${ACCOUNT}:loadbalancer/app/admin/60dc6c495c0c9188`;

const sdkTg = (extra: Partial<SdkTargetGroup> = {}): SdkTargetGroup => ({
  TargetGroupName: 'api',
  TargetGroupArn: TG_ARN,
  Protocol: 'HTTP',
  Port: 8080,
  VpcId: 'vpc-0abc1234',
  TargetType: 'instance',
  LoadBalancerArns: [],
  HealthCheckEnabled: true,
  HealthCheckProtocol: 'HTTP',
  HealthCheckPort: 'traffic-port',
  HealthCheckPath: '/healthz',
  HealthCheckIntervalSeconds: 15,
  HealthCheckTimeoutSeconds: 5,
  HealthyThresholdCount: 3,
  UnhealthyThresholdCount: 2,
  Matcher: { HttpCode: '200-299' },
  ...extra,
});
const attrs = (pairs: Record<string, string>) => ({
  Attributes: Object.entries(pairs).map(([Key, Value]) => ({ Key, Value })),
});
const health: DescribeTargetHealthCommandOutput = {
  $metadata: {},
  TargetHealthDescriptions: [
    {
      Target: { Id: 'i-0abc12345678', Port: 8080, AvailabilityZone: 'us-east-1a' },
      TargetHealth: { State: 'healthy' },
    },
    {
      Target: { Id: 'i-0def12345678', Port: 8080, AvailabilityZone: 'us-east-1b' },
      TargetHealth: {
        State: 'unhealthy',
        Reason: 'Target.ResponseCodeMismatch',
        Description: 'Health checks failed with these codes: [404]',
      },
    },
  ],
};
const sent = () => elbv2.calls().map((c) => (c.args[0] as object).constructor.name);

beforeEach(() => {
  elbv2.reset();
  // No resource carries tags unless a test says so.
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
});

describe('tg describe', () => {
  beforeEach(() => {
    elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [sdkTg({ LoadBalancerArns: [WEB_ARN] })] });
    elbv2
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: WEB_ARN }] });
    elbv2.on(DescribeTargetGroupAttributesCommand).resolves(
      attrs({
        'stickiness.enabled': 'false',
        'deregistration_delay.timeout_seconds': '300',
        'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
      }),
    );
    elbv2.on(DescribeTargetHealthCommand).resolves(health);
  });

  it('GIVEN a target group used by an ALB WHEN described THEN prints it, its health check, its attributes and each target with a hint', async () => {
    const r = await elbctl(['tg', 'describe', 'api']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { Names: ['api'] });
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupAttributesCommand, { TargetGroupArn: TG_ARN });
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetHealthCommand, { TargetGroupArn: TG_ARN });
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerArns: [WEB_ARN] });
    expect(elbv2).toHaveReceivedCommandWith(DescribeTagsCommand, { ResourceArns: [TG_ARN] });
    expect(elbv2.calls()).toHaveLength(5);
    expect(r.json()).toEqual({
      targetGroup: {
        name: 'api',
        arn: TG_ARN,
        protocol: 'HTTP',
        port: 8080,
        targetType: 'instance',
        vpcId: 'vpc-0abc1234',
        loadBalancers: ['web'],
        tags: {},
        stack: null,
      },
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        port: 'traffic-port',
        path: '/healthz',
        intervalSeconds: 15,
        timeoutSeconds: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 2,
        matcher: '200-299',
      },
      attributes: {
        'deregistration_delay.timeout_seconds': '300',
        'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
        'stickiness.enabled': 'false',
      },
      targetHealth: [
        {
          id: 'i-0abc12345678',
          port: 8080,
          availabilityZone: 'us-east-1a',
          state: 'healthy',
          reason: null,
          description: null,
          hint: 'receiving traffic',
        },
        {
          id: 'i-0def12345678',
          port: 8080,
          availabilityZone: 'us-east-1b',
          state: 'unhealthy',
          reason: 'Target.ResponseCodeMismatch',
          description: 'Health checks failed with these codes: [404]',
          hint: 'the health check got an HTTP code outside the matcher; fix the health check path or widen the matcher (e.g. 200-399)',
        },
      ],
    });
  });

  it('GIVEN table output WHEN described THEN shows the four sections', async () => {
    const r = await elbctl(['tg', 'describe', TG_ARN, '-o', 'table']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { TargetGroupArns: [TG_ARN] });
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^(target group|health check|attributes|targets)$/.test(l))).toEqual([
      'target group',
      'health check',
      'attributes',
      'targets',
    ]);
    expect(r.stdout).toContain('load balancers  web\n');
    expect(r.stdout).toContain('interval             15s\n');
    expect(r.stdout).toContain('matcher              200-299\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^i-0def12345678 +8080 +us-east-1b +unhealthy +Target\.ResponseCodeMismatch +the health check got/,
      ),
    );
  });

  it('GIVEN a target group with no targets WHEN described as a table THEN says none are registered', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    const r = await elbctl(['tg', 'describe', 'api', '-o', 'table']);
    expect(r.stdout.endsWith('targets\nno targets registered\n')).toBe(true);
  });

  it('GIVEN no such target group WHEN described THEN exits 1 naming it', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand)
      .rejects(Object.assign(new Error('nf'), { name: 'TargetGroupNotFoundException' }));
    const r = await elbctl(['tg', 'describe', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: target group "nope": not found\nhint: check the name and the region; `elbctl tg list` shows what exists\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetHealthCommand);
  });
});

describe('tg delete', () => {
  const stubTargetGroup = (extra: Partial<SdkTargetGroup> = {}) => {
    elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [sdkTg(extra)] });
    elbv2.on(DescribeTargetHealthCommand).resolves(health);
    elbv2.on(DeleteTargetGroupCommand).resolves({});
  };

  it('GIVEN -y and an unused target group WHEN deleted THEN reads it, counts its targets and deletes it once', async () => {
    stubTargetGroup();
    const r = await elbctl(['tg', 'delete', 'api', '-y']);
    expect(r.code).toBe(0);
    expect(sent()).toEqual(['DescribeTargetGroupsCommand', 'DescribeTargetHealthCommand', 'DeleteTargetGroupCommand']);
    expect(elbv2).toHaveReceivedCommandWith(DeleteTargetGroupCommand, { TargetGroupArn: TG_ARN });
    expect(r.json()).toEqual({ name: 'api', arn: TG_ARN, deleted: true });
    expect(r.stderr).toBe('… deleting target group "api"\n✓ deleted target group "api"\n');
  });

  it('GIVEN the target group is used by two load balancers WHEN deleted with -y THEN exits 1 naming them, and deletes nothing', async () => {
    stubTargetGroup({ LoadBalancerArns: [WEB_ARN, ADMIN_ARN] });
    elbv2.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: [
        { LoadBalancerName: 'web', LoadBalancerArn: WEB_ARN },
        { LoadBalancerName: 'admin', LoadBalancerArn: ADMIN_ARN },
      ],
    });
    const r = await elbctl(['tg', 'delete', 'api', '-y']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: target group "api": in use by load balancer "admin", "web"; delete the listener or rule that forwards to it first\n' +
        'hint: `elbctl listener list admin` and `elbctl rule list admin:PORT` show what forwards to it\n',
    );
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { PageSize: 400 });
    expect(elbv2).not.toHaveReceivedCommand(DeleteTargetGroupCommand);
  });

  it('GIVEN the target group lists a load balancer that no longer exists WHEN deleted with -y THEN that stale ARN does not block the delete', async () => {
    stubTargetGroup({ LoadBalancerArns: [WEB_ARN, WEB_ARN] });
    elbv2
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [{ LoadBalancerName: 'admin', LoadBalancerArn: ADMIN_ARN }] });
    elbv2.on(DeleteTargetGroupCommand).resolves({});
    const r = await elbctl(['tg', 'delete', 'api', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DeleteTargetGroupCommand, 1);
  });

  it('GIVEN the target group is in use WHEN deleted on a terminal THEN refuses before asking', async () => {
    stubTargetGroup({ LoadBalancerArns: [WEB_ARN] });
    elbv2
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: WEB_ARN }] });
    const prompter = new ScriptedPrompter();
    const r = await elbctl(['tg', 'delete', 'api'], { tty: true, prompter });
    expect(r.code).toBe(1);
    expect(prompter.asked).toEqual([]);
    expect(elbv2).not.toHaveReceivedCommand(DeleteTargetGroupCommand);
  });

  it('GIVEN no terminal and no -y WHEN deleted THEN exits 64 asking for -y and deletes nothing', async () => {
    stubTargetGroup();
    const r = await elbctl(['tg', 'delete', 'api']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: delete target group "api": confirmation needed but no terminal to ask on; pass -y to approve\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(DeleteTargetGroupCommand);
  });

  it('GIVEN --no-input on a terminal and no -y WHEN deleted THEN exits 64 without asking', async () => {
    stubTargetGroup();
    const prompter = new ScriptedPrompter();
    const r = await elbctl(['tg', 'delete', 'api', '--no-input'], { tty: true, prompter });
    expect(r.code).toBe(64);
    expect(prompter.asked).toEqual([]);
    expect(elbv2).not.toHaveReceivedCommand(DeleteTargetGroupCommand);
  });

  it('GIVEN a terminal WHEN the user declines THEN exits 130 and deletes nothing', async () => {
    stubTargetGroup();
    const prompter = new ScriptedPrompter([{ match: 'Delete target group "api"', answer: false }]);
    const r = await elbctl(['tg', 'delete', 'api'], { tty: true, prompter });
    expect(r.code).toBe(130);
    expect(prompter.asked).toEqual(['Delete target group "api" (HTTP:8080) and its 2 registered targets?']);
    expect(r.stderr).toContain('error: delete target group "api": declined, nothing was changed');
    expect(elbv2).not.toHaveReceivedCommand(DeleteTargetGroupCommand);
  });

  it('GIVEN a terminal WHEN the user approves THEN deletes the target group', async () => {
    stubTargetGroup({ TargetType: 'lambda', Protocol: undefined, Port: undefined, VpcId: undefined });
    elbv2
      .on(DescribeTargetHealthCommand)
      .resolves({ TargetHealthDescriptions: [elementAt(health.TargetHealthDescriptions, 0)] });
    const prompter = new ScriptedPrompter([{ match: 'Delete target group "api"', answer: true }]);
    // -q: no spinner, so the terminal run needs no cursor control from the fake stream
    const r = await elbctl(['tg', 'delete', 'api', '-q'], { tty: true, prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked).toEqual(['Delete target group "api" (lambda) and its 1 registered target?']);
    expect(elbv2).toHaveReceivedCommandWith(DeleteTargetGroupCommand, { TargetGroupArn: TG_ARN });
  });

  it('GIVEN AWS reports the target group in use WHEN deleted THEN exits 1 with the AWS reason', async () => {
    stubTargetGroup();
    elbv2.on(DeleteTargetGroupCommand).rejects(
      Object.assign(new Error('Target group is currently in use by a listener or a rule'), {
        name: 'ResourceInUseException',
      }),
    );
    const r = await elbctl(['tg', 'delete', 'api', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '✗ could not delete target group "api"\nerror: delete target group: target group is currently in use by a listener or a rule\n',
    );
  });
});
