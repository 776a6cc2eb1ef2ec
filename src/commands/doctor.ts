/**
 * `elbctl doctor LB|TG`: for every target group in scope, each target's health with its reason
 * explained, then the checks that find the usual causes (security groups, zones, cross-zone,
 * instance state, IP placement, health check settings, listener use), each with its fix.
 * Exit 1 when a check fails.
 */
import type { Ec2Gateway } from '../aws/ec2';
import type { Elbv2Gateway } from '../aws/elbv2/gateway';
import type { Context } from './context';
import { diagnose, summarizeChecks, type CheckSummary } from '../core/doctor/diagnose';
import type { Check, DoctorFacts, InterfaceFacts, LoadBalancerFacts, TargetGroupFacts } from '../core/doctor/facts';
import { quote } from '../core/echo';
import { isElbctlError, notFoundError, usageError } from '../core/errors';
import type { LoadBalancer, TargetGroup } from '../core/model';
import { parseResourceRef } from '../core/references';
import type { Result, View } from '../ui/render';
import type { Theme } from '../ui/theme';
import { resolveResource } from './resolve';
import { healthView, sortRows, toHealthRow, type TargetHealthRow } from './targets/health';

export interface DoctorOptions {
  target: string;
}

export interface DoctorTargetGroup {
  name: string;
  arn: string;
  protocol: string | null;
  port: number | null;
  targetType: string;
  loadBalancers: string[];
  targets: TargetHealthRow[];
}

/** The JSON result: cli-surface.md's `{ target, checks }` plus the health of every target and a summary. */
export interface DoctorReport {
  target: string;
  kind: 'load-balancer' | 'target-group' | 'classic-load-balancer';
  arn: string;
  targetGroups: DoctorTargetGroup[];
  checks: Check[];
  summary: CheckSummary;
}

/** How many other load balancers are read to suggest a listener for an unused target group. */
const MAX_CANDIDATES = 3;

export interface Subject {
  kind: 'load-balancer' | 'target-group';
  loadBalancer?: LoadBalancer | undefined;
  targetGroup?: TargetGroup | undefined;
}

/** The load balancer or target group doctor looks at, named as `resolveResource` takes it (an ambiguous name is exit 64). */
function checkSubject(ref: string): void {
  const parsed = parseResourceRef(ref);
  if (parsed.kind === 'listener' || parsed.kind === 'rule') {
    throw usageError(
      'E_USAGE',
      `doctor ${quote(ref)}: names a ${parsed.kind}; name a load balancer or a target group (a name, lb/NAME, tg/NAME or an ARN)`,
    );
  }
}

async function resolveSubject(elbv2: Elbv2Gateway, ref: string): Promise<Subject> {
  const r = await resolveResource(elbv2, ref);
  if (r.kind === 'target-group') return { kind: 'target-group', targetGroup: r.targetGroup };
  return { kind: 'load-balancer', loadBalancer: r.loadBalancer };
}

async function loadBalancerFacts(
  elbv2: Elbv2Gateway,
  lb: LoadBalancer,
  subnets: Map<string, { id: string; availabilityZone: string; cidr: string }>,
): Promise<LoadBalancerFacts> {
  const listeners = await elbv2.listListeners(lb.arn);
  const withRules = await Promise.all(
    listeners.map(async (listener) => ({
      listener,
      rules:
        lb.type === 'application' && (listener.protocol === 'HTTP' || listener.protocol === 'HTTPS')
          ? await elbv2.listRules(listener.arn)
          : [],
    })),
  );
  const crossZone =
    lb.type === 'application'
      ? true
      : (await elbv2.getLoadBalancerAttributes(lb.arn))['load_balancing.cross_zone.enabled'] === 'true';
  return {
    loadBalancer: lb,
    subnets: lb.subnets
      .map((id) => subnets.get(id))
      .filter((s): s is { id: string; availabilityZone: string; cidr: string } => s !== undefined),
    crossZone,
    listeners: withRules,
  };
}

/** The target groups a load balancer uses; none when it has none (some endpoints answer "not found" then). */
async function targetGroupsOf(elbv2: Elbv2Gateway, loadBalancerArn: string): Promise<TargetGroup[]> {
  try {
    return await elbv2.listTargetGroups({ loadBalancerArn });
  } catch (e) {
    if (isElbctlError(e) && e.kind === 'not-found') return [];
    throw e;
  }
}

const fits = (tg: TargetGroup, lb: LoadBalancer) =>
  tg.protocol === 'GENEVE'
    ? lb.type === 'gateway'
    : tg.targetType === 'lambda' || tg.protocol === 'HTTP' || tg.protocol === 'HTTPS'
      ? lb.type === 'application'
      : lb.type === 'network';

/**
 * Everything doctor reasons over, read for one load balancer (and every target group it uses) or
 * one target group. `lb modify --security-groups` reads the same facts to warn which targets would
 * stop admitting the load balancer.
 */
export async function gatherDoctorFacts(elbv2: Elbv2Gateway, ec2: Ec2Gateway, subject: Subject): Promise<DoctorFacts> {
  const targetGroups = subject.loadBalancer
    ? (await targetGroupsOf(elbv2, subject.loadBalancer.arn)).sort((a, b) => a.name.localeCompare(b.name))
    : [subject.targetGroup as TargetGroup];

  const lbArns = [
    ...new Set([
      ...(subject.loadBalancer ? [subject.loadBalancer.arn] : []),
      ...targetGroups.flatMap((t) => t.loadBalancers),
    ]),
  ];
  const lbs = lbArns.length > 0 ? await elbv2.getLoadBalancers(lbArns) : [];
  const unused = targetGroups.filter((t) => t.loadBalancers.length === 0);
  let candidateLbs: LoadBalancer[] = [];
  if (unused.length > 0) {
    const first = unused[0] as TargetGroup;
    candidateLbs = (await elbv2.listLoadBalancers())
      .filter((lb) => fits(first, lb) && (first.targetType === 'lambda' || lb.vpcId === first.vpcId))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_CANDIDATES);
  }

  const tgFacts: TargetGroupFacts[] = await Promise.all(
    targetGroups.map(async (targetGroup) => {
      const [health, attributes] = await Promise.all([
        elbv2.describeTargetHealth(targetGroup.arn),
        elbv2.getTargetGroupAttributes(targetGroup.arn),
      ]);
      return { targetGroup, health, attributes };
    }),
  );

  const subnetIds = [...new Set(lbs.flatMap((lb) => lb.subnets))];
  const vpcIds = [
    ...new Set([...lbs.map((lb) => lb.vpcId), ...targetGroups.map((t) => t.vpcId ?? '')].filter(Boolean)),
  ];
  const instanceIds = [
    ...new Set(
      tgFacts.filter((t) => t.targetGroup.targetType === 'instance').flatMap((t) => t.health.map((h) => h.id)),
    ),
  ];
  const [subnets, vpcs, instances] = await Promise.all([
    ec2.findSubnets(subnetIds),
    vpcIds.length > 0 ? ec2.findVpcs(vpcIds) : Promise.resolve([]),
    ec2.findInstances(instanceIds),
  ]);
  const interfaces: InterfaceFacts[] = [];
  for (const t of tgFacts.filter((f) => f.targetGroup.targetType === 'ip' && f.targetGroup.vpcId)) {
    const ips = t.health.map((h) => h.id);
    interfaces.push(...(await ec2.findNetworkInterfacesByIp(t.targetGroup.vpcId as string, ips)));
  }
  const groupIds = [
    ...new Set([...instances.flatMap((i) => i.securityGroups), ...interfaces.flatMap((n) => n.securityGroups)]),
  ];
  const securityGroups = await ec2.findSecurityGroups(groupIds);

  const subnetById = new Map(subnets.map((s) => [s.id, s]));
  const [lbFacts, candidates] = await Promise.all([
    Promise.all(lbs.map((lb) => loadBalancerFacts(elbv2, lb, subnetById))),
    Promise.all(candidateLbs.map((lb) => loadBalancerFacts(elbv2, lb, subnetById))),
  ]);
  return {
    targetGroups: tgFacts,
    loadBalancers: lbFacts,
    instances,
    securityGroups,
    interfaces,
    vpcCidrs: Object.fromEntries(vpcs.map((v) => [v.id, v.cidrs])),
    candidates,
  };
}

export function doctorReport(subject: Subject, facts: DoctorFacts, checks: Check[]): DoctorReport {
  const main = (subject.loadBalancer ?? subject.targetGroup) as { name: string; arn: string };
  const lbName = new Map(facts.loadBalancers.map((l) => [l.loadBalancer.arn, l.loadBalancer.name]));
  const zoneOf = new Map(facts.instances.map((i) => [i.id, i.availabilityZone]));
  return {
    target: main.name,
    kind: subject.kind,
    arn: main.arn,
    targetGroups: facts.targetGroups.map(({ targetGroup: tg, health }) => ({
      name: tg.name,
      arn: tg.arn,
      protocol: tg.protocol ?? null,
      port: tg.port ?? null,
      targetType: tg.targetType,
      loadBalancers: tg.loadBalancers.map((arn) => lbName.get(arn) ?? arn),
      // DescribeTargetHealth names no zone for instance targets; EC2 knows it.
      targets: sortRows(health.map(toHealthRow)).map((r) => ({
        ...r,
        availabilityZone: r.availabilityZone ?? zoneOf.get(r.id) ?? null,
      })),
    })),
    checks,
    summary: summarizeChecks(checks),
  };
}

const SYMBOL: Record<Check['status'], (theme: Theme) => string> = {
  pass: (t) => t.ok('✓'),
  warn: (t) => t.warn('!'),
  fail: (t) => t.error('✗'),
};

function checksText(checks: readonly Check[], summary: CheckSummary, theme: Theme): string {
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${SYMBOL[c.status](theme)} ${theme.bold(c.name)}  ${c.detail}`);
    if (c.fix)
      for (const [i, f] of c.fix.split('\n').entries())
        lines.push(`    ${i === 0 ? theme.accent('fix:') : '    '} ${f}`);
  }
  const parts = [
    `${summary.fail} failed`,
    `${summary.warn} ${summary.warn === 1 ? 'warning' : 'warnings'}`,
    `${summary.pass} passed`,
  ];
  lines.push('', summary.fail > 0 ? theme.error(parts.join(', ')) : parts.join(', '));
  return lines.join('\n');
}

export function doctorView(r: DoctorReport, theme: Theme): View {
  const sections: Array<{ title: string; view: View }> = r.targetGroups.map((tg) => ({
    title: `targets of ${tg.name}${tg.protocol ? ` (${tg.protocol}${tg.port ? `:${tg.port}` : ''})` : ''}${tg.loadBalancers.length ? ` · ${tg.loadBalancers.join(', ')}` : ''}`,
    view: healthView(tg.targets, 'no targets registered'),
  }));
  if (r.targetGroups.length === 0)
    sections.push({
      title: `${r.target}`,
      view: { kind: 'message', text: 'no target groups: no listener forwards anywhere yet' },
    });
  sections.push({ title: 'checks', view: { kind: 'message', text: checksText(r.checks, r.summary, theme) } });
  return { kind: 'sections', sections };
}

export async function run(opts: DoctorOptions, ctx: Context): Promise<Result> {
  const ref = (opts.target ?? '').trim();
  if (ref === '') throw usageError('E_USAGE', 'doctor "": name a load balancer or a target group (name or ARN)');
  const classicName = /^clb\/(.+)$/.exec(ref)?.[1];
  if (classicName === undefined) checkSubject(ref);
  const aws = await ctx.aws();
  const { elbv2, ec2 } = aws;
  if (classicName !== undefined) {
    const clb = await aws.elb.find(classicName);
    if (!clb) throw notFoundError('classic load balancer', classicName, { hint: '`elbctl clb list` shows them' });
    return (await import('./doctor-classic')).classicDoctor(ctx, aws, clb);
  }
  // A bare name: ELBv2 first, then Classic; a name that is both must say which.
  const parsed = parseResourceRef(ref);
  let subject: Subject | undefined;
  try {
    subject = await resolveSubject(elbv2, ref);
  } catch (e) {
    if (!(parsed.kind === 'name' && isElbctlError(e) && e.kind === 'not-found')) throw e;
    const clb = await aws.elb.find(parsed.name);
    if (!clb) throw e;
    return (await import('./doctor-classic')).classicDoctor(ctx, aws, clb);
  }
  if (parsed.kind === 'name' && subject.kind === 'load-balancer' && (await aws.elb.find(parsed.name)))
    throw usageError(
      'E_BOTH_KINDS',
      `${quote(parsed.name)}: names both a Classic and an ${subject.loadBalancer?.type} load balancer; say which: clb/${parsed.name} or lb/${parsed.name}`,
    );
  const facts = await gatherDoctorFacts(elbv2, ec2, subject);
  const checks = diagnose(facts, subject.loadBalancer?.arn);
  const r = doctorReport(subject, facts, checks);
  return { data: r, view: doctorView(r, ctx.theme), ...(r.summary.fail > 0 ? { exitCode: 1 } : {}) };
}
