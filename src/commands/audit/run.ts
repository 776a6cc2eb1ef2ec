/**
 * `elbctl audit [LB..]`: every load balancer in the regions and accounts asked, judged by the
 * checks of src/core/audit; findings as a table grouped by severity, JSON/YAML or SARIF.
 * Exit 1 when a finding at or above --fail-on exists or a region or account could not be read;
 * 77 when every account was refused; 64 on bad input, before any AWS call.
 */
import { type Finding, type SEVERITIES, failsAt, runAudit, summarize } from '../../core/audit';
import { TRAFFIC_DAYS } from '../../core/audit/traffic';
import { type Result, type View, tableView } from '../../ui/render';
import type { Context } from '../context';
import { withPacing } from '../pacing';
import { type AuditError, readFleet } from './fleet';
import { type AuditOptions, planAudit } from './options';

export type { AuditOptions };

const HEADINGS: Record<(typeof SEVERITIES)[number], string> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

function findingRow(f: Finding) {
  return {
    id: f.id,
    severity: f.severity,
    title: f.title,
    resource: f.resource,
    name: f.name,
    region: f.region,
    account: f.account,
    evidence: f.evidence,
    fix: f.fix,
    ...(f.control ? { control: f.control } : {}),
    ...(f.details ? { details: f.details } : {}),
  };
}

function view(findings: readonly Finding[], errors: readonly AuditError[], summaryLine: string): View {
  const sections: Array<{ title: string; view: View }> = [];
  for (const severity of ['high', 'medium', 'low'] as const) {
    const rows = findings.filter((f) => f.severity === severity);
    if (rows.length === 0) continue;
    sections.push({
      title: `${HEADINGS[severity]} (${rows.length})`,
      view: tableView(
        rows,
        [
          { header: 'CHECK', value: (f) => f.id },
          { header: 'RESOURCE', value: (f) => f.name },
          { header: 'REGION', value: (f) => f.region },
          { header: 'EVIDENCE', value: (f) => f.evidence },
          { header: 'FIX', value: (f) => f.fix },
        ],
        '',
      ),
    });
  }
  if (errors.length > 0) {
    sections.push({
      title: `NOT READ (${errors.length})`,
      view: tableView(
        errors,
        [
          { header: 'PROFILE', value: (e) => e.profile },
          { header: 'REGION', value: (e) => e.region },
          { header: 'WHAT', value: (e) => e.scope },
          { header: 'ERROR', value: (e) => `${e.code}: ${e.message}` },
        ],
        '',
      ),
    });
  }
  sections.push({ title: 'SUMMARY', view: { kind: 'message', text: summaryLine } });
  return { kind: 'sections', sections };
}

export async function run(opts: AuditOptions, ctx: Context): Promise<Result> {
  const plan = planAudit(opts, ctx.awsSettings.region);
  const tty = ctx.io.stderr.isTTY && !ctx.quiet;
  let regionsTotal = 0;
  let regionsDone = 0;
  let loadBalancers = 0;
  const show = () => {
    if (tty)
      ctx.progress.update(`auditing: ${regionsDone}/${regionsTotal} regions, ${loadBalancers} load balancers read`);
  };
  if (tty) ctx.progress.start('auditing: listing regions');
  const fleet = await readFleet(ctx, plan, {
    regionsKnown: (n) => {
      regionsTotal = n;
      show();
    },
    listed: (n) => {
      loadBalancers += n;
      show();
    },
    regionDone: () => {
      regionsDone += 1;
      show();
    },
  });
  if (tty) ctx.progress.succeed(`audited ${loadBalancers} load balancers in ${regionsDone} regions`);
  if (fleet.allDenied) throw fleet.allDenied;
  for (const w of fleet.warnings) ctx.progress.warn(`audit: ${w}`);

  const findings = runAudit(fleet.snapshots, plan.checks, { now: ctx.clock.now(), trafficDays: TRAFFIC_DAYS });
  const summary = summarize(findings, fleet.snapshots);
  const failing = failsAt(findings, plan.failOn);
  const exitCode = failing || fleet.errors.length > 0 ? 1 : 0;
  const summaryLine = `${summary.findings} findings (${summary.high} high, ${summary.medium} medium, ${summary.low} low) in ${summary.loadBalancers} load balancers and ${summary.targetGroups} target groups, ${summary.regions} regions, ${summary.accounts} accounts${summary.idleUsdPerMonth > 0 ? `; load balancers with nothing to serve cost $${summary.idleUsdPerMonth.toFixed(2)} a month in hourly charges` : ''}`;

  const data = { findings: findings.map(findingRow), summary, errors: fleet.errors };
  let sarif: string | undefined;
  if (ctx.output === 'sarif') {
    const [{ renderSarif }, { stackLocator }] = await Promise.all([import('../../ui/sarif'), import('./stack-files')]);
    const version = ctx.awsSettings.userAgent.split('/')[1] ?? '0';
    sarif = renderSarif(findings, plan.checks, stackLocator('.', fleet.snapshots), version);
  }
  if (failing && !ctx.quiet)
    ctx.io.stderr.write(
      `audit: ${findings.filter((f) => failsAt([f], plan.failOn)).length} finding(s) at or above ${plan.failOn} (--fail-on ${plan.failOn})\n`,
    );
  if (fleet.errors.length > 0 && !ctx.quiet)
    ctx.io.stderr.write(`audit: ${fleet.errors.length} region(s) or account(s) not fully read; see errors\n`);
  return withPacing(ctx, {
    data,
    view: view(findings, fleet.errors, summaryLine),
    exitCode,
    ...(sarif !== undefined ? { sarif } : {}),
  });
}
