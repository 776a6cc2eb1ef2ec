/**
 * Pacing on the wire: a middleware on every client that takes a token from the process's
 * PacingLimiter (src/core/pacing) before each request is signed and sent, and re-sends a
 * throttled request once the limiter grants the next token — instead of the SDK's blind
 * backoff. Other failures go on to the SDK's retry as before. With ELBCTL_PACING=off the
 * middleware only counts calls and throttles, and the SDK retries throttles as it always did.
 *
 * The bucket's account: the credentials' account ID when the provider reports one (SSO,
 * assumed roles, AWS_ACCOUNT_ID); otherwise what stands for it without an extra call — the
 * profile, and a custom endpoint — since one set of credentials (one account) serves every
 * call of a profile. No STS call is made just to key a bucket.
 */
import { describeThrottle, type CallSite, type PacingLimiter, type ThrottleOutcome, type Ticket } from '../core/pacing';
import type { DebugSink } from './debug';

export interface PacerTimers {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: PacerTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Turns the limiter's tickets into promises, with one timer set for the next grant. */
export class Pacer {
  private readonly waiting = new Map<number, (t: Ticket) => void>();
  private timer: { handle: unknown; at: number } | undefined;

  constructor(
    readonly limiter: PacingLimiter,
    private readonly timers: PacerTimers = realTimers,
    private readonly debug?: DebugSink,
  ) {}

  get enabled(): boolean {
    return this.limiter.settings.enabled;
  }

  now(): number {
    return this.timers.now();
  }

  /** Resolves once the call may be sent; `priorityAt` keeps a re-sent call's place in the queue. */
  acquire(site: CallSite, priorityAt?: number): Promise<Ticket> {
    const ticket = this.limiter.request(site, this.now(), priorityAt);
    if (ticket.grantedAt !== undefined) return Promise.resolve(ticket);
    return new Promise((resolve) => {
      this.waiting.set(ticket.id, resolve);
      this.pump();
    });
  }

  private pump(): void {
    const now = this.now();
    const { granted, nextAt } = this.limiter.advance(now);
    for (const t of granted) {
      const resolve = this.waiting.get(t.id);
      this.waiting.delete(t.id);
      resolve?.(t);
    }
    if (nextAt === undefined || (this.timer && this.timer.at <= nextAt)) return;
    if (this.timer) this.timers.clearTimeout(this.timer.handle);
    const handle = this.timers.setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(0, nextAt - now),
    );
    this.timer = { handle, at: nextAt };
  }

  answered(ticket: Ticket): void {
    this.limiter.answered(ticket, this.now());
  }

  throttled(ticket: Ticket, operation: string): ThrottleOutcome {
    const outcome = this.limiter.throttled(ticket, this.now());
    this.debug?.(describeThrottle(operation, outcome));
    return outcome;
  }
}

const pacers = new WeakMap<PacingLimiter, Pacer>();

/** The one driver of a limiter: every client of the process (every region, every Aws built) shares it. */
export function pacerFor(limiter: PacingLimiter, debug?: DebugSink): Pacer {
  let pacer = pacers.get(limiter);
  if (!pacer) {
    pacer = new Pacer(limiter, realTimers, debug);
    pacers.set(limiter, pacer);
  }
  return pacer;
}

/** Carries a throttle that pacing gave up on past the SDK's retry step, which would otherwise back off and send it again. */
class PacingGaveUp extends Error {
  constructor(readonly original: unknown) {
    super('throttled after every paced re-send');
    this.name = 'ElbctlPacingGaveUp';
  }
}

type Handler = (args: unknown) => Promise<unknown>;
interface PacedClient {
  middlewareStack: {
    add(
      middleware: (next: Handler, context: { commandName?: string }) => Handler,
      options: { step: 'initialize'; name: string; priority: 'low' },
    ): void;
    addRelativeTo(
      middleware: (next: Handler, context: { commandName?: string }) => Handler,
      options: { relation: 'before'; toMiddleware: string; name: string },
    ): void;
  };
  config: {
    region?: string | (() => Promise<string>);
    credentials?: () => Promise<{ accountId?: string }>;
  };
}

export interface PacingOptions {
  /** The rate table's name of the client's service: `elbv2`, `ec2`, `acm`, `cloudwatch`, … */
  service: string;
  /** Sends of one request under throttling, the first included (the SDK's max attempts). */
  maxSends: number;
  isThrottling: (e: unknown) => boolean;
  profile?: string | undefined;
  /** A custom endpoint (an emulator, a proxy): its buckets are not AWS's, so it keys them. */
  endpoint?: string | undefined;
}

async function siteOf(client: PacedClient, options: PacingOptions, operation: string): Promise<CallSite> {
  const region = typeof client.config.region === 'function' ? await client.config.region() : client.config.region;
  // Resolved already by the time a request is signed (the SDK caches it): no extra call.
  const identity = await client.config.credentials?.().catch(() => undefined);
  const stand = [
    options.profile ? `profile ${options.profile}` : undefined,
    options.endpoint ? `endpoint ${new URL(options.endpoint).host}` : undefined,
  ].filter(Boolean);
  return {
    account: identity?.accountId ?? (stand.length > 0 ? stand.join(', ') : 'default'),
    region: region ?? 'unknown',
    service: options.service,
    operation,
  };
}

export function attachPacing(client: PacedClient, pacer: Pacer, options: PacingOptions): void {
  client.middlewareStack.addRelativeTo(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const site = await siteOf(client, options, operation);
      const firstAsked = pacer.now();
      for (let send = 1; ; send++) {
        const ticket = await pacer.acquire(site, firstAsked);
        try {
          const output = await next(args);
          pacer.answered(ticket);
          return output;
        } catch (e) {
          if (!options.isThrottling(e)) throw e;
          pacer.throttled(ticket, operation);
          if (!pacer.enabled) throw e;
          if (send >= options.maxSends) throw new PacingGaveUp(e);
        }
      }
    },
    // Inside the SDK's retry (each of its attempts is paced) and before signing (a request that
    // waited is signed when it leaves, and a re-send is signed again).
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'elbctlPacing' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        if (!(e instanceof PacingGaveUp)) throw e;
        const original = e.original as { $metadata?: Record<string, unknown> } | null;
        const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts;
        if (original && typeof original === 'object' && original.$metadata && attempts !== undefined)
          original.$metadata.attempts = attempts;
        throw original;
      }
    },
    { step: 'initialize', name: 'elbctlPacingUnwrap', priority: 'low' },
  );
}
