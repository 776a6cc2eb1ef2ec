/**
 * `elbctl lb create`: validate everything (names, subnets and their zones) before the one
 * write, never create a twin, apply the secure defaults, wait until active.
 */
import type { Context } from '../context';
import { ElbctlError, Problems } from '../../core/errors';
import type { LoadBalancer, LoadBalancerType, Tag } from '../../core/model';
import * as v from '../../core/validate';
import type { Result } from '../../ui/render';
import { loadBalancerFields, toListRow } from './list';

export interface LbCreateOptions {
  name: string;
  type: string;
  subnets: string;
  securityGroups?: string | undefined;
  scheme?: string | undefined;
  ipAddressType?: string | undefined;
  tag?: string[] | undefined;
  wait?: boolean | undefined;
}

export const DROP_INVALID_HEADERS = 'routing.http.drop_invalid_header_fields.enabled';

export interface ValidLbCreate {
  name: string;
  type: LoadBalancerType;
  subnets: string[];
  securityGroups: string[];
  scheme: 'internet-facing' | 'internal';
  ipAddressType: 'ipv4' | 'dualstack';
  tags: Tag[];
}

/** Every check that needs no AWS call. Throws one validation error listing every problem. */
export function validateLbCreate(opts: LbCreateOptions): ValidLbCreate {
  const problems = new Problems();
  const nameProblem = v.loadBalancerName(opts.name);
  if (nameProblem) problems.add(nameProblem);
  if (opts.type !== 'application' && opts.type !== 'network') {
    problems.add(`load balancer type "${opts.type}": unknown; use application or network`);
  }
  const subnets = v.splitList(opts.subnets);
  subnets.forEach((s) => {
    const p = v.subnetId(s);
    if (p) problems.add(p);
  });
  if (new Set(subnets).size !== subnets.length)
    problems.add(`subnets "${opts.subnets}": a subnet is listed twice; list each once`);
  if (opts.type === 'application' && subnets.length < 2) {
    problems.add(
      `subnets "${opts.subnets}": an application load balancer needs at least two subnets in two different availability zones; add a second subnet`,
    );
  }
  if (subnets.length === 0) problems.add('subnets: at least one subnet is needed; pass --subnets subnet-…');
  const securityGroups = v.splitList(opts.securityGroups);
  securityGroups.forEach((g) => {
    const p = v.securityGroupId(g);
    if (p) problems.add(p);
  });
  if (securityGroups.length > 5) problems.add(`security groups: ${securityGroups.length} given, the limit is 5`);
  const scheme = opts.scheme ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal') {
    problems.add(`scheme "${scheme}": unknown; use internet-facing or internal`);
  }
  const ipAddressType = opts.ipAddressType ?? 'ipv4';
  if (ipAddressType !== 'ipv4' && ipAddressType !== 'dualstack') {
    problems.add(`ip address type "${ipAddressType}": unknown; use ipv4 or dualstack`);
  }
  const tags: Tag[] = [];
  for (const raw of opts.tag ?? []) {
    const kv = v.parseKeyValue('tag', raw);
    if (typeof kv === 'string') problems.add(kv);
    else {
      const p = v.tag(kv.key, kv.value);
      if (p) problems.add(p);
      else tags.push(kv);
    }
  }
  problems.throwIfAny();
  return {
    name: opts.name,
    type: opts.type as LoadBalancerType,
    subnets,
    securityGroups,
    scheme: scheme as ValidLbCreate['scheme'],
    ipAddressType: ipAddressType as ValidLbCreate['ipAddressType'],
    tags,
  };
}

function sameSettings(lb: LoadBalancer, want: ValidLbCreate): boolean {
  return lb.type === want.type && lb.scheme === want.scheme && [...want.subnets].sort().join() === lb.subnets.join();
}

export async function run(opts: LbCreateOptions, ctx: Context): Promise<Result> {
  const want = validateLbCreate(opts);
  const { elbv2, ec2 } = await ctx.aws();

  // Subnets: they must exist, share one VPC, and (ALB) cover two zones with one subnet per zone.
  const subnets = await ec2.getSubnets(want.subnets);
  const problems = new Problems();
  const vpcs = new Set(subnets.map((s) => s.vpcId));
  if (vpcs.size > 1) {
    problems.add(
      `subnets "${want.subnets.join(',')}": they belong to different VPCs (${[...vpcs].join(', ')}); use subnets of one VPC`,
    );
  }
  const byZone = new Map<string, string[]>();
  for (const s of subnets) byZone.set(s.availabilityZone, [...(byZone.get(s.availabilityZone) ?? []), s.id]);
  for (const [zone, ids] of byZone) {
    if (ids.length > 1)
      problems.add(`subnets ${ids.join(', ')}: all in zone ${zone}; a load balancer takes one subnet per zone`);
  }
  if (want.type === 'application' && byZone.size < 2) {
    problems.add(
      `subnets "${want.subnets.join(',')}": all in zone ${[...byZone.keys()].join(', ')}; an application load balancer needs subnets in at least two availability zones`,
    );
  }
  problems.throwIfAny('E_BAD_SUBNETS');

  // Observe before creating: AWS would return an identical load balancer, an emulator may make a twin.
  const existing = await elbv2.findLoadBalancer(want.name);
  if (existing) {
    if (!sameSettings(existing, want)) {
      throw new ElbctlError(
        'conflict',
        'E_LB_EXISTS',
        `load balancer "${want.name}": already exists with other settings (${existing.type}, ${existing.scheme}, ${existing.subnets.join(',')})`,
        {
          hint: 'choose another name, or delete the existing one first',
        },
      );
    }
    ctx.progress.info(`load balancer "${want.name}" already exists with these settings; nothing to create`);
    return created(existing);
  }

  ctx.progress.start(`creating ${want.type} load balancer "${want.name}"`);
  let lb: LoadBalancer;
  try {
    lb = await elbv2.createLoadBalancer({
      name: want.name,
      type: want.type,
      scheme: want.scheme,
      subnets: want.subnets,
      securityGroups: want.securityGroups,
      ipAddressType: want.ipAddressType,
      tags: want.tags,
    });
  } catch (e) {
    ctx.progress.fail(`could not create load balancer "${want.name}"`);
    throw e;
  }
  if (want.type === 'application') {
    await elbv2.setLoadBalancerAttributes(lb.arn, { [DROP_INVALID_HEADERS]: 'true' });
  }
  if (opts.wait === false) {
    ctx.progress.succeed(`load balancer "${want.name}" requested (state: ${lb.state}); not waiting`);
    return created(lb);
  }
  ctx.progress.update(`waiting for load balancer "${want.name}" to become active`);
  await elbv2.waitUntilAvailable(lb.arn);
  const active = await elbv2.getLoadBalancer(lb.arn);
  ctx.progress.succeed(`load balancer "${want.name}" is ${active.state}: ${active.dnsName}`);
  return created(active);
}

function created(lb: LoadBalancer): Result {
  return { data: toListRow(lb), view: { kind: 'fields', fields: loadBalancerFields(lb) } };
}
