import type { Action, HealthCheck } from '../../../src/core/model';
import { exportStack } from '../../../src/core/stack/export/export-stack';
import { ruleNameFromConditions, ruleNames } from '../../../src/core/stack/export/naming';
import { renderStackYaml } from '../../../src/core/stack/export/render-yaml';
import { loadStack } from '../../../src/core/stack/load';
import type {
  Observed,
  ObservedListener,
  ObservedLoadBalancer,
  ObservedRule,
  ObservedTargetGroup,
} from '../../../src/core/stack/model';
import type { Plan } from '../../../src/core/stack/plan';
import { plan } from '../../../src/core/stack/planner/plan-stack';

// ------------------------------------------------------------------ the live side, written by hand

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const VPC = 'vpc-0123456789abcdef0';
const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'];
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const lbArn = (kind: 'app' | 'net', name: string) => `${ACCOUNT}:loadbalancer/${kind}/${name}/50dc6c495c0c9188`;
const listenerArn = (lb: string, port: number) =>
  `${ACCOUNT}:listener/app/${lb}/50dc6c495c0c9188/${port.toString(16).padStart(16, '0')}`;
const ruleArn = (lb: string, port: number, n: number) =>
  `${listenerArn(lb, port).replace(':listener/', ':listener-rule/')}/${n.toString(16).padStart(16, '0')}`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;

const forward = (...groups: Array<[string, number?]>): Action =>
  groups.length === 1 && groups[0]?.[1] === undefined
    ? { type: 'forward', targetGroups: [{ targetGroupArn: tgArn(groups[0]?.[0] as string) }] }
    : { type: 'forward', targetGroups: groups.map(([name, weight]) => ({ targetGroupArn: tgArn(name), weight })) };

/** Every attribute key AWS reports for an application load balancer, at AWS's defaults. */
const ALB_ATTRIBUTES = {
  'access_logs.s3.enabled': 'false',
  'access_logs.s3.bucket': '',
  'access_logs.s3.prefix': '',
  'client_keep_alive.seconds': '3600',
  'connection_logs.s3.enabled': 'false',
  'connection_logs.s3.bucket': '',
  'connection_logs.s3.prefix': '',
  'deletion_protection.enabled': 'false',
  'health_check_logs.s3.enabled': 'false',
  'health_check_logs.s3.bucket': '',
  'health_check_logs.s3.prefix': '',
  'idle_timeout.timeout_seconds': '60',
  'ipv6.deny_all_igw_traffic': 'false',
  'load_balancing.cross_zone.enabled': 'true',
  'routing.http.desync_mitigation_mode': 'defensive',
  'routing.http.drop_invalid_header_fields.enabled': 'false',
  'routing.http.preserve_host_header.enabled': 'false',
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': 'false',
  'routing.http.xff_client_port.enabled': 'false',
  'routing.http.xff_header_processing.mode': 'append',
  'routing.http2.enabled': 'true',
  'waf.fail_open.enabled': 'false',
  'zonal_shift.config.enabled': 'false',
};

/** Every attribute key AWS reports for a network load balancer, at AWS's defaults. */
const NLB_ATTRIBUTES = {
  'access_logs.s3.enabled': 'false',
  'access_logs.s3.bucket': '',
  'access_logs.s3.prefix': '',
  'deletion_protection.enabled': 'false',
  'dns_record.client_routing_policy': 'any_availability_zone',
  'ipv6.deny_all_igw_traffic': 'true',
  'load_balancing.cross_zone.enabled': 'false',
  'secondary_ips.auto_assigned.per_subnet': '0',
  'zonal_shift.config.enabled': 'false',
};

/** What AWS reports for an HTTP target group left at its defaults. */
const HTTP_TG_ATTRIBUTES = {
  'deregistration_delay.timeout_seconds': '300',
  'load_balancing.algorithm.type': 'round_robin',
  'load_balancing.algorithm.anomaly_mitigation': 'off',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  'slow_start.duration_seconds': '0',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
  'stickiness.lb_cookie.duration_seconds': '86400',
  'stickiness.app_cookie.cookie_name': '',
  'stickiness.app_cookie.duration_seconds': '86400',
  'target_group_health.dns_failover.minimum_healthy_targets.count': '1',
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': 'off',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': '1',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': 'off',
};

/** What AWS reports for a TCP target group left at its defaults. */
const TCP_TG_ATTRIBUTES = {
  'deregistration_delay.timeout_seconds': '300',
  'deregistration_delay.connection_termination.enabled': 'false',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  'preserve_client_ip.enabled': 'true',
  'proxy_protocol_v2.enabled': 'false',
  'stickiness.enabled': 'false',
  'stickiness.type': 'source_ip',
  'target_group_health.dns_failover.minimum_healthy_targets.count': '1',
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': 'off',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': '1',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': 'off',
  'target_health_state.unhealthy.connection_termination.enabled': 'true',
  'target_health_state.unhealthy.draining_interval_seconds': '0',
};

const httpHealthCheck = (extra: Partial<HealthCheck> = {}): HealthCheck => ({
  enabled: true,
  protocol: 'HTTP',
  port: 'traffic-port',
  path: '/',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  matcher: '200',
  ...extra,
});

const tcpHealthCheck = (extra: Partial<HealthCheck> = {}): HealthCheck => ({
  enabled: true,
  protocol: 'TCP',
  port: 'traffic-port',
  intervalSeconds: 30,
  timeoutSeconds: 10,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  ...extra,
});

function targetGroup(name: string, over: Partial<ObservedTargetGroup> = {}): ObservedTargetGroup {
  return {
    name,
    arn: tgArn(name),
    protocol: 'HTTP',
    port: 80,
    vpcId: VPC,
    targetType: 'instance',
    healthCheck: httpHealthCheck(),
    tags: {},
    attributes: { ...HTTP_TG_ATTRIBUTES },
    targets: [],
    loadBalancerArns: [],
    ...over,
  };
}

function listener(
  lb: string,
  port: number,
  protocol: string,
  defaultAction: Action,
  over: Partial<ObservedListener> = {},
): ObservedListener {
  return {
    arn: listenerArn(lb, port),
    port,
    protocol,
    certificates: [],
    defaultActions: [defaultAction],
    tags: {},
    rules: [],
    ...over,
  };
}

const pathRule = (
  lb: string,
  port: number,
  priority: number,
  paths: string[],
  action: Action,
  tags: Record<string, string> = {},
): ObservedRule => ({
  arn: ruleArn(lb, port, priority),
  priority,
  conditions: [{ field: 'path-pattern', values: paths }],
  actions: [action],
  tags,
});

const REDIRECT_TO_HTTPS: Action = {
  type: 'redirect',
  protocol: 'HTTPS',
  port: '443',
  host: '#{host}',
  path: '/#{path}',
  query: '#{query}',
  statusCode: 'HTTP_301',
};

function alb(name: string, over: Partial<ObservedLoadBalancer> = {}): ObservedLoadBalancer {
  return {
    name,
    arn: lbArn('app', name),
    type: 'application',
    scheme: 'internet-facing',
    subnets: [...SUBNETS],
    securityGroups: ['sg-0123456789abcdef0'],
    ipAddressType: 'ipv4',
    tags: {},
    attributes: {
      ...ALB_ATTRIBUTES,
      'deletion_protection.enabled': 'true',
      'routing.http.drop_invalid_header_fields.enabled': 'true',
    },
    listeners: [],
    ...over,
  };
}

/** An ALB: HTTP→HTTPS redirect, HTTPS with three path rules, three target groups with targets. */
function pathRouting(): Observed {
  return {
    loadBalancers: [
      alb('shop-web', {
        attributes: {
          ...ALB_ATTRIBUTES,
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
          'idle_timeout.timeout_seconds': '120',
          'access_logs.s3.enabled': 'true',
          'access_logs.s3.bucket': 'shop-logs',
        },
        listeners: [
          listener('shop-web', 80, 'HTTP', REDIRECT_TO_HTTPS),
          listener('shop-web', 443, 'HTTPS', forward(['web']), {
            certificates: [CERT],
            sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
            rules: [
              pathRule('shop-web', 443, 10, ['/api/*'], forward(['api'])),
              pathRule('shop-web', 443, 20, ['/static/*', '/favicon.ico'], forward(['assets'])),
              pathRule('shop-web', 443, 30, ['/admin/*'], forward(['web'])),
            ],
          }),
        ],
      }),
    ],
    targetGroups: [
      targetGroup('web', {
        port: 8080,
        healthCheck: httpHealthCheck({
          path: '/healthz',
          intervalSeconds: 15,
          healthyThreshold: 3,
          matcher: '200-299',
        }),
        attributes: { ...HTTP_TG_ATTRIBUTES, 'deregistration_delay.timeout_seconds': '60' },
        targets: [
          { id: 'i-0123456789abcdef0', port: 8080 },
          { id: 'i-0123456789abcdef1', port: 8081 },
        ],
      }),
      targetGroup('api', {
        port: 9000,
        targetType: 'ip',
        healthCheck: httpHealthCheck({ path: '/api/health' }),
        attributes: { ...HTTP_TG_ATTRIBUTES, 'load_balancing.algorithm.type': 'least_outstanding_requests' },
        targets: [
          { id: '10.0.1.10', port: 9000, availabilityZone: 'us-east-1a' },
          { id: '10.0.2.10', port: 9000, availabilityZone: 'us-east-1b' },
        ],
      }),
      targetGroup('assets', {
        healthCheck: httpHealthCheck({ path: '/static/health.txt' }),
        attributes: {
          ...HTTP_TG_ATTRIBUTES,
          'stickiness.enabled': 'true',
          'stickiness.lb_cookie.duration_seconds': '3600',
        },
        targets: [{ id: 'i-0123456789abcdef2', port: 80 }],
      }),
    ],
  };
}

/** An internal NLB: TCP and TLS listeners, cross-zone on, IP targets in zones. */
function networkLoadBalancer(): Observed {
  return {
    loadBalancers: [
      {
        name: 'data-nlb',
        arn: lbArn('net', 'data-nlb'),
        type: 'network',
        scheme: 'internal',
        subnets: [...SUBNETS, 'subnet-0123456789abcdef2'],
        securityGroups: [],
        ipAddressType: 'ipv4',
        tags: {},
        attributes: {
          ...NLB_ATTRIBUTES,
          'load_balancing.cross_zone.enabled': 'true',
          'deletion_protection.enabled': 'true',
        },
        listeners: [
          listener('data-nlb', 443, 'TLS', forward(['app-tcp']), {
            certificates: [CERT],
            sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
          }),
          listener('data-nlb', 5432, 'TCP', forward(['db-proxy'])),
        ],
      },
    ],
    targetGroups: [
      targetGroup('db-proxy', {
        protocol: 'TCP',
        port: 5432,
        targetType: 'ip',
        healthCheck: tcpHealthCheck({
          intervalSeconds: 10,
          healthyThreshold: 3,
          unhealthyThreshold: 3,
          timeoutSeconds: 6,
        }),
        attributes: {
          ...TCP_TG_ATTRIBUTES,
          'preserve_client_ip.enabled': 'false',
          'deregistration_delay.timeout_seconds': '30',
        },
        targets: [
          { id: '10.0.1.20', port: 5432, availabilityZone: 'us-east-1a' },
          { id: '10.0.2.20', port: 5432, availabilityZone: 'us-east-1b' },
        ],
      }),
      targetGroup('app-tcp', {
        protocol: 'TCP',
        port: 8443,
        healthCheck: {
          enabled: true,
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/ready',
          intervalSeconds: 30,
          timeoutSeconds: 6,
          healthyThreshold: 5,
          unhealthyThreshold: 2,
          matcher: '200-399',
        },
        attributes: { ...TCP_TG_ATTRIBUTES, 'stickiness.enabled': 'true', 'proxy_protocol_v2.enabled': 'true' },
        targets: [
          { id: 'i-0123456789abcdef0', port: 8443 },
          { id: 'i-0123456789abcdef1', port: 9443 },
        ],
      }),
    ],
  };
}

/** What AWS reports for a GENEVE target group left at its defaults. */
const GENEVE_TG_ATTRIBUTES = {
  'deregistration_delay.timeout_seconds': '300',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  'stickiness.enabled': 'false',
  'stickiness.type': 'source_ip_dest_ip_proto',
  'target_failover.on_deregistration': 'no_rebalance',
  'target_failover.on_unhealthy': 'no_rebalance',
  'target_group_health.dns_failover.minimum_healthy_targets.count': '1',
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': 'off',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': '1',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': 'off',
};

/** A gateway load balancer (internal, no security groups) whose GENEVE listener (no port) forwards to appliances that rebalance flows. */
function gatewayLoadBalancer(): Observed {
  return {
    loadBalancers: [
      {
        name: 'inspect',
        arn: `${ACCOUNT}:loadbalancer/gwy/inspect/50dc6c495c0c9188`,
        type: 'gateway',
        scheme: 'internal',
        subnets: [...SUBNETS],
        securityGroups: [],
        ipAddressType: 'ipv4',
        tags: { team: 'security' },
        attributes: { 'deletion_protection.enabled': 'false', 'load_balancing.cross_zone.enabled': 'true' },
        listeners: [
          {
            arn: `${ACCOUNT}:listener/gwy/inspect/50dc6c495c0c9188/0000000000000001`,
            port: 0,
            protocol: 'GENEVE',
            certificates: [],
            defaultActions: [forward(['appliances'])],
            tags: {},
            rules: [],
          },
        ],
      },
    ],
    targetGroups: [
      targetGroup('appliances', {
        protocol: 'GENEVE',
        port: 6081,
        healthCheck: {
          enabled: true,
          protocol: 'HTTP',
          port: '8080',
          path: '/healthz',
          intervalSeconds: 10,
          timeoutSeconds: 5,
          healthyThreshold: 3,
          unhealthyThreshold: 2,
          matcher: '200-399',
        },
        attributes: {
          ...GENEVE_TG_ATTRIBUTES,
          'target_failover.on_deregistration': 'rebalance',
          'target_failover.on_unhealthy': 'rebalance',
        },
        targets: [
          { id: 'i-0123456789abcdef0', port: 6081 },
          { id: 'i-0123456789abcdef1', port: 6081 },
        ],
      }),
    ],
  };
}

/** Blue/green: a weighted forward as the default action and in a rule. */
function weighted(): Observed {
  return {
    loadBalancers: [
      alb('checkout', {
        listeners: [
          listener('checkout', 80, 'HTTP', forward(['blue', 90], ['green', 10]), {
            rules: [
              {
                arn: ruleArn('checkout', 80, 5),
                priority: 5,
                conditions: [
                  { field: 'host-header', values: ['beta.example.com'] },
                  { field: 'http-header', headerName: 'X-Canary', values: ['yes'] },
                ],
                actions: [forward(['blue', 50], ['green', 50])],
                tags: {},
              },
            ],
          }),
        ],
      }),
    ],
    targetGroups: [
      targetGroup('blue', { port: 8080, targets: [{ id: 'i-0aaaaaaaaaaaaaaa1', port: 8080 }] }),
      targetGroup('green', { port: 8080, targets: [{ id: 'i-0bbbbbbbbbbbbbbb1', port: 8080 }] }),
    ],
  };
}

/** The secure defaults turned off: deletion protection and dropping invalid headers off, the 2016-08 policy. */
function weakened(): Observed {
  return {
    loadBalancers: [
      alb('legacy', {
        attributes: { ...ALB_ATTRIBUTES },
        listeners: [
          listener(
            'legacy',
            443,
            'HTTPS',
            { type: 'fixed-response', statusCode: '404', contentType: 'text/plain', messageBody: 'not here' },
            {
              certificates: [
                CERT,
                'arn:aws:acm:us-east-1:123456789012:certificate/99999999-2222-3333-4444-555555555555',
              ],
              sslPolicy: 'ELBSecurityPolicy-2016-08',
              rules: [pathRule('legacy', 443, 1, ['/app/*'], forward(['legacy-app']))],
            },
          ),
        ],
      }),
    ],
    targetGroups: [
      targetGroup('legacy-app', { protocol: 'HTTPS', port: 443, healthCheck: httpHealthCheck({ protocol: 'HTTPS' }) }),
    ],
  };
}

// ------------------------------------------------------------------ the round trip

const HEADER = ['Exported by `elbctl export` on 2024-05-01T12:00:00Z'];

/** export → YAML → loadStack; fails with every problem when the file does not validate. */
function exported(observed: Observed, stack = 'shop') {
  const result = exportStack({ stack, observed });
  const text = renderStackYaml(result.document, HEADER);
  const loaded = loadStack(text, 'exported.yaml');
  if (!loaded.ok)
    throw new Error(
      `exported file does not validate:\n${loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}\n${text}`,
    );
  return { ...result, text, loaded };
}

/** The live state after an apply of `p`: every adopted resource carries the tags the adoption adds. */
function afterAdoptions(observed: Observed, p: Plan): Observed {
  const copy = structuredClone(observed);
  const tagsByArn = new Map(
    p.changes
      .filter((c) => c.action === 'adopt')
      .map((c) => [c.arn as string, (c.after as { tags: Record<string, string> }).tags]),
  );
  const tag = (r: { arn: string; tags: Record<string, string> }) => Object.assign(r.tags, tagsByArn.get(r.arn) ?? {});
  for (const lb of copy.loadBalancers) {
    tag(lb);
    for (const l of lb.listeners) {
      tag(l);
      l.rules.forEach(tag);
    }
  }
  copy.targetGroups.forEach(tag);
  copy.trustStores?.forEach(tag);
  return copy;
}

function expectOnlyAdoptions(observed: Observed, stack = 'shop'): Plan {
  const { loaded } = exported(observed, stack);
  if (!loaded.ok) throw new Error('unreachable');
  const p = plan(loaded.stack, observed);
  const offenders = p.changes.filter(
    (c) =>
      c.action !== 'adopt' ||
      Object.keys(c.after ?? {}).join() !== 'tags' ||
      Object.keys(c.before ?? {}).join() !== 'tags',
  );
  expect(offenders).toEqual([]);
  expect(p.unmanaged).toEqual([]);
  expect(plan(loaded.stack, afterAdoptions(observed, p)).changes).toEqual([]);
  return p;
}

const adoptions = (p: Plan) => p.changes.map((c) => c.id);

describe('export round trip: plan of a fresh export adopts, and after the apply plans nothing', () => {
  it('GIVEN an ALB with an HTTP→HTTPS redirect, HTTPS with 3 path rules and 3 target groups WHEN exported and planned THEN only adoptions', () => {
    const p = expectOnlyAdoptions(pathRouting());
    expect(adoptions(p)).toEqual([
      'target-group:web',
      'target-group:api',
      'target-group:assets',
      'load-balancer:shop-web',
      'listener:shop-web:80',
      'listener:shop-web:443',
      'rule:shop-web:443:path-api',
      'rule:shop-web:443:path-static',
      'rule:shop-web:443:path-admin',
    ]);
  });

  it('GIVEN an internal NLB with TCP and TLS listeners and cross-zone on WHEN exported and planned THEN only adoptions', () => {
    const p = expectOnlyAdoptions(networkLoadBalancer());
    expect(adoptions(p)).toEqual([
      'target-group:app-tcp',
      'target-group:db-proxy',
      'load-balancer:data-nlb',
      'listener:data-nlb:443',
      'listener:data-nlb:5432',
    ]);
  });

  it('GIVEN a gateway load balancer with its GENEVE listener and appliances that rebalance WHEN exported and planned THEN only adoptions', () => {
    const p = expectOnlyAdoptions(gatewayLoadBalancer());
    expect(adoptions(p)).toEqual(['target-group:appliances', 'load-balancer:inspect', 'listener:inspect:GENEVE']);
  });

  it('GIVEN a gateway load balancer WHEN exported THEN no scheme, no security groups, a listener without a port, and target failover under attributes', () => {
    const r = exported(gatewayLoadBalancer());
    expect(r.warnings).toEqual([]);
    expect(r.document.loadBalancers).toEqual([
      {
        name: 'inspect',
        type: 'gateway',
        subnets: SUBNETS,
        crossZone: true,
        tags: { team: 'security' },
        listeners: [{ protocol: 'GENEVE', defaultAction: { forward: 'appliances' } }],
      },
    ]);
    expect(r.document.targetGroups).toEqual([
      {
        name: 'appliances',
        protocol: 'GENEVE',
        port: 6081,
        vpc: VPC,
        healthCheck: { protocol: 'HTTP', port: 8080, path: '/healthz', healthyThreshold: 3 },
        attributes: { 'target_failover.on_deregistration': 'rebalance', 'target_failover.on_unhealthy': 'rebalance' },
        targets: [{ id: 'i-0123456789abcdef0' }, { id: 'i-0123456789abcdef1' }],
      },
    ]);
  });

  it('GIVEN weighted forwards in a default action and a rule WHEN exported and planned THEN only adoptions', () => {
    const p = expectOnlyAdoptions(weighted());
    expect(adoptions(p)).toEqual([
      'target-group:blue',
      'target-group:green',
      'load-balancer:checkout',
      'listener:checkout:80',
      'rule:checkout:80:host-beta-example-com-header-x-canary-yes',
    ]);
  });

  it('GIVEN deletion protection off, invalid headers passed and the 2016-08 policy WHEN exported and planned THEN only adoptions', () => {
    const p = expectOnlyAdoptions(weakened());
    expect(adoptions(p)).toEqual([
      'target-group:legacy-app',
      'load-balancer:legacy',
      'listener:legacy:443',
      'rule:legacy:443:path-app',
    ]);
  });
});

describe('export of mutual TLS and trust stores: lossless where AWS says it, loud where it does not', () => {
  const storeArn = (name: string) => `${ACCOUNT}:truststore/${name}/8f2c4e6a1b3d5f70`;
  const store = (name: string, tags: Record<string, string>, revocations: number[] = []) => ({
    name,
    arn: storeArn(name),
    tags,
    listeners: [listenerArn('legacy', 443)],
    revocations,
  });
  const verifying = (trustStores: NonNullable<Observed['trustStores']>): Observed => {
    const observed = weakened();
    (observed.loadBalancers[0]?.listeners[0] as ObservedListener).mutualTls = {
      mode: 'verify',
      trustStoreArn: storeArn('partners'),
      ignoreClientCertificateExpiry: true,
      advertiseTrustStoreCaNames: true,
    };
    observed.trustStores = trustStores;
    return observed;
  };

  it('GIVEN a listener verifying with a trust store elbctl created WHEN exported THEN both are written, the bundle from what elbctl sent, and the plan is adoptions only', () => {
    const observed = verifying([
      store('partners', { 'elbctl:ca-certificates': 's3://shop-pki/partners/ca.pem', team: 'edge' }),
    ]);
    const { text, warnings } = exported(observed);
    expect(warnings).toEqual([]);
    expect(text).toContain(`        sslPolicy: ELBSecurityPolicy-2016-08
        mutualAuthentication:
          mode: verify
          trustStore: partners
          advertiseCaNames: true
          ignoreClientCertificateExpiry: true
        defaultAction:`);
    expect(
      text.endsWith(`
trustStores:
  - name: partners
    caCertificates: s3://shop-pki/partners/ca.pem
    tags: { team: edge }
`),
    ).toBe(true);
    const p = expectOnlyAdoptions(observed);
    expect(adoptions(p)).toEqual([
      'trust-store:partners',
      'target-group:legacy-app',
      'load-balancer:legacy',
      'listener:legacy:443',
      'rule:legacy:443:path-app',
    ]);
  });

  it('GIVEN a trust store elbctl did not create, with revocation lists WHEN exported THEN it is written by name only, both losses said, and the plan adopts it without sending a bundle', () => {
    const observed = verifying([store('partners', {}, [1, 2])]);
    const { warnings, document } = exported(observed);
    expect(document.trustStores).toEqual([{ name: 'partners' }]);
    expect(warnings).toEqual([
      'trust store "partners": exported by name only (AWS never returns where a CA bundle came from); apply keeps its bundle as it is, and creating it elsewhere needs caCertificates: s3://BUCKET/KEY in its entry',
      'trust store "partners": its 2 revocation lists are not exported (AWS never returns where they came from); apply keeps them as they are',
    ]);
    const p = expectOnlyAdoptions(observed);
    expect(p.change('trust-store:partners')?.after).toEqual({ tags: { 'elbctl:stack': 'shop' } });
  });

  it('GIVEN a listener verifying with another stack’s trust store WHEN exported THEN it is referred to by ARN and not declared (a plan would refuse it)', () => {
    const observed = verifying([store('partners', { 'elbctl:stack': 'pki' })]);
    const { document } = exported(observed);
    expect(document.trustStores).toBeUndefined();
    expect(document.loadBalancers?.[0]?.listeners?.[0]?.mutualAuthentication).toEqual({
      mode: 'verify',
      trustStore: storeArn('partners'),
      advertiseCaNames: true,
      ignoreClientCertificateExpiry: true,
    });
    expectOnlyAdoptions(observed);
  });

  it('GIVEN a trust store the stack owns that no exported listener uses WHEN exported THEN it is kept in the file (else the plan would delete it)', () => {
    const observed = weakened();
    observed.trustStores = [
      {
        ...store('spare', { 'elbctl:stack': 'shop', 'elbctl:ca-certificates': 's3://shop-pki/spare.pem' }),
        listeners: [],
      },
    ];
    expect(exported(observed).document.trustStores).toEqual([
      { name: 'spare', caCertificates: 's3://shop-pki/spare.pem' },
    ]);
    expectOnlyAdoptions(observed);
  });

  it('GIVEN mutual TLS off or passthrough WHEN exported THEN off is left out (the default) and passthrough written, silently', () => {
    const off = weakened();
    (off.loadBalancers[0]?.listeners[0] as ObservedListener).mutualTls = { mode: 'off' };
    expect(exported(off).document.loadBalancers?.[0]?.listeners?.[0]?.mutualAuthentication).toBeUndefined();
    expect(exported(off).warnings).toEqual([]);
    const pass = weakened();
    (pass.loadBalancers[0]?.listeners[0] as ObservedListener).mutualTls = { mode: 'passthrough' };
    expect(exported(pass).document.loadBalancers?.[0]?.listeners?.[0]?.mutualAuthentication).toEqual({
      mode: 'passthrough',
    });
    expect(exported(pass).warnings).toEqual([]);
    expectOnlyAdoptions(pass);
  });
});

describe('export document', () => {
  it('GIVEN the path-routing ALB WHEN rendered THEN writes exactly the differences from the defaults, in the schema order, like the examples', () => {
    const { text, warnings, counts } = exported(pathRouting());
    expect(warnings).toEqual([]);
    expect(counts).toEqual({ loadBalancers: 1, targetGroups: 3, rules: 3 });
    expect(text).toBe(`# Exported by \`elbctl export\` on 2024-05-01T12:00:00Z

version: 1
stack: shop

loadBalancers:
  - name: shop-web
    type: application
    subnets: [ subnet-0123456789abcdef0, subnet-0123456789abcdef1 ]
    securityGroups: [ sg-0123456789abcdef0 ]
    attributes:
      access_logs.s3.bucket: shop-logs
      access_logs.s3.enabled: true
      idle_timeout.timeout_seconds: 120
    listeners:
      - port: 80
        protocol: HTTP
        defaultAction: { redirect: { protocol: HTTPS, port: 443 } }
      - port: 443
        protocol: HTTPS
        certificates: [ ${CERT} ]
        defaultAction: { forward: web }
        rules:
          - name: path-api
            priority: 10
            conditions: { path: [ /api/* ] }
            action: { forward: api }
          - name: path-static
            priority: 20
            conditions: { path: [ /static/*, /favicon.ico ] }
            action: { forward: assets }
          - name: path-admin
            priority: 30
            conditions: { path: [ /admin/* ] }
            action: { forward: web }

targetGroups:
  - name: web
    protocol: HTTP
    port: 8080
    vpc: ${VPC}
    healthCheck: { path: /healthz, interval: 15, healthyThreshold: 3, matcher: 200-299 }
    deregistrationDelay: 60
    targets:
      - { id: i-0123456789abcdef0 }
      - { id: i-0123456789abcdef1, port: 8081 }

  - name: api
    protocol: HTTP
    port: 9000
    vpc: ${VPC}
    targetType: ip
    healthCheck: { path: /api/health }
    algorithm: least_outstanding_requests
    targets:
      - { id: 10.0.1.10, availabilityZone: us-east-1a }
      - { id: 10.0.2.10, availabilityZone: us-east-1b }

  - name: assets
    protocol: HTTP
    port: 80
    vpc: ${VPC}
    healthCheck: { path: /static/health.txt }
    stickiness: { type: lb_cookie, duration: 3600 }
    targets:
      - { id: i-0123456789abcdef2 }
`);
  });

  it('GIVEN the secure defaults turned off WHEN exported THEN says so explicitly, and loading warns about each', () => {
    const { document, loaded } = exported(weakened());
    const lb = document.loadBalancers?.[0];
    expect(lb?.deletionProtection).toBe(false);
    expect(lb?.dropInvalidHeaderFields).toBe(false);
    expect(lb?.listeners?.[0]?.sslPolicy).toBe('ELBSecurityPolicy-2016-08');
    expect(lb?.listeners?.[0]?.defaultAction).toEqual({ fixedResponse: { statusCode: 404, body: 'not here' } });
    expect(loaded.ok && loaded.warnings.map((w) => w.code)).toEqual([
      'W_DELETION_PROTECTION',
      'W_DROP_INVALID_HEADERS',
      'W_SSL_POLICY',
    ]);
  });

  it('GIVEN an internal NLB with protection on WHEN exported THEN writes scheme and protection, no security groups, and orders target groups by first use', () => {
    const { document } = exported(networkLoadBalancer());
    const lb = document.loadBalancers?.[0];
    expect(Object.keys(lb ?? {})).toEqual([
      'name',
      'type',
      'scheme',
      'subnets',
      'crossZone',
      'deletionProtection',
      'listeners',
    ]);
    // Listeners come by port (443 first), so app-tcp is forwarded to first.
    expect(document.targetGroups?.map((t) => t.name)).toEqual(['app-tcp', 'db-proxy']);
    expect(document.targetGroups?.[1]?.healthCheck).toEqual({
      interval: 10,
      timeout: 6,
      healthyThreshold: 3,
      unhealthyThreshold: 3,
    });
    // preserve_client_ip is off by default for IP targets over TCP: nothing to write.
    expect(document.targetGroups?.[1]?.attributes).toBeUndefined();
  });

  it('GIVEN a region WHEN exported THEN the document carries it after the stack name', () => {
    const doc = exportStack({ stack: 'shop', region: 'eu-west-1', observed: weighted() }).document;
    expect(Object.keys(doc)).toEqual(['version', 'stack', 'region', 'loadBalancers', 'targetGroups']);
    expect(doc.region).toBe('eu-west-1');
  });

  it('GIVEN a target group no exported listener forwards to WHEN exported THEN it is left out', () => {
    const o = weighted();
    o.targetGroups.push(targetGroup('unused'));
    expect(exported(o).document.targetGroups?.map((t) => t.name)).toEqual(['blue', 'green']);
  });
});

describe('export: rule names', () => {
  it.each([
    [[{ field: 'path-pattern', values: ['/api/*'] }], 'path-api'],
    [[{ field: 'host-header', values: ['admin.example.com', 'x.example.com'] }], 'host-admin-example-com'],
    [
      [
        { field: 'host-header', values: ['*.example.com'] },
        { field: 'path-pattern', values: ['/v2/*'] },
      ],
      'path-v2-host-example-com',
    ],
    [[{ field: 'http-header', headerName: 'X-Env', values: ['canary'] }], 'header-x-env-canary'],
    [[{ field: 'query-string', values: [{ key: 'version', value: 'v2' }] }], 'query-version-v2'],
    [[{ field: 'query-string', values: [{ value: 'beta' }] }], 'query-beta'],
    [[{ field: 'http-request-method', values: ['POST'] }], 'method-post'],
    [[{ field: 'source-ip', values: ['10.0.0.0/8'] }], 'source-10-0-0-0-8'],
    [[{ field: 'path-pattern', values: ['/*'] }], undefined],
    [[{ field: 'path-pattern', values: [`/${'a'.repeat(60)}`] }], `path-${'a'.repeat(43)}`],
  ] as const)('GIVEN conditions %j THEN the derived name is %s', (conditions, name) => {
    expect(ruleNameFromConditions(conditions as never)).toBe(name);
  });

  const rule = (priority: number, path: string, tags: Record<string, string> = {}): ObservedRule => ({
    arn: `rule-${priority}`,
    priority,
    conditions: [{ field: 'path-pattern', values: [path] }],
    actions: [forward(['web'])],
    tags,
  });

  it('GIVEN tagged, untagged, clashing and wildcard-only rules WHEN named THEN tags win, clashes get the priority, the rest rule-N, all unique', () => {
    const names = ruleNames([
      rule(1, '/api/*'), // derives path-api, which the tag of rule 3 holds
      rule(2, '/api/*'),
      rule(3, '/other/*', { 'elbctl:rule': 'path-api' }),
      rule(4, '/*'),
      rule(5, '/x/*', { 'elbctl:rule': 'not a name' }),
      rule(6, '/*', {}),
    ]);
    expect([...names.values()]).toEqual(
      ['path-api', 'path-api-1', 'path-api-2', 'rule-4', 'path-x', 'rule-6'].sort((a, b) =>
        a === 'path-api' ? -1 : b === 'path-api' ? 1 : 0,
      ),
    );
    expect(names.get('rule-3')).toBe('path-api');
    expect(names.get('rule-1')).toBe('path-api-1');
    expect(names.get('rule-2')).toBe('path-api-2');
    expect(names.get('rule-4')).toBe('rule-4');
    expect(names.get('rule-5')).toBe('path-x');
    expect(names.get('rule-6')).toBe('rule-6');
  });
});

describe('export: every action, condition and transform kind is written, lossless or loud', () => {
  const OIDC: Action = {
    type: 'authenticate-oidc',
    issuer: 'https://idp.example.com',
    authorizationEndpoint: 'https://idp.example.com/authorize',
    tokenEndpoint: 'https://idp.example.com/token',
    userInfoEndpoint: 'https://idp.example.com/userinfo',
    clientId: 'shop-admin',
    scope: 'openid email',
    sessionTimeout: 3600,
    onUnauthenticated: 'authenticate',
  };
  const COGNITO: Action = {
    type: 'authenticate-cognito',
    userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc',
    userPoolClientId: 'client1',
    userPoolDomain: 'shop-auth',
    extraParams: { prompt: 'login' },
  };
  const JWT: Action = {
    type: 'jwt-validation',
    issuer: 'https://issuer.example.com',
    jwksEndpoint: 'https://issuer.example.com/.well-known/jwks.json',
    claims: [{ name: 'scope', format: 'space-separated-values', values: ['read'] }],
  };
  const FUTURE: Action = {
    type: 'other',
    awsType: 'authenticate-passkey',
    raw: { Type: 'authenticate-passkey', PasskeyConfig: { RpId: 'example.com' } },
  };

  it('GIVEN a rule whose weighted forward has group stickiness WHEN exported THEN the file says stickiness and a plan only adopts', () => {
    const o = pathRouting();
    const https = o.loadBalancers[0]?.listeners[1] as ObservedListener;
    (https.rules[0] as ObservedRule).actions = [
      { type: 'forward', targetGroups: [{ targetGroupArn: tgArn('api'), weight: 1 }], stickinessSeconds: 300 },
    ];

    const { warnings, document } = exported(o);

    expect(warnings).toEqual([]);
    expect(document.loadBalancers?.[0]?.listeners?.[1]?.rules?.[0]?.action).toEqual({
      forward: [{ targetGroup: 'api', weight: 1 }],
      stickiness: 300,
    });
    expect(document.targetGroups?.map((t) => t.name)).toEqual(['web', 'api', 'assets']);
    expectOnlyAdoptions(o);
  });

  it('GIVEN a default action with group stickiness and five rules behind it WHEN exported THEN the listener, its rules and both target groups are written', () => {
    const o = weighted();
    const l = o.loadBalancers[0]?.listeners[0] as ObservedListener;
    l.defaultActions = [
      { ...(forward(['blue', 90], ['green', 10]) as Extract<Action, { type: 'forward' }>), stickinessSeconds: 600 },
    ];
    const { warnings, document } = exported(o);
    expect(warnings).toEqual([]);
    expect(document.loadBalancers?.[0]?.listeners?.[0]?.defaultAction).toEqual({
      forward: [
        { targetGroup: 'blue', weight: 90 },
        { targetGroup: 'green', weight: 10 },
      ],
      stickiness: 600,
    });
    expect(document.loadBalancers?.[0]?.listeners?.[0]?.rules).toHaveLength(1);
    expect(document.targetGroups?.map((t) => t.name)).toEqual(['blue', 'green']);
    expectOnlyAdoptions(o);
  });

  it('GIVEN a rule that authenticates with OIDC before forwarding WHEN exported THEN authenticate: names a placeholder variable, never a secret, and a plan only adopts', () => {
    const o = pathRouting();
    const https = o.loadBalancers[0]?.listeners[1] as ObservedListener;
    (https.rules[2] as ObservedRule).actions = [OIDC, forward(['web'])];

    const { warnings, document, text } = exported(o);

    expect(warnings).toEqual([
      "rule shop-web:443:30: authenticate-oidc's client secret is never returned by AWS; the file names OIDC_CLIENT_SECRET_SHOP_WEB_443_PATH_ADMIN (clientSecretEnv) for it: set it to create this action elsewhere (an apply here keeps the secret AWS holds)",
    ]);
    const rule = document.loadBalancers?.[0]?.listeners?.[1]?.rules?.[2];
    expect(rule?.authenticate).toEqual([
      {
        oidc: {
          issuer: 'https://idp.example.com',
          authorizationEndpoint: 'https://idp.example.com/authorize',
          tokenEndpoint: 'https://idp.example.com/token',
          userInfoEndpoint: 'https://idp.example.com/userinfo',
          clientId: 'shop-admin',
          clientSecretEnv: 'OIDC_CLIENT_SECRET_SHOP_WEB_443_PATH_ADMIN',
          scope: 'openid email',
          sessionTimeout: 3600,
          onUnauthenticated: 'authenticate',
        },
      },
    ]);
    expect(rule?.action).toEqual({ forward: 'web' });
    expect(text).not.toMatch(/clientSecret:/);
    expectOnlyAdoptions(o);
  });

  it('GIVEN cognito, JWT validation and a kind elbctl does not know before routing WHEN exported THEN each is written (the unknown one verbatim under raw:, with a warning) and a plan only adopts', () => {
    const o = weighted();
    const l = o.loadBalancers[0]?.listeners[0] as ObservedListener;
    l.protocol = 'HTTPS';
    l.port = 443;
    l.certificates = [CERT];
    l.sslPolicy = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
    l.defaultActions = [COGNITO, forward(['blue', 90], ['green', 10])];
    (l.rules[0] as ObservedRule).actions = [JWT, FUTURE, forward(['blue'])];

    const { warnings, document } = exported(o);

    expect(warnings).toEqual([
      'rule checkout:443:5: action authenticate-passkey is kept verbatim under raw: (elbctl does not interpret it); apply sends it back unchanged',
    ]);
    const listenerFile = document.loadBalancers?.[0]?.listeners?.[0];
    expect(listenerFile?.authenticate).toEqual([
      {
        cognito: {
          userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc',
          userPoolClientId: 'client1',
          userPoolDomain: 'shop-auth',
          extraParams: { prompt: 'login' },
        },
      },
    ]);
    expect(listenerFile?.rules?.[0]?.authenticate).toEqual([
      {
        jwt: {
          issuer: 'https://issuer.example.com',
          jwksEndpoint: 'https://issuer.example.com/.well-known/jwks.json',
          claims: [{ name: 'scope', format: 'space-separated-values', values: ['read'] }],
        },
      },
      { raw: { Type: 'authenticate-passkey', PasskeyConfig: { RpId: 'example.com' } } },
    ]);
    expectOnlyAdoptions(o);
  });

  it('GIVEN transforms, regex conditions and a condition kind elbctl does not know WHEN exported THEN they are written and a plan only adopts', () => {
    const o = weighted();
    const rule = o.loadBalancers[0]?.listeners[0]?.rules[0] as ObservedRule;
    rule.conditions = [
      { field: 'path-pattern', values: ['^/api/v[0-9]+/'], regex: true },
      { field: 'http-header', headerName: 'User-Agent', values: ['.*Mobile.*'], regex: true },
      { field: 'other', awsField: 'client-country', raw: { Field: 'client-country', Values: ['DE'] } },
    ];
    rule.transforms = [
      { type: 'url-rewrite', regex: '^/api/v1/(.*)$', replace: '/$1' },
      { type: 'host-header-rewrite', regex: '^beta\\.', replace: '' },
    ];

    const { warnings, document } = exported(o);

    expect(warnings).toEqual([
      'rule checkout:80:5: condition client-country is kept verbatim under raw: (elbctl does not interpret it); apply sends it back unchanged',
    ]);
    const r = document.loadBalancers?.[0]?.listeners?.[0]?.rules?.[0];
    expect(r?.conditions).toEqual({
      pathRegex: ['^/api/v[0-9]+/'],
      headersRegex: { 'User-Agent': ['.*Mobile.*'] },
      raw: [{ Field: 'client-country', Values: ['DE'] }],
    });
    expect(r?.transforms).toEqual([
      { urlRewrite: { regex: '^/api/v1/(.*)$', replace: '/$1' } },
      { hostHeaderRewrite: { regex: '^beta\\.', replace: '' } },
    ]);
    expectOnlyAdoptions(o);
  });

  it('GIVEN a GRPC target group on ipv6 with a gRPC matcher WHEN exported THEN protocolVersion, ipAddressType and the matcher are written and a plan only adopts', () => {
    const o = weighted();
    const blue = o.targetGroups[0] as ObservedTargetGroup;
    blue.protocolVersion = 'GRPC';
    blue.ipAddressType = 'ipv6';
    blue.healthCheck = { ...blue.healthCheck, path: '/AWS.ALB/healthcheck', matcher: '0-99' };

    const { warnings, document } = exported(o);

    expect(warnings).toEqual([]);
    const file = document.targetGroups?.[0];
    expect([file?.protocolVersion, file?.ipAddressType, file?.healthCheck?.matcher, file?.healthCheck?.path]).toEqual([
      'GRPC',
      'ipv6',
      '0-99',
      undefined,
    ]);
    expectOnlyAdoptions(o);
  });

  it('GIVEN a rule that ends with an action kind elbctl does not know WHEN exported THEN only that rule is left out, naming it, and its neighbours are written', () => {
    const o = pathRouting();
    const https = o.loadBalancers[0]?.listeners[1] as ObservedListener;
    (https.rules[0] as ObservedRule).actions = [FUTURE];
    const { warnings, document } = exported(o);
    expect(warnings).toEqual([
      'rule shop-web:443:10: not exported, its action is authenticate-passkey; a stack file ends a rule with forward, redirect or fixed-response; elbctl leaves it as it is',
    ]);
    expect(document.loadBalancers?.[0]?.listeners?.[1]?.rules?.map((r) => r.name)).toEqual([
      'path-static',
      'path-admin',
    ]);
  });
});

describe('export: what a stack file cannot say is left out, and planning leaves it alone', () => {
  it('GIVEN two query-string conditions (both must match) WHEN exported THEN the rule is left out: one list would match either', () => {
    const o = weighted();
    const l = o.loadBalancers[0]?.listeners[0] as ObservedListener;
    (l.rules[0] as ObservedRule).conditions = [
      { field: 'query-string', values: [{ key: 'a', value: '1' }] },
      { field: 'query-string', values: [{ key: 'b', value: '2' }] },
    ];
    const { warnings } = exported(o);
    expect(warnings).toEqual([
      'rule checkout:80:5: not exported, it has two query-string conditions, which a stack file cannot say; elbctl leaves it as it is',
    ]);
    expectOnlyAdoptions(o);
  });

  it('GIVEN a rule the stack owns without an elbctl:rule tag WHEN exported THEN warns that the plan replaces it', () => {
    const o = weighted();
    const l = o.loadBalancers[0]?.listeners[0] as ObservedListener;
    (l.rules[0] as ObservedRule).tags = { 'elbctl:stack': 'shop' };
    expect(exported(o).warnings).toEqual([
      'rule checkout:80:5: tagged elbctl:stack=shop but has no elbctl:rule tag, so a plan of this file replaces it (delete, then create as "host-beta-example-com-header-x-canary-yes")',
    ]);
  });
});

describe('export: settings elbctl does not manage are named, never dropped silently', () => {
  it('GIVEN a load balancer on an IPAM pool with PrivateLink inbound rules off WHEN exported THEN a warning names each, and the plan leaves them alone', () => {
    const o = weighted();
    (o.loadBalancers[0] as ObservedLoadBalancer).unmanagedSettings = [
      'IpamPools.Ipv4IpamPoolId=ipam-pool-0123456789abcdef0',
      'EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic=off',
    ];
    const name = (o.loadBalancers[0] as ObservedLoadBalancer).name;
    expect(exported(o).warnings).toEqual([
      `load balancer "${name}": IpamPools.Ipv4IpamPoolId=ipam-pool-0123456789abcdef0 is not in stack files (elbctl does not manage it; docs/api-coverage.md); apply leaves it as it is, and a replay elsewhere creates the load balancer without it`,
      `load balancer "${name}": EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic=off is not in stack files (elbctl does not manage it; docs/api-coverage.md); apply leaves it as it is, and a replay elsewhere creates the load balancer without it`,
    ]);
    expectOnlyAdoptions(o);
  });
});

describe('export: target groups and attributes', () => {
  const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:thumbs';

  /** An internal dualstack ALB forwarding by path to a lambda, a cross-zone-off group, an app-cookie group and a cross-zone-on group. */
  function assorted(): Observed {
    return {
      loadBalancers: [
        alb('misc', {
          scheme: 'internal',
          ipAddressType: 'dualstack',
          attributes: {
            ...ALB_ATTRIBUTES,
            'ipv6.deny_all_igw_traffic': 'true',
            'deletion_protection.enabled': 'true',
            'routing.http.drop_invalid_header_fields.enabled': 'true',
            'routing.http2.enabled': 'false',
            'routing.http.xff_header_processing.mode': 'preserve',
            'idle_timeout.timeout_seconds': 'soon',
            'some.future.attribute': 'x',
          },
          listeners: [
            listener('misc', 80, 'HTTP', forward(['zonal']), {
              rules: [
                pathRule('misc', 80, 1, ['/thumbs/*'], forward(['thumbs'])),
                pathRule('misc', 80, 2, ['/cart/*'], forward(['cart'])),
                pathRule('misc', 80, 3, ['/all/*'], forward(['spread'])),
              ],
            }),
          ],
        }),
      ],
      targetGroups: [
        {
          ...targetGroup('thumbs', { targetType: 'lambda', protocol: undefined, port: undefined, vpcId: undefined }),
          healthCheck: {
            enabled: true,
            path: '/',
            intervalSeconds: 35,
            timeoutSeconds: 30,
            healthyThreshold: 5,
            unhealthyThreshold: 2,
            matcher: '200',
          },
          attributes: {
            'lambda.multi_value_headers.enabled': 'true',
            'stickiness.enabled': 'false',
            'stickiness.type': 'lb_cookie',
          },
          targets: [{ id: LAMBDA }],
        },
        targetGroup('zonal', {
          attributes: {
            ...HTTP_TG_ATTRIBUTES,
            'load_balancing.cross_zone.enabled': 'false',
            'stickiness.lb_cookie.duration_seconds': '3600',
          },
          // Timings AWS would not accept in a file (timeout not below the interval) are left out, so not compared.
          healthCheck: httpHealthCheck({ intervalSeconds: 6, timeoutSeconds: 6 }),
        }),
        targetGroup('cart', {
          attributes: {
            ...HTTP_TG_ATTRIBUTES,
            'stickiness.enabled': 'true',
            'stickiness.type': 'app_cookie',
            'stickiness.app_cookie.cookie_name': 'CART',
            'stickiness.app_cookie.duration_seconds': '600',
            'slow_start.duration_seconds': '60',
          },
        }),
        targetGroup('spread', { attributes: { ...HTTP_TG_ATTRIBUTES, 'load_balancing.cross_zone.enabled': 'true' } }),
      ],
    };
  }

  it('GIVEN lambda, cross-zone, app-cookie and odd attributes WHEN exported and planned THEN only adoptions', () => {
    expectOnlyAdoptions(assorted());
  });

  it('GIVEN an internal dualstack ALB WHEN exported THEN writes its scheme, address type, protection, its non-default attributes, and what elbctl does not know or would refuse verbatim under raw, each with a warning', () => {
    const { document, warnings } = exported(assorted());
    const lb = document.loadBalancers?.[0];
    expect(lb?.scheme).toBe('internal');
    expect(lb?.ipAddressType).toBe('dualstack');
    expect(lb?.deletionProtection).toBe(true);
    expect(lb?.dropInvalidHeaderFields).toBeUndefined();
    // ipv6.deny_all_igw_traffic=true is the default for an internal one; cross-zone is never written for an ALB.
    expect(lb?.attributes).toEqual({
      'routing.http.xff_header_processing.mode': 'preserve',
      'routing.http2.enabled': false,
      raw: { 'idle_timeout.timeout_seconds': 'soon', 'some.future.attribute': 'x' },
    });
    expect(warnings).toEqual([
      'load balancer "misc": attribute "idle_timeout.timeout_seconds=soon" kept verbatim under attributes.raw: AWS accepted it, elbctl\'s check does not (attribute "idle_timeout.timeout_seconds=soon": must be a whole number from 1 to 4000); apply sends it back unchanged',
      'load balancer "misc": attribute "some.future.attribute=x" kept verbatim under attributes.raw: elbctl does not know this key; apply sends it back unchanged',
      'target group "zonal": health check timings not exported, health check timeout "6": must be less than the interval (6); lower the timeout or raise the interval',
    ]);
  });

  it('GIVEN a lambda target group with health checks on WHEN exported THEN no protocol, port or VPC, health checks enabled, the function as its target', () => {
    const tg = exported(assorted()).document.targetGroups?.find((t) => t.name === 'thumbs');
    expect(tg).toEqual({
      name: 'thumbs',
      targetType: 'lambda',
      healthCheck: { enabled: true },
      attributes: { 'lambda.multi_value_headers.enabled': true },
      targets: [{ id: LAMBDA }],
    });
  });

  it('GIVEN cross-zone off, on and inherited, app-cookie stickiness and an idle stickiness setting WHEN exported THEN the typed fields say them', () => {
    const groups = Object.fromEntries((exported(assorted()).document.targetGroups ?? []).map((t) => [t.name, t]));
    expect(groups.zonal?.crossZone).toBe(false);
    // Stickiness is off, but its lb_cookie duration is not AWS's: kept as the attribute it is.
    expect(groups.zonal?.stickiness).toBeUndefined();
    expect(groups.zonal?.attributes).toEqual({ 'stickiness.lb_cookie.duration_seconds': 3600 });
    expect(groups.zonal?.healthCheck).toBeUndefined();
    expect(groups.spread?.crossZone).toBe(true);
    expect(groups.cart?.crossZone).toBeUndefined();
    expect(groups.cart?.stickiness).toEqual({ type: 'app_cookie', duration: 600, cookieName: 'CART' });
    expect(groups.cart?.attributes).toEqual({ 'slow_start.duration_seconds': 60 });
  });

  it('GIVEN a target group the stack replaced (AWS name api-3f2a, elbctl:name api) WHEN exported for that stack THEN the file names it api', () => {
    const o = weighted();
    const blue = o.targetGroups[0] as ObservedTargetGroup;
    blue.tags = { 'elbctl:stack': 'shop', 'elbctl:name': 'blue-logical' };
    const doc = exported(o).document;
    expect(doc.targetGroups?.map((t) => t.name)).toEqual(['blue-logical', 'green']);
    expect(doc.loadBalancers?.[0]?.listeners?.[0]?.defaultAction).toEqual({
      forward: [
        { targetGroup: 'blue-logical', weight: 90 },
        { targetGroup: 'green', weight: 10 },
      ],
    });
    // Another stack's elbctl:name means nothing here.
    blue.tags = { 'elbctl:stack': 'other', 'elbctl:name': 'blue-logical' };
    expect(exported(o).document.targetGroups?.map((t) => t.name)).toEqual(['blue', 'green']);
  });
});
