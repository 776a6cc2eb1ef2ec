/**
 * Reads the new load balancer as the parity check needs it (listeners, target groups, target
 * health) and polls until every row is ok or the timeout passes: on AWS new targets are
 * `initial` for a few health checks.
 */
import type { Aws } from '../../aws';
import type { ClassicLoadBalancer } from '../../core/classic/model';
import { type NewLoadBalancerSide, type Parity, parity } from '../../core/classic/parity';
import type { Translation } from '../../core/classic/translate';
import type { LoadBalancer } from '../../core/model';
import { tableView, type View } from '../../ui/render';
import type { Context } from '../context';

const POLL_MS = 5_000;

async function readSide(aws: Aws, lb: LoadBalancer, t: Translation): Promise<NewLoadBalancerSide> {
  const names = t.targetGroups.map((s) => s.name);
  const [listeners, groups] = await Promise.all([aws.elbv2.listListeners(lb.arn), aws.elbv2.getTargetGroups(names)]);
  const nameOf = new Map(groups.map((g) => [g.arn, g.name]));
  const targetGroups = await Promise.all(
    groups.map(async (g) => ({
      name: g.name,
      healthCheck: g.healthCheck,
      targets: (await aws.elbv2.describeTargetHealth(g.arn)).map((h) => ({ id: h.id, state: h.state })),
    })),
  );
  return {
    listeners: listeners.map((l) => ({
      port: l.port,
      protocol: l.protocol,
      forwardsTo: l.defaultActions.flatMap((a) =>
        a.type === 'forward' ? a.targetGroups.map((g) => nameOf.get(g.targetGroupArn) ?? g.targetGroupArn) : [],
      ),
    })),
    targetGroups,
  };
}

export async function checkParity(
  ctx: Context,
  aws: Aws,
  clb: ClassicLoadBalancer,
  t: Translation,
  timeoutSeconds: number,
): Promise<{ lb: LoadBalancer; parity: Parity }> {
  const lb = await aws.elbv2.getLoadBalancer(t.name);
  const deadline = ctx.clock.now().getTime() + timeoutSeconds * 1000;
  ctx.progress.start(`parity check: classic "${clb.name}" against ${t.type} "${t.name}"`);
  for (;;) {
    const result = parity(clb, t, await readSide(aws, lb, t));
    if (result.ok || ctx.clock.now().getTime() + POLL_MS > deadline) {
      if (result.ok) ctx.progress.succeed(`parity check passed: ${result.rows.length} checks`);
      else
        ctx.progress.fail(
          `parity check failed: ${result.rows.filter((r) => !r.ok).length} of ${result.rows.length} checks`,
        );
      return { lb, parity: result };
    }
    ctx.progress.update(
      `parity check: waiting for ${result.rows
        .filter((r) => !r.ok)
        .map((r) => r.check)
        .join(', ')}`,
    );
    await ctx.clock.sleep(POLL_MS);
  }
}

/** The side-by-side table. */
export function parityView(p: Parity, classicName: string, newName: string): View {
  return tableView(
    p.rows,
    [
      { header: 'CHECK', value: (r) => r.check },
      { header: `CLASSIC ${classicName}`, value: (r) => r.classic },
      { header: `NEW ${newName}`, value: (r) => r.new },
      { header: 'OK', value: (r) => (r.ok ? 'yes' : 'NO') },
    ],
    'nothing to compare',
  );
}
