/**
 * One run of the step machine on a listener or rule (shift, resume, abort): the ELBv2 ports, the
 * guard engine over CloudWatch, Ctrl-C, the live report, and the result.
 */
import { randomBytes } from 'node:crypto';
import type { Aws } from '../../aws';
import { Elbv2ShiftLedger, Elbv2WeightedForward, type ShiftRoute } from '../../aws/weighted-forward';
import type { LoadBalancer } from '../../core/model';
import {
  alarmNames,
  type Evaluation,
  evaluateGuards,
  evaluationWindow,
  type GuardScope,
  guardQueries,
} from '../../core/shift/evaluate';
import type { Guard } from '../../core/shift/guards';
import type { MachineSettings } from '../../core/shift/machine';
import type { Entry } from '../../core/shift/protocol';
import type { ShiftRecord } from '../../core/shift/record';
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { drive } from './driver';
import { takeOverSignals } from './interrupts';
import { type ShiftParties, noteReporter, resultData, shiftResult } from './report';
import type { ResolvedSubject } from './subject';

export interface Session {
  ref: string;
  resolved: ResolvedSubject;
  route: ShiftRoute;
  parties: ShiftParties;
  guards: Guard[];
  settings: MachineSettings;
  record: ShiftRecord;
  entry: Entry;
  /** The record id a resume or abort takes over. */
  takesOver?: string | undefined;
}

/** Reads the guards once: one GetMetricData call (and one DescribeAlarms for alarm guards). */
export function guardEvaluator(
  aws: Aws,
  ctx: Context,
  guards: readonly Guard[],
  loadBalancer: LoadBalancer,
  toArn: string,
  minRequests: number,
): (stepStartedAt: Date) => Promise<Evaluation> {
  const scope: GuardScope = {
    loadBalancerType: loadBalancer.type === 'network' ? 'network' : 'application',
    loadBalancerArn: loadBalancer.arn,
    targetGroupArn: toArn,
  };
  const names = alarmNames(guards);
  return async (stepStartedAt) => {
    const window = evaluationWindow(stepStartedAt, ctx.clock.now());
    const queries = guardQueries(guards, scope, window);
    const [metrics, alarms] = await Promise.all([
      queries.length > 0 ? aws.cloudwatch.getMetricData(queries, window) : Promise.resolve(undefined),
      names.length > 0 ? aws.cloudwatch.alarmStates(names) : Promise.resolve(new Map<string, string>()),
    ]);
    return evaluateGuards(guards, { metrics, alarms, minRequests });
  };
}

export async function runSession(ctx: Context, aws: Aws, s: Session): Promise<Result> {
  const name = (arn: string) =>
    arn === s.parties.from.arn ? s.parties.from.name : arn === s.parties.to.arn ? s.parties.to.name : arn;
  const weights = new Elbv2WeightedForward(aws.elbv2, s.resolved.subject, s.route, name);
  const ledger = new Elbv2ShiftLedger(aws.elbv2, s.resolved.subject.arn);
  const evaluate = guardEvaluator(aws, ctx, s.guards, s.resolved.loadBalancer, s.route.to, s.settings.minRequests);
  const label = s.resolved.subject.label;
  const interrupts = takeOverSignals(ctx.clock, () =>
    ctx.io.stderr.write(
      s.settings.rollbackOnAbort
        ? `\ninterrupted: rolling back ${label} (Ctrl-C again stops at once; \`elbctl shift abort ${s.ref}\` finishes it)\n`
        : `\ninterrupted: leaving ${label} as it is (--no-rollback-on-abort)\n`,
    ),
  );
  const startedAt = ctx.clock.now();
  try {
    const result = await drive(
      s.settings,
      s.entry,
      { weights, ledger, evaluate },
      {
        clock: ctx.clock,
        interrupts,
        onNote: noteReporter(ctx, s.parties),
        record: s.record,
        takesOver: s.takesOver,
      },
    );
    if (result.outcome === 'completed')
      ctx.progress.succeed(`shift on ${label} completed: all traffic to ${s.parties.to.name}`);
    if (result.outcome === 'aborted')
      ctx.progress.succeed(`shift on ${label} aborted: all traffic to ${s.parties.from.name}`);
    return shiftResult(ctx, resultData(s.parties, result, startedAt, ctx.clock.now()), label, s.ref);
  } finally {
    interrupts.dispose();
  }
}

/** A fresh run id: a run writes only while the record carries it. */
export function runId(): string {
  return randomBytes(4).toString('hex');
}
