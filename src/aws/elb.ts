/**
 * The Classic ELB gateway (API version 1): read a Classic load balancer whole (description,
 * policies, attributes, tags) as the domain's ClassicLoadBalancer, its instances' health, and
 * the two writes `elbctl clb` makes (attributes, delete).
 */
import {
  DeleteLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  type ElasticLoadBalancingClient,
  type LoadBalancerAttributes,
  type LoadBalancerDescription,
  ModifyLoadBalancerAttributesCommand,
  type PolicyDescription,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing';
import type { ClassicAttributeChange } from '../core/classic/attributes';
import {
  CLASSIC_PROTOCOLS,
  type ClassicAttributes,
  type ClassicInstanceHealth,
  type ClassicLoadBalancer,
  type ClassicPolicy,
  type ClassicProtocol,
  type ClassicSummary,
} from '../core/classic/model';
import { ElbctlError } from '../core/errors';
import { awsStep, translateAwsError } from './errors';
import { ownInput } from './paging';

/** DescribeTags takes at most 20 names a call. */
const TAG_NAMES_PER_CALL = 20;

function protocol(p: string | undefined): ClassicProtocol {
  const up = (p ?? '').toUpperCase() as ClassicProtocol;
  return CLASSIC_PROTOCOLS.includes(up) ? up : 'TCP';
}

function attributeMap(d: PolicyDescription): Map<string, string> {
  return new Map((d.PolicyAttributeDescriptions ?? []).map((a) => [a.AttributeName ?? '', a.AttributeValue ?? '']));
}

/** A policy description → what it does. */
function toClassicPolicy(d: PolicyDescription): ClassicPolicy {
  const name = d.PolicyName ?? '';
  const type = d.PolicyTypeName ?? '';
  const attrs = attributeMap(d);
  switch (type) {
    case 'LBCookieStickinessPolicyType': {
      const period = Number(attrs.get('CookieExpirationPeriod'));
      return {
        kind: 'lb-cookie',
        name,
        ...(Number.isFinite(period) && period > 0 ? { expirationSeconds: period } : {}),
      };
    }
    case 'AppCookieStickinessPolicyType':
      return { kind: 'app-cookie', name, cookieName: attrs.get('CookieName') ?? '' };
    case 'SSLNegotiationPolicyType': {
      const reference = attrs.get('Reference-Security-Policy');
      return { kind: 'ssl-negotiation', name, ...(reference ? { reference } : {}) };
    }
    case 'ProxyProtocolPolicyType':
      return { kind: 'proxy-protocol', name };
    case 'BackendServerAuthenticationPolicyType':
      return { kind: 'backend-authentication', name };
    case 'PublicKeyPolicyType':
      return { kind: 'public-key', name };
    default:
      return { kind: 'other', name, type };
  }
}

/** The stickiness policies DescribeLoadBalancers lists, then every other policy described. */
function classicPolicies(lb: LoadBalancerDescription, described: readonly PolicyDescription[]): ClassicPolicy[] {
  const sticky: ClassicPolicy[] = [
    ...(lb.Policies?.LBCookieStickinessPolicies ?? []).map(
      (p): ClassicPolicy => ({
        kind: 'lb-cookie',
        name: p.PolicyName ?? '',
        ...(p.CookieExpirationPeriod !== undefined && p.CookieExpirationPeriod > 0
          ? { expirationSeconds: p.CookieExpirationPeriod }
          : {}),
      }),
    ),
    ...(lb.Policies?.AppCookieStickinessPolicies ?? []).map(
      (p): ClassicPolicy => ({ kind: 'app-cookie', name: p.PolicyName ?? '', cookieName: p.CookieName ?? '' }),
    ),
  ];
  const names = new Set(sticky.map((p) => p.name));
  return [...sticky, ...described.filter((d) => !names.has(d.PolicyName ?? '')).map(toClassicPolicy)];
}

function toClassicAttributes(a: LoadBalancerAttributes | undefined): ClassicAttributes {
  return {
    crossZone: a?.CrossZoneLoadBalancing?.Enabled === true,
    draining: {
      enabled: a?.ConnectionDraining?.Enabled === true,
      timeoutSeconds: a?.ConnectionDraining?.Timeout ?? 300,
    },
    idleTimeoutSeconds: a?.ConnectionSettings?.IdleTimeout ?? 60,
    accessLog: {
      enabled: a?.AccessLog?.Enabled === true,
      ...(a?.AccessLog?.S3BucketName ? { bucket: a.AccessLog.S3BucketName } : {}),
      ...(a?.AccessLog?.S3BucketPrefix ? { prefix: a.AccessLog.S3BucketPrefix } : {}),
      ...(a?.AccessLog?.EmitInterval !== undefined ? { intervalMinutes: a.AccessLog.EmitInterval } : {}),
    },
  };
}

function toClassicLoadBalancer(
  lb: LoadBalancerDescription,
  parts: { policies: readonly PolicyDescription[]; attributes?: LoadBalancerAttributes; tags: Record<string, string> },
): ClassicLoadBalancer {
  const hc = lb.HealthCheck;
  return {
    name: lb.LoadBalancerName ?? '',
    dnsName: lb.DNSName ?? '',
    ...(lb.CanonicalHostedZoneNameID ? { canonicalHostedZoneId: lb.CanonicalHostedZoneNameID } : {}),
    scheme: lb.Scheme === 'internal' ? 'internal' : 'internet-facing',
    ...(lb.VPCId ? { vpcId: lb.VPCId } : {}),
    subnets: lb.Subnets ?? [],
    availabilityZones: lb.AvailabilityZones ?? [],
    securityGroups: lb.SecurityGroups ?? [],
    listeners: (lb.ListenerDescriptions ?? []).map((d) => ({
      protocol: protocol(d.Listener?.Protocol),
      port: d.Listener?.LoadBalancerPort ?? 0,
      instanceProtocol: protocol(d.Listener?.InstanceProtocol ?? d.Listener?.Protocol),
      instancePort: d.Listener?.InstancePort ?? 0,
      ...(d.Listener?.SSLCertificateId ? { certificateId: d.Listener.SSLCertificateId } : {}),
      policyNames: d.PolicyNames ?? [],
    })),
    healthCheck: {
      target: hc?.Target ?? '',
      interval: hc?.Interval ?? 30,
      timeout: hc?.Timeout ?? 5,
      healthyThreshold: hc?.HealthyThreshold ?? 10,
      unhealthyThreshold: hc?.UnhealthyThreshold ?? 2,
    },
    instances: (lb.Instances ?? []).map((i) => i.InstanceId ?? '').filter((id) => id !== ''),
    backends: (lb.BackendServerDescriptions ?? []).map((b) => ({
      instancePort: b.InstancePort ?? 0,
      policyNames: b.PolicyNames ?? [],
    })),
    policies: classicPolicies(lb, parts.policies),
    attributes: toClassicAttributes(parts.attributes),
    tags: parts.tags,
    ...(lb.CreatedTime ? { createdAt: lb.CreatedTime.toISOString() } : {}),
  };
}

function isNotFound(e: unknown): boolean {
  const err = translateAwsError(e, 'describe');
  return err instanceof ElbctlError && err.kind === 'not-found';
}

export class ElbGateway {
  constructor(private readonly client: ElasticLoadBalancingClient) {}

  /** Every Classic load balancer in the region (descriptions only), every page followed. */
  async listDescriptions(): Promise<LoadBalancerDescription[]> {
    return awsStep('list classic load balancers', async () => {
      const out: LoadBalancerDescription[] = [];
      for await (const page of paginateDescribeLoadBalancers({ client: this.client, withCommand: ownInput }, {}))
        out.push(...(page.LoadBalancerDescriptions ?? []));
      return out;
    });
  }

  /** Every Classic load balancer's description (no policies, attributes or tags: one paged call). */
  async listSummaries(): Promise<ClassicSummary[]> {
    return (await this.listDescriptions()).map((d) => {
      const c = toClassicLoadBalancer(d, { policies: [], tags: {} });
      return {
        name: c.name,
        dnsName: c.dnsName,
        scheme: c.scheme,
        vpcId: c.vpcId,
        availabilityZones: c.availabilityZones,
        listeners: c.listeners,
        instances: c.instances,
        createdAt: c.createdAt,
      };
    });
  }

  /** Every Classic load balancer, whole (policies, attributes and tags read per load balancer). */
  async list(): Promise<ClassicLoadBalancer[]> {
    const descriptions = await this.listDescriptions();
    const tags = await this.tags(descriptions.map((d) => d.LoadBalancerName ?? ''));
    return Promise.all(descriptions.map((d) => this.complete(d, tags.get(d.LoadBalancerName ?? '') ?? {})));
  }

  /** The Classic load balancer of this name, or undefined when there is none. */
  async find(name: string): Promise<ClassicLoadBalancer | undefined> {
    let description: LoadBalancerDescription | undefined;
    try {
      const r = await this.client.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] }));
      description = r.LoadBalancerDescriptions?.find((d) => d.LoadBalancerName === name);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw translateAwsError(e, `describe classic load balancer "${name}"`);
    }
    if (!description) return undefined;
    const tags = await this.tags([name]);
    return this.complete(description, tags.get(name) ?? {});
  }

  private async complete(d: LoadBalancerDescription, tags: Record<string, string>): Promise<ClassicLoadBalancer> {
    const name = d.LoadBalancerName ?? '';
    const [policies, attributes] = await Promise.all([
      awsStep(`read the policies of classic load balancer "${name}"`, async () => {
        const r = await this.client.send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: name }));
        return r.PolicyDescriptions ?? [];
      }),
      awsStep(`read the attributes of classic load balancer "${name}"`, async () => {
        const r = await this.client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: name }));
        return r.LoadBalancerAttributes;
      }),
    ]);
    return toClassicLoadBalancer(d, { policies, ...(attributes ? { attributes } : {}), tags });
  }

  /** Name → tags, 20 names a call. */
  async tags(names: readonly string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    for (let i = 0; i < names.length; i += TAG_NAMES_PER_CALL) {
      const batch = names.slice(i, i + TAG_NAMES_PER_CALL);
      if (batch.length === 0) continue;
      const r = await awsStep('read classic load balancer tags', () =>
        this.client.send(new DescribeTagsCommand({ LoadBalancerNames: batch })),
      );
      for (const d of r.TagDescriptions ?? [])
        out.set(d.LoadBalancerName ?? '', Object.fromEntries((d.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])));
    }
    return out;
  }

  async instanceHealth(name: string): Promise<ClassicInstanceHealth[]> {
    return awsStep(`read instance health of classic load balancer "${name}"`, async () => {
      const r = await this.client.send(new DescribeInstanceHealthCommand({ LoadBalancerName: name }));
      return (r.InstanceStates ?? []).map((s) => ({
        instanceId: s.InstanceId ?? '',
        state: s.State ?? 'Unknown',
        ...(s.ReasonCode && s.ReasonCode !== 'N/A' ? { reasonCode: s.ReasonCode } : {}),
        ...(s.Description && s.Description !== 'N/A' ? { description: s.Description } : {}),
      }));
    });
  }

  async modifyAttributes(name: string, change: ClassicAttributeChange): Promise<void> {
    const attributes: LoadBalancerAttributes = {};
    if (change.crossZone !== undefined) attributes.CrossZoneLoadBalancing = { Enabled: change.crossZone };
    if (change.draining)
      attributes.ConnectionDraining = {
        Enabled: change.draining.enabled,
        ...(change.draining.timeoutSeconds !== undefined ? { Timeout: change.draining.timeoutSeconds } : {}),
      };
    if (change.idleTimeoutSeconds !== undefined)
      attributes.ConnectionSettings = { IdleTimeout: change.idleTimeoutSeconds };
    if (change.accessLog)
      attributes.AccessLog = {
        Enabled: change.accessLog.enabled,
        ...(change.accessLog.bucket !== undefined ? { S3BucketName: change.accessLog.bucket } : {}),
        ...(change.accessLog.prefix !== undefined ? { S3BucketPrefix: change.accessLog.prefix } : {}),
        ...(change.accessLog.intervalMinutes !== undefined ? { EmitInterval: change.accessLog.intervalMinutes } : {}),
      };
    await awsStep(`change the attributes of classic load balancer "${name}"`, () =>
      this.client.send(
        new ModifyLoadBalancerAttributesCommand({ LoadBalancerName: name, LoadBalancerAttributes: attributes }),
      ),
    );
  }

  async delete(name: string): Promise<void> {
    await awsStep(`delete classic load balancer "${name}"`, () =>
      this.client.send(new DeleteLoadBalancerCommand({ LoadBalancerName: name })),
    );
  }
}
