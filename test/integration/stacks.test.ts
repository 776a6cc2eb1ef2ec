/**
 * Stacks end to end against moto, in-process: every example applied from empty and re-planned
 * empty; an edit planned and applied exactly; saved plans applied or refused when stale;
 * export → adopt → empty plan; destroy leaving what the stack does not own.
 */
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CloudWatchClient, DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elbctl as run, type RunResult } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS } from '../support/network';
import { example, localize, regionOf, seedStackNetwork, type StackNetwork } from '../support/stack-fixtures';

jest.setTimeout(180_000);

let moto: Moto;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-stacks-'));

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
});

async function elbctl(args: string[], expectCode = 0, env: Record<string, string> = {}): Promise<RunResult> {
  const r = await run(['--endpoint-url', moto.endpoint, ...args], { env });
  if (r.code !== expectCode)
    throw new Error(`elbctl ${args.join(' ')} exited ${r.code}, expected ${expectCode}\n${r.stderr}`);
  return r;
}

function sdk(region: string) {
  return new ElasticLoadBalancingV2Client({ region, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
}

async function prepare(name: string): Promise<{ file: string; net: StackNetwork; text: string }> {
  const raw = example(name);
  const net = await seedStackNetwork(moto.endpoint, regionOf(raw));
  const text = localize(raw, net);
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, net, text };
}

interface PlanJson {
  changes: Array<{ action: string; type: string; name: string; after?: Record<string, unknown> | null }>;
  unmanaged: unknown[];
}

describe('stacks against moto', () => {
  it.each(['alb-path-routing.yaml', 'nlb-tcp-tls.yaml', 'blue-green.yaml', 'progressive.yaml', 'gateway.yaml'])(
    'GIVEN %s WHEN applied from empty THEN everything exists once, tagged, a re-plan is empty, and destroy removes it all',
    async (name) => {
      const { file, net } = await prepare(name);
      const applied = await elbctl(['apply', '-f', file, '-y']);
      expect(applied.json<{ failed: unknown[] }>().failed).toEqual([]);

      const again = await elbctl(['plan', '-f', file, '--detailed-exitcode']);
      expect(again.json<PlanJson>().changes).toEqual([]);

      const client = sdk(net.region);
      try {
        const lbs = (await client.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
        const names = lbs.map((l) => l.LoadBalancerName);
        expect(new Set(names).size).toBe(names.length); // no twins
        const tags =
          (await client.send(new DescribeTagsCommand({ ResourceArns: lbs.map((l) => l.LoadBalancerArn as string) })))
            .TagDescriptions ?? [];
        for (const t of tags) expect(t.Tags?.some((x) => x.Key === 'elbctl:stack')).toBe(true);
      } finally {
        client.destroy();
      }

      // re-running apply right after apply makes no change
      const noop = await elbctl(['apply', '-f', file, '-y', '-o', 'table']);
      expect(noop.stdout).toMatch(/^no changes: the live state already matches stack/);

      await elbctl(['destroy', '-f', file, '-y']);
      const after = await elbctl(['plan', '-f', file, '-o', 'json']);
      expect(after.json<PlanJson>().changes.every((c) => c.action === 'create')).toBe(true);
    },
  );

  it("GIVEN progressive.yaml WHEN applied THEN its 9 alarms exist with the stack's tag and the override; destroy deletes them", async () => {
    const { file, net } = await prepare('progressive.yaml');
    await elbctl(['apply', '-f', file, '-y']);
    const cw = new CloudWatchClient({ region: net.region, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
    try {
      const alarms = (await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'elbctl/api/' }))).MetricAlarms ?? [];
      expect(alarms.map((a) => a.AlarmName).sort()).toEqual([
        'elbctl/api/blue/no-healthy-hosts',
        'elbctl/api/blue/p99-latency',
        'elbctl/api/blue/target-5xx-rate',
        'elbctl/api/blue/unhealthy-hosts',
        'elbctl/api/elb-5xx',
        'elbctl/api/green/no-healthy-hosts',
        'elbctl/api/green/p99-latency',
        'elbctl/api/green/target-5xx-rate',
        'elbctl/api/green/unhealthy-hosts',
      ]);
      const p99 = alarms.find((a) => a.AlarmName === 'elbctl/api/green/p99-latency');
      expect(p99).toMatchObject({ Threshold: 0.8, AlarmActions: ['arn:aws:sns:us-east-1:123456789012:oncall'] });
      const tags = await cw.send(new ListTagsForResourceCommand({ ResourceARN: p99?.AlarmArn }));
      expect(tags.Tags).toContainEqual({ Key: 'elbctl:stack', Value: 'api' });
      await elbctl(['destroy', '-f', file, '-y']);
      expect((await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'elbctl/api/' }))).MetricAlarms).toEqual([]);
    } finally {
      cw.destroy();
    }
  });

  it('GIVEN an applied stack WHEN one rule and one health check are edited THEN the plan shows exactly those edits and apply makes them', async () => {
    const { file, text } = await prepare('alb-path-routing.yaml');
    await elbctl(['apply', '-f', file, '-y']);
    const edited = text
      .replace('["/api/*"]', '["/v2/api/*"]')
      .replace(/(healthCheck:\s*\{[^}]*path:\s*)\/[^\s,}]+/, '$1/ready');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const plan = (await elbctl(['plan', '-f', file, '--detailed-exitcode'], 2)).json<PlanJson>();
    expect(plan.changes.map((c) => `${c.action} ${c.type}`).sort()).toEqual(['update rule', 'update target-group']);
    await elbctl(['apply', '-f', file, '-y']);
    expect((await elbctl(['plan', '-f', file, '--detailed-exitcode'])).json<PlanJson>().changes).toEqual([]);
  });

  it('GIVEN a saved plan WHEN the live state changed since THEN apply --plan refuses with the reason; a fresh one applies', async () => {
    const { file } = await prepare('blue-green.yaml');
    const out = join(dir, 'bg-plan.json');
    await elbctl(['plan', '-f', file, '--out', out]);
    // someone creates a target group the stack declares, by hand, before the plan is applied
    await elbctl(['tg', 'create', 'blue', '--protocol', 'HTTP', '--port', '8080', '--vpc', await vpcOf(file)]);
    const stale = await elbctl(['apply', '--plan', out, '-y'], 1);
    expect(stale.stderr).toContain(`plan file "${out}": the live state changed since the plan was made`);
    expect(stale.stderr).toContain('target group "blue" appeared');

    await elbctl(['plan', '-f', file, '--out', out]);
    const applied = await elbctl(['apply', '--plan', out, '-y']);
    expect(applied.json<{ failed: unknown[] }>().failed).toEqual([]);
    expect((await elbctl(['plan', '-f', file, '--detailed-exitcode'])).json<PlanJson>().changes).toEqual([]);
  });

  it('GIVEN resources the stack does not own WHEN the stack is destroyed THEN they are left untouched, and a rule in the way blocks the destroy', async () => {
    const { file, net } = await prepare('alb-path-routing.yaml');
    await elbctl(['apply', '-f', file, '-y']);
    await elbctl(['tg', 'create', 'outsider', '--protocol', 'HTTP', '--port', '9000', '--vpc', net.vpcId]);
    await elbctl(['rule', 'add', 'shop-web:443', '--path', '/outside/*', '--forward', 'outsider', '--priority', '900']);

    // Deleting the listener would take the outsider's rule with it: refused, nothing deleted.
    const blocked = await elbctl(['destroy', '-f', file, '-y'], 1);
    expect(blocked.stderr).toContain('listener shop-web:443: holds a rule not managed by stack "shop" (priority 900)');
    expect(
      (await elbctl(['rule', 'list', 'shop-web:443']))
        .json<Array<{ priority: number | string }>>()
        .map((r) => r.priority),
    ).toContain(900);

    await elbctl(['rule', 'delete', 'shop-web:443:900', '-y']);
    await elbctl(['destroy', '-f', file, '-y']);
    const client = sdk(net.region);
    try {
      const tgs = (await client.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
      expect(tgs.map((t) => t.TargetGroupName)).toEqual(['outsider']);
      expect((await client.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).toEqual([]);
    } finally {
      client.destroy();
    }
  });

  it('GIVEN load balancers made by hand WHEN exported THEN the plan is nothing but adoptions, and after apply nothing at all', async () => {
    const net = await seedStackNetwork(moto.endpoint, 'us-east-1');
    const cert = net.certificateArn;
    await elbctl([
      'lb',
      'create',
      'legacy',
      '--type',
      'application',
      '--subnets',
      net.subnets.slice(0, 2).join(','),
      '--security-groups',
      net.securityGroupId,
    ]);
    await elbctl([
      'tg',
      'create',
      'app',
      '--protocol',
      'HTTP',
      '--port',
      '8080',
      '--vpc',
      net.vpcId,
      '--health-path',
      '/up',
      '--matcher',
      '200-299',
    ]);
    await elbctl(['tg', 'create', 'admin', '--protocol', 'HTTP', '--port', '9090', '--vpc', net.vpcId]);
    await elbctl(['targets', 'register', 'app', `${net.instances[0]}`, `${net.instances[1]}`]);
    await elbctl(['listener', 'create', 'legacy', '--protocol', 'HTTP', '--port', '80', '--redirect-https']);
    await elbctl([
      'listener',
      'create',
      'legacy',
      '--protocol',
      'HTTPS',
      '--port',
      '443',
      '--certificate',
      cert,
      '--forward',
      'app',
    ]);
    await elbctl(['rule', 'add', 'legacy:443', '--host', 'admin.example.com', '--forward', 'admin']);
    await elbctl(['rule', 'add', 'legacy:443', '--path', '/api/*', '--forward', 'app=80,admin=20']);

    const file = join(dir, 'legacy.yaml');
    await elbctl(['export', 'legacy', '--stack', 'legacy', '-f', file, '-y']);
    await elbctl(['validate', '-f', file]);
    const first = (await elbctl(['plan', '-f', file, '--detailed-exitcode'], 2)).json<PlanJson>();
    expect(first.unmanaged).toEqual([]);
    expect(new Set(first.changes.map((c) => c.action))).toEqual(new Set(['adopt']));
    expect(first.changes.map((c) => `${c.type}:${c.name}`).sort()).toEqual(
      [
        'listener:legacy:443',
        'listener:legacy:80',
        'load-balancer:legacy',
        'target-group:admin',
        'target-group:app',
        'rule:legacy:443:host-admin-example-com',
        'rule:legacy:443:path-api',
      ].sort(),
    );
    await elbctl(['apply', '-f', file, '-y']);
    expect((await elbctl(['plan', '-f', file, '--detailed-exitcode'])).json<PlanJson>().changes).toEqual([]);
  });

  async function vpcOf(file: string): Promise<string> {
    const { readFileSync } = await import('node:fs');
    return /vpc:\s*(vpc-[0-9a-f]+)/.exec(readFileSync(file, 'utf8'))?.[1] as string;
  }
});
