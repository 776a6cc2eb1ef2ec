/**
 * Listeners in place: protocol, port, TLS policy, certificates and the default routing action.
 * `listener modify`, `listener certs` and the stack engine compute a change here, in whatever
 * form their actions take (target groups by ARN in a command, by name in a plan: `A`), and
 * listenerCalls turns it into the ModifyListener / AddListenerCertificates /
 * RemoveListenerCertificates inputs that src/aws/modify.ts sends.
 */
import type { MutualTls } from '../model';
import { isSecureProtocol, sameAlpnPolicy } from '../rules/listener';
import { sameCertificates } from './compare';
import type { TagMap } from './tags';

export interface ListenerSettings<A> {
  protocol: string;
  port: number;
  /** HTTPS/TLS only. */
  sslPolicy?: string | undefined;
  /** The default certificate first, then the others (SNI). */
  certificates: string[];
  /** The final routing action (actions that run before it are kept: see withRoutingAction). */
  defaultAction: A;
  /** HTTPS on an application load balancer: client certificates (mutual TLS); absent live means off. */
  mutualTls?: MutualTls | undefined;
  /** TLS on a network load balancer: the ALPN policy; absent live means None. */
  alpnPolicy?: string | undefined;
  tags?: TagMap | undefined;
}

/** Two mutual TLS settings alike, absent counting as off and the verify-only fields only in verify. */
export function sameMutualTls(a: MutualTls | undefined, b: MutualTls | undefined): boolean {
  const norm = (m: MutualTls | undefined) =>
    m === undefined || m.mode !== 'verify'
      ? { mode: m?.mode ?? 'off' }
      : {
          mode: 'verify',
          trustStoreArn: m.trustStoreArn,
          ignoreClientCertificateExpiry: m.ignoreClientCertificateExpiry ?? false,
          advertiseTrustStoreCaNames: m.advertiseTrustStoreCaNames ?? false,
        };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** The fields that change: `before` their live values, `after` the wanted ones. */
export interface ListenerModification<A> {
  before: Partial<ListenerSettings<A>>;
  after: Partial<ListenerSettings<A>>;
}

/**
 * What turns the live listener into the wanted one. Only the fields `desired` gives are
 * compared; `current` may be partial too (a saved plan holds only what changes), and a field
 * it lacks counts as changed. A TLS policy is compared only on an HTTPS/TLS listener (some
 * endpoints report one on HTTP listeners).
 */
export function listenerModification<A>(
  current: Partial<ListenerSettings<A>>,
  desired: Partial<ListenerSettings<A>>,
  sameAction: (a: A, b: A) => boolean,
): ListenerModification<A> {
  const before: Partial<ListenerSettings<A>> = {};
  const after: Partial<ListenerSettings<A>> = {};
  if (desired.protocol !== undefined && desired.protocol !== current.protocol) {
    before.protocol = current.protocol;
    after.protocol = desired.protocol;
  }
  if (desired.port !== undefined && desired.port !== current.port) {
    before.port = current.port;
    after.port = desired.port;
  }
  if (desired.certificates !== undefined && !sameCertificates(current.certificates ?? [], desired.certificates)) {
    before.certificates = current.certificates ?? [];
    after.certificates = desired.certificates;
  }
  const protocol = desired.protocol ?? current.protocol;
  const secure = protocol === undefined || isSecureProtocol(protocol);
  if (secure && desired.sslPolicy !== undefined && desired.sslPolicy !== current.sslPolicy) {
    before.sslPolicy = current.sslPolicy;
    after.sslPolicy = desired.sslPolicy;
  } else if (!secure && current.sslPolicy !== undefined && after.protocol !== undefined) {
    // HTTPS → HTTP (TLS → TCP): AWS drops the TLS policy with the certificates.
    before.sslPolicy = current.sslPolicy;
    after.sslPolicy = undefined;
  }
  if (
    desired.defaultAction !== undefined &&
    (current.defaultAction === undefined || !sameAction(current.defaultAction, desired.defaultAction))
  ) {
    before.defaultAction = current.defaultAction;
    after.defaultAction = desired.defaultAction;
  }
  if (desired.mutualTls !== undefined && !sameMutualTls(current.mutualTls, desired.mutualTls)) {
    before.mutualTls = current.mutualTls ?? { mode: 'off' };
    after.mutualTls = desired.mutualTls;
  }
  if (desired.alpnPolicy !== undefined && !sameAlpnPolicy(current.alpnPolicy, desired.alpnPolicy)) {
    before.alpnPolicy = current.alpnPolicy ?? 'None';
    after.alpnPolicy = desired.alpnPolicy;
  }
  return { before, after };
}

export interface ListenerCalls<A> {
  /** ModifyListener's fields; undefined when there is nothing to send. */
  modify?:
    | {
        protocol?: string | undefined;
        port?: number | undefined;
        sslPolicy?: string | undefined;
        /** ModifyListener takes exactly one certificate: the default one. */
        defaultCertificate?: string | undefined;
        defaultAction?: A | undefined;
        mutualTls?: MutualTls | undefined;
        alpnPolicy?: string | undefined;
      }
    | undefined;
  /** Certificates beyond the default one (AddListenerCertificates, one per call). */
  addCertificates: string[];
  removeCertificates: string[];
  /** The certificates other than the default one the listener must keep serving after the change. */
  keepCertificates: string[];
}

/**
 * The calls a listener change takes. A new default certificate goes through ModifyListener (the
 * old one leaves with it unless it is listed again); the others are added and removed as a set.
 * Going to HTTP or TCP, AWS drops the certificates itself: nothing is sent for them.
 */
export function listenerCalls<A>(change: ListenerModification<A>): ListenerCalls<A> {
  const { before, after } = change;
  const modify: NonNullable<ListenerCalls<A>['modify']> = {};
  if (after.protocol !== undefined) modify.protocol = after.protocol;
  if (after.port !== undefined) modify.port = after.port;
  if (after.sslPolicy !== undefined) modify.sslPolicy = after.sslPolicy;
  if (after.defaultAction !== undefined) modify.defaultAction = after.defaultAction;
  if (after.mutualTls !== undefined) modify.mutualTls = after.mutualTls;
  if (after.alpnPolicy !== undefined) modify.alpnPolicy = after.alpnPolicy;
  const certificates = after.certificates ?? [];
  const had = before.certificates ?? [];
  let add: string[] = [];
  let remove: string[] = [];
  if (certificates.length > 0) {
    if (certificates[0] !== had[0]) modify.defaultCertificate = certificates[0];
    const want = certificates.slice(1);
    const others = had.slice(1);
    add = want.filter((c) => !others.includes(c));
    remove = others.filter((c) => !certificates.includes(c));
  }
  return {
    ...(Object.keys(modify).length > 0 ? { modify } : {}),
    addCertificates: add,
    removeCertificates: remove,
    keepCertificates: after.certificates === undefined ? [] : certificates.slice(1),
  };
}
