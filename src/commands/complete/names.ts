/**
 * `elbctl __complete KIND [WORD]` (hidden): the names shell completion offers, one per line —
 * load balancers, target groups, or listeners as LB:PORT (those of LB once WORD holds `LB:`).
 * Read from the account at most once a minute (NameCache); never slower than about a second:
 * past COMPLETION_BUDGET_MS it answers from the cache however old, or with nothing. It never
 * fails: a completion that cannot help stays silent.
 */
import type { Context } from '../context';
import type { Result } from '../../ui/render';
import { cacheDir, NAME_CACHE_TTL_MS, NameCache } from './name-cache';

/** What `__complete` can list; the command tables name one of these for each argument or flag it completes. */
export const NAME_KINDS = ['load-balancer', 'target-group', 'listener'] as const;

/**
 * How long a completion waits for AWS: the process itself takes about a quarter of a second to
 * start, and the shell should not wait more than about a second in all. Every request is also
 * cut off at this age and never retried, so nothing outlives the answer and the process exits.
 */
const COMPLETION_BUDGET_MS = 700;

export interface CompleteNamesOptions {
  kind: string;
  word?: string | undefined;
}

export async function run(opts: CompleteNamesOptions, ctx: Context): Promise<Result> {
  let names: string[] = [];
  try {
    names = await completeNames(opts, ctx);
  } catch {
    // Silent by design: a shell completion prints candidates or nothing.
  }
  // Plain lines in every output format: the completion scripts read them as words.
  return { data: names, view: { kind: 'message', text: names.join('\n') }, raw: names.map((n) => `${n}\n`).join('') };
}

async function completeNames(opts: CompleteNamesOptions, ctx: Context): Promise<string[]> {
  ctx.limitAws({ requestTimeoutMs: COMPLETION_BUDGET_MS, maxAttempts: 1 });
  const { profile, region, endpoint } = ctx.awsSettings;
  const cache = new NameCache(cacheDir(ctx.io.env), { profile, region, endpoint });
  const word = opts.word ?? '';
  switch (opts.kind) {
    case 'load-balancer':
      return cached(ctx, cache, 'load-balancer', async (aws) =>
        (await aws.elbv2.listLoadBalancers()).map((l) => l.name),
      );
    case 'target-group':
      return cached(ctx, cache, 'target-group', async (aws) => (await aws.elbv2.listTargetGroups()).map((t) => t.name));
    case 'listener': {
      const colon = word.indexOf(':');
      if (colon < 0) {
        // First the load balancer, then (after `LB:`) its ports: one call each, not one per load balancer.
        const lbs = await cached(ctx, cache, 'load-balancer', async (aws) =>
          (await aws.elbv2.listLoadBalancers()).map((l) => l.name),
        );
        return lbs.map((n) => `${n}:`);
      }
      const lb = word.slice(0, colon);
      return cached(ctx, cache, `listener:${lb}`, async (aws) => {
        const found = await aws.elbv2.findLoadBalancer(lb);
        if (!found) return [];
        return (await aws.elbv2.listListeners(found.arn)).map((l) => `${lb}:${l.port}`);
      });
    }
    default:
      return [];
  }
}

type Aws = Awaited<ReturnType<Context['aws']>>;

/** Fresh cached names, else the account's within the budget (then cached), else stale names, else none. */
async function cached(
  ctx: Context,
  cache: NameCache,
  kind: string,
  read: (aws: Aws) => Promise<string[]>,
): Promise<string[]> {
  const now = ctx.clock.now().getTime();
  const entry = cache.get(kind);
  if (entry && now - entry.at >= 0 && now - entry.at < NAME_CACHE_TTL_MS) return entry.names;
  let aws: Aws | undefined;
  let givenUp = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const names = await Promise.race([
      ctx.aws().then(async (a) => {
        aws = a;
        // Loading the SDK can itself outlast the budget: then send nothing at all.
        if (givenUp) return undefined;
        return [...new Set(await read(a))].sort();
      }),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), COMPLETION_BUDGET_MS);
      }),
    ]);
    if (names === undefined) return entry?.names ?? [];
    cache.put(kind, names, ctx.clock.now().getTime());
    return names;
  } catch {
    return entry?.names ?? [];
  } finally {
    givenUp = true;
    clearTimeout(timer);
    // A request still waiting (a slow network) must not keep the shell waiting for the process.
    aws?.close();
  }
}
