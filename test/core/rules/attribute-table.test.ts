/**
 * The attribute table: every key's documented range at its edges (written out here from the API
 * reference, so a wrong table entry fails), every key's value kind at its edges (derived from the
 * table, so no key goes untested), AWS's defaults, and the nearest known key for a typo.
 */
import {
  type AttributeValue,
  LISTENER_ATTRIBUTES,
  LOAD_BALANCER_ATTRIBUTES,
  TARGET_GROUP_ATTRIBUTES,
} from '../../../src/core/rules/attribute-table';
import {
  attributeValueProblem,
  relatedTargetGroupAttributeProblems,
  checkListenerAttributes,
  checkLoadBalancerAttributes,
  checkTargetGroupAttributes,
  listenerAttributeKeys,
  loadBalancerAttributeDefault,
  targetGroupAttributeDefault,
} from '../../../src/core/rules/attributes';

const TABLES = { load: LOAD_BALANCER_ATTRIBUTES, target: TARGET_GROUP_ATTRIBUTES, listener: LISTENER_ATTRIBUTES };
type Table = keyof typeof TABLES;
/** The key's rule in the first table that has it, or in the one named. */
const ruleOf = (key: string, table?: Table) =>
  (table
    ? TABLES[table][key]
    : (TARGET_GROUP_ATTRIBUTES[key] ?? LOAD_BALANCER_ATTRIBUTES[key] ?? LISTENER_ATTRIBUTES[key])
  )?.value as AttributeValue;
const ok = (key: string, v: string, table?: Table) => attributeValueProblem(ruleOf(key, table), v) === undefined;

/** [key, accepted at the edges, refused just past them] from the API reference's ranges. */
const DOCUMENTED_RANGES: Array<[string, string[], string[]]> = [
  ['idle_timeout.timeout_seconds', ['1', '4000'], ['0', '4001']],
  ['client_keep_alive.seconds', ['60', '604800'], ['59', '604801']],
  ['secondary_ips.auto_assigned.per_subnet', ['0', '7'], ['-1', '8']],
  ['deregistration_delay.timeout_seconds', ['0', '3600'], ['-1', '3601']],
  ['slow_start.duration_seconds', ['0', '30', '900'], ['1', '29', '901']],
  ['stickiness.app_cookie.duration_seconds', ['1', '604800'], ['0', '604801']],
  ['stickiness.lb_cookie.duration_seconds', ['1', '604800'], ['0', '604801']],
  ['target_health_state.unhealthy.draining_interval_seconds', ['0', '360000'], ['-1', '360001']],
  ['target_group_health.dns_failover.minimum_healthy_targets.count', ['off', '1', '1000'], ['0', 'on']],
  ['target_group_health.dns_failover.minimum_healthy_targets.percentage', ['off', '1', '100'], ['0', '101']],
  ['target_group_health.unhealthy_state_routing.minimum_healthy_targets.count', ['1', '1000'], ['0', 'off']],
  ['target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage', ['off', '1', '100'], ['0', '101']],
  ['tcp.idle_timeout.seconds', ['60', '6000'], ['59', '6001']],
  ['routing.http.response.access_control_max_age.header_value', ['0', '86400'], ['-1', 'forever']],
  ['routing.http.response.strict_transport_security.header_value', ['x'.repeat(1024)], ['x'.repeat(1025)]],
  ['routing.http.request.x_amzn_tls_version.header_name', ['X', 'x'.repeat(40)], ['', 'x'.repeat(41), 'a b']],
  ['stickiness.app_cookie.cookie_name', ['session'], ['', 'AWSALB', 'awsalbapp-x', 'AWSALBTG']],
  [
    'routing.http.response.x_frame_options.header_value',
    ['DENY', 'SAMEORIGIN', 'ALLOW-FROM https://a.example'],
    ['deny', 'ALLOW'],
  ],
];

describe('documented ranges', () => {
  it.each(DOCUMENTED_RANGES)('GIVEN %s WHEN its edges are checked THEN the range holds', (key, good, bad) => {
    expect(good.filter((v) => !ok(key, v))).toEqual([]);
    expect(bad.filter((v) => ok(key, v))).toEqual([]);
  });

  it('GIVEN every integer key in the table THEN each one has its documented range written out above', () => {
    const integers = Object.values(TABLES)
      .flatMap((t) => Object.entries(t))
      .filter(([, r]) => r.value.kind === 'integer')
      .map(([k]) => k)
      .sort();
    const covered = new Set(DOCUMENTED_RANGES.map(([k]) => k));
    expect(integers.filter((k) => !covered.has(k))).toEqual([]);
  });
});

/** Values at the edges of a kind: accepted, and refused. */
function edges(spec: AttributeValue): { good: string[]; bad: string[] } {
  switch (spec.kind) {
    case 'boolean':
      return { good: ['true', 'false'], bad: ['TRUE', 'yes', '1', ''] };
    case 'integer': {
      const good = [String(spec.min), ...(spec.max !== undefined ? [String(spec.max)] : [])];
      const bad = [String(spec.min - 1), '1.5', 'abc', ''];
      if (spec.max !== undefined) bad.push(String(spec.max + 1));
      if (spec.orOff) good.push('off');
      else bad.push('off');
      return { good, bad: bad.filter((b) => !(spec.orZero && b === '0') && !(spec.orZero && b === '29')) };
    }
    case 'enum':
      return { good: [...spec.values], bad: ['', 'nope', `${(spec.values[0] ?? '').toUpperCase()}X`] };
    case 'text':
      return spec.max === undefined
        ? { good: ['', 'my-bucket', 'x'.repeat(2000)], bad: [] }
        : { good: ['', 'x'.repeat(spec.max)], bad: ['x'.repeat(spec.max + 1)] };
    case 'header-name':
      return { good: ['X-Client', 'x'.repeat(40)], bad: ['', 'x'.repeat(41), 'X Client', 'X:Client'] };
    case 'cookie-name':
      return { good: ['app'], bad: ['', 'AWSALBAPP'] };
    case 'frame-options':
      return { good: ['DENY', 'SAMEORIGIN'], bad: ['', 'deny'] };
  }
}

describe('every key in the table', () => {
  const all = Object.entries(TABLES).flatMap(([table, t]) =>
    Object.entries(t).map(([key, rule]) => [`${table} ${key}`, table as Table, key, rule.value] as const),
  );
  it.each(all)(
    'GIVEN %s WHEN values at the edges of its kind are checked THEN the right ones pass',
    (_l, table, key, spec) => {
      const { good, bad } = edges(spec);
      expect(good.filter((v) => !ok(key, v, table))).toEqual([]);
      expect(bad.filter((v) => ok(key, v, table))).toEqual([]);
    },
  );

  it('GIVEN the defaults THEN each passes its own check, except the response headers and the cookie that are unset by default', () => {
    const failing = [
      ...Object.keys(LOAD_BALANCER_ATTRIBUTES).filter(
        (k) =>
          !ok(k, loadBalancerAttributeDefault(k, { type: 'network', scheme: 'internal' }) as string, 'load') ||
          !ok(k, loadBalancerAttributeDefault(k, { type: 'application', scheme: 'internet-facing' }) as string, 'load'),
      ),
      ...Object.keys(TARGET_GROUP_ATTRIBUTES).filter(
        (k) => !ok(k, targetGroupAttributeDefault(k, { protocol: 'HTTP', targetType: 'instance' }) as string, 'target'),
      ),
      ...Object.entries(LISTENER_ATTRIBUTES)
        .filter(([k, r]) => !ok(k, r.default, 'listener'))
        .map(([k]) => k),
    ];
    expect(failing.sort()).toEqual([
      'routing.http.response.access_control_allow_credentials.header_value',
      'routing.http.response.access_control_max_age.header_value',
      'routing.http.response.x_content_type_options.header_value',
      'routing.http.response.x_frame_options.header_value',
      'stickiness.app_cookie.cookie_name',
    ]);
  });

  it('GIVEN keys whose AWS default depends on the resource THEN the table says so', () => {
    expect(loadBalancerAttributeDefault('ipv6.deny_all_igw_traffic', { type: 'application', scheme: 'internal' })).toBe(
      'true',
    );
    expect(
      loadBalancerAttributeDefault('ipv6.deny_all_igw_traffic', { type: 'network', scheme: 'internet-facing' }),
    ).toBe('false');
    expect(
      loadBalancerAttributeDefault('load_balancing.cross_zone.enabled', { type: 'application', scheme: 'internal' }),
    ).toBe('true');
    expect(
      loadBalancerAttributeDefault('load_balancing.cross_zone.enabled', { type: 'gateway', scheme: 'internal' }),
    ).toBe('false');
    expect(targetGroupAttributeDefault('stickiness.type', { protocol: 'TCP', targetType: 'ip' })).toBe('source_ip');
    expect(targetGroupAttributeDefault('stickiness.type', { protocol: 'GENEVE', targetType: 'ip' })).toBe(
      'source_ip_dest_ip_proto',
    );
    expect(targetGroupAttributeDefault('stickiness.type', { targetType: 'lambda' })).toBe('lb_cookie');
    expect(targetGroupAttributeDefault('preserve_client_ip.enabled', { protocol: 'TCP', targetType: 'ip' })).toBe(
      'false',
    );
    expect(targetGroupAttributeDefault('preserve_client_ip.enabled', { protocol: 'UDP', targetType: 'ip' })).toBe(
      'true',
    );
    expect(
      targetGroupAttributeDefault('deregistration_delay.connection_termination.enabled', {
        protocol: 'UDP',
        targetType: 'instance',
      }),
    ).toBe('true');
    expect(loadBalancerAttributeDefault('some.future.key', { type: 'network', scheme: 'internal' })).toBeUndefined();
  });
});

describe('the nearest known key', () => {
  const messages = (ps: ReadonlyArray<{ message: string }>) => ps.map((p) => p.message);
  it('GIVEN a load balancer key with a typo WHEN checked THEN the nearest key is named', () => {
    expect(
      messages(
        checkLoadBalancerAttributes('application', 'web', [{ key: 'idle_timeout.timeout_second', value: '60' }]),
      ),
    ).toEqual([
      'attribute "idle_timeout.timeout_second": not a known application load balancer attribute; did you mean "idle_timeout.timeout_seconds"?',
    ]);
    expect(
      messages(
        checkLoadBalancerAttributes('network', 'edge', [{ key: 'dns_record.client_routing_polcy', value: 'x' }]),
      ),
    ).toEqual([
      'attribute "dns_record.client_routing_polcy": not a known network load balancer attribute; did you mean "dns_record.client_routing_policy"?',
    ]);
  });

  it('GIVEN a target group key with a typo WHEN checked THEN the nearest key is named', () => {
    expect(messages(checkTargetGroupAttributes([{ key: 'slow_start.duration', value: '30' }]))).toEqual([
      'attribute "slow_start.duration": not a known target group attribute; did you mean "slow_start.duration_seconds"?',
    ]);
    expect(messages(checkTargetGroupAttributes([{ key: 'stickiness.enable', value: 'true' }]))).toEqual([
      'attribute "stickiness.enable": not a known target group attribute; did you mean "stickiness.enabled"?',
    ]);
  });

  it('GIVEN a listener key with a typo WHEN checked THEN the nearest key of that listener is named', () => {
    expect(
      messages(
        checkListenerAttributes('network', 'listener edge:80', [{ key: 'tcp.idle_timeout.second', value: '60' }]),
      ),
    ).toEqual([
      'attribute "tcp.idle_timeout.second": not a listener attribute of a network load balancer (listener edge:80); did you mean "tcp.idle_timeout.seconds"?',
    ]);
    expect(
      messages(
        checkListenerAttributes('application', 'listener web:443', [
          { key: 'routing.http.response.server.enable', value: 'false' },
        ]),
      ),
    ).toEqual([
      'attribute "routing.http.response.server.enable": not a listener attribute of an application load balancer (listener web:443); did you mean "routing.http.response.server.enabled"?',
    ]);
  });

  it('GIVEN a key far from every known one WHEN checked THEN the known keys are listed instead', () => {
    expect(messages(checkListenerAttributes('gateway', 'listener gw', [{ key: 'zzz', value: '1' }]))).toEqual([
      'attribute "zzz": not a listener attribute of a gateway load balancer (listener gw); use one of: send_tcp_reset.on_idle_timeout.enabled, tcp.idle_timeout.seconds',
    ]);
  });
});

describe('where a key applies', () => {
  const messages = (ps: ReadonlyArray<{ message: string }>) => ps.map((p) => p.message);
  it('GIVEN a network-only target group key on an HTTP target group THEN it is refused naming who takes it', () => {
    expect(
      messages(
        checkTargetGroupAttributes([{ key: 'proxy_protocol_v2.enabled', value: 'true' }], {
          name: 'web',
          targetType: 'instance',
          protocol: 'HTTP',
        }),
      ),
    ).toEqual([
      'attribute "proxy_protocol_v2.enabled": target groups of network load balancers only; "web" is a HTTP target group',
    ]);
  });

  it('GIVEN an instance/ip-only key on a lambda target group THEN it is refused', () => {
    expect(
      messages(
        checkTargetGroupAttributes([{ key: 'slow_start.duration_seconds', value: '30' }], {
          name: 'fn',
          targetType: 'lambda',
        }),
      ),
    ).toEqual(['attribute "slow_start.duration_seconds": instance or ip target groups only; "fn" has lambda targets']);
  });

  it('GIVEN a gateway-only key on a GENEVE target group, and a key with an unknown protocol THEN both are accepted', () => {
    expect(
      checkTargetGroupAttributes([{ key: 'target_failover.on_unhealthy', value: 'rebalance' }], {
        name: 'fw',
        targetType: 'ip',
        protocol: 'GENEVE',
      }),
    ).toEqual([]);
    expect(
      checkTargetGroupAttributes([{ key: 'proxy_protocol_v2.enabled', value: 'true' }], {
        name: 'x',
        targetType: 'ip',
      }),
    ).toEqual([]);
  });

  it('GIVEN an mTLS header name on an HTTP listener THEN it is refused; on HTTPS it is accepted', () => {
    const key = 'routing.http.request.x_amzn_mtls_clientcert.header_name';
    expect(
      messages(checkListenerAttributes('application', 'listener web:80', [{ key, value: 'X-Cert' }], 'HTTP')),
    ).toEqual([`attribute "${key}": HTTPS listeners only, listener web:80 is HTTP`]);
    expect(checkListenerAttributes('application', 'listener web:443', [{ key, value: 'X-Cert' }], 'HTTPS')).toEqual([]);
    expect(listenerAttributeKeys('application', 'HTTP')).not.toContain(key);
    expect(listenerAttributeKeys('gateway')).toEqual([
      'send_tcp_reset.on_idle_timeout.enabled',
      'tcp.idle_timeout.seconds',
    ]);
  });
});

describe('rules between target group keys', () => {
  const messages = (values: Record<string, string>) =>
    relatedTargetGroupAttributeProblems('app', values).map((p) => p.message);
  it('GIVEN anomaly mitigation on WHEN the algorithm is not weighted_random THEN refused; with it, or unknown, accepted', () => {
    expect(
      messages({
        'load_balancing.algorithm.anomaly_mitigation': 'on',
        'load_balancing.algorithm.type': 'least_outstanding_requests',
      }),
    ).toEqual([
      'target group "app": load_balancing.algorithm.anomaly_mitigation=on needs load_balancing.algorithm.type=weighted_random, not least_outstanding_requests',
    ]);
    expect(
      messages({
        'load_balancing.algorithm.anomaly_mitigation': 'on',
        'load_balancing.algorithm.type': 'weighted_random',
      }),
    ).toEqual([]);
    expect(messages({ 'load_balancing.algorithm.anomaly_mitigation': 'on' })).toEqual([]);
    expect(
      messages({
        'load_balancing.algorithm.anomaly_mitigation': 'off',
        'load_balancing.algorithm.type': 'round_robin',
      }),
    ).toEqual([]);
  });

  it('GIVEN the two target_failover keys WHEN they differ THEN refused; equal, or one alone, accepted', () => {
    expect(
      messages({ 'target_failover.on_deregistration': 'rebalance', 'target_failover.on_unhealthy': 'no_rebalance' }),
    ).toEqual([
      'target group "app": target_failover.on_deregistration (rebalance) and target_failover.on_unhealthy (no_rebalance) must be the same; set both',
    ]);
    expect(
      messages({ 'target_failover.on_deregistration': 'rebalance', 'target_failover.on_unhealthy': 'rebalance' }),
    ).toEqual([]);
    expect(messages({ 'target_failover.on_unhealthy': 'rebalance' })).toEqual([]);
  });

  it('GIVEN an unhealthy draining interval WHEN connection termination is on THEN refused; 0, or termination off, accepted', () => {
    const key = 'target_health_state.unhealthy.draining_interval_seconds';
    const termination = 'target_health_state.unhealthy.connection_termination.enabled';
    expect(messages({ [key]: '60', [termination]: 'true' })).toEqual([
      `target group "app": ${key} needs ${termination}=false`,
    ]);
    expect(messages({ [key]: '0', [termination]: 'true' })).toEqual([]);
    expect(messages({ [key]: '60', [termination]: 'false' })).toEqual([]);
  });
});
