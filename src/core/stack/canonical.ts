/** Enum words in a stack file are accepted in any case and written in AWS's before validation (`protocol: http` is HTTP). */
import { ALGORITHMS, STICKINESS_TYPES, TARGET_GROUP_PROTOCOLS, TARGET_TYPES } from '../rules/target-group';
import { FIXED_RESPONSE_CONTENT_TYPES } from '../rules/action';
import { HEALTH_CHECK_PROTOCOLS } from '../rules/health-check';
import { LISTENER_PROTOCOLS } from '../rules/listener';
import { IP_ADDRESS_TYPES, LOAD_BALANCER_TYPES, SCHEMES } from '../rules/load-balancer';
import { MUTUAL_TLS_MODES } from '../rules/trust-store';
import { canonical } from '../rules/values';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

function fix(obj: Dict, key: string, allowed: readonly string[]): void {
  const v = obj[key];
  if (typeof v === 'string') obj[key] = canonical(v, allowed) ?? v;
}

function each(v: unknown, f: (d: Dict) => void): void {
  if (Array.isArray(v)) for (const item of v) if (isDict(item)) f(item);
}

function action(a: unknown): void {
  if (!isDict(a)) return;
  if (isDict(a.redirect)) fix(a.redirect, 'protocol', ['HTTP', 'HTTPS', '#{protocol}']);
  if (isDict(a.fixedResponse)) fix(a.fixedResponse, 'contentType', FIXED_RESPONSE_CONTENT_TYPES);
}

/** A copy of the parsed YAML value with every enum word in AWS's spelling; anything else untouched. */
export function canonicalizeEnums(value: unknown): unknown {
  if (!isDict(value)) return value;
  const root = structuredClone(value) as Dict;
  each(root.loadBalancers, (lb) => {
    fix(lb, 'type', LOAD_BALANCER_TYPES);
    fix(lb, 'scheme', SCHEMES);
    fix(lb, 'ipAddressType', IP_ADDRESS_TYPES);
    each(lb.listeners, (l) => {
      fix(l, 'protocol', LISTENER_PROTOCOLS);
      if (isDict(l.mutualAuthentication)) fix(l.mutualAuthentication, 'mode', MUTUAL_TLS_MODES);
      action(l.defaultAction);
      each(l.rules, (r) => {
        action(r.action);
        const c = r.conditions;
        if (isDict(c) && Array.isArray(c.methods)) {
          c.methods = c.methods.map((m) => (typeof m === 'string' ? m.toUpperCase() : m));
        }
      });
    });
  });
  each(root.targetGroups, (tg) => {
    fix(tg, 'protocol', TARGET_GROUP_PROTOCOLS);
    fix(tg, 'targetType', TARGET_TYPES);
    fix(tg, 'algorithm', ALGORITHMS);
    if (typeof tg.crossZone === 'string') fix(tg, 'crossZone', ['inherit']);
    if (isDict(tg.healthCheck)) {
      fix(tg.healthCheck, 'protocol', HEALTH_CHECK_PROTOCOLS);
      fix(tg.healthCheck, 'port', ['traffic-port']);
    }
    if (isDict(tg.stickiness)) fix(tg.stickiness, 'type', STICKINESS_TYPES);
  });
  return root;
}
