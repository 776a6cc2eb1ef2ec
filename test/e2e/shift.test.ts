/**
 * The BUILT `bin/elbctl shift` as a process, on the real clock (1-second intervals), against moto:
 *
 * - SIGKILL at every write of a shift (each AddTags, ModifyListener and RemoveTags, killed the
 *   moment moto has done it and before elbctl hears back) and once in the middle of a bake: the
 *   live weights are always those of the start, of a step, or of the end — never anything else —
 *   and `shift resume` from a fresh process finishes the shift;
 * - Ctrl-C mid-bake: rolled back, exit 130, the record removed; stdout stays NDJSON.
 *
 * Each kill point runs in its own region of one moto, all at once.
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { assertBuilt, cleanEnv, type ProcessResult, runCli, startCli } from '../support/cli-process';
import { startFaultProxy } from '../support/fault-proxy';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS } from '../support/network';
import { seedStackNetwork } from '../support/stack-fixtures';

jest.setTimeout(180_000);

let motoStarted: Promise<Moto> | undefined;
const moto = () => (motoStarted ??= startMoto());

beforeAll(() => assertBuilt());
afterAll(async () => {
  if (motoStarted) await (await motoStarted).stop();
});

interface Setup {
  region: string;
  listener: string;
  client: ElasticLoadBalancingV2Client;
}

/** An ALB `web` whose HTTP:80 forwards to `blue`, and a healthy `green` beside it, in its own region. */
async function setUp(region: string): Promise<Setup> {
  const m = await moto();
  const net = await seedStackNetwork(m.endpoint, region, 2);
  const client = new ElasticLoadBalancingV2Client({ region, endpoint: m.endpoint, credentials: TEST_CREDENTIALS });
  const lb = await client.send(
    new CreateLoadBalancerCommand({
      Name: 'web',
      Type: 'application',
      Subnets: net.subnets.slice(0, 2),
      SecurityGroups: [net.securityGroupId],
    }),
  );
  const tgs: string[] = [];
  for (const [i, name] of ['blue', 'green'].entries()) {
    const tg = await client.send(
      new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: 80, VpcId: net.vpcId }),
    );
    const arn = tg.TargetGroups?.[0]?.TargetGroupArn as string;
    await client.send(
      new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: net.instances[i] as string }] }),
    );
    tgs.push(arn);
  }
  const listener = await client.send(
    new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgs[0] }],
    }),
  );
  return { region, listener: listener.Listeners?.[0]?.ListenerArn as string, client };
}

/** `blue`, `blue=50 green=50`, `blue=0 green=100`, `green`: the live forward. */
async function live(s: Setup): Promise<string> {
  const a = (await s.client.send(new DescribeListenersCommand({ ListenerArns: [s.listener] }))).Listeners?.[0]
    ?.DefaultActions?.[0];
  const name = (arn: string | undefined) => arn?.split(':targetgroup/')[1]?.split('/')[0] ?? '?';
  const groups = a?.ForwardConfig?.TargetGroups;
  if (!groups || groups.length === 1) return name(groups?.[0]?.TargetGroupArn ?? a?.TargetGroupArn);
  return groups.map((g) => `${name(g.TargetGroupArn)}=${g.Weight}`).join(' ');
}
const recordKeys = async (s: Setup) =>
  ((await s.client.send(new DescribeTagsCommand({ ResourceArns: [s.listener] }))).TagDescriptions?.[0]?.Tags ?? [])
    .map((t) => t.Key as string)
    .filter((k) => k.startsWith('elbctl:shift'));

/** The only forwards a shift of 50,100 may leave: before it, at a step, or after it. */
const COMPLETED_STEPS = ['blue', 'blue=50 green=50', 'blue=0 green=100', 'green'];
const SHIFT = [
  'shift',
  'web:80',
  '--to',
  'green',
  '--steps',
  '50,100',
  '--bake',
  '1s',
  '--interval',
  '1',
  '-y',
  '-o',
  'json',
];
const tailOf = (r: ProcessResult) =>
  `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n${r.stderr.split('\n').slice(-15).join('\n')}`;

interface KillPoint {
  name: string;
  region: string;
  /** Kills when this returns true for a call moto has just answered (the answer is dropped). */
  at: (call: { operation: string; mutating: boolean }, writes: number) => boolean;
}

// A clean run of SHIFT writes 7 times: AddTags (step 1), ModifyListener 50/50, AddTags (step 2),
// ModifyListener 0/100, AddTags (finishing), ModifyListener (plain forward), RemoveTags.
const KILL_POINTS: KillPoint[] = [
  ...['us-east-1', 'us-east-2', 'eu-west-3', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1'].map(
    (region, i) => ({
      name: `write ${i + 1} of 7`,
      region,
      at: (c: { mutating: boolean }, writes: number) => c.mutating && writes === i + 1,
    }),
  ),
  {
    name: 'the middle of the first bake',
    region: 'ap-southeast-1',
    // After the 50/50 write, the first evaluation reads the record (DescribeTags): mid-bake.
    at: (c, writes) => !c.mutating && c.operation === 'DescribeTags' && writes === 2,
  },
];

describe('SIGKILL at every write of a shift, then resume', () => {
  const results = new Map<
    string,
    Promise<{ left: string; record: string[]; resumed: ProcessResult; after: string; afterRecord: string[] }>
  >();

  beforeAll(() => {
    for (const point of KILL_POINTS) {
      results.set(
        point.name,
        (async () => {
          const m = await moto();
          const s = await setUp(point.region);
          const proxy = await startFaultProxy(m.endpoint);
          try {
            const env = cleanEnv({ AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: point.region });
            const run = startCli(SHIFT, env);
            run.child.stdin.end();
            let writes = 0;
            let killed = false;
            proxy.setAfterUpstream((call) => {
              if (call.mutating) writes++;
              if (killed || !point.at(call, writes)) return 'answer';
              killed = true;
              run.child.kill('SIGKILL');
              return 'drop';
            });
            const guard = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
            const r = await run.done.finally(() => clearTimeout(guard));
            proxy.setAfterUpstream(undefined);
            if (r.signal !== 'SIGKILL' || !killed) throw new Error(`${point.name}: not killed there: ${tailOf(r)}`);
            // Requests in flight when it died still reach moto; let the proxy go quiet.
            for (let i = 0; i < 50 && proxy.calls.some((c) => c.endedAt === undefined); i++)
              await new Promise((t) => setTimeout(t, 50));
            const left = await live(s);
            const record = await recordKeys(s);
            const resumed = await runCli(
              ['shift', 'resume', 'web:80', '-y', '-o', 'json'],
              cleanEnv({ AWS_ENDPOINT_URL: m.endpoint, AWS_REGION: point.region }),
            );
            return { left, record, resumed, after: await live(s), afterRecord: await recordKeys(s) };
          } finally {
            await proxy.close();
            s.client.destroy();
          }
        })(),
      );
    }
  });

  it.each(KILL_POINTS.map((p) => [p.name]))(
    'GIVEN a shift killed at %s WHEN looked at THEN the weights are a completed step; resume finishes it at a plain forward to green',
    async (name) => {
      const r = await (results.get(name) as NonNullable<ReturnType<typeof results.get>>);
      expect(COMPLETED_STEPS).toContain(r.left);
      if (r.record.length === 0) {
        // Killed after the record was removed: the shift had finished.
        expect(r.left).toBe('green');
        expect(r.resumed.code).toBe(1);
        expect(r.resumed.stderr).toContain('no shift is recorded on it; there is nothing to resume');
      } else {
        expect(r.resumed.code).toBe(0);
        const last = JSON.parse(r.resumed.stdout.trim().split('\n').at(-1) as string);
        expect(last).toMatchObject({ type: 'result', outcome: 'completed', weights: { from: 0, to: 100 } });
      }
      expect(r.after).toBe('green');
      expect(r.afterRecord).toEqual([]);
    },
  );
});

describe('Ctrl-C or SIGTERM in the middle of a bake', () => {
  it.each([
    ['SIGINT', 'sa-east-1'],
    ['SIGTERM', 'ap-south-1'],
  ] as const)(
    'GIVEN a shift baking its first step WHEN %s arrives THEN it rolls back to blue, removes the record, exits 130, stdout all NDJSON',
    async (signal, region) => {
      const m = await moto();
      const s = await setUp(region);
      try {
        const run = startCli(
          [
            'shift',
            'web:80',
            '--to',
            'green',
            '--steps',
            '50,100',
            '--bake',
            '30s',
            '--interval',
            '1',
            '-y',
            '-o',
            'json',
          ],
          cleanEnv({ AWS_ENDPOINT_URL: m.endpoint, AWS_REGION: region }),
        );
        run.child.stdin.end();
        for (let i = 0; i < 200 && !run.output().stderr.includes('50/50 landed'); i++)
          await new Promise((t) => setTimeout(t, 50));
        expect(await live(s)).toBe('blue=50 green=50');
        run.child.kill(signal);
        const r = await run.done;
        expect(r.code).toBe(130);
        expect(r.stderr).toContain('interrupted: rolling back listener web:80');
        expect(r.stderr).toContain('error: shift on listener web:80: interrupted: rolled back to 100/0\n');
        const lines = r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { type: string; event?: string; outcome?: string });
        expect(lines.at(-1)).toMatchObject({ type: 'result', outcome: 'interrupted' });
        expect(lines.slice(0, -1).every((l) => l.type === 'event')).toBe(true);
        expect(
          lines
            .map((l) => l.event)
            .filter(Boolean)
            .slice(-2),
        ).toEqual(['rollback', 'rolled-back']);
        expect(await live(s)).toBe('blue');
        expect(await recordKeys(s)).toEqual([]);
      } finally {
        s.client.destroy();
      }
    },
  );
});
