/**
 * A Classic listener's SSL negotiation policy → the nearest ELBv2 TLS policy, and what moving
 * to it drops. A dated table: the Classic predefined policies (ELB Classic user guide,
 * "Predefined SSL security policies for Classic Load Balancers") against the ELBv2 policies of
 * the same name (ALB/NLB user guides, "Security policies"), read on 2026-12-06.
 */

export interface NearestTlsPolicy {
  /** The ELBv2 policy the listener gets. */
  policy: string;
  /** What clients lose, in words; empty when the ELBv2 policy is the same. */
  drops: string;
}

/** Classic predefined policies that ELBv2 also has under the same name, with the same protocols and ciphers. */
const SAME_NAME = new Set([
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-1-2017-01',
  'ELBSecurityPolicy-2016-08',
]);

/** Older Classic policies (TLS 1.0 and up, no SSL 3.0): 2016-08 is their successor. */
const TLS10_OLDER = new Set(['ELBSecurityPolicy-2015-05', 'ELBSecurityPolicy-2015-03', 'ELBSecurityPolicy-2015-02']);

/**
 * The nearest ELBv2 policy to a predefined Classic one, or undefined for a name this table does
 * not know (the listener then needs a manual choice).
 */
export function nearestTlsPolicy(classicPolicy: string): NearestTlsPolicy | undefined {
  if (SAME_NAME.has(classicPolicy)) return { policy: classicPolicy, drops: '' };
  if (TLS10_OLDER.has(classicPolicy)) {
    return {
      policy: 'ELBSecurityPolicy-2016-08',
      drops: `the ciphers ${classicPolicy} offers that its successor ELBSecurityPolicy-2016-08 does not (compare them with \`aws elb describe-load-balancer-policies --policy-names ${classicPolicy} ELBSecurityPolicy-2016-08\`)`,
    };
  }
  if (/^ELBSecurityPolicy-20(11|14)-\d\d$/.test(classicPolicy) || classicPolicy.startsWith('ELBSample-')) {
    return {
      policy: 'ELBSecurityPolicy-TLS-1-0-2015-04',
      drops: 'SSL 3.0 and the RC4 ciphers (no ELBv2 policy offers them); TLS 1.0 and up stay',
    };
  }
  return undefined;
}
