/**
 * `migrate --cutover route53:ZONE/RECORD`: the record that points to the Classic load balancer,
 * converted in one change batch to a weighted pair 100/0, then moved in steps by the same step
 * machine and guard engine as `elbctl shift` (src/core/shift), rolled back on a failed guard.
 * The run's progress is kept in memory: a cutover stopped part-way leaves the pair at a step, and
 * running the same command again continues from the live weights.
 */
import type { Aws } from '../../aws';
import { Route53WeightedPair } from '../../aws/weighted-records';
import { type Endpoint, findCutoverRecord, fqdn } from '../../core/classic/cutover';
import type { ClassicLoadBalancer } from '../../core/classic/model';
import type { Translation } from '../../core/classic/translate';
import { quote } from '../../core/echo';
import { ElbctlError, usageError, validationError } from '../../core/errors';
import type { LoadBalancer } from '../../core/model';
import type { MachineResult, Entry } from '../../core/shift/protocol';
import type { ReadRecord, ShiftLedger, ShiftRecord } from '../../core/shift/record';
import { positionOf, splitText } from '../../core/shift/weights';
import type { Context } from '../context';
import { drive } from '../shift/driver';
import { takeOverSignals } from '../shift/interrupts';
import { noteReporter, resultData, type ShiftOutcomeData, type ShiftParties } from '../shift/report';
import { guardEvaluator, runId } from '../shift/session';
import type { ValidMigrate } from './flags';

type Cutover = NonNullable<ValidMigrate['cutover']>;

/** The run's record, kept for this process only (Route 53 records carry no tags). */
class MemoryLedger implements ShiftLedger {
  private record: ShiftRecord | undefined;
  async read(): Promise<ReadRecord | undefined> {
    return this.record ? { ok: true, record: this.record } : undefined;
  }
  async write(record: ShiftRecord): Promise<void> {
    this.record = record;
  }
  async clear(): Promise<void> {
    this.record = undefined;
  }
}

/** Zone IDs are upper-case letters and digits (Z… on AWS); a zone name has a dot. */
const ZONE_ID = /^(\/hostedzone\/)?[A-Z0-9]{1,32}$/;

async function resolveZone(aws: Aws, zone: string): Promise<{ id: string; name: string }> {
  if (ZONE_ID.test(zone)) {
    const z = await aws.route53.zoneById(zone);
    if (!z)
      throw validationError('E_MISSING_REFERENCE', `--cutover: hosted zone ${quote(zone)} does not exist`, {
        hint: '`aws route53 list-hosted-zones` lists the zones of this account',
      });
    return z;
  }
  const zones = await aws.route53.zonesNamed(zone);
  if (zones.length === 0)
    throw validationError('E_MISSING_REFERENCE', `--cutover: no hosted zone is named ${quote(zone)}`, {
      hint: '`aws route53 list-hosted-zones` lists the zones of this account; a zone ID works too',
    });
  if (zones.length > 1)
    throw usageError(
      'E_AMBIGUOUS_NAME',
      `--cutover: ${zones.length} hosted zones are named ${quote(zone)} (${zones.map((z) => `${z.id}${z.private ? ' private' : ''}`).join(', ')}); name one by its ID`,
    );
  return zones[0] as { id: string; name: string };
}

export interface CutoverOutcome {
  data: ShiftOutcomeData & { zone: string; record: string };
  error?: ElbctlError | undefined;
}

export async function runCutover(
  ctx: Context,
  aws: Aws,
  clb: ClassicLoadBalancer,
  t: Translation,
  lb: LoadBalancer,
  c: Cutover,
): Promise<CutoverOutcome> {
  const zone = await resolveZone(aws, c.zone);
  const name = fqdn(c.record).endsWith(fqdn(zone.name)) ? c.record : `${c.record}.${zone.name}`;
  const from: Endpoint = {
    label: `classic "${clb.name}"`,
    dnsName: clb.dnsName,
    hostedZoneId: clb.canonicalHostedZoneId,
  };
  const to: Endpoint = {
    label: `${t.type} "${t.name}"`,
    dnsName: lb.dnsName,
    hostedZoneId: await aws.elbv2.canonicalHostedZoneId(lb.arn),
  };
  const found = findCutoverRecord(await aws.route53.recordsNamed(zone.id, name), name, from, to);
  if (!found.ok) throw validationError('E_MISSING_REFERENCE', `--cutover: ${found.why}`);
  const pair = found.pair;
  const weights = new Route53WeightedPair(aws.route53, zone.id, pair);
  const steps = c.settings.steps;
  const live = await weights.read();
  const position = positionOf(live, steps);
  if (position.at === 'elsewhere')
    throw new ElbctlError(
      'conflict',
      'E_SHIFT_ELSEWHERE',
      `--cutover: record ${quote(pair.name)} is at ${position.description}, which no step of this cutover writes`,
      {
        hint: `set the weights of ${pair.fromId}/${pair.toId} to a step of --steps, or back to a simple record, then run again`,
      },
    );
  let entry: Entry = { kind: 'new' };
  if (position.at === 'step') entry = { kind: 'bake', step: position.index, stepStartedAt: ctx.clock.now() };
  if (position.at === 'finished') entry = { kind: 'finish' };
  if (live.shape === 'only-from') {
    ctx.progress.info(`converting ${pair.type} ${pair.name} to a weighted pair 100/0 (one change batch)`);
    await weights.write({ kind: 'split', split: { from: 100, to: 0 } });
  }

  const tg = await aws.elbv2.getTargetGroup(t.targetGroups[0]?.name ?? '');
  const evaluate = guardEvaluator(aws, ctx, c.guards, lb, tg.arn, c.settings.minRequests);
  const parties: ShiftParties = {
    target: { kind: 'record', name: pair.name, arn: `${zone.id}/${pair.name}`, label: weights.label },
    from: { name: `clb:${clb.name}`, arn: clb.dnsName },
    to: { name: t.name, arn: lb.arn },
    steps,
  };
  const record: ShiftRecord = {
    id: runId(),
    state: 'running',
    from: clb.dnsName,
    to: lb.arn,
    origin: { shape: 'plain' },
    settings: c.settings,
    guards: c.guards.map((g) => g.text),
    step: 0,
    startedAt: ctx.clock.now().toISOString(),
  };
  const interrupts = takeOverSignals(ctx.clock, () =>
    ctx.io.stderr.write(`\ninterrupted: restoring ${pair.name} to ${from.label}\n`),
  );
  const startedAt = ctx.clock.now();
  let result: MachineResult;
  try {
    result = await drive(
      { ...c.settings, rollbackOnAbort: true },
      entry,
      { weights, ledger: new MemoryLedger(), evaluate },
      { clock: ctx.clock, interrupts, onNote: noteReporter(ctx, parties), record },
    );
  } finally {
    interrupts.dispose();
  }
  const data = { ...resultData(parties, result, startedAt, ctx.clock.now()), zone: zone.id, record: pair.name };
  return { data, error: cutoverError(result, pair.name, clb.name, t.name) };
}

function cutoverError(r: MachineResult, record: string, classic: string, name: string): ElbctlError | undefined {
  const weights = r.weights ? splitText(r.weights) : 'unknown';
  switch (r.outcome) {
    case 'completed':
      return undefined;
    case 'rolled-back':
      return new ElbctlError('aws', 'E_SHIFT_ROLLED_BACK', `cutover of ${record}: rolled back: ${r.reason}`, {
        hint: `${record} points to classic "${classic}" again, as before; the new load balancer "${name}" stays for another try`,
      });
    case 'interrupted':
    case 'left':
    case 'aborted':
      return new ElbctlError(
        'cancelled',
        'E_SHIFT_INTERRUPTED',
        `cutover of ${record}: interrupted: restored to ${weights}`,
      );
    case 'rollback-failed':
      return new ElbctlError(
        'aws',
        'E_SHIFT_ROLLBACK_FAILED',
        `cutover of ${record}: the rollback failed (${r.reason}); live: ${r.live?.description ?? 'could not be read'}`,
        { details: r.warnings, hint: `point ${record} back to classic "${classic}" by hand (the DNS steps above)` },
      );
    case 'superseded':
    case 'not-started':
      return new ElbctlError(
        'aws',
        'E_SHIFT_NOT_STARTED',
        `cutover of ${record}: not started: ${r.reason ?? r.outcome}`,
      );
  }
}
