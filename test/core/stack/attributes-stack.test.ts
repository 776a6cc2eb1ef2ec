/**
 * Attributes in stack files (issue 12): the validator (typed keys judged with the nearest known
 * one, `raw:` accepted unjudged, listener attributes by load balancer type and protocol), the
 * plan (a key the endpoint omits is AWS's default; listener attributes as an update in place),
 * export (unknown keys and refused values verbatim under raw, with a warning), and one round trip
 * per secure default elbctl applies (defaults.ts), so applying an export never changes the source.
 */
import { exportStack } from '../../../src/core/stack/export/export-stack';
import { renderStackYaml } from '../../../src/core/stack/export/render-yaml';
import { loadStack } from '../../../src/core/stack/load';
import type {
  Observed,
  ObservedListener,
  ObservedLoadBalancer,
  ObservedTargetGroup,
} from '../../../src/core/stack/model';
import type { AttributesChange, Plan } from '../../../src/core/stack/plan';
import { plan } from '../../../src/core/stack/planner/plan-stack';
import { CERT, desiredOf, problemsOf, SUBNETS, VPC, yaml } from './helpers';

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const lbArn = (name: string) => `${ACCOUNT}:loadbalancer/app/${name}/50dc6c495c0c9188`;
const listenerArn = (lb: string, port: number) => `${ACCOUNT}:listener/app/${lb}/50dc6c495c0c9188/${port}`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;

// ------------------------------------------------------------------ files

const albFile = (lbExtra: string, listenerExtra = '', protocol = 'HTTP', port = 80) => yaml`
  version: 1
  stack: shop
  loadBalancers:
    - name: web
      type: application
      subnets: ${SUBNETS}
${lbExtra}
      listeners:
        - port: ${port}
          protocol: ${protocol}
${protocol === 'HTTPS' ? `          certificates: [${CERT}]\n` : ''}          defaultAction: { forward: app }
${listenerExtra}
  targetGroups:
    - name: app
      protocol: HTTP
      port: 8080
      vpc: ${VPC}
`;

describe('validate: attributes', () => {
  it('GIVEN keys under attributes.raw (unknown, and a known key with an odd value) WHEN loaded THEN they are accepted unjudged and sent as text', () => {
    const text = albFile(
      '      attributes: { idle_timeout.timeout_seconds: 120, raw: { some.future.key: on, routing.http2.enabled: maybe, n: 5 } }',
    );
    expect(problemsOf(text)).toEqual([]);
    expect(desiredOf(text).loadBalancers[0]?.attributes).toEqual({
      'idle_timeout.timeout_seconds': '120',
      'some.future.key': 'on',
      'routing.http2.enabled': 'maybe',
      n: '5',
      'deletion_protection.enabled': 'true',
      'routing.http.drop_invalid_header_fields.enabled': 'true',
    });
  });

  it('GIVEN an unknown key outside raw, a map outside raw, raw that is no map, and a key both judged and raw WHEN loaded THEN each is refused, naming the nearest key', () => {
    expect(
      problemsOf(
        albFile(
          '      attributes: { idle_timeout.timeout_second: 60, access_logs: { s3: x }, waf.fail_open.enabled: true, raw: { waf.fail_open.enabled: "false" } }',
        ),
      ),
    ).toEqual([
      '7:48 E_ATTRIBUTE attribute "idle_timeout.timeout_second": not a known application load balancer attribute; did you mean "idle_timeout.timeout_seconds"?',
      '7:65 E_ATTRIBUTE attribute "access_logs": takes one value (true, a number or text); only raw holds a map of KEY: VALUE',
      '7:135 E_CONFLICT attribute "waf.fail_open.enabled": written both under attributes and under attributes.raw; keep one',
    ]);
    expect(problemsOf(albFile('      attributes: { raw: true }'))).toEqual([
      '7:24 E_ATTRIBUTE attributes.raw: must be a map of KEY: VALUE (attributes elbctl sends unchanged), not "true"',
    ]);
  });

  it('GIVEN a typed field and the same key under raw WHEN loaded THEN it is a conflict naming the field', () => {
    expect(
      problemsOf(
        albFile('      deletionProtection: false\n      attributes: { raw: { deletion_protection.enabled: "true" } }'),
      ),
    ).toEqual([
      '8:55 E_CONFLICT attribute "deletion_protection.enabled": deletionProtection and attributes.raw both set it; keep only deletionProtection',
    ]);
  });

  it('GIVEN a target group attribute for another kind of load balancer, with a typo WHEN loaded THEN refused by protocol and by nearest key', () => {
    const text = albFile('').replace(
      /( *)vpc: (.*)/,
      '$1vpc: $2\n$1attributes: { proxy_protocol_v2.enabled: true, slow_start.duration: 30 }',
    );
    expect(problemsOf(text)).toEqual([
      '18:46 E_ATTRIBUTE attribute "proxy_protocol_v2.enabled": target groups of network load balancers only; "app" is a HTTP target group',
      '18:73 E_ATTRIBUTE attribute "slow_start.duration": not a known target group attribute; did you mean "slow_start.duration_seconds"?',
    ]);
  });

  it('GIVEN target group keys that AWS requires to agree WHEN written apart THEN each disagreement is refused (raw keys are not judged)', () => {
    const text = albFile('').replace(
      /( *)vpc: (.*)/,
      '$1vpc: $2\n$1algorithm: round_robin\n$1attributes: { load_balancing.algorithm.anomaly_mitigation: "on" }',
    );
    expect(problemsOf(text)).toEqual([
      '19:17 E_ATTRIBUTE target group "app": load_balancing.algorithm.anomaly_mitigation=on needs load_balancing.algorithm.type=weighted_random, not round_robin',
    ]);
    const raw = albFile('').replace(
      /( *)vpc: (.*)/,
      '$1vpc: $2\n$1algorithm: round_robin\n$1attributes: { raw: { load_balancing.algorithm.anomaly_mitigation: "on" } }',
    );
    expect(problemsOf(raw)).toEqual([]);
  });

  it('GIVEN listener attributes of the right kind WHEN loaded THEN the desired listener carries them (raw too) as AWS text', () => {
    const text = albFile(
      '',
      '          attributes: { routing.http.response.server.enabled: false, routing.http.request.x_amzn_tls_version.header_name: X-Tls, raw: { routing.http.response.future.header_value: x } }',
      'HTTPS',
      443,
    );
    expect(problemsOf(text)).toEqual([]);
    expect(desiredOf(text).loadBalancers[0]?.listeners[0]?.attributes).toEqual({
      'routing.http.response.server.enabled': 'false',
      'routing.http.request.x_amzn_tls_version.header_name': 'X-Tls',
      'routing.http.response.future.header_value': 'x',
    });
  });

  it('GIVEN listener attributes that do not fit (NLB key on an ALB, HTTPS-only header on HTTP, a typo, a bad value) WHEN loaded THEN each is refused', () => {
    expect(
      problemsOf(
        albFile(
          '',
          '          attributes: { tcp.idle_timeout.seconds: 60, routing.http.request.x_amzn_tls_version.header_name: X-Tls, routing.http.response.server.enable: false, routing.http.response.x_frame_options.header_value: deny }',
        ),
      ),
    ).toEqual([
      '12:49 E_ATTRIBUTE attribute "tcp.idle_timeout.seconds": not a listener attribute of an application load balancer (listener web:80); use one of: ' +
        'routing.http.response.access_control_allow_credentials.header_value, routing.http.response.access_control_allow_headers.header_value, ' +
        'routing.http.response.access_control_allow_methods.header_value, routing.http.response.access_control_allow_origin.header_value, ' +
        'routing.http.response.access_control_expose_headers.header_value, routing.http.response.access_control_max_age.header_value, ' +
        'routing.http.response.content_security_policy.header_value, routing.http.response.server.enabled, ' +
        'routing.http.response.strict_transport_security.header_value, routing.http.response.x_content_type_options.header_value, ' +
        'routing.http.response.x_frame_options.header_value',
      '12:106 E_ATTRIBUTE attribute "routing.http.request.x_amzn_tls_version.header_name": HTTPS listeners only, listener web:80 is HTTP',
      '12:150 E_ATTRIBUTE attribute "routing.http.response.server.enable": not a listener attribute of an application load balancer (listener web:80); did you mean "routing.http.response.server.enabled"?',
      '12:209 E_ATTRIBUTE attribute "routing.http.response.x_frame_options.header_value=deny": must be DENY, SAMEORIGIN or ALLOW-FROM URI',
    ]);
  });
});

// ------------------------------------------------------------------ the live side

const ALB_LISTENER = (port: number, protocol: string, attributes?: Record<string, string>): ObservedListener => ({
  arn: listenerArn('web', port),
  port,
  protocol,
  ...(protocol === 'HTTPS' ? { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', certificates: [CERT] } : {}),
  certificates: protocol === 'HTTPS' ? [CERT] : [],
  defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: tgArn('app') }] }],
  ...(attributes ? { attributes } : {}),
  tags: {},
  rules: [],
});

function alb(extra: Partial<ObservedLoadBalancer> = {}): ObservedLoadBalancer {
  return {
    name: 'web',
    arn: lbArn('web'),
    type: 'application',
    scheme: 'internet-facing',
    subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    securityGroups: ['sg-0123456789abcdef0'],
    ipAddressType: 'ipv4',
    tags: {},
    attributes: { 'deletion_protection.enabled': 'true', 'routing.http.drop_invalid_header_fields.enabled': 'true' },
    listeners: [ALB_LISTENER(80, 'HTTP', { 'tcp.idle_timeout.seconds': '350' })],
    ...extra,
  };
}

function app(attributes: Record<string, string> = {}): ObservedTargetGroup {
  return {
    name: 'app',
    arn: tgArn('app'),
    protocol: 'HTTP',
    port: 8080,
    vpcId: VPC,
    targetType: 'instance',
    healthCheck: {
      enabled: true,
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/',
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      matcher: '200',
    },
    tags: {},
    attributes,
    targets: [],
    loadBalancerArns: [lbArn('web')],
  };
}

const account = (lb: ObservedLoadBalancer, tg = app()): Observed => ({ loadBalancers: [lb], targetGroups: [tg] });

function exported(observed: Observed) {
  const result = exportStack({ stack: 'shop', observed });
  const text = renderStackYaml(result.document, ['exported']);
  const loaded = loadStack(text, 'exported.yaml');
  if (!loaded.ok)
    throw new Error(`export does not validate: ${loaded.problems.map((p) => p.message).join('; ')}\n${text}`);
  return { ...result, text, stack: loaded.stack };
}

/** The plan of a fresh export against the account it came from: adoptions (tags) and nothing else. */
function expectAdoptionOnly(observed: Observed): Plan {
  const p = plan(exported(observed).stack, observed);
  expect(p.changes.filter((c) => c.action !== 'adopt' || Object.keys(c.after ?? {}).join() !== 'tags')).toEqual([]);
  return p;
}

const attributeChanges = (p: Plan) => p.changes.filter((c): c is AttributesChange => c.type === 'attributes');

// ------------------------------------------------------------------ plan

describe('plan: attributes', () => {
  it('GIVEN drop_invalid_header_fields=false declared and the endpoint omitting the key WHEN planned THEN nothing changes (absent is AWS default false)', () => {
    const file = albFile('      dropInvalidHeaderFields: false');
    const live = account(alb({ attributes: { 'deletion_protection.enabled': 'true' } }));
    expect(attributeChanges(plan(desiredOf(file), live))).toEqual([]);
  });

  it('GIVEN the secure default (drop invalid headers) and the endpoint omitting the key WHEN planned THEN it is set, the omitted key shown as AWS default false', () => {
    const live = account(alb({ attributes: { 'deletion_protection.enabled': 'true' } }));
    const changes = attributeChanges(plan(desiredOf(albFile('')), live));
    expect(changes.map((c) => [c.id, c.before, c.after])).toEqual([
      [
        'attributes:load-balancer:web',
        { 'routing.http.drop_invalid_header_fields.enabled': 'false' },
        { 'routing.http.drop_invalid_header_fields.enabled': 'true' },
      ],
    ]);
  });

  it('GIVEN listener attributes that differ live (one omitted by the endpoint) WHEN planned THEN one update in place of only those keys, with the listener ARN', () => {
    const file = albFile(
      '',
      '          attributes: { routing.http.response.server.enabled: false, routing.http.response.x_content_type_options.header_value: nosniff, raw: { future.key: x } }',
    );
    const live = account(
      alb({
        listeners: [
          ALB_LISTENER(80, 'HTTP', { 'routing.http.response.x_content_type_options.header_value': 'nosniff' }),
        ],
      }),
    );
    expect(attributeChanges(plan(desiredOf(file), live))).toEqual([
      {
        id: 'attributes:listener:web:80',
        action: 'update',
        type: 'attributes',
        name: 'web:80',
        before: { 'routing.http.response.server.enabled': 'true' },
        after: { 'routing.http.response.server.enabled': 'false', 'future.key': 'x' },
        arn: listenerArn('web', 80),
        resource: 'listener',
        resourceName: 'web:80',
        loadBalancer: 'web',
        port: 80,
        dependsOn: ['listener:web:80'],
      },
    ]);
  });

  it('GIVEN a new listener with attributes WHEN planned THEN they are set after it is created', () => {
    const file = albFile('', '          attributes: { routing.http.response.server.enabled: false }');
    const c = attributeChanges(plan(desiredOf(file), account(alb({ listeners: [] }))));
    expect(c.map((x) => [x.id, x.action, x.before, x.after, x.arn, x.dependsOn])).toEqual([
      [
        'attributes:listener:web:80',
        'create',
        null,
        { 'routing.http.response.server.enabled': 'false' },
        undefined,
        ['listener:web:80'],
      ],
    ]);
  });
});

// ------------------------------------------------------------------ export

describe('export: attributes are lossless or loud', () => {
  it('GIVEN a target group and a listener with keys elbctl does not know and values its check refuses WHEN exported THEN they go verbatim under raw, each with a warning, and the plan is adoption-only', () => {
    const observed = account(
      alb({
        listeners: [
          ALB_LISTENER(80, 'HTTP', {
            'tcp.idle_timeout.seconds': '350',
            'routing.http.response.server.enabled': 'false',
            'routing.http.response.x_frame_options.header_value': 'ALLOWALL',
            'routing.http.response.new_header.header_value': 'v',
          }),
        ],
      }),
      app({ 'waf.fail_open.enabled': 'false', 'slow_start.duration_seconds': '10', 'stickiness.enabled': 'false' }),
    );
    const { document, warnings } = exported(observed);
    expect(document.loadBalancers?.[0]?.listeners?.[0]?.attributes).toEqual({
      'routing.http.response.server.enabled': false,
      raw: {
        'routing.http.response.new_header.header_value': 'v',
        'routing.http.response.x_frame_options.header_value': 'ALLOWALL',
      },
    });
    expect(document.targetGroups?.[0]?.attributes).toEqual({
      raw: { 'slow_start.duration_seconds': '10', 'waf.fail_open.enabled': 'false' },
    });
    expect(warnings).toEqual([
      'listener web:80: attribute "routing.http.response.new_header.header_value=v" kept verbatim under attributes.raw: elbctl does not know this key; apply sends it back unchanged',
      'listener web:80: attribute "routing.http.response.x_frame_options.header_value=ALLOWALL" kept verbatim under attributes.raw: AWS accepted it, elbctl\'s check does not (attribute "routing.http.response.x_frame_options.header_value=ALLOWALL": must be DENY, SAMEORIGIN or ALLOW-FROM URI); apply sends it back unchanged',
      'target group "app": attribute "slow_start.duration_seconds=10" kept verbatim under attributes.raw: AWS accepted it, elbctl\'s check does not (attribute "slow_start.duration_seconds=10": must be 0 (off) or a whole number from 30 to 900); apply sends it back unchanged',
      'target group "app": attribute "waf.fail_open.enabled=false" kept verbatim under attributes.raw: elbctl does not know this key; apply sends it back unchanged',
    ]);
    expectAdoptionOnly(observed);
  });
});

describe("round trips: export writes every value that differs from elbctl's secure defaults", () => {
  it('GIVEN deletion protection off on an internet-facing ALB WHEN exported THEN deletionProtection: false, and the plan keeps it off', () => {
    const observed = account(alb({ attributes: { 'routing.http.drop_invalid_header_fields.enabled': 'true' } }));
    expect(exported(observed).document.loadBalancers?.[0]?.deletionProtection).toBe(false);
    expectAdoptionOnly(observed);
  });

  it('GIVEN deletion protection on an internal ALB (elbctl leaves internal ones alone) WHEN exported THEN deletionProtection: true, and the plan keeps it', () => {
    const observed = account(
      alb({
        scheme: 'internal',
        attributes: {
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
          'ipv6.deny_all_igw_traffic': 'true',
        },
      }),
    );
    expect(exported(observed).document.loadBalancers?.[0]?.deletionProtection).toBe(true);
    expectAdoptionOnly(observed);
  });

  it.each([
    ['false', { 'routing.http.drop_invalid_header_fields.enabled': 'false' }],
    ['omitted by the endpoint', {}],
  ])(
    'GIVEN invalid header fields kept (%s) WHEN exported THEN dropInvalidHeaderFields: false, and the plan keeps them',
    (_l, drop) => {
      const observed = account(alb({ attributes: { 'deletion_protection.enabled': 'true', ...drop } }));
      expect(exported(observed).document.loadBalancers?.[0]?.dropInvalidHeaderFields).toBe(false);
      expectAdoptionOnly(observed);
    },
  );

  it('GIVEN an HTTPS listener on an older TLS policy WHEN exported THEN sslPolicy is written, and the plan keeps it', () => {
    const older = { ...ALB_LISTENER(443, 'HTTPS'), sslPolicy: 'ELBSecurityPolicy-2016-08' };
    const observed = account(alb({ listeners: [older] }));
    expect(exported(observed).document.loadBalancers?.[0]?.listeners?.[0]?.sslPolicy).toBe('ELBSecurityPolicy-2016-08');
    expectAdoptionOnly(observed);
  });
});
