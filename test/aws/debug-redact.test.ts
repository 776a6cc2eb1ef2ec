import { redact } from '../../src/aws/debug';
import { clientConfig } from '../../src/aws/clients';

describe('debug redaction', () => {
  it('GIVEN inputs holding secrets at any depth WHEN redacted THEN every secret-like field is replaced', () => {
    const input = {
      ListenerArn: 'arn:x',
      Actions: [
        {
          Type: 'authenticate-oidc',
          AuthenticateOidcConfig: { ClientId: 'app', ClientSecret: 's3cr3t-oidc', Issuer: 'https://idp' },
        },
      ],
      SessionToken: 'tok',
      Password: 'pw',
    };
    const out = JSON.stringify(redact(input));
    expect(out).not.toContain('s3cr3t-oidc');
    expect(out).not.toContain('"tok"');
    expect(out).not.toContain('"pw"');
    expect(out).toContain('"ClientSecret":"[redacted]"');
    expect(out).toContain('"ClientId":"app"');
  });

  it('GIVEN a long list WHEN redacted THEN it is shortened with a count', () => {
    const out = redact({ Names: Array.from({ length: 30 }, (_, i) => `n${i}`) }) as { Names: string[] };
    expect(out.Names).toHaveLength(26);
    expect(out.Names[25]).toBe('… 5 more');
  });
});

describe('client configuration', () => {
  it('GIVEN settings WHEN the client config is built THEN it uses standard retries, bounded attempts, the user agent and the endpoint', () => {
    expect(
      clientConfig({
        region: 'eu-west-1',
        profile: 'dev',
        endpoint: 'http://127.0.0.1:5000',
        userAgent: 'elbctl/0.1.0',
      }),
    ).toEqual({
      region: 'eu-west-1',
      profile: 'dev',
      endpoint: 'http://127.0.0.1:5000',
      retryMode: 'standard',
      maxAttempts: 8,
      customUserAgent: 'elbctl/0.1.0',
      requestHandler: { requestTimeout: 30000, connectionTimeout: 5000, throwOnRequestTimeout: true },
    });
  });
});
