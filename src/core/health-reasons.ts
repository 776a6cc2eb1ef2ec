/**
 * Plain-language hints for every target health reason code, shown by `targets health` and `doctor`.
 */

export const HEALTH_REASON_HINTS: Readonly<Record<string, string>> = {
  'Elb.RegistrationInProgress': 'the target is being registered; wait a few seconds and check again',
  'Elb.InitialHealthChecking':
    'the first health checks are running; the target turns healthy after the healthy-threshold number of passes',
  'Target.ResponseCodeMismatch':
    'the health check got an HTTP code outside the matcher; fix the health check path or widen the matcher (e.g. 200-399)',
  'Target.Timeout':
    'the health check timed out; check that the target security group allows the load balancer on the health-check port and that the app is listening',
  'Target.FailedHealthChecks':
    'the target failed health checks (connection refused or reset); check that the app is running and listening on the health-check port',
  'Target.NotRegistered':
    'the target is not registered in this target group; register it with `elbctl targets register`',
  'Target.NotInUse':
    'no listener or rule forwards to this target group, or the target is in a zone the load balancer does not use; add a listener or rule, or enable the zone',
  'Target.DeregistrationInProgress':
    'the target is draining: existing connections finish until the deregistration delay ends',
  'Target.InvalidState': 'the instance is stopped or terminated; start it, or deregister it',
  'Target.IpUnusable':
    'the IP address is in use by the load balancer itself or is not usable; register another address',
  'Target.HealthCheckDisabled': 'health checks are off for this target group, so no health is reported',
  'Elb.InternalError': 'an internal load balancer error; retry later, and contact AWS support if it persists',
};

const STATE_HINTS: Readonly<Record<string, string>> = {
  healthy: 'receiving traffic',
  initial: 'health checks are starting',
  unhealthy: 'failing health checks',
  unused: 'not receiving traffic',
  draining: 'deregistering; connections are draining',
  unavailable: 'health checks are disabled',
  'unhealthy.draining': 'unhealthy and draining',
};

/** The hint for a reason code, else for the state; `undefined` for an unknown pair. */
export function healthHint(state: string, reason?: string): string | undefined {
  if (reason && HEALTH_REASON_HINTS[reason]) return HEALTH_REASON_HINTS[reason];
  return STATE_HINTS[state];
}
