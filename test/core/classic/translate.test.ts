import { parseHealthTarget, mapHealthNumbers } from '../../../src/core/classic/health-check';
import { chooseType, targetGroupName } from '../../../src/core/classic/listeners';
import type { ClassicListener, ClassicLoadBalancer, ClassicPolicy } from '../../../src/core/classic/model';
import { nearestTlsPolicy } from '../../../src/core/classic/tls-policies';
import { type Translation, translate, type TranslateOptions } from '../../../src/core/classic/translate';
import { loadStack } from '../../../src/core/stack/load';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const IAM_CERT = 'arn:aws:iam::123456789012:server-certificate/legacy';

const http = (port: number, instancePort: number, policyNames: string[] = []): ClassicListener => ({
  protocol: 'HTTP',
  port,
  instanceProtocol: 'HTTP',
  instancePort,
  policyNames,
});

function clb(over: Partial<ClassicLoadBalancer> = {}): ClassicLoadBalancer {
  return {
    name: 'web',
    dnsName: 'web-123.us-east-1.elb.amazonaws.com',
    scheme: 'internet-facing',
    vpcId: 'vpc-0123456789abcdef0',
    subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    securityGroups: ['sg-0123456789abcdef0'],
    listeners: [http(80, 8080)],
    healthCheck: { target: 'HTTP:8080/healthz', interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 },
    instances: ['i-0123456789abcdef0', 'i-0123456789abcdef1'],
    backends: [],
    policies: [],
    attributes: {
      crossZone: true,
      draining: { enabled: true, timeoutSeconds: 120 },
      idleTimeoutSeconds: 60,
      accessLog: { enabled: false },
    },
    tags: {},
    ...over,
  };
}

function ok(c: ClassicLoadBalancer, options: TranslateOptions = {}): Translation {
  const r = translate(c, options);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.translation;
}
const messages = (t: Translation, severity: 'blocking' | 'note') =>
  t.findings.filter((f) => f.severity === severity).map((f) => `${f.subject}: ${f.message}`);
const lb = (t: Translation) => t.file.loadBalancers?.[0];
const tgs = (t: Translation) => t.file.targetGroups ?? [];

describe('parseHealthTarget', () => {
  it.each([
    ['HTTP:8080/healthz', { protocol: 'HTTP', port: 8080, path: '/healthz' }],
    ['HTTPS:443/', { protocol: 'HTTPS', port: 443, path: '/' }],
    ['HTTP:80/a/b?x=1', { protocol: 'HTTP', port: 80, path: '/a/b?x=1' }],
    ['TCP:5432', { protocol: 'TCP', port: 5432 }],
    ['SSL:443', { protocol: 'SSL', port: 443 }],
  ])('GIVEN %s WHEN parsed THEN protocol, port and path are exact', (target, expected) => {
    expect(parseHealthTarget(target)).toEqual(expected);
  });
  it.each(['HTTP:80', 'TCP:80/x', 'UDP:53', 'HTTP:0/', 'HTTP:70000/', 'http:80/', 'HTTP80/'])(
    'GIVEN the malformed target %s WHEN parsed THEN it is refused',
    (target) => {
      expect(parseHealthTarget(target)).toBeUndefined();
    },
  );
});

describe('mapHealthNumbers', () => {
  it('GIVEN values ELBv2 allows WHEN mapped THEN they are kept with no note', () => {
    expect(
      mapHealthNumbers({ target: 'TCP:1', interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 }),
    ).toEqual({ numbers: { interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 }, notes: [] });
  });
  it('GIVEN values outside the ranges WHEN mapped THEN each moves to the nearest allowed value with a note', () => {
    expect(
      mapHealthNumbers({ target: 'TCP:1', interval: 400, timeout: 1, healthyThreshold: 11, unhealthyThreshold: 1 }),
    ).toEqual({
      numbers: { interval: 300, timeout: 2, healthyThreshold: 10, unhealthyThreshold: 2 },
      notes: [
        'health check interval 400: ELBv2 allows 5-300; set to 300',
        'health check timeout 1: ELBv2 allows 2-120; set to 2',
        'health check healthy threshold 11: ELBv2 allows 2-10; set to 10',
        'health check unhealthy threshold 1: ELBv2 allows 2-10; set to 2',
      ],
    });
  });
  it('GIVEN a timeout not below the interval WHEN mapped THEN it is lowered to one second under it, noted', () => {
    expect(
      mapHealthNumbers({ target: 'TCP:1', interval: 10, timeout: 10, healthyThreshold: 2, unhealthyThreshold: 2 }),
    ).toEqual({
      numbers: { interval: 10, timeout: 9, healthyThreshold: 2, unhealthyThreshold: 2 },
      notes: ['health check timeout 10: ELBv2 needs it below the interval (10); set to 9'],
    });
  });
});

describe('chooseType', () => {
  const tcp: ClassicListener = {
    protocol: 'TCP',
    port: 5432,
    instanceProtocol: 'TCP',
    instancePort: 5432,
    policyNames: [],
  };
  it('GIVEN only HTTP(S) listeners and no --to THEN application', () => {
    expect(chooseType([http(80, 80)], undefined, 'web')).toEqual({
      ok: true,
      choice: { type: 'application', reason: 'every listener is HTTP or HTTPS' },
    });
  });
  it('GIVEN only TCP/SSL listeners and no --to THEN network', () => {
    expect(chooseType([tcp], undefined, 'db')).toEqual({
      ok: true,
      choice: { type: 'network', reason: 'every listener is TCP or SSL' },
    });
  });
  it('GIVEN mixed listeners and no --to THEN a usage problem naming both kinds and the choice', () => {
    const r = chooseType([http(80, 80), tcp], undefined, 'mix');
    expect(r).toEqual({
      ok: false,
      problem: {
        code: 'E_PROTOCOL',
        path: ['to'],
        message:
          'classic load balancer "mix": listeners HTTP:80 are HTTP/HTTPS and TCP:5432 TCP/SSL; an application load balancer serves only the first kind, so pass --to network (every listener becomes TCP/TLS; HTTP features such as cookie stickiness go) or split the traffic over two load balancers',
      },
    });
  });
  it('GIVEN a TCP listener and --to application THEN a usage problem', () => {
    const r = chooseType([tcp], 'application', 'db');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.message).toBe(
      '--to application: listener TCP:5432 is TCP/SSL, which an application load balancer cannot serve; use --to network, or move it to a network load balancer of its own',
    );
  });
  it('GIVEN HTTP listeners and --to network THEN network, saying HTTP stops being read', () => {
    expect(chooseType([http(80, 80)], 'network', 'web')).toEqual({
      ok: true,
      choice: {
        type: 'network',
        reason:
          '--to network: HTTP listeners become TCP and HTTPS become TLS (HTTP:80); the load balancer no longer reads HTTP',
      },
    });
  });
});

describe('targetGroupName', () => {
  it('GIVEN a short name THEN NAME-protocol-port', () => {
    expect(targetGroupName('web', 'HTTP', 8080)).toBe('web-http-8080');
  });
  it('GIVEN a 32-character name THEN it is shortened to fit 32 without a trailing hyphen', () => {
    const n = targetGroupName('a-very-long-classic-name-abcd-efg', 'HTTPS', 8443);
    expect(n).toBe('a-very-long-classic-n-https-8443');
    expect(n).toHaveLength(32);
  });
});

describe('nearestTlsPolicy', () => {
  it.each([
    ['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-2016-08', ''],
    ['ELBSecurityPolicy-TLS-1-2-2017-01', 'ELBSecurityPolicy-TLS-1-2-2017-01', ''],
    ['ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-TLS-1-1-2017-01', ''],
    [
      'ELBSecurityPolicy-2014-01',
      'ELBSecurityPolicy-TLS-1-0-2015-04',
      'SSL 3.0 and the RC4 ciphers (no ELBv2 policy offers them); TLS 1.0 and up stay',
    ],
  ])('GIVEN the Classic policy %s THEN %s', (classic, policy, drops) => {
    expect(nearestTlsPolicy(classic)).toEqual({ policy, drops });
  });
  it('GIVEN 2015-05 THEN 2016-08, naming how to compare what it drops', () => {
    expect(nearestTlsPolicy('ELBSecurityPolicy-2015-05')?.policy).toBe('ELBSecurityPolicy-2016-08');
  });
  it('GIVEN an unknown name THEN none', () => {
    expect(nearestTlsPolicy('MyPolicy')).toBeUndefined();
  });
});

describe('translate', () => {
  it('GIVEN an HTTP Classic load balancer with an HTTP health check and LB-cookie stickiness WHEN translated THEN the exact stack file, and it validates', () => {
    const lbCookie: ClassicPolicy = { kind: 'lb-cookie', name: 'sticky', expirationSeconds: 600 };
    const t = ok(
      clb({
        listeners: [http(80, 8080, ['sticky'])],
        policies: [lbCookie],
        tags: { team: 'web', 'aws:cloudformation:stack-name': 's' },
      }),
      {
        region: 'us-east-1',
      },
    );
    expect(t.type).toBe('application');
    expect(t.blocked).toBe(false);
    expect(t.file).toEqual({
      version: 1,
      stack: 'web',
      region: 'us-east-1',
      loadBalancers: [
        {
          name: 'web',
          type: 'application',
          scheme: 'internet-facing',
          subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          securityGroups: ['sg-0123456789abcdef0'],
          attributes: { 'idle_timeout.timeout_seconds': 60 },
          tags: { team: 'web' },
          listeners: [{ port: 80, protocol: 'HTTP', defaultAction: { forward: 'web-http-8080' } }],
        },
      ],
      targetGroups: [
        {
          name: 'web-http-8080',
          protocol: 'HTTP',
          port: 8080,
          vpc: 'vpc-0123456789abcdef0',
          targetType: 'instance',
          healthCheck: {
            protocol: 'HTTP',
            port: 8080,
            path: '/healthz',
            matcher: '200',
            interval: 30,
            timeout: 5,
            healthyThreshold: 10,
            unhealthyThreshold: 2,
          },
          deregistrationDelay: 120,
          targets: [{ id: 'i-0123456789abcdef0' }, { id: 'i-0123456789abcdef1' }],
          stickiness: { enabled: true, type: 'lb_cookie', duration: 600 },
        },
      ],
    });
    expect(messages(t, 'note')).toEqual([
      'tags: left out reserved tag keys "aws:cloudformation:stack-name"',
      'load balancer: drops invalid HTTP header fields (elbctl’s secure default; the Classic one passed them): set dropInvalidHeaderFields: false if clients rely on them',
    ]);
    expect(loadStack(t.text, 'web.yaml').ok).toBe(true);
    expect(t.text.split('\n')[0]).toBe(
      '# Written by `elbctl migrate web`: Classic load balancer "web" → application load balancer "web" (every listener is HTTP or HTTPS).',
    );
  });

  it('GIVEN two listeners on one instance port WHEN translated THEN one target group serves both', () => {
    const t = ok(clb({ listeners: [http(80, 8080), http(8081, 8080), http(9000, 9000)] }));
    expect(t.targetGroups).toEqual([
      { name: 'web-http-8080', protocol: 'HTTP', port: 8080, listenerPorts: [80, 8081] },
      { name: 'web-http-9000', protocol: 'HTTP', port: 9000, listenerPorts: [9000] },
    ]);
    expect(lb(t)?.listeners?.map((l) => l.defaultAction.forward)).toEqual([
      'web-http-8080',
      'web-http-8080',
      'web-http-9000',
    ]);
  });

  it('GIVEN an HTTPS listener with an IAM certificate and a 2016-08 negotiation policy WHEN translated THEN the same certificate and the named policy', () => {
    const t = ok(
      clb({
        listeners: [
          {
            protocol: 'HTTPS',
            port: 443,
            instanceProtocol: 'HTTPS',
            instancePort: 8443,
            certificateId: IAM_CERT,
            policyNames: ['neg'],
          },
        ],
        policies: [{ kind: 'ssl-negotiation', name: 'neg', reference: 'ELBSecurityPolicy-2016-08' }],
        healthCheck: {
          target: 'HTTPS:8443/ping',
          interval: 10,
          timeout: 5,
          healthyThreshold: 3,
          unhealthyThreshold: 3,
        },
      }),
    );
    expect(lb(t)?.listeners).toEqual([
      {
        port: 443,
        protocol: 'HTTPS',
        defaultAction: { forward: 'web-https-8443' },
        certificates: [IAM_CERT],
        sslPolicy: 'ELBSecurityPolicy-2016-08',
      },
    ]);
    expect(tgs(t)[0]?.protocol).toBe('HTTPS');
    expect(tgs(t)[0]?.healthCheck).toMatchObject({ protocol: 'HTTPS', port: 8443, path: '/ping' });
    expect(messages(t, 'note')).toContain(
      'listener 443: TLS policy ELBSecurityPolicy-2016-08 → ELBSecurityPolicy-2016-08 (the same protocols and ciphers)',
    );
  });

  it('GIVEN an old SSLv3-era policy WHEN translated THEN the nearest policy is named with what it drops', () => {
    const t = ok(
      clb({
        listeners: [
          {
            protocol: 'HTTPS',
            port: 443,
            instanceProtocol: 'HTTP',
            instancePort: 80,
            certificateId: CERT,
            policyNames: ['ELBSecurityPolicy-2014-01'],
          },
        ],
        policies: [{ kind: 'ssl-negotiation', name: 'ELBSecurityPolicy-2014-01' }],
      }),
    );
    expect(lb(t)?.listeners?.[0]?.sslPolicy).toBe('ELBSecurityPolicy-TLS-1-0-2015-04');
    expect(messages(t, 'note')).toContain(
      'listener 443: TLS policy ELBSecurityPolicy-2014-01 → ELBSecurityPolicy-TLS-1-0-2015-04, which drops SSL 3.0 and the RC4 ciphers (no ELBv2 policy offers them); TLS 1.0 and up stay',
    );
  });

  it('GIVEN TCP and SSL listeners WHEN translated THEN a network load balancer with TCP and TLS listeners, a TCP health check and cross-zone as it was', () => {
    const t = ok(
      clb({
        listeners: [
          { protocol: 'TCP', port: 5432, instanceProtocol: 'TCP', instancePort: 5432, policyNames: [] },
          {
            protocol: 'SSL',
            port: 443,
            instanceProtocol: 'TCP',
            instancePort: 8080,
            certificateId: CERT,
            policyNames: [],
          },
        ],
        healthCheck: { target: 'TCP:5432', interval: 10, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 3 },
        attributes: {
          crossZone: false,
          draining: { enabled: false, timeoutSeconds: 300 },
          idleTimeoutSeconds: 60,
          accessLog: { enabled: false },
        },
      }),
    );
    expect(t.type).toBe('network');
    expect(lb(t)?.crossZone).toBe(false);
    expect(lb(t)?.attributes).toBeUndefined();
    expect(lb(t)?.listeners?.map((l) => [l.protocol, l.port, l.defaultAction.forward])).toEqual([
      ['TCP', 5432, 'web-tcp-5432'],
      ['TLS', 443, 'web-tcp-8080'],
    ]);
    expect(tgs(t).map((g) => [g.protocol, g.port, g.deregistrationDelay, g.healthCheck])).toEqual([
      [
        'TCP',
        5432,
        0,
        { protocol: 'TCP', port: 5432, interval: 10, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 3 },
      ],
      [
        'TCP',
        8080,
        0,
        { protocol: 'TCP', port: 5432, interval: 10, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 3 },
      ],
    ]);
    expect(messages(t, 'note')).toEqual([
      'listener 443: no SSL negotiation policy on the Classic listener; the new one gets elbctl’s recommended policy',
      'connection draining: off on the Classic load balancer → deregistration delay 0 s (not ELBv2’s 300 s)',
      'idle timeout: 60 s on the Classic load balancer; a network load balancer closes idle TCP flows after 350 s (a listener attribute, tcp.idle_timeout.seconds, set outside this file)',
    ]);
    expect(loadStack(t.text, 'web.yaml').ok).toBe(true);
  });

  it('GIVEN an SSL health check to a network load balancer THEN TCP on that port, noted', () => {
    const t = ok(
      clb({
        listeners: [
          {
            protocol: 'SSL',
            port: 443,
            instanceProtocol: 'SSL',
            instancePort: 443,
            certificateId: CERT,
            policyNames: [],
          },
        ],
        healthCheck: { target: 'SSL:443', interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
      }),
    );
    expect(tgs(t)[0]).toMatchObject({ protocol: 'TLS', healthCheck: { protocol: 'TCP', port: 443 } });
    expect(messages(t, 'note')).toContain(
      'health check: SSL:443: a network load balancer has no SSL health check; TCP:443 checks the connection but not the TLS handshake',
    );
  });

  it('GIVEN app-cookie stickiness WHEN translated THEN app_cookie with the cookie name and a noted duration', () => {
    const t = ok(
      clb({
        listeners: [http(80, 8080, ['app'])],
        policies: [{ kind: 'app-cookie', name: 'app', cookieName: 'JSESSIONID' }],
      }),
    );
    expect(tgs(t)[0]?.stickiness).toEqual({
      enabled: true,
      type: 'app_cookie',
      cookieName: 'JSESSIONID',
      duration: 86400,
    });
    expect(messages(t, 'note')).toContain(
      'listener 80: app-cookie stickiness on "JSESSIONID" → app_cookie; ELBv2 also expires its own stickiness cookie, set to 86400 s (the ELBv2 default)',
    );
  });

  it.each([
    [
      undefined,
      86400,
      'listener 80: LB-cookie stickiness lasted the browser session; ELBv2 cookies always expire, set to 86400 s',
    ],
    [700000, 604800, 'listener 80: LB-cookie stickiness of 700000 s: ELBv2 allows at most 604800 s; clamped'],
  ])(
    'GIVEN LB-cookie stickiness expiring after %s WHEN translated THEN duration %s, noted',
    (expiration, duration, message) => {
      const t = ok(
        clb({
          listeners: [http(80, 8080, ['s'])],
          policies: [{ kind: 'lb-cookie', name: 's', expirationSeconds: expiration }],
        }),
      );
      expect(tgs(t)[0]?.stickiness).toEqual({ enabled: true, type: 'lb_cookie', duration });
      expect(messages(t, 'note')).toContain(message);
    },
  );

  it('GIVEN draining on WHEN translated THEN its timeout is the deregistration delay; off THEN 0', () => {
    expect(tgs(ok(clb()))[0]?.deregistrationDelay).toBe(120);
    const off = clb({ attributes: { ...clb().attributes, draining: { enabled: false, timeoutSeconds: 120 } } });
    expect(tgs(ok(off))[0]?.deregistrationDelay).toBe(0);
  });

  it('GIVEN cross-zone off and no stickiness WHEN translated to an ALB THEN the target group keeps cross-zone off, with the choice named', () => {
    const t = ok(clb({ attributes: { ...clb().attributes, crossZone: false } }));
    expect(tgs(t)[0]?.crossZone).toBe(false);
    expect(messages(t, 'note')).toContain(
      'target group web-http-8080: cross-zone was off on the Classic load balancer (the API default): kept off; set crossZone: true to spread requests over every zone',
    );
  });

  it('GIVEN cross-zone off with stickiness WHEN translated to an ALB THEN stickiness is kept and cross-zone on, with the choice named', () => {
    const t = ok(
      clb({
        listeners: [http(80, 8080, ['s'])],
        policies: [{ kind: 'lb-cookie', name: 's', expirationSeconds: 60 }],
        attributes: { ...clb().attributes, crossZone: false },
      }),
    );
    expect(tgs(t)[0]?.crossZone).toBeUndefined();
    expect(messages(t, 'note')).toContain(
      'target group web-http-8080: cross-zone was off on the Classic load balancer, but an application load balancer target group with cross-zone off cannot be sticky: kept stickiness, cross-zone on',
    );
    expect(loadStack(t.text, 'web.yaml').ok).toBe(true);
  });

  it('GIVEN access logs and an idle timeout WHEN translated to an ALB THEN attributes carry them', () => {
    const t = ok(
      clb({
        attributes: {
          ...clb().attributes,
          idleTimeoutSeconds: 120,
          accessLog: { enabled: true, bucket: 'logs-bucket', prefix: 'web', intervalMinutes: 60 },
        },
      }),
    );
    expect(lb(t)?.attributes).toEqual({
      'idle_timeout.timeout_seconds': 120,
      'access_logs.s3.enabled': true,
      'access_logs.s3.bucket': 'logs-bucket',
      'access_logs.s3.prefix': 'web',
    });
    expect(messages(t, 'note')).toContain(
      'access logs: kept in s3://logs-bucket/web; ELBv2 writes every 5 minutes (the Classic interval was 60 min) in its own log format; check the bucket policy lets ELBv2 deliver',
    );
  });

  describe('refusals: blocking findings with the manual step', () => {
    const blockers = (t: Translation) =>
      t.findings.filter((f) => f.severity === 'blocking').map((f) => [f.subject, f.message, f.manualStep]);

    it('GIVEN a TCP health check to an ALB without --health-path THEN blocking; with it THEN an HTTP check on that path', () => {
      const tcpCheck = clb({
        healthCheck: { target: 'TCP:8080', interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
      });
      const t = ok(tcpCheck);
      expect(t.blocked).toBe(true);
      expect(blockers(t)).toEqual([
        [
          'health check',
          'TCP:8080 checks a connection, and application load balancer target groups check health over HTTP/HTTPS only',
          'run migrate again with --health-path /PATH (a path your instances answer 200 on over HTTP port 8080)',
        ],
      ]);
      expect(t.text).toContain('# BLOCKING (1): each needs a manual step');
      const fixed = ok(tcpCheck, { healthPath: '/ready' });
      expect(fixed.blocked).toBe(false);
      expect(tgs(fixed)[0]?.healthCheck).toMatchObject({
        protocol: 'HTTP',
        port: 8080,
        path: '/ready',
        matcher: '200',
      });
    });

    it('GIVEN backend authentication THEN blocking', () => {
      const t = ok(
        clb({
          backends: [{ instancePort: 8443, policyNames: ['auth'] }],
          policies: [{ kind: 'backend-authentication', name: 'auth' }],
        }),
      );
      expect(blockers(t)).toEqual([
        [
          'instance port 8443',
          'backend authentication (policy "auth"): the Classic load balancer checks the instances\' certificate; ELBv2 encrypts to HTTPS/TLS targets but does not authenticate them',
          'decide that encryption without authentication is acceptable (or put the check in the instances), then delete this finding',
        ],
      ]);
    });

    it.each([
      ['network', 'a network load balancer sends v2 only'],
      ['application', 'an application load balancer never does (it adds X-Forwarded-For instead)'],
    ] as const)('GIVEN proxy protocol on an instance port WHEN migrating to %s THEN blocking', (to, says) => {
      const t = ok(
        clb({
          listeners: [{ protocol: 'TCP', port: 80, instanceProtocol: 'TCP', instancePort: 80, policyNames: [] }],
          healthCheck: { target: 'HTTP:80/', interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
          backends: [{ instancePort: 80, policyNames: ['pp'] }],
          policies: [{ kind: 'proxy-protocol', name: 'pp' }],
        }),
        to === 'network' ? { to } : {},
      );
      expect(blockers(t)).toHaveLength(1);
      expect(blockers(t)[0]?.[1]).toContain(to === 'network' ? says : 'network');
    });

    it('GIVEN a custom SSL negotiation policy THEN blocking', () => {
      const t = ok(
        clb({
          listeners: [
            {
              protocol: 'HTTPS',
              port: 443,
              instanceProtocol: 'HTTP',
              instancePort: 80,
              certificateId: CERT,
              policyNames: ['mine'],
            },
          ],
          policies: [{ kind: 'ssl-negotiation', name: 'mine' }],
        }),
      );
      expect(blockers(t)).toEqual([
        [
          'listener 443',
          'policy "mine" is a custom SSL negotiation (its own protocols and ciphers); ELBv2 has predefined policies only',
          'pick the nearest with `aws elbv2 describe-ssl-policies`, set sslPolicy on this listener, and delete this finding',
        ],
      ]);
    });

    it('GIVEN cookie stickiness WHEN migrating to a network load balancer THEN blocking', () => {
      const t = ok(
        clb({
          listeners: [http(80, 8080, ['s'])],
          policies: [{ kind: 'lb-cookie', name: 's', expirationSeconds: 60 }],
        }),
        {
          to: 'network',
        },
      );
      expect(blockers(t).map((b) => b[0])).toEqual(['listener 80']);
      expect(tgs(t)[0]?.stickiness).toBeUndefined();
    });

    it('GIVEN a one-subnet Classic load balancer WHEN translated to an ALB THEN the validator’s refusal is a blocking finding', () => {
      const t = ok(clb({ subnets: ['subnet-0123456789abcdef0'], availabilityZones: ['us-east-1a'] }));
      expect(t.blocked).toBe(true);
      expect(blockers(t)[0]?.[0]).toBe('stack file');
    });

    it('GIVEN TCP listeners and --to application THEN no file: a usage problem', () => {
      const r = translate(
        clb({ listeners: [{ protocol: 'TCP', port: 80, instanceProtocol: 'TCP', instancePort: 80, policyNames: [] }] }),
        {
          to: 'application',
        },
      );
      expect(r.ok).toBe(false);
    });
  });
});

describe('translate: the file as text', () => {
  it('GIVEN two target groups sharing the one Classic health check WHEN written THEN each carries its own copy (no YAML anchor)', () => {
    const r = translate(
      {
        name: 'web',
        dnsName: 'web-1.elb.amazonaws.com',
        scheme: 'internal',
        vpcId: 'vpc-0123456789abcdef0',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        availabilityZones: [],
        securityGroups: [],
        listeners: [
          { protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 8080, policyNames: [] },
          { protocol: 'HTTP', port: 81, instanceProtocol: 'HTTP', instancePort: 8081, policyNames: [] },
        ],
        healthCheck: { target: 'HTTP:8080/', interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
        instances: [],
        backends: [],
        policies: [],
        attributes: {
          crossZone: true,
          draining: { enabled: true, timeoutSeconds: 30 },
          idleTimeoutSeconds: 60,
          accessLog: { enabled: false },
        },
        tags: {},
      },
      {},
    );
    expect(r.ok && r.translation.text).not.toMatch(/[&*]a1/);
    expect(r.ok && r.translation.text.match(/healthCheck:/g)).toHaveLength(2);
  });
});
