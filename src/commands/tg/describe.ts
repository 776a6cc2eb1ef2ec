/**
 * `elbctl tg describe TG`: the target group, its health check, every attribute and the health
 * of each registered target.
 */
import type { Context } from '../context';
import type { HealthCheck } from '../../core/model';
import { tableView, type Result } from '../../ui/render';
import { toHealthRow, type TargetHealthRow } from '../targets/health';
import { attributesView, sortedAttributes } from '../lb/attributes';
import { readAllTags, tagsView } from '../tags/common';
import { loadBalancerNamer, targetGroupFields, toTgListRow, type TgListRow } from './list';

export interface TgDescribeOptions {
  tg: string;
}

export interface HealthCheckData {
  enabled: boolean;
  protocol: string | null;
  port: string | null;
  path: string | null;
  intervalSeconds: number | null;
  timeoutSeconds: number | null;
  healthyThreshold: number | null;
  unhealthyThreshold: number | null;
  matcher: string | null;
}

export interface TgDescribeData {
  targetGroup: TgListRow;
  healthCheck: HealthCheckData;
  attributes: Record<string, string>;
  targetHealth: TargetHealthRow[];
}

function toHealthCheckData(hc: HealthCheck): HealthCheckData {
  return {
    enabled: hc.enabled,
    protocol: hc.protocol ?? null,
    port: hc.port ?? null,
    path: hc.path ?? null,
    intervalSeconds: hc.intervalSeconds ?? null,
    timeoutSeconds: hc.timeoutSeconds ?? null,
    healthyThreshold: hc.healthyThreshold ?? null,
    unhealthyThreshold: hc.unhealthyThreshold ?? null,
    matcher: hc.matcher ?? null,
  };
}

const show = (value: string | number | null) => (value === null ? '-' : String(value));

export async function run(opts: TgDescribeOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const tg = await elbv2.getTargetGroup(opts.tg);
  const [attributes, health, lbName, tags] = await Promise.all([
    elbv2.getTargetGroupAttributes(tg.arn),
    elbv2.describeTargetHealth(tg.arn),
    loadBalancerNamer(elbv2, [tg]),
    readAllTags(elbv2, [tg.arn]),
  ]);
  const data: TgDescribeData = {
    targetGroup: toTgListRow(tg, lbName, tags.get(tg.arn)),
    healthCheck: toHealthCheckData(tg.healthCheck),
    attributes: sortedAttributes(attributes),
    targetHealth: health.map(toHealthRow),
  };
  const hc = data.healthCheck;
  return {
    data,
    view: {
      kind: 'sections',
      sections: [
        { title: 'target group', view: { kind: 'fields', fields: targetGroupFields(data.targetGroup) } },
        {
          title: 'health check',
          view: {
            kind: 'fields',
            fields: [
              ['enabled', hc.enabled ? 'yes' : 'no'],
              ['protocol', show(hc.protocol)],
              ['port', show(hc.port)],
              ['path', show(hc.path)],
              ['interval', hc.intervalSeconds === null ? '-' : `${hc.intervalSeconds}s`],
              ['timeout', hc.timeoutSeconds === null ? '-' : `${hc.timeoutSeconds}s`],
              ['healthy threshold', show(hc.healthyThreshold)],
              ['unhealthy threshold', show(hc.unhealthyThreshold)],
              ['matcher', show(hc.matcher)],
            ],
          },
        },
        { title: 'attributes', view: attributesView(data.attributes) },
        { title: 'tags', view: tagsView(data.targetGroup.tags) },
        {
          title: 'targets',
          view: tableView(
            data.targetHealth,
            [
              { header: 'TARGET', value: (t) => t.id },
              { header: 'PORT', value: (t) => show(t.port) },
              { header: 'ZONE', value: (t) => show(t.availabilityZone) },
              { header: 'STATE', value: (t) => t.state, stateColour: true },
              { header: 'REASON', value: (t) => show(t.reason) },
              { header: 'HINT', value: (t) => show(t.hint) },
            ],
            'no targets registered',
          ),
        },
      ],
    },
  };
}
