/**
 * `elbctl listener list LB`: the listeners of one load balancer, lowest port first, with
 * their default actions named by target group (one batched describe for the names).
 */
import type { Context } from '../context';
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import { actionData, describeAction, type ActionData } from '../../core/actions';
import { isSecureProtocol } from '../../core/rules/listener';
import type { Listener, MutualTls } from '../../core/model';
import { tableView, type Result } from '../../ui/render';
import { arnNamer } from '../resolve';
import { readAllTags, type TagFields, tagFields, tagsCell } from '../tags/common';

export { actionData, type ActionData };

export interface ListenerListOptions {
  lb: string;
}

/** Only HTTPS/TLS listeners have a TLS policy (an emulator may report one on plain HTTP). */
export function listenerSslPolicy(l: Listener): string | null {
  return isSecureProtocol(l.protocol) ? (l.sslPolicy ?? null) : null;
}

export interface ListenerRow extends TagFields {
  arn: string;
  protocol: string;
  port: number;
  sslPolicy: string | null;
  certificates: string[];
  defaultAction: string;
  defaultActions: ActionData[];
  /** As AWS reports it (HTTPS listeners of application load balancers); absent when it reports none. */
  mutualTls?: MutualTls;
}

export function toListenerRow(
  l: Listener,
  name: (arn: string) => string,
  tags?: Readonly<Record<string, string>>,
): ListenerRow {
  return {
    arn: l.arn,
    protocol: l.protocol,
    port: l.port,
    sslPolicy: listenerSslPolicy(l),
    certificates: l.certificates,
    defaultAction: l.defaultActions.map((a) => describeAction(a, name)).join('; '),
    defaultActions: l.defaultActions.map((a) => actionData(a, name)),
    ...(l.mutualTls ? { mutualTls: l.mutualTls } : {}),
    ...tagFields(tags),
  };
}

/** ARN → name for every target group the listeners forward to, in one batched describe. */
export async function targetGroupNamer(
  elbv2: Elbv2Gateway,
  listeners: readonly Listener[],
): Promise<(arn: string) => string> {
  const arns = [
    ...new Set(
      listeners.flatMap((l) =>
        l.defaultActions.flatMap((a) => (a.type === 'forward' ? a.targetGroups.map((g) => g.targetGroupArn) : [])),
      ),
    ),
  ];
  const names = new Map<string, string>();
  if (arns.length > 0) for (const tg of await elbv2.getTargetGroups(arns)) names.set(tg.arn, tg.name);
  return arnNamer(names);
}

export async function run(opts: ListenerListOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  const listeners = [...(await elbv2.listListeners(lb.arn))].sort((a, b) => a.port - b.port);
  const [name, tags] = await Promise.all([
    targetGroupNamer(elbv2, listeners),
    readAllTags(
      elbv2,
      listeners.map((l) => l.arn),
    ),
  ]);
  const rows = listeners.map((l) => toListenerRow(l, name, tags.get(l.arn)));
  return {
    data: rows,
    view: tableView(
      rows,
      [
        { header: 'PORT', value: (r) => String(r.port) },
        { header: 'PROTOCOL', value: (r) => r.protocol },
        { header: 'DEFAULT ACTION', value: (r) => r.defaultAction },
        { header: 'SSL POLICY', value: (r) => r.sslPolicy ?? '-' },
        { header: 'TAGS', value: (r) => tagsCell(r.tags) },
      ],
      `load balancer "${lb.name}" has no listeners`,
    ),
  };
}
