/**
 * Export of mutual TLS and trust stores. AWS never returns where a trust store's CA bundle or
 * revocation lists came from: a bundle elbctl sent (its tag holds the URL) is written back;
 * otherwise the entry has the name only, which apply adopts and never changes. Said aloud.
 */
import type { MutualTls } from '../../model';
import { STACK_TAG, type ObservedTrustStore, type Tags } from '../model';
import { sentBundle } from '../planner/trust-stores';
import type { MutualAuthenticationFile, TagsFile, TrustStoreFile } from '../schema';

interface MutualTlsExport {
  stack: string;
  trustStores: readonly ObservedTrustStore[];
  /** Trust store ARNs exported listeners verify with, in the order first met (appended to). */
  used: string[];
}

/** A listener's mutual TLS in the file's words: a trust store the export declares by name, any other by ARN. */
export function mutualAuthenticationFile(m: MutualTls, x: MutualTlsExport): MutualAuthenticationFile {
  if (m.mode !== 'verify') return { mode: m.mode };
  const arn = m.trustStoreArn;
  const found = arn === undefined ? undefined : x.trustStores.find((t) => t.arn === arn);
  // Another stack's trust store is referred to by ARN: declaring it here would make the plan refuse it.
  const owner = found?.tags[STACK_TAG];
  const store = owner === undefined || owner === x.stack ? found : undefined;
  if (arn !== undefined && store !== undefined && !x.used.includes(arn)) x.used.push(arn);
  return {
    mode: 'verify',
    ...(arn !== undefined ? { trustStore: store?.name ?? arn } : {}),
    ...(m.advertiseTrustStoreCaNames ? { advertiseCaNames: true } : {}),
    ...(m.ignoreClientCertificateExpiry ? { ignoreClientCertificateExpiry: true } : {}),
  };
}

/** The trust stores exported listeners verify with (`used`), then the stack's own, with a warning for what AWS cannot say. */
export function trustStoresFile(
  all: readonly ObservedTrustStore[],
  used: readonly string[],
  owned: (t: ObservedTrustStore) => boolean,
  warnings: string[],
  tags: (what: string, live: Tags) => { tags?: TagsFile },
): TrustStoreFile[] {
  const chosen = [
    ...used.flatMap((arn) => all.filter((t) => t.arn === arn)),
    ...all.filter((t) => owned(t) && !used.includes(t.arn)),
  ];
  return chosen.map((t) => {
    const what = `trust store "${t.name}"`;
    const bundle = sentBundle(t.tags);
    if (bundle === undefined) {
      warnings.push(
        `${what}: exported by name only (AWS never returns where a CA bundle came from); apply keeps its bundle as it is, and creating it elsewhere needs caCertificates: s3://BUCKET/KEY in its entry`,
      );
    }
    if (t.revocations.length > 0) {
      warnings.push(
        `${what}: its ${t.revocations.length} revocation list${t.revocations.length === 1 ? ' is' : 's are'} not exported (AWS never returns where they came from); apply keeps them as they are`,
      );
    }
    return { name: t.name, ...(bundle !== undefined ? { caCertificates: bundle } : {}), ...tags(what, t.tags) };
  });
}
