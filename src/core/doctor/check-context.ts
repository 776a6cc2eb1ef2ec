/** What every doctor check shares: the target group in scope, where its targets are, how fixes are worded. */
import type { LoadBalancerType, TargetGroup, TargetHealth } from '../model';
import type { DoctorFacts, InstanceFacts, InterfaceFacts, LoadBalancerFacts, TargetGroupFacts } from './facts';
import type { IpProtocol } from './network';

// ------------------------------------------------------------------ helpers

export const targetLabel = (t: { id: string; port?: number | undefined }) =>
  t.port === undefined ? t.id : `${t.id}:${t.port}`;
export const list = (items: readonly string[]) => items.join(', ');
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function lbTypeOf(tg: TargetGroup, lbs: readonly LoadBalancerFacts[]): LoadBalancerType {
  const attached = lbs.find((l) => tg.loadBalancers.includes(l.loadBalancer.arn));
  if (attached) return attached.loadBalancer.type;
  if (tg.protocol === 'GENEVE') return 'gateway';
  return tg.protocol === 'HTTP' || tg.protocol === 'HTTPS' || tg.targetType === 'lambda' ? 'application' : 'network';
}

export const withArticle = (type: LoadBalancerType) => `${type === 'application' ? 'an' : 'a'} ${type}`;
export const isInstanceId = (id: string) => /^i-[0-9a-f]+$/.test(id);
export const isIpTarget = (tg: TargetGroup) => tg.targetType === 'ip';
export const trafficPort = (tg: TargetGroup, t: { port?: number | undefined }) => t.port ?? tg.port;

export function healthCheckPort(tg: TargetGroup, t: { port?: number | undefined }): number | undefined {
  const p = tg.healthCheck.port;
  if (p === undefined || p === 'traffic-port') return trafficPort(tg, t);
  const n = Number(p);
  return Number.isInteger(n) ? n : undefined;
}

export function trafficProtocols(tg: TargetGroup): IpProtocol[] {
  if (tg.protocol === 'UDP' || tg.protocol === 'GENEVE') return ['udp'];
  if (tg.protocol === 'TCP_UDP') return ['tcp', 'udp'];
  return ['tcp'];
}

export function modifyTargetGroup(tg: TargetGroup, flags: string[]): string {
  return `aws elbv2 modify-target-group --target-group-arn ${tg.arn} ${flags.join(' ')}`;
}

// ------------------------------------------------------------------ the checks

export interface CheckContext {
  facts: DoctorFacts;
  tgf: TargetGroupFacts;
  name: (id: string, lb?: LoadBalancerFacts) => string;
}

export function instanceOf(facts: DoctorFacts, id: string): InstanceFacts | undefined {
  return facts.instances.find((i) => i.id === id);
}

function interfaceOf(facts: DoctorFacts, ip: string): InterfaceFacts | undefined {
  return facts.interfaces.find((n) => n.privateIps.includes(ip));
}

/** The security groups, zone and subnet of one target, as far as they can be seen. */
export interface TargetPlace {
  target: TargetHealth;
  securityGroups?: string[] | undefined;
  zone?: string | undefined;
  subnetId?: string | undefined;
}

export function placeOf(facts: DoctorFacts, tg: TargetGroup, t: TargetHealth): TargetPlace {
  if (tg.targetType === 'instance') {
    const i = instanceOf(facts, t.id);
    return { target: t, securityGroups: i?.securityGroups, zone: i?.availabilityZone, subnetId: i?.subnetId };
  }
  if (isIpTarget(tg)) {
    const n = interfaceOf(facts, t.id);
    return {
      target: t,
      securityGroups: n?.securityGroups,
      zone: t.availabilityZone ?? n?.availabilityZone,
      subnetId: n?.subnetId,
    };
  }
  return { target: t };
}
