import {
  DeleteLoadBalancerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  type Listener as SdkListener,
  type LoadBalancer as SdkLoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { ScriptedPrompter } from '../../../src/ui/prompter';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const TG_ARN = `${ACCOUNT}:targetgroup/api/6d0ecf831eec9f09`;
const DNS = 'web-1234567890.us-east-1.elb.amazonaws.com';

const sdkLb = (extra: Partial<SdkLoadBalancer> = {}): SdkLoadBalancer => ({
  LoadBalancerName: 'web',
  LoadBalancerArn: ARN,
  Type: 'application',
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  DNSName: DNS,
  VpcId: 'vpc-0abc1234',
  IpAddressType: 'ipv4',
  SecurityGroups: ['sg-0bbb2222', 'sg-0aaa1111'],
  AvailabilityZones: [
    { ZoneName: 'us-east-1b', SubnetId: 'subnet-0bbb2222' },
    { ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' },
  ],
  ...extra,
});

const httpsListener: SdkListener = {
  ListenerArn: `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  LoadBalancerArn: ARN,
  Protocol: 'HTTPS',
  Port: 443,
  SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }],
  DefaultActions: [{ Type: 'forward', TargetGroupArn: TG_ARN, Order: 1 }],
};
const httpListener: SdkListener = {
  ListenerArn: `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/0467ef3c8400ae65`,
  LoadBalancerArn: ARN,
  Protocol: 'HTTP',
  Port: 80,
  DefaultActions: [
    { Type: 'redirect', Order: 1, RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
  ],
};

const attrs = (pairs: Record<string, string>) => ({
  Attributes: Object.entries(pairs).map(([Key, Value]) => ({ Key, Value })),
});
const notFound = () =>
  Object.assign(new Error('One or more load balancers not found'), { name: 'LoadBalancerNotFoundException' });
const sent = () => elbv2.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);

beforeEach(() => {
  elbv2.reset();
});

describe('lb describe', () => {
  beforeEach(() => {
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [sdkLb()] });
    elbv2
      .on(DescribeListenersCommand, { Marker: undefined })
      .resolves({ Listeners: [httpsListener], NextMarker: 'page2' })
      .on(DescribeListenersCommand, { Marker: 'page2' })
      .resolves({ Listeners: [httpListener] });
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(
      attrs({
        'routing.http2.enabled': 'true',
        'deletion_protection.enabled': 'false',
        'idle_timeout.timeout_seconds': '60',
      }),
    );
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [
        {
          ResourceArn: ARN,
          Tags: [
            { Key: 'team', Value: 'web' },
            { Key: 'elbctl:stack', Value: 'shop' },
          ],
        },
        { ResourceArn: httpListener.ListenerArn, Tags: [{ Key: 'tier', Value: 'edge' }] },
      ],
    });
  });

  it('GIVEN an ALB with listeners on two pages WHEN described by name THEN prints the load balancer, every listener and every attribute as JSON', async () => {
    const r = await elbctl(['lb', 'describe', 'web']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { Names: ['web'] });
    expect(elbv2).toHaveReceivedCommandTimes(DescribeListenersCommand, 2);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(1, DescribeListenersCommand, {
      LoadBalancerArn: ARN,
      PageSize: 400,
    });
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeListenersCommand, {
      LoadBalancerArn: ARN,
      PageSize: 400,
      Marker: 'page2',
    });
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: ARN });
    // The tags of the load balancer and of its listeners in one batched read.
    expect(elbv2).toHaveReceivedCommandWith(DescribeTagsCommand, {
      ResourceArns: [ARN, httpListener.ListenerArn, httpsListener.ListenerArn],
    });
    expect(elbv2.calls()).toHaveLength(5);
    expect(r.json()).toEqual({
      name: 'web',
      arn: ARN,
      type: 'application',
      scheme: 'internet-facing',
      state: 'active',
      dnsName: DNS,
      vpcId: 'vpc-0abc1234',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
      securityGroups: ['sg-0aaa1111', 'sg-0bbb2222'],
      ipAddressType: 'ipv4',
      tags: { team: 'web' },
      stack: 'shop',
      listeners: [
        {
          arn: httpListener.ListenerArn,
          protocol: 'HTTP',
          port: 80,
          sslPolicy: null,
          certificates: [],
          defaultActions: [
            {
              type: 'redirect',
              protocol: 'HTTPS',
              port: '443',
              host: null,
              path: null,
              query: null,
              statusCode: 'HTTP_301',
            },
          ],
          tags: { tier: 'edge' },
          stack: null,
        },
        {
          arn: httpsListener.ListenerArn,
          protocol: 'HTTPS',
          port: 443,
          sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          certificates: ['arn:aws:acm:us-east-1:123456789012:certificate/abc'],
          defaultActions: [{ type: 'forward', targetGroups: [{ name: 'api', arn: TG_ARN, weight: null }] }],
          tags: {},
          stack: null,
        },
      ],
      attributes: {
        'deletion_protection.enabled': 'false',
        'idle_timeout.timeout_seconds': '60',
        'routing.http2.enabled': 'true',
      },
    });
    const keys = Object.keys(r.json<{ attributes: object }>().attributes);
    expect(keys).toEqual(['deletion_protection.enabled', 'idle_timeout.timeout_seconds', 'routing.http2.enabled']);
  });

  it('GIVEN an ARN WHEN described THEN looks the load balancer up by ARN', async () => {
    const r = await elbctl(['lb', 'describe', ARN]);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerArns: [ARN] });
    expect(elbv2).not.toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { Names: [ARN] });
  });

  it('GIVEN table output WHEN described THEN shows three sections with listeners by port and attributes by key', async () => {
    const r = await elbctl(['lb', 'describe', 'web', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'load balancer',
        'name             web',
        `arn              ${ARN}`,
        'type             application',
        'scheme           internet-facing',
        'state            active',
        `dns name         ${DNS}`,
        'vpc              vpc-0abc1234',
        'zones            us-east-1a, us-east-1b',
        'subnets          subnet-0aaa1111, subnet-0bbb2222',
        'security groups  sg-0aaa1111, sg-0bbb2222',
        'ip address type  ipv4',
        'stack            shop',
        '',
        'listeners',
        'PROTOCOL  PORT  DEFAULT ACTION                              SSL POLICY',
        'HTTP      80    redirect 301 → https://#{host}:443/#{path}  -',
        'HTTPS     443   forward → api                               ELBSecurityPolicy-TLS13-1-2-2021-06',
        '',
        'attributes',
        'KEY                           VALUE',
        'deletion_protection.enabled   false',
        'idle_timeout.timeout_seconds  60',
        'routing.http2.enabled         true',
        '',
        'tags',
        'KEY   VALUE',
        'team  web',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN no such load balancer WHEN described THEN exits 1 naming it, with a hint', async () => {
    elbv2.on(DescribeLoadBalancersCommand).rejects(notFound());
    const r = await elbctl(['lb', 'describe', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: load balancer "nope": not found\nhint: check the name and the region; `elbctl lb list` shows what exists\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(DescribeListenersCommand);
  });
});

describe('lb delete', () => {
  const stubLoadBalancer = (protection = 'false', listeners: SdkListener[] = [httpsListener, httpListener]) => {
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({ LoadBalancers: [sdkLb()] });
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves(attrs({ 'deletion_protection.enabled': protection }));
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: listeners });
    elbv2.on(DeleteLoadBalancerCommand).resolves({});
    elbv2.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [ARN] }).rejects(notFound());
  };

  it('GIVEN -y WHEN deleted THEN reads, deletes once and waits until DescribeLoadBalancers answers LoadBalancerNotFound', async () => {
    stubLoadBalancer();
    const r = await elbctl(['lb', 'delete', 'web', '-y']);

    expect(r.code).toBe(0);
    expect(sent()).toEqual([
      'DescribeLoadBalancersCommand',
      'DescribeLoadBalancerAttributesCommand',
      'DescribeListenersCommand',
      'DeleteLoadBalancerCommand',
      'DescribeLoadBalancersCommand',
    ]);
    expect(elbv2).toHaveReceivedCommandWith(DeleteLoadBalancerCommand, { LoadBalancerArn: ARN });
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeLoadBalancersCommand, { LoadBalancerArns: [ARN] });
    expect(r.json()).toEqual({ name: 'web', arn: ARN, deleted: true });
    expect(r.stderr).toBe('… deleting load balancer "web"\n✓ deleted load balancer "web"\n');
  });

  describe('with a fake clock for the waiter', () => {
    beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
    afterEach(() => jest.useRealTimers());

    it('GIVEN the load balancer is still active at first WHEN deleted THEN keeps polling until it is gone', async () => {
      stubLoadBalancer();
      elbv2
        .on(DescribeLoadBalancersCommand, { LoadBalancerArns: [ARN] })
        .resolvesOnce({ LoadBalancers: [sdkLb()] })
        .resolvesOnce({ LoadBalancers: [sdkLb()] })
        .rejects(notFound());

      const running = elbctl(['lb', 'delete', 'web', '-y']);
      await jest.advanceTimersByTimeAsync(120_000);
      const r = await running;

      expect(r.code).toBe(0);
      expect(elbv2).toHaveReceivedCommandTimes(DeleteLoadBalancerCommand, 1);
      // one lookup by name, then three polls by ARN: active, active, not found
      expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 4);
      for (const n of [2, 3, 4]) {
        expect(elbv2).toHaveReceivedNthSpecificCommandWith(n, DescribeLoadBalancersCommand, {
          LoadBalancerArns: [ARN],
        });
      }
    });
  });

  it('GIVEN --no-wait WHEN deleted THEN deletes and does not poll', async () => {
    stubLoadBalancer();
    const r = await elbctl(['lb', 'delete', 'web', '-y', '--no-wait']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DeleteLoadBalancerCommand, 1);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
    expect(r.stderr).toContain('✓ load balancer "web": deletion requested; not waiting');
    expect(r.json()).toEqual({ name: 'web', arn: ARN, deleted: true });
  });

  it('GIVEN no terminal and no -y WHEN deleted THEN exits 64 asking for -y and deletes nothing', async () => {
    stubLoadBalancer();
    const r = await elbctl(['lb', 'delete', 'web']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: delete load balancer "web": confirmation needed but no terminal to ask on; pass -y to approve\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(DeleteLoadBalancerCommand);
  });

  it('GIVEN a terminal WHEN the user declines THEN exits 130 and deletes nothing', async () => {
    stubLoadBalancer();
    const prompter = new ScriptedPrompter([{ match: 'Delete load balancer "web"', answer: false }]);
    const r = await elbctl(['lb', 'delete', 'web'], { tty: true, prompter });
    expect(r.code).toBe(130);
    expect(prompter.asked).toEqual([`Delete load balancer "web" (${DNS}) and its 2 listeners?`]);
    expect(r.stderr).toContain('error: delete load balancer "web": declined, nothing was changed');
    expect(elbv2).not.toHaveReceivedCommand(DeleteLoadBalancerCommand);
  });

  it('GIVEN a terminal WHEN the user approves THEN deletes the load balancer', async () => {
    stubLoadBalancer('false', [httpListener]);
    const prompter = new ScriptedPrompter([{ match: 'Delete load balancer "web"', answer: true }]);
    // -q: no spinner, so the terminal run needs no cursor control from the fake stream
    const r = await elbctl(['lb', 'delete', 'web', '-q'], { tty: true, prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked).toEqual([`Delete load balancer "web" (${DNS}) and its 1 listener?`]);
    expect(prompter.remaining).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DeleteLoadBalancerCommand, { LoadBalancerArn: ARN });
  });

  it('GIVEN deletion protection is on WHEN deleted with -y THEN exits 1 with the command that turns it off, and changes nothing', async () => {
    stubLoadBalancer('true');
    const r = await elbctl(['lb', 'delete', 'web', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: load balancer "web": deletion protection is on, so it cannot be deleted\n' +
        'hint: turn it off first with `elbctl lb attributes web --set deletion_protection.enabled=false`, then delete again\n',
    );
    expect(r.stdout).toBe('');
    expect(elbv2).not.toHaveReceivedCommand(DeleteLoadBalancerCommand);
    expect(elbv2).not.toHaveReceivedCommand(ModifyLoadBalancerAttributesCommand);
  });

  it('GIVEN deletion protection is on WHEN deleted on a terminal THEN refuses before asking', async () => {
    stubLoadBalancer('true');
    const prompter = new ScriptedPrompter();
    const r = await elbctl(['lb', 'delete', 'web'], { tty: true, prompter });
    expect(r.code).toBe(1);
    expect(prompter.asked).toEqual([]);
    expect(elbv2).not.toHaveReceivedCommand(DeleteLoadBalancerCommand);
  });

  it('GIVEN AWS refuses the deletion WHEN deleted THEN exits 1, says so, and does not wait', async () => {
    stubLoadBalancer();
    elbv2
      .on(DeleteLoadBalancerCommand)
      .rejects(Object.assign(new Error('Load balancer is in use'), { name: 'OperationNotPermittedException' }));
    const r = await elbctl(['lb', 'delete', 'web', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '✗ could not delete load balancer "web"\nerror: delete load balancer: load balancer is in use\n',
    );
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 1);
  });

  it('GIVEN no such load balancer WHEN deleted THEN exits 1 and deletes nothing', async () => {
    elbv2.on(DescribeLoadBalancersCommand).rejects(notFound());
    const r = await elbctl(['lb', 'delete', 'nope', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: load balancer "nope": not found');
    expect(elbv2).not.toHaveReceivedCommand(DeleteLoadBalancerCommand);
  });
});
