/**
 * Corporate networks: the built CLI against moto through a loopback forward proxy (whose host
 * table is the only place `moto.elbctl.test` resolves, so a request that bypasses the proxy
 * fails) and through an https front whose certificate only a throwaway CA vouches for.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, cleanEnv, runCli } from '../support/cli-process';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';
import { startMoto, type Moto } from '../support/moto';
import { startTlsFront, type TlsFront } from '../support/tls-front';

jest.setTimeout(90_000);

const HOST = 'moto.elbctl.test';
let moto: Moto;
let proxy: ForwardProxy;
let front: TlsFront;

beforeAll(async () => {
  assertBuilt();
  moto = await startMoto();
  front = await startTlsFront(moto.endpoint, [HOST, 'localhost', '127.0.0.1']);
  proxy = await startForwardProxy({ [HOST]: '127.0.0.1' });
});
afterAll(async () => {
  await proxy?.close();
  await front?.close();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  proxy.connects.length = 0;
  proxy.plain.length = 0;
});

const list = (env: Record<string, string>, extra: string[] = []) =>
  runCli(['tg', 'list', '-o', 'json', ...extra], cleanEnv({ AWS_MAX_ATTEMPTS: '1', ...env }));

describe('proxies', () => {
  it('GIVEN an http endpoint only the proxy can resolve and no proxy variable WHEN a command runs THEN it cannot reach it (the control)', async () => {
    const r = await list({ ELBCTL_ENDPOINT_URL: `http://${HOST}:${moto.port}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot reach AWS (ENOTFOUND)');
    expect(proxy.plain).toEqual([]);
  });

  it.each([['HTTP_PROXY'], ['http_proxy']])(
    'GIVEN %s WHEN a command calls an http endpoint THEN the call goes through the proxy as an absolute-URI request',
    async (variable) => {
      const r = await list({ ELBCTL_ENDPOINT_URL: `http://${HOST}:${moto.port}`, [variable]: proxy.url });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
      expect(proxy.plain).toEqual([`http://${HOST}:${moto.port}/`]);
      expect(proxy.connects).toEqual([]);
    },
  );

  it('GIVEN HTTPS_PROXY and an https endpoint trusted through AWS_CA_BUNDLE WHEN a command runs THEN it tunnels with CONNECT', async () => {
    const r = await list({
      ELBCTL_ENDPOINT_URL: `https://${HOST}:${front.port}`,
      HTTPS_PROXY: proxy.url,
      AWS_CA_BUNDLE: front.caFile,
    });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(proxy.connects).toEqual([`${HOST}:${front.port}`]);
    expect(proxy.plain).toEqual([]);
  });

  it('GIVEN HTTP_PROXY and NO_PROXY naming the endpoint host WHEN a command runs THEN it connects directly', async () => {
    const r = await list({
      ELBCTL_ENDPOINT_URL: moto.endpoint,
      HTTP_PROXY: proxy.url,
      NO_PROXY: 'localhost,127.0.0.0/8',
    });
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: '[]\n' });
    expect([...proxy.plain, ...proxy.connects]).toEqual([]);
  });
});

describe('TLS trust', () => {
  const endpoint = () => `https://localhost:${front.port}`;

  it('GIVEN an endpoint signed by a CA the machine does not trust WHEN a command runs THEN exit 1 names the fix', async () => {
    const r = await list({ ELBCTL_ENDPOINT_URL: endpoint() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: list target groups: the TLS certificate of the AWS endpoint is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)\n' +
        'hint: if a proxy or TLS inspection re-signs traffic on your network, pass its CA certificate with --ca-bundle FILE or AWS_CA_BUNDLE (or ca_bundle in the profile); --no-verify-ssl turns the check off (unsafe)\n',
    );
  });

  it.each([
    ['AWS_CA_BUNDLE', (ca: string) => ({ env: { AWS_CA_BUNDLE: ca }, args: [] as string[] })],
    ['--ca-bundle', (ca: string) => ({ env: {}, args: ['--ca-bundle', ca] })],
  ])('GIVEN the CA through %s WHEN a command runs THEN it succeeds', async (_what, how) => {
    const { env, args } = how(front.caFile);
    const r = await list({ ELBCTL_ENDPOINT_URL: endpoint(), ...env }, args);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it("GIVEN the CA as the profile's ca_bundle WHEN a command runs with --profile THEN it succeeds", async () => {
    const env = cleanEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    writeFileSync(env.AWS_CONFIG_FILE as string, `[profile corp]\nregion = us-east-1\nca_bundle = ${front.caFile}\n`);
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE as string,
      '[corp]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
    );
    const r = await runCli(['tg', 'list', '-o', 'json', '--profile', 'corp'], {
      ...env,
      ELBCTL_ENDPOINT_URL: endpoint(),
    });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('GIVEN --no-verify-ssl WHEN a command runs THEN it succeeds and warns on stderr', async () => {
    const r = await list({ ELBCTL_ENDPOINT_URL: endpoint() }, ['--no-verify-ssl']);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr:
        'warning: --no-verify-ssl: TLS certificates of AWS endpoints are not verified; anyone on the network path can read and change the traffic\n',
    });
  });

  it('GIVEN --ca-bundle naming a missing file WHEN a command runs THEN exit 64 before any call', async () => {
    const missing = join(front.caFile, '..', 'missing.pem');
    const r = await list({ ELBCTL_ENDPOINT_URL: endpoint() }, ['--ca-bundle', missing]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 64,
      stderr: `error: CA bundle "${missing}": cannot read it (ENOENT)\nhint: pass a PEM file of CA certificates with --ca-bundle FILE or AWS_CA_BUNDLE\n`,
    });
  });
});
