/**
 * Load balancer Capacity Unit (LCU) reservations (ModifyCapacityReservation): a minimum capacity
 * kept warm ahead of a known spike. What AWS documents (the "LCU reservations" pages of the
 * application, network and gateway guides, read 2026-12): all three types take one; a network
 * load balancer with a TLS listener does not; a change waits until the previous one is
 * provisioned or failed; capacity may be lowered (or the reservation reset) twice a day; reserved
 * capacity is billed hourly until it is reset.
 */
import { quote } from '../echo';
import type { LoadBalancerType } from '../model';
import { type Problem, problem } from './problem';
import { rangeProblem } from './values';

/** CapacityUnits is an API Integer; AWS judges the account's own ceiling (CapacityUnitsLimitExceeded). */
const MAX_CAPACITY_UNITS = 2_147_483_647;

type ZoneReservationState = 'provisioned' | 'pending' | 'rebalancing' | 'failed';

interface ZoneCapacity {
  zone: string;
  state: ZoneReservationState | string;
  reason?: string | undefined;
  /** What the zone holds now (AWS reports a fraction while it scales). */
  effectiveCapacityUnits?: number | undefined;
}

export interface CapacityReservation {
  /** The requested minimum; undefined when nothing is reserved. */
  reservedCapacityUnits?: number | undefined;
  /** How many more times today the reservation may be lowered or reset. */
  decreaseRequestsRemaining?: number | undefined;
  lastModified?: string | undefined;
  zones: ZoneCapacity[];
}

/** `--reserve N`: a whole number of capacity units, at least 1. */
export function parseCapacityUnits(raw: string): { ok: true; value: number } | { ok: false; problem: Problem } {
  const p = rangeProblem('--reserve', raw, 1, MAX_CAPACITY_UNITS);
  return p ? { ok: false, problem: p } : { ok: true, value: Number(raw.trim()) };
}

/**
 * Why this load balancer cannot take a reservation, or undefined when it can. `tlsListenerPorts`:
 * the ports of its TLS listeners (network load balancers only matter).
 */
export function capacityReservationProblem(
  lbName: string,
  type: LoadBalancerType,
  tlsListenerPorts: readonly number[],
): Problem | undefined {
  if (type !== 'network' || tlsListenerPorts.length === 0) return undefined;
  const ports = tlsListenerPorts.map((p) => `${lbName}:${p}`).join(', ');
  return problem(
    'E_CAPACITY',
    `load balancer ${quote(lbName)}: AWS does not take an LCU reservation on a network load balancer with TLS listeners (${ports})`,
  );
}

/** Zones whose reservation is still being provisioned: AWS refuses another change until they settle. */
export function pendingZones(r: CapacityReservation): string[] {
  return r.zones.filter((z) => z.state === 'pending').map((z) => z.zone);
}

/** True when going from `r` to `wanted` (undefined: reset) lowers the reservation, which AWS allows twice a day. */
export function isDecrease(r: CapacityReservation, wanted: number | undefined): boolean {
  const current = r.reservedCapacityUnits;
  if (current === undefined) return false;
  return wanted === undefined || wanted < current;
}

/** Said before every write that keeps or raises a reservation. */
export const RESERVATION_BILLING_NOTE =
  'reserved capacity is billed by the hour until the reservation is reset (`elbctl lb capacity LB --reset`), whether or not traffic uses it';
