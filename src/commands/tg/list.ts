/**
 * `elbctl tg list [--lb LB]`: target groups with the NAMES of the load balancers using them,
 * every page followed, the names read in one batched describe (≤20 ARNs per call).
 */
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import type { Context } from '../context';
import { isElbctlError } from '../../core/errors';
import type { LoadBalancer, TargetGroup } from '../../core/model';
import { tableView, type Result } from '../../ui/render';
import { arnNamer } from '../resolve';
import { readAllTags, type TagFields, tagFields, tagsCell } from '../tags/common';

export interface TgListOptions {
  lb?: string | undefined;
}

export interface TgListRow extends TagFields {
  name: string;
  arn: string;
  protocol: string | null;
  port: number | null;
  targetType: string;
  vpcId: string | null;
  loadBalancers: string[];
}

export type ArnToName = (arn: string) => string;

/**
 * Load balancer ARN → name for every ARN the target groups mention. `known` load balancers
 * (already read by the caller) are not asked for again.
 */
export async function loadBalancerNamer(
  elbv2: Elbv2Gateway,
  groups: readonly TargetGroup[],
  known: readonly LoadBalancer[] = [],
): Promise<ArnToName> {
  const names = new Map(known.map((lb) => [lb.arn, lb.name]));
  const wanted = [...new Set(groups.flatMap((g) => g.loadBalancers))].filter((arn) => !names.has(arn));
  if (wanted.length > 0) {
    try {
      for (const lb of await elbv2.getLoadBalancers(wanted)) names.set(lb.arn, lb.name);
    } catch (e) {
      // A load balancer deleted between the two reads: its ARN still carries its name.
      if (!(isElbctlError(e) && e.kind === 'not-found')) throw e;
    }
  }
  return arnNamer(names);
}

export function toTgListRow(tg: TargetGroup, lbName: ArnToName, tags?: Readonly<Record<string, string>>): TgListRow {
  return {
    name: tg.name,
    arn: tg.arn,
    protocol: tg.protocol ?? null,
    port: tg.port ?? null,
    targetType: tg.targetType,
    vpcId: tg.vpcId ?? null,
    loadBalancers: tg.loadBalancers.map(lbName).sort(),
    ...tagFields(tags),
  };
}

/** `HTTP:8080`, or the target type for a lambda target group (which has neither). */
export function protocolPort(tg: {
  protocol?: string | null | undefined;
  port?: number | null | undefined;
  targetType: string;
}): string {
  if (!tg.protocol) return tg.targetType;
  return tg.port === undefined || tg.port === null ? tg.protocol : `${tg.protocol}:${tg.port}`;
}

/** The label/value lines a single target group shows in table form. */
export function targetGroupFields(row: TgListRow): Array<[string, string]> {
  return [
    ['name', row.name],
    ['arn', row.arn],
    ['protocol', row.protocol ?? '-'],
    ['port', row.port === null ? '-' : String(row.port)],
    ['target type', row.targetType],
    ['vpc', row.vpcId ?? '-'],
    ['load balancers', row.loadBalancers.join(', ') || '-'],
    ['stack', row.stack ?? '-'],
  ];
}

export async function run(opts: TgListOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const lb = opts.lb === undefined ? undefined : await elbv2.getLoadBalancer(opts.lb);
  const groups = await elbv2.listTargetGroups(lb ? { loadBalancerArn: lb.arn } : {});
  const [name, tags] = await Promise.all([
    loadBalancerNamer(elbv2, groups, lb ? [lb] : []),
    readAllTags(
      elbv2,
      groups.map((g) => g.arn),
    ),
  ]);
  const rows = groups
    .map((g) => toTgListRow(g, name, tags.get(g.arn)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'NAME', value: (r) => r.name },
        { header: 'PROTOCOL', value: (r) => r.protocol ?? '-' },
        { header: 'PORT', value: (r) => (r.port === null ? '-' : String(r.port)) },
        { header: 'TARGET TYPE', value: (r) => r.targetType },
        { header: 'LOAD BALANCERS', value: (r) => r.loadBalancers.join(',') || '-' },
        { header: 'VPC', value: (r) => r.vpcId ?? '-' },
        { header: 'TAGS', value: (r) => tagsCell(r.tags) },
      ],
      lb ? `no target groups used by load balancer "${lb.name}"` : 'no target groups in this region',
    ),
  };
}
