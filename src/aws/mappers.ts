/**
 * SDK shapes ↔ domain shapes. Nothing outside src/aws sees an SDK type.
 */
import type {
  Action as SdkAction,
  Listener as SdkListener,
  LoadBalancer as SdkLoadBalancer,
  Rule as SdkRule,
  RuleCondition as SdkCondition,
  TargetGroup as SdkTargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  Action,
  Condition,
  Listener,
  LoadBalancer,
  LoadBalancerType,
  OpaqueAction,
  Rule,
  Scheme,
  Target,
  TargetGroup,
  TargetHealth,
  TargetType,
} from '../core/model';
import { healthHint } from '../core/health-reasons';

export function toLoadBalancer(lb: SdkLoadBalancer): LoadBalancer {
  return {
    name: lb.LoadBalancerName ?? '',
    arn: lb.LoadBalancerArn ?? '',
    type: (lb.Type ?? 'application') as LoadBalancerType,
    scheme: (lb.Scheme ?? 'internet-facing') as Scheme,
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
    createdAt: lb.CreatedTime?.toISOString(),
  };
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

function toAction(a: SdkAction): Action {
  switch (a.Type) {
    case 'forward': {
      const groups = a.ForwardConfig?.TargetGroups?.length
        ? a.ForwardConfig.TargetGroups.map((g) => ({ targetGroupArn: g.TargetGroupArn ?? '', weight: g.Weight }))
        : [{ targetGroupArn: a.TargetGroupArn ?? '' }];
      const stick = a.ForwardConfig?.TargetGroupStickinessConfig;
      return {
        type: 'forward',
        targetGroups: groups,
        ...(stick?.Enabled ? { stickinessSeconds: stick.DurationSeconds } : {}),
      };
    }
    case 'redirect': {
      const r = a.RedirectConfig;
      return {
        type: 'redirect',
        protocol: r?.Protocol,
        port: r?.Port,
        host: r?.Host,
        path: r?.Path,
        query: r?.Query,
        statusCode: (r?.StatusCode ?? 'HTTP_301') as 'HTTP_301' | 'HTTP_302',
      };
    }
    case 'fixed-response': {
      const f = a.FixedResponseConfig;
      return {
        type: 'fixed-response',
        statusCode: f?.StatusCode ?? '200',
        contentType: f?.ContentType,
        messageBody: f?.MessageBody,
      };
    }
    default:
      return { type: 'other', awsType: a.Type ?? 'unknown', opaque: toOpaque(a) };
  }
}

/**
 * An action elbctl does not interpret, kept as AWS described it (its order dropped: that is
 * given again when it is sent). An OIDC client secret is never kept: DescribeRules does not
 * return it, and should an endpoint do so it must not travel further.
 */
function toOpaque(a: SdkAction): OpaqueAction {
  const { Order: _order, ...rest } = a;
  if (rest.AuthenticateOidcConfig) {
    const { ClientSecret: _secret, ...oidc } = rest.AuthenticateOidcConfig;
    return { ...rest, AuthenticateOidcConfig: oidc } as unknown as OpaqueAction;
  }
  return rest as unknown as OpaqueAction;
}

/** An opaque action sent back: an OIDC action keeps the client secret AWS already holds. */
function fromOpaque(opaque: OpaqueAction, base: { Order?: number }): SdkAction {
  const a = opaque as unknown as SdkAction;
  if (a.AuthenticateOidcConfig) {
    return { ...a, ...base, AuthenticateOidcConfig: { ...a.AuthenticateOidcConfig, UseExistingClientSecret: true } };
  }
  return { ...a, ...base };
}

export function fromAction(a: Action, order?: number): SdkAction {
  const base = order === undefined ? {} : { Order: order };
  switch (a.type) {
    case 'forward':
      if (a.targetGroups.length === 1 && a.targetGroups[0]?.weight === undefined && a.stickinessSeconds === undefined) {
        return { ...base, Type: 'forward', TargetGroupArn: a.targetGroups[0]?.targetGroupArn };
      }
      return {
        ...base,
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: a.targetGroups.map((g) => ({ TargetGroupArn: g.targetGroupArn, Weight: g.weight ?? 1 })),
          ...(a.stickinessSeconds !== undefined
            ? { TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: a.stickinessSeconds } }
            : {}),
        },
      };
    case 'redirect':
      return {
        ...base,
        Type: 'redirect',
        RedirectConfig: {
          ...(a.protocol !== undefined ? { Protocol: a.protocol } : {}),
          ...(a.port !== undefined ? { Port: a.port } : {}),
          ...(a.host !== undefined ? { Host: a.host } : {}),
          ...(a.path !== undefined ? { Path: a.path } : {}),
          ...(a.query !== undefined ? { Query: a.query } : {}),
          StatusCode: a.statusCode,
        },
      };
    case 'fixed-response':
      return {
        ...base,
        Type: 'fixed-response',
        FixedResponseConfig: {
          StatusCode: a.statusCode,
          ...(a.contentType !== undefined ? { ContentType: a.contentType } : {}),
          ...(a.messageBody !== undefined ? { MessageBody: a.messageBody } : {}),
        },
      };
    case 'other':
      if (a.opaque === undefined) throw new Error(`cannot send an action of unsupported type ${a.awsType}`);
      return fromOpaque(a.opaque, base);
  }
}

function toCondition(c: SdkCondition): Condition | undefined {
  switch (c.Field) {
    case 'path-pattern':
      return { field: 'path-pattern', values: c.PathPatternConfig?.Values ?? c.Values ?? [] };
    case 'host-header':
      return { field: 'host-header', values: c.HostHeaderConfig?.Values ?? c.Values ?? [] };
    case 'http-request-method':
      return { field: 'http-request-method', values: c.HttpRequestMethodConfig?.Values ?? [] };
    case 'source-ip':
      return { field: 'source-ip', values: c.SourceIpConfig?.Values ?? [] };
    case 'http-header':
      return {
        field: 'http-header',
        headerName: c.HttpHeaderConfig?.HttpHeaderName ?? '',
        values: c.HttpHeaderConfig?.Values ?? [],
      };
    case 'query-string':
      return {
        field: 'query-string',
        values: (c.QueryStringConfig?.Values ?? []).map((v) => ({
          ...(v.Key !== undefined ? { key: v.Key } : {}),
          value: v.Value ?? '',
        })),
      };
    default:
      return undefined;
  }
}

/** Domain condition → the typed SDK config (never the legacy `Values` field). */
export function fromCondition(c: Condition): SdkCondition {
  switch (c.field) {
    case 'path-pattern':
      return { Field: c.field, PathPatternConfig: { Values: c.values } };
    case 'host-header':
      return { Field: c.field, HostHeaderConfig: { Values: c.values } };
    case 'http-request-method':
      return { Field: c.field, HttpRequestMethodConfig: { Values: c.values } };
    case 'source-ip':
      return { Field: c.field, SourceIpConfig: { Values: c.values } };
    case 'http-header':
      return { Field: c.field, HttpHeaderConfig: { HttpHeaderName: c.headerName, Values: c.values } };
    case 'query-string':
      return {
        Field: c.field,
        QueryStringConfig: {
          Values: c.values.map((v) => ({ ...(v.key !== undefined ? { Key: v.key } : {}), Value: v.value })),
        },
      };
  }
}

export function toListener(l: SdkListener): Listener {
  return {
    arn: l.ListenerArn ?? '',
    loadBalancerArn: l.LoadBalancerArn ?? '',
    protocol: l.Protocol ?? '',
    port: l.Port ?? 0,
    sslPolicy: l.SslPolicy,
    certificates: (l.Certificates ?? []).map((c) => c.CertificateArn ?? '').filter(Boolean),
    defaultActions: sortActions(l.DefaultActions ?? []).map(toAction),
  };
}

export function toRule(r: SdkRule): Rule {
  const isDefault = r.IsDefault ?? r.Priority === 'default';
  return {
    arn: r.RuleArn ?? '',
    priority: isDefault ? 'default' : Number(r.Priority),
    isDefault,
    conditions: (r.Conditions ?? []).map(toCondition).filter((c): c is Condition => c !== undefined),
    actions: sortActions(r.Actions ?? []).map(toAction),
  };
}

function sortActions(actions: SdkAction[]): SdkAction[] {
  return [...actions].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0));
}

/** A target as RegisterTargets, DeregisterTargets and DescribeTargetHealth take it. */
export function fromTarget(t: Target) {
  return {
    Id: t.id,
    ...(t.port !== undefined ? { Port: t.port } : {}),
    ...(t.availabilityZone !== undefined ? { AvailabilityZone: t.availabilityZone } : {}),
  };
}
