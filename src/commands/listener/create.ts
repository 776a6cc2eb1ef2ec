/**
 * `elbctl listener create LB --protocol P --port N (--forward ..|--redirect-https|--fixed-response ..)`:
 * every flag is checked before any AWS call; the load balancer's type, the target groups and the
 * listeners already on the port are checked before the one write. HTTPS/TLS get the recommended
 * TLS policy unless another is asked for.
 */
import type { Context } from '../context';
import { describeAction, parseActionFlags } from '../../core/actions';
import { ElbctlError, Problems, validationError } from '../../core/errors';
import {
  listenerDifferences,
  listenerFitsLoadBalancer,
  targetGroupFitsListener,
  isWeakSslPolicy,
  validateListenerCreate,
  weakSslPolicyWarning,
  type ValidListenerCreate,
} from '../../core/listeners';
import type { Action, Listener, LoadBalancer, TargetGroup } from '../../core/model';
import type { Result } from '../../ui/render';
import { arnNamer } from '../resolve';
import { actionData, listenerSslPolicy, type ActionData } from './list';

export interface ListenerCreateOptions {
  lb: string;
  protocol: string;
  port: string;
  forward?: string | undefined;
  redirectHttps?: boolean | undefined;
  fixedResponse?: string | undefined;
  certificate?: string[] | undefined;
  sslPolicy?: string | undefined;
}

export interface ListenerCreated {
  arn: string;
  loadBalancer: string;
  protocol: string;
  port: number;
  sslPolicy: string | null;
  certificates: string[];
  defaultActions: ActionData[];
}

/** Every check that needs no AWS call; one validation error lists every problem. */
export function validateFlags(opts: ListenerCreateOptions): ValidListenerCreate {
  const problems = new Problems();
  const action = parseActionFlags(
    { forward: opts.forward, redirectHttps: opts.redirectHttps, fixedResponse: opts.fixedResponse },
    ['forward', 'redirectHttps', 'fixedResponse'],
  );
  if (!action.ok) problems.addAll(action.problems);
  const checked = validateListenerCreate({
    protocol: opts.protocol,
    port: opts.port,
    certificates: opts.certificate ?? [],
    sslPolicy: opts.sslPolicy,
    action: action.ok ? action.value : undefined,
  });
  if (!checked.ok) problems.addAll(checked.problems);
  problems.throwIfAny('E_BAD_LISTENER');
  if (!checked.ok)
    throw new ElbctlError('internal', 'E_INTERNAL', 'listener flags: invalid without a reported problem');
  return checked.value;
}

function checkLoadBalancer(lb: LoadBalancer, want: ValidListenerCreate): void {
  if (lb.type === 'gateway') {
    throw validationError(
      'E_LISTENER_MISMATCH',
      `load balancer "${lb.name}": is a gateway load balancer; elbctl creates listeners on application and network load balancers`,
    );
  }
  const p = listenerFitsLoadBalancer(lb.type, want.protocol, lb.name);
  if (p) throw validationError('E_LISTENER_MISMATCH', p);
}

async function resolveDefaultAction(
  ctx: Context,
  lb: LoadBalancer,
  want: ValidListenerCreate,
): Promise<{ action: Action; groups: TargetGroup[] }> {
  const spec = want.action;
  if (spec.type !== 'forward') return { action: spec, groups: [] };
  const { elbv2 } = await ctx.aws();
  const groups = await elbv2.getTargetGroups(spec.targets.map((t) => t.targetGroup));
  const problems = new Problems();
  for (const g of groups) problems.addAll(targetGroupFitsListener(lb, want.protocol, g));
  problems.throwIfAny('E_TARGET_GROUP_MISMATCH');
  return {
    action: {
      type: 'forward',
      targetGroups: groups.map((g, i) => ({
        targetGroupArn: g.arn,
        ...(spec.targets[i]?.weight !== undefined ? { weight: spec.targets[i]?.weight } : {}),
      })),
    },
    groups,
  };
}

function toCreated(
  l: Listener,
  lb: LoadBalancer,
  certificates: string[],
  name: (arn: string) => string,
): ListenerCreated {
  return {
    arn: l.arn,
    loadBalancer: lb.name,
    protocol: l.protocol,
    port: l.port,
    sslPolicy: listenerSslPolicy(l),
    certificates,
    defaultActions: l.defaultActions.map((a) => actionData(a, name)),
  };
}

function result(data: ListenerCreated, actions: readonly Action[], name: (arn: string) => string): Result {
  return {
    data,
    view: {
      kind: 'fields',
      fields: [
        ['arn', data.arn],
        ['load balancer', data.loadBalancer],
        ['protocol', data.protocol],
        ['port', String(data.port)],
        ['default action', actions.map((a) => describeAction(a, name)).join('; ')],
        ['ssl policy', data.sslPolicy ?? '-'],
        ['certificates', data.certificates.join(', ') || '-'],
      ],
    },
  };
}

export async function run(opts: ListenerCreateOptions, ctx: Context): Promise<Result> {
  const want = validateFlags(opts);
  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  checkLoadBalancer(lb, want);
  const { action, groups } = await resolveDefaultAction(ctx, lb, want);
  const name = arnNamer(new Map(groups.map((g) => [g.arn, g.name])));
  if (want.sslPolicy !== undefined && isWeakSslPolicy(want.sslPolicy))
    ctx.progress.warn(weakSslPolicyWarning(want.sslPolicy));

  const label = `${want.protocol} listener on port ${want.port} of "${lb.name}"`;
  const existing = (await elbv2.listListeners(lb.arn)).find((l) => l.port === want.port);
  if (existing) {
    const diffs = listenerDifferences(existing, {
      protocol: want.protocol,
      port: want.port,
      sslPolicy: want.sslPolicy,
      certificates: want.certificates,
      defaultActions: [action],
    });
    if (diffs.length > 0) {
      throw new ElbctlError(
        'conflict',
        'E_LISTENER_EXISTS',
        `port ${want.port} of load balancer "${lb.name}": a listener already exists there with ${diffs.join(', ')}`,
        { hint: `choose another port, or delete it first: elbctl listener delete ${lb.name}:${want.port}` },
      );
    }
    const extra = want.certificates.slice(1);
    if (extra.length === 0) {
      ctx.progress.info(`the ${label} already exists with this default action; nothing to create`);
      return result(toCreated(existing, lb, existing.certificates, name), existing.defaultActions, name);
    }
    // DescribeListeners shows only the default certificate; adding is idempotent, so a re-run
    // after a partial failure completes the certificate list.
    ctx.progress.info(
      `the ${label} already exists with this default action; making sure its other certificate${extra.length === 1 ? ' is' : 's are'} added`,
    );
    await elbv2.addListenerCertificates(existing.arn, extra);
    return result(toCreated(existing, lb, want.certificates, name), existing.defaultActions, name);
  }

  ctx.progress.start(`creating the ${label}`);
  let created: Listener;
  try {
    // CreateListener takes exactly one (the default) certificate; the others are added after.
    created = await elbv2.createListener({
      loadBalancerArn: lb.arn,
      protocol: want.protocol,
      port: want.port,
      certificates: want.certificates.slice(0, 1),
      sslPolicy: want.sslPolicy,
      defaultActions: [action],
    });
  } catch (e) {
    ctx.progress.fail(`could not create the ${label}`);
    throw e;
  }
  if (want.certificates.length > 1) {
    try {
      await elbv2.addListenerCertificates(created.arn, want.certificates.slice(1));
    } catch (e) {
      ctx.progress.fail(
        `created the ${label}, but adding its other certificates failed; re-run the same command to add them`,
      );
      throw e;
    }
  }
  ctx.progress.succeed(`created the ${label}`);
  return result(toCreated(created, lb, want.certificates, name), created.defaultActions, name);
}
