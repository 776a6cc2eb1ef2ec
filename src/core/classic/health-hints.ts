/** Plain-language hints for a Classic instance's health, in the words `targets health` uses. */
import type { ClassicInstanceHealth } from './model';

/** A hint from the state and the Classic reason (`ELB`: the load balancer's side; `Instance`: the instance's). */
export function classicHealthHint(h: ClassicInstanceHealth): string {
  const d = (h.description ?? '').toLowerCase();
  if (h.state === 'InService') return 'receiving traffic';
  if (d.includes('registration is still in progress') || h.state === 'Unknown')
    return 'the instance is being registered; wait a few seconds and check again';
  if (d.includes('stopped') || d.includes('terminated') || d.includes('not in a valid state'))
    return 'the instance is stopped or terminated; start it, or deregister it';
  if (d.includes('availability zone') || d.includes('not enabled'))
    return 'the instance is in a zone the load balancer does not use; enable the zone, or move the instance';
  if (h.reasonCode === 'Instance')
    return 'failing health checks: check that the instance security group allows the load balancer on the health-check port and that the app answers there';
  return 'out of service; `elbctl doctor` on this load balancer checks security groups, zones and the health check';
}
