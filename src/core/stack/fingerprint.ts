/**
 * Fingerprints of the live state a plan was made from, saved with `plan --out` so that
 * `apply --plan` can refuse when something changed since — and say what.
 */
import type { Observed } from './model';

/** JSON with object keys sorted, so equal values always give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** cyrb53: a fast 53-bit string hash; collisions are irrelevant at this scale. */
export function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export type Fingerprints = Record<string, string>;

/** One fingerprint per observed resource: `load-balancer:NAME` (with its listeners and rules), `target-group:NAME`, `trust-store:NAME`. */
export function fingerprints(observed: Observed): Fingerprints {
  const out: Fingerprints = {};
  for (const lb of observed.loadBalancers) out[`load-balancer:${lb.name}`] = hash(canonicalJson(lb));
  for (const tg of observed.targetGroups) out[`target-group:${tg.name}`] = hash(canonicalJson(tg));
  for (const ts of observed.trustStores ?? []) out[`trust-store:${ts.name}`] = hash(canonicalJson(ts));
  return out;
}

/** What differs between two fingerprint sets, in words: `load balancer "web" changed`, … */
export function fingerprintDrift(saved: Fingerprints, live: Fingerprints): string[] {
  const words = (key: string) => {
    const [kind, ...rest] = key.split(':');
    const noun = kind === 'load-balancer' ? 'load balancer' : kind === 'trust-store' ? 'trust store' : 'target group';
    return `${noun} "${rest.join(':')}"`;
  };
  const drift: string[] = [];
  for (const key of Object.keys(saved).sort()) {
    if (!(key in live)) drift.push(`${words(key)} no longer exists`);
    else if (saved[key] !== live[key]) drift.push(`${words(key)} changed`);
  }
  for (const key of Object.keys(live).sort()) if (!(key in saved)) drift.push(`${words(key)} appeared`);
  return drift;
}
