/**
 * What `elbctl alarms` acts on: a load balancer (its own alarms and those of every target group
 * it forwards to) or one target group (its alarms, with its load balancer's dimension), named as
 * every command names resources (src/commands/resolve.ts: ARN, lb/NAME, tg/NAME or a bare name).
 */
import type { Aws } from '../../aws';
import { type AlarmScope, alarmPrefix } from '../../core/alarms/alarms';
import { quote } from '../../core/echo';
import { ElbctlError, usageError } from '../../core/errors';
import { KIND_WORD, resolveResource } from '../resolve';

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
  const resolved = await resolveResource(elbv2, ref);
  if (resolved.kind === 'listener' || resolved.kind === 'rule') {
    throw usageError(
      'E_USAGE',
      `alarms ${quote(ref)}: names a ${KIND_WORD[resolved.kind]}; alarms watch a load balancer or a target group (${resolved.loadBalancer.name}, or the target group it forwards to)`,
    );
  }
  if (resolved.kind === 'load-balancer') {
    const lb = resolved.loadBalancer;
    const groups = await elbv2.listTargetGroups({ loadBalancerArn: lb.arn });
    return {
      scope: {
        loadBalancer: { name: lb.name, arn: lb.arn, type: lb.type },
        targetGroups: groups.map((g) => ({ name: g.name, arn: g.arn })),
        covers: 'load-balancer',
      },
      label: `load balancer ${lb.name}`,
      prefix: alarmPrefix(lb.name),
      target: { kind: 'load-balancer', name: lb.name, arn: lb.arn },
    };
  }
  const tg = resolved.targetGroup;
  const lbArn = tg.loadBalancers[0];
  if (lbArn === undefined) {
    throw new ElbctlError(
      'conflict',
      'E_NO_METRICS',
      `target group ${quote(tg.name)}: no load balancer forwards to it, so CloudWatch publishes no metrics for it`,
      { hint: 'forward to it first (`elbctl listener create` or `elbctl rule add`), or alarm on its load balancer' },
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
