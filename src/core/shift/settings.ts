/**
 * The flags of `elbctl shift` that shape a shift: --steps, --bake, --interval, --min-requests,
 * --group-stickiness and --guard, read into settings with every problem reported at once.
 */
import { quote } from '../echo';
import { type Problem, problem } from '../rules/problem';
import { parseInteger, wholeNumber } from '../rules/values';
import { type Guard, parseGuards } from './guards';
import { MAX_GUARDS, MAX_TAG_VALUE, type ShiftSettings, guardTooLong } from './record';

const DEFAULT_STEPS = [10, 25, 50, 100] as const;
const DEFAULT_BAKE_SECONDS = 300;
const DEFAULT_INTERVAL_SECONDS = 60;
const DEFAULT_MIN_REQUESTS = 100;
const MAX_STEPS = 20;
const MAX_BAKE_SECONDS = 24 * 3600;
const MAX_INTERVAL_SECONDS = 3600;
/** AWS's range for a forward's target group stickiness. */
const STICKINESS = { min: 1, max: 604_800 } as const;

export interface ShiftFlags {
  steps?: string | undefined;
  bake?: string | undefined;
  interval?: string | undefined;
  minRequests?: string | undefined;
  groupStickiness?: string | undefined;
  guard?: readonly string[] | undefined;
  keepWeighted?: boolean | undefined;
}

export type ParsedShift = { ok: true; settings: ShiftSettings; guards: Guard[] } | { ok: false; problems: Problem[] };

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** `90s`, `5m`, `1h` (a bare number is seconds) → seconds. */
export function parseBake(raw: string): number | undefined {
  const m = /^(\d{1,6})([smh]?)$/.exec(raw.trim());
  return m ? Number(m[1]) * (UNIT_SECONDS[m[2] || 's'] as number) : undefined;
}

function parseSteps(raw: string, problems: Problem[]): number[] {
  const parts = raw.split(',').map((p) => p.trim().replace(/%$/, ''));
  const steps: number[] = [];
  for (const part of parts) {
    const n = parseInteger(part);
    if (n === undefined || n < 1 || n > 100) {
      problems.push(
        problem(
          'E_RANGE',
          `--steps ${quote(raw)}: ${quote(part)} is not a percentage from 1 to 100; write e.g. 10,25,50,100`,
          ['steps'],
        ),
      );
      return [];
    }
    steps.push(n);
  }
  if (steps.some((s, i) => i > 0 && s <= (steps[i - 1] as number))) {
    problems.push(
      problem('E_RANGE', `--steps ${quote(raw)}: each step must send more traffic than the one before`, ['steps']),
    );
  } else if (steps[steps.length - 1] !== 100) {
    problems.push(
      problem('E_RANGE', `--steps ${quote(raw)}: the last step must be 100 (all traffic to --to); add ,100`, ['steps']),
    );
  }
  if (steps.length > MAX_STEPS) {
    problems.push(
      problem('E_LIMIT', `--steps ${quote(raw)}: ${steps.length} steps, the limit is ${MAX_STEPS}`, ['steps']),
    );
  }
  return steps;
}

function wholeFlag(
  flag: string,
  raw: string | undefined,
  fallback: number | undefined,
  min: number,
  max: number,
  problems: Problem[],
): number | undefined {
  if (raw === undefined) return fallback;
  const n = wholeNumber(flag, raw, min, max, [flag]);
  if (n.ok) return n.value;
  problems.push(n.problem);
  return fallback;
}

export function parseShiftFlags(flags: ShiftFlags): ParsedShift {
  const problems: Problem[] = [];
  const steps = flags.steps === undefined ? [...DEFAULT_STEPS] : parseSteps(flags.steps, problems);
  let bakeSeconds = DEFAULT_BAKE_SECONDS;
  if (flags.bake !== undefined) {
    const b = parseBake(flags.bake);
    if (b === undefined || b > MAX_BAKE_SECONDS) {
      problems.push(
        problem(
          'E_RANGE',
          `--bake ${quote(flags.bake)}: write a duration up to 24h in seconds, minutes or hours, e.g. 90s, 5m, 1h`,
          ['bake'],
        ),
      );
    } else bakeSeconds = b;
  }
  const intervalSeconds = wholeFlag(
    '--interval',
    flags.interval,
    DEFAULT_INTERVAL_SECONDS,
    1,
    MAX_INTERVAL_SECONDS,
    problems,
  ) as number;
  const minRequests = wholeFlag('--min-requests', flags.minRequests, DEFAULT_MIN_REQUESTS, 0, 1e9, problems) as number;
  const stickinessSeconds = wholeFlag(
    '--group-stickiness',
    flags.groupStickiness,
    undefined,
    STICKINESS.min,
    STICKINESS.max,
    problems,
  );
  const parsed = parseGuards(flags.guard ?? []);
  problems.push(...parsed.problems);
  if (parsed.guards.length > MAX_GUARDS) {
    problems.push(
      problem('E_LIMIT', `--guard: ${parsed.guards.length} given, the limit is ${MAX_GUARDS} per shift`, ['guard']),
    );
  }
  for (const g of parsed.guards) {
    if (guardTooLong(g.text)) {
      problems.push(
        problem(
          'E_LIMIT',
          `guard ${quote(g.text)}: too long to record on the listener (a tag value holds ${MAX_TAG_VALUE} characters); use a shorter alarm name`,
          ['guard'],
        ),
      );
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    guards: parsed.guards,
    settings: {
      steps,
      bakeSeconds,
      intervalSeconds,
      minRequests,
      keepWeighted: flags.keepWeighted === true,
      ...(stickinessSeconds !== undefined ? { stickinessSeconds } : {}),
    },
  };
}

/** `5m`, `90s`, `1h30m`: a number of seconds as people write it. */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
}
