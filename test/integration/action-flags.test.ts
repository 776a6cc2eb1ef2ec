/**
 * The action flags against the emulator (moto 5.2.1), for what it serves: OIDC and Cognito
 * authentication before the routing action on `rule add`, `rule modify` and `listener create`,
 * read back with DescribeRules/DescribeListeners (moto, unlike AWS, returns the client secret it
 * holds, so the test sees what was sent). Where moto differs from AWS, measured here so the
 * difference stays known: it refuses `jwt-validation` (its enum has forward, redirect and
 * fixed-response only) and regex conditions (an HTML 500), and drops transforms without a word;
 * those are covered with aws-sdk-client-mock (test/commands/rule/*-actions.test.ts).
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { elbctl } from '../support/harness';
import { type Moto, startMoto } from '../support/moto';
import { TEST_CREDENTIALS } from '../support/network';
import { type StackNetwork, seedStackNetwork } from '../support/stack-fixtures';

jest.setTimeout(120_000);

const SECRET = 'oidc-Vw3Ns8Qk1Zb6Xr4Tm9Lp2Hd7-moto';
const OIDC =
  'issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=shop';
const OIDC_SDK = {
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  ClientId: 'shop',
};
const COGNITO =
  'user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=shop,domain=shop-login';

let moto: Moto;
let net: StackNetwork;
let elbv2: ElasticLoadBalancingV2Client;
let lbArn: string;
let appArn: string;
let httpsListener: string;

beforeAll(async () => {
  moto = await startMoto();
  net = await seedStackNetwork(moto.endpoint, 'us-east-1', 1);
  elbv2 = new ElasticLoadBalancingV2Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  lbArn = (
    await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'shop',
        Subnets: net.subnets.slice(0, 2),
        SecurityGroups: [net.securityGroupId],
      }),
    )
  ).LoadBalancers?.[0]?.LoadBalancerArn as string;
  appArn = (
    await elbv2.send(new CreateTargetGroupCommand({ Name: 'app', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId }))
  ).TargetGroups?.[0]?.TargetGroupArn as string;
  httpsListener = (
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: net.certificateArn }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: appArn }],
      }),
    )
  ).Listeners?.[0]?.ListenerArn as string;
});

afterAll(async () => {
  elbv2?.destroy();
  await moto?.stop();
});

const run = (args: string[], options: Parameters<typeof elbctl>[1] = {}) =>
  elbctl(['--endpoint-url', moto.endpoint, ...args], options);

async function ruleAt(priority: number) {
  const rules = await elbv2.send(new DescribeRulesCommand({ ListenerArn: httpsListener }));
  return rules.Rules?.find((r) => r.Priority === String(priority));
}

describe('the action flags against the emulator', () => {
  it('GIVEN --auth-oidc with the secret from the environment WHEN a rule is added THEN moto holds authenticate-oidc (1, with that secret) then forward (2); the output never shows it', async () => {
    const r = await run(
      [
        'rule',
        'add',
        'shop:443',
        '--path',
        '/admin/*',
        '--auth-oidc',
        `${OIDC},scope=openid email`,
        '--client-secret-env',
        'SHOP_SECRET',
        '--forward',
        'app',
        '--priority',
        '10',
      ],
      { env: { SHOP_SECRET: SECRET } },
    );

    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
    expect((await ruleAt(10))?.Actions).toEqual([
      {
        Type: 'authenticate-oidc',
        Order: 1,
        AuthenticateOidcConfig: { ...OIDC_SDK, ClientSecret: SECRET, Scope: 'openid email' },
      },
      { Type: 'forward', Order: 2, TargetGroupArn: appArn },
    ]);
  });

  it('GIVEN that rule WHEN --auth-oidc changes its session timeout without a secret THEN UseExistingClientSecret is what reaches the endpoint', async () => {
    const r = await run(['rule', 'modify', 'shop:443:10', '--auth-oidc', `${OIDC},session-timeout=3600`, '-y']);

    expect(r.code).toBe(0);
    // moto stores the request as sent (AWS would keep the secret it holds and never return it).
    expect((await ruleAt(10))?.Actions?.[0]?.AuthenticateOidcConfig).toEqual({
      ...OIDC_SDK,
      SessionTimeout: 3600,
      UseExistingClientSecret: true,
    });
  });

  it('GIVEN --auth-cognito WHEN a rule is added THEN moto holds authenticate-cognito (1) then forward (2)', async () => {
    const r = await run([
      'rule',
      'add',
      'shop:443',
      '--path',
      '/app/*',
      '--auth-cognito',
      `${COGNITO},on-unauthenticated=deny`,
      '--forward',
      'app',
      '--priority',
      '20',
    ]);

    expect(r.code).toBe(0);
    expect((await ruleAt(20))?.Actions).toEqual([
      {
        Type: 'authenticate-cognito',
        Order: 1,
        AuthenticateCognitoConfig: {
          UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc',
          UserPoolClientId: 'shop',
          UserPoolDomain: 'shop-login',
          OnUnauthenticatedRequest: 'deny',
        },
      },
      { Type: 'forward', Order: 2, TargetGroupArn: appArn },
    ]);
  });

  it('GIVEN --auth-cognito WHEN an HTTPS listener is created THEN its default actions authenticate first', async () => {
    const r = await run([
      'listener',
      'create',
      'shop',
      '--protocol',
      'HTTPS',
      '--port',
      '8443',
      '--certificate',
      net.certificateArn,
      '--auth-cognito',
      COGNITO,
      '--fixed-response',
      '200:ok',
    ]);

    expect(r.code).toBe(0);
    const listeners = await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    expect(listeners.Listeners?.find((l) => l.Port === 8443)?.DefaultActions?.map((a) => [a.Type, a.Order])).toEqual([
      ['authenticate-cognito', 1],
      ['fixed-response', 2],
    ]);
  });

  it('GIVEN what moto lacks WHEN sent THEN it refuses jwt-validation and regex conditions, and drops transforms (the mocked tests cover AWS)', async () => {
    const jwt = await run([
      'rule',
      'add',
      'shop:443',
      '--path',
      '/jwt/*',
      '--jwt-validation',
      'issuer=https://idp.example.com,jwks-endpoint=https://idp.example.com/jwks',
      '--forward',
      'app',
      '--priority',
      '30',
    ]);
    expect(jwt.code).toBe(1);
    expect(jwt.stderr).toContain("Value 'jwt-validation' at 'actions.1.member.type' failed to satisfy constraint");

    const regex = await run([
      'rule',
      'add',
      'shop:443',
      '--path-regex',
      '^/re/',
      '--forward',
      'app',
      '--priority',
      '31',
    ]);
    expect(regex.code).toBe(1);

    const rewrite = await run([
      'rule',
      'add',
      'shop:443',
      '--path',
      '/old/*',
      '--rewrite-url',
      '^/old/(.*)$=/$1',
      '--forward',
      'app',
      '--priority',
      '32',
    ]);
    expect(rewrite.code).toBe(0);
    const kept = await ruleAt(32);
    expect(kept?.Actions).toEqual([{ Type: 'forward', Order: 1, TargetGroupArn: appArn }]);
    expect(kept?.Transforms).toBeUndefined();
    expect(await ruleAt(30)).toBeUndefined();
    expect(await ruleAt(31)).toBeUndefined();
  });
});
