/** `elbctl trust-store delete NAME|ARN [-y]`: refused while a listener verifies with it (naming the listener); asks first. */
import { ElbctlError } from '../../core/errors';
import type { Result } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import type { Context } from '../context';

/** `app/web/…/…` of a listener ARN → the load balancer's name, for the message. */
const loadBalancerOf = (listenerArn: string): string => listenerArn.split(':listener/')[1]?.split('/')[1] ?? '?';

export interface TrustStoreDeleteOptions {
  trustStore: string;
}

export async function run(opts: TrustStoreDeleteOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const store = await elbv2.trustStores.get(opts.trustStore);
  const listeners = await elbv2.trustStores.associations(store.arn);
  const [first] = listeners;
  if (first !== undefined) {
    throw new ElbctlError(
      'conflict',
      'E_IN_USE',
      `trust store "${store.name}": in use by the listener ${first} of load balancer "${loadBalancerOf(first)}"${listeners.length > 1 ? ` and ${listeners.length - 1} more` : ''}`,
      {
        details: listeners.slice(1),
        hint: 'turn mutual TLS off on it first: elbctl listener modify LISTENER --mtls off (or verify with another trust store)',
      },
    );
  }
  await confirmOrAbort(ctx, `Delete trust store "${store.name}"?`, `delete trust store "${store.name}"`);
  await elbv2.trustStores.delete(store.arn);
  ctx.progress.succeed(`deleted trust store "${store.name}"`);
  return { data: { deleted: store.arn, name: store.name }, view: { kind: 'fields', fields: [['deleted', store.arn]] } };
}
