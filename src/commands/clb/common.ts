/** What the `clb` verbs share: finding a Classic load balancer by name, and how one is shown. */
import type { ClassicListener, ClassicLoadBalancer, ClassicSummary } from '../../core/classic/model';
import { notFoundError } from '../../core/errors';
import type { Context } from '../context';

export async function getClassic(ctx: Context, name: string): Promise<ClassicLoadBalancer> {
  const { elb } = await ctx.aws();
  const clb = await elb.find(name);
  if (!clb)
    throw notFoundError('classic load balancer', name, {
      hint: '`elbctl clb list` shows the Classic load balancers of this region',
    });
  return clb;
}

/** `HTTPS:443 → HTTP:8080`. */
export const listenerText = (l: ClassicListener): string =>
  `${l.protocol}:${l.port} → ${l.instanceProtocol}:${l.instancePort}`;

export interface ClbListRow {
  name: string;
  type: 'classic';
  scheme: string;
  dnsName: string;
  vpcId: string | null;
  availabilityZones: string[];
  listeners: string[];
  instances: number;
}

export function toClbRow(c: ClassicSummary): ClbListRow {
  return {
    name: c.name,
    type: 'classic',
    scheme: c.scheme,
    dnsName: c.dnsName,
    vpcId: c.vpcId ?? null,
    availabilityZones: c.availabilityZones,
    listeners: c.listeners.map(listenerText),
    instances: c.instances.length,
  };
}
