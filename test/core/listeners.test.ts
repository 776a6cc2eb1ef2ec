import { REDIRECT_TO_HTTPS, type ActionSpec } from '../../src/core/actions';
import {
  isWeakSslPolicy,
  listenerDifferences,
  listenerFitsLoadBalancer,
  sameActions,
  targetGroupFitsListener,
  validateListenerCreate,
  type ForwardTargetGroup,
  type ListenerCreateInput,
} from '../../src/core/listeners';
import type { Action } from '../../src/core/model';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d';
const POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const forward = (...names: string[]): ActionSpec => ({
  type: 'forward',
  targets: names.map((targetGroup) => ({ targetGroup })),
});
const input = (over: Partial<ListenerCreateInput>): ListenerCreateInput => ({
  protocol: 'HTTP',
  port: '80',
  certificates: [],
  sslPolicy: POLICY,
  action: forward('api'),
  ...over,
});

describe('validateListenerCreate', () => {
  it.each<[Partial<ListenerCreateInput>, object]>([
    [{}, { protocol: 'HTTP', port: 80, certificates: [], sslPolicy: undefined }],
    [
      { protocol: 'https', port: '443', certificates: [CERT] },
      { protocol: 'HTTPS', port: 443, certificates: [CERT], sslPolicy: POLICY },
    ],
    [
      { protocol: 'tls', port: '8443', certificates: [CERT], sslPolicy: undefined },
      { protocol: 'TLS', port: 8443, sslPolicy: POLICY },
    ],
    [
      { protocol: 'Tcp_Udp', port: '53' },
      { protocol: 'TCP_UDP', port: 53, sslPolicy: undefined },
    ],
    [
      { protocol: 'HTTPS', port: '443', certificates: [CERT], sslPolicy: 'ELBSecurityPolicy-2016-08' },
      { protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08' },
    ],
  ])('GIVEN %j WHEN validated THEN normalises to %j', (over, expected) => {
    const r = validateListenerCreate(input(over));
    expect(r.ok).toBe(true);
    expect(r.ok && r.value).toMatchObject(expected);
  });

  it.each<[Partial<ListenerCreateInput>, string]>([
    [
      { protocol: 'FTP' },
      'listener protocol "FTP": unknown; use HTTP or HTTPS (application load balancer) or TCP, TLS, UDP or TCP_UDP (network load balancer)',
    ],
    [{ port: '0' }, 'port "0": must be a whole number from 1 to 65535'],
    [{ port: '65536' }, 'port "65536": must be a whole number from 1 to 65535'],
    [{ port: '80.5' }, 'port "80.5": must be a whole number from 1 to 65535'],
    [{ port: '8e1' }, 'port "8e1": must be a whole number from 1 to 65535'],
    [
      { protocol: 'HTTPS', port: '443' },
      'listener protocol "HTTPS": needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID (ACM issues one for free)',
    ],
    [
      { protocol: 'TLS', port: '443' },
      'listener protocol "TLS": needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID (ACM issues one for free)',
    ],
    [
      { certificates: [CERT] },
      '--certificate: an HTTP listener does not use certificates; drop --certificate or use HTTPS',
    ],
    [
      { protocol: 'TCP', certificates: [CERT] },
      '--certificate: a TCP listener does not use certificates; drop --certificate or use TLS',
    ],
    [
      { sslPolicy: 'ELBSecurityPolicy-2016-08' },
      '--ssl-policy "ELBSecurityPolicy-2016-08": an HTTP listener does not use a TLS policy; drop --ssl-policy or use HTTPS/TLS',
    ],
    [
      { protocol: 'HTTPS', certificates: ['arn:aws:acm:us-east-1:123:cert'] },
      'certificate "arn:aws:acm:us-east-1:123:cert": not an ACM or IAM certificate ARN; use arn:aws:acm:REGION:ACCOUNT:certificate/ID',
    ],
    [{ protocol: 'HTTPS', certificates: [CERT, CERT] }, 'certificates: a certificate is listed twice; list each once'],
    [
      { protocol: 'HTTPS', certificates: [CERT], sslPolicy: 'TLS-strong' },
      'ssl policy "TLS-strong": not an ELB security policy name; use e.g. ELBSecurityPolicy-TLS13-1-2-2021-06',
    ],
    [
      { protocol: 'TCP', action: REDIRECT_TO_HTTPS },
      '--redirect-https: redirects exist only on HTTP/HTTPS listeners of application load balancers; use --forward on a TCP listener',
    ],
    [
      { protocol: 'UDP', action: { type: 'fixed-response', statusCode: '404', contentType: 'text/plain' } },
      '--fixed-response: fixed responses exist only on HTTP/HTTPS listeners of application load balancers; use --forward on a UDP listener',
    ],
    [
      { protocol: 'TCP', action: forward('a', 'b') },
      '--forward: a TCP listener forwards to one target group; weighted forwards need an application load balancer',
    ],
    [
      { protocol: 'HTTPS', port: '443', certificates: [CERT], action: REDIRECT_TO_HTTPS },
      '--redirect-https: on the HTTPS listener on port 443 it would redirect to itself forever; put it on the HTTP listener (port 80)',
    ],
  ])('GIVEN %j WHEN validated THEN refuses with the exact message', (over, message) => {
    expect(validateListenerCreate(input(over))).toEqual({ ok: false, problems: [message] });
  });

  it('GIVEN an HTTPS listener on 8443 WHEN it redirects to HTTPS THEN that is allowed (no loop)', () => {
    expect(
      validateListenerCreate(
        input({ protocol: 'HTTPS', port: '8443', certificates: [CERT], action: REDIRECT_TO_HTTPS }),
      ).ok,
    ).toBe(true);
  });

  it('GIVEN several problems WHEN validated THEN every one is reported', () => {
    const r = validateListenerCreate(input({ protocol: 'HTTPS', port: 'x', sslPolicy: 'bad' }));
    expect(r.ok ? [] : r.problems).toHaveLength(3);
  });

  it('GIVEN no valid action WHEN validated THEN it is not ok even without other problems', () => {
    expect(validateListenerCreate(input({ action: undefined }))).toEqual({ ok: false, problems: [] });
  });
});

describe('listenerFitsLoadBalancer', () => {
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
      'load balancer "web": listener protocol "HTTP": not supported on a network load balancer; use TCP or TLS or UDP or TCP_UDP',
    ],
  ])('GIVEN a %s load balancer WHEN a %s listener is checked THEN %s', (type, protocol, message) => {
    expect(listenerFitsLoadBalancer(type as never, protocol, 'web')).toBe(message);
  });
});

describe('targetGroupFitsListener', () => {
  const lb = { name: 'web', arn: 'arn:lb/web', vpcId: 'vpc-0abc1234' };
  const tg = (over: Partial<ForwardTargetGroup>): ForwardTargetGroup => ({
    name: 'api',
    arn: 'arn:tg/api',
    protocol: 'HTTP',
    targetType: 'instance',
    vpcId: 'vpc-0abc1234',
    loadBalancers: [],
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
    ['HTTP', { loadBalancers: ['arn:lb/web'] }],
  ])('GIVEN %s listener WHEN forwarding to %j THEN it fits', (protocol, over) => {
    expect(targetGroupFitsListener(lb, protocol, tg(over))).toEqual([]);
  });

  it.each<[string, Partial<ForwardTargetGroup>, string]>([
    [
      'HTTP',
      { protocol: 'TCP' },
      'target group "api" (TCP): an HTTP listener forwards to HTTP or HTTPS target groups (or a lambda one); forward to one of those',
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
      'TCP',
      { protocol: undefined, targetType: 'lambda', vpcId: undefined },
      'target group "api" (lambda): a TCP listener forwards to TCP target groups; forward to one of those',
    ],
    [
      'HTTP',
      { vpcId: 'vpc-0fff9999' },
      'target group "api": is in vpc-0fff9999, but load balancer "web" is in vpc-0abc1234; use a target group in vpc-0abc1234',
    ],
    [
      'HTTP',
      { loadBalancers: ['arn:lb/other'] },
      'target group "api": already serves another load balancer (arn:lb/other); a target group serves one load balancer, so create another target group',
    ],
  ])('GIVEN %s listener WHEN forwarding to %j THEN refuses: %s', (protocol, over, message) => {
    expect(targetGroupFitsListener(lb, protocol, tg(over))).toEqual([message]);
  });
});

describe('ssl policies', () => {
  it.each([
    ['ELBSecurityPolicy-2016-08', true],
    ['ELBSecurityPolicy-TLS-1-0-2015-04', true],
    ['ELBSecurityPolicy-TLS-1-1-2017-01', true],
    ['ELBSecurityPolicy-TLS13-1-0-2021-06', true],
    ['ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04', true],
    ['ELBSecurityPolicy-TLS13-1-2-2021-06', false],
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
