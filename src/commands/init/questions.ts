/**
 * The wizard's conversation: stack name → load balancer type, name and scheme → VPC → subnets →
 * security groups → listeners → target groups → targets → routing rules → cross-zone. Each
 * question offers a default that came from discovery (or from wizard.ts), and checks its
 * answer with the core validators, so a refused answer is asked again with the reason. When a
 * lookup fails, the question asks for typed IDs instead.
 *
 * The same flow runs for `--defaults`, answered by the defaults prompter; where only a person
 * could decide, it stops with a usage error that says why.
 */
import type { Certificate } from '../../aws/acm';
import type { Instance, SecurityGroup, Subnet, Vpc } from '../../aws/ec2';
import { usageError } from '../../core/errors';
import { certificateArn, healthCheckPath, securityGroupId, subnetId, vpcId as vpcIdProblem } from '../../core/validate';
import {
  LOAD_BALANCER_TYPE_CHOICES,
  SCHEME_CHOICES,
  crossZoneExplanation,
  crossZoneQuestion,
  defaultLoadBalancerName,
  defaultRulePattern,
  defaultSecurityGroups,
  defaultSubnets,
  defaultTargetGroupName,
  listenerPortAnswer,
  loadBalancerNameAnswer,
  parseTargetsAnswer,
  portAnswer,
  ruleNameFor,
  RULE_PRIORITY_STEP,
  rulePatternAnswer,
  securityGroupsOpen,
  splitAnswer,
  stackNameAnswer,
  subnetSelectionProblem,
  targetGroupNameAnswer,
  typedIdsProblem,
  typedSubnetsProblem,
  zoneCount,
  type ListenerAnswer,
  type RuleAnswer,
  type TargetAnswer,
  type TargetGroupAnswer,
  type WizardAnswers,
  type WizardListenerProtocol,
  type WizardLoadBalancerType,
  type WizardScheme,
  type WizardTargetGroupProtocol,
  type WizardTargetType,
} from '../../core/wizard';
import type { Choice, Prompter } from '../../ui/prompter';
import type { Discovery, Found } from './discovery';

export interface WizardDeps {
  prompter: Prompter;
  /** False with --defaults: nobody to type an ID or make a choice that has no default. */
  interactive: boolean;
  discovery: Discovery;
  /** A line of the conversation (explanations), on stderr. */
  say(line: string): void;
  /** Something the user should know (a failed lookup, a choice that will not work as hoped). */
  warn(line: string): void;
  region?: string | undefined;
  defaultStack: string;
}

/** Security groups per load balancer (AWS limit). */
const MAX_SECURITY_GROUPS = 5;

const pad = (text: string, width: number) => text.padEnd(width);

/** The failed lookup's message, without our own leading "list VPCs: ". */
const reason = (found: Extract<Found<unknown>, { ok: false }>) => found.error.message;

export class Wizard {
  private stack = '';
  private type: WizardLoadBalancerType = 'application';
  private vpcId = '';
  private discoveredGroups: SecurityGroup[] | undefined;
  private chosenGroups: string[] | undefined;
  private warnedNoInstances = false;

  constructor(private readonly deps: WizardDeps) {}

  private get ask(): Prompter {
    return this.deps.prompter;
  }

  /** Only a person can get past this point; with --defaults, say why and stop. */
  private needPerson(code: string, message: string): void {
    if (!this.deps.interactive) {
      throw usageError(code, `init --defaults: ${message}`, {
        hint: 'run `elbctl init` on a terminal to choose, or write a stack file and run `elbctl apply -f FILE`',
      });
    }
  }

  /** A failed lookup: with --defaults it ends the run as it is (e.g. access denied, exit 77). */
  private lookupFailed(found: Extract<Found<unknown>, { ok: false }>, then: string): void {
    if (!this.deps.interactive) throw found.error;
    this.deps.warn(`${reason(found)}; ${then}`);
  }

  async run(): Promise<WizardAnswers> {
    this.stack = await this.askStackName();
    this.type = await this.ask.select('Load balancer type', LOAD_BALANCER_TYPE_CHOICES, {
      default: 'application' as WizardLoadBalancerType,
    });
    let name = await this.ask.input('Load balancer name', {
      default: defaultLoadBalancerName(this.stack, this.type),
      validate: loadBalancerNameAnswer,
    });
    name = name.trim();
    const scheme = await this.ask.select<WizardScheme>('Scheme', SCHEME_CHOICES, { default: 'internet-facing' });

    const chosenType = this.type;
    const network = await this.network();
    if (this.type !== chosenType && name === defaultLoadBalancerName(this.stack, chosenType)) {
      name = defaultLoadBalancerName(this.stack, this.type);
      this.deps.say(`The load balancer is now named ${name}.`);
    }
    const securityGroups = this.type === 'application' ? await this.askSecurityGroups(scheme) : undefined;
    const listeners = this.type === 'application' ? await this.albListeners() : await this.nlbListeners();
    if (this.type === 'application' && scheme === 'internet-facing') this.checkGroupsOpen(listeners.map((l) => l.port));

    const targetGroups = await this.askTargetGroups(listeners);
    for (const tg of targetGroups) tg.targets = await this.askTargets(tg);
    this.connect(listeners, targetGroups);
    if (this.type === 'network' && targetGroups.length > 1) await this.nlbForwards(listeners, targetGroups);
    const rules = this.type === 'application' && targetGroups.length > 1 ? await this.askRules(targetGroups) : [];

    this.deps.say(crossZoneExplanation(this.type));
    const flip = await this.ask.confirm(crossZoneQuestion(this.type), { default: false });

    return {
      stack: this.stack,
      ...(this.deps.region !== undefined ? { region: this.deps.region } : {}),
      vpcId: this.vpcId,
      loadBalancer: {
        name,
        type: this.type,
        scheme,
        subnets: network.subnets,
        ...(network.zones !== undefined ? { zones: network.zones } : {}),
        ...(securityGroups !== undefined ? { securityGroups } : {}),
      },
      listeners,
      targetGroups,
      rules,
      crossZone: this.type === 'application' ? !flip : flip,
    };
  }

  // ---------------------------------------------------------------- stack

  private async askStackName(): Promise<string> {
    const name = await this.ask.input('Stack name', { default: this.deps.defaultStack, validate: stackNameAnswer });
    return name.trim();
  }

  // ---------------------------------------------------------------- VPC and subnets

  private async network(): Promise<{ subnets: string[]; zones?: string[] | undefined }> {
    for (;;) {
      const vpcs = await this.askVpc();
      const found = await this.deps.discovery.subnets(this.vpcId);
      if (!found.ok) {
        this.lookupFailed(found, 'type the subnet IDs instead');
        return { subnets: await this.typeSubnets() };
      }
      const subnets = found.value;
      if (subnets.length === 0) {
        this.needPerson('E_INIT_NO_SUBNETS', `${this.vpcId} has no subnets; create one per availability zone first`);
        this.deps.warn(`${this.vpcId} has no subnets; a load balancer needs one per availability zone`);
        const next = await this.ask.select<'vpc' | 'type'>('What now?', [
          ...(vpcs.length > 1 ? [{ value: 'vpc' as const, name: 'choose another VPC' }] : []),
          { value: 'type', name: 'type subnet IDs (subnets being created now)' },
        ]);
        if (next === 'vpc') continue;
        return { subnets: await this.typeSubnets() };
      }
      if (this.type === 'application' && zoneCount(subnets) < 2) {
        const zone = subnets[0]?.availabilityZone ?? '';
        this.needPerson(
          'E_INIT_ONE_ZONE',
          `${this.vpcId} has subnets in one availability zone only (${zone}), and an application load balancer needs two; add a subnet in another zone, or choose a network load balancer or another VPC`,
        );
        this.deps.warn(
          `${this.vpcId} has subnets in one availability zone only (${zone}); an application load balancer needs two`,
        );
        const next = await this.ask.select<'vpc' | 'network' | 'type'>('What now?', [
          ...(vpcs.length > 1 ? [{ value: 'vpc' as const, name: 'choose another VPC' }] : []),
          { value: 'network', name: 'use a network load balancer instead (one zone is enough)' },
          { value: 'type', name: 'type subnet IDs (a subnet in another zone being created now)' },
        ]);
        if (next === 'vpc') continue;
        if (next === 'type') return { subnets: await this.typeSubnets() };
        this.type = 'network';
      }
      return this.chooseSubnets(subnets);
    }
  }

  /** The VPC's ID goes to `this.vpcId`; returns the VPCs discovered (empty when typed). */
  private async askVpc(): Promise<Vpc[]> {
    const found = await this.deps.discovery.vpcs();
    if (!found.ok || found.value.length === 0) {
      if (!found.ok) this.lookupFailed(found, 'type the VPC ID instead');
      else {
        this.needPerson(
          'E_INIT_NO_VPC',
          `there is no VPC in ${this.deps.region ?? 'this region'}; create one (\`aws ec2 create-default-vpc\`) first`,
        );
        this.deps.warn(
          `there is no VPC in ${this.deps.region ?? 'this region'}; create one (\`aws ec2 create-default-vpc\`), then type its ID`,
        );
      }
      const typed = await this.ask.input('VPC ID', { validate: (v) => typedIdsProblem(v, vpcIdProblem, false, 'VPC') });
      this.vpcId = splitAnswer(typed)[0] as string;
      return [];
    }
    const vpcs = found.value;
    const preferred = vpcs.find((v) => v.isDefault);
    if (!preferred) {
      this.needPerson(
        'E_INIT_NO_DEFAULT_VPC',
        `there is no default VPC in ${this.deps.region ?? 'this region'}, so there is no default to take`,
      );
      this.deps.say(`There is no default VPC in ${this.deps.region ?? 'this region'}; choose one.`);
    }
    const width = Math.max(...vpcs.map((v) => v.id.length));
    const choices: Choice<string>[] = vpcs.map((v) => ({
      value: v.id,
      short: v.id,
      name: [pad(v.id, width), pad(v.cidr, 18), v.isDefault ? 'default VPC' : '', v.name ?? '']
        .filter(Boolean)
        .join('  '),
    }));
    this.vpcId = await this.ask.select('VPC', choices, preferred ? { default: preferred.id } : {});
    return vpcs;
  }

  private async chooseSubnets(subnets: readonly Subnet[]): Promise<{ subnets: string[]; zones: string[] }> {
    const preselected = new Set(defaultSubnets(subnets).map((s) => s.id));
    const sorted = [...subnets].sort(
      (a, b) => a.availabilityZone.localeCompare(b.availabilityZone) || a.id.localeCompare(b.id),
    );
    const width = Math.max(...sorted.map((s) => s.id.length));
    const type = this.type;
    const chosen = await this.ask.checkbox<string>(
      type === 'application' ? 'Subnets (one per zone, at least two zones)' : 'Subnets (one per zone)',
      sorted.map((s) => ({
        value: s.id,
        short: s.id,
        name: [pad(s.id, width), pad(s.availabilityZone, 12), pad(s.cidr, 18), s.name ?? ''].join('  ').trimEnd(),
        checked: preselected.has(s.id),
      })),
      {
        validate: (ids) =>
          subnetSelectionProblem(
            type,
            ids.map((id) => sorted.find((s) => s.id === id) as Subnet),
          ),
      },
    );
    const picked = sorted.filter((s) => chosen.includes(s.id));
    return { subnets: picked.map((s) => s.id), zones: picked.map((s) => s.availabilityZone) };
  }

  private async typeSubnets(): Promise<string[]> {
    const type = this.type;
    const typed = await this.ask.input(
      `Subnet IDs (comma-separated, one per zone${type === 'application' ? ', two zones at least' : ''})`,
      {
        validate: (v) => typedSubnetsProblem(type, v, subnetId),
      },
    );
    return splitAnswer(typed);
  }

  // ---------------------------------------------------------------- security groups

  private async askSecurityGroups(scheme: WizardScheme): Promise<string[] | undefined> {
    const found = await this.deps.discovery.securityGroups(this.vpcId);
    if (!found.ok) {
      this.lookupFailed(found, 'type the security group IDs instead');
      const typed = await this.ask.input("Security group IDs (comma-separated; empty: the VPC's default group)", {
        default: '',
        validate: (v) =>
          typedIdsProblem(v, securityGroupId, true, 'security groups') ??
          (splitAnswer(v).length > MAX_SECURITY_GROUPS
            ? `security groups: ${splitAnswer(v).length} given, the limit is ${MAX_SECURITY_GROUPS}`
            : undefined),
      });
      const ids = splitAnswer(typed);
      return ids.length > 0 ? ids : undefined;
    }
    const groups = found.value;
    if (groups.length === 0) {
      this.deps.say(`${this.vpcId} has no security groups to choose from; AWS uses the VPC's default group.`);
      return undefined;
    }
    this.discoveredGroups = groups;
    const preselected = new Set(defaultSecurityGroups(groups, scheme, [80, 443]));
    const width = Math.max(...groups.map((g) => g.id.length));
    const chosen = await this.ask.checkbox<string>(
      'Security groups (which traffic may reach the load balancer)',
      groups.map((g) => ({
        value: g.id,
        short: `${g.id} (${g.name})`,
        name: `${pad(g.id, width)}  ${g.name}`,
        checked: preselected.has(g.id),
      })),
      {
        validate: (ids) =>
          ids.length > MAX_SECURITY_GROUPS
            ? `security groups: ${ids.length} chosen, the limit is ${MAX_SECURITY_GROUPS}; uncheck some`
            : undefined,
      },
    );
    this.chosenGroups = chosen;
    return chosen.length > 0 ? chosen : undefined;
  }

  /** An internet-facing load balancer nobody can reach is the classic first-day surprise: say so. */
  private checkGroupsOpen(ports: readonly number[]): void {
    if (!this.discoveredGroups || !this.chosenGroups) return;
    const groups = this.discoveredGroups;
    const chosen =
      this.chosenGroups.length > 0
        ? groups.filter((g) => this.chosenGroups?.includes(g.id))
        : groups.filter((g) => g.name === 'default');
    if (securityGroupsOpen(chosen, ports)) return;
    this.deps.warn(
      `the chosen security groups do not let the internet in on port ${ports.join(' and ')}; add an inbound rule (e.g. \`aws ec2 authorize-security-group-ingress --group-id ${chosen[0]?.id ?? 'sg-…'} --protocol tcp --port ${ports[ports.length - 1] ?? 80} --cidr 0.0.0.0/0\`) or clients will time out`,
    );
  }

  // ---------------------------------------------------------------- listeners

  private async certificates(): Promise<Certificate[]> {
    const found = await this.deps.discovery.certificates();
    if (!found.ok) {
      this.lookupFailed(found, 'you can type a certificate ARN instead');
      return [];
    }
    if (found.value.length === 0) {
      this.deps.warn(
        `no issued ACM certificate in ${this.deps.region ?? 'this region'}: HTTPS needs one (request it with \`aws acm request-certificate\`); you can type a certificate ARN, or use plain HTTP`,
      );
    }
    return found.value;
  }

  private static certificateLabel(c: Certificate): string {
    const more =
      c.alternativeNames.length > 0
        ? ` (+${c.alternativeNames.length} name${c.alternativeNames.length > 1 ? 's' : ''})`
        : '';
    return `${c.domainName || 'no domain name'}${more}, …${c.arn.slice(-12)}`;
  }

  private async typeCertificate(): Promise<string> {
    const typed = await this.ask.input('Certificate ARN', { validate: (v) => certificateArn(v.trim()) });
    return typed.trim();
  }

  private async albListeners(): Promise<ListenerAnswer[]> {
    const certs = await this.certificates();
    const TYPE = 'type';
    const HTTP = 'http';
    const choices: Choice<string>[] = [
      ...certs.map((c) => ({
        value: c.arn,
        short: `HTTPS 443 (${c.domainName || c.arn}), HTTP 80 redirects`,
        name: `HTTPS on 443 with ${Wizard.certificateLabel(c)}; HTTP on 80 redirects to it`,
      })),
      {
        value: TYPE,
        short: 'HTTPS 443 (certificate typed next), HTTP 80 redirects',
        name: 'HTTPS on 443 with a certificate ARN I type; HTTP on 80 redirects to it',
      },
      { value: HTTP, short: 'HTTP 80', name: 'HTTP on 80 only (no certificate: traffic is not encrypted)' },
    ];
    const picked = await this.ask.select('Listeners', choices, { default: certs[0]?.arn ?? HTTP });
    if (picked === HTTP) return [{ protocol: 'HTTP', port: 80 }];
    const certificate = picked === TYPE ? await this.typeCertificate() : picked;
    return [
      { protocol: 'HTTP', port: 80, redirectToHttpsPort: 443 },
      { protocol: 'HTTPS', port: 443, certificateArn: certificate },
    ];
  }

  private async nlbListeners(): Promise<ListenerAnswer[]> {
    const listeners: ListenerAnswer[] = [];
    do {
      const protocol = await this.ask.select<WizardListenerProtocol>(
        listeners.length === 0 ? 'Listener protocol' : 'Next listener protocol',
        [
          { value: 'TCP', short: 'TCP', name: 'TCP  passes connections through to the targets as they are' },
          { value: 'TLS', short: 'TLS', name: 'TLS  ends TLS at the load balancer with an ACM certificate' },
        ],
        { default: 'TCP' },
      );
      const used = listeners.map((l) => l.port);
      const preferred = protocol === 'TLS' ? [443, 8443, 80] : [80, 443, 8080];
      const free = preferred.find((p) => !used.includes(p));
      const port = await this.ask.input('Listener port', {
        ...(free !== undefined ? { default: String(free) } : {}),
        validate: (v) => listenerPortAnswer(v, used),
      });
      const listener: ListenerAnswer = { protocol, port: Number(port.trim()) };
      if (protocol === 'TLS') listener.certificateArn = await this.askNlbCertificate();
      listeners.push(listener);
    } while (await this.ask.confirm('Add another listener?', { default: false }));
    return listeners;
  }

  private async askNlbCertificate(): Promise<string> {
    const certs = await this.certificates();
    const TYPE = 'type';
    const picked = await this.ask.select(
      'Certificate',
      [
        ...certs.map((c) => ({ value: c.arn, short: c.domainName || c.arn, name: Wizard.certificateLabel(c) })),
        { value: TYPE, name: 'a certificate ARN I type' },
      ],
      certs[0] ? { default: certs[0].arn } : {},
    );
    return picked === TYPE ? this.typeCertificate() : picked;
  }

  // ---------------------------------------------------------------- target groups

  private async askTargetGroups(listeners: readonly ListenerAnswer[]): Promise<TargetGroupAnswer[]> {
    const groups: TargetGroupAnswer[] = [];
    const alb = this.type === 'application';
    do {
      const taken = new Set(groups.map((g) => g.name));
      const name = (
        await this.ask.input(groups.length === 0 ? 'Target group name' : 'Next target group name', {
          default: defaultTargetGroupName(this.stack, this.type, groups.length, taken),
          validate: (v) => targetGroupNameAnswer(v, taken),
        })
      ).trim();
      const protocolChoices: Choice<WizardTargetGroupProtocol>[] = alb
        ? [
            {
              value: 'HTTP',
              short: 'HTTP',
              name: 'HTTP   the targets speak plain HTTP (TLS, if any, ends at the load balancer)',
            },
            { value: 'HTTPS', short: 'HTTPS', name: 'HTTPS  the targets speak HTTPS themselves' },
          ]
        : [
            { value: 'TCP', short: 'TCP', name: 'TCP  the targets get the connections as they are' },
            // A TCP listener forwards to TCP target groups only, so TLS is offered only when every listener is TLS.
            ...(listeners.every((l) => l.protocol === 'TLS')
              ? [{ value: 'TLS' as const, short: 'TLS', name: 'TLS  the load balancer opens TLS to the targets again' }]
              : []),
          ];
      const protocol = await this.ask.select<WizardTargetGroupProtocol>(`Protocol of ${name}`, protocolChoices, {
        default: alb ? 'HTTP' : 'TCP',
      });
      const port = await this.ask.input(`Port the targets of ${name} listen on`, {
        default: String(alb ? 80 : (listeners[0]?.port ?? 80)),
        validate: (v) => portAnswer(v),
      });
      const health = alb
        ? await this.ask.input(`Health check path of ${name}`, {
            default: '/',
            validate: (v) => healthCheckPath(v.trim()),
          })
        : await this.ask.input(`Health check path of ${name} (empty: check that a TCP connection opens)`, {
            default: '',
            validate: (v) => (v.trim() === '' ? undefined : healthCheckPath(v.trim())),
          });
      groups.push({
        name,
        protocol,
        port: Number(port.trim()),
        ...(health.trim() !== '' ? { healthCheckPath: health.trim() } : {}),
        targetType: 'instance',
      });
    } while (await this.ask.confirm('Add another target group?', { default: false }));
    return groups;
  }

  // ---------------------------------------------------------------- targets

  private async askTargets(tg: TargetGroupAnswer): Promise<TargetAnswer[] | undefined> {
    const found = await this.deps.discovery.runningInstances(this.vpcId);
    const running: Instance[] = found.ok ? found.value : [];
    if (!this.warnedNoInstances && running.length === 0) {
      this.warnedNoInstances = true;
      if (!found.ok) this.lookupFailed(found, 'type instance IDs or IP addresses instead');
      else
        this.deps.say(
          `There are no running instances in ${this.vpcId}; type instance IDs or IP addresses, or leave it empty and register targets later.`,
        );
    }
    const kind = await this.ask.select<WizardTargetType>(
      `Targets of ${tg.name}`,
      [
        {
          value: 'instance',
          short: 'EC2 instances',
          name:
            running.length > 0
              ? `EC2 instances (${running.length} running in ${this.vpcId})`
              : 'EC2 instances (type their IDs)',
        },
        {
          value: 'ip',
          short: 'IP addresses',
          name: 'IP addresses (containers, on-premises servers, anything with an IP)',
        },
      ],
      { default: 'instance' },
    );
    tg.targetType = kind;
    let targets: TargetAnswer[];
    if (kind === 'instance' && running.length > 0) {
      const width = Math.max(...running.map((i) => i.id.length));
      const ids = await this.ask.checkbox<string>(
        `Instances to register in ${tg.name} (space to check; none: register later)`,
        running.map((i) => ({
          value: i.id,
          short: i.id,
          name: [pad(i.id, width), pad(i.availabilityZone ?? '', 12), pad(i.privateIp ?? '', 15), i.name ?? '']
            .join('  ')
            .trimEnd(),
        })),
      );
      targets = ids.map((id) => ({ id }));
    } else {
      const group = { name: tg.name, targetType: kind, port: tg.port };
      const typed = await this.ask.input(
        `${kind === 'instance' ? 'Instance IDs' : 'IP addresses'} for ${tg.name} (comma-separated, ID or ID:PORT; empty: register later)`,
        {
          default: '',
          validate: (v) => {
            const r = parseTargetsAnswer(v, group);
            return r.ok ? undefined : r.problem;
          },
        },
      );
      const parsed = parseTargetsAnswer(typed, group);
      targets = parsed.ok ? parsed.targets : [];
    }
    return targets.length > 0 ? targets : undefined;
  }

  // ---------------------------------------------------------------- wiring and rules

  /** The forwarding listener(s) send everything to the first target group; rules do the rest. */
  private connect(listeners: ListenerAnswer[], groups: readonly TargetGroupAnswer[]): void {
    const first = groups[0]?.name;
    for (const l of listeners) if (l.redirectToHttpsPort === undefined) l.forward = first;
  }

  private async nlbForwards(listeners: ListenerAnswer[], groups: readonly TargetGroupAnswer[]): Promise<void> {
    for (const l of listeners) {
      const fitting = groups.filter((g) => g.protocol === 'TCP' || l.protocol === 'TLS');
      l.forward = await this.ask.select(
        `Listener ${l.protocol} ${l.port} forwards to`,
        fitting.map((g) => ({ value: g.name, short: g.name, name: `${g.name}  (${g.protocol} ${g.port})` })),
        { default: fitting[0]?.name as string },
      );
    }
    const unused = groups.filter((g) => !listeners.some((l) => l.forward === g.name));
    for (const g of unused) this.deps.warn(`target group ${g.name} gets no traffic: no listener forwards to it`);
  }

  private async askRules(groups: readonly TargetGroupAnswer[]): Promise<RuleAnswer[]> {
    const fallback = groups[0] as TargetGroupAnswer;
    this.deps.say(
      `Routing rules send matching requests to another target group; everything else goes to ${fallback.name}. Priorities are set for you (10, 20, 30…), in the order you add the rules.`,
    );
    const rules: RuleAnswer[] = [];
    const unrouted = () => groups.slice(1).filter((g) => !rules.some((r) => r.targetGroup === g.name));
    while (
      await this.ask.confirm(rules.length === 0 ? 'Add a routing rule?' : 'Add another routing rule?', {
        default: unrouted().length > 0,
      })
    ) {
      const field = await this.ask.select<'path' | 'host'>(
        'Route by',
        [
          { value: 'path', short: 'path', name: 'path  the URL path, e.g. /api/*' },
          { value: 'host', short: 'host', name: 'host  the host name, e.g. api.example.com' },
        ],
        { default: 'path' },
      );
      const suggested = (unrouted()[0] ?? groups[1] ?? fallback).name;
      const values = splitAnswer(
        await this.ask.input(
          field === 'path'
            ? 'Path patterns (comma-separated; * and ? are wildcards)'
            : 'Host names (comma-separated; * and ? are wildcards)',
          {
            default: defaultRulePattern(this.stack, suggested, field),
            validate: (v) => rulePatternAnswer(field, v),
          },
        ),
      );
      const targetGroup = await this.ask.select(
        'Send matching requests to',
        groups.map((g) => ({ value: g.name, short: g.name, name: `${g.name}  (${g.protocol} ${g.port})` })),
        { default: suggested },
      );
      const name = ruleNameFor(field, values, new Set(rules.map((r) => r.name)));
      rules.push({ name, priority: (rules.length + 1) * RULE_PRIORITY_STEP, field, values, targetGroup });
    }
    for (const g of unrouted()) this.deps.warn(`target group ${g.name} gets no traffic: no rule sends requests to it`);
    return rules;
  }
}
