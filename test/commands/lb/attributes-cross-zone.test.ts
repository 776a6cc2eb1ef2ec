import {
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  type LoadBalancer as SdkLoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const ALB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const NLB_ARN = `${ACCOUNT}:loadbalancer/net/edge/0123456789abcdef`;
const GWLB_ARN = `${ACCOUNT}:loadbalancer/gwy/inspect/0123456789abcdef`;

const sdkLb = (name: string, type: 'application' | 'network' | 'gateway', arn: string): SdkLoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: arn,
  Type: type,
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  DNSName: `${name}-1.us-east-1.elb.amazonaws.com`,
  VpcId: 'vpc-0abc1234',
  AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' }],
});

const attrs = (pairs: Record<string, string>) => ({
  Attributes: Object.entries(pairs).map(([Key, Value]) => ({ Key, Value })),
});

const ALB_KEYS =
  'access_logs.s3.bucket, access_logs.s3.enabled, access_logs.s3.prefix, client_keep_alive.seconds, connection_logs.s3.bucket, ' +
  'connection_logs.s3.enabled, connection_logs.s3.prefix, deletion_protection.enabled, health_check_logs.s3.bucket, ' +
  'health_check_logs.s3.enabled, health_check_logs.s3.prefix, idle_timeout.timeout_seconds, ipv6.deny_all_igw_traffic, ' +
  'routing.http.desync_mitigation_mode, routing.http.drop_invalid_header_fields.enabled, routing.http.preserve_host_header.enabled, ' +
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled, routing.http.xff_client_port.enabled, routing.http.xff_header_processing.mode, ' +
  'routing.http2.enabled, waf.fail_open.enabled, zonal_shift.config.enabled';

const ALB_REFUSAL =
  'load balancer "web": cross-zone load balancing is always on for an application load balancer and cannot be changed on the load balancer; turn it off per target group with `elbctl tg cross-zone TG off`';
const NLB_CHARGE =
  'warning: inter-AZ data transfer is charged for cross-zone traffic on network load balancers: every request sent to a target in another availability zone is billed\n';

beforeEach(() => {
  elbv2.reset();
  elbv2
    .on(DescribeLoadBalancersCommand, { Names: ['web'] })
    .resolves({ LoadBalancers: [sdkLb('web', 'application', ALB_ARN)] });
  elbv2
    .on(DescribeLoadBalancersCommand, { Names: ['edge'] })
    .resolves({ LoadBalancers: [sdkLb('edge', 'network', NLB_ARN)] });
  elbv2
    .on(DescribeLoadBalancersCommand, { Names: ['inspect'] })
    .resolves({ LoadBalancers: [sdkLb('inspect', 'gateway', GWLB_ARN)] });
  elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({ Attributes: [] });
});

describe('lb attributes', () => {
  it('GIVEN no --set WHEN run THEN prints every attribute as one JSON object sorted by key, with no write', async () => {
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(
      attrs({
        'routing.http2.enabled': 'true',
        'access_logs.s3.enabled': 'false',
        'idle_timeout.timeout_seconds': '60',
      }),
    );
    const r = await elbctl(['lb', 'attributes', 'web']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '{\n  "access_logs.s3.enabled": "false",\n  "idle_timeout.timeout_seconds": "60",\n  "routing.http2.enabled": "true"\n}\n',
    );
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: ALB_ARN });
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
    expect(elbv2.calls()).toHaveLength(2);
  });

  it('GIVEN table output WHEN run THEN prints a KEY/VALUE table sorted by key', async () => {
    elbv2
      .on(DescribeLoadBalancerAttributesCommand)
      .resolves(attrs({ 'routing.http2.enabled': 'true', 'deletion_protection.enabled': 'false' }));
    const r = await elbctl(['lb', 'attributes', 'web', '-o', 'table']);
    expect(r.stdout).toBe(
      'KEY                          VALUE\ndeletion_protection.enabled  false\nrouting.http2.enabled        true\n',
    );
  });

  it('GIVEN valid --set pairs and -y WHEN run THEN shows the change, sets them in one call and prints every attribute as re-read', async () => {
    elbv2
      .on(DescribeLoadBalancerAttributesCommand)
      .resolvesOnce(
        attrs({
          'idle_timeout.timeout_seconds': '60',
          'routing.http2.enabled': 'true',
          'deletion_protection.enabled': 'false',
        }),
      )
      .resolves(
        attrs({
          'idle_timeout.timeout_seconds': '120',
          'routing.http2.enabled': 'false',
          'deletion_protection.enabled': 'false',
        }),
      );
    const r = await elbctl([
      'lb',
      'attributes',
      'web',
      '--set',
      'idle_timeout.timeout_seconds=120',
      '--set',
      'routing.http2.enabled=false',
      '-y',
    ]);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(ModifyLoadBalancerAttributesCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, {
      LoadBalancerArn: ALB_ARN,
      Attributes: [
        { Key: 'idle_timeout.timeout_seconds', Value: '120' },
        { Key: 'routing.http2.enabled', Value: 'false' },
      ],
    });
    const order = elbv2.calls().map((c) => (c.args[0] as object).constructor.name);
    expect(order).toEqual([
      'DescribeLoadBalancersCommand',
      'DescribeLoadBalancerAttributesCommand',
      'ModifyLoadBalancerAttributesCommand',
      'DescribeLoadBalancerAttributesCommand',
    ]);
    expect(r.json()).toEqual({
      'deletion_protection.enabled': 'false',
      'idle_timeout.timeout_seconds': '120',
      'routing.http2.enabled': 'false',
    });
    expect(r.stderr).toBe(
      '~ load balancer web\n' +
        '    idle_timeout.timeout_seconds: 60 → 120\n' +
        '    routing.http2.enabled: true → false\n' +
        '… setting idle_timeout.timeout_seconds=120, routing.http2.enabled=false on load balancer "web"\n' +
        '✓ set idle_timeout.timeout_seconds=120, routing.http2.enabled=false on load balancer "web"\n',
    );
  });

  it('GIVEN --set without -y and no terminal WHEN run THEN exits 64 asking for -y, after showing the change, with no write', async () => {
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(attrs({ 'idle_timeout.timeout_seconds': '60' }));
    const r = await elbctl(['lb', 'attributes', 'web', '--set', 'idle_timeout.timeout_seconds=120']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      '~ load balancer web\n    idle_timeout.timeout_seconds: 60 → 120\n' +
        'error: modify load balancer web: confirmation needed but no terminal to ask on; pass -y to approve\n' +
        'hint: in scripts and CI, add -y (--yes) once you have checked what the command will change\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });

  it('GIVEN --dry-run WHEN run THEN shows the change and prints the attributes as they would be, with no write; --detailed-exitcode makes it exit 2', async () => {
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(attrs({ 'idle_timeout.timeout_seconds': '60' }));
    const r = await elbctl(['lb', 'attributes', 'web', '--set', 'idle_timeout.timeout_seconds=120', '--dry-run']);
    expect({ code: r.code, json: r.json(), stderr: r.stderr }).toEqual({
      code: 0,
      json: { 'idle_timeout.timeout_seconds': '120' },
      stderr: '~ load balancer web\n    idle_timeout.timeout_seconds: 60 → 120\n',
    });
    const detailed = await elbctl([
      'lb',
      'attributes',
      'web',
      '--set',
      'idle_timeout.timeout_seconds=120',
      '--dry-run',
      '--detailed-exitcode',
    ]);
    expect(detailed.code).toBe(2);
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });

  it('GIVEN the value already set WHEN run THEN nothing to change: exit 0 (also with --dry-run --detailed-exitcode), no write, no question', async () => {
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(attrs({ 'idle_timeout.timeout_seconds': '120' }));
    const r = await elbctl(['lb', 'attributes', 'web', '--set', 'idle_timeout.timeout_seconds=120']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 0,
      stderr: 'load balancer web: already as asked; nothing to change\n',
    });
    const detailed = await elbctl([
      'lb',
      'attributes',
      'web',
      '--set',
      'idle_timeout.timeout_seconds=120',
      '--dry-run',
      '--detailed-exitcode',
    ]);
    expect(detailed.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });

  it('GIVEN --detailed-exitcode without --dry-run WHEN run THEN exits 64 before any AWS call', async () => {
    const r = await elbctl([
      'lb',
      'attributes',
      'web',
      '--set',
      'idle_timeout.timeout_seconds=120',
      '--detailed-exitcode',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe('error: --detailed-exitcode: only with --dry-run; add --dry-run to see what would change\n');
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a network load balancer WHEN cross-zone is set through attributes THEN it is sent', async () => {
    elbv2
      .on(DescribeLoadBalancerAttributesCommand)
      .resolvesOnce(attrs({ 'load_balancing.cross_zone.enabled': 'false' }))
      .resolves(attrs({ 'load_balancing.cross_zone.enabled': 'true' }));
    const r = await elbctl(['lb', 'attributes', 'edge', '--set', 'load_balancing.cross_zone.enabled=true', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, {
      LoadBalancerArn: NLB_ARN,
      Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }],
    });
  });

  it.each([
    [['--set', 'idle_timeout.timeout_seconds'], 'attribute "idle_timeout.timeout_seconds": write it as KEY=VALUE'],
    [['--set', '=120'], 'attribute "=120": write it as KEY=VALUE'],
    [
      ['--set', 'routing.http2.enabled=true', '--set', 'routing.http2.enabled=false'],
      'attribute "routing.http2.enabled": set twice ("routing.http2.enabled=true" and "routing.http2.enabled=false"); set each key once',
    ],
  ])('GIVEN a malformed --set %j WHEN run THEN exits 64 with "%s" and makes no AWS call', async (args, message) => {
    const r = await elbctl(['lb', 'attributes', 'web', ...args]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it.each([
    [
      ['--set', 'idle_timeout.timeout_seconds=0'],
      'attribute "idle_timeout.timeout_seconds=0": must be a whole number from 1 to 4000',
    ],
    [
      ['--set', 'idle_timeout.timeout_seconds=4001'],
      'attribute "idle_timeout.timeout_seconds=4001": must be a whole number from 1 to 4000',
    ],
    [
      ['--set', 'deletion_protection.enabled=yes'],
      'attribute "deletion_protection.enabled=yes": must be true or false',
    ],
    [
      ['--set', 'routing.http.desync_mitigation_mode=paranoid'],
      'attribute "routing.http.desync_mitigation_mode=paranoid": must be one of monitor, defensive, strictest',
    ],
    [
      ['--set', 'idle.timeout=5'],
      `attribute "idle.timeout": not a known application load balancer attribute; use one of: ${ALB_KEYS}`,
    ],
    [['--set', 'load_balancing.cross_zone.enabled=false'], ALB_REFUSAL],
  ])('GIVEN an ALB and an invalid %j WHEN run THEN exits 64 with "%s" after only the lookup', async (args, message) => {
    const r = await elbctl(['lb', 'attributes', 'web', ...args]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { Names: ['web'] });
  });

  it('GIVEN one valid and two invalid pairs WHEN run THEN reports both problems and sets nothing', async () => {
    const r = await elbctl([
      'lb',
      'attributes',
      'web',
      '--set',
      'routing.http2.enabled=false',
      '--set',
      'idle_timeout.timeout_seconds=-1',
      '--set',
      'waf.fail_open.enabled=1',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: attribute "idle_timeout.timeout_seconds=-1": must be a whole number from 1 to 4000\n' +
        'error: attribute "waf.fail_open.enabled=1": must be true or false\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });

  it('GIVEN a network load balancer WHEN an ALB-only key is set THEN exits 64 naming the type', async () => {
    const r = await elbctl(['lb', 'attributes', 'edge', '--set', 'idle_timeout.timeout_seconds=30']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: attribute "idle_timeout.timeout_seconds": application load balancers only, "edge" is a network one; use one of: ',
    );
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });
});

describe('lb cross-zone', () => {
  beforeEach(() => {
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(attrs({ 'load_balancing.cross_zone.enabled': 'false' }));
  });

  it.each(['maybe', 'inherit', 'true'])(
    'GIVEN the state "%s" WHEN run THEN exits 64 before any AWS call',
    async (state) => {
      const r = await elbctl(['lb', 'cross-zone', 'edge', state]);
      expect(r.code).toBe(64);
      expect(r.stderr).toBe(`error: cross-zone state "${state}": unknown; use on or off\n`);
      expect(elbv2.calls()).toHaveLength(0);
    },
  );

  it('GIVEN an application load balancer WHEN turned on THEN exits 0 with a note: it already is, nothing is written', async () => {
    const r = await elbctl(['lb', 'cross-zone', 'web', 'ON']);
    expect({ code: r.code, stderr: r.stderr, json: r.json() }).toEqual({
      code: 0,
      stderr:
        'note: cross-zone load balancing is always on for an application load balancer; nothing to change on "web"\n',
      json: { loadBalancer: 'web', crossZone: 'on' },
    });
    expect(elbv2.calls()).toHaveLength(1);
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });

  it.each(['off', 'Off'])(
    'GIVEN an application load balancer WHEN turned %s THEN exits 64 explaining the target group way, with zero writes',
    async (state) => {
      const r = await elbctl(['lb', 'cross-zone', 'web', state]);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: ${ALB_REFUSAL}\n`);
      expect(elbv2.calls()).toHaveLength(1);
      expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
    },
  );

  it('GIVEN a network load balancer WHEN turned on THEN sets true and warns about inter-AZ charges on stderr', async () => {
    const r = await elbctl(['lb', 'cross-zone', 'edge', 'on', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(ModifyLoadBalancerAttributesCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, {
      LoadBalancerArn: NLB_ARN,
      Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }],
    });
    expect(r.stderr).toBe(
      `${NLB_CHARGE}~ load balancer edge\n    load_balancing.cross_zone.enabled: false → true\n✓ cross-zone load balancing is on for load balancer "edge"\n`,
    );
    expect(r.json()).toEqual({ loadBalancer: 'edge', crossZone: 'on' });
  });

  it('GIVEN -q WHEN a network load balancer is turned on THEN nothing is printed on stderr, the warning neither', async () => {
    const r = await elbctl(['lb', 'cross-zone', 'edge', 'on', '-q', '-y']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('GIVEN a network load balancer by ARN WHEN turned off THEN sets false without a warning', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand, { LoadBalancerArns: [NLB_ARN] })
      .resolves({ LoadBalancers: [sdkLb('edge', 'network', NLB_ARN)] });
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(attrs({ 'load_balancing.cross_zone.enabled': 'true' }));
    const r = await elbctl(['lb', 'cross-zone', NLB_ARN, 'off', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, {
      LoadBalancerArn: NLB_ARN,
      Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'false' }],
    });
    expect(r.stderr).toBe(
      '~ load balancer edge\n    load_balancing.cross_zone.enabled: true → false\n✓ cross-zone load balancing is off for load balancer "edge"\n',
    );
    expect(r.json()).toEqual({ loadBalancer: 'edge', crossZone: 'off' });
  });

  it('GIVEN cross-zone already off WHEN turned off THEN nothing to change and no write; without -y it does not even ask', async () => {
    const r = await elbctl(['lb', 'cross-zone', 'edge', 'off']);
    expect({ code: r.code, stderr: r.stderr, json: r.json() }).toEqual({
      code: 0,
      stderr: 'load balancer edge: already as asked; nothing to change\n',
      json: { loadBalancer: 'edge', crossZone: 'off' },
    });
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });

  it('GIVEN --dry-run --detailed-exitcode WHEN turned on THEN exit 2 with the change on stderr and no write', async () => {
    const r = await elbctl(['lb', 'cross-zone', 'edge', 'on', '--dry-run', '--detailed-exitcode']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${NLB_CHARGE}~ load balancer edge\n    load_balancing.cross_zone.enabled: false → true\n`);
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });

  it('GIVEN a gateway load balancer WHEN turned on THEN sets true and warns for gateway load balancers', async () => {
    const r = await elbctl(['lb', 'cross-zone', 'inspect', 'on', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, {
      LoadBalancerArn: GWLB_ARN,
      Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }],
    });
    expect(r.stderr).toContain(
      'warning: inter-AZ data transfer is charged for cross-zone traffic on gateway load balancers',
    );
  });

  it('GIVEN table output WHEN turned off THEN prints one line', async () => {
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(attrs({ 'load_balancing.cross_zone.enabled': 'true' }));
    const r = await elbctl(['lb', 'cross-zone', 'edge', 'off', '-o', 'table', '-y']);
    expect(r.stdout).toBe('load balancer "edge": cross-zone off\n');
  });
});
