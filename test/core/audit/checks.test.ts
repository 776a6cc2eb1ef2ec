/**
 * Every audit check as a pure function: for each, GIVEN a snapshot that breaks it once THEN exactly
 * the expected finding (resource, evidence, fix), and GIVEN the hardened baseline or a near miss
 * THEN nothing. A check added to the catalogue without a case here fails the first test.
 */
import { CHECK_IDS, CHECKS, failsAt, runAudit, summarize } from '../../../src/core/audit';
import { runCheck } from '../../../src/core/audit/model';
import { CASES } from './cases';
import { EXPECTED } from './expected';
import { ACCOUNT, REGION, NOW, audited, snapshot } from './fixtures';

const ctx = { now: NOW, trafficDays: 14 };
const check = (id: string) => {
  const c = CHECKS.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};

test('GIVEN the catalogue THEN every check has a failing case, a stable unique ID and a severity', () => {
  expect(CASES.map((c) => c.id).sort()).toEqual([...CHECK_IDS].sort());
  expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
  for (const c of CHECKS) expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('GIVEN the hardened baseline snapshot WHEN every check runs THEN no finding', () => {
  expect(runAudit([snapshot()], CHECKS, ctx)).toEqual([]);
});

describe.each(CASES)('$id', (c) => {
  test('GIVEN a snapshot that breaks it THEN exactly the expected finding', () => {
    const spec = check(c.id);
    const found = runCheck(spec, c.fail, ctx);
    expect(found.map((f) => ({ name: f.name, resource: f.resource, evidence: f.evidence, fix: f.fix }))).toEqual(
      EXPECTED[c.id],
    );
    for (const f of found) {
      expect(f).toMatchObject({
        id: c.id,
        severity: spec.severity,
        title: spec.title,
        region: REGION,
        account: ACCOUNT,
      });
      expect(f.control).toBe(spec.control);
    }
  });

  test.each(c.pass.map((s, i) => [i, s] as const))('GIVEN near miss %i THEN no finding', (_, s) => {
    expect(runCheck(check(c.id), s, ctx)).toEqual([]);
  });
});

describe('Security Hub controls', () => {
  test('GIVEN the security and Classic checks THEN each names the control it matches', () => {
    expect(Object.fromEntries(CHECKS.filter((c) => c.control).map((c) => [c.id, c.control]))).toEqual({
      'http-without-redirect': 'ELB.1',
      'tls-below-1-2': 'ELB.17',
      'tls-without-forward-secrecy': 'ELB.17',
      'invalid-headers-kept': 'ELB.4',
      'desync-monitor': 'ELB.12',
      'no-deletion-protection': 'ELB.6',
      'no-access-logs': 'ELB.5',
      'single-zone': 'ELB.13',
      'no-waf': 'ELB.16',
      'certificate-expiring': 'ACM.1',
      'classic-plain-listener': 'ELB.3',
      'classic-no-cross-zone': 'ELB.9',
      'classic-single-zone': 'ELB.10',
    });
  });
});

describe('runAudit, summarize and --fail-on', () => {
  const broken = snapshot({
    loadBalancers: [
      audited({
        attributes: {
          'deletion_protection.enabled': 'false',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
          'access_logs.s3.enabled': 'true',
        },
        traffic: 0,
      }),
    ],
    certificates: [],
  });
  const other = snapshot({ region: 'eu-west-1', loadBalancers: [audited({ webAcl: null })], certificates: [] });

  test('GIVEN findings of several severities and regions THEN ordered by severity, then region, then catalogue order', () => {
    const findings = runAudit([other, broken], CHECKS, ctx);
    expect(findings.map((f) => `${f.severity} ${f.region} ${f.id}`)).toEqual([
      'medium eu-west-1 no-waf',
      'medium us-east-1 no-deletion-protection',
      'medium us-east-1 idle',
    ]);
    expect(summarize(findings, [other, broken])).toEqual({
      findings: 3,
      high: 0,
      medium: 3,
      low: 0,
      accounts: 1,
      regions: 2,
      loadBalancers: 2,
      classicLoadBalancers: 0,
      targetGroups: 2,
      idleUsdPerMonth: 16.43,
    });
  });

  test.each([
    ['high', false],
    ['medium', true],
    ['low', true],
    ['none', false],
  ] as const)('GIVEN only medium findings WHEN --fail-on %s THEN fails: %s', (level, fails) => {
    expect(failsAt(runAudit([broken], CHECKS, ctx), level)).toBe(fails);
  });
});
