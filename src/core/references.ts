/**
 * How users name listeners and rules: an ARN, `LB:PORT` for a listener, `LB:PORT:PRIORITY`
 * for a rule (LB is a load balancer name or ARN).
 */
import { usageError } from './errors';
import { isArn } from './model';
import { quote } from './echo';
import { GATEWAY_LISTENER_PORT } from './rules/listener';
import { parseInteger, portProblem as checkPort } from './rules/values';

export type ListenerRef = { kind: 'arn'; arn: string } | { kind: 'lb-port'; loadBalancer: string; port: number };
export type RuleRef =
  | { kind: 'arn'; arn: string }
  | { kind: 'lb-port-priority'; loadBalancer: string; port: number; priority: number };

const isListenerArn = (v: string) => isArn(v) && v.includes(':listener/');
const isRuleArn = (v: string) => isArn(v) && v.includes(':listener-rule/');

/** Splits `LB:PORT` where LB may itself be an ARN (which contains colons). */
function splitTail(value: string, parts: number): { head: string; tail: string[] } | undefined {
  const pieces = value.split(':');
  if (pieces.length < parts + 1) return undefined;
  return { head: pieces.slice(0, pieces.length - parts).join(':'), tail: pieces.slice(pieces.length - parts) };
}

/** The LB of `LB:PORT`: a load balancer ARN, or text that can be a load balancer name (a colon never can). */
const isLoadBalancerRef = (head: string) =>
  (isArn(head) && head.includes(':loadbalancer/')) || /^[A-Za-z0-9-]{1,32}$/.test(head);

export function parseListenerRef(value: string): ListenerRef {
  if (isListenerArn(value)) return { kind: 'arn', arn: value };
  const split = splitTail(value, 1);
  // `LB:GENEVE` names a gateway load balancer's listener, which has no port.
  if (split && isLoadBalancerRef(split.head) && split.tail[0]?.toUpperCase() === 'GENEVE') {
    return { kind: 'lb-port', loadBalancer: split.head, port: GATEWAY_LISTENER_PORT };
  }
  const portValue = split ? parseInteger(split.tail[0] as string) : undefined;
  if (!split || !isLoadBalancerRef(split.head) || portValue === undefined || checkPort(portValue) !== undefined) {
    const isRule = split !== undefined && !isArn(value) && /^[^:]+:\d+:\d+$/.test(value);
    throw usageError(
      'E_BAD_REF',
      `listener ${quote(value)}: name it by its ARN or as LB:PORT, e.g. web:443${isRule ? '; LB:PORT:PRIORITY names a rule, not a listener' : ''}`,
    );
  }
  return { kind: 'lb-port', loadBalancer: split.head, port: portValue };
}

export function parseRuleRef(value: string): RuleRef {
  if (isRuleArn(value)) return { kind: 'arn', arn: value };
  const split = splitTail(value, 2);
  const portValue = split ? parseInteger(split.tail[0] as string) : undefined;
  const priority = split ? parseInteger(split.tail[1] as string) : undefined;
  if (split?.tail[1]?.toLowerCase() === 'default' && isLoadBalancerRef(split.head) && portValue !== undefined) {
    const listener = isArn(split.head) ? 'the listener' : `${split.head}:${portValue}`;
    throw usageError(
      'E_BAD_REF',
      `rule ${quote(value)}: the default rule is the listener's default action, not a rule of its own; change it with \`elbctl listener modify ${listener}\` (--forward, --redirect, --fixed-response)`,
    );
  }
  if (
    !split ||
    !isLoadBalancerRef(split.head) ||
    portValue === undefined ||
    checkPort(portValue) !== undefined ||
    priority === undefined ||
    priority < 1 ||
    priority > 50000
  ) {
    throw usageError('E_BAD_REF', `rule ${quote(value)}: name it by its ARN or as LB:PORT:PRIORITY, e.g. web:443:10`);
  }
  return { kind: 'lb-port-priority', loadBalancer: split.head, port: portValue, priority };
}

/**
 * Any ELBv2 resource, named where it could be one kind or another (`tags`, `doctor`, `alarms`):
 * an ARN, `LB:PORT`, `LB:PORT:PRIORITY`, `lb/NAME`, `tg/NAME`, or a bare name, which may be a
 * load balancer or a target group (the resolver looks both up; both existing is ambiguous).
 */
export type ResourceRef =
  | { kind: 'load-balancer'; ref: string }
  | { kind: 'target-group'; ref: string }
  | { kind: 'listener'; ref: ListenerRef }
  | { kind: 'rule'; ref: RuleRef }
  | { kind: 'name'; name: string };

const isName = (v: string) => /^[A-Za-z0-9-]{1,32}$/.test(v);

export function parseResourceRef(value: string): ResourceRef {
  const bad = (why: string) =>
    usageError(
      'E_BAD_REF',
      `resource ${quote(value)}: ${why}; name it by its ARN, as lb/NAME, tg/NAME, LB:PORT (a listener) or LB:PORT:PRIORITY (a rule)`,
    );
  if (isArn(value)) {
    const at = value.indexOf(':loadbalancer/');
    if (at >= 0) {
      // A load balancer ARN may stand for LB in LB:PORT and LB:PORT:PRIORITY.
      const extra = value.slice(at + 1).split(':').length - 1;
      if (extra === 1) return { kind: 'listener', ref: parseListenerRef(value) };
      if (extra === 2) return { kind: 'rule', ref: parseRuleRef(value) };
      return { kind: 'load-balancer', ref: value };
    }
    if (value.includes(':targetgroup/')) return { kind: 'target-group', ref: value };
    if (isRuleArn(value)) return { kind: 'rule', ref: { kind: 'arn', arn: value } };
    if (isListenerArn(value)) return { kind: 'listener', ref: { kind: 'arn', arn: value } };
    throw bad('not the ARN of a load balancer, target group, listener or rule');
  }
  const slash = /^(lb|tg)\/(.*)$/.exec(value);
  if (slash) {
    const name = slash[2] as string;
    if (!isName(name))
      throw bad(`${quote(name)} is not a ${slash[1] === 'lb' ? 'load balancer' : 'target group'} name`);
    return slash[1] === 'lb' ? { kind: 'load-balancer', ref: name } : { kind: 'target-group', ref: name };
  }
  const colons = value.split(':').length - 1;
  if (colons === 1) return { kind: 'listener', ref: parseListenerRef(value) };
  if (colons === 2) return { kind: 'rule', ref: parseRuleRef(value) };
  if (colons === 0 && isName(value)) return { kind: 'name', name: value };
  throw bad('not a name, an ARN or a reference elbctl knows');
}
