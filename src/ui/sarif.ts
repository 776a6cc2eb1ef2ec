/**
 * The audit's findings as a SARIF 2.1.0 log, the format GitHub code scanning (and other SARIF
 * viewers) read. Pure: where each finding is located (a stack file's line, or a stable pseudo-path
 * `aws/ACCOUNT/REGION/NAME`) is decided by the caller.
 *
 * GitHub's requirements, which the SARIF test checks field by field: `version` 2.1.0, one run
 * whose `tool.driver` has a `name` and its `rules` (each an `id`, a short description, help, and
 * `properties.security-severity` for the severity GitHub shows), and per result a `ruleId`, a
 * `message.text`, at least one location with a repository-relative `artifactLocation.uri` and a
 * `region.startLine`, and `partialFingerprints` so an alert keeps its identity between runs.
 */
import type { Log, ReportingDescriptor, Result as SarifResult } from 'sarif';
import type { CheckSpec, Finding, Severity } from '../core/audit';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of elbctl's fingerprint: check ID and resource ARN (stable across runs and machines). */
const FINGERPRINT_KEY = 'elbctlFinding/v1';

export interface SarifLocation {
  /** Repository-relative path. */
  uri: string;
  line: number;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note' };
/** GitHub's security severity scale (0–10): high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0' };

/** The pseudo-path of a resource no stack file in the working tree owns. */
const pseudoPath = (f: Finding): string => `aws/${f.account}/${f.region}/${f.name}`;

function rule(check: CheckSpec): ReportingDescriptor {
  const control = check.control ? ` It matches AWS Security Hub control ${check.control}.` : '';
  return {
    id: check.id,
    name: check.id
      .split('-')
      .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: check.title },
    fullDescription: { text: `${check.title}: ${check.rationale}.` },
    help: {
      text: `${check.rationale}.${control} Each result names the fix.`,
      markdown: `${check.rationale}.${control} Each result names the fix; docs/audit.md lists every check.`,
    },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      tags: ['elb', check.family, ...(check.control ? [check.control] : [])],
      'security-severity': SECURITY_SEVERITY[check.severity],
      precision: 'high',
      'problem.severity':
        check.severity === 'high' ? 'error' : check.severity === 'medium' ? 'warning' : 'recommendation',
    },
  };
}

export function renderSarif(
  findings: readonly Finding[],
  checks: readonly CheckSpec[],
  locate: (f: Finding) => SarifLocation | undefined,
  version: string,
): string {
  // Every check that ran is a rule (a rule with no result tells GitHub its earlier alerts are fixed).
  const used = checks;
  const index = new Map(used.map((c, i) => [c.id, i]));
  const results: SarifResult[] = findings.map((f) => {
    const at = locate(f) ?? { uri: pseudoPath(f), line: 1 };
    return {
      ruleId: f.id,
      ruleIndex: index.get(f.id) ?? 0,
      level: LEVEL[f.severity],
      message: { text: `${f.title} — ${f.name} (${f.region}): ${f.evidence}. Fix: ${f.fix}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: at.uri }, region: { startLine: at.line } },
          logicalLocations: [{ name: f.name, fullyQualifiedName: f.resource, kind: 'resource' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${f.id}:${f.resource}` },
      properties: {
        resource: f.resource,
        account: f.account,
        region: f.region,
        fix: f.fix,
        ...(f.control ? { control: f.control } : {}),
      },
    };
  });
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'elbctl',
            semanticVersion: version,
            version,
            rules: used.map(rule),
          },
        },
        automationDetails: { id: 'elbctl-audit/' },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
