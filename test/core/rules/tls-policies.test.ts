/** The dated table of ELB security policies: which accept TLS 1.0/1.1, including names an endpoint may not list. */
import { allowsOldTls, tlsVersionsOf } from '../../../src/core/rules/tls-policies';

describe('TLS policies', () => {
  it.each([
    ['ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', ['1.2', '1.3'], false],
    ['ELBSecurityPolicy-TLS13-1-3-PQ-2025-09', ['1.3'], false],
    ['ELBSecurityPolicy-TLS13-1-2-2021-06', ['1.2', '1.3'], false],
    ['ELBSecurityPolicy-TLS-1-2-Ext-2018-06', ['1.2'], false],
    ['ELBSecurityPolicy-FS-1-2-Res-2020-10', ['1.2'], false],
    ['ELBSecurityPolicy-2016-08', ['1.0', '1.1', '1.2'], true],
    ['ELBSecurityPolicy-TLS-1-0-2015-04', ['1.0', '1.1', '1.2'], true],
    ['ELBSecurityPolicy-TLS-1-1-2017-01', ['1.1', '1.2'], true],
    ['ELBSecurityPolicy-FS-1-1-2019-08', ['1.1', '1.2'], true],
    ['ELBSecurityPolicy-TLS13-1-0-2021-06', ['1.0', '1.1', '1.2', '1.3'], true],
    ['ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04', ['1.1', '1.2', '1.3'], true],
    // Not in the table: judged by the spelling of its name.
    ['ELBSecurityPolicy-TLS13-1-1-Future-2030-01', ['1.1', '1.2', '1.3'], true],
    ['ELBSecurityPolicy-TLS13-1-3-Future-2030-01', ['1.3'], false],
  ] as const)('GIVEN %s WHEN judged THEN it accepts TLS %j (old TLS: %s)', (policy, versions, old) => {
    expect(tlsVersionsOf(policy)).toEqual(versions);
    expect(allowsOldTls(policy)).toBe(old);
  });

  it('GIVEN a name that says nothing of its versions WHEN judged THEN it is not flagged', () => {
    expect(tlsVersionsOf('ELBSecurityPolicy-Custom-Thing')).toBeUndefined();
    expect(allowsOldTls('ELBSecurityPolicy-Custom-Thing')).toBe(false);
  });
});
