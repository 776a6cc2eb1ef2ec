/** Alarms: the preset's name, an SNS topic ARN, and overrides of the preset's numbers per alarm. */
import type { AlarmOverride } from '../alarms/alarms';
import { PRESETS, presetRows } from '../alarms/preset';
import { quote } from '../echo';
import type { LoadBalancerType } from '../model';
import { type PathSegment, type Problem, problem } from './problem';

export const SNS_TOPIC = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

export function presetProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  if ((PRESETS as readonly string[]).includes(value)) return undefined;
  return problem('E_ENUM', `alarm preset ${quote(value)}: unknown; use ${PRESETS.join(', ')}`, path);
}

export function snsTopicProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  if (SNS_TOPIC.test(value)) return undefined;
  return problem(
    'E_FORMAT',
    `SNS topic ${quote(value)}: not an SNS topic ARN; use arn:aws:sns:REGION:ACCOUNT:NAME`,
    path,
  );
}

/** Overrides must name alarms of the preset for this type of load balancer, with sensible numbers. */
export function alarmOverrideProblems(
  overrides: Readonly<Record<string, AlarmOverride>>,
  type: LoadBalancerType,
  path: PathSegment[] = [],
): Problem[] {
  const problems: Problem[] = [];
  const keys = presetRows('recommended', type).map((r) => r.key);
  for (const [key, o] of Object.entries(overrides)) {
    const at = [...path, key];
    if (!keys.includes(key)) {
      problems.push(
        problem(
          'E_UNKNOWN_KEY',
          `alarm ${quote(key)}: the recommended preset has no such alarm for a ${type} load balancer; use ${keys.join(', ')}`,
          at,
        ),
      );
      continue;
    }
    if (o.threshold !== undefined && (!Number.isFinite(o.threshold) || o.threshold < 0)) {
      problems.push(
        problem('E_RANGE', `alarm ${quote(key)}: threshold must be a number of at least 0`, [...at, 'threshold']),
      );
    }
    const periods = o.evaluationPeriods;
    if (periods !== undefined && (!Number.isInteger(periods) || periods < 1 || periods > 1440)) {
      problems.push(
        problem('E_RANGE', `alarm ${quote(key)}: evaluationPeriods must be a whole number from 1 to 1440`, [
          ...at,
          'evaluationPeriods',
        ]),
      );
    }
    const points = o.datapointsToAlarm;
    if (points !== undefined) {
      const max = periods ?? presetRows('recommended', type).find((r) => r.key === key)?.evaluationPeriods ?? 1;
      if (!Number.isInteger(points) || points < 1 || points > max) {
        problems.push(
          problem(
            'E_RANGE',
            `alarm ${quote(key)}: datapointsToAlarm must be a whole number from 1 to its evaluation periods (${max})`,
            [...at, 'datapointsToAlarm'],
          ),
        );
      }
    }
  }
  return problems;
}
