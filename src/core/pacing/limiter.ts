/**
 * The process's rate limiter: one token bucket per (account, region, service, bucket class),
 * created on first use from the rate table and ELBCTL_API_RATES, with a FIFO queue of the calls
 * waiting for it. A clock-driven state machine: callers pass `now`; the driver in src/aws turns
 * tickets into promises and sets one timer for the next grant.
 *
 * Fairness: each bucket grants strictly in the order calls asked, so no caller overtakes
 * another and none starves. A call re-sent after a throttle keeps the place it first had, ahead
 * of calls that asked later.
 */
import { TokenBucket } from './bucket';
import { bucketFor } from './operations';
import type { PacingSettings } from './settings';
import { RATE_TABLE, type ServiceSpec } from './table';

/** Where a call goes: what keys its bucket. */
export interface CallSite {
  /** The account, or what stands for it when unknown (see src/aws/pacing.ts). */
  account: string;
  region: string;
  /** As the rate table names it: `elbv2`, `ec2`, `cloudwatch`, … */
  service: string;
  operation: string;
}

export interface Ticket {
  readonly id: number;
  readonly bucketId: string;
  readonly requestedAt: number;
  /** When the call first asked: its place in the queue. */
  readonly priorityAt: number;
  grantedAt?: number | undefined;
}

export interface BucketReport {
  /** `service.bucket`, as ELBCTL_API_RATES names it; `service.?` for a service the table does not know. */
  name: string;
  /** The action, for services whose buckets are per action. */
  operation?: string | undefined;
  account: string;
  region: string;
  /** False when pacing is off or the table does not know the service: counted only. */
  paced: boolean;
  capacity?: number | undefined;
  tableRate?: number | undefined;
  /** The refill rate at the end (below tableRate after throttles). */
  rate?: number | undefined;
  granted: number;
  waited: number;
  waitedMs: number;
  throttles: number;
  decreases: number;
}

/** The `pacing` summary of a command's JSON result. */
export interface PacingSummary {
  /** Requests sent to AWS, re-sent ones included. */
  calls: number;
  /** Of them, answered with a throttle. */
  throttles: number;
  /** Time calls waited for a token, summed over calls, in milliseconds. */
  waitedMs: number;
}

export interface ThrottleOutcome {
  bucket: string;
  decreased: boolean;
  from: number;
  to: number;
}

interface Entry {
  id: string;
  report: BucketReport;
  bucket: TokenBucket | undefined;
  queue: Ticket[];
}

const before = (a: Ticket, b: Ticket) => a.priorityAt < b.priorityAt || (a.priorityAt === b.priorityAt && a.id < b.id);

export class PacingLimiter {
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;

  constructor(
    readonly settings: PacingSettings,
    private readonly table: Readonly<Record<string, ServiceSpec>> = RATE_TABLE,
  ) {}

  private entryFor(call: CallSite, now: number): Entry {
    const spec = this.table[call.service];
    const bucketName = bucketFor(call.service, call.operation);
    const perOperation = spec?.scope === 'per-operation';
    const region = spec?.globalRegion ?? call.region;
    const name = `${call.service}.${bucketName ?? '?'}`;
    const id = [call.account, region, name, perOperation ? call.operation : ''].join('|');
    let entry = this.entries.get(id);
    if (!entry) {
      const published = bucketName !== undefined ? spec?.buckets[bucketName] : undefined;
      const rate = this.settings.overrides.get(name) ?? published;
      const paced = this.settings.enabled && rate !== undefined;
      const bucket = paced && rate ? new TokenBucket(rate, now) : undefined;
      entry = {
        id,
        report: {
          name,
          ...(perOperation ? { operation: call.operation } : {}),
          account: call.account,
          region,
          paced,
          ...(bucket ? { capacity: bucket.capacity, tableRate: bucket.tableRate } : {}),
          granted: 0,
          waited: 0,
          waitedMs: 0,
          throttles: 0,
          decreases: 0,
        },
        bucket,
        queue: [],
      };
      this.entries.set(id, entry);
    }
    return entry;
  }

  private entryOf(ticket: Ticket): Entry {
    const entry = this.entries.get(ticket.bucketId);
    if (!entry) throw new Error(`pacing: unknown bucket ${ticket.bucketId}`);
    return entry;
  }

  private grant(entry: Entry, ticket: Ticket, now: number): void {
    ticket.grantedAt = now;
    entry.report.granted += 1;
    if (now > ticket.requestedAt) {
      entry.report.waited += 1;
      entry.report.waitedMs += now - ticket.requestedAt;
    }
  }

  /**
   * Asks for a token. The ticket comes back granted (`grantedAt` set) when the bucket has a
   * token and nobody is ahead; otherwise it waits in the queue for `advance`. A call re-sent
   * after a throttle passes the `priorityAt` of its first request.
   */
  request(call: CallSite, now: number, priorityAt: number = now): Ticket {
    const entry = this.entryFor(call, now);
    const ticket: Ticket = { id: this.nextId++, bucketId: entry.id, requestedAt: now, priorityAt };
    const ahead = entry.queue.length > 0 && before(entry.queue[0] as Ticket, ticket);
    if (!entry.bucket || (!ahead && entry.bucket.tryTake(now))) {
      this.grant(entry, ticket, now);
      return ticket;
    }
    const at = entry.queue.findIndex((t) => before(ticket, t));
    entry.queue.splice(at < 0 ? entry.queue.length : at, 0, ticket);
    return ticket;
  }

  /** Grants, bucket by bucket and in queue order, what the clock allows; says when to come back. */
  advance(now: number): { granted: Ticket[]; nextAt: number | undefined } {
    const granted: Ticket[] = [];
    let nextAt: number | undefined;
    for (const entry of this.entries.values()) {
      const { bucket, queue } = entry;
      if (!bucket) continue;
      while (queue.length > 0 && bucket.tryTake(now)) {
        const ticket = queue.shift() as Ticket;
        this.grant(entry, ticket, now);
        granted.push(ticket);
      }
      if (queue.length > 0) {
        const at = bucket.nextTokenAt(now);
        nextAt = nextAt === undefined ? at : Math.min(nextAt, at);
      }
    }
    return { granted, nextAt };
  }

  /** Withdraws a waiting ticket (its call was abandoned). */
  cancel(ticket: Ticket): void {
    const entry = this.entryOf(ticket);
    const i = entry.queue.indexOf(ticket);
    if (i >= 0) entry.queue.splice(i, 1);
  }

  /** AWS throttled the call this ticket let through. */
  throttled(ticket: Ticket, now: number): ThrottleOutcome {
    const entry = this.entryOf(ticket);
    entry.report.throttles += 1;
    if (!entry.bucket) return { bucket: entry.report.name, decreased: false, from: 0, to: 0 };
    const r = entry.bucket.throttled(ticket.grantedAt ?? now, now);
    if (r.decreased) entry.report.decreases += 1;
    return { bucket: entry.report.name, ...r };
  }

  /** AWS answered the call (not with a throttle). */
  answered(ticket: Ticket, now: number): void {
    this.entryOf(ticket).bucket?.answered(now);
  }

  /** Every bucket used so far, in the order of first use. */
  buckets(): BucketReport[] {
    return [...this.entries.values()].map((e) => ({
      ...e.report,
      ...(e.bucket ? { rate: e.bucket.rate } : {}),
    }));
  }

  summary(): PacingSummary {
    let calls = 0;
    let throttles = 0;
    let waitedMs = 0;
    for (const e of this.entries.values()) {
      calls += e.report.granted;
      throttles += e.report.throttles;
      waitedMs += e.report.waitedMs;
    }
    return { calls, throttles, waitedMs: Math.round(waitedMs) };
  }
}
