/**
 * How users name listeners and rules: an ARN, `LB:PORT` for a listener, `LB:PORT:PRIORITY`
 * for a rule (LB is a load balancer name or ARN).
 */
import { usageError } from './errors';
import { isArn } from './model';
import { quote } from './echo';
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
