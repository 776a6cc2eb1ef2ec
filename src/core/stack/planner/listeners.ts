/** Planning listeners: create, adopt, update or delete, then their rules; never delete rules the stack does not own. */
import { listenerModification } from '../../modify/listener';
import { isSecureProtocol, listenerRef, RECOMMENDED_SSL_POLICY } from '../../rules/listener';
import {
  STACK_TAG,
  type DesiredListener,
  type DesiredLoadBalancer,
  type ObservedListener,
  type ObservedRule,
} from '../model';
import type { AttributesChange, ListenerChange, ListenerSpec, LoadBalancerChange, PlanAction } from '../plan';
import { listenerAttributeDefault } from '../../rules/attributes';
import {
  actionArns,
  attributeDifferences,
  declaredLeadingChange,
  keepExternalWeights,
  pick,
  sameAction,
} from './compare';
import { blockIfShifting } from './shifts';
import { planRules } from './rules';
import type { PlannerState } from './state';
import { mutualTlsChange, planMutualTls, trustStoreDependencies } from './trust-stores';

export function planListener(
  p: PlannerState,
  lb: DesiredLoadBalancer,
  l: DesiredListener,
  o: ObservedListener | undefined,
  lbChange: LoadBalancerChange | undefined,
): void {
  const ref = listenerRef(lb.name, l.port);
  const id = `listener:${ref}`;
  const defaultAction = p.physical(l.defaultAction);
  // A TLS policy the file leaves out: the secure default for a new HTTPS/TLS listener (and for one
  // that becomes HTTPS/TLS); an existing secure listener keeps its own.
  const secure = isSecureProtocol(l.protocol);
  const becomesSecure = o === undefined || !isSecureProtocol(o.protocol);
  const sslPolicy = l.sslPolicy ?? (secure && becomesSecure ? RECOMMENDED_SSL_POLICY : undefined);
  const spec: ListenerSpec = {
    protocol: l.protocol,
    certificates: l.certificates,
    ...(sslPolicy !== undefined ? { sslPolicy } : {}),
    ...(l.alpnPolicy !== undefined ? { alpnPolicy: l.alpnPolicy } : {}),
    ...(l.authenticate !== undefined ? { authenticate: l.authenticate } : {}),
    // `off` is what a new listener has: nothing to send (and HTTP or NLB listeners take no MutualAuthentication).
    ...(l.mutualTls !== undefined && l.mutualTls.mode !== 'off' ? { mutualTls: planMutualTls(p, l.mutualTls) } : {}),
    defaultAction,
    tags: { [STACK_TAG]: p.stack, ...(l.tags ?? {}) },
  };
  const dependsOn = [
    ...(lbChange ? [lbChange.id] : []),
    ...p.targetGroupDependencies(l.defaultAction),
    ...trustStoreDependencies(l.mutualTls),
  ];
  const base = { type: 'listener' as const, name: ref, loadBalancer: lb.name, port: l.port };
  let change: ListenerChange | undefined;
  if (!o) {
    change = p.add<ListenerChange>({ ...base, id, action: 'create', before: null, after: spec, dependsOn });
  } else if (p.foreign(o.tags)) {
    const owner = o.tags[STACK_TAG] ?? '';
    p.unmanaged.push({
      type: 'listener',
      name: ref,
      arn: o.arn,
      reason: 'owned-by-another-stack',
      message: `listener ${ref}: belongs to stack "${owner}" (tag ${STACK_TAG}=${owner}); use another port in this stack file, or remove it from stack "${owner}" first`,
      blocks: [id],
    });
    pinListener(p, lb.name, o);
    return;
  } else {
    const live = p.fromObserved(o.defaultActions);
    const { before, after } = listenerModification<PlanAction>(
      {
        protocol: o.protocol,
        port: o.port,
        ...(o.sslPolicy !== undefined ? { sslPolicy: o.sslPolicy } : {}),
        certificates: o.certificates,
        defaultAction: live,
        ...(o.alpnPolicy !== undefined ? { alpnPolicy: o.alpnPolicy } : {}),
      },
      {
        protocol: l.protocol,
        certificates: l.certificates,
        ...(sslPolicy !== undefined ? { sslPolicy } : {}),
        ...(l.alpnPolicy !== undefined ? { alpnPolicy: l.alpnPolicy } : {}),
        defaultAction,
      },
      sameAction,
    );
    // A forward whose weights are set elsewhere (weights: external) keeps the live ones when it must change.
    if (after.defaultAction !== undefined) after.defaultAction = keepExternalWeights(defaultAction, live);
    const leading = declaredLeadingChange(o.defaultActions, l.authenticate, p.options.rotateSecrets === true);
    Object.assign(before, leading.before);
    Object.assign(after, leading.after);
    const mtls = mutualTlsChange(p, l.mutualTls, o.mutualTls);
    if (mtls) {
      before.mutualTls = mtls.before;
      after.mutualTls = mtls.after;
    }
    const tags = p.tagChange(o.tags, { [STACK_TAG]: p.stack }, l.tags);
    if (tags) {
      before.tags = tags.before;
      after.tags = tags.after;
    }
    const adopt = !p.owned(o.tags);
    if (adopt || Object.keys(after).length > 0) {
      const keeps =
        after.defaultAction && leading.after.authenticate === undefined
          ? p.leadingActions(o.defaultActions)
          : undefined;
      change = p.add<ListenerChange>({
        ...base,
        id,
        action: adopt ? 'adopt' : 'update',
        before: before as Partial<ListenerSpec>,
        after: after as Partial<ListenerSpec>,
        arn: o.arn,
        ...(keeps ? { keepsActions: keeps } : {}),
        dependsOn,
      });
      if (after.defaultAction) {
        p.release(p.releasedBy(o.defaultActions, defaultAction), id);
        blockIfShifting(p, 'listener', ref, o.arn, o.tags, id, ref);
      }
    }
  }
  planListenerAttributes(p, lb, l, o, change);
  planRules(p, lb, l, o, change);
}

/** The attributes the file declares for a listener: set after it is created, or where they differ (ModifyListenerAttributes). */
function planListenerAttributes(
  p: PlannerState,
  lb: DesiredLoadBalancer,
  l: DesiredListener,
  o: ObservedListener | undefined,
  change: ListenerChange | undefined,
): void {
  const ref = `${lb.name}:${l.port}`;
  const declared = l.attributes ?? {};
  const { changed, before } = attributeDifferences(
    declared,
    o ? (o.attributes ?? {}) : undefined,
    listenerAttributeDefault,
  );
  if (changed.length === 0) return;
  p.add<AttributesChange>({
    id: `attributes:listener:${ref}`,
    action: o ? 'update' : 'create',
    type: 'attributes',
    name: ref,
    before: o ? before : null,
    after: pick(declared, changed),
    ...(o ? { arn: o.arn } : {}),
    resource: 'listener',
    resourceName: ref,
    loadBalancer: lb.name,
    port: l.port,
    dependsOn: change ? [change.id] : [],
  });
}

export function deleteListener(p: PlannerState, lbName: string, o: ObservedListener): void {
  const ref = listenerRef(lbName, o.port);
  const id = p.uniqueId(`listener:${ref}`);
  p.add<ListenerChange>({
    id,
    action: 'delete',
    type: 'listener',
    name: ref,
    loadBalancer: lbName,
    port: o.port,
    before: {
      protocol: o.protocol,
      certificates: o.certificates,
      sslPolicy: o.sslPolicy,
      defaultAction: p.fromObserved(o.defaultActions),
    },
    after: null,
    arn: o.arn,
    dependsOn: [],
  });
  p.release(actionArns(o.defaultActions), id);
  for (const r of o.rules) p.release(actionArns(r.actions), id);
  blockIfForeignRules(p, lbName, [o], id, 'listener');
  blockIfShifting(p, 'listener', ref, o.arn, o.tags, id, ref);
}

/**
 * Deleting a listener (or its load balancer) deletes every rule on it. Rules the stack does
 * not own must survive, so such a delete is blocked, naming them, instead of taking them along.
 */
export function blockIfForeignRules(
  p: PlannerState,
  lbName: string,
  listeners: readonly ObservedListener[],
  changeId: string,
  what: 'listener' | 'load balancer',
): void {
  for (const l of listeners) {
    const foreign = l.rules.filter((r) => !p.owned(r.tags));
    if (foreign.length === 0) continue;
    const priorities = foreign.map((r) => r.priority).sort((a, b) => a - b);
    const ref = listenerRef(lbName, l.port);
    p.unmanaged.push({
      type: 'rule',
      name: `${ref}:${priorities[0]}`,
      arn: (foreign[0] as ObservedRule).arn,
      reason: 'in-use',
      message: `listener ${ref}: holds ${foreign.length === 1 ? 'a rule' : `${foreign.length} rules`} not managed by stack "${p.stack}" (priority ${priorities.join(', ')}); deleting the ${what} would delete ${foreign.length === 1 ? 'it' : 'them'} too; delete or move ${foreign.length === 1 ? 'that rule' : 'those rules'} first`,
      blocks: [changeId],
    });
  }
}

export function pinListener(p: PlannerState, lbName: string, l: ObservedListener): void {
  p.pin(l.defaultActions, `listener ${listenerRef(lbName, l.port)}`);
  for (const r of l.rules) p.pin(r.actions, `rule ${lbName}:${l.port}:${r.priority}`);
}
