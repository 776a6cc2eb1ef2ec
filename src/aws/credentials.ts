/**
 * One credential provider per process, shared by every client: the SDK's default chain
 * (environment, the profile — SSO, credential_process, static keys, roles —, web identity,
 * container and instance metadata), plus what the AWS CLI adds for roles:
 *
 * - MFA: a role profile with `mfa_serial` asks for the code once per run (through the injected
 *   `mfaCode`: a masked prompt on stderr, or an exit-77 error when input is off);
 * - the assumed-role cache: role credentials are read from and written to the AWS CLI's
 *   ~/.aws/cli/cache (same file name derivation, same JSON, mode 0600), so one MFA code serves
 *   both tools until the credentials expire;
 * - AssumeRole goes to the STS endpoint resolved like every other service's, through the same
 *   proxy and CA settings.
 *
 * The cache key and file format follow botocore's AssumeRoleCredentialFetcher (the AWS CLI's
 * credential code), written here because no JavaScript library reads or writes that cache.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { ElbctlError } from '../core/errors';

type Profile = Record<string, string | undefined>;

export interface CredentialSettings {
  /** --profile or AWS_PROFILE; undefined: the SDK's default chain (env first, then `default`). */
  profile?: string | undefined;
  /** Where the profile came from, for the message when it does not exist. */
  profileSource?: '--profile' | 'AWS_PROFILE' | undefined;
  region?: string | undefined;
  stsEndpoint?: string | undefined;
  requestHandler?: unknown;
  /** The user's home directory: the cache is ~/.aws/cli/cache. */
  home: string;
  /** Asks for the code of an MFA device (or throws when it cannot ask). */
  mfaCode: (serial: string, profile: string) => Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
}

/** The AWS CLI treats cached credentials with less than 15 minutes left as expired. */
const EXPIRY_WINDOW_MS = 15 * 60 * 1000;

/** Python's json.dumps(obj, sort_keys=True): ", " and ": " separators, non-ASCII escaped. */
function pythonJson(value: Record<string, string | number>): string {
  const str = (s: string) =>
    JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const body = Object.keys(value)
    .sort()
    .map((k) => {
      const v = value[k] as string | number;
      return `${str(k)}: ${typeof v === 'number' ? String(v) : str(v)}`;
    });
  return `{${body.join(', ')}}`;
}

/**
 * botocore's cache key: sha1 of the AssumeRole arguments elbctl and the AWS CLI both derive from
 * the profile — RoleArn, and ExternalId, SerialNumber, DurationSeconds and RoleSessionName when
 * the profile sets them (a generated session name is left out).
 */
export function assumeRoleCacheKey(role: Profile): string | undefined {
  if (!role.role_arn) return undefined;
  const args: Record<string, string | number> = { RoleArn: role.role_arn };
  if (role.role_session_name) args.RoleSessionName = role.role_session_name;
  if (role.external_id) args.ExternalId = role.external_id;
  if (role.mfa_serial) args.SerialNumber = role.mfa_serial;
  if (role.duration_seconds && /^\d+$/.test(role.duration_seconds))
    args.DurationSeconds = Number(role.duration_seconds);
  return createHash('sha1').update(pythonJson(args), 'utf8').digest('hex');
}

interface CachedResponse {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  AssumedRoleUser?: { AssumedRoleId?: string; Arn?: string };
}

/** botocore writes `2026-12-01T12:00:00UTC` (strftime %Z); ISO forms are read too. */
function parseExpiration(value: string): Date {
  return new Date(value.replace(/UTC$/, 'Z'));
}

function readCache(dir: string, key: string, now: Date): AwsCredentialIdentity | undefined {
  let parsed: CachedResponse;
  try {
    parsed = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as CachedResponse;
  } catch {
    return undefined;
  }
  const c = parsed?.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.Expiration) return undefined;
  const expiration = parseExpiration(c.Expiration);
  if (Number.isNaN(expiration.getTime()) || expiration.getTime() - now.getTime() < EXPIRY_WINDOW_MS) return undefined;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration };
}

function writeCache(dir: string, key: string, response: CachedResponse): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${key}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(response), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written costs a new code next time, never this run.
  }
}

function botocoreTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}UTC`;
}

function profileNamed(name: string, config: Record<string, Profile>, credentials: Record<string, Profile>): Profile {
  return { ...(credentials[name] ?? {}), ...(config[name] ?? {}) };
}

/**
 * A profile named by --profile or AWS_PROFILE must exist: checked before anything else needs it
 * (the region, an endpoint), so the message is about the profile, not about what it lacks.
 */
export async function assertProfileExists(
  profile: string | undefined,
  source: '--profile' | 'AWS_PROFILE' | undefined,
): Promise<void> {
  if (profile === undefined) return;
  const { configFile, credentialsFile } = (await loadSharedConfigFiles({})) as {
    configFile: Record<string, Profile>;
    credentialsFile: Record<string, Profile>;
  };
  if (configFile[profile] || credentialsFile[profile]) return;
  const known = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])]
    .filter((p) => !p.includes('.'))
    .sort();
  throw new ElbctlError(
    'auth',
    'E_UNKNOWN_PROFILE',
    `profile "${profile}" (${source ?? '--profile'}): not found in the shared config or credentials file`,
    {
      hint:
        known.length > 0
          ? `profiles there: ${known.join(', ')}; check the name, or create it with \`aws configure --profile ${profile}\``
          : `there are no profiles; create one with \`aws configure --profile ${profile}\``,
    },
  );
}

export function createCredentialProvider(settings: CredentialSettings): AwsCredentialIdentityProvider {
  let resolved: Promise<AwsCredentialIdentity> | undefined;
  // Once per run: every client shares these credentials, so the MFA code is asked for once.
  return () => {
    resolved ??= resolveCredentials(settings);
    return resolved;
  };
}

async function resolveCredentials(settings: CredentialSettings): Promise<AwsCredentialIdentity> {
  const now = settings.now ?? (() => new Date());
  const cacheDir = join(settings.home, '.aws', 'cli', 'cache');
  const { configFile, credentialsFile } = (await loadSharedConfigFiles({})) as {
    configFile: Record<string, Profile>;
    credentialsFile: Record<string, Profile>;
  };
  const explicit = settings.profile;
  const usesProfile = explicit !== undefined || !settings.env.AWS_ACCESS_KEY_ID;
  const profileName = explicit ?? 'default';
  const profile = profileNamed(profileName, configFile, credentialsFile);
  if (usesProfile) {
    const key = assumeRoleCacheKey(profile);
    const cached = key === undefined ? undefined : readCache(cacheDir, key, now());
    if (cached) return cached;
  }

  const roleAssumer = async (
    source: AwsCredentialIdentity,
    params: {
      RoleArn: string;
      RoleSessionName: string;
      ExternalId?: string;
      SerialNumber?: string;
      TokenCode?: string;
      DurationSeconds?: number;
    },
  ): Promise<AwsCredentialIdentity> => {
    // The profile of this hop of the chain, for its cache key (the SDK always sends a duration).
    const hop = Object.values(configFile).find(
      (p) => p?.role_arn === params.RoleArn && (p.mfa_serial ?? undefined) === params.SerialNumber,
    ) ?? { role_arn: params.RoleArn, ...(params.SerialNumber ? { mfa_serial: params.SerialNumber } : {}) };
    const key = assumeRoleCacheKey(hop);
    const cached = key === undefined ? undefined : readCache(cacheDir, key, now());
    if (cached) return cached;
    const sts = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
    const client = new sts.STSClient({
      region: settings.region ?? profile.region ?? 'us-east-1',
      credentials: source,
      ...(settings.stsEndpoint ? { endpoint: settings.stsEndpoint } : {}),
      ...(settings.requestHandler ? { requestHandler: settings.requestHandler as never } : {}),
    });
    try {
      const r = await client.send(new sts.AssumeRoleCommand(params));
      const c = r.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
        throw new Error(`AssumeRole of ${params.RoleArn} returned no credentials`);
      if (key !== undefined) {
        const account = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(r.AssumedRoleUser?.Arn ?? '')?.[1];
        writeCache(cacheDir, key, {
          Credentials: {
            AccessKeyId: c.AccessKeyId,
            SecretAccessKey: c.SecretAccessKey,
            SessionToken: c.SessionToken,
            Expiration: botocoreTime(c.Expiration),
            ...(account ? { AccountId: account } : {}),
          },
          ...(r.AssumedRoleUser ? { AssumedRoleUser: r.AssumedRoleUser } : {}),
        });
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    } finally {
      // The shared request handler belongs to the elbctl clients; destroying this client must not close it.
      if (!settings.requestHandler) client.destroy();
    }
  };

  const { fromNodeProviderChain } =
    require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers');
  return fromNodeProviderChain({
    ...(explicit !== undefined ? { profile: explicit } : {}),
    mfaCodeProvider: (serial: string) => settings.mfaCode(serial, profileName),
    roleAssumer: roleAssumer as never,
    clientConfig: {
      ...(settings.region ? { region: settings.region } : {}),
      ...(settings.requestHandler ? { requestHandler: settings.requestHandler as never } : {}),
    },
  })();
}
