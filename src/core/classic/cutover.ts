/**
 * The Route 53 side of a migration, pure: which record sends traffic to the Classic load
 * balancer, the weighted pair that replaces it, what the live records say about the split, and
 * the one atomic change batch for each thing the step machine asks (src/core/shift/weights.ts).
 *
 * A simple record cannot coexist with weighted records of the same name and type, so the
 * conversion is one ChangeBatch: DELETE the simple record, CREATE the pair (100/0). Rolling back
 * restores the simple record exactly as it was; finishing leaves a simple record pointing to
 * the new load balancer. A/AAAA aliases and CNAMEs alike.
 */
import { quote } from '../echo';
import type { LiveWeights, WeightTarget } from '../shift/weights';

type RecordType = 'A' | 'AAAA' | 'CNAME';

export type RecordValue =
  | { kind: 'alias'; dnsName: string; hostedZoneId: string; evaluateTargetHealth: boolean }
  | { kind: 'cname'; value: string; ttl: number };

export interface DnsRecord {
  name: string;
  type: string;
  setIdentifier?: string | undefined;
  weight?: number | undefined;
  /** Undefined: a record kind a cutover does not touch (plain A values, TXT, …). */
  value?: RecordValue | undefined;
}

export interface RecordChange {
  action: 'CREATE' | 'DELETE' | 'UPSERT';
  record: DnsRecord;
}

/** A load balancer as a record points to it. */
export interface Endpoint {
  /** For messages: `classic web`, `application web`. */
  label: string;
  dnsName: string;
  hostedZoneId?: string | undefined;
}

/** `route53:ZONE/RECORD` → zone (an ID or a name) and record name; undefined when malformed. */
export function parseCutoverRef(raw: string): { zone: string; record: string } | undefined {
  const m = /^route53:([^/\s]+)\/(\S+)$/.exec(raw.trim());
  if (!m) return undefined;
  return { zone: m[1] as string, record: m[2] as string };
}

/** Lower case, one trailing dot: how names are compared. */
export const fqdn = (name: string): string => `${name.toLowerCase().replace(/\.+$/, '')}.`;

/** AWS prefixes an alias to a load balancer with `dualstack.`; either form points to it. */
const sameHost = (a: string, b: string) => fqdn(a).replace(/^dualstack\./, '') === fqdn(b).replace(/^dualstack\./, '');

function pointsTo(record: DnsRecord, endpoint: Endpoint): boolean {
  const v = record.value;
  if (!v) return false;
  return v.kind === 'alias' ? sameHost(v.dnsName, endpoint.dnsName) : sameHost(v.value, endpoint.dnsName);
}

export interface CutoverPair {
  /** The set identifiers of the weighted pair. */
  fromId: string;
  toId: string;
  from: Endpoint;
  to: Endpoint;
  name: string;
  type: RecordType;
  /** The simple record as it was (restored exactly by a rollback). */
  original: DnsRecord;
}

const FROM_SET_ID = 'elbctl-classic';
const TO_SET_ID = 'elbctl-new';

/**
 * The simple record named `name` that points to the Classic load balancer, or why there is none
 * (already weighted by elbctl counts: a cutover that stopped part-way).
 */
export function findCutoverRecord(
  records: readonly DnsRecord[],
  name: string,
  from: Endpoint,
  to: Endpoint,
): { ok: true; pair: CutoverPair } | { ok: false; why: string } {
  const named = records.filter((r) => fqdn(r.name) === fqdn(name) && ['A', 'AAAA', 'CNAME'].includes(r.type));
  const simple = named.filter((r) => r.setIdentifier === undefined && pointsTo(r, from));
  const ours = named.filter((r) => r.setIdentifier === FROM_SET_ID || r.setIdentifier === TO_SET_ID);
  const candidate = simple[0] ?? ours.find((r) => r.setIdentifier === FROM_SET_ID);
  if (!candidate) {
    const found = named.map((r) => `${r.type}${r.setIdentifier ? ` (${r.setIdentifier})` : ''}`).join(', ');
    return {
      ok: false,
      why: found
        ? `record ${quote(name)} (${found}) does not point to ${from.label} (${from.dnsName})`
        : `no A, AAAA or CNAME record named ${quote(name)} in the zone`,
    };
  }
  if (simple.length > 1)
    return {
      ok: false,
      why: `record ${quote(name)} has ${simple.length} types pointing to ${from.label} (${simple.map((r) => r.type).join(', ')}); cut them over one at a time is not supported: keep one`,
    };
  const type = candidate.type as RecordType;
  const original: DnsRecord =
    candidate.setIdentifier === undefined
      ? candidate
      : { name: candidate.name, type: candidate.type, value: candidate.value };
  return { ok: true, pair: { fromId: FROM_SET_ID, toId: TO_SET_ID, from, to, name: candidate.name, type, original } };
}

/** The record value pointing to `endpoint`, of the same kind as the original. */
function valueFor(original: RecordValue, endpoint: Endpoint): RecordValue {
  if (original.kind === 'cname') return { kind: 'cname', value: endpoint.dnsName, ttl: original.ttl };
  return {
    kind: 'alias',
    dnsName: endpoint.dnsName,
    hostedZoneId: endpoint.hostedZoneId ?? original.hostedZoneId,
    evaluateTargetHealth: original.evaluateTargetHealth,
  };
}

/** The live split between the two sides. */
export function liveSplit(records: readonly DnsRecord[], pair: CutoverPair): LiveWeights {
  const named = records.filter((r) => fqdn(r.name) === fqdn(pair.name) && r.type === pair.type);
  const simple = named.filter((r) => r.setIdentifier === undefined);
  const fromRec = named.find((r) => r.setIdentifier === pair.fromId);
  const toRec = named.find((r) => r.setIdentifier === pair.toId);
  const describe = named
    .map((r) => `${r.setIdentifier ?? 'simple'}${r.weight !== undefined ? `=${r.weight}` : ''}`)
    .join(', ');
  if (simple.length === 1 && named.length === 1) {
    const only = simple[0] as DnsRecord;
    if (pointsTo(only, pair.from))
      return { shape: 'only-from', split: { from: 100, to: 0 }, description: `${pair.type} → ${pair.from.label}` };
    if (pointsTo(only, pair.to))
      return { shape: 'only-to', split: { from: 0, to: 100 }, description: `${pair.type} → ${pair.to.label}` };
  }
  if (fromRec && toRec && named.length === 2) {
    const total = (fromRec.weight ?? 0) + (toRec.weight ?? 0);
    if (total > 0) {
      const share = Math.round(((toRec.weight ?? 0) * 100) / total);
      return { shape: 'both', split: { from: 100 - share, to: share }, description: `weighted ${describe}` };
    }
  }
  return { shape: 'other', description: describe || 'no record' };
}

const weighted = (pair: CutoverPair, side: 'from' | 'to', weight: number): DnsRecord => {
  const original = pair.original.value as RecordValue;
  return {
    name: pair.name,
    type: pair.type,
    setIdentifier: side === 'from' ? pair.fromId : pair.toId,
    weight,
    value: side === 'from' ? original : valueFor(original, pair.to),
  };
};

/**
 * The one change batch that makes `target` live, from the records live now: DELETEs name the
 * live records exactly (Route 53 requires it), so a batch never half-applies.
 */
export function changesFor(target: WeightTarget, live: readonly DnsRecord[], pair: CutoverPair): RecordChange[] {
  const current = live.filter(
    (r) =>
      fqdn(r.name) === fqdn(pair.name) &&
      r.type === pair.type &&
      (r.setIdentifier === undefined || r.setIdentifier === pair.fromId || r.setIdentifier === pair.toId),
  );
  const deletes = (keep: (r: DnsRecord) => boolean): RecordChange[] =>
    current.filter((r) => !keep(r)).map((record) => ({ action: 'DELETE' as const, record }));
  const original = pair.original.value as RecordValue;
  switch (target.kind) {
    case 'split': {
      const isWeighted = (r: DnsRecord) => r.setIdentifier !== undefined;
      return [
        ...deletes(isWeighted),
        { action: 'UPSERT', record: weighted(pair, 'from', target.split.from) },
        { action: 'UPSERT', record: weighted(pair, 'to', target.split.to) },
      ];
    }
    // UPSERT, not CREATE, after the deletes: the same on AWS (the batch applies in order), and the
    // emulator checks a CREATE against the records as they were before the batch.
    case 'start':
      return [...deletes(() => false), { action: 'UPSERT', record: pair.original }];
    case 'final':
      return [
        ...deletes(() => false),
        { action: 'UPSERT', record: { name: pair.name, type: pair.type, value: valueFor(original, pair.to) } },
      ];
  }
}

/** The exact DNS steps for someone doing the cutover by hand (no --cutover). */
export function manualDnsSteps(from: Endpoint, to: Endpoint): string[] {
  return [
    `Point your DNS name at ${to.label} instead of ${from.label}, in steps:`,
    `  1. Find the record that points to ${from.dnsName} (an alias A/AAAA record or a CNAME).`,
    `  2. In ONE change batch, delete it and create two weighted records of the same name and type:`,
    `       set identifier ${FROM_SET_ID}, weight 100 → ${from.dnsName}`,
    `       set identifier ${TO_SET_ID}, weight 0 → ${to.dnsName}${to.hostedZoneId ? ` (alias zone ${to.hostedZoneId})` : ''}`,
    `  3. Move the weights (${FROM_SET_ID}/${TO_SET_ID}) in steps: 90/10, 50/50, 0/100, watching the new load balancer’s 5XX and latency.`,
    '  4. Once all traffic is on the new load balancer, replace the pair with one simple record pointing to it.',
    `  Or let elbctl do it: elbctl migrate ... --cutover route53:ZONE/RECORD --steps 10,50,100 --bake 5m --guard "error-rate<1%"`,
  ];
}
