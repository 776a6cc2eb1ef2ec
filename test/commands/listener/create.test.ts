import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddListenerCertificatesCommand,
  CreateListenerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type Action,
  type Listener,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const lbArn = (name: string, kind = 'app') => `${PREFIX}:loadbalancer/${kind}/${name}/50dc6c495c0c9188`;
const tgArn = (name: string) => `${PREFIX}:targetgroup/${name}/73e2d6bc24d8a067`;
const listenerArn = (lb: string, id: string, kind = 'app') => `${PREFIX}:listener/${kind}/${lb}/50dc6c495c0c9188/${id}`;
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const CERT2 = 'arn:aws:acm:us-east-1:123456789012:certificate/9f8e7d6c-1111-2222-3333-444455556666';
const TLS13 = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

const sdkLb = (name: string, type: 'application' | 'network'): LoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: lbArn(name, type === 'application' ? 'app' : 'net'),
  Type: type,
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  VpcId: 'vpc-0abc1234',
});
const sdkTg = (
  name: string,
  protocol: 'HTTP' | 'TCP' | 'UDP' | 'TCP_UDP' | undefined,
  extra: Partial<TargetGroup> = {},
): TargetGroup => ({
  TargetGroupName: name,
  TargetGroupArn: tgArn(name),
  ...(protocol ? { Protocol: protocol, Port: 80, VpcId: 'vpc-0abc1234' } : {}),
  TargetType: protocol ? 'instance' : 'lambda',
  LoadBalancerArns: [],
  ...extra,
});
const REDIRECT: Action = {
  Type: 'redirect',
  RedirectConfig: {
    Protocol: 'HTTPS',
    Port: '443',
    Host: '#{host}',
    Path: '/#{path}',
    Query: '#{query}',
    StatusCode: 'HTTP_301',
  },
};

const TGS = [
  sdkTg('api', 'HTTP'),
  sdkTg('canary', 'HTTP'),
  sdkTg('fn', undefined),
  sdkTg('tcp-pool', 'TCP'),
  sdkTg('udp-pool', 'UDP'),
  sdkTg('both', 'TCP_UDP'),
  sdkTg('elsewhere', 'HTTP', { VpcId: 'vpc-0fff9999' }),
  sdkTg('taken', 'HTTP', { LoadBalancerArns: [lbArn('other')] }),
];

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({ LoadBalancers: [sdkLb('web', 'application')] });
  elbv2.on(DescribeLoadBalancersCommand, { Names: ['edge'] }).resolves({ LoadBalancers: [sdkLb('edge', 'network')] });
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { Names?: string[] }) => ({
    TargetGroups: TGS.filter((t) => input.Names?.includes(t.TargetGroupName ?? '')),
  }));
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [] });
  elbv2.on(CreateListenerCommand).callsFake(async (input: Record<string, unknown>) => ({
    Listeners: [{ ...input, ListenerArn: listenerArn('web', 'f00d') }],
  }));
  elbv2.on(AddListenerCertificatesCommand).resolves({});
});

const inputOf = (n = 0) => elbv2.commandCalls(CreateListenerCommand)[n]?.args[0].input;

describe('listener create on a gateway load balancer', () => {
  const GW = lbArn('inspect', 'gwy');
  beforeEach(() => {
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['inspect'] }).resolves({
      LoadBalancers: [{ ...sdkLb('inspect', 'network'), Type: 'gateway', Scheme: undefined, LoadBalancerArn: GW }],
    });
    elbv2.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [
        sdkTg('appliances', undefined, {
          Protocol: 'GENEVE',
          Port: 6081,
          VpcId: 'vpc-0abc1234',
          TargetType: 'instance',
        }),
      ],
    });
    // AWS describes a gateway load balancer's listener without Port and Protocol.
    elbv2.on(CreateListenerCommand).callsFake(async (input: Record<string, unknown>) => ({
      Listeners: [{ ...input, ListenerArn: listenerArn('inspect', 'f00d', 'gwy') }],
    }));
  });

  it('GIVEN --protocol GENEVE and no --port WHEN created THEN sends neither port nor protocol (AWS refuses both) and prints it as the GENEVE listener', async () => {
    const r = await elbctl(['listener', 'create', 'inspect', '--protocol', 'geneve', '--forward', 'appliances']);

    expect(r.code).toBe(0);
    expect(inputOf()).toEqual({
      LoadBalancerArn: GW,
      DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: tgArn('appliances') }],
    });
    expect(r.json()).toMatchObject({ loadBalancer: 'inspect', protocol: 'GENEVE', port: 0, sslPolicy: null });
    expect(r.stderr).toContain('✓ created the GENEVE listener of "inspect"');
  });

  it('GIVEN the GENEVE listener already forwards there WHEN created again THEN nothing is created', async () => {
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        {
          ListenerArn: listenerArn('inspect', 'f00d', 'gwy'),
          LoadBalancerArn: GW,
          DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: tgArn('appliances') }],
        },
      ],
    });
    const r = await elbctl(['listener', 'create', 'inspect', '--protocol', 'GENEVE', '--forward', 'appliances']);
    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(CreateListenerCommand);
    expect(r.stderr).toContain(
      'the GENEVE listener of "inspect" already exists with this default action; nothing to create',
    );
  });

  it('GIVEN a TCP listener asked of a gateway load balancer WHEN created THEN exits 64 naming GENEVE, with no write', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'inspect',
      '--protocol',
      'TCP',
      '--port',
      '80',
      '--forward',
      'appliances',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: load balancer "inspect": listener protocol "TCP": not supported on a gateway load balancer; use GENEVE\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(CreateListenerCommand);
  });
});

describe('listener create', () => {
  it('GIVEN an ALB WHEN an HTTP listener redirects to HTTPS THEN creates it with the redirect and no TLS settings', async () => {
    const r = await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--redirect-https']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetGroupsCommand);
    expect(elbv2).toHaveReceivedCommandWith(DescribeListenersCommand, { LoadBalancerArn: lbArn('web') });
    expect(inputOf()).toEqual({
      LoadBalancerArn: lbArn('web'),
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Order: 1, ...REDIRECT }],
    });
    expect(r.json()).toEqual({
      arn: listenerArn('web', 'f00d'),
      loadBalancer: 'web',
      protocol: 'HTTP',
      port: 80,
      sslPolicy: null,
      certificates: [],
      defaultActions: [
        {
          type: 'redirect',
          protocol: 'HTTPS',
          port: '443',
          host: '#{host}',
          path: '/#{path}',
          query: '#{query}',
          statusCode: 'HTTP_301',
        },
      ],
    });
    expect(r.stderr).toBe(
      '… creating the HTTP listener on port 80 of "web"\n✓ created the HTTP listener on port 80 of "web"\n',
    );
  });

  it('GIVEN "https" in lower case and no --ssl-policy WHEN created THEN sends HTTPS, the certificate and the TLS 1.3 policy', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'https',
      '--port',
      '443',
      '--certificate',
      CERT,
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { Names: ['api'] });
    expect(inputOf()).toEqual({
      LoadBalancerArn: lbArn('web'),
      Protocol: 'HTTPS',
      Port: 443,
      Certificates: [{ CertificateArn: CERT }],
      SslPolicy: TLS13,
      DefaultActions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('api') }],
    });
    expect(r.json()).toEqual({
      arn: listenerArn('web', 'f00d'),
      loadBalancer: 'web',
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: TLS13,
      certificates: [CERT],
      defaultActions: [{ type: 'forward', targetGroups: [{ name: 'api', arn: tgArn('api'), weight: null }] }],
    });
    expect(r.stderr).not.toContain('warning');
  });

  it('GIVEN two certificates WHEN created THEN the first is the default and the second is added with AddListenerCertificates', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTPS',
      '--port',
      '443',
      '--certificate',
      CERT,
      '--certificate',
      CERT2,
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(0);
    expect(inputOf()?.Certificates).toEqual([{ CertificateArn: CERT }]);
    expect(elbv2.commandCalls(AddListenerCertificatesCommand).map((c) => c.args[0].input)).toEqual([
      { ListenerArn: listenerArn('web', 'f00d'), Certificates: [{ CertificateArn: CERT2 }] },
    ]);
    expect(r.json<{ certificates: string[] }>().certificates).toEqual([CERT, CERT2]);
  });

  it('GIVEN an old TLS policy WHEN an HTTPS listener is created THEN sends it but warns on stderr', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTPS',
      '--port',
      '443',
      '--certificate',
      CERT,
      '--forward',
      'api',
      '--ssl-policy',
      'ELBSecurityPolicy-2016-08',
    ]);

    expect(r.code).toBe(0);
    expect(inputOf()?.SslPolicy).toBe('ELBSecurityPolicy-2016-08');
    expect(r.stderr).toContain(
      'warning: ssl policy "ELBSecurityPolicy-2016-08" still accepts TLS 1.0/1.1; unless old clients need it, use ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09\n',
    );
  });

  it('GIVEN weights WHEN an ALB listener forwards to two groups THEN sends a ForwardConfig with both weights', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTP',
      '--port',
      '8080',
      '--forward',
      'api=90,canary=10',
    ]);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { Names: ['api', 'canary'] });
    expect(inputOf()?.DefaultActions).toEqual([
      {
        Order: 1,
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: tgArn('api'), Weight: 90 },
            { TargetGroupArn: tgArn('canary'), Weight: 10 },
          ],
        },
      },
    ]);
    expect(r.json<{ defaultActions: unknown }>().defaultActions).toEqual([
      {
        type: 'forward',
        targetGroups: [
          { name: 'api', arn: tgArn('api'), weight: 90 },
          { name: 'canary', arn: tgArn('canary'), weight: 10 },
        ],
      },
    ]);
  });

  it('GIVEN a lambda target group WHEN an ALB listener forwards to it THEN it is accepted', async () => {
    const r = await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--forward', 'fn']);
    expect(r.code).toBe(0);
    expect(inputOf()?.DefaultActions).toEqual([{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('fn') }]);
  });

  it('GIVEN a fixed response WHEN created THEN sends status, content type and body', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--fixed-response',
      '404:not here',
    ]);
    expect(r.code).toBe(0);
    expect(inputOf()?.DefaultActions).toEqual([
      {
        Order: 1,
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'not here' },
      },
    ]);
  });

  it.each<[string, string]>([
    ['TCP', 'tcp-pool'],
    ['TLS', 'tcp-pool'],
    ['UDP', 'udp-pool'],
    ['UDP', 'both'],
    ['TCP_UDP', 'both'],
  ])('GIVEN an NLB WHEN a %s listener forwards to %s THEN it is created', async (protocol, tg) => {
    const certs = protocol === 'TLS' ? ['--certificate', CERT] : [];
    const r = await elbctl([
      'listener',
      'create',
      'edge',
      '--protocol',
      protocol,
      '--port',
      '443',
      '--forward',
      tg,
      ...certs,
    ]);
    expect(r.code).toBe(0);
    expect(inputOf()).toEqual({
      LoadBalancerArn: lbArn('edge', 'net'),
      Protocol: protocol,
      Port: 443,
      ...(protocol === 'TLS' ? { Certificates: [{ CertificateArn: CERT }], SslPolicy: TLS13 } : {}),
      DefaultActions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn(tg) }],
    });
  });

  it.each<[string[], string]>([
    [
      ['--protocol', 'FTP', '--port', '21', '--forward', 'api'],
      'listener protocol "FTP": unknown; use HTTP or HTTPS (application load balancer), TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC (network load balancer) or GENEVE (gateway load balancer)',
    ],
    [['--protocol', 'HTTP', '--port', '0', '--forward', 'api'], 'port "0": must be a whole number from 1 to 65535'],
    [['--protocol', 'HTTP', '--port', '80x', '--forward', 'api'], 'port "80x": must be a whole number from 1 to 65535'],
    [
      ['--protocol', 'HTTP', '--port', '70000', '--forward', 'api'],
      'port "70000": must be a whole number from 1 to 65535',
    ],
    [
      ['--protocol', 'HTTP', '--port', '80'],
      'action: missing; pass one of --forward, --redirect-https, --fixed-response',
    ],
    [
      ['--protocol', 'HTTP', '--port', '80', '--forward', 'api', '--redirect-https'],
      'action: --forward and --redirect-https were both given; pass only one',
    ],
    [
      ['--protocol', 'HTTP', '--port', '80', '--forward', 'api=1000'],
      'forward weight "1000": must be a whole number from 0 to 999',
    ],
    [
      ['--protocol', 'HTTP', '--port', '80', '--fixed-response', '302'],
      'fixed response status "302": must be a 2XX, 4XX or 5XX HTTP code, e.g. 404',
    ],
    [
      ['--protocol', 'HTTPS', '--port', '443', '--forward', 'api'],
      'listener web:443: HTTPS needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID (ACM issues one for free)',
    ],
    [
      ['--protocol', 'TLS', '--port', '443', '--forward', 'tcp-pool'],
      'listener web:443: TLS needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID (ACM issues one for free)',
    ],
    [
      ['--protocol', 'HTTP', '--port', '80', '--forward', 'api', '--certificate', CERT],
      'listener web:80: an HTTP listener does not use certificates; drop --certificate or use HTTPS',
    ],
    [
      ['--protocol', 'TCP', '--port', '80', '--forward', 'api', '--ssl-policy', 'ELBSecurityPolicy-2016-08'],
      'listener web:80: a TCP listener does not use a TLS policy; drop --ssl-policy or use TLS',
    ],
    [
      ['--protocol', 'HTTPS', '--port', '443', '--forward', 'api', '--certificate', 'my-cert'],
      'certificate "my-cert": not an ACM or IAM certificate ARN; use arn:aws:acm:REGION:ACCOUNT:certificate/ID',
    ],
    [
      ['--protocol', 'HTTPS', '--port', '443', '--forward', 'api', '--certificate', CERT, '--ssl-policy', 'modern'],
      'ssl policy "modern": not an ELB security policy name; use e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    ],
    [
      ['--protocol', 'TCP', '--port', '80', '--redirect-https'],
      '--redirect-https: redirects exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on a TCP listener',
    ],
    [
      ['--protocol', 'UDP', '--port', '53', '--fixed-response', '200'],
      '--fixed-response: fixed responses exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on a UDP listener',
    ],
    [
      ['--protocol', 'GENEVE', '--port', '6081', '--forward', 'appliances'],
      'listener web:6081: a GENEVE listener (gateway load balancer) has no port, AWS takes all IP traffic on it; leave out --port',
    ],
    [['--protocol', 'HTTP', '--forward', 'api'], 'listener web:HTTP: an HTTP listener needs a port; give --port'],
    [
      ['--protocol', 'GENEVE', '--redirect-https'],
      '--redirect-https: redirects exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on a GENEVE listener',
    ],
    [
      ['--protocol', 'HTTPS', '--port', '443', '--certificate', CERT, '--redirect-https'],
      '--redirect-https: redirects to the same protocol, port, host and path, so clients would loop forever; change the protocol, port, host or path',
    ],
  ])('GIVEN %j WHEN created THEN exits 64 with "%s" and makes no AWS call', async (flags, message) => {
    const r = await elbctl(['listener', 'create', 'web', ...flags]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN several bad flags WHEN created THEN every problem is reported at once', async () => {
    const r = await elbctl(['listener', 'create', 'web', '--protocol', 'HTTPS', '--port', 'x']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      [
        'error: action: missing; pass one of --forward, --redirect-https, --fixed-response',
        'error: port "x": must be a whole number from 1 to 65535',
        'error: listener web:x: HTTPS needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID (ACM issues one for free)',
        '',
      ].join('\n'),
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it.each<[string, string[], string]>([
    [
      'web',
      ['--protocol', 'TCP', '--port', '80', '--forward', 'tcp-pool'],
      'load balancer "web": listener protocol "TCP": not supported on an application load balancer; use HTTP or HTTPS',
    ],
    [
      'web',
      ['--protocol', 'UDP', '--port', '53', '--forward', 'udp-pool'],
      'load balancer "web": listener protocol "UDP": not supported on an application load balancer; use HTTP or HTTPS',
    ],
    [
      'edge',
      ['--protocol', 'HTTP', '--port', '80', '--forward', 'api'],
      'load balancer "edge": listener protocol "HTTP": not supported on a network load balancer; use TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC',
    ],
    [
      'edge',
      ['--protocol', 'HTTP', '--port', '80', '--redirect-https'],
      'load balancer "edge": listener protocol "HTTP": not supported on a network load balancer; use TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC',
    ],
    [
      'edge',
      ['--protocol', 'HTTPS', '--port', '443', '--certificate', CERT, '--forward', 'api'],
      'load balancer "edge": listener protocol "HTTPS": not supported on a network load balancer; use TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC',
    ],
  ])(
    'GIVEN load balancer %s WHEN %j THEN exits 64 after the one describe, with no write',
    async (lb, flags, message) => {
      const r = await elbctl(['listener', 'create', lb, ...flags]);
      expect(r.code).toBe(64);
      expect(r.stderr).toBe(`error: ${message}\n`);
      expect(elbv2.calls()).toHaveLength(1);
      expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
    },
  );

  it.each<[string, string[], string]>([
    [
      'web',
      ['--protocol', 'HTTP', '--port', '80', '--forward', 'tcp-pool'],
      'target group "tcp-pool" (TCP): an HTTP listener forwards to HTTP or HTTPS target groups (or a lambda one); forward to one of those',
    ],
    [
      'edge',
      ['--protocol', 'TCP', '--port', '80', '--forward', 'api'],
      'target group "api" (HTTP): a TCP listener forwards to TCP target groups; forward to one of those',
    ],
    [
      'edge',
      ['--protocol', 'TCP', '--port', '80', '--forward', 'both'],
      'target group "both" (TCP_UDP): a TCP listener forwards to TCP target groups; forward to one of those',
    ],
    [
      'edge',
      ['--protocol', 'TCP_UDP', '--port', '53', '--forward', 'udp-pool'],
      'target group "udp-pool" (UDP): a TCP_UDP listener forwards to TCP_UDP target groups; forward to one of those',
    ],
    [
      'edge',
      ['--protocol', 'TCP', '--port', '80', '--forward', 'fn'],
      'target group "fn" (target type lambda): only application load balancers invoke lambda functions; forward to a TCP target group',
    ],
    [
      'web',
      ['--protocol', 'HTTP', '--port', '80', '--forward', 'elsewhere'],
      'target group "elsewhere": is in vpc-0fff9999, but load balancer "web" is in vpc-0abc1234; use a target group in vpc-0abc1234',
    ],
    [
      'web',
      ['--protocol', 'HTTP', '--port', '80', '--forward', 'taken'],
      `target group "taken": already serves another load balancer (${lbArn('other')}); a target group serves one load balancer, so create another target group`,
    ],
  ])('GIVEN load balancer %s WHEN %j THEN exits 64 with no write', async (lb, flags, message) => {
    const r = await elbctl(['listener', 'create', lb, ...flags]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
    expect(elbv2).not.toHaveReceivedCommand(DescribeListenersCommand);
    expect(elbv2).not.toHaveReceivedCommand(CreateListenerCommand);
  });

  it('GIVEN an unknown target group WHEN forwarded to THEN exits 64 naming it (a missing reference), with no write', async () => {
    const r = await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--forward', 'ghost']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: target group "ghost": does not exist in this account and region; create it first (`elbctl tg create`), or check the name (`elbctl tg list`)\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(CreateListenerCommand);
  });

  it('GIVEN the same listener on that port WHEN created again THEN says so and writes nothing', async () => {
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        {
          ListenerArn: listenerArn('web', 'beef'),
          LoadBalancerArn: lbArn('web'),
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [
            {
              Type: 'forward',
              TargetGroupArn: tgArn('api'),
              ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn('api'), Weight: 1 }] },
            },
          ],
        },
      ],
    });

    const r = await elbctl(['listener', 'create', 'web', '--protocol', 'http', '--port', '80', '--forward', 'api']);

    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(CreateListenerCommand);
    expect(elbv2).not.toHaveReceivedCommand(AddListenerCertificatesCommand);
    expect(r.stderr).toBe(
      'the HTTP listener on port 80 of "web" already exists with this default action; nothing to create\n',
    );
    expect(r.json()).toEqual({
      arn: listenerArn('web', 'beef'),
      loadBalancer: 'web',
      protocol: 'HTTP',
      port: 80,
      sslPolicy: null,
      certificates: [],
      defaultActions: [{ type: 'forward', targetGroups: [{ name: 'api', arn: tgArn('api'), weight: 1 }] }],
    });
  });

  it('GIVEN the same HTTPS listener WHEN created again with an extra certificate THEN only makes sure the extra certificate is added', async () => {
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        {
          ListenerArn: listenerArn('web', 'beef'),
          LoadBalancerArn: lbArn('web'),
          Protocol: 'HTTPS',
          Port: 443,
          SslPolicy: TLS13,
          Certificates: [{ CertificateArn: CERT }],
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('api') }],
        },
      ],
    });

    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTPS',
      '--port',
      '443',
      '--certificate',
      CERT,
      '--certificate',
      CERT2,
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(CreateListenerCommand);
    expect(elbv2.commandCalls(AddListenerCertificatesCommand).map((c) => c.args[0].input)).toEqual([
      { ListenerArn: listenerArn('web', 'beef'), Certificates: [{ CertificateArn: CERT2 }] },
    ]);
    expect(r.stderr).toBe(
      'the HTTPS listener on port 443 of "web" already exists with this default action; making sure its other certificate is added\n',
    );
    expect(r.json<{ certificates: string[] }>().certificates).toEqual([CERT, CERT2]);
  });

  it.each<[string, Partial<Listener>, string]>([
    [
      'another protocol',
      {
        Protocol: 'HTTPS',
        Certificates: [{ CertificateArn: CERT }],
        SslPolicy: TLS13,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('api') }],
      },
      'protocol HTTPS, not HTTP',
    ],
    ['another action', { Protocol: 'HTTP', DefaultActions: [REDIRECT] }, 'another default action'],
  ])(
    'GIVEN a listener with %s on the port WHEN created THEN exits 1 naming the port, with no write',
    async (_what, existing, diff) => {
      elbv2.on(DescribeListenersCommand).resolves({
        Listeners: [{ ListenerArn: listenerArn('web', 'beef'), LoadBalancerArn: lbArn('web'), Port: 80, ...existing }],
      });

      const r = await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--forward', 'api']);

      expect(r.code).toBe(1);
      expect(elbv2).not.toHaveReceivedCommand(CreateListenerCommand);
      expect(r.stderr).toBe(
        `error: port 80 of load balancer "web": a listener already exists there with ${diff}\n` +
          'hint: choose another port, or delete it first: elbctl listener delete web:80\n',
      );
    },
  );

  it('GIVEN an unknown load balancer WHEN a listener is created THEN exits 1 naming it', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand, { Names: ['ghost'] })
      .rejects(Object.assign(new Error('nf'), { name: 'LoadBalancerNotFoundException' }));
    const r = await elbctl(['listener', 'create', 'ghost', '--protocol', 'HTTP', '--port', '80', '--redirect-https']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: load balancer "ghost": not found');
    expect(elbv2).not.toHaveReceivedCommand(CreateListenerCommand);
  });

  it('GIVEN AWS rejects the listener WHEN created THEN exits 1 and reports the failed step', async () => {
    elbv2
      .on(CreateListenerCommand)
      .rejects(
        Object.assign(new Error('A listener already exists on this port'), { name: 'DuplicateListenerException' }),
      );
    const r = await elbctl(['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--redirect-https']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ could not create the HTTP listener on port 80 of "web"\n');
    expect(r.stderr).toContain('error: create HTTP listener on port 80: a listener already exists on this port\n');
  });
});

describe('listener create: authentication before the default action', () => {
  const SECRET = 'oidc-Lk4Wq9Xz2Pn7Rb5Tm3Vd8Hc1-listener';
  const OIDC =
    'issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=web';
  const HTTPS = ['listener', 'create', 'web', '--protocol', 'HTTPS', '--port', '443', '--certificate', CERT];

  it('GIVEN --auth-oidc with --client-secret-env WHEN created THEN DefaultActions are authenticate-oidc (Order 1, the secret) then forward (Order 2); the secret is printed nowhere', async () => {
    const r = await elbctl([...HTTPS, '--auth-oidc', OIDC, '--client-secret-env', 'WEB_SECRET', '--forward', 'api'], {
      env: { WEB_SECRET: SECRET },
    });

    expect(r.code).toBe(0);
    expect(inputOf()?.DefaultActions).toEqual([
      {
        Order: 1,
        Type: 'authenticate-oidc',
        AuthenticateOidcConfig: {
          Issuer: 'https://idp.example.com',
          AuthorizationEndpoint: 'https://idp.example.com/authorize',
          TokenEndpoint: 'https://idp.example.com/token',
          UserInfoEndpoint: 'https://idp.example.com/userinfo',
          ClientId: 'web',
          ClientSecret: SECRET,
        },
      },
      { Order: 2, Type: 'forward', TargetGroupArn: tgArn('api') },
    ]);
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
  });

  it('GIVEN --auth-cognito on an HTTP listener WHEN created THEN exit 64 before any AWS call', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--auth-cognito',
      'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=web,domain=login',
      '--forward',
      'api',
    ]);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: --auth-cognito: authenticate: runs only on HTTPS listeners of application load balancers; this is an HTTP listener\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN an --actions-file with jwt-validation and a fixed response WHEN created THEN those are the DefaultActions in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elbctl-listener-actions-'));
    const file = join(dir, 'api.yaml');
    writeFileSync(
      file,
      'authenticate:\n  - jwt: { issuer: "https://idp.example.com", jwksEndpoint: "https://idp.example.com/jwks", claims: [{ name: aud, format: single-string, values: [api] }] }\naction: { fixedResponse: { statusCode: 404, body: nothing here } }\n',
    );

    const r = await elbctl([...HTTPS, '--actions-file', file]);

    expect(r.code).toBe(0);
    expect(inputOf()?.DefaultActions).toEqual([
      {
        Order: 1,
        Type: 'jwt-validation',
        JwtValidationConfig: {
          Issuer: 'https://idp.example.com',
          JwksEndpoint: 'https://idp.example.com/jwks',
          AdditionalClaims: [{ Name: 'aud', Format: 'single-string', Values: ['api'] }],
        },
      },
      {
        Order: 2,
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'nothing here' },
      },
    ]);
  });

  it('GIVEN an --actions-file with transforms WHEN a listener is created THEN exit 64 at the field: listeners take none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elbctl-listener-actions-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'action: { forward: api }\ntransforms:\n  - urlRewrite: { regex: a, replace: b }\n');

    const r = await elbctl([...HTTPS, '--actions-file', file]);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`error: ${file}:2:1: actions file: unknown field "transforms"`);
    expect(elbv2.calls()).toHaveLength(0);
  });
});
