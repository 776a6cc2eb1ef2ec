/** What doctor reasons over (a snapshot of the live state) and what it answers (checks). */
import type { Listener, LoadBalancer, Rule, TargetGroup, TargetHealth } from '../model';

type CheckStatus = 'pass' | 'warn' | 'fail';

export interface Check {
  /** `TG/check`, e.g. `api/traffic-port`; `@LB` is added when a target group serves several load balancers. */
  name: string;
  status: CheckStatus;
  detail: string;
  fix: string | null;
}

export interface SecurityGroupRuleFacts {
  protocol: string;
  fromPort?: number | undefined;
  toPort?: number | undefined;
  cidrs: string[];
  sourceGroups: string[];
}

export interface SecurityGroupFacts {
  id: string;
  ingress: SecurityGroupRuleFacts[];
}

export interface InstanceFacts {
  id: string;
  state: string;
  availabilityZone?: string | undefined;
  subnetId?: string | undefined;
  privateIp?: string | undefined;
  securityGroups: string[];
}

export interface InterfaceFacts {
  privateIps: string[];
  securityGroups: string[];
  availabilityZone?: string | undefined;
  subnetId?: string | undefined;
}

interface SubnetFacts {
  id: string;
  availabilityZone: string;
  cidr: string;
}

export interface LoadBalancerFacts {
  loadBalancer: LoadBalancer;
  subnets: SubnetFacts[];
  /** The load balancer attribute `load_balancing.cross_zone.enabled` (always on for an ALB). */
  crossZone: boolean;
  listeners: Array<{ listener: Listener; rules: Rule[] }>;
}

export interface TargetGroupFacts {
  targetGroup: TargetGroup;
  attributes: Record<string, string>;
  health: TargetHealth[];
}

export interface DoctorFacts {
  targetGroups: TargetGroupFacts[];
  /** Every load balancer a target group in scope is attached to. */
  loadBalancers: LoadBalancerFacts[];
  instances: InstanceFacts[];
  securityGroups: SecurityGroupFacts[];
  interfaces: InterfaceFacts[];
  /** CIDR blocks per VPC ID. */
  vpcCidrs: Record<string, string[]>;
  /** Load balancers that could forward to a target group no listener uses (same VPC, fitting type). */
  candidates: LoadBalancerFacts[];
}
