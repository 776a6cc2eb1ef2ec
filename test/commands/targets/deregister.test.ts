import {
  DeregisterTargetsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { ScriptedPrompter } from '../../../src/ui/prompter';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const tgArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${name}/73e2d6bc24d8a067`;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:handler';

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeTargetGroupsCommand, { Names: ['api'] }).resolves({
    TargetGroups: [
      {
        TargetGroupName: 'api',
        TargetGroupArn: tgArn('api'),
        Protocol: 'HTTP',
        Port: 80,
        TargetType: 'instance',
        VpcId: 'vpc-0abc1234',
      },
    ],
  });
  elbv2.on(DescribeTargetGroupsCommand, { Names: ['fn'] }).resolves({
    TargetGroups: [{ TargetGroupName: 'fn', TargetGroupArn: tgArn('fn'), TargetType: 'lambda' }],
  });
  elbv2.on(DeregisterTargetsCommand).resolves({});
  elbv2.on(DescribeTargetGroupAttributesCommand).resolves({
    Attributes: [
      { Key: 'deregistration_delay.timeout_seconds', Value: '120' },
      { Key: 'stickiness.enabled', Value: 'false' },
    ],
  });
});

describe('targets deregister', () => {
  // Not a delete: without a terminal and without -y, a confirmation would end in exit 64.
  it('GIVEN registered instances WHEN deregistered without -y and without a terminal THEN does not ask, deregisters them and says connections drain', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        {
          Target: { Id: 'i-0abc1234', Port: 80 },
          TargetHealth: { State: 'draining', Reason: 'Target.DeregistrationInProgress' },
        },
        {
          Target: { Id: 'i-0def5678', Port: 8080 },
          TargetHealth: { State: 'draining', Reason: 'Target.DeregistrationInProgress' },
        },
      ],
    });
    const prompter = new ScriptedPrompter(); // any question would fail the run

    const r = await elbctl(['targets', 'deregister', 'api', 'i-0abc1234', 'i-0def5678:8080'], { prompter });

    expect(r.code).toBe(0);
    expect(prompter.asked).toEqual([]);
    const targets = [{ Id: 'i-0abc1234' }, { Id: 'i-0def5678', Port: 8080 }];
    expect(elbv2.commandCalls(DeregisterTargetsCommand).map((c) => c.args[0].input)).toEqual([
      { TargetGroupArn: tgArn('api'), Targets: targets },
    ]);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupAttributesCommand, { TargetGroupArn: tgArn('api') });
    expect(elbv2.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('api'),
      Targets: targets,
    });
    expect(r.stderr).toContain(
      'existing connections drain for the deregistration delay (120 s) before the targets are removed; `elbctl tg attributes api --set deregistration_delay.timeout_seconds=N` changes it',
    );
    expect(r.json<Array<{ id: string; state: string; hint: string }>>()).toEqual([
      expect.objectContaining({
        id: 'i-0abc1234',
        state: 'draining',
        hint: 'the target is draining: existing connections finish until the deregistration delay ends',
      }),
      expect.objectContaining({ id: 'i-0def5678', port: 8080, state: 'draining' }),
    ]);
  });

  it('GIVEN a lambda target group WHEN its function is deregistered THEN no draining note and no attribute read', async () => {
    elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    const r = await elbctl(['targets', 'deregister', 'fn', LAMBDA]);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(DeregisterTargetsCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: tgArn('fn'),
      Targets: [{ Id: LAMBDA }],
    });
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetGroupAttributesCommand);
    expect(r.stderr).not.toContain('drain');
  });

  it.each<[string[], string]>([
    [['10.0.1.5:80@us-east-1a'], 'target "10.0.1.5:80@us-east-1a": deregister takes ID[:PORT]; drop "@us-east-1a"'],
    [
      ['i-zz'],
      'target "i-zz": "i-zz" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0',
    ],
    [['i-0abc1234:0'], 'target "i-0abc1234:0": port "0" must be a whole number from 1 to 65535'],
  ])('GIVEN %j WHEN deregistered THEN exits 64 with "%s" and makes no AWS call', async (specs, message) => {
    const r = await elbctl(['targets', 'deregister', 'api', ...specs]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN an IP on an instance target group WHEN deregistered THEN exits 64 with no write', async () => {
    const r = await elbctl(['targets', 'deregister', 'api', '10.0.1.5']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('target "10.0.1.5": is an IP address, but target group "api" (target type instance)');
    expect(elbv2).not.toHaveReceivedCommand(DeregisterTargetsCommand);
  });
});
