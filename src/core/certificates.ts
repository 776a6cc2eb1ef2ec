/**
 * What a listener's certificates are good for: how long each still serves, and whether together
 * they cover the host names its rules route on. Pure: ACM's facts come in from src/aws.
 */
import type { Condition } from './model';

/** Warn this many days before a certificate's end. */
const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface CertificateNames {
  arn: string;
  /** Every name it covers (domain name and alternative names); empty when unknown. */
  names: readonly string[];
  notAfter?: Date | undefined;
}

/** Whole days from `now` to the certificate's end (minus whole days since, once it has ended), or undefined when unknown. */
export function daysLeft(notAfter: Date | undefined, now: Date): number | undefined {
  if (notAfter === undefined) return undefined;
  const ms = notAfter.getTime() - now.getTime();
  return ms >= 0 ? Math.floor(ms / DAY_MS) : -Math.floor(-ms / DAY_MS);
}

/** A warning for each certificate that ends within EXPIRY_WARNING_DAYS, or already has. */
export function expiryWarnings(certs: readonly CertificateNames[], now: Date, label: string): string[] {
  return certs.flatMap((c) => {
    const days = daysLeft(c.notAfter, now);
    if (c.notAfter === undefined || days === undefined || days > EXPIRY_WARNING_DAYS) return [];
    const what = c.names[0] !== undefined ? `certificate for ${c.names[0]}` : 'certificate';
    const ended = c.notAfter.getTime() <= now.getTime();
    return [
      ended
        ? `${label}: ${what} (${c.arn}) expired ${days === 0 ? 'today' : `${-days} day${days === -1 ? '' : 's'} ago`}; clients are refused: rotate it now (elbctl listener certs rotate)`
        : `${label}: ${what} (${c.arn}) expires in ${days} day${days === 1 ? '' : 's'} (${c.notAfter?.toISOString().slice(0, 10)}); renew it or rotate to a new one (elbctl listener certs rotate)`,
    ];
  });
}

/**
 * Whether a certificate name covers a host the way TLS does: the same name, or `*.rest` for a
 * host one label deep under `rest` (a wildcard never spans dots). Host conditions may hold
 * wildcards themselves (`*.example.com`): covered by the same wildcard name.
 */
export function nameCovers(certificateName: string, host: string): boolean {
  const name = certificateName.toLowerCase();
  const h = host.toLowerCase();
  if (name === h) return true;
  if (!name.startsWith('*.')) return false;
  const rest = name.slice(2);
  if (!h.endsWith(`.${rest}`)) return false;
  const label = h.slice(0, h.length - rest.length - 1);
  return label.length > 0 && !label.includes('.');
}

/** The host-header values of these rules' conditions, each once. */
export function ruleHosts(rules: ReadonlyArray<{ conditions: readonly Condition[] }>): string[] {
  const hosts = rules.flatMap((r) => r.conditions.flatMap((c) => (c.field === 'host-header' ? c.values : [])));
  return [...new Set(hosts.map((h) => h.toLowerCase()))];
}

/** Hosts the rules route on that no certificate of the listener covers (clients would see a name mismatch). */
export function uncoveredHosts(certs: readonly CertificateNames[], hosts: readonly string[]): string[] {
  const known = certs.filter((c) => c.names.length > 0);
  if (known.length === 0) return [];
  return hosts.filter((h) => !known.some((c) => c.names.some((n) => nameCovers(n, h))));
}
