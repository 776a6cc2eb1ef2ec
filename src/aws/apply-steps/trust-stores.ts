/**
 * Apply steps for trust stores (create, update, adopt, delete) and the trust store ARN a
 * listener's mutual TLS needs. What elbctl sends for a bundle or revocation lists is recorded in
 * tags right after it is sent (AWS never returns it), so a re-run compares with what was sent.
 */
import { ElbctlError } from '../../core/errors';
import type { MutualTls } from '../../core/model';
import { isTrustStoreArn, parseS3Url, type S3Location } from '../../core/rules/trust-store';
import { STACK_TAG, TRUST_STORE_BUNDLE_TAG, TRUST_STORE_REVOCATIONS_TAG, type Tags } from '../../core/stack/model';
import type { PlanMutualTls, TrustStoreChange } from '../../core/stack/plan';
import { bundleTagValue, revocationsTagValue } from '../../core/stack/planner/trust-stores';
import { applyTagChange } from '../modify';
import { toTagList, toTagMap } from './arns';
import { deleteIfThere } from './failures';
import type { StepRunner } from './runner';
import { foundNote, pastTense, unsupported } from './wording';

function location(changeId: string, url: string): S3Location {
  const r = parseS3Url('s3 URL', url);
  if (!r.ok) throw new ElbctlError('internal', 'E_INTERNAL', `change "${changeId}": ${r.problem.message}`);
  return r.value;
}

export async function trustStoreStep(r: StepRunner, c: TrustStoreChange): Promise<string> {
  const gw = r.elbv2.trustStores;
  switch (c.action) {
    case 'create': {
      const spec = c.after ?? {};
      const bundle = spec.caCertificates;
      if (bundle === undefined)
        throw new ElbctlError('internal', 'E_INTERNAL', `change "${c.id}": a trust store is created from a bundle`);
      const tags: Tags = {
        ...(spec.tags ?? { [STACK_TAG]: r.options.stack }),
        [TRUST_STORE_BUNDLE_TAG]: bundleTagValue(bundle),
      };
      const { value: store, found } = await r.createOnce(
        () => gw.create({ name: c.name, caCertificates: location(c.id, bundle), tags: toTagList(tags) }),
        async (strict) => {
          const existing = await gw.find(c.name);
          return r.claim(
            `trust store "${c.name}"`,
            existing ? [existing] : [],
            tags,
            strict,
            () => 0,
            (kept) => `trust store "${c.name}": kept ${kept.arn}`,
          );
        },
      );
      const revocations = spec.revocations ?? [];
      const sent = found ? toTagMap((await r.elbv2.describeTags([store.arn])).get(store.arn)) : {};
      if (revocations.length > 0 && sent[TRUST_STORE_REVOCATIONS_TAG] === undefined) {
        await gw.addRevocations(
          store.arn,
          revocations.map((u) => location(c.id, u)),
        );
        await r.elbv2.addTags(
          [store.arn],
          [{ key: TRUST_STORE_REVOCATIONS_TAG, value: revocationsTagValue(revocations) }],
        );
      }
      r.registry.trustStores.set(c.name, store.arn);
      r.options.arns[c.id] = store.arn;
      return `created trust store ${c.name}${foundNote(found)}`;
    }
    case 'update':
    case 'adopt': {
      const arn = c.arn as string;
      const before = c.before ?? {};
      const after = c.after ?? {};
      if (before.tags !== undefined || after.tags !== undefined)
        await applyTagChange(r.elbv2, arn, { before: before.tags ?? {}, after: after.tags ?? {} });
      if (after.caCertificates !== undefined) {
        await gw.modify(arn, location(c.id, after.caCertificates));
        await r.elbv2.addTags([arn], [{ key: TRUST_STORE_BUNDLE_TAG, value: bundleTagValue(after.caCertificates) }]);
      }
      if (after.revocations !== undefined) {
        await gw.removeRevocations(arn, c.removeRevocations ?? []);
        await gw.addRevocations(
          arn,
          after.revocations.map((u) => location(c.id, u)),
        );
        await r.elbv2.addTags(
          [arn],
          [{ key: TRUST_STORE_REVOCATIONS_TAG, value: revocationsTagValue(after.revocations) }],
        );
      }
      r.registry.trustStores.set(c.name, arn);
      r.options.arns[c.id] = arn;
      return `${pastTense(c.action)} trust store ${c.name}`;
    }
    case 'delete': {
      const arn = c.arn as string;
      await deleteIfThere(() => r.elbv2.trustStores.delete(arn));
      r.options.arns[c.id] = arn;
      return `deleted trust store ${c.name}`;
    }
    default:
      throw unsupported(c);
  }
}

/** A plan's mutual TLS as AWS takes it: the trust store's ARN from the plan, this apply, or one lookup by name. */
export async function sentMutualTls(r: StepRunner, m: PlanMutualTls): Promise<MutualTls> {
  if (m.mode !== 'verify') return { mode: m.mode };
  const ref = m.trustStore;
  let arn = m.trustStoreArn ?? (ref !== undefined && isTrustStoreArn(ref) ? ref : undefined);
  if (arn === undefined && ref !== undefined)
    arn = r.registry.trustStores.get(ref) ?? (await r.elbv2.trustStores.get(ref)).arn;
  return {
    mode: 'verify',
    ...(arn !== undefined ? { trustStoreArn: arn } : {}),
    ...(m.advertiseCaNames !== undefined ? { advertiseTrustStoreCaNames: m.advertiseCaNames } : {}),
    ...(m.ignoreClientCertificateExpiry !== undefined
      ? { ignoreClientCertificateExpiry: m.ignoreClientCertificateExpiry }
      : {}),
  };
}
