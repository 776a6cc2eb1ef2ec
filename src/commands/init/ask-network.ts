/** The wizard asks where the load balancer lives: VPC, subnets (zones) and security groups. */
import type { Subnet, Vpc } from '../../aws/ec2';
import { securityGroupIdAnswer, subnetIdAnswer, vpcIdAnswer } from '../../core/wizard';
import {
  defaultSecurityGroups,
  defaultSubnets,
  securityGroupsOpen,
  splitAnswer,
  subnetSelectionProblem,
  typedIdsProblem,
  typedSubnetsProblem,
  zoneCount,
  type WizardScheme,
} from '../../core/wizard';
import type { Choice } from '../../ui/prompter';
import { MAX_SECURITY_GROUPS, pad, type Wizard } from './questions';

export async function askNetwork(w: Wizard): Promise<{ subnets: string[]; zones?: string[] | undefined }> {
  for (;;) {
    const vpcs = await askVpc(w);
    const found = await w.deps.discovery.subnets(w.vpcId);
    if (!found.ok) {
      w.lookupFailed(found, 'type the subnet IDs instead');
      return { subnets: await typeSubnets(w) };
    }
    const subnets = found.value;
    if (subnets.length === 0) {
      w.needPerson('E_INIT_NO_SUBNETS', `${w.vpcId} has no subnets; create one per availability zone first`);
      w.deps.warn(`${w.vpcId} has no subnets; a load balancer needs one per availability zone`);
      const next = await w.ask.select<'vpc' | 'type'>('What now?', [
        ...(vpcs.length > 1 ? [{ value: 'vpc' as const, name: 'choose another VPC' }] : []),
        { value: 'type', name: 'type subnet IDs (subnets being created now)' },
      ]);
      if (next === 'vpc') continue;
      return { subnets: await typeSubnets(w) };
    }
    if (w.type === 'application' && zoneCount(subnets) < 2) {
      const zone = subnets[0]?.availabilityZone ?? '';
      w.needPerson(
        'E_INIT_ONE_ZONE',
        `${w.vpcId} has subnets in one availability zone only (${zone}), and an application load balancer needs two; add a subnet in another zone, or choose a network load balancer or another VPC`,
      );
      w.deps.warn(
        `${w.vpcId} has subnets in one availability zone only (${zone}); an application load balancer needs two`,
      );
      const next = await w.ask.select<'vpc' | 'network' | 'type'>('What now?', [
        ...(vpcs.length > 1 ? [{ value: 'vpc' as const, name: 'choose another VPC' }] : []),
        { value: 'network', name: 'use a network load balancer instead (one zone is enough)' },
        { value: 'type', name: 'type subnet IDs (a subnet in another zone being created now)' },
      ]);
      if (next === 'vpc') continue;
      if (next === 'type') return { subnets: await typeSubnets(w) };
      w.type = 'network';
    }
    return chooseSubnets(w, subnets);
  }
}

/** The VPC's ID goes to `w.vpcId`; returns the VPCs discovered (empty when typed). */
async function askVpc(w: Wizard): Promise<Vpc[]> {
  const found = await w.deps.discovery.vpcs();
  if (!found.ok || found.value.length === 0) {
    if (!found.ok) w.lookupFailed(found, 'type the VPC ID instead');
    else {
      w.needPerson(
        'E_INIT_NO_VPC',
        `there is no VPC in ${w.deps.region ?? 'this region'}; create one (\`aws ec2 create-default-vpc\`) first`,
      );
      w.deps.warn(
        `there is no VPC in ${w.deps.region ?? 'this region'}; create one (\`aws ec2 create-default-vpc\`), then type its ID`,
      );
    }
    const typed = await w.ask.input('VPC ID', { validate: (v) => typedIdsProblem(v, vpcIdAnswer, false, 'VPC') });
    w.vpcId = splitAnswer(typed)[0] as string;
    return [];
  }
  const vpcs = found.value;
  const preferred = vpcs.find((v) => v.isDefault);
  if (!preferred) {
    w.needPerson(
      'E_INIT_NO_DEFAULT_VPC',
      `there is no default VPC in ${w.deps.region ?? 'this region'}, so there is no default to take`,
    );
    w.deps.say(`There is no default VPC in ${w.deps.region ?? 'this region'}; choose one.`);
  }
  const width = Math.max(...vpcs.map((v) => v.id.length));
  const choices: Choice<string>[] = vpcs.map((v) => ({
    value: v.id,
    short: v.id,
    name: [pad(v.id, width), pad(v.cidr, 18), v.isDefault ? 'default VPC' : '', v.name ?? '']
      .filter(Boolean)
      .join('  '),
  }));
  w.vpcId = await w.ask.select('VPC', choices, preferred ? { default: preferred.id } : {});
  return vpcs;
}

async function chooseSubnets(w: Wizard, subnets: readonly Subnet[]): Promise<{ subnets: string[]; zones: string[] }> {
  const preselected = new Set(defaultSubnets(subnets).map((s) => s.id));
  const sorted = [...subnets].sort(
    (a, b) => a.availabilityZone.localeCompare(b.availabilityZone) || a.id.localeCompare(b.id),
  );
  const width = Math.max(...sorted.map((s) => s.id.length));
  const type = w.type;
  const chosen = await w.ask.checkbox<string>(
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

async function typeSubnets(w: Wizard): Promise<string[]> {
  const type = w.type;
  const typed = await w.ask.input(
    `Subnet IDs (comma-separated, one per zone${type === 'application' ? ', two zones at least' : ''})`,
    {
      validate: (v) => typedSubnetsProblem(type, v, subnetIdAnswer),
    },
  );
  return splitAnswer(typed);
}

// ---------------------------------------------------------------- security groups

export async function askSecurityGroups(w: Wizard, scheme: WizardScheme): Promise<string[] | undefined> {
  const found = await w.deps.discovery.securityGroups(w.vpcId);
  if (!found.ok) {
    w.lookupFailed(found, 'type the security group IDs instead');
    const typed = await w.ask.input("Security group IDs (comma-separated; empty: the VPC's default group)", {
      default: '',
      validate: (v) =>
        typedIdsProblem(v, securityGroupIdAnswer, true, 'security groups') ??
        (splitAnswer(v).length > MAX_SECURITY_GROUPS
          ? `security groups: ${splitAnswer(v).length} given, the limit is ${MAX_SECURITY_GROUPS}`
          : undefined),
    });
    const ids = splitAnswer(typed);
    return ids.length > 0 ? ids : undefined;
  }
  const groups = found.value;
  if (groups.length === 0) {
    w.deps.say(`${w.vpcId} has no security groups to choose from; AWS uses the VPC's default group.`);
    return undefined;
  }
  w.discoveredGroups = groups;
  const preselected = new Set(defaultSecurityGroups(groups, scheme, [80, 443]));
  const width = Math.max(...groups.map((g) => g.id.length));
  const chosen = await w.ask.checkbox<string>(
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
  w.chosenGroups = chosen;
  return chosen.length > 0 ? chosen : undefined;
}

/** An internet-facing load balancer nobody can reach is the classic first-day surprise: say so. */
export function checkGroupsOpen(w: Wizard, ports: readonly number[]): void {
  if (!w.discoveredGroups || !w.chosenGroups) return;
  const groups = w.discoveredGroups;
  const chosen =
    w.chosenGroups.length > 0
      ? groups.filter((g) => w.chosenGroups?.includes(g.id))
      : groups.filter((g) => g.name === 'default');
  if (securityGroupsOpen(chosen, ports)) return;
  w.deps.warn(
    `the chosen security groups do not let the internet in on port ${ports.join(' and ')}; add an inbound rule (e.g. \`aws ec2 authorize-security-group-ingress --group-id ${chosen[0]?.id ?? 'sg-…'} --protocol tcp --port ${ports[ports.length - 1] ?? 80} --cidr 0.0.0.0/0\`) or clients will time out`,
  );
}
