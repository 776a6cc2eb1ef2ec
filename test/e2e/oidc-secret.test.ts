/**
 * The OIDC client secret test (issue 12): a secret given through the environment variable a
 * stack names (`clientSecretEnv`) never appears in stdout, in stderr with --debug, in a saved
 * plan, in an exported file or in a written stack; it reaches AWS exactly when an OIDC action is
 * created or `apply --rotate-secrets` runs, and a missing variable stops the apply before any
 * write. The same holds for the command flags (`--client-secret-env`, `--client-secret-stdin`):
 * never in stdout, stderr with --debug, or a --dry-run diff. Runs the BUILT `bin/elbctl` against
 * moto, which (unlike AWS) returns the secret it holds, so the test can see what was sent.
 */
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, cleanEnv, type ProcessResult, runCli } from '../support/cli-process';
import { type Moto, startMoto } from '../support/moto';
import { TEST_CREDENTIALS } from '../support/network';
import { type StackNetwork, seedStackNetwork } from '../support/stack-fixtures';

jest.setTimeout(180_000);

const SECRET = 'oidc-Q8wz3Lr7NkV2pX5sJ9tB4mC6-first-client-secret';
const ROTATED = 'oidc-H3fy8Kd1QwP6zT2nR7vL5xG9-rotated-client-secret';
const VAR = 'SHOP_OIDC_SECRET';

let moto: Moto;
let net: StackNetwork;
let elbv2: ElasticLoadBalancingV2Client;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-oidc-'));

beforeAll(async () => {
  assertBuilt();
  moto = await startMoto();
  net = await seedStackNetwork(moto.endpoint, 'us-east-1', 2);
  elbv2 = new ElasticLoadBalancingV2Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: TEST_CREDENTIALS,
  });
});
afterAll(async () => {
  elbv2?.destroy();
  await moto?.stop();
});

function stackText(): string {
  return `version: 1
stack: shop-admin
region: us-east-1
loadBalancers:
  - name: shop-admin
    type: application
    subnets: [${net.subnets[0]}, ${net.subnets[1]}]
    securityGroups: [${net.securityGroupId}]
    listeners:
      - port: 443
        protocol: HTTPS
        certificates: [${net.certificateArn}]
        defaultAction:
          forward:
            - { targetGroup: web, weight: 90 }
            - { targetGroup: admin, weight: 10 }
          stickiness: 3600
        rules:
          - name: admin
            priority: 10
            conditions: { path: ["/admin/*"] }
            authenticate:
              - oidc:
                  issuer: https://login.example.com
                  authorizationEndpoint: https://login.example.com/authorize
                  tokenEndpoint: https://login.example.com/token
                  userInfoEndpoint: https://login.example.com/userinfo
                  clientId: shop-admin
                  clientSecretEnv: ${VAR}
                  scope: openid email
            action: { forward: admin }
targetGroups:
  - name: web
    protocol: HTTP
    port: 8080
    vpc: ${net.vpcId}
  - name: admin
    protocol: HTTP
    port: 8081
    vpc: ${net.vpcId}
`;
}

const file = (name: string) => join(dir, name);
const env = (extra: Record<string, string> = {}) => cleanEnv({ AWS_ENDPOINT_URL: moto.endpoint, ...extra });

function expectClean(r: ProcessResult, ...secrets: string[]): void {
  for (const s of secrets) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
}

async function adminRule() {
  const lbs = await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['shop-admin'] }));
  const listeners = await elbv2.send(
    new DescribeListenersCommand({ LoadBalancerArn: lbs.LoadBalancers?.[0]?.LoadBalancerArn }),
  );
  const rules = await elbv2.send(new DescribeRulesCommand({ ListenerArn: listeners.Listeners?.[0]?.ListenerArn }));
  return { listener: listeners.Listeners?.[0], rule: rules.Rules?.find((r) => r.Priority === '10') };
}

describe('an OIDC client secret from the environment', () => {
  it('GIVEN a stack naming the variable WHEN applied without it THEN exit 64 names the variable and nothing is written', async () => {
    const stack = file('shop.yaml');
    writeFileSync(stack, stackText());

    const r = await runCli(['apply', '-f', stack, '-y', '--debug'], env());

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`the OIDC client secret variable ${VAR} (for shop-admin:443:admin) is not set`);
    expect(r.stderr).toContain('nothing was changed');
    const lbs = await elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(lbs.LoadBalancers ?? []).toEqual([]);
  });

  it('GIVEN the variable WHEN planned, saved, applied, exported, re-applied and rotated with --debug THEN the secret is sent on create and on rotate only, and never appears in any output or file', async () => {
    const stack = file('shop.yaml');
    writeFileSync(stack, stackText());
    const saved = file('plan.json');

    // WHEN planned with the secret in the environment and saved
    const planned = await runCli(['plan', '-f', stack, '--out', saved, '--debug'], env({ [VAR]: SECRET }));
    expect(planned.code).toBe(0);
    expectClean(planned, SECRET);
    const planText = readFileSync(saved, 'utf8');
    expect(planText).not.toContain(SECRET);
    expect(planText).toContain(`"clientSecretEnv": "${VAR}"`);

    // WHEN the saved plan is applied: the rule is created with the secret
    const applied = await runCli(['apply', '--plan', saved, '-y', '--debug'], env({ [VAR]: SECRET }));
    expect(applied.code).toBe(0);
    expectClean(applied, SECRET);
    expect(applied.stderr).toContain('CreateRule');
    const created = await adminRule();
    expect(created.rule?.Actions?.map((a) => [a.Type, a.Order])).toEqual([
      ['authenticate-oidc', 1],
      ['forward', 2],
    ]);
    expect(created.rule?.Actions?.[0]?.AuthenticateOidcConfig?.ClientSecret).toBe(SECRET);
    expect(created.listener?.DefaultActions?.[0]?.ForwardConfig?.TargetGroupStickinessConfig).toEqual({
      Enabled: true,
      DurationSeconds: 3600,
    });

    // WHEN exported: a placeholder variable, never the secret; the export plans to nothing
    const exportedFile = file('exported.yaml');
    const exported = await runCli(
      ['export', 'shop-admin', '--stack', 'shop-admin', '-f', exportedFile, '--debug'],
      env({ [VAR]: SECRET }),
    );
    expect(exported.code).toBe(0);
    expectClean(exported, SECRET);
    const exportText = readFileSync(exportedFile, 'utf8');
    expect(exportText).not.toContain(SECRET);
    expect(exportText).toContain('clientSecretEnv: OIDC_CLIENT_SECRET_SHOP_ADMIN_443_ADMIN');
    expect(exportText).toContain('stickiness: 3600');
    const exportPlan = await runCli(['plan', '-f', exportedFile, '--detailed-exitcode'], env());
    expect(exportPlan.code).toBe(0);
    expect(JSON.parse(exportPlan.stdout).changes).toEqual([]);

    // WHEN applied again without the variable: nothing to create, so nothing needs the secret
    const again = await runCli(['apply', '-f', stack, '-y', '--debug'], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('"create": 0');
    expect((await adminRule()).rule?.Actions?.[0]?.AuthenticateOidcConfig?.ClientSecret).toBe(SECRET);

    // WHEN rotated: the new secret is sent, and printed nowhere
    const rotated = await runCli(['apply', '-f', stack, '-y', '--rotate-secrets', '--debug'], env({ [VAR]: ROTATED }));
    expect(rotated.code).toBe(0);
    expectClean(rotated, SECRET, ROTATED);
    expect(rotated.stderr).toContain('ModifyRule');
    expect((await adminRule()).rule?.Actions?.[0]?.AuthenticateOidcConfig?.ClientSecret).toBe(ROTATED);
  });
});

describe('an OIDC client secret given to a command', () => {
  const FLAG_SECRET = 'oidc-Bq5Tz8Wm2Kx7Rn4Lv1Pd9Hc3-flag-secret';
  const PIPED = 'oidc-Jf6Yx2Nc9Qm4Ws7Kt1Lb8Rd5-piped-secret';
  const OIDC =
    'issuer=https://login.example.com,authorization-endpoint=https://login.example.com/authorize,token-endpoint=https://login.example.com/token,user-info-endpoint=https://login.example.com/userinfo,client-id=shop-admin';

  async function ruleAt(priority: string) {
    const { listener } = await adminRule();
    const rules = await elbv2.send(new DescribeRulesCommand({ ListenerArn: listener?.ListenerArn }));
    return rules.Rules?.find((r) => r.Priority === priority);
  }

  it('GIVEN --client-secret-env or --client-secret-stdin WHEN rules are added, dry-run modified and rotated with --debug THEN the secret reaches AWS and no output', async () => {
    // The load balancer and listener of the stack above (applied there).
    const added = await runCli(
      [
        'rule',
        'add',
        'shop-admin:443',
        '--path',
        '/ops/*',
        '--auth-oidc',
        OIDC,
        '--client-secret-env',
        'OPS_SECRET',
        '--forward',
        'admin',
        '--priority',
        '20',
        '--debug',
      ],
      env({ OPS_SECRET: FLAG_SECRET }),
    );
    expect(added.code).toBe(0);
    expectClean(added, FLAG_SECRET);
    expect(added.stderr).toContain('CreateRule');
    expect((await ruleAt('20'))?.Actions?.[0]?.AuthenticateOidcConfig?.ClientSecret).toBe(FLAG_SECRET);

    const piped = await runCli(
      [
        'rule',
        'add',
        'shop-admin:443',
        '--path',
        '/billing/*',
        '--auth-oidc',
        OIDC,
        '--client-secret-stdin',
        '--forward',
        'admin',
        '--priority',
        '21',
        '--debug',
      ],
      env(),
      `${PIPED}\n`,
    );
    expect(piped.code).toBe(0);
    expectClean(piped, PIPED);
    expect((await ruleAt('21'))?.Actions?.[0]?.AuthenticateOidcConfig?.ClientSecret).toBe(PIPED);

    // WHEN a rotation is only shown (--dry-run): the diff says a new secret would be sent, and nothing is written
    const dry = await runCli(
      ['rule', 'modify', 'shop-admin:443:20', '--auth-oidc', OIDC, '--client-secret-stdin', '--dry-run', '--debug'],
      env(),
      `${PIPED}\n`,
    );
    expect(dry.code).toBe(0);
    expectClean(dry, PIPED, FLAG_SECRET);
    expect(dry.stderr).toContain('sends a new client secret for authenticate-oidc (not shown)');
    expect(dry.stderr).not.toContain('ModifyRule');
    expect((await ruleAt('20'))?.Actions?.[0]?.AuthenticateOidcConfig?.ClientSecret).toBe(FLAG_SECRET);

    // WHEN rotated for real, as JSON: sent, and still printed nowhere
    const rotated = await runCli(
      [
        'rule',
        'modify',
        'shop-admin:443:20',
        '--auth-oidc',
        OIDC,
        '--client-secret-stdin',
        '-y',
        '--debug',
        '-o',
        'json',
      ],
      env(),
      `${PIPED}\n`,
    );
    expect(rotated.code).toBe(0);
    expectClean(rotated, PIPED, FLAG_SECRET);
    expect(rotated.stderr).toContain('ModifyRule');
    expect((await ruleAt('20'))?.Actions?.[0]?.AuthenticateOidcConfig?.ClientSecret).toBe(PIPED);

    // WHEN a secret is written into the flag itself: refused, and not echoed even with --debug
    const leaked = await runCli(
      [
        'rule',
        'add',
        'shop-admin:443',
        '--path',
        '/x/*',
        '--auth-oidc',
        `${OIDC},client-secret=${FLAG_SECRET}`,
        '--forward',
        'admin',
        '--debug',
      ],
      env(),
    );
    expect(leaked.code).toBe(64);
    expectClean(leaked, FLAG_SECRET);
  });
});
