/**
 * The audit's fan-out: every profile, every region, in parallel and bounded — regions and
 * accounts at once (each has its own rate buckets), and a process-wide cap on calls in flight.
 * A region or account that fails is reported in `errors` and the others go on.
 */
import type { RegionSnapshot } from '../../core/audit';
import { createGate, mapLimit } from '../../core/concurrency';
import { ElbctlError, isElbctlError } from '../../core/errors';
import type { Context } from '../context';

/** Regions (times accounts) read at once. @public (bench/audit.js reports it) */
export const REGIONS_IN_PARALLEL = 24;
/** AWS calls in flight across the whole process. @public (bench/audit.js reports it) */
export const CALLS_IN_FLIGHT = 96;

export interface AuditError {
  /** The profile's name, or `default` for the configured credentials. */
  profile: string;
  account?: string | undefined;
  /** A region name, or `*` when the account's regions could not even be listed. */
  region: string;
  code: string;
  message: string;
  /** `region`: nothing was read there; `metrics`/`certificates`: the region was read without them. */
  scope: 'region' | 'account' | 'metrics' | 'certificates';
}

export interface FleetRead {
  snapshots: RegionSnapshot[];
  errors: AuditError[];
  /** What was left unjudged without making the run fail (AWS WAF unreadable: its check is optional). */
  warnings: string[];
  /** Every account's every read was refused: credentials or permissions (exit 77). */
  allDenied: ElbctlError | undefined;
}

const asError = (e: unknown): ElbctlError =>
  isElbctlError(e)
    ? e
    : new ElbctlError('internal', 'E_INTERNAL', e instanceof Error ? e.message : String(e), { cause: e });

export async function readFleet(
  ctx: Context,
  target: { refs: readonly string[]; regions: readonly string[] | 'all'; profiles: ReadonlyArray<string | undefined> },
  progress: { listed(count: number): void; regionDone(): void; regionsKnown(count: number): void },
): Promise<FleetRead> {
  const now = ctx.clock.now();
  const gate = createGate(CALLS_IN_FLIGHT);
  const errors: AuditError[] = [];
  const warnings: string[] = [];
  /** Per profile: whether any read got through (or failed for a reason other than access), and the first denial. */
  const outcome = new Map<string, { through: boolean; denied?: ElbctlError }>();
  const note = (name: string, err?: ElbctlError) => {
    const o = outcome.get(name) ?? { through: false };
    if (err === undefined || err.kind !== 'auth') o.through = true;
    else o.denied ??= err;
    outcome.set(name, o);
  };
  const [{ readRegion }] = await Promise.all([import('../../aws/audit/read-region')]);

  const regionsOf = async (profile: string | undefined): Promise<string[]> => {
    if (target.regions !== 'all') return [...target.regions];
    const home = ctx.awsSettings.region ?? 'us-east-1';
    const aws = await ctx.awsFor({ region: home, profile });
    return gate(() => aws.ec2.listEnabledRegions());
  };

  const pairs: Array<{ profile: string | undefined; region: string }> = [];
  await Promise.all(
    target.profiles.map(async (profile) => {
      try {
        for (const region of await regionsOf(profile)) pairs.push({ profile, region });
      } catch (e) {
        const err = asError(e);
        errors.push({
          profile: profile ?? 'default',
          region: '*',
          code: err.code,
          message: err.message,
          scope: 'account',
        });
        note(profile ?? 'default', err);
      }
    }),
  );
  pairs.sort((a, b) => (a.profile ?? '').localeCompare(b.profile ?? '') || a.region.localeCompare(b.region));
  progress.regionsKnown(pairs.length);

  const reads = await mapLimit(pairs, REGIONS_IN_PARALLEL, async ({ profile, region }) => {
    const name = profile ?? 'default';
    try {
      const aws = await ctx.awsFor({ region, profile });
      const r = await readRegion(aws, { region, refs: target.refs, now, gate, onListed: progress.listed });
      for (const p of r.partial) {
        if (p.what === 'waf') {
          warnings.push(
            `${name} ${region}: AWS WAF could not be read (${p.error.message}): no-waf was not judged there`,
          );
          continue;
        }
        errors.push({
          profile: name,
          account: r.snapshot.account,
          region,
          code: p.error.code,
          message: p.error.message,
          scope: p.what,
        });
      }
      note(name);
      return r.snapshot;
    } catch (e) {
      const err = asError(e);
      errors.push({ profile: name, region, code: err.code, message: err.message, scope: 'region' });
      note(name, err);
      return undefined;
    } finally {
      progress.regionDone();
    }
  });
  // Two profiles of one account (two roles, say) read the same load balancers: judge them once.
  const seen = new Set<string>();
  const snapshots = reads.filter((s): s is RegionSnapshot => {
    if (s === undefined) return false;
    const key = `${s.account}/${s.region}`;
    if (s.account !== 'unknown' && seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const accounts = [...outcome.values()];
  const allDenied =
    accounts.length > 0 && accounts.every((o) => !o.through && o.denied) ? accounts[0]?.denied : undefined;
  errors.sort((a, b) => a.profile.localeCompare(b.profile) || a.region.localeCompare(b.region));
  return { snapshots, errors, warnings: warnings.sort(), allDenied };
}
