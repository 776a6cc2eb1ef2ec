import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { QuotasGateway } from '../../src/aws/quotas';

const sq = mockClient(ServiceQuotasClient);
beforeEach(() => sq.reset());

describe('QuotasGateway: the account values of ELB quotas from Service Quotas', () => {
  it('GIVEN applied values WHEN two quotas are asked THEN one GetServiceQuota each, by code, and the values by name', async () => {
    sq.on(GetServiceQuotaCommand, { ServiceCode: 'elasticloadbalancing', QuotaCode: 'L-7EED9B64' })
      .resolves({ Quota: { QuotaCode: 'L-7EED9B64', Value: 250 } })
      .on(GetServiceQuotaCommand, { ServiceCode: 'elasticloadbalancing', QuotaCode: 'L-A0D0B863' })
      .resolves({ Quota: { QuotaCode: 'L-A0D0B863', Value: 2000 } });
    const gw = new QuotasGateway(new ServiceQuotasClient({ region: 'us-east-1' }));

    const values = await gw.values(['rulesPerApplicationLoadBalancer', 'targetsPerTargetGroup']);

    expect(values).toEqual({ rulesPerApplicationLoadBalancer: 250, targetsPerTargetGroup: 2000 });
    expect(sq.commandCalls(GetServiceQuotaCommand).map((c) => c.args[0].input)).toEqual([
      { ServiceCode: 'elasticloadbalancing', QuotaCode: 'L-7EED9B64' },
      { ServiceCode: 'elasticloadbalancing', QuotaCode: 'L-A0D0B863' },
    ]);
  });

  it('GIVEN a quota read once WHEN asked again (twice in one call, then later) THEN it is not read again', async () => {
    sq.on(GetServiceQuotaCommand).resolves({ Quota: { Value: 120 } });
    const gw = new QuotasGateway(new ServiceQuotasClient({ region: 'us-east-1' }));

    await gw.values(['rulesPerApplicationLoadBalancer', 'rulesPerApplicationLoadBalancer']);
    const again = await gw.values(['rulesPerApplicationLoadBalancer']);

    expect(again).toEqual({ rulesPerApplicationLoadBalancer: 120 });
    expect(sq.commandCalls(GetServiceQuotaCommand)).toHaveLength(1);
  });

  it('GIVEN access denied, an unknown service, or no usable value WHEN asked THEN those quotas are absent (the default applies) and nothing throws', async () => {
    sq.on(GetServiceQuotaCommand, { QuotaCode: 'L-7EED9B64' })
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }))
      .on(GetServiceQuotaCommand, { QuotaCode: 'L-A0D0B863' })
      .rejects(Object.assign(new Error('not available'), { name: 'NoSuchResourceException' }))
      .on(GetServiceQuotaCommand, { QuotaCode: 'L-B6DF7632' })
      .resolves({ Quota: {} })
      .on(GetServiceQuotaCommand, { QuotaCode: 'L-9365A611' })
      .resolves({ Quota: { Value: 40 } });
    const gw = new QuotasGateway(new ServiceQuotasClient({ region: 'us-east-1' }));

    const values = await gw.values([
      'rulesPerApplicationLoadBalancer',
      'targetsPerTargetGroup',
      'listenersPerApplicationLoadBalancer',
      'certificatesPerApplicationLoadBalancer',
    ]);

    expect(values).toEqual({ certificatesPerApplicationLoadBalancer: 40 });
  });
});
