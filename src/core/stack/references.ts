/**
 * The stack face of the pre-write existence checks: which subnets, security groups, instances
 * and VPCs a stack refers to (read by src/aws/references.ts in one batched call per kind), and
 * the rulebook's verdict on them, each problem at the path of the value it is about. Pure.
 */
import type { Problem } from '../rules/problem';
import { under } from '../rules/problem';
import {
  type SecurityGroupFact,
  type SubnetFact,
  securityGroupPlacementProblems,
  subnetPlacementProblems,
  vpcOfSubnets,
} from '../rules/load-balancer';
import { subnetMappingAddressProblems } from '../rules/subnet-mappings';
import { vpcMismatchProblem } from '../rules/listener';
import { missingVpcProblem } from '../rules/target-group';
import { type InstanceFact, parseTargetSpec, targetLabel, targetPlacementProblems } from '../rules/targets';
import type { StackFile } from './schema';
import { fileSubnets, subnetPath, toSubnetAddresses } from './subnet-mappings';

export interface StackReferences {
  subnets: string[];
  securityGroups: string[];
  instances: string[];
  vpcs: string[];
}

export interface StackFacts {
  subnets: readonly SubnetFact[];
  securityGroups: readonly SecurityGroupFact[];
  instances: readonly InstanceFact[];
  vpcs: ReadonlyArray<{ id: string; cidrs: readonly string[] }>;
}

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/** Every ID a valid stack file refers to, once each. */
export function stackReferences(file: StackFile): StackReferences {
  const lbs = file.loadBalancers ?? [];
  const tgs = file.targetGroups ?? [];
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    subnets: uniq(lbs.flatMap((lb) => fileSubnets(lb))),
    securityGroups: uniq(lbs.flatMap((lb) => lb.securityGroups ?? [])),
    instances: uniq(tgs.flatMap((tg) => (tg.targets ?? []).map((t) => t.id).filter((id) => INSTANCE_ID.test(id)))),
    vpcs: uniq(tgs.flatMap((tg) => (tg.vpc !== undefined ? [tg.vpc] : []))),
  };
}

/** What AWS would refuse about the stack's references, before the first write. */
export function stackReferenceProblems(file: StackFile, facts: StackFacts): Problem[] {
  const problems: Problem[] = [];
  const lbVpc = new Map<string, string | undefined>();
  (file.loadBalancers ?? []).forEach((lb, i) => {
    const base = ['loadBalancers', i];
    const subnets = fileSubnets(lb);
    problems.push(
      ...under(base, subnetPlacementProblems({ ...lb, subnets }, facts.subnets, subnetPath(lb, ['subnets']))),
    );
    const mappings = lb.subnetMappings ?? [];
    problems.push(
      ...under(
        base,
        subnetMappingAddressProblems(mappings.map(toSubnetAddresses), facts.subnets, (k, field) => [
          'subnetMappings',
          k,
          field,
        ]),
      ),
    );
    const vpc = vpcOfSubnets(subnets, facts.subnets);
    lbVpc.set(lb.name, vpc);
    problems.push(...under(base, securityGroupPlacementProblems(lb, vpc, facts.securityGroups)));
  });
  const vpcs = new Map(facts.vpcs.map((v) => [v.id, v]));
  const tgs = file.targetGroups ?? [];
  const tgByName = new Map(tgs.map((tg) => [tg.name, tg]));
  const behindAlb = new Set<string>();
  (file.loadBalancers ?? []).forEach((lb, i) => {
    (lb.listeners ?? []).forEach((l, j) => {
      const actions = [
        { path: ['listeners', j, 'defaultAction'], a: l.defaultAction },
        ...(l.rules ?? []).map((r, k) => ({ path: ['listeners', j, 'rules', k, 'action'], a: r.action })),
      ];
      for (const { path, a } of actions) {
        const forward = a.forward;
        if (forward === undefined) continue;
        const names = typeof forward === 'string' ? [forward] : forward.map((f) => f.targetGroup);
        names.forEach((name, k) => {
          const tg = tgByName.get(name);
          if (!tg) return;
          if (lb.type === 'application') behindAlb.add(name);
          const at = typeof forward === 'string' ? [...path, 'forward'] : [...path, 'forward', k, 'targetGroup'];
          // Only the VPC is judged here (the load balancer's is its subnets'); protocols and types were judged offline.
          const vpc = vpcMismatchProblem(
            { loadBalancerName: lb.name, vpcId: lbVpc.get(lb.name) },
            { name: tg.name, targetType: tg.targetType ?? 'instance', vpcId: tg.vpc },
          );
          if (vpc) problems.push(...under(['loadBalancers', i, ...at], [vpc]));
        });
      }
    });
  });
  tgs.forEach((tg, t) => {
    const base = ['targetGroups', t];
    const missingVpc = tg.vpc === undefined ? undefined : missingVpcProblem(tg.vpc, facts.vpcs);
    if (missingVpc) {
      problems.push(...under(base, [missingVpc]));
      return;
    }
    const targets = tg.targets ?? [];
    const specs = targets.flatMap((x, k) => {
      const raw = `${targetLabel({ id: x.id, port: x.port })}${x.availabilityZone !== undefined ? `@${x.availabilityZone}` : ''}`;
      const spec = parseTargetSpec(raw, { allowZone: true });
      return 'kind' in spec ? [{ k, spec }] : [];
    });
    problems.push(
      ...targetPlacementProblems(
        specs.map((s) => s.spec),
        {
          name: tg.name,
          targetType: tg.targetType ?? 'instance',
          vpcId: tg.vpc,
          behindApplication: behindAlb.has(tg.name) || tg.protocol === 'HTTP' || tg.protocol === 'HTTPS',
        },
        {
          instances: facts.instances,
          vpcCidrs: tg.vpc !== undefined ? (vpcs.get(tg.vpc)?.cidrs ?? []) : [],
        },
        (n) => [...base, 'targets', specs[n]?.k ?? 0],
      ),
    );
  });
  return problems;
}
