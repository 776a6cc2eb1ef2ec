/**
 * Which kind of load balancer a Classic one becomes, and its listeners and target groups: one
 * target group per distinct instance protocol and port (not one per listener).
 */
import { quote } from '../echo';
import { problem, type Problem } from '../rules/problem';
import type { ClassicListener, ClassicProtocol } from './model';

export type MigrateTo = 'application' | 'network';
export const MIGRATE_TO: readonly MigrateTo[] = ['application', 'network'];

const LAYER7: readonly ClassicProtocol[] = ['HTTP', 'HTTPS'];
const isLayer7 = (p: ClassicProtocol) => LAYER7.includes(p);
const describeListener = (l: ClassicListener) => `${l.protocol}:${l.port}`;

export interface TypeChoice {
  type: MigrateTo;
  /** Why, in words (printed with the result). */
  reason: string;
}

/** The kind asked for (`--to`), or the one the listeners decide; a kind they cannot map to is a usage problem (exit 64). */
export function chooseType(
  listeners: readonly ClassicListener[],
  to: MigrateTo | undefined,
  clbName: string,
): { ok: true; choice: TypeChoice } | { ok: false; problem: Problem } {
  const l7 = listeners.filter((l) => isLayer7(l.protocol));
  const l4 = listeners.filter((l) => !isLayer7(l.protocol));
  if (listeners.length === 0) {
    return {
      ok: false,
      problem: problem(
        'E_PROTOCOL',
        `classic load balancer ${quote(clbName)}: has no listeners; there is nothing to migrate (add a listener or delete it)`,
      ),
    };
  }
  if (to === 'application') {
    if (l4.length > 0) {
      return {
        ok: false,
        problem: problem(
          'E_PROTOCOL',
          `--to application: listener${l4.length > 1 ? 's' : ''} ${l4.map(describeListener).join(', ')} ${l4.length > 1 ? 'are' : 'is'} TCP/SSL, which an application load balancer cannot serve; use --to network, or move ${l4.length > 1 ? 'them' : 'it'} to a network load balancer of its own`,
          ['to'],
        ),
      };
    }
    return { ok: true, choice: { type: 'application', reason: '--to application' } };
  }
  if (to === 'network') {
    return {
      ok: true,
      choice: {
        type: 'network',
        reason:
          l7.length > 0
            ? `--to network: HTTP listeners become TCP and HTTPS become TLS (${l7.map(describeListener).join(', ')}); the load balancer no longer reads HTTP`
            : '--to network',
      },
    };
  }
  if (l4.length === 0) return { ok: true, choice: { type: 'application', reason: 'every listener is HTTP or HTTPS' } };
  if (l7.length === 0) return { ok: true, choice: { type: 'network', reason: 'every listener is TCP or SSL' } };
  return {
    ok: false,
    problem: problem(
      'E_PROTOCOL',
      `classic load balancer ${quote(clbName)}: listeners ${l7.map(describeListener).join(', ')} are HTTP/HTTPS and ${l4.map(describeListener).join(', ')} TCP/SSL; an application load balancer serves only the first kind, so pass --to network (every listener becomes TCP/TLS; HTTP features such as cookie stickiness go) or split the traffic over two load balancers`,
      ['to'],
    ),
  };
}

/** The ELBv2 listener protocol for a Classic one. */
export function listenerProtocol(type: MigrateTo, p: ClassicProtocol): 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' {
  if (type === 'application') return p === 'HTTPS' ? 'HTTPS' : 'HTTP';
  return p === 'HTTPS' || p === 'SSL' ? 'TLS' : 'TCP';
}

/** The ELBv2 target group protocol for a Classic instance protocol. */
function targetProtocol(type: MigrateTo, p: ClassicProtocol): 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' {
  if (type === 'application') return p === 'HTTPS' || p === 'SSL' ? 'HTTPS' : 'HTTP';
  return p === 'HTTPS' || p === 'SSL' ? 'TLS' : 'TCP';
}

export interface TargetGroupSlot {
  name: string;
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS';
  port: number;
  /** The Classic listeners (their ports) that forward to it. */
  listenerPorts: number[];
}

const MAX_NAME = 32;

/** `web-http-8080`: the base shortened so the whole fits 32 characters, never ending in a hyphen. */
export function targetGroupName(base: string, protocol: string, port: number): string {
  const suffix = `-${protocol.toLowerCase()}-${port}`;
  const head = base.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '');
  return `${head}${suffix}`;
}

/** One target group per distinct instance protocol and port, in listener order. */
export function targetGroupSlots(
  type: MigrateTo,
  listeners: readonly ClassicListener[],
  base: string,
): TargetGroupSlot[] {
  const slots: TargetGroupSlot[] = [];
  for (const l of listeners) {
    const protocol = targetProtocol(type, l.instanceProtocol);
    let slot = slots.find((s) => s.protocol === protocol && s.port === l.instancePort);
    if (!slot) {
      slot = {
        name: targetGroupName(base, protocol, l.instancePort),
        protocol,
        port: l.instancePort,
        listenerPorts: [],
      };
      slots.push(slot);
    }
    slot.listenerPorts.push(l.port);
  }
  return slots;
}

/** The slot a Classic listener forwards to. */
export function slotOf(type: MigrateTo, slots: readonly TargetGroupSlot[], l: ClassicListener): TargetGroupSlot {
  const protocol = targetProtocol(type, l.instanceProtocol);
  const slot = slots.find((s) => s.protocol === protocol && s.port === l.instancePort);
  if (!slot) throw new Error(`no target group for ${l.instanceProtocol}:${l.instancePort}`);
  return slot;
}
