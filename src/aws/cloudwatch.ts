/**
 * The CloudWatch gateway: GetMetricData for prepared queries, every NextToken page followed and
 * merged by query id; alarm states for shift guards.
 *
 * An endpoint that cannot serve extended statistics or metric math (the local emulator answers
 * HTTP 500 to a percentile) would otherwise fail the whole command: when a call carrying such
 * queries fails with a server error, it is sent once more without them, and they are reported
 * as unavailable from this endpoint. The gateway remembers that, so later calls (other batches,
 * --watch refreshes) leave them out from the start.
 */
import {
  type CloudWatchClient,
  DeleteAlarmsCommand,
  ListTagsForResourceCommand,
  type MetricDataQuery,
  PutMetricAlarmCommand,
  TagResourceCommand,
  paginateDescribeAlarms,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmSpec, LiveAlarm } from '../core/alarms/alarms';
import { mapLimit } from '../core/concurrency';
import { fromMetricAlarm, toPutMetricAlarm } from './alarm-mappers';
import type { MetricDataResponse, MetricPoint, MetricQuery, QueryResult } from '../core/metrics/queries';
import type { Window } from '../core/metrics/window';
import { awsStep, translateAwsError } from './errors';
import { ownInput } from './paging';

/** DescribeAlarms takes at most 100 names a call. */
const ALARM_NAMES_PER_CALL = 100;

const ADVANCED_UNSERVED =
  'unavailable from this endpoint: it failed (HTTP 5xx) on percentile statistics or metric math, so they were left out';

function toSdkQuery(q: MetricQuery): MetricDataQuery {
  if (q.expression !== undefined) return { Id: q.id, Expression: q.expression, ReturnData: true };
  const m = q.metric;
  if (!m) throw new Error(`metric query ${q.id} has neither a metric nor an expression`);
  return {
    Id: q.id,
    MetricStat: {
      Metric: {
        Namespace: m.namespace,
        MetricName: m.name,
        Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
      },
      Period: m.period,
      Stat: m.stat,
    },
    ReturnData: true,
  };
}

function isServerError(e: unknown): boolean {
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return (status !== undefined && status >= 500) || (e as { $fault?: string })?.$fault === 'server';
}

export class CloudWatchGateway {
  /** Set once the endpoint has failed on advanced queries. */
  private advancedUnserved = false;

  constructor(private readonly client: CloudWatchClient) {}

  /** One GetMetricData call (plus its NextToken pages) for at most 500 queries. */
  async getMetricData(queries: readonly MetricQuery[], window: Window): Promise<MetricDataResponse> {
    const unavailable = new Map<string, string>();
    const basic = queries.filter((q) => !q.advanced);
    const leaveOutAdvanced = () => {
      for (const q of queries) if (q.advanced) unavailable.set(q.id, ADVANCED_UNSERVED);
    };
    if (this.advancedUnserved) {
      leaveOutAdvanced();
      return { results: await this.fetchOrThrow(basic, window), unavailable };
    }
    try {
      return { results: await this.fetch(queries, window), unavailable };
    } catch (e) {
      if (!isServerError(e) || basic.length === queries.length) throw translateAwsError(e, 'read CloudWatch metrics');
      this.advancedUnserved = true;
      leaveOutAdvanced();
      return { results: await this.fetchOrThrow(basic, window), unavailable };
    }
  }

  /** Alarm name → its state (OK, ALARM, INSUFFICIENT_DATA); a name that does not exist is absent. */
  async alarmStates(names: readonly string[]): Promise<Map<string, string>> {
    const states = new Map<string, string>();
    try {
      for (let i = 0; i < names.length; i += ALARM_NAMES_PER_CALL) {
        const pages = paginateDescribeAlarms(
          { client: this.client, withCommand: ownInput },
          { AlarmNames: names.slice(i, i + ALARM_NAMES_PER_CALL), AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
        );
        for await (const page of pages) {
          for (const a of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
            if (a.AlarmName) states.set(a.AlarmName, a.StateValue ?? 'INSUFFICIENT_DATA');
          }
        }
      }
    } catch (e) {
      throw translateAwsError(e, 'read CloudWatch alarms');
    }
    return states;
  }

  /** Every metric alarm whose name starts with `prefix`, with its state and tags. */
  async alarmsByPrefix(prefix: string): Promise<LiveAlarm[]> {
    return awsStep('read CloudWatch alarms', async () => {
      const found = [];
      for await (const page of paginateDescribeAlarms(
        { client: this.client, withCommand: ownInput },
        { AlarmNamePrefix: prefix, AlarmTypes: ['MetricAlarm'] },
      )) {
        found.push(...(page.MetricAlarms ?? []).filter((a) => a.AlarmName?.startsWith(prefix)));
      }
      return mapLimit(found, 4, async (a) => {
        const tags = await this.client.send(new ListTagsForResourceCommand({ ResourceARN: a.AlarmArn }));
        return {
          spec: fromMetricAlarm(a),
          arn: a.AlarmArn ?? '',
          state: a.StateValue ?? 'INSUFFICIENT_DATA',
          tags: Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
        };
      });
    });
  }

  /** Creates the alarm, or replaces its settings (tags apply only when it is created). */
  async putAlarm(spec: AlarmSpec, tags: Readonly<Record<string, string>>): Promise<void> {
    await awsStep(`put alarm "${spec.name}"`, () =>
      this.client.send(new PutMetricAlarmCommand(toPutMetricAlarm(spec, tags))),
    );
  }

  async tagAlarm(arn: string, tags: Readonly<Record<string, string>>): Promise<void> {
    await awsStep('tag alarm', () =>
      this.client.send(
        new TagResourceCommand({
          ResourceARN: arn,
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    );
  }

  async deleteAlarms(names: readonly string[]): Promise<void> {
    await awsStep('delete alarms', async () => {
      for (let i = 0; i < names.length; i += ALARM_NAMES_PER_CALL) {
        await this.client.send(new DeleteAlarmsCommand({ AlarmNames: names.slice(i, i + ALARM_NAMES_PER_CALL) }));
      }
    });
  }

  private async fetchOrThrow(queries: readonly MetricQuery[], window: Window): Promise<Map<string, QueryResult>> {
    try {
      return await this.fetch(queries, window);
    } catch (e) {
      throw translateAwsError(e, 'read CloudWatch metrics');
    }
  }

  private async fetch(queries: readonly MetricQuery[], window: Window): Promise<Map<string, QueryResult>> {
    const results = new Map<string, QueryResult>();
    if (queries.length === 0) return results;
    const sdkQueries = queries.map(toSdkQuery);
    for await (const page of paginateGetMetricData(
      { client: this.client, withCommand: ownInput },
      {
        MetricDataQueries: sdkQueries,
        StartTime: window.start,
        EndTime: window.end,
        ScanBy: 'TimestampAscending',
      },
    )) {
      for (const r of page.MetricDataResults ?? []) {
        const id = r.Id ?? '';
        const points: MetricPoint[] = (r.Timestamps ?? []).map((t, i) => ({
          timestamp: new Date(t).toISOString(),
          value: r.Values?.[i] ?? 0,
        }));
        const known = results.get(id);
        const messages = (r.Messages ?? []).map((m) => m.Value ?? m.Code ?? '').filter(Boolean);
        if (known) {
          known.points.push(...points);
          known.status = r.StatusCode ?? known.status;
          known.messages.push(...messages);
        } else {
          results.set(id, { id, points, status: r.StatusCode ?? 'Complete', messages });
        }
      }
    }
    return results;
  }
}
