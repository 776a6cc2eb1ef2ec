/**
 * `elbctl lb describe LB`: one load balancer with its listeners and every attribute.
 */
import { isSecureProtocol, isWeakSslPolicy, weakSslPolicyWarning } from '../../core/rules/listener';
import type { Context } from '../context';
import { actionData, describeAction, type ActionData } from '../../core/actions';
import type { Listener, MutualTls } from '../../core/model';
import { tableView, type Result } from '../../ui/render';
import { arnNamer } from '../resolve';
import { describeMutualTls } from '../trust-store/mutual-tls';
import { attributesView, sortedAttributes } from './attributes';
import { readAllTags, type TagFields, tagFields, tagsView } from '../tags/common';
import { loadBalancerFields, toListRow, type LbListRow } from './list';

export interface LbDescribeOptions {
  lb: string;
}

export interface ListenerSummary extends TagFields {
  arn: string;
  protocol: string;
  port: number;
  sslPolicy: string | null;
  certificates: string[];
  defaultActions: ActionData[];
  /** As AWS reports it; absent when it reports none. */
  mutualTls?: MutualTls;
}

export interface LbDescribeData extends LbListRow {
  subnets: string[];
  securityGroups: string[];
  ipAddressType: string;
  listeners: ListenerSummary[];
  attributes: Record<string, string>;
}

/** An HTTPS/TLS listener whose policy still accepts TLS 1.0/1.1 (some endpoints report a policy on HTTP listeners too). */
const oldTls = (l: Listener) =>
  isSecureProtocol(l.protocol) && l.sslPolicy !== undefined && isWeakSslPolicy(l.sslPolicy);

// Target group names are read from their ARNs (`targetgroup/NAME/ID`): no extra AWS call.
const name = arnNamer(new Map());

function toListenerSummary(l: Listener, tags: Readonly<Record<string, string>> | undefined): ListenerSummary {
  return {
    arn: l.arn,
    protocol: l.protocol,
    port: l.port,
    sslPolicy: l.sslPolicy ?? null,
    certificates: l.certificates,
    defaultActions: l.defaultActions.map((a) => actionData(a, name)),
    ...(l.mutualTls ? { mutualTls: l.mutualTls } : {}),
    ...tagFields(tags),
  };
}

export async function run(opts: LbDescribeOptions, ctx: Context): Promise<Result> {
  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  const [listeners, attributes] = await Promise.all([
    elbv2.listListeners(lb.arn),
    elbv2.getLoadBalancerAttributes(lb.arn),
  ]);
  const tags = await readAllTags(elbv2, [lb.arn, ...listeners.map((l) => l.arn)]);
  for (const l of listeners.filter(oldTls))
    ctx.progress.warn(`listener ${lb.name}:${l.port}: ${weakSslPolicyWarning(l.sslPolicy as string)}`);
  const data: LbDescribeData = {
    ...toListRow(lb, tags.get(lb.arn)),
    subnets: lb.subnets,
    securityGroups: lb.securityGroups,
    ipAddressType: lb.ipAddressType,
    listeners: listeners.map((l) => toListenerSummary(l, tags.get(l.arn))),
    attributes: sortedAttributes(attributes),
  };
  return {
    data,
    view: {
      kind: 'sections',
      sections: [
        {
          title: 'load balancer',
          view: { kind: 'fields', fields: [...loadBalancerFields(lb), ['stack', data.stack ?? '-']] },
        },
        {
          title: 'listeners',
          view: tableView(
            listeners,
            [
              { header: 'PROTOCOL', value: (l) => l.protocol },
              { header: 'PORT', value: (l) => String(l.port) },
              {
                header: 'DEFAULT ACTION',
                value: (l) => l.defaultActions.map((a) => describeAction(a, name)).join('; '),
              },
              {
                header: 'SSL POLICY',
                value: (l) => (l.sslPolicy ? `${l.sslPolicy}${oldTls(l) ? ' (allows TLS 1.0/1.1)' : ''}` : '-'),
              },
              ...(listeners.some((l) => l.mutualTls && l.mutualTls.mode !== 'off')
                ? [{ header: 'MUTUAL TLS', value: (l: Listener) => describeMutualTls(l.mutualTls) }]
                : []),
            ],
            'no listeners',
          ),
        },
        { title: 'attributes', view: attributesView(data.attributes) },
        { title: 'tags', view: tagsView(data.tags) },
      ],
    },
  };
}
