/**
 * `elbctl targets deregister TG ID[:PORT] ..`: same checks as register (no zones), then
 * DeregisterTargets. Not a delete (registering again undoes it), so it does not ask first.
 */
import type { Context } from '../context';
import { targetBatches, toTarget } from '../../core/rules/targets';
import type { Result } from '../../ui/render';
import { healthView, sortRows, toHealthRow } from './health';
import { checkFit, parseSpecs } from './register';

export interface TargetsDeregisterOptions {
  tg: string;
  targets: string[];
}

export const DEREGISTRATION_DELAY = 'deregistration_delay.timeout_seconds';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function run(opts: TargetsDeregisterOptions, ctx: Context): Promise<Result> {
  const specs = parseSpecs(opts.targets ?? [], false);
  const { elbv2 } = await ctx.aws();
  const tg = await elbv2.getTargetGroup(opts.tg);
  checkFit(specs, tg);

  const targets = specs.map(toTarget);
  ctx.progress.start(`deregistering ${plural(targets.length, 'target')} from "${tg.name}"`);
  let done = 0;
  try {
    for (const batch of targetBatches(targets)) {
      await elbv2.deregisterTargets(tg.arn, batch);
      done += batch.length;
    }
  } catch (e) {
    ctx.progress.fail(
      done > 0
        ? `deregistered ${done} of ${targets.length} targets from "${tg.name}" before the failure; re-running deregisters the rest`
        : `could not deregister targets from "${tg.name}"`,
    );
    throw e;
  }
  ctx.progress.succeed(`deregistered ${plural(targets.length, 'target')} from "${tg.name}"`);
  if (tg.targetType !== 'lambda') {
    const delay = (await elbv2.getTargetGroupAttributes(tg.arn))[DEREGISTRATION_DELAY];
    ctx.progress.info(
      `existing connections drain for the deregistration delay${delay !== undefined ? ` (${delay} s)` : ''} before the targets are removed; ` +
        `\`elbctl tg attributes ${tg.name} --set ${DEREGISTRATION_DELAY}=N\` changes it`,
    );
  }
  const rows = sortRows((await elbv2.describeTargetHealth(tg.arn, targets)).map(toHealthRow));
  return { data: rows, view: healthView(rows, 'no targets') };
}
