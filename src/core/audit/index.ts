/**
 * The fleet audit, pure: the catalogue of checks (one file per family), choosing them by ID, and
 * running them over every region's snapshot into findings, a summary and the exit decision.
 */
import type { Problems } from '../errors';
import { quote } from '../echo';
import { didYouMean } from '../stack/suggest';
import { CLASSIC_CHECKS } from './classic';
import { COST_CHECKS } from './cost';
import {
  type CheckContext,
  type CheckSpec,
  type Finding,
  type RegionSnapshot,
  type Severity,
  SEVERITIES,
  runCheck,
} from './model';
import { QUOTA_CHECKS } from './quotas';
import { RELIABILITY_CHECKS } from './reliability';
import { SECURITY_CHECKS } from './security';

export const CHECKS: readonly CheckSpec[] = [
  ...SECURITY_CHECKS,
  ...COST_CHECKS,
  ...RELIABILITY_CHECKS,
  ...QUOTA_CHECKS,
  ...CLASSIC_CHECKS,
];

export const CHECK_IDS: readonly string[] = CHECKS.map((c) => c.id);

export type FailOn = Severity | 'none';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['high', 'medium', 'low', 'none'];

/** The checks to run: `--checks` names them, or `--skip` leaves some out; every unknown ID is a problem (with the nearest one). */
export function selectChecks(
  only: readonly string[] | undefined,
  skip: readonly string[] | undefined,
  problems: Problems,
): CheckSpec[] {
  const known = new Set(CHECK_IDS);
  for (const [flag, ids] of [
    ['--checks', only],
    ['--skip', skip],
  ] as const) {
    for (const id of ids ?? []) {
      if (!known.has(id))
        problems.add(
          'E_ENUM',
          `${flag} ${quote(id)}: no such check${didYouMean(id, CHECK_IDS) || '; `elbctl audit --help` and docs/audit.md list them'}`,
        );
    }
  }
  if (only?.length && skip?.length) problems.add('E_CONFLICT', '--checks and --skip: give one of them, not both');
  const chosen = only?.length ? new Set(only) : undefined;
  const left = new Set(skip ?? []);
  return CHECKS.filter((c) => (chosen ? chosen.has(c.id) : !left.has(c.id)));
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Every finding of every check in every snapshot: by severity, then account, region, check and resource. */
export function runAudit(
  snapshots: readonly RegionSnapshot[],
  checks: readonly CheckSpec[],
  ctx: CheckContext,
): Finding[] {
  const findings = snapshots.flatMap((s) => checks.flatMap((c) => runCheck(c, s, ctx)));
  const order = new Map(CHECK_IDS.map((id, i) => [id, i]));
  return findings.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      a.account.localeCompare(b.account) ||
      a.region.localeCompare(b.region) ||
      (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0) ||
      a.resource.localeCompare(b.resource),
  );
}

export interface AuditSummary {
  findings: number;
  high: number;
  medium: number;
  low: number;
  accounts: number;
  regions: number;
  loadBalancers: number;
  classicLoadBalancers: number;
  targetGroups: number;
  /** Hourly charges of the load balancers the cost checks found, a month, in USD. */
  idleUsdPerMonth: number;
}

export function summarize(findings: readonly Finding[], snapshots: readonly RegionSnapshot[]): AuditSummary {
  const costly = new Map<string, number>();
  for (const f of findings) {
    const usd = f.details?.usdPerMonth;
    if (typeof usd === 'number') costly.set(f.resource, usd);
  }
  return {
    findings: findings.length,
    high: findings.filter((f) => f.severity === 'high').length,
    medium: findings.filter((f) => f.severity === 'medium').length,
    low: findings.filter((f) => f.severity === 'low').length,
    accounts: new Set(snapshots.map((s) => s.account)).size,
    regions: snapshots.length,
    loadBalancers: snapshots.reduce((n, s) => n + s.loadBalancers.length, 0),
    classicLoadBalancers: snapshots.reduce((n, s) => n + (s.classic?.length ?? 0), 0),
    targetGroups: snapshots.reduce((n, s) => n + s.targetGroups.length, 0),
    idleUsdPerMonth: Math.round([...costly.values()].reduce((a, b) => a + b, 0) * 100) / 100,
  };
}

/** True when a finding at `level` or above exists (`none`: never). */
export function failsAt(findings: readonly Finding[], level: FailOn): boolean {
  if (level === 'none') return false;
  return findings.some((f) => RANK[f.severity] <= RANK[level]);
}

export { SEVERITIES };
export type { CheckContext, CheckSpec, Finding, RegionSnapshot, Severity };
