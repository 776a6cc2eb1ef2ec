/** Live values in the stack file's words: attribute text, stickiness, targets, conditions. */
import type { Condition, Target } from '../../model';
import { conditionProblems } from '../../rules/rule';
import { STICKINESS_TYPES } from '../../rules/target-group';
import {
  APP_COOKIE_DURATION_ATTRIBUTE,
  APP_COOKIE_NAME_ATTRIBUTE,
  LB_COOKIE_DURATION_ATTRIBUTE,
  STICKINESS_ENABLED_ATTRIBUTE,
  STICKINESS_TYPE_ATTRIBUTE,
  isHttpProtocol,
} from '../defaults';
import type { ObservedTargetGroup } from '../model';
import type { ConditionsFile, StickinessFile, TargetFile } from '../schema';
import { liveDefaultStickinessType } from './aws-defaults';

/** An attribute's AWS text as the YAML value a person would write: true, 60, or the text. */
export function yamlValue(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^(0|[1-9]\d{0,14})$/.test(text)) return Number(text);
  return text;
}

export const numeric = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;

export function stickinessFile(tg: ObservedTargetGroup): { file: StickinessFile } | undefined {
  const a = tg.attributes;
  if (a[STICKINESS_ENABLED_ATTRIBUTE] !== 'true') return undefined;
  const type = a[STICKINESS_TYPE_ATTRIBUTE] ?? liveDefaultStickinessType(tg);
  if (!(STICKINESS_TYPES as readonly string[]).includes(type)) return undefined;
  const httpish = isHttpProtocol(tg.protocol) || tg.targetType === 'lambda';
  if (httpish === (type === 'source_ip')) return undefined;
  const file: StickinessFile = { type: type as StickinessFile['type'] };
  if (type === 'lb_cookie' || type === 'app_cookie') {
    const key = type === 'lb_cookie' ? LB_COOKIE_DURATION_ATTRIBUTE : APP_COOKIE_DURATION_ATTRIBUTE;
    const duration = numeric(a[key]);
    if (duration !== undefined && duration !== 86400 && duration >= 1 && duration <= 604800) file.duration = duration;
  }
  if (type === 'app_cookie') {
    const cookieName = a[APP_COOKIE_NAME_ATTRIBUTE];
    if (cookieName === undefined || cookieName === '') return undefined;
    file.cookieName = cookieName;
  }
  return { file };
}

/** A target: its port only where it differs from the target group's, its zone only for IP targets. */
export function targetFile(tg: ObservedTargetGroup, t: Target): TargetFile {
  const lambda = tg.targetType === 'lambda';
  return {
    id: t.id,
    ...(!lambda && t.port !== undefined && t.port !== tg.port ? { port: t.port } : {}),
    ...(tg.targetType === 'ip' && t.availabilityZone !== undefined ? { availabilityZone: t.availabilityZone } : {}),
  };
}

/** Conditions in the file's words, or why they cannot be written. */
export function conditionsFile(conditions: readonly Condition[]): ConditionsFile | string {
  const problems = conditionProblems(conditions);
  if (problems.length > 0) return `its conditions cannot be written: ${problems.map((p) => p.message).join('; ')}`;
  const out: ConditionsFile = {};
  const headers: Record<string, string[]> = {};
  const headersRegex: Record<string, string[]> = {};
  const headerNames = new Set<string>();
  const raw: Array<Record<string, unknown>> = [];
  for (const c of conditions) {
    switch (c.field) {
      case 'path-pattern':
        if (c.regex) out.pathRegex = [...c.values];
        else out.path = [...c.values];
        break;
      case 'host-header':
        if (c.regex) out.hostRegex = [...c.values];
        else out.host = [...c.values];
        break;
      case 'http-header': {
        const key = c.headerName.toLowerCase();
        if (headerNames.has(key))
          return `it has two conditions on header ${c.headerName}, which a stack file cannot say`;
        headerNames.add(key);
        if (c.regex) headersRegex[c.headerName] = [...c.values];
        else headers[c.headerName] = [...c.values];
        break;
      }
      case 'other':
        raw.push({ ...c.raw });
        break;
      case 'query-string':
        // Two query-string conditions must both match; one list in the file would match either.
        if (out.query !== undefined) return 'it has two query-string conditions, which a stack file cannot say';
        out.query = c.values.map((q) => ({ ...(q.key !== undefined ? { key: q.key } : {}), value: q.value }));
        break;
      case 'http-request-method':
        out.methods = [...c.values];
        break;
      case 'source-ip':
        out.sourceIps = [...c.values];
        break;
    }
  }
  // The schema's order: path, host, headers, query, methods, sourceIps.
  return {
    ...(out.path ? { path: out.path } : {}),
    ...(out.host ? { host: out.host } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(out.query ? { query: out.query } : {}),
    ...(out.methods ? { methods: out.methods } : {}),
    ...(out.sourceIps ? { sourceIps: out.sourceIps } : {}),
    ...(out.pathRegex ? { pathRegex: out.pathRegex } : {}),
    ...(out.hostRegex ? { hostRegex: out.hostRegex } : {}),
    ...(Object.keys(headersRegex).length > 0 ? { headersRegex } : {}),
    ...(raw.length > 0 ? { raw } : {}),
  };
}

/** Live load balancers and their target groups → a stack document (see the module comment). */
