/**
 * Changing resources in place: one function per resource sends a change computed in
 * src/core/modify. The modify commands and the stack engine's apply steps both call these, so the
 * two faces send the same calls in the same order for the same change.
 *
 * Tags go first: an adopted resource is marked as the stack's before anything else changes, so
 * a failure further on leaves it owned and the next apply resumes.
 */
import { splitActions, withRoutingAction } from '../core/actions';
import { ElbctlError } from '../core/errors';
import type { Action } from '../core/model';
import { type LoadBalancerSettings, loadBalancerCallOrder } from '../core/modify/load-balancer';
import { type ListenerModification, listenerCalls } from '../core/modify/listener';
import type { RuleModification } from '../core/modify/rule';
import { type TagChange, tagCalls } from '../core/modify/tags';
import type { TargetGroupModification } from '../core/modify/target-group';
import type { Elbv2Gateway } from './elbv2/gateway';

export async function applyTagChange(elbv2: Elbv2Gateway, arn: string, change: Partial<TagChange> | undefined) {
  const { add, remove } = tagCalls(change);
  if (add.length > 0) await elbv2.addTags([arn], add);
  if (remove.length > 0) await elbv2.removeTags([arn], remove);
}

const tagsOf = (before: { tags?: Record<string, string> | undefined }, after: typeof before) =>
  before.tags === undefined && after.tags === undefined
    ? undefined
    : { before: before.tags ?? {}, after: after.tags ?? {} };

/** SetSubnets (or its subnet mappings), SetIpAddressType and SetSecurityGroups, for the fields that change. */
export async function applyLoadBalancerModification(
  elbv2: Elbv2Gateway,
  arn: string,
  change: { before: Partial<LoadBalancerSettings>; after: Partial<LoadBalancerSettings> },
): Promise<void> {
  const { after } = change;
  await applyTagChange(elbv2, arn, tagsOf(change.before, after));
  for (const step of loadBalancerCallOrder(after)) {
    if (step === 'subnets' && after.subnets) await elbv2.setSubnets(arn, after.subnets, after.subnetMappings);
    if (step === 'ipAddressType' && after.ipAddressType) await elbv2.setIpAddressType(arn, after.ipAddressType);
  }
  if (after.securityGroups) await elbv2.setSecurityGroups(arn, after.securityGroups);
}

export async function applyTargetGroupModification(
  elbv2: Elbv2Gateway,
  arn: string,
  change: TargetGroupModification,
): Promise<void> {
  await applyTagChange(elbv2, arn, change.tags);
  const hc = change.healthCheck?.after;
  if (hc && Object.keys(hc).length > 0) await elbv2.modifyTargetGroupHealthCheck(arn, hc);
}

/**
 * The live actions a routing action replaces the last of: given by a caller that has just read
 * them, or read now (`undefined`), because actions that run first (authentication) must be sent
 * again with the new routing action or AWS drops them.
 */
export interface ActionContext {
  current?: readonly Action[] | undefined;
  /** Send the routing action alone: what ran before it is removed. */
  replaceAll?: boolean | undefined;
  /**
   * The actions to run before the routing one, exactly these (a stack declares them): sent with
   * the new routing action, or with the live one when only they change.
   */
  leading?: readonly Action[] | undefined;
}

/** The actions to send: the declared leading ones before the routing action, or the live ones kept. */
function actionsToSend(
  current: readonly Action[],
  routing: Action | undefined,
  context: ActionContext,
): Action[] | undefined {
  if (context.leading) {
    const last = routing ?? splitActions(current).routing ?? current[current.length - 1];
    return last ? [...context.leading, last] : undefined;
  }
  return routing ? withRoutingAction(current, routing, context.replaceAll).actions : undefined;
}

export async function applyListenerModification(
  elbv2: Elbv2Gateway,
  arn: string,
  change: ListenerModification<Action>,
  context: ActionContext = {},
): Promise<void> {
  await applyTagChange(elbv2, arn, tagsOf(change.before, change.after));
  const calls = listenerCalls(change);
  // Declared leading actions alone still make a ModifyListener (with the live routing action).
  const m = calls.modify ?? (context.leading ? {} : undefined);
  if (m) {
    let defaultActions: Action[] | undefined;
    if (m.defaultAction || context.leading) {
      const needsLive = !(context.leading && m.defaultAction) && context.current === undefined;
      const current = needsLive ? (await elbv2.getListener(arn)).defaultActions : (context.current ?? []);
      defaultActions = actionsToSend(current, m.defaultAction, context);
    }
    await elbv2.modifyListener({
      listenerArn: arn,
      protocol: m.protocol,
      port: m.port,
      sslPolicy: m.sslPolicy,
      defaultCertificate: m.defaultCertificate,
      defaultActions,
      mutualTls: m.mutualTls,
      alpnPolicy: m.alpnPolicy,
    });
  }
  if (calls.addCertificates.length > 0) await elbv2.addListenerCertificates(arn, calls.addCertificates);
  if (calls.removeCertificates.length > 0) await elbv2.removeListenerCertificates(arn, calls.removeCertificates);
  if (m?.defaultCertificate && calls.keepCertificates.length > 0)
    await keepOtherCertificates(elbv2, arn, calls.keepCertificates);
}

/**
 * After a new default certificate, every other certificate the listener keeps must still be
 * attached. AWS keeps them; the local emulator replaces the whole list with the new default.
 * Reading them back and adding any that went missing holds on both (on AWS it adds nothing).
 */
async function keepOtherCertificates(elbv2: Elbv2Gateway, arn: string, keep: readonly string[]): Promise<void> {
  const attached = new Set((await elbv2.listListenerCertificates(arn)).map((c) => c.arn));
  const missing = keep.filter((c) => !attached.has(c));
  if (missing.length > 0) await elbv2.addListenerCertificates(arn, missing);
}

export async function applyRuleModification(
  elbv2: Elbv2Gateway,
  arn: string,
  change: RuleModification<Action>,
  context: ActionContext = {},
): Promise<void> {
  await applyTagChange(elbv2, arn, tagsOf(change.before, change.after));
  const { conditions, action, transforms } = change.after;
  if (!conditions && !action && !transforms && !context.leading) return;
  let actions: Action[] | undefined;
  if (action || context.leading) {
    const needsLive = !(context.leading && action) && context.current === undefined;
    const current = needsLive ? (await elbv2.getRule(arn)).actions : (context.current ?? []);
    actions = actionsToSend(current, action, context);
  }
  await elbv2.modifyRule(arn, { conditions, actions, transforms });
}

export interface Rotation {
  from: string;
  to: string;
  /** `from` is the listener's default certificate (then `to` becomes the default). */
  fromIsDefault: boolean;
  /** Every other certificate the listener serves: they stay as they are. */
  others: readonly string[];
  /** `to` is already in the listener's certificate list (it is not added twice). */
  toAttached?: boolean | undefined;
}

/**
 * Rotates one certificate of a listener, never leaving it without the new one: `to` is attached
 * first (through ModifyListener as the default when `from` was the default, else added to the
 * list), then the listener is read back: it must present `to` (as its default certificate when
 * that was asked, in DescribeListenerCertificates either way) and still serve every other
 * certificate (re-added if an endpoint dropped them). Only then is `from` removed. If the read
 * back does not show `to`, nothing is removed and the rotation stops with an error.
 */
export async function rotateListenerCertificate(elbv2: Elbv2Gateway, arn: string, r: Rotation): Promise<void> {
  if (r.fromIsDefault) await elbv2.modifyListener({ listenerArn: arn, defaultCertificate: r.to });
  else if (!r.toAttached) await elbv2.addListenerCertificates(arn, [r.to]);

  const [listener, attached] = await Promise.all([elbv2.getListener(arn), elbv2.listListenerCertificates(arn)]);
  const presented = attached.some((c) => c.arn === r.to) && (!r.fromIsDefault || listener.certificates[0] === r.to);
  if (!presented) {
    throw new ElbctlError(
      'aws',
      'E_ROTATE_UNVERIFIED',
      `rotate certificate of listener ${arn}: after the change the listener does not present ${r.to}${r.fromIsDefault ? ' as its default certificate' : ''}; ${r.from} was kept attached`,
      { hint: 'read the listener with `elbctl listener certs` and run the rotation again' },
    );
  }
  const missing = r.others.filter((c) => !attached.some((a) => a.arn === c));
  if (missing.length > 0) await elbv2.addListenerCertificates(arn, missing);
  // The old default left with ModifyListener; it stays listed only where it was also added to the list.
  if (attached.some((c) => c.arn === r.from && !c.isDefault)) await elbv2.removeListenerCertificates(arn, [r.from]);
}
