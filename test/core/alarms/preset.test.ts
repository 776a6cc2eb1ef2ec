import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESET_CHECKED, RECOMMENDED } from '../../../src/core/alarms/preset';
import { presetTableRows } from './preset-doc';

describe('the recommended preset and docs/alarms.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'alarms.md'), 'utf8');

  it('GIVEN the preset table in the code WHEN docs/alarms.md is read THEN it prints exactly those rows, with the date they were checked', () => {
    const rows = doc.split('\n').filter((l) => /^\| `[a-z0-9-]+` \|/.test(l));
    expect(rows).toEqual(presetTableRows());
    expect(doc).toContain(`checked ${PRESET_CHECKED}`);
  });

  it('GIVEN every row WHEN read THEN its numbers make an alarm AWS accepts and it names its source', () => {
    for (const r of RECOMMENDED) {
      expect(r.datapointsToAlarm).toBeLessThanOrEqual(r.evaluationPeriods);
      expect(r.periodSeconds % 60).toBe(0);
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.source).toMatch(/CW-RECOMMENDED|CDK-ELB|ELB-METRICS/);
    }
  });
});
