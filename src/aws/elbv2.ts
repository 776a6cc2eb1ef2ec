/**
 * The ELBv2 gateway: domain-level operations over the SDK client. Lists follow every page,
 * describes by name/ARN are batched at 20, every failure is translated to an ElbctlError.
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
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  RemoveListenerCertificatesCommand,
  SetIpAddressTypeCommand,
  SetRulePrioritiesCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  waitUntilLoadBalancerAvailable,
  waitUntilLoadBalancersDeleted,
  type ElasticLoadBalancingV2Client,
  type LoadBalancer as SdkLoadBalancer,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ElbctlError, notFoundError } from '../core/errors';
import type {
  Action,
  Condition,
  Listener,
  LoadBalancer,
  Rule,
  Tag,
  Target,
  TargetGroup,
  TargetHealth,
} from '../core/model';
import { isArn } from '../core/model';
import { awsStep, translateAwsError } from './errors';
import {
  fromAction,
  fromCondition,
  toListener,
  toLoadBalancer,
  toRule,
  toTargetGroup,
  toTargetHealth,
} from './mappers';

export const DESCRIBE_BATCH = 20;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every page of a Marker/NextMarker listing, in order. */
async function allPages<P extends { NextMarker?: string | undefined }>(
  fetch: (marker: string | undefined) => Promise<P>,
): Promise<P[]> {
  const pages: P[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    pages.push(page);
    marker = page.NextMarker;
  } while (marker);
  return pages;
}

function isNotFound(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  return /NotFound/.test(name);
}

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

const toSdkTags = (tags: Tag[] | undefined) =>
  tags && tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) } : {};

export class Elbv2Gateway {
  constructor(private readonly client: ElasticLoadBalancingV2Client) {}

  // ---------------------------------------------------------------- load balancers

  async listLoadBalancers(): Promise<LoadBalancer[]> {
    return awsStep('list load balancers', async () => {
      const pages = await allPages((Marker) =>
        this.client.send(new DescribeLoadBalancersCommand({ PageSize: 400, ...(Marker ? { Marker } : {}) })),
      );
      return pages.flatMap((p) => p.LoadBalancers ?? []).map(toLoadBalancer);
    });
  }

  /**
   * Load balancers by name or ARN, in the order asked, batched at 20 per call.
   * Every reference that does not exist is named in one not-found error.
   */
  async getLoadBalancers(refs: readonly string[]): Promise<LoadBalancer[]> {
    const found = await this.describeByRefs<SdkLoadBalancer>(
      refs,
      (batch, byArn) =>
        this.client
          .send(new DescribeLoadBalancersCommand(byArn ? { LoadBalancerArns: batch } : { Names: batch }))
          .then((r) => r.LoadBalancers ?? []),
      (lb) => [lb.LoadBalancerName, lb.LoadBalancerArn],
      'load balancer',
    );
    return found.map(toLoadBalancer);
  }

  async getLoadBalancer(ref: string): Promise<LoadBalancer> {
    const [lb] = await this.getLoadBalancers([ref]);
    return lb as LoadBalancer;
  }

  /** Like getLoadBalancer, but `undefined` when it does not exist. */
  async findLoadBalancer(ref: string): Promise<LoadBalancer | undefined> {
    try {
      return await this.getLoadBalancer(ref);
    } catch (e) {
      if (e instanceof ElbctlError && e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  /**
   * Every load balancer with this exact name: none, one, or (only on an emulator that lets a
   * retried create make a twin) several.
   */
  async findLoadBalancersNamed(name: string): Promise<LoadBalancer[]> {
    try {
      const r = await this.client.send(new DescribeLoadBalancersCommand({ Names: [name] }));
      return (r.LoadBalancers ?? []).filter((lb) => lb.LoadBalancerName === name).map(toLoadBalancer);
    } catch (e) {
      if (isNotFound(e)) return [];
      throw translateAwsError(e, `describe load balancer "${name}"`);
    }
  }

  async createLoadBalancer(input: CreateLoadBalancerInput): Promise<LoadBalancer> {
    return awsStep(`create load balancer "${input.name}"`, async () => {
      const r = await this.client.send(
        new CreateLoadBalancerCommand({
          Name: input.name,
          Type: input.type,
          Subnets: input.subnets,
          ...(input.scheme ? { Scheme: input.scheme as never } : {}),
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

  async setSubnets(arn: string, subnets: readonly string[]): Promise<void> {
    await awsStep('set load balancer subnets', () =>
      this.client.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: [...subnets] })),
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

  async getLoadBalancerAttributes(arn: string): Promise<Record<string, string>> {
    return awsStep('read load balancer attributes', async () => {
      const r = await this.client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
      return Object.fromEntries((r.Attributes ?? []).map((a) => [a.Key ?? '', a.Value ?? '']));
    });
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

  async listTargetGroups(filter: { loadBalancerArn?: string } = {}): Promise<TargetGroup[]> {
    return awsStep('list target groups', async () => {
      const pages = await allPages((Marker) =>
        this.client.send(
          new DescribeTargetGroupsCommand({
            PageSize: 400,
            ...(filter.loadBalancerArn ? { LoadBalancerArn: filter.loadBalancerArn } : {}),
            ...(Marker ? { Marker } : {}),
          }),
        ),
      );
      return pages.flatMap((p) => p.TargetGroups ?? []).map(toTargetGroup);
    });
  }

  async getTargetGroups(refs: readonly string[]): Promise<TargetGroup[]> {
    const found = await this.describeByRefs<SdkTargetGroup>(
      refs,
      (batch, byArn) =>
        this.client
          .send(new DescribeTargetGroupsCommand(byArn ? { TargetGroupArns: batch } : { Names: batch }))
          .then((r) => r.TargetGroups ?? []),
      (tg) => [tg.TargetGroupName, tg.TargetGroupArn],
      'target group',
    );
    return found.map(toTargetGroup);
  }

  async getTargetGroup(ref: string): Promise<TargetGroup> {
    const [tg] = await this.getTargetGroups([ref]);
    return tg as TargetGroup;
  }

  async findTargetGroup(ref: string): Promise<TargetGroup | undefined> {
    try {
      return await this.getTargetGroup(ref);
    } catch (e) {
      if (e instanceof ElbctlError && e.kind === 'not-found') return undefined;
      throw e;
    }
  }

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
          ...(hc.enabled !== undefined ? { HealthCheckEnabled: hc.enabled } : {}),
          ...(hc.protocol ? { HealthCheckProtocol: hc.protocol as never } : {}),
          ...(hc.port ? { HealthCheckPort: hc.port } : {}),
          ...(hc.path ? { HealthCheckPath: hc.path } : {}),
          ...(hc.intervalSeconds !== undefined ? { HealthCheckIntervalSeconds: hc.intervalSeconds } : {}),
          ...(hc.timeoutSeconds !== undefined ? { HealthCheckTimeoutSeconds: hc.timeoutSeconds } : {}),
          ...(hc.healthyThreshold !== undefined ? { HealthyThresholdCount: hc.healthyThreshold } : {}),
          ...(hc.unhealthyThreshold !== undefined ? { UnhealthyThresholdCount: hc.unhealthyThreshold } : {}),
          ...(hc.matcher ? { Matcher: { HttpCode: hc.matcher } } : {}),
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

  async getTargetGroupAttributes(arn: string): Promise<Record<string, string>> {
    return awsStep('read target group attributes', async () => {
      const r = await this.client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }));
      return Object.fromEntries((r.Attributes ?? []).map((a) => [a.Key ?? '', a.Value ?? '']));
    });
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

  /** Changes only the health check fields given. */
  async modifyTargetGroupHealthCheck(
    arn: string,
    hc: NonNullable<CreateTargetGroupInput['healthCheck']>,
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
          ...(hc.matcher ? { Matcher: { HttpCode: hc.matcher } } : {}),
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
      this.client.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: targets.map(sdkTarget) })),
    );
  }

  async deregisterTargets(targetGroupArn: string, targets: readonly Target[]): Promise<void> {
    await awsStep('deregister targets', () =>
      this.client.send(
        new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: targets.map(sdkTarget) }),
      ),
    );
  }

  /** Every target's health, or (with `targets`) only those targets', even when AWS no longer knows them. */
  async describeTargetHealth(targetGroupArn: string, targets?: readonly Target[]): Promise<TargetHealth[]> {
    return awsStep('read target health', async () => {
      const r = await this.client.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn: targetGroupArn,
          ...(targets?.length ? { Targets: targets.map(sdkTarget) } : {}),
        }),
      );
      return (r.TargetHealthDescriptions ?? []).map(toTargetHealth);
    });
  }

  // ---------------------------------------------------------------- listeners

  async listListeners(loadBalancerArn: string): Promise<Listener[]> {
    return awsStep('list listeners', async () => {
      const pages = await allPages((Marker) =>
        this.client.send(
          new DescribeListenersCommand({
            LoadBalancerArn: loadBalancerArn,
            PageSize: 400,
            ...(Marker ? { Marker } : {}),
          }),
        ),
      );
      return pages
        .flatMap((p) => p.Listeners ?? [])
        .map(toListener)
        .sort((a, b) => a.port - b.port);
    });
  }

  async getListener(arn: string): Promise<Listener> {
    try {
      const r = await this.client.send(new DescribeListenersCommand({ ListenerArns: [arn] }));
      const l = r.Listeners?.[0];
      if (!l) throw notFoundError('listener', arn);
      return toListener(l);
    } catch (e) {
      if (isNotFound(e)) throw notFoundError('listener', arn);
      throw translateAwsError(e, 'describe listener');
    }
  }

  async createListener(input: CreateListenerInput): Promise<Listener> {
    return awsStep(`create ${input.protocol} listener on port ${input.port}`, async () => {
      const r = await this.client.send(
        new CreateListenerCommand({
          LoadBalancerArn: input.loadBalancerArn,
          Protocol: input.protocol as never,
          Port: input.port,
          ...(input.certificates?.length
            ? { Certificates: input.certificates.map((CertificateArn) => ({ CertificateArn })) }
            : {}),
          ...(input.sslPolicy ? { SslPolicy: input.sslPolicy } : {}),
          DefaultActions: input.defaultActions.map((a, i) => fromAction(a, i + 1)),
          ...toSdkTags(input.tags),
        }),
      );
      const l = r.Listeners?.[0];
      if (!l) throw new ElbctlError('aws', 'E_AWS', 'create listener: AWS returned no listener');
      return toListener(l);
    });
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
  }): Promise<Listener> {
    return awsStep('modify listener', async () => {
      const r = await this.client.send(
        new ModifyListenerCommand({
          ListenerArn: input.listenerArn,
          ...(input.protocol ? { Protocol: input.protocol as never } : {}),
          ...(input.port !== undefined ? { Port: input.port } : {}),
          ...(input.sslPolicy ? { SslPolicy: input.sslPolicy } : {}),
          ...(input.defaultCertificate ? { Certificates: [{ CertificateArn: input.defaultCertificate }] } : {}),
          ...(input.defaultActions ? { DefaultActions: input.defaultActions.map((a, i) => fromAction(a, i + 1)) } : {}),
        }),
      );
      const l = r.Listeners?.[0];
      if (!l) throw new ElbctlError('aws', 'E_AWS', 'modify listener: AWS returned no listener');
      return toListener(l);
    });
  }

  /** Every certificate of an HTTPS/TLS listener, the default one first. */
  async describeListenerCertificates(listenerArn: string): Promise<string[]> {
    return awsStep('read listener certificates', async () => {
      const pages = await allPages((Marker) =>
        this.client.send(
          new DescribeListenerCertificatesCommand({
            ListenerArn: listenerArn,
            PageSize: 400,
            ...(Marker ? { Marker } : {}),
          }),
        ),
      );
      const all = pages
        .flatMap((p) => p.Certificates ?? [])
        .map((c) => ({ arn: c.CertificateArn ?? '', isDefault: c.IsDefault ?? false }));
      const ordered = [...all.filter((c) => c.isDefault), ...all.filter((c) => !c.isDefault)]
        .map((c) => c.arn)
        .filter(Boolean);
      return [...new Set(ordered)];
    });
  }

  async deleteListener(arn: string): Promise<void> {
    await awsStep('delete listener', () => this.client.send(new DeleteListenerCommand({ ListenerArn: arn })));
  }

  // ---------------------------------------------------------------- rules

  async listRules(listenerArn: string): Promise<Rule[]> {
    return awsStep('list rules', async () => {
      const pages = await allPages((Marker) =>
        this.client.send(
          new DescribeRulesCommand({ ListenerArn: listenerArn, PageSize: 400, ...(Marker ? { Marker } : {}) }),
        ),
      );
      return sortRules(pages.flatMap((p) => p.Rules ?? []).map(toRule));
    });
  }

  async getRule(arn: string): Promise<Rule> {
    try {
      const r = await this.client.send(new DescribeRulesCommand({ RuleArns: [arn] }));
      const rule = r.Rules?.[0];
      if (!rule) throw notFoundError('rule', arn);
      return toRule(rule);
    } catch (e) {
      if (isNotFound(e)) throw notFoundError('rule', arn);
      throw translateAwsError(e, 'describe rule');
    }
  }

  async createRule(input: CreateRuleInput): Promise<Rule> {
    return awsStep(`create rule with priority ${input.priority}`, async () => {
      const r = await this.client.send(
        new CreateRuleCommand({
          ListenerArn: input.listenerArn,
          Priority: input.priority,
          Conditions: input.conditions.map(fromCondition),
          Actions: input.actions.map((a, i) => fromAction(a, i + 1)),
          ...toSdkTags(input.tags),
        }),
      );
      const rule = r.Rules?.[0];
      if (!rule) throw new ElbctlError('aws', 'E_AWS', 'create rule: AWS returned no rule');
      return toRule(rule);
    });
  }

  /** Changes only what is given: conditions, actions, or both. */
  async modifyRule(
    ruleArn: string,
    change: { conditions?: Condition[] | undefined; actions?: Action[] | undefined },
  ): Promise<Rule> {
    return awsStep('modify rule', async () => {
      const r = await this.client.send(
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          ...(change.conditions ? { Conditions: change.conditions.map(fromCondition) } : {}),
          ...(change.actions ? { Actions: change.actions.map((a, i) => fromAction(a, i + 1)) } : {}),
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

  /** Tags of any ELBv2 resources, batched at 20 ARNs per call. */
  async describeTags(arns: readonly string[]): Promise<Map<string, Tag[]>> {
    return awsStep('read tags', async () => {
      const out = new Map<string, Tag[]>();
      for (const batch of chunk(arns, DESCRIBE_BATCH)) {
        const r = await this.client.send(new DescribeTagsCommand({ ResourceArns: batch }));
        for (const d of r.TagDescriptions ?? []) {
          out.set(
            d.ResourceArn ?? '',
            (d.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
          );
        }
      }
      return out;
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

  // ---------------------------------------------------------------- helpers

  /**
   * Describe by a mix of names and ARNs, ≤ 20 per call. A batch that fails with NotFound is
   * retried one reference at a time so the error names exactly what is missing.
   */
  private async describeByRefs<T>(
    refs: readonly string[],
    describe: (batch: string[], byArn: boolean) => Promise<T[]>,
    keys: (item: T) => Array<string | undefined>,
    what: string,
  ): Promise<T[]> {
    const unique = [...new Set(refs)];
    const index = new Map<string, T>();
    const missing: string[] = [];
    const run = async (batch: string[], byArn: boolean) => {
      try {
        for (const item of await describe(batch, byArn)) {
          for (const k of keys(item)) if (k) index.set(k, item);
        }
      } catch (e) {
        if (!isNotFound(e) && !isInvalidArn(e)) throw translateAwsError(e, `describe ${what}s`);
        if (batch.length === 1) {
          missing.push(batch[0] as string);
          return;
        }
        for (const one of batch) await run([one], byArn);
      }
    };
    for (const byArn of [false, true]) {
      const group = unique.filter((r) => isArn(r) === byArn);
      for (const batch of chunk(group, DESCRIBE_BATCH)) await run(batch, byArn);
    }
    for (const r of unique) if (!index.has(r) && !missing.includes(r)) missing.push(r);
    if (missing.length > 0) {
      throw new ElbctlError(
        'not-found',
        'E_NOT_FOUND',
        `${what} ${missing.map((m) => `"${m}"`).join(', ')}: not found`,
        {
          hint: `check the name and the region; \`elbctl ${what === 'load balancer' ? 'lb' : 'tg'} list\` shows what exists`,
        },
      );
    }
    return refs.map((r) => index.get(r) as T);
  }
}

/**
 * Runs an SDK waiter. Its give-up is a `TimeoutError` like a socket timeout's, but it means
 * "AWS is still working", not "AWS is unreachable", so it gets its own message.
 */
async function waitStep(what: string, maxWaitSeconds: number, wait: () => Promise<unknown>): Promise<void> {
  try {
    await wait();
  } catch (e) {
    const name = (e as { name?: string })?.name;
    if (name === 'TimeoutError' && /Waiter has timed out/.test((e as Error).message ?? '')) {
      throw new ElbctlError(
        'aws',
        'E_WAIT_TIMEOUT',
        `waited ${maxWaitSeconds} s for ${what}; AWS has not finished yet`,
        {
          cause: e,
          hint: 'nothing was rolled back; check again later with `elbctl lb describe`, or re-run the command',
        },
      );
    }
    throw translateAwsError(e, `wait for ${what}`);
  }
}

function isInvalidArn(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  return name === 'ValidationError' && /arn/i.test((e as Error).message ?? '');
}

function sdkTarget(t: Target) {
  return {
    Id: t.id,
    ...(t.port !== undefined ? { Port: t.port } : {}),
    ...(t.availabilityZone !== undefined ? { AvailabilityZone: t.availabilityZone } : {}),
  };
}

/** Numbered rules lowest first, the default rule last. */
export function sortRules(rules: Rule[]): Rule[] {
  return [...rules].sort((a, b) => {
    if (a.isDefault !== b.isDefault) return a.isDefault ? 1 : -1;
    return (a.priority as number) - (b.priority as number);
  });
}
