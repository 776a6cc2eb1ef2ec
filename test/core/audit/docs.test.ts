/** docs/audit.md lists every check with its ID, severity and Security Hub control, and nothing else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../../../src/core/audit';

const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'audit.md'), 'utf8');
const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| (high|medium|low) \| ([^|]+) \|/gm)].map((m) => ({
  id: m[1],
  severity: m[2],
  control: (m[3] ?? '').trim(),
}));

test('GIVEN docs/audit.md THEN one row per check, with its severity and control', () => {
  expect(rows).toEqual(CHECKS.map((c) => ({ id: c.id, severity: c.severity, control: c.control ?? '—' })));
});
