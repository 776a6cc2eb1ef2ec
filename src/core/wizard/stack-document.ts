/** The wizard's answers as a stack document with its header, and the summary it shows before writing it. */
import {
  STACK_FILE_VERSION,
  type ListenerFile,
  type LoadBalancerFile,
  type RuleFile,
  type StackFile,
  type TargetGroupFile,
} from '../stack/schema';
import type { ListenerAnswer, TargetGroupAnswer, WizardAnswers } from '../wizard';

// ------------------------------------------------------------------ the document

/** The listener the rules go on: the one that forwards (HTTPS when there is one). */
function routingListener(listeners: readonly ListenerAnswer[]): ListenerAnswer | undefined {
  return listeners.find((l) => l.redirectToHttpsPort === undefined && l.forward !== undefined);
}

function listenerFile(a: WizardAnswers, l: ListenerAnswer): ListenerFile {
  const rules: RuleFile[] =
    a.loadBalancer.type === 'application' && l === routingListener(a.listeners)
      ? a.rules.map((r) => ({
          name: r.name,
          priority: r.priority,
          conditions: r.field === 'path' ? { path: [...r.values] } : { host: [...r.values] },
          action: { forward: r.targetGroup },
        }))
      : [];
  return {
    port: l.port,
    protocol: l.protocol,
    ...(l.certificateArn !== undefined ? { certificates: [l.certificateArn] } : {}),
    defaultAction:
      l.redirectToHttpsPort !== undefined
        ? { redirect: { protocol: 'HTTPS', port: l.redirectToHttpsPort, statusCode: 301 } }
        : { forward: l.forward as string },
    ...(rules.length > 0 ? { rules } : {}),
  };
}

function targetGroupFile(a: WizardAnswers, tg: TargetGroupAnswer): TargetGroupFile {
  const alb = a.loadBalancer.type === 'application';
  return {
    name: tg.name,
    protocol: tg.protocol,
    port: tg.port,
    vpc: a.vpcId,
    targetType: tg.targetType,
    ...(tg.healthCheckPath !== undefined
      ? { healthCheck: alb ? { path: tg.healthCheckPath } : { protocol: 'HTTP' as const, path: tg.healthCheckPath } }
      : {}),
    ...(alb && !a.crossZone ? { crossZone: false } : {}),
    ...(tg.targets !== undefined
      ? {
          targets: tg.targets.map((t) => ({
            id: t.id,
            ...(t.port !== undefined ? { port: t.port } : {}),
            ...(t.availabilityZone !== undefined ? { availabilityZone: t.availabilityZone } : {}),
          })),
        }
      : {}),
  };
}

/** The answers as a stack file document (what `elbctl validate` then checks like any other). */
export function buildStackDocument(a: WizardAnswers): StackFile {
  const lb = a.loadBalancer;
  const loadBalancer: LoadBalancerFile = {
    name: lb.name,
    type: lb.type,
    scheme: lb.scheme,
    subnets: [...lb.subnets],
    ...(lb.securityGroups !== undefined && lb.securityGroups.length > 0
      ? { securityGroups: [...lb.securityGroups] }
      : {}),
    ...(lb.type === 'network' && a.crossZone ? { crossZone: true } : {}),
    listeners: a.listeners.map((l) => listenerFile(a, l)),
  };
  return {
    version: STACK_FILE_VERSION as 1,
    stack: a.stack,
    ...(a.region !== undefined ? { region: a.region } : {}),
    loadBalancers: [loadBalancer],
    targetGroups: a.targetGroups.map((tg) => targetGroupFile(a, tg)),
  };
}

/** The comment at the top of the written file: where it came from and what to run next. */
export function stackFileHeader(file: string, now: Date): string[] {
  return [
    `Written by \`elbctl init\` on ${now.toISOString()}. Edit it freely: it is a plain stack file.`,
    `  elbctl validate -f ${file}   # check it, offline`,
    `  elbctl plan -f ${file}       # see what apply would change`,
    `  elbctl apply -f ${file}      # make AWS match it`,
    'The format: docs/stacks.md in the elbctl repository.',
  ];
}

// ------------------------------------------------------------------ the summary

const list = (items: readonly string[], max = 3) =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

function listenerLine(l: ListenerAnswer): string {
  const where = `${l.protocol} ${l.port}`;
  if (l.redirectToHttpsPort !== undefined) return `${where} → redirect to HTTPS ${l.redirectToHttpsPort}`;
  return `${where}${l.certificateArn !== undefined ? ` (certificate …${l.certificateArn.slice(-12)})` : ''} → ${l.forward ?? '?'}`;
}

function targetsLine(tg: TargetGroupAnswer): string {
  const kind = tg.targetType === 'instance' ? 'instances' : 'IP addresses';
  if (tg.targets === undefined || tg.targets.length === 0)
    return `${kind}: none yet (register later with elbctl targets register ${tg.name} ID…)`;
  return `${kind}: ${list(tg.targets.map((t) => (t.port !== undefined ? `${t.id}:${t.port}` : t.id)))}`;
}

/** What the answers amount to, one line per resource (shown before the plan). */
export function summaryLines(a: WizardAnswers, file: string): string[] {
  const lb = a.loadBalancer;
  const zones =
    lb.zones !== undefined && lb.zones.length > 0
      ? `${lb.zones.length} zone(s): ${list(lb.zones)}`
      : `${lb.subnets.length} subnet(s)`;
  const lines = [
    `Stack "${a.stack}" → ${file}${a.region !== undefined ? ` (region ${a.region})` : ''}`,
    `  load balancer  ${lb.name}: ${lb.type}, ${lb.scheme}, ${zones}, in ${a.vpcId}`,
  ];
  if (lb.type === 'application') {
    lines.push(
      `  security       ${lb.securityGroups && lb.securityGroups.length > 0 ? list(lb.securityGroups) : "the VPC's default security group"}`,
    );
  }
  for (const l of a.listeners) lines.push(`  listener       ${listenerLine(l)}`);
  for (const tg of a.targetGroups) {
    const health =
      tg.healthCheckPath !== undefined ? `health check ${tg.healthCheckPath}` : 'health check: TCP connection';
    lines.push(`  target group   ${tg.name}: ${tg.protocol} ${tg.port}, ${health}, ${targetsLine(tg)}`);
  }
  for (const r of a.rules)
    lines.push(
      `  rule           ${r.name} (priority ${r.priority}): ${r.field} ${r.values.join(', ')} → ${r.targetGroup}`,
    );
  const crossZone =
    lb.type === 'application'
      ? a.crossZone
        ? 'on (always, for an application load balancer)'
        : 'off for these target groups'
      : a.crossZone
        ? 'on (inter-AZ data transfer is billed)'
        : 'off (the network load balancer default)';
  lines.push(`  cross-zone     ${crossZone}`);
  return lines;
}
