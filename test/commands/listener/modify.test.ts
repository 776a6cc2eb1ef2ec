/**
 * `elbctl listener modify` with aws-sdk-client-mock: the exact ModifyListener input each flag
 * sends, authentication kept before a new routing action, HTTPS to HTTP named as destructive,
 * and every refusal (the rulebook's, a port in use, a target group that does not fit) before
 * any write.
 */
import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import {
  type Action as SdkAction,
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type Listener as SdkListener,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const acm = mockClient(ACMClient);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const WEB = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const EDGE = `${ACCOUNT}:loadbalancer/net/edge/7a1b2c3d4e5f6a7b`;
const L443 = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const L80 = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/0467ef3c8400ae65`;
const LTCP = `${ACCOUNT}:listener/net/edge/7a1b2c3d4e5f6a7b/1b2c3d4e5f6a7b8c`;
const tgArn = (name: string) => `${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;
const cert = (n: string) => `arn:aws:acm:us-east-1:123456789012:certificate/${n}`;
const OLD_POLICY = 'ELBSecurityPolicy-2016-08';
const RECOMMENDED = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

const OIDC: SdkAction = {
  Type: 'authenticate-oidc',
  Order: 1,
  AuthenticateOidcConfig: {
    Issuer: 'https://idp.example.com',
    AuthorizationEndpoint: 'https://idp.example.com/authorize',
    TokenEndpoint: 'https://idp.example.com/token',
    UserInfoEndpoint: 'https://idp.example.com/userinfo',
    ClientId: 'elbctl',
  },
};
const forwardTo = (name: string, order = 1): SdkAction => ({
  Type: 'forward',
  Order: order,
  TargetGroupArn: tgArn(name),
});

let listeners: SdkListener[];
let certificates: Record<string, Array<{ CertificateArn: string; IsDefault: boolean }>>;

const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));
const modifyInput = () => elbv2.commandCalls(ModifyListenerCommand)[0]?.args[0].input;

beforeEach(() => {
  elbv2.reset();
  acm.reset();
  // Every certificate exists in ACM but cert('gone').
  acm.on(DescribeCertificateCommand).callsFake(async (input: { CertificateArn: string }) => {
    if (input.CertificateArn === cert('gone')) {
      throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
    }
    return { Certificate: { CertificateArn: input.CertificateArn, DomainName: 'example.com', Status: 'ISSUED' } };
  });
  listeners = [
    {
      ListenerArn: L443,
      LoadBalancerArn: WEB,
      Protocol: 'HTTPS',
      Port: 443,
      SslPolicy: OLD_POLICY,
      Certificates: [{ CertificateArn: cert('a') }],
      DefaultActions: [forwardTo('api')],
    },
    { ListenerArn: L80, LoadBalancerArn: WEB, Protocol: 'HTTP', Port: 80, DefaultActions: [forwardTo('api')] },
    { ListenerArn: LTCP, LoadBalancerArn: EDGE, Protocol: 'TCP', Port: 80, DefaultActions: [forwardTo('tcp-pool')] },
  ];
  certificates = {
    [L443]: [
      { CertificateArn: cert('a'), IsDefault: true },
      { CertificateArn: cert('sni'), IsDefault: false },
    ],
  };
  elbv2.on(DescribeLoadBalancersCommand).callsFake(async (input: { Names?: string[]; LoadBalancerArns?: string[] }) => {
    const all = [
      { LoadBalancerName: 'web', LoadBalancerArn: WEB, Type: 'application', VpcId: 'vpc-0abc1234' },
      { LoadBalancerName: 'edge', LoadBalancerArn: EDGE, Type: 'network', VpcId: 'vpc-0abc1234' },
    ];
    return {
      LoadBalancers: all.filter(
        (l) => input.Names?.includes(l.LoadBalancerName) || input.LoadBalancerArns?.includes(l.LoadBalancerArn),
      ),
    };
  });
  elbv2
    .on(DescribeListenersCommand)
    .callsFake(async (input: { LoadBalancerArn?: string; ListenerArns?: string[] }) => ({
      Listeners: listeners.filter(
        (l) => l.LoadBalancerArn === input.LoadBalancerArn || input.ListenerArns?.includes(l.ListenerArn ?? ''),
      ),
    }));
  elbv2
    .on(DescribeListenerCertificatesCommand)
    .callsFake(async (input: { ListenerArn: string }) => ({ Certificates: certificates[input.ListenerArn] ?? [] }));
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
  elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { Names?: string[]; TargetGroupArns?: string[] }) => {
    const all = [
      {
        TargetGroupName: 'api',
        TargetGroupArn: tgArn('api'),
        Protocol: 'HTTP',
        TargetType: 'instance',
        VpcId: 'vpc-0abc1234',
        LoadBalancerArns: [WEB],
      },
      {
        TargetGroupName: 'canary',
        TargetGroupArn: tgArn('canary'),
        Protocol: 'HTTP',
        TargetType: 'instance',
        VpcId: 'vpc-0abc1234',
        LoadBalancerArns: [],
      },
      {
        TargetGroupName: 'tcp-pool',
        TargetGroupArn: tgArn('tcp-pool'),
        Protocol: 'TCP',
        TargetType: 'instance',
        VpcId: 'vpc-0abc1234',
        LoadBalancerArns: [EDGE],
      },
      {
        TargetGroupName: 'udp-pool',
        TargetGroupArn: tgArn('udp-pool'),
        Protocol: 'UDP',
        TargetType: 'instance',
        VpcId: 'vpc-0abc1234',
        LoadBalancerArns: [],
      },
    ];
    const wanted = input.Names ?? input.TargetGroupArns ?? [];
    return { TargetGroups: all.filter((g) => wanted.includes(g.TargetGroupName) || wanted.includes(g.TargetGroupArn)) };
  });
  elbv2.on(ModifyListenerCommand).callsFake(async () => ({ Listeners: [listeners[0]] }));
});

describe('listener modify: the ModifyListener input each flag sends', () => {
  it('GIVEN --ssl-policy WHEN run THEN only SslPolicy is sent, after the diff', async () => {
    const r = await elbctl(['listener', 'modify', 'web:443', '--ssl-policy', RECOMMENDED, '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['ModifyListenerCommand']);
    expect(modifyInput()).toEqual({ ListenerArn: L443, SslPolicy: RECOMMENDED });
    expect(r.stderr).toContain(`~ listener web:443\n    ssl policy: ${OLD_POLICY} → ${RECOMMENDED}\n`);
  });

  it('GIVEN a weighted --forward with --group-stickiness WHEN run THEN DefaultActions carry both, nothing else is sent', async () => {
    const r = await elbctl([
      'listener',
      'modify',
      'web:80',
      '--forward',
      'api=90,canary=10',
      '--group-stickiness',
      '300',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      ListenerArn: L80,
      DefaultActions: [
        {
          Order: 1,
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: tgArn('api'), Weight: 90 },
              { TargetGroupArn: tgArn('canary'), Weight: 10 },
            ],
            TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 },
          },
        },
      ],
    });
    expect(r.stderr).toContain('    default action: forward → api → forward → api=90, canary=10 (sticky 300s)\n');
  });

  it('GIVEN a new default certificate WHEN run THEN ModifyListener takes only it, and the certificate list is read back: the others stay', async () => {
    const r = await elbctl(['listener', 'modify', 'web:443', '--certificate', cert('b'), '-y']);
    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({ ListenerArn: L443, Certificates: [{ CertificateArn: cert('b') }] });
    expect(elbv2).toHaveReceivedCommandTimes(DescribeListenerCertificatesCommand, 2);
    expect(writes()).toEqual(['ModifyListenerCommand']);
    expect(r.json()).toMatchObject({
      before: { certificates: [cert('a'), cert('sni')] },
      after: { certificates: [cert('b'), cert('sni')] },
    });
  });

  it('GIVEN --port WHEN it is free THEN Port is sent; WHEN another listener holds it THEN exit 1, no write', async () => {
    const free = await elbctl(['listener', 'modify', 'web:80', '--port', '8080', '-y']);
    expect(free.code).toBe(0);
    expect(modifyInput()).toEqual({ ListenerArn: L80, Port: 8080 });
    elbv2.resetHistory();
    const taken = await elbctl(['listener', 'modify', 'web:80', '--port', '443', '-y']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('error: port 443 of load balancer "web": another listener is already there (HTTPS)');
    expect(writes()).toEqual([]);
  });

  it('GIVEN HTTP becoming HTTPS with a certificate WHEN run THEN protocol, certificate and the recommended TLS policy are sent together', async () => {
    const r = await elbctl(['listener', 'modify', 'web:80', '--protocol', 'https', '--certificate', cert('a'), '-y']);
    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      ListenerArn: L80,
      Protocol: 'HTTPS',
      SslPolicy: RECOMMENDED,
      Certificates: [{ CertificateArn: cert('a') }],
    });
  });

  it('GIVEN HTTPS becoming HTTP WHEN shown THEN the certificates and the TLS policy AWS drops are named as destructive; only Protocol is sent', async () => {
    const r = await elbctl(['listener', 'modify', 'web:443', '--protocol', 'HTTP', '-y']);
    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({ ListenerArn: L443, Protocol: 'HTTP' });
    expect(r.stderr).toContain(
      `~ listener web:443\n    protocol: HTTPS → HTTP\n    certificates: ${cert('a')}, ${cert('sni')} → (none)\n    ssl policy: ${OLD_POLICY} → (none)\n` +
        '    ! HTTP has no certificates: AWS drops its 2 certificates and its TLS policy; going back to HTTPS means adding them again\n',
    );
    expect(r.json()).toMatchObject({ after: { protocol: 'HTTP', certificates: [], sslPolicy: null } });
  });

  it('GIVEN a default action that authenticates first WHEN --forward changes it THEN the authentication is sent again (its secret kept by AWS), the forward after it', async () => {
    listeners[0] = { ...listeners[0], DefaultActions: [OIDC, forwardTo('api', 2)] };
    const r = await elbctl(['listener', 'modify', 'web:443', '--forward', 'canary', '-y']);
    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      ListenerArn: L443,
      DefaultActions: [
        {
          Type: 'authenticate-oidc',
          Order: 1,
          AuthenticateOidcConfig: { ...OIDC.AuthenticateOidcConfig, UseExistingClientSecret: true },
        },
        { Type: 'forward', Order: 2, TargetGroupArn: tgArn('canary') },
      ],
    });
    expect(r.stderr).toContain(
      '    default action: forward → api → forward → canary\n    keeps authenticate-oidc before it\n',
    );
  });
});

describe('listener modify: refused before any write', () => {
  it.each([
    [
      ['web:80', '--protocol', 'HTTPS'],
      'listener web:80: HTTPS needs a certificate; pass --certificate arn:aws:acm:REGION:ACCOUNT:certificate/ID',
    ],
    [
      ['web:80', '--certificate', cert('a')],
      'listener web:80: an HTTP listener does not use certificates; drop --certificate or use HTTPS',
    ],
    [
      ['web:80', '--protocol', 'TCP'],
      'load balancer "web": listener protocol "TCP": not supported on an application load balancer; use HTTP or HTTPS',
    ],
    [
      ['edge:80', '--forward', 'api'],
      'target group "api" (HTTP): a TCP listener forwards to TCP target groups; forward to one of those',
    ],
    [
      ['edge:80', '--protocol', 'UDP'],
      'target group "tcp-pool" (TCP): a UDP listener forwards to UDP or TCP_UDP target groups',
    ],
    [
      ['edge:80', '--forward', 'tcp-pool', '--group-stickiness', '60'],
      'group stickiness: keeps a client on one target group of a weighted forward, which only application load balancers have',
    ],
    [['web:80', '--forward', 'ghost'], 'target group "ghost": does not exist in this account and region'],
    [['web:443', '--certificate', cert('gone')], `certificate "${cert('gone')}": does not exist in ACM`],
    [
      ['web:80', '--protocol', 'HTTPS', '--port', '443', '--certificate', cert('a'), '--redirect-https'],
      'redirects to the same protocol, port, host and path, so clients would loop forever',
    ],
  ])('GIVEN %j WHEN run THEN exit 64 naming it, with no write', async (args, message) => {
    const r = await elbctl(['listener', 'modify', ...args, '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(writes()).toEqual([]);
  });

  it('GIVEN a default action that authenticates WHEN turned to HTTP THEN refused: only HTTPS listeners authenticate', async () => {
    listeners[0] = { ...listeners[0], DefaultActions: [OIDC, forwardTo('api', 2)] };
    const r = await elbctl(['listener', 'modify', 'web:443', '--protocol', 'HTTP', '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'its default action authenticates first (authenticate-oidc), which only HTTPS listeners do; keep HTTPS',
    );
    expect(writes()).toEqual([]);
  });

  it.each([
    [['web:443'], 'listener modify: nothing to change'],
    [['web:443', '--port', '0'], 'port "0": must be a whole number from 1 to 65535'],
    [['web:443', '--ssl-policy', 'TLS13'], 'ssl policy "TLS13"'],
    [
      ['web:443', '--forward', 'api', '--fixed-response', '404'],
      'action: --forward and --fixed-response were both given; pass only one',
    ],
    [
      ['web:443', '--group-stickiness', '300'],
      'group stickiness: applies to a forward to target groups; use it with --forward',
    ],
    [['web:443:10', '--port', '80'], 'listener "web:443:10": name it by its ARN or as LB:PORT'],
  ])('GIVEN %j WHEN run THEN exit 64 before any AWS call', async (args, message) => {
    const r = await elbctl(['listener', 'modify', ...args, '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN --dry-run WHEN a change would be made THEN the diff and the change, no write; detailed: exit 2', async () => {
    const r = await elbctl([
      'listener',
      'modify',
      'web:443',
      '--ssl-policy',
      RECOMMENDED,
      '--dry-run',
      '--detailed-exitcode',
    ]);
    expect(r.code).toBe(2);
    expect(r.json()).toEqual({
      kind: 'listener',
      name: 'web:443',
      arn: L443,
      changed: true,
      dryRun: true,
      before: { sslPolicy: OLD_POLICY },
      after: { sslPolicy: RECOMMENDED },
    });
    expect(writes()).toEqual([]);
  });
});

describe('listener modify: authentication before the default action', () => {
  const OIDC_FLAG =
    'issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=elbctl';
  const SECRET = 'oidc-Pm2Xc8Vt5Lq1Wz9Kr4Hb7Nd3-listener-mod';

  it('GIVEN a listener that authenticates with OIDC WHEN --auth-oidc changes on-unauthenticated without a secret THEN UseExistingClientSecret is sent with the live routing action', async () => {
    listeners[0] = { ...listeners[0], DefaultActions: [OIDC, forwardTo('api', 2)] };

    const r = await elbctl([
      'listener',
      'modify',
      'web:443',
      '--auth-oidc',
      `${OIDC_FLAG},on-unauthenticated=allow`,
      '-y',
    ]);

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      ListenerArn: L443,
      DefaultActions: [
        {
          Order: 1,
          Type: 'authenticate-oidc',
          AuthenticateOidcConfig: {
            ...OIDC.AuthenticateOidcConfig,
            UseExistingClientSecret: true,
            OnUnauthenticatedRequest: 'allow',
          },
        },
        forwardTo('api', 2),
      ],
    });
    expect(r.stderr).toContain('keeps the client secret AWS holds for authenticate-oidc');
  });

  it('GIVEN a listener without authentication WHEN --auth-oidc with the secret piped in and --dry-run THEN nothing is written and neither output shows the secret', async () => {
    const r = await elbctl(
      ['listener', 'modify', 'web:443', '--auth-oidc', OIDC_FLAG, '--client-secret-stdin', '--dry-run'],
      { stdin: `${SECRET}\n` },
    );

    expect(r.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(r.stderr).toContain(
      '~ listener web:443\n    authenticate: (none) → authenticate-oidc https://idp.example.com (client elbctl)\n',
    );
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
  });

  it('GIVEN a listener without authentication WHEN --auth-oidc with the secret from the environment THEN ModifyListener carries it before the live forward', async () => {
    const r = await elbctl(
      ['listener', 'modify', 'web:443', '--auth-oidc', OIDC_FLAG, '--client-secret-env', 'LISTENER_SECRET', '-y'],
      { env: { LISTENER_SECRET: SECRET } },
    );

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      ListenerArn: L443,
      DefaultActions: [
        {
          Order: 1,
          Type: 'authenticate-oidc',
          AuthenticateOidcConfig: { ...OIDC.AuthenticateOidcConfig, ClientSecret: SECRET },
        },
        forwardTo('api', 2),
      ],
    });
  });

  it('GIVEN --jwt-validation on an HTTP listener WHEN run THEN exit 64 once it is read; nothing is written', async () => {
    const r = await elbctl([
      'listener',
      'modify',
      'web:80',
      '--jwt-validation',
      'issuer=https://idp.example.com,jwks-endpoint=https://idp.example.com/jwks',
      '-y',
    ]);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: listener "web:80": authenticate: runs only on HTTPS listeners of application load balancers; this is an HTTP listener\n',
    );
    expect(writes()).toEqual([]);
  });
});

describe('listener modify: --actions-file', () => {
  it('GIVEN a file with Cognito authentication and a weighted forward WHEN run THEN DefaultActions are exactly those, in order', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'elbctl-listener-modify-')), 'admin.yaml');
    writeFileSync(
      file,
      `authenticate:
  - cognito: { userPoolArn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc", userPoolClientId: admin, userPoolDomain: login }
action:
  forward: [{ targetGroup: api, weight: 80 }, { targetGroup: canary, weight: 20 }]
  stickiness: 120
`,
    );

    const r = await elbctl(['listener', 'modify', 'web:443', '--actions-file', file, '-y']);

    expect(r.code).toBe(0);
    expect(modifyInput()).toEqual({
      ListenerArn: L443,
      DefaultActions: [
        {
          Order: 1,
          Type: 'authenticate-cognito',
          AuthenticateCognitoConfig: {
            UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc',
            UserPoolClientId: 'admin',
            UserPoolDomain: 'login',
          },
        },
        {
          Order: 2,
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: tgArn('api'), Weight: 80 },
              { TargetGroupArn: tgArn('canary'), Weight: 20 },
            ],
            TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 120 },
          },
        },
      ],
    });
  });
});
