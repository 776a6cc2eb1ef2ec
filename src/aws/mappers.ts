/**
 * SDK shapes ↔ domain shapes. Nothing outside src/aws sees an SDK type.
 */
import type {
  Listener as SdkListener,
  LoadBalancer as SdkLoadBalancer,
  MutualAuthenticationAttributes,
  Rule as SdkRule,
  TargetGroup as SdkTargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  Listener,
  LoadBalancer,
  LoadBalancerType,
  MutualTls,
  MutualTlsMode,
  Rule,
  Scheme,
  SubnetAddresses,
  Target,
  TargetGroup,
  TargetHealth,
  TargetType,
} from '../core/model';
import { healthHint } from '../core/health-reasons';
import { GATEWAY_LISTENER_PORT } from '../core/rules/listener';

import { toActions, toCondition, toTransform } from './action-mappers';

export { fromActions, fromCondition, fromTransform } from './action-mappers';

export function toLoadBalancer(lb: SdkLoadBalancer): LoadBalancer {
  return {
    name: lb.LoadBalancerName ?? '',
    arn: lb.LoadBalancerArn ?? '',
    type: (lb.Type ?? 'application') as LoadBalancerType,
    // AWS takes no scheme for a gateway load balancer (it is internal); an endpoint may report none.
    scheme: (lb.Scheme ?? (lb.Type === 'gateway' ? 'internal' : 'internet-facing')) as Scheme,
    state: lb.State?.Code ?? 'unknown',
    dnsName: lb.DNSName ?? '',
    vpcId: lb.VpcId ?? '',
    availabilityZones: (lb.AvailabilityZones ?? [])
      .map((z) => z.ZoneName ?? '')
      .filter(Boolean)
      .sort(),
    subnets: (lb.AvailabilityZones ?? [])
      .map((z) => z.SubnetId ?? '')
      .filter(Boolean)
      .sort(),
    securityGroups: [...(lb.SecurityGroups ?? [])].sort(),
    ipAddressType: lb.IpAddressType ?? 'ipv4',
    subnetMappings: subnetMappings(lb),
    createdAt: lb.CreatedTime?.toISOString(),
    ...(unmanagedSettings(lb).length > 0 ? { unmanagedSettings: unmanagedSettings(lb) } : {}),
  };
}

/**
 * Settings AWS reports that elbctl neither plans nor exports (docs/api-coverage.md, "Left out"),
 * as FIELD=VALUE, when they are off their defaults: export names each, so adopting such a load
 * balancer is never silently lossy.
 */
function unmanagedSettings(lb: SdkLoadBalancer): string[] {
  const out: string[] = [];
  if (lb.CustomerOwnedIpv4Pool) out.push(`CustomerOwnedIpv4Pool=${lb.CustomerOwnedIpv4Pool}`);
  if (lb.IpamPools?.Ipv4IpamPoolId) out.push(`IpamPools.Ipv4IpamPoolId=${lb.IpamPools.Ipv4IpamPoolId}`);
  if (lb.EnablePrefixForIpv6SourceNat === 'on') out.push('EnablePrefixForIpv6SourceNat=on');
  if (lb.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic === 'off')
    out.push('EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic=off');
  return out;
}

/** The subnets given fixed addresses (an Elastic IP, a private IPv4 or an IPv6 address), sorted by subnet. */
function subnetMappings(lb: SdkLoadBalancer): SubnetAddresses[] {
  const out: SubnetAddresses[] = [];
  for (const z of lb.AvailabilityZones ?? []) {
    const fixed = (z.LoadBalancerAddresses ?? []).find(
      (a) => a.AllocationId !== undefined || a.PrivateIPv4Address !== undefined || a.IPv6Address !== undefined,
    );
    if (!z.SubnetId || !fixed) continue;
    out.push({
      subnetId: z.SubnetId,
      ...(fixed.AllocationId !== undefined ? { allocationId: fixed.AllocationId } : {}),
      ...(fixed.PrivateIPv4Address !== undefined ? { privateIPv4Address: fixed.PrivateIPv4Address } : {}),
      ...(fixed.IPv6Address !== undefined ? { ipv6Address: fixed.IPv6Address } : {}),
    });
  }
  return out.sort((a, b) => a.subnetId.localeCompare(b.subnetId));
}

export function toTargetGroup(tg: SdkTargetGroup): TargetGroup {
  return {
    name: tg.TargetGroupName ?? '',
    arn: tg.TargetGroupArn ?? '',
    protocol: tg.Protocol,
    port: tg.Port,
    targetType: (tg.TargetType ?? 'instance') as TargetType,
    vpcId: tg.VpcId,
    ...(tg.IpAddressType !== undefined ? { ipAddressType: tg.IpAddressType } : {}),
    ...(tg.ProtocolVersion !== undefined ? { protocolVersion: tg.ProtocolVersion } : {}),
    ...(tg.TargetControlPort !== undefined ? { targetControlPort: tg.TargetControlPort } : {}),
    loadBalancers: [...(tg.LoadBalancerArns ?? [])],
    healthCheck: {
      enabled: tg.HealthCheckEnabled ?? true,
      protocol: tg.HealthCheckProtocol,
      port: tg.HealthCheckPort,
      path: tg.HealthCheckPath,
      intervalSeconds: tg.HealthCheckIntervalSeconds,
      timeoutSeconds: tg.HealthCheckTimeoutSeconds,
      healthyThreshold: tg.HealthyThresholdCount,
      unhealthyThreshold: tg.UnhealthyThresholdCount,
      matcher: tg.Matcher?.HttpCode ?? tg.Matcher?.GrpcCode,
    },
  };
}

export function toTargetHealth(d: TargetHealthDescription): TargetHealth {
  const state = d.TargetHealth?.State ?? 'unknown';
  const reason = d.TargetHealth?.Reason;
  return {
    id: d.Target?.Id ?? '',
    port: d.Target?.Port,
    availabilityZone: d.Target?.AvailabilityZone,
    state,
    reason,
    description: d.TargetHealth?.Description,
    hint: healthHint(state, reason),
  };
}

export function toListener(l: SdkListener): Listener {
  return {
    arn: l.ListenerArn ?? '',
    loadBalancerArn: l.LoadBalancerArn ?? '',
    // Only a gateway load balancer's listener has neither port nor protocol: elbctl calls it GENEVE, keyed by port 0.
    protocol: l.Protocol || (l.Port === undefined ? 'GENEVE' : ''),
    port: l.Port ?? GATEWAY_LISTENER_PORT,
    sslPolicy: l.SslPolicy,
    certificates: (l.Certificates ?? []).map((c) => c.CertificateArn ?? '').filter(Boolean),
    defaultActions: toActions(l.DefaultActions ?? []),
    ...(l.AlpnPolicy?.length ? { alpnPolicy: l.AlpnPolicy[0] } : {}),
    ...(l.MutualAuthentication ? { mutualTls: toMutualTls(l.MutualAuthentication) } : {}),
  };
}

function toMutualTls(m: MutualAuthenticationAttributes): MutualTls {
  return {
    mode: (m.Mode ?? 'off') as MutualTlsMode,
    ...(m.TrustStoreArn ? { trustStoreArn: m.TrustStoreArn } : {}),
    ...(m.IgnoreClientCertificateExpiry !== undefined
      ? { ignoreClientCertificateExpiry: m.IgnoreClientCertificateExpiry }
      : {}),
    ...(m.AdvertiseTrustStoreCaNames !== undefined
      ? { advertiseTrustStoreCaNames: m.AdvertiseTrustStoreCaNames === 'on' }
      : {}),
  };
}

/** Client certificate handling as ModifyListener and CreateListener take it. */
export function fromMutualTls(m: MutualTls): MutualAuthenticationAttributes {
  return {
    Mode: m.mode,
    ...(m.trustStoreArn !== undefined ? { TrustStoreArn: m.trustStoreArn } : {}),
    ...(m.ignoreClientCertificateExpiry !== undefined
      ? { IgnoreClientCertificateExpiry: m.ignoreClientCertificateExpiry }
      : {}),
    ...(m.advertiseTrustStoreCaNames !== undefined
      ? { AdvertiseTrustStoreCaNames: m.advertiseTrustStoreCaNames ? 'on' : 'off' }
      : {}),
  };
}

export function toRule(r: SdkRule): Rule {
  const isDefault = r.IsDefault ?? r.Priority === 'default';
  return {
    arn: r.RuleArn ?? '',
    priority: isDefault ? 'default' : Number(r.Priority),
    isDefault,
    conditions: (r.Conditions ?? []).map(toCondition),
    actions: toActions(r.Actions ?? []),
    transforms: (r.Transforms ?? []).map(toTransform),
  };
}

/** A target as RegisterTargets, DeregisterTargets and DescribeTargetHealth take it. */
export function fromTarget(t: Target) {
  return {
    Id: t.id,
    ...(t.port !== undefined ? { Port: t.port } : {}),
    ...(t.availabilityZone !== undefined ? { AvailabilityZone: t.availabilityZone } : {}),
  };
}
