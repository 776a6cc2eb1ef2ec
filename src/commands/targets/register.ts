/**
 * `elbctl targets register TG ID[:PORT][@ZONE] ..`: every spec is checked before any AWS call,
 * then against the target group's type, then against the account (instances that exist and sit
 * in the group's VPC, IP addresses inside it or with @all): all before the first write. Targets
 * are registered in chunks and their health shown.
 */
import type { Context } from '../context';
import { targetGroupLoadBalancerType } from '../../core/cross-zone';
import { throwIfProblems } from '../../core/errors';
import type { TargetGroup } from '../../core/model';
import {
  parseTargetSpecs,
  targetBatches,
  targetPlacementProblems,
  targetsFitGroup,
  toTarget,
  type TargetSpec,
} from '../../core/rules/targets';
import type { Result } from '../../ui/render';
import { quicTargetsProblem } from '../../core/rules/target-group';
import { healthView, sortRows, toHealthRow } from './health';

export interface TargetsRegisterOptions {
  tg: string;
  targets: string[];
}

/** Parses every spec (no IO); throws one validation error listing each bad spec. */
export function parseSpecs(raws: readonly string[], allowZone: boolean): TargetSpec[] {
  const parsed = parseTargetSpecs(raws, { allowZone });
  if (!parsed.ok) throwIfProblems(parsed.problems);
  return parsed.ok ? parsed.value : [];
}

export function checkFit(specs: readonly TargetSpec[], tg: TargetGroup): void {
  const quic = quicTargetsProblem(tg, 'flags');
  throwIfProblems([...(quic ? [quic] : []), ...targetsFitGroup(specs, tg)]);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function run(opts: TargetsRegisterOptions, ctx: Context): Promise<Result> {
  const specs = parseSpecs(opts.targets ?? [], true);
  const aws = await ctx.aws();
  const { elbv2 } = aws;
  const tg = await elbv2.getTargetGroup(opts.tg);
  checkFit(specs, tg);
  // What AWS would refuse, read in one batched call per kind before the first write.
  const instances = specs.filter((s) => s.kind === 'instance').map((s) => s.id);
  const ips = specs.some((s) => s.kind === 'ip');
  if (instances.length > 0 || (ips && tg.vpcId !== undefined)) {
    const { lookUpReferences } = await import('../../aws/references');
    const facts = await lookUpReferences(aws.ec2, { instances, vpcs: ips && tg.vpcId ? [tg.vpcId] : [] });
    throwIfProblems(
      targetPlacementProblems(
        specs,
        {
          name: tg.name,
          targetType: tg.targetType,
          vpcId: tg.vpcId,
          behindApplication: targetGroupLoadBalancerType(tg) === 'application',
        },
        { instances: facts.instances, vpcCidrs: facts.vpcs.flatMap((v) => v.cidrs) },
      ),
    );
  }

  const targets = specs.map(toTarget);
  ctx.progress.start(`registering ${plural(targets.length, 'target')} with "${tg.name}"`);
  let done = 0;
  try {
    for (const batch of targetBatches(targets)) {
      await elbv2.registerTargets(tg.arn, batch);
      done += batch.length;
    }
  } catch (e) {
    ctx.progress.fail(
      done > 0
        ? `registered ${done} of ${targets.length} targets with "${tg.name}" before the failure; re-running registers the rest`
        : `could not register targets with "${tg.name}"`,
    );
    throw e;
  }
  ctx.progress.succeed(`registered ${plural(targets.length, 'target')} with "${tg.name}"`);
  ctx.progress.info(
    `right after registering, AWS may briefly report a target as not registered or initial; that is normal. \`elbctl targets health ${tg.name} --wait healthy\` waits for them`,
  );
  const rows = sortRows((await elbv2.describeTargetHealth(tg.arn, targets)).map(toHealthRow));
  return { data: rows, view: healthView(rows, 'no targets registered') };
}
