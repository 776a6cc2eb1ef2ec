/**
 * `elbctl lb create`: validate everything (names, subnets and their zones) before the one
 * write, never create a twin, apply the secure defaults, wait until active.
 */
import type { Context } from '../context';
import { ElbctlError, throwIfProblems } from '../../core/errors';
import { quote } from '../../core/echo';
import type { IpAddressType, LoadBalancer, Scheme, SubnetAddresses, Tag } from '../../core/model';
import {
  type CreatableLoadBalancerType,
  DEFAULT_IP_ADDRESS_TYPE,
  DEFAULT_SCHEME,
  defaultScheme,
  IP_ADDRESS_TYPES,
  LOAD_BALANCER_TYPES,
  loadBalancerProblems,
  SCHEMES,
  securityGroupPlacementProblems,
  subnetPlacementProblems,
  vpcOfSubnets,
} from '../../core/rules/load-balancer';
import { loadBalancerNameProblem } from '../../core/rules/names';
import { type Problem, problem } from '../../core/rules/problem';
import {
  parseSubnetMappings,
  subnetMappingAddressProblems,
  subnetMappingProblems,
} from '../../core/rules/subnet-mappings';
import { parseTagFlags, tagProblems } from '../../core/rules/tags';
import { enumValue, splitList } from '../../core/rules/values';
import type { Result } from '../../ui/render';
import { readAllTags } from '../tags/common';
import { loadBalancerFields, toListRow } from './list';

export interface LbCreateOptions {
  name: string;
  type: string;
  /** Exactly one of subnets and subnetMapping. */
  subnets?: string | undefined;
  subnetMapping?: string[] | undefined;
  securityGroups?: string | undefined;
  scheme?: string | undefined;
  ipAddressType?: string | undefined;
  tag?: string[] | undefined;
  wait?: boolean | undefined;
}

export const DROP_INVALID_HEADERS = 'routing.http.drop_invalid_header_fields.enabled';

export interface ValidLbCreate {
  name: string;
  type: CreatableLoadBalancerType;
  subnets: string[];
  /** Given with --subnet-mapping: each subnet's fixed addresses (SubnetMappings is sent instead of Subnets). */
  subnetMappings?: SubnetAddresses[] | undefined;
  securityGroups: string[];
  scheme: Scheme;
  ipAddressType: IpAddressType;
  tags: Tag[];
}

/** Every check that needs no AWS call (the rulebook's, as for a stack file). Throws one validation error listing every problem. */
export function validateLbCreate(opts: LbCreateOptions): ValidLbCreate {
  const problems: Problem[] = [];
  const name = loadBalancerNameProblem(opts.name);
  if (name) problems.push(name);
  const type = enumValue('load balancer type', opts.type, LOAD_BALANCER_TYPES);
  // A gateway load balancer is internal and takes no scheme: left out, the type decides.
  const scheme = enumValue('scheme', opts.scheme ?? defaultScheme(type.ok ? type.value : ''), SCHEMES);
  const ipAddressType = enumValue('ip address type', opts.ipAddressType ?? DEFAULT_IP_ADDRESS_TYPE, IP_ADDRESS_TYPES);
  for (const r of [type, scheme, ipAddressType]) if (!r.ok) problems.push(r.problem);
  if (opts.subnets !== undefined && opts.subnetMapping !== undefined) {
    problems.push(problem('E_CONFLICT', 'subnets: --subnets and --subnet-mapping were both given; pass only one'));
  }
  const parsed = opts.subnetMapping === undefined ? undefined : parseSubnetMappings(opts.subnetMapping);
  if (parsed) problems.push(...parsed.problems);
  const subnets = parsed ? parsed.mappings.map((m) => m.subnetId) : splitList(opts.subnets);
  const securityGroups = splitList(opts.securityGroups);
  if (parsed && type.ok && scheme.ok && ipAddressType.ok) {
    problems.push(
      ...subnetMappingProblems(
        { name: opts.name, type: type.value, scheme: scheme.value, ipAddressType: ipAddressType.value },
        parsed.mappings,
        'flags',
      ),
    );
  }
  // A value already reported as unknown is judged as the least demanding one, so none of its consequences is reported again.
  problems.push(
    ...loadBalancerProblems({
      name: opts.name,
      type: type.ok ? type.value : 'network',
      scheme: scheme.ok ? scheme.value : DEFAULT_SCHEME,
      ipAddressType: ipAddressType.ok ? ipAddressType.value : DEFAULT_IP_ADDRESS_TYPE,
      subnets,
      securityGroups,
    }),
  );
  const tags = parseTagFlags(opts.tag ?? []);
  problems.push(...tags.problems, ...tagProblems(tags.tags));
  throwIfProblems(problems);
  return {
    name: opts.name,
    type: (type as { value: CreatableLoadBalancerType }).value,
    subnets,
    ...(parsed ? { subnetMappings: parsed.mappings } : {}),
    securityGroups,
    scheme: (scheme as { value: Scheme }).value,
    ipAddressType: (ipAddressType as { value: IpAddressType }).value,
    tags: tags.tags,
  };
}

function sameSettings(lb: LoadBalancer, want: ValidLbCreate): boolean {
  return lb.type === want.type && lb.scheme === want.scheme && [...want.subnets].sort().join() === lb.subnets.join();
}

export async function run(opts: LbCreateOptions, ctx: Context): Promise<Result> {
  const want = validateLbCreate(opts);
  const aws = await ctx.aws();
  const { elbv2 } = aws;

  // What the load balancer only refers to must exist and fit (subnets, their zones and VPC; security groups in that VPC).
  const { lookUpReferences } = await import('../../aws/references');
  const facts = await lookUpReferences(aws.ec2, { subnets: want.subnets, securityGroups: want.securityGroups });
  const vpcId = vpcOfSubnets(want.subnets, facts.subnets);
  throwIfProblems([
    ...subnetPlacementProblems(want, facts.subnets),
    ...subnetMappingAddressProblems(want.subnetMappings ?? [], facts.subnets),
    ...securityGroupPlacementProblems(want, vpcId, facts.securityGroups),
  ]);

  // Observe before creating: AWS would return an identical load balancer, an emulator may make a twin.
  const existing = await elbv2.findLoadBalancer(want.name);
  if (existing) {
    if (!sameSettings(existing, want)) {
      throw new ElbctlError(
        'conflict',
        'E_LB_EXISTS',
        `load balancer ${quote(want.name)}: already exists with other settings (${existing.type}, ${existing.scheme}, ${existing.subnets.join(',')})`,
        {
          hint: 'choose another name, or delete the existing one first',
        },
      );
    }
    ctx.progress.info(`load balancer "${want.name}" already exists with these settings; nothing to create`);
    return created(existing, (await readAllTags(elbv2, [existing.arn])).get(existing.arn));
  }

  ctx.progress.start(`creating ${want.type} load balancer "${want.name}"`);
  let lb: LoadBalancer;
  try {
    lb = await elbv2.createLoadBalancer({
      name: want.name,
      type: want.type,
      ...(want.type === 'gateway' ? {} : { scheme: want.scheme }),
      subnets: want.subnets,
      ...(want.subnetMappings ? { subnetMappings: want.subnetMappings } : {}),
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
    return created(lb, tagMap(want.tags));
  }
  ctx.progress.update(`waiting for load balancer "${want.name}" to become active`);
  await elbv2.waitUntilAvailable(lb.arn);
  const active = await elbv2.getLoadBalancer(lb.arn);
  ctx.progress.succeed(`load balancer "${want.name}" is ${active.state}: ${active.dnsName}`);
  return created(active, tagMap(want.tags));
}

const tagMap = (tags: readonly Tag[]) => Object.fromEntries(tags.map((t) => [t.key, t.value]));

function created(lb: LoadBalancer, tags: Record<string, string> | undefined): Result {
  return { data: toListRow(lb, tags), view: { kind: 'fields', fields: loadBalancerFields(lb) } };
}
