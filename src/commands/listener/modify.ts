/**
 * `elbctl listener modify LISTENER [--port N] [--protocol P] [--ssl-policy NAME] [--certificate ARN]
 * [--forward ..|--redirect-https|--redirect URL|--fixed-response ..]`: a listener changed in place
 * (its ARN and its rules stay). The flags are judged before any AWS call; the listener as it
 * would be, by the rulebook `listener create` uses (HTTPS needs a certificate, HTTP takes none,
 * forward targets must fit the new protocol, a redirect must not loop); what it refers to must
 * exist. A new routing action replaces only the last action: authentication before it stays,
 * unless --auth-oidc, --auth-cognito, --jwt-validation (or an --actions-file) say exactly what runs
 * before it; an OIDC action keeps the client secret AWS holds unless a new one is given.
 * Going from HTTPS to HTTP (TLS to TCP), AWS drops the certificates and the TLS policy: the diff
 * says so and marks it as what cannot be undone by running the command again.
 */
import type { Elbv2Gateway } from '../../aws/elbv2/gateway';
import type { Context } from '../context';
import { type ActionSpec, type LeadingSpec, splitActions } from '../../core/actions';
import type { SecretSource } from '../../core/action-flags';
import { quote, shorten } from '../../core/echo';
import { ElbctlError, throwIfProblems } from '../../core/errors';
import { sameActions } from '../../core/listeners';
import type { Action, Listener, LoadBalancer } from '../../core/model';
import { checkPreWriteGuards } from '../../core/modify/guards';
import { type ListenerSettings, listenerModification } from '../../core/modify/listener';
import { actionProblems } from '../../core/rules/action';
import { certificateArnProblem, sslPolicyNameProblem } from '../../core/rules/names';
import {
  ALPN_POLICIES,
  type AlpnPolicy,
  alpnPolicyProblem,
  isSecureProtocol,
  isWeakSslPolicy,
  listenerProblems,
  listenerProtocolValue,
  protocolFitsLoadBalancer,
  quicDualstackProblem,
  RECOMMENDED_SSL_POLICY,
  targetGroupFitsListener,
  weakSslPolicyWarning,
  type ListenerProtocol,
} from '../../core/rules/listener';
import { type Problem, problem } from '../../core/rules/problem';
import {
  type MutualTlsFlags,
  type MutualTlsSpec,
  mutualTlsProblems,
  parseMutualTlsFlags,
} from '../../core/rules/trust-store';
import { enumValue, MAX_PORT, MIN_PORT, wholeNumber } from '../../core/rules/values';
import { parseListenerRef } from '../../core/references';
import { fieldLabel, keepsLine } from '../../core/stack/describe';
import type { Result } from '../../ui/render';
import { type DryRunFlags, approveModification, checkDryRunFlags, modifyResult } from '../modify/flow';
import { actionJson, displayAction, resolveRoutingAction } from '../modify/actions';
import {
  type ActionInputFlags,
  authenticationChange,
  checkLeadingPlace,
  extraActionFlagsGiven,
  parseActionInputs,
  readActionsFile,
  readClientSecret,
} from '../modify/action-inputs';
import { resolveListener } from '../resolve';
import { readTags } from '../tags/common';
import { requireCertificates } from './certs/common';
import { describeMutualTls, resolveMutualTls } from '../trust-store/mutual-tls';
import { listenerSslPolicy } from './list';

export interface ListenerModifyOptions
  extends DryRunFlags,
    MutualTlsFlags,
    Omit<ActionInputFlags, 'rewriteUrl' | 'rewriteHost' | 'transforms'> {
  listener: string;
  port?: string | undefined;
  protocol?: string | undefined;
  sslPolicy?: string | undefined;
  certificate?: string | undefined;
  alpnPolicy?: string | undefined;
}

interface WantedListener {
  port?: number | undefined;
  protocol?: ListenerProtocol | undefined;
  sslPolicy?: string | undefined;
  certificate?: string | undefined;
  alpnPolicy?: AlpnPolicy | undefined;
  action?: ActionSpec | undefined;
  stickiness?: number | undefined;
  leading?: LeadingSpec[] | undefined;
  secret?: SecretSource | undefined;
  actionsFile?: string | undefined;
  mutualTls?: MutualTlsSpec | undefined;
}

const ACTION_FLAG: Record<ActionSpec['type'], string> = {
  forward: '--forward',
  redirect: '--redirect',
  'fixed-response': '--fixed-response',
};

/** Every check that needs no AWS call; one validation error lists every problem. */
export function validateListenerModify(opts: ListenerModifyOptions): WantedListener {
  checkDryRunFlags(opts);
  parseListenerRef(opts.listener);
  const problems: Problem[] = [];
  const inputs = parseActionInputs(opts, ['forward', 'redirectHttps', 'redirect', 'fixedResponse'], {
    transforms: false,
    // Judged on HTTPS until the listener is read (then on its protocol, or the new one).
    place: { protocol: opts.protocol?.toUpperCase() === 'HTTP' ? 'HTTP' : 'HTTPS', loadBalancerType: 'application' },
  });
  const routing = { spec: inputs.wanted.routing, stickiness: inputs.wanted.stickiness, problems: inputs.problems };
  problems.push(...routing.problems);
  const given = [opts.port, opts.protocol, opts.sslPolicy, opts.certificate, opts.mtls, opts.alpnPolicy].some(
    (v) => v !== undefined,
  );
  if (!given && routing.spec === undefined && !extraActionFlagsGiven(opts) && routing.problems.length === 0) {
    problems.push(
      problem(
        'E_REQUIRED',
        'listener modify: nothing to change; pass --port, --protocol, --ssl-policy, --certificate, --alpn-policy, --mtls, an action (--forward, --redirect-https, --redirect, --fixed-response), authentication (--auth-oidc, --auth-cognito, --jwt-validation) or --actions-file',
      ),
    );
  }
  let port: number | undefined;
  if (opts.port !== undefined) {
    const p = wholeNumber('port', opts.port, MIN_PORT, MAX_PORT);
    if (p.ok) port = p.value;
    else problems.push(p.problem);
  }
  let protocol: ListenerProtocol | undefined;
  if (opts.protocol !== undefined) {
    const p = listenerProtocolValue(opts.protocol);
    if (p.ok) protocol = p.value;
    else problems.push(p.problem);
  }
  if (opts.sslPolicy !== undefined) {
    const p = sslPolicyNameProblem(opts.sslPolicy);
    if (p) problems.push(p);
  }
  if (opts.certificate !== undefined) {
    const p = certificateArnProblem(opts.certificate);
    if (p) problems.push(p);
  }
  const mtls = parseMutualTlsFlags(opts, { protocol, label: `listener ${shorten(opts.listener)}` });
  problems.push(...mtls.problems);
  const alpn = opts.alpnPolicy === undefined ? undefined : enumValue('alpn policy', opts.alpnPolicy, ALPN_POLICIES);
  if (alpn && !alpn.ok) problems.push(alpn.problem);
  throwIfProblems(problems);
  return {
    mutualTls: mtls.spec,
    port,
    protocol,
    sslPolicy: opts.sslPolicy,
    certificate: opts.certificate,
    ...(alpn?.ok ? { alpnPolicy: alpn.value } : {}),
    action: routing.spec,
    stickiness: routing.stickiness,
    leading: inputs.wanted.leading,
    secret: inputs.wanted.secret,
    actionsFile: inputs.wanted.actionsFile,
  };
}

interface Live {
  lb: LoadBalancer;
  listener: Listener;
  label: string;
  certificates: string[];
  leading: Action[];
  routing: Action | undefined;
}

async function readLive(elbv2: Elbv2Gateway, ref: string): Promise<Live> {
  const { listener, loadBalancer: lb } = await resolveListener(elbv2, ref);
  const certificates = isSecureProtocol(listener.protocol)
    ? await elbv2.describeListenerCertificates(listener.arn)
    : [];
  const { leading, routing } = splitActions(listener.defaultActions);
  return { lb, listener, label: `${lb.name}:${listener.port}`, certificates, leading, routing };
}

/** The rulebook on the listener as it would be, and what only a change can get wrong. */
async function check(
  elbv2: Elbv2Gateway,
  live: Live,
  want: WantedListener,
  protocol: string,
  port: number,
  certificates: string[],
): Promise<void> {
  const { lb, listener, label } = live;
  const fits = protocolFitsLoadBalancer(lb.type, protocol, `load balancer ${quote(lb.name)}`);
  const problems: Problem[] = fits ? [fits] : [];
  if (!fits) {
    problems.push(
      ...listenerProblems(
        { protocol: protocol as ListenerProtocol, port, certificates, sslPolicy: want.sslPolicy },
        { loadBalancerType: lb.type, loadBalancerName: lb.name, label: `listener ${label}` },
        'flags',
      ),
    );
    // The live redirect or fixed response is judged again when the protocol or port it serves changes (a redirect could now loop).
    const moved = protocol !== listener.protocol || port !== listener.port;
    const routing =
      want.action ?? (moved && live.routing?.type !== 'forward' ? (live.routing as ActionSpec | undefined) : undefined);
    if (routing) {
      problems.push(
        ...actionProblems(routing, {
          loadBalancerType: lb.type,
          protocol,
          port,
          where: want.actionsFile
            ? `actions file ${quote(want.actionsFile)}: action`
            : want.action
              ? ACTION_FLAG[want.action.type]
              : `default action of listener ${label}`,
        }),
      );
    }
    if (!want.action && live.routing?.type === 'forward' && protocol !== listener.protocol) {
      // The target groups it forwards to now must suit the new protocol.
      const groups = await elbv2.getTargetGroups(live.routing.targetGroups.map((g) => g.targetGroupArn));
      for (const g of groups) {
        problems.push(
          ...targetGroupFitsListener(
            { loadBalancerName: lb.name, loadBalancerType: lb.type, vpcId: lb.vpcId, protocol },
            { ...g, otherLoadBalancers: [] },
          ),
        );
      }
    }
    const mtls = want.mutualTls ?? (live.listener.mutualTls?.mode !== 'off' ? live.listener.mutualTls : undefined);
    if (mtls) {
      const spec: MutualTlsSpec = want.mutualTls ?? { mode: mtls.mode };
      problems.push(
        ...mutualTlsProblems(spec, { protocol, loadBalancerType: lb.type, label: `listener ${label}` }, 'flags'),
      );
    }
    if (want.leading === undefined && live.leading.length > 0 && protocol !== 'HTTPS') {
      problems.push(
        problem(
          'E_ACTION',
          `listener ${label}: its default action authenticates first (${live.leading.map((a) => (a.type === 'other' ? a.awsType : a.type)).join(', ')}), which only HTTPS listeners do; keep HTTPS`,
          ['protocol'],
        ),
      );
    }
  }
  const alpn = alpnPolicyProblem(protocol, want.alpnPolicy, `listener ${label}`, 'flags');
  if (alpn) problems.push(alpn);
  const quic = fits ? undefined : quicDualstackProblem(protocol, lb.ipAddressType, `listener ${label}`);
  if (quic) problems.push(quic);
  throwIfProblems(problems);
  checkLeadingPlace(want.leading, { protocol, loadBalancerType: lb.type }, `listener ${quote(label)}`);
  if (port !== listener.port) {
    const taken = (await elbv2.listListeners(lb.arn)).find((l) => l.port === port);
    if (taken) {
      throw new ElbctlError(
        'conflict',
        'E_LISTENER_EXISTS',
        `port ${port} of load balancer "${lb.name}": another listener is already there (${taken.protocol})`,
        { hint: `choose a free port; \`elbctl listener list ${lb.name}\` shows the ports in use` },
      );
    }
  }
}

export async function run(opts: ListenerModifyOptions, ctx: Context): Promise<Result> {
  const flags = validateListenerModify(opts);
  const file = await readActionsFile(flags, 'listener', { protocol: 'HTTPS', loadBalancerType: 'application' });
  const want: WantedListener = {
    ...flags,
    ...(file.routing ? { action: file.routing, stickiness: file.stickiness } : {}),
    leading: file.leading,
  };
  // A secret a flag names is read before the first AWS call: a missing one writes nothing.
  const given = want.secret ? await readClientSecret(ctx, want.secret) : undefined;
  const { elbv2, acm } = await ctx.aws();
  const live = await readLive(elbv2, opts.listener);
  const { lb, listener, label } = live;
  checkPreWriteGuards({ kind: 'listener', name: label, arn: listener.arn, tags: await readTags(elbv2, listener.arn) });

  const protocol = want.protocol ?? listener.protocol;
  const port = want.port ?? listener.port;
  const secure = isSecureProtocol(protocol);
  const certificates = !secure
    ? []
    : want.certificate !== undefined
      ? [want.certificate, ...live.certificates.slice(1).filter((c) => c !== want.certificate)]
      : live.certificates;
  // A certificate given for a listener that takes none is judged (and refused) as given.
  await check(elbv2, live, want, protocol, port, secure ? certificates : want.certificate ? [want.certificate] : []);
  // A new default certificate must exist, as for `listener certs add|rotate` (AWS would refuse it only mid-change).
  if (want.certificate !== undefined && want.certificate !== live.certificates[0]) {
    await requireCertificates(acm, [want.certificate]);
  }

  const resolved = want.action
    ? await resolveRoutingAction(elbv2, want.action, want.stickiness, lb, protocol)
    : undefined;
  const names = new Map(resolved?.names ?? []);
  const mutualTls = want.mutualTls ? await resolveMutualTls(elbv2, want.mutualTls) : undefined;
  const auth = await authenticationChange(ctx, live.leading, want, given, `listener ${label}`);
  const current: Partial<ListenerSettings<Action>> = {
    protocol: listener.protocol,
    port: listener.port,
    ...(listenerSslPolicy(listener) !== null ? { sslPolicy: listenerSslPolicy(listener) as string } : {}),
    certificates: live.certificates,
    ...(live.routing ? { defaultAction: live.routing } : {}),
    ...(listener.mutualTls ? { mutualTls: listener.mutualTls } : {}),
    ...(listener.alpnPolicy ? { alpnPolicy: listener.alpnPolicy } : {}),
  };
  // Becoming HTTPS/TLS without --ssl-policy: the recommended policy, as for a new listener.
  const sslPolicy = secure
    ? (want.sslPolicy ?? (current.sslPolicy === undefined ? RECOMMENDED_SSL_POLICY : undefined))
    : undefined;
  const { before, after } = listenerModification<Action>(
    current,
    {
      protocol,
      port,
      certificates,
      ...(sslPolicy !== undefined ? { sslPolicy } : {}),
      ...(resolved ? { defaultAction: resolved.action } : {}),
      ...(mutualTls ? { mutualTls } : {}),
      ...(want.alpnPolicy !== undefined ? { alpnPolicy: want.alpnPolicy } : {}),
    },
    (a, b) => sameActions([a], [b]),
  );
  if (sslPolicy !== undefined && isWeakSslPolicy(sslPolicy)) ctx.progress.warn(weakSslPolicyWarning(sslPolicy));
  const dropped = !secure && live.certificates.length > 0;
  const show = (side: Partial<ListenerSettings<Action>>, specs: LeadingSpec[] | undefined) => ({
    ...(specs ? { authenticate: specs } : {}),
    ...side,
    ...(side.defaultAction ? { defaultAction: displayAction(side.defaultAction, names) } : {}),
    ...(side.mutualTls ? { mutualTls: describeMutualTls(side.mutualTls) } : {}),
  });
  const json = (side: Partial<ListenerSettings<Action>>, specs: LeadingSpec[] | undefined) => ({
    ...(specs ? { authenticate: specs } : {}),
    ...side,
    ...(side.defaultAction ? { defaultAction: actionJson(side.defaultAction, names) } : {}),
  });
  const m = {
    kind: 'listener',
    name: label,
    arn: listener.arn,
    before: json(before, auth?.before),
    after: json(after, auth?.after),
    display: { before: show(before, auth?.before), after: show(after, auth?.after) },
    notes: [
      ...(after.defaultAction && !auth && live.leading.length > 0
        ? [keepsLine(live.leading.map((a) => (a.type === 'other' ? a.awsType : a.type)))]
        : []),
      ...(auth?.keepsSecret ? ['keeps the client secret AWS holds for authenticate-oidc'] : []),
      ...(auth?.sendsSecret ? ['sends a new client secret for authenticate-oidc (not shown)'] : []),
    ],
    destructive: dropped
      ? [
          `${protocol} has no certificates: AWS drops ${live.certificates.length === 1 ? 'its certificate' : `its ${live.certificates.length} certificates`} and its TLS policy; going back to ${listener.protocol} means adding them again`,
        ]
      : [],
  };
  const early = await approveModification(ctx, m, opts);
  if (early) return early;

  const { applyListenerModification } = await import('../../aws/modify');
  ctx.progress.start(`changing listener ${shorten(label)} in place`);
  try {
    await applyListenerModification(
      elbv2,
      listener.arn,
      { before, after },
      { current: listener.defaultActions, ...(auth ? { leading: auth.actions } : {}) },
    );
  } catch (e) {
    ctx.progress.fail(`could not change listener ${label}`);
    throw e;
  }
  const changed = [...(auth ? ['authenticate'] : []), ...Object.keys(after)];
  ctx.progress.succeed(`changed listener ${label}: ${changed.map(fieldLabel).join(', ')}`);
  return modifyResult(m, { changed: true, dryRun: false });
}
