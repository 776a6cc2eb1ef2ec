/**
 * Pre-write existence checks, in one place for every command and for plan/apply: what a write
 * would only refer to (subnets, security groups, instances, VPCs) is read in one batched call
 * per kind, with EC2's Filters form, which returns what exists instead of failing on the first
 * unknown ID. The rulebook (src/core/rules) turns the difference into problems naming every
 * missing ID, and the caller refuses with exit 64 before its first write.
 */
import type { Ec2Gateway } from './ec2';

export interface ReferenceQuery {
  subnets?: readonly string[] | undefined;
  securityGroups?: readonly string[] | undefined;
  instances?: readonly string[] | undefined;
  /** VPCs whose CIDR blocks IP targets are judged against. */
  vpcs?: readonly string[] | undefined;
}

export interface ReferenceFacts {
  subnets: Array<{ id: string; vpcId: string; availabilityZone: string; cidr: string; ipv6Cidrs: string[] }>;
  securityGroups: Array<{ id: string; vpcId: string }>;
  instances: Array<{ id: string; state: string; vpcId?: string | undefined }>;
  vpcs: Array<{ id: string; cidrs: string[] }>;
}

/** Reads every kind asked for, concurrently; a kind with no IDs costs no call. */
export async function lookUpReferences(ec2: Ec2Gateway, q: ReferenceQuery): Promise<ReferenceFacts> {
  const [subnets, securityGroups, instances, vpcs] = await Promise.all([
    ec2.findSubnets(q.subnets ?? []),
    ec2.findSecurityGroups(q.securityGroups ?? []),
    ec2.findInstances(q.instances ?? []),
    ec2.findVpcs(q.vpcs ?? []),
  ]);
  return {
    subnets: subnets.map((s) => ({
      id: s.id,
      vpcId: s.vpcId,
      availabilityZone: s.availabilityZone,
      cidr: s.cidr,
      ipv6Cidrs: s.ipv6Cidrs,
    })),
    securityGroups: securityGroups.map((g) => ({ id: g.id, vpcId: g.vpcId })),
    instances: instances.map((i) => ({ id: i.id, state: i.state, vpcId: i.vpcId })),
    vpcs: vpcs.map((v) => ({ id: v.id, cidrs: v.cidrs.filter(Boolean) })),
  };
}
