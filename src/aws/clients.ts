/**
 * The one client factory. Every AWS client elbctl uses is built here, with the same region,
 * profile, endpoints, retry policy, credentials, network (proxies, CA bundle), user agent and
 * debug logger. `resolveAwsSettings` fills in what comes from the environment and the shared
 * config files, once per process, before the first client is built.
 */
// Types only: each client package is loaded when its client is first built. The EC2 package
// alone costs ~0.3 s and ~60 MB, which `lb list` or `apply` never need.
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ACMClient } from '@aws-sdk/client-acm';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { PacingLimiter } from '../core/pacing';
import { attachDebugLogger, type DebugSink } from './debug';
import type { ServiceKey } from './config';
import { createAgents, type TlsTrust } from './network';
import { attachPacing, pacerFor } from './pacing';

export interface AwsSettings {
  region?: string | undefined;
  profile?: string | undefined;
  endpoint?: string | undefined;
  /** Called with one line per AWS call when --debug is on. */
  debug?: DebugSink | undefined;
  userAgent: string;
  /** Total attempts per call, including the first. */
  maxAttempts?: number | undefined;
  /** Per-request socket timeout in milliseconds. */
  requestTimeoutMs?: number | undefined;
  /** `standard` (default) or `adaptive`, as AWS_RETRY_MODE says for every AWS SDK and the AWS CLI. */
  retryMode?: 'adaptive' | 'standard' | undefined;
  /** Per-service endpoints (configured endpoints, resolved with the profile); `endpoint` wins. */
  endpoints?: Partial<Record<ServiceKey, string>> | undefined;
  /** Shared by every client: resolved once, so an MFA code is asked for once. */
  credentials?: AwsCredentialIdentityProvider | undefined;
  /** Proxies and TLS trust; without it the SDK's default handler (direct, Node's CA roots). */
  network?: { env: Readonly<Record<string, string | undefined>>; tls: TlsTrust } | undefined;
  /** A handler built once for every client (requestHandlerFor), so they share its connections. */
  requestHandler?: object | undefined;
  /**
   * The process's rate limiter (ELBCTL_PACING, ELBCTL_API_RATES): every client paces its calls
   * through it. While it paces, the SDK's retry mode is `standard` whatever was asked (the
   * environment, the profile): adaptive would be a second limiter on top of it.
   */
  pacing?: PacingLimiter | undefined;
}

/**
 * Measured with the fault proxy (docs/reliability.md): with 25% throttling, 5% 500s and 5% lost
 * answers, 5 attempts let about one call in 190 give up, so half of the scale applies failed
 * part-way and some re-runs failed again; 8 let about one in 4,400 give up.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;
/**
 * Standard, not adaptive: adaptive's client-side rate limiter starts from a measured rate of 0
 * in a fresh process, so the first throttle drops it to its floor of 0.5 requests per second —
 * a short-lived CLI spends seconds per throttle (a scale apply under 25% throttling: 60-160 s
 * instead of 11-26 s). AWS_RETRY_MODE=adaptive brings it back, but only with ELBCTL_PACING=off:
 * elbctl's own pacing (src/aws/pacing.ts) replaces it, never both.
 */
export const DEFAULT_RETRY_MODE = 'standard';
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

type HandlerOptions = {
  requestTimeout: number;
  connectionTimeout: number;
  throwOnRequestTimeout: boolean;
  httpAgent?: unknown;
  httpsAgent?: unknown;
};

type ClientConfig = {
  region?: string;
  profile?: string;
  endpoint?: string;
  retryMode: string;
  maxAttempts: number;
  customUserAgent: string;
  credentials?: AwsCredentialIdentityProvider;
  requestHandler: HandlerOptions | object;
};

function handlerOptions(settings: AwsSettings): HandlerOptions {
  return {
    requestTimeout: settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    connectionTimeout: 5_000,
    // Without it the SDK's HTTP handler only logs a warning when requestTimeout passes and
    // keeps waiting: a request that never gets an answer would hang the command for good.
    throwOnRequestTimeout: true,
  };
}

/**
 * The request handler every client (and STS, for roles) shares: the SDK's Node handler with
 * agents that honour the proxy variables and the CA bundle. Without network settings, plain
 * options (the SDK builds its own handler with them).
 */
export function requestHandlerFor(settings: AwsSettings): HandlerOptions | object {
  if (!settings.network) return handlerOptions(settings);
  const { NodeHttpHandler } = require('@smithy/node-http-handler') as typeof import('@smithy/node-http-handler');
  return new NodeHttpHandler({
    ...handlerOptions(settings),
    ...createAgents(settings.network.env, settings.network.tls),
  } as never);
}

export function clientConfig(
  settings: AwsSettings,
  service?: ServiceKey,
  requestHandler: HandlerOptions | object = handlerOptions(settings),
): ClientConfig {
  const [name, version] = settings.userAgent.split('/');
  const endpoint = settings.endpoint ?? (service ? settings.endpoints?.[service] : undefined);
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    retryMode: settings.pacing?.settings.enabled ? 'standard' : (settings.retryMode ?? DEFAULT_RETRY_MODE),
    maxAttempts: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    customUserAgent: `${name ?? 'elbctl'}/${version ?? '0'}`,
    requestHandler,
  };
}

/**
 * Creates that are not idempotent: on the emulator a re-sent CreateLoadBalancer or
 * CreateListener makes a twin, and CreateRule makes a twin or fails with PriorityInUse even on
 * AWS. The SDK re-sends a request after an ambiguous failure (a reset connection, a timeout, a
 * 5xx) although the first one may have done its work, so for these commands only throttling —
 * which AWS answers before doing anything — is retried by the SDK. Every other failure reaches
 * the executor, which looks before it creates again (read-before-retry, src/aws/apply-steps/runner.ts).
 */
const NOT_RESENT_AFTER_AMBIGUOUS_FAILURE: ReadonlySet<string> = new Set([
  'CreateLoadBalancerCommand',
  'CreateListenerCommand',
  'CreateRuleCommand',
]);

/** Carries a failure past the SDK's retry step without being retried: no name, code, status or cause it classifies as retryable. */
class NotResent extends Error {
  constructor(readonly original: unknown) {
    super('not re-sent: the request may have been carried out');
    this.name = 'ElbctlNotResent';
  }
}

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'SlowDown',
]);

function isThrottling(e: unknown): boolean {
  const o = e as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  if (!o || typeof o !== 'object') return false;
  return (
    o.$metadata?.httpStatusCode === 429 ||
    [o.name, o.Code].some((n) => typeof n === 'string' && THROTTLING_CODES.has(n))
  );
}

interface RetryGuardStack {
  add(
    middleware: (
      next: (args: unknown) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: unknown) => Promise<unknown>,
    options: { step: 'initialize' | 'finalizeRequest'; name: string; priority?: 'high' | 'low' },
  ): void;
}

/**
 * Two middlewares around the SDK's retry step: the inner one (each attempt) wraps a
 * non-throttling failure of a NOT_RESENT command so the retry step gives up; the outer one
 * unwraps it, so callers see the original error.
 */
function attachCreateRetryGuard(client: { middlewareStack: RetryGuardStack }): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        if (NOT_RESENT_AFTER_AMBIGUOUS_FAILURE.has(context.commandName ?? '') && !isThrottling(e))
          throw new NotResent(e);
        throw e;
      }
    },
    { step: 'finalizeRequest', name: 'elbctlCreateRetryGuard', priority: 'low' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        if (!(e instanceof NotResent)) throw e;
        const original = e.original as { $metadata?: Record<string, unknown> } | null;
        const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts;
        if (original && typeof original === 'object' && original.$metadata && attempts !== undefined)
          original.$metadata.attempts = attempts;
        throw original;
      }
    },
    { step: 'initialize', name: 'elbctlCreateRetryUnwrap', priority: 'low' },
  );
}

export interface Clients {
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ec2: EC2Client;
  readonly acm: ACMClient;
  readonly cloudwatch: CloudWatchClient;
  readonly servicequotas: ServiceQuotasClient;
  readonly wafv2: WAFV2Client;
  /** Classic load balancers (ELB API version 1). */
  readonly elb: ElasticLoadBalancingClient;
  readonly route53: Route53Client;
}

/** Clients are built (and their packages loaded) on first use, so a command that only reads ELBv2 never loads EC2. */
export function createClients(settings: AwsSettings): Clients {
  const handler = settings.requestHandler ?? requestHandlerFor(settings);
  const config = (service: ServiceKey) => clientConfig(settings, service, handler);
  const cache = new Map<string, unknown>();
  const lazy = <C extends { middlewareStack: unknown }>(service: string, make: () => C): C => {
    let client = cache.get(service) as C | undefined;
    if (!client) {
      client = make();
      attachCreateRetryGuard(client as never);
      if (settings.pacing)
        attachPacing(client as never, pacerFor(settings.pacing, settings.debug), {
          service,
          maxSends: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          isThrottling,
          profile: settings.profile,
          endpoint: settings.endpoint ?? settings.endpoints?.[service as ServiceKey],
        });
      if (settings.debug) attachDebugLogger(client as never, service, settings.debug);
      cache.set(service, client);
    }
    return client;
  };
  return {
    get elbv2() {
      return lazy('elbv2', () => {
        const sdk =
          require('@aws-sdk/client-elastic-load-balancing-v2') as typeof import('@aws-sdk/client-elastic-load-balancing-v2');
        return new sdk.ElasticLoadBalancingV2Client(config('elbv2') as never);
      });
    },
    get ec2() {
      return lazy(
        'ec2',
        () =>
          new (require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2')).EC2Client(
            config('ec2') as never,
          ),
      );
    },
    get acm() {
      return lazy(
        'acm',
        () =>
          new (require('@aws-sdk/client-acm') as typeof import('@aws-sdk/client-acm')).ACMClient(
            config('acm') as never,
          ),
      );
    },
    get cloudwatch() {
      return lazy(
        'cloudwatch',
        () =>
          new (require('@aws-sdk/client-cloudwatch') as typeof import('@aws-sdk/client-cloudwatch')).CloudWatchClient(
            config('cloudwatch') as never,
          ),
      );
    },
    get servicequotas() {
      return lazy(
        'servicequotas',
        () =>
          new (
            require('@aws-sdk/client-service-quotas') as typeof import('@aws-sdk/client-service-quotas')
          ).ServiceQuotasClient(config('servicequotas') as never),
      );
    },
    get wafv2() {
      return lazy(
        'wafv2',
        () =>
          new (require('@aws-sdk/client-wafv2') as typeof import('@aws-sdk/client-wafv2')).WAFV2Client(
            config('wafv2') as never,
          ),
      );
    },
    get elb() {
      return lazy('elb', () => {
        const sdk =
          require('@aws-sdk/client-elastic-load-balancing') as typeof import('@aws-sdk/client-elastic-load-balancing');
        return new sdk.ElasticLoadBalancingClient(config('elb') as never);
      });
    },
    get route53() {
      return lazy(
        'route53',
        () =>
          new (require('@aws-sdk/client-route-53') as typeof import('@aws-sdk/client-route-53')).Route53Client(
            config('route53') as never,
          ),
      );
    },
  };
}
