/**
 * Turning what the user typed (names, ARNs, LB:PORT, LB:PORT:PRIORITY) into live resources.
 * Shared by every command that names a listener, rule or forward target.
 */
import type { Elbv2Gateway } from '../aws/elbv2/gateway';
import { quote } from '../core/echo';
import { notFoundError, usageError } from '../core/errors';
import type { Listener, LoadBalancer, Rule, TargetGroup } from '../core/model';
import { parseListenerRef, parseResourceRef, parseRuleRef } from '../core/references';

export interface ResolvedListener {
  listener: Listener;
  loadBalancer: LoadBalancer;
}

export async function resolveListener(elbv2: Elbv2Gateway, ref: string): Promise<ResolvedListener> {
  const parsed = parseListenerRef(ref);
  if (parsed.kind === 'arn') {
    const listener = await elbv2.getListener(parsed.arn);
    const loadBalancer = await elbv2.getLoadBalancer(listener.loadBalancerArn);
    return { listener, loadBalancer };
  }
  const loadBalancer = await elbv2.getLoadBalancer(parsed.loadBalancer);
  const listeners = await elbv2.listListeners(loadBalancer.arn);
  const listener = listeners.find((l) => l.port === parsed.port);
  if (!listener) {
    const ports = listeners.map((l) => l.port).join(', ');
    throw notFoundError('listener', ref, {
      hint: ports
        ? `load balancer "${loadBalancer.name}" listens on ${ports}`
        : `load balancer "${loadBalancer.name}" has no listeners yet`,
    });
  }
  return { listener, loadBalancer };
}

export interface ResolvedRule extends ResolvedListener {
  rule: Rule;
}

export async function resolveRule(elbv2: Elbv2Gateway, ref: string): Promise<ResolvedRule> {
  const parsed = parseRuleRef(ref);
  if (parsed.kind === 'arn') {
    const rule = await elbv2.getRule(parsed.arn);
    // A rule ARN embeds its listener: …:listener-rule/app/NAME/LBID/LISTENERID/RULEID
    const listenerArn = parsed.arn.replace(':listener-rule/', ':listener/').split('/').slice(0, -1).join('/');
    const resolved = await resolveListener(elbv2, listenerArn);
    return { ...resolved, rule };
  }
  const resolved = await resolveListener(elbv2, `${parsed.loadBalancer}:${parsed.port}`);
  const rules = await elbv2.listRules(resolved.listener.arn);
  const rule = rules.find((r) => r.priority === parsed.priority);
  if (!rule) {
    throw notFoundError('rule', ref, {
      hint: `\`elbctl rule list ${parsed.loadBalancer}:${parsed.port}\` shows the rules and their priorities`,
    });
  }
  return { ...resolved, rule };
}

/** Maps ARNs to names for display; unknown ARNs show their tail. */
export function arnNamer(names: ReadonlyMap<string, string>): (arn: string) => string {
  return (arn) => names.get(arn) ?? arn.split('/').slice(-2, -1)[0] ?? arn;
}

/** Any resource a command takes whatever its kind (`tags`, and later `doctor` and `alarms`), with how it is named back. */
export type ResolvedResource =
  | { kind: 'load-balancer'; name: string; arn: string; loadBalancer: LoadBalancer }
  | { kind: 'target-group'; name: string; arn: string; targetGroup: TargetGroup }
  | ({ kind: 'listener'; name: string; arn: string } & ResolvedListener)
  | ({ kind: 'rule'; name: string; arn: string } & ResolvedRule);

/** What a kind is called in messages. */
export const KIND_WORD: Record<ResolvedResource['kind'], string> = {
  'load-balancer': 'load balancer',
  'target-group': 'target group',
  listener: 'listener',
  rule: 'rule',
};

/**
 * The one resolver for a reference that may name any resource: an ARN, `lb/NAME`, `tg/NAME`,
 * `LB:PORT`, `LB:PORT:PRIORITY`, or a bare name looked up as both a load balancer and a target
 * group. A bare name that is both is a usage error (exit 64) naming the two ways to say which;
 * one that is neither does not exist (exit 1). The form is checked before any AWS call.
 */
export async function resolveResource(elbv2: Elbv2Gateway, ref: string): Promise<ResolvedResource> {
  const parsed = parseResourceRef(ref);
  switch (parsed.kind) {
    case 'load-balancer': {
      const lb = await elbv2.getLoadBalancer(parsed.ref);
      return { kind: 'load-balancer', name: lb.name, arn: lb.arn, loadBalancer: lb };
    }
    case 'target-group': {
      const tg = await elbv2.getTargetGroup(parsed.ref);
      return { kind: 'target-group', name: tg.name, arn: tg.arn, targetGroup: tg };
    }
    case 'listener': {
      const r = await resolveListener(elbv2, ref);
      return { kind: 'listener', name: `${r.loadBalancer.name}:${r.listener.port}`, arn: r.listener.arn, ...r };
    }
    case 'rule': {
      const r = await resolveRule(elbv2, ref);
      return {
        kind: 'rule',
        name: `${r.loadBalancer.name}:${r.listener.port}:${r.rule.priority}`,
        arn: r.rule.arn,
        ...r,
      };
    }
    case 'name': {
      const [lb, tg] = await Promise.all([elbv2.findLoadBalancer(parsed.name), elbv2.findTargetGroup(parsed.name)]);
      if (lb && tg) {
        throw usageError(
          'E_AMBIGUOUS_NAME',
          `${quote(parsed.name)}: names both a load balancer and a target group; say which: lb/${parsed.name} or tg/${parsed.name}`,
          { hint: `the load balancer is ${lb.arn}; the target group is ${tg.arn}` },
        );
      }
      if (lb) return { kind: 'load-balancer', name: lb.name, arn: lb.arn, loadBalancer: lb };
      if (tg) return { kind: 'target-group', name: tg.name, arn: tg.arn, targetGroup: tg };
      throw notFoundError('load balancer or target group', parsed.name, {
        hint: '`elbctl lb list` and `elbctl tg list` show what exists; name a listener as LB:PORT, a rule as LB:PORT:PRIORITY',
      });
    }
  }
}
