/** Checks of the targets themselves: instances, IP addresses, whether the target group is used at all. */
import type { Listener, LoadBalancerType, TargetGroup, TargetHealth } from '../model';
import { type CheckContext, instanceOf, list, plural, targetLabel, withArticle } from './check-context';
import type { Check, LoadBalancerFacts } from './facts';
import { ipFamily } from '../rules/addresses';
import { ipInCidr } from './network';

export function instanceCheck(ctx: CheckContext): Check {
  const tg = ctx.tgf.targetGroup;
  const bad: string[] = [];
  const starting: string[] = [];
  const start: string[] = [];
  const gone: string[] = [];
  for (const t of ctx.tgf.health) {
    const i = instanceOf(ctx.facts, t.id);
    if (!i) {
      bad.push(`${t.id} does not exist`);
      gone.push(t.id);
    } else if (i.state === 'pending') starting.push(t.id);
    else if (i.state === 'stopped' || i.state === 'stopping') {
      bad.push(`${t.id} is ${i.state}`);
      start.push(t.id);
    } else if (i.state !== 'running') {
      bad.push(`${t.id} is ${i.state}`);
      gone.push(t.id);
    }
  }
  const name = ctx.name('instance-state');
  if (bad.length > 0) {
    const fixes = [
      ...(start.length > 0 ? [`aws ec2 start-instances --instance-ids ${start.join(' ')}`] : []),
      ...(gone.length > 0 ? [`elbctl targets deregister ${tg.name} ${gone.join(' ')}`] : []),
    ];
    return { name, status: 'fail', detail: `${list(bad)}: a target must be a running instance`, fix: fixes.join('\n') };
  }
  if (starting.length > 0)
    return { name, status: 'warn', detail: `${list(starting)} still starting (pending)`, fix: null };
  return {
    name,
    status: 'pass',
    detail: `every instance target is running (${plural(ctx.tgf.health.length, 'instance')})`,
    fix: null,
  };
}

/** IP targets: inside the VPC, or registered with zone `all`. */
export function ipCheck(ctx: CheckContext): Check {
  const tg = ctx.tgf.targetGroup;
  const blocks = ctx.facts.vpcCidrs[tg.vpcId ?? ''] ?? [];
  const wrong: TargetHealth[] = [];
  for (const t of ctx.tgf.health) {
    if (ipFamily(t.id) === undefined) continue;
    const inside = blocks.some((b) => ipInCidr(t.id, b));
    if (!inside && t.availabilityZone !== 'all') wrong.push(t);
  }
  const name = ctx.name('ip-in-vpc');
  if (wrong.length === 0) {
    return {
      name,
      status: 'pass',
      detail: `every IP target is inside ${tg.vpcId ?? 'the VPC'} (${list(blocks)}) or registered with zone all`,
      fix: null,
    };
  }
  const labels = wrong.map(targetLabel);
  return {
    name,
    status: 'fail',
    detail: `${list(labels)} ${wrong.length === 1 ? 'is' : 'are'} outside ${tg.vpcId} (${list(blocks)}) but not registered with zone all`,
    fix: `elbctl targets deregister ${tg.name} ${labels.join(' ')} && elbctl targets register ${tg.name} ${labels.map((l) => `${l}@all`).join(' ')}`,
  };
}

function usagesOf(
  tg: TargetGroup,
  lbs: readonly LoadBalancerFacts[],
): Array<{ where: string; weight?: number | undefined }> {
  const out: Array<{ where: string; weight?: number | undefined }> = [];
  for (const lbf of lbs) {
    for (const { listener, rules } of lbf.listeners) {
      const at = `${lbf.loadBalancer.name}:${listener.port}`;
      const scan = (actions: Listener['defaultActions'], where: string) => {
        for (const a of actions) {
          if (a.type !== 'forward') continue;
          const hit = a.targetGroups.find((g) => g.targetGroupArn === tg.arn);
          if (hit) out.push({ where, weight: a.targetGroups.length > 1 ? hit.weight : undefined });
        }
      };
      scan(listener.defaultActions, `${at} default action`);
      for (const r of rules) if (!r.isDefault) scan(r.actions, `${at} rule ${r.priority}`);
    }
  }
  return out;
}

/** In use: a listener or rule forwards to the target group (otherwise Target.NotInUse). */
export function inUseCheck(ctx: CheckContext, type: LoadBalancerType): Check {
  const tg = ctx.tgf.targetGroup;
  const name = ctx.name('in-use');
  const usages = usagesOf(tg, ctx.facts.loadBalancers);
  if (usages.length > 0) {
    const labelled = usages.map((u) => (u.weight === undefined ? u.where : `${u.where} (weight ${u.weight})`));
    if (usages.every((u) => u.weight === 0)) {
      return {
        name,
        status: 'warn',
        detail: `forwarded to with weight 0 only: ${list(labelled)}; it receives no traffic`,
        fix: null,
      };
    }
    return { name, status: 'pass', detail: `forwarded to by ${list(labelled)}`, fix: null };
  }
  const candidate = ctx.facts.candidates[0];
  const could = ctx.facts.candidates.flatMap((c) =>
    c.listeners.length > 0
      ? c.listeners.map((l) => `${c.loadBalancer.name}:${l.listener.port} (${l.listener.protocol})`)
      : [`${c.loadBalancer.name} (no listeners yet)`],
  );
  let fix: string;
  if (!candidate) {
    const protocol = type === 'application' ? 'HTTP' : (tg.protocol ?? 'TCP');
    fix = `create ${withArticle(type)} load balancer in ${tg.vpcId ?? 'its VPC'}, then: elbctl listener create LB --protocol ${protocol} --port ${tg.port ?? 80} --forward ${tg.name}`;
  } else if (candidate.loadBalancer.type === 'application') {
    const web = candidate.listeners.find((l) => l.listener.protocol === 'HTTPS') ?? candidate.listeners[0];
    fix = web
      ? `elbctl rule add ${candidate.loadBalancer.name}:${web.listener.port} --path '/${tg.name}/*' --forward ${tg.name}`
      : `elbctl listener create ${candidate.loadBalancer.name} --protocol HTTP --port 80 --forward ${tg.name}`;
  } else {
    const taken = new Set(candidate.listeners.map((l) => l.listener.port));
    let port = tg.port ?? 443;
    while (taken.has(port) && port < 65535) port++;
    fix = `elbctl listener create ${candidate.loadBalancer.name} --protocol ${tg.protocol === 'UDP' ? 'UDP' : 'TCP'} --port ${port} --forward ${tg.name}`;
  }
  return {
    name,
    status: 'fail',
    detail: `no listener or rule forwards to ${tg.name}, so its targets get no traffic and no health checks (Target.NotInUse)${could.length > 0 ? `; it could be used by ${list(could)}` : ''}`,
    fix,
  };
}
