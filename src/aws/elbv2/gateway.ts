/**
 * The ELBv2 gateway: domain-level operations over the SDK client, the writes on top of the reads
 * (reads.ts). Every failure is translated to an ElbctlError.
 */
import {
  AddListenerCertificatesCommand,
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  ModifyListenerAttributesCommand,
  ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  RemoveListenerCertificatesCommand,
  RemoveTagsCommand,
  SetIpAddressTypeCommand,
  SetRulePrioritiesCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  waitUntilLoadBalancerAvailable,
  waitUntilLoadBalancersDeleted,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ElbctlError } from '../../core/errors';
import type { SubnetMapping } from '../../core/modify/load-balancer';
import type {
  Action,
  Condition,
  Listener,
  LoadBalancer,
  MutualTls,
  Rule,
  Tag,
  Target,
  TargetGroup,
  Transform,
} from '../../core/model';
import { awsStep } from '../errors';
import {
  fromActions,
  fromCondition,
  fromMutualTls,
  fromTarget,
  fromTransform,
  toListener,
  toLoadBalancer,
  toRule,
  toTargetGroup,
} from '../mappers';
import { DESCRIBE_BATCH, chunk } from './describe-batch';
import { Elbv2Reads } from './reads';
import type { CreateListenerInput, CreateLoadBalancerInput, CreateRuleInput, CreateTargetGroupInput } from './inputs';
import { CapacityGateway } from './capacity';
import { TrustStoreGateway } from './trust-stores';
import { waitStep } from './waiting';

/** Every subnet as a SubnetMapping, with the fixed addresses given for it. */
function subnetMappingsInput(subnets: readonly string[], mappings: readonly SubnetMapping[]) {
  const byId = new Map(mappings.map((m) => [m.subnetId, m]));
  const ids = [...new Set([...subnets, ...mappings.map((m) => m.subnetId)])];
  return ids.map((id) => {
    const m = byId.get(id);
    return {
      SubnetId: id,
      ...(m?.allocationId !== undefined ? { AllocationId: m.allocationId } : {}),
      ...(m?.privateIPv4Address !== undefined ? { PrivateIPv4Address: m.privateIPv4Address } : {}),
      ...(m?.ipv6Address !== undefined ? { IPv6Address: m.ipv6Address } : {}),
    };
  });
}

/** The matcher a health check takes: gRPC codes for a GRPC target group, HTTP codes otherwise. */
const matcher = (codes: string | undefined, protocolVersion: string | undefined) =>
  codes ? { Matcher: protocolVersion === 'GRPC' ? { GrpcCode: codes } : { HttpCode: codes } } : {};

const toSdkTags = (tags: Tag[] | undefined) =>
  tags && tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) } : {};

export class Elbv2Gateway extends Elbv2Reads {
  /** Trust stores for mutual TLS (their own calls, on the same client). */
  readonly trustStores = new TrustStoreGateway(this.client);
  /** LCU reservations (their own calls, on the same client). */
  readonly capacity = new CapacityGateway(this.client);

  // ---------------------------------------------------------------- load balancers

  async createLoadBalancer(input: CreateLoadBalancerInput): Promise<LoadBalancer> {
    return awsStep(`create load balancer "${input.name}"`, async () => {
      const r = await this.client.send(
        new CreateLoadBalancerCommand({
          Name: input.name,
          Type: input.type,
          ...(input.subnetMappings?.length
            ? { SubnetMappings: subnetMappingsInput(input.subnets, input.subnetMappings) }
            : { Subnets: input.subnets }),
          // AWS refuses a scheme for a gateway load balancer (it is internal).
          ...(input.scheme && input.type !== 'gateway' ? { Scheme: input.scheme as never } : {}),
          ...(input.securityGroups?.length ? { SecurityGroups: input.securityGroups } : {}),
          ...(input.ipAddressType ? { IpAddressType: input.ipAddressType as never } : {}),
          ...toSdkTags(input.tags),
        }),
      );
      const lb = r.LoadBalancers?.[0];
      if (!lb)
        throw new ElbctlError('aws', 'E_AWS', `create load balancer "${input.name}": AWS returned no load balancer`);
      return toLoadBalancer(lb);
    });
  }

  async waitUntilAvailable(arn: string, maxWaitSeconds = 600): Promise<void> {
    await waitStep('the load balancer to become active', maxWaitSeconds, () =>
      waitUntilLoadBalancerAvailable(
        { client: this.client, maxWaitTime: maxWaitSeconds, minDelay: 2, maxDelay: 15 },
        { LoadBalancerArns: [arn] },
      ),
    );
  }

  async waitUntilDeleted(arn: string, maxWaitSeconds = 600): Promise<void> {
    await waitStep('the load balancer to be deleted', maxWaitSeconds, () =>
      waitUntilLoadBalancersDeleted(
        { client: this.client, maxWaitTime: maxWaitSeconds, minDelay: 2, maxDelay: 15 },
        { LoadBalancerArns: [arn] },
      ),
    );
  }

  async deleteLoadBalancer(arn: string): Promise<void> {
    await awsStep('delete load balancer', () =>
      this.client.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn })),
    );
  }

  /** The subnets by ID, or (with `mappings`) as SubnetMappings: an Elastic IP or private address per subnet. */
  async setSubnets(arn: string, subnets: readonly string[], mappings?: readonly SubnetMapping[]): Promise<void> {
    await awsStep('set load balancer subnets', () =>
      this.client.send(
        new SetSubnetsCommand(
          mappings?.length
            ? {
                LoadBalancerArn: arn,
                SubnetMappings: mappings.map((m) => ({
                  SubnetId: m.subnetId,
                  ...(m.allocationId !== undefined ? { AllocationId: m.allocationId } : {}),
                  ...(m.privateIPv4Address !== undefined ? { PrivateIPv4Address: m.privateIPv4Address } : {}),
                  ...(m.ipv6Address !== undefined ? { IPv6Address: m.ipv6Address } : {}),
                })),
              }
            : { LoadBalancerArn: arn, Subnets: [...subnets] },
        ),
      ),
    );
  }

  async setSecurityGroups(arn: string, securityGroups: readonly string[]): Promise<void> {
    await awsStep('set load balancer security groups', () =>
      this.client.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: [...securityGroups] })),
    );
  }

  async setIpAddressType(arn: string, ipAddressType: string): Promise<void> {
    await awsStep('set load balancer ip address type', () =>
      this.client.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: ipAddressType as never })),
    );
  }

  async setLoadBalancerAttributes(arn: string, attributes: Record<string, string>): Promise<Record<string, string>> {
    return awsStep('set load balancer attributes', async () => {
      const r = await this.client.send(
        new ModifyLoadBalancerAttributesCommand({
          LoadBalancerArn: arn,
          Attributes: Object.entries(attributes).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      return Object.fromEntries((r.Attributes ?? []).map((a) => [a.Key ?? '', a.Value ?? '']));
    });
  }

  // ---------------------------------------------------------------- target groups

  async createTargetGroup(input: CreateTargetGroupInput): Promise<TargetGroup> {
    return awsStep(`create target group "${input.name}"`, async () => {
      const hc = input.healthCheck ?? {};
      const r = await this.client.send(
        new CreateTargetGroupCommand({
          Name: input.name,
          TargetType: input.targetType as never,
          ...(input.protocol ? { Protocol: input.protocol as never } : {}),
          ...(input.port !== undefined ? { Port: input.port } : {}),
          ...(input.vpcId ? { VpcId: input.vpcId } : {}),
          ...(input.protocolVersion ? { ProtocolVersion: input.protocolVersion } : {}),
          ...(input.ipAddressType ? { IpAddressType: input.ipAddressType as never } : {}),
          ...(input.targetControlPort !== undefined ? { TargetControlPort: input.targetControlPort } : {}),
          ...(hc.enabled !== undefined ? { HealthCheckEnabled: hc.enabled } : {}),
          ...(hc.protocol ? { HealthCheckProtocol: hc.protocol as never } : {}),
          ...(hc.port ? { HealthCheckPort: hc.port } : {}),
          ...(hc.path ? { HealthCheckPath: hc.path } : {}),
          ...(hc.intervalSeconds !== undefined ? { HealthCheckIntervalSeconds: hc.intervalSeconds } : {}),
          ...(hc.timeoutSeconds !== undefined ? { HealthCheckTimeoutSeconds: hc.timeoutSeconds } : {}),
          ...(hc.healthyThreshold !== undefined ? { HealthyThresholdCount: hc.healthyThreshold } : {}),
          ...(hc.unhealthyThreshold !== undefined ? { UnhealthyThresholdCount: hc.unhealthyThreshold } : {}),
          ...matcher(hc.matcher, input.protocolVersion),
          ...toSdkTags(input.tags),
        }),
      );
      const tg = r.TargetGroups?.[0];
      if (!tg)
        throw new ElbctlError('aws', 'E_AWS', `create target group "${input.name}": AWS returned no target group`);
      return toTargetGroup(tg);
    });
  }

  async deleteTargetGroup(arn: string): Promise<void> {
    await awsStep('delete target group', () => this.client.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn })));
  }

  async setTargetGroupAttributes(arn: string, attributes: Record<string, string>): Promise<Record<string, string>> {
    return awsStep('set target group attributes', async () => {
      const r = await this.client.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: Object.entries(attributes).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      return Object.fromEntries((r.Attributes ?? []).map((a) => [a.Key ?? '', a.Value ?? '']));
    });
  }

  /** Changes only the health check fields given; a GRPC target group's matcher is gRPC codes. */
  async modifyTargetGroupHealthCheck(
    arn: string,
    hc: NonNullable<CreateTargetGroupInput['healthCheck']>,
    protocolVersion?: string,
  ): Promise<TargetGroup> {
    return awsStep('modify target group health check', async () => {
      const r = await this.client.send(
        new ModifyTargetGroupCommand({
          TargetGroupArn: arn,
          ...(hc.enabled !== undefined ? { HealthCheckEnabled: hc.enabled } : {}),
          ...(hc.protocol ? { HealthCheckProtocol: hc.protocol as never } : {}),
          ...(hc.port ? { HealthCheckPort: hc.port } : {}),
          ...(hc.path ? { HealthCheckPath: hc.path } : {}),
          ...(hc.intervalSeconds !== undefined ? { HealthCheckIntervalSeconds: hc.intervalSeconds } : {}),
          ...(hc.timeoutSeconds !== undefined ? { HealthCheckTimeoutSeconds: hc.timeoutSeconds } : {}),
          ...(hc.healthyThreshold !== undefined ? { HealthyThresholdCount: hc.healthyThreshold } : {}),
          ...(hc.unhealthyThreshold !== undefined ? { UnhealthyThresholdCount: hc.unhealthyThreshold } : {}),
          ...matcher(hc.matcher, protocolVersion),
        }),
      );
      const tg = r.TargetGroups?.[0];
      if (!tg) throw new ElbctlError('aws', 'E_AWS', 'modify target group: AWS returned no target group');
      return toTargetGroup(tg);
    });
  }

  // ---------------------------------------------------------------- targets

  async registerTargets(targetGroupArn: string, targets: readonly Target[]): Promise<void> {
    await awsStep('register targets', () =>
      this.client.send(
        new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: targets.map(fromTarget) }),
      ),
    );
  }

  async deregisterTargets(targetGroupArn: string, targets: readonly Target[]): Promise<void> {
    await awsStep('deregister targets', () =>
      this.client.send(
        new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: targets.map(fromTarget) }),
      ),
    );
  }

  // ---------------------------------------------------------------- listeners

  async createListener(input: CreateListenerInput): Promise<Listener> {
    // A gateway load balancer's listener (GENEVE) takes neither protocol nor port.
    const gateway = input.protocol === 'GENEVE';
    return awsStep(
      gateway ? 'create GENEVE listener' : `create ${input.protocol} listener on port ${input.port}`,
      async () => {
        const r = await this.client.send(
          new CreateListenerCommand({
            LoadBalancerArn: input.loadBalancerArn,
            ...(gateway ? {} : { Protocol: input.protocol as never, Port: input.port }),
            ...(input.certificates?.length
              ? { Certificates: input.certificates.map((CertificateArn) => ({ CertificateArn })) }
              : {}),
            ...(input.sslPolicy ? { SslPolicy: input.sslPolicy } : {}),
            ...(input.alpnPolicy ? { AlpnPolicy: [input.alpnPolicy] } : {}),
            ...(input.mutualTls ? { MutualAuthentication: fromMutualTls(input.mutualTls) } : {}),
            DefaultActions: fromActions(input.defaultActions),
            ...toSdkTags(input.tags),
          }),
        );
        const l = r.Listeners?.[0];
        if (!l) throw new ElbctlError('aws', 'E_AWS', 'create listener: AWS returned no listener');
        return toListener(l);
      },
    );
  }

  /** Adds certificates beyond the default one; AWS takes one certificate per call. */
  async addListenerCertificates(listenerArn: string, certificateArns: readonly string[]): Promise<void> {
    await awsStep('add listener certificates', async () => {
      for (const CertificateArn of certificateArns) {
        await this.client.send(
          new AddListenerCertificatesCommand({ ListenerArn: listenerArn, Certificates: [{ CertificateArn }] }),
        );
      }
    });
  }

  async removeListenerCertificates(listenerArn: string, certificateArns: readonly string[]): Promise<void> {
    if (certificateArns.length === 0) return;
    await awsStep('remove listener certificates', () =>
      this.client.send(
        new RemoveListenerCertificatesCommand({
          ListenerArn: listenerArn,
          Certificates: certificateArns.map((CertificateArn) => ({ CertificateArn })),
        }),
      ),
    );
  }

  /** Changes only the fields given; `defaultCertificate` is the one certificate ModifyListener takes. */
  async modifyListener(input: {
    listenerArn: string;
    protocol?: string | undefined;
    port?: number | undefined;
    sslPolicy?: string | undefined;
    defaultCertificate?: string | undefined;
    defaultActions?: Action[] | undefined;
    alpnPolicy?: string | undefined;
    mutualTls?: MutualTls | undefined;
  }): Promise<Listener> {
    return awsStep('modify listener', async () => {
      const r = await this.client.send(
        new ModifyListenerCommand({
          ListenerArn: input.listenerArn,
          ...(input.protocol ? { Protocol: input.protocol as never } : {}),
          ...(input.port !== undefined ? { Port: input.port } : {}),
          ...(input.sslPolicy ? { SslPolicy: input.sslPolicy } : {}),
          ...(input.defaultCertificate ? { Certificates: [{ CertificateArn: input.defaultCertificate }] } : {}),
          ...(input.defaultActions ? { DefaultActions: fromActions(input.defaultActions) } : {}),
          ...(input.alpnPolicy ? { AlpnPolicy: [input.alpnPolicy] } : {}),
          ...(input.mutualTls ? { MutualAuthentication: fromMutualTls(input.mutualTls) } : {}),
        }),
      );
      const l = r.Listeners?.[0];
      if (!l) throw new ElbctlError('aws', 'E_AWS', 'modify listener: AWS returned no listener');
      return toListener(l);
    });
  }

  async setListenerAttributes(arn: string, attributes: Record<string, string>): Promise<Record<string, string>> {
    return awsStep('set listener attributes', async () => {
      const r = await this.client.send(
        new ModifyListenerAttributesCommand({
          ListenerArn: arn,
          Attributes: Object.entries(attributes).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      return Object.fromEntries((r.Attributes ?? []).map((a) => [a.Key ?? '', a.Value ?? '']));
    });
  }

  async deleteListener(arn: string): Promise<void> {
    await awsStep('delete listener', () => this.client.send(new DeleteListenerCommand({ ListenerArn: arn })));
  }

  // ---------------------------------------------------------------- rules

  async createRule(input: CreateRuleInput): Promise<Rule> {
    return awsStep(`create rule with priority ${input.priority}`, async () => {
      const r = await this.client.send(
        new CreateRuleCommand({
          ListenerArn: input.listenerArn,
          Priority: input.priority,
          Conditions: input.conditions.map(fromCondition),
          Actions: fromActions(input.actions),
          ...(input.transforms?.length ? { Transforms: input.transforms.map(fromTransform) } : {}),
          ...toSdkTags(input.tags),
        }),
      );
      const rule = r.Rules?.[0];
      if (!rule) throw new ElbctlError('aws', 'E_AWS', 'create rule: AWS returned no rule');
      return toRule(rule);
    });
  }

  /**
   * Changes only what is given: conditions, actions, transforms. Transforms left out are kept (as
   * AWS keeps them); an empty list removes them all, which AWS takes as ResetTransforms.
   */
  async modifyRule(
    ruleArn: string,
    change: {
      conditions?: Condition[] | undefined;
      actions?: Action[] | undefined;
      transforms?: Transform[] | undefined;
    },
  ): Promise<Rule> {
    return awsStep('modify rule', async () => {
      const t = change.transforms;
      const r = await this.client.send(
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          ...(change.conditions ? { Conditions: change.conditions.map(fromCondition) } : {}),
          ...(change.actions ? { Actions: fromActions(change.actions) } : {}),
          ...(t === undefined ? {} : t.length === 0 ? { ResetTransforms: true } : { Transforms: t.map(fromTransform) }),
        }),
      );
      const rule = r.Rules?.[0];
      if (!rule) throw new ElbctlError('aws', 'E_AWS', 'modify rule: AWS returned no rule');
      return toRule(rule);
    });
  }

  async deleteRule(arn: string): Promise<void> {
    await awsStep('delete rule', () => this.client.send(new DeleteRuleCommand({ RuleArn: arn })));
  }

  async setRulePriorities(moves: ReadonlyArray<{ ruleArn: string; priority: number }>): Promise<Rule[]> {
    return awsStep('set rule priorities', async () => {
      const r = await this.client.send(
        new SetRulePrioritiesCommand({
          RulePriorities: moves.map((m) => ({ RuleArn: m.ruleArn, Priority: m.priority })),
        }),
      );
      return (r.Rules ?? []).map(toRule);
    });
  }

  // ---------------------------------------------------------------- tags

  async removeTags(arns: readonly string[], keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await awsStep('remove tags', async () => {
      for (const batch of chunk(arns, DESCRIBE_BATCH)) {
        await this.client.send(new RemoveTagsCommand({ ResourceArns: batch, TagKeys: [...keys] }));
      }
    });
  }

  async addTags(arns: readonly string[], tags: readonly Tag[]): Promise<void> {
    await awsStep('add tags', async () => {
      for (const batch of chunk(arns, DESCRIBE_BATCH)) {
        await this.client.send(
          new AddTagsCommand({ ResourceArns: batch, Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) }),
        );
      }
    });
  }
}
