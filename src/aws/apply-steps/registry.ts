/** The run-time registry of names → ARNs, seeded from the plan, and what the plan leaves to look up. */
import type { Change } from '../../core/stack/plan';
import { forwardedTargetGroups, listenerKey, targetGroupNameFromArn } from './arns';

export class Registry {
  readonly loadBalancers = new Map<string, string>();
  /** By AWS name. */
  readonly targetGroups = new Map<string, string>();
  /** By `LB:PORT`. */
  readonly listeners = new Map<string, string>();
  /** By name. */
  readonly trustStores = new Map<string, string>();

  /** What the plan's own `arn` fields already say about resources it keeps. */
  static seededFrom(changes: readonly Change[]): Registry {
    const r = new Registry();
    for (const c of changes) {
      if (!c.arn) continue;
      const kept = c.action === 'update' || c.action === 'adopt' || c.action === 'move';
      switch (c.type) {
        case 'load-balancer':
          if (kept) r.loadBalancers.set(c.name, c.arn);
          break;
        case 'target-group': {
          const name = targetGroupNameFromArn(c.arn);
          if (kept && name) r.targetGroups.set(name, c.arn);
          break;
        }
        case 'listener':
          if (kept) r.listeners.set(listenerKey(c.loadBalancer, c.port), c.arn);
          break;
        case 'targets':
          r.targetGroups.set(c.targetGroup, c.arn);
          break;
        case 'attributes':
          if (c.resource === 'listener') r.listeners.set(listenerKey(c.loadBalancer ?? '', c.port ?? 0), c.arn);
          else (c.resource === 'load-balancer' ? r.loadBalancers : r.targetGroups).set(c.resourceName, c.arn);
          break;
        case 'trust-store':
          if (kept) r.trustStores.set(c.name, c.arn);
          break;
        case 'rule':
        case 'alarm':
          break;
      }
    }
    return r;
  }
}

export interface ExternalNeeds {
  loadBalancers: Set<string>;
  targetGroups: Set<string>;
  /** `LB:PORT` → where it is. */
  listeners: Map<string, { loadBalancer: string; port: number }>;
}

/** Names the plan refers to that neither its creates nor its `arn` fields resolve. */
export function externalNeeds(changes: readonly Change[], seeded: Registry): ExternalNeeds {
  const created = { lbs: new Set<string>(), tgs: new Set<string>(), listeners: new Set<string>() };
  for (const c of changes) {
    if (c.type === 'load-balancer' && (c.action === 'create' || c.action === 'replace')) created.lbs.add(c.name);
    if (c.type === 'target-group' && (c.action === 'create' || c.action === 'replace') && c.after?.name)
      created.tgs.add(c.after.name);
    if (c.type === 'listener' && c.action === 'create') created.listeners.add(listenerKey(c.loadBalancer, c.port));
  }
  const needs: ExternalNeeds = { loadBalancers: new Set(), targetGroups: new Set(), listeners: new Map() };
  const lb = (name: string) => {
    if (!created.lbs.has(name) && !seeded.loadBalancers.has(name)) needs.loadBalancers.add(name);
  };
  const tg = (name: string) => {
    if (!created.tgs.has(name) && !seeded.targetGroups.has(name)) needs.targetGroups.add(name);
  };
  for (const c of changes) {
    if (c.action === 'delete') continue;
    switch (c.type) {
      case 'listener':
        if (c.action === 'create') lb(c.loadBalancer);
        forwardedTargetGroups(c.after?.defaultAction).forEach(tg);
        break;
      case 'rule': {
        const key = listenerKey(c.loadBalancer, c.port);
        if (c.action === 'create' && !created.listeners.has(key) && !seeded.listeners.has(key)) {
          needs.listeners.set(key, { loadBalancer: c.loadBalancer, port: c.port });
        }
        forwardedTargetGroups(c.after?.action).forEach(tg);
        break;
      }
      case 'targets':
        if (!c.arn) tg(c.targetGroup);
        break;
      case 'attributes': {
        if (c.arn) break;
        if (c.resource !== 'listener') {
          (c.resource === 'load-balancer' ? lb : tg)(c.resourceName);
          break;
        }
        const key = listenerKey(c.loadBalancer ?? '', c.port ?? 0);
        if (!created.listeners.has(key) && !seeded.listeners.has(key)) {
          lb(c.loadBalancer ?? '');
          needs.listeners.set(key, { loadBalancer: c.loadBalancer ?? '', port: c.port ?? 0 });
        }
        break;
      }
      case 'alarm':
        if (c.after) {
          lb(c.after.loadBalancer);
          if (c.after.targetGroup !== undefined) tg(c.after.targetGroup);
        }
        break;
      default:
        break;
    }
  }
  return needs;
}
