/** Describes by a mix of names and ARNs, at most 20 a call, naming exactly what is missing. */
import { quote } from '../../core/echo';
import { ElbctlError } from '../../core/errors';
import { isArn } from '../../core/model';
import { translateAwsError } from '../errors';

export const DESCRIBE_BATCH = 20;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function isNotFound(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  return /NotFound/.test(name);
}

/**
 * Describe by a mix of names and ARNs, ≤ 20 per call. A batch that fails with NotFound is
 * retried one reference at a time so the error names exactly what is missing.
 */
export async function describeByRefs<T>(
  refs: readonly string[],
  describe: (batch: string[], byArn: boolean) => Promise<T[]>,
  keys: (item: T) => Array<string | undefined>,
  what: string,
): Promise<T[]> {
  const { found, missing } = await lookUpByRefs(refs, describe, keys, what);
  if (missing.length > 0) {
    throw new ElbctlError('not-found', 'E_NOT_FOUND', `${what} ${missing.map((m) => quote(m)).join(', ')}: not found`, {
      hint: `check the name and the region; \`elbctl ${what === 'load balancer' ? 'lb' : 'tg'} list\` shows what exists`,
    });
  }
  return found;
}

/** What exists of these names or ARNs (batched, as describeByRefs), and every one that does not. */
export async function lookUpByRefs<T>(
  refs: readonly string[],
  describe: (batch: string[], byArn: boolean) => Promise<T[]>,
  keys: (item: T) => Array<string | undefined>,
  what: string,
): Promise<{ found: T[]; missing: string[] }> {
  const unique = [...new Set(refs)];
  const index = new Map<string, T>();
  const missing: string[] = [];
  const run = async (batch: string[], byArn: boolean) => {
    try {
      for (const item of await describe(batch, byArn)) {
        for (const k of keys(item)) if (k) index.set(k, item);
      }
    } catch (e) {
      if (!isNotFound(e) && !isInvalidArn(e)) throw translateAwsError(e, `describe ${what}s`);
      if (batch.length === 1) {
        missing.push(batch[0] as string);
        return;
      }
      for (const one of batch) await run([one], byArn);
    }
  };
  for (const byArn of [false, true]) {
    const group = unique.filter((r) => isArn(r) === byArn);
    for (const batch of chunk(group, DESCRIBE_BATCH)) await run(batch, byArn);
  }
  for (const r of unique) if (!index.has(r) && !missing.includes(r)) missing.push(r);
  return { found: refs.filter((r) => index.has(r)).map((r) => index.get(r) as T), missing };
}
function isInvalidArn(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  return name === 'ValidationError' && /arn/i.test((e as Error).message ?? '');
}
