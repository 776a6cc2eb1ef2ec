import { CreateRuleCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';
import { defaultRule, numberedRule, stubCreateRule, stubReads } from './fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const sq = mockClient(ServiceQuotasClient);

/** A listener already holding `n` numbered rules (and its default rule). */
const listenerWith = (n: number) => [
  ...Array.from({ length: n }, (_, i) => numberedRule(`r${i + 1}`, i + 1)),
  defaultRule(),
];
const ADD = ['rule', 'add', 'web:443', '--path', '/new/*', '--fixed-response', '404'];
const RULES_QUOTA = { ServiceCode: 'elasticloadbalancing', QuotaCode: 'L-7EED9B64' };
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('warning: '));

beforeEach(() => {
  elbv2.reset();
  sq.reset();
});

describe('rule add: the rules quota judged with the account value', () => {
  it('GIVEN 5 rules (well within the default of 100) WHEN a rule is added THEN Service Quotas is not asked and nothing is warned', async () => {
    stubReads(elbv2, listenerWith(5));
    stubCreateRule(elbv2);

    const r = await elbctl(ADD);

    expect(r.code).toBe(0);
    expect(sq.calls()).toHaveLength(0);
    expect(warnings(r.stderr)).toEqual([]);
  });

  it('GIVEN 100 rules and an account quota raised to 150 WHEN a 101st is added THEN the quota is read and nothing is warned', async () => {
    stubReads(elbv2, listenerWith(100));
    stubCreateRule(elbv2);
    sq.on(GetServiceQuotaCommand, RULES_QUOTA).resolves({ Quota: { QuotaCode: 'L-7EED9B64', Value: 150 } });

    const r = await elbctl(ADD);

    expect(r.code).toBe(0);
    expect(sq.commandCalls(GetServiceQuotaCommand).map((c) => c.args[0].input)).toEqual([RULES_QUOTA]);
    expect(warnings(r.stderr)).toEqual([]);
  });

  it('GIVEN 100 rules and an account quota of 100 WHEN a 101st is added THEN the warning names the account quota, and the rule is still sent', async () => {
    stubReads(elbv2, listenerWith(100));
    stubCreateRule(elbv2);
    sq.on(GetServiceQuotaCommand, RULES_QUOTA).resolves({ Quota: { Value: 100 } });

    const r = await elbctl(ADD);

    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([
      `warning: load balancer "web": 101 rules, over your account's quota of 100 rules per application load balancer (default rules not counted) (L-7EED9B64); AWS will refuse the excess unless it is raised in Service Quotas`,
    ]);
    expect(elbv2).toHaveReceivedCommandTimes(CreateRuleCommand, 1);
  });

  it('GIVEN 100 rules and Service Quotas denied WHEN a 101st is added THEN the warning names the documented default', async () => {
    stubReads(elbv2, listenerWith(100));
    stubCreateRule(elbv2);
    sq.on(GetServiceQuotaCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    const r = await elbctl(ADD);

    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([
      `warning: load balancer "web": 101 rules, over AWS's default quota of 100 rules per application load balancer (default rules not counted); unless your account's quota (L-7EED9B64) is raised in Service Quotas, AWS will refuse the excess`,
    ]);
  });
});
