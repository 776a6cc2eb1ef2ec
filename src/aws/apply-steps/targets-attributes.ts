/** Apply steps for targets (capacity first) and attributes. */
import type { AttributesChange, TargetsChange } from '../../core/stack/plan';
import type { StepRunner } from './runner';

export async function targetsStep(r: StepRunner, c: TargetsChange): Promise<string> {
  const arn = c.arn ?? (await r.targetGroupArn(c.targetGroup));
  const key = (t: { id: string; port?: number | undefined }) => `${t.id}|${t.port ?? ''}`;
  const leaving = new Set(c.deregister.map(key));
  // New targets first, so capacity comes before it goes; a target moving to another zone is
  // deregistered, then registered again.
  const fresh = c.register.filter((t) => !leaving.has(key(t)));
  const again = c.register.filter((t) => leaving.has(key(t)));
  if (fresh.length > 0) await r.elbv2.registerTargets(arn, fresh);
  if (c.deregister.length > 0) await r.elbv2.deregisterTargets(arn, c.deregister);
  if (again.length > 0) await r.elbv2.registerTargets(arn, again);
  r.options.arns[c.id] = arn;
  const parts = [
    ...(c.register.length > 0 ? [`registered ${c.register.length}`] : []),
    ...(c.deregister.length > 0 ? [`deregistered ${c.deregister.length}`] : []),
  ];
  return `${parts.join(', ')} target${c.register.length + c.deregister.length === 1 ? '' : 's'} of ${c.targetGroup}`;
}

export async function attributesStep(r: StepRunner, c: AttributesChange): Promise<string> {
  const attributes = c.after ?? {};
  if (c.resource === 'load-balancer') {
    const arn = c.arn ?? (await r.loadBalancerArn(c.resourceName));
    await r.elbv2.setLoadBalancerAttributes(arn, attributes);
    r.options.arns[c.id] = arn;
  } else if (c.resource === 'listener') {
    const arn = c.arn ?? (await r.listenerArn(c.loadBalancer ?? '', c.port ?? 0));
    await r.elbv2.setListenerAttributes(arn, attributes);
    r.options.arns[c.id] = arn;
  } else {
    const arn = c.arn ?? (await r.targetGroupArn(c.resourceName));
    await r.elbv2.setTargetGroupAttributes(arn, attributes);
    r.options.arns[c.id] = arn;
  }
  return `set ${Object.keys(attributes).length} attribute${Object.keys(attributes).length === 1 ? '' : 's'} of ${c.resource.replace('-', ' ')} ${c.resourceName}`;
}
