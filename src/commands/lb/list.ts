/**
 * `elbctl lb list`: every load balancer in the region, every page followed.
 */
import type { Context } from '../context';
import type { LoadBalancer } from '../../core/model';
import { tableView, type Result } from '../../ui/render';
import { readAllTags, type TagFields, tagFields, tagsCell } from '../tags/common';

export type LbListOptions = Record<string, never>;

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

export async function run(_opts: LbListOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const lbs = await elbv2.listLoadBalancers();
  const tags = await readAllTags(
    elbv2,
    lbs.map((lb) => lb.arn),
  );
  const rows = lbs.map((lb) => toListRow(lb, tags.get(lb.arn))).sort((a, b) => a.name.localeCompare(b.name));
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'NAME', value: (r) => r.name },
        { header: 'TYPE', value: (r) => r.type },
        { header: 'SCHEME', value: (r) => r.scheme },
        { header: 'STATE', value: (r) => r.state, stateColour: true },
        { header: 'ZONES', value: (r) => r.availabilityZones.join(',') },
        { header: 'DNS NAME', value: (r) => r.dnsName },
        { header: 'TAGS', value: (r) => tagsCell(r.tags) },
      ],
      'no load balancers in this region',
    ),
  };
}
