/**
 * Load balancer, target group and listener attributes: the checks every face shares (`lb|tg|listener
 * attributes --set`, the stack validator, export), read from the one table in attribute-table.ts.
 * The emulator accepts any key and value, and AWS rejects a whole batch for one bad pair, so
 * elbctl checks every KEY=VALUE itself, reports all problems at once, and names the nearest known
 * key for one it does not know.
 */
import { albCrossZoneRefusal, CROSS_ZONE_ATTRIBUTE, lambdaCrossZoneRefusal } from '../cross-zone';
import { quote } from '../echo';
import type { LoadBalancerType } from '../model';
import {
  type AttributeValue,
  LISTENER_ATTRIBUTES,
  LOAD_BALANCER_ATTRIBUTES,
  type LoadBalancerTraits,
  TARGET_GROUP_ATTRIBUTES,
  type TargetGroupTraits,
} from './attribute-table';
import { type Problem, problem } from './problem';
import { didYouMean } from '../stack/suggest';
import { orList, parseInteger, parseKeyValue } from './values';

export interface AttributeSetting {
  key: string;
  value: string;
}

// ------------------------------------------------------------------ values

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,40}$/;

function integerProblem(spec: Extract<AttributeValue, { kind: 'integer' }>, v: string): string | undefined {
  if (spec.orOff && v === 'off') return undefined;
  const n = parseInteger(v);
  if (spec.orZero && n === 0) return undefined;
  if (n !== undefined && n >= spec.min && (spec.max === undefined || n <= spec.max)) return undefined;
  const range =
    spec.max === undefined
      ? `a whole number of at least ${spec.min}`
      : `a whole number from ${spec.min} to ${spec.max}`;
  if (spec.orOff) return `must be off, or ${range}`;
  if (spec.orZero) return `must be 0 (off) or ${range}`;
  return `must be ${range}`;
}

/** Why a value is wrong for this kind of value, or undefined when it is fine. */
export function attributeValueProblem(spec: AttributeValue, v: string): string | undefined {
  switch (spec.kind) {
    case 'boolean':
      return v === 'true' || v === 'false' ? undefined : 'must be true or false';
    case 'integer':
      return integerProblem(spec, v);
    case 'enum':
      return spec.values.includes(v) ? undefined : `must be one of ${spec.values.join(', ')}`;
    case 'text':
      return spec.max === undefined || v.length <= spec.max ? undefined : `must be at most ${spec.max} characters`;
    case 'header-name':
      return HEADER_NAME.test(v) ? undefined : 'must be a header name: 1-40 letters, digits and - _ . (no spaces)';
    case 'cookie-name':
      if (v.length === 0) return 'must not be empty; name the cookie your application sets';
      return v.toUpperCase().startsWith('AWSALB')
        ? 'names beginning with AWSALB are reserved by the load balancer; choose another name'
        : undefined;
    case 'frame-options':
      return ['DENY', 'SAMEORIGIN'].includes(v) || v.startsWith('ALLOW-FROM ')
        ? undefined
        : 'must be DENY, SAMEORIGIN or ALLOW-FROM URI';
  }
}

const valueProblem = (s: AttributeSetting, why: string) =>
  problem('E_ATTRIBUTE', `attribute ${quote(`${s.key}=${s.value}`)}: ${why}`);

/**
 * `; did you mean "k"?` for the nearest known key: a close one by edit distance, else the shortest
 * key the typed one begins (a key cut short: `slow_start.duration`); the empty string when none is near.
 */
function suggestion(key: string, known: readonly string[]): string {
  const hint = didYouMean(key, known);
  if (hint !== '' || key.length < 8) return hint;
  const longer = known.filter((k) => k.startsWith(key)).sort((a, b) => a.length - b.length)[0];
  return longer === undefined ? '' : `; did you mean ${quote(longer)}?`;
}

/** The nearest known key, or the list of them when none is near. */
function nearest(key: string, known: readonly string[]): string {
  const hint = suggestion(key, known);
  return hint !== '' ? hint : `; use one of: ${known.join(', ')}`;
}

const TYPE_WORD: Record<LoadBalancerType, string> = {
  application: 'application',
  network: 'network',
  gateway: 'gateway',
};
const article = (type: LoadBalancerType) => (type === 'application' ? 'an' : 'a');

// ------------------------------------------------------------------ load balancers

/**
 * The keys `--set` accepts on a load balancer of this type, sorted. An application load
 * balancer's cross-zone key is left out: AWS refuses to change it.
 */
export function loadBalancerAttributeKeys(type: LoadBalancerType): string[] {
  return Object.entries(LOAD_BALANCER_ATTRIBUTES)
    .filter(([key, rule]) => rule.types.includes(type) && !(type === 'application' && key === CROSS_ZONE_ATTRIBUTE))
    .map(([key]) => key)
    .sort();
}

/** AWS's value for this key on a new load balancer of this kind; undefined for a key elbctl does not know. */
export function loadBalancerAttributeDefault(key: string, lb: LoadBalancerTraits): string | undefined {
  const d = LOAD_BALANCER_ATTRIBUTES[key]?.default;
  return typeof d === 'function' ? d(lb) : d;
}

/** Every problem with these settings on a load balancer of this type (empty when all are fine). */
export function checkLoadBalancerAttributes(
  type: LoadBalancerType,
  loadBalancerName: string,
  settings: readonly AttributeSetting[],
): Problem[] {
  const problems: Problem[] = [];
  const valid = loadBalancerAttributeKeys(type);
  for (const s of settings) {
    if (type === 'application' && s.key === CROSS_ZONE_ATTRIBUTE) {
      problems.push(problem('E_CROSS_ZONE', albCrossZoneRefusal(loadBalancerName)));
      continue;
    }
    const rule = LOAD_BALANCER_ATTRIBUTES[s.key];
    if (!rule) {
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: not a known ${TYPE_WORD[type]} load balancer attribute${nearest(s.key, valid)}`,
        ),
      );
      continue;
    }
    if (!rule.types.includes(type)) {
      const owners = rule.types.map((t) => TYPE_WORD[t]).join(' and ');
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: ${owners} load balancers only, ${quote(loadBalancerName)} is a ${TYPE_WORD[type]} one; use one of: ${valid.join(', ')}`,
        ),
      );
      continue;
    }
    const why = attributeValueProblem(rule.value, s.value);
    if (why) problems.push(valueProblem(s, why));
  }
  return problems;
}

// ------------------------------------------------------------------ target groups

export function targetGroupAttributeKeys(): string[] {
  return Object.keys(TARGET_GROUP_ATTRIBUTES).sort();
}

export function targetGroupAttributeDefault(key: string, tg: TargetGroupTraits): string | undefined {
  const d = TARGET_GROUP_ATTRIBUTES[key]?.default;
  return typeof d === 'function' ? d(tg) : d;
}

const NETWORK_PROTOCOLS = new Set(['TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC']);

/** Which kind of load balancer a target group serves, by its protocol; undefined when that is not known. */
function targetGroupFamily(tg: TargetGroupTraits): LoadBalancerType | undefined {
  if (tg.targetType === 'lambda' || tg.protocol === 'HTTP' || tg.protocol === 'HTTPS') return 'application';
  if (tg.protocol === 'GENEVE') return 'gateway';
  return NETWORK_PROTOCOLS.has(tg.protocol ?? '') ? 'network' : undefined;
}

export interface TargetGroupIdentity {
  name: string;
  targetType: TargetGroupTraits['targetType'];
  /** Known: keys for another kind of load balancer's target groups are refused too. */
  protocol?: string | undefined;
}

function applicabilityProblem(s: AttributeSetting, tg: TargetGroupIdentity): Problem | undefined {
  const rule = TARGET_GROUP_ATTRIBUTES[s.key];
  if (!rule) return undefined;
  const family = targetGroupFamily(tg);
  const what = tg.targetType === 'lambda' ? 'a lambda target group' : `a ${tg.protocol ?? ''} target group`;
  if (family !== undefined && !rule.loadBalancers.includes(family)) {
    const owners = rule.loadBalancers.map((t) => TYPE_WORD[t]).join(' and ');
    return problem(
      'E_ATTRIBUTE',
      `attribute ${quote(s.key)}: target groups of ${owners} load balancers only; ${quote(tg.name)} is ${what}`,
    );
  }
  if (rule.targetTypes !== undefined && !rule.targetTypes.includes(tg.targetType)) {
    return problem(
      'E_ATTRIBUTE',
      `attribute ${quote(s.key)}: ${orList([...rule.targetTypes])} target groups only; ${quote(tg.name)} has ${tg.targetType} targets`,
    );
  }
  return undefined;
}

/**
 * Every problem with these settings on a target group. Without `targetGroup` only keys and
 * values are judged (possible before any AWS call); with it, what its target type and protocol rule out too.
 */
export function checkTargetGroupAttributes(
  settings: readonly AttributeSetting[],
  targetGroup?: TargetGroupIdentity,
): Problem[] {
  const problems: Problem[] = [];
  for (const s of settings) {
    const rule = TARGET_GROUP_ATTRIBUTES[s.key];
    if (!rule) {
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: not a known target group attribute${nearest(s.key, targetGroupAttributeKeys())}`,
        ),
      );
      continue;
    }
    const why = attributeValueProblem(rule.value, s.value);
    if (why) {
      problems.push(valueProblem(s, why));
      continue;
    }
    if (targetGroup?.targetType === 'lambda' && s.key === CROSS_ZONE_ATTRIBUTE) {
      problems.push(problem('E_CROSS_ZONE', lambdaCrossZoneRefusal(targetGroup.name)));
      continue;
    }
    const misplaced = targetGroup ? applicabilityProblem(s, targetGroup) : undefined;
    if (misplaced) problems.push(misplaced);
  }
  return problems;
}

/**
 * The rules AWS documents between target group keys, judged on the values known together (a
 * file's declared attributes, or a command's settings over the live ones): anomaly mitigation
 * needs the weighted_random algorithm; the two target_failover keys must match; an unhealthy
 * draining interval needs connection termination off.
 */
export function relatedTargetGroupAttributeProblems(name: string, values: Readonly<Record<string, string>>): Problem[] {
  const out: Problem[] = [];
  const label = `target group ${quote(name)}`;
  const algorithm = values['load_balancing.algorithm.type'];
  if (
    values['load_balancing.algorithm.anomaly_mitigation'] === 'on' &&
    algorithm !== undefined &&
    algorithm !== 'weighted_random'
  ) {
    out.push(
      problem(
        'E_ATTRIBUTE',
        `${label}: load_balancing.algorithm.anomaly_mitigation=on needs load_balancing.algorithm.type=weighted_random, not ${algorithm}`,
      ),
    );
  }
  const onDeregistration = values['target_failover.on_deregistration'];
  const onUnhealthy = values['target_failover.on_unhealthy'];
  if (onDeregistration !== undefined && onUnhealthy !== undefined && onDeregistration !== onUnhealthy) {
    out.push(
      problem(
        'E_ATTRIBUTE',
        `${label}: target_failover.on_deregistration (${onDeregistration}) and target_failover.on_unhealthy (${onUnhealthy}) must be the same; set both`,
      ),
    );
  }
  const draining = parseInteger(values['target_health_state.unhealthy.draining_interval_seconds'] ?? '');
  if (
    draining !== undefined &&
    draining > 0 &&
    values['target_health_state.unhealthy.connection_termination.enabled'] === 'true'
  ) {
    out.push(
      problem(
        'E_ATTRIBUTE',
        `${label}: target_health_state.unhealthy.draining_interval_seconds needs target_health_state.unhealthy.connection_termination.enabled=false`,
      ),
    );
  }
  return out;
}

// ------------------------------------------------------------------ listeners

/** The keys a listener of this protocol on a load balancer of this type takes, sorted. */
export function listenerAttributeKeys(type: LoadBalancerType, protocol?: string): string[] {
  return Object.entries(LISTENER_ATTRIBUTES)
    .filter(
      ([, rule]) =>
        rule.types.includes(type) &&
        (protocol === undefined || rule.protocols === undefined || rule.protocols.includes(protocol)),
    )
    .map(([key]) => key)
    .sort();
}

export const listenerAttributeDefault = (key: string): string | undefined => LISTENER_ATTRIBUTES[key]?.default;

/**
 * Every problem with these settings on a listener of a load balancer of this type (empty when all
 * are fine). With `protocol`, keys for other protocols' listeners (the mTLS/TLS header names are
 * HTTPS only) are refused too.
 */
export function checkListenerAttributes(
  type: LoadBalancerType,
  label: string,
  settings: readonly AttributeSetting[],
  protocol?: string,
): Problem[] {
  const problems: Problem[] = [];
  const valid = listenerAttributeKeys(type, protocol);
  const all = Object.keys(LISTENER_ATTRIBUTES).sort();
  for (const s of settings) {
    const rule = LISTENER_ATTRIBUTES[s.key];
    if (!rule) {
      const hint = suggestion(s.key, valid.length > 0 ? valid : all);
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: not a listener attribute of ${article(type)} ${type} load balancer (${label})${hint !== '' ? hint : `; use one of: ${valid.join(', ')}`}`,
        ),
      );
      continue;
    }
    if (!rule.types.includes(type)) {
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: not a listener attribute of ${article(type)} ${type} load balancer (${label}); use one of: ${valid.join(', ')}`,
        ),
      );
      continue;
    }
    if (protocol !== undefined && rule.protocols !== undefined && !rule.protocols.includes(protocol)) {
      problems.push(
        problem(
          'E_ATTRIBUTE',
          `attribute ${quote(s.key)}: ${orList([...rule.protocols])} listeners only, ${label} is ${protocol}`,
        ),
      );
      continue;
    }
    const why = attributeValueProblem(rule.value, s.value);
    if (why) problems.push(valueProblem(s, why));
  }
  return problems;
}

// ------------------------------------------------------------------ --set KEY=VALUE

/**
 * `--set KEY=VALUE ..` → settings. Checks only the form (no key is judged here), so it can
 * run before the resource, and with it its type, is known.
 */
export function parseAttributeSettings(raws: readonly string[]): { settings: AttributeSetting[]; problems: Problem[] } {
  const settings: AttributeSetting[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const raw of raws) {
    const kv = parseKeyValue('attribute', raw, 'E_ATTRIBUTE');
    if (!kv.ok) {
      problems.push(kv.problem);
      continue;
    }
    const earlier = seen.get(kv.key);
    if (earlier !== undefined) {
      problems.push(
        problem(
          'E_DUPLICATE',
          `attribute ${quote(kv.key)}: set twice (${quote(`${kv.key}=${earlier}`)} and ${quote(raw)}); set each key once`,
        ),
      );
      continue;
    }
    seen.set(kv.key, kv.value);
    settings.push({ key: kv.key, value: kv.value });
  }
  return { settings, problems };
}
