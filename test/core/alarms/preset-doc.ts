/** The preset table as docs/alarms.md prints it (one markdown row per alarm); the doc test compares the two. */
import { RECOMMENDED } from '../../../src/core/alarms/preset';

const SYMBOL: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

export function presetTableRows(): string[] {
  return RECOMMENDED.map((r) => {
    const metric =
      r.metric === 'target-5xx-rate' ? '100 × HTTPCode_Target_5XX_Count ÷ RequestCount' : `${r.metric} (${r.stat})`;
    return `| \`${r.key}\` | ${r.types.join(', ')} | ${r.scope} | ${metric} | ${SYMBOL[r.comparison]} ${r.threshold} ${r.unit} | ${r.datapointsToAlarm} of ${r.evaluationPeriods} × ${r.periodSeconds} s | ${r.treatMissingData} | ${r.source} |`;
  });
}
