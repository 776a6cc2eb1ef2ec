/**
 * SDK-shaped answers for the rule command tests: one ALB `web` (listeners on 80 and 443), one
 * NLB `edge` (TCP 80), target groups `api`, `canary` (HTTP), `fn` (lambda), `tcp-pool` (TCP).
 */
import {
  CreateRuleCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  type ElasticLoadBalancingV2ClientResolvedConfig,
  type Rule as SdkRule,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type TargetGroup as SdkTargetGroup,
  type RuleCondition,
  type Action as SdkAction,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsStub } from 'aws-sdk-client-mock';

export type Elbv2Mock = AwsStub<ServiceInputTypes, ServiceOutputTypes, ElasticLoadBalancingV2ClientResolvedConfig>;

const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${PREFIX}:loadbalancer/app/web/50dc6c495c0c9188`;
const NLB_ARN = `${PREFIX}:loadbalancer/net/edge/7a1b2c3d4e5f6a7b`;
export const LISTENER_ARN = `${PREFIX}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const HTTP_LISTENER_ARN = `${PREFIX}:listener/app/web/50dc6c495c0c9188/0467ef3c8400ae65`;
const NLB_LISTENER_ARN = `${PREFIX}:listener/net/edge/7a1b2c3d4e5f6a7b/1b2c3d4e5f6a7b8c`;
export const ruleArn = (id: string) => `${PREFIX}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/${id}`;
export const tgArn = (name: string) => `${PREFIX}:targetgroup/${name}/73e2d6bc24d8a067`;

const sdkLb = (name: 'web' | 'edge') => ({
  LoadBalancerName: name,
  LoadBalancerArn: name === 'web' ? LB_ARN : NLB_ARN,
  Type: name === 'web' ? 'application' : 'network',
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  DNSName: `${name}-1.us-east-1.elb.amazonaws.com`,
  VpcId: 'vpc-0abc1234',
  AvailabilityZones: [
    { ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' },
    { ZoneName: 'us-east-1b', SubnetId: 'subnet-0bbb2222' },
  ],
});

const sdkListener = (arn: string, lbArn: string, protocol: string, port: number) => ({
  ListenerArn: arn,
  LoadBalancerArn: lbArn,
  Protocol: protocol,
  Port: port,
  DefaultActions: [
    { Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } },
  ],
});

export const sdkTg = (name: string, protocol: string | undefined, extra: object = {}): SdkTargetGroup =>
  ({
    TargetGroupName: name,
    TargetGroupArn: tgArn(name),
    ...(protocol ? { Protocol: protocol, Port: 8080, VpcId: 'vpc-0abc1234' } : {}),
    TargetType: protocol ? 'instance' : 'lambda',
    ...extra,
  }) as SdkTargetGroup;

const TARGET_GROUPS = [sdkTg('api', 'HTTP'), sdkTg('canary', 'HTTP'), sdkTg('fn', undefined), sdkTg('tcp-pool', 'TCP')];

export const defaultRule = (): SdkRule => ({
  RuleArn: ruleArn('default0default0'),
  Priority: 'default',
  IsDefault: true,
  Conditions: [],
  Actions: [
    { Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } },
  ],
});

export const numberedRule = (
  id: string,
  priority: number,
  conditions: RuleCondition[] = [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/r${priority}/*`] } }],
  actions: SdkAction[] = [{ Type: 'forward', Order: 1, TargetGroupArn: tgArn('api') }],
): SdkRule => ({
  RuleArn: ruleArn(id),
  Priority: String(priority),
  IsDefault: false,
  Conditions: conditions,
  Actions: actions,
});

/**
 * Answers the reads every rule command makes: load balancers by name or ARN, listeners by
 * load balancer or ARN, target groups by name or ARN, and the given rules on one page.
 */
/** Answers DescribeTags from a map of ARN → tags (none for an ARN it does not hold). */
export function stubTags(elbv2: Elbv2Mock, tags: Record<string, Record<string, string>> = {}): void {
  elbv2.on(DescribeTagsCommand).callsFake(async (input: { ResourceArns?: string[] }) => ({
    TagDescriptions: (input.ResourceArns ?? []).map((arn) => ({
      ResourceArn: arn,
      Tags: Object.entries(tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value })),
    })),
  }));
}

export function stubReads(elbv2: Elbv2Mock, rules: SdkRule[] = [defaultRule()]): void {
  stubTags(elbv2);
  const lbs = [sdkLb('web'), sdkLb('edge')];
  const listeners = [
    sdkListener(LISTENER_ARN, LB_ARN, 'HTTPS', 443),
    sdkListener(HTTP_LISTENER_ARN, LB_ARN, 'HTTP', 80),
    sdkListener(NLB_LISTENER_ARN, NLB_ARN, 'TCP', 80),
  ];
  elbv2.on(DescribeLoadBalancersCommand).callsFake(async (input: { Names?: string[]; LoadBalancerArns?: string[] }) => {
    const wanted = input.Names ?? input.LoadBalancerArns ?? [];
    const found = lbs.filter((lb) => wanted.includes(lb.LoadBalancerName) || wanted.includes(lb.LoadBalancerArn));
    if (found.length < wanted.length)
      throw Object.assign(new Error('One or more load balancers not found'), { name: 'LoadBalancerNotFoundException' });
    return { LoadBalancers: found };
  });
  elbv2.on(DescribeListenersCommand).callsFake(async (input: { LoadBalancerArn?: string; ListenerArns?: string[] }) => {
    if (input.ListenerArns) {
      const found = listeners.filter((l) => input.ListenerArns?.includes(l.ListenerArn));
      if (found.length === 0)
        throw Object.assign(new Error('One or more listeners not found'), { name: 'ListenerNotFoundException' });
      return { Listeners: found };
    }
    return { Listeners: listeners.filter((l) => l.LoadBalancerArn === input.LoadBalancerArn) };
  });
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { Names?: string[]; TargetGroupArns?: string[] }) => {
    const wanted = input.Names ?? input.TargetGroupArns ?? [];
    const found = TARGET_GROUPS.filter(
      (g) => wanted.includes(g.TargetGroupName ?? '') || wanted.includes(g.TargetGroupArn ?? ''),
    );
    if (found.length < wanted.length)
      throw Object.assign(new Error('One or more target groups not found'), { name: 'TargetGroupNotFoundException' });
    return { TargetGroups: found };
  });
  elbv2.on(DescribeRulesCommand).callsFake(async (input: { ListenerArn?: string; RuleArns?: string[] }) => {
    if (input.RuleArns) {
      const found = rules.filter((r) => input.RuleArns?.includes(r.RuleArn ?? ''));
      if (found.length === 0)
        throw Object.assign(new Error('One or more rules not found'), { name: 'RuleNotFoundException' });
      return { Rules: found };
    }
    return { Rules: input.ListenerArn === LISTENER_ARN ? rules : [] };
  });
}

/** CreateRule answers like AWS: the rule it made from the request, with a new ARN. */
export function stubCreateRule(elbv2: Elbv2Mock): void {
  elbv2
    .on(CreateRuleCommand)
    .callsFake(async (input: { Priority: number; Conditions: RuleCondition[]; Actions: SdkAction[] }) => ({
      Rules: [
        {
          RuleArn: ruleArn('new0000000000001'),
          Priority: String(input.Priority),
          IsDefault: false,
          Conditions: input.Conditions,
          Actions: input.Actions,
        },
      ],
    }));
}
