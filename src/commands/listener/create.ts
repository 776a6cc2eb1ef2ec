/**
 * `elbctl listener create LB --protocol P --port N [authentication] (--forward ..|--redirect-https|
 * --fixed-response ..|--actions-file FILE)`: every flag is checked before any AWS call; the load
 * balancer's type, the target groups and the listeners already on the port are checked before the
 * one write. HTTPS/TLS get the recommended TLS policy unless another is asked for. Authentication
 * and JWT validation run first on HTTPS listeners of application load balancers; an OIDC action's
 * client secret is read (environment or stdin) before the first AWS call.
 */
import type { Context } from '../context';
import { type ActionSpec, type LeadingSpec, describeAction, parseActionFlags } from '../../core/actions';
import type { SecretSource } from '../../core/action-flags';
import { quote, shorten } from '../../core/echo';
import { ElbctlError, throwIfProblems } from '../../core/errors';
import { listenerDifferences } from '../../core/listeners';
import { sameMutualTls } from '../../core/modify/listener';
import type { Action, Listener, LoadBalancer, MutualTls, TargetGroup } from '../../core/model';
import { actionProblems } from '../../core/rules/action';
import {
  ALPN_POLICIES,
  type AlpnPolicy,
  alpnPolicyProblem,
  GATEWAY_LISTENER_PORT,
  isGatewayListener,
  isSecureProtocol,
  isWeakSslPolicy,
  listenerPortProblem,
  listenerRef,
  quicDualstackProblem,
  type ListenerProtocol,
  listenerProblems,
  listenerProtocolValue,
  protocolFitsLoadBalancer,
  RECOMMENDED_SSL_POLICY,
  sameAlpnPolicy,
  targetGroupFitsListener,
  weakSslPolicyWarning,
} from '../../core/rules/listener';
import { type Problem, problem } from '../../core/rules/problem';
import { missingTargetGroupsProblem } from '../../core/rules/target-group';
import {
  type MutualTlsFlags,
  type MutualTlsSpec,
  mutualTlsProblems,
  parseMutualTlsFlags,
} from '../../core/rules/trust-store';
import { enumValue, MAX_PORT, MIN_PORT, wholeNumber } from '../../core/rules/values';
import type { Result } from '../../ui/render';
import { arnNamer } from '../resolve';
import {
  type ActionInputFlags,
  checkLeadingPlace,
  leadingActions,
  parseActionInputs,
  readActionsFile,
  readClientSecret,
  secretSourceFor,
} from '../modify/action-inputs';
import { describeMutualTls, resolveMutualTls } from '../trust-store/mutual-tls';
import { actionData, listenerSslPolicy, type ActionData } from './list';

export interface ListenerCreateOptions
  extends MutualTlsFlags,
    Omit<ActionInputFlags, 'redirect' | 'groupStickiness' | 'rewriteUrl' | 'rewriteHost' | 'transforms'> {
  lb: string;
  protocol: string;
  /** Absent only for a GENEVE listener (gateway load balancer), which has no port. */
  port?: string | undefined;
  certificate?: string[] | undefined;
  sslPolicy?: string | undefined;
  alpnPolicy?: string | undefined;
}

export interface ListenerCreated {
  arn: string;
  loadBalancer: string;
  protocol: string;
  port: number;
  sslPolicy: string | null;
  certificates: string[];
  defaultActions: ActionData[];
  /** Absent when --mtls was not given (AWS's default: off). */
  mutualTls?: MutualTls | undefined;
}

export interface ValidListenerCreate {
  protocol: ListenerProtocol;
  port: number;
  certificates: string[];
  /** Sent only for HTTPS/TLS listeners. */
  sslPolicy: string | undefined;
  /** Undefined while an --actions-file is still to be read. */
  action: ActionSpec | undefined;
  leading?: LeadingSpec[] | undefined;
  secret?: SecretSource | undefined;
  actionsFile?: string | undefined;
  /** TLS listeners only (AWS's default: None). */
  alpnPolicy?: AlpnPolicy | undefined;
  mutualTls: MutualTlsSpec | undefined;
}

const ACTION_FLAG: Record<ActionSpec['type'], string> = {
  forward: '--forward',
  redirect: '--redirect-https',
  'fixed-response': '--fixed-response',
};

/** Every check that needs no AWS call (the rulebook's, as for a stack file); one validation error lists every problem. */
export function validateFlags(opts: ListenerCreateOptions): ValidListenerCreate {
  const problems: Problem[] = [];
  const protocol = listenerProtocolValue(opts.protocol);
  const inputs = parseActionInputs(opts, ['forward', 'redirectHttps', 'fixedResponse'], {
    transforms: false,
    place: { protocol: protocol.ok ? protocol.value : 'HTTPS', loadBalancerType: 'application' },
  });
  problems.push(...inputs.problems);
  const fromFile = inputs.wanted.actionsFile !== undefined;
  const action: ReturnType<typeof parseActionFlags> | undefined =
    fromFile || inputs.problems.length > 0
      ? undefined
      : parseActionFlags(
          { forward: opts.forward, redirectHttps: opts.redirectHttps, fixedResponse: opts.fixedResponse },
          ['forward', 'redirectHttps', 'fixedResponse'],
        );
  if (action && !action.ok) problems.push(...action.problems);
  if (inputs.wanted.leading?.some((a) => a.type === 'authenticate-oidc') && inputs.wanted.secret === undefined) {
    problems.push(
      problem(
        'E_REQUIRED',
        '--auth-oidc: AWS needs the client secret to create the action; add --client-secret-env VAR (the variable holding it) or --client-secret-stdin (pipe it in)',
      ),
    );
  }
  if (!protocol.ok) problems.push(protocol.problem);
  // A GENEVE listener has no port: it is keyed by GATEWAY_LISTENER_PORT (listenerPortProblem refuses a given one).
  const port =
    opts.port === undefined
      ? ({ ok: true, value: GATEWAY_LISTENER_PORT } as const)
      : wholeNumber('port', opts.port, MIN_PORT, MAX_PORT);
  if (!port.ok) problems.push(port.problem);
  const certificates = opts.certificate ?? [];
  const alpn = opts.alpnPolicy === undefined ? undefined : enumValue('alpn policy', opts.alpnPolicy, ALPN_POLICIES);
  if (alpn && !alpn.ok) problems.push(alpn.problem);
  // --ssl-policy defaults to the recommended policy (so help shows it): that default is not a choice the user made.
  const sslPolicy = opts.sslPolicy === RECOMMENDED_SSL_POLICY ? undefined : opts.sslPolicy;
  let mtls: ReturnType<typeof parseMutualTlsFlags> = { spec: undefined, problems: [] };
  if (protocol.ok) {
    const label = `listener ${shorten(`${opts.lb}:${opts.port ?? protocol.value}`)}`;
    const portProblem = listenerPortProblem(protocol.value, opts.port === undefined ? undefined : 0, label, 'flags');
    if (portProblem) problems.push(portProblem);
    if (alpn?.ok) {
      const p = alpnPolicyProblem(protocol.value, alpn.value, label, 'flags');
      if (p) problems.push(p);
    }
    problems.push(
      ...listenerProblems(
        { protocol: protocol.value, port: port.ok ? port.value : 0, certificates, sslPolicy },
        { label },
        'flags',
      ),
    );
    mtls = parseMutualTlsFlags(opts, { protocol: protocol.value, label });
    problems.push(...mtls.problems);
    if (action?.ok && port.ok) {
      problems.push(
        ...actionProblems(action.value, {
          protocol: protocol.value,
          port: port.value,
          where: ACTION_FLAG[action.value.type],
        }),
      );
    }
  }
  throwIfProblems(problems);
  const p = (protocol as { value: ListenerProtocol }).value;
  return {
    protocol: p,
    port: (port as { value: number }).value,
    certificates: [...certificates],
    sslPolicy: isSecureProtocol(p) ? (opts.sslPolicy ?? RECOMMENDED_SSL_POLICY) : undefined,
    action: action?.ok ? action.value : undefined,
    leading: inputs.wanted.leading,
    secret: inputs.wanted.secret,
    actionsFile: inputs.wanted.actionsFile,
    mutualTls: mtls.spec,
    ...(alpn?.ok ? { alpnPolicy: alpn.value } : {}),
  };
}

/** What the load balancer's type rules out: the protocol, and actions only application load balancers have. */
function checkLoadBalancer(lb: LoadBalancer, want: ValidListenerCreate & { action: ActionSpec }): void {
  const label = `load balancer ${quote(lb.name)}`;
  const fits = protocolFitsLoadBalancer(lb.type, want.protocol, label);
  const quic = fits ? undefined : quicDualstackProblem(want.protocol, lb.ipAddressType, label);
  throwIfProblems([
    ...(fits ? [fits] : []),
    ...(quic ? [quic] : []),
    ...(want.mutualTls
      ? mutualTlsProblems(
          want.mutualTls,
          { loadBalancerType: lb.type, label: `listener ${lb.name}:${want.port}` },
          'flags',
        )
      : []),
    ...(fits
      ? []
      : actionProblems(want.action, {
          loadBalancerType: lb.type,
          protocol: want.protocol,
          port: want.port,
          where:
            want.actionsFile !== undefined
              ? `actions file ${quote(want.actionsFile)}: action`
              : ACTION_FLAG[want.action.type],
        })),
  ]);
  checkLeadingPlace(
    want.leading,
    { protocol: want.protocol, loadBalancerType: lb.type },
    `listener ${quote(`${lb.name}:${want.port}`)}`,
  );
}

async function resolveDefaultAction(
  ctx: Context,
  lb: LoadBalancer,
  want: ValidListenerCreate & { action: ActionSpec },
): Promise<{ action: Action; groups: TargetGroup[] }> {
  const spec = want.action;
  if (spec.type !== 'forward') return { action: spec, groups: [] };
  const { elbv2 } = await ctx.aws();
  const { found: groups, missing } = await elbv2.findTargetGroups(spec.targets.map((t) => t.targetGroup));
  const gone = missingTargetGroupsProblem(missing);
  throwIfProblems(gone ? [gone] : []);
  throwIfProblems(
    groups.flatMap((g) =>
      targetGroupFitsListener(
        { loadBalancerName: lb.name, loadBalancerType: lb.type, vpcId: lb.vpcId, protocol: want.protocol },
        { ...g, otherLoadBalancers: g.loadBalancers.filter((arn) => arn !== lb.arn) },
      ),
    ),
  );
  return {
    action: {
      type: 'forward',
      targetGroups: groups.map((g, i) => ({
        targetGroupArn: g.arn,
        ...(spec.targets[i]?.weight !== undefined ? { weight: spec.targets[i]?.weight } : {}),
      })),
      ...(spec.stickinessSeconds !== undefined ? { stickinessSeconds: spec.stickinessSeconds } : {}),
    },
    groups,
  };
}

function toCreated(
  l: Listener,
  lb: LoadBalancer,
  certificates: string[],
  name: (arn: string) => string,
  mutualTls?: MutualTls | undefined,
): ListenerCreated {
  return {
    arn: l.arn,
    loadBalancer: lb.name,
    protocol: l.protocol,
    port: l.port,
    sslPolicy: listenerSslPolicy(l),
    certificates,
    defaultActions: l.defaultActions.map((a) => actionData(a, name)),
    ...(mutualTls ? { mutualTls } : {}),
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
        ...(data.mutualTls ? [['mutual tls', describeMutualTls(data.mutualTls)] as [string, string]] : []),
      ],
    },
  };
}

export async function run(opts: ListenerCreateOptions, ctx: Context): Promise<Result> {
  const flags = validateFlags(opts);
  const file = await readActionsFile(flags, 'listener', { protocol: flags.protocol, loadBalancerType: 'application' });
  const routing = file.routing ?? flags.action;
  if (routing === undefined) throw new ElbctlError('internal', 'E_INTERNAL', 'listener create: no default action');
  const want = { ...flags, action: routing, leading: file.leading };
  if (want.actionsFile !== undefined) {
    // The file's action, judged on the listener it will serve, as a flag's is.
    throwIfProblems(
      actionProblems(routing, {
        protocol: want.protocol,
        port: want.port,
        where: `actions file ${quote(want.actionsFile)}: action`,
      }),
    );
  }
  // Read before the first AWS call: a missing secret stops the command with nothing written.
  const source = secretSourceFor({ ...flags, leading: file.leading }, false, 'listener create');
  const secret = source ? await readClientSecret(ctx, source) : undefined;
  const { elbv2 } = await ctx.aws();
  const lb = await elbv2.getLoadBalancer(opts.lb);
  checkLoadBalancer(lb, want);
  const resolved = await resolveDefaultAction(ctx, lb, want);
  const { groups } = resolved;
  const actions = [...leadingActions(want.leading ?? [], secret), resolved.action];
  const mutualTls = want.mutualTls ? await resolveMutualTls(elbv2, want.mutualTls) : undefined;
  const name = arnNamer(new Map(groups.map((g) => [g.arn, g.name])));
  if (want.sslPolicy !== undefined && isWeakSslPolicy(want.sslPolicy))
    ctx.progress.warn(weakSslPolicyWarning(want.sslPolicy));

  const label = isGatewayListener(want.protocol)
    ? `GENEVE listener of "${lb.name}"`
    : `${want.protocol} listener on port ${want.port} of "${lb.name}"`;
  const existing = (await elbv2.listListeners(lb.arn)).find((l) => l.port === want.port);
  if (existing) {
    const diffs = listenerDifferences(existing, {
      protocol: want.protocol,
      port: want.port,
      sslPolicy: want.sslPolicy,
      certificates: want.certificates,
      defaultActions: actions,
    });
    if (mutualTls && !sameMutualTls(existing.mutualTls, mutualTls))
      diffs.push(`mutual TLS ${describeMutualTls(existing.mutualTls)}`);
    if (want.alpnPolicy !== undefined && !sameAlpnPolicy(existing.alpnPolicy, want.alpnPolicy))
      diffs.push(`ALPN policy ${existing.alpnPolicy ?? 'None'}`);
    if (diffs.length > 0) {
      throw new ElbctlError(
        'conflict',
        'E_LISTENER_EXISTS',
        `port ${want.port} of load balancer "${lb.name}": a listener already exists there with ${diffs.join(', ')}`,
        { hint: `choose another port, or delete it first: elbctl listener delete ${listenerRef(lb.name, want.port)}` },
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
      alpnPolicy: want.alpnPolicy,
      defaultActions: actions,
      mutualTls,
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
  return result(
    toCreated(created, lb, want.certificates, name, created.mutualTls ?? mutualTls),
    created.defaultActions,
    name,
  );
}
