/**
 * ELB security policies and the TLS versions each accepts, as AWS documents them ("Security
 * policies for your Application Load Balancer" and "… Network Load Balancer", ELB user guides,
 * read 2025-12). Kept here because an endpoint's DescribeSSLPolicies may omit older policies
 * that listeners still carry (the local emulator does), and because judging a policy must not
 * need an AWS call. A name not in the table is judged by its spelling (`TLS13-1-0`, `TLS-1-1`).
 */
type TlsVersion = '1.0' | '1.1' | '1.2' | '1.3';

const V10_12: TlsVersion[] = ['1.0', '1.1', '1.2'];
const V11_12: TlsVersion[] = ['1.1', '1.2'];
const V12: TlsVersion[] = ['1.2'];
const V10_13: TlsVersion[] = ['1.0', '1.1', '1.2', '1.3'];
const V11_13: TlsVersion[] = ['1.1', '1.2', '1.3'];
const V12_13: TlsVersion[] = ['1.2', '1.3'];
const V13: TlsVersion[] = ['1.3'];

/** Policy name → the TLS versions it accepts. */
const TLS_POLICIES: ReadonlyMap<string, readonly TlsVersion[]> = new Map<string, TlsVersion[]>([
  // Post-quantum (hybrid ML-KEM key exchange), 2025-09
  ['ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-3-PQ-2025-09', V13],
  ['ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09', V12_13],
  ['ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09', V13],
  // TLS 1.3, 2021-06
  ['ELBSecurityPolicy-TLS13-1-3-2021-06', V13],
  ['ELBSecurityPolicy-TLS13-1-2-2021-06', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Res-2021-06', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06', V12_13],
  ['ELBSecurityPolicy-TLS13-1-1-2021-06', V11_13],
  ['ELBSecurityPolicy-TLS13-1-0-2021-06', V10_13],
  // FIPS, 2023-04
  ['ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04', V13],
  ['ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04', V12_13],
  ['ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04', V12_13],
  ['ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04', V11_13],
  ['ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04', V10_13],
  // TLS 1.2 and older
  ['ELBSecurityPolicy-TLS-1-2-Ext-2018-06', V12],
  ['ELBSecurityPolicy-TLS-1-2-2017-01', V12],
  ['ELBSecurityPolicy-FS-1-2-Res-2020-10', V12],
  ['ELBSecurityPolicy-FS-1-2-Res-2019-08', V12],
  ['ELBSecurityPolicy-FS-1-2-2019-08', V12],
  ['ELBSecurityPolicy-FS-1-1-2019-08', V11_12],
  ['ELBSecurityPolicy-TLS-1-1-2017-01', V11_12],
  ['ELBSecurityPolicy-FS-2018-06', V10_12],
  ['ELBSecurityPolicy-2016-08', V10_12],
  ['ELBSecurityPolicy-2015-05', V10_12],
  ['ELBSecurityPolicy-TLS-1-0-2015-04', V10_12],
]);

/** The TLS versions a policy accepts: from the table, else read from its name, else undefined. */
export function tlsVersionsOf(policy: string): readonly TlsVersion[] | undefined {
  const known = TLS_POLICIES.get(policy);
  if (known) return known;
  const m = /^ELBSecurityPolicy-TLS13-1-([0-3])-/.exec(policy);
  if (m) return V10_13.slice(Number(m[1]));
  const old = /^ELBSecurityPolicy-TLS-1-([0-2])-/.exec(policy);
  if (old) return V10_12.slice(Number(old[1]));
  return undefined;
}

/** TLS 1.0 or 1.1 accepted (an unknown name is not judged). */
export function allowsOldTls(policy: string): boolean {
  const versions = tlsVersionsOf(policy);
  return versions !== undefined && (versions.includes('1.0') || versions.includes('1.1'));
}
