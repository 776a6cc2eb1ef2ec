/**
 * The bad-input corpus, day-2 part (issue 11): the verbs that change what exists in place —
 * lb|tg|listener|rule modify, listener certs, listener attributes, tags — and a stack file's
 * `tags:`. Same contract as the rest of the corpus: each case is refused with its code and
 * message and makes no AWS write. Besides the main corpus's seed, the account holds an HTTPS
 * listener web2:443 serving $CERT, a rule web:80:10, and a target group named web2 (so the
 * name `web2` alone is ambiguous).
 */
import type { FlagCase, StackCase } from './bad-input-corpus';

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
): StackCase => ({ kind, what, edit: edits, code, message });

/** An ACM ARN of the right shape that names no certificate in the account. */
const MISSING_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';

const loadBalancerCases = (): FlagCase[] => [
  flag(
    'enums',
    'tg create --protocol-version HTTP3',
    ['tg', 'create', 'grpc', '--protocol', 'HTTP', '--port', '80', '--vpc', '$VPC', '--protocol-version', 'HTTP3'],
    'protocol version "HTTP3": unknown; use HTTP1, HTTP2 or GRPC',
  ),
  flag(
    'enums',
    'tg create --ip-address-type dualstack',
    [
      'tg',
      'create',
      'v6',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--vpc',
      '$VPC',
      '--target-type',
      'ip',
      '--ip-address-type',
      'dualstack',
    ],
    'IP address type "dualstack": unknown; use ipv4 or ipv6',
  ),
  flag(
    'limits',
    'lb capacity --reserve 0',
    ['lb', 'capacity', 'web', '--reserve', '0', '-y'],
    '--reserve "0": must be a whole number from 1 to 2147483647',
  ),
  flag(
    'limits',
    'lb capacity --reserve not a number',
    ['lb', 'capacity', 'web', '--reserve', 'lots', '-y'],
    '--reserve "lots": must be a whole number from 1 to 2147483647',
  ),
  flag(
    'global',
    'lb capacity --reserve with --reset',
    ['lb', 'capacity', 'web', '--reserve', '100', '--reset', '-y'],
    '--reserve and --reset: choose one',
  ),
  flag(
    'global',
    'lb capacity --dry-run with nothing to change',
    ['lb', 'capacity', 'web', '--dry-run'],
    '--dry-run: only with --reserve or --reset',
  ),
  flag(
    'acted on',
    'lb capacity on a missing load balancer',
    ['lb', 'capacity', 'ghost', '--reserve', '100', '-y'],
    'load balancer "ghost": not found',
    1,
  ),
  flag(
    'acted on',
    'lb modify a missing load balancer',
    ['lb', 'modify', 'ghost', '--security-groups', '$SG'],
    'load balancer "ghost": not found',
    1,
  ),
  flag(
    'acted on',
    'lb modify with nothing to change',
    ['lb', 'modify', 'web'],
    'lb modify: nothing to change; pass --subnets (or --subnet-mapping), --security-groups or --ip-address-type',
  ),
  flag(
    'subnets',
    'lb modify a malformed subnet',
    ['lb', 'modify', 'web', '--subnets', '$SUBNET1,subnet-zz'],
    'subnet "subnet-zz": not a subnet ID',
  ),
  flag(
    'subnets',
    'lb modify a missing subnet',
    ['lb', 'modify', 'web', '--subnets', '$SUBNET1,subnet-0000000000000000b'],
    'subnet "subnet-0000000000000000b": does not exist',
  ),
  flag(
    'subnets',
    'lb modify a subnet of another VPC',
    ['lb', 'modify', 'web', '--subnets', '$SUBNET1,$OTHER_SUBNET'],
    'load balancer "web": its subnets belong to different VPCs',
  ),
  flag(
    'subnets',
    'lb modify ALB down to one zone',
    ['lb', 'modify', 'web', '--subnets', '$SUBNET1'],
    'an application load balancer needs subnets in at least two availability zones, 1 given',
  ),
  flag(
    'subnets',
    'lb modify two subnets in one zone',
    ['lb', 'modify', 'web', '--subnets', '$SUBNET1,$SUBNET1B'],
    'a load balancer takes one subnet per zone',
  ),
  flag(
    'subnets',
    'lb modify --subnets and --subnet-mapping',
    ['lb', 'modify', 'edge', '--subnets', '$SUBNET1', '--subnet-mapping', 'SubnetId=$SUBNET2'],
    '--subnets and --subnet-mapping were both given; pass only one',
  ),
  flag(
    'subnets',
    'lb modify a mapping without SubnetId',
    ['lb', 'modify', 'edge', '--subnet-mapping', 'AllocationId=eipalloc-1'],
    'subnet mapping "AllocationId=eipalloc-1": SubnetId is missing',
  ),
  flag(
    'subnets',
    'lb modify a mapping with an unknown key',
    ['lb', 'modify', 'edge', '--subnet-mapping', 'SubnetId=$SUBNET1,Zone=a'],
    'subnet mapping "SubnetId=$SUBNET1,Zone=a": write SubnetId=subnet-…',
  ),
  flag(
    'addresses',
    'lb modify an Elastic IP on an ALB',
    [
      'lb',
      'modify',
      'web',
      '--subnet-mapping',
      'SubnetId=$SUBNET1,AllocationId=eipalloc-0123456789abcdef0',
      '--subnet-mapping',
      'SubnetId=$SUBNET2',
    ],
    'Elastic IPs and private addresses are for network load balancers; "web" is an application load balancer',
  ),
  flag(
    'subnets',
    'lb modify NLB leaving every subnet',
    ['lb', 'modify', 'edge', '--subnets', ''],
    'load balancer "edge": no subnets; give one subnet in each zone it should serve',
  ),
  flag(
    'enums',
    'lb modify --ip-address-type ipv5',
    ['lb', 'modify', 'web', '--ip-address-type', 'ipv5'],
    'ip address type "ipv5": unknown; use ipv4, dualstack or dualstack-without-public-ipv4',
  ),
  flag(
    'addresses',
    'lb modify dualstack on subnets without IPv6',
    ['lb', 'modify', 'web', '--ip-address-type', 'dualstack'],
    'load balancer "web": dualstack needs an IPv6 block in each of its subnets',
  ),
  flag(
    'addresses',
    'lb modify dualstack-without-public-ipv4 on an NLB',
    ['lb', 'modify', 'edge', '--ip-address-type', 'dualstack-without-public-ipv4'],
    'dualstack-without-public-ipv4 is for internet-facing application load balancers only',
  ),
  flag(
    'references',
    'lb modify a malformed security group',
    ['lb', 'modify', 'web', '--security-groups', 'sg-zz'],
    'security group "sg-zz": not a security group ID',
  ),
  flag(
    'references',
    'lb modify a missing security group',
    ['lb', 'modify', 'web', '--security-groups', 'sg-0000000000000000a'],
    'security group "sg-0000000000000000a": does not exist',
  ),
  flag(
    'references',
    'lb modify a security group of another VPC',
    ['lb', 'modify', 'web', '--security-groups', '$OTHER_SG'],
    'not in $VPC',
  ),
  flag(
    'acted on',
    'lb modify security groups on an NLB created without',
    ['lb', 'modify', 'edge', '--security-groups', '$SG'],
    'a network load balancer created without security groups can never have them',
  ),
  flag(
    'global',
    'lb modify --detailed-exitcode without --dry-run',
    ['lb', 'modify', 'web', '--security-groups', '$SG', '--detailed-exitcode'],
    '--detailed-exitcode: only with --dry-run',
  ),
];

const targetGroupCases = (): FlagCase[] => [
  flag(
    'acted on',
    'tg modify a missing target group',
    ['tg', 'modify', 'ghost', '--health-interval', '10'],
    'target group "ghost": not found',
    1,
  ),
  flag(
    'acted on',
    'tg modify with nothing to change',
    ['tg', 'modify', 'app'],
    'tg modify: nothing to change; pass a health check flag',
  ),
  flag(
    'health checks',
    'tg modify interval 3',
    ['tg', 'modify', 'app', '--health-interval', '3'],
    'health check interval "3": must be a whole number from 5 to 300',
  ),
  flag(
    'health checks',
    'tg modify timeout not below the interval',
    ['tg', 'modify', 'app', '--health-interval', '10', '--health-timeout', '30'],
    'health check timeout "30": must be less than the interval (10)',
  ),
  flag(
    'health checks',
    'tg modify timeout above the current interval',
    ['tg', 'modify', 'app', '--health-timeout', '60'],
    'health check timeout "60": must be less than the interval (30)',
  ),
  flag(
    'health checks',
    'tg modify path without a slash',
    ['tg', 'modify', 'app', '--health-path', 'health'],
    'health check path "health": must begin with "/"',
  ),
  flag(
    'health checks',
    'tg modify a path on a TCP check',
    ['tg', 'modify', 'tcp', '--health-path', '/health'],
    'target group "tcp": a TCP health check has no path',
  ),
  flag(
    'health checks',
    'tg modify matcher 99',
    ['tg', 'modify', 'app', '--matcher', '99'],
    'health check matcher "99": codes must be from 200 to 499',
  ),
  flag(
    'health checks',
    'tg modify healthy threshold 11',
    ['tg', 'modify', 'app', '--healthy-threshold', '11'],
    'healthy threshold "11": must be a whole number from 2 to 10',
  ),
  flag(
    'health checks',
    'tg modify health port 0',
    ['tg', 'modify', 'app', '--health-port', '0'],
    'health check port "0": use traffic-port or a port from 1 to 65535',
  ),
  flag(
    'health checks',
    'tg modify health protocol UDP',
    ['tg', 'modify', 'app', '--health-protocol', 'UDP'],
    'health check protocol "UDP": unknown; use HTTP, HTTPS or TCP',
  ),
];

const listenerCases = (): FlagCase[] => [
  flag(
    'acted on',
    'listener modify a missing listener',
    ['listener', 'modify', 'web:81', '--port', '82'],
    'listener "web:81": not found',
    1,
  ),
  flag(
    'references',
    'listener modify without a port',
    ['listener', 'modify', 'web', '--port', '82'],
    'listener "web": name it by its ARN or as LB:PORT, e.g. web:443',
  ),
  flag(
    'acted on',
    'listener modify with nothing to change',
    ['listener', 'modify', 'web:80'],
    'listener modify: nothing to change; pass --port, --protocol',
  ),
  flag(
    'ports',
    'listener modify port 0',
    ['listener', 'modify', 'web:80', '--port', '0'],
    'port "0": must be a whole number from 1 to 65535',
  ),
  flag(
    'ports',
    'listener modify port 65536',
    ['listener', 'modify', 'web:80', '--port', '65536'],
    'port "65536": must be a whole number from 1 to 65535',
  ),
  flag(
    'protocols',
    'listener modify ALB to TCP',
    ['listener', 'modify', 'web:80', '--protocol', 'TCP'],
    'listener protocol "TCP": not supported on an application load balancer',
  ),
  flag(
    'protocols',
    'listener modify NLB to HTTP',
    ['listener', 'modify', 'edge:80', '--protocol', 'HTTP'],
    'listener protocol "HTTP": not supported on a network load balancer',
  ),
  flag(
    'protocols',
    'listener modify to HTTPS without a certificate',
    ['listener', 'modify', 'web:80', '--protocol', 'HTTPS'],
    'HTTPS needs a certificate',
  ),
  flag(
    'protocols',
    'listener modify a TLS policy on HTTP',
    ['listener', 'modify', 'web:80', '--ssl-policy', 'ELBSecurityPolicy-2016-08'],
    'does not use a TLS policy',
  ),
  flag(
    'protocols',
    'listener modify a malformed certificate',
    ['listener', 'modify', 'web2:443', '--certificate', 'arn:aws:acm:cert'],
    'not an ACM or IAM certificate ARN',
  ),
  flag(
    'protocols',
    'listener modify a malformed TLS policy',
    ['listener', 'modify', 'web2:443', '--ssl-policy', 'Strong'],
    'not an ELB security policy name',
  ),
  flag(
    'references',
    'listener modify a missing certificate',
    ['listener', 'modify', 'web2:443', '--certificate', MISSING_CERT],
    'certificate "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000…": does not exist in ACM',
  ),
  flag(
    'references',
    'listener modify --forward a missing group',
    ['listener', 'modify', 'web:80', '--forward', 'ghost'],
    'target group "ghost": does not exist',
  ),
  flag(
    'protocols',
    'listener modify --forward a TCP group from HTTP',
    ['listener', 'modify', 'web:80', '--forward', 'tcp'],
    'forwards to HTTP or HTTPS target groups',
  ),
  flag(
    'protocols',
    'listener modify two actions',
    ['listener', 'modify', 'web:80', '--forward', 'app', '--redirect-https'],
    'were both given; pass only one',
  ),
  flag(
    'protocols',
    'listener modify a redirect on an NLB',
    ['listener', 'modify', 'edge:80', '--redirect-https'],
    'redirects exist only on HTTP/HTTPS listeners',
  ),
  flag(
    'protocols',
    'listener modify HTTPS redirecting to itself',
    ['listener', 'modify', 'web2:443', '--redirect-https'],
    'clients would loop forever',
  ),
  flag(
    'weights',
    'listener modify stickiness without --forward',
    ['listener', 'modify', 'web:80', '--group-stickiness', '60'],
    'group stickiness: applies to a forward to target groups; use it with --forward',
  ),
  flag(
    'weights',
    'listener modify weight 1000',
    ['listener', 'modify', 'web:80', '--forward', 'app=1000'],
    'forward weight "1000": must be a whole number from 0 to 999',
  ),
  flag(
    'protocols',
    'listener modify fixed response 302',
    ['listener', 'modify', 'web:80', '--fixed-response', '302'],
    'must be a 2XX, 4XX or 5XX HTTP code',
  ),
  flag(
    'global',
    'listener modify --detailed-exitcode without --dry-run',
    ['listener', 'modify', 'web:80', '--port', '81', '--detailed-exitcode'],
    '--detailed-exitcode: only with --dry-run',
  ),
];

const ruleCases = (): FlagCase[] => [
  flag(
    'acted on',
    'rule modify a missing rule',
    ['rule', 'modify', 'web:80:11', '--path', '/x'],
    'rule "web:80:11": not found',
    1,
  ),
  flag(
    'acted on',
    'rule modify a rule of a missing listener',
    ['rule', 'modify', 'web:81:10', '--path', '/x'],
    'listener "web:81": not found',
    1,
  ),
  flag(
    'references',
    'rule modify without a priority',
    ['rule', 'modify', 'web:80', '--path', '/x'],
    'rule "web:80": name it by its ARN or as LB:PORT:PRIORITY',
  ),
  flag(
    'acted on',
    'rule modify the default rule',
    ['rule', 'modify', 'web:80:default', '--path', '/x'],
    `the default rule is the listener's default action, not a rule of its own; change it with \`elbctl listener modify web:80\``,
  ),
  flag(
    'acted on',
    'rule modify with nothing to change',
    ['rule', 'modify', 'web:80:10'],
    'rule modify: nothing to change; pass conditions',
  ),
  flag(
    'acted on',
    'rule modify --replace-all-actions alone',
    ['rule', 'modify', 'web:80:10', '--replace-all-actions'],
    '--replace-all-actions: replaces every action with the one an action flag gives',
  ),
  flag(
    'conditions',
    'rule modify a /33 source',
    ['rule', 'modify', 'web:80:10', '--source-ip', '10.0.0.0/33'],
    'source IP "10.0.0.0/33": the prefix length must be 0-32 for IPv4',
  ),
  flag(
    'conditions',
    'rule modify a header without a value',
    ['rule', 'modify', 'web:80:10', '--header', 'X-Env'],
    'http header "X-Env": write it as NAME=VALUE',
  ),
  flag(
    'limits',
    'rule modify six condition values',
    [
      'rule',
      'modify',
      'web:80:10',
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
    ],
    'rule conditions: 6 values in total, the limit is 5 per rule',
  ),
  flag(
    'references',
    'rule modify --forward a missing group',
    ['rule', 'modify', 'web:80:10', '--forward', 'ghost'],
    'target group "ghost": does not exist',
  ),
  flag(
    'protocols',
    'rule modify --forward a TCP group',
    ['rule', 'modify', 'web:80:10', '--forward', 'tcp'],
    'forwards to HTTP or HTTPS target groups',
  ),
  flag(
    'targets',
    'rule modify --forward a group of another VPC',
    ['rule', 'modify', 'web:80:10', '--forward', 'far'],
    'target group "far": is in $OTHER_VPC, but load balancer "web" is in $VPC',
  ),
  flag(
    'weights',
    'rule modify weight -1',
    ['rule', 'modify', 'web:80:10', '--forward', 'app=-1'],
    'forward weight "-1": must be a whole number from 0 to 999',
  ),
  flag(
    'protocols',
    'rule modify two actions',
    ['rule', 'modify', 'web:80:10', '--forward', 'app', '--fixed-response', '404'],
    'were both given; pass only one',
  ),
  flag(
    'acted on',
    'rule modify a rule on an NLB',
    ['rule', 'modify', 'edge:80:1', '--path', '/x'],
    'rule "edge:80:1": not found',
    1,
  ),
];

const certificateCases = (): FlagCase[] => [
  flag(
    'protocols',
    'certs add on an HTTP listener',
    ['listener', 'certs', 'add', 'web:80', '$CERT'],
    'listener "web:80" (HTTP): has no certificates; only HTTPS and TLS listeners do',
  ),
  flag(
    'references',
    'certs add a malformed ARN',
    ['listener', 'certs', 'add', 'web2:443', 'arn:aws:acm:cert'],
    'not an ACM or IAM certificate ARN',
  ),
  flag(
    'references',
    'certs add a certificate not in ACM',
    ['listener', 'certs', 'add', 'web2:443', MISSING_CERT],
    'certificate "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000…": does not exist in ACM',
  ),
  flag(
    'acted on',
    'certs add to a missing listener',
    ['listener', 'certs', 'add', 'web2:8443', '$CERT'],
    'listener "web2:8443": not found',
    1,
  ),
  flag(
    'acted on',
    'certs remove the default certificate',
    ['listener', 'certs', 'remove', 'web2:443', '$CERT'],
    'is the default certificate of listener "web2:443" and cannot be removed; replace it with `elbctl listener certs rotate web2:443',
  ),
  flag(
    'acted on',
    'certs remove one not attached',
    ['listener', 'certs', 'remove', 'web2:443', MISSING_CERT],
    'certificate "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000…": not attached to listener "web2:443"',
  ),
  flag(
    'acted on',
    'certs rotate from one not attached',
    ['listener', 'certs', 'rotate', 'web2:443', '--from', MISSING_CERT, '--to', '$CERT'],
    'certificate "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000…": not attached to listener "web2:443"',
  ),
  flag(
    'acted on',
    'certs rotate to the same certificate',
    ['listener', 'certs', 'rotate', 'web2:443', '--from', '$CERT', '--to', '$CERT'],
    '--from and --to: both name',
  ),
  flag(
    'references',
    'certs rotate to a certificate not in ACM',
    ['listener', 'certs', 'rotate', 'web2:443', '--from', '$CERT', '--to', MISSING_CERT],
    'certificate "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000…": does not exist in ACM',
  ),
  flag(
    'acted on',
    'certs rotate without --from',
    ['listener', 'certs', 'rotate', 'web2:443', '--to', '$CERT'],
    "required option '--from <arn>' not specified",
  ),
  flag(
    'protocols',
    'certs rotate on an HTTP listener',
    ['listener', 'certs', 'rotate', 'web:80', '--from', '$CERT', '--to', MISSING_CERT],
    'listener "web:80" (HTTP): has no certificates; only HTTPS and TLS listeners do',
  ),
];

const listenerAttributeCases = (): FlagCase[] => [
  flag(
    'attributes',
    'listener attributes unknown key',
    ['listener', 'attributes', 'edge:80', '--set', 'foo.bar=1'],
    'attribute "foo.bar": not a listener attribute of a network load balancer (listener edge:80); use one of: tcp.idle_timeout.seconds',
  ),
  flag(
    'attributes',
    'listener attributes idle timeout 5',
    ['listener', 'attributes', 'edge:80', '--set', 'tcp.idle_timeout.seconds=5'],
    'attribute "tcp.idle_timeout.seconds=5": must be a whole number from 60 to 6000',
  ),
  flag(
    'attributes',
    'listener attributes TCP key on HTTP',
    ['listener', 'attributes', 'web:80', '--set', 'tcp.idle_timeout.seconds=100'],
    'attribute "tcp.idle_timeout.seconds": not a listener attribute of an application load balancer (listener web:80)',
  ),
  flag(
    'attributes',
    'listener attributes no =',
    ['listener', 'attributes', 'edge:80', '--set', 'tcp.idle_timeout.seconds'],
    'write it as KEY=VALUE',
  ),
  flag(
    'acted on',
    'listener attributes of a missing listener',
    ['listener', 'attributes', 'edge:81', '--set', 'tcp.idle_timeout.seconds=100'],
    'listener "edge:81": not found',
    1,
  ),
];

const tagVerbCases = (): FlagCase[] => {
  const many = Array.from({ length: 50 }, (_, i) => `k${i}=v`);
  return [
    flag(
      'tags',
      'tags add elbctl: key',
      ['tags', 'add', 'web', 'elbctl:stack=shop'],
      'the "elbctl:" prefix is reserved',
    ),
    flag('tags', 'tags add aws: key', ['tags', 'add', 'app', 'aws:owner=me'], 'the "aws:" prefix is reserved by AWS'),
    flag('tags', 'tags add without =', ['tags', 'add', 'web:80', 'team'], 'tag "team": write it as KEY=VALUE'),
    flag('tags', 'tags add a bad character', ['tags', 'add', 'web:80:10', 'a!b=1'], 'use letters, digits, spaces'),
    flag('tags', 'tags add a key twice', ['tags', 'add', 'web', 'team=a', 'team=b'], 'tag key "team": given twice'),
    flag(
      'tags',
      'tags add a 257-character value',
      ['tags', 'add', 'web', `k=${'v'.repeat(257)}`],
      'the value is 257 characters, the limit is 256',
    ),
    flag(
      'limits',
      'tags add 51 to a target group',
      ['tags', 'add', 'app', ...many, 'one=more'],
      'tags: 51 given, the limit is 50 per resource; remove 1',
    ),
    flag(
      'tags',
      'tags remove an elbctl: key',
      ['tags', 'remove', 'web', 'elbctl:stack'],
      'the "elbctl:" prefix is reserved',
    ),
    flag(
      'tags',
      'tags remove an aws: key',
      ['tags', 'remove', 'web', 'aws:cloudformation:stack-name'],
      'the "aws:" prefix is reserved by AWS',
    ),
    flag('tags', 'tags remove an empty key', ['tags', 'remove', 'web', ''], 'tag key "": must not be empty'),
    flag(
      'acted on',
      'tags add a missing resource',
      ['tags', 'add', 'ghost', 'team=a'],
      'load balancer or target group "ghost": not found',
      1,
    ),
    flag(
      'references',
      'tags add an ambiguous name',
      ['tags', 'add', 'web2', 'team=a'],
      '"web2": names both a load balancer and a target group; say which: lb/web2 or tg/web2',
    ),
    flag(
      'references',
      'tags list an ambiguous name',
      ['tags', 'list', 'web2'],
      '"web2": names both a load balancer and a target group; say which: lb/web2 or tg/web2',
    ),
    flag(
      'acted on',
      'tags add a missing listener',
      ['tags', 'add', 'web:81', 'team=a'],
      'listener "web:81": not found',
      1,
    ),
    flag(
      'acted on',
      'tags add a missing rule',
      ['tags', 'add', 'web:80:11', 'team=a'],
      'rule "web:80:11": not found',
      1,
    ),
    flag(
      'global',
      'tags add --detailed-exitcode without --dry-run',
      ['tags', 'add', 'web', 'team=a', '--detailed-exitcode'],
      '--detailed-exitcode: only with --dry-run',
    ),
  ];
};

/** A stack's `tags:`: the same rule as the flags, elbctl's own tags counted against the 50. */
const stackTagCases = (): StackCase[] => {
  const tags = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `k${i}: v`).join(', ')} }`;
  return [
    edit(
      'tags',
      'an elbctl: tag on a load balancer',
      [['    type: application\n', '    type: application\n    tags: { "elbctl:stack": other }\n']],
      'the "elbctl:" prefix is reserved',
    ),
    edit(
      'tags',
      'an aws: tag on a target group',
      [['    port: 9000\n', '    port: 9000\n    tags: { "aws:owner": me }\n']],
      'the "aws:" prefix is reserved by AWS',
    ),
    edit(
      'tags',
      'a 257-character value on a listener',
      [['        protocol: HTTP\n', `        protocol: HTTP\n        tags: { team: ${'v'.repeat(257)} }\n`]],
      'the value is 257 characters, the limit is 256',
    ),
    edit(
      'tags',
      'a bad character in a rule tag key',
      [['            priority: 10\n', '            priority: 10\n            tags: { "a!b": x }\n']],
      'use letters, digits, spaces',
    ),
    edit(
      'tags',
      'a list as a tag value',
      [['    type: application\n', '    type: application\n    tags: { team: [a, b] }\n']],
      'tag "team" a list: must be text, a number or true or false',
    ),
    edit(
      'tags',
      'tags as a list',
      [['    type: application\n', '    type: application\n    tags: [team]\n']],
      'tags a list: must be a mapping, not a list',
    ),
    edit(
      'limits',
      '49 tags on a rule (2 added by elbctl)',
      [['            priority: 10\n', `            priority: 10\n            tags: ${tags(49)}\n`]],
      'tags: 49 given and 2 added by elbctl make 51, the limit is 50 per resource; remove 1',
    ),
    edit(
      'limits',
      '50 tags on a load balancer (1 added by elbctl)',
      [['    type: application\n', `    type: application\n    tags: ${tags(50)}\n`]],
      'tags: 50 given and 1 added by elbctl make 51',
    ),
  ];
};

export function day2FlagCases(): FlagCase[] {
  return [
    ...loadBalancerCases(),
    ...targetGroupCases(),
    ...listenerCases(),
    ...ruleCases(),
    ...certificateCases(),
    ...listenerAttributeCases(),
    ...tagVerbCases(),
  ];
}

export function day2StackCases(): StackCase[] {
  return stackTagCases();
}
