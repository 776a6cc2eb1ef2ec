/** Adjustable quotas (rules, listeners, target groups, targets, certificates): judged against the account's value when Service Quotas can be read, else the documented default, and only ever as a warning. */

/** The Service Quotas codes (service `elasticloadbalancing`) and AWS's documented defaults. */
const QUOTAS = {
  rulesPerApplicationLoadBalancer: {
    code: 'L-7EED9B64',
    default: 100,
    what: 'rules per application load balancer (default rules not counted)',
  },
  listenersPerApplicationLoadBalancer: {
    code: 'L-B6DF7632',
    default: 50,
    what: 'listeners per application load balancer',
  },
  listenersPerNetworkLoadBalancer: { code: 'L-57A373D6', default: 50, what: 'listeners per network load balancer' },
  targetGroupsPerApplicationLoadBalancer: {
    code: 'L-822D1B1B',
    default: 100,
    what: 'target groups per application load balancer',
  },
  targetsPerApplicationLoadBalancer: {
    code: 'L-7E6692B2',
    default: 1000,
    what: 'targets per application load balancer',
  },
  targetsPerTargetGroup: { code: 'L-A0D0B863', default: 1000, what: 'targets per target group' },
  certificatesPerApplicationLoadBalancer: {
    code: 'L-9365A611',
    default: 25,
    what: 'certificates per application load balancer (default certificates not counted)',
  },
  certificatesPerNetworkLoadBalancer: {
    code: 'L-52964454',
    default: 25,
    what: 'certificates per network load balancer (default certificates not counted)',
  },
} as const;

export type QuotaName = keyof typeof QUOTAS;

/** The account's values, by quota; a quota missing here is judged by its documented default. */
export type QuotaValues = Partial<Record<QuotaName, number>>;

/** A count judged against a quota, kept with its warning so a live command can judge it again with the account's value. */
export interface QuotaCheck {
  name: QuotaName;
  count: number;
  subject: string;
}

/** The Service Quotas code of a quota (service `elasticloadbalancing`). */
export const quotaCode = (name: QuotaName): string => QUOTAS[name].code;

/** The check and its warning against the documented default, or undefined when the count is within it. */
export function defaultQuotaCheck(
  name: QuotaName,
  count: number,
  subject: string,
): { check: QuotaCheck; message: string } | undefined {
  const message = quotaWarning(name, count, subject);
  return message === undefined ? undefined : { check: { name, count, subject }, message };
}

/**
 * The warning for a count over its quota, or undefined. `subject` names what holds the count
 * (`load balancer "web"`).
 */
export function quotaWarning(
  name: QuotaName,
  count: number,
  subject: string,
  values: QuotaValues = {},
): string | undefined {
  const q = QUOTAS[name];
  const account = values[name];
  const limit = account ?? q.default;
  if (count <= limit) return undefined;
  const noun = q.what.split(' per ')[0];
  return account === undefined
    ? `${subject}: ${count} ${noun}, over AWS's default quota of ${limit} ${q.what}; unless your account's quota (${q.code}) is raised in Service Quotas, AWS will refuse the excess`
    : `${subject}: ${count} ${noun}, over your account's quota of ${limit} ${q.what} (${q.code}); AWS will refuse the excess unless it is raised in Service Quotas`;
}

/** The limit in force for a quota: the account's value when it is known, else AWS's documented default. */
export function quotaLimit(
  name: QuotaName,
  values: QuotaValues = {},
): { limit: number; code: string; what: string; fromAccount: boolean } {
  const q = QUOTAS[name];
  const account = values[name];
  return { limit: account ?? q.default, code: q.code, what: q.what, fromAccount: account !== undefined };
}
