/**
 * The one client factory. Every AWS client elbctl uses is built here, with the same region,
 * profile, endpoint, retry policy, user agent and debug logger.
 */
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ACMClient } from '@aws-sdk/client-acm';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { attachDebugLogger, type DebugSink } from './debug';

export interface AwsSettings {
  region?: string | undefined;
  profile?: string | undefined;
  endpoint?: string | undefined;
  /** Called with one line per AWS call when --debug is on. */
  debug?: DebugSink | undefined;
  userAgent: string;
  /** Total attempts per call, including the first (the SDK's adaptive retry). */
  maxAttempts?: number | undefined;
  /** Per-request socket timeout in milliseconds. */
  requestTimeoutMs?: number | undefined;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

type ClientConfig = {
  region?: string;
  profile?: string;
  endpoint?: string;
  retryMode: string;
  maxAttempts: number;
  customUserAgent: string;
  requestHandler: { requestTimeout: number; connectionTimeout: number };
};

export function clientConfig(settings: AwsSettings): ClientConfig {
  const [name, version] = settings.userAgent.split('/');
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    retryMode: 'adaptive',
    maxAttempts: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    customUserAgent: `${name ?? 'elbctl'}/${version ?? '0'}`,
    requestHandler: {
      requestTimeout: settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      connectionTimeout: 5_000,
    },
  };
}

export interface Clients {
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ec2: EC2Client;
  readonly acm: ACMClient;
  readonly cloudwatch: CloudWatchClient;
}

/** Clients are built on first use, so a command that only reads ELBv2 never builds EC2. */
export function createClients(settings: AwsSettings): Clients {
  const config = clientConfig(settings);
  const cache = new Map<string, unknown>();
  const lazy = <C extends { middlewareStack: unknown }>(service: string, make: () => C): C => {
    let client = cache.get(service) as C | undefined;
    if (!client) {
      client = make();
      if (settings.debug) attachDebugLogger(client as never, service, settings.debug);
      cache.set(service, client);
    }
    return client;
  };
  return {
    get elbv2() {
      return lazy('elbv2', () => new ElasticLoadBalancingV2Client(config as never));
    },
    get ec2() {
      return lazy('ec2', () => new EC2Client(config as never));
    },
    get acm() {
      return lazy('acm', () => new ACMClient(config as never));
    },
    get cloudwatch() {
      return lazy('cloudwatch', () => new CloudWatchClient(config as never));
    },
  };
}
