/**
 * Adjustable quotas on a live plan against moto: its Service Quotas knows no ELB quota
 * (GetServiceQuota answers NoSuchResource), so the count is judged by AWS's documented default,
 * printed once with its FILE:LINE:COL, exactly as offline — a warning, never a refusal.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elbctl } from '../support/harness';
import { startMoto, type Moto } from '../support/moto';
import { SCALE, SCALE_INSTANCES, scaleSpec, scaleStackText } from '../support/scale-stack';
import { seedStackNetwork } from '../support/stack-fixtures';

jest.setTimeout(120_000);

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

it('GIVEN a stack with 102 rules on one ALB WHEN planned live and offline THEN the rules-quota warning is the default one, once, at the same place, and the plan succeeds', async () => {
  const net = await seedStackNetwork(moto.endpoint, 'us-east-1', SCALE_INSTANCES);
  const spec = scaleSpec(net, { prefix: 'quota', shape: { ...SCALE, rules: 102 } });
  const file = join(mkdtempSync(join(tmpdir(), 'elbctl-quotas-')), 'quota.yaml');
  writeFileSync(file, scaleStackText(spec, net));

  const live = await elbctl(['--endpoint-url', moto.endpoint, 'plan', '-f', file, '--debug']);
  const offline = await elbctl(['plan', '-f', file, '--offline']);

  const quotaLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('warning: '));
  expect(live.code).toBe(0);
  expect(offline.code).toBe(0);
  expect(quotaLines(live.stderr)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^warning: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: load balancer "quota-alb": 102 rules, over AWS's default quota of 100 rules per application load balancer \\(default rules not counted\\); unless your account's quota \\(L-7EED9B64\\) is raised in Service Quotas, AWS will refuse the excess$`,
      ),
    ),
  ]);
  expect(quotaLines(live.stderr)).toEqual(quotaLines(offline.stderr));
  // Live, the account's value was asked for (and moto had none); offline, nothing was.
  const debug = live.stderr.split('\n').filter((l) => l.includes('GetServiceQuota'));
  expect(debug.filter((l) => !l.startsWith('[debug] pacing '))).toEqual([
    expect.stringMatching(/^\[debug\] .*GetServiceQuota.*L-7EED9B64/),
  ]);
  expect(offline.stderr).not.toContain('GetServiceQuota');
});
