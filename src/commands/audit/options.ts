/** `elbctl audit` input, checked before any AWS call: every problem at once, exit 64. */
import { type CheckSpec, FAIL_ON_LEVELS, type FailOn, selectChecks } from '../../core/audit';
import { KNOWN_REGIONS } from '../../core/audit/regions';
import { quote } from '../../core/echo';
import { Problems, usageError } from '../../core/errors';
import { didYouMean } from '../../core/stack/suggest';

export interface AuditOptions {
  lbs?: string[] | undefined;
  regions?: string | undefined;
  profiles?: string | undefined;
  checks?: string | undefined;
  skip?: string | undefined;
  failOn?: string | undefined;
}

export interface AuditPlan {
  refs: string[];
  /** Region names, or `all`: the enabled regions of each account. */
  regions: string[] | 'all';
  /** Profiles to audit; `[undefined]`: the configured credentials. */
  profiles: Array<string | undefined>;
  checks: CheckSpec[];
  failOn: FailOn;
}

const list = (raw: string | undefined): string[] | undefined =>
  raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');

export function planAudit(opts: AuditOptions, configuredRegion: string | undefined): AuditPlan {
  const problems = new Problems();
  const checks = selectChecks(list(opts.checks), list(opts.skip), problems);

  const failOn = (opts.failOn ?? 'high') as FailOn;
  if (!FAIL_ON_LEVELS.includes(failOn))
    problems.add('E_ENUM', `--fail-on ${quote(opts.failOn ?? '')}: use high, medium, low or none`);

  let regions: string[] | 'all' = [];
  const asked = list(opts.regions);
  if (asked !== undefined && asked.length === 0)
    problems.add('E_REQUIRED', '--regions: name at least one region, or all');
  if (asked?.includes('all')) {
    if (asked.length > 1) problems.add('E_CONFLICT', '--regions all: give all alone, not with region names');
    regions = 'all';
  } else if (asked !== undefined) {
    for (const r of asked) {
      if (!KNOWN_REGIONS.includes(r))
        problems.add(
          'E_FORMAT',
          `--regions ${quote(r)}: not an AWS region${didYouMean(r, KNOWN_REGIONS) || '; use e.g. us-east-1,eu-west-1 or all'}`,
        );
    }
    regions = [...new Set(asked)];
  }

  const profiles = list(opts.profiles);
  if (profiles !== undefined && profiles.length === 0)
    problems.add('E_REQUIRED', '--profiles: name at least one profile');

  const refs = (opts.lbs ?? []).map((r) => r.trim());
  for (const r of refs)
    if (r === '') problems.add('E_REQUIRED', 'load balancer: an empty name; name it or leave it out');

  problems.throwIfAny();
  if (asked === undefined) {
    if (configuredRegion === undefined)
      throw usageError('E_NO_REGION', 'no AWS region: pass --regions R1,R2 (or all), --region, or set AWS_REGION');
    regions = [configuredRegion];
  }
  return {
    refs,
    regions,
    profiles: profiles?.length ? [...new Set(profiles)] : [undefined],
    checks,
    failOn,
  };
}
