import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${PREFIX}:loadbalancer/app/web/50dc6c495c0c9188`;
const tgArn = (name: string) => `${PREFIX}:targetgroup/${name}/73e2d6bc24d8a067`;
const listenerArn = (id: string) => `${PREFIX}:listener/app/web/50dc6c495c0c9188/${id}`;
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d';
const TLS13 = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

const https: Listener = {
  ListenerArn: listenerArn('b443'),
  LoadBalancerArn: LB_ARN,
  Protocol: 'HTTPS',
  Port: 443,
  SslPolicy: TLS13,
  Certificates: [{ CertificateArn: CERT }],
  DefaultActions: [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: tgArn('api'), Weight: 90 },
          { TargetGroupArn: tgArn('canary'), Weight: 10 },
        ],
      },
    },
  ],
};
const http: Listener = {
  ListenerArn: listenerArn('a080'),
  LoadBalancerArn: LB_ARN,
  Protocol: 'HTTP',
  Port: 80,
  DefaultActions: [
    {
      Type: 'redirect',
      RedirectConfig: {
        Protocol: 'HTTPS',
        Port: '443',
        Host: '#{host}',
        Path: '/#{path}',
        Query: '#{query}',
        StatusCode: 'HTTP_301',
      },
    },
  ],
};
const admin: Listener = {
  ListenerArn: listenerArn('c8080'),
  LoadBalancerArn: LB_ARN,
  Protocol: 'HTTP',
  Port: 8080,
  DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('api') }],
};

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
  elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({
    LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: LB_ARN, Type: 'application', VpcId: 'vpc-0abc1234' }],
  });
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      { TargetGroupName: 'canary', TargetGroupArn: tgArn('canary'), Protocol: 'HTTP', TargetType: 'instance' },
      { TargetGroupName: 'api', TargetGroupArn: tgArn('api'), Protocol: 'HTTP', TargetType: 'instance' },
    ],
  });
});

describe('listener list', () => {
  it('GIVEN three listeners out of order WHEN listed as JSON THEN sorted by port, target groups named with one describe', async () => {
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [admin, https, http] });
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [
        {
          ResourceArn: listenerArn('b443'),
          Tags: [
            { Key: 'elbctl:stack', Value: 'shop' },
            { Key: 'tier', Value: 'edge' },
          ],
        },
      ],
    });

    const r = await elbctl(['listener', 'list', 'web']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeListenersCommand, { LoadBalancerArn: LB_ARN });
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
    expect(elbv2.commandCalls(DescribeTargetGroupsCommand)[0]?.args[0].input).toEqual({
      TargetGroupArns: [tgArn('api'), tgArn('canary')],
    });
    expect(r.json()).toEqual([
      {
        arn: listenerArn('a080'),
        protocol: 'HTTP',
        port: 80,
        sslPolicy: null,
        certificates: [],
        defaultAction: 'redirect 301 → https://#{host}:443/#{path}?#{query}',
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
        tags: {},
        stack: null,
      },
      {
        arn: listenerArn('b443'),
        protocol: 'HTTPS',
        port: 443,
        sslPolicy: TLS13,
        certificates: [CERT],
        defaultAction: 'forward → api=90, canary=10',
        defaultActions: [
          {
            type: 'forward',
            targetGroups: [
              { name: 'api', arn: tgArn('api'), weight: 90 },
              { name: 'canary', arn: tgArn('canary'), weight: 10 },
            ],
          },
        ],
        tags: { tier: 'edge' },
        stack: 'shop',
      },
      {
        arn: listenerArn('c8080'),
        protocol: 'HTTP',
        port: 8080,
        sslPolicy: null,
        certificates: [],
        defaultAction: 'forward → api',
        defaultActions: [{ type: 'forward', targetGroups: [{ name: 'api', arn: tgArn('api'), weight: null }] }],
        tags: {},
        stack: null,
      },
    ]);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTagsCommand, {
      ResourceArns: [listenerArn('a080'), listenerArn('b443'), listenerArn('c8080')],
    });
  });

  it('GIVEN listeners WHEN listed as a table THEN shows PORT, PROTOCOL, DEFAULT ACTION and SSL POLICY', async () => {
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [https, http] });

    const r = await elbctl(['listener', 'list', 'web', '-o', 'table']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'PORT  PROTOCOL  DEFAULT ACTION                                       SSL POLICY                           TAGS',
        '80    HTTP      redirect 301 → https://#{host}:443/#{path}?#{query}  -                                    -',
        `443   HTTPS     forward → api=90, canary=10                          ${TLS13}  -`,
        '',
      ].join('\n'),
    );
  });

  it('GIVEN an emulator that reports a TLS policy on an HTTP listener WHEN listed THEN the policy is null (only HTTPS/TLS have one)', async () => {
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [{ ...http, SslPolicy: 'ELBSecurityPolicy-2016-08' }] });
    const r = await elbctl(['listener', 'list', 'web']);
    expect(r.code).toBe(0);
    expect(r.json<Array<{ sslPolicy: string | null }>>()[0]?.sslPolicy).toBeNull();
  });

  it('GIVEN no forward actions WHEN listed THEN no target group is described', async () => {
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [http] });
    const r = await elbctl(['listener', 'list', 'web']);
    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetGroupsCommand);
  });

  it('GIVEN a load balancer without listeners WHEN listed THEN says so (table) or prints [] (JSON), exit 0', async () => {
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [] });
    const table = await elbctl(['listener', 'list', 'web', '-o', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe('load balancer "web" has no listeners\n');
    const json = await elbctl(['listener', 'list', 'web']);
    expect(json.json()).toEqual([]);
  });

  it('GIVEN an unknown load balancer WHEN listed THEN exits 1 naming it', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand, { Names: ['ghost'] })
      .rejects(Object.assign(new Error('nf'), { name: 'LoadBalancerNotFoundException' }));
    const r = await elbctl(['listener', 'list', 'ghost']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: load balancer "ghost": not found');
    expect(elbv2).not.toHaveReceivedCommand(DescribeListenersCommand);
  });
});
