/**
 * The names shell completion offers (load balancers, target groups, listeners), kept for a minute
 * in one small file per account view (profile, region, endpoint) under the user's cache directory:
 * $XDG_CACHE_HOME/elbctl, else ~/.cache/elbctl. Written 0600 in a 0700 folder; any trouble reading
 * or writing it is the same as no cache (completion must never fail loudly).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Names are read from the account at most once a minute. */
export const NAME_CACHE_TTL_MS = 60_000;

interface Entry {
  /** When the names were read, in ms since the epoch. */
  at: number;
  names: string[];
}

type CacheFile = Record<string, Entry>;

export interface NameCacheKey {
  profile?: string | undefined;
  region?: string | undefined;
  endpoint?: string | undefined;
}

/** The cache folder, or undefined when the environment names none (no HOME, no XDG_CACHE_HOME). */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'elbctl');
  if (env.HOME) return join(env.HOME, '.cache', 'elbctl');
  return undefined;
}

export class NameCache {
  private readonly file: string | undefined;

  constructor(dir: string | undefined, key: NameCacheKey) {
    const id = createHash('sha256')
      .update(JSON.stringify([key.profile ?? '', key.region ?? '', key.endpoint ?? '']))
      .digest('hex')
      .slice(0, 16);
    this.file = dir === undefined ? undefined : join(dir, `names-${id}.json`);
  }

  /** What was read for `kind`, however old, or undefined. */
  get(kind: string): Entry | undefined {
    return this.read()[kind];
  }

  put(kind: string, names: readonly string[], now: number): void {
    if (this.file === undefined) return;
    const all = { ...this.read(), [kind]: { at: now, names: [...names] } };
    try {
      mkdirSync(join(this.file, '..'), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch {
      // A cache that cannot be written only means the next completion reads the account again.
    }
  }

  private read(): CacheFile {
    if (this.file === undefined) return {};
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      const out: CacheFile = {};
      for (const [kind, e] of Object.entries(parsed as Record<string, unknown>)) {
        const entry = e as Partial<Entry> | null;
        if (typeof entry?.at === 'number' && Array.isArray(entry.names))
          out[kind] = { at: entry.at, names: entry.names.filter((n): n is string => typeof n === 'string') };
      }
      return out;
    } catch {
      return {};
    }
  }
}
