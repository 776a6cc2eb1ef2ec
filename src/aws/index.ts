/**
 * Entry point of the AWS boundary, loaded lazily by the context: importing this module is
 * what loads the SDK, so `elbctl --help` never does.
 */
import {
  createClients,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_MODE,
  requestHandlerFor,
  type AwsSettings,
  type Clients,
} from './clients';
import { resolveCaBundle, resolveEndpoints, resolveMaxAttempts, resolveRetryMode } from './config';
import { assertProfileExists, createCredentialProvider } from './credentials';
import { proxyProblems } from './network';
import { usageError } from '../core/errors';
// Types only: a gateway's module (and with it its SDK package) is loaded on first use.
import type { AcmGateway } from './acm';
import type { CloudWatchGateway } from './cloudwatch';
import type { Ec2Gateway } from './ec2';
import type { QuotasGateway } from './quotas';
import type { Wafv2Gateway } from './wafv2';
import type { ElbGateway } from './elb';
import type { Route53Gateway } from './route53';
import { Elbv2Gateway } from './elbv2/gateway';

export interface Aws {
  readonly clients: Clients;
  readonly elbv2: Elbv2Gateway;
  readonly ec2: Ec2Gateway;
  readonly cloudwatch: CloudWatchGateway;
  readonly acm: AcmGateway;
  /** The account's adjustable ELB quotas, from Service Quotas. */
  readonly quotas: QuotasGateway;
  /** Which load balancers AWS WAF web ACLs protect. */
  readonly wafv2: Wafv2Gateway;
  /**
   * The same boundary in another region (same credentials, endpoints, network, limiter and debug),
   * built once per region: how the audit fans out over regions without asking for an MFA code twice.
   */
  forRegion(region: string): Aws;
  /** Classic load balancers. */
  readonly elb: ElbGateway;
  readonly route53: Route53Gateway;
  /** Ends every connection the clients in use hold, so a process that gave up waiting can exit at once. */
  close(): void;
}

export function createAws(settings: AwsSettings): Aws {
  const clients = createClients(settings);
  let elbv2: Elbv2Gateway | undefined;
  let ec2: Ec2Gateway | undefined;
  let cloudwatch: CloudWatchGateway | undefined;
  let acm: AcmGateway | undefined;
  let quotas: QuotasGateway | undefined;
  let wafv2: Wafv2Gateway | undefined;
  const regions = new Map<string, Aws>();
  let elb: ElbGateway | undefined;
  let route53: Route53Gateway | undefined;
  const self: Aws = {
    clients,
    get elbv2() {
      elbv2 ??= new Elbv2Gateway(clients.elbv2);
      return elbv2;
    },
    // Each gateway module is required on first use so a command loads only the SDK clients it needs.
    get ec2() {
      ec2 ??= new (require('./ec2') as typeof import('./ec2')).Ec2Gateway(clients.ec2);
      return ec2;
    },
    get cloudwatch() {
      cloudwatch ??= new (require('./cloudwatch') as typeof import('./cloudwatch')).CloudWatchGateway(
        clients.cloudwatch,
      );
      return cloudwatch;
    },
    get acm() {
      acm ??= new (require('./acm') as typeof import('./acm')).AcmGateway(clients.acm);
      return acm;
    },
    get quotas() {
      quotas ??= new (require('./quotas') as typeof import('./quotas')).QuotasGateway(clients.servicequotas);
      return quotas;
    },
    get wafv2() {
      wafv2 ??= new (require('./wafv2') as typeof import('./wafv2')).Wafv2Gateway(clients.wafv2);
      return wafv2;
    },
    forRegion(region) {
      if (region === settings.region) return self;
      let other = regions.get(region);
      if (!other) {
        other = createAws({ ...settings, region });
        regions.set(region, other);
      }
      return other;
    },
    get elb() {
      elb ??= new (require('./elb') as typeof import('./elb')).ElbGateway(clients.elb);
      return elb;
    },
    get route53() {
      route53 ??= new (require('./route53') as typeof import('./route53')).Route53Gateway(clients.route53);
      return route53;
    },
    close() {
      if (elbv2) clients.elbv2.destroy();
      if (ec2) clients.ec2.destroy();
      if (cloudwatch) clients.cloudwatch.destroy();
      if (acm) clients.acm.destroy();
      if (quotas) clients.servicequotas.destroy();
      if (wafv2) clients.wafv2.destroy();
      for (const other of regions.values()) other.close();
      if (elb) clients.elb.destroy();
      if (route53) clients.route53.destroy();
    },
  };
  return self;
}

/** What the CLI knows before the shared config files are read. */
export interface AwsInputs {
  /** ELBCTL_ENDPOINT_URL (the flag is AwsSettings.endpoint). */
  elbctlEndpoint?: string | undefined;
  /** --ca-bundle FILE. */
  caBundle?: string | undefined;
  /** false: --no-verify-ssl. */
  verifySsl: boolean;
  profileSource?: '--profile' | 'AWS_PROFILE' | undefined;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  mfaCode: (serial: string, profile: string) => Promise<string>;
}

/**
 * Reads the environment and the shared config files once (endpoints per service, retries, CA
 * bundle, with the profile), builds the one request handler and the one credential provider,
 * and returns the boundary.
 */
export async function loadAws(settings: AwsSettings, inputs: AwsInputs): Promise<Aws> {
  const [problem, ...more] = proxyProblems(inputs.env);
  if (problem !== undefined) throw usageError('E_BAD_PROXY', problem, { details: more });
  const profile = settings.profile;
  await assertProfileExists(profile, inputs.profileSource);
  const endpoints = await resolveEndpoints({ profile, flag: settings.endpoint, elbctlEnv: inputs.elbctlEndpoint });
  const resolved: AwsSettings = {
    ...settings,
    endpoint: undefined,
    endpoints,
    maxAttempts: settings.maxAttempts ?? (await resolveMaxAttempts(profile, DEFAULT_MAX_ATTEMPTS)),
    retryMode: settings.retryMode ?? (await resolveRetryMode(profile, DEFAULT_RETRY_MODE)),
    network: {
      env: inputs.env,
      tls: { ca: await resolveCaBundle(inputs.caBundle, profile), verify: inputs.verifySsl },
    },
  };
  resolved.requestHandler = requestHandlerFor(resolved);
  resolved.credentials = createCredentialProvider({
    profile,
    profileSource: inputs.profileSource,
    region: settings.region,
    stsEndpoint: endpoints.sts,
    requestHandler: resolved.requestHandler,
    home: inputs.home,
    mfaCode: inputs.mfaCode,
    env: inputs.env,
  });
  return createAws(resolved);
}

export type { AwsSettings } from './clients';
