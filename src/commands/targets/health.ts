/**
 * `elbctl targets health TG [--wait healthy] [--timeout SECONDS]`: each target's state, the
 * reason AWS gives, and what to do about it; optionally wait until every target is healthy.
 */
import type { Context } from '../context';
import { ElbctlError, Problems } from '../../core/errors';
import type { TargetGroup, TargetHealth } from '../../core/model';
import { quote } from '../../core/echo';
import { targetLabel } from '../../core/rules/targets';
import { parseInteger } from '../../core/rules/values';
import { tableView, type Result, type View } from '../../ui/render';

export interface TargetsHealthOptions {
  tg: string;
  wait?: string | undefined;
  timeout?: string | undefined;
}

/** The stable JSON row (cli-surface.md): every key present, null when AWS gives no value. */
export interface TargetHealthRow {
  id: string;
  port: number | null;
  availabilityZone: string | null;
  state: string;
  reason: string | null;
  description: string | null;
  hint: string | null;
}

export const POLL_INTERVAL_MS = 5000;
export const DEFAULT_TIMEOUT_SECONDS = 300;
const MAX_TIMEOUT_SECONDS = 3600;

export function toHealthRow(h: TargetHealth): TargetHealthRow {
  return {
    id: h.id,
    port: h.port ?? null,
    availabilityZone: h.availabilityZone ?? null,
    state: h.state,
    reason: h.reason ?? null,
    description: h.description ?? null,
    hint: h.hint ?? null,
  };
}

export function sortRows(rows: TargetHealthRow[]): TargetHealthRow[] {
  return [...rows].sort((a, b) => a.id.localeCompare(b.id) || (a.port ?? 0) - (b.port ?? 0));
}

export function healthView(rows: readonly TargetHealthRow[], empty: string): View {
  return tableView(
    rows,
    [
      { header: 'TARGET', value: (r) => r.id },
      { header: 'PORT', value: (r) => (r.port === null ? '-' : String(r.port)) },
      { header: 'ZONE', value: (r) => r.availabilityZone ?? '-' },
      { header: 'STATE', value: (r) => r.state, stateColour: true },
      { header: 'REASON', value: (r) => r.reason ?? '-' },
      { header: 'HINT', value: (r) => r.hint ?? '-' },
    ],
    empty,
  );
}

export const NO_TARGETS = 'no targets registered';

interface ValidHealth {
  wait: boolean;
  timeoutSeconds: number;
}

function validate(opts: TargetsHealthOptions): ValidHealth {
  const problems = new Problems();
  if (opts.wait !== undefined && opts.wait !== 'healthy') {
    problems.add('E_ENUM', `--wait ${quote(opts.wait)}: only "healthy" can be waited for; write --wait healthy`);
  }
  const raw = opts.timeout ?? String(DEFAULT_TIMEOUT_SECONDS);
  const timeout = parseInteger(raw);
  if (timeout === undefined || timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
    problems.add(
      'E_RANGE',
      `--timeout ${quote(raw)}: must be a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`,
    );
  }
  problems.throwIfAny();
  return { wait: opts.wait === 'healthy', timeoutSeconds: timeout as number };
}

const describeNotHealthy = (r: TargetHealthRow) =>
  `${targetLabel(r)} is ${r.state}${r.reason ? ` (${r.reason})` : ''}${r.hint ? `: ${r.hint}` : ''}`;

async function waitUntilHealthy(
  ctx: Context,
  tg: TargetGroup,
  first: TargetHealthRow[],
  timeoutSeconds: number,
): Promise<TargetHealthRow[]> {
  const { elbv2 } = await ctx.aws();
  const deadline = ctx.clock.now().getTime() + timeoutSeconds * 1000;
  let rows = first;
  ctx.progress.start(`waiting for the targets of "${tg.name}" to become healthy (up to ${timeoutSeconds} s)`);
  for (;;) {
    if (rows.length === 0) {
      ctx.progress.fail(`target group "${tg.name}" has no targets`);
      throw new ElbctlError(
        'not-found',
        'E_NO_TARGETS',
        `target group "${tg.name}": no targets registered, so there is nothing to wait for`,
        {
          hint: `register targets first: elbctl targets register ${tg.name} ID[:PORT] ..`,
        },
      );
    }
    const notHealthy = rows.filter((r) => r.state !== 'healthy');
    if (notHealthy.length === 0) {
      ctx.progress.succeed(
        rows.length === 1
          ? `the target of "${tg.name}" is healthy`
          : `all ${rows.length} targets of "${tg.name}" are healthy`,
      );
      return rows;
    }
    // Disabled health checks never report healthy: waiting would only run into the timeout.
    if (notHealthy.some((r) => r.reason === 'Target.HealthCheckDisabled')) {
      ctx.progress.fail(`target group "${tg.name}" has health checks disabled`);
      throw new ElbctlError(
        'aws',
        'E_WAIT_IMPOSSIBLE',
        `target group "${tg.name}": health checks are disabled, so no target will ever report healthy`,
        {
          hint: 'turn health checks on for the target group, or do not --wait',
        },
      );
    }
    const now = ctx.clock.now().getTime();
    if (now >= deadline) {
      ctx.progress.fail(`timed out waiting for "${tg.name}"`);
      throw new ElbctlError(
        'aws',
        'E_WAIT_TIMEOUT',
        `target group "${tg.name}": ${notHealthy.length} of ${rows.length} targets not healthy after ${timeoutSeconds} s`,
        {
          details: notHealthy.map(describeNotHealthy),
          hint: `\`elbctl doctor ${tg.name}\` explains unhealthy targets; if they are still starting, wait with a longer --timeout`,
        },
      );
    }
    const healthy = rows.length - notHealthy.length;
    ctx.progress.update(
      `waiting for "${tg.name}": ${healthy}/${rows.length} healthy; ${notHealthy.map((r) => `${targetLabel(r)} ${r.state}`).join(', ')}`,
    );
    await ctx.clock.sleep(Math.min(POLL_INTERVAL_MS, deadline - now));
    rows = sortRows((await elbv2.describeTargetHealth(tg.arn)).map(toHealthRow));
  }
}

export async function run(opts: TargetsHealthOptions, ctx: Context): Promise<Result> {
  const want = validate(opts);
  const { elbv2 } = await ctx.aws();
  const tg = await elbv2.getTargetGroup(opts.tg);
  let rows = sortRows((await elbv2.describeTargetHealth(tg.arn)).map(toHealthRow));
  if (want.wait) rows = await waitUntilHealthy(ctx, tg, rows, want.timeoutSeconds);
  else if (rows.length === 0) {
    ctx.progress.info(`register targets with: elbctl targets register ${tg.name} ID[:PORT] ..`);
  }
  return { data: rows, view: healthView(rows, NO_TARGETS) };
}
