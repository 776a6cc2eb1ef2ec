/** A listener's mutual TLS as the flags give it → as AWS takes it: the trust store, named or by ARN, must exist. */
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import { quote } from '../../core/echo';
import { throwIfProblems } from '../../core/errors';
import type { MutualTls } from '../../core/model';
import { problem } from '../../core/rules/problem';
import { type MutualTlsSpec, trustStoreNameOf } from '../../core/rules/trust-store';

export async function resolveMutualTls(elbv2: Elbv2Gateway, spec: MutualTlsSpec): Promise<MutualTls> {
  if (spec.mode !== 'verify') return { mode: spec.mode };
  const ref = spec.trustStore as string;
  const store = await elbv2.trustStores.find(ref);
  if (!store) {
    throwIfProblems([
      problem(
        'E_MISSING_REFERENCE',
        `--trust-store ${quote(ref)}: no such trust store in this Region; create it with \`elbctl trust-store create\` or check \`elbctl trust-store list\``,
      ),
    ]);
  }
  return {
    mode: 'verify',
    trustStoreArn: store?.arn,
    ignoreClientCertificateExpiry: spec.ignoreClientCertificateExpiry ?? false,
    ...(spec.advertiseCaNames !== undefined ? { advertiseTrustStoreCaNames: spec.advertiseCaNames } : {}),
  };
}

/** `verify with "partners" (CA names advertised)` and the like, for diffs and results. */
export function describeMutualTls(m: MutualTls | undefined): string {
  if (m === undefined || m.mode === 'off') return 'off';
  if (m.mode === 'passthrough') return 'passthrough';
  const extras = [
    m.advertiseTrustStoreCaNames ? 'CA names advertised' : undefined,
    m.ignoreClientCertificateExpiry ? 'expired client certificates accepted' : undefined,
  ].filter(Boolean);
  return `verify with ${m.trustStoreArn ? quote(trustStoreNameOf(m.trustStoreArn)) : '?'}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}
