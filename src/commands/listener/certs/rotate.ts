/**
 * `elbctl listener certs rotate LISTENER --from ARN --to ARN`: replaces one certificate by
 * another without a moment where the listener lacks either: the new one is attached (as the
 * default when the old one was), the listener is read back to check it presents it, and only
 * then is the old one removed. Every other certificate is left as it is. Refused (exit 64,
 * nothing written) when --from is not attached or --to does not exist in ACM.
 */
import { throwIfProblems } from '../../../core/errors';
import { quote } from '../../../core/echo';
import type { Action } from '../../../core/model';
import { listenerModification } from '../../../core/modify/listener';
import { parseListenerRef } from '../../../core/references';
import { type Problem, problem } from '../../../core/rules/problem';
import type { Result } from '../../../ui/render';
import type { Context } from '../../context';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult, withData } from '../../modify/flow';
import {
  certificateArgProblems,
  notAttachedProblem,
  readCertificateListener,
  requireCertificates,
  requireSecure,
} from './common';

export interface CertsRotateOptions extends DryRunFlags {
  listener: string;
  from: string;
  to: string;
}

export async function run(opts: CertsRotateOptions, ctx: Context): Promise<Result> {
  checkDryRunFlags(opts);
  parseListenerRef(opts.listener);
  const problems: Problem[] = [
    ...certificateArgProblems([opts.from], '--from'),
    ...certificateArgProblems([opts.to], '--to'),
  ];
  if (opts.from === opts.to) {
    problems.push(
      problem('E_CONFLICT', `--from and --to: both name ${quote(opts.from)}; rotate to another certificate`),
    );
  }
  throwIfProblems(problems);

  const { elbv2, acm } = await ctx.aws();
  const l = await readCertificateListener(elbv2, opts.listener);
  requireSecure(l);
  const absent = notAttachedProblem(l, [opts.from]);
  throwIfProblems(absent ? [absent] : []);
  await requireCertificates(acm, [opts.to]);

  const fromIsDefault = l.certificates[0] === opts.from;
  const others = l.certificates.filter((c) => c !== opts.from && c !== opts.to);
  const wanted = fromIsDefault ? [opts.to, ...others] : [l.certificates[0] as string, ...others, opts.to];
  const { before, after } = listenerModification<Action>(
    { certificates: l.certificates },
    { certificates: wanted },
    () => true,
  );
  const m = {
    kind: 'listener',
    name: l.label,
    arn: l.listener.arn,
    before,
    after,
    notes: [
      `${fromIsDefault ? 'the default certificate' : 'a certificate of the list'}: ${opts.from} → ${opts.to}; the new one is attached and checked before the old one is removed`,
    ],
  };
  const early = await approveModification(ctx, m, opts);
  if (early) return withData(early, { certificates: opts.dryRun ? wanted : l.certificates });

  const { rotateListenerCertificate } = await import('../../../aws/modify');
  ctx.progress.start(`rotating a certificate of listener ${l.label}`);
  try {
    await rotateListenerCertificate(elbv2, l.listener.arn, {
      from: opts.from,
      to: opts.to,
      fromIsDefault,
      others: fromIsDefault ? others : others.filter((c) => c !== l.certificates[0]),
      toAttached: l.certificates.includes(opts.to),
    });
  } catch (e) {
    ctx.progress.fail(`could not rotate the certificate of listener ${l.label}`);
    throw e;
  }
  ctx.progress.succeed(
    `listener ${l.label} presents ${opts.to}${fromIsDefault ? ' as its default certificate' : ''}; ${opts.from} removed`,
  );
  const now = await readCertificateListener(elbv2, l.listener.arn);
  return withData(modifyResult(m, { changed: true, dryRun: false }), { certificates: now.certificates });
}
