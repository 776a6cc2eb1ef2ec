/** `elbctl clb list`: every Classic load balancer in the region, every page followed. */
import { tableView, type Result } from '../../ui/render';
import type { Context } from '../context';
import { toClbRow } from './common';

export type ClbListOptions = Record<string, never>;

export async function run(_opts: ClbListOptions, ctx: Context): Promise<Result> {
  const { elb } = await ctx.aws();
  const rows = (await elb.listSummaries()).map(toClbRow).sort((a, b) => a.name.localeCompare(b.name));
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'NAME', value: (r) => r.name },
        { header: 'SCHEME', value: (r) => r.scheme },
        { header: 'LISTENERS', value: (r) => r.listeners.join(', ') || '-' },
        { header: 'INSTANCES', value: (r) => String(r.instances) },
        { header: 'ZONES', value: (r) => r.availabilityZones.join(',') },
        { header: 'DNS NAME', value: (r) => r.dnsName },
      ],
      'no classic load balancers in this region',
    ),
  };
}
