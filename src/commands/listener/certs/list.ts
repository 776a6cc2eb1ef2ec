/**
 * `elbctl listener certs LISTENER` (or `listener certs list`): the default and the other (SNI)
 * certificates of an HTTPS or TLS listener, with their names and end dates from ACM. Warns about
 * any that end within 30 days, and about host names the listener's rules route on that no
 * certificate covers.
 */
import { daysLeft, expiryWarnings, ruleHosts, uncoveredHosts } from '../../../core/certificates';
import { isSecureProtocol } from '../../../core/rules/listener';
import { tableView, type Result } from '../../../ui/render';
import type { Context } from '../../context';
import { readCertificateListener } from './common';

export interface CertsListOptions {
  listener: string;
}

export interface CertificateRow {
  arn: string;
  default: boolean;
  domainName: string | null;
  names: string[];
  /** ISO 8601, or null when ACM cannot say (an IAM server certificate). */
  notAfter: string | null;
  daysLeft: number | null;
  status: string | null;
}

export async function run(opts: CertsListOptions, ctx: Context): Promise<Result> {
  const { elbv2, acm } = await ctx.aws();
  const l = await readCertificateListener(elbv2, opts.listener);
  if (!isSecureProtocol(l.listener.protocol)) {
    ctx.progress.info(`listener ${l.label} is ${l.listener.protocol}: it has no certificates`);
  }
  const [{ found }, rules] = await Promise.all([
    l.certificates.length > 0 ? acm.describeCertificates(l.certificates) : Promise.resolve({ found: [], missing: [] }),
    l.loadBalancer.type === 'application' && l.certificates.length > 0
      ? elbv2.listRules(l.listener.arn)
      : Promise.resolve([]),
  ]);
  const facts = new Map(found.map((f) => [f.arn, f]));
  const now = ctx.clock.now();
  const rows: CertificateRow[] = l.certificates.map((arn, i) => {
    const f = facts.get(arn);
    const days = daysLeft(f?.notAfter, now);
    return {
      arn,
      default: i === 0,
      domainName: f?.domainName ?? null,
      names: f?.names ?? [],
      notAfter: f?.notAfter?.toISOString() ?? null,
      daysLeft: days ?? null,
      status: f?.status ?? (f?.source === 'iam' ? 'IAM' : f ? null : 'NOT FOUND'),
    };
  });
  const named = l.certificates.map((arn) => ({
    arn,
    names: facts.get(arn)?.names ?? [],
    notAfter: facts.get(arn)?.notAfter,
  }));
  for (const w of expiryWarnings(named, now, `listener ${l.label}`)) ctx.progress.warn(w);
  const uncovered = uncoveredHosts(named, ruleHosts(rules));
  if (uncovered.length > 0) {
    ctx.progress.warn(
      `listener ${l.label}: no certificate covers ${uncovered.join(', ')}, which its rules route on; clients asking for ${uncovered.length > 1 ? 'them' : 'it'} get a name mismatch: add a certificate that does (elbctl listener certs add)`,
    );
  }
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'DEFAULT', value: (r) => (r.default ? 'yes' : '') },
        { header: 'DOMAIN', value: (r) => r.domainName ?? '-' },
        { header: 'NAMES', value: (r) => r.names.filter((n) => n !== r.domainName).join(', ') || '-' },
        { header: 'EXPIRES', value: (r) => (r.notAfter ? `${r.notAfter.slice(0, 10)} (${r.daysLeft} days)` : '-') },
        { header: 'STATUS', value: (r) => r.status ?? '-' },
        { header: 'ARN', value: (r) => r.arn },
      ],
      `listener ${l.label} has no certificates`,
    ),
  };
}
