/**
 * What each ELB TLS security policy allows: its lowest TLS version and whether every cipher it
 * offers has forward secrecy (ECDHE, or TLS 1.3). A dated table, because listeners keep old
 * policies that an endpoint's DescribeSSLPolicies may no longer list (moto omits some), so the
 * audit cannot rely on reading them.
 *
 * Source: the ELB user guides' "Security policies for your Application Load Balancer" and
 * "… Network Load Balancer" pages (policy and cipher tables), checked 2026-12-06. A name the
 * table does not know is judged by AWS's naming scheme (`TLS13-1-3` → 1.3 only, `-1-2-` → 1.2,
 * `FS`/`Res` → forward secrecy only) and otherwise left unjudged.
 */

export interface TlsPolicyFacts {
  /** The lowest protocol it accepts: `1.0`, `1.1`, `1.2` or `1.3`. */
  minVersion: '1.0' | '1.1' | '1.2' | '1.3';
  /** Every cipher suite it offers has forward secrecy. */
  forwardSecrecy: boolean;
  /** From the table, or from the name alone. */
  known: boolean;
}

const T = (minVersion: TlsPolicyFacts['minVersion'], forwardSecrecy: boolean) => ({ minVersion, forwardSecrecy });

const TABLE: Readonly<Record<string, { minVersion: TlsPolicyFacts['minVersion']; forwardSecrecy: boolean }>> = {
  'ELBSecurityPolicy-2016-08': T('1.0', false),
  'ELBSecurityPolicy-2015-05': T('1.0', false),
  'ELBSecurityPolicy-TLS-1-0-2015-04': T('1.0', false),
  'ELBSecurityPolicy-TLS-1-1-2017-01': T('1.1', false),
  'ELBSecurityPolicy-TLS-1-2-2017-01': T('1.2', false),
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': T('1.2', false),
  'ELBSecurityPolicy-FS-2018-06': T('1.0', true),
  'ELBSecurityPolicy-FS-1-1-2019-08': T('1.1', true),
  'ELBSecurityPolicy-FS-1-2-2019-08': T('1.2', true),
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': T('1.2', true),
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': T('1.2', true),
  'ELBSecurityPolicy-TLS13-1-0-2021-06': T('1.0', false),
  'ELBSecurityPolicy-TLS13-1-1-2021-06': T('1.1', false),
  'ELBSecurityPolicy-TLS13-1-2-2021-06': T('1.2', false),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': T('1.2', false),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': T('1.2', false),
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': T('1.2', true),
  'ELBSecurityPolicy-TLS13-1-3-2021-06': T('1.3', true),
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': T('1.0', false),
  'ELBSecurityPolicy-TLS13-1-1-PQ-2025-09': T('1.1', false),
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': T('1.2', false),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': T('1.2', false),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': T('1.2', false),
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': T('1.2', true),
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': T('1.3', true),
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': T('1.3', true),
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': T('1.2', true),
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': T('1.2', false),
};

/** The policy elbctl recommends (and a stack's secure default): TLS 1.2+, forward secrecy only, post-quantum key exchange. */
export const RECOMMENDED_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

/** The facts of a policy, from the table or its name; undefined when neither tells. */
export function tlsPolicyFacts(name: string): TlsPolicyFacts | undefined {
  const row = TABLE[name];
  if (row) return { ...row, known: true };
  const version = /TLS13-1-3/.test(name)
    ? '1.3'
    : /TLS13-1-2|TLS-1-2|FS-1-2/.test(name)
      ? '1.2'
      : /TLS13-1-1|TLS-1-1|FS-1-1/.test(name)
        ? '1.1'
        : /TLS13-1-0|TLS-1-0/.test(name)
          ? '1.0'
          : undefined;
  if (version === undefined) return undefined;
  return { minVersion: version, forwardSecrecy: version === '1.3' || /-Res-|FS-/.test(name), known: false };
}
