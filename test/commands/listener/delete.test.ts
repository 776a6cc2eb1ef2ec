import {
  DeleteListenerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  type Action,
  type LoadBalancer,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { ScriptedPrompter } from '../../../src/ui/prompter';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${PREFIX}:loadbalancer/app/web/50dc6c495c0c9188`;
const NLB_ARN = `${PREFIX}:loadbalancer/net/edge/60dc6c495c0c9188`;
const HTTPS_ARN = `${PREFIX}:listener/app/web/50dc6c495c0c9188/b443`;
const HTTP_ARN = `${PREFIX}:listener/app/web/50dc6c495c0c9188/a080`;
const TCP_ARN = `${PREFIX}:listener/net/edge/60dc6c495c0c9188/c443`;
const TG = `${PREFIX}:targetgroup/api/73e2d6bc24d8a067`;
const forward: Action[] = [{ Type: 'forward', TargetGroupArn: TG }];

const rule = (priority: string, isDefault = false): Rule => ({
  RuleArn: `${PREFIX}:listener-rule/app/web/50dc6c495c0c9188/b443/${priority}`,
  Priority: priority,
  IsDefault: isDefault,
  Conditions: [],
  Actions: forward,
});

beforeEach(() => {
  elbv2.reset();
  const web: LoadBalancer = {
    LoadBalancerName: 'web',
    LoadBalancerArn: LB_ARN,
    Type: 'application',
    VpcId: 'vpc-0abc1234',
  };
  const edge: LoadBalancer = {
    LoadBalancerName: 'edge',
    LoadBalancerArn: NLB_ARN,
    Type: 'network',
    VpcId: 'vpc-0abc1234',
  };
  elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({ LoadBalancers: [web] });
  elbv2.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [LB_ARN] }).resolves({ LoadBalancers: [web] });
  elbv2.on(DescribeLoadBalancersCommand, { Names: ['edge'] }).resolves({ LoadBalancers: [edge] });
  elbv2.on(DescribeListenersCommand, { LoadBalancerArn: LB_ARN }).resolves({
    Listeners: [
      { ListenerArn: HTTP_ARN, LoadBalancerArn: LB_ARN, Protocol: 'HTTP', Port: 80, DefaultActions: forward },
      { ListenerArn: HTTPS_ARN, LoadBalancerArn: LB_ARN, Protocol: 'HTTPS', Port: 443, DefaultActions: forward },
    ],
  });
  elbv2.on(DescribeListenersCommand, { ListenerArns: [HTTPS_ARN] }).resolves({
    Listeners: [
      { ListenerArn: HTTPS_ARN, LoadBalancerArn: LB_ARN, Protocol: 'HTTPS', Port: 443, DefaultActions: forward },
    ],
  });
  elbv2.on(DescribeListenersCommand, { LoadBalancerArn: NLB_ARN }).resolves({
    Listeners: [
      { ListenerArn: TCP_ARN, LoadBalancerArn: NLB_ARN, Protocol: 'TCP', Port: 443, DefaultActions: forward },
    ],
  });
  elbv2
    .on(DescribeRulesCommand, { ListenerArn: HTTPS_ARN })
    .resolves({ Rules: [rule('10'), rule('default', true), rule('20')] });
  elbv2.on(DescribeRulesCommand, { ListenerArn: HTTP_ARN }).resolves({ Rules: [rule('default', true)] });
  elbv2.on(DeleteListenerCommand).resolves({});
});

describe('listener delete', () => {
  it('GIVEN web:443 and -y WHEN deleted THEN resolves it, counts its rules and deletes it', async () => {
    const r = await elbctl(['listener', 'delete', 'web:443', '-y']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { Names: ['web'] });
    expect(elbv2).toHaveReceivedCommandWith(DescribeRulesCommand, { ListenerArn: HTTPS_ARN });
    expect(elbv2.commandCalls(DeleteListenerCommand).map((c) => c.args[0].input)).toEqual([{ ListenerArn: HTTPS_ARN }]);
    expect(r.json()).toEqual({ arn: HTTPS_ARN, loadBalancer: 'web', port: 443, deleted: true });
    expect(r.stderr).toBe(
      '… deleting the HTTPS listener on port 443 of "web"\n✓ deleted the HTTPS listener on port 443 of "web" and its 2 rules\n',
    );
  });

  it('GIVEN a listener ARN and -y WHEN deleted THEN looks it up by ARN and deletes it', async () => {
    const r = await elbctl(['listener', 'delete', HTTPS_ARN, '-y', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeListenersCommand, { ListenerArns: [HTTPS_ARN] });
    expect(elbv2).toHaveReceivedCommandWith(DeleteListenerCommand, { ListenerArn: HTTPS_ARN });
    expect(r.stdout).toBe('deleted listener web:443 (HTTPS)\n');
  });

  it('GIVEN a terminal WHEN the user declines THEN exits 130 naming the listener and its rules, and deletes nothing', async () => {
    const prompter = new ScriptedPrompter([{ match: 'Delete the HTTPS listener', answer: false }]);

    const r = await elbctl(['listener', 'delete', 'web:443'], { tty: true, prompter, env: { NO_COLOR: '1' } });

    expect(r.code).toBe(130);
    expect(prompter.asked).toEqual(['Delete the HTTPS listener on port 443 of "web" and its 2 rules?']);
    expect(elbv2).not.toHaveReceivedCommand(DeleteListenerCommand);
    expect(r.stderr).toContain('error: delete listener web:443: declined, nothing was changed');
  });

  it('GIVEN a listener without rules WHEN asked THEN the question says it has none', async () => {
    const prompter = new ScriptedPrompter([{ match: 'Delete', answer: false }]);
    const r = await elbctl(['listener', 'delete', 'web:80'], { tty: true, prompter, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(130);
    expect(prompter.asked).toEqual([
      'Delete the HTTP listener on port 80 of "web"? (it has no rules besides its default action)',
    ]);
  });

  it('GIVEN no terminal and no -y WHEN deleted THEN exits 64 asking for -y and deletes nothing', async () => {
    const r = await elbctl(['listener', 'delete', 'web:443']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: delete listener web:443: confirmation needed but no terminal to ask on; pass -y to approve',
    );
    expect(elbv2).not.toHaveReceivedCommand(DeleteListenerCommand);
  });

  it('GIVEN a network load balancer listener WHEN deleted THEN rules are not read (NLB listeners have none)', async () => {
    const r = await elbctl(['listener', 'delete', 'edge:443', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(DescribeRulesCommand);
    expect(elbv2).toHaveReceivedCommandWith(DeleteListenerCommand, { ListenerArn: TCP_ARN });
    expect(r.json()).toEqual({ arn: TCP_ARN, loadBalancer: 'edge', port: 443, deleted: true });
  });

  it.each([['web'], ['web:http'], ['web:0'], [':443']])(
    'GIVEN the reference %s WHEN deleted THEN exits 64 with no AWS call',
    async (ref) => {
      const r = await elbctl(['listener', 'delete', ref, '-y']);
      expect(r.code).toBe(64);
      expect(r.stderr).toBe(`error: listener "${ref}": name it by its ARN or as LB:PORT, e.g. web:443\n`);
      expect(elbv2.calls()).toHaveLength(0);
    },
  );

  it('GIVEN no listener on that port WHEN deleted THEN exits 1 naming the ports there are', async () => {
    const r = await elbctl(['listener', 'delete', 'web:8443', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: listener "web:8443": not found');
    expect(r.stderr).toContain('hint: load balancer "web" listens on 80, 443');
    expect(elbv2).not.toHaveReceivedCommand(DeleteListenerCommand);
  });
});
