/**
 * The bucket proxy itself: it must throttle exactly as a token bucket of the configured size
 * and refill would, with the error the SDK parses as AWS's throttle, and never pass a throttled
 * call to moto. The pacing tests are only as good as this referee.
 */
import {
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startBucketProxy, type BucketProxy } from '../support/bucket-proxy';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, TEST_CREDENTIALS, TEST_REGION } from '../support/network';

jest.setTimeout(30_000);

let moto: Moto;
let proxy: BucketProxy | undefined;
let vpcId: string;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  vpcId = (await seedNetwork(moto.endpoint)).vpcId;
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const elbv2 = (endpoint: string) =>
  new ElasticLoadBalancingV2Client({ region: TEST_REGION, endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });

type Outcome = { ok: true } | { ok: false; name?: string; status?: number; message?: string };
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    () => ({ ok: true }),
    (e: { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }) => ({
      ok: false,
      name: e.name,
      status: e.$metadata?.httpStatusCode,
      message: e.message,
    }),
  );
const throttle = { ok: false, name: 'Throttling', status: 400, message: 'Rate exceeded' };

describe('bucket proxy', () => {
  it("GIVEN elbv2.read 3 tokens at 2/s WHEN 5 reads arrive one after another THEN 3 pass, 2 get AWS's throttle; 600 ms later one more passes", async () => {
    // The buckets' clock is stepped by hand, so a loaded machine cannot refill a token between the reads.
    let now = 0;
    proxy = await startBucketProxy(moto.endpoint, {
      buckets: { 'elbv2.read': { capacity: 3, refillPerSecond: 2 } },
      now: () => now,
    });
    const c = elbv2(proxy.endpoint);
    try {
      const got: Outcome[] = [];
      for (let i = 0; i < 5; i++) {
        got.push(await outcome(c.send(new DescribeLoadBalancersCommand({}))));
        now += 5;
      }
      expect(got).toEqual([{ ok: true }, { ok: true }, { ok: true }, throttle, throttle]);
      now += 600;
      expect(await outcome(c.send(new DescribeTargetGroupsCommand({})))).toEqual({ ok: true });
      expect(proxy.byOperation()).toEqual({
        DescribeLoadBalancers: { calls: 5, throttles: 2 },
        DescribeTargetGroups: { calls: 1, throttles: 0 },
      });
    } finally {
      c.destroy();
    }
  });

  it('GIVEN an empty elbv2.write bucket WHEN CreateTargetGroup is throttled THEN moto never sees it; other classes keep their own tokens', async () => {
    proxy = await startBucketProxy(moto.endpoint, {
      buckets: {
        'elbv2.write': { capacity: 1, refillPerSecond: 0.1 },
        'elbv2.register': { capacity: 1, refillPerSecond: 0.1 },
        'elbv2.read': { capacity: 10, refillPerSecond: 10 },
      },
    });
    const c = elbv2(proxy.endpoint);
    const create = (name: string) =>
      c.send(new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'ip' }));
    try {
      expect(await outcome(create('tg-a'))).toEqual({ ok: true });
      expect(await outcome(create('tg-b'))).toEqual(throttle);
      const direct = elbv2(moto.endpoint);
      const names = ((await direct.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []).map(
        (t) => t.TargetGroupName,
      );
      direct.destroy();
      expect(names).toEqual(['tg-a']);
      const arn = ((await c.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [])[0]?.TargetGroupArn;
      expect(
        await outcome(
          c.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.1.5', Port: 80 }] })),
        ),
      ).toEqual({ ok: true });
      expect(proxy.byBucket()).toEqual({
        'elbv2.write': { calls: 2, throttles: 1 },
        'elbv2.read': { calls: 1, throttles: 0 },
        'elbv2.register': { calls: 1, throttles: 0 },
      });
      expect(proxy.totals()).toEqual({ calls: 4, throttles: 1 });
    } finally {
      c.destroy();
    }
  });

  it("GIVEN a classifier for EC2 WHEN its bucket is empty THEN the SDK sees EC2's RequestLimitExceeded", async () => {
    proxy = await startBucketProxy(moto.endpoint, {
      buckets: { 'ec2.read': { capacity: 1, refillPerSecond: 0.1 } },
      classify: (service) => (service === 'ec2' ? 'ec2.read' : undefined),
    });
    const c = new EC2Client({
      region: TEST_REGION,
      endpoint: proxy.endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      expect(await outcome(c.send(new DescribeVpcsCommand({})))).toEqual({ ok: true });
      expect(await outcome(c.send(new DescribeVpcsCommand({})))).toEqual({
        ok: false,
        name: 'RequestLimitExceeded',
        status: 400,
        message: 'Rate exceeded',
      });
    } finally {
      c.destroy();
    }
  });

  it('GIVEN a used-up bucket WHEN the proxy is reset THEN it is full again and the counts start over', async () => {
    proxy = await startBucketProxy(moto.endpoint, { buckets: { 'elbv2.read': { capacity: 1, refillPerSecond: 0.1 } } });
    const c = elbv2(proxy.endpoint);
    try {
      await outcome(c.send(new DescribeLoadBalancersCommand({})));
      expect(await outcome(c.send(new DescribeLoadBalancersCommand({})))).toEqual(throttle);
      proxy.reset();
      expect(proxy.totals()).toEqual({ calls: 0, throttles: 0 });
      expect(await outcome(c.send(new DescribeLoadBalancersCommand({})))).toEqual({ ok: true });
    } finally {
      c.destroy();
    }
  });
});
