/**
 * A shift's progress, kept on the thing it shifts (no state file): what it moves, its plan, the
 * step it is at and since when. For an ELBv2 listener or rule it is a handful of tags under
 * `elbctl:shift`, written in ONE AddTags call before each step's weights (so a run killed at any
 * moment leaves either the weights of a completed step or of the step the record names), and
 * removed in one RemoveTags call at the end. `shift status` reads it from any machine, a second
 * `shift` refuses while it is there, `shift resume` continues from it and `shift abort` restores
 * the weights it says were there before.
 *
 * Tag values allow letters, digits, spaces and `_ . : / = + - @` only, so the record is written as
 * `key=value` words; a guard's own text is escaped (`<` → `=3C`, `%` → `=25`).
 */
import type { Tag } from '../model';
import { targetGroupDimension } from '../model';

/** The tag whose presence means a shift is recorded (every key of the record starts with it). */
const SHIFT_TAG = 'elbctl:shift';
const ROUTE_TAG = `${SHIFT_TAG}:route`;
const PLAN_TAG = `${SHIFT_TAG}:plan`;
const GUARD_TAG = `${SHIFT_TAG}:guard:`;
const RECORD_VERSION = 'v1';
/** AWS's limit on a tag value. */
export const MAX_TAG_VALUE = 256;
/** Guards a shift may carry (each is a tag of its own; a resource holds at most 50 tags). */
export const MAX_GUARDS = 10;

export type RecordState = 'running' | 'finishing' | 'rolling-back';

/** How the forward looked before the shift, so a rollback restores exactly that. */
export interface Origin {
  /** plain: a forward to `from` alone; weighted: `from` and `to` listed, with these weights. */
  shape: 'plain' | 'weighted';
  weights?: { from: number; to: number } | undefined;
  stickinessSeconds?: number | undefined;
}

export interface ShiftSettings {
  /** Percent of traffic to `to` at each step, ascending, the last 100. */
  steps: number[];
  bakeSeconds: number;
  intervalSeconds: number;
  minRequests: number;
  keepWeighted: boolean;
  /** Target group stickiness of the weighted forward during the shift (seconds). */
  stickinessSeconds?: number | undefined;
}

export interface ShiftRecord {
  /** This run's id: a run writes only while the record still carries it. */
  id: string;
  state: RecordState;
  /** Target group ARNs. */
  from: string;
  to: string;
  origin: Origin;
  settings: ShiftSettings;
  /** Guards in elbctl's spelling. */
  guards: string[];
  /** Index (in settings.steps) of the step being written or baked. */
  step: number;
  startedAt: string;
  /** When the step's weights were written; absent until they were. */
  stepStartedAt?: string | undefined;
}

// ------------------------------------------------------------------ escaping

const PLAIN = /^[A-Za-z0-9_.:/+\-@]$/;

const utf8 = new TextEncoder();

export function escapeTagText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (PLAIN.test(ch)) out += ch;
    else for (const byte of utf8.encode(ch)) out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function unescapeTagText(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const hex = text.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...utf8.encode(ch));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The escaped guard, when it would not fit in one tag value. */
export function guardTooLong(guardText: string): boolean {
  return escapeTagText(guardText).length > MAX_TAG_VALUE;
}

// ------------------------------------------------------------------ writing

const words = (pairs: ReadonlyArray<readonly [string, string | number | undefined]>): string =>
  pairs
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

/** The record as tags (every key under `elbctl:shift`). */
export function recordTags(r: ShiftRecord): Tag[] {
  const s = r.settings;
  const origin =
    r.origin.shape === 'plain' ? 'plain' : `weighted:${r.origin.weights?.from ?? 1}/${r.origin.weights?.to ?? 0}`;
  return [
    {
      key: SHIFT_TAG,
      value: `${RECORD_VERSION} ${words([
        ['id', r.id],
        ['state', r.state],
        ['step', r.step],
        ['started', r.startedAt],
        ['step-started', r.stepStartedAt],
      ])}`,
    },
    {
      key: ROUTE_TAG,
      value: words([
        ['from', targetGroupDimension(r.from)],
        ['to', targetGroupDimension(r.to)],
      ]),
    },
    {
      key: PLAN_TAG,
      value: words([
        ['steps', s.steps.join('.')],
        ['bake', s.bakeSeconds],
        ['interval', s.intervalSeconds],
        ['min-requests', s.minRequests],
        ['keep-weighted', s.keepWeighted ? 'yes' : 'no'],
        ['stickiness', s.stickinessSeconds],
        ['origin', origin],
        ['origin-stickiness', r.origin.stickinessSeconds],
      ]),
    },
    ...r.guards.map((g, i) => ({ key: `${GUARD_TAG}${i + 1}`, value: escapeTagText(g) })),
  ];
}

/** Every record key present in `tags` (what RemoveTags must remove, stale guards included). */
export function recordKeys(tags: readonly Tag[] | Readonly<Record<string, string>>): string[] {
  const keys = Array.isArray(tags) ? (tags as readonly Tag[]).map((t) => t.key) : Object.keys(tags);
  return keys.filter((k) => k === SHIFT_TAG || k.startsWith(`${SHIFT_TAG}:`));
}

// ------------------------------------------------------------------ reading

const asMap = (tags: readonly Tag[] | Readonly<Record<string, string>>): Map<string, string> =>
  Array.isArray(tags)
    ? new Map((tags as readonly Tag[]).map((t) => [t.key, t.value]))
    : new Map(Object.entries(tags as Readonly<Record<string, string>>));

function parseWords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const word of text.trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq > 0) out.set(word.slice(0, eq), word.slice(eq + 1));
    else if (word.length > 0) out.set(word, '');
  }
  return out;
}

const wholeNumber = (v: string | undefined): number | undefined =>
  v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;

/** A target group ARN from its `targetgroup/NAME/ID` tail, in the account and region of `resourceArn`. */
function targetGroupArn(dimension: string | undefined, resourceArn: string): string | undefined {
  if (dimension === undefined || !/^targetgroup\/[A-Za-z0-9-]+\/[0-9a-f]+$/.test(dimension)) return undefined;
  const at = resourceArn.search(/:(listener|listener-rule|loadbalancer)\//);
  return at < 0 ? undefined : `${resourceArn.slice(0, at + 1)}${dimension}`;
}

export type ReadRecord = { ok: true; record: ShiftRecord } | { ok: false; why: string };

/**
 * The record kept on a resource, or why it cannot be read. `undefined` when no shift is recorded.
 * `resourceArn` (the listener or rule) gives the account and region of the target groups.
 */
export function readRecord(
  tags: readonly Tag[] | Readonly<Record<string, string>>,
  resourceArn: string,
): ReadRecord | undefined {
  const map = asMap(tags);
  const head = map.get(SHIFT_TAG);
  if (head === undefined) return undefined;
  const h = parseWords(head);
  const route = parseWords(map.get(ROUTE_TAG) ?? '');
  const plan = parseWords(map.get(PLAN_TAG) ?? '');
  const broken = (why: string): ReadRecord => ({ ok: false, why });
  if (!h.has(RECORD_VERSION)) return broken(`tag ${SHIFT_TAG} is not a record this elbctl writes (${RECORD_VERSION})`);
  const state = h.get('state');
  if (state !== 'running' && state !== 'finishing' && state !== 'rolling-back')
    return broken('its state is unreadable');
  const from = targetGroupArn(route.get('from'), resourceArn);
  const to = targetGroupArn(route.get('to'), resourceArn);
  if (!from || !to) return broken(`tag ${ROUTE_TAG} does not name both target groups`);
  const steps = (plan.get('steps') ?? '').split('.').map((x) => wholeNumber(x));
  if (steps.length === 0 || steps.some((x) => x === undefined)) return broken(`tag ${PLAN_TAG} has no steps`);
  const bake = wholeNumber(plan.get('bake'));
  const interval = wholeNumber(plan.get('interval'));
  const minRequests = wholeNumber(plan.get('min-requests'));
  const step = wholeNumber(h.get('step'));
  const id = h.get('id');
  const startedAt = h.get('started');
  if (bake === undefined || interval === undefined || minRequests === undefined)
    return broken(`tag ${PLAN_TAG} lacks bake, interval or min-requests`);
  if (step === undefined || step >= steps.length || !id || !startedAt) return broken(`tag ${SHIFT_TAG} is incomplete`);
  const originText = plan.get('origin') ?? 'plain';
  const weighted = /^weighted:(\d+)\/(\d+)$/.exec(originText);
  const origin: Origin = weighted
    ? { shape: 'weighted', weights: { from: Number(weighted[1]), to: Number(weighted[2]) } }
    : { shape: 'plain' };
  const originStickiness = wholeNumber(plan.get('origin-stickiness'));
  if (originStickiness !== undefined) origin.stickinessSeconds = originStickiness;
  const stickiness = wholeNumber(plan.get('stickiness'));
  const guards = [...map.entries()]
    .filter(([k]) => k.startsWith(GUARD_TAG))
    .sort(([a], [b]) => Number(a.slice(GUARD_TAG.length)) - Number(b.slice(GUARD_TAG.length)))
    .map(([, v]) => unescapeTagText(v));
  return {
    ok: true,
    record: {
      id,
      state,
      from,
      to,
      origin,
      settings: {
        steps: steps as number[],
        bakeSeconds: bake,
        intervalSeconds: interval,
        minRequests,
        keepWeighted: plan.get('keep-weighted') === 'yes',
        ...(stickiness !== undefined ? { stickinessSeconds: stickiness } : {}),
      },
      guards,
      step,
      startedAt,
      ...(h.get('step-started') ? { stepStartedAt: h.get('step-started') } : {}),
    },
  };
}

/** What other commands need to know before they write a listener or rule: a shift is recorded on it. */
export interface ShiftMark {
  /** The `to` target group's name, when the record says. */
  to?: string | undefined;
  /** 1-based, with the number of steps, when the record says. */
  step?: number | undefined;
  of?: number | undefined;
  state?: string | undefined;
}

/**
 * The pre-write guard every writer of a listener or rule calls (apply, listener modify, rule
 * modify): undefined when no shift is recorded in these tags.
 */
export function shiftInProgress(tags: readonly Tag[] | Readonly<Record<string, string>>): ShiftMark | undefined {
  const map = asMap(tags);
  const head = map.get(SHIFT_TAG);
  if (head === undefined) return undefined;
  const h = parseWords(head);
  const route = parseWords(map.get(ROUTE_TAG) ?? '');
  const steps = (parseWords(map.get(PLAN_TAG) ?? '').get('steps') ?? '').split('.').filter(Boolean);
  const step = wholeNumber(h.get('step'));
  const to = route.get('to')?.split('/')[1];
  return {
    ...(to ? { to } : {}),
    ...(step !== undefined ? { step: step + 1 } : {}),
    ...(steps.length > 0 ? { of: steps.length } : {}),
    ...(h.get('state') ? { state: h.get('state') } : {}),
  };
}

/** `a shift to "green" is in progress (step 2 of 4)`. */
export function describeMark(mark: ShiftMark): string {
  const to = mark.to ? ` to "${mark.to}"` : '';
  const at = mark.step !== undefined && mark.of !== undefined ? ` (step ${mark.step} of ${mark.of})` : '';
  return mark.state === 'rolling-back'
    ? `a shift${to} was rolling back when it stopped`
    : `a shift${to} is in progress${at}`;
}

/**
 * Where a shift's progress is kept, as a port (the ELBv2 one keeps it in the tags above).
 * `read` gives undefined when nothing is recorded.
 */
export interface ShiftLedger {
  read(): Promise<ReadRecord | undefined>;
  write(record: ShiftRecord): Promise<void>;
  clear(): Promise<void>;
}
