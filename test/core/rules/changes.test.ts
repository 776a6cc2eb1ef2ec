/**
 * The rulebook for changes in place (issue 11): load balancers (subnets, mappings, security
 * groups, address type), health checks changed on a live target group, tags removed by key,
 * group stickiness, listener attributes, and names of any kind of resource.
 */
import { checkListenerAttributes } from '../../../src/core/rules/attributes';
import { ElbctlError } from '../../../src/core/errors';
import { parseResourceRef } from '../../../src/core/references';
import { groupStickinessProblems } from '../../../src/core/rules/action';
import { healthCheckProblems } from '../../../src/core/rules/health-check';
import {
  dualstackSubnetsProblem,
  type LiveLoadBalancer,
  loadBalancerChangeProblems,
  subnetsOutsideVpcProblem,
} from '../../../src/core/rules/load-balancer';
import { parseSubnetMappings } from '../../../src/core/rules/subnet-mappings';
import { elbctlTags, tagKeyProblems, userTags, visibleTags } from '../../../src/core/rules/tags';

const messages = (ps: ReadonlyArray<{ message: string }>) => ps.map((p) => p.message);
const codes = (ps: ReadonlyArray<{ code: string }>) => ps.map((p) => p.code);

const ALB: LiveLoadBalancer = {
  name: 'web',
  type: 'application',
  scheme: 'internet-facing',
  subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
  securityGroups: ['sg-0aaa1111'],
  ipAddressType: 'ipv4',
};
const NLB: LiveLoadBalancer = { ...ALB, name: 'edge', type: 'network', securityGroups: [] };
const GWLB: LiveLoadBalancer = { ...ALB, name: 'inspect', type: 'gateway', securityGroups: [] };

describe('load balancers changed in place', () => {
  it('GIVEN a network load balancer created without security groups WHEN given some THEN refused: it can never have them', () => {
    expect(loadBalancerChangeProblems(NLB, { securityGroups: ['sg-0aaa1111'] })).toEqual([
      {
        code: 'E_SECURITY_GROUPS',
        message:
          'load balancer "edge": a network load balancer created without security groups can never have them; create a new one with --security-groups and move the traffic to it',
        path: ['securityGroups'],
      },
    ]);
  });

  it('GIVEN a network load balancer created with security groups WHEN given others THEN accepted', () => {
    expect(
      loadBalancerChangeProblems({ ...NLB, securityGroups: ['sg-0aaa1111'] }, { securityGroups: ['sg-0bbb2222'] }),
    ).toEqual([]);
  });

  it('GIVEN a gateway load balancer WHEN given security groups or losing a subnet THEN both refused', () => {
    expect(
      messages(loadBalancerChangeProblems(GWLB, { securityGroups: ['sg-0aaa1111'], subnets: ['subnet-0aaa1111'] })),
    ).toEqual([
      'load balancer "inspect": a gateway load balancer has no security groups; leave out --security-groups',
      'load balancer "inspect": a gateway load balancer keeps every subnet it has; subnet-0bbb2222 would be removed: list them too',
    ]);
  });

  it('GIVEN an application load balancer WHEN left with one subnet, no group or six groups THEN the rules of a new one refuse it', () => {
    expect(codes(loadBalancerChangeProblems(ALB, { subnets: ['subnet-0aaa1111'] }))).toEqual(['E_SUBNETS']);
    expect(messages(loadBalancerChangeProblems(ALB, { securityGroups: [] }))).toEqual([
      'load balancer "web": no security groups given; an application load balancer keeps at least one',
    ]);
    const six = ['1', '2', '3', '4', '5', '6'].map((n) => `sg-0000000${n}`);
    expect(codes(loadBalancerChangeProblems(ALB, { securityGroups: six }))).toEqual(['E_LIMIT']);
  });

  it('GIVEN dualstack-without-public-ipv4 WHEN asked of a network or an internal load balancer THEN refused, as at create', () => {
    expect(codes(loadBalancerChangeProblems(NLB, { ipAddressType: 'dualstack-without-public-ipv4' }))).toEqual([
      'E_ENUM',
    ]);
    expect(
      codes(
        loadBalancerChangeProblems({ ...ALB, scheme: 'internal' }, { ipAddressType: 'dualstack-without-public-ipv4' }),
      ),
    ).toEqual(['E_ENUM']);
    expect(loadBalancerChangeProblems(ALB, { ipAddressType: 'dualstack-without-public-ipv4' })).toEqual([]);
  });

  it('GIVEN subnet mappings WHEN Elastic IPs or private addresses do not fit the load balancer THEN each is refused', () => {
    const eip = { subnetId: 'subnet-0aaa1111', allocationId: 'eipalloc-0123456789abcdef0' };
    const privateIp = { subnetId: 'subnet-0aaa1111', privateIPv4Address: '10.0.1.10' };
    expect(messages(loadBalancerChangeProblems(ALB, { subnetMappings: [eip] }))).toEqual([
      'subnet mapping "subnet-0aaa1111": Elastic IPs and private addresses are for network load balancers; "web" is an application load balancer: give its subnets with --subnets',
    ]);
    expect(messages(loadBalancerChangeProblems({ ...NLB, scheme: 'internal' }, { subnetMappings: [eip] }))).toEqual([
      'subnet mapping "subnet-0aaa1111": an internal load balancer takes no Elastic IP; give a PrivateIPv4Address instead',
    ]);
    expect(messages(loadBalancerChangeProblems(NLB, { subnetMappings: [privateIp] }))).toEqual([
      'subnet mapping "subnet-0aaa1111": a private IPv4 address is for internal load balancers; give an AllocationId (Elastic IP) instead',
    ]);
    expect(loadBalancerChangeProblems(NLB, { subnetMappings: [eip] })).toEqual([]);
  });

  it('GIVEN --subnet-mapping values WHEN parsed THEN the AWS CLI shorthand in any key case; malformed ones named', () => {
    expect(
      parseSubnetMappings([
        'SubnetId=subnet-0aaa1111,AllocationId=eipalloc-0123456789abcdef0',
        'subnetid=subnet-0bbb2222,privateipv4address=10.0.2.10',
      ]),
    ).toEqual({
      mappings: [
        { subnetId: 'subnet-0aaa1111', allocationId: 'eipalloc-0123456789abcdef0' },
        { subnetId: 'subnet-0bbb2222', privateIPv4Address: '10.0.2.10' },
      ],
      problems: [],
    });
    expect(
      messages(
        parseSubnetMappings([
          'subnet-0aaa1111',
          'AllocationId=eipalloc-0123456789abcdef0',
          'SubnetId=subnet-0aaa1111,AllocationId=eip-1,PrivateIPv4Address=10.0.1,IPv6Address=2001:db8:::1',
        ]).problems,
      ),
    ).toEqual([
      'subnet mapping "subnet-0aaa1111": write SubnetId=subnet-…, optionally with ,AllocationId=eipalloc-…, ,PrivateIPv4Address=… or ,IPv6Address=…',
      'subnet mapping "AllocationId=eipalloc-0123456789abcdef0": SubnetId is missing; write SubnetId=subnet-…',
      'allocation ID "eip-1": not an Elastic IP allocation ID (eipalloc-…)',
      'private IPv4 address "10.0.1": not an IPv4 address',
      'IPv6 address "2001:db8:::1": not an IPv6 address',
    ]);
  });

  it('GIVEN subnets read from the account WHEN dualstack is asked THEN every subnet needs an IPv6 block; and all must be in its VPC', () => {
    const found = [
      {
        id: 'subnet-0aaa1111',
        vpcId: 'vpc-1',
        availabilityZone: 'us-east-1a',
        cidr: '10.0.1.0/24',
        ipv6Cidrs: ['2600:1f18::/64'],
      },
      { id: 'subnet-0bbb2222', vpcId: 'vpc-2', availabilityZone: 'us-east-1b', cidr: '10.0.2.0/24', ipv6Cidrs: [] },
    ];
    expect(dualstackSubnetsProblem('web', 'dualstack', ['subnet-0aaa1111', 'subnet-0bbb2222'], found)?.message).toBe(
      'load balancer "web": dualstack needs an IPv6 block in each of its subnets, and subnet-0bbb2222 has none; associate one (aws ec2 associate-subnet-cidr-block) or keep ipv4',
    );
    expect(dualstackSubnetsProblem('web', 'ipv4', ['subnet-0bbb2222'], found)).toBeUndefined();
    expect(subnetsOutsideVpcProblem('web', 'vpc-1', ['subnet-0aaa1111', 'subnet-0bbb2222'], found)?.message).toBe(
      'subnet "subnet-0bbb2222" (in vpc-2): not in vpc-1, the VPC of load balancer "web"; use subnets of that VPC',
    );
  });
});

describe('health checks, as the Decisions have them', () => {
  const nlbGroup = { name: 'tcp', protocol: 'TCP', targetType: 'instance' as const };
  const albGroup = { name: 'api', protocol: 'HTTP', targetType: 'instance' as const };

  it('GIVEN a TCP check WHEN a path or matcher is set THEN both refused', () => {
    expect(codes(healthCheckProblems({ protocol: 'TCP', path: '/x', matcher: '200' }, nlbGroup, 'flags'))).toEqual([
      'E_HEALTH_CHECK',
      'E_HEALTH_CHECK',
    ]);
  });

  it('GIVEN an HTTP check of a network load balancer target group WHEN matching 200-599 THEN accepted; 200-599 behind an ALB is not', () => {
    expect(healthCheckProblems({ protocol: 'HTTP', matcher: '200-599' }, nlbGroup, 'flags')).toEqual([]);
    expect(messages(healthCheckProblems({ matcher: '200-599' }, albGroup, 'flags'))).toEqual([
      'health check matcher "200-599": codes must be from 200 to 499, low to high',
    ]);
  });

  it('GIVEN any protocol WHEN interval and timeout are at their edges THEN 5-300 and 2-120, the timeout below the interval', () => {
    expect(healthCheckProblems({ intervalSeconds: 5, timeoutSeconds: 2 }, nlbGroup, 'flags')).toEqual([]);
    expect(healthCheckProblems({ intervalSeconds: 300, timeoutSeconds: 120 }, albGroup, 'flags')).toEqual([]);
    expect(codes(healthCheckProblems({ intervalSeconds: 4 }, nlbGroup, 'flags'))).toEqual(['E_RANGE']);
    expect(codes(healthCheckProblems({ intervalSeconds: 10, timeoutSeconds: 10 }, nlbGroup, 'flags'))).toEqual([
      'E_HEALTH_CHECK',
    ]);
  });
});

describe('tags', () => {
  const live = { env: 'prod', 'elbctl:stack': 'shop', 'aws:cloudformation:stack-name': 'legacy' };

  it('GIVEN a resource tags WHEN split THEN the user sees all but elbctl own; only neither-elbctl-nor-aws ones are changeable', () => {
    expect(visibleTags(live)).toEqual({ env: 'prod', 'aws:cloudformation:stack-name': 'legacy' });
    expect(userTags(live)).toEqual({ env: 'prod' });
    expect(elbctlTags(live)).toEqual({ 'elbctl:stack': 'shop' });
  });

  it('GIVEN keys to remove WHEN judged THEN reserved, empty and repeated keys are refused', () => {
    expect(messages(tagKeyProblems(['env', 'elbctl:stack', 'AWS:x', '', 'env']))).toEqual([
      `tag key "elbctl:stack": the "elbctl:" prefix is reserved for elbctl's own tags (which stack owns a resource); choose another key`,
      'tag key "AWS:x": the "aws:" prefix is reserved by AWS; choose another key',
      'tag key "": must not be empty; name the key to remove',
      'tag key "env": given twice; give each key once',
    ]);
  });
});

describe('group stickiness', () => {
  it.each([
    ['300', true, 'application', []],
    ['0', true, 'application', ['E_STICKINESS']],
    ['604801', true, 'application', ['E_STICKINESS']],
    ['300', false, undefined, ['E_STICKINESS']],
    ['300', true, 'network', ['E_STICKINESS']],
  ] as const)('GIVEN %s seconds (forward: %s, on %s) WHEN judged THEN %j', (raw, forward, type, expected) => {
    expect(codes(groupStickinessProblems(raw, { forward, loadBalancerType: type }))).toEqual(expected);
  });
});

describe('listener attributes', () => {
  it('GIVEN keys of each kind of listener WHEN judged THEN each only where it exists, values checked', () => {
    expect(
      checkListenerAttributes('network', 'listener edge:443', [{ key: 'tcp.idle_timeout.seconds', value: '600' }]),
    ).toEqual([]);
    expect(
      messages(
        checkListenerAttributes('network', 'listener edge:443', [
          { key: 'tcp.idle_timeout.seconds', value: '30' },
          { key: 'routing.http.response.server.enabled', value: 'false' },
        ]),
      ),
    ).toEqual([
      'attribute "tcp.idle_timeout.seconds=30": must be a whole number from 60 to 6000',
      'attribute "routing.http.response.server.enabled": not a listener attribute of a network load balancer (listener edge:443); use one of: tcp.idle_timeout.seconds',
    ]);
    expect(
      messages(
        checkListenerAttributes('application', 'listener web:443', [
          { key: 'routing.http.response.x_frame_options.header_value', value: 'SAMEORIGIN' },
          { key: 'routing.http.response.x_content_type_options.header_value', value: 'yes' },
        ]),
      ),
    ).toEqual(['attribute "routing.http.response.x_content_type_options.header_value=ye…": must be one of nosniff']);
  });
});

describe('names of any kind of resource', () => {
  const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
  it.each([
    ['web', { kind: 'name', name: 'web' }],
    ['lb/web', { kind: 'load-balancer', ref: 'web' }],
    ['tg/api', { kind: 'target-group', ref: 'api' }],
    ['web:443', { kind: 'listener', ref: { kind: 'lb-port', loadBalancer: 'web', port: 443 } }],
    ['web:443:10', { kind: 'rule', ref: { kind: 'lb-port-priority', loadBalancer: 'web', port: 443, priority: 10 } }],
    [LB, { kind: 'load-balancer', ref: LB }],
    [`${LB}:443`, { kind: 'listener', ref: { kind: 'lb-port', loadBalancer: LB, port: 443 } }],
    [
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
      {
        kind: 'target-group',
        ref: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
      },
    ],
  ])('GIVEN %s WHEN parsed THEN %j', (value, expected) => {
    expect(parseResourceRef(value)).toEqual(expected);
  });

  it.each([
    ['lb/web_1', 'resource "lb/web_1": "web_1" is not a load balancer name'],
    ['web:eighty', 'listener "web:eighty": name it by its ARN or as LB:PORT'],
    ['a/b/c', 'resource "a/b/c": not a name, an ARN or a reference elbctl knows'],
    [
      'arn:aws:s3:::bucket',
      'resource "arn:aws:s3:::bucket": not the ARN of a load balancer, target group, listener or rule',
    ],
  ])('GIVEN %s WHEN parsed THEN a usage error: %s', (value, message) => {
    let error: unknown;
    try {
      parseResourceRef(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ElbctlError);
    expect((error as ElbctlError).code).toBe('E_BAD_REF');
    expect((error as ElbctlError).message).toContain(message);
  });
});
