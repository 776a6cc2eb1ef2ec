/**
 * `elbctl listener certs add LISTENER ARN..`: serves more certificates (SNI) on an HTTPS or TLS
 * listener. Each must exist in ACM; one already attached is named and skipped. The default
 * certificate is not changed here (`listener modify --certificate`, or `certs rotate`).
 */
import { quote } from '../../../core/echo';
import { throwIfProblems } from '../../../core/errors';
import { listenerModification } from '../../../core/modify/listener';
import { parseListenerRef } from '../../../core/references';
import type { Result } from '../../../ui/render';
import type { Context } from '../../context';
import { accountQuotaWarning } from '../../quotas';
import type { Action } from '../../../core/model';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult, withData } from '../../modify/flow';
import { certificateArgProblems, readCertificateListener, requireCertificates, requireSecure } from './common';

export interface CertsAddOptions extends DryRunFlags {
  listener: string;
  certificates: string[];
}

export async function run(opts: CertsAddOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  parseListenerRef(opts.listener);
  const arns = opts.certificates ?? [];
  throwIfProblems(certificateArgProblems(arns));
  const { elbv2, acm } = await ctx.aws();
  const l = await readCertificateListener(elbv2, opts.listener);
  requireSecure(l);
  await requireCertificates(acm, arns);
  const already = arns.filter((a) => l.certificates.includes(a));
  if (already.length > 0) ctx.progress.info(`listener ${l.label} already serves ${already.map(quote).join(', ')}`);
  const wanted = [...l.certificates, ...arns.filter((a) => !already.includes(a))];
  const quota = await accountQuotaWarning(
    ctx,
    l.loadBalancer.type === 'network' ? 'certificatesPerNetworkLoadBalancer' : 'certificatesPerApplicationLoadBalancer',
    wanted.length - 1,
    `listener ${quote(l.label)}`,
  );
  if (quota) ctx.progress.warn(quota);
  const { before, after } = listenerModification<Action>(
    { certificates: l.certificates },
    { certificates: wanted },
    () => true,
  );
  const m = { kind: 'listener', name: l.label, arn: l.listener.arn, before, after };
  const early = await approveModification(ctx, m, opts);
  if (early) return withData(early, { certificates: opts.dryRun ? wanted : l.certificates });

  const { applyListenerModification } = await import('../../../aws/modify');
  await applyListenerModification(elbv2, l.listener.arn, { before, after }, { current: [] });
  ctx.progress.succeed(
    `listener ${l.label} now also serves ${wanted.length - l.certificates.length} more certificate(s)`,
  );
  const now = await readCertificateListener(elbv2, l.listener.arn);
  return withData(modifyResult(m, { changed: true, dryRun: false }), { certificates: now.certificates });
}
