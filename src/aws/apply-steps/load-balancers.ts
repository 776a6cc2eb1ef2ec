/** Apply steps for load balancers: create (looking before any retry), replace, update, adopt, delete. */
import type { LoadBalancer, LoadBalancerType } from '../../core/model';
import { DELETION_PROTECTION_ATTRIBUTE } from '../../core/stack/defaults';
import { STACK_TAG } from '../../core/stack/model';
import type { LoadBalancerChange } from '../../core/stack/plan';
import { applyLoadBalancerModification } from '../modify';
import { toTagList } from './arns';
import type { StepContext, StepRunner } from './runner';
import { byCreation, foundNote, loadBalancerTwinWarning, pastTense, unsupported } from './wording';

export async function loadBalancerStep(r: StepRunner, c: LoadBalancerChange, ctx: StepContext): Promise<string> {
  const arn = c.arn as string;
  switch (c.action) {
    case 'create': {
      const { found } = await createLoadBalancer(r, c);
      return `created load balancer ${c.name}${foundNote(found)}`;
    }
    case 'replace': {
      const protectedLb =
        c.deletionProtection ??
        (await r.elbv2.getLoadBalancerAttributes(arn))[DELETION_PROTECTION_ATTRIBUTE] === 'true';
      // Its name is reused: the old one must be gone before the new one is created.
      await deleteLoadBalancerArn(r, arn, protectedLb, true);
      const { found } = await createLoadBalancer(r, c);
      return `replaced load balancer ${c.name}${foundNote(found)}`;
    }
    case 'delete':
      // Target groups it used cannot be deleted until it is gone.
      await deleteLoadBalancerArn(r, arn, c.deletionProtection === true, ctx.hasDependents);
      r.options.arns[c.id] = arn;
      return `deleted load balancer ${c.name}${c.deletionProtection ? ' (deletion protection turned off first)' : ''}`;
    case 'update':
    case 'adopt': {
      await applyLoadBalancerModification(r.elbv2, arn, { before: c.before ?? {}, after: c.after ?? {} });
      r.options.arns[c.id] = arn;
      return `${pastTense(c.action)} load balancer ${c.name}`;
    }
    default:
      throw unsupported(c);
  }
}

async function createLoadBalancer(r: StepRunner, c: LoadBalancerChange): Promise<{ lb: LoadBalancer; found: boolean }> {
  const spec = c.after ?? {};
  const name = spec.name ?? c.name;
  const tags = spec.tags ?? { [STACK_TAG]: r.options.stack };
  const { value: lb, found } = await r.createOnce(
    () =>
      r.elbv2.createLoadBalancer({
        name,
        type: spec.type as LoadBalancerType,
        scheme: spec.scheme,
        subnets: spec.subnets ?? [],
        subnetMappings: spec.subnetMappings,
        securityGroups: spec.securityGroups,
        ipAddressType: spec.ipAddressType,
        tags: toTagList(tags),
      }),
    async (strict) =>
      r.claim(
        `load balancer "${name}"`,
        await r.elbv2.findLoadBalancersNamed(name),
        tags,
        strict,
        byCreation,
        (kept, twins) =>
          loadBalancerTwinWarning(
            name,
            kept.arn,
            twins.map((t) => t.arn),
          ),
      ),
  );
  r.registry.loadBalancers.set(name, lb.arn);
  r.options.arns[c.id] = lb.arn;
  return { lb, found };
}

async function deleteLoadBalancerArn(
  r: StepRunner,
  arn: string,
  deletionProtection: boolean,
  wait: boolean,
): Promise<void> {
  if (deletionProtection) await r.elbv2.setLoadBalancerAttributes(arn, { [DELETION_PROTECTION_ATTRIBUTE]: 'false' });
  await r.elbv2.deleteLoadBalancer(arn);
  if (wait) await r.elbv2.waitUntilDeleted(arn);
}
