/**
 * The scale stack of the benchmarks and reliability tests: 1 application load balancer, 2
 * listeners (HTTP 80, HTTPS 443), 10 target groups, 60 rules (30 per listener) and 40 target
 * registrations, generated as stack-file text for a network seeded by `seedStackNetwork`. The
 * pacing tests use a larger shape of the same stack (PACING_SCALE: 2 load balancers, 160 rules,
 * 20 target groups), since 100 rules per load balancer is AWS's default quota.
 *
 * Also here: reading the end state straight from moto with the SDK and listing every way it
 * differs from the declared one (a twin, a missing piece, an extra piece), and "bystanders" —
 * a load balancer and a target group without any elbctl tag, created before a scenario and
 * compared after it, to prove that nothing the stack does not own was modified or deleted.
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { TEST_CREDENTIALS } from './network';
import type { StackNetwork } from './stack-fixtures';

/** How big a scale stack is: every listener of every load balancer gets the same number of rules. */
interface ScaleShape {
  loadBalancers: number;
  /** Two per load balancer: HTTP 80 and HTTPS 443. */
  listeners: number;
  targetGroups: number;
  rules: number;
  /** Four per target group. */
  targets: number;
}

/** What the scale stack declares, as the issue states it. */
export const SCALE = { loadBalancers: 1, listeners: 2, targetGroups: 10, rules: 60, targets: 40 } as const;

/** The pacing tests' stack: at least 150 rules across at least two ALBs, and at least 20 target groups. */
export const PACING_SCALE = { loadBalancers: 2, listeners: 4, targetGroups: 20, rules: 160, targets: 80 } as const;

/** Instances `seedStackNetwork` must start for the scale stack (instance target groups use 4 each, shared when there are more groups). */
export const SCALE_INSTANCES = 20;

interface ScaleRule {
  name: string;
  priority: number;
  paths: string[];
  host?: string | undefined;
  /** Target group names; two means a weighted forward. */
  forward: Array<{ targetGroup: string; weight: number }>;
}

interface ScaleListener {
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  rules: ScaleRule[];
}

interface ScaleTargetGroup {
  name: string;
  targetType: 'instance' | 'ip';
  port: number;
  targets: Array<{ id: string; port?: number | undefined }>;
}

interface ScaleLoadBalancer {
  name: string;
  listeners: ScaleListener[];
  /** What the HTTPS listener's default action forwards to. */
  defaultTargetGroup: string;
}

export interface ScaleSpec {
  stack: string;
  region: string;
  loadBalancers: ScaleLoadBalancer[];
  targetGroups: ScaleTargetGroup[];
}

export interface ScaleOptions {
  stack?: string;
  /** Prefix of every resource name (keep it short: names are at most 32 characters). */
  prefix?: string;
  /** Default SCALE. */
  shape?: ScaleShape;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function scaleSpec(net: StackNetwork, options: ScaleOptions = {}): ScaleSpec {
  if (net.instances.length < SCALE_INSTANCES) {
    throw new Error(
      `the scale stack needs ${SCALE_INSTANCES} instances; seed with seedStackNetwork(endpoint, region, ${SCALE_INSTANCES})`,
    );
  }
  const shape = options.shape ?? SCALE;
  if (
    shape.listeners !== shape.loadBalancers * 2 ||
    shape.rules % shape.listeners !== 0 ||
    shape.targets !== shape.targetGroups * 4
  )
    throw new Error(
      `scale shape ${JSON.stringify(shape)}: needs 2 listeners per load balancer, the same rules on each, 4 targets per group`,
    );
  const prefix = options.prefix ?? 'scale';
  const tgName = (k: number) => `${prefix}-tg-${pad(k)}`;
  const instance = (n: number) => net.instances[n % net.instances.length] as string;
  const targetGroups: ScaleTargetGroup[] = Array.from({ length: shape.targetGroups }, (_, k) => {
    const instanceGroup = k % 2 === 0;
    const base = (k >> 1) * 4;
    return {
      name: tgName(k),
      targetType: instanceGroup ? 'instance' : 'ip',
      port: 8000 + k,
      targets: instanceGroup
        ? Array.from({ length: 4 }, (_, i) => ({ id: instance(base + i) }))
        : Array.from({ length: 4 }, (_, i) => ({ id: `10.0.${(i % 3) + 1}.${10 + k * 4 + i}`, port: 9000 + k })),
    };
  });
  const perListener = shape.rules / shape.listeners;
  // A target group serves one load balancer: each gets its own share of them.
  const perLb = Math.floor(shape.targetGroups / shape.loadBalancers);
  const listenersOf = (lb: number): ScaleListener[] =>
    [
      { port: 80, protocol: 'HTTP' },
      { port: 443, protocol: 'HTTPS' },
    ].map((l, i) => ({
      port: l.port,
      protocol: l.protocol as 'HTTP' | 'HTTPS',
      rules: Array.from({ length: perListener }, (_, r): ScaleRule => {
        const k = (r + i * 3) % perLb;
        const weighted = r % 5 === 4;
        const tg = (n: number) => tgName(lb * perLb + n);
        return {
          name: `svc-${pad(r)}`,
          priority: (r + 1) * 10,
          paths: r % 4 === 3 ? [`/svc-${pad(r)}/*`, `/v2/svc-${pad(r)}/*`] : [`/svc-${pad(r)}/*`],
          ...(r % 3 === 2 ? { host: `svc-${pad(r)}.example.com` } : {}),
          forward: weighted
            ? [
                { targetGroup: tg(k), weight: 90 },
                { targetGroup: tg((k + 1) % perLb), weight: 10 },
              ]
            : [{ targetGroup: tg(k), weight: 1 }],
        };
      }),
    }));
  const loadBalancers = Array.from({ length: shape.loadBalancers }, (_, lb) => ({
    name: shape.loadBalancers === 1 ? `${prefix}-alb` : `${prefix}-alb-${lb + 1}`,
    listeners: listenersOf(lb),
    defaultTargetGroup: tgName(lb * perLb),
  }));
  return { stack: options.stack ?? prefix, region: net.region, loadBalancers, targetGroups };
}

/** The stack file text (YAML) of a spec. */
export function scaleStackText(spec: ScaleSpec, net: StackNetwork): string {
  const rules = spec.loadBalancers.reduce((n, lb) => n + lb.listeners.reduce((m, l) => m + l.rules.length, 0), 0);
  const lines: string[] = [
    `# Generated by test/support/scale-stack.ts: ${spec.loadBalancers.length} ALB, ${spec.loadBalancers.length * 2} listeners, ${spec.targetGroups.length} target groups, ${rules} rules, ${spec.targetGroups.length * 4} targets.`,
    'version: 1',
    `stack: ${spec.stack}`,
    `region: ${spec.region}`,
    'loadBalancers:',
  ];
  for (const lb of spec.loadBalancers) {
    lines.push(
      `  - name: ${lb.name}`,
      '    type: application',
      `    subnets: [${net.subnets.slice(0, 2).join(', ')}]`,
      `    securityGroups: [${net.securityGroupId}]`,
      '    attributes:',
      '      idle_timeout.timeout_seconds: 120',
      '    listeners:',
    );
    for (const l of lb.listeners) {
      lines.push(`      - port: ${l.port}`, `        protocol: ${l.protocol}`);
      if (l.protocol === 'HTTPS') lines.push(`        certificates: [${net.certificateArn}]`);
      lines.push(
        l.protocol === 'HTTPS'
          ? `        defaultAction: { forward: ${lb.defaultTargetGroup} }`
          : '        defaultAction: { fixedResponse: { statusCode: 404, body: "no route" } }',
        '        rules:',
      );
      for (const r of l.rules) {
        const conditions = [
          `path: [${r.paths.map((p) => JSON.stringify(p)).join(', ')}]`,
          ...(r.host ? [`host: [${JSON.stringify(r.host)}]`] : []),
        ];
        const forward =
          r.forward.length === 1
            ? (r.forward[0] as { targetGroup: string }).targetGroup
            : `[${r.forward.map((f) => `{ targetGroup: ${f.targetGroup}, weight: ${f.weight} }`).join(', ')}]`;
        lines.push(
          `          - name: ${r.name}`,
          `            priority: ${r.priority}`,
          `            conditions: { ${conditions.join(', ')} }`,
          `            action: { forward: ${forward} }`,
        );
      }
    }
  }
  lines.push('targetGroups:');
  for (const [k, tg] of spec.targetGroups.entries()) {
    lines.push(
      `  - name: ${tg.name}`,
      '    protocol: HTTP',
      `    port: ${tg.port}`,
      `    vpc: ${net.vpcId}`,
      `    targetType: ${tg.targetType}`,
      `    healthCheck: { path: /health/${pad(k)}, interval: 15, healthyThreshold: 3, matcher: "200-299" }`,
      `    deregistrationDelay: ${30 + k}`,
      '    targets:',
      ...tg.targets.map((t) => `      - { id: ${t.id}${t.port !== undefined ? `, port: ${t.port}` : ''} }`),
    );
  }
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------ the end state, read from moto

function elbv2Client(endpoint: string, region: string): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client({ region, endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

async function tagsOf(
  client: ElasticLoadBalancingV2Client,
  arns: string[],
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (let i = 0; i < arns.length; i += 20) {
    const r = await client.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }));
    for (const d of r.TagDescriptions ?? []) {
      out.set(
        d.ResourceArn as string,
        Object.fromEntries((d.Tags ?? []).map((t) => [t.Key as string, t.Value as string])),
      );
    }
  }
  return out;
}

/** Every rule of a listener, page by page (moto pages DescribeRules at 50). */
async function rulesOf(client: ElasticLoadBalancingV2Client, listenerArn: string): Promise<Rule[]> {
  const out: Rule[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new DescribeRulesCommand({ ListenerArn: listenerArn, Marker: marker }));
    out.push(...(page.Rules ?? []));
    marker = page.NextMarker;
  } while (marker);
  return out;
}

export interface LiveCounts {
  loadBalancers: number;
  listeners: number;
  targetGroups: number;
  rules: number;
  registrations: number;
}

/**
 * Every way the live state differs from the spec: twins (anything there more than once), gaps,
 * extras, and wrong wiring. Empty means exactly as declared.
 */
export async function scaleStateProblems(
  endpoint: string,
  spec: ScaleSpec,
): Promise<{ problems: string[]; counts: LiveCounts }> {
  const client = elbv2Client(endpoint, spec.region);
  const problems: string[] = [];
  const counts: LiveCounts = { loadBalancers: 0, listeners: 0, targetGroups: 0, rules: 0, registrations: 0 };
  try {
    const allLbs = (await client.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];

    const tgs = ((await client.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []).filter((t) =>
      t.TargetGroupName?.startsWith(spec.targetGroups[0]?.name.replace(/\d+$/, '') ?? '\u0000'),
    );
    const tgArnByName = new Map<string, string>();
    for (const want of spec.targetGroups) {
      const found = tgs.filter((t) => t.TargetGroupName === want.name);
      if (found.length !== 1) problems.push(`target group ${want.name}: ${found.length} exist, expected exactly 1`);
      if (found[0]) tgArnByName.set(want.name, found[0].TargetGroupArn as string);
    }
    counts.targetGroups = tgs.length;
    const extraTgs = tgs.filter((t) => !spec.targetGroups.some((w) => w.name === t.TargetGroupName));
    for (const t of extraTgs) problems.push(`target group ${t.TargetGroupName}: not declared`);
    const tgTags = await tagsOf(
      client,
      tgs.map((t) => t.TargetGroupArn as string),
    );
    for (const t of tgs) {
      if (tgTags.get(t.TargetGroupArn as string)?.['elbctl:stack'] !== spec.stack)
        problems.push(`target group ${t.TargetGroupName}: not tagged elbctl:stack=${spec.stack}`);
    }

    for (const want of spec.targetGroups) {
      const arn = tgArnByName.get(want.name);
      if (!arn) continue;
      const health =
        (await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions ?? [];
      const live = health.map((h) => `${h.Target?.Id}${want.targetType === 'ip' ? `:${h.Target?.Port}` : ''}`);
      counts.registrations += live.length;
      const expected = want.targets.map((t) => `${t.id}${want.targetType === 'ip' ? `:${t.port}` : ''}`);
      for (const id of new Set([...live, ...expected])) {
        const n = live.filter((x) => x === id).length;
        if (expected.includes(id) && n !== 1)
          problems.push(`target ${id} of ${want.name}: registered ${n} times, expected once`);
        if (!expected.includes(id)) problems.push(`target ${id} of ${want.name}: registered but not declared`);
      }
    }

    for (const wantLb of spec.loadBalancers) {
      const lbs = allLbs.filter((l) => l.LoadBalancerName === wantLb.name);
      counts.loadBalancers += lbs.length;
      if (lbs.length !== 1) problems.push(`load balancer ${wantLb.name}: ${lbs.length} exist, expected exactly 1`);
      const lb = lbs[0];
      if (lb) {
        const lbTags = await tagsOf(
          client,
          lbs.map((l) => l.LoadBalancerArn as string),
        );
        if (lbTags.get(lb.LoadBalancerArn as string)?.['elbctl:stack'] !== spec.stack)
          problems.push(`load balancer ${wantLb.name}: not tagged elbctl:stack=${spec.stack}`);
        const listeners =
          (await client.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners ?? [];
        counts.listeners += listeners.length;
        for (const l of listeners) {
          if (!wantLb.listeners.some((w) => w.port === l.Port))
            problems.push(`listener ${wantLb.name}:${l.Port}: not declared`);
        }
        for (const want of wantLb.listeners) {
          const on = listeners.filter((l) => l.Port === want.port);
          if (on.length !== 1)
            problems.push(`listener ${wantLb.name}:${want.port}: ${on.length} exist, expected exactly 1`);
          for (const l of on) {
            const rules = (await rulesOf(client, l.ListenerArn as string)).filter((r) => !r.IsDefault);
            counts.rules += rules.length;
            const ruleTags = await tagsOf(
              client,
              rules.map((r) => r.RuleArn as string),
            );
            const byName = new Map<string, Rule[]>();
            for (const r of rules) {
              const name = ruleTags.get(r.RuleArn as string)?.['elbctl:rule'] ?? '(untagged)';
              byName.set(name, [...(byName.get(name) ?? []), r]);
            }
            for (const w of want.rules) {
              const found = byName.get(w.name) ?? [];
              if (found.length !== 1) {
                problems.push(
                  `rule ${w.name} on ${wantLb.name}:${want.port}: ${found.length} carry tag elbctl:rule=${w.name}, expected exactly 1`,
                );
                continue;
              }
              const r = found[0] as Rule;
              if (Number(r.Priority) !== w.priority)
                problems.push(
                  `rule ${w.name} on ${wantLb.name}:${want.port}: priority ${r.Priority}, expected ${w.priority}`,
                );
              const forwarded = (
                r.Actions?.[0]?.ForwardConfig?.TargetGroups ?? [{ TargetGroupArn: r.Actions?.[0]?.TargetGroupArn }]
              )
                .map((t) => t.TargetGroupArn)
                .sort();
              const expected = w.forward.map((f) => tgArnByName.get(f.targetGroup)).sort();
              if (JSON.stringify(forwarded) !== JSON.stringify(expected))
                problems.push(`rule ${w.name} on ${wantLb.name}:${want.port}: forwards to the wrong target groups`);
            }
            for (const name of byName.keys()) {
              if (!want.rules.some((w) => w.name === name))
                problems.push(`rule ${name} on ${wantLb.name}:${want.port}: not declared`);
            }
          }
        }
      }
    }
  } finally {
    client.destroy();
  }
  return { problems, counts };
}

// ------------------------------------------------------------------ bystanders (ownership)

export interface Bystanders {
  loadBalancerArn: string;
  targetGroupArn: string;
}

/** A load balancer (with a listener) and a target group (with a target), none of them tagged. */
export async function createBystanders(endpoint: string, net: StackNetwork, prefix = 'bystander'): Promise<Bystanders> {
  const client = elbv2Client(endpoint, net.region);
  try {
    const lb = (
      await client.send(
        new CreateLoadBalancerCommand({
          Name: `${prefix}-lb`,
          Type: 'application',
          Subnets: net.subnets.slice(0, 2),
          SecurityGroups: [net.securityGroupId],
        }),
      )
    ).LoadBalancers?.[0];
    const tg = (
      await client.send(
        new CreateTargetGroupCommand({
          Name: `${prefix}-tg`,
          Protocol: 'HTTP',
          Port: 7000,
          VpcId: net.vpcId,
          TargetType: 'instance',
          HealthCheckPath: '/bystander',
        }),
      )
    ).TargetGroups?.[0];
    await client.send(
      new RegisterTargetsCommand({ TargetGroupArn: tg?.TargetGroupArn, Targets: [{ Id: net.instances[0] as string }] }),
    );
    await client.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb?.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg?.TargetGroupArn }],
      }),
    );
    return { loadBalancerArn: lb?.LoadBalancerArn as string, targetGroupArn: tg?.TargetGroupArn as string };
  } finally {
    client.destroy();
  }
}

/** Everything a change to the bystanders would show: settings, attributes, tags, listeners, rules, targets. */
export async function snapshotBystanders(endpoint: string, region: string, b: Bystanders): Promise<unknown> {
  const client = elbv2Client(endpoint, region);
  try {
    const lbs =
      (await client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [b.loadBalancerArn] }))).LoadBalancers ??
      [];
    const tgs =
      (await client.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [b.targetGroupArn] }))).TargetGroups ?? [];
    const lbAttributes =
      (await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: b.loadBalancerArn })))
        .Attributes ?? [];
    const tgAttributes =
      (await client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: b.targetGroupArn }))).Attributes ??
      [];
    const listeners =
      (await client.send(new DescribeListenersCommand({ LoadBalancerArn: b.loadBalancerArn }))).Listeners ?? [];
    const rules = [];
    for (const l of listeners)
      rules.push(...((await client.send(new DescribeRulesCommand({ ListenerArn: l.ListenerArn }))).Rules ?? []));
    const targets =
      (await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: b.targetGroupArn })))
        .TargetHealthDescriptions ?? [];
    const tags = await tagsOf(client, [
      b.loadBalancerArn,
      b.targetGroupArn,
      ...listeners.map((l) => l.ListenerArn as string),
    ]);
    const strip = <T>(x: T): T => JSON.parse(JSON.stringify(x, (k, v) => (k === '$metadata' ? undefined : v))) as T;
    return strip({
      loadBalancers: lbs,
      targetGroups: tgs,
      lbAttributes,
      tgAttributes,
      listeners,
      rules,
      targets: targets.map((t) => t.Target),
      tags: [...tags.entries()].sort(),
    });
  } finally {
    client.destroy();
  }
}
