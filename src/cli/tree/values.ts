/**
 * The values the shell completes for enum flags and arguments, read from the same constants the
 * rulebook (src/core/rules) checks against (never a second list). Each is imported when called, so only making a
 * completion script loads them; --help does not.
 */
type Values = () => Promise<readonly string[]>;

export const loadBalancerTypes: Values = async () =>
  (await import('../../core/rules/load-balancer')).LOAD_BALANCER_TYPES;
export const schemes: Values = async () => (await import('../../core/rules/load-balancer')).SCHEMES;
export const ipAddressTypes: Values = async () => (await import('../../core/rules/load-balancer')).IP_ADDRESS_TYPES;
export const healthCheckProtocols: Values = async () =>
  (await import('../../core/rules/health-check')).HEALTH_CHECK_PROTOCOLS;
export const targetGroupProtocols: Values = async () =>
  (await import('../../core/rules/target-group')).TARGET_GROUP_PROTOCOLS;
export const listenerProtocols: Values = async () => (await import('../../core/rules/listener')).LISTENER_PROTOCOLS;
export const alpnPolicies: Values = async () => (await import('../../core/rules/listener')).ALPN_POLICIES;
export const protocolVersions: Values = async () => (await import('../../core/rules/target-group')).PROTOCOL_VERSIONS;
export const targetGroupIpAddressTypes: Values = async () =>
  (await import('../../core/rules/target-group')).TARGET_GROUP_IP_ADDRESS_TYPES;
export const targetTypes: Values = async () => (await import('../../core/rules/target-group')).TARGET_TYPES;
export const loadBalancerCrossZoneStates: Values = async () => (await import('../../core/cross-zone')).LB_STATES;
export const targetGroupCrossZoneStates: Values = async () => (await import('../../core/cross-zone')).TG_STATES;
export const metricNames: Values = async () => {
  const { CATALOG } = await import('../../core/metrics/catalog');
  return [...new Set([...Object.keys(CATALOG.application), ...Object.keys(CATALOG.network)])];
};
export const basicStatistics: Values = async () => (await import('../../core/metrics/catalog')).BASIC_STATISTICS;
