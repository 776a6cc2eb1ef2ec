/**
 * The values the shell completes for enum flags and arguments, read from the same constants the
 * validators check against (never a second list). Loaded only when a completion script is made.
 */
const core = {
  model: () => require('../../core/model') as typeof import('../../core/model'),
  validate: () => require('../../core/validate') as typeof import('../../core/validate'),
  listeners: () => require('../../core/listeners') as typeof import('../../core/listeners'),
  crossZone: () => require('../../core/cross-zone') as typeof import('../../core/cross-zone'),
  schema: () => require('../../core/stack/schema') as typeof import('../../core/stack/schema'),
  metrics: () => require('../../core/metrics/catalog') as typeof import('../../core/metrics/catalog'),
};

export const loadBalancerTypes = () => core.schema().LOAD_BALANCER_TYPES;
export const schemes = () => core.schema().SCHEMES;
export const ipAddressTypes = () => core.schema().IP_ADDRESS_TYPES;
export const healthCheckProtocols = () => core.schema().HEALTH_CHECK_PROTOCOLS;
export const targetGroupProtocols = () => core.model().TARGET_GROUP_PROTOCOLS;
export const listenerProtocols = () => core.listeners().LISTENER_PROTOCOLS;
export const targetTypes = () => core.validate().TARGET_TYPES;
export const loadBalancerCrossZoneStates = () => core.crossZone().LB_STATES;
export const targetGroupCrossZoneStates = () => core.crossZone().TG_STATES;
export const metricNames = () => [
  ...new Set([...Object.keys(core.metrics().CATALOG.application), ...Object.keys(core.metrics().CATALOG.network)]),
];
export const basicStatistics = () => core.metrics().BASIC_STATISTICS;
