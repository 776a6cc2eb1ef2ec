/**
 * Plain-text lines for a plan, without colour: src/ui colours them by `CHANGE_STYLE[action].tone`.
 *
 *   +    create       ~  update       -  delete
 *   -/+  replace      ↕  move (a rule's priority only)       ⇐  adopt (tag an existing resource)
 */
import { type LeadingSpec, describeAction } from '../actions';
import type { AlarmTemplate } from '../alarms/alarms';
import { describeConditions } from '../conditions';
import type { Action, Condition, Target, Transform } from '../model';
import { isElbctlTag } from '../rules/tags';
import { targetLabel } from '../rules/targets';
import type { Change, ChangeAction, Plan, PlanAction, PlanMutualTls, UnmanagedResource } from './plan';

export type ChangeTone = 'ok' | 'warn' | 'error';

export const CHANGE_STYLE: Readonly<Record<ChangeAction, { symbol: string; tone: ChangeTone; verb: string }>> = {
  create: { symbol: '+', tone: 'ok', verb: 'create' },
  update: { symbol: '~', tone: 'warn', verb: 'update' },
  delete: { symbol: '-', tone: 'error', verb: 'delete' },
  replace: { symbol: '-/+', tone: 'error', verb: 'replace' },
  move: { symbol: '↕', tone: 'warn', verb: 'move' },
  adopt: { symbol: '⇐', tone: 'ok', verb: 'adopt' },
};

const INDENT = '    ';

/** `forward → api`, `forward → blue=90, green=10`, `redirect 301 → https://#{host}:443/#{path}?#{query}`, `fixed 404 "gone"` */
function describePlanAction(a: PlanAction): string {
  if (a.type === 'other') return a.awsType;
  const action: Action =
    a.type === 'forward'
      ? {
          type: 'forward',
          targetGroups: a.targets.map((t) => ({ targetGroupArn: t.targetGroup, weight: t.weight })),
          ...(a.stickinessSeconds !== undefined ? { stickinessSeconds: a.stickinessSeconds } : {}),
        }
      : a;
  const text = describeAction(action);
  const sticky = a.type === 'forward' && a.stickinessSeconds !== undefined ? ` (sticky ${a.stickinessSeconds}s)` : '';
  const external = a.type === 'forward' && a.externalWeights ? ' (weights: external)' : '';
  return `${text}${sticky}${external}`;
}

const show = (v: unknown): string => {
  if (v === undefined || v === null) return '(none)';
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map(String).join(', ');
  return String(v);
};

const FIELD_LABEL: Record<string, string> = {
  subnetMappings: 'subnet mappings',
  securityGroups: 'security groups',
  ipAddressType: 'ip address type',
  sslPolicy: 'ssl policy',
  defaultAction: 'default action',
  mutualTls: 'mutual TLS',
  caCertificates: 'CA bundle',
  revocations: 'revocation lists',
  intervalSeconds: 'interval',
  timeoutSeconds: 'timeout',
  healthyThreshold: 'healthy threshold',
  unhealthyThreshold: 'unhealthy threshold',
  targetType: 'target type',
};

/** How a field is named in lines people read (`securityGroups` → `security groups`). */
export const fieldLabel = (key: string): string => FIELD_LABEL[key] ?? key;

/** `tag k=v` added, `tag k: old → new` changed, `tag k: v → (removed)`. */
function tagLines(before: Record<string, string>, after: Record<string, string>): string[] {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(after))
    lines.push(k in before ? `tag ${k}: ${before[k]} → ${v}` : `tag ${k}=${v}`);
  for (const [k, v] of Object.entries(before)) if (!(k in after)) lines.push(`tag ${k}: ${v} → (removed)`);
  return lines;
}

/**
 * One line per field that changes, `label: before → after`: the plan view and every modify
 * command's diff (`lb modify`, `listener modify`, …) print changes with these same lines.
 */
export function fieldLines(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const keys = [...new Set([...Object.keys(after), ...(before.tags !== undefined ? ['tags'] : [])])];
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (key === 'tags') {
      lines.push(...tagLines((b ?? {}) as Record<string, string>, (a ?? {}) as Record<string, string>));
    } else if (key === 'healthCheck') {
      const hb = (b ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
        lines.push(`health check ${FIELD_LABEL[k] ?? k}: ${show(hb[k])} → ${show(v)}`);
      }
    } else if (key === 'conditions') {
      lines.push(
        `conditions: ${describeConditions((b ?? []) as Condition[])} → ${describeConditions(a as Condition[])}`,
      );
    } else if (key === 'authenticate') {
      lines.push(
        `authenticate: ${describeLeading(b as LeadingSpec[] | undefined)} → ${describeLeading(a as LeadingSpec[])}`,
      );
    } else if (key === 'transforms') {
      lines.push(
        `transforms: ${describeTransforms(b as Transform[] | undefined)} → ${describeTransforms(a as Transform[])}`,
      );
    } else if (key === 'mutualTls') {
      lines.push(
        `mutual TLS: ${describePlanMutualTls(b as PlanMutualTls | string | undefined)} → ${describePlanMutualTls(a as PlanMutualTls | string)}`,
      );
    } else if (key === 'action' || key === 'defaultAction') {
      lines.push(
        `${FIELD_LABEL[key] ?? key}: ${b ? describePlanAction(b as PlanAction) : '(none)'} → ${describePlanAction(a as PlanAction)}`,
      );
    } else {
      lines.push(`${FIELD_LABEL[key] ?? key}: ${show(b)} → ${show(a)}`);
    }
  }
  return lines;
}

/** `off`, `passthrough`, `verify with trust store clients (advertises CA names)`; a command's own words (a string) as they are. */
function describePlanMutualTls(m: PlanMutualTls | string | undefined): string {
  if (m === undefined) return 'off';
  if (typeof m === 'string') return m;
  if (m.mode !== 'verify') return m.mode;
  const extras = [
    ...(m.advertiseCaNames ? ['advertises CA names'] : []),
    ...(m.ignoreClientCertificateExpiry ? ['ignores client certificate expiry'] : []),
  ];
  return `verify with trust store ${m.trustStore ?? m.trustStoreArn ?? '(none)'}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

/**
 * The actions before routing, e.g. `authenticate-oidc https://idp (client web, secret from
 * $WEB_OIDC_SECRET) then jwt-validation https://idp`. A secret is named by its variable only.
 */
function describeLeading(specs: readonly LeadingSpec[] | undefined): string {
  if (!specs || specs.length === 0) return '(none)';
  return specs.map(leadingText).join(' then ');
}

function leadingText(a: LeadingSpec): string {
  switch (a.type) {
    case 'authenticate-oidc':
      return `authenticate-oidc ${a.issuer} (client ${a.clientId}${a.clientSecretEnv ? `, secret from $${a.clientSecretEnv}` : ''})`;
    case 'authenticate-cognito':
      return `authenticate-cognito ${a.userPoolDomain}`;
    case 'jwt-validation':
      return `jwt-validation ${a.issuer}`;
    case 'other':
      return `${a.awsType} (raw)`;
  }
}

function describeTransforms(ts: readonly Transform[] | undefined): string {
  if (!ts || ts.length === 0) return '(none)';
  return ts.map((t) => (t.type === 'other' ? `${t.awsType} (raw)` : `${t.type} ${t.regex} → ${t.replace}`)).join(', ');
}

/** A new tag line for a created resource: the user's tags (elbctl's own are implied by the stack). */
function createdTagLines(tags: Record<string, string> | undefined): string[] {
  const mine = Object.entries(tags ?? {}).filter(([k]) => !isElbctlTag(k));
  return mine.length > 0 ? [`tags: ${mine.map(([k, v]) => `${k}=${v}`).join(', ')}`] : [];
}

function header(c: Change): string {
  const { symbol } = CHANGE_STYLE[c.action];
  let extra = '';
  if (c.type === 'target-group' && c.action === 'replace' && c.after?.name) extra = ` → ${c.after.name}`;
  if (c.type === 'rule' && c.action === 'move')
    extra = ` priority ${show(c.before?.priority)} → ${show(c.after?.priority)}`;
  if (c.type === 'load-balancer' && c.action === 'delete' && c.deletionProtection) extra = ' (deletion protection on)';
  const type = c.type === 'attributes' ? `attributes of ${c.resource}` : c.type;
  return `${symbol} ${type} ${c.name}${extra}`;
}

function createdLines(c: Change): string[] {
  switch (c.type) {
    case 'load-balancer': {
      const a = c.after ?? {};
      return [
        `${a.type}, ${a.scheme}, ${a.ipAddressType}`,
        `subnets: ${show(a.subnets)}`,
        ...(a.subnetMappings ?? [])
          .filter((m) => m.allocationId ?? m.privateIPv4Address ?? m.ipv6Address)
          .map(
            (m) =>
              `  ${m.subnetId}: ${[m.allocationId, m.privateIPv4Address, m.ipv6Address].filter(Boolean).join(', ')}`,
          ),
        ...(a.securityGroups ? [`security groups: ${show(a.securityGroups)}`] : []),
        ...createdTagLines(a.tags),
      ];
    }
    case 'target-group': {
      const a = c.after ?? {};
      const where = a.protocol ? `${a.protocol}:${show(a.port)} in ${show(a.vpc)}` : 'lambda';
      const hc = Object.entries(a.healthCheck ?? {}).map(([k, v]) => `${FIELD_LABEL[k] ?? k} ${show(v)}`);
      return [
        `${where}, ${a.targetType} targets`,
        ...(hc.length > 0 ? [`health check: ${hc.join(', ')}`] : []),
        ...createdTagLines(a.tags),
      ];
    }
    case 'listener': {
      const a = c.after ?? {};
      return [
        `${show(a.protocol)}${a.sslPolicy ? `, ssl policy ${a.sslPolicy}` : ''}`,
        ...(a.certificates && a.certificates.length > 0 ? [`certificates: ${show(a.certificates)}`] : []),
        ...(a.authenticate?.length ? [`authenticate: ${describeLeading(a.authenticate)}`] : []),
        ...(a.mutualTls ? [`mutual TLS: ${describePlanMutualTls(a.mutualTls)}`] : []),
        ...(a.defaultAction ? [`default action: ${describePlanAction(a.defaultAction)}`] : []),
        ...createdTagLines(a.tags),
      ];
    }
    case 'rule': {
      const a = c.after ?? {};
      return [
        `priority ${show(a.priority)}: ${describeConditions(a.conditions ?? [])} → ${a.action ? describePlanAction(a.action) : '(none)'}`,
        ...(a.authenticate?.length ? [`authenticate: ${describeLeading(a.authenticate)}`] : []),
        ...(a.transforms?.length ? [`transforms: ${describeTransforms(a.transforms)}`] : []),
        ...createdTagLines(a.tags),
      ];
    }
    case 'attributes':
      return Object.entries(c.after ?? {}).map(([k, v]) => `${k} = ${v}`);
    case 'targets':
      return c.register.map((t) => `+ ${targetText(t)}`);
    case 'alarm':
      return c.after ? [alarmTemplateText(c.after)] : [];
    case 'trust-store': {
      const a = c.after ?? {};
      return [
        `CA bundle: ${show(a.caCertificates)}`,
        ...(a.revocations?.length ? [`revocation lists: ${show(a.revocations)}`] : []),
        ...createdTagLines(a.tags),
      ];
    }
  }
}

/** `recommended unhealthy-hosts, threshold 2 (override), notifies arn:…` */
function alarmTemplateText(t: AlarmTemplate): string {
  const over = Object.entries(t.override ?? {}).map(([k, v]) => `${k} ${v}`);
  return `${t.preset} ${t.key}${over.length > 0 ? ` (${over.join(', ')})` : ''}${t.snsTopic ? `, notifies ${t.snsTopic}` : ''}`;
}

const targetText = (t: Target) => `${targetLabel(t)}${t.availabilityZone ? `@${t.availabilityZone}` : ''}`;

/** The lines for one change: a header (`+ listener shop-web:443`) and indented details. */
export function describeChange(c: Change): string[] {
  let details: string[];
  if (c.action === 'create') {
    details = createdLines(c);
  } else if (c.action === 'delete') {
    details =
      c.type === 'rule' && c.before
        ? [
            `priority ${show(c.before.priority)}: ${describeConditions(c.before.conditions ?? [])} → ${c.before.action ? describePlanAction(c.before.action) : '(none)'}`,
          ]
        : [];
  } else if (c.type === 'alarm') {
    details = [
      ...(c.after ? [alarmTemplateText(c.after)] : []),
      ...(c.differs && c.differs.length > 0 ? [`differs: ${c.differs.join(', ')}`] : []),
    ];
  } else if (c.type === 'targets') {
    details = [...c.register.map((t) => `+ ${targetText(t)}`), ...c.deregister.map((t) => `- ${targetText(t)}`)];
  } else if (c.action === 'move') {
    details = [];
  } else if (c.action === 'replace') {
    const before = (c.before ?? {}) as Record<string, unknown>;
    const after = (c.after ?? {}) as Record<string, unknown>;
    details = Object.keys(before)
      .filter((k) => k !== 'name')
      .map((k) => `${FIELD_LABEL[k] ?? k}: ${show(before[k])} → ${show(after[k])} (forces replacement)`);
  } else {
    details = fieldLines((c.before ?? {}) as Record<string, unknown>, (c.after ?? {}) as Record<string, unknown>);
    if ((c.type === 'listener' || c.type === 'rule') && c.keepsActions) details.push(keepsLine(c.keepsActions));
  }
  return [header(c), ...details.map((d) => `${INDENT}${d}`)];
}

/** The actions a new routing action leaves in place before it. */
export const keepsLine = (types: readonly string[]): string => `keeps ${types.join(', ')} before it`;

export function describeUnmanaged(u: UnmanagedResource): string {
  return `! ${u.message}`;
}

/** `3 to create, 1 to update, 1 to delete` (only the non-zero counts), or `no changes`. */
export function describeSummary(plan: Plan): string {
  const s = plan.summary;
  const parts = (Object.keys(CHANGE_STYLE) as ChangeAction[])
    .filter((a) => s[a] > 0)
    .map((a) => `${s[a]} to ${CHANGE_STYLE[a].verb}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}
