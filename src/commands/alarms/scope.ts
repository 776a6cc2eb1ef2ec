/**
 * What `elbctl alarms` acts on: a load balancer (its own alarms and those of every target group
 * it forwards to) or one target group (its alarms, with its load balancer's dimension).
 */
import type { Aws } from '../../aws';
import { type AlarmScope, alarmPrefix } from '../../core/alarms/alarms';
import { quote } from '../../core/echo';
import { ElbctlError, usageError } from '../../core/errors';
import { isArn, type LoadBalancer, type TargetGroup } from '../../core/model';

export interface ResolvedAlarmScope {
  scope: AlarmScope;
  /** `load balancer web`, `target group api (of web)`. */
  label: string;
  /** The alarm name prefix of everything in scope. */
  prefix: string;
  /** What the command acts on, for results. */
  target: { kind: 'load-balancer' | 'target-group'; name: string; arn: string };
}

export async function resolveAlarmScope(aws: Aws, ref: string): Promise<ResolvedAlarmScope> {
  const { elbv2 } = aws;
  let loadBalancer: LoadBalancer | undefined;
  let targetGroup: TargetGroup | undefined;
  if (isArn(ref)) {
    if (ref.includes(':loadbalancer/')) loadBalancer = await elbv2.getLoadBalancer(ref);
    else if (ref.includes(':targetgroup/')) targetGroup = await elbv2.getTargetGroup(ref);
    else
      throw usageError(
        'E_USAGE',
        `alarms ${quote(ref)}: not a load balancer or target group ARN; name one, or pass its ARN`,
      );
  } else {
    [loadBalancer, targetGroup] = await Promise.all([elbv2.findLoadBalancer(ref), elbv2.findTargetGroup(ref)]);
    if (loadBalancer) targetGroup = undefined;
    if (!loadBalancer && !targetGroup) {
      throw new ElbctlError(
        'not-found',
        'E_NOT_FOUND',
        `alarms ${quote(ref)}: no load balancer or target group has this name`,
        {
          hint: 'check the name and the region; `elbctl lb list` and `elbctl tg list` show what exists',
        },
      );
    }
  }
  if (loadBalancer) {
    const groups = await elbv2.listTargetGroups({ loadBalancerArn: loadBalancer.arn });
    return {
      scope: {
        loadBalancer: { name: loadBalancer.name, arn: loadBalancer.arn, type: loadBalancer.type },
        targetGroups: groups.map((g) => ({ name: g.name, arn: g.arn })),
        covers: 'load-balancer',
      },
      label: `load balancer ${loadBalancer.name}`,
      prefix: alarmPrefix(loadBalancer.name),
      target: { kind: 'load-balancer', name: loadBalancer.name, arn: loadBalancer.arn },
    };
  }
  const tg = targetGroup as TargetGroup;
  const lbArn = tg.loadBalancers[0];
  if (lbArn === undefined) {
    throw new ElbctlError(
      'conflict',
      'E_NO_METRICS',
      `target group ${quote(tg.name)}: no load balancer forwards to it, so CloudWatch publishes no metrics for it`,
      {
        hint: `forward to it first (\`elbctl listener create\` or \`elbctl rule add\`), or alarm on its load balancer`,
      },
    );
  }
  const lb = await elbv2.getLoadBalancer(lbArn);
  return {
    scope: {
      loadBalancer: { name: lb.name, arn: lb.arn, type: lb.type },
      targetGroups: [{ name: tg.name, arn: tg.arn }],
      covers: 'target-group',
    },
    label: `target group ${tg.name} (of ${lb.name})`,
    prefix: alarmPrefix(lb.name, tg.name),
    target: { kind: 'target-group', name: tg.name, arn: tg.arn },
  };
}
