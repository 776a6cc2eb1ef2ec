/**
 * The parity check before any cutover, pure: the Classic load balancer against the new one, row
 * by row (same listener ports forwarding where the translation said, health checks equivalent,
 * every instance registered and healthy). Traffic moves only when every row is ok.
 */
import type { HealthCheck } from '../model';
import type { HealthCheckFile } from '../stack/schema';
import type { ClassicLoadBalancer } from './model';
import type { Translation } from './translate';

export interface NewLoadBalancerSide {
  listeners: Array<{ port: number; protocol: string; forwardsTo: string[] }>;
  targetGroups: Array<{ name: string; healthCheck: HealthCheck; targets: Array<{ id: string; state: string }> }>;
}

interface ParityRow {
  check: string;
  classic: string;
  new: string;
  ok: boolean;
}

export interface Parity {
  ok: boolean;
  rows: ParityRow[];
}

function healthText(h: {
  protocol?: string | undefined;
  port?: string | number | undefined;
  path?: string | undefined;
  interval?: number | undefined;
  timeout?: number | undefined;
  healthy?: number | undefined;
  unhealthy?: number | undefined;
}): string {
  return `${h.protocol ?? '?'}:${h.port ?? '?'}${h.path ?? ''} every ${h.interval ?? '?'}s, timeout ${h.timeout ?? '?'}s, ${h.healthy ?? '?'}/${h.unhealthy ?? '?'}`;
}

const fromSpec = (s: HealthCheckFile | undefined) =>
  healthText({
    protocol: s?.protocol,
    port: s?.port,
    path: s?.path,
    interval: s?.interval,
    timeout: s?.timeout,
    healthy: s?.healthyThreshold,
    unhealthy: s?.unhealthyThreshold,
  });

const fromLive = (h: HealthCheck) =>
  healthText({
    protocol: h.protocol,
    port: h.port,
    path: h.path,
    interval: h.intervalSeconds,
    timeout: h.timeoutSeconds,
    healthy: h.healthyThreshold,
    unhealthy: h.unhealthyThreshold,
  });

export function parity(clb: ClassicLoadBalancer, t: Translation, side: NewLoadBalancerSide): Parity {
  const rows: ParityRow[] = [];
  const fileListeners = t.file.loadBalancers?.[0]?.listeners ?? [];
  for (const l of clb.listeners) {
    const wanted = fileListeners.find((f) => f.port === l.port);
    const tg = typeof wanted?.defaultAction.forward === 'string' ? wanted.defaultAction.forward : undefined;
    const live = side.listeners.find((x) => x.port === l.port);
    rows.push({
      check: `listener ${l.port}`,
      classic: `${l.protocol}:${l.port} → ${l.instanceProtocol}:${l.instancePort}`,
      new: live ? `${live.protocol}:${live.port} → ${live.forwardsTo.join(', ') || '-'}` : 'missing',
      ok: live !== undefined && live.protocol === wanted?.protocol && tg !== undefined && live.forwardsTo.includes(tg),
    });
  }
  const hc = clb.healthCheck;
  for (const spec of t.file.targetGroups ?? []) {
    const live = side.targetGroups.find((g) => g.name === spec.name);
    const want = spec.healthCheck;
    const liveText = live ? fromLive(live.healthCheck) : 'missing';
    rows.push({
      check: `health check ${spec.name}`,
      classic: `${hc.target} every ${hc.interval}s, timeout ${hc.timeout}s, ${hc.healthyThreshold}/${hc.unhealthyThreshold}`,
      new: liveText,
      ok: live !== undefined && want !== undefined && liveText === fromSpec(want),
    });
    const targets = live?.targets ?? [];
    const healthy = clb.instances.filter((id) => targets.some((x) => x.id === id && x.state === 'healthy'));
    const unhealthy = targets.filter((x) => x.state !== 'healthy').map((x) => `${x.id} ${x.state}`);
    rows.push({
      check: `targets ${spec.name}`,
      classic: `${clb.instances.length} instance${clb.instances.length === 1 ? '' : 's'}`,
      new: `${healthy.length}/${clb.instances.length} healthy${unhealthy.length > 0 ? ` (${unhealthy.join(', ')})` : ''}`,
      ok: live !== undefined && healthy.length === clb.instances.length && clb.instances.length > 0,
    });
  }
  return { ok: rows.every((r) => r.ok), rows };
}
