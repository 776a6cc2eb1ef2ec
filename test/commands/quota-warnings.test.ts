import type { Context } from '../../src/commands/context';
import { judgeQuotaWarnings } from '../../src/commands/quotas';
import type { QuotaName, QuotaValues } from '../../src/core/rules/quotas';

/** A context whose account answers these quota values, recording what was asked. */
function accountWith(values: QuotaValues): { ctx: Context; asked: QuotaName[][] } {
  const asked: QuotaName[][] = [];
  const quotas = {
    values: async (names: readonly QuotaName[]) => {
      asked.push([...names]);
      return values;
    },
  };
  return { ctx: { aws: async () => ({ quotas }) } as unknown as Context, asked };
}

const secure = { message: 'deletion protection is off', path: ['loadBalancers', 0] };
const rules = {
  message: 'default wording',
  path: ['loadBalancers', 0, 'listeners'],
  quota: { name: 'rulesPerApplicationLoadBalancer' as const, count: 120, subject: 'load balancer "web"' },
};
const targets = {
  message: 'default wording',
  path: ['targetGroups', 0, 'targets'],
  quota: { name: 'targetsPerTargetGroup' as const, count: 1001, subject: 'target group "api"' },
};

describe('judgeQuotaWarnings: a stack file quota warnings judged with the account values', () => {
  it('GIVEN no quota warning WHEN judged THEN the account is not asked and the warnings are unchanged', async () => {
    const { ctx, asked } = accountWith({});
    expect(await judgeQuotaWarnings(ctx, [secure])).toEqual([secure]);
    expect(asked).toEqual([]);
  });

  it('GIVEN a raised rules quota and an unreadable targets quota WHEN judged THEN one read for both, the rules warning is gone and the targets one keeps the default wording', async () => {
    const { ctx, asked } = accountWith({ rulesPerApplicationLoadBalancer: 200 });

    const judged = await judgeQuotaWarnings(ctx, [secure, rules, targets]);

    expect(asked).toEqual([['rulesPerApplicationLoadBalancer', 'targetsPerTargetGroup']]);
    expect(judged.map((w) => w.message)).toEqual([
      'deletion protection is off',
      `target group "api": 1001 targets, over AWS's default quota of 1000 targets per target group; unless your account's quota (L-A0D0B863) is raised in Service Quotas, AWS will refuse the excess`,
    ]);
  });

  it('GIVEN an account quota still below the count WHEN judged THEN the warning names the account value', async () => {
    const { ctx } = accountWith({ rulesPerApplicationLoadBalancer: 110 });

    const judged = await judgeQuotaWarnings(ctx, [rules]);

    expect(judged).toEqual([
      {
        ...rules,
        message: `load balancer "web": 120 rules, over your account's quota of 110 rules per application load balancer (default rules not counted) (L-7EED9B64); AWS will refuse the excess unless it is raised in Service Quotas`,
      },
    ]);
  });
});
