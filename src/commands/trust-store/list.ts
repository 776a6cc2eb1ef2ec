/** `elbctl trust-store list`: the Region's trust stores. */
import { tableView, type Result } from '../../ui/render';
import type { Context } from '../context';

export async function run(_opts: Record<string, never>, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const stores = (await elbv2.trustStores.list()).sort((a, b) => a.name.localeCompare(b.name));
  return {
    data: stores,
    view: tableView(
      stores,
      [
        { header: 'NAME', value: (t) => t.name },
        { header: 'STATUS', value: (t) => t.status, stateColour: true },
        { header: 'CA CERTS', value: (t) => String(t.caCertificates) },
        { header: 'REVOKED', value: (t) => String(t.revokedEntries) },
      ],
      'no trust stores in this Region (`elbctl trust-store create NAME --ca-certificates s3://BUCKET/KEY` makes one)',
    ),
  };
}
