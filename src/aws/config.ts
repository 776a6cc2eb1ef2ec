/**
 * Settings read from the environment and the shared config files (~/.aws/config), resolved once
 * per process before the first client is built, with the AWS CLI's precedence. The SDK's own
 * loader (`loadConfig`: environment, then the profile, then a default) does the resolving; it is
 * only asked here, instead of inside each client, because the SDK's configured-endpoint lookup
 * reads AWS_PROFILE but never the client's `profile` — with --profile, a profile's endpoint_url
 * and services section would be ignored.
 */
import { readFileSync } from 'node:fs';
import { booleanSelector, loadConfig, SelectorType } from '@smithy/core/config';
import { NODE_MAX_ATTEMPT_CONFIG_OPTIONS, NODE_RETRY_MODE_CONFIG_OPTIONS } from '@smithy/core/retry';
import { usageError } from '../core/errors';

/** The services elbctl calls, by the SDK's service ID (what AWS_ENDPOINT_URL_<ID> and `services` use). */
const SERVICE_IDS = {
  elbv2: 'Elastic Load Balancing v2',
  elb: 'Elastic Load Balancing',
  route53: 'Route 53',
  ec2: 'EC2',
  acm: 'ACM',
  cloudwatch: 'CloudWatch',
  sts: 'STS',
  servicequotas: 'Service Quotas',
  wafv2: 'WAFV2',
} as const;
export type ServiceKey = keyof typeof SERVICE_IDS;

type Profile = Record<string, string | undefined>;
type ConfigFile = Record<string, Profile | undefined>;

/**
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's `services` section, the profile's
 * `endpoint_url`: the selector the SDK uses for configured endpoints, asked with the profile.
 */
function endpointSelectors(serviceId: string) {
  const envSuffix = serviceId.split(' ').map((w) => w.toUpperCase());
  const configKey = serviceId
    .split(' ')
    .map((w) => w.toLowerCase())
    .join('_');
  return {
    environmentVariableSelector: (env: Record<string, string | undefined>) =>
      env[['AWS_ENDPOINT_URL', ...envSuffix].join('_')] || env.AWS_ENDPOINT_URL || undefined,
    configFileSelector: (profile: Profile, config?: ConfigFile) => {
      if (profile.services) {
        // A `services` name without its section is skipped, as the SDK skips it.
        const url = config?.[`services.${profile.services}`]?.[`${configKey}.endpoint_url`];
        if (url) return url;
      }
      return profile.endpoint_url || undefined;
    },
    default: undefined,
  };
}

const IGNORE_CONFIGURED_ENDPOINTS = {
  environmentVariableSelector: (env: Record<string, string | undefined>) =>
    booleanSelector(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', SelectorType.ENV),
  configFileSelector: (profile: Profile) =>
    booleanSelector(profile, 'ignore_configured_endpoint_urls', SelectorType.CONFIG),
  default: false,
};

const CA_BUNDLE = {
  environmentVariableSelector: (env: Record<string, string | undefined>) => env.AWS_CA_BUNDLE || undefined,
  configFileSelector: (profile: Profile) => profile.ca_bundle || undefined,
  default: undefined,
};

export interface EndpointInputs {
  profile?: string | undefined;
  /** --endpoint-url: always wins, even over AWS_IGNORE_CONFIGURED_ENDPOINT_URLS. */
  flag?: string | undefined;
  /** ELBCTL_ENDPOINT_URL: elbctl's own variable, checked before the SDK's ones. */
  elbctlEnv?: string | undefined;
}

function checkedUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError('E_BAD_ENDPOINT', `endpoint URL "${value}" (${source}): not a URL; write it as https://host:port`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError('E_BAD_ENDPOINT', `endpoint URL "${value}" (${source}): must use http or https`);
  return value;
}

/** The endpoint of each service, or none (the AWS endpoint of the region). */
export async function resolveEndpoints(inputs: EndpointInputs): Promise<Partial<Record<ServiceKey, string>>> {
  const keys = Object.keys(SERVICE_IDS) as ServiceKey[];
  if (inputs.flag) return Object.fromEntries(keys.map((k) => [k, inputs.flag as string]));
  const loader = { profile: inputs.profile };
  if (await loadConfig(IGNORE_CONFIGURED_ENDPOINTS, loader)()) return {};
  if (inputs.elbctlEnv) {
    const url = checkedUrl(inputs.elbctlEnv, 'ELBCTL_ENDPOINT_URL');
    return Object.fromEntries(keys.map((k) => [k, url]));
  }
  const out: Partial<Record<ServiceKey, string>> = {};
  for (const key of keys) {
    const url = (await loadConfig(endpointSelectors(SERVICE_IDS[key]), loader)()) as string | undefined;
    if (url) out[key] = checkedUrl(url, `configured endpoint of ${SERVICE_IDS[key]}`);
  }
  return out;
}

/** AWS_MAX_ATTEMPTS, then the profile's max_attempts, then elbctl's default. */
export async function resolveMaxAttempts(profile: string | undefined, fallback: number): Promise<number> {
  let value: unknown;
  try {
    value = await loadConfig({ ...NODE_MAX_ATTEMPT_CONFIG_OPTIONS, default: fallback }, { profile })();
  } catch {
    value = Number.NaN;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) {
    throw usageError(
      'E_BAD_MAX_ATTEMPTS',
      "max attempts (AWS_MAX_ATTEMPTS or the profile's max_attempts): must be a whole number from 1 to 50; e.g. 5",
    );
  }
  return n;
}

/** AWS_RETRY_MODE, then the profile's retry_mode, then elbctl's default. */
export async function resolveRetryMode(
  profile: string | undefined,
  fallback: 'standard' | 'adaptive',
): Promise<'standard' | 'adaptive'> {
  const value = await loadConfig({ ...NODE_RETRY_MODE_CONFIG_OPTIONS, default: fallback }, { profile })();
  if (value !== 'standard' && value !== 'adaptive') {
    throw usageError(
      'E_BAD_RETRY_MODE',
      `retry mode "${String(value)}" (AWS_RETRY_MODE or the profile's retry_mode): unknown; use standard or adaptive`,
    );
  }
  return value;
}

/** --ca-bundle, then AWS_CA_BUNDLE, then the profile's ca_bundle: the PEM text, or none. */
export async function resolveCaBundle(
  flag: string | undefined,
  profile: string | undefined,
): Promise<string | undefined> {
  const file = flag || ((await loadConfig(CA_BUNDLE, { profile })()) as string | undefined);
  if (!file) return undefined;
  const fix = 'pass a PEM file of CA certificates with --ca-bundle FILE or AWS_CA_BUNDLE';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw usageError('E_BAD_CA_BUNDLE', `CA bundle "${file}": cannot read it (${code})`, { hint: fix });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw usageError('E_BAD_CA_BUNDLE', `CA bundle "${file}": holds no PEM certificate (-----BEGIN CERTIFICATE-----)`, {
      hint: fix,
    });
  }
  return text;
}
