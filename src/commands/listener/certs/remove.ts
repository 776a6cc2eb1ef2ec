/**
 * `elbctl listener certs remove LISTENER ARN..`: stops serving certificates of the list (SNI).
 * Each must be attached (exit 64 naming what is); the default certificate cannot be removed,
 * only rotated (`listener certs rotate`).
 */
import { throwIfProblems } from '../../../core/errors';
import { quote } from '../../../core/echo';
import type { Action } from '../../../core/model';
import { listenerModification } from '../../../core/modify/listener';
import { parseListenerRef } from '../../../core/references';
import { problem } from '../../../core/rules/problem';
import type { Result } from '../../../ui/render';
import type { Context } from '../../context';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult, withData } from '../../modify/flow';
import { certificateArgProblems, notAttachedProblem, readCertificateListener, requireSecure } from './common';

export interface CertsRemoveOptions extends DryRunFlags {
  listener: string;
  certificates: string[];
}

export async function run(opts: CertsRemoveOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  parseListenerRef(opts.listener);
  const arns = opts.certificates ?? [];
  throwIfProblems(certificateArgProblems(arns));
  const { elbv2 } = await ctx.aws();
  const l = await readCertificateListener(elbv2, opts.listener);
  requireSecure(l);
  const absent = notAttachedProblem(l, arns);
  const isDefault = arns.includes(l.certificates[0] ?? '');
  throwIfProblems([
    ...(absent ? [absent] : []),
    ...(isDefault
      ? [
          problem(
            'E_CERTIFICATE',
            `certificate ${quote(l.certificates[0])}: is the default certificate of listener ${quote(l.label)} and cannot be removed; replace it with \`elbctl listener certs rotate ${l.label} --from ${l.certificates[0]} --to ARN\``,
          ),
        ]
      : []),
  ]);
  const wanted = l.certificates.filter((c) => !arns.includes(c));
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
  ctx.progress.succeed(`listener ${l.label} no longer serves ${arns.length} certificate(s)`);
  const now = await readCertificateListener(elbv2, l.listener.arn);
  return withData(modifyResult(m, { changed: true, dryRun: false }), { certificates: now.certificates });
}
