/**
 * The audit's SARIF against what GitHub code scanning requires of an upload (no well-kept copy of
 * the SARIF 2.1.0 JSON schema is packaged for offline use, so the fields GitHub documents as
 * required or used are checked one by one; the types come from @types/sarif): version 2.1.0 and
 * `$schema`; one run with `tool.driver.name` and rules carrying an id, a short description, help
 * and a `security-severity`; per result a `ruleId` that names a rule (and its index), a message,
 * a location with a repository-relative URI and a start line of 1 or more, and partialFingerprints.
 */
import type { Log } from 'sarif';
import { CHECKS, runAudit } from '../../src/core/audit';
import { renderSarif, SARIF_SCHEMA } from '../../src/ui/sarif';
import { CASES } from '../core/audit/cases';
import { NOW } from '../core/audit/fixtures';

const findings = runAudit(
  CASES.map((c) => c.fail),
  CHECKS,
  { now: NOW, trafficDays: 14 },
);

describe('renderSarif', () => {
  const log = JSON.parse(
    renderSarif(
      findings,
      CHECKS,
      (f) => (f.name === 'edge' ? { uri: 'stacks/edge.yaml', line: 12 } : undefined),
      '1.2.3',
    ),
  ) as Log;
  const run = log.runs[0];
  if (!run) throw new Error('no run');

  test('GIVEN findings THEN a SARIF 2.1.0 log with one run by elbctl', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'elbctl', version: '1.2.3', semanticVersion: '1.2.3' });
  });

  test('GIVEN every check THEN one rule each, with the fields GitHub shows', () => {
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(CHECKS.map((c) => c.id));
    for (const [i, r] of rules.entries()) {
      const c = CHECKS[i];
      expect(r.shortDescription?.text).toBe(c?.title);
      expect(r.help?.text).toContain(c?.rationale);
      expect(r.defaultConfiguration?.level).toBe(
        { high: 'error', medium: 'warning', low: 'note' }[c?.severity ?? 'low'],
      );
      expect(r.properties?.['security-severity']).toBe(
        { high: '8.0', medium: '5.5', low: '3.0' }[c?.severity ?? 'low'],
      );
      if (c?.control) expect(r.properties?.tags).toContain(c.control);
    }
  });

  test('GIVEN findings THEN each result names its rule, has a message, a relative location with a line and a fingerprint from check ID + ARN', () => {
    const results = run.results ?? [];
    expect(results).toHaveLength(findings.length);
    for (const [i, r] of results.entries()) {
      const f = findings[i];
      if (!f) throw new Error('no finding');
      expect(r.ruleId).toBe(f.id);
      expect(run.tool.driver.rules?.[r.ruleIndex ?? -1]?.id).toBe(f.id);
      expect(r.message.text).toBe(`${f.title} — ${f.name} (${f.region}): ${f.evidence}. Fix: ${f.fix}`);
      const at = r.locations?.[0]?.physicalLocation;
      const uri = at?.artifactLocation?.uri ?? '';
      expect(uri).not.toMatch(/^(\/|[a-z]+:)/);
      expect(at?.region?.startLine).toBeGreaterThanOrEqual(1);
      expect(r.partialFingerprints).toEqual({ 'elbctlFinding/v1': `${f.id}:${f.resource}` });
      expect(uri).toBe(f.name === 'edge' ? 'stacks/edge.yaml' : `aws/${f.account}/${f.region}/${f.name}`);
      expect(at?.region?.startLine).toBe(f.name === 'edge' ? 12 : 1);
    }
  });
});
