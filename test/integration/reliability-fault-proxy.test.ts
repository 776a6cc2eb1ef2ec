/**
 * The fault proxy itself (issue item 6), driven by the SDK against moto: each fault has the
 * shape the SDK sees from AWS, and the ones that reach moto really do their write. A test tool
 * that injects the wrong fault would make the reliability tests prove nothing.
 */
import {
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { startFaultProxy, seededRandom, type FaultProxy, type FaultProxyOptions } from '../support/fault-proxy';
import { startMoto, type Moto } from '../support/moto';
import { seedNetwork, TEST_CREDENTIALS, TEST_REGION } from '../support/network';

jest.setTimeout(30_000);

let moto: Moto;
let proxy: FaultProxy | undefined;
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

const client = (endpoint: string, requestTimeout?: number) =>
  new ElasticLoadBalancingV2Client({
    region: TEST_REGION,
    endpoint,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...(requestTimeout ? { requestHandler: { requestTimeout, throwOnRequestTimeout: true } } : {}),
  });

async function start(options: FaultProxyOptions): Promise<FaultProxy> {
  proxy = await startFaultProxy(moto.endpoint, options);
  return proxy;
}

async function targetGroupsInMoto(): Promise<string[]> {
  const c = client(moto.endpoint);
  try {
    return ((await c.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []).map(
      (t) => t.TargetGroupName as string,
    );
  } finally {
    c.destroy();
  }
}

const createTg = (c: ElasticLoadBalancingV2Client, name = 'tg-a') =>
  c.send(new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'ip' })).then(
    () => undefined,
    (e: unknown) => e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } },
  );

describe('fault proxy', () => {
  it('GIVEN throttle=1 WHEN the SDK calls THEN it gets HTTP 400 Throttling "Rate exceeded" and moto never sees the request', async () => {
    const p = await start({ rates: { throttle: 1 } });
    const c = client(p.endpoint);
    try {
      const e = await createTg(c);
      expect({ name: e?.name, status: e?.$metadata?.httpStatusCode, message: e?.message }).toEqual({
        name: 'Throttling',
        status: 400,
        message: 'Rate exceeded',
      });
    } finally {
      c.destroy();
    }
    expect(
      p.calls.map((x) => ({ operation: x.operation, fault: x.fault, forwarded: x.forwarded, mutating: x.mutating })),
    ).toEqual([{ operation: 'CreateTargetGroup', fault: 'throttle', forwarded: false, mutating: true }]);
    expect(await targetGroupsInMoto()).toEqual([]);
  });

  it.each([
    [1, ['tg-a']],
    [0, []],
  ])(
    'GIVEN serverError=1 with serverErrorAfterWrite=%s WHEN the SDK creates THEN it gets HTTP 500 InternalFailure and moto holds %j',
    async (afterWrite, expected) => {
      const p = await start({ rates: { serverError: 1 }, serverErrorAfterWrite: afterWrite });
      const c = client(p.endpoint);
      try {
        const e = await createTg(c);
        expect({ name: e?.name, status: e?.$metadata?.httpStatusCode }).toEqual({
          name: 'InternalFailure',
          status: 500,
        });
      } finally {
        c.destroy();
      }
      expect(p.calls[0]?.forwarded).toBe(afterWrite === 1);
      expect(await targetGroupsInMoto()).toEqual(expected);
    },
  );

  it('GIVEN lostAnswer=1 WHEN the SDK creates THEN moto did the write and the SDK sees a reset connection', async () => {
    const p = await start({ rates: { lostAnswer: 1 } });
    const c = client(p.endpoint);
    try {
      const e = await createTg(c);
      // (Under jest the SDK wraps node's error from another realm; its text keeps the cause.)
      expect(e?.message).toMatch(/socket hang up|ECONNRESET/);
    } finally {
      c.destroy();
    }
    expect(p.calls[0]).toMatchObject({ fault: 'lost-answer', forwarded: true, upstreamStatus: 200 });
    expect(await targetGroupsInMoto()).toEqual(['tg-a']);
  });

  it('GIVEN slow=1 held 800 ms WHEN the SDK times out after 200 ms THEN it sees a TimeoutError although moto did the write', async () => {
    const p = await start({ rates: { slow: 1 }, slowMs: 800 });
    const c = client(p.endpoint, 200);
    try {
      const e = await createTg(c);
      expect(e?.name).toBe('TimeoutError');
    } finally {
      c.destroy();
    }
    expect(p.calls[0]).toMatchObject({ fault: 'slow', forwarded: true, upstreamStatus: 200 });
    expect(await targetGroupsInMoto()).toEqual(['tg-a']);
  });

  it("GIVEN an afterUpstream hook that drops the 2nd write WHEN three creates are sent THEN the hook saw moto's answer, the client saw a reset, and all three exist", async () => {
    const seen: string[] = [];
    let writes = 0;
    const p = await start({
      afterUpstream: (call) => {
        seen.push(`${call.operation}:${call.upstreamStatus}`);
        return call.mutating && ++writes === 2 ? 'drop' : 'answer';
      },
    });
    const c = client(p.endpoint);
    try {
      const outcomes = [];
      for (const name of ['tg-a', 'tg-b', 'tg-c'])
        outcomes.push((await createTg(c, name)) === undefined ? 'ok' : 'error');
      expect(outcomes).toEqual(['ok', 'error', 'ok']);
    } finally {
      c.destroy();
    }
    expect(seen).toEqual(['CreateTargetGroup:200', 'CreateTargetGroup:200', 'CreateTargetGroup:200']);
    expect((await targetGroupsInMoto()).sort()).toEqual(['tg-a', 'tg-b', 'tg-c']);
  });

  it('GIVEN the same seed twice and another seed WHEN 60 calls are made in sequence THEN the same seed faults the same calls and the other does not', async () => {
    const pattern = async (seed: number) => {
      const p = await startFaultProxy(moto.endpoint, { seed, rates: { throttle: 0.3 } });
      const c = client(p.endpoint);
      try {
        for (let i = 0; i < 60; i++) await c.send(new DescribeLoadBalancersCommand({})).catch(() => undefined);
        return p.calls.map((x) => (x.fault ? 'T' : '.')).join('');
      } finally {
        c.destroy();
        await p.close();
      }
    };
    const [a, b, other] = [await pattern(7), await pattern(7), await pattern(8)];
    expect(a).toBe(b);
    expect(a).not.toBe(other);
    expect(a).toContain('T');
    expect(a).toContain('.');
  });

  it('GIVEN latencyMs=50 WHEN 4 calls are made in sequence THEN each takes at least 50 ms and they are counted by operation', async () => {
    const p = await start({ latencyMs: 50 });
    const c = client(p.endpoint);
    try {
      const started = Date.now();
      for (let i = 0; i < 3; i++) await c.send(new DescribeLoadBalancersCommand({}));
      await createTg(c);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    } finally {
      c.destroy();
    }
    expect(p.countsByOperation()).toEqual({ DescribeLoadBalancers: 3, CreateTargetGroup: 1 });
    expect(p.calls.every((x) => (x.endedAt ?? 0) - x.startedAt >= 50)).toBe(true);
    expect(p.writes().map((x) => x.operation)).toEqual(['CreateTargetGroup']);
  });

  it('GIVEN rates that add up to more than 1 WHEN the proxy starts THEN it refuses them', async () => {
    await expect(startFaultProxy(moto.endpoint, { rates: { throttle: 0.8, lostAnswer: 0.3 } })).rejects.toThrow(
      'fault rates must be 0-1 and add up to at most 1',
    );
  });

  it('GIVEN a seed WHEN the generator draws THEN values are in [0, 1) and reproducible', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    expect(Math.abs(draws.reduce((s, d) => s + d, 0) / draws.length - 0.5)).toBeLessThan(0.05);
  });
});
