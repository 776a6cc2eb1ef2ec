import { REDIRECT_TO_HTTPS, type ActionSpec } from '../../../src/core/actions';
import { listenerDifferences, sameActions } from '../../../src/core/listeners';
import type { Action } from '../../../src/core/model';
import { actionProblems } from '../../../src/core/rules/action';
import {
  type ForwardingListener,
  type ForwardTargetGroup,
  isWeakSslPolicy,
  type ListenerSpec,
  listenerProblems,
  listenerProtocolValue,
  protocolFitsLoadBalancer,
  targetGroupFitsListener,
} from '../../../src/core/rules/listener';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d';
const POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
const forward = (...names: string[]): ActionSpec => ({
  type: 'forward',
  targets: names.map((targetGroup) => ({ targetGroup })),
});

describe('listenerProblems (rules/listener.ts)', () => {
  const spec = (over: Partial<ListenerSpec>): ListenerSpec => ({
    protocol: 'HTTP',
    port: 80,
    certificates: [],
    ...over,
  });
  const messages = (over: Partial<ListenerSpec>, face: 'flags' | 'stack' = 'flags') =>
    listenerProblems(spec(over), { label: 'listener web:80' }, face).map((p) => [p.code, p.message]);

  it.each<[Partial<ListenerSpec>]>([
    [{}],
    [{ protocol: 'HTTPS', port: 443, certificates: [CERT] }],
    [{ protocol: 'TLS', port: 8443, certificates: [CERT], sslPolicy: POLICY }],
    [{ protocol: 'TCP_UDP', port: 53 }],
  ])('GIVEN %j WHEN judged THEN there is no problem', (over) => {
    expect(messages(over)).toEqual([]);
  });

  it.each<[Partial<ListenerSpec>, 'flags' | 'stack', string, string]>([
    [
      { protocol: 'HTTPS', port: 443 },
      'flags',
      'E_CERTIFICATE',
      'listener web:80: HTTPS needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID (ACM issues one for free)',
    ],
    [
      { protocol: 'TLS', port: 443 },
      'stack',
      'E_CERTIFICATE',
      'listener web:80: TLS needs a certificate; add certificates: [arn:aws:acm:REGION:ACCOUNT:certificate/ID] (ACM issues one for free)',
    ],
    [
      { certificates: [CERT] },
      'flags',
      'E_CERTIFICATE',
      'listener web:80: an HTTP listener does not use certificates; drop --certificate or use HTTPS',
    ],
    [
      { protocol: 'TCP', certificates: [CERT] },
      'stack',
      'E_CERTIFICATE',
      'listener web:80: a TCP listener does not use certificates; remove certificates or use TLS',
    ],
    [
      { sslPolicy: 'ELBSecurityPolicy-2016-08' },
      'flags',
      'E_CERTIFICATE',
      'listener web:80: an HTTP listener does not use a TLS policy; drop --ssl-policy or use HTTPS',
    ],
    [
      { protocol: 'HTTPS', certificates: ['arn:aws:acm:us-east-1:123:cert'] },
      'flags',
      'E_FORMAT',
      'certificate "arn:aws:acm:us-east-1:123:cert": not an ACM or IAM certificate ARN; use arn:aws:acm:REGION:ACCOUNT:certificate/ID',
    ],
    [
      { protocol: 'HTTPS', certificates: [CERT, CERT] },
      'flags',
      'E_DUPLICATE',
      `certificate "${CERT}": listed twice on listener web:80; list each once`,
    ],
    [
      { protocol: 'HTTPS', certificates: [CERT], sslPolicy: 'TLS-strong' },
      'flags',
      'E_FORMAT',
      'ssl policy "TLS-strong": not an ELB security policy name; use e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    ],
  ])('GIVEN %j (%s) WHEN judged THEN one problem, code and message exact', (over, face, code, message) => {
    expect(messages(over, face)).toEqual([[code, message]]);
  });

  it('GIVEN a protocol in any case WHEN read THEN it is written in AWS case; an unknown one names both types', () => {
    expect(listenerProtocolValue('Tcp_Udp')).toEqual({ ok: true, value: 'TCP_UDP' });
    expect(listenerProtocolValue('FTP')).toEqual({
      ok: false,
      problem: {
        code: 'E_ENUM',
        path: ['protocol'],
        message:
          'listener protocol "FTP": unknown; use HTTP or HTTPS (application load balancer), TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC (network load balancer) or GENEVE (gateway load balancer)',
      },
    });
  });
});

describe('actionProblems on a listener (rules/action.ts)', () => {
  const on = (protocol: string, port: number, a: ActionSpec) =>
    actionProblems(a, { protocol, port, where: 'default action' }).map((p) => p.message);
  it.each<[string, number, ActionSpec, string]>([
    [
      'TCP',
      80,
      REDIRECT_TO_HTTPS,
      'default action: redirects exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on a TCP listener',
    ],
    [
      'UDP',
      53,
      { type: 'fixed-response', statusCode: '404', contentType: 'text/plain' },
      'default action: fixed responses exist only on HTTP/HTTPS listeners of application load balancers; forward to a target group on a UDP listener',
    ],
    [
      'GENEVE',
      6081,
      forward('a', 'b'),
      'default action: a GENEVE listener forwards to one target group; weighted forwards need an application or network load balancer',
    ],
    [
      'HTTPS',
      443,
      REDIRECT_TO_HTTPS,
      'default action: redirects to the same protocol, port, host and path, so clients would loop forever; change the protocol, port, host or path',
    ],
  ])('GIVEN a %s:%s listener WHEN %j is its action THEN refuses: %s', (protocol, port, a, message) => {
    expect(on(protocol, port, a)).toEqual([message]);
  });

  it('GIVEN an HTTPS listener on 8443 WHEN it redirects to HTTPS on 443 THEN that is allowed (no loop)', () => {
    expect(on('HTTPS', 8443, REDIRECT_TO_HTTPS)).toEqual([]);
  });

  it('GIVEN a TCP or UDP listener of a network load balancer WHEN it forwards weighted THEN that is allowed (AWS since 2025)', () => {
    expect(on('TCP', 80, forward('a', 'b'))).toEqual([]);
    expect(
      actionProblems(forward('a', 'b'), { loadBalancerType: 'network', protocol: 'UDP', port: 53, where: 'x' }),
    ).toEqual([]);
  });
});

describe('protocolFitsLoadBalancer', () => {
  it.each([
    ['application', 'HTTP', undefined],
    ['application', 'HTTPS', undefined],
    [
      'application',
      'TCP',
      'load balancer "web": listener protocol "TCP": not supported on an application load balancer; use HTTP or HTTPS',
    ],
    ['network', 'TLS', undefined],
    ['network', 'TCP_UDP', undefined],
    [
      'network',
      'HTTP',
      'load balancer "web": listener protocol "HTTP": not supported on a network load balancer; use TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC',
    ],
  ])('GIVEN a %s load balancer WHEN a %s listener is checked THEN %s', (type, protocol, message) => {
    expect(protocolFitsLoadBalancer(type as never, protocol, 'load balancer "web"')?.message).toBe(message);
  });
});

describe('targetGroupFitsListener', () => {
  const listener = (protocol: string): ForwardingListener => ({
    loadBalancerName: 'web',
    loadBalancerType: ['HTTP', 'HTTPS'].includes(protocol) ? 'application' : 'network',
    vpcId: 'vpc-0abc1234',
    protocol,
  });
  const tg = (over: Partial<ForwardTargetGroup>): ForwardTargetGroup => ({
    name: 'api',
    protocol: 'HTTP',
    targetType: 'instance',
    vpcId: 'vpc-0abc1234',
    otherLoadBalancers: [],
    ...over,
  });

  it.each<[string, Partial<ForwardTargetGroup>]>([
    ['HTTP', {}],
    ['HTTPS', { protocol: 'HTTPS' }],
    ['HTTP', { protocol: undefined, targetType: 'lambda', vpcId: undefined }],
    ['TCP', { protocol: 'TCP' }],
    ['TCP', { protocol: 'TCP', targetType: 'alb' }],
    ['TLS', { protocol: 'TCP' }],
    ['TLS', { protocol: 'TLS' }],
    ['UDP', { protocol: 'UDP' }],
    ['UDP', { protocol: 'TCP_UDP' }],
    ['TCP_UDP', { protocol: 'TCP_UDP' }],
  ])('GIVEN %s listener WHEN forwarding to %j THEN it fits', (protocol, over) => {
    expect(targetGroupFitsListener(listener(protocol), tg(over))).toEqual([]);
  });

  it.each<[string, Partial<ForwardTargetGroup>, string]>([
    [
      'HTTP',
      { protocol: 'TCP' },
      'target group "api" (TCP): an HTTP listener forwards to HTTP or HTTPS target groups (or a lambda one); forward to one of those',
    ],
    [
      'HTTP',
      { protocol: 'TCP', targetType: 'alb' },
      'target group "api" (target type alb): only a network load balancer\'s TCP listener can forward to an application load balancer; forward to an HTTP or HTTPS target group',
    ],
    [
      'TCP',
      { protocol: 'HTTP' },
      'target group "api" (HTTP): a TCP listener forwards to TCP target groups; forward to one of those',
    ],
    [
      'TCP',
      { protocol: 'TCP_UDP' },
      'target group "api" (TCP_UDP): a TCP listener forwards to TCP target groups; forward to one of those',
    ],
    [
      'TCP_UDP',
      { protocol: 'TCP' },
      'target group "api" (TCP): a TCP_UDP listener forwards to TCP_UDP target groups; forward to one of those',
    ],
    [
      'UDP',
      { protocol: 'TCP' },
      'target group "api" (TCP): a UDP listener forwards to UDP or TCP_UDP target groups; forward to one of those',
    ],
    [
      'TLS',
      { protocol: 'UDP' },
      'target group "api" (UDP): a TLS listener forwards to TCP or TLS target groups; forward to one of those',
    ],
    [
      'TLS',
      { protocol: 'TCP', targetType: 'alb' },
      'target group "api" (target type alb): an application load balancer target is reached through a TCP listener; forward from a TCP listener',
    ],
    [
      'TCP',
      { protocol: undefined, targetType: 'lambda', vpcId: undefined },
      'target group "api" (target type lambda): only application load balancers invoke lambda functions; forward to a TCP target group',
    ],
    [
      'HTTP',
      { vpcId: 'vpc-0fff9999' },
      'target group "api": is in vpc-0fff9999, but load balancer "web" is in vpc-0abc1234; use a target group in vpc-0abc1234',
    ],
    [
      'HTTP',
      { otherLoadBalancers: ['arn:lb/other'] },
      'target group "api": already serves another load balancer (arn:lb/other); a target group serves one load balancer, so create another target group',
    ],
  ])('GIVEN %s listener WHEN forwarding to %j THEN refuses: %s', (protocol, over, message) => {
    expect(targetGroupFitsListener(listener(protocol), tg(over)).map((p) => p.message)).toEqual([message]);
  });
});

describe('ssl policies', () => {
  it.each([
    ['ELBSecurityPolicy-2016-08', true],
    ['ELBSecurityPolicy-TLS-1-0-2015-04', true],
    ['ELBSecurityPolicy-TLS-1-1-2017-01', true],
    ['ELBSecurityPolicy-TLS13-1-0-2021-06', true],
    ['ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04', true],
    ['ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', false],
    ['ELBSecurityPolicy-TLS13-1-3-2021-06', false],
    ['ELBSecurityPolicy-FS-1-2-Res-2020-10', false],
  ])('GIVEN %s WHEN judged THEN weak is %s', (name, weak) => {
    expect(isWeakSslPolicy(name)).toBe(weak);
  });
});

describe('sameActions and listenerDifferences', () => {
  const fwd = (...groups: Array<[string, number?]>): Action => ({
    type: 'forward',
    targetGroups: groups.map(([targetGroupArn, weight]) => ({
      targetGroupArn,
      ...(weight !== undefined ? { weight } : {}),
    })),
  });

  it.each<[string, Action, Action, boolean]>([
    ['one group, weight omitted vs 1', fwd(['a']), fwd(['a', 1]), true],
    ['weighted groups in another order', fwd(['a', 80], ['b', 20]), fwd(['b', 20], ['a', 80]), true],
    ['other weights', fwd(['a', 80], ['b', 20]), fwd(['a', 50], ['b', 50]), false],
    ['other group', fwd(['a']), fwd(['b']), false],
    ['redirect as AWS describes it', REDIRECT_TO_HTTPS, { ...REDIRECT_TO_HTTPS }, true],
    ['redirect vs forward', REDIRECT_TO_HTTPS, fwd(['a']), false],
    [
      'fixed response with and without body',
      { type: 'fixed-response', statusCode: '404', contentType: 'text/plain' },
      { type: 'fixed-response', statusCode: '404', contentType: 'text/plain', messageBody: 'gone' },
      false,
    ],
  ])('GIVEN %s WHEN compared THEN same is %s', (_what, a, b, same) => {
    expect(sameActions([a], [b])).toBe(same);
  });

  const existing = {
    protocol: 'HTTPS',
    port: 443,
    sslPolicy: POLICY,
    certificates: [CERT],
    defaultActions: [fwd(['a'])],
  };

  it('GIVEN the same listener WHEN compared THEN there is no difference', () => {
    expect(listenerDifferences(existing, { ...existing, defaultActions: [fwd(['a', 1])] })).toEqual([]);
  });

  it('GIVEN another protocol and action WHEN compared THEN both are named', () => {
    expect(
      listenerDifferences(existing, { ...existing, protocol: 'HTTP', defaultActions: [REDIRECT_TO_HTTPS] }),
    ).toEqual(['protocol HTTPS, not HTTP', 'another default action']);
  });

  it('GIVEN another certificate and ssl policy WHEN compared THEN both are named', () => {
    expect(
      listenerDifferences(existing, {
        ...existing,
        certificates: [`${CERT}9`],
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
      }),
    ).toEqual(['another default certificate', `ssl policy ${POLICY}`]);
  });
});
