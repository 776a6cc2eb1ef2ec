/**
 * A Classic load balancer → an elbctl stack file (the translation `elbctl migrate` writes).
 * Pure: the live Classic load balancer comes in (src/aws/elb.ts reads it), a stack document,
 * its YAML text and the findings come out.
 *
 * Nothing is dropped silently: every change of value is a note, and what has no ELBv2
 * equivalent (backend authentication, proxy protocol, custom SSL ciphers, a TCP health check
 * for an application load balancer) is a blocking finding with the manual step. The text is
 * checked by the same loader and rulebook as any stack file; whatever it refuses becomes a
 * blocking finding too, so a file without blocking findings always validates.
 */
import { quote } from '../echo';
import type { Problem } from '../rules/problem';
import { loadStack } from '../stack/load';
import { renderStackYaml } from '../stack/export/render-yaml';
import type { ListenerFile, LoadBalancerFile, StackFile, StickinessFile, TargetGroupFile } from '../stack/schema';
import { blocking, type Finding, findingLine, isBlocking, note } from './findings';
import {
  chooseType,
  listenerProtocol,
  type MigrateTo,
  slotOf,
  targetGroupSlots,
  type TargetGroupSlot,
} from './listeners';
import type { ClassicLoadBalancer } from './model';
import {
  backendFindings,
  otherListenerPolicyFindings,
  translateHealthCheck,
  translateLbAttributes,
  translateStickiness,
  translateTlsPolicy,
} from './settings';

export interface TranslateOptions {
  to?: MigrateTo | undefined;
  /** The new load balancer's name (default: the Classic one's). */
  name?: string | undefined;
  /** An HTTP path to check when the Classic health check is TCP/SSL. */
  healthPath?: string | undefined;
  region?: string | undefined;
}

export interface Translation {
  classicName: string;
  name: string;
  type: MigrateTo;
  /** Why this type (printed with the result). */
  typeReason: string;
  file: StackFile;
  /** The file's text, findings at its top. */
  text: string;
  findings: Finding[];
  blocked: boolean;
  targetGroups: TargetGroupSlot[];
}

export type TranslateResult = { ok: true; translation: Translation } | { ok: false; problems: Problem[] };

const RESERVED_TAG = /^(aws|elbctl):/;

export function translate(clb: ClassicLoadBalancer, options: TranslateOptions): TranslateResult {
  const chosen = chooseType(clb.listeners, options.to, clb.name);
  if (!chosen.ok) return { ok: false, problems: [chosen.problem] };
  const { type, reason } = chosen.choice;
  const name = options.name ?? clb.name;
  const findings: Finding[] = [];

  const slots = targetGroupSlots(type, clb.listeners, name);
  const hc = translateHealthCheck(clb.healthCheck, type, options.healthPath);
  findings.push(...hc.findings);

  // Stickiness lives on the target group in ELBv2: the first listener's policy wins, said aloud.
  const stickiness = new Map<string, { stickiness: StickinessFile; from: number }>();
  const listeners: ListenerFile[] = [];
  for (const l of clb.listeners) {
    const slot = slotOf(type, slots, l);
    const protocol = listenerProtocol(type, l.protocol);
    const listener: ListenerFile = { port: l.port, protocol, defaultAction: { forward: slot.name } };
    if ((l.protocol === 'HTTP' || l.protocol === 'HTTPS') && protocol !== l.protocol)
      findings.push(note(`listener ${l.port}`, `${l.protocol} → ${protocol}: the load balancer no longer reads HTTP`));
    if (protocol === 'HTTPS' || protocol === 'TLS') {
      if (l.certificateId) listener.certificates = [l.certificateId];
      else
        findings.push(blocking(`listener ${l.port}`, 'has no certificate', 'add certificates: [ARN] to this listener'));
      const tls = translateTlsPolicy(l, clb.policies);
      if (tls.sslPolicy) listener.sslPolicy = tls.sslPolicy;
      findings.push(...tls.findings);
    }
    const sticky = translateStickiness(l, clb.policies, type);
    findings.push(...sticky.findings);
    const taken = stickiness.get(slot.name);
    if (sticky.stickiness && !taken) stickiness.set(slot.name, { stickiness: sticky.stickiness, from: l.port });
    else if (sticky.stickiness && taken && JSON.stringify(taken.stickiness) !== JSON.stringify(sticky.stickiness))
      findings.push(
        note(
          `listener ${l.port}`,
          `its stickiness differs from listener ${taken.from}'s, and both forward to ${slot.name}; kept listener ${taken.from}'s`,
        ),
      );
    findings.push(...otherListenerPolicyFindings(l, clb.policies));
    listeners.push(listener);
  }
  findings.push(...backendFindings(clb.backends, clb.policies, type));

  const a = clb.attributes;
  const deregistrationDelay = a.draining.enabled ? a.draining.timeoutSeconds : 0;
  if (!a.draining.enabled)
    findings.push(
      note('connection draining', 'off on the Classic load balancer → deregistration delay 0 s (not ELBv2’s 300 s)'),
    );

  const targetGroups: TargetGroupFile[] = slots.map((s) => {
    const tg: TargetGroupFile = {
      name: s.name,
      protocol: s.protocol,
      port: s.port,
      ...(clb.vpcId ? { vpc: clb.vpcId } : {}),
      targetType: 'instance',
      // A copy each: one object shared by two target groups would be written as a YAML anchor and alias.
      ...(hc.healthCheck ? { healthCheck: { ...hc.healthCheck } } : {}),
      deregistrationDelay,
      targets: clb.instances.map((id) => ({ id })),
    };
    const sticky = stickiness.get(s.name)?.stickiness;
    if (sticky) tg.stickiness = sticky;
    if (type === 'application' && !a.crossZone) {
      if (sticky) {
        findings.push(
          note(
            `target group ${s.name}`,
            'cross-zone was off on the Classic load balancer, but an application load balancer target group with cross-zone off cannot be sticky: kept stickiness, cross-zone on',
          ),
        );
      } else {
        tg.crossZone = false;
        findings.push(
          note(
            `target group ${s.name}`,
            'cross-zone was off on the Classic load balancer (the API default): kept off; set crossZone: true to spread requests over every zone',
          ),
        );
      }
    }
    return tg;
  });
  if (!clb.vpcId)
    findings.push(
      blocking('load balancer', 'has no VPC (EC2-Classic)', 'set vpc on each target group to the VPC of its instances'),
    );

  const lbAttributes = translateLbAttributes(
    a,
    type,
    clb.listeners.some((l) => l.protocol === 'SSL' || l.protocol === 'HTTPS'),
  );
  findings.push(...lbAttributes.findings);
  const userTags = Object.fromEntries(Object.entries(clb.tags).filter(([k]) => !RESERVED_TAG.test(k)));
  const dropped = Object.keys(clb.tags).filter((k) => RESERVED_TAG.test(k));
  if (dropped.length > 0)
    findings.push(note('tags', `left out reserved tag keys ${dropped.map((k) => quote(k)).join(', ')}`));

  const loadBalancer: LoadBalancerFile = {
    name,
    type,
    scheme: clb.scheme,
    subnets: clb.subnets,
    ...(clb.securityGroups.length > 0 ? { securityGroups: clb.securityGroups } : {}),
    ...(type === 'network' ? { crossZone: a.crossZone } : {}),
    ...(Object.keys(lbAttributes.attributes).length > 0 ? { attributes: lbAttributes.attributes } : {}),
    ...(Object.keys(userTags).length > 0 ? { tags: userTags } : {}),
    listeners,
  };
  if (type === 'network' && a.crossZone)
    findings.push(
      note(
        'cross-zone',
        'on, as on the Classic load balancer; on a network load balancer it is billed as inter-AZ data',
      ),
    );
  if (type === 'application')
    findings.push(
      note(
        'load balancer',
        'drops invalid HTTP header fields (elbctl’s secure default; the Classic one passed them): set dropInvalidHeaderFields: false if clients rely on them',
      ),
    );

  const file: StackFile = {
    version: 1,
    stack: name,
    ...(options.region ? { region: options.region } : {}),
    loadBalancers: [loadBalancer],
    targetGroups,
  };

  // The same loader as any stack file: what it refuses is a blocking finding, never a surprise at apply.
  const draft = renderStackYaml(file, []);
  const loaded = loadStack(draft, `${name}.yaml`);
  if (!loaded.ok)
    for (const p of loaded.problems)
      findings.push(blocking('stack file', p.message, 'fix this value in the file, then delete this finding'));

  const blocked = findings.some(isBlocking);
  const text = renderStackYaml(file, header(clb.name, name, type, reason, findings));
  return {
    ok: true,
    translation: {
      classicName: clb.name,
      name,
      type,
      typeReason: reason,
      file,
      text,
      findings,
      blocked,
      targetGroups: slots,
    },
  };
}

function header(
  classic: string,
  name: string,
  type: MigrateTo,
  reason: string,
  findings: readonly Finding[],
): string[] {
  const lines = [
    `Written by \`elbctl migrate ${classic}\`: Classic load balancer "${classic}" → ${type} load balancer "${name}" (${reason}).`,
  ];
  const block = findings.filter(isBlocking);
  const notes = findings.filter((f) => !isBlocking(f));
  if (block.length > 0) {
    lines.push(
      '',
      `BLOCKING (${block.length}): each needs a manual step; \`elbctl migrate --apply\` refuses this file while they stand.`,
      'Do the step, delete the line, then `elbctl apply -f` this file.',
    );
    for (const f of block) lines.push(`  - ${findingLine(f)}`);
  }
  if (notes.length > 0) {
    lines.push('', `NOTES (${notes.length}): what changed on the way, and why.`);
    for (const f of notes) lines.push(`  - ${findingLine(f)}`);
  }
  return lines;
}
