/** Trust stores and mutual TLS: trust store names, s3:// bundle URLs, the per-account quota, and which listener can verify client certificates. */
import { quote } from '../echo';
import type { LoadBalancerType, MutualTlsMode } from '../model';
import { type Face, type PathSegment, type Problem, problem } from './problem';
import { orList } from './values';

/** AWS's pattern for trust store names (CreateTrustStore): 1-32 letters and digits in hyphen-separated groups. */
export const TRUST_STORE_NAME = /^([a-zA-Z0-9]+-)*[a-zA-Z0-9]+$/;
const MAX_TRUST_STORE_NAME = 32;
const TRUST_STORE_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:truststore\/[A-Za-z0-9-]+\/[0-9a-f]+$/;

/**
 * Trust stores per account (per Region): an adjustable quota whose documented default is 20. Service
 * Quotas publishes no code for it, so elbctl judges it by the documented default only.
 */
const TRUST_STORES_PER_ACCOUNT = 20;

export const MUTUAL_TLS_MODES: readonly MutualTlsMode[] = ['off', 'passthrough', 'verify'];

export function trustStoreNameProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  const bad = (why: string) => problem('E_NAME', `trust store name ${quote(value)}: ${why}`, path);
  if (value.length === 0) return bad('must not be empty; use 1-32 letters, digits and hyphens');
  if (value.length > MAX_TRUST_STORE_NAME)
    return bad(`is ${[...value].length} characters, the limit is ${MAX_TRUST_STORE_NAME}; use a shorter name`);
  if (!TRUST_STORE_NAME.test(value))
    return bad('use letters and digits, with single hyphens between them (no hyphen at either end, none doubled)');
  return undefined;
}

/** A trust store named by ARN (as DescribeTrustStores answers it) rather than by name. */
export const isTrustStoreArn = (value: string): boolean => value.startsWith('arn:');

/** The trust store's name inside its ARN (`…:truststore/NAME/ID`), for messages. */
export const trustStoreNameOf = (arn: string): string => arn.split(':truststore/')[1]?.split('/')[0] ?? arn;

/** An object in S3: where a CA bundle or a revocation list is read from. */
export interface S3Location {
  bucket: string;
  key: string;
  /** `?versionId=…`: that version of the object, else the current one. */
  version?: string | undefined;
}

/** The shape of an s3:// URL (parseS3Url judges its parts). */
export const S3_URL = /^s3:\/\/[^/?]+\/[^?]+(\?versionId=[^&]+)?$/;

/** S3 bucket names: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** `s3://BUCKET/KEY[?versionId=V]` → the location, or the problem naming what is wrong. */
export function parseS3Url(
  what: string,
  raw: string,
  path: PathSegment[] = [],
): { ok: true; value: S3Location } | { ok: false; problem: Problem } {
  const bad = (why: string) => ({
    ok: false as const,
    problem: problem('E_S3_URL', `${what} ${quote(raw)}: ${why}`, path),
  });
  const m = /^s3:\/\/([^/?]+)\/([^?]+)(?:\?versionId=([^&]+))?$/.exec(raw);
  if (!m) return bad('write it as s3://BUCKET/KEY (optionally ?versionId=VERSION)');
  const [, bucket = '', key = '', version] = m;
  if (!BUCKET.test(bucket) || bucket.includes('..'))
    return bad(
      `bucket ${quote(bucket)} is not an S3 bucket name; use 3-63 lowercase letters, digits, dots and hyphens`,
    );
  return { ok: true, value: { bucket, key, ...(version !== undefined ? { version } : {}) } };
}

/** The URL of a location, as a user writes it. */
export const s3Url = (l: S3Location): string =>
  `s3://${l.bucket}/${l.key}${l.version ? `?versionId=${l.version}` : ''}`;

/** The warning once the account would hold more trust stores than the documented default. */
export function trustStoreQuotaWarning(count: number): string | undefined {
  if (count <= TRUST_STORES_PER_ACCOUNT) return undefined;
  return `${count} trust stores in this Region, over AWS's default quota of ${TRUST_STORES_PER_ACCOUNT} trust stores per account; unless your account's quota is raised (ask AWS Support: Service Quotas has no code for it), AWS will refuse the excess`;
}

/** A listener's mutual TLS as written (flags or a stack file), the trust store by name or ARN. */
export interface MutualTlsSpec {
  mode: MutualTlsMode;
  trustStore?: string | undefined;
  advertiseCaNames?: boolean | undefined;
  ignoreClientCertificateExpiry?: boolean | undefined;
}

export interface MutualTlsContext {
  /** Undefined when it is not known yet (a command's offline checks). */
  protocol?: string | undefined;
  loadBalancerType?: LoadBalancerType | undefined;
  /** `listener web:443` */
  label: string;
}

const WORDS = {
  addTrustStore: { flags: '--trust-store NAME', stack: 'trustStore: NAME' },
  trustStore: { flags: '--trust-store', stack: 'trustStore' },
  advertise: { flags: '--advertise-ca-names', stack: 'advertiseCaNames' },
  expiry: { flags: '--ignore-client-certificate-expiry', stack: 'ignoreClientCertificateExpiry' },
} as const;

/**
 * AWS's rules for MutualAuthentication: HTTPS listeners of application load balancers only; verify
 * needs a trust store; the trust store, CA names and expiry settings mean something only in verify.
 */
export function mutualTlsProblems(spec: MutualTlsSpec, ctx: MutualTlsContext, face: Face): Problem[] {
  const out: Problem[] = [];
  const at = (key: string): PathSegment[] => (face === 'stack' ? [key] : []);
  if (spec.mode !== 'off' && ctx.loadBalancerType !== undefined && ctx.loadBalancerType !== 'application') {
    out.push(
      problem(
        'E_MUTUAL_TLS',
        `${ctx.label}: mutual TLS is only on application load balancers; a ${ctx.loadBalancerType} load balancer passes TLS through or terminates it without client certificates`,
        at('mode'),
      ),
    );
  } else if (spec.mode !== 'off' && ctx.protocol !== undefined && ctx.protocol !== 'HTTPS') {
    out.push(
      problem(
        'E_MUTUAL_TLS',
        `${ctx.label}: mutual TLS ${quote(spec.mode)} needs an HTTPS listener, not ${ctx.protocol}; use an HTTPS listener with a certificate`,
        at('mode'),
      ),
    );
  }
  if (spec.mode === 'verify' && spec.trustStore === undefined) {
    out.push(
      problem(
        'E_MUTUAL_TLS',
        `${ctx.label}: mutual TLS "verify" needs a trust store to check client certificates against; add ${WORDS.addTrustStore[face]}`,
        at('trustStore'),
      ),
    );
  }
  if (spec.mode !== 'verify') {
    const onlyVerify: Array<[boolean, string, string]> = [
      [spec.trustStore !== undefined, WORDS.trustStore[face], 'trustStore'],
      [spec.advertiseCaNames !== undefined, WORDS.advertise[face], 'advertiseCaNames'],
      [spec.ignoreClientCertificateExpiry !== undefined, WORDS.expiry[face], 'ignoreClientCertificateExpiry'],
    ];
    for (const [given, word, key] of onlyVerify) {
      if (!given) continue;
      out.push(
        problem(
          'E_MUTUAL_TLS',
          `${ctx.label}: ${word} applies only to mutual TLS "verify", not ${quote(spec.mode)}; use verify or remove it`,
          at(key),
        ),
      );
    }
  }
  const ref = spec.trustStore;
  if (ref !== undefined && isTrustStoreArn(ref) && !TRUST_STORE_ARN.test(ref)) {
    out.push(
      problem(
        'E_FORMAT',
        `${ctx.label}: trust store ${quote(spec.trustStore)}: not a trust store ARN`,
        at('trustStore'),
      ),
    );
  } else if (ref !== undefined && !isTrustStoreArn(ref)) {
    const p = trustStoreNameProblem(ref, at('trustStore'));
    if (p) out.push(p);
  }
  return out;
}

/** `on|off` for --advertise-ca-names. */
function onOff(what: string, raw: string): { ok: true; value: boolean } | { ok: false; problem: Problem } {
  const v = raw.trim().toLowerCase();
  if (v === 'on' || v === 'true') return { ok: true, value: true };
  if (v === 'off' || v === 'false') return { ok: true, value: false };
  return { ok: false, problem: problem('E_ENUM', `${what} ${quote(raw)}: use ${orList(['on', 'off'])}`) };
}

/** The mutual TLS flags of `listener create|modify`, as given. */
export interface MutualTlsFlags {
  mtls?: string | undefined;
  trustStore?: string | undefined;
  advertiseCaNames?: string | undefined;
  ignoreClientCertificateExpiry?: boolean | undefined;
}

/** The flags → the spec (undefined when --mtls is not given), and every problem the flags alone show. */
export function parseMutualTlsFlags(
  flags: MutualTlsFlags,
  ctx: MutualTlsContext,
): { spec: MutualTlsSpec | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  if (flags.mtls === undefined) {
    const stray = [
      flags.trustStore !== undefined ? '--trust-store' : undefined,
      flags.advertiseCaNames !== undefined ? '--advertise-ca-names' : undefined,
      flags.ignoreClientCertificateExpiry ? '--ignore-client-certificate-expiry' : undefined,
    ].filter((f): f is string => f !== undefined);
    if (stray.length > 0) {
      problems.push(
        problem(
          'E_MUTUAL_TLS',
          `${ctx.label}: ${orList(stray)}: only with --mtls verify; add --mtls verify or remove ${stray.length === 1 ? 'it' : 'them'}`,
        ),
      );
    }
    return { spec: undefined, problems };
  }
  const mode = MUTUAL_TLS_MODES.find((m) => m === flags.mtls?.trim().toLowerCase());
  if (mode === undefined) {
    problems.push(problem('E_ENUM', `--mtls ${quote(flags.mtls)}: unknown mode; use ${orList(MUTUAL_TLS_MODES)}`));
    return { spec: undefined, problems };
  }
  let advertiseCaNames: boolean | undefined;
  if (flags.advertiseCaNames !== undefined) {
    const a = onOff('--advertise-ca-names', flags.advertiseCaNames);
    if (a.ok) advertiseCaNames = a.value;
    else problems.push(a.problem);
  }
  const spec: MutualTlsSpec = {
    mode,
    ...(flags.trustStore !== undefined ? { trustStore: flags.trustStore } : {}),
    ...(advertiseCaNames !== undefined ? { advertiseCaNames } : {}),
    ...(flags.ignoreClientCertificateExpiry ? { ignoreClientCertificateExpiry: true } : {}),
  };
  problems.push(...mutualTlsProblems(spec, ctx, 'flags'));
  return { spec, problems };
}
