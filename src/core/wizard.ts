/**
 * The pure half of `elbctl init`: the defaults it offers, the names it makes up and the inline
 * checks of its answers; wizard/stack-document.ts makes the answers a stack document. The wizard only fills in
 * a stack; planning and applying it is the stack engine's job (src/commands/stack/run-plan.ts).
 * No IO here: the command asks, discovers and writes.
 */
import { quote } from './echo';
import type { Condition } from './model';
import { healthCheckProblems } from './rules/health-check';
import {
  certificateArnProblem,
  loadBalancerNameProblem,
  ruleNameProblem,
  securityGroupIdProblem,
  stackNameProblem,
  subnetIdProblem,
  targetGroupNameProblem,
  vpcIdProblem,
} from './rules/names';
import type { Problem } from './rules/problem';
import { conditionProblems } from './rules/rule';
import { parseTargetSpecs, targetsFitGroup } from './rules/targets';
import { portProblem, wholeNumber } from './rules/values';
import { ruleNameFromConditions } from './stack/export/naming';

export type WizardLoadBalancerType = 'application' | 'network';
export type WizardScheme = 'internet-facing' | 'internal';
export type WizardListenerProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS';
export type WizardTargetGroupProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS';
export type WizardTargetType = 'instance' | 'ip';

/** Where a wizard file goes when -f is not given. */
export const DEFAULT_STACK_FILE = 'elbctl.yaml';
/** The stack name when the directory's name makes no valid one. */
const FALLBACK_STACK_NAME = 'web';
/** Rules get priorities 10, 20, 30…: gaps leave room to insert a rule between two later. */
export const RULE_PRIORITY_STEP = 10;

const MAX_NAME = 32;

// ------------------------------------------------------------------ answers

export interface ListenerAnswer {
  protocol: WizardListenerProtocol;
  port: number;
  certificateArn?: string | undefined;
  /** An HTTP listener that only sends clients to HTTPS on this port (301). */
  redirectToHttpsPort?: number | undefined;
  /** The target group (by name) it forwards to, when it does not redirect. */
  forward?: string | undefined;
}

export interface TargetAnswer {
  id: string;
  port?: number | undefined;
  availabilityZone?: string | undefined;
}

export interface TargetGroupAnswer {
  name: string;
  protocol: WizardTargetGroupProtocol;
  port: number;
  /** An HTTP health check path; left out on a network target group: a TCP connection check. */
  healthCheckPath?: string | undefined;
  targetType: WizardTargetType;
  /** Left out: elbctl leaves the registrations alone (register later, or auto scaling does). */
  targets?: TargetAnswer[] | undefined;
}

export interface RuleAnswer {
  name: string;
  priority: number;
  field: 'path' | 'host';
  values: string[];
  targetGroup: string;
}

export interface WizardAnswers {
  stack: string;
  region?: string | undefined;
  vpcId: string;
  loadBalancer: {
    name: string;
    type: WizardLoadBalancerType;
    scheme: WizardScheme;
    subnets: string[];
    /** The subnets' zones, when discovery found them (for the summary). */
    zones?: string[] | undefined;
    securityGroups?: string[] | undefined;
  };
  listeners: ListenerAnswer[];
  targetGroups: TargetGroupAnswer[];
  /** Rules of the listener that forwards (HTTPS when there is one); application load balancers only. */
  rules: RuleAnswer[];
  /**
   * Whether requests may cross zones: an application load balancer always does unless its
   * target groups turn it off; a network load balancer does only when turned on.
   */
  crossZone: boolean;
}

// ------------------------------------------------------------------ words the wizard shows

export const LOAD_BALANCER_TYPE_CHOICES: ReadonlyArray<{ value: WizardLoadBalancerType; name: string; short: string }> =
  [
    {
      value: 'application',
      short: 'application',
      name: 'application  for websites and HTTP APIs: HTTPS certificates, routing by path and host, redirects',
    },
    {
      value: 'network',
      short: 'network',
      name: 'network      for TCP, TLS or UDP services (databases, games, MQTT): static IPs, very high throughput',
    },
  ];

export const SCHEME_CHOICES: ReadonlyArray<{ value: WizardScheme; name: string; short: string }> = [
  {
    value: 'internet-facing',
    short: 'internet-facing',
    name: 'internet-facing  reachable from the internet through a public DNS name',
  },
  {
    value: 'internal',
    short: 'internal',
    name: 'internal         reachable only from inside the VPC and networks connected to it',
  },
];

/** Cross-zone load balancing in one sentence, for the type chosen. */
export function crossZoneExplanation(type: WizardLoadBalancerType): string {
  return type === 'application'
    ? 'Cross-zone load balancing is always on for an application load balancer: each zone sends requests to healthy targets in every zone; it can only be turned off per target group.'
    : 'Cross-zone load balancing lets each zone send connections to targets in every zone, not only its own; a network load balancer has it off by default, and traffic between zones is billed as inter-AZ data transfer.';
}

/** The yes/no question that follows the explanation; "no" keeps AWS's default. */
export function crossZoneQuestion(type: WizardLoadBalancerType): string {
  return type === 'application'
    ? 'Turn cross-zone off for these target groups (keep each request in the zone it arrived in)?'
    : 'Turn cross-zone on (spread connections evenly over every zone)?';
}

// ------------------------------------------------------------------ naming

/** `base-suffix`, cutting the base so the whole stays within 32 characters. */
export function suffixedName(base: string, suffix: string): string {
  const room = MAX_NAME - suffix.length - 1;
  const cut = base.slice(0, Math.max(1, room)).replace(/-+$/, '');
  return `${cut}-${suffix}`;
}

/** The directory's name as a stack name (`My Shop` → `my-shop`), or `web`. */
export function defaultStackName(directoryName: string): string {
  const slug = directoryName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    // Room for the -alb / -web suffixes of the names derived from it.
    .slice(0, 24)
    .replace(/-+$/, '');
  return slug.length > 0 && stackNameProblem(slug) === undefined ? slug : FALLBACK_STACK_NAME;
}

const TYPE_SUFFIX: Record<WizardLoadBalancerType, string> = { application: 'alb', network: 'nlb' };

/** `shop-alb` / `shop-nlb`; `alb-internal-x` when the stack name would make a reserved `internal-` name. */
export function defaultLoadBalancerName(stack: string, type: WizardLoadBalancerType): string {
  const suffix = TYPE_SUFFIX[type];
  const name = suffixedName(stack, suffix);
  if (loadBalancerNameProblem(name) === undefined) return name;
  return `${suffix}-${stack}`.slice(0, MAX_NAME).replace(/-+$/, '');
}

/** `shop-web` (application) or `shop-tcp` (network) first, then `shop-tg2`, `shop-tg3`…, never one taken. */
export function defaultTargetGroupName(
  stack: string,
  type: WizardLoadBalancerType,
  index: number,
  taken: ReadonlySet<string>,
): string {
  const first = suffixedName(stack, type === 'application' ? 'web' : 'tcp');
  if (index === 0 && !taken.has(first)) return first;
  for (let n = index + 1; ; n++) {
    const name = suffixedName(stack, `tg${n}`);
    if (!taken.has(name)) return name;
  }
}

/** What a target group serves, from its name: `shop-api` in stack `shop` → `api`. */
function role(stack: string, targetGroup: string): string {
  const rest = targetGroup.startsWith(`${stack}-`) ? targetGroup.slice(stack.length + 1) : targetGroup;
  return (
    rest
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'app'
  );
}

export function defaultRulePattern(stack: string, targetGroup: string, field: 'path' | 'host'): string {
  const r = role(stack, targetGroup);
  return field === 'path' ? `/${r}/*` : `${r}.example.com`;
}

/** `path-api` for /api/*, unique on the listener (`path-api-2` when taken). */
export function ruleNameFor(field: 'path' | 'host', values: readonly string[], taken: ReadonlySet<string>): string {
  const condition: Condition =
    field === 'path' ? { field: 'path-pattern', values: [...values] } : { field: 'host-header', values: [...values] };
  const base = ruleNameFromConditions([condition]) ?? 'rule';
  const candidate = ruleNameProblem(base) === undefined ? base : 'rule';
  if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) if (!taken.has(`${candidate}-${n}`)) return `${candidate}-${n}`;
}

// ------------------------------------------------------------------ inline checks

/** Comma- or space-separated values, empty ones dropped. */
export function splitAnswer(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** A stack name: the rulebook's rule. */
export function stackNameAnswer(value: string): string | undefined {
  return stackNameProblem(value.trim())?.message;
}

export function loadBalancerNameAnswer(value: string): string | undefined {
  return loadBalancerNameProblem(value.trim())?.message;
}

export function targetGroupNameAnswer(value: string, taken: ReadonlySet<string>): string | undefined {
  const name = value.trim();
  const problem = targetGroupNameProblem(name);
  if (problem) return problem.message;
  if (taken.has(name)) return `target group name ${quote(name)}: already used in this stack; choose another name`;
  return undefined;
}

export function portAnswer(value: string, what = 'port'): string | undefined {
  const n = wholeNumber(what, value, 1, 65535);
  return n.ok ? portProblem(n.value, what)?.message : n.problem.message;
}

/** A listener port: valid, and not one the load balancer already listens on. */
export function listenerPortAnswer(value: string, used: readonly number[]): string | undefined {
  const problem = portAnswer(value, 'listener port');
  if (problem) return problem;
  const n = Number(value.trim());
  if (used.includes(n))
    return `listener port ${n}: already has a listener; a load balancer has one listener per port, choose another`;
  return undefined;
}

/** Path or host patterns of one rule, checked as `rule add` and the stack validator check them. */
export function rulePatternAnswer(field: 'path' | 'host', value: string): string | undefined {
  const values = splitAnswer(value);
  if (values.length === 0) {
    return field === 'path'
      ? 'path pattern "": give at least one, e.g. /api/*'
      : 'host pattern "": give at least one, e.g. api.example.com';
  }
  const condition: Condition = field === 'path' ? { field: 'path-pattern', values } : { field: 'host-header', values };
  return conditionProblems([condition])[0]?.message;
}

/** The subnets chosen for a load balancer: one per zone, two zones at least for an application one. */
export function subnetSelectionProblem(
  type: WizardLoadBalancerType,
  chosen: ReadonlyArray<{ id: string; availabilityZone: string }>,
): string | undefined {
  if (chosen.length === 0) return 'subnets: none chosen; choose one subnet in each zone the load balancer should serve';
  const byZone = new Map<string, string>();
  for (const s of chosen) {
    const other = byZone.get(s.availabilityZone);
    if (other !== undefined) {
      return `subnets ${other} and ${s.id}: both are in ${s.availabilityZone}; a load balancer takes one subnet per zone, keep one of them`;
    }
    byZone.set(s.availabilityZone, s.id);
  }
  if (type === 'application' && byZone.size < 2) {
    return `subnets: an application load balancer needs subnets in at least two availability zones, ${byZone.size} chosen; add a subnet in another zone`;
  }
  return undefined;
}

/** Typed subnet IDs (when discovery failed): their format, no repeats, two for an application load balancer. */
export function typedSubnetsProblem(
  type: WizardLoadBalancerType,
  text: string,
  check: (id: string) => string | undefined,
): string | undefined {
  const ids = splitAnswer(text);
  if (ids.length === 0)
    return 'subnets: none given; type one subnet ID per zone, e.g. subnet-0123456789abcdef0, subnet-0123456789abcdef1';
  for (const id of ids) {
    const p = check(id);
    if (p) return p;
  }
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) return `subnet "${repeated}": listed twice; list each subnet once`;
  if (type === 'application' && ids.length < 2) {
    return 'subnets: an application load balancer needs subnets in at least two availability zones, 1 given; add a subnet in another zone';
  }
  return undefined;
}

/** Typed IDs of one kind (VPC, security groups): each checked by its validator; `optional` allows none. */
export function typedIdsProblem(
  text: string,
  check: (id: string) => string | undefined,
  optional: boolean,
  what: string,
): string | undefined {
  const ids = splitAnswer(text);
  if (ids.length === 0) return optional ? undefined : `${what}: none given; type at least one ID`;
  for (const id of ids) {
    const p = check(id);
    if (p) return p;
  }
  return undefined;
}

/** Typed targets for a target group: `i-…`, `10.0.1.5`, `10.0.1.5:8080`; empty means "register later". */
export function parseTargetsAnswer(
  text: string,
  group: { name: string; targetType: WizardTargetType; port: number },
): { ok: true; targets: TargetAnswer[] } | { ok: false; problem: string } {
  const raws = splitAnswer(text);
  if (raws.length === 0) return { ok: true, targets: [] };
  const parsed = parseTargetSpecs(raws, { allowZone: true });
  if (!parsed.ok) return { ok: false, problem: (parsed.problems[0] as Problem).message };
  const misfit = targetsFitGroup(parsed.value, group);
  if (misfit.length > 0) return { ok: false, problem: (misfit[0] as Problem).message };
  return {
    ok: true,
    targets: parsed.value.map((s) => ({
      id: s.id,
      ...(s.port !== undefined ? { port: s.port } : {}),
      ...(s.availabilityZone !== undefined ? { availabilityZone: s.availabilityZone } : {}),
    })),
  };
}

// ------------------------------------------------------------------ defaults from discovery

/** One subnet per zone, zones in order: what the checkbox starts with. */
export function defaultSubnets<S extends { id: string; availabilityZone: string }>(subnets: readonly S[]): S[] {
  const byZone = new Map<string, S>();
  for (const s of [...subnets].sort(
    (a, b) => a.availabilityZone.localeCompare(b.availabilityZone) || a.id.localeCompare(b.id),
  )) {
    if (!byZone.has(s.availabilityZone)) byZone.set(s.availabilityZone, s);
  }
  return [...byZone.values()];
}

export function zoneCount(subnets: ReadonlyArray<{ availabilityZone: string }>): number {
  return new Set(subnets.map((s) => s.availabilityZone)).size;
}

export interface SecurityGroupShape {
  id: string;
  name: string;
  ingress: ReadonlyArray<{
    protocol: string;
    fromPort?: number | undefined;
    toPort?: number | undefined;
    cidrs: readonly string[];
  }>;
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);

function opensToWorld(group: SecurityGroupShape, port: number): boolean {
  return group.ingress.some((rule) => {
    if (!rule.cidrs.some((c) => WORLD.has(c))) return false;
    if (rule.protocol === '-1') return true;
    if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
    return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
  });
}

/**
 * The security groups to pre-check: for an internet-facing load balancer, those that let the
 * world in on its ports; otherwise (or when none does) the VPC's `default` group, which AWS
 * would use anyway.
 */
export function defaultSecurityGroups(
  groups: readonly SecurityGroupShape[],
  scheme: WizardScheme,
  ports: readonly number[],
): string[] {
  if (scheme === 'internet-facing') {
    const open = groups.filter((g) => ports.some((p) => opensToWorld(g, p)));
    if (open.length > 0) return open.map((g) => g.id);
  }
  return groups.filter((g) => g.name === 'default').map((g) => g.id);
}

/** Whether an internet-facing load balancer's groups let anyone reach its listener ports. */
export function securityGroupsOpen(groups: readonly SecurityGroupShape[], ports: readonly number[]): boolean {
  return ports.every((p) => groups.some((g) => opensToWorld(g, p)));
}

// ------------------------------------------------------------------ typed IDs and paths, as the rulebook judges them

export const vpcIdAnswer = (v: string): string | undefined => vpcIdProblem(v)?.message;
export const subnetIdAnswer = (v: string): string | undefined => subnetIdProblem(v)?.message;
export const securityGroupIdAnswer = (v: string): string | undefined => securityGroupIdProblem(v)?.message;
export const certificateArnAnswer = (v: string): string | undefined => certificateArnProblem(v)?.message;

/** An HTTP health check path (the wizard asks for one only on HTTP target groups). */
export function healthCheckPathAnswer(v: string): string | undefined {
  return healthCheckProblems({ path: v }, { name: '', protocol: 'HTTP', targetType: 'instance' }, 'stack')[0]?.message;
}
