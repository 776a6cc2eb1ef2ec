/** What the ELBv2 gateway takes to create load balancers, target groups, listeners and rules. */
import type { Action, Condition, Tag } from '../../core/model';

export interface CreateLoadBalancerInput {
  name: string;
  type: 'application' | 'network' | 'gateway';
  scheme?: string | undefined;
  subnets: string[];
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
  defaultActions: Action[];
  tags?: Tag[] | undefined;
}

export interface CreateRuleInput {
  listenerArn: string;
  priority: number;
  conditions: Condition[];
  actions: Action[];
  tags?: Tag[] | undefined;
}
