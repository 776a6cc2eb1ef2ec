/**
 * A Classic load balancer as doctor's facts (src/core/doctor/facts.ts), so `doctor CLB` runs the
 * same reasoning as `doctor LB`: security groups on the listener and health-check ports, zones,
 * cross-zone, instance state and the health check. Pure: the Classic load balancer, its
 * instances' health and the EC2 facts come in; the Classic listeners become a load balancer of
 * the kind their protocols fit, and each distinct instance port a target group checked with the
 * one Classic health check.
 */
import type { Check, DoctorFacts, InstanceFacts, InterfaceFacts, SecurityGroupFacts } from '../doctor/facts';
import type { HealthCheck, LoadBalancer, TargetGroup, TargetHealth } from '../model';
import { parseHealthTarget } from './health-check';
import { slotOf, targetGroupSlots, type TargetGroupSlot } from './listeners';
import type { ClassicInstanceHealth, ClassicLoadBalancer } from './model';

export interface Ec2Facts {
  subnets: Array<{ id: string; availabilityZone: string; cidr: string }>;
  vpcs: Array<{ id: string; cidrs: string[] }>;
  instances: InstanceFacts[];
  securityGroups: SecurityGroupFacts[];
  interfaces?: InterfaceFacts[] | undefined;
}

/** InService / OutOfService / Unknown and the Classic reason → ELBv2's states and reason codes. */
export function toTargetHealth(h: ClassicInstanceHealth): TargetHealth {
  const description = h.description;
  if (h.state === 'InService') return { id: h.instanceId, state: 'healthy' };
  if (h.state === 'Unknown' || /registration is still in progress/i.test(description ?? ''))
    return { id: h.instanceId, state: 'initial', reason: 'Elb.RegistrationInProgress', description };
  if (/stopped|terminated|not in a valid state/i.test(description ?? ''))
    return { id: h.instanceId, state: 'unused', reason: 'Target.InvalidState', description };
  return { id: h.instanceId, state: 'unhealthy', reason: 'Target.FailedHealthChecks', description };
}

function healthCheckOf(clb: ClassicLoadBalancer): HealthCheck {
  const parsed = parseHealthTarget(clb.healthCheck.target);
  const hc = clb.healthCheck;
  return {
    enabled: true,
    protocol: parsed?.protocol === 'SSL' ? 'TCP' : parsed?.protocol,
    port: parsed ? String(parsed.port) : 'traffic-port',
    path: parsed?.path,
    intervalSeconds: hc.interval,
    timeoutSeconds: hc.timeout,
    healthyThreshold: hc.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold,
    ...(parsed?.protocol === 'HTTP' || parsed?.protocol === 'HTTPS' ? { matcher: '200' } : {}),
  };
}

export function classicDoctorFacts(
  clb: ClassicLoadBalancer,
  health: readonly ClassicInstanceHealth[],
  ec2: Ec2Facts,
): DoctorFacts {
  // Judged as a network load balancer whatever its listeners: like one (and unlike an application
  // load balancer) a Classic load balancer may check health over TCP and turn cross-zone off.
  const type = 'network';
  const arn = `classic/${clb.name}`;
  const loadBalancer: LoadBalancer = {
    name: clb.name,
    arn,
    type,
    scheme: clb.scheme,
    state: 'active',
    dnsName: clb.dnsName,
    vpcId: clb.vpcId ?? '',
    // The emulator reports no zones for a Classic load balancer made with subnets; the subnets say them.
    availabilityZones:
      clb.availabilityZones.length > 0
        ? clb.availabilityZones
        : clb.subnets.map((id) => ec2.subnets.find((s) => s.id === id)?.availabilityZone ?? '').filter(Boolean),
    subnets: clb.subnets,
    securityGroups: clb.securityGroups,
    ipAddressType: 'ipv4',
  };
  // Target groups named by the Classic instance protocols (HTTP/HTTPS stay so).
  const slotType = clb.listeners.every((l) => l.protocol === 'HTTP' || l.protocol === 'HTTPS')
    ? 'application'
    : 'network';
  const slots = targetGroupSlots(slotType, clb.listeners, clb.name);
  const healthCheck = healthCheckOf(clb);
  const slotArn = (s: TargetGroupSlot) => `${arn}/instance-port/${s.protocol}/${s.port}`;
  const shared = (s: TargetGroupSlot) => slots.filter((o) => o.port === s.port).length > 1;
  const targetGroups: TargetGroup[] = slots.map((s) => ({
    name: shared(s) ? `${clb.name}:${s.port}-${s.protocol.toLowerCase()}` : `${clb.name}:${s.port}`,
    arn: slotArn(s),
    protocol: s.protocol,
    port: s.port,
    targetType: 'instance',
    vpcId: clb.vpcId,
    loadBalancers: [arn],
    healthCheck,
  }));
  const subnets = clb.subnets
    .map((id) => ec2.subnets.find((s) => s.id === id))
    .filter((s): s is Ec2Facts['subnets'][number] => s !== undefined);
  return {
    targetGroups: targetGroups.map((targetGroup) => ({
      targetGroup,
      attributes: {},
      health: health.map(toTargetHealth),
    })),
    loadBalancers: [
      {
        loadBalancer,
        subnets,
        crossZone: clb.attributes.crossZone,
        listeners: clb.listeners.map((l) => ({
          listener: {
            arn: `${arn}/listener/${l.port}`,
            loadBalancerArn: arn,
            protocol: l.protocol === 'SSL' ? 'TLS' : l.protocol,
            port: l.port,
            certificates: l.certificateId ? [l.certificateId] : [],
            defaultActions: [
              {
                type: 'forward',
                targetGroups: [{ targetGroupArn: slotArn(slotOf(slotType, slots, l)) }],
              },
            ],
          },
          rules: [],
        })),
      },
    ],
    instances: ec2.instances,
    securityGroups: ec2.securityGroups,
    interfaces: ec2.interfaces ?? [],
    vpcCidrs: Object.fromEntries(ec2.vpcs.map((v) => [v.id, v.cidrs])),
    candidates: [],
  };
}

/**
 * Doctor's fixes name ELBv2 commands (`elbctl tg modify`, `aws elbv2 set-subnets`); on a Classic
 * load balancer the same fix is a Classic command. Fixes that name none (security groups) stay.
 */
export function classicFix(check: Check, clb: ClassicLoadBalancer): Check {
  if (check.fix === null || !/elbctl (tg|lb) |aws elbv2 |classic\//.test(check.fix)) return check;
  const kind = check.name.slice(check.name.lastIndexOf('/') + 1);
  const name = clb.name;
  const fixes: Record<string, string> = {
    zones: `aws elb attach-load-balancer-to-subnets --load-balancer-name ${name} --subnets SUBNET (a subnet in each zone the instances are in)`,
    'cross-zone': `elbctl clb attributes ${name} --set cross_zone.enabled=true`,
    'health-check': `aws elb configure-health-check --load-balancer-name ${name} --health-check Target=PROTOCOL:PORT/PATH,Interval=30,Timeout=5,HealthyThreshold=3,UnhealthyThreshold=2`,
  };
  return {
    ...check,
    fix:
      fixes[kind] ??
      'fix it on the Classic load balancer with the `aws elb` commands (elbctl migrate moves it to ELBv2, where elbctl can fix it)',
  };
}
