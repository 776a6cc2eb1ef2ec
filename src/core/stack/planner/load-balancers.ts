/** Planning load balancers: create, adopt, update, replace or delete; their attributes, then their listeners. */
import { CROSS_ZONE_ATTRIBUTE, crossZoneChargeWarning } from '../../cross-zone';
import { DELETION_PROTECTION_ATTRIBUTE } from '../defaults';
import type { SubnetAddresses } from '../../model';
import { STACK_TAG, type DesiredLoadBalancer, type ObservedLoadBalancer } from '../model';
import type { AttributesChange, LoadBalancerChange, LoadBalancerSpec } from '../plan';
import { loadBalancerModification } from '../../modify/load-balancer';
import { loadBalancerAttributeDefault } from '../../rules/attributes';
import { attributeDifferences, loadBalancerArns, pick } from './compare';
import { blockIfForeignRules, deleteListener, pinListener, planListener } from './listeners';
import { deleteAlarmsOf, planAlarms } from './alarms';
import type { PlannerState } from './state';

export function planLoadBalancer(p: PlannerState, lb: DesiredLoadBalancer): void {
  const id = `load-balancer:${lb.name}`;
  const spec: LoadBalancerSpec = {
    name: lb.name,
    type: lb.type,
    scheme: lb.scheme,
    subnets: lb.subnets,
    ...(lb.subnetMappings !== undefined ? { subnetMappings: lb.subnetMappings } : {}),
    ...(lb.securityGroups !== undefined ? { securityGroups: lb.securityGroups } : {}),
    ipAddressType: lb.ipAddressType,
    tags: { [STACK_TAG]: p.stack, ...(lb.tags ?? {}) },
  };
  const o = p.observed.loadBalancers.find((x) => x.name === lb.name);
  let change: LoadBalancerChange | undefined;
  let fresh = false;
  if (!o) {
    change = p.add<LoadBalancerChange>({
      id,
      action: 'create',
      type: 'load-balancer',
      name: lb.name,
      before: null,
      after: spec,
      dependsOn: [],
    });
    fresh = true;
  } else {
    // A gateway load balancer has no scheme to choose (AWS takes none): only its type is compared.
    const readdressed = readdressedSubnets(lb, o);
    const forced = o.type !== lb.type || (lb.type !== 'gateway' && o.scheme !== lb.scheme) || readdressed.length > 0;
    if (p.foreign(o.tags) || (!p.owned(o.tags) && forced)) {
      const owner = o.tags[STACK_TAG] ?? '';
      p.unmanaged.push({
        type: 'load-balancer',
        name: o.name,
        arn: o.arn,
        reason: p.foreign(o.tags) ? 'owned-by-another-stack' : 'incompatible',
        message: p.foreign(o.tags)
          ? `load balancer "${o.name}": belongs to stack "${owner}" (tag ${STACK_TAG}=${owner}); rename it in this stack file, or remove it from stack "${owner}" first`
          : `load balancer "${o.name}": exists, not managed by elbctl, as ${o.scheme} ${o.type}, but the stack declares ${lb.scheme} ${lb.type}; elbctl replaces only what it owns, so rename it in the stack file or delete the existing one`,
        blocks: [id],
      });
      pinLoadBalancer(p, o);
      return;
    }
    if (forced) {
      fresh = true;
      change = p.add<LoadBalancerChange>({
        id,
        action: 'replace',
        type: 'load-balancer',
        name: lb.name,
        before: {
          type: o.type,
          scheme: o.scheme,
          ...(readdressed.length > 0 ? { subnetMappings: o.subnetMappings ?? [] } : {}),
        },
        after: spec,
        arn: o.arn,
        dependsOn: [],
      });
      p.release(loadBalancerArns(o), id);
      p.warnings.push(
        readdressed.length > 0 && o.type === lb.type && o.scheme === lb.scheme
          ? `load balancer "${lb.name}": the fixed addresses of subnet${readdressed.length > 1 ? 's' : ''} ${readdressed.join(', ')} cannot change in place (AWS keeps a subnet's Elastic IP and private address until the subnet is removed), so it is deleted and created again: it is offline in between and its DNS name changes`
          : `load balancer "${lb.name}": its type or scheme cannot change in place, so it is deleted and created again: it is offline in between and its DNS name changes`,
      );
    } else {
      const { before, after } = loadBalancerModification(o, {
        subnets: lb.subnets,
        // Subnets added with their addresses; the kept ones are sent again with theirs (SetSubnets takes every subnet).
        ...(lb.subnetMappings !== undefined ? { subnetMappings: withLiveAddresses(lb.subnetMappings, o) } : {}),
        ...(lb.securityGroups !== undefined ? { securityGroups: lb.securityGroups } : {}),
        ipAddressType: lb.ipAddressType,
      });
      const tags = p.tagChange(o.tags, { [STACK_TAG]: p.stack }, lb.tags);
      if (tags) {
        before.tags = tags.before;
        after.tags = tags.after;
      }
      if (!p.owned(o.tags) || Object.keys(after).length > 0) {
        change = p.add<LoadBalancerChange>({
          id,
          action: p.owned(o.tags) ? 'update' : 'adopt',
          type: 'load-balancer',
          name: lb.name,
          before: before as Partial<LoadBalancerSpec>,
          after: after as Partial<LoadBalancerSpec>,
          arn: o.arn,
          dependsOn: [],
        });
      }
    }
  }

  const live = fresh || !o ? undefined : o.attributes;
  const { changed, before } = attributeDifferences(lb.attributes, live, (k) =>
    o ? loadBalancerAttributeDefault(k, o) : undefined,
  );
  if (changed.length > 0) {
    p.add<AttributesChange>({
      id: `attributes:load-balancer:${lb.name}`,
      action: fresh ? 'create' : 'update',
      type: 'attributes',
      name: lb.name,
      before: fresh ? null : before,
      after: pick(lb.attributes, changed),
      ...(o && !fresh ? { arn: o.arn } : {}),
      resource: 'load-balancer',
      resourceName: lb.name,
      dependsOn: change ? [change.id] : [],
    });
    const warning = crossZoneChargeWarning(lb.type);
    if (warning && lb.attributes[CROSS_ZONE_ATTRIBUTE] === 'true' && live?.[CROSS_ZONE_ATTRIBUTE] !== 'true') {
      p.warnings.push(`load balancer "${lb.name}": cross-zone load balancing turns on; ${warning}`);
    }
  }

  const liveListeners = fresh || !o ? [] : o.listeners;
  for (const l of lb.listeners) {
    planListener(
      p,
      lb,
      l,
      liveListeners.find((x) => x.port === l.port),
      change,
    );
  }
  const ports = new Set(lb.listeners.map((l) => l.port));
  for (const ol of liveListeners) {
    if (ports.has(ol.port)) continue;
    if (p.owned(ol.tags)) deleteListener(p, lb.name, ol);
    else pinListener(p, lb.name, ol);
  }
  planAlarms(p, lb, o, change);
}

export function deleteLoadBalancer(p: PlannerState, o: ObservedLoadBalancer): void {
  const id = `load-balancer:${o.name}`;
  const protectedLb = o.attributes[DELETION_PROTECTION_ATTRIBUTE] === 'true';
  p.add<LoadBalancerChange>({
    id,
    action: 'delete',
    type: 'load-balancer',
    name: o.name,
    before: {
      name: o.name,
      type: o.type,
      scheme: o.scheme,
      subnets: o.subnets,
      securityGroups: o.securityGroups,
      ipAddressType: o.ipAddressType,
    },
    after: null,
    arn: o.arn,
    deletionProtection: protectedLb,
    dependsOn: [],
  });
  p.release(loadBalancerArns(o), id);
  blockIfForeignRules(p, o.name, o.listeners, id, 'load balancer');
  deleteAlarmsOf(p, o, id);
  if (protectedLb) {
    p.warnings.push(
      `load balancer "${o.name}": deletion protection is on; deleting it means turning protection off first`,
    );
  }
}

function pinLoadBalancer(p: PlannerState, o: ObservedLoadBalancer): void {
  for (const l of o.listeners) pinListener(p, o.name, l);
}

type Addresses = Omit<SubnetAddresses, 'subnetId'>;
const ADDRESS_FIELDS = ['allocationId', 'privateIPv4Address', 'ipv6Address'] as const satisfies ReadonlyArray<
  keyof Addresses
>;

/**
 * The subnets the load balancer keeps whose declared addresses differ from the live ones. AWS
 * gives a subnet its Elastic IP or private address when the subnet is added and keeps it until
 * the subnet is removed, so these cannot change in place. An address the file leaves out is not
 * compared (AWS chose it).
 */
function readdressedSubnets(lb: DesiredLoadBalancer, o: ObservedLoadBalancer): string[] {
  if (lb.subnetMappings === undefined) return [];
  const live = new Map((o.subnetMappings ?? []).map((m) => [m.subnetId, m]));
  return lb.subnetMappings
    .filter((m) => o.subnets.includes(m.subnetId))
    .filter((m) => ADDRESS_FIELDS.some((f) => m[f] !== undefined && m[f] !== live.get(m.subnetId)?.[f]))
    .map((m) => m.subnetId);
}

/** The declared mappings, a kept subnet's undeclared addresses filled from the live ones. */
function withLiveAddresses(mappings: readonly SubnetAddresses[], o: ObservedLoadBalancer): SubnetAddresses[] {
  const live = new Map((o.subnetMappings ?? []).map((m) => [m.subnetId, m]));
  return mappings.map((m) => ({ ...live.get(m.subnetId), ...m }));
}
