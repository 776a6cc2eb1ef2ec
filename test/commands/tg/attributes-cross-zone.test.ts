import {
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { targetGroupAttributeKeys } from '../../../src/core/rules/attributes';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/6d0ecf831eec9f09`;
const ALB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const NLB_ARN = `${ACCOUNT}:loadbalancer/net/edge/0123456789abcdef`;

const groups: Record<string, SdkTargetGroup> = {
  api: {
    TargetGroupName: 'api',
    TargetGroupArn: tgArn('api'),
    Protocol: 'HTTP',
    Port: 80,
    TargetType: 'instance',
    LoadBalancerArns: [ALB_ARN],
  },
  spare: {
    TargetGroupName: 'spare',
    TargetGroupArn: tgArn('spare'),
    Protocol: 'HTTPS',
    Port: 443,
    TargetType: 'ip',
    LoadBalancerArns: [],
  },
  tcp: {
    TargetGroupName: 'tcp',
    TargetGroupArn: tgArn('tcp'),
    Protocol: 'TCP',
    Port: 443,
    TargetType: 'ip',
    LoadBalancerArns: [NLB_ARN],
  },
  fn: { TargetGroupName: 'fn', TargetGroupArn: tgArn('fn'), TargetType: 'lambda', LoadBalancerArns: [ALB_ARN] },
};
const attrs = (pairs: Record<string, string>) => ({
  Attributes: Object.entries(pairs).map(([Key, Value]) => ({ Key, Value })),
});
const cz = (value: string) => ({ Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: value }] });

const ALB_OFF_NOTE =
  'note: with cross-zone off, an application load balancer target group supports neither stickiness nor lambda targets\n';
const NLB_CHARGE =
  'warning: inter-AZ data transfer is charged for cross-zone traffic on network load balancers: every request sent to a target in another availability zone is billed\n';

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { Names?: string[] }) => ({
    TargetGroups: (input.Names ?? []).map((n) => groups[n]).filter(Boolean),
  }));
  elbv2.on(ModifyTargetGroupAttributesCommand).resolves({ Attributes: [] });
});

describe('tg attributes', () => {
  it('GIVEN no --set WHEN run THEN prints every attribute sorted by key, with no write', async () => {
    elbv2
      .on(DescribeTargetGroupAttributesCommand)
      .resolves(attrs({ 'stickiness.enabled': 'false', 'deregistration_delay.timeout_seconds': '300' }));
    const r = await elbctl(['tg', 'attributes', 'api']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n  "deregistration_delay.timeout_seconds": "300",\n  "stickiness.enabled": "false"\n}\n');
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupAttributesCommand, { TargetGroupArn: tgArn('api') });
    expect(elbv2).not.toHaveReceivedCommand(ModifyTargetGroupAttributesCommand);
  });

  it('GIVEN valid --set pairs and -y WHEN run THEN sets them in one call and prints every attribute as re-read', async () => {
    elbv2
      .on(DescribeTargetGroupAttributesCommand)
      .resolvesOnce(attrs({ 'stickiness.enabled': 'false', 'deregistration_delay.timeout_seconds': '300' }))
      .resolves(
        attrs({
          'stickiness.enabled': 'true',
          'stickiness.type': 'lb_cookie',
          'deregistration_delay.timeout_seconds': '30',
          'slow_start.duration_seconds': '0',
        }),
      );
    const r = await elbctl([
      'tg',
      'attributes',
      'api',
      '--set',
      'deregistration_delay.timeout_seconds=30',
      '--set',
      'stickiness.enabled=true',
      '--set',
      'stickiness.type=lb_cookie',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2.calls().map((c) => (c.args[0] as object).constructor.name)).toEqual([
      'DescribeTargetGroupsCommand',
      'DescribeTargetGroupAttributesCommand',
      'ModifyTargetGroupAttributesCommand',
      'DescribeTargetGroupAttributesCommand',
    ]);
    expect(elbv2).toHaveReceivedCommandWith(ModifyTargetGroupAttributesCommand, {
      TargetGroupArn: tgArn('api'),
      Attributes: [
        { Key: 'deregistration_delay.timeout_seconds', Value: '30' },
        { Key: 'stickiness.enabled', Value: 'true' },
        { Key: 'stickiness.type', Value: 'lb_cookie' },
      ],
    });
    expect(r.json()).toEqual({
      'deregistration_delay.timeout_seconds': '30',
      'slow_start.duration_seconds': '0',
      'stickiness.enabled': 'true',
      'stickiness.type': 'lb_cookie',
    });
    expect(r.stderr).toContain(
      '~ target group api\n' +
        '    deregistration_delay.timeout_seconds: 300 → 30\n' +
        '    stickiness.enabled: false → true\n' +
        '    stickiness.type: (none) → lb_cookie\n',
    );
  });

  it.each([
    [['--set', 'stickiness.enabled'], 'attribute "stickiness.enabled": write it as KEY=VALUE'],
    [
      ['--set', 'deregistration_delay.timeout_seconds=3601'],
      'attribute "deregistration_delay.timeout_seconds=3601": must be a whole number from 0 to 3600',
    ],
    [
      ['--set', 'stickiness.type=cookie'],
      'attribute "stickiness.type=cookie": must be one of lb_cookie, app_cookie, source_ip, source_ip_dest_ip, source_ip_dest_ip_proto',
    ],
    [
      ['--set', 'stickiness.lb_cookie.duration_seconds=0'],
      'attribute "stickiness.lb_cookie.duration_seconds=0": must be a whole number from 1 to 604800',
    ],
    [
      ['--set', 'load_balancing.algorithm.type=random'],
      'attribute "load_balancing.algorithm.type=random": must be one of round_robin, least_outstanding_requests, weighted_random',
    ],
    [
      ['--set', 'load_balancing.cross_zone.enabled=inherit'],
      'attribute "load_balancing.cross_zone.enabled=inherit": must be one of true, false, use_load_balancer_configuration',
    ],
    [
      ['--set', 'slow_start.duration_seconds=10'],
      'attribute "slow_start.duration_seconds=10": must be 0 (off) or a whole number from 30 to 900',
    ],
    [['--set', 'stickiness.enabled=yes'], 'attribute "stickiness.enabled=yes": must be true or false'],
    [
      ['--set', 'idle_timeout.timeout_seconds=60'],
      `attribute "idle_timeout.timeout_seconds": not a known target group attribute; use one of: ${targetGroupAttributeKeys().join(', ')}`,
    ],
  ])('GIVEN an invalid %j WHEN run THEN exits 64 with exactly "%s" and makes no AWS call', async (args, message) => {
    const r = await elbctl(['tg', 'attributes', 'api', ...args]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a lambda target group WHEN cross-zone is set through attributes THEN exits 64 after the lookup, with no write', async () => {
    const r = await elbctl(['tg', 'attributes', 'fn', '--set', 'load_balancing.cross_zone.enabled=false']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: target group "fn": cross-zone load balancing does not apply to lambda target groups; nothing to change\n',
    );
    expect(elbv2.calls()).toHaveLength(1);
    expect(elbv2).not.toHaveReceivedCommand(ModifyTargetGroupAttributesCommand);
  });

  it('GIVEN a round_robin target group WHEN anomaly mitigation is turned on THEN exits 64 after reading its attributes, naming the algorithm it needs, with no write', async () => {
    elbv2
      .on(DescribeTargetGroupAttributesCommand)
      .resolves(
        attrs({ 'load_balancing.algorithm.type': 'round_robin', 'load_balancing.algorithm.anomaly_mitigation': 'off' }),
      );
    const r = await elbctl([
      'tg',
      'attributes',
      'api',
      '--set',
      'load_balancing.algorithm.anomaly_mitigation=on',
      '-y',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: target group "api": load_balancing.algorithm.anomaly_mitigation=on needs load_balancing.algorithm.type=weighted_random, not round_robin\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyTargetGroupAttributesCommand);
  });

  it('GIVEN a round_robin target group WHEN the algorithm and anomaly mitigation are set together THEN both go in one call', async () => {
    elbv2
      .on(DescribeTargetGroupAttributesCommand)
      .resolves(
        attrs({ 'load_balancing.algorithm.type': 'round_robin', 'load_balancing.algorithm.anomaly_mitigation': 'off' }),
      );
    const r = await elbctl([
      'tg',
      'attributes',
      'api',
      '--set',
      'load_balancing.algorithm.type=weighted_random',
      '--set',
      'load_balancing.algorithm.anomaly_mitigation=on',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyTargetGroupAttributesCommand, {
      TargetGroupArn: tgArn('api'),
      Attributes: [
        { Key: 'load_balancing.algorithm.type', Value: 'weighted_random' },
        { Key: 'load_balancing.algorithm.anomaly_mitigation', Value: 'on' },
      ],
    });
  });
});

describe('tg cross-zone', () => {
  beforeEach(() => {
    elbv2
      .on(DescribeTargetGroupAttributesCommand)
      .resolves(attrs({ 'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration' }));
  });

  it.each(['maybe', 'true', 'use_load_balancer_configuration'])(
    'GIVEN the state "%s" WHEN run THEN exits 64 before any AWS call',
    async (state) => {
      const r = await elbctl(['tg', 'cross-zone', 'api', state]);
      expect(r.code).toBe(64);
      expect(r.stderr).toBe(
        `error: cross-zone state "${state}": unknown; use on, off or inherit (inherit follows the load balancer's setting)\n`,
      );
      expect(elbv2.calls()).toHaveLength(0);
    },
  );

  it('GIVEN an ALB target group WHEN turned off THEN sets false and notes what cross-zone off rules out', async () => {
    const r = await elbctl(['tg', 'cross-zone', 'api', 'off', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(ModifyTargetGroupAttributesCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(ModifyTargetGroupAttributesCommand, {
      TargetGroupArn: tgArn('api'),
      ...cz('false'),
    });
    expect(r.stderr).toBe(
      `~ target group api\n    load_balancing.cross_zone.enabled: use_load_balancer_configuration → false\n${ALB_OFF_NOTE}✓ cross-zone load balancing for target group "api": off\n`,
    );
    expect(r.json()).toEqual({ targetGroup: 'api', crossZone: 'off' });
  });

  it('GIVEN an unattached HTTPS target group WHEN turned off THEN it counts as an ALB target group and gets the note', async () => {
    const r = await elbctl(['tg', 'cross-zone', 'spare', 'off', '-y']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(ALB_OFF_NOTE);
  });

  it('GIVEN an ALB target group WHEN set to inherit THEN sends use_load_balancer_configuration, with no note or warning', async () => {
    elbv2.on(DescribeTargetGroupAttributesCommand).resolves(attrs({ 'load_balancing.cross_zone.enabled': 'false' }));
    const r = await elbctl(['tg', 'cross-zone', 'api', 'inherit', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyTargetGroupAttributesCommand, {
      TargetGroupArn: tgArn('api'),
      ...cz('use_load_balancer_configuration'),
    });
    expect(r.stderr).toBe(
      '~ target group api\n    load_balancing.cross_zone.enabled: false → use_load_balancer_configuration\n✓ cross-zone load balancing for target group "api": inherit (the load balancer setting applies)\n',
    );
    expect(r.json()).toEqual({ targetGroup: 'api', crossZone: 'inherit' });
  });

  it('GIVEN an ALB target group WHEN turned on THEN sends true with no charge warning (ALB cross-zone is not billed)', async () => {
    const r = await elbctl(['tg', 'cross-zone', 'api', 'on', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyTargetGroupAttributesCommand, {
      TargetGroupArn: tgArn('api'),
      ...cz('true'),
    });
    expect(r.stderr).toBe(
      '~ target group api\n    load_balancing.cross_zone.enabled: use_load_balancer_configuration → true\n✓ cross-zone load balancing for target group "api": on\n',
    );
  });

  it('GIVEN an NLB target group WHEN turned on THEN sends true and warns about inter-AZ charges', async () => {
    const r = await elbctl(['tg', 'cross-zone', 'tcp', 'on', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyTargetGroupAttributesCommand, {
      TargetGroupArn: tgArn('tcp'),
      ...cz('true'),
    });
    expect(r.stderr).toBe(
      `${NLB_CHARGE}~ target group tcp\n    load_balancing.cross_zone.enabled: use_load_balancer_configuration → true\n✓ cross-zone load balancing for target group "tcp": on\n`,
    );
    expect(r.json()).toEqual({ targetGroup: 'tcp', crossZone: 'on' });
  });

  it('GIVEN an NLB target group WHEN turned off THEN sends false without the ALB note', async () => {
    const r = await elbctl(['tg', 'cross-zone', 'tcp', 'off', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyTargetGroupAttributesCommand, {
      TargetGroupArn: tgArn('tcp'),
      ...cz('false'),
    });
    expect(r.stderr).toBe(
      '~ target group tcp\n    load_balancing.cross_zone.enabled: use_load_balancer_configuration → false\n✓ cross-zone load balancing for target group "tcp": off\n',
    );
  });

  it('GIVEN no -y and no terminal WHEN turned off THEN exits 64 after showing the change, with no write', async () => {
    const r = await elbctl(['tg', 'cross-zone', 'tcp', 'off']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: modify target group tcp: confirmation needed but no terminal to ask on; pass -y to approve',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyTargetGroupAttributesCommand);
  });

  it.each(['on', 'off', 'inherit'])(
    'GIVEN a lambda target group WHEN set %s THEN exits 64 saying cross-zone does not apply, with zero writes',
    async (state) => {
      const r = await elbctl(['tg', 'cross-zone', 'fn', state]);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'error: target group "fn": cross-zone load balancing does not apply to lambda target groups; nothing to change\n',
      );
      expect(elbv2.calls()).toHaveLength(1);
      expect(elbv2).not.toHaveReceivedCommand(ModifyTargetGroupAttributesCommand);
    },
  );

  it('GIVEN no such target group WHEN run THEN exits 1 and writes nothing', async () => {
    const r = await elbctl(['tg', 'cross-zone', 'nope', 'off']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: target group "nope": not found');
    expect(elbv2).not.toHaveReceivedCommand(ModifyTargetGroupAttributesCommand);
  });
});
