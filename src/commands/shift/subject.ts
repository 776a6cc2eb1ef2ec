/**
 * What `elbctl shift` acts on: a listener (its default action) named LB:PORT or by ARN, or a rule
 * named LB:PORT:PRIORITY or by ARN; with its load balancer, its actions and its tags.
 */
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import type { ShiftSubject } from '../../aws/weighted-forward';
import { quote } from '../../core/echo';
import { isElbctlError, usageError } from '../../core/errors';
import type { Action, Listener, LoadBalancer, Tag } from '../../core/model';
import { parseListenerRef, parseRuleRef } from '../../core/references';
import { resolveListener, resolveRule } from '../resolve';

export interface ResolvedSubject {
  subject: ShiftSubject;
  loadBalancer: LoadBalancer;
  listener: Listener;
  actions: Action[];
  tags: Tag[];
}

/** `web:80` for a listener, `web:80:10` for a rule. */
export const subjectName = (r: ResolvedSubject): string => r.subject.label.replace(/^(listener|rule) /, '');

/** `web:80:10` and rule ARNs name rules; everything else names a listener. */
function namesRule(ref: string): boolean {
  if (ref.includes(':listener-rule/')) return true;
  if (ref.includes(':listener/')) return false;
  const parts = ref.split(':');
  return parts.length >= 3 && parts.slice(-2).every((p) => /^\d+$/.test(p));
}

/** Checks the reference's form (no AWS call); a usage error when it names neither. */
export function checkSubjectRef(ref: string): 'listener' | 'rule' {
  const kind = namesRule(ref) ? 'rule' : 'listener';
  try {
    if (kind === 'rule') parseRuleRef(ref);
    else parseListenerRef(ref);
  } catch (e) {
    if (!isElbctlError(e)) throw e;
    throw usageError(
      'E_BAD_REF',
      `listener or rule ${quote(ref)}: name a listener as LB:PORT (web:443) or a rule as LB:PORT:PRIORITY (web:443:10), or either by its ARN`,
    );
  }
  return kind;
}

export async function resolveSubject(elbv2: Elbv2Gateway, ref: string): Promise<ResolvedSubject> {
  const kind = checkSubjectRef(ref);
  if (kind === 'listener') {
    const { listener, loadBalancer } = await resolveListener(elbv2, ref);
    const tags = (await elbv2.describeTags([listener.arn])).get(listener.arn) ?? [];
    return {
      subject: { kind, arn: listener.arn, label: `listener ${loadBalancer.name}:${listener.port}` },
      loadBalancer,
      listener,
      actions: listener.defaultActions,
      tags,
    };
  }
  const { rule, listener, loadBalancer } = await resolveRule(elbv2, ref);
  const where = `${loadBalancer.name}:${listener.port}`;
  if (rule.isDefault) {
    throw usageError(
      'E_DEFAULT_RULE',
      `rule ${quote(ref)}: is the default rule of listener ${where}; shift the listener itself (elbctl shift ${where} …)`,
    );
  }
  const tags = (await elbv2.describeTags([rule.arn])).get(rule.arn) ?? [];
  return {
    subject: { kind, arn: rule.arn, label: `rule ${where}:${rule.priority}` },
    loadBalancer,
    listener,
    actions: rule.actions,
    tags,
  };
}
