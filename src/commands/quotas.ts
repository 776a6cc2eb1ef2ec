/**
 * Adjustable quotas judged with the account's own values. A count within AWS's documented default
 * needs no read (accounts raise quotas, they are not lowered below the default); a count over it
 * is judged again with the value Service Quotas reports, so a raised quota silences the warning
 * and an unreadable one keeps the default's wording. Never a refusal.
 */
import { type QuotaCheck, type QuotaName, quotaWarning } from '../core/rules/quotas';
import type { Context } from './context';

/** The warning for `count` against the account's quota (read only when the count is over the default). */
export async function accountQuotaWarning(
  ctx: Context,
  name: QuotaName,
  count: number,
  subject: string,
): Promise<string | undefined> {
  if (quotaWarning(name, count, subject) === undefined) return undefined;
  const aws = await ctx.aws();
  return quotaWarning(name, count, subject, await aws.quotas.values([name]));
}

/** The warnings again, those carrying a quota check judged with the account's values (dropped when within them). */
export async function judgeQuotaWarnings<W extends { message: string; quota?: QuotaCheck | undefined }>(
  ctx: Context,
  warnings: readonly W[],
): Promise<W[]> {
  const checks = warnings.flatMap((w) => (w.quota ? [w.quota] : []));
  if (checks.length === 0) return [...warnings];
  const aws = await ctx.aws();
  const values = await aws.quotas.values(checks.map((c) => c.name));
  return warnings.flatMap((w) => {
    if (!w.quota) return [w];
    const message = quotaWarning(w.quota.name, w.quota.count, w.quota.subject, values);
    return message === undefined ? [] : [{ ...w, message }];
  });
}
