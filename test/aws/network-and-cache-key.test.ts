/**
 * The two hand-written pieces of the network and credential code, table-driven: NO_PROXY
 * matching (curl's and the AWS CLI's reading) and the AWS CLI's assumed-role cache key (values
 * computed with Python's json.dumps(sort_keys=True) and sha1, as botocore does).
 */
import { assumeRoleCacheKey } from '../../src/aws/credentials';
import { bypassesProxy, proxyFor, proxyProblems } from '../../src/aws/network';

describe('NO_PROXY', () => {
  it.each([
    ['elasticloadbalancing.us-east-1.amazonaws.com', 443, 'amazonaws.com', true],
    ['elasticloadbalancing.us-east-1.amazonaws.com', 443, '.amazonaws.com', true],
    ['elasticloadbalancing.us-east-1.amazonaws.com', 443, '*.amazonaws.com', true],
    ['amazonaws.com', 443, '.amazonaws.com', true],
    ['notamazonaws.com', 443, 'amazonaws.com', false],
    ['sts.amazonaws.com', 443, 'sts.amazonaws.com:443', true],
    ['sts.amazonaws.com', 443, 'sts.amazonaws.com:8443', false],
    ['10.1.2.3', 80, '10.0.0.0/8', true],
    ['11.1.2.3', 80, '10.0.0.0/8', false],
    ['127.0.0.1', 5000, 'localhost, 127.0.0.1', true],
    ['[::1]', 5000, '::1', true],
    ['anything.example', 443, '*', true],
    ['Host.Example.COM', 443, 'example.com', true],
    ['example.com', 443, '', false],
  ])('GIVEN host %s:%d and NO_PROXY=%j THEN bypass is %s', (host, port, noProxy, expected) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(expected);
  });

  it('GIVEN both forms of a variable THEN the lower-case one wins, and a proxy without a scheme is http', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'lower:2', NO_PROXY: 'internal' };
    expect(proxyFor(true, 'elasticloadbalancing.us-east-1.amazonaws.com', 443, env)).toBe('http://lower:2');
    expect(proxyFor(true, 'api.internal', 443, env)).toBeUndefined();
    expect(proxyFor(false, 'elasticloadbalancing.us-east-1.amazonaws.com', 80, env)).toBeUndefined();
  });

  it('GIVEN a proxy variable that is not a URL THEN the problem names it', () => {
    expect(proxyProblems({ https_proxy: 'socks5://proxy:1080', HTTP_PROXY: 'http://proxy:3128' })).toEqual([
      'https_proxy: not an http or https proxy URL; write it as http://proxy.example.com:3128',
    ]);
  });
});

describe("the AWS CLI's assumed-role cache key", () => {
  it.each([
    [
      { role_arn: 'arn:aws:iam::123456789012:role/admin', mfa_serial: 'arn:aws:iam::123456789012:mfa/alice' },
      'c08bbcd61d2960e17757c33319b79219a44dea4e',
    ],
    [
      {
        role_arn: 'arn:aws:iam::123456789012:role/x',
        duration_seconds: '900',
        external_id: 'ex-ü',
        role_session_name: 'me',
        source_profile: 'base',
      },
      '75a71ad1ae5880208fde9357b263d65852659b81',
    ],
  ])("GIVEN the role profile %j THEN the key is botocore's %s", (profile, key) => {
    expect(assumeRoleCacheKey(profile)).toBe(key);
  });

  it('GIVEN a profile without role_arn THEN there is no key', () => {
    expect(assumeRoleCacheKey({ aws_access_key_id: 'AKIA' })).toBeUndefined();
  });
});
