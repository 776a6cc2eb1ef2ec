/** `elbctl clb describe CLB`: one Classic load balancer whole: listeners, health check, policies, attributes, instances, tags. */
import { classicAttributeMap } from '../../core/classic/attributes';
import type { ClassicPolicy } from '../../core/classic/model';
import { tableView, type Result } from '../../ui/render';
import type { Context } from '../context';
import { attributesView } from '../lb/attributes';
import { getClassic, listenerText } from './common';

export interface ClbDescribeOptions {
  clb: string;
}

const policyText = (p: ClassicPolicy): string => {
  switch (p.kind) {
    case 'lb-cookie':
      return p.expirationSeconds ? `LB cookie, ${p.expirationSeconds} s` : 'LB cookie, browser session';
    case 'app-cookie':
      return `app cookie ${p.cookieName}`;
    case 'ssl-negotiation':
      return p.reference ? `SSL negotiation: ${p.reference}` : 'SSL negotiation: custom';
    case 'proxy-protocol':
      return 'proxy protocol';
    case 'backend-authentication':
      return 'backend authentication';
    case 'public-key':
      return 'public key';
    case 'other':
      return p.type;
  }
};

export async function run(opts: ClbDescribeOptions, ctx: Context): Promise<Result> {
  const c = await getClassic(ctx, opts.clb);
  const attributes = classicAttributeMap(c.attributes);
  const data = {
    name: c.name,
    type: 'classic' as const,
    scheme: c.scheme,
    dnsName: c.dnsName,
    canonicalHostedZoneId: c.canonicalHostedZoneId ?? null,
    vpcId: c.vpcId ?? null,
    availabilityZones: c.availabilityZones,
    subnets: c.subnets,
    securityGroups: c.securityGroups,
    createdAt: c.createdAt ?? null,
    listeners: c.listeners.map((l) => ({
      protocol: l.protocol,
      port: l.port,
      instanceProtocol: l.instanceProtocol,
      instancePort: l.instancePort,
      certificate: l.certificateId ?? null,
      policies: l.policyNames,
    })),
    healthCheck: c.healthCheck,
    policies: c.policies.map((p) => ({ name: p.name, kind: p.kind, description: policyText(p) })),
    backends: c.backends,
    instances: c.instances,
    attributes,
    tags: c.tags,
  };
  const hc = c.healthCheck;
  return {
    data,
    view: {
      kind: 'sections',
      sections: [
        {
          title: 'classic load balancer',
          view: {
            kind: 'fields',
            fields: [
              ['name', c.name],
              ['scheme', c.scheme],
              ['dns name', c.dnsName],
              ['vpc', c.vpcId ?? '-'],
              ['zones', c.availabilityZones.join(', ')],
              ['subnets', c.subnets.join(', ') || '-'],
              ['security groups', c.securityGroups.join(', ') || '-'],
              [
                'health check',
                `${hc.target} every ${hc.interval}s, timeout ${hc.timeout}s, healthy ${hc.healthyThreshold}, unhealthy ${hc.unhealthyThreshold}`,
              ],
              ['instances', c.instances.join(', ') || '-'],
            ],
          },
        },
        {
          title: 'listeners',
          view: tableView(
            c.listeners,
            [
              { header: 'LISTENER', value: (l) => listenerText(l) },
              { header: 'CERTIFICATE', value: (l) => l.certificateId ?? '-' },
              { header: 'POLICIES', value: (l) => l.policyNames.join(', ') || '-' },
            ],
            'no listeners',
          ),
        },
        {
          title: 'policies',
          view: tableView(
            data.policies,
            [
              { header: 'NAME', value: (p) => p.name },
              { header: 'WHAT', value: (p) => p.description },
            ],
            'no policies',
          ),
        },
        { title: 'attributes', view: attributesView(attributes) },
        {
          title: 'tags',
          view: tableView(
            Object.entries(c.tags).map(([key, value]) => ({ key, value })),
            [
              { header: 'KEY', value: (t) => t.key },
              { header: 'VALUE', value: (t) => t.value },
            ],
            'no tags',
          ),
        },
      ],
    },
  };
}
