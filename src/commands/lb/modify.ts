/**
 * `elbctl lb modify LB [--subnets ..|--subnet-mapping ..] [--security-groups ..] [--ip-address-type ..]`:
 * a load balancer changed in place (its ARN and DNS name stay). Flags are judged before any AWS
 * call; the change against the live load balancer by the same rulebook as `lb create`, and what it
 * refers to (subnets, security groups) must exist in its VPC, before any write. A new set of
 * security groups is checked with doctor's reasoning: targets that would stop admitting the load
 * balancer are warned about before the confirmation.
 */
import type { Context } from '../context';
import { admissionsLost } from '../../core/doctor/security-group-change';
import { throwIfProblems } from '../../core/errors';
import type { IpAddressType, LoadBalancer } from '../../core/model';
import {
  type LoadBalancerSettings,
  type SubnetMapping,
  loadBalancerModification,
} from '../../core/modify/load-balancer';
import {
  IP_ADDRESS_TYPES,
  type LoadBalancerChange,
  dualstackSubnetsProblem,
  loadBalancerChangeProblems,
  securityGroupPlacementProblems,
  subnetPlacementProblems,
  subnetsOutsideVpcProblem,
} from '../../core/rules/load-balancer';
import { parseSubnetMappings } from '../../core/rules/subnet-mappings';
import { securityGroupIdProblem, subnetIdProblem } from '../../core/rules/names';
import { type Problem, problem } from '../../core/rules/problem';
import { enumValue, splitList } from '../../core/rules/values';
import { fieldLabel } from '../../core/stack/describe';
import type { Result } from '../../ui/render';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult } from '../modify/flow';

export interface LbModifyOptions extends DryRunFlags {
  lb: string;
  subnets?: string | undefined;
  subnetMapping?: string[] | undefined;
  securityGroups?: string | undefined;
  ipAddressType?: string | undefined;
}

/** Every check that needs no AWS call; one validation error lists every problem. */
export function validateLbModify(opts: LbModifyOptions): LoadBalancerChange {
  checkDryRunFlags(opts);
  const problems: Problem[] = [];
  const given = [opts.subnets, opts.subnetMapping, opts.securityGroups, opts.ipAddressType].some(
    (v) => v !== undefined,
  );
  if (!given) {
    problems.push(
      problem(
        'E_REQUIRED',
        'lb modify: nothing to change; pass --subnets (or --subnet-mapping), --security-groups or --ip-address-type',
      ),
    );
  }
  if (opts.subnets !== undefined && opts.subnetMapping !== undefined) {
    problems.push(problem('E_CONFLICT', 'subnets: --subnets and --subnet-mapping were both given; pass only one'));
  }
  const subnets = opts.subnets === undefined ? undefined : splitList(opts.subnets);
  for (const s of subnets ?? []) {
    const p = subnetIdProblem(s);
    if (p) problems.push(p);
  }
  let mappings: SubnetMapping[] | undefined;
  if (opts.subnetMapping !== undefined) {
    const parsed = parseSubnetMappings(opts.subnetMapping);
    problems.push(...parsed.problems);
    mappings = parsed.mappings;
  }
  const securityGroups = opts.securityGroups === undefined ? undefined : splitList(opts.securityGroups);
  for (const g of securityGroups ?? []) {
    const p = securityGroupIdProblem(g);
    if (p) problems.push(p);
  }
  let ipAddressType: IpAddressType | undefined;
  if (opts.ipAddressType !== undefined) {
    const v = enumValue('ip address type', opts.ipAddressType, IP_ADDRESS_TYPES);
    if (v.ok) ipAddressType = v.value;
    else problems.push(v.problem);
  }
  throwIfProblems(problems);
  return {
    ...(subnets !== undefined ? { subnets } : {}),
    ...(mappings !== undefined ? { subnets: mappings.map((m) => m.subnetId), subnetMappings: mappings } : {}),
    ...(securityGroups !== undefined ? { securityGroups } : {}),
    ...(ipAddressType !== undefined ? { ipAddressType } : {}),
  };
}

/** What the change refers to must exist, in the load balancer's VPC; a dualstack one needs IPv6 subnets. */
async function checkReferences(ctx: Context, lb: LoadBalancer, change: LoadBalancerChange): Promise<void> {
  const ipAddressType = change.ipAddressType ?? lb.ipAddressType;
  const subnets = change.subnets ?? lb.subnets;
  const dualstack = ipAddressType !== 'ipv4' && (change.ipAddressType !== undefined || change.subnets !== undefined);
  const readSubnets = change.subnets !== undefined || dualstack;
  if (!readSubnets && change.securityGroups === undefined) return;
  const [aws, { lookUpReferences }] = await Promise.all([ctx.aws(), import('../../aws/references')]);
  const facts = await lookUpReferences(aws.ec2, {
    subnets: readSubnets ? subnets : [],
    securityGroups: change.securityGroups ?? [],
  });
  const problems: Problem[] = [];
  if (change.subnets !== undefined) {
    const type = lb.type === 'application' ? 'application' : 'network';
    const placement = subnetPlacementProblems({ name: lb.name, type, subnets: change.subnets }, facts.subnets);
    problems.push(...placement);
    const outside = subnetsOutsideVpcProblem(lb.name, lb.vpcId, change.subnets, facts.subnets);
    if (outside && placement.length === 0) problems.push(outside);
  }
  if (dualstack) {
    const p = dualstackSubnetsProblem(lb.name, ipAddressType, subnets, facts.subnets);
    if (p) problems.push(p);
  }
  if (change.securityGroups !== undefined) {
    problems.push(
      ...securityGroupPlacementProblems(
        { name: lb.name, securityGroups: change.securityGroups },
        lb.vpcId,
        facts.securityGroups,
      ),
    );
  }
  throwIfProblems(problems);
}

/** Doctor's reasoning on the new security groups: each check that passes now and would fail, with its fix. */
async function securityGroupWarnings(ctx: Context, lb: LoadBalancer, groups: readonly string[]): Promise<string[]> {
  const [aws, { gatherDoctorFacts }] = await Promise.all([ctx.aws(), import('../doctor')]);
  const facts = await gatherDoctorFacts(aws.elbv2, aws.ec2, { kind: 'load-balancer', loadBalancer: lb });
  return admissionsLost(facts, lb.arn, groups).map(
    (c) =>
      `with security groups ${groups.join(', ')}, ${c.name} would fail: ${c.detail}${c.fix ? `; fix: ${c.fix.split('\n').join(' ; ')}` : ''}`,
  );
}

export async function run(opts: LbModifyOptions, ctx: Context): Promise<Result> {
  const change = validateLbModify(opts);
  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  throwIfProblems(loadBalancerChangeProblems(lb, change));
  await checkReferences(ctx, lb, change);

  const { before, after } = loadBalancerModification(lb, change as Partial<LoadBalancerSettings>);
  const warnings = after.securityGroups ? await securityGroupWarnings(ctx, lb, after.securityGroups) : [];
  const m = { kind: 'load balancer', name: lb.name, arn: lb.arn, before, after, warnings };
  const early = await approveModification(ctx, m, opts);
  if (early) return early;

  const { applyLoadBalancerModification } = await import('../../aws/modify');
  ctx.progress.start(`changing load balancer "${lb.name}" in place`);
  try {
    await applyLoadBalancerModification(elbv2, lb.arn, { before, after });
  } catch (e) {
    ctx.progress.fail(`could not change load balancer "${lb.name}"`);
    throw e;
  }
  ctx.progress.succeed(`changed load balancer "${lb.name}": ${Object.keys(after).map(fieldLabel).join(', ')}`);
  return modifyResult(m, { changed: true, dryRun: false });
}
