/**
 * `elbctl lb list`: every load balancer in the region, every page followed.
 */
import type { Context } from '../context';
import type { ClassicSummary } from '../../core/classic/model';
import type { LoadBalancer } from '../../core/model';
import { tableView, type Result } from '../../ui/render';
import { readAllTags, type TagFields, tagFields, tagsCell } from '../tags/common';

export interface LbListOptions {
  allTypes?: boolean | undefined;
}

export interface LbListRow extends TagFields {
  name: string;
  arn: string;
  type: string;
  scheme: string;
  state: string;
  dnsName: string;
  vpcId: string;
  availabilityZones: string[];
}

/** `tags` undefined: not read (a create's result); listed and described resources always carry theirs. */
export function toListRow(lb: LoadBalancer, tags?: Readonly<Record<string, string>>): LbListRow {
  return {
    name: lb.name,
    arn: lb.arn,
    type: lb.type,
    scheme: lb.scheme,
    state: lb.state,
    dnsName: lb.dnsName,
    vpcId: lb.vpcId,
    availabilityZones: lb.availabilityZones,
    ...tagFields(tags),
  };
}

/** The label/value lines a single load balancer shows in table form. */
export function loadBalancerFields(lb: LoadBalancer): Array<[string, string]> {
  return [
    ['name', lb.name],
    ['arn', lb.arn],
    ['type', lb.type],
    ['scheme', lb.scheme],
    ['state', lb.state],
    ['dns name', lb.dnsName],
    ['vpc', lb.vpcId],
    ['zones', lb.availabilityZones.join(', ')],
    ['subnets', lb.subnets.join(', ')],
    ['security groups', lb.securityGroups.join(', ') || '-'],
    ['ip address type', lb.ipAddressType],
  ];
}

/** A Classic load balancer as a row of `lb list --all-types` (no ARN or state: the Classic API has neither). */
function classicRow(c: ClassicSummary, tags: Readonly<Record<string, string>> | undefined): LbListRow {
  return {
    name: c.name,
    arn: '',
    type: 'classic',
    scheme: c.scheme,
    state: '',
    dnsName: c.dnsName,
    vpcId: c.vpcId ?? '',
    availabilityZones: c.availabilityZones,
    ...tagFields(tags),
  };
}

/**
 * The Classic load balancers beside the ELBv2 ones: listed with --all-types; otherwise only
 * counted for the note, and a failure to read them (a policy without elasticloadbalancing:
 * DescribeLoadBalancers on version 1) never fails `lb list`.
 */
async function classics(ctx: Context, allTypes: boolean): Promise<ClassicSummary[]> {
  const { elb } = await ctx.aws();
  if (allTypes) return elb.listSummaries();
  try {
    return await elb.listSummaries();
  } catch (e) {
    ctx.debug(`classic load balancers not read: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
}

export async function run(opts: LbListOptions, ctx: Context): Promise<Result> {
  const { elbv2, elb } = await ctx.aws();
  const allTypes = opts.allTypes === true;
  const [lbs, classic] = await Promise.all([elbv2.listLoadBalancers(), classics(ctx, allTypes)]);
  const tags = await readAllTags(
    elbv2,
    lbs.map((lb) => lb.arn),
  );
  const classicTags = allTypes && classic.length > 0 ? await elb.tags(classic.map((c) => c.name)) : new Map();
  const rows = [
    ...lbs.map((lb) => toListRow(lb, tags.get(lb.arn))),
    ...(allTypes ? classic.map((c) => classicRow(c, classicTags.get(c.name))) : []),
  ].sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
  if (!allTypes && classic.length > 0)
    ctx.progress.info(
      `note: ${classic.length} Classic load balancer${classic.length === 1 ? '' : 's'} in this region ${classic.length === 1 ? 'is' : 'are'} not listed: \`elbctl lb list --all-types\` or \`elbctl clb list\` (and \`elbctl migrate\` moves them)`,
    );
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'NAME', value: (r) => r.name },
        { header: 'TYPE', value: (r) => r.type },
        { header: 'SCHEME', value: (r) => r.scheme },
        { header: 'STATE', value: (r) => r.state || '-', stateColour: true },
        { header: 'ZONES', value: (r) => r.availabilityZones.join(',') },
        { header: 'DNS NAME', value: (r) => r.dnsName },
        { header: 'TAGS', value: (r) => tagsCell(r.tags) },
      ],
      'no load balancers in this region',
    ),
  };
}
