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
import type { SecurityGroup } from '../../aws/ec2';
import { usageError } from '../../core/errors';
import {
  LOAD_BALANCER_TYPE_CHOICES,
  SCHEME_CHOICES,
  crossZoneExplanation,
  crossZoneQuestion,
  defaultLoadBalancerName,
  loadBalancerNameAnswer,
  stackNameAnswer,
  type WizardAnswers,
  type WizardLoadBalancerType,
  type WizardScheme,
} from '../../core/wizard';
import type { Prompter } from '../../ui/prompter';
import type { Discovery, Found } from './discovery';
import { albListeners, nlbListeners } from './ask-listeners';
import { askNetwork, askSecurityGroups, checkGroupsOpen } from './ask-network';
import { askRules, connect, nlbForwards } from './ask-rules';
import { askTargetGroups, askTargets } from './ask-target-groups';

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
export const MAX_SECURITY_GROUPS = 5;

export const pad = (text: string, width: number) => text.padEnd(width);

/** The failed lookup's message, without our own leading "list VPCs: ". */
const reason = (found: Extract<Found<unknown>, { ok: false }>) => found.error.message;

export class Wizard {
  stack = '';
  type: WizardLoadBalancerType = 'application';
  vpcId = '';
  discoveredGroups: SecurityGroup[] | undefined;
  chosenGroups: string[] | undefined;
  warnedNoInstances = false;

  constructor(readonly deps: WizardDeps) {}

  get ask(): Prompter {
    return this.deps.prompter;
  }

  /** Only a person can get past this point; with --defaults, say why and stop. */
  needPerson(code: Parameters<typeof usageError>[0], message: string): void {
    if (!this.deps.interactive) {
      throw usageError(code, `init --defaults: ${message}`, {
        hint: 'run `elbctl init` on a terminal to choose, or write a stack file and run `elbctl apply -f FILE`',
      });
    }
  }

  /** A failed lookup: with --defaults it ends the run as it is (e.g. access denied, exit 77). */
  lookupFailed(found: Extract<Found<unknown>, { ok: false }>, then: string): void {
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
    const network = await askNetwork(this);
    if (this.type !== chosenType && name === defaultLoadBalancerName(this.stack, chosenType)) {
      name = defaultLoadBalancerName(this.stack, this.type);
      this.deps.say(`The load balancer is now named ${name}.`);
    }
    const securityGroups = this.type === 'application' ? await askSecurityGroups(this, scheme) : undefined;
    const listeners = this.type === 'application' ? await albListeners(this) : await nlbListeners(this);
    if (this.type === 'application' && scheme === 'internet-facing')
      checkGroupsOpen(
        this,
        listeners.map((l) => l.port),
      );

    const targetGroups = await askTargetGroups(this, listeners);
    for (const tg of targetGroups) tg.targets = await askTargets(this, tg);
    connect(listeners, targetGroups);
    if (this.type === 'network' && targetGroups.length > 1) await nlbForwards(this, listeners, targetGroups);
    const rules = this.type === 'application' && targetGroups.length > 1 ? await askRules(this, targetGroups) : [];

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

  private async askStackName(): Promise<string> {
    const name = await this.ask.input('Stack name', { default: this.deps.defaultStack, validate: stackNameAnswer });
    return name.trim();
  }
}
