/** Apply steps for listeners: create (looking before any retry), update, adopt, delete; extra certificates. */
import { STACK_TAG } from '../../core/stack/model';
import type { ListenerChange } from '../../core/stack/plan';
import { listenerKey, toTagList } from './arns';
import { deleteIfThere } from './failures';
import type { StepRunner } from './runner';
import { foundNote, pastTense, unsupported } from './wording';

export async function listenerStep(r: StepRunner, c: ListenerChange): Promise<string> {
  const arn = c.arn as string;
  const label = listenerKey(c.loadBalancer, c.port);
  switch (c.action) {
    case 'create': {
      const spec = c.after ?? {};
      const tags = spec.tags ?? { [STACK_TAG]: r.options.stack };
      const [lbArn, defaultAction] = await Promise.all([
        r.loadBalancerArn(c.loadBalancer),
        r.physicalAction(spec.defaultAction, c.id),
      ]);
      const certificates = spec.certificates ?? [];
      const { value: listener, found } = await r.createOnce(
        () =>
          r.elbv2.createListener({
            loadBalancerArn: lbArn,
            protocol: spec.protocol ?? 'HTTP',
            port: c.port,
            // CreateListener takes exactly one certificate, the default; the others are added.
            certificates: certificates.slice(0, 1),
            sslPolicy: spec.sslPolicy,
            defaultActions: [defaultAction],
            tags: toTagList(tags),
          }),
        async (strict) =>
          r.claim(
            `listener ${label}`,
            (await r.elbv2.listListeners(lbArn)).filter((l) => l.port === c.port),
            tags,
            strict,
            () => 0,
            (kept, twins) =>
              `listener ${label}: ${twins.length + 1} listeners on this port (a create was retried); kept ${kept.arn}; delete the other${twins.length > 1 ? 's' : ''} by hand: ${twins.map((t) => t.arn).join(', ')}`,
          ),
      );
      if (certificates.length > 1) await r.elbv2.addListenerCertificates(listener.arn, certificates.slice(1));
      r.registry.listeners.set(label, listener.arn);
      r.options.arns[c.id] = listener.arn;
      return `created listener ${label}${foundNote(found)}`;
    }
    case 'update':
    case 'adopt': {
      const after = c.after ?? {};
      const before = c.before ?? {};
      if (after.tags) await r.elbv2.addTags([arn], toTagList(after.tags));
      const defaultActions = after.defaultAction ? [await r.physicalAction(after.defaultAction, c.id)] : undefined;
      const certificates = after.certificates;
      const newDefault = certificates && certificates[0] !== before.certificates?.[0] ? certificates[0] : undefined;
      if (after.protocol || after.sslPolicy || defaultActions || newDefault) {
        await r.elbv2.modifyListener({
          listenerArn: arn,
          protocol: after.protocol,
          sslPolicy: after.sslPolicy,
          defaultCertificate: newDefault,
          defaultActions,
        });
      }
      if (certificates) {
        const had = (before.certificates ?? []).slice(1);
        const want = certificates.slice(1);
        const add = want.filter((x) => !had.includes(x));
        const remove = had.filter((x) => !certificates.includes(x));
        if (add.length > 0) await r.elbv2.addListenerCertificates(arn, add);
        if (remove.length > 0) await r.elbv2.removeListenerCertificates(arn, remove);
      }
      r.registry.listeners.set(label, arn);
      r.options.arns[c.id] = arn;
      return `${pastTense(c.action)} listener ${label}`;
    }
    case 'delete':
      await deleteIfThere(() => r.elbv2.deleteListener(arn));
      r.options.arns[c.id] = arn;
      return `deleted listener ${label}`;
    default:
      throw unsupported(c);
  }
}
