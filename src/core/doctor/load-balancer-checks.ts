/**
 * Checks of the load balancer itself, for `doctor LB`: that something listens and forwards, and
 * for a gateway load balancer that it is wired the only way AWS allows (one listener forwarding
 * GENEVE on 6081 to appliances). Without them a load balancer with nothing behind it, or a gateway
 * load balancer, would get no check at all and doctor would say nothing.
 */
import { isSecureProtocol, isWeakSslPolicy, RECOMMENDED_SSL_POLICY } from '../rules/listener';
import { GENEVE_PORT } from '../rules/target-group';
import { list, plural } from './check-context';
import type { Check, DoctorFacts, LoadBalancerFacts } from './facts';

const forwardedArns = (lbf: LoadBalancerFacts): string[] => [
  ...new Set(
    lbf.listeners.flatMap(({ listener, rules }) =>
      [...listener.defaultActions, ...rules.flatMap((r) => r.actions)].flatMap((a) =>
        a.type === 'forward' ? a.targetGroups.map((g) => g.targetGroupArn) : [],
      ),
    ),
  ),
];

function listenersCheck(lbf: LoadBalancerFacts, targetGroupCount: number): Check {
  const lb = lbf.loadBalancer;
  const name = `${lb.name}/listeners`;
  if (lbf.listeners.length === 0) {
    const fix =
      lb.type === 'gateway'
        ? `elbctl tg create ${lb.name}-appliances --protocol GENEVE --port ${GENEVE_PORT} --vpc ${lb.vpcId ?? 'VPC'} --health-protocol TCP --health-port 80, then: elbctl listener create ${lb.name} --protocol GENEVE --forward ${lb.name}-appliances`
        : `elbctl listener create ${lb.name} --protocol ${lb.type === 'application' ? 'HTTP' : 'TCP'} --port 80 --forward TARGET-GROUP`;
    return { name, status: 'warn', detail: 'no listener: no traffic reaches this load balancer', fix };
  }
  const ports = lbf.listeners.map(({ listener: l }) => (lb.type === 'gateway' ? 'GENEVE' : `${l.protocol}:${l.port}`));
  if (targetGroupCount === 0) {
    return {
      name,
      status: 'warn',
      detail: `${plural(lbf.listeners.length, 'listener')} (${list(ports)}) but no target group: nothing is forwarded to targets`,
      fix: `elbctl listener modify ${lb.name}:${lbf.listeners[0]?.listener.port ?? 80} --forward TARGET-GROUP`,
    };
  }
  return { name, status: 'pass', detail: `${plural(lbf.listeners.length, 'listener')}: ${list(ports)}`, fix: null };
}

/** A gateway load balancer forwards GENEVE on 6081 to its appliances and takes traffic from endpoints. */
function gatewayCheck(lbf: LoadBalancerFacts, facts: DoctorFacts): Check {
  const lb = lbf.loadBalancer;
  const name = `${lb.name}/geneve`;
  const forwarded = new Set(forwardedArns(lbf));
  const groups = facts.targetGroups.map((t) => t.targetGroup).filter((tg) => forwarded.has(tg.arn));
  const wrong = groups.filter((tg) => tg.protocol !== 'GENEVE' || tg.port !== GENEVE_PORT);
  if (wrong.length > 0) {
    return {
      name,
      status: 'fail',
      detail: `${list(wrong.map((tg) => `${tg.name} is ${tg.protocol ?? '?'}:${tg.port ?? '?'}`))}; a gateway load balancer forwards GENEVE on ${GENEVE_PORT} only`,
      fix: `elbctl tg create NAME --protocol GENEVE --port ${GENEVE_PORT} --vpc ${lb.vpcId ?? 'VPC'}, then: aws elbv2 modify-listener --listener-arn ${lbf.listeners[0]?.listener.arn ?? 'LISTENER-ARN'} --default-actions Type=forward,TargetGroupArn=NEW-TARGET-GROUP-ARN`,
    };
  }
  if (groups.length === 0) {
    return {
      name,
      status: 'warn',
      detail: 'its listener forwards to no target group of appliances',
      fix: `aws elbv2 modify-listener --listener-arn ${lbf.listeners[0]?.listener.arn ?? 'LISTENER-ARN'} --default-actions Type=forward,TargetGroupArn=GENEVE-TARGET-GROUP-ARN`,
    };
  }
  return {
    name,
    status: 'pass',
    detail: `forwards GENEVE on ${GENEVE_PORT} to ${list(groups.map((g) => g.name))}; traffic reaches it only through Gateway Load Balancer endpoints and route tables, which doctor does not read`,
    fix: null,
  };
}

/** An HTTPS/TLS listener whose policy still accepts TLS 1.0/1.1 (judged by the dated table, not by the endpoint). */
function tlsPolicyChecks(lbf: LoadBalancerFacts): Check[] {
  return lbf.listeners.flatMap(({ listener: l }) =>
    isSecureProtocol(l.protocol) && l.sslPolicy !== undefined && isWeakSslPolicy(l.sslPolicy)
      ? [
          {
            name: `${lbf.loadBalancer.name}:${l.port}/tls-policy`,
            status: 'warn' as const,
            detail: `${l.sslPolicy} still accepts TLS 1.0 and 1.1`,
            fix: `elbctl listener modify ${lbf.loadBalancer.name}:${l.port} --ssl-policy ${RECOMMENDED_SSL_POLICY}`,
          },
        ]
      : [],
  );
}

/**
 * The load balancer's own checks: a listener whose TLS policy accepts TLS 1.0/1.1, and — always
 * for a gateway load balancer, for any other without a target group — what listens and forwards.
 */
export function loadBalancerChecks(facts: DoctorFacts, subjectArn: string): Check[] {
  const lbf = facts.loadBalancers.find((l) => l.loadBalancer.arn === subjectArn);
  if (!lbf) return [];
  const tls = tlsPolicyChecks(lbf);
  const gateway = lbf.loadBalancer.type === 'gateway';
  if (!gateway && facts.targetGroups.length > 0) return tls;
  const checks = [listenersCheck(lbf, facts.targetGroups.length), ...tls];
  if (gateway && lbf.listeners.length > 0 && facts.targetGroups.length > 0) checks.push(gatewayCheck(lbf, facts));
  return checks;
}
