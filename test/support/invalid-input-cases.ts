/**
 * The table of invalid inputs used by test/commands/invalid-inputs.test.ts: a valid stack file,
 * the edits that each make it invalid, and invalid command lines — each with the exact stderr
 * elbctl must print.
 */

export const VALID_STACK = `version: 1
stack: shop
region: us-east-1
loadBalancers:
  - name: web
    type: application
    subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
    listeners:
      - port: 80
        protocol: HTTP
        defaultAction: { forward: app }
        rules:
          - name: api
            priority: 10
            conditions: { path: ["/api/*"], sourceIps: ["10.0.0.0/8"] }
            action: { forward: [{ targetGroup: app, weight: 90 }, { targetGroup: api, weight: 10 }] }
targetGroups:
  - name: app
    protocol: HTTP
    port: 8080
    vpc: vpc-0123456789abcdef0
    healthCheck: { path: /health, interval: 15 }
  - name: api
    protocol: HTTP
    port: 9000
    vpc: vpc-0123456789abcdef0
  - name: spare
    protocol: HTTP
    port: 7000
    vpc: vpc-0123456789abcdef0
`;

export interface StackCase {
  what: string;
  /** [search, replace] applied once to VALID_STACK, or a whole document. */
  edit: [string, string] | { text: string };
  /** Exactly what elbctl prints on stderr; FILE stands for the stack file's path. */
  stderr: string;
}

export const STACK_CASES: StackCase[] = [
  {
    what: 'load balancer name with an underscore',
    edit: ['name: web', 'name: web_prod'],
    stderr:
      'error: FILE:5:11: load balancer name "web_prod": underscores are not allowed; use letters, digits and hyphens\n',
  },
  {
    what: 'load balancer name over 32 characters',
    edit: ['name: web', 'name: web-0123456789-0123456789-0123456789'],
    stderr:
      'error: FILE:5:11: load balancer name "web-0123456789-0123456789-0123456789": is 36 characters, the limit is 32; use a shorter name\n',
  },
  {
    what: 'load balancer name starting with internal-',
    edit: ['name: web', 'name: internal-web'],
    stderr:
      'error: FILE:5:11: load balancer name "internal-web": must not begin with "internal-" (AWS reserves it); choose another prefix\n',
  },
  {
    what: 'target group name ending with a hyphen',
    edit: ['name: spare', 'name: spare-'],
    stderr: 'error: FILE:27:11: target group name "spare-": must not begin or end with a hyphen; remove the hyphen\n',
  },
  {
    what: 'stack name with a dot',
    edit: ['stack: shop', 'stack: shop.prod'],
    stderr:
      'error: FILE:2:8: stack name "shop.prod": only letters, digits and hyphens are allowed; remove the other characters\n',
  },
  {
    what: 'forward to an undeclared target group',
    edit: ['defaultAction: { forward: app }', 'defaultAction: { forward: apps }'],
    stderr: 'error: FILE:11:35: target group "apps": not declared in this stack; did you mean "app"?\n',
  },
  {
    what: 'six path patterns in one rule',
    edit: ['path: ["/api/*"]', 'path: ["/a", "/b", "/c", "/d", "/e", "/f"]'],
    stderr:
      'error: FILE:15:25: rule "api" on web:80: conditions: 7 values in total, the limit is 5 per rule; split the rule in two\n',
  },
  {
    what: 'priority 0',
    edit: ['priority: 10', 'priority: 0'],
    stderr: 'error: FILE:14:23: priority "0": must be a whole number from 1 to 50000\n',
  },
  {
    what: 'priority 50001',
    edit: ['priority: 10', 'priority: 50001'],
    stderr: 'error: FILE:14:23: priority "50001": must be a whole number from 1 to 50000\n',
  },
  {
    what: 'weight 1000',
    edit: ['weight: 90', 'weight: 1000'],
    stderr: 'error: FILE:16:61: forward weight "1000": must be a whole number from 0 to 999\n',
  },
  {
    what: 'TCP listener on an application load balancer',
    edit: ['protocol: HTTP\n        defaultAction', 'protocol: TCP\n        defaultAction'],
    stderr:
      'error: FILE:10:19: listener web:80: listener protocol "TCP": not supported on an application load balancer; use HTTP or HTTPS\n',
  },
  {
    what: 'HTTPS listener without a certificate',
    edit: ['port: 80\n        protocol: HTTP', 'port: 443\n        protocol: HTTPS'],
    stderr:
      'error: FILE:10:19: listener web:443: HTTPS needs a certificate; add certificates: [arn:aws:acm:REGION:ACCOUNT:certificate/ID] (ACM issues one for free)\n',
  },
  {
    what: 'CIDR with prefix /33',
    edit: ['10.0.0.0/8', '10.0.0.0/33'],
    stderr:
      'error: FILE:15:25: rule "api" on web:80: source IP "10.0.0.0/33": the prefix length must be 0-32 for IPv4\n',
  },
  {
    what: 'CIDR that is not an address',
    edit: ['10.0.0.0/8', '10.0.0/8'],
    stderr:
      'error: FILE:15:25: rule "api" on web:80: source IP "10.0.0/8": "10.0.0" is not an IPv4 or IPv6 address; write a CIDR block such as 10.0.0.0/16\n',
  },
  {
    what: 'listener port 70000',
    edit: ['port: 80', 'port: 70000'],
    stderr: 'error: FILE:9:15: port "70000": must be a whole number from 1 to 65535\n',
  },
  {
    what: 'target group port 0',
    edit: ['port: 7000', 'port: 0'],
    stderr: 'error: FILE:29:11: port "0": must be a whole number from 1 to 65535\n',
  },
  {
    what: 'health check interval 301',
    edit: ['interval: 15', 'interval: 301'],
    stderr: 'error: FILE:22:45: health check interval "301": must be a whole number from 5 to 300\n',
  },
  {
    what: 'YAML: an unclosed flow sequence',
    edit: [
      '[subnet-0123456789abcdef0, subnet-0123456789abcdef1]',
      '[subnet-0123456789abcdef0, subnet-0123456789abcdef1',
    ],
    stderr: 'error: FILE:8:5: yaml: flow sequence in block collection must be sufficiently indented and end with a ]\n',
  },
  {
    what: 'YAML: a duplicate key',
    edit: ['    port: 8080\n', '    port: 8080\n    port: 8081\n'],
    stderr: 'error: FILE:21:5: yaml: map keys must be unique\n',
  },
  {
    what: 'YAML: an unterminated quoted string',
    edit: ['stack: shop', 'stack: "shop'],
    stderr: 'error: FILE:2:13: yaml: missing closing "quote\n',
  },
  {
    what: 'a port written as words',
    edit: ['port: 9000', 'port: nine-thousand'],
    stderr: 'error: FILE:25:11: port "nine-thousand": must be a number, not text\n',
  },
  {
    what: 'a quoted port',
    edit: ['port: 9000', 'port: "9000"'],
    stderr: 'error: FILE:25:11: port "9000": must be a number, not text; remove the quotes\n',
  },
  {
    what: 'subnets as one string instead of a list',
    edit: ['subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]', 'subnets: subnet-0123456789abcdef0'],
    stderr:
      'error: FILE:7:14: subnets "subnet-0123456789abcdef0": must be a list, not text; write a list: [subnet-0123456789abcdef0]\n',
  },
  {
    what: 'an unknown key with a near miss',
    edit: ['    listeners:', '    listner: []\n    listeners:'],
    stderr: 'error: FILE:8:5: load balancer "web": unknown field "listner"; did you mean "listeners"?\n',
  },
  {
    what: 'an unknown top-level key',
    edit: ['region: us-east-1', 'region: us-east-1\nowner: team-a'],
    stderr:
      'error: FILE:4:1: stack file: unknown field "owner"; remove it (allowed here: version, stack, region, loadBalancers, targetGroups, trustStores)\n',
  },
  {
    what: 'version 2',
    edit: ['version: 1', 'version: 2'],
    stderr: 'error: FILE:1:10: version 2: unsupported; this elbctl reads version: 1\n',
  },
  {
    what: 'no stack name',
    edit: ['stack: shop\n', ''],
    stderr: 'error: FILE:1:1: stack file: "stack" is required; add stack: NAME (letters, digits and hyphens)\n',
  },
  {
    what: 'an application load balancer in one subnet',
    edit: ['[subnet-0123456789abcdef0, subnet-0123456789abcdef1]', '[subnet-0123456789abcdef0]'],
    stderr:
      'error: FILE:7:14: load balancer "web": an application load balancer needs subnets in at least two availability zones, 1 given; add a subnet in another zone\n',
  },
  {
    what: 'two rules with the same priority',
    edit: [
      '            action: { forward: [{ targetGroup: app, weight: 90 }, { targetGroup: api, weight: 10 }] }\n',
      '            action: { forward: [{ targetGroup: app, weight: 90 }, { targetGroup: api, weight: 10 }] }\n          - name: web\n            priority: 10\n            conditions: { path: ["/web/*"] }\n            action: { forward: app }\n',
    ],
    stderr:
      'error: FILE:18:23: priority 10: already used by rule "api" on listener web:80; give each rule its own priority\n',
  },
  {
    what: 'two rules with the same name',
    edit: [
      '            action: { forward: [{ targetGroup: app, weight: 90 }, { targetGroup: api, weight: 10 }] }\n',
      '            action: { forward: [{ targetGroup: app, weight: 90 }, { targetGroup: api, weight: 10 }] }\n          - name: api\n            priority: 20\n            conditions: { path: ["/web/*"] }\n            action: { forward: app }\n',
    ],
    stderr:
      'error: FILE:17:19: rule name "api": used twice on listener web:80; a rule\'s name is its identity, give each rule its own\n',
  },
  {
    what: 'a malformed subnet ID',
    edit: ['subnet-0123456789abcdef1', 'subnet-xyz'],
    stderr: 'error: FILE:7:41: subnet "subnet-xyz": not a subnet ID; use IDs such as subnet-0123456789abcdef0\n',
  },
  {
    what: 'a region that does not exist',
    edit: ['region: us-east-1', 'region: mars-north-1'],
    stderr: 'error: FILE:3:9: region "mars-north-1": not a region name; use e.g. us-east-1\n',
  },
  {
    what: 'six target groups in one weighted forward',
    edit: [
      'defaultAction: { forward: app }',
      'defaultAction: { forward: [{ targetGroup: app }, { targetGroup: api }, { targetGroup: spare }, { targetGroup: app }, { targetGroup: api }, { targetGroup: spare }] }',
    ],
    stderr:
      'error: FILE:11:35: default action of listener web:80: forwards to 6 target groups, the limit is 5 per action; forward to fewer\nerror: FILE:11:119: default action of listener web:80: target group "app" is listed twice; list each once\nerror: FILE:11:141: default action of listener web:80: target group "api" is listed twice; list each once\nerror: FILE:11:163: default action of listener web:80: target group "spare" is listed twice; list each once\nhint: 4 problems; fix them all, then run `elbctl validate -f FILE` again\n',
  },
  {
    what: 'an empty file',
    edit: { text: '' },
    stderr:
      'error: FILE:1:1: stack file: must be a mapping with version: 1, stack: NAME, loadBalancers and targetGroups; it is empty\n',
  },
  {
    what: 'a list instead of a mapping',
    edit: { text: '- version: 1\n' },
    stderr:
      'error: FILE:1:1: stack file: must be a mapping with version: 1, stack: NAME, loadBalancers and targetGroups; it is a list\n',
  },
];

export interface FlagCase {
  what: string;
  args: string[];
  env?: Record<string, string>;
  stderr: string;
}

export const FLAG_CASES: FlagCase[] = [
  {
    what: 'lb create: name with an underscore',
    args: [
      'lb',
      'create',
      'web_prod',
      '--type',
      'application',
      '--subnets',
      'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
    ],
    stderr: 'error: load balancer name "web_prod": underscores are not allowed; use letters, digits and hyphens\n',
  },
  {
    what: 'lb create: unknown type',
    args: [
      'lb',
      'create',
      'web',
      '--type',
      'classic',
      '--subnets',
      'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
    ],
    stderr: 'error: load balancer type "classic": unknown; use application, network or gateway\n',
  },
  {
    what: 'tg create: port 70000',
    args: ['tg', 'create', 'app', '--protocol', 'HTTP', '--port', '70000', '--vpc', 'vpc-0123456789abcdef0'],
    stderr: 'error: port "70000": must be a whole number from 1 to 65535\n',
  },
  {
    what: 'tg create: health interval 4',
    args: [
      'tg',
      'create',
      'app',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--vpc',
      'vpc-0123456789abcdef0',
      '--health-interval',
      '4',
    ],
    stderr: 'error: health check interval "4": must be a whole number from 5 to 300\n',
  },
  {
    what: 'listener create: unknown protocol',
    args: ['listener', 'create', 'web', '--protocol', 'FTP', '--port', '21', '--forward', 'app'],
    stderr:
      'error: listener protocol "FTP": unknown; use HTTP or HTTPS (application load balancer), TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC (network load balancer) or GENEVE (gateway load balancer)\n',
  },
  {
    what: 'listener create: HTTPS without a certificate',
    args: ['listener', 'create', 'web', '--protocol', 'HTTPS', '--port', '443', '--forward', 'app'],
    stderr:
      'error: listener web:443: HTTPS needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID (ACM issues one for free)\n',
  },
  {
    what: 'rule add: priority 0',
    args: ['rule', 'add', 'web:80', '--path', '/api/*', '--forward', 'app', '--priority', '0'],
    stderr: 'error: priority "0": must be a whole number from 1 to 50000\n',
  },
  {
    what: 'rule add: weight 1000',
    args: ['rule', 'add', 'web:80', '--path', '/api/*', '--forward', 'app=1000'],
    stderr: 'error: forward weight "1000": must be a whole number from 0 to 999\n',
  },
  {
    what: 'rule add: CIDR /33',
    args: ['rule', 'add', 'web:80', '--source-ip', '10.0.0.0/33', '--forward', 'app'],
    stderr: 'error: source IP "10.0.0.0/33": the prefix length must be 0-32 for IPv4\n',
  },
  {
    what: 'rule add: six path patterns',
    args: [
      'rule',
      'add',
      'web:80',
      '--path',
      '/a',
      '--path',
      '/b',
      '--path',
      '/c',
      '--path',
      '/d',
      '--path',
      '/e',
      '--path',
      '/f',
      '--forward',
      'app',
    ],
    stderr: 'error: rule conditions: 6 values in total, the limit is 5 per rule; split the rule in two\n',
  },
  {
    what: 'rule add: no condition',
    args: ['rule', 'add', 'web:80', '--forward', 'app'],
    stderr:
      'error: rule conditions: none given; pass at least one of --path, --host, --header, --query-string, --method, --source-ip, --path-regex, --host-regex or --header-regex\n',
  },
  {
    what: 'targets register: a malformed target',
    args: ['targets', 'register', 'app', 'i-0abc:99999'],
    stderr:
      'error: target "i-0abc:99999": "i-0abc" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0\n',
  },
  {
    what: '-o xml',
    args: ['lb', 'list', '-o', 'xml'],
    stderr: 'error: output format "xml": unknown; use table, json or yaml\n',
  },
  {
    what: '--region that does not exist',
    args: ['lb', 'list', '--region', 'mars-1'],
    stderr: 'error: region "mars-1": not an AWS region name; use e.g. us-east-1\n',
  },
  {
    what: '--endpoint-url with another scheme',
    args: ['lb', 'list', '--endpoint-url', 'ftp://127.0.0.1'],
    stderr: 'error: endpoint URL "ftp://127.0.0.1": must use http or https\n',
  },
  {
    what: 'an unknown flag',
    args: ['lb', 'list', '--bogus'],
    stderr: "error: unknown option '--bogus'\n(run with --help for usage)\n",
  },
  {
    what: 'a missing argument',
    args: ['lb', 'describe'],
    stderr: "error: missing required argument 'lb'\n(run with --help for usage)\n",
  },
  {
    what: 'ELBCTL_REQUEST_TIMEOUT_MS not a number',
    args: ['lb', 'list'],
    env: { ELBCTL_REQUEST_TIMEOUT_MS: '30s' },
    stderr:
      'error: ELBCTL_REQUEST_TIMEOUT_MS "30s": must be a whole number of milliseconds from 1 to 600000; e.g. 30000\n',
  },
  {
    what: 'AWS_RETRY_MODE unknown',
    args: ['lb', 'list'],
    env: { AWS_RETRY_MODE: 'legacy' },
    stderr: 'error: AWS_RETRY_MODE "legacy": unknown; use standard or adaptive\n',
  },
  {
    what: 'AWS_MAX_ATTEMPTS 0',
    args: ['lb', 'list'],
    env: { AWS_MAX_ATTEMPTS: '0' },
    stderr: 'error: AWS_MAX_ATTEMPTS "0": must be a whole number from 1 to 50; e.g. 5\n',
  },
  {
    what: 'ELBCTL_PACING unknown',
    args: ['apply', '-f', 'a.yaml', '-y'],
    env: { ELBCTL_PACING: 'adaptive' },
    stderr: 'error: ELBCTL_PACING "adaptive": unknown; use on or off\n',
  },
  {
    what: 'ELBCTL_API_RATES with an unknown bucket and a bad refill',
    args: ['apply', '-f', 'a.yaml', '-y'],
    env: { ELBCTL_API_RATES: 'elbv2.mutating=20:3,elbv2.write=20:0' },
    stderr:
      'error: ELBCTL_API_RATES entry "elbv2.mutating=20:3": unknown bucket "elbv2.mutating"; known buckets: elbv2.read, elbv2.register, elbv2.modify, elbv2.write, elb.read, elb.register, elb.modify, elb.write, ec2.read, ec2.write, cloudwatch.get-metric-data, cloudwatch.describe-alarms, cloudwatch.alarms, cloudwatch.put-metric-data, cloudwatch.other, acm.describe, acm.list, acm.write, acm.other, route53.all, sts.all, servicequotas.get, servicequotas.list, servicequotas.other, wafv2.associate, wafv2.lookup, wafv2.other\n' +
      'error: ELBCTL_API_RATES entry "elbv2.write=20:0": the refill must be a number of tokens per second above 0 and up to 100000, e.g. 0.5 or 10\n' +
      'hint: see "Pacing" in docs/reliability.md for the bucket names and AWS\'s published sizes (table of 2026-12-06)\n',
  },
  {
    what: 'apply: both -f and --plan',
    args: ['apply', '-f', 'a.yaml', '--plan', 'p.json', '-y'],
    stderr: 'error: apply: pass either -f FILE or --plan PLAN.json, not both\n',
  },
  {
    what: 'apply: a stack file that does not exist',
    args: ['apply', '-f', '/nonexistent/elbctl.yaml', '-y'],
    stderr: 'error: stack file "/nonexistent/elbctl.yaml": not found; check the path\n',
  },
];
