/**
 * The Service Quotas gateway: the account's applied values of the adjustable ELB quotas elbctl
 * judges counts against. A quota that cannot be read (no permission, a partition or emulator
 * without Service Quotas, a quota never applied) is simply absent: the rulebook then judges by
 * AWS's documented default, as a warning either way. Read-only, one GetServiceQuota per quota
 * asked, each read at most once per process.
 */
import { GetServiceQuotaCommand, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { mapLimit } from '../core/concurrency';
import { type QuotaName, type QuotaValues, quotaCode } from '../core/rules/quotas';

const SERVICE_CODE = 'elasticloadbalancing';
/** At most eight quotas are ever asked at once; Service Quotas' GetServiceQuota bucket is small. */
const CONCURRENCY = 4;

export class QuotasGateway {
  private readonly read = new Map<QuotaName, Promise<number | undefined>>();

  constructor(private readonly client: ServiceQuotasClient) {}

  /** The account's values of these quotas; a quota that cannot be read is left out. Never throws. */
  async values(names: readonly QuotaName[]): Promise<QuotaValues> {
    const unique = [...new Set(names)];
    const values = await mapLimit(unique, CONCURRENCY, (name) => this.value(name));
    const out: QuotaValues = {};
    unique.forEach((name, i) => {
      const v = values[i];
      if (v !== undefined) out[name] = v;
    });
    return out;
  }

  private value(name: QuotaName): Promise<number | undefined> {
    let pending = this.read.get(name);
    if (!pending) {
      pending = this.client
        .send(new GetServiceQuotaCommand({ ServiceCode: SERVICE_CODE, QuotaCode: quotaCode(name) }))
        .then(
          (out) => {
            const v = out.Quota?.Value;
            return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
          },
          // Access denied, no Service Quotas here, a quota not found: the documented default applies.
          () => undefined,
        );
      this.read.set(name, pending);
    }
    return pending;
  }
}
