/**
 * Planning trust stores and the mutual TLS of listeners that verify with them.
 *
 * AWS never returns where a trust store's CA bundle or revocation lists came from, so elbctl
 * records what it sent in tags (TRUST_STORE_BUNDLE_TAG, TRUST_STORE_REVOCATIONS_TAG) and compares
 * the file with those: a bundle the file leaves out is never sent, and one it gives is sent when
 * it differs from the one elbctl last sent (or when elbctl never sent one: adopting with a bundle).
 *
 * Order: trust stores are created (and updated, adopted) before the listeners that use them, and
 * deleted after every listener that used them has let go; a listener the plan does not change
 * (outside the stack, or one that keeps its live setting) blocks the delete, named.
 */
import type { MutualTls } from '../../model';
import { isTrustStoreArn, type MutualTlsSpec, trustStoreNameOf } from '../../rules/trust-store';
import { hash } from '../fingerprint';
import {
  type DesiredTrustStore,
  type ObservedTrustStore,
  STACK_TAG,
  TRUST_STORE_BUNDLE_TAG,
  TRUST_STORE_REVOCATIONS_TAG,
} from '../model';
import type { Change, PlanMutualTls, TrustStoreChange, TrustStoreSpec } from '../plan';
import type { PlannerState } from './state';

/** AWS's tag value characters (letters, digits, spaces and _ . : / = + - @), at most 256. */
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/** What TRUST_STORE_BUNDLE_TAG holds for a bundle URL: the URL itself when a tag can hold it (so export can write it back), else its hash. */
export const bundleTagValue = (url: string): string => (TAG_VALUE.test(url) ? url : `hash:${hash(url)}`);

/** What TRUST_STORE_REVOCATIONS_TAG holds for a list of revocation URLs. */
export const revocationsTagValue = (urls: readonly string[]): string =>
  urls.length === 0 ? 'none' : `hash:${hash([...urls].sort().join('\n'))}`;

/** The bundle URL a trust store's tag says elbctl sent, when the tag holds the URL itself. */
export function sentBundle(tags: Readonly<Record<string, string>>): string | undefined {
  const v = tags[TRUST_STORE_BUNDLE_TAG];
  return v?.startsWith('s3://') ? v : undefined;
}

const changeId = (name: string) => `trust-store:${name}`;

const observedTrustStore = (p: PlannerState, name: string): ObservedTrustStore | undefined =>
  (p.observed.trustStores ?? []).find((t) => t.name === name);

/** The trust stores of the file: create, adopt or update. Runs before the load balancers. */
export function planTrustStores(p: PlannerState): void {
  for (const t of p.desired.trustStores ?? []) planTrustStore(p, t);
}

function planTrustStore(p: PlannerState, t: DesiredTrustStore): void {
  const id = changeId(t.name);
  const o = observedTrustStore(p, t.name);
  const tags = { [STACK_TAG]: p.stack, ...(t.tags ?? {}) };
  if (!o) {
    if (t.caCertificates === undefined) {
      p.unmanaged.push({
        type: 'trust-store',
        name: t.name,
        arn: '',
        reason: 'not-found',
        message: `trust store "${t.name}": does not exist in this account and Region, and the stack file gives no caCertificates to create it from; add caCertificates: s3://BUCKET/KEY to its entry, or create it first (elbctl trust-store create)`,
        blocks: [],
      });
      return;
    }
    const after: TrustStoreSpec = {
      name: t.name,
      caCertificates: t.caCertificates,
      ...(t.revocations !== undefined && t.revocations.length > 0 ? { revocations: t.revocations } : {}),
      tags,
    };
    p.add<TrustStoreChange>({
      id,
      action: 'create',
      type: 'trust-store',
      name: t.name,
      before: null,
      after,
      dependsOn: [],
    });
    return;
  }
  if (p.foreign(o.tags)) {
    const owner = o.tags[STACK_TAG] ?? '';
    p.unmanaged.push({
      type: 'trust-store',
      name: t.name,
      arn: o.arn,
      reason: 'owned-by-another-stack',
      message: `trust store "${t.name}": belongs to stack "${owner}" (tag ${STACK_TAG}=${owner}); refer to it by ARN in mutualAuthentication.trustStore and remove it from trustStores, or remove it from stack "${owner}" first`,
      blocks: [id],
    });
    return;
  }
  const before: Partial<TrustStoreSpec> = {};
  const after: Partial<TrustStoreSpec> = {};
  if (t.caCertificates !== undefined && o.tags[TRUST_STORE_BUNDLE_TAG] !== bundleTagValue(t.caCertificates)) {
    before.caCertificates =
      sentBundle(o.tags) ??
      (o.tags[TRUST_STORE_BUNDLE_TAG] === undefined ? '(unknown: not sent by elbctl)' : '(another bundle)');
    after.caCertificates = t.caCertificates;
  }
  let removeRevocations: number[] | undefined;
  const bothEmpty = t.revocations?.length === 0 && o.revocations.length === 0;
  if (
    t.revocations !== undefined &&
    !bothEmpty &&
    o.tags[TRUST_STORE_REVOCATIONS_TAG] !== revocationsTagValue(t.revocations)
  ) {
    before.revocations = [`(${o.revocations.length} live revocation list${o.revocations.length === 1 ? '' : 's'})`];
    after.revocations = t.revocations;
    removeRevocations = [...o.revocations];
  }
  const tagChange = p.tagChange(o.tags, { [STACK_TAG]: p.stack }, t.tags);
  if (tagChange) {
    before.tags = tagChange.before;
    after.tags = tagChange.after;
  }
  const adopt = !p.owned(o.tags);
  if (!adopt && Object.keys(after).length === 0) return;
  p.add<TrustStoreChange>({
    id,
    action: adopt ? 'adopt' : 'update',
    type: 'trust-store',
    name: t.name,
    before,
    after,
    arn: o.arn,
    ...(removeRevocations ? { removeRevocations } : {}),
    dependsOn: [],
  });
}

// ---------------------------------------------------------------- listeners' mutual TLS

/** A listener's declared mutual TLS in plan form: the trust store by name, with its ARN when it exists. */
export function planMutualTls(p: PlannerState, m: MutualTlsSpec): PlanMutualTls {
  if (m.mode !== 'verify') return { mode: m.mode };
  const ref = m.trustStore;
  const arn = ref === undefined ? undefined : isTrustStoreArn(ref) ? ref : observedTrustStore(p, ref)?.arn;
  return {
    mode: 'verify',
    ...(ref !== undefined ? { trustStore: ref } : {}),
    ...(arn !== undefined ? { trustStoreArn: arn } : {}),
    ...(m.advertiseCaNames !== undefined ? { advertiseCaNames: m.advertiseCaNames } : {}),
    ...(m.ignoreClientCertificateExpiry !== undefined
      ? { ignoreClientCertificateExpiry: m.ignoreClientCertificateExpiry }
      : {}),
  };
}

/** A live listener's mutual TLS in plan form (absent: off). */
function livePlanMutualTls(m: MutualTls | undefined): PlanMutualTls {
  if (m === undefined || m.mode !== 'verify') return { mode: m?.mode ?? 'off' };
  return {
    mode: 'verify',
    ...(m.trustStoreArn !== undefined
      ? { trustStore: trustStoreNameOf(m.trustStoreArn), trustStoreArn: m.trustStoreArn }
      : {}),
    ...(m.advertiseTrustStoreCaNames !== undefined ? { advertiseCaNames: m.advertiseTrustStoreCaNames } : {}),
    ...(m.ignoreClientCertificateExpiry !== undefined
      ? { ignoreClientCertificateExpiry: m.ignoreClientCertificateExpiry }
      : {}),
  };
}

/** Names are unique per account and Region: a trust store given by ARN or by name compares by its name. */
function comparable(m: PlanMutualTls): string {
  if (m.mode !== 'verify') return JSON.stringify({ mode: m.mode });
  const ref = m.trustStore ?? m.trustStoreArn;
  return JSON.stringify({
    mode: 'verify',
    trustStore: ref === undefined ? null : isTrustStoreArn(ref) ? trustStoreNameOf(ref) : ref,
    advertiseCaNames: m.advertiseCaNames ?? false,
    ignoreClientCertificateExpiry: m.ignoreClientCertificateExpiry ?? false,
  });
}

/** The change of a live listener's mutual TLS the file asks for; undefined when it is not declared or already so. */
export function mutualTlsChange(
  p: PlannerState,
  declared: MutualTlsSpec | undefined,
  live: MutualTls | undefined,
): { before: PlanMutualTls; after: PlanMutualTls } | undefined {
  if (declared === undefined) return undefined;
  const after = planMutualTls(p, declared);
  const before = livePlanMutualTls(live);
  return comparable(before) === comparable(after) ? undefined : { before, after };
}

/** The trust store change a listener with this mutual TLS waits for (dropped later when the plan has none). */
export function trustStoreDependencies(m: MutualTlsSpec | undefined): string[] {
  return m?.mode === 'verify' && m.trustStore !== undefined && !isTrustStoreArn(m.trustStore)
    ? [changeId(m.trustStore)]
    : [];
}

// ---------------------------------------------------------------- deletes, after the listeners

/**
 * Trust stores the stack owns and the file no longer declares are deleted once every listener
 * verifying with them has let go in this plan; a listener the plan leaves verifying with one
 * blocks its delete, named. Runs after the load balancers and listeners are planned.
 */
export function deleteTrustStores(p: PlannerState): void {
  const wanted = new Set((p.options.destroy ? [] : (p.desired.trustStores ?? [])).map((t) => t.name));
  for (const o of p.observed.trustStores ?? []) {
    if (wanted.has(o.name) || !p.owned(o.tags)) continue;
    deleteTrustStore(p, o);
  }
  // A trust store that cannot be created blocks the listeners that would verify with it.
  for (const u of p.unmanaged) {
    if (u.type !== 'trust-store' || u.reason !== 'not-found') continue;
    u.blocks = p.changes
      .filter((c) => c.type === 'listener' && c.after?.mutualTls?.trustStore === u.name)
      .map((c) => c.id);
  }
}

function deleteTrustStore(p: PlannerState, o: ObservedTrustStore): void {
  const id = p.uniqueId(changeId(o.name));
  const users = new Set(o.listeners);
  for (const lb of p.observed.loadBalancers)
    for (const l of lb.listeners) if (l.mutualTls?.trustStoreArn === o.arn) users.add(l.arn);
  const dependsOn: string[] = [];
  const stillUsing: string[] = [];
  for (const arn of users) {
    const release = releaseOf(p, o, arn);
    if (release) dependsOn.push(release.id);
    else stillUsing.push(listenerWords(p, arn));
  }
  p.add<TrustStoreChange>({
    id,
    action: 'delete',
    type: 'trust-store',
    name: o.name,
    before: { name: o.name },
    after: null,
    arn: o.arn,
    dependsOn,
  });
  if (stillUsing.length === 0) return;
  p.unmanaged.push({
    type: 'trust-store',
    name: o.name,
    arn: o.arn,
    reason: 'in-use',
    message: `trust store "${o.name}": the plan would delete it, but ${stillUsing.join(' and ')} still verif${stillUsing.length === 1 ? 'ies' : 'y'} client certificates with it; turn mutual TLS off there or point ${stillUsing.length === 1 ? 'it' : 'them'} at another trust store first (or keep the trust store in the stack file)`,
    blocks: [id],
  });
}

/** The change in this plan after which the listener no longer verifies with the trust store. */
function releaseOf(p: PlannerState, o: ObservedTrustStore, listenerArn: string): Change | undefined {
  const lb = p.observed.loadBalancers.find((x) => x.listeners.some((l) => l.arn === listenerArn));
  return p.changes.find((c) => {
    if (c.type === 'load-balancer')
      return lb !== undefined && c.arn === lb.arn && c.action !== 'update' && c.action !== 'adopt';
    if (c.type !== 'listener' || c.arn !== listenerArn) return false;
    if (c.action === 'delete') return true;
    const m = c.after?.mutualTls;
    return m !== undefined && (m.mode !== 'verify' || (m.trustStore !== o.name && m.trustStoreArn !== o.arn));
  });
}

/** `listener web:443` for one the stack observed; else the load balancer named from the ARN. */
function listenerWords(p: PlannerState, arn: string): string {
  for (const lb of p.observed.loadBalancers) {
    const l = lb.listeners.find((x) => x.arn === arn);
    if (l) return `listener ${lb.name}:${l.port}`;
  }
  const lbName = /:listener\/(?:app|net|gwy)\/([^/]+)\//.exec(arn)?.[1];
  return lbName ? `a listener of load balancer "${lbName}" (${arn}), not in this stack,` : `listener ${arn}`;
}
