/**
 * The hourly charge of a load balancer, for the cost estimate of an idle or unused one. Only the
 * fixed hourly part: capacity units (LCU/NLCU/GLCU) are billed by traffic, and a load balancer
 * the audit calls idle has none.
 *
 * Source: the AWS "Elastic Load Balancing pricing" page (https://aws.amazon.com/elasticloadbalancing/pricing/),
 * on-demand list prices in USD. Its regional table is drawn by a script and could not be read
 * from here on 2026-12-06, so the figures are the widely published US East (N. Virginia) rates,
 * and Asia Pacific (Tokyo) as quoted from the same page by a public write-up; every other region
 * is estimated at the US East rate (AWS's regional rates differ by up to about a half): such
 * estimates say so (`estimated: true`).
 */

const PRICE_TABLE_DATE = '2026-12-06';
/** AWS bills by the hour; a month is 730 hours in its own estimates. */
const HOURS_PER_MONTH = 730;

export type PricedKind = 'application' | 'network' | 'gateway' | 'classic';

const US_EAST_1: Readonly<Record<PricedKind, number>> = {
  application: 0.0225,
  network: 0.0225,
  gateway: 0.0125,
  classic: 0.025,
};

const REGIONAL: Readonly<Record<string, Partial<Record<PricedKind, number>>>> = {
  'us-east-1': US_EAST_1,
  'ap-northeast-1': { application: 0.0243, network: 0.0243 },
};

export interface HourlyCharge {
  usdPerHour: number;
  usdPerMonth: number;
  /** The region's own rate is not in the table: the US East rate stands in. */
  estimated: boolean;
}

export function hourlyCharge(kind: PricedKind, region: string): HourlyCharge {
  const own = REGIONAL[region]?.[kind];
  const usdPerHour = own ?? US_EAST_1[kind];
  return {
    usdPerHour,
    usdPerMonth: Math.round(usdPerHour * HOURS_PER_MONTH * 100) / 100,
    estimated: own === undefined,
  };
}

/** `$16.43 a month` (or `about $16.43 a month, estimated at the us-east-1 rate`). */
export function describeCharge(c: HourlyCharge): string {
  return c.estimated
    ? `about $${c.usdPerMonth.toFixed(2)} a month in hourly charges (estimated at the us-east-1 rate of ${PRICE_TABLE_DATE})`
    : `$${c.usdPerMonth.toFixed(2)} a month in hourly charges (list price of ${PRICE_TABLE_DATE})`;
}
