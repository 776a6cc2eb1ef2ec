import { allocatePriorities } from '../../../src/core/stack/defaults';
import { loadStack } from '../../../src/core/stack/load';
import { CERT, SUBNETS, VPC, desiredOf, yaml } from './helpers';

describe('withDefaults: the resolved desired model', () => {
  it('GIVEN an internet-facing ALB with an HTTPS listener WHEN resolved THEN the secure defaults are applied', () => {
    const stack = desiredOf(yaml`
      version: 1
      stack: shop
      loadBalancers:
        - name: web
          type: application
          subnets: ${SUBNETS}
          attributes: { idle_timeout.timeout_seconds: 120, routing.http2.enabled: true }
          listeners:
            - port: 80
              protocol: HTTP
              defaultAction: { redirect: { protocol: HTTPS, port: 443 } }
            - port: 443
              protocol: HTTPS
              certificates: [${CERT}]
              defaultAction: { fixedResponse: { statusCode: "404", body: nothing here } }
              rules:
                - name: api
                  conditions: { methods: [GET], headers: { X-Env: [prod] }, path: [/api/*], query: [{ value: "1" }], host: [api.example.com] }
                  action: { forward: [{ targetGroup: blue, weight: 90 }, { targetGroup: green }] }
      targetGroups:
        - { name: blue, protocol: HTTP, port: 80, vpc: ${VPC} }
        - { name: green, protocol: HTTP, port: 80, vpc: ${VPC} }
    `);

    expect(stack.warnings).toEqual([]);
    expect(stack.loadBalancers[0]).toEqual({
      name: 'web',
      type: 'application',
      scheme: 'internet-facing',
      subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      ipAddressType: 'ipv4',
      attributes: {
        'idle_timeout.timeout_seconds': '120',
        'routing.http2.enabled': 'true',
        'deletion_protection.enabled': 'true',
        'routing.http.drop_invalid_header_fields.enabled': 'true',
      },
      listeners: [
        {
          port: 80,
          protocol: 'HTTP',
          certificates: [],
          defaultAction: {
            type: 'redirect',
            protocol: 'HTTPS',
            port: '443',
            host: '#{host}',
            path: '/#{path}',
            query: '#{query}',
            statusCode: 'HTTP_301',
          },
          rules: [],
        },
        {
          port: 443,
          protocol: 'HTTPS',
          certificates: [CERT],
          defaultAction: {
            type: 'fixed-response',
            statusCode: '404',
            contentType: 'text/plain',
            messageBody: 'nothing here',
          },
          rules: [
            {
              name: 'api',
              conditions: [
                { field: 'path-pattern', values: ['/api/*'] },
                { field: 'host-header', values: ['api.example.com'] },
                { field: 'http-header', headerName: 'X-Env', values: ['prod'] },
                { field: 'query-string', values: [{ value: '1' }] },
                { field: 'http-request-method', values: ['GET'] },
              ],
              action: { type: 'forward', targets: [{ targetGroup: 'blue', weight: 90 }, { targetGroup: 'green' }] },
            },
          ],
        },
      ],
    });
  });

  it('GIVEN an internal NLB and target groups with typed settings WHEN resolved THEN they become AWS attribute keys', () => {
    const stack = desiredOf(yaml`
      version: 1
      stack: data
      loadBalancers:
        - { name: db, type: network, scheme: internal, subnets: ${SUBNETS}, crossZone: true, listeners: [{ port: 5432, protocol: TCP, defaultAction: { forward: pg } }] }
      targetGroups:
        - name: pg
          protocol: TCP
          port: 5432
          vpc: ${VPC}
          targetType: ip
          crossZone: inherit
          deregistrationDelay: 30
          stickiness: { enabled: true }
          healthCheck: { protocol: HTTP, port: 8008, path: /ready, interval: 10, timeout: 5, matcher: 200 }
          targets: []
        - name: web
          protocol: HTTP
          port: 80
          vpc: ${VPC}
          algorithm: least_outstanding_requests
          crossZone: false
          stickiness: { enabled: false }
    `);

    expect(stack.loadBalancers[0]?.attributes).toEqual({ 'load_balancing.cross_zone.enabled': 'true' });
    expect(stack.targetGroups).toEqual([
      {
        name: 'pg',
        protocol: 'TCP',
        port: 5432,
        vpc: VPC,
        targetType: 'ip',
        healthCheck: {
          protocol: 'HTTP',
          port: '8008',
          path: '/ready',
          intervalSeconds: 10,
          timeoutSeconds: 5,
          matcher: '200',
        },
        attributes: {
          'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
          'deregistration_delay.timeout_seconds': '30',
          'stickiness.enabled': 'true',
          'stickiness.type': 'source_ip',
        },
        targets: [],
      },
      {
        name: 'web',
        protocol: 'HTTP',
        port: 80,
        vpc: VPC,
        targetType: 'instance',
        healthCheck: {},
        attributes: {
          'load_balancing.cross_zone.enabled': 'false',
          'load_balancing.algorithm.type': 'least_outstanding_requests',
          'stickiness.enabled': 'false',
        },
      },
    ]);
  });
});

describe('secure-default warnings', () => {
  it('GIVEN a stack that weakens each secure default WHEN loaded THEN warns once per setting, at its position', () => {
    const r = loadStack(
      yaml`
        version: 1
        stack: shop
        loadBalancers:
          - name: web
            type: application
            subnets: ${SUBNETS}
            deletionProtection: false
            attributes: { routing.http.drop_invalid_header_fields.enabled: false }
            listeners:
              - port: 443
                protocol: HTTPS
                certificates: [${CERT}]
                sslPolicy: ELBSecurityPolicy-2016-08
                defaultAction: { fixedResponse: { statusCode: 404 } }
      `,
      'shop.yaml',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => `${w.line}:${w.column} ${w.code} ${w.message}`)).toEqual([
      '7:25 W_DELETION_PROTECTION load balancer "web": deletion protection is off on an internet-facing load balancer; one mistaken delete takes it offline and loses its DNS name',
      '8:68 W_DROP_INVALID_HEADERS load balancer "web": invalid header fields are passed to the targets (routing.http.drop_invalid_header_fields.enabled=false), which helps request-smuggling attacks; leave it true unless a client needs them',
      '13:20 W_SSL_POLICY listener web:443: ssl policy "ELBSecurityPolicy-2016-08" still accepts TLS 1.0/1.1; unless old clients need it, use ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    ]);
    expect(r.stack.warnings).toEqual(r.warnings.map((w) => w.message));
    expect(r.stack.loadBalancers[0]?.attributes).toEqual({
      'routing.http.drop_invalid_header_fields.enabled': 'false',
      'deletion_protection.enabled': 'false',
    });
  });

  it('GIVEN an internal load balancer without deletion protection WHEN loaded THEN nothing is forced or warned', () => {
    const r = loadStack(
      `version: 1\nstack: a\nloadBalancers:\n  - { name: b, type: network, scheme: internal, subnets: ${SUBNETS} }\n`,
      'a.yaml',
    );
    expect(r.ok && r.warnings).toEqual([]);
    expect(r.ok && r.stack.loadBalancers[0]?.attributes).toEqual({});
  });
});

describe('allocatePriorities', () => {
  const rules = (...ps: Array<number | undefined>) => ps.map((priority) => ({ priority }));

  it.each([
    ['no priorities: file order from 1', [1, 2, 3], rules(undefined, undefined, undefined), [], {}],
    [
      'written priorities are kept, the others follow the highest above them',
      [10, 11, 5, 12],
      rules(10, undefined, 5, undefined),
      [],
      {},
    ],
    ['a priority written below is skipped', [2, 1], rules(undefined, 1), [], {}],
    ['priorities of unmanaged rules are skipped', [2, 4], rules(undefined, undefined), [1, 3], {}],
    ['a live priority that still fits is kept', [7, 8], rules(undefined, undefined), [], { 0: 7, 1: 3 }],
    ['a live priority taken by a written one is not kept', [1, 7], rules(undefined, 7), [], { 0: 7 }],
  ])('GIVEN %s WHEN allocated THEN %j', (_label, expected, input, reserved, live) => {
    const current = (i: number) => (live as Record<number, number>)[i];
    expect(allocatePriorities(input, new Set(reserved as number[]), current)).toEqual({
      ok: true,
      priorities: expected,
    });
  });

  it('GIVEN a rule after priority 50000 WHEN allocated THEN says which rule has no room', () => {
    expect(allocatePriorities(rules(50000, undefined))).toEqual({ ok: false, index: 1, after: 50000 });
  });
});
