/** Apply steps for listeners: create (looking before any retry), update, adopt, delete; extra certificates. */
import { STACK_TAG } from '../../core/stack/model';
import type { ListenerChange } from '../../core/stack/plan';
import { applyListenerModification } from '../modify';
import { listenerKey, toTagList } from './arns';
import { deleteIfThere } from './failures';
import type { StepRunner } from './runner';
import { sentMutualTls } from './trust-stores';
import { foundNote, pastTense, unsupported } from './wording';

export async function listenerStep(r: StepRunner, c: ListenerChange): Promise<string> {
  const arn = c.arn as string;
  const label = listenerKey(c.loadBalancer, c.port);
  switch (c.action) {
    case 'create': {
      const spec = c.after ?? {};
      const tags = spec.tags ?? { [STACK_TAG]: r.options.stack };
      const [lbArn, defaultAction, mutualTls] = await Promise.all([
        r.loadBalancerArn(c.loadBalancer),
        r.physicalAction(spec.defaultAction, c.id),
        spec.mutualTls ? sentMutualTls(r, spec.mutualTls) : undefined,
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
            alpnPolicy: spec.alpnPolicy,
            defaultActions: [...(r.leadingActions(c) ?? []), defaultAction],
            ...(mutualTls ? { mutualTls } : {}),
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
      const { defaultAction: _live, authenticate: _was, mutualTls: _had, ...before } = c.before ?? {};
      const { defaultAction: wanted, authenticate: _declared, mutualTls: wantedTls, ...after } = c.after ?? {};
      const defaultAction = wanted ? await r.physicalAction(wanted, c.id) : undefined;
      const mutualTls = wantedTls ? await sentMutualTls(r, wantedTls) : undefined;
      const leading = r.leadingActions(c);
      await applyListenerModification(
        r.elbv2,
        arn,
        {
          before,
          after: { ...after, ...(defaultAction ? { defaultAction } : {}), ...(mutualTls ? { mutualTls } : {}) },
        },
        // Actions that run before the routing one (authentication) are read again only when the plan saw some.
        leading ? { leading } : { current: c.keepsActions ? undefined : [] },
      );
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
