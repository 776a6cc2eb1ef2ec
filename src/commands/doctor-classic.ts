/**
 * `elbctl doctor CLB`: a Classic load balancer through doctor's own reasoning (security groups on
 * the listener and health-check ports, zones, cross-zone, instance state, the health check),
 * its facts built by src/core/classic/doctor-facts.ts from the Classic and EC2 reads.
 */
import type { Aws } from '../aws';
import { classicDoctorFacts, classicFix } from '../core/classic/doctor-facts';
import type { ClassicLoadBalancer } from '../core/classic/model';
import { diagnose } from '../core/doctor/diagnose';
import type { Result } from '../ui/render';
import type { Context } from './context';
import { doctorReport, doctorView } from './doctor';

export async function classicDoctor(ctx: Context, aws: Aws, clb: ClassicLoadBalancer): Promise<Result> {
  const health = await aws.elb.instanceHealth(clb.name);
  const [subnets, vpcs, instances] = await Promise.all([
    aws.ec2.findSubnets(clb.subnets),
    clb.vpcId ? aws.ec2.findVpcs([clb.vpcId]) : Promise.resolve([]),
    aws.ec2.findInstances(clb.instances),
  ]);
  const securityGroups = await aws.ec2.findSecurityGroups([
    ...new Set([...instances.flatMap((i) => i.securityGroups), ...clb.securityGroups]),
  ]);
  const facts = classicDoctorFacts(clb, health, { subnets, vpcs, instances, securityGroups });
  const subject = { kind: 'load-balancer' as const, loadBalancer: facts.loadBalancers[0]?.loadBalancer };
  const checks = diagnose(facts).map((c) => classicFix(c, clb));
  const r = { ...doctorReport(subject, facts, checks), kind: 'classic-load-balancer' as const };
  return { data: r, view: doctorView(r, ctx.theme), ...(r.summary.fail > 0 ? { exitCode: 1 } : {}) };
}
