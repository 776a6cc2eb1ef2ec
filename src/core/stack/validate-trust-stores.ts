/**
 * The stack face of the trust-store rulebook (rules/trust-store.ts): a file's `trustStores:`
 * entries, and a listener's `mutualAuthentication:` with its trust store resolved against them.
 */
import { quote } from '../echo';
import { type PathSegment, type Problem, problem, under } from '../rules/problem';
import { isTrustStoreArn, type MutualTlsContext, mutualTlsProblems, parseS3Url } from '../rules/trust-store';
import { toMutualTlsSpec } from './defaults';
import type { MutualAuthenticationFile, TrustStoreFile } from './schema';
import { didYouMean } from './suggest';
import { OWN_TAG_COUNT, stackTagProblems } from './tags';
import { list } from './views';

/** `trustStores:` entries; in a file the schema refused (`valid` false), each entry whose own shape is valid. */
export function trustStoreSectionProblems(entries: unknown, valid: boolean): Problem[] {
  let schema: typeof import('./schema').trustStoreSchema | undefined;
  if (!valid) {
    // zod and the schema load only for a file that has problems (see validate.ts).
    const { trustStoreSchema }: typeof import('./schema') = require('./schema');
    schema = trustStoreSchema;
  }
  return list(entries).flatMap((raw, index) => {
    const entry = schema ? schema.safeParse(raw) : { success: true as const, data: raw as TrustStoreFile };
    return entry.success ? trustStoreEntryProblems(entry.data, index) : [];
  });
}

/** One `trustStores:` entry whose shape is valid: its bundle and revocation lists' buckets, and its tags. */
function trustStoreEntryProblems(t: TrustStoreFile, index: number): Problem[] {
  const base: PathSegment[] = ['trustStores', index];
  const out: Problem[] = [];
  const url = (what: string, raw: string, path: PathSegment[]) => {
    const r = parseS3Url(what, raw, path);
    if (!r.ok) out.push(r.problem);
  };
  if (t.caCertificates !== undefined) url('CA bundle', t.caCertificates, [...base, 'caCertificates']);
  (t.revocations ?? []).forEach((r, k) => {
    url('revocation list', r, [...base, 'revocations', k]);
  });
  const seen = new Set<string>();
  (t.revocations ?? []).forEach((r, k) => {
    if (seen.has(r))
      out.push(
        problem(
          'E_DUPLICATE',
          `trust store ${quote(t.name)}: revocation list ${quote(r)} is listed twice; list it once`,
          [...base, 'revocations', k],
        ),
      );
    seen.add(r);
  });
  out.push(...under(base, stackTagProblems(t.tags, OWN_TAG_COUNT.trustStore)));
  return out;
}

/**
 * A listener's `mutualAuthentication:` (paths relative to it): the rulebook's mutual TLS rules,
 * then a trust store given by name must be one the file declares (an existing one the stack does
 * not manage is given by ARN, or declared with its name only).
 */
export function mutualAuthenticationProblems(
  m: MutualAuthenticationFile,
  ctx: MutualTlsContext,
  declared: ReadonlySet<string>,
): Problem[] {
  const out = mutualTlsProblems(toMutualTlsSpec(m), ctx, 'stack');
  const ref = m.trustStore;
  if (ref === undefined || isTrustStoreArn(ref) || declared.has(ref)) return out;
  if (out.some((p) => p.path[0] === 'trustStore')) return out;
  const hint =
    didYouMean(ref, declared) ||
    '; declare it under trustStores (an existing trust store with its name only, so elbctl never changes its bundle), or give its ARN';
  out.push(
    problem('E_REFERENCE', `${ctx.label}: trust store ${quote(ref)}: not declared in this stack${hint}`, [
      'trustStore',
    ]),
  );
  return out;
}
