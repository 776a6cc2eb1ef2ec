/**
 * Secrets never reach stdout or stderr (issue items 10 and 11). Known values sit in
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, and an OIDC client secret sits in stack files
 * (the schema has no authenticate-oidc action, so it is where a user would write it: under an
 * unknown `authenticateOidc` key, in an attribute named like a secret, in an Authorization
 * header condition). Every command of the BUILT `bin/elbctl` runs with --debug against moto —
 * successes and failures — and none of the three values appears in any output. Untagged
 * bystanders come out unchanged.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, cleanEnv, runCli, type ProcessResult } from '../support/cli-process';
import { startMoto, type Moto } from '../support/moto';
import { createBystanders, snapshotBystanders } from '../support/scale-stack';
import { example, localize, seedStackNetwork, type StackNetwork } from '../support/stack-fixtures';

jest.setTimeout(180_000);

const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY-known-secret-key';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJ-known-session-token';
const OIDC_CLIENT_SECRET = 'oidc-7Fq2vXr9LmN4pW8sK3tY6bZ1-known-client-secret';
const SECRETS = [SECRET_ACCESS_KEY, SESSION_TOKEN, OIDC_CLIENT_SECRET];

let moto: Moto;
let net: StackNetwork;
const dir = mkdtempSync(join(tmpdir(), 'elbctl-secrets-'));

beforeAll(async () => {
  assertBuilt();
  moto = await startMoto();
  net = await seedStackNetwork(moto.endpoint, 'us-east-1', 2);
});
afterAll(async () => {
  await moto?.stop();
});

const env = () =>
  cleanEnv({
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEKNOWNKEY1',
    AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
  });

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A valid ALB stack of the seeded network; `extra` edits put the secret somewhere. */
function albStack(edit: (text: string) => string = (t) => t): string {
  return edit(localize(example('alb-path-routing.yaml'), net));
}

interface Step {
  args: string[];
  code: number;
  /** It talks to AWS, so --debug must have logged calls. */
  aws: boolean;
}

describe('secrets with --debug', () => {
  it('GIVEN known secrets in the environment and in stack files WHEN every command runs with --debug THEN none of them is ever printed, and untagged resources are untouched', async () => {
    const bystanders = await createBystanders(moto.endpoint, net);
    const before = await snapshotBystanders(moto.endpoint, 'us-east-1', bystanders);

    const valid = write('shop.yaml', albStack());
    const oidcUnknownKey = write(
      'oidc.yaml',
      albStack((t) =>
        t.replace(
          '        defaultAction: { forward: web }',
          `        defaultAction:\n          forward: web\n          authenticateOidc: { issuer: "https://idp.example.com", clientId: shop, clientSecret: ${OIDC_CLIENT_SECRET} }`,
        ),
      ),
    );
    const oidcAttribute = write(
      'oidc-attribute.yaml',
      albStack((t) =>
        t.replace(
          '      idle_timeout.timeout_seconds: 60',
          `      idle_timeout.timeout_seconds: 60\n      oidc.client_secret: ${OIDC_CLIENT_SECRET}`,
        ),
      ),
    );
    const oidcHeader = write(
      'oidc-header.yaml',
      albStack((t) =>
        t.replace(
          'conditions: { path: ["/api/*"] }',
          `conditions: { path: ["/api/*"], headers: { Authorization: "Basic ${OIDC_CLIENT_SECRET}" } }`,
        ),
      ),
    );
    const planFile = join(dir, 'plan.json');
    const exported = join(dir, 'exported.yaml');
    const initFile = join(dir, 'init.yaml');
    const [s1, s2] = net.subnets;
    const [i1] = net.instances;

    const steps: Step[] = [
      // stack files carrying the OIDC secret: refused before any AWS call
      { args: ['validate', '-f', oidcUnknownKey], code: 64, aws: false },
      { args: ['plan', '-f', oidcUnknownKey], code: 64, aws: false },
      { args: ['apply', '-f', oidcUnknownKey, '-y'], code: 64, aws: false },
      { args: ['validate', '-f', oidcAttribute], code: 64, aws: false },
      { args: ['apply', '-f', oidcAttribute, '-y'], code: 64, aws: false },
      { args: ['validate', '-f', oidcHeader], code: 64, aws: false },
      { args: ['destroy', '-f', oidcHeader, '-y'], code: 64, aws: false },
      // the stack lifecycle
      { args: ['validate', '-f', valid], code: 0, aws: false },
      { args: ['plan', '-f', valid, '--out', planFile], code: 0, aws: true },
      { args: ['apply', '--plan', planFile, '-y'], code: 0, aws: true },
      { args: ['plan', '-f', valid, '--detailed-exitcode'], code: 0, aws: true },
      { args: ['export', 'shop-web', '--stack', 'shop', '-f', exported, '-y'], code: 0, aws: true },
      { args: ['destroy', '-f', valid, '-y'], code: 0, aws: true },
      // resource commands, successes and failures
      {
        args: [
          'lb',
          'create',
          'web',
          '--type',
          'application',
          '--subnets',
          `${s1},${s2}`,
          '--security-groups',
          net.securityGroupId,
        ],
        code: 0,
        aws: true,
      },
      { args: ['lb', 'create', 'web', '--type', 'network', '--subnets', `${s1}`], code: 1, aws: true },
      { args: ['lb', 'list'], code: 0, aws: true },
      { args: ['lb', 'describe', 'web'], code: 0, aws: true },
      { args: ['lb', 'attributes', 'web', '--set', 'idle_timeout.timeout_seconds=90', '-y'], code: 0, aws: true },
      { args: ['lb', 'attributes', 'web', '--set', 'idle_timeout.timeout_seconds=91'], code: 64, aws: true },
      { args: ['lb', 'cross-zone', 'web', 'off'], code: 64, aws: true },
      {
        args: [
          'tg',
          'create',
          'app',
          '--protocol',
          'HTTP',
          '--port',
          '8080',
          '--vpc',
          net.vpcId,
          '--health-path',
          '/up',
        ],
        code: 0,
        aws: true,
      },
      { args: ['tg', 'list'], code: 0, aws: true },
      { args: ['tg', 'describe', 'app'], code: 0, aws: true },
      {
        args: ['tg', 'attributes', 'app', '--set', 'deregistration_delay.timeout_seconds=30', '-y'],
        code: 0,
        aws: true,
      },
      { args: ['tg', 'modify', 'app', '--health-path', '/ready', '-y'], code: 0, aws: true },
      { args: ['tags', 'add', 'tg/app', 'team=shop', '-y'], code: 0, aws: true },
      { args: ['tags', 'list', 'tg/app'], code: 0, aws: true },
      { args: ['targets', 'register', 'app', i1 as string], code: 0, aws: true },
      { args: ['targets', 'health', 'app'], code: 0, aws: true },
      {
        args: ['listener', 'create', 'web', '--protocol', 'HTTP', '--port', '80', '--forward', 'app'],
        code: 0,
        aws: true,
      },
      { args: ['listener', 'list', 'web'], code: 0, aws: true },
      {
        args: ['rule', 'add', 'web:80', '--path', '/api/*', '--forward', 'app', '--priority', '10'],
        code: 0,
        aws: true,
      },
      { args: ['rule', 'list', 'web:80'], code: 0, aws: true },
      { args: ['rule', 'move', 'web:80:10', '--priority', '20'], code: 0, aws: true },
      { args: ['rule', 'modify', 'web:80:20', '--path', '/v2/*', '-y'], code: 0, aws: true },
      { args: ['listener', 'modify', 'web:80', '--fixed-response', '404', '--dry-run'], code: 0, aws: true },
      { args: ['lb', 'modify', 'web', '--security-groups', net.securityGroupId, '-y'], code: 0, aws: true },
      { args: ['doctor', 'app'], code: 0, aws: true },
      { args: ['tg', 'cross-zone', 'app', 'inherit'], code: 0, aws: true },
      { args: ['metrics', 'web', '--since', '1h'], code: 0, aws: true },
      { args: ['rule', 'delete', 'web:80:20', '-y'], code: 0, aws: true },
      { args: ['listener', 'delete', 'web:80', '-y'], code: 0, aws: true },
      { args: ['targets', 'deregister', 'app', i1 as string], code: 0, aws: true },
      { args: ['lb', 'delete', 'web', '-y'], code: 0, aws: true },
      { args: ['tg', 'delete', 'app', '-y'], code: 0, aws: true },
      { args: ['lb', 'describe', 'web'], code: 1, aws: true },
      { args: ['init', '--defaults', '-f', initFile], code: 0, aws: true },
    ];

    const outcomes: Array<{ args: string; code: number | null; leaked: string[]; debugLines: number }> = [];
    const runs: ProcessResult[] = [];
    for (const step of steps) {
      const r = await runCli([...step.args, '--debug'], env());
      runs.push(r);
      const output = r.stdout + r.stderr;
      outcomes.push({
        args: step.args.join(' '),
        code: r.code,
        leaked: SECRETS.filter((s) => output.includes(s)),
        debugLines: (r.stderr.match(/\[debug\] aws /g) ?? []).length,
      });
    }

    // Nothing leaked, anywhere.
    expect(outcomes.filter((o) => o.leaked.length > 0)).toEqual([]);
    // Each command did what it was meant to (a leak check over commands that did nothing proves nothing).
    expect(outcomes.map((o) => `${o.code} ${o.args}`)).toEqual(steps.map((s) => `${s.code} ${s.args.join(' ')}`));
    // --debug was on: every command that talks to AWS logged its calls.
    expect(outcomes.filter((o, i) => steps[i]?.aws && o.debugLines === 0).map((o) => o.args)).toEqual([]);
    // The stack files' secret was refused by name, not repeated.
    const refused = runs[0] as ProcessResult;
    expect(refused.stderr).toContain('default action of listener shop-web:443: unknown field "authenticateOidc"');
    expect((runs[5] as ProcessResult).stderr).toContain('header "Authorization" [redacted]: must be a list, not text');

    expect(await snapshotBystanders(moto.endpoint, 'us-east-1', bystanders)).toEqual(before);
  });
});
