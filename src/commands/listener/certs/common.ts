/**
 * What `listener certs list|add|remove|rotate` share: the listener (HTTPS or TLS: the others
 * have no certificates), its certificates the default first, and the certificates a command
 * refers to, which must exist in ACM (exit 64 naming every missing one, before any write).
 */
import type { AcmGateway, CertificateFacts } from '../../../aws/acm';
import type { Elbv2Gateway } from '../../../aws/elbv2/gateway';
import { throwIfProblems } from '../../../core/errors';
import { quote } from '../../../core/echo';
import type { Listener, LoadBalancer } from '../../../core/model';
import { isSecureProtocol } from '../../../core/rules/listener';
import { certificateArnProblem } from '../../../core/rules/names';
import { type Problem, problem } from '../../../core/rules/problem';
import { duplicates } from '../../../core/rules/values';
import { resolveListener } from '../../resolve';

export interface CertificateListener {
  listener: Listener;
  loadBalancer: LoadBalancer;
  label: string;
  /** The default certificate first, then the others, each once. */
  certificates: string[];
  /** Listed in the certificate list as well as being the default. */
  defaultAlsoListed: boolean;
}

/** Certificate ARNs given on the command line: their form, each once. */
export function certificateArgProblems(arns: readonly string[], what = 'certificate'): Problem[] {
  const problems: Problem[] = [];
  for (const arn of arns) {
    const p = certificateArnProblem(arn);
    if (p) problems.push(p);
  }
  problems.push(...duplicates(arns, (a) => `${what} ${quote(a)}: given twice; give each once`));
  return problems;
}

export async function readCertificateListener(elbv2: Elbv2Gateway, ref: string): Promise<CertificateListener> {
  const { listener, loadBalancer } = await resolveListener(elbv2, ref);
  const label = `${loadBalancer.name}:${listener.port}`;
  if (!isSecureProtocol(listener.protocol))
    return { listener, loadBalancer, label, certificates: [], defaultAlsoListed: false };
  const all = await elbv2.listListenerCertificates(listener.arn);
  const defaults = all.filter((c) => c.isDefault).map((c) => c.arn);
  const others = all.filter((c) => !c.isDefault).map((c) => c.arn);
  const first = defaults[0] ?? listener.certificates[0];
  return {
    listener,
    loadBalancer,
    label,
    certificates: [...new Set([...(first ? [first] : []), ...others])],
    defaultAlsoListed: first !== undefined && others.includes(first),
  };
}

/** A listener that takes certificates: HTTPS or TLS (exit 64 otherwise, before any write). */
export function requireSecure(l: CertificateListener): void {
  if (isSecureProtocol(l.listener.protocol)) return;
  throwIfProblems([
    problem(
      'E_CERTIFICATE',
      `listener ${quote(l.label)} (${l.listener.protocol}): has no certificates; only HTTPS and TLS listeners do`,
    ),
  ]);
}

/** The certificates a command refers to, from ACM; every missing one is exit 64. */
export async function requireCertificates(acm: AcmGateway, arns: readonly string[]): Promise<CertificateFacts[]> {
  const { found, missing } = await acm.describeCertificates(arns);
  if (missing.length > 0) {
    throwIfProblems([
      problem(
        'E_MISSING_REFERENCE',
        `certificate${missing.length > 1 ? 's' : ''} ${missing.map(quote).join(', ')}: ${missing.length > 1 ? 'do' : 'does'} not exist in ACM in this account and region; check the ARN (\`aws acm list-certificates\`)`,
      ),
    ]);
  }
  return found;
}

export function notAttachedProblem(l: CertificateListener, arns: readonly string[]): Problem | undefined {
  const absent = arns.filter((a) => !l.certificates.includes(a));
  if (absent.length === 0) return undefined;
  return problem(
    'E_CERTIFICATE',
    `certificate${absent.length > 1 ? 's' : ''} ${absent.map(quote).join(', ')}: not attached to listener ${quote(l.label)}; it serves ${l.certificates.join(', ') || 'none'}`,
  );
}
