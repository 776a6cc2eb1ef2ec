import { formatProblem, loadStack, stackValidationError } from '../../../src/core/stack/load';
import { validateStack } from '../../../src/core/stack/validate';
import { CERT, SUBNETS, VPC, problemsOf, quotaWarningsOf, yaml } from './helpers';

/** A valid stack; each test changes one thing. */
const alb = (listener: string, extraTargetGroups = '') => yaml`
  version: 1
  stack: shop
  loadBalancers:
    - name: shop-web
      type: application
      subnets: ${SUBNETS}
      listeners:
${listener}
  targetGroups:
    - { name: web, protocol: HTTP, port: 80, vpc: ${VPC} }
${extraTargetGroups}`;

const HTTP_LISTENER = `
        - port: 80
          protocol: HTTP
          defaultAction: { forward: web }`.slice(1);

describe('stack loader: the valid base', () => {
  it('GIVEN the base stack WHEN loaded THEN it has no problem', () => {
    expect(problemsOf(alb(HTTP_LISTENER))).toEqual([]);
  });
});

describe('stack loader: YAML and shape', () => {
  it('GIVEN broken YAML WHEN loaded THEN reports the syntax error at its position', () => {
    const text = 'version: 1\nstack: shop\nloadBalancers: [a, b\n';
    expect(problemsOf(text)).toEqual([
      '4:1 E_YAML yaml: flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('GIVEN a key written twice WHEN loaded THEN reports the duplicate key', () => {
    expect(problemsOf('version: 1\nstack: shop\nstack: web\n')).toEqual(['3:1 E_YAML yaml: map keys must be unique']);
  });

  it('GIVEN an alias to an unknown anchor WHEN loaded THEN reports it instead of throwing', () => {
    expect(problemsOf('version: 1\nstack: *nothing\n')).toEqual([
      '2:8 E_YAML yaml: alias "*nothing" refers to no anchor; define &nothing before it',
    ]);
  });

  it.each([
    ['first in the file', '*nothing\n'],
    ['a block value', 'version: 1\nstack: *nothing\n'],
    ['after a tab', 'version: 1\nstack:\t*nothing\n'],
    ['a block sequence entry', 'version: 1\nstack: shop\nloadBalancers:\n  - *nothing\n'],
    ['a flow sequence entry', 'version: 1\nstack: shop\nloadBalancers: [*nothing]\n'],
    ['a later flow sequence entry', 'version: 1\nstack: shop\nloadBalancers: [{},*nothing]\n'],
    ['a flow mapping value', 'version: 1\nstack: shop\nregion: {a: *nothing}\n'],
    ['a JSON-style flow mapping value', 'version: 1\nstack: shop\nregion: {"a":*nothing}\n'],
    ['a flow mapping key', 'version: 1\nstack: shop\nregion: {*nothing : a}\n'],
  ])('GIVEN an alias to an unknown anchor as %s WHEN loaded THEN it is reported', (_, text) => {
    expect(problemsOf(text)).toEqual([expect.stringMatching(/ E_YAML yaml: alias "\*nothing" refers to no anchor/)]);
  });

  it('GIVEN stars that are not aliases (paths, quoted host patterns, comments) WHEN loaded THEN the file is valid', () => {
    const text = yaml`
      version: 1
      stack: shop
      # a*comment
      loadBalancers:
        - name: shop
          type: application
          subnets: ${SUBNETS}
          listeners:
            - port: 80
              protocol: HTTP
              defaultAction: { fixedResponse: { statusCode: 404 } }
              rules:
                - name: api
                  priority: 10
                  conditions: { path: [/api/*, "/v2/*"], host: ["*.example.com", '*.example.org'] }
                  action: { fixedResponse: { statusCode: 200 } }
    `;
    expect(problemsOf(text)).toEqual([]);
  });

  it('GIVEN an empty file WHEN loaded THEN says what a stack file is', () => {
    expect(problemsOf('')).toEqual([
      '1:1 E_TYPE stack file: must be a mapping with version: 1, stack: NAME, loadBalancers and targetGroups; it is empty',
    ]);
  });

  it('GIVEN no version WHEN loaded THEN reports the missing field at the top of the file', () => {
    expect(problemsOf('stack: shop\n')).toEqual(['1:1 E_REQUIRED stack file: "version" is required; add version: 1']);
  });

  it('GIVEN version 2 WHEN loaded THEN names the supported version', () => {
    expect(problemsOf('version: 2\nstack: shop\n')).toEqual([
      '1:10 E_VERSION version 2: unsupported; this elbctl reads version: 1',
    ]);
  });

  it('GIVEN a listener without a protocol WHEN loaded THEN points at the listener and names the field', () => {
    const text = alb(`        - port: 80\n          defaultAction: { forward: web }`);
    expect(problemsOf(text)).toEqual([
      '8:9 E_REQUIRED listener shop-web:80: "protocol" is required; add protocol: HTTPS',
    ]);
  });

  it('GIVEN a quoted port WHEN loaded THEN says it must be a number and to remove the quotes', () => {
    const text = alb(HTTP_LISTENER.replace('port: 80', 'port: "80"'));
    expect(problemsOf(text)).toEqual(['8:15 E_TYPE port "80": must be a number, not text; remove the quotes']);
  });

  it('GIVEN a misspelt key WHEN loaded THEN points at the key and suggests the right one', () => {
    const text = alb(`${HTTP_LISTENER}\n          sslPolcy: ELBSecurityPolicy-TLS13-1-2-2021-06`);
    expect(problemsOf(text)).toEqual([
      '11:9 E_UNKNOWN_KEY listener shop-web:80: unknown field "sslPolcy"; did you mean "sslPolicy"?',
    ]);
  });

  it('GIVEN an unknown key with no close match WHEN loaded THEN lists the allowed keys', () => {
    const text = alb(HTTP_LISTENER).replace('version: 1', 'version: 1\nowner: team-a');
    expect(problemsOf(text)).toEqual([
      '2:1 E_UNKNOWN_KEY stack file: unknown field "owner"; remove it (allowed here: version, stack, region, loadBalancers, targetGroups, trustStores)',
    ]);
  });

  it('GIVEN an unknown enum value WHEN loaded THEN lists the values and suggests the closest', () => {
    const text = alb(HTTP_LISTENER).replace('type: application', 'type: applicaton');
    expect(problemsOf(text)).toEqual([
      '5:11 E_ENUM type "applicaton": unknown; use application, network or gateway; did you mean "application"?',
    ]);
  });

  it('GIVEN a value that fits none of a union WHEN loaded THEN names the alternatives', () => {
    const text = alb(
      HTTP_LISTENER,
      '    - { name: api, protocol: HTTP, port: 80, vpc: vpc-0123456789abcdef0, healthCheck: { port: main } }',
    );
    expect(problemsOf(text)).toEqual(['13:93 E_TYPE port "main": must be a number or "traffic-port"']);
  });

  it('GIVEN an empty value WHEN loaded THEN says the field is empty', () => {
    const text = alb(HTTP_LISTENER.replace('protocol: HTTP', 'protocol:'));
    expect(problemsOf(text)).toEqual([
      '9:9 E_ENUM listener shop-web:80: "protocol" is empty; use HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, QUIC, TCP_QUIC or GENEVE',
    ]);
  });
});

describe('stack loader: names and IDs', () => {
  it('GIVEN a stack name with an underscore WHEN loaded THEN uses the name rules', () => {
    expect(problemsOf('version: 1\nstack: my_shop\n')).toEqual([
      '2:8 E_NAME stack name "my_shop": underscores are not allowed; use letters, digits and hyphens',
    ]);
  });

  it('GIVEN a load balancer named internal-… WHEN loaded THEN explains the reserved prefix', () => {
    const text = alb(HTTP_LISTENER).replace('name: shop-web', 'name: internal-web');
    expect(problemsOf(text)).toEqual([
      '4:11 E_NAME load balancer name "internal-web": must not begin with "internal-" (AWS reserves it); choose another prefix',
    ]);
  });

  it('GIVEN a 33-character target group name WHEN loaded THEN gives the length and the limit', () => {
    const long = 'a'.repeat(33);
    const text = alb(HTTP_LISTENER, `    - { name: ${long}, protocol: HTTP, port: 80, vpc: ${VPC} }`);
    expect(problemsOf(text)).toEqual([
      `13:13 E_NAME target group name "${long}": is 33 characters, the limit is 32; use a shorter name`,
    ]);
  });

  it('GIVEN a rule name with a colon WHEN loaded THEN names the allowed characters', () => {
    const text = alb(
      `${HTTP_LISTENER}\n          rules:\n            - { name: "api:v2", conditions: { path: [/api/*] }, action: { forward: web } }`,
    );
    expect(problemsOf(text)).toEqual([
      '12:21 E_NAME rule name "api:v2": use letters, digits, hyphens, underscores and dots, beginning with a letter or digit',
    ]);
  });

  it('GIVEN a subnet that is not a subnet ID WHEN loaded THEN shows the expected shape', () => {
    const text = alb(HTTP_LISTENER).replace('subnet-0123456789abcdef1', 'subnet-xyz');
    expect(problemsOf(text)).toEqual([
      '6:41 E_FORMAT subnet "subnet-xyz": not a subnet ID; use IDs such as subnet-0123456789abcdef0',
    ]);
  });

  it('GIVEN a certificate that is not an ARN WHEN loaded THEN shows the ARN shape', () => {
    const text = alb(
      `        - port: 443\n          protocol: HTTPS\n          certificates: [my-cert]\n          defaultAction: { forward: web }`,
    );
    expect(problemsOf(text)).toEqual([
      '10:24 E_FORMAT certificate "my-cert": not an ACM or IAM certificate ARN; use arn:aws:acm:REGION:ACCOUNT:certificate/ID',
    ]);
  });
});

describe('stack loader: ranges and limits', () => {
  it('GIVEN a forward weight of 1000 WHEN loaded THEN gives the 0-999 range', () => {
    const text = alb(HTTP_LISTENER.replace('{ forward: web }', '{ forward: [{ targetGroup: web, weight: 1000 }] }'));
    expect(problemsOf(text)).toEqual(['10:64 E_RANGE forward weight "1000": must be a whole number from 0 to 999']);
  });

  it('GIVEN priority 50001 WHEN loaded THEN gives the 1-50000 range', () => {
    const text = alb(
      `${HTTP_LISTENER}\n          rules:\n            - { name: api, priority: 50001, conditions: { path: [/api/*] }, action: { forward: web } }`,
    );
    expect(problemsOf(text)).toEqual(['12:36 E_RANGE priority "50001": must be a whole number from 1 to 50000']);
  });

  it('GIVEN two rules with the same priority WHEN loaded THEN names the rule holding it', () => {
    const text = alb(
      `${HTTP_LISTENER}\n          rules:\n` +
        '            - { name: api, priority: 10, conditions: { path: [/api/*] }, action: { forward: web } }\n' +
        '            - { name: admin, priority: 10, conditions: { path: [/admin/*] }, action: { forward: web } }',
    );
    expect(problemsOf(text)).toEqual([
      '13:38 E_DUPLICATE priority 10: already used by rule "api" on listener shop-web:80; give each rule its own priority',
    ]);
  });

  it('GIVEN two rules with the same name on a listener WHEN loaded THEN says names are identities', () => {
    const text = alb(
      `${HTTP_LISTENER}\n          rules:\n` +
        '            - { name: api, conditions: { path: [/api/*] }, action: { forward: web } }\n' +
        '            - { name: api, conditions: { path: [/v2/*] }, action: { forward: web } }',
    );
    expect(problemsOf(text)).toEqual([
      '13:21 E_DUPLICATE rule name "api": used twice on listener shop-web:80; a rule\'s name is its identity, give each rule its own',
    ]);
  });

  it('GIVEN a rule without a priority after priority 50000 WHEN loaded THEN says no priority is left', () => {
    const text = alb(
      `${HTTP_LISTENER}\n          rules:\n` +
        '            - { name: last, priority: 50000, conditions: { path: [/a] }, action: { forward: web } }\n' +
        '            - { name: after, conditions: { path: [/b] }, action: { forward: web } }',
    );
    expect(problemsOf(text)).toEqual([
      '13:13 E_PRIORITY rule "after" on shop-web:80: no priority is free after 50000 (the highest is 50000); give it a priority, or lower the ones above it',
    ]);
  });

  it('GIVEN 101 rules on an application load balancer WHEN loaded THEN points at the 101st', () => {
    const rules = Array.from(
      { length: 101 },
      (_, n) => `            - { name: r${n}, conditions: { path: [/p${n}] }, action: { forward: web } }`,
    );
    const text = alb(`${HTTP_LISTENER}\n          rules:\n${rules.join('\n')}`);
    expect(problemsOf(text)).toEqual([]);
    expect(quotaWarningsOf(text)).toEqual([
      '8:7 load balancer "shop-web": 101 rules, over AWS\'s default quota of 100 rules per application load balancer (default rules not counted); unless your account\'s quota (L-7EED9B64) is raised in Service Quotas, AWS will refuse the excess',
    ]);
  });

  it('GIVEN 51 listeners WHEN loaded THEN points at the 51st', () => {
    const listeners = Array.from(
      { length: 51 },
      (_, n) => `        - { port: ${8000 + n}, protocol: HTTP, defaultAction: { forward: web } }`,
    );
    expect(problemsOf(alb(listeners.join('\n')))).toEqual([]);
    expect(quotaWarningsOf(alb(listeners.join('\n')))).toEqual([
      '8:7 load balancer "shop-web": 51 listeners, over AWS\'s default quota of 50 listeners per application load balancer; unless your account\'s quota (L-B6DF7632) is raised in Service Quotas, AWS will refuse the excess',
    ]);
  });

  it('GIVEN an application load balancer forwarding to 101 target groups WHEN loaded THEN names the limit', () => {
    const groups = Array.from(
      { length: 101 },
      (_, n) => `    - { name: g${n}, protocol: HTTP, port: 80, vpc: ${VPC} }`,
    );
    const rules = Array.from({ length: 21 }, (_, n) => {
      const targets = [0, 1, 2, 3, 4].map((k) => n * 5 + k).filter((k) => k < 101);
      return `            - { name: r${n}, conditions: { path: [/p${n}] }, action: { forward: [${targets.map((k) => `{ targetGroup: g${k} }`).join(', ')}] } }`;
    });
    const text = alb(`${HTTP_LISTENER}\n          rules:\n${rules.join('\n')}`, groups.join('\n'));
    expect(problemsOf(text)).toEqual([]);
    expect(quotaWarningsOf(text)).toEqual([
      '4:11 load balancer "shop-web": 102 target groups, over AWS\'s default quota of 100 target groups per application load balancer; unless your account\'s quota (L-822D1B1B) is raised in Service Quotas, AWS will refuse the excess',
    ]);
  });

  it('GIVEN target groups holding 1001 targets behind one application load balancer WHEN loaded THEN names the limit', () => {
    const ips = (from: number, n: number) =>
      Array.from(
        { length: n },
        (_, k) => `{ id: 10.0.${Math.floor((from + k) / 250)}.${((from + k) % 250) + 1} }`,
      ).join(', ');
    const text = alb(
      HTTP_LISTENER.replace('{ forward: web }', '{ forward: [{ targetGroup: a }, { targetGroup: b }] }'),
      `    - { name: a, protocol: HTTP, port: 80, vpc: ${VPC}, targetType: ip, targets: [${ips(0, 600)}] }\n` +
        `    - { name: b, protocol: HTTP, port: 80, vpc: ${VPC}, targetType: ip, targets: [${ips(600, 401)}] }`,
    );
    expect(problemsOf(text)).toEqual([]);
    expect(quotaWarningsOf(text)).toEqual([
      '4:11 load balancer "shop-web": 1001 targets, over AWS\'s default quota of 1000 targets per application load balancer; unless your account\'s quota (L-7E6692B2) is raised in Service Quotas, AWS will refuse the excess',
    ]);
  });

  it('GIVEN 1001 targets in one target group WHEN loaded THEN points at the 1001st', () => {
    const ips = Array.from({ length: 1001 }, (_, k) => `      - { id: 10.1.${Math.floor(k / 250)}.${(k % 250) + 1} }`);
    const text = alb(
      HTTP_LISTENER,
      `    - name: many\n      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      targetType: ip\n      targets:\n${ips.join('\n')}`,
    );
    expect(problemsOf(text)).toEqual([]);
    expect(quotaWarningsOf(text)).toEqual([
      '19:5 target group "many": 1001 targets, over AWS\'s default quota of 1000 targets per target group; unless your account\'s quota (L-A0D0B863) is raised in Service Quotas, AWS will refuse the excess',
    ]);
  });

  it('GIVEN six target groups in one forward WHEN loaded THEN gives the limit of five', () => {
    const groups = ['a', 'b', 'c', 'd', 'e', 'f'];
    const text = alb(
      HTTP_LISTENER.replace(
        '{ forward: web }',
        `{ forward: [${groups.map((g) => `{ targetGroup: ${g} }`).join(', ')}] }`,
      ),
      groups.map((g) => `    - { name: ${g}, protocol: HTTP, port: 80, vpc: ${VPC} }`).join('\n'),
    );
    expect(problemsOf(text)).toEqual([
      '10:35 E_LIMIT default action of listener shop-web:80: forwards to 6 target groups, the limit is 5 per action; forward to fewer',
    ]);
  });

  it('GIVEN six condition values in one rule WHEN loaded THEN reports the shared conditions limit', () => {
    const text = alb(
      `${HTTP_LISTENER}\n          rules:\n            - { name: many, conditions: { path: [/a, /b, /c, /d, /e, /f] }, action: { forward: web } }`,
    );
    expect(problemsOf(text)).toEqual([
      '12:39 E_LIMIT rule "many" on shop-web:80: conditions: 6 values in total, the limit is 5 per rule; split the rule in two',
    ]);
  });

  it('GIVEN six wildcards in one rule WHEN loaded THEN reports the wildcard limit', () => {
    const text = alb(
      `${HTTP_LISTENER}\n          rules:\n            - { name: wild, conditions: { path: ["/*/*/*", "/?/?/?"] }, action: { forward: web } }`,
    );
    expect(problemsOf(text)).toEqual([
      '12:39 E_LIMIT rule "wild" on shop-web:80: conditions: 6 wildcards (* or ?) in total, the limit is 5 per rule; use fewer wildcards or split the rule in two',
    ]);
  });

  it('GIVEN a rule without conditions WHEN loaded THEN says a rule needs one', () => {
    const text = alb(
      `${HTTP_LISTENER}\n          rules:\n            - { name: all, conditions: {}, action: { forward: web } }`,
    );
    expect(problemsOf(text)).toEqual([
      '12:38 E_CONDITION rule "all" on shop-web:80: conditions: none given; a rule needs at least one condition (path, host, header, query, method or source IP)',
    ]);
  });
});

describe('stack loader: references and duplicates', () => {
  it('GIVEN a forward to an undeclared target group with a close name WHEN loaded THEN suggests it', () => {
    const text = alb(HTTP_LISTENER.replace('{ forward: web }', '{ forward: wbe }'));
    expect(problemsOf(text)).toEqual([
      '10:35 E_REFERENCE target group "wbe": not declared in this stack; did you mean "web"?',
    ]);
  });

  it('GIVEN a forward to an undeclared target group with no close name WHEN loaded THEN says where to declare it', () => {
    const text = alb(HTTP_LISTENER.replace('{ forward: web }', '{ forward: payments }'));
    expect(problemsOf(text)).toEqual([
      '10:35 E_REFERENCE target group "payments": not declared in this stack; declare it under targetGroups',
    ]);
  });

  it('GIVEN two load balancers with one name WHEN loaded THEN reports the second', () => {
    const text = alb(HTTP_LISTENER).replace(
      'targetGroups:',
      `  - { name: shop-web, type: network, subnets: [subnet-0123456789abcdef0] }\ntargetGroups:`,
    );
    expect(problemsOf(text)).toEqual([
      '11:13 E_DUPLICATE load balancer name "shop-web": declared twice (also loadBalancers[0]); names are unique per account and region, rename one',
    ]);
  });

  it('GIVEN two target groups with one name WHEN loaded THEN reports the second', () => {
    const text = alb(HTTP_LISTENER, `    - { name: web, protocol: HTTP, port: 8080, vpc: ${VPC} }`);
    expect(problemsOf(text)).toEqual([
      '13:13 E_DUPLICATE target group name "web": declared twice (also targetGroups[0]); names are unique per account and region, rename one',
    ]);
  });

  it('GIVEN two listeners on one port WHEN loaded THEN reports the second', () => {
    const text = alb(`${HTTP_LISTENER}\n        - { port: 80, protocol: HTTP, defaultAction: { forward: web } }`);
    expect(problemsOf(text)).toEqual([
      '11:17 E_DUPLICATE listener port 80: declared twice on load balancer "shop-web"; a load balancer has one listener per port',
    ]);
  });
});

describe('stack loader: protocols and actions', () => {
  const nlb = (listener: string, groups: string) => yaml`
    version: 1
    stack: shop
    loadBalancers:
      - name: shop-nlb
        type: network
        subnets: [subnet-0123456789abcdef0]
        listeners:
          - ${listener}
    targetGroups:
      - ${groups}
  `;

  it('GIVEN a TCP listener on an application load balancer WHEN loaded THEN lists the ALB protocols', () => {
    const text = alb(HTTP_LISTENER.replace('protocol: HTTP', 'protocol: TCP'));
    expect(problemsOf(text)).toEqual([
      '9:19 E_PROTOCOL listener shop-web:80: listener protocol "TCP": not supported on an application load balancer; use HTTP or HTTPS',
    ]);
  });

  it('GIVEN an HTTP listener on a network load balancer WHEN loaded THEN lists the NLB protocols', () => {
    const text = nlb(
      '{ port: 80, protocol: HTTP, defaultAction: { forward: tcp } }',
      `{ name: tcp, protocol: TCP, port: 80, vpc: ${VPC} }`,
    );
    expect(problemsOf(text)).toEqual([
      '8:31 E_PROTOCOL listener shop-nlb:80: listener protocol "HTTP": not supported on a network load balancer; use TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC',
    ]);
  });

  it('GIVEN an application listener forwarding to a TCP target group WHEN loaded THEN says which protocols fit', () => {
    const text = alb(
      HTTP_LISTENER.replace('{ forward: web }', '{ forward: tcp }'),
      `    - { name: tcp, protocol: TCP, port: 80, vpc: ${VPC} }`,
    );
    expect(problemsOf(text)).toEqual([
      '10:35 E_PROTOCOL default action of listener shop-web:80: target group "tcp" (TCP): an HTTP listener forwards to HTTP or HTTPS target groups (or a lambda one); forward to one of those',
    ]);
  });

  it('GIVEN a network TCP listener forwarding to an HTTP target group WHEN loaded THEN says which protocols fit', () => {
    const text = nlb(
      '{ port: 80, protocol: TCP, defaultAction: { forward: web } }',
      `{ name: web, protocol: HTTP, port: 80, vpc: ${VPC} }`,
    );
    expect(problemsOf(text)).toEqual([
      '8:62 E_PROTOCOL default action of listener shop-nlb:80: target group "web" (HTTP): a TCP listener forwards to TCP target groups; forward to one of those',
    ]);
  });

  it('GIVEN rules on a network listener WHEN loaded THEN says rules are an ALB feature', () => {
    const text = nlb(
      '{ port: 80, protocol: TCP, defaultAction: { forward: tcp }, rules: [{ name: a, conditions: { path: [/a] }, action: { forward: tcp } }] }',
      `{ name: tcp, protocol: TCP, port: 80, vpc: ${VPC} }`,
    );
    expect(problemsOf(text)).toEqual([
      '8:76 E_RULES_ALB_ONLY listener shop-nlb:80 (TCP): rules exist only on HTTP/HTTPS listeners of application load balancers; a network load balancer listener sends everything to its default action',
    ]);
  });

  it('GIVEN a redirect on a network listener WHEN loaded THEN says redirects are an ALB feature', () => {
    const text = nlb(
      '{ port: 80, protocol: TCP, defaultAction: { redirect: { protocol: HTTPS } } }',
      `{ name: tcp, protocol: TCP, port: 80, vpc: ${VPC} }`,
    );
    expect(problemsOf(text)).toEqual([
      '8:63 E_ACTION default action of listener shop-nlb:80: redirects exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on a TCP listener',
    ]);
  });

  it('GIVEN a fixed response on a network listener WHEN loaded THEN says fixed responses are an ALB feature', () => {
    const text = nlb(
      '{ port: 80, protocol: TCP, defaultAction: { fixedResponse: { statusCode: 404 } } }',
      `{ name: tcp, protocol: TCP, port: 80, vpc: ${VPC} }`,
    );
    expect(problemsOf(text)).toEqual([
      '8:68 E_ACTION default action of listener shop-nlb:80: fixed responses exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on a TCP listener',
    ]);
  });

  it('GIVEN a weighted forward on a network listener WHEN loaded THEN it is valid (network load balancers take weights since 2025)', () => {
    const text = nlb(
      '{ port: 80, protocol: TCP, defaultAction: { forward: [{ targetGroup: a, weight: 90 }, { targetGroup: b, weight: 10 }] } }',
      `{ name: a, protocol: TCP, port: 80, vpc: ${VPC} }\n      - { name: b, protocol: TCP, port: 80, vpc: ${VPC} }`,
    );
    expect(problemsOf(text)).toEqual([]);
  });

  it('GIVEN an HTTPS listener without a certificate WHEN loaded THEN asks for one', () => {
    const text = alb(HTTP_LISTENER.replace('port: 80', 'port: 443').replace('protocol: HTTP', 'protocol: HTTPS'));
    expect(problemsOf(text)).toEqual([
      '9:19 E_CERTIFICATE listener shop-web:443: HTTPS needs a certificate; add certificates: [arn:aws:acm:REGION:ACCOUNT:certificate/ID] (ACM issues one for free)',
    ]);
  });

  it('GIVEN a certificate on an HTTP listener WHEN loaded THEN says HTTP uses none', () => {
    const text = alb(`${HTTP_LISTENER}\n          certificates: [${CERT}]`);
    expect(problemsOf(text)).toEqual([
      '11:23 E_CERTIFICATE listener shop-web:80: an HTTP listener does not use certificates; remove certificates or use HTTPS',
    ]);
  });

  it('GIVEN a TLS policy on an HTTP listener WHEN loaded THEN says HTTP uses none', () => {
    const text = alb(`${HTTP_LISTENER}\n          sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`);
    expect(problemsOf(text)).toEqual([
      '11:20 E_CERTIFICATE listener shop-web:80: an HTTP listener does not use a TLS policy; remove sslPolicy or use HTTPS',
    ]);
  });

  it('GIVEN an action with both forward and redirect WHEN loaded THEN asks for only one', () => {
    const text = alb(HTTP_LISTENER.replace('{ forward: web }', '{ forward: web, redirect: { protocol: HTTPS } }'));
    expect(problemsOf(text)).toEqual([
      '10:24 E_CONFLICT default action of listener shop-web:80: forward and redirect are both given; give only one',
    ]);
  });

  it('GIVEN an empty action WHEN loaded THEN lists the kinds of action', () => {
    const text = alb(HTTP_LISTENER.replace('{ forward: web }', '{}'));
    expect(problemsOf(text)).toEqual([
      '10:24 E_ACTION default action of listener shop-web:80: empty; give one of forward, redirect or fixedResponse',
    ]);
  });

  it('GIVEN a redirect to the same protocol and port WHEN loaded THEN warns of the loop', () => {
    const text = alb(HTTP_LISTENER.replace('{ forward: web }', '{ redirect: { protocol: HTTP, statusCode: 302 } }'));
    expect(problemsOf(text)).toEqual([
      '10:36 E_ACTION default action of listener shop-web:80: redirects to the same protocol, port, host and path, so clients would loop forever; change the protocol, port, host or path',
    ]);
  });

  it('GIVEN a fixed response with status 302 WHEN loaded THEN names the allowed codes', () => {
    const text = alb(HTTP_LISTENER.replace('{ forward: web }', '{ fixedResponse: { statusCode: 302 } }'));
    expect(problemsOf(text)).toEqual([
      '10:55 E_ACTION fixed response status "302": must be a 2XX, 4XX or 5XX HTTP code, e.g. 404',
    ]);
  });

  it('GIVEN a weighted forward whose weights are all 0 WHEN loaded THEN says nothing would be forwarded', () => {
    const text = alb(
      HTTP_LISTENER.replace(
        '{ forward: web }',
        '{ forward: [{ targetGroup: web, weight: 0 }, { targetGroup: api, weight: 0 }] }',
      ),
      `    - { name: api, protocol: HTTP, port: 80, vpc: ${VPC} }`,
    );
    expect(problemsOf(text)).toEqual([
      '10:35 E_ACTION default action of listener shop-web:80: every weight is 0, so no request would be forwarded; give one target group a weight above 0',
    ]);
  });
});

describe('stack loader: target groups, health checks and targets', () => {
  const tg = (spec: string) => alb(HTTP_LISTENER, `    - name: api\n${spec}`);

  it('GIVEN a health check timeout as long as the interval WHEN loaded THEN says to lower it', () => {
    const text = tg(
      `      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      healthCheck: { interval: 10, timeout: 10 }`,
    );
    expect(problemsOf(text)).toEqual([
      '17:43 E_HEALTH_CHECK health check timeout "10": must be less than the interval (10); lower the timeout or raise the interval',
    ]);
  });

  it('GIVEN a matcher outside 200-499 WHEN loaded THEN gives the range', () => {
    const text = tg(
      `      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      healthCheck: { matcher: "100-199" }`,
    );
    expect(problemsOf(text)).toEqual([
      '17:29 E_HEALTH_CHECK health check matcher "100-199": codes must be from 200 to 499, low to high',
    ]);
  });

  it('GIVEN a health check path without a slash WHEN loaded THEN shows the fix', () => {
    const text = tg(`      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      healthCheck: { path: healthz }`);
    expect(problemsOf(text)).toEqual([
      '17:26 E_HEALTH_CHECK health check path "healthz": must begin with "/"; write "/healthz"',
    ]);
  });

  it('GIVEN health checks turned off on an instance target group WHEN loaded THEN says only lambda can', () => {
    const text = tg(`      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      healthCheck: { enabled: false }`);
    expect(problemsOf(text)).toEqual([
      '17:29 E_HEALTH_CHECK target group "api": only lambda target groups can turn health checks off; remove enabled: false',
    ]);
  });

  it('GIVEN an instance target group without a protocol WHEN loaded THEN says it is required for instances', () => {
    const text = tg(`      port: 80\n      vpc: ${VPC}`);
    expect(problemsOf(text)).toEqual([
      '13:5 E_REQUIRED target group "api": protocol is required for instance targets; add protocol: HTTP',
    ]);
  });

  it('GIVEN a lambda target group with a port WHEN loaded THEN says lambda has none', () => {
    const text = tg('      targetType: lambda\n      port: 80');
    expect(problemsOf(text)).toEqual([
      '15:11 E_TARGET_GROUP target group "api": a lambda target group has no port; remove port',
    ]);
  });

  it('GIVEN an IP address in an instance target group WHEN loaded THEN says which targets it takes', () => {
    const text = tg(`      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      targets: [{ id: 10.0.1.5 }]`);
    expect(problemsOf(text)).toEqual([
      '17:15 E_TARGET target "10.0.1.5": is an IP address, but target group "api" (target type instance) takes instance IDs such as i-0123456789abcdef0; register matching targets or use a target group of type ip',
    ]);
  });

  it('GIVEN a target that is no ID at all WHEN loaded THEN shows the accepted shapes', () => {
    const text = tg(
      `      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      targetType: ip\n      targets: [{ id: 10.0.1.300 }]`,
    );
    expect(problemsOf(text)).toEqual([
      '18:15 E_TARGET target "10.0.1.300": "10.0.1.300" is not an IPv4 address (each part is 0-255); correct the address',
    ]);
  });

  it('GIVEN a lambda target with a port WHEN loaded THEN says functions take none', () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:thumbs';
    const text = tg(`      targetType: lambda\n      targets: [{ id: "${fn}", port: 80 }]`);
    expect(problemsOf(text)).toEqual([`15:84 E_TARGET target "${fn}": a lambda function takes no port; remove port`]);
  });

  it('GIVEN the same target twice once the group port applies WHEN loaded THEN reports the second', () => {
    const text = tg(
      `      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      targets: [{ id: i-0123456789abcdef0 }, { id: i-0123456789abcdef0, port: 80 }]`,
    );
    expect(problemsOf(text)).toEqual([
      '17:44 E_DUPLICATE target "i-0123456789abcdef0:80": the same target as "i-0123456789abcdef0" (target group "api" uses port 80 by default); list each target once',
    ]);
  });

  it('GIVEN the routing algorithm on a TCP target group WHEN loaded THEN says it is for HTTP/HTTPS', () => {
    const text = tg(
      `      protocol: TCP\n      port: 80\n      vpc: ${VPC}\n      algorithm: least_outstanding_requests`,
    );
    expect(problemsOf(text)).toEqual([
      '17:16 E_TARGET_GROUP target group "api": the routing algorithm applies to HTTP/HTTPS target groups only; remove algorithm',
    ]);
  });

  it('GIVEN cookie stickiness on a TCP target group WHEN loaded THEN says to use source_ip', () => {
    const text = tg(`      protocol: TCP\n      port: 80\n      vpc: ${VPC}\n      stickiness: { type: lb_cookie }`);
    expect(problemsOf(text)).toEqual([
      '17:25 E_STICKINESS target group "api": lb_cookie stickiness needs an HTTP/HTTPS target group; use type: source_ip',
    ]);
  });

  it('GIVEN app_cookie stickiness without a cookie name WHEN loaded THEN asks for it', () => {
    const text = tg(`      protocol: HTTP\n      port: 80\n      vpc: ${VPC}\n      stickiness: { type: app_cookie }`);
    expect(problemsOf(text)).toEqual([
      '17:17 E_STICKINESS target group "api": app_cookie stickiness needs cookieName, the cookie your application sets',
    ]);
  });
});

describe('stack loader: subnets, cross-zone and attributes', () => {
  it('GIVEN an application load balancer in one subnet WHEN loaded THEN asks for a second zone', () => {
    const text = alb(HTTP_LISTENER).replace(SUBNETS, '[subnet-0123456789abcdef0]');
    expect(problemsOf(text)).toEqual([
      '6:14 E_SUBNETS load balancer "shop-web": an application load balancer needs subnets in at least two availability zones, 1 given; add a subnet in another zone',
    ]);
  });

  it('GIVEN crossZone on an application load balancer WHEN loaded THEN explains where cross-zone is turned off', () => {
    const text = alb(HTTP_LISTENER).replace('type: application', 'type: application\n    crossZone: false');
    expect(problemsOf(text)).toEqual([
      '6:16 E_CROSS_ZONE load balancer "shop-web": cross-zone load balancing is always on for an application load balancer and cannot be set on it; to turn it off, set crossZone: false on the target group (targetGroups[].crossZone)',
    ]);
  });

  it('GIVEN the cross-zone attribute on an application load balancer WHEN loaded THEN explains the same way', () => {
    const text = alb(HTTP_LISTENER).replace(
      'type: application',
      'type: application\n    attributes: { load_balancing.cross_zone.enabled: false }',
    );
    expect(problemsOf(text)).toEqual([
      '6:54 E_CROSS_ZONE load balancer "shop-web": cross-zone load balancing is always on for an application load balancer and cannot be set on it; to turn it off, set crossZone: false on the target group (targetGroups[].crossZone)',
    ]);
  });

  it('GIVEN stickiness on an ALB target group with crossZone false WHEN loaded THEN says AWS does not support both', () => {
    const text = alb(HTTP_LISTENER).replace(
      `- { name: web, protocol: HTTP, port: 80, vpc: ${VPC} }`,
      `- { name: web, protocol: HTTP, port: 80, vpc: ${VPC}, crossZone: false, stickiness: { duration: 60 } }`,
    );
    expect(problemsOf(text)).toEqual([
      '12:102 E_STICKINESS target group "web": stickiness is not supported on an application load balancer target group with cross-zone off; turn stickiness off or turn cross-zone back on',
    ]);
  });

  it('GIVEN one target group behind an application and a network load balancer WHEN loaded THEN says one type each', () => {
    const text = yaml`
      version: 1
      stack: shop
      loadBalancers:
        - { name: web, type: application, subnets: ${SUBNETS}, listeners: [{ port: 80, protocol: HTTP, defaultAction: { forward: shared } }] }
        - { name: tcp, type: network, subnets: ${SUBNETS}, listeners: [{ port: 80, protocol: TCP, defaultAction: { forward: shared } }] }
      targetGroups:
        - { name: shared, protocol: HTTP, port: 80, vpc: ${VPC} }
    `;
    expect(problemsOf(text)).toEqual([
      '5:161 E_PROTOCOL default action of listener tcp:80: target group "shared" (HTTP): a TCP listener forwards to TCP target groups; forward to one of those',
      '7:13 E_TARGET_GROUP target group "shared": used by application load balancer "web" and network load balancer "tcp"; a target group serves one type of load balancer, declare one target group for each',
    ]);
  });

  it('GIVEN a typed field and its attribute both set WHEN loaded THEN asks to keep the typed one', () => {
    const text = alb(HTTP_LISTENER).replace(
      'type: application',
      'type: application\n    deletionProtection: true\n    attributes: { deletion_protection.enabled: true }',
    );
    expect(problemsOf(text)).toEqual([
      '7:48 E_CONFLICT load balancer "shop-web": deletionProtection and attribute "deletion_protection.enabled" both set it; keep only deletionProtection',
    ]);
  });

  it('GIVEN an attribute key that does not exist WHEN loaded THEN names the nearest known key', () => {
    const text = alb(HTTP_LISTENER).replace(
      'type: application',
      'type: application\n    attributes: { idle_timeout: 60 }',
    );
    expect(problemsOf(text)).toEqual([
      '6:33 E_ATTRIBUTE attribute "idle_timeout": not a known application load balancer attribute; did you mean "idle_timeout.timeout_seconds"?',
    ]);
  });

  it('GIVEN an attribute value of the wrong kind WHEN loaded THEN says what values it takes', () => {
    const text = alb(HTTP_LISTENER).replace(
      'type: application',
      'type: application\n    attributes: { idle_timeout.timeout_seconds: soon }',
    );
    expect(problemsOf(text)).toEqual([
      '6:49 E_ATTRIBUTE attribute "idle_timeout.timeout_seconds=soon": must be a whole number from 1 to 4000',
    ]);
  });

  it('GIVEN dropInvalidHeaderFields on a network load balancer WHEN loaded THEN says it is an ALB setting', () => {
    const text = yaml`
      version: 1
      stack: shop
      loadBalancers:
        - { name: tcp, type: network, subnets: ${SUBNETS}, dropInvalidHeaderFields: true }
    `;
    expect(problemsOf(text)).toEqual([
      '4:121 E_ATTRIBUTE load balancer "tcp": dropInvalidHeaderFields applies to application load balancers only; remove it',
    ]);
  });
});

describe('stack loader: every problem at once', () => {
  it('GIVEN a typo in one rule and mistakes elsewhere WHEN loaded THEN reports all of them, in file order', () => {
    const text = yaml`
      version: 1
      stack: shop
      loadBalancers:
        - name: shop-web
          type: application
          subnets: [subnet-0123456789abcdef0]
          crossZon: true
          listeners:
            - port: 443
              protocol: HTTPS
              defaultAction: { forward: webb }
              rules:
                - { name: api, priority: 10, conditions: { path: [/api/*] }, action: { forward: [{ targetGroup: web, weight: 1000 }] } }
                - { name: api, priority: 10, conditions: { methods: [get] }, action: { forward: web } }
      targetGroups:
        - { name: web, protocol: HTTP, port: "80", vpc: ${VPC} }
    `;
    expect(problemsOf(text)).toEqual([
      '6:14 E_SUBNETS load balancer "shop-web": an application load balancer needs subnets in at least two availability zones, 1 given; add a subnet in another zone',
      '7:5 E_UNKNOWN_KEY load balancer "shop-web": unknown field "crossZon"; did you mean "crossZone"?',
      '10:19 E_CERTIFICATE listener shop-web:443: HTTPS needs a certificate; add certificates: [arn:aws:acm:REGION:ACCOUNT:certificate/ID] (ACM issues one for free)',
      '11:35 E_REFERENCE target group "webb": not declared in this stack; did you mean "web"?',
      '13:120 E_RANGE forward weight "1000": must be a whole number from 0 to 999',
      '14:21 E_DUPLICATE rule name "api": used twice on listener shop-web:443; a rule\'s name is its identity, give each rule its own',
      '14:36 E_DUPLICATE priority 10: already used by rule "api" on listener shop-web:443; give each rule its own priority',
      '16:40 E_TYPE port "80": must be a number, not text; remove the quotes',
    ]);
  });

  it('GIVEN problems WHEN turned into an error THEN it is a validation error listing FILE:LINE:COL lines', () => {
    const r = loadStack('version: 3\nstack: a_b\n', 'prod.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatProblem('prod.yaml', r.problems[0] as never)).toBe(
      'prod.yaml:1:10: version 3: unsupported; this elbctl reads version: 1',
    );
    const e = stackValidationError('prod.yaml', r.problems);
    expect(e.kind).toBe('validation');
    expect(e.code).toBe('E_STACK_INVALID');
    expect(e.message).toBe('prod.yaml:1:10: version 3: unsupported; this elbctl reads version: 1');
    expect(e.details).toEqual([
      'prod.yaml:2:8: stack name "a_b": underscores are not allowed; use letters, digits and hyphens',
    ]);
    expect(e.hint).toBe('2 problems; fix them all, then run `elbctl validate -f prod.yaml` again');
  });

  it('GIVEN a parsed value (no text) WHEN validated THEN problems carry paths', () => {
    const r = validateStack({
      version: 1,
      stack: 'shop',
      targetGroups: [{ name: 'web', protocol: 'HTTP', port: 0, vpc: VPC }],
    });
    expect(r).toEqual({
      ok: false,
      problems: [
        {
          path: ['targetGroups', 0, 'port'],
          code: 'E_RANGE',
          message: 'port "0": must be a whole number from 1 to 65535',
        },
      ],
    });
  });
});

describe('a bad name hides nothing else', () => {
  it('GIVEN an invalid load balancer, target group and rule name WHEN validated THEN the other problems of those resources are reported too', () => {
    const text = [
      'version: 1',
      'stack: shop',
      'loadBalancers:',
      '  - name: shop_web',
      '    type: application',
      '    subnets: [subnet-0123456789abcdef0]',
      '    listeners:',
      '      - port: 80',
      '        protocol: HTTP',
      '        defaultAction: { forward: web_tg }',
      '        rules:',
      '          - name: Bad Rule',
      '            conditions: { path: ["/a"] }',
      '            action: { forward: nowhere }',
      'targetGroups:',
      '  - name: web_tg',
      '    protocol: HTTP',
      '    port: 70000',
      '    vpc: vpc-0123456789abcdef0',
      '',
    ].join('\n');
    const r = loadStack(text, 's.yaml');
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^4: load balancer name "shop_web"/),
        expect.stringMatching(/^6: .*at least two availability zones/),
        expect.stringMatching(/^12: .*"Bad Rule"/),
        expect.stringMatching(/^14: target group "nowhere": not declared/),
        expect.stringMatching(/^16: target group name "web_tg"/),
        expect.stringMatching(/^18: .*70000/),
      ]),
    );
  });
});

describe('alarms: in a stack file', () => {
  const file = (alarms: string) => yaml`
    version: 1
    stack: shop
    loadBalancers:
      - name: shop-nlb
        type: network
        subnets: [subnet-0123456789abcdef0]
        alarms: ${alarms}
  `;
  it('GIVEN alarms with a preset, an SNS topic and an override WHEN loaded THEN valid', () => {
    expect(
      problemsOf(
        file(
          '{ preset: recommended, snsTopic: "arn:aws:sns:us-east-1:123456789012:oncall", overrides: { unhealthy-hosts: { threshold: 2 } } }',
        ),
      ),
    ).toEqual([]);
  });
  it('GIVEN a bad topic and an unknown preset WHEN loaded THEN each problem at its place', () => {
    expect(problemsOf(file('{ preset: strict, snsTopic: oncall }'))).toEqual([
      '7:23 E_ENUM preset "strict": unknown; use recommended',
      '7:41 E_FORMAT SNS topic "oncall": not an SNS topic ARN; use arn:aws:sns:REGION:ACCOUNT:NAME',
    ]);
  });
  it('GIVEN an override of an alarm the NLB preset lacks WHEN loaded THEN refused at that key', () => {
    expect(problemsOf(file('{ overrides: { p99-latency: { threshold: 1 } } }'))).toEqual([
      '7:41 E_UNKNOWN_KEY alarm "p99-latency": the recommended preset has no such alarm for a network load balancer; use unhealthy-hosts, no-healthy-hosts, port-allocation-errors',
    ]);
  });
});
