/**
 * Turning what the user typed (names, ARNs, LB:PORT, LB:PORT:PRIORITY) into live resources.
 * Shared by every command that names a listener, rule or forward target.
 */
import type { Elbv2Gateway } from '../aws/elbv2/gateway';
import { notFoundError } from '../core/errors';
import type { Listener, LoadBalancer, Rule } from '../core/model';
import { parseListenerRef, parseRuleRef } from '../core/references';

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
