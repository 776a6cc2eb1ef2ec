/** The flags of `elbctl migrate`, checked before any AWS call: every problem at once, exit 64. */
import { parseCutoverRef } from '../../core/classic/cutover';
import { MIGRATE_TO, type MigrateTo } from '../../core/classic/listeners';
import { quote } from '../../core/echo';
import { Problems } from '../../core/errors';
import { loadBalancerNameProblem } from '../../core/rules/names';
import type { ShiftSettings } from '../../core/shift/record';
import type { Guard } from '../../core/shift/guards';
import { parseShiftFlags } from '../../core/shift/settings';
import { parseInteger } from '../../core/rules/values';

export interface MigrateOptions {
  clb: string;
  to?: string | undefined;
  name?: string | undefined;
  file?: string | undefined;
  apply?: boolean | undefined;
  healthPath?: string | undefined;
  parityTimeout?: string | undefined;
  cutover?: string | undefined;
  steps?: string | undefined;
  bake?: string | undefined;
  interval?: string | undefined;
  guard?: string[] | undefined;
  minRequests?: string | undefined;
}

export interface ValidMigrate {
  clb: string;
  to?: MigrateTo | undefined;
  name?: string | undefined;
  file?: string | undefined;
  apply: boolean;
  healthPath?: string | undefined;
  parityTimeoutSeconds: number;
  cutover?: { zone: string; record: string; settings: ShiftSettings; guards: Guard[] } | undefined;
}

const DEFAULT_PARITY_TIMEOUT = 300;

export function validateMigrate(opts: MigrateOptions): ValidMigrate {
  const problems = new Problems();
  if (opts.clb.trim() === '') problems.add('E_REQUIRED', 'migrate: name the Classic load balancer to migrate');
  let to: MigrateTo | undefined;
  if (opts.to !== undefined) {
    if ((MIGRATE_TO as readonly string[]).includes(opts.to)) to = opts.to as MigrateTo;
    else problems.add('E_ENUM', `--to ${quote(opts.to)}: write application or network`);
  }
  if (opts.name !== undefined) {
    const p = loadBalancerNameProblem(opts.name);
    if (p) problems.addAll([{ ...p, message: `--name: ${p.message}` }]);
  }
  if (opts.healthPath !== undefined && !/^\/\S{0,1023}$/.test(opts.healthPath))
    problems.add(
      'E_HEALTH_CHECK',
      `--health-path ${quote(opts.healthPath)}: must begin with / and hold no spaces, e.g. /healthz`,
    );
  let parityTimeoutSeconds = DEFAULT_PARITY_TIMEOUT;
  if (opts.parityTimeout !== undefined) {
    const n = parseInteger(opts.parityTimeout);
    if (n === undefined || n < 0 || n > 3600)
      problems.add(
        'E_RANGE',
        `--parity-timeout ${quote(opts.parityTimeout)}: must be a whole number of seconds from 0 to 3600`,
      );
    else parityTimeoutSeconds = n;
  }
  const shiftFlagGiven =
    [opts.steps, opts.bake, opts.interval, opts.minRequests].some((v) => v !== undefined) ||
    (opts.guard ?? []).length > 0;
  let cutover: ValidMigrate['cutover'];
  if (opts.cutover === undefined) {
    if (shiftFlagGiven)
      problems.add(
        'E_REQUIRED',
        '--steps, --bake, --interval, --min-requests and --guard shape a cutover; add --cutover route53:ZONE/RECORD',
      );
  } else {
    const ref = parseCutoverRef(opts.cutover);
    if (!ref)
      problems.add(
        'E_FORMAT',
        `--cutover ${quote(opts.cutover)}: write route53:ZONE/RECORD, ZONE a hosted zone ID or name (e.g. route53:example.com/www.example.com)`,
      );
    if (!opts.apply)
      problems.add(
        'E_REQUIRED',
        '--cutover needs --apply: traffic moves only to a load balancer this run applied and checked',
      );
    const parsed = parseShiftFlags({
      steps: opts.steps,
      bake: opts.bake,
      interval: opts.interval,
      minRequests: opts.minRequests,
      guard: opts.guard,
    });
    if (!parsed.ok) problems.addAll(parsed.problems);
    else if (ref) cutover = { zone: ref.zone, record: ref.record, settings: parsed.settings, guards: parsed.guards };
  }
  problems.throwIfAny();
  return {
    clb: opts.clb,
    to,
    name: opts.name,
    file: opts.file,
    apply: opts.apply === true,
    healthPath: opts.healthPath,
    parityTimeoutSeconds,
    cutover,
  };
}
