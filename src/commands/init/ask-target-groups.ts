/** The wizard asks for target groups and the targets to register in them. */
import type { Instance } from '../../aws/ec2';
import { healthCheckPathAnswer } from '../../core/wizard';
import {
  defaultTargetGroupName,
  parseTargetsAnswer,
  portAnswer,
  targetGroupNameAnswer,
  type ListenerAnswer,
  type TargetAnswer,
  type TargetGroupAnswer,
  type WizardTargetGroupProtocol,
  type WizardTargetType,
} from '../../core/wizard';
import type { Choice } from '../../ui/prompter';
import { pad, type Wizard } from './questions';

export async function askTargetGroups(w: Wizard, listeners: readonly ListenerAnswer[]): Promise<TargetGroupAnswer[]> {
  const groups: TargetGroupAnswer[] = [];
  const alb = w.type === 'application';
  do {
    const taken = new Set(groups.map((g) => g.name));
    const name = (
      await w.ask.input(groups.length === 0 ? 'Target group name' : 'Next target group name', {
        default: defaultTargetGroupName(w.stack, w.type, groups.length, taken),
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
    const protocol = await w.ask.select<WizardTargetGroupProtocol>(`Protocol of ${name}`, protocolChoices, {
      default: alb ? 'HTTP' : 'TCP',
    });
    const port = await w.ask.input(`Port the targets of ${name} listen on`, {
      default: String(alb ? 80 : (listeners[0]?.port ?? 80)),
      validate: (v) => portAnswer(v),
    });
    const health = alb
      ? await w.ask.input(`Health check path of ${name}`, {
          default: '/',
          validate: (v) => healthCheckPathAnswer(v.trim()),
        })
      : await w.ask.input(`Health check path of ${name} (empty: check that a TCP connection opens)`, {
          default: '',
          validate: (v) => (v.trim() === '' ? undefined : healthCheckPathAnswer(v.trim())),
        });
    groups.push({
      name,
      protocol,
      port: Number(port.trim()),
      ...(health.trim() !== '' ? { healthCheckPath: health.trim() } : {}),
      targetType: 'instance',
    });
  } while (await w.ask.confirm('Add another target group?', { default: false }));
  return groups;
}

// ---------------------------------------------------------------- targets

export async function askTargets(w: Wizard, tg: TargetGroupAnswer): Promise<TargetAnswer[] | undefined> {
  const found = await w.deps.discovery.runningInstances(w.vpcId);
  const running: Instance[] = found.ok ? found.value : [];
  if (!w.warnedNoInstances && running.length === 0) {
    w.warnedNoInstances = true;
    if (!found.ok) w.lookupFailed(found, 'type instance IDs or IP addresses instead');
    else
      w.deps.say(
        `There are no running instances in ${w.vpcId}; type instance IDs or IP addresses, or leave it empty and register targets later.`,
      );
  }
  const kind = await w.ask.select<WizardTargetType>(
    `Targets of ${tg.name}`,
    [
      {
        value: 'instance',
        short: 'EC2 instances',
        name:
          running.length > 0
            ? `EC2 instances (${running.length} running in ${w.vpcId})`
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
    const ids = await w.ask.checkbox<string>(
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
    const typed = await w.ask.input(
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
