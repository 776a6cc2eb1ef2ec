import { admissionsLost } from '../../src/core/doctor/security-group-change';
import { admits, cidrContains, ipInCidr } from '../../src/core/doctor/network';
import { diagnose, summarizeChecks } from '../../src/core/doctor/diagnose';
import type {
  Check,
  DoctorFacts,
  InstanceFacts,
  LoadBalancerFacts,
  SecurityGroupFacts,
  TargetGroupFacts,
} from '../../src/core/doctor/facts';
import type { HealthCheck, Listener, LoadBalancer, Rule, TargetGroup, TargetHealth } from '../../src/core/model';

const LB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
const NLB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/0123456789abcdef';
const TG_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067';

const alb = (extra: Partial<LoadBalancer> = {}): LoadBalancer => ({
  name: 'web',
  arn: LB_ARN,
  type: 'application',
  scheme: 'internet-facing',
  state: 'active',
  dnsName: 'web-1.us-east-1.elb.amazonaws.com',
  vpcId: 'vpc-0abc',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  subnets: ['subnet-0aaa', 'subnet-0bbb'],
  securityGroups: ['sg-0lb'],
  ipAddressType: 'ipv4',
  ...extra,
});

const nlb = (extra: Partial<LoadBalancer> = {}): LoadBalancer =>
  alb({ name: 'edge', arn: NLB_ARN, type: 'network', securityGroups: [], ...extra });

const HC: HealthCheck = {
  enabled: true,
  protocol: 'HTTP',
  port: 'traffic-port',
  path: '/healthz',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  matcher: '200',
};

const targetGroup = (extra: Partial<TargetGroup> = {}, hc: Partial<HealthCheck> = {}): TargetGroup => ({
  name: 'api',
  arn: TG_ARN,
  protocol: 'HTTP',
  port: 8080,
  targetType: 'instance',
  vpcId: 'vpc-0abc',
  loadBalancers: [LB_ARN],
  healthCheck: { ...HC, ...hc },
  ...extra,
});

const forward = (arn = TG_ARN, weight?: number) => ({
  type: 'forward' as const,
  targetGroups: [{ targetGroupArn: arn, ...(weight !== undefined ? { weight } : {}) }],
});

const listener = (
  port: number,
  protocol = 'HTTP',
  lbArn = LB_ARN,
  defaultActions: Listener['defaultActions'] = [forward()],
): Listener => ({
  arn: `${lbArn.replace(':loadbalancer/', ':listener/')}/l${port}`,
  loadBalancerArn: lbArn,
  protocol,
  port,
  certificates: [],
  defaultActions,
});

const SUBNETS = [
  { id: 'subnet-0aaa', availabilityZone: 'us-east-1a', cidr: '10.0.1.0/24' },
  { id: 'subnet-0bbb', availabilityZone: 'us-east-1b', cidr: '10.0.2.0/24' },
];

const lbFacts = (lb: LoadBalancer = alb(), extra: Partial<LoadBalancerFacts> = {}): LoadBalancerFacts => ({
  loadBalancer: lb,
  subnets: SUBNETS,
  crossZone: lb.type === 'application',
  listeners: [{ listener: listener(80, lb.type === 'application' ? 'HTTP' : 'TCP', lb.arn), rules: [] }],
  ...extra,
});

const target = (id: string, extra: Partial<TargetHealth> = {}): TargetHealth => ({
  id,
  port: 8080,
  state: 'healthy',
  ...extra,
});
const instance = (id: string, zone: string, subnetId: string, extra: Partial<InstanceFacts> = {}): InstanceFacts => ({
  id,
  state: 'running',
  availabilityZone: zone,
  subnetId,
  privateIp: zone.endsWith('a') ? '10.0.1.10' : '10.0.2.10',
  securityGroups: ['sg-0app'],
  ...extra,
});
const fromLb: SecurityGroupFacts = {
  id: 'sg-0app',
  ingress: [{ protocol: 'tcp', fromPort: 8080, toPort: 8080, cidrs: [], sourceGroups: ['sg-0lb'] }],
};
const sg = (...ingress: SecurityGroupFacts['ingress']): SecurityGroupFacts => ({ id: 'sg-0app', ingress });

function facts(extra: Partial<DoctorFacts> = {}, tg: Partial<TargetGroupFacts> = {}): DoctorFacts {
  return {
    targetGroups: [{ targetGroup: targetGroup(), attributes: {}, health: [target('i-0aaa'), target('i-0bbb')], ...tg }],
    loadBalancers: [lbFacts()],
    instances: [instance('i-0aaa', 'us-east-1a', 'subnet-0aaa'), instance('i-0bbb', 'us-east-1b', 'subnet-0bbb')],
    securityGroups: [fromLb],
    interfaces: [],
    vpcCidrs: { 'vpc-0abc': ['10.0.0.0/16'] },
    candidates: [],
    ...extra,
  };
}

const find = (checks: Check[], name: string): Check => {
  const c = checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name} in ${checks.map((x) => x.name).join(', ')}`);
  return c;
};

describe('a healthy application load balancer setup', () => {
  it('GIVEN targets that admit the load balancer, in its zones, running, with a sane health check WHEN diagnosed THEN every check passes', () => {
    const checks = diagnose(facts());
    expect(checks).toEqual([
      { name: 'api/target-health', status: 'pass', detail: 'all 2 targets healthy', fix: null },
      { name: 'api/in-use', status: 'pass', detail: 'forwarded to by web:80 default action', fix: null },
      {
        name: 'api/health-check',
        status: 'pass',
        detail: 'HTTP /healthz on traffic-port, matcher 200, every 30 s (timeout 5 s)',
        fix: null,
      },
      {
        name: 'api/instance-state',
        status: 'pass',
        detail: 'every instance target is running (2 instances)',
        fix: null,
      },
      {
        name: 'api/traffic-port',
        status: 'pass',
        detail:
          "every target's security groups admit the load balancer's security group (sg-0lb) for traffic and health checks on tcp 8080",
        fix: null,
      },
      {
        name: 'api/zones',
        status: 'pass',
        detail: 'every target is in a zone web has enabled (us-east-1a, us-east-1b)',
        fix: null,
      },
      {
        name: 'api/cross-zone',
        status: 'pass',
        detail:
          "cross-zone load balancing is on (always on for an application load balancer unless a target group turns it off): each zone's node sends to targets in every zone",
        fix: null,
      },
    ]);
    expect(summarizeChecks(checks)).toEqual({ pass: 7, warn: 0, fail: 0 });
  });
});

describe('security groups', () => {
  it('GIVEN no rule for the target port WHEN diagnosed THEN fails with the exact authorize command', () => {
    const checks = diagnose(
      facts({
        securityGroups: [sg({ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'], sourceGroups: [] })],
      }),
    );
    expect(find(checks, 'api/traffic-port')).toEqual({
      name: 'api/traffic-port',
      status: 'fail',
      detail:
        "no inbound rule admits the load balancer's security group (sg-0lb) for traffic and health checks: i-0aaa:8080 (sg-0app) on tcp 8080, i-0bbb:8080 (sg-0app) on tcp 8080",
      fix: 'aws ec2 authorize-security-group-ingress --group-id sg-0app --protocol tcp --port 8080 --source-group sg-0lb',
    });
  });

  it.each([
    ['an all-traffic rule from the load balancer group', { protocol: '-1', cidrs: [], sourceGroups: ['sg-0lb'] }],
    [
      'a port range from the load balancer group',
      { protocol: 'tcp', fromPort: 8000, toPort: 9000, cidrs: [], sourceGroups: ['sg-0lb'] },
    ],
    [
      'the VPC CIDR, which holds the load balancer subnets',
      { protocol: '6', fromPort: 8080, toPort: 8080, cidrs: ['10.0.0.0/16'], sourceGroups: [] },
    ],
  ])('GIVEN %s WHEN diagnosed THEN the traffic port passes', (_what, rule) => {
    expect(find(diagnose(facts({ securityGroups: [sg(rule)] })), 'api/traffic-port').status).toBe('pass');
  });

  it.each([
    ['a UDP rule', { protocol: 'udp', fromPort: 8080, toPort: 8080, cidrs: [], sourceGroups: ['sg-0lb'] }],
    ['another source group', { protocol: 'tcp', fromPort: 8080, toPort: 8080, cidrs: [], sourceGroups: ['sg-0other'] }],
    [
      'only one of the load balancer subnets',
      { protocol: 'tcp', fromPort: 8080, toPort: 8080, cidrs: ['10.0.1.0/24'], sourceGroups: [] },
    ],
  ])('GIVEN %s WHEN diagnosed THEN the traffic port fails', (_what, rule) => {
    expect(find(diagnose(facts({ securityGroups: [sg(rule)] })), 'api/traffic-port').status).toBe('fail');
  });

  it('GIVEN a separate health-check port that is closed WHEN diagnosed THEN traffic passes and the health-check port fails with its own command', () => {
    const checks = diagnose(facts({}, { targetGroup: targetGroup({}, { port: '8081' }) }));
    expect(find(checks, 'api/traffic-port')).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('for traffic on tcp 8080'),
    });
    expect(find(checks, 'api/health-check-port')).toMatchObject({
      status: 'fail',
      fix: 'aws ec2 authorize-security-group-ingress --group-id sg-0app --protocol tcp --port 8081 --source-group sg-0lb',
    });
  });

  it('GIVEN an NLB without security groups and targets that admit its subnets WHEN diagnosed THEN passes naming the subnets', () => {
    const checks = diagnose(
      facts(
        {
          loadBalancers: [lbFacts(nlb({ scheme: 'internal' }))],
          securityGroups: [
            sg({ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['10.0.0.0/16'], sourceGroups: [] }),
          ],
        },
        {
          targetGroup: targetGroup(
            { protocol: 'TCP', port: 443, loadBalancers: [NLB_ARN] },
            { protocol: 'TCP', path: undefined, matcher: undefined },
          ),
          health: [target('i-0aaa', { port: 443 })],
        },
      ),
    );
    expect(find(checks, 'api/traffic-port')).toEqual({
      name: 'api/traffic-port',
      status: 'pass',
      detail:
        "every target's security groups admit the load balancer's subnets (10.0.1.0/24, 10.0.2.0/24) for traffic and health checks on tcp 443",
      fix: null,
    });
  });

  it('GIVEN an NLB without security groups and no rule WHEN diagnosed THEN fails with a --cidr command for the VPC', () => {
    const checks = diagnose(
      facts(
        { loadBalancers: [lbFacts(nlb())], securityGroups: [sg()] },
        {
          targetGroup: targetGroup(
            { protocol: 'TCP', port: 443, loadBalancers: [NLB_ARN] },
            { protocol: 'TCP', path: undefined, matcher: undefined },
          ),
          health: [target('i-0aaa', { port: 443 })],
        },
      ),
    );
    expect(find(checks, 'api/traffic-port').fix).toBe(
      'aws ec2 authorize-security-group-ingress --group-id sg-0app --protocol tcp --port 443 --cidr 10.0.0.0/16',
    );
  });

  it('GIVEN an internet-facing NLB whose instance targets admit only the VPC WHEN diagnosed THEN warns that client addresses are blocked', () => {
    const checks = diagnose(
      facts(
        {
          loadBalancers: [lbFacts(nlb())],
          securityGroups: [
            sg({ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['10.0.0.0/16'], sourceGroups: [] }),
          ],
        },
        {
          targetGroup: targetGroup(
            { protocol: 'TCP', port: 443, loadBalancers: [NLB_ARN] },
            { protocol: 'TCP', path: undefined, matcher: undefined },
          ),
          health: [target('i-0aaa', { port: 443 })],
        },
      ),
    );
    expect(find(checks, 'api/traffic-port')).toEqual({
      name: 'api/traffic-port',
      status: 'warn',
      detail:
        'the internet-facing load balancer preserves client addresses, but these targets admit only private ranges: i-0aaa:443 (10.0.0.0/16)',
      fix: "admit your clients' addresses, e.g. aws ec2 authorize-security-group-ingress --group-id sg-0app --protocol tcp --port 443 --cidr 0.0.0.0/0",
    });
  });

  it('GIVEN IP targets WHEN diagnosed THEN the security groups of their network interfaces are checked, and an unseen address warns', () => {
    const ipGroup = targetGroup({ targetType: 'ip' });
    const health = [target('10.0.1.5'), target('10.0.2.6')];
    const open = facts(
      {
        interfaces: [
          { privateIps: ['10.0.1.5'], securityGroups: ['sg-0app'], availabilityZone: 'us-east-1a' },
          { privateIps: ['10.0.2.6'], securityGroups: ['sg-0app'], availabilityZone: 'us-east-1b' },
        ],
      },
      { targetGroup: ipGroup, health },
    );
    expect(find(diagnose(open), 'api/traffic-port').status).toBe('pass');
    const unseen = facts(
      { interfaces: [{ privateIps: ['10.0.1.5'], securityGroups: ['sg-0app'] }] },
      { targetGroup: ipGroup, health },
    );
    expect(find(diagnose(unseen), 'api/traffic-port')).toMatchObject({
      status: 'warn',
      detail:
        "cannot see the security groups of 10.0.2.6:8080 (outside the VPC or not an instance/interface of this account); make sure they admit the load balancer's security group (sg-0lb) for traffic and health checks",
    });
  });
});

describe('zones and cross-zone', () => {
  it('GIVEN an instance in a zone the load balancer does not use WHEN diagnosed THEN zones fails with set-subnets adding its subnet', () => {
    const checks = diagnose(
      facts({
        instances: [instance('i-0aaa', 'us-east-1a', 'subnet-0aaa'), instance('i-0bbb', 'us-east-1c', 'subnet-0ccc')],
      }),
    );
    expect(find(checks, 'api/zones')).toEqual({
      name: 'api/zones',
      status: 'fail',
      detail:
        'i-0bbb:8080 is in us-east-1c, which web does not use (it has us-east-1a, us-east-1b); the load balancer never sends traffic there',
      fix: `aws elbv2 set-subnets --load-balancer-arn ${LB_ARN} --subnets subnet-0aaa subnet-0bbb subnet-0ccc`,
    });
  });

  it('GIVEN the target group turns cross-zone off and one zone has no targets WHEN diagnosed THEN fails naming the zone and both fixes', () => {
    const checks = diagnose(
      facts({}, { attributes: { 'load_balancing.cross_zone.enabled': 'false' }, health: [target('i-0aaa')] }),
    );
    expect(find(checks, 'api/cross-zone')).toEqual({
      name: 'api/cross-zone',
      status: 'fail',
      detail:
        "cross-zone load balancing is off (target group attribute load_balancing.cross_zone.enabled=false) and us-east-1b has no targets: the load balancer's node there has nowhere to send traffic",
      fix: 'register a target in us-east-1b (elbctl targets register api ID), or turn cross-zone on: elbctl tg cross-zone api on',
    });
  });

  it('GIVEN cross-zone off but targets in every zone WHEN diagnosed THEN passes', () => {
    const checks = diagnose(facts({}, { attributes: { 'load_balancing.cross_zone.enabled': 'false' } }));
    expect(find(checks, 'api/cross-zone').status).toBe('pass');
  });

  it('GIVEN an NLB with its default (off) and targets in one zone WHEN diagnosed THEN fails with lb cross-zone; with it on THEN passes', () => {
    const tcp = {
      targetGroup: targetGroup(
        { protocol: 'TCP', loadBalancers: [NLB_ARN] },
        { protocol: 'TCP', path: undefined, matcher: undefined },
      ),
      health: [target('i-0aaa')],
    };
    const nlbSg: SecurityGroupFacts = sg({
      protocol: 'tcp',
      fromPort: 8080,
      toPort: 8080,
      cidrs: ['0.0.0.0/0'],
      sourceGroups: [],
    });
    const off = diagnose(facts({ loadBalancers: [lbFacts(nlb())], securityGroups: [nlbSg] }, tcp));
    expect(find(off, 'api/cross-zone')).toMatchObject({
      status: 'fail',
      fix: 'register a target in us-east-1b (elbctl targets register api ID), or turn cross-zone on: elbctl lb cross-zone edge on',
    });
    const on = diagnose(facts({ loadBalancers: [lbFacts(nlb(), { crossZone: true })], securityGroups: [nlbSg] }, tcp));
    expect(find(on, 'api/cross-zone')).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('load balancer attribute load_balancing.cross_zone.enabled=true'),
    });
  });
});

describe('instance and IP targets', () => {
  it('GIVEN a stopped, a terminated and a missing instance WHEN diagnosed THEN fails with start and deregister commands', () => {
    const checks = diagnose(
      facts(
        {
          instances: [
            instance('i-0aaa', 'us-east-1a', 'subnet-0aaa', { state: 'stopped' }),
            instance('i-0bbb', 'us-east-1b', 'subnet-0bbb', { state: 'terminated' }),
          ],
        },
        { health: [target('i-0aaa'), target('i-0bbb'), target('i-0ccc')] },
      ),
    );
    expect(find(checks, 'api/instance-state')).toEqual({
      name: 'api/instance-state',
      status: 'fail',
      detail: 'i-0aaa is stopped, i-0bbb is terminated, i-0ccc does not exist: a target must be a running instance',
      fix: 'aws ec2 start-instances --instance-ids i-0aaa\nelbctl targets deregister api i-0bbb i-0ccc',
    });
  });

  it('GIVEN a pending instance WHEN diagnosed THEN warns', () => {
    const checks = diagnose(
      facts({
        instances: [
          instance('i-0aaa', 'us-east-1a', 'subnet-0aaa', { state: 'pending' }),
          instance('i-0bbb', 'us-east-1b', 'subnet-0bbb'),
        ],
      }),
    );
    expect(find(checks, 'api/instance-state')).toMatchObject({
      status: 'warn',
      detail: 'i-0aaa still starting (pending)',
    });
  });

  it('GIVEN IP targets inside the VPC or with zone all WHEN diagnosed THEN passes; outside without all THEN fails with re-registration', () => {
    const ipGroup = targetGroup({ targetType: 'ip' });
    const ok = diagnose(
      facts(
        {},
        { targetGroup: ipGroup, health: [target('10.0.1.5'), target('203.0.113.9', { availabilityZone: 'all' })] },
      ),
    );
    expect(find(ok, 'api/ip-in-vpc').status).toBe('pass');
    const bad = diagnose(facts({}, { targetGroup: ipGroup, health: [target('203.0.113.9')] }));
    expect(find(bad, 'api/ip-in-vpc')).toEqual({
      name: 'api/ip-in-vpc',
      status: 'fail',
      detail: '203.0.113.9:8080 is outside vpc-0abc (10.0.0.0/16) but not registered with zone all',
      fix: 'elbctl targets deregister api 203.0.113.9:8080 && elbctl targets register api 203.0.113.9:8080@all',
    });
  });
});

describe('health check consistency', () => {
  const hcCheck = (hc: Partial<HealthCheck>, tg: Partial<TargetGroup> = {}, lbs: LoadBalancerFacts[] = [lbFacts()]) =>
    find(diagnose(facts({ loadBalancers: lbs }, { targetGroup: targetGroup(tg, hc) })), 'api/health-check');

  it.each([
    [
      'a timeout as long as the interval',
      { timeoutSeconds: 30, intervalSeconds: 30 },
      'timeout 30 s is not shorter than the interval 30 s',
      '--health-check-timeout-seconds 5',
    ],
    ['a path without a slash', { path: 'healthz' }, 'path "healthz" must start with /', '--health-check-path /'],
    [
      'a matcher below 200',
      { matcher: '100' },
      'matcher "100" must be HTTP codes from 200 to 499 (e.g. 200 or 200-299)',
      '--matcher HttpCode=200-299',
    ],
    [
      'a malformed matcher',
      { matcher: '2xx' },
      'matcher "2xx" must be HTTP codes from 200 to 499 (e.g. 200 or 200-299)',
      '--matcher HttpCode=200-299',
    ],
    [
      'TCP checks behind an ALB',
      { protocol: 'TCP' },
      "protocol TCP cannot health-check an application load balancer's targets (use HTTP or HTTPS)",
      '--health-check-protocol HTTP',
    ],
    [
      'a bad port',
      { port: '70000' },
      'port "70000" is not traffic-port or a port from 1 to 65535',
      '--health-check-port traffic-port',
    ],
    [
      'a healthy threshold of 1',
      { healthyThreshold: 1 },
      'healthy threshold 1 is outside 2-10',
      '--healthy-threshold-count 2',
    ],
  ])('GIVEN %s WHEN diagnosed THEN fails with a modify-target-group fix', (_what, hc, problem, flag) => {
    const c = hcCheck(hc);
    expect(c.status).toBe('fail');
    expect(c.detail).toContain(problem);
    expect(c.fix).toBe(`aws elbv2 modify-target-group --target-group-arn ${TG_ARN} ${flag}`);
  });

  it('GIVEN targets answering 302 outside the matcher WHEN diagnosed THEN fails naming the codes, and widens the matcher', () => {
    const checks = diagnose(
      facts(
        {},
        {
          health: [
            target('i-0aaa', {
              state: 'unhealthy',
              reason: 'Target.ResponseCodeMismatch',
              description: 'Health checks failed with these codes: [302]',
            }),
            target('i-0bbb'),
          ],
        },
      ),
    );
    expect(find(checks, 'api/health-check')).toEqual({
      name: 'api/health-check',
      status: 'fail',
      detail:
        'HTTP /healthz on traffic-port, matcher 200, every 30 s (timeout 5 s): targets answer 302 at /healthz, outside the matcher 200',
      fix: `aws elbv2 modify-target-group --target-group-arn ${TG_ARN} --matcher HttpCode=200-399`,
    });
    expect(find(checks, 'api/target-health')).toMatchObject({ status: 'fail', fix: 'fix api/health-check (below)' });
  });

  it('GIVEN targets answering 404 WHEN diagnosed THEN the fix points the path at a page that answers 200', () => {
    const checks = diagnose(
      facts(
        {},
        {
          health: [
            target('i-0aaa', {
              state: 'unhealthy',
              reason: 'Target.ResponseCodeMismatch',
              description: 'Health checks failed with these codes: [404]',
            }),
          ],
        },
      ),
    );
    expect(find(checks, 'api/health-check').fix).toBe(
      `aws elbv2 modify-target-group --target-group-arn ${TG_ARN} --health-check-path /<a path that answers 200>`,
    );
  });

  it('GIVEN HTTPS checks on an HTTP target group WHEN diagnosed THEN warns that targets must speak TLS', () => {
    expect(hcCheck({ protocol: 'HTTPS' })).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('they must also answer TLS'),
    });
  });

  it.each([
    [
      'NLB HTTP checks with 200-599',
      { matcher: '200-599' },
      { protocol: 'TCP', loadBalancers: [NLB_ARN] },
      [lbFacts(nlb())],
    ],
    ['a gRPC matcher', { matcher: '0-99' }, {}, [lbFacts()]],
  ] as const)('GIVEN %s WHEN diagnosed THEN passes', (_what, hc, tg, lbs) => {
    expect(hcCheck(hc, tg as Partial<TargetGroup>, lbs as unknown as LoadBalancerFacts[]).status).toBe('pass');
  });

  it('GIVEN health checks off WHEN diagnosed THEN passes for lambda and fails for instances', () => {
    expect(hcCheck({ enabled: false }, { targetType: 'lambda' })).toMatchObject({
      status: 'pass',
      detail: 'health checks are off (allowed for lambda targets)',
    });
    expect(hcCheck({ enabled: false })).toMatchObject({
      status: 'fail',
      fix: `aws elbv2 modify-target-group --target-group-arn ${TG_ARN} --health-check-enabled`,
    });
  });
});

describe('in use by a listener or rule', () => {
  const HTTPS = listener(443, 'HTTPS', LB_ARN, [{ type: 'fixed-response', statusCode: '404' }]);
  const rule = (priority: number, weight?: number): Rule => ({
    arn: `${LB_ARN}/r${priority}`,
    priority,
    isDefault: false,
    conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
    actions: [
      weight === undefined
        ? forward()
        : {
            type: 'forward',
            targetGroups: [
              { targetGroupArn: TG_ARN, weight },
              { targetGroupArn: 'arn:other', weight: 100 },
            ],
          },
    ],
  });

  it('GIVEN a rule forwards to it WHEN diagnosed THEN passes naming the rule', () => {
    const checks = diagnose(
      facts({ loadBalancers: [lbFacts(alb(), { listeners: [{ listener: HTTPS, rules: [rule(10)] }] })] }),
    );
    expect(find(checks, 'api/in-use')).toMatchObject({ status: 'pass', detail: 'forwarded to by web:443 rule 10' });
  });

  it('GIVEN only a weight-0 share WHEN diagnosed THEN warns that it gets no traffic', () => {
    const checks = diagnose(
      facts({ loadBalancers: [lbFacts(alb(), { listeners: [{ listener: HTTPS, rules: [rule(10, 0)] }] })] }),
    );
    expect(find(checks, 'api/in-use')).toMatchObject({
      status: 'warn',
      detail: 'forwarded to with weight 0 only: web:443 rule 10 (weight 0); it receives no traffic',
    });
  });

  it('GIVEN no listener uses it and an ALB in its VPC has an HTTPS listener WHEN diagnosed THEN fails suggesting a rule there', () => {
    const checks = diagnose(
      facts(
        {
          loadBalancers: [],
          candidates: [
            lbFacts(alb(), {
              listeners: [
                { listener: listener(80), rules: [] },
                { listener: HTTPS, rules: [] },
              ],
            }),
          ],
        },
        {
          targetGroup: targetGroup({ loadBalancers: [] }),
          health: [target('i-0aaa', { state: 'unused', reason: 'Target.NotInUse' })],
        },
      ),
    );
    expect(find(checks, 'api/in-use')).toEqual({
      name: 'api/in-use',
      status: 'fail',
      detail:
        'no listener or rule forwards to api, so its targets get no traffic and no health checks (Target.NotInUse); it could be used by web:80 (HTTP), web:443 (HTTPS)',
      fix: "elbctl rule add web:443 --path '/api/*' --forward api",
    });
    expect(find(checks, 'api/target-health')).toMatchObject({ status: 'fail', fix: 'fix api/in-use (below)' });
  });

  it('GIVEN an unused TCP target group and an NLB already listening on its port WHEN diagnosed THEN suggests a listener on the next free port', () => {
    const checks = diagnose(
      facts(
        {
          loadBalancers: [],
          candidates: [lbFacts(nlb(), { listeners: [{ listener: listener(8080, 'TCP', NLB_ARN, []), rules: [] }] })],
        },
        {
          targetGroup: targetGroup(
            { protocol: 'TCP', loadBalancers: [] },
            { protocol: 'TCP', path: undefined, matcher: undefined },
          ),
          health: [],
        },
      ),
    );
    expect(find(checks, 'api/in-use').fix).toBe('elbctl listener create edge --protocol TCP --port 8081 --forward api');
  });

  it('GIVEN an unused target group and no load balancer that could use it WHEN diagnosed THEN says to create one', () => {
    const checks = diagnose(
      facts({ loadBalancers: [] }, { targetGroup: targetGroup({ loadBalancers: [] }), health: [] }),
    );
    expect(find(checks, 'api/in-use')).toMatchObject({
      status: 'fail',
      detail:
        'no listener or rule forwards to api, so its targets get no traffic and no health checks (Target.NotInUse)',
      fix: 'create an application load balancer in vpc-0abc, then: elbctl listener create LB --protocol HTTP --port 8080 --forward api',
    });
  });
});

describe('target health, the symptom', () => {
  it('GIVEN no targets WHEN diagnosed THEN fails with the register command and skips the per-target checks', () => {
    const checks = diagnose(facts({}, { health: [] }));
    expect(checks.map((c) => c.name)).toEqual(['api/target-health', 'api/in-use', 'api/health-check']);
    expect(checks[0]).toEqual({
      name: 'api/target-health',
      status: 'fail',
      detail: 'no targets registered',
      fix: 'elbctl targets register api ID[:PORT] ..',
    });
  });

  it('GIVEN a timing-out target and a closed port WHEN diagnosed THEN the symptom points at the security group check', () => {
    const checks = diagnose(
      facts(
        { securityGroups: [sg()] },
        { health: [target('i-0aaa', { state: 'unhealthy', reason: 'Target.Timeout' }), target('i-0bbb')] },
      ),
    );
    expect(checks[0]).toEqual({
      name: 'api/target-health',
      status: 'fail',
      detail: '1 of 2 targets not healthy: i-0aaa:8080 unhealthy (Target.Timeout)',
      fix: 'fix api/traffic-port (below)',
    });
  });

  it('GIVEN failing health checks but no configuration cause WHEN diagnosed THEN the fix is a probe of the application from inside the VPC', () => {
    const checks = diagnose(
      facts(
        {},
        { health: [target('i-0aaa', { state: 'unhealthy', reason: 'Target.FailedHealthChecks' }), target('i-0bbb')] },
      ),
    );
    expect(checks[0]?.fix).toBe(
      "no configuration cause found: check that the application answers the health check, from an instance in the VPC: curl -sS -m 5 -o /dev/null -w '%{http_code}\\n' http://10.0.1.10:8080/healthz",
    );
    const tcp = diagnose(
      facts(
        {
          loadBalancers: [lbFacts(nlb())],
          securityGroups: [
            sg({ protocol: 'tcp', fromPort: 8080, toPort: 8080, cidrs: ['0.0.0.0/0'], sourceGroups: [] }),
          ],
        },
        {
          targetGroup: targetGroup(
            { protocol: 'TCP', loadBalancers: [NLB_ARN] },
            { protocol: 'TCP', path: undefined, matcher: undefined },
          ),
          health: [target('i-0aaa', { state: 'unhealthy', reason: 'Target.FailedHealthChecks' }), target('i-0bbb')],
        },
      ),
    );
    expect(tcp[0]?.fix).toBe(
      'no configuration cause found: check that the application answers the health check, from an instance in the VPC: nc -zv -w 5 10.0.1.10 8080',
    );
  });

  it('GIVEN targets still starting or draining WHEN diagnosed THEN warns without a fix', () => {
    const checks = diagnose(
      facts(
        {},
        {
          health: [
            target('i-0aaa', { state: 'initial', reason: 'Elb.InitialHealthChecking' }),
            target('i-0bbb', { state: 'draining', reason: 'Target.DeregistrationInProgress' }),
          ],
        },
      ),
    );
    expect(checks[0]).toEqual({
      name: 'api/target-health',
      status: 'warn',
      detail:
        'i-0aaa:8080 initial (Elb.InitialHealthChecking), i-0bbb:8080 draining (Target.DeregistrationInProgress); 0 of 2 healthy',
      fix: null,
    });
  });
});

describe('a target group behind two load balancers', () => {
  it('GIVEN a target group used by two load balancers WHEN diagnosed THEN the per-load-balancer checks are named with @LB', () => {
    const second = alb({ name: 'web2', arn: LB_ARN.replace('/web/', '/web2/') });
    const checks = diagnose(
      facts(
        {
          loadBalancers: [
            lbFacts(),
            lbFacts(second, { listeners: [{ listener: listener(80, 'HTTP', second.arn), rules: [] }] }),
          ],
        },
        { targetGroup: targetGroup({ loadBalancers: [LB_ARN, second.arn] }) },
      ),
    );
    expect(checks.map((c) => c.name)).toEqual([
      'api/target-health',
      'api/in-use',
      'api/health-check',
      'api/instance-state',
      'api/traffic-port@web',
      'api/zones@web',
      'api/cross-zone@web',
      'api/traffic-port@web2',
      'api/zones@web2',
      'api/cross-zone@web2',
    ]);
    expect(find(checks, 'api/in-use').detail).toBe('forwarded to by web:80 default action, web2:80 default action');
  });
});

describe('address arithmetic', () => {
  it.each([
    ['10.0.0.0/16', '10.0.1.0/24', true],
    ['10.0.0.0/16', '10.1.0.0/24', false],
    ['0.0.0.0/0', '203.0.113.0/24', true],
    ['10.0.1.0/24', '10.0.0.0/16', false],
    ['10.0.1.5/32', '10.0.1.5/32', true],
    ['2001:db8::/32', '10.0.0.0/16', false],
    ['10.0.0.0/33', '10.0.0.0/16', false],
    ['2001:db8::/32', '2001:db8:1::/48', true],
    ['2001:db8::/32', '2001:db9::/48', false],
    ['::/0', '2001:db8::/32', true],
    ['2001:db8:::/32', '2001:db8::/48', false],
  ])('GIVEN %s and %s WHEN containment is asked THEN %s', (outer, inner, result) => {
    expect(cidrContains(outer, inner)).toBe(result);
  });

  it('GIVEN addresses WHEN tested against a block THEN inside or not', () => {
    expect(ipInCidr('10.0.255.255', '10.0.0.0/16')).toBe(true);
    expect(ipInCidr('10.1.0.0', '10.0.0.0/16')).toBe(false);
    expect(ipInCidr('not-an-ip', '0.0.0.0/0')).toBe(false);
    expect(ipInCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(ipInCidr('::ffff:10.0.0.1', '::/0')).toBe(true);
    expect(ipInCidr('1::2:', '::/0')).toBe(false);
  });

  it('GIVEN several groups WHEN admission is asked THEN the union of their rules counts', () => {
    const a = admits(
      [
        sg({ protocol: 'tcp', fromPort: 80, toPort: 80, cidrs: ['10.0.1.0/24'], sourceGroups: [] }),
        {
          id: 'sg-2',
          ingress: [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrs: ['10.0.2.0/24'], sourceGroups: [] }],
        },
      ],
      'tcp',
      80,
      { groups: ['sg-0lb'], blocks: ['10.0.1.0/24', '10.0.2.0/24'] },
    );
    expect(a).toEqual({ byGroup: undefined, byCidr: true, cidrs: ['10.0.1.0/24', '10.0.2.0/24'] });
  });
});

describe('security groups about to change (lb modify --security-groups)', () => {
  it('GIVEN targets that admit the current group only WHEN the group is replaced THEN each check that would fail is returned with its fix', () => {
    expect(admissionsLost(facts(), LB_ARN, ['sg-0new'])).toEqual([
      {
        name: 'api/traffic-port',
        status: 'fail',
        detail:
          "no inbound rule admits the load balancer's security group (sg-0new) for traffic and health checks: i-0aaa:8080 (sg-0app) on tcp 8080, i-0bbb:8080 (sg-0app) on tcp 8080",
        fix: 'aws ec2 authorize-security-group-ingress --group-id sg-0app --protocol tcp --port 8080 --source-group sg-0new',
      },
    ]);
  });

  it('GIVEN the current group kept beside a new one WHEN checked THEN nothing is lost', () => {
    expect(admissionsLost(facts(), LB_ARN, ['sg-0lb', 'sg-0new'])).toEqual([]);
  });

  it('GIVEN a check that already fails WHEN the groups change THEN it is not reported as caused by the change', () => {
    const blocked = facts({ securityGroups: [sg()] });
    expect(admissionsLost(blocked, LB_ARN, ['sg-0new'])).toEqual([]);
  });

  it('GIVEN a load balancer the facts do not hold WHEN checked THEN nothing is reported', () => {
    expect(admissionsLost(facts(), NLB_ARN, ['sg-0new'])).toEqual([]);
  });
});
