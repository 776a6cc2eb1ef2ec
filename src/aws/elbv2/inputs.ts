/** What the ELBv2 gateway takes to create load balancers, target groups, listeners and rules. */
import type { Action, Condition, MutualTls, SubnetAddresses, Tag, Transform } from '../../core/model';

export interface CreateLoadBalancerInput {
  name: string;
  type: 'application' | 'network' | 'gateway';
  scheme?: string | undefined;
  subnets: string[];
  /** Fixed addresses per subnet (network load balancers): then SubnetMappings is sent instead of Subnets. */
  subnetMappings?: SubnetAddresses[] | undefined;
  securityGroups?: string[] | undefined;
  ipAddressType?: string | undefined;
  tags?: Tag[] | undefined;
}

export interface CreateTargetGroupInput {
  name: string;
  protocol?: string | undefined;
  port?: number | undefined;
  vpcId?: string | undefined;
  targetType: string;
  protocolVersion?: string | undefined;
  ipAddressType?: string | undefined;
  targetControlPort?: number | undefined;
  healthCheck?: {
    protocol?: string | undefined;
    port?: string | undefined;
    path?: string | undefined;
    intervalSeconds?: number | undefined;
    timeoutSeconds?: number | undefined;
    healthyThreshold?: number | undefined;
    unhealthyThreshold?: number | undefined;
    matcher?: string | undefined;
    enabled?: boolean | undefined;
  };
  tags?: Tag[] | undefined;
}

export interface CreateListenerInput {
  loadBalancerArn: string;
  protocol: string;
  port: number;
  certificates?: string[] | undefined;
  sslPolicy?: string | undefined;
  alpnPolicy?: string | undefined;
  mutualTls?: MutualTls | undefined;
  defaultActions: Action[];
  tags?: Tag[] | undefined;
}

export interface CreateRuleInput {
  listenerArn: string;
  priority: number;
  conditions: Condition[];
  actions: Action[];
  transforms?: Transform[] | undefined;
  tags?: Tag[] | undefined;
}
