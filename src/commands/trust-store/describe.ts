/** `elbctl trust-store describe NAME|ARN`: the trust store, the listeners that verify with it, and its revocation lists. */
import type { TrustStore } from '../../core/model';
import type { Result } from '../../ui/render';
import type { Context } from '../context';

export interface TrustStoreDescribeOptions {
  trustStore: string;
}

/** The fields every trust-store command shows. */
export function trustStoreFields(t: TrustStore): Array<[string, string]> {
  return [
    ['name', t.name],
    ['arn', t.arn],
    ['status', t.status],
    ['ca certificates', String(t.caCertificates)],
    ['revoked entries', String(t.revokedEntries)],
  ];
}

export async function run(opts: TrustStoreDescribeOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const store = await elbv2.trustStores.get(opts.trustStore);
  const [listeners, revocations] = await Promise.all([
    elbv2.trustStores.associations(store.arn),
    elbv2.trustStores.revocations(store.arn),
  ]);
  return {
    data: { ...store, listeners, revocations },
    view: {
      kind: 'fields',
      fields: [
        ...trustStoreFields(store),
        ['listeners', listeners.join(', ') || 'none'],
        [
          'revocation lists',
          revocations.map((r) => `${r.id} (${r.type}, ${r.revokedEntries} entries)`).join(', ') || 'none',
        ],
      ],
    },
  };
}
