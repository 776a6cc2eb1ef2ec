/**
 * The bad-input corpus (issue 9, item 5): command lines and stack files that must be refused,
 * each with its exit code, a message it must print, and — checked by the test — zero AWS
 * writes. Placeholders ($SUBNET1, $VPC, $I1, …) are replaced by the emulator's real IDs, so the
 * live checks (things that do not exist, or sit in another VPC) are exercised too.
 *
 * Cases are grouped by kind; several kinds are written once and run through every face that
 * takes the same input (a flag, a stack field), so both faces are held to the same rule.
 */

import { actionFlagCases } from './bad-input-corpus-actions';
import { day2FlagCases, day2StackCases } from './bad-input-corpus-day2';
import { attributeFlagCases, attributeStackCases } from './bad-input-corpus-attributes';
import { mutualTlsStackCases } from './bad-input-corpus-mtls';
import { gatewayFlagCases, gatewayStackCases } from './bad-input-corpus-gateway';
import { surfaceFlagCases, surfaceStackCases } from './bad-input-corpus-surface';

export interface FlagCase {
  kind: string;
  what: string;
  args: string[];
  env?: Record<string, string>;
  /** Files the case reads, by name: written to a scratch directory named `$DIR` in `args`. */
  files?: Record<string, string>;
  code: 1 | 64;
  /** A line (or the distinctive part of one) stderr must hold. */
  message: string;
}

export interface StackCase {
  kind: string;
  what: string;
  /** Edits applied in order to BASE_STACK (each search must be found), or a whole document. */
  edit: Array<[string, string]> | { text: string };
  code: 1 | 64;
  message: string;
}

/** Valid against the seeded emulator: `plan` accepts it (the test proves it before any case runs). */
export const BASE_STACK = `version: 1
stack: corpus
loadBalancers:
  - name: shop
    type: application
    subnets: [$SUBNET1, $SUBNET2]
    securityGroups: [$SG]
    listeners:
      - port: 80
        protocol: HTTP
        defaultAction: { forward: front }
        rules:
          - name: api
            priority: 10
            conditions: { path: ["/api/*"], sourceIps: ["10.0.0.0/8"] }
            action: { forward: [{ targetGroup: front, weight: 90 }, { targetGroup: back, weight: 10 }] }
  - name: shop-nlb
    type: network
    subnets: [$SUBNET1]
    listeners:
      - port: 443
        protocol: TCP
        defaultAction: { forward: raw }
targetGroups:
  - name: front
    protocol: HTTP
    port: 8080
    vpc: $VPC
    healthCheck: { path: /health, interval: 15 }
    targets: [{ id: $I1 }]
  - name: back
    protocol: HTTP
    port: 9000
    vpc: $VPC
    targetType: ip
    targets: [{ id: 10.0.1.50 }]
  - name: raw
    protocol: TCP
    port: 443
    vpc: $VPC
`;

const OK_TG = ['--protocol', 'HTTP', '--port', '80', '--vpc', '$VPC'];
const OK_LB = ['--type', 'application', '--subnets', '$SUBNET1,$SUBNET2'];
const flag = (kind: string, what: string, args: string[], message: string, code: 1 | 64 = 64): FlagCase => ({
  kind,
  what,
  args,
  code,
  message,
});
const edit = (
  kind: string,
  what: string,
  edits: Array<[string, string]>,
  message: string,
  code: 1 | 64 = 64,
): StackCase => ({
  kind,
  what,
  edit: edits,
  code,
  message,
});

// ------------------------------------------------------------------ names (both faces)

const BAD_NAMES: Array<[string, string]> = [
  ['web_prod', 'underscores are not allowed'],
  ['-web', 'must not begin or end with a hyphen'],
  ['web-', 'must not begin or end with a hyphen'],
  ['web.prod', 'only letters, digits and hyphens are allowed'],
  ['w'.repeat(33), 'is 33 characters, the limit is 32'],
  ['wéb', 'only letters, digits and hyphens are allowed'],
];

const nameCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const flags: FlagCase[] = [];
  const stacks: StackCase[] = [];
  for (const [name, why] of BAD_NAMES) {
    // On a command line a leading hyphen makes an option (commander refuses it as unknown), so that name is a stack case only.
    if (!name.startsWith('-')) {
      flags.push(flag('names', `lb create name ${name.slice(0, 12)}`, ['lb', 'create', name, ...OK_LB], why));
      flags.push(flag('names', `tg create name ${name.slice(0, 12)}`, ['tg', 'create', name, ...OK_TG], why));
    }
    stacks.push(
      edit('names', `load balancer name ${name.slice(0, 12)}`, [['- name: shop\n', `- name: ${name}\n`]], why),
    );
    stacks.push(edit('names', `target group name ${name.slice(0, 12)}`, [['- name: raw\n', `- name: ${name}\n`]], why));
    stacks.push(edit('names', `stack name ${name.slice(0, 12)}`, [['stack: corpus', `stack: ${name}`]], why));
  }
  flags.push(
    flag(
      'names',
      'lb create internal- prefix',
      ['lb', 'create', 'internal-web', ...OK_LB],
      'must not begin with "internal-"',
    ),
  );
  flags.push(
    flag(
      'names',
      'lb create Internal- prefix',
      ['lb', 'create', 'Internal-web', ...OK_LB],
      'must not begin with "internal-"',
    ),
  );
  stacks.push(
    edit(
      'names',
      'load balancer internal- prefix',
      [['- name: shop\n', '- name: internal-shop\n']],
      'must not begin with "internal-"',
    ),
  );
  stacks.push(
    edit(
      'names',
      'rule name with a colon',
      [['- name: api', '- name: "a:b"']],
      'rule name "a:b": use letters, digits, hyphens',
    ),
  );
  stacks.push(
    edit(
      'names',
      'rule name of 65 characters',
      [['- name: api', `- name: ${'r'.repeat(65)}`]],
      'is 65 characters, the limit is 64',
    ),
  );
  return { flags, stacks };
};

// ------------------------------------------------------------------ numbers: ports, priorities, weights, health checks

const portCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const flags: FlagCase[] = [];
  const stacks: StackCase[] = [];
  for (const p of ['0', '65536', '-1', '80.5', '8e1', 'http']) {
    flags.push(
      flag(
        'ports',
        `tg create port ${p}`,
        ['tg', 'create', 'api', '--protocol', 'HTTP', '--port', p, '--vpc', '$VPC'],
        `port "${p}": must be a whole number from 1 to 65535`,
      ),
    );
    flags.push(
      flag(
        'ports',
        `listener create port ${p}`,
        ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', p, '--forward', 'app'],
        `port "${p}": must be a whole number from 1 to 65535`,
      ),
    );
  }
  for (const p of ['0', '65536', '-1']) {
    stacks.push(
      edit(
        'ports',
        `listener port ${p}`,
        [['port: 80\n', `port: ${p}\n`]],
        `port "${p}": must be a whole number from 1 to 65535`,
      ),
    );
    stacks.push(
      edit(
        'ports',
        `target group port ${p}`,
        [['port: 8080', `port: ${p}`]],
        `port "${p}": must be a whole number from 1 to 65535`,
      ),
    );
  }
  stacks.push(
    edit('ports', 'a quoted port', [['port: 9000', 'port: "9000"']], 'must be a number, not text; remove the quotes'),
  );
  stacks.push(
    edit('ports', 'a port in words', [['port: 9000', 'port: nine']], 'port "nine": must be a number, not text'),
  );
  return { flags, stacks };
};

const priorityCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const flags: FlagCase[] = [];
  const stacks: StackCase[] = [];
  for (const p of ['0', '50001', '-3', '7.5', '1e3', 'first']) {
    const why = `priority "${p}": must be a whole number from 1 to 50000`;
    flags.push(
      flag(
        'priorities',
        `rule add priority ${p}`,
        ['rule', 'add', 'web:80', '--path', '/x', '--forward', 'app', '--priority', p],
        why,
      ),
    );
    flags.push(flag('priorities', `rule move priority ${p}`, ['rule', 'move', 'web:80:10', '--priority', p], why));
  }
  for (const p of ['0', '50001', '-3']) {
    stacks.push(
      edit(
        'priorities',
        `priority ${p}`,
        [['priority: 10', `priority: ${p}`]],
        `priority "${p}": must be a whole number from 1 to 50000`,
      ),
    );
  }
  stacks.push(
    edit(
      'priorities',
      'two rules with one priority',
      [
        [
          '            action: { forward: [{ targetGroup: front, weight: 90 }, { targetGroup: back, weight: 10 }] }\n',
          '            action: { forward: [{ targetGroup: front, weight: 90 }, { targetGroup: back, weight: 10 }] }\n          - { name: web, priority: 10, conditions: { path: ["/web/*"] }, action: { forward: front } }\n',
        ],
      ],
      'priority 10: already used by rule "api"',
    ),
  );
  return { flags, stacks };
};

const weightCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const flags: FlagCase[] = [];
  const stacks: StackCase[] = [];
  for (const w of ['1000', '-1', 'heavy', '2.5']) {
    const why = `forward weight "${w}": must be a whole number from 0 to 999`;
    flags.push(
      flag('weights', `rule add weight ${w}`, ['rule', 'add', 'web:80', '--path', '/x', '--forward', `app=${w}`], why),
    );
    flags.push(
      flag(
        'weights',
        `listener create weight ${w}`,
        ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--forward', `app=${w},far=1`],
        why,
      ),
    );
  }
  stacks.push(
    edit(
      'weights',
      'weight 1000',
      [['weight: 90', 'weight: 1000']],
      'forward weight "1000": must be a whole number from 0 to 999',
    ),
  );
  stacks.push(
    edit(
      'weights',
      'weight -1',
      [['weight: 90', 'weight: -1']],
      'forward weight "-1": must be a whole number from 0 to 999',
    ),
  );
  stacks.push(
    edit(
      'weights',
      'every weight 0',
      [
        ['weight: 90', 'weight: 0'],
        ['weight: 10', 'weight: 0'],
      ],
      'every weight is 0, so no request would be forwarded',
    ),
  );
  flags.push(
    flag(
      'weights',
      'rule add every weight 0',
      ['rule', 'add', 'web:80', '--path', '/x', '--forward', 'app=0,far=0'],
      'every weight is 0',
    ),
  );
  flags.push(
    flag(
      'weights',
      'rule add six target groups',
      ['rule', 'add', 'web:80', '--path', '/x', '--forward', 'a,b,c,d,e,f'],
      'forwards to 6 target groups, the limit is 5 per action',
    ),
  );
  flags.push(
    flag(
      'weights',
      'rule add a target group twice',
      ['rule', 'add', 'web:80', '--path', '/x', '--forward', 'app,app'],
      'target group "app" is listed twice',
    ),
  );
  stacks.push(
    edit(
      'weights',
      'six target groups in one forward',
      [
        [
          'defaultAction: { forward: front }',
          'defaultAction: { forward: [{ targetGroup: a }, { targetGroup: b }, { targetGroup: c }, { targetGroup: d }, { targetGroup: e }, { targetGroup: f }] }',
        ],
      ],
      'forwards to 6 target groups, the limit is 5 per action',
    ),
  );
  return { flags, stacks };
};

const healthCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const flags: FlagCase[] = [];
  const stacks: StackCase[] = [];
  const ranges: Array<[string, string, string, string]> = [
    ['--health-interval', 'interval', '4', 'health check interval "4": must be a whole number from 5 to 300'],
    ['--health-interval', 'interval', '301', 'health check interval "301": must be a whole number from 5 to 300'],
    ['--health-timeout', 'timeout', '1', 'health check timeout "1": must be a whole number from 2 to 120'],
    ['--health-timeout', 'timeout', '121', 'health check timeout "121": must be a whole number from 2 to 120'],
    ['--healthy-threshold', 'healthyThreshold', '1', 'healthy threshold "1": must be a whole number from 2 to 10'],
    ['--healthy-threshold', 'healthyThreshold', '11', 'healthy threshold "11": must be a whole number from 2 to 10'],
    [
      '--unhealthy-threshold',
      'unhealthyThreshold',
      '1',
      'unhealthy threshold "1": must be a whole number from 2 to 10',
    ],
    [
      '--unhealthy-threshold',
      'unhealthyThreshold',
      '11',
      'unhealthy threshold "11": must be a whole number from 2 to 10',
    ],
  ];
  for (const [f, key, v, why] of ranges) {
    flags.push(flag('health checks', `tg create ${f} ${v}`, ['tg', 'create', 'api', ...OK_TG, f, v], why));
    stacks.push(
      edit(
        'health checks',
        `healthCheck.${key} ${v}`,
        [['healthCheck: { path: /health, interval: 15 }', `healthCheck: { path: /health, ${key}: ${v} }`]],
        why,
      ),
    );
  }
  const relations: Array<[string[], string, string]> = [
    [
      ['--health-timeout', '40'],
      'healthCheck: { path: /health, timeout: 40 }',
      'health check timeout "40": must be less than the interval (30 by default)',
    ],
    [
      ['--health-timeout', '20', '--health-interval', '20'],
      'healthCheck: { path: /health, timeout: 20, interval: 20 }',
      'health check timeout "20": must be less than the interval (20)',
    ],
    [['--health-path', 'health'], 'healthCheck: { path: health }', 'health check path "health": must begin with "/"'],
    [
      ['--matcher', '600'],
      'healthCheck: { path: /health, matcher: "600" }',
      'health check matcher "600": codes must be from 200 to 499',
    ],
    [
      ['--matcher', '200-abc'],
      'healthCheck: { path: /health, matcher: "200-abc" }',
      'health check matcher "200-abc": use HTTP codes',
    ],
    [
      ['--health-protocol', 'TCP'],
      'healthCheck: { protocol: TCP }',
      'an HTTP target group checks health over HTTP or HTTPS',
    ],
    [['--health-protocol', 'SSH'], 'healthCheck: { protocol: SSH }', '"SSH"'],
  ];
  for (const [extra, hc, why] of relations) {
    flags.push(flag('health checks', `tg create ${extra.join(' ')}`, ['tg', 'create', 'api', ...OK_TG, ...extra], why));
    stacks.push(
      edit(
        'health checks',
        `healthCheck ${hc.slice(14, 50)}`,
        [['healthCheck: { path: /health, interval: 15 }', hc]],
        why,
      ),
    );
  }
  flags.push(
    flag(
      'health checks',
      'tg create TCP with a path',
      ['tg', 'create', 'api', '--protocol', 'TCP', '--port', '80', '--vpc', '$VPC', '--health-path', '/'],
      'a TCP health check has no path',
    ),
  );
  flags.push(
    flag(
      'health checks',
      'tg create TCP with a matcher',
      ['tg', 'create', 'api', '--protocol', 'TCP', '--port', '80', '--vpc', '$VPC', '--matcher', '200'],
      'a TCP health check has no matcher',
    ),
  );
  flags.push(
    flag(
      'health checks',
      'tg create health port 0',
      ['tg', 'create', 'api', ...OK_TG, '--health-port', '0'],
      'health check port "0": use traffic-port or a port from 1 to 65535',
    ),
  );
  stacks.push(
    edit(
      'health checks',
      'TCP health check with a path',
      [['    port: 443\n    vpc: $VPC\n', '    port: 443\n    vpc: $VPC\n    healthCheck: { path: /x }\n']],
      'a TCP health check has no path',
    ),
  );
  stacks.push(
    edit(
      'health checks',
      'health checks off on an instance group',
      [['healthCheck: { path: /health, interval: 15 }', 'healthCheck: { enabled: false }']],
      'only lambda target groups can turn health checks off',
    ),
  );
  return { flags, stacks };
};

// ------------------------------------------------------------------ addresses and conditions

const BAD_CIDRS: Array<[string, string]> = [
  ['2001:db8:::/32', 'is not an IPv4 or IPv6 address'],
  [':1::2/64', 'is not an IPv4 or IPv6 address'],
  ['1::2:/64', 'is not an IPv4 or IPv6 address'],
  ['10.0.0.0/33', 'the prefix length must be 0-32 for IPv4'],
  ['2001:db8::/129', 'the prefix length must be 0-128 for IPv6'],
  ['10.0.0/8', 'is not an IPv4 or IPv6 address'],
  ['10.0.0.1', 'must be a CIDR block with a prefix length; write 10.0.0.1/32'],
  ['10.0.0.256/32', 'is not an IPv4 or IPv6 address'],
];

const conditionCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const flags: FlagCase[] = [];
  const stacks: StackCase[] = [];
  for (const [cidr, why] of BAD_CIDRS) {
    flags.push(
      flag(
        'addresses',
        `rule add --source-ip ${cidr}`,
        ['rule', 'add', 'web:80', '--source-ip', cidr, '--forward', 'app'],
        why,
      ),
    );
    stacks.push(edit('addresses', `sourceIps ${cidr}`, [['sourceIps: ["10.0.0.0/8"]', `sourceIps: ["${cidr}"]`]], why));
  }
  const conds: Array<[string[], string, string]> = [
    [
      ['--path', '/a', '--path', '/b', '--path', '/c', '--path', '/d', '--path', '/e', '--path', '/f'],
      'path: ["/a", "/b", "/c", "/d", "/e", "/f"]',
      'values in total, the limit is 5 per rule',
    ],
    [
      ['--path', '/a*', '--path', '/b*', '--host', '*.a?.c*.d*'],
      'path: ["/a*", "/b*"], host: ["*.a?.c*.d*"]',
      '6 wildcards (* or ?) in total, the limit is 5 per rule',
    ],
    [['--path', 'x'.repeat(129)], `path: ["/${'x'.repeat(128)}"]`, 'is 129 characters, the limit is 128'],
    [['--host', 'https://api.example.com'], 'host: ["https://api.example.com"]', 'write the host name alone'],
    [['--host', 'a b.com'], 'host: ["a b.com"]', 'not allowed; use letters, digits, hyphens, dots'],
    [['--path', '/a,/b'], 'path: ["/a,/b"]', '"," is not allowed'],
    [['--header', 'X-Env*=blue'], 'headers: { "X-Env*": [blue] }', 'http header name "X-Env*"'],
    [
      ['--header', 'Host=api.example.com'],
      'headers: { Host: [api.example.com] }',
      'the host header has its own condition',
    ],
    [['--query-string', 'debug='], 'query: [{ key: debug, value: "" }]', 'the value is missing'],
    [['--method', 'GE T'], 'methods: ["GE T"]', 'only the letters A-Z, "_" and "-" are allowed'],
    [['--path', '/a', '--path', '/a'], 'path: ["/a", "/a"]', 'listed twice; list each value once'],
  ];
  for (const [args, yaml, why] of conds) {
    flags.push(
      flag(
        'conditions',
        `rule add ${args.join(' ').slice(0, 40)}`,
        ['rule', 'add', 'web:80', ...args, '--forward', 'app'],
        why,
      ),
    );
    stacks.push(
      edit(
        'conditions',
        `conditions ${yaml.slice(0, 40)}`,
        [['conditions: { path: ["/api/*"], sourceIps: ["10.0.0.0/8"] }', `conditions: { ${yaml} }`]],
        why,
      ),
    );
  }
  flags.push(
    flag(
      'conditions',
      'rule add without a condition',
      ['rule', 'add', 'web:80', '--forward', 'app'],
      'rule conditions: none given',
    ),
  );
  flags.push(
    flag(
      'conditions',
      'rule add header without =',
      ['rule', 'add', 'web:80', '--header', 'X-Env', '--forward', 'app'],
      'http header "X-Env": write it as NAME=VALUE',
    ),
  );
  stacks.push(
    edit(
      'conditions',
      'empty conditions',
      [['conditions: { path: ["/api/*"], sourceIps: ["10.0.0.0/8"] }', 'conditions: {}']],
      'none given; a rule needs at least one condition',
    ),
  );
  return { flags, stacks };
};

// ------------------------------------------------------------------ tags

const tagCases = (): FlagCase[] => {
  const many = Array.from({ length: 51 }, (_, i) => ['--tag', `k${i}=v`]).flat();
  const bad: Array<[string[], string]> = [
    [['--tag', 'elbctl:stack=shop'], 'the "elbctl:" prefix is reserved'],
    [['--tag', 'ELBCTL:rule=x'], 'the "elbctl:" prefix is reserved'],
    [['--tag', 'aws:owner=me'], 'the "aws:" prefix is reserved by AWS'],
    [['--tag', 'team=a', '--tag', 'team=b'], 'tag key "team": given twice'],
    [many, 'tags: 51 given, the limit is 50 per resource'],
    [['--tag', `${'k'.repeat(129)}=v`], 'is 129 characters, the limit is 128'],
    [['--tag', `k=${'v'.repeat(257)}`], 'the value is 257 characters, the limit is 256'],
    [['--tag', 'team'], 'tag "team": write it as KEY=VALUE'],
    [['--tag', 'a!b=1'], 'use letters, digits, spaces'],
  ];
  return bad.flatMap(([args, why]) => [
    flag(
      'tags',
      `lb create ${args.slice(0, 4).join(' ').slice(0, 40)}`,
      ['lb', 'create', 'web9', ...OK_LB, ...args],
      why,
    ),
    flag(
      'tags',
      `tg create ${args.slice(0, 4).join(' ').slice(0, 40)}`,
      ['tg', 'create', 'api9', ...OK_TG, ...args],
      why,
    ),
  ]);
};

// ------------------------------------------------------------------ protocols, enums, cross-references

const protocolCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const flags: FlagCase[] = [
    flag(
      'enums',
      'listener create protocol FTP',
      ['listener', 'create', 'web', '--protocol', 'FTP', '--port', '21', '--forward', 'app'],
      'listener protocol "FTP": unknown',
    ),
    flag(
      'enums',
      'tg create protocol SCTP',
      ['tg', 'create', 'api', '--protocol', 'SCTP', '--port', '80', '--vpc', '$VPC'],
      'protocol "SCTP": unknown',
    ),
    flag(
      'enums',
      'tg create target type container',
      ['tg', 'create', 'api', ...OK_TG, '--target-type', 'container'],
      'target type "container": unknown',
    ),
    flag(
      'enums',
      'lb create type classic',
      ['lb', 'create', 'web9', '--type', 'classic', '--subnets', '$SUBNET1'],
      'load balancer type "classic": unknown',
    ),
    flag(
      'enums',
      'lb create scheme private',
      ['lb', 'create', 'web9', ...OK_LB, '--scheme', 'private'],
      'scheme "private": unknown',
    ),
    flag(
      'enums',
      'lb create address type ipv6',
      ['lb', 'create', 'web9', ...OK_LB, '--ip-address-type', 'ipv6'],
      'ip address type "ipv6": unknown',
    ),
    flag(
      'enums',
      'lb create dualstack-without-public-ipv4 internal',
      ['lb', 'create', 'web9', ...OK_LB, '--scheme', 'internal', '--ip-address-type', 'dualstack-without-public-ipv4'],
      'is for internet-facing application load balancers only',
    ),
    flag('enums', 'lb cross-zone maybe', ['lb', 'cross-zone', 'edge', 'maybe'], 'cross-zone state "maybe": unknown'),
    flag(
      'enums',
      'tg cross-zone default',
      ['tg', 'cross-zone', 'app', 'default'],
      'cross-zone state "default": unknown',
    ),
    flag(
      'enums',
      'targets health --wait ready',
      ['targets', 'health', 'app', '--wait', 'ready'],
      '--wait "ready": only "healthy" can be waited for',
    ),
    flag(
      'protocols',
      'listener create TCP on an ALB',
      ['listener', 'create', 'web', '--protocol', 'TCP', '--port', '81', '--forward', 'tcp'],
      'listener protocol "TCP": not supported on an application load balancer',
    ),
    flag(
      'protocols',
      'listener create HTTP on an NLB',
      ['listener', 'create', 'edge', '--protocol', 'HTTP', '--port', '81', '--forward', 'tcp'],
      'listener protocol "HTTP": not supported on a network load balancer',
    ),
    flag(
      'protocols',
      'listener create forwarding to a TCP group from HTTP',
      ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--forward', 'tcp'],
      'an HTTP listener forwards to HTTP or HTTPS target groups',
    ),
    flag(
      'protocols',
      'listener create forwarding to a lambda group from TCP',
      ['listener', 'create', 'edge', '--protocol', 'TCP', '--port', '81', '--forward', 'fn'],
      'only application load balancers invoke lambda functions',
    ),
    flag(
      'protocols',
      'listener create forwarding to a group in another VPC',
      ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--forward', 'far'],
      'is in $OTHER_VPC, but load balancer "web" is in $VPC',
    ),
    flag(
      'protocols',
      'listener create forwarding to a group of another load balancer',
      ['listener', 'create', 'web2', '--protocol', 'HTTP', '--port', '81', '--forward', 'app'],
      'already serves another load balancer',
    ),
    flag(
      'protocols',
      'listener create redirect on an NLB',
      ['listener', 'create', 'edge', '--protocol', 'TCP', '--port', '81', '--redirect-https'],
      'redirects exist only on HTTP/HTTPS listeners',
    ),
    flag(
      'protocols',
      'listener create fixed response on a UDP listener',
      ['listener', 'create', 'edge', '--protocol', 'UDP', '--port', '53', '--fixed-response', '404'],
      'fixed responses exist only on HTTP/HTTPS listeners',
    ),
    flag(
      'protocols',
      'listener create HTTPS without a certificate',
      ['listener', 'create', 'web', '--protocol', 'HTTPS', '--port', '443', '--forward', 'app'],
      'HTTPS needs a certificate',
    ),
    flag(
      'protocols',
      'listener create HTTP with a certificate',
      ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--forward', 'app', '--certificate', '$CERT'],
      'does not use certificates',
    ),
    flag(
      'protocols',
      'listener create HTTP with a TLS policy',
      [
        'listener',
        'create',
        'web',
        '--protocol',
        'HTTP',
        '--port',
        '81',
        '--forward',
        'app',
        '--ssl-policy',
        'ELBSecurityPolicy-2016-08',
      ],
      'does not use a TLS policy',
    ),
    flag(
      'protocols',
      'listener create a malformed certificate',
      [
        'listener',
        'create',
        'web',
        '--protocol',
        'HTTPS',
        '--port',
        '443',
        '--forward',
        'app',
        '--certificate',
        'arn:aws:acm:cert',
      ],
      'not an ACM or IAM certificate ARN',
    ),
    flag(
      'protocols',
      'listener create a malformed TLS policy',
      [
        'listener',
        'create',
        'web',
        '--protocol',
        'HTTPS',
        '--port',
        '443',
        '--forward',
        'app',
        '--certificate',
        '$CERT',
        '--ssl-policy',
        'Strong',
      ],
      'not an ELB security policy name',
    ),
    flag(
      'protocols',
      'listener create a redirect loop',
      [
        'listener',
        'create',
        'web',
        '--protocol',
        'HTTPS',
        '--port',
        '443',
        '--redirect-https',
        '--certificate',
        '$CERT',
      ],
      'clients would loop forever',
    ),
    flag(
      'protocols',
      'listener create fixed response 302',
      ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--fixed-response', '302'],
      'must be a 2XX, 4XX or 5XX HTTP code',
    ),
    flag(
      'protocols',
      'listener create two actions',
      ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--forward', 'app', '--redirect-https'],
      'were both given; pass only one',
    ),
    flag(
      'protocols',
      'listener create no action',
      ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81'],
      'action: missing',
    ),
    flag(
      'protocols',
      'rule add on an NLB listener',
      ['rule', 'add', 'edge:80', '--path', '/x', '--forward', 'tcp'],
      'rules exist only on HTTP/HTTPS listeners of application load balancers',
    ),
    flag(
      'protocols',
      'rule add forwarding to a TCP group',
      ['rule', 'add', 'web:80', '--path', '/x', '--forward', 'tcp'],
      'forwards to HTTP or HTTPS target groups',
    ),
    flag(
      'protocols',
      'rule add forwarding to another VPC',
      ['rule', 'add', 'web:80', '--path', '/x', '--forward', 'far'],
      'is in $OTHER_VPC, but load balancer "web" is in $VPC',
    ),
    flag(
      'protocols',
      'rule add forwarding to an alb-type group',
      ['rule', 'add', 'web:80', '--path', '/x', '--forward', 'albt'],
      'only a network load balancer',
    ),
    flag(
      'protocols',
      'rule add redirect not a URL',
      ['rule', 'add', 'web:80', '--path', '/x', '--redirect', 'elsewhere'],
      'not a URL',
    ),
    flag(
      'protocols',
      'rule add redirect ftp',
      ['rule', 'add', 'web:80', '--path', '/x', '--redirect', 'ftp://example.com'],
      'must be an http or https URL',
    ),
    flag(
      'protocols',
      'tg create alb type with HTTP',
      ['tg', 'create', 'api', ...OK_TG, '--target-type', 'alb'],
      'a target group of type alb sends TCP',
    ),
    flag(
      'protocols',
      'tg create lambda with a port',
      ['tg', 'create', 'fn9', '--target-type', 'lambda', '--port', '80'],
      'a lambda target group has no port',
    ),
    flag(
      'protocols',
      'tg create without a protocol',
      ['tg', 'create', 'api', '--port', '80', '--vpc', '$VPC'],
      'protocol is required for instance targets',
    ),
    flag(
      'protocols',
      'tg create without a VPC',
      ['tg', 'create', 'api', '--protocol', 'HTTP', '--port', '80'],
      'vpc is required for instance targets',
    ),
    flag(
      'protocols',
      'tg create a malformed VPC',
      ['tg', 'create', 'api', '--protocol', 'HTTP', '--port', '80', '--vpc', 'vpc-zz'],
      'not a VPC ID',
    ),
    flag(
      'protocols',
      'tg create GENEVE on another port',
      ['tg', 'create', 'gw', '--protocol', 'GENEVE', '--port', '80', '--vpc', '$VPC'],
      'a GENEVE target group uses port 6081',
    ),
  ];
  const stacks: StackCase[] = [
    edit(
      'protocols',
      'TCP listener on an ALB',
      [['protocol: HTTP\n        defaultAction', 'protocol: TCP\n        defaultAction']],
      'listener protocol "TCP": not supported on an application load balancer',
    ),
    edit(
      'protocols',
      'HTTP listener on an NLB',
      [['protocol: TCP\n        defaultAction', 'protocol: HTTP\n        defaultAction']],
      'listener protocol "HTTP": not supported on a network load balancer',
    ),
    edit(
      'protocols',
      'ALB forwarding to a TCP group',
      [['defaultAction: { forward: front }', 'defaultAction: { forward: raw }']],
      'an HTTP listener forwards to HTTP or HTTPS target groups',
    ),
    edit(
      'protocols',
      'NLB forwarding to an HTTP group',
      [['defaultAction: { forward: raw }', 'defaultAction: { forward: back }']],
      'a TCP listener forwards to TCP target groups',
    ),
    edit(
      'protocols',
      'NLB forwarding to a lambda group',
      [
        ['defaultAction: { forward: raw }', 'defaultAction: { forward: fn }'],
        ['targetGroups:\n', 'targetGroups:\n  - { name: fn, targetType: lambda }\n'],
      ],
      'only application load balancers invoke lambda functions',
    ),
    edit(
      'protocols',
      'ALB forwarding to an alb-type group',
      [
        ['defaultAction: { forward: front }', 'defaultAction: { forward: albt }'],
        ['targetGroups:\n', 'targetGroups:\n  - { name: albt, targetType: alb, protocol: TCP, port: 80, vpc: $VPC }\n'],
      ],
      'only a network load balancer',
    ),
    edit(
      'protocols',
      'rules on an NLB listener',
      [
        [
          '        defaultAction: { forward: raw }\n',
          '        defaultAction: { forward: raw }\n        rules:\n          - { name: r, conditions: { path: [/x] }, action: { forward: raw } }\n',
        ],
      ],
      'rules exist only on HTTP/HTTPS listeners',
    ),
    edit(
      'protocols',
      'redirect on an NLB',
      [['defaultAction: { forward: raw }', 'defaultAction: { redirect: { protocol: HTTPS } }']],
      'redirects exist only on HTTP/HTTPS listeners',
    ),
    edit(
      'protocols',
      'fixed response on an NLB',
      [['defaultAction: { forward: raw }', 'defaultAction: { fixedResponse: { statusCode: 404 } }']],
      'fixed responses exist only on HTTP/HTTPS listeners',
    ),
    edit(
      'protocols',
      'HTTPS without a certificate',
      [['port: 80\n        protocol: HTTP', 'port: 443\n        protocol: HTTPS']],
      'HTTPS needs a certificate',
    ),
    edit(
      'protocols',
      'HTTP with a certificate',
      [
        [
          'protocol: HTTP\n        defaultAction',
          'protocol: HTTP\n        certificates: [$CERT]\n        defaultAction',
        ],
      ],
      'does not use certificates',
    ),
    edit(
      'protocols',
      'HTTP with a TLS policy',
      [
        [
          'protocol: HTTP\n        defaultAction',
          'protocol: HTTP\n        sslPolicy: ELBSecurityPolicy-2016-08\n        defaultAction',
        ],
      ],
      'does not use a TLS policy',
    ),
    edit(
      'protocols',
      'a redirect loop',
      [['defaultAction: { forward: front }', 'defaultAction: { redirect: { statusCode: 301 } }']],
      'clients would loop forever',
    ),
    edit(
      'protocols',
      'fixed response 302',
      [['defaultAction: { forward: front }', 'defaultAction: { fixedResponse: { statusCode: 302 } }']],
      'must be a 2XX, 4XX or 5XX HTTP code',
    ),
    edit(
      'protocols',
      'two actions',
      [['defaultAction: { forward: front }', 'defaultAction: { forward: front, fixedResponse: { statusCode: 404 } }']],
      'are both given; give only one',
    ),
    edit(
      'protocols',
      'unknown listener protocol',
      [['protocol: HTTP\n        defaultAction', 'protocol: FTP\n        defaultAction']],
      'protocol "FTP": unknown',
    ),
    edit(
      'protocols',
      'alb type with HTTP',
      [
        ['    port: 443\n    vpc: $VPC\n', '    port: 443\n    vpc: $VPC\n    targetType: alb\n'],
        ['    protocol: TCP\n    port: 443', '    protocol: HTTP\n    port: 443'],
      ],
      'a target group of type alb sends TCP',
    ),
    edit(
      'protocols',
      'lambda with a port',
      [['targetGroups:\n', 'targetGroups:\n  - { name: fn, targetType: lambda, port: 80 }\n']],
      'a lambda target group has no port',
    ),
    edit(
      'protocols',
      'a target group without a VPC',
      [['    port: 443\n    vpc: $VPC\n', '    port: 443\n']],
      'vpc is required for instance targets',
    ),
    edit(
      'protocols',
      'forward to an undeclared target group',
      [['defaultAction: { forward: front }', 'defaultAction: { forward: fronts }']],
      'target group "fronts": not declared in this stack; did you mean "front"?',
    ),
    edit(
      'protocols',
      'one target group behind two load balancers',
      [
        [
          'defaultAction: { forward: raw }',
          'defaultAction: { forward: raw }\n      - { port: 444, protocol: TCP, defaultAction: { forward: raw } }',
        ],
        [
          '  - name: shop-nlb\n',
          '  - name: shop-nlb2\n    type: network\n    subnets: [$SUBNET2]\n    listeners:\n      - { port: 443, protocol: TCP, defaultAction: { forward: raw } }\n  - name: shop-nlb\n',
        ],
      ],
      'a target group serves one load balancer',
    ),
    edit(
      'protocols',
      'algorithm on a TCP group',
      [['    port: 443\n    vpc: $VPC\n', '    port: 443\n    vpc: $VPC\n    algorithm: round_robin\n']],
      'the routing algorithm applies to HTTP/HTTPS target groups only',
    ),
    edit(
      'protocols',
      'source_ip stickiness on HTTP',
      [['    port: 9000\n', '    port: 9000\n    stickiness: { type: source_ip }\n']],
      'source_ip stickiness is for TCP/TLS/UDP target groups',
    ),
    edit(
      'protocols',
      'cross-zone on an ALB',
      [['    securityGroups: [$SG]\n', '    securityGroups: [$SG]\n    crossZone: false\n']],
      'cross-zone load balancing is always on for an application load balancer',
    ),
    edit(
      'protocols',
      'dropInvalidHeaderFields on an NLB',
      [
        [
          '    subnets: [$SUBNET1]\n    listeners',
          '    subnets: [$SUBNET1]\n    dropInvalidHeaderFields: true\n    listeners',
        ],
      ],
      'dropInvalidHeaderFields applies to application load balancers only',
    ),
    edit(
      'protocols',
      'an unknown attribute',
      [['    securityGroups: [$SG]\n', '    securityGroups: [$SG]\n    attributes: { idle.timeout: 5 }\n']],
      'not a known application load balancer attribute',
    ),
  ];
  return { flags, stacks };
};

// ------------------------------------------------------------------ subnets, security groups: offline and against the account

const networkCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const flags: FlagCase[] = [
    flag(
      'references',
      'lb create missing subnets',
      [
        'lb',
        'create',
        'web9',
        '--type',
        'application',
        '--subnets',
        'subnet-0000000000000000a,subnet-0000000000000000b',
      ],
      'subnets "subnet-0000000000000000a", "subnet-0000000000000000b": do not exist',
    ),
    flag(
      'references',
      'lb create one missing subnet',
      ['lb', 'create', 'web9', '--type', 'application', '--subnets', '$SUBNET1,subnet-0000000000000000b'],
      'subnet "subnet-0000000000000000b": does not exist',
    ),
    flag(
      'references',
      'lb create subnets of two VPCs',
      ['lb', 'create', 'web9', '--type', 'application', '--subnets', '$SUBNET1,$OTHER_SUBNET'],
      'its subnets belong to different VPCs',
    ),
    flag(
      'references',
      'lb create two subnets in one zone',
      ['lb', 'create', 'web9', '--type', 'network', '--subnets', '$SUBNET1,$SUBNET1B'],
      'a load balancer takes one subnet per zone',
    ),
    flag(
      'references',
      'lb create missing security group',
      ['lb', 'create', 'web9', ...OK_LB, '--security-groups', 'sg-0000000000000000a'],
      'security group "sg-0000000000000000a": does not exist',
    ),
    flag(
      'references',
      'lb create security group in another VPC',
      ['lb', 'create', 'web9', ...OK_LB, '--security-groups', '$OTHER_SG'],
      'not in $VPC, the VPC of load balancer "web9"',
    ),
    flag(
      'subnets',
      'lb create one subnet for an ALB',
      ['lb', 'create', 'web9', '--type', 'application', '--subnets', '$SUBNET1'],
      'an application load balancer needs subnets in at least two availability zones',
    ),
    flag(
      'subnets',
      'lb create a subnet twice',
      ['lb', 'create', 'web9', '--type', 'network', '--subnets', '$SUBNET1,$SUBNET1'],
      'listed twice',
    ),
    flag(
      'subnets',
      'lb create a malformed subnet',
      ['lb', 'create', 'web9', '--type', 'network', '--subnets', 'subnet-xyz'],
      'subnet "subnet-xyz": not a subnet ID',
    ),
    flag(
      'subnets',
      'lb create no subnets',
      ['lb', 'create', 'web9', '--type', 'network', '--subnets', ','],
      'no subnets',
    ),
    flag(
      'subnets',
      'lb create a malformed security group',
      ['lb', 'create', 'web9', ...OK_LB, '--security-groups', 'sg-x'],
      'security group "sg-x": not a security group ID',
    ),
    flag(
      'subnets',
      'lb create six security groups',
      [
        'lb',
        'create',
        'web9',
        ...OK_LB,
        '--security-groups',
        'sg-00000001,sg-00000002,sg-00000003,sg-00000004,sg-00000005,sg-00000006',
      ],
      '6 security groups, the limit is 5',
    ),
    flag(
      'references',
      'listener create missing --forward group',
      ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '81', '--forward', 'ghost'],
      'target group "ghost": does not exist',
    ),
    flag(
      'references',
      'rule add missing --forward groups',
      ['rule', 'add', 'web:80', '--path', '/x', '--forward', 'ghost,ghoul'],
      'target groups "ghost", "ghoul": do not exist',
    ),
  ];
  const stacks: StackCase[] = [
    edit(
      'references',
      'missing subnets',
      [['subnets: [$SUBNET1, $SUBNET2]', 'subnets: [subnet-0000000000000000a, subnet-0000000000000000b]']],
      'do not exist in this account and region',
    ),
    edit(
      'references',
      'subnets of two VPCs',
      [['subnets: [$SUBNET1, $SUBNET2]', 'subnets: [$SUBNET1, $OTHER_SUBNET]']],
      'its subnets belong to different VPCs',
    ),
    edit(
      'references',
      'two subnets in one zone',
      [['subnets: [$SUBNET1, $SUBNET2]', 'subnets: [$SUBNET1, $SUBNET1B]']],
      'a load balancer takes one subnet per zone',
    ),
    edit(
      'references',
      'a missing security group',
      [['securityGroups: [$SG]', 'securityGroups: [sg-0000000000000000a]']],
      'security group "sg-0000000000000000a": does not exist',
    ),
    edit(
      'references',
      'a security group in another VPC',
      [['securityGroups: [$SG]', 'securityGroups: [$OTHER_SG]']],
      'not in $VPC, the VPC of load balancer "shop"',
    ),
    edit(
      'references',
      'a target group in another VPC',
      [
        ['    port: 8080\n    vpc: $VPC', '    port: 8080\n    vpc: $OTHER_VPC'],
        ['targets: [{ id: $I1 }]', 'targets: [{ id: $OTHER_I }]'],
      ],
      'is in $OTHER_VPC, but load balancer "shop" is in $VPC',
    ),
    edit(
      'references',
      'a missing VPC',
      [['    port: 443\n    vpc: $VPC', '    port: 443\n    vpc: vpc-0000000000000000a']],
      'VPC "vpc-0000000000000000a": does not exist',
    ),
    edit(
      'references',
      'a missing instance',
      [['targets: [{ id: $I1 }]', 'targets: [{ id: i-0000000000000000a }]']],
      'instance "i-0000000000000000a": does not exist',
    ),
    edit(
      'references',
      'an instance in another VPC',
      [['targets: [{ id: $I1 }]', 'targets: [{ id: $OTHER_I }]']],
      'the instance is in $OTHER_VPC',
    ),
    edit(
      'references',
      'an IP outside the VPC without @all',
      [['targets: [{ id: 10.0.1.50 }]', 'targets: [{ id: 192.168.1.50 }]']],
      'behind an application load balancer an address outside the VPC needs @all',
    ),
    edit(
      'references',
      'a public IP target',
      [['targets: [{ id: 10.0.1.50 }]', 'targets: [{ id: 203.0.113.5, availabilityZone: all }]']],
      'publicly routable',
    ),
    edit(
      'subnets',
      'an ALB in one subnet',
      [['subnets: [$SUBNET1, $SUBNET2]', 'subnets: [$SUBNET1]']],
      'needs subnets in at least two availability zones, 1 given',
    ),
    edit(
      'subnets',
      'a subnet twice',
      [['subnets: [$SUBNET1, $SUBNET2]', 'subnets: [$SUBNET1, $SUBNET1]']],
      'listed twice',
    ),
    edit(
      'subnets',
      'a malformed subnet',
      [['subnets: [$SUBNET1, $SUBNET2]', 'subnets: [$SUBNET1, subnet-xyz]']],
      'subnet "subnet-xyz": not a subnet ID',
    ),
    edit(
      'subnets',
      'a malformed security group',
      [['securityGroups: [$SG]', 'securityGroups: [sg-x]']],
      'security group "sg-x": not a security group ID',
    ),
    edit(
      'subnets',
      'six security groups',
      [
        [
          'securityGroups: [$SG]',
          'securityGroups: [sg-00000001, sg-00000002, sg-00000003, sg-00000004, sg-00000005, sg-00000006]',
        ],
      ],
      '6 security groups, the limit is 5',
    ),
  ];
  return { flags, stacks };
};

// ------------------------------------------------------------------ targets

const targetCases = (): { flags: FlagCase[]; stacks: StackCase[] } => {
  const specs: Array<[string, string]> = [
    ['i-123', 'is not an instance ID'],
    ['i-0ABC1234', 'is not an instance ID'],
    ['10.0.1.5:0', 'port "0" must be a whole number'],
    ['10.0.1.5:65536', 'must be a whole number from 1 to 65535'],
    ['10.0.1.256', 'is not an IPv4 address'],
    ['10.0.1.5@moon', 'is not an availability zone name'],
    ['10.0.1.5@us-east-1', 'is a region, not a zone'],
    ['[2001:db8::1:80', 'the "[" is not closed'],
    ['2001:db8:::1', 'not a target; write ID[:PORT][@ZONE]'],
    ['web-1', 'not an instance ID, IP address'],
  ];
  const flags: FlagCase[] = specs.map(([t, why]) =>
    flag('targets', `targets register ${t}`, ['targets', 'register', 'ips', t], why),
  );
  flags.push(
    flag(
      'targets',
      'targets register a missing instance',
      ['targets', 'register', 'app', 'i-0000000000000000a'],
      'instance "i-0000000000000000a": does not exist',
    ),
    flag(
      'targets',
      'targets register an instance of another VPC',
      ['targets', 'register', 'app', '$OTHER_I'],
      'the instance is in $OTHER_VPC',
    ),
    flag(
      'targets',
      'targets register an IP outside the VPC without @all',
      ['targets', 'register', 'ips', '192.168.1.5'],
      'needs @all',
    ),
    flag(
      'targets',
      'targets register a public IP',
      ['targets', 'register', 'ips', '203.0.113.5@all'],
      'publicly routable',
    ),
    flag(
      'targets',
      'targets register IPv6 into an IPv4 group',
      ['targets', 'register', 'ips', '[2001:db8::1]:80'],
      'takes IPv4 targets',
    ),
    flag(
      'targets',
      'targets register an IP into an instance group',
      ['targets', 'register', 'app', '10.0.1.5'],
      'takes instance IDs',
    ),
    flag(
      'targets',
      'targets register the same target twice',
      ['targets', 'register', 'ips', '10.0.1.5', '10.0.1.5'],
      'listed twice',
    ),
    flag(
      'targets',
      'targets deregister with a zone',
      ['targets', 'deregister', 'ips', '10.0.1.5@us-east-1a'],
      'deregister takes ID[:PORT]',
    ),
    flag('targets', 'targets register nothing', ['targets', 'register', 'ips', ''], 'target "": empty'),
  );
  // A stack file writes the port and zone as fields, and has no brackets: those spellings are flag cases only.
  const stacks: StackCase[] = specs
    .filter(([t]) => !t.startsWith('['))
    .map(([t, why]) => {
      const at = t.lastIndexOf('@');
      const id = at > 0 ? t.slice(0, at) : t;
      const zone = at > 0 ? `, availabilityZone: "${t.slice(at + 1)}"` : '';
      const m = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(id);
      const target = m ? `{ id: "${m[1]}", port: ${Number(m[2])}${zone} }` : `{ id: "${id}"${zone} }`;
      // A port is a number field in a file: the schema words its range.
      const message = m ? `target port "${Number(m[2])}": must be a whole number from 1 to 65535` : why;
      return edit('targets', `target ${t}`, [['targets: [{ id: 10.0.1.50 }]', `targets: [${target}]`]], message);
    });
  stacks.push(
    edit(
      'targets',
      'an IPv6 target into an IPv4 group',
      [['targets: [{ id: 10.0.1.50 }]', 'targets: [{ id: "2001:db8::1" }]']],
      'takes IPv4 targets',
    ),
    edit(
      'targets',
      'an IP into an instance group',
      [['targets: [{ id: $I1 }]', 'targets: [{ id: 10.0.1.9 }]']],
      'takes instance IDs',
    ),
    edit(
      'targets',
      'the same target twice',
      [['targets: [{ id: 10.0.1.50 }]', 'targets: [{ id: 10.0.1.50 }, { id: 10.0.1.50, port: 9000 }]']],
      'list each target once',
    ),
    edit(
      'targets',
      'two lambda functions',
      [
        [
          'targetGroups:\n',
          'targetGroups:\n  - { name: fn, targetType: lambda, targets: [{ id: "arn:aws:lambda:us-east-1:123456789012:function:a" }, { id: "arn:aws:lambda:us-east-1:123456789012:function:b" }] }\n',
        ],
      ],
      'a lambda target group takes exactly one',
    ),
  );
  return { flags, stacks };
};

// ------------------------------------------------------------------ the file itself, references, global flags

const fileCases = (): StackCase[] => [
  {
    kind: 'files',
    what: 'two YAML documents',
    edit: { text: 'version: 1\nstack: a\n---\nversion: 1\nstack: b\n' },
    code: 64,
    message: 'the file holds more than one document',
  },
  {
    kind: 'files',
    what: 'binary data',
    edit: { text: 'version: 1\n\u0000\u0001\u0002' },
    code: 64,
    message: 'not a text file (it holds binary data)',
  },
  { kind: 'files', what: 'an empty file', edit: { text: '' }, code: 64, message: 'must be a mapping with version: 1' },
  { kind: 'files', what: 'a list', edit: { text: '- a\n' }, code: 64, message: 'it is a list' },
  {
    kind: 'files',
    what: 'version 2',
    edit: [['version: 1', 'version: 2']],
    code: 64,
    message: 'version 2: unsupported',
  },
  {
    kind: 'files',
    what: 'a duplicate key',
    edit: [['    port: 8080\n', '    port: 8080\n    port: 8081\n']],
    code: 64,
    message: 'yaml: map keys must be unique',
  },
  {
    kind: 'files',
    what: 'an alias to nothing',
    edit: [['stack: corpus', 'stack: *nothing']],
    code: 64,
    message: 'refers to no anchor',
  },
  {
    kind: 'files',
    what: 'an unknown key',
    edit: [['    listeners:\n      - port: 80', '    listner: []\n    listeners:\n      - port: 80']],
    code: 64,
    message: 'unknown field "listner"; did you mean "listeners"?',
  },
  {
    kind: 'files',
    what: 'a terminal escape in a name',
    edit: [['stack: corpus', 'stack: "co\\e[31mrpus"']],
    code: 64,
    message: 'stack name "co\\e[31mrpus"',
  },
  {
    kind: 'files',
    what: 'a 100 000-character name',
    edit: [['- name: raw\n', `- name: ${'r'.repeat(100_000)}\n`]],
    code: 64,
    message: `target group name "${'r'.repeat(60)}…": is 100000 characters`,
  },
  {
    kind: 'files',
    what: 'a load balancer declared twice',
    edit: [['  - name: shop-nlb\n', '  - name: shop\n']],
    code: 64,
    message: 'declared twice',
  },
  {
    kind: 'files',
    what: 'a rule name used twice',
    edit: [
      [
        '            action: { forward: [{ targetGroup: front, weight: 90 }, { targetGroup: back, weight: 10 }] }\n',
        '            action: { forward: [{ targetGroup: front, weight: 90 }, { targetGroup: back, weight: 10 }] }\n          - { name: api, priority: 11, conditions: { path: ["/b"] }, action: { forward: front } }\n',
      ],
    ],
    code: 64,
    message: 'used twice on listener shop:80',
  },
  {
    kind: 'files',
    what: 'a listener port twice',
    edit: [
      [
        '      - port: 443\n        protocol: TCP\n        defaultAction: { forward: raw }\n',
        '      - port: 443\n        protocol: TCP\n        defaultAction: { forward: raw }\n      - { port: 443, protocol: TLS, certificates: [$CERT], defaultAction: { forward: raw } }\n',
      ],
    ],
    code: 64,
    message: 'listener port 443: declared twice',
  },
  {
    kind: 'files',
    what: 'a region that is no region',
    edit: [['stack: corpus', 'stack: corpus\nregion: mars-1']],
    code: 64,
    message: 'region "mars-1": not a region name',
  },
];

/** The remaining fixed limits of aws-facts.md, each through both faces. */
const limitCases = (): { flags: FlagCase[]; stacks: StackCase[] } => ({
  flags: [
    flag(
      'limits',
      'rule add a 1025-character fixed response body',
      ['rule', 'add', 'web:80', '--path', '/x', '--fixed-response', `404:${'b'.repeat(1025)}`],
      'fixed response body: is 1025 characters, the limit is 1024',
    ),
    flag(
      'limits',
      'tg create a 1025-character health check path',
      ['tg', 'create', 'api', ...OK_TG, '--health-path', `/${'p'.repeat(1024)}`],
      'health check path: is 1025 characters, the limit is 1024',
    ),
    flag(
      'limits',
      'rule add a 41-character header name',
      ['rule', 'add', 'web:80', '--header', `${'H'.repeat(41)}=v`, '--forward', 'app'],
      'is 41 characters, the limit is 40',
    ),
    flag(
      'limits',
      'rule add a 41-character method',
      ['rule', 'add', 'web:80', '--method', 'M'.repeat(41), '--forward', 'app'],
      'is 41 characters, the limit is 40',
    ),
    flag(
      'limits',
      'rule add a 129-character host',
      ['rule', 'add', 'web:80', '--host', `${'h'.repeat(129)}`, '--forward', 'app'],
      'is 129 characters, the limit is 128',
    ),
  ],
  stacks: [
    edit(
      'limits',
      'a 1025-character fixed response body',
      [
        [
          'defaultAction: { forward: front }',
          `defaultAction: { fixedResponse: { statusCode: 404, body: "${'b'.repeat(1025)}" } }`,
        ],
      ],
      'fixed response body: is 1025 characters, the limit is 1024',
    ),
    edit(
      'limits',
      'a 1025-character health check path',
      [['healthCheck: { path: /health, interval: 15 }', `healthCheck: { path: /${'p'.repeat(1024)} }`]],
      'health check path: is 1025 characters, the limit is 1024',
    ),
    edit(
      'limits',
      'a 41-character header name',
      [
        [
          'conditions: { path: ["/api/*"], sourceIps: ["10.0.0.0/8"] }',
          `conditions: { headers: { ${'H'.repeat(41)}: [v] } }`,
        ],
      ],
      'is 41 characters, the limit is 40',
    ),
    edit(
      'limits',
      'a 41-character method',
      [['conditions: { path: ["/api/*"], sourceIps: ["10.0.0.0/8"] }', `conditions: { methods: [${'M'.repeat(41)}] }`]],
      'is 41 characters, the limit is 40',
    ),
    edit(
      'limits',
      'a 129-character redirect path',
      [['defaultAction: { forward: front }', `defaultAction: { redirect: { path: "/${'r'.repeat(128)}" } }`]],
      'redirect path: is 129 characters, the limit is 128',
    ),
    edit(
      'limits',
      'a 129-character host',
      [['conditions: { path: ["/api/*"], sourceIps: ["10.0.0.0/8"] }', `conditions: { host: ["${'h'.repeat(129)}"] }`]],
      'is 129 characters, the limit is 128',
    ),
  ],
});

const globalCases = (): FlagCase[] => [
  flag('global', '-o xml', ['lb', 'list', '-o', 'xml'], 'output format "xml": unknown'),
  flag('global', '--region mars', ['lb', 'list', '--region', 'mars'], 'region "mars": not an AWS region name'),
  {
    kind: 'global',
    what: 'AWS_RETRY_MODE legacy',
    args: ['lb', 'list'],
    env: { AWS_RETRY_MODE: 'legacy' },
    code: 64,
    message: 'AWS_RETRY_MODE "legacy": unknown',
  },
  {
    kind: 'global',
    what: 'AWS_MAX_ATTEMPTS 0',
    args: ['lb', 'list'],
    env: { AWS_MAX_ATTEMPTS: '0' },
    code: 64,
    message: 'AWS_MAX_ATTEMPTS "0"',
  },
  {
    kind: 'global',
    what: 'ELBCTL_REQUEST_TIMEOUT_MS 30s',
    args: ['lb', 'list'],
    env: { ELBCTL_REQUEST_TIMEOUT_MS: '30s' },
    code: 64,
    message: 'ELBCTL_REQUEST_TIMEOUT_MS "30s"',
  },
  flag(
    'references',
    'rule list LB:PORT:PRIORITY',
    ['rule', 'list', 'web:80:5'],
    'LB:PORT:PRIORITY names a rule, not a listener',
  ),
  flag(
    'references',
    'listener delete not LB:PORT',
    ['listener', 'delete', 'web:eighty', '-y'],
    'name it by its ARN or as LB:PORT',
  ),
  flag(
    'references',
    'rule delete not LB:PORT:PRIORITY',
    ['rule', 'delete', 'web:80:x', '-y'],
    'name it by its ARN or as LB:PORT:PRIORITY',
  ),
  flag(
    'references',
    'rule move priority 0 of the reference',
    ['rule', 'move', 'web:80:0', '--priority', '5'],
    'name it by its ARN or as LB:PORT:PRIORITY',
  ),
  flag(
    'references',
    'rule add on a listener with a colon in the name',
    ['rule', 'add', 'a:b:80', '--path', '/x', '--forward', 'app'],
    'name it by its ARN or as LB:PORT',
  ),
  flag(
    'acted on',
    'lb describe a load balancer that does not exist',
    ['lb', 'describe', 'nope'],
    'load balancer "nope": not found',
    1,
  ),
  flag(
    'acted on',
    'tg delete a target group that does not exist',
    ['tg', 'delete', 'nope', '-y'],
    'target group "nope": not found',
    1,
  ),
  flag(
    'acted on',
    'rule add on a listener that does not exist',
    ['rule', 'add', 'web:8080', '--path', '/x', '--forward', 'app'],
    'listener "web:8080": not found',
    1,
  ),
  flag(
    'acted on',
    'targets register into a group that does not exist',
    ['targets', 'register', 'nope', '10.0.1.5'],
    'target group "nope": not found',
    1,
  ),
  flag(
    'cross-zone',
    'lb cross-zone ALB off',
    ['lb', 'cross-zone', 'web', 'off'],
    'turn it off per target group with `elbctl tg cross-zone TG off`',
  ),
  flag(
    'cross-zone',
    'tg cross-zone on a lambda group',
    ['tg', 'cross-zone', 'fn', 'on'],
    'cross-zone load balancing does not apply to lambda target groups',
  ),
  flag(
    'attributes',
    'lb attributes unknown key',
    ['lb', 'attributes', 'web', '--set', 'idle.timeout=5'],
    'not a known application load balancer attribute',
  ),
  flag(
    'attributes',
    'lb attributes out of range',
    ['lb', 'attributes', 'web', '--set', 'idle_timeout.timeout_seconds=0'],
    'must be a whole number from 1 to 4000',
  ),
  flag(
    'attributes',
    'lb attributes ALB cross-zone',
    ['lb', 'attributes', 'web', '--set', 'load_balancing.cross_zone.enabled=false'],
    'cross-zone load balancing is always on',
  ),
  flag(
    'attributes',
    'tg attributes unknown key',
    ['tg', 'attributes', 'app', '--set', 'idle_timeout.timeout_seconds=60'],
    'not a known target group attribute',
  ),
  flag(
    'attributes',
    'tg attributes bad value',
    ['tg', 'attributes', 'app', '--set', 'stickiness.enabled=yes'],
    'must be true or false',
  ),
  flag(
    'attributes',
    'tg attributes no =',
    ['tg', 'attributes', 'app', '--set', 'stickiness.enabled'],
    'write it as KEY=VALUE',
  ),
  flag(
    'echo',
    'a 100 000-character name',
    ['tg', 'create', 'x'.repeat(100_000), ...OK_TG],
    `target group name "${'x'.repeat(60)}…": is 100000 characters`,
  ),
  flag(
    'echo',
    'a terminal escape in a name',
    ['tg', 'create', 'a\u001b[31mb', ...OK_TG],
    'target group name "a\\e[31mb"',
  ),
];

export function flagCases(): FlagCase[] {
  return [
    ...nameCases().flags,
    ...portCases().flags,
    ...priorityCases().flags,
    ...weightCases().flags,
    ...healthCases().flags,
    ...conditionCases().flags,
    ...tagCases(),
    ...protocolCases().flags,
    ...networkCases().flags,
    ...targetCases().flags,
    ...limitCases().flags,
    ...globalCases(),
    ...day2FlagCases(),
    ...surfaceFlagCases(),
    ...actionFlagCases(),
    ...attributeFlagCases(),
    ...gatewayFlagCases(),
  ];
}

export function stackCases(): StackCase[] {
  return [
    ...nameCases().stacks,
    ...portCases().stacks,
    ...priorityCases().stacks,
    ...weightCases().stacks,
    ...healthCases().stacks,
    ...conditionCases().stacks,
    ...protocolCases().stacks,
    ...networkCases().stacks,
    ...targetCases().stacks,
    ...limitCases().stacks,
    ...fileCases(),
    ...day2StackCases(),
    ...surfaceStackCases(),
    ...mutualTlsStackCases(),
    ...attributeStackCases(),
    ...gatewayStackCases(),
  ];
}
