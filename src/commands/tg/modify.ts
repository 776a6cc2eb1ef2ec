/**
 * `elbctl tg modify TG [--health-path ..] [--health-interval ..] …`: a target group's health check
 * changed in place (its ARN stays; protocol, port, VPC and target type change only by replacing
 * it, which a stack does). The flags' form is judged before any AWS call; the check as it would
 * be, against the target group, by the rulebook `tg create` uses: a timeout stays below the
 * interval (the live one when only one of them is given), a TCP check has no path and no
 * matcher, matchers are 200-499 behind an application load balancer and 200-599 otherwise.
 */
import type { Context } from '../context';
import { throwIfProblems } from '../../core/errors';
import type { HealthCheck, TargetGroup } from '../../core/model';
import { healthCheckModification } from '../../core/modify/target-group';
import {
  HEALTH_CHECK_PROTOCOLS,
  type HealthCheckInput,
  type HealthCheckProtocol,
  healthCheckProblems,
} from '../../core/rules/health-check';
import { problem } from '../../core/rules/problem';
import type { Result } from '../../ui/render';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult } from '../modify/flow';
import { type HealthCheckFlags, healthCheckFields, parseHealthCheckFlags } from './health-flags';

export interface TgModifyOptions extends DryRunFlags, HealthCheckFlags {
  tg: string;
}

const FLAGS: ReadonlyArray<keyof HealthCheckFlags> = [
  'healthProtocol',
  'healthPort',
  'healthPath',
  'healthInterval',
  'healthTimeout',
  'healthyThreshold',
  'unhealthyThreshold',
  'matcher',
];

/** The form of every flag (no AWS call); one validation error lists every problem. */
export function validateTgModify(opts: TgModifyOptions): { check: HealthCheckInput; timingsValid: boolean } {
  checkDryRunFlags(opts);
  const parsed = parseHealthCheckFlags(opts);
  const problems = [...parsed.problems];
  if (!FLAGS.some((f) => opts[f] !== undefined)) {
    problems.push(
      problem(
        'E_REQUIRED',
        'tg modify: nothing to change; pass a health check flag (--health-path, --health-protocol, --health-port, --health-interval, --health-timeout, --healthy-threshold, --unhealthy-threshold or --matcher)',
      ),
    );
  }
  throwIfProblems(problems);
  return { check: parsed.check, timingsValid: parsed.timingsValid };
}

const isProtocol = (p: string | undefined): p is HealthCheckProtocol =>
  p !== undefined && (HEALTH_CHECK_PROTOCOLS as readonly string[]).includes(p);

/**
 * The check the rulebook judges: the flags given, with the live protocol (a path or matcher is
 * judged against the protocol the check will have) and, when only one of interval and timeout is
 * given, the live other one (the timeout must stay below the interval).
 */
function judged(given: HealthCheckInput, live: HealthCheck): HealthCheckInput {
  return {
    ...given,
    protocol: given.protocol ?? (isProtocol(live.protocol) ? live.protocol : undefined),
    intervalSeconds: given.intervalSeconds ?? (given.timeoutSeconds !== undefined ? live.intervalSeconds : undefined),
    timeoutSeconds: given.timeoutSeconds ?? (given.intervalSeconds !== undefined ? live.timeoutSeconds : undefined),
  };
}

export function healthCheckChangeProblems(tg: TargetGroup, given: HealthCheckInput) {
  return healthCheckProblems(
    judged(given, tg.healthCheck),
    { name: tg.name, protocol: tg.protocol, targetType: tg.targetType },
    'flags',
  );
}

export async function run(opts: TgModifyOptions, ctx: Context): Promise<Result> {
  const { check } = validateTgModify(opts);
  const { elbv2 } = await ctx.aws();
  const tg = await elbv2.getTargetGroup(opts.tg);
  throwIfProblems(healthCheckChangeProblems(tg, check));

  const change = healthCheckModification(tg.healthCheck, healthCheckFields(check));
  const m = {
    kind: 'target group',
    name: tg.name,
    arn: tg.arn,
    before: change ? { healthCheck: change.before } : {},
    after: change ? { healthCheck: change.after } : {},
  };
  const early = await approveModification(ctx, m, opts);
  if (early) return early;

  const { applyTargetGroupModification } = await import('../../aws/modify');
  ctx.progress.start(`changing the health check of target group "${tg.name}"`);
  try {
    await applyTargetGroupModification(elbv2, tg.arn, { healthCheck: change });
  } catch (e) {
    ctx.progress.fail(`could not change the health check of target group "${tg.name}"`);
    throw e;
  }
  ctx.progress.succeed(`changed the health check of target group "${tg.name}"`);
  return modifyResult(m, { changed: true, dryRun: false });
}
