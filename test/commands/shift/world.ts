/**
 * A small stateful account for the shift command tests, behind aws-sdk-client-mock: an ALB `web`
 * (HTTP:80, and rule priority 10), an NLB `edge` (TCP:80), target groups `blue`, `green`,
 * `tcp-blue`, `tcp-green`, their health, tags on listeners and rules, CloudWatch answers and
 * alarm states. Writes change the state (ModifyListener, ModifyRule, AddTags, RemoveTags) and
 * are logged in order, so tests assert the exact sequence of writes.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import {
  AddTagsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyRuleCommand,
  RemoveTagsCommand,
  type Action as SdkAction,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';

const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB = `${PREFIX}:loadbalancer/app/web/50dc6c495c0c9188`;
const NLB = `${PREFIX}:loadbalancer/net/edge/7a1b2c3d4e5f6a7b`;
export const LISTENER = `${PREFIX}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
export const NLB_LISTENER = `${PREFIX}:listener/net/edge/7a1b2c3d4e5f6a7b/1b2c3d4e5f6a7b8c`;
export const RULE = `${PREFIX}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9c8b7a6d5e4f3a2b`;
export const tg = (name: string) =>
  `${PREFIX}:targetgroup/${name}/${name === 'blue' || name === 'tcp-blue' ? '0aa1b2c3d4e5f6a7' : '73e2d6bc24d8a067'}`;
const forwardTo = (name: string): SdkAction[] => [{ Type: 'forward', Order: 1, TargetGroupArn: tg(name) }];

type MetricAnswer = Record<string, number[]>;

export interface World {
  elbv2: AwsClientStub<ElasticLoadBalancingV2Client>;
  cloudwatch: AwsClientStub<CloudWatchClient>;
  /** Listener/rule ARN → its actions. */
  actions: Map<string, SdkAction[]>;
  /** Resource ARN → tags. */
  tags: Map<string, Record<string, string>>;
  health: Map<string, string[]>;
  alarms: Map<string, string>;
  /** The n-th GetMetricData call's values by query id (the last one repeats). */
  metrics: MetricAnswer[];
  /** Writes, in order: `AddTags LISTENER step=0`, `ModifyListener blue=90,green=10`, … */
  writes: string[];
  /** Called before each GetMetricData answer (e.g. to press Ctrl-C). */
  onMetrics?: (call: number) => void;
  /** The queries of every GetMetricData call. */
  queries: MetricDataQuery[][];
}

const short = (arn: string) => (arn === LISTENER || arn === NLB_LISTENER ? 'listener' : arn === RULE ? 'rule' : arn);
const tgName = (arn: string | undefined) => arn?.split(':targetgroup/')[1]?.split('/')[0] ?? String(arn);

function describeWrite(actions: SdkAction[] | undefined): string {
  const a = actions?.[0];
  if (!a) return 'none';
  const groups = a.ForwardConfig?.TargetGroups;
  const stick = a.ForwardConfig?.TargetGroupStickinessConfig?.Enabled
    ? ` sticky=${a.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds}`
    : '';
  if (groups) return `${groups.map((g) => `${tgName(g.TargetGroupArn)}=${g.Weight}`).join(',')}${stick}`;
  return tgName(a.TargetGroupArn);
}

export function makeWorld(): World {
  const elbv2 = mockClient(ElasticLoadBalancingV2Client);
  const cloudwatch = mockClient(CloudWatchClient);
  const w: World = {
    elbv2,
    cloudwatch,
    actions: new Map([
      [LISTENER, forwardTo('blue')],
      [NLB_LISTENER, forwardTo('tcp-blue')],
      [RULE, forwardTo('blue')],
    ]),
    tags: new Map(),
    health: new Map([
      [tg('green'), ['healthy', 'healthy']],
      [tg('tcp-green'), ['healthy']],
      [tg('blue'), ['healthy']],
    ]),
    alarms: new Map(),
    metrics: [{ requests: [1000], target_5xx: [1] }],
    writes: [],
    queries: [],
  };
  const lbs = [
    { LoadBalancerName: 'web', LoadBalancerArn: LB, Type: 'application', VpcId: 'vpc-0abc1234' },
    { LoadBalancerName: 'edge', LoadBalancerArn: NLB, Type: 'network', VpcId: 'vpc-0abc1234' },
  ].map((l) => ({ ...l, Scheme: 'internet-facing', State: { Code: 'active' }, DNSName: 'x', AvailabilityZones: [] }));
  const listener = (arn: string) =>
    arn === LISTENER
      ? {
          ListenerArn: LISTENER,
          LoadBalancerArn: LB,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: w.actions.get(LISTENER),
        }
      : {
          ListenerArn: NLB_LISTENER,
          LoadBalancerArn: NLB,
          Protocol: 'TCP',
          Port: 80,
          DefaultActions: w.actions.get(NLB_LISTENER),
        };
  const groups = [
    { name: 'blue', protocol: 'HTTP', lb: LB },
    { name: 'green', protocol: 'HTTP', lb: undefined },
    { name: 'tcp-blue', protocol: 'TCP', lb: NLB },
    { name: 'tcp-green', protocol: 'TCP', lb: undefined },
    { name: 'other-vpc', protocol: 'HTTP', lb: undefined, vpc: 'vpc-0fff9999' },
  ].map((g) => ({
    TargetGroupName: g.name,
    TargetGroupArn: tg(g.name),
    Protocol: g.protocol,
    Port: 80,
    VpcId: g.vpc ?? 'vpc-0abc1234',
    TargetType: 'instance',
    LoadBalancerArns: g.lb ? [g.lb] : [],
  }));
  const notFound = (what: string) =>
    Object.assign(new Error(`One or more ${what} not found`), { name: `${what}NotFoundException` });

  elbv2.on(DescribeLoadBalancersCommand).callsFake(async (i: { Names?: string[]; LoadBalancerArns?: string[] }) => {
    const wanted = i.Names ?? i.LoadBalancerArns ?? [];
    const found = lbs.filter((l) => wanted.includes(l.LoadBalancerName) || wanted.includes(l.LoadBalancerArn));
    if (found.length < wanted.length) throw notFound('LoadBalancer');
    return { LoadBalancers: found };
  });
  elbv2.on(DescribeListenersCommand).callsFake(async (i: { LoadBalancerArn?: string; ListenerArns?: string[] }) => {
    if (i.ListenerArns) return { Listeners: i.ListenerArns.map(listener) };
    return { Listeners: [i.LoadBalancerArn === LB ? listener(LISTENER) : listener(NLB_LISTENER)] };
  });
  elbv2.on(DescribeRulesCommand).callsFake(async (i: { ListenerArn?: string; RuleArns?: string[] }) => {
    const rule = { RuleArn: RULE, Priority: '10', IsDefault: false, Conditions: [], Actions: w.actions.get(RULE) };
    if (i.RuleArns) return { Rules: [rule] };
    return { Rules: i.ListenerArn === LISTENER ? [rule] : [] };
  });
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (i: { Names?: string[]; TargetGroupArns?: string[] }) => {
    const wanted = i.Names ?? i.TargetGroupArns ?? [];
    const found = groups.filter((g) => wanted.includes(g.TargetGroupName) || wanted.includes(g.TargetGroupArn));
    if (found.length < wanted.length) throw notFound('TargetGroup');
    return { TargetGroups: found };
  });
  elbv2.on(DescribeTargetHealthCommand).callsFake(async (i: { TargetGroupArn: string }) => ({
    TargetHealthDescriptions: (w.health.get(i.TargetGroupArn) ?? []).map((state, n) => ({
      Target: { Id: `i-0${n}` },
      TargetHealth: { State: state, ...(state === 'healthy' ? {} : { Reason: 'Target.FailedHealthChecks' }) },
    })),
  }));
  elbv2.on(DescribeTagsCommand).callsFake(async (i: { ResourceArns: string[] }) => ({
    TagDescriptions: i.ResourceArns.map((arn) => ({
      ResourceArn: arn,
      Tags: Object.entries(w.tags.get(arn) ?? {}).map(([Key, Value]) => ({ Key, Value })),
    })),
  }));
  elbv2
    .on(AddTagsCommand)
    .callsFake(async (i: { ResourceArns: string[]; Tags: Array<{ Key: string; Value: string }> }) => {
      for (const arn of i.ResourceArns) {
        w.tags.set(arn, { ...(w.tags.get(arn) ?? {}), ...Object.fromEntries(i.Tags.map((t) => [t.Key, t.Value])) });
        const head = i.Tags.find((t) => t.Key === 'elbctl:shift')?.Value ?? '';
        const state = /state=(\S+)/.exec(head)?.[1];
        const step = /step=(\d+)/.exec(head)?.[1];
        w.writes.push(`AddTags ${short(arn)} ${state} step=${step}`);
      }
      return {};
    });
  elbv2.on(RemoveTagsCommand).callsFake(async (i: { ResourceArns: string[]; TagKeys: string[] }) => {
    for (const arn of i.ResourceArns) {
      const kept = Object.fromEntries(Object.entries(w.tags.get(arn) ?? {}).filter(([k]) => !i.TagKeys.includes(k)));
      w.tags.set(arn, kept);
      w.writes.push(`RemoveTags ${short(arn)} ${i.TagKeys.length} keys`);
    }
    return {};
  });
  elbv2.on(ModifyListenerCommand).callsFake(async (i: { ListenerArn: string; DefaultActions: SdkAction[] }) => {
    w.writes.push(`ModifyListener ${describeWrite(i.DefaultActions)}`);
    w.actions.set(i.ListenerArn, i.DefaultActions);
    return { Listeners: [listener(i.ListenerArn)] };
  });
  elbv2.on(ModifyRuleCommand).callsFake(async (i: { RuleArn: string; Actions: SdkAction[] }) => {
    w.writes.push(`ModifyRule ${describeWrite(i.Actions)}`);
    w.actions.set(i.RuleArn, i.Actions);
    return { Rules: [{ RuleArn: RULE, Priority: '10', IsDefault: false, Conditions: [], Actions: i.Actions }] };
  });
  cloudwatch.on(GetMetricDataCommand).callsFake(async (i: { MetricDataQueries: MetricDataQuery[] }) => {
    const call = w.queries.length;
    w.queries.push(i.MetricDataQueries);
    w.onMetrics?.(call);
    const answer = w.metrics[Math.min(call, w.metrics.length - 1)] ?? {};
    return {
      MetricDataResults: i.MetricDataQueries.map((q) => ({
        Id: q.Id,
        StatusCode: 'Complete',
        Timestamps: (answer[q.Id ?? ''] ?? []).map(() => new Date()),
        Values: answer[q.Id ?? ''] ?? [],
      })),
    };
  });
  cloudwatch.on(DescribeAlarmsCommand).callsFake(async (i: { AlarmNames?: string[] }) => ({
    MetricAlarms: (i.AlarmNames ?? [])
      .filter((n) => w.alarms.has(n))
      .map((n) => ({ AlarmName: n, StateValue: w.alarms.get(n) })),
  }));
  return w;
}

/** The NDJSON lines of stdout, parsed. */
export const ndjson = (stdout: string): Array<Record<string, unknown>> =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
