/** Builders for audit snapshots: a healthy, hardened baseline that each table row breaks in one way. */
import type {
  AuditedListener,
  AuditedLoadBalancer,
  AuditedTargetGroup,
  ClassicLoadBalancer,
  RegionSnapshot,
} from '../../../src/core/audit/model';
import type { Listener, LoadBalancer, Rule, TargetGroup, TargetHealth } from '../../../src/core/model';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const P = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;
const ALB_ARN = `${P}:loadbalancer/app/web/50dc6c495c0c9188`;
export const NLB_ARN = `${P}:loadbalancer/net/edge/0123456789abcdef`;
export const TG_ARN = `${P}:targetgroup/api/73e2d6bc24d8a067`;
const HTTP_ARN = `${P}:listener/app/web/50dc6c495c0c9188/0000000000000080`;
const HTTPS_ARN = `${P}:listener/app/web/50dc6c495c0c9188/0000000000000443`;
export const CERT_ARN = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`;
export const NOW = new Date('2026-12-06T12:00:00Z');

export const lb = (extra: Partial<LoadBalancer> = {}): LoadBalancer => ({
  name: 'web',
  arn: ALB_ARN,
  type: 'application',
  scheme: 'internet-facing',
  state: 'active',
  dnsName: 'web-1.us-east-1.elb.amazonaws.com',
  vpcId: 'vpc-0abc',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  subnets: ['subnet-0aaa', 'subnet-0bbb'],
  securityGroups: ['sg-0lb'],
  ipAddressType: 'ipv4',
  createdAt: '2025-01-01T00:00:00Z',
  ...extra,
});

export const httpListener = (extra: Partial<Listener> = {}): Listener => ({
  arn: HTTP_ARN,
  loadBalancerArn: ALB_ARN,
  protocol: 'HTTP',
  port: 80,
  certificates: [],
  defaultActions: [{ type: 'redirect', protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' }],
  ...extra,
});

export const httpsListener = (extra: Partial<Listener> = {}): Listener => ({
  arn: HTTPS_ARN,
  loadBalancerArn: ALB_ARN,
  protocol: 'HTTPS',
  port: 443,
  sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  certificates: [CERT_ARN],
  defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: TG_ARN }] }],
  ...extra,
});

const HARDENED = {
  'deletion_protection.enabled': 'true',
  'routing.http.drop_invalid_header_fields.enabled': 'true',
  'routing.http.desync_mitigation_mode': 'defensive',
  'access_logs.s3.enabled': 'true',
};

export const audited = (extra: Partial<AuditedLoadBalancer> = {}): AuditedLoadBalancer => ({
  loadBalancer: lb(),
  attributes: HARDENED,
  tags: {},
  listeners: [
    { listener: httpListener(), rules: [] },
    { listener: httpsListener(), rules: [] },
  ],
  webAcl: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/abc',
  traffic: 1200,
  ...extra,
});

export const target = (id: string, zone: string, state = 'healthy', reason?: string): TargetHealth => ({
  id,
  port: 80,
  availabilityZone: zone,
  state,
  ...(reason ? { reason } : {}),
});

export const tg = (extra: Partial<TargetGroup> = {}): TargetGroup => ({
  name: 'api',
  arn: TG_ARN,
  protocol: 'HTTP',
  port: 80,
  targetType: 'ip',
  vpcId: 'vpc-0abc',
  loadBalancers: [ALB_ARN],
  healthCheck: {
    enabled: true,
    protocol: 'HTTP',
    port: 'traffic-port',
    path: '/healthz',
    intervalSeconds: 10,
    timeoutSeconds: 3,
    healthyThreshold: 2,
    unhealthyThreshold: 2,
    matcher: '200',
  },
  ...extra,
});

export const auditedTg = (extra: Partial<AuditedTargetGroup> = {}): AuditedTargetGroup => ({
  targetGroup: tg(),
  attributes: {
    'deregistration_delay.timeout_seconds': '30',
    'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  },
  tags: {},
  health: [target('10.0.1.10', 'us-east-1a'), target('10.0.2.10', 'us-east-1b')],
  ...extra,
});

export const classic = (extra: Partial<ClassicLoadBalancer> = {}): ClassicLoadBalancer => ({
  name: 'old-web',
  arn: `${P}:loadbalancer/old-web`,
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  listeners: [{ protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP' }],
  crossZone: true,
  accessLogs: true,
  connectionDraining: true,
  desyncMitigationMode: 'defensive',
  instances: 2,
  ...extra,
});

export const snapshot = (extra: Partial<RegionSnapshot> = {}): RegionSnapshot => ({
  account: ACCOUNT,
  region: REGION,
  loadBalancers: [audited()],
  targetGroups: [auditedTg()],
  certificates: [{ arn: CERT_ARN, domainName: 'shop.example.com', notAfter: new Date('2027-06-01T00:00:00Z') }],
  quotas: {},
  ...extra,
});

let ruleSeq = 0;
/** A numbered rule matching these hosts and paths. */
export function rule(hosts: string[], paths: string[] = []): Rule {
  ruleSeq += 1;
  return {
    arn: `${P}:listener-rule/app/web/50dc6c495c0c9188/0000000000000443/${String(ruleSeq).padStart(16, '0')}`,
    priority: ruleSeq,
    isDefault: false,
    conditions: [
      ...(hosts.length ? [{ field: 'host-header' as const, values: hosts }] : []),
      ...(paths.length ? [{ field: 'path-pattern' as const, values: paths }] : []),
    ],
    actions: [{ type: 'forward', targetGroups: [{ targetGroupArn: TG_ARN }] }],
  };
}

export const withRules = (rules: Rule[]): AuditedListener[] => [
  { listener: httpListener(), rules: [] },
  { listener: httpsListener(), rules },
];
