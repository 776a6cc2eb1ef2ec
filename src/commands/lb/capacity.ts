/**
 * `elbctl lb capacity LB [--reserve N | --reset]`: show a load balancer's LCU reservation, set a
 * minimum ahead of a known spike, or reset it. Every refusal AWS documents is judged before the
 * write (a network load balancer with TLS listeners, a change still pending, no decreases left
 * today), so a refused request never leaves a half-made change.
 */
import type { Context } from '../context';
import { ElbctlError, problemsError, usageError } from '../../core/errors';
import { quote } from '../../core/echo';
import type { LoadBalancer } from '../../core/model';
import {
  type CapacityReservation,
  capacityReservationProblem,
  isDecrease,
  parseCapacityUnits,
  pendingZones,
  RESERVATION_BILLING_NOTE,
} from '../../core/rules/capacity';
import { tableView, type Result, type View } from '../../ui/render';
import { approveModification, checkDryRunFlags, type DryRunFlags, withData } from '../modify/flow';

export interface LbCapacityOptions extends DryRunFlags {
  lb: string;
  reserve?: string | undefined;
  reset?: boolean | undefined;
}

const units = (n: number | undefined): string => (n === undefined ? 'none' : `${n} LCU`);

function reservationData(lb: LoadBalancer, r: CapacityReservation) {
  return {
    loadBalancer: lb.name,
    arn: lb.arn,
    reservedCapacityUnits: r.reservedCapacityUnits ?? null,
    decreaseRequestsRemaining: r.decreaseRequestsRemaining ?? null,
    lastModified: r.lastModified ?? null,
    zones: r.zones.map((z) => ({
      zone: z.zone,
      state: z.state,
      effectiveCapacityUnits: z.effectiveCapacityUnits ?? null,
      ...(z.reason ? { reason: z.reason } : {}),
    })),
  };
}

function reservationView(lb: LoadBalancer, r: CapacityReservation): View {
  const summary: View = {
    kind: 'fields',
    fields: [
      ['load balancer', lb.name],
      ['reserved', units(r.reservedCapacityUnits)],
      ['decreases left today', r.decreaseRequestsRemaining === undefined ? '-' : String(r.decreaseRequestsRemaining)],
      ['last modified', r.lastModified ?? '-'],
    ],
  };
  if (r.zones.length === 0) return summary;
  const zones = tableView(
    r.zones,
    [
      { header: 'ZONE', value: (z) => z.zone },
      { header: 'STATE', value: (z) => z.state },
      {
        header: 'EFFECTIVE LCU',
        value: (z) => (z.effectiveCapacityUnits === undefined ? '-' : String(z.effectiveCapacityUnits)),
      },
      { header: 'REASON', value: (z) => z.reason ?? '' },
    ],
    'no zones',
  );
  return {
    kind: 'sections',
    sections: [
      { title: 'reservation', view: summary },
      { title: 'zones', view: zones },
    ],
  };
}

const reservationResult = (lb: LoadBalancer, r: CapacityReservation): Result => ({
  data: reservationData(lb, r),
  view: reservationView(lb, r),
});

/** The flags alone, before any AWS call: the wanted minimum (undefined: reset), or null to only show. */
function wantedFromFlags(opts: LbCapacityOptions): number | undefined | null {
  checkDryRunFlags(opts);
  if (opts.reserve !== undefined && opts.reset) {
    throw usageError('E_USAGE', '--reserve and --reset: choose one (--reset removes the reservation)');
  }
  if (opts.reserve !== undefined) {
    const parsed = parseCapacityUnits(opts.reserve);
    if (!parsed.ok) throw problemsError([parsed.problem]);
    return parsed.value;
  }
  if (opts.reset) return undefined;
  if (opts.dryRun) throw usageError('E_USAGE', '--dry-run: only with --reserve or --reset');
  return null;
}

export async function run(opts: LbCapacityOptions, ctx: Context): Promise<Result> {
  const wanted = wantedFromFlags(opts);
  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  if (wanted !== null && lb.type === 'network') {
    const tls = (await elbv2.listListeners(lb.arn)).filter((l) => l.protocol === 'TLS').map((l) => l.port);
    const refusal = capacityReservationProblem(lb.name, lb.type, tls);
    if (refusal) throw problemsError([refusal]);
  }
  const current = await elbv2.capacity.get(lb.arn, lb.name);
  if (wanted === null) return reservationResult(lb, current);

  const unchanged = wanted === current.reservedCapacityUnits;
  if (!unchanged) refuseWhatAwsWould(lb, current, wanted);
  const lowers = isDecrease(current, wanted);
  const early = await approveModification(
    ctx,
    {
      kind: 'load balancer',
      name: lb.name,
      arn: lb.arn,
      before: unchanged ? {} : { reservedCapacityUnits: current.reservedCapacityUnits },
      after: unchanged ? {} : { reservedCapacityUnits: wanted },
      display: {
        before: { 'reserved capacity': units(current.reservedCapacityUnits) },
        after: { 'reserved capacity': units(wanted) },
      },
      notes: lowers
        ? [
            `lowers the reservation: AWS allows ${current.decreaseRequestsRemaining ?? 'a limited number of'} more decrease(s) today`,
          ]
        : [],
      warnings: wanted === undefined ? [] : [`warning: ${RESERVATION_BILLING_NOTE}`],
    },
    opts,
  );
  if (early) return withData(early, { reservation: reservationData(lb, current) });

  const verb = wanted === undefined ? 'resetting the reservation of' : `reserving ${wanted} LCU on`;
  ctx.progress.start(`${verb} load balancer ${quote(lb.name)}`);
  let after: CapacityReservation;
  try {
    after = await elbv2.capacity.set(lb.arn, lb.name, wanted);
  } catch (e) {
    ctx.progress.fail(`could not change the capacity reservation of load balancer ${quote(lb.name)}`);
    throw e;
  }
  ctx.progress.succeed(
    wanted === undefined
      ? `reset the capacity reservation of load balancer ${quote(lb.name)}`
      : `requested ${wanted} LCU on load balancer ${quote(lb.name)}; zones show pending until AWS provisions it (\`elbctl lb capacity ${lb.name}\`)`,
  );
  return reservationResult(lb, after);
}

/** What AWS would refuse, said before the write with what to do instead. */
function refuseWhatAwsWould(lb: LoadBalancer, current: CapacityReservation, wanted: number | undefined): void {
  const pending = pendingZones(current);
  if (pending.length > 0) {
    throw new ElbctlError(
      'conflict',
      'E_CAPACITY_PENDING',
      `load balancer ${quote(lb.name)}: the previous capacity reservation change is still pending in ${pending.join(', ')}`,
      {
        hint: `AWS takes a new change once every zone is provisioned or failed; check with \`elbctl lb capacity ${lb.name}\``,
      },
    );
  }
  if (isDecrease(current, wanted) && current.decreaseRequestsRemaining === 0) {
    throw new ElbctlError(
      'conflict',
      'E_CAPACITY_DECREASE_LIMIT',
      `load balancer ${quote(lb.name)}: no capacity decreases left today (AWS allows two a day); the reservation stays at ${units(current.reservedCapacityUnits)}`,
      { hint: 'raising it is always allowed; lower it or reset it tomorrow' },
    );
  }
}
