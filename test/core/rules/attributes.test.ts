import * as attributes from '../../../src/core/rules/attributes';
import { quote } from '../../../src/core/echo';
import { loadBalancerAttributeKeys, targetGroupAttributeKeys } from '../../../src/core/rules/attributes';
import type { LoadBalancerType } from '../../../src/core/model';

// The rulebook returns problems (code, message, path); these tests read their messages.
const messages = (problems: ReadonlyArray<{ message: string }>) => problems.map((p) => p.message);
const checkLoadBalancerAttributes = (...a: [LoadBalancerType, string, attributes.AttributeSetting[]]) =>
  messages(attributes.checkLoadBalancerAttributes(...a));
const checkTargetGroupAttributes = (...a: Parameters<typeof attributes.checkTargetGroupAttributes>) =>
  messages(attributes.checkTargetGroupAttributes(...a));
const parseAttributeSettings = (raws: string[]) => {
  const r = attributes.parseAttributeSettings(raws);
  return { settings: r.settings, problems: messages(r.problems) };
};

const ALB_KEYS =
  'access_logs.s3.bucket, access_logs.s3.enabled, access_logs.s3.prefix, client_keep_alive.seconds, connection_logs.s3.bucket, ' +
  'connection_logs.s3.enabled, connection_logs.s3.prefix, deletion_protection.enabled, health_check_logs.s3.bucket, ' +
  'health_check_logs.s3.enabled, health_check_logs.s3.prefix, idle_timeout.timeout_seconds, ipv6.deny_all_igw_traffic, ' +
  'routing.http.desync_mitigation_mode, routing.http.drop_invalid_header_fields.enabled, routing.http.preserve_host_header.enabled, ' +
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled, routing.http.xff_client_port.enabled, routing.http.xff_header_processing.mode, ' +
  'routing.http2.enabled, waf.fail_open.enabled, zonal_shift.config.enabled';
const NLB_KEYS =
  'access_logs.s3.bucket, access_logs.s3.enabled, access_logs.s3.prefix, deletion_protection.enabled, dns_record.client_routing_policy, ' +
  'ipv6.deny_all_igw_traffic, load_balancing.cross_zone.enabled, secondary_ips.auto_assigned.per_subnet, zonal_shift.config.enabled';
const GWLB_KEYS = 'deletion_protection.enabled, load_balancing.cross_zone.enabled';

describe('parseAttributeSettings', () => {
  it('GIVEN KEY=VALUE pairs WHEN parsed THEN keeps order and any "=" inside the value', () => {
    expect(parseAttributeSettings(['a.b=1', 'access_logs.s3.prefix=x=y', 'c='])).toEqual({
      settings: [
        { key: 'a.b', value: '1' },
        { key: 'access_logs.s3.prefix', value: 'x=y' },
        { key: 'c', value: '' },
      ],
      problems: [],
    });
  });

  it.each([
    ['idle_timeout.timeout_seconds', 'attribute "idle_timeout.timeout_seconds": write it as KEY=VALUE'],
    ['=true', 'attribute "=true": write it as KEY=VALUE'],
  ])('GIVEN "%s" WHEN parsed THEN the problem is %j', (raw, problem) => {
    expect(parseAttributeSettings([raw])).toEqual({ settings: [], problems: [problem] });
  });

  it('GIVEN one key set twice WHEN parsed THEN says so and keeps the first', () => {
    expect(parseAttributeSettings(['k=1', 'k=2'])).toEqual({
      settings: [{ key: 'k', value: '1' }],
      problems: ['attribute "k": set twice ("k=1" and "k=2"); set each key once'],
    });
  });
});

describe('load balancer attribute keys per type', () => {
  it.each([
    ['application', ALB_KEYS],
    ['network', NLB_KEYS],
    ['gateway', GWLB_KEYS],
  ] as const)(
    'GIVEN a %s load balancer WHEN its keys are listed THEN they are exactly the API reference ones, sorted',
    (type, keys) => {
      expect(loadBalancerAttributeKeys(type).join(', ')).toBe(keys);
    },
  );
});

describe('checkLoadBalancerAttributes', () => {
  it.each([
    ['application', 'deletion_protection.enabled', 'true'],
    ['application', 'deletion_protection.enabled', 'false'],
    ['application', 'idle_timeout.timeout_seconds', '1'],
    ['application', 'idle_timeout.timeout_seconds', '4000'],
    ['application', 'routing.http.desync_mitigation_mode', 'monitor'],
    ['application', 'routing.http.desync_mitigation_mode', 'strictest'],
    ['application', 'access_logs.s3.bucket', 'my-logs'],
    ['application', 'access_logs.s3.prefix', ''],
    ['application', 'client_keep_alive.seconds', '604800'],
    ['application', 'routing.http.xff_header_processing.mode', 'remove'],
    ['network', 'load_balancing.cross_zone.enabled', 'true'],
    ['network', 'dns_record.client_routing_policy', 'any_availability_zone'],
    ['network', 'secondary_ips.auto_assigned.per_subnet', '0'],
    ['gateway', 'load_balancing.cross_zone.enabled', 'false'],
  ] as const)('GIVEN a %s load balancer WHEN %s=%j is checked THEN there is no problem', (type, key, value) => {
    expect(checkLoadBalancerAttributes(type, 'lb', [{ key, value }])).toEqual([]);
  });

  it.each([
    [
      'application',
      'deletion_protection.enabled',
      'yes',
      'attribute "deletion_protection.enabled=yes": must be true or false',
    ],
    ['application', 'routing.http2.enabled', 'True', 'attribute "routing.http2.enabled=True": must be true or false'],
    ['application', 'access_logs.s3.enabled', '', 'attribute "access_logs.s3.enabled=": must be true or false'],
    [
      'application',
      'idle_timeout.timeout_seconds',
      '0',
      'attribute "idle_timeout.timeout_seconds=0": must be a whole number from 1 to 4000',
    ],
    [
      'application',
      'idle_timeout.timeout_seconds',
      '4001',
      'attribute "idle_timeout.timeout_seconds=4001": must be a whole number from 1 to 4000',
    ],
    [
      'application',
      'idle_timeout.timeout_seconds',
      '60s',
      'attribute "idle_timeout.timeout_seconds=60s": must be a whole number from 1 to 4000',
    ],
    [
      'application',
      'idle_timeout.timeout_seconds',
      '6e1',
      'attribute "idle_timeout.timeout_seconds=6e1": must be a whole number from 1 to 4000',
    ],
    [
      'application',
      'client_keep_alive.seconds',
      '59',
      'attribute "client_keep_alive.seconds=59": must be a whole number from 60 to 604800',
    ],
    [
      'application',
      'routing.http.desync_mitigation_mode',
      'strict',
      'attribute "routing.http.desync_mitigation_mode=strict": must be one of monitor, defensive, strictest',
    ],
    [
      'network',
      'secondary_ips.auto_assigned.per_subnet',
      '8',
      'attribute "secondary_ips.auto_assigned.per_subnet=8": must be a whole number from 0 to 7',
    ],
    [
      'network',
      'load_balancing.cross_zone.enabled',
      'use_load_balancer_configuration',
      `attribute ${quote('load_balancing.cross_zone.enabled=use_load_balancer_configuration')}: must be true or false`,
    ],
  ] as const)(
    'GIVEN a %s load balancer WHEN %s=%j is checked THEN the problem is exact',
    (type, key, value, problem) => {
      expect(checkLoadBalancerAttributes(type, 'lb', [{ key, value }])).toEqual([problem]);
    },
  );

  it('GIVEN an ALB WHEN cross-zone is set THEN refuses with the `lb cross-zone` explanation', () => {
    expect(
      checkLoadBalancerAttributes('application', 'web', [{ key: 'load_balancing.cross_zone.enabled', value: 'false' }]),
    ).toEqual([
      'load balancer "web": cross-zone load balancing is always on for an application load balancer and cannot be changed on the load balancer; turn it off per target group with `elbctl tg cross-zone TG off`',
    ]);
  });

  it.each([
    [
      'application',
      'no.such.key',
      `attribute "no.such.key": not a known application load balancer attribute; use one of: ${ALB_KEYS}`,
    ],
    [
      'application',
      'idle_timeout.timeout',
      'attribute "idle_timeout.timeout": not a known application load balancer attribute; did you mean "idle_timeout.timeout_seconds"?',
    ],
    [
      'gateway',
      'stickiness.enabled',
      `attribute "stickiness.enabled": not a known gateway load balancer attribute; use one of: ${GWLB_KEYS}`,
    ],
    [
      'network',
      'idle_timeout.timeout_seconds',
      `attribute "idle_timeout.timeout_seconds": application load balancers only, "lb" is a network one; use one of: ${NLB_KEYS}`,
    ],
    [
      'gateway',
      'access_logs.s3.enabled',
      `attribute "access_logs.s3.enabled": application and network load balancers only, "lb" is a gateway one; use one of: ${GWLB_KEYS}`,
    ],
  ] as const)(
    'GIVEN a %s load balancer WHEN the key %s is checked THEN refuses listing the valid keys',
    (type, key, problem) => {
      expect(checkLoadBalancerAttributes(type, 'lb', [{ key, value: 'true' }])).toEqual([problem]);
    },
  );

  it('GIVEN several bad settings WHEN checked THEN every problem is reported, in order', () => {
    expect(
      checkLoadBalancerAttributes('application', 'web', [
        { key: 'idle_timeout.timeout_seconds', value: '0' },
        { key: 'routing.http2.enabled', value: 'true' },
        { key: 'deletion_protection.enabled', value: 'on' },
      ]),
    ).toEqual([
      'attribute "idle_timeout.timeout_seconds=0": must be a whole number from 1 to 4000',
      'attribute "deletion_protection.enabled=on": must be true or false',
    ]);
  });
});

describe('checkTargetGroupAttributes', () => {
  it('GIVEN the key list WHEN listed THEN it is exactly the API reference one, sorted', () => {
    expect(targetGroupAttributeKeys()).toEqual([
      'deregistration_delay.connection_termination.enabled',
      'deregistration_delay.timeout_seconds',
      'lambda.multi_value_headers.enabled',
      'load_balancing.algorithm.anomaly_mitigation',
      'load_balancing.algorithm.type',
      'load_balancing.cross_zone.enabled',
      'preserve_client_ip.enabled',
      'proxy_protocol_v2.enabled',
      'send_tcp_reset.on_deregistration.enabled',
      'send_tcp_reset.on_unhealthy.enabled',
      'slow_start.duration_seconds',
      'stickiness.app_cookie.cookie_name',
      'stickiness.app_cookie.duration_seconds',
      'stickiness.enabled',
      'stickiness.lb_cookie.duration_seconds',
      'stickiness.type',
      'target_failover.on_deregistration',
      'target_failover.on_unhealthy',
      'target_group_health.dns_failover.minimum_healthy_targets.count',
      'target_group_health.dns_failover.minimum_healthy_targets.percentage',
      'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count',
      'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage',
      'target_health_state.unhealthy.connection_termination.enabled',
      'target_health_state.unhealthy.draining_interval_seconds',
    ]);
  });

  it.each([
    ['deregistration_delay.timeout_seconds', '0'],
    ['deregistration_delay.timeout_seconds', '3600'],
    ['stickiness.enabled', 'true'],
    ['stickiness.type', 'lb_cookie'],
    ['stickiness.type', 'app_cookie'],
    ['stickiness.type', 'source_ip'],
    ['stickiness.type', 'source_ip_dest_ip'],
    ['stickiness.type', 'source_ip_dest_ip_proto'],
    ['stickiness.lb_cookie.duration_seconds', '1'],
    ['stickiness.lb_cookie.duration_seconds', '604800'],
    ['load_balancing.algorithm.type', 'round_robin'],
    ['load_balancing.algorithm.type', 'least_outstanding_requests'],
    ['load_balancing.algorithm.type', 'weighted_random'],
    ['load_balancing.cross_zone.enabled', 'true'],
    ['load_balancing.cross_zone.enabled', 'false'],
    ['load_balancing.cross_zone.enabled', 'use_load_balancer_configuration'],
    ['slow_start.duration_seconds', '0'],
    ['slow_start.duration_seconds', '30'],
    ['slow_start.duration_seconds', '900'],
    ['stickiness.app_cookie.cookie_name', 'SESSION'],
    ['target_group_health.dns_failover.minimum_healthy_targets.count', 'off'],
    ['target_group_health.dns_failover.minimum_healthy_targets.count', '3'],
    ['target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage', '100'],
    ['target_failover.on_unhealthy', 'rebalance'],
  ])('GIVEN %s=%j WHEN checked THEN there is no problem', (key, value) => {
    expect(checkTargetGroupAttributes([{ key, value }])).toEqual([]);
  });

  it.each([
    ['deregistration_delay.timeout_seconds', '3601', 'must be a whole number from 0 to 3600'],
    ['deregistration_delay.timeout_seconds', '-1', 'must be a whole number from 0 to 3600'],
    ['stickiness.enabled', '1', 'must be true or false'],
    [
      'stickiness.type',
      'cookie',
      'must be one of lb_cookie, app_cookie, source_ip, source_ip_dest_ip, source_ip_dest_ip_proto',
    ],
    ['stickiness.lb_cookie.duration_seconds', '0', 'must be a whole number from 1 to 604800'],
    ['stickiness.lb_cookie.duration_seconds', '604801', 'must be a whole number from 1 to 604800'],
    [
      'load_balancing.algorithm.type',
      'least_connections',
      'must be one of round_robin, least_outstanding_requests, weighted_random',
    ],
    ['load_balancing.cross_zone.enabled', 'inherit', 'must be one of true, false, use_load_balancer_configuration'],
    ['slow_start.duration_seconds', '29', 'must be 0 (off) or a whole number from 30 to 900'],
    ['slow_start.duration_seconds', '901', 'must be 0 (off) or a whole number from 30 to 900'],
    ['slow_start.duration_seconds', '', 'must be 0 (off) or a whole number from 30 to 900'],
    [
      'stickiness.app_cookie.cookie_name',
      'AWSALBAPP-1',
      'names beginning with AWSALB are reserved by the load balancer; choose another name',
    ],
    [
      'target_group_health.dns_failover.minimum_healthy_targets.count',
      '0',
      'must be off, or a whole number of at least 1',
    ],
    [
      'target_group_health.dns_failover.minimum_healthy_targets.percentage',
      '101',
      'must be off, or a whole number from 1 to 100',
    ],
    [
      'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count',
      'off',
      'must be a whole number of at least 1',
    ],
  ])('GIVEN %s=%j WHEN checked THEN the problem is "%s"', (key, value, why) => {
    expect(checkTargetGroupAttributes([{ key, value }])).toEqual([`attribute ${quote(`${key}=${value}`)}: ${why}`]);
  });

  it('GIVEN an unknown key WHEN checked THEN refuses listing every target group key', () => {
    expect(checkTargetGroupAttributes([{ key: 'stickiness.duration', value: '5' }])).toEqual([
      `attribute "stickiness.duration": not a known target group attribute; use one of: ${targetGroupAttributeKeys().join(', ')}`,
    ]);
  });

  it('GIVEN a lambda target group WHEN cross-zone is set THEN refuses; other target types pass', () => {
    const settings = [{ key: 'load_balancing.cross_zone.enabled', value: 'false' }];
    expect(checkTargetGroupAttributes(settings, { name: 'fn', targetType: 'lambda' })).toEqual([
      'target group "fn": cross-zone load balancing does not apply to lambda target groups; nothing to change',
    ]);
    expect(checkTargetGroupAttributes(settings, { name: 'api', targetType: 'ip' })).toEqual([]);
  });
});
