/**
 * A stack file read part by part, for the validator: each load balancer, listener, rule,
 * action, target group, health check and target parsed on its own, so one broken part hides
 * the checks of that part only.
 */
import type {
  ActionFile,
  ConditionsFile,
  HealthCheckFile,
  ListenerFile,
  LoadBalancerFile,
  RuleFile,
  StickinessFile,
  TargetFile,
  TargetGroupFile,
} from './schema';

// ------------------------------------------------------------------ views: what parsed, part by part

/*
 * The rules run on parts, not on whole entries: a load balancer's own fields, each listener's
 * own fields, each action, each rule's name and priority, its conditions, … each parsed on
 * its own (unknown keys stripped, they are already reported). A typo in one rule then hides
 * the checks of that rule only. Indexes stay those of the file, so paths stay true.
 *
 * A file the whole schema accepted has no broken part: its parts are taken as the schema gave
 * them, without parsing each again (and the part schemas are built only when a file has
 * problems). test/core/stack/views.test.ts checks that both ways give the same views.
 */
type PartSchema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

interface Part<T> {
  /** The part's own schema, built on first use. */
  schema: () => PartSchema<T>;
  /** Keys of the entry that other parts (or the parent) read: the keys its schema omits. */
  omit: readonly string[];
}

/** The part schemas' sources. zod and the schema load only here: a file the whole schema accepted never builds a part. */
function schemas() {
  const {
    actionSchema,
    anyName,
    conditionsSchema,
    healthCheckSchema,
    listenerSchema,
    loadBalancerSchema,
    ruleSchema,
    stickinessSchema,
    targetGroupSchema,
    targetSchema,
  }: typeof import('./schema') = require('./schema');
  return {
    actionSchema,
    anyName,
    conditionsSchema,
    healthCheckSchema,
    listenerSchema,
    loadBalancerSchema,
    ruleSchema,
    stickinessSchema,
    targetGroupSchema,
    targetSchema,
  };
}

function partOf<T>(
  build: (s: ReturnType<typeof schemas>) => PartSchema<T>,
  omitted: Readonly<Record<string, true>> = {},
): Part<T> {
  let schema: PartSchema<T> | undefined;
  return { schema: () => (schema ??= build(schemas())), omit: Object.keys(omitted) };
}

// Names are checked by the full schema; here any string will do, so a bad name does not hide
// every other problem of the same resource.
const LB_PARTS = { listeners: true } as const;
const LISTENER_PARTS = { rules: true, defaultAction: true } as const;
const RULE_PARTS = { conditions: true, action: true } as const;
const TG_PARTS = { targets: true, healthCheck: true, stickiness: true } as const;
const LB_CORE = partOf<LoadBalancerCore>(
  (s) => s.loadBalancerSchema.omit(LB_PARTS).extend(s.anyName()).strip(),
  LB_PARTS,
);
const LISTENER_CORE = partOf<ListenerCore>((s) => s.listenerSchema.omit(LISTENER_PARTS).strip(), LISTENER_PARTS);
const RULE_CORE = partOf<RuleCore>((s) => s.ruleSchema.omit(RULE_PARTS).extend(s.anyName()).strip(), RULE_PARTS);
const ACTION = partOf<ActionFile>((s) => s.actionSchema.strip());
const CONDITIONS = partOf<ConditionsFile>((s) => s.conditionsSchema.strip());
const TG_CORE = partOf<TargetGroupCore>(
  (s) => s.targetGroupSchema.omit(TG_PARTS).extend(s.anyName()).strip(),
  TG_PARTS,
);
const HEALTH_CHECK = partOf<HealthCheckFile>((s) => s.healthCheckSchema.strip());
const STICKINESS = partOf<StickinessFile>((s) => s.stickinessSchema.strip());
const TARGET = partOf<TargetFile>((s) => s.targetSchema.strip());

export type LoadBalancerCore = Omit<LoadBalancerFile, 'listeners'>;
export type ListenerCore = Omit<ListenerFile, 'rules' | 'defaultAction'>;
type RuleCore = Omit<RuleFile, 'conditions' | 'action'>;
type TargetGroupCore = Omit<TargetGroupFile, 'targets' | 'healthCheck' | 'stickiness'>;

interface RuleView {
  index: number;
  rule: RuleCore;
  conditions?: ConditionsFile | undefined;
  action?: ActionFile | undefined;
}

export interface ListenerView {
  index: number;
  listener: ListenerCore;
  defaultAction?: ActionFile | undefined;
  ruleCount: number;
  rules: RuleView[];
}

export interface LoadBalancerView {
  index: number;
  lb: LoadBalancerCore;
  listenerCount: number;
  listeners: ListenerView[];
}

export interface TargetGroupView {
  index: number;
  tg: TargetGroupCore;
  /** Undefined when absent or not valid (its own problems are reported by the schema). */
  healthCheck?: HealthCheckFile | undefined;
  stickiness?: StickinessFile | undefined;
  stickinessBroken: boolean;
  /** Undefined when the file leaves targets out (not managed). */
  targetCount?: number | undefined;
  targets: Array<{ index: number; target: TargetFile }>;
}

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const field = (raw: unknown, key: string): unknown => (isDict(raw) ? raw[key] : undefined);
export const list = (raw: unknown): unknown[] => (Array.isArray(raw) ? raw : []);

/** Reads one part of an entry: undefined when it is absent, or (parsing) not valid. */
type Reader = <T>(part: Part<T>, raw: unknown) => T | undefined;

const parseEach: Reader = (part, raw) => {
  const r = part.schema().safeParse(raw);
  return r.success ? r.data : undefined;
};

const takeValid: Reader = <T>(part: Part<T>, raw: unknown): T | undefined => {
  if (!isDict(raw)) return undefined;
  if (part.omit.length === 0) return raw as T;
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!part.omit.includes(key)) own[key] = value;
  return own as T;
};

/** `valid`: `root` is what the whole schema returned for the file (no part is broken). */
const readerFor = (valid: boolean): Reader => (valid ? takeValid : parseEach);

export function loadBalancerViews(root: unknown, valid = false): LoadBalancerView[] {
  const part = readerFor(valid);
  return list(field(root, 'loadBalancers')).flatMap((raw, index) => {
    const lb = part(LB_CORE, raw);
    if (!lb) return [];
    const rawListeners = list(field(raw, 'listeners'));
    const listeners = rawListeners.flatMap((rl, j): ListenerView[] => {
      const listener = part(LISTENER_CORE, rl);
      if (!listener) return [];
      const rawRules = list(field(rl, 'rules'));
      const rules = rawRules.flatMap((rr, k): RuleView[] => {
        const rule = part(RULE_CORE, rr);
        if (!rule) return [];
        return [
          {
            index: k,
            rule,
            conditions: part(CONDITIONS, field(rr, 'conditions')),
            action: part(ACTION, field(rr, 'action')),
          },
        ];
      });
      return [
        {
          index: j,
          listener,
          defaultAction: part(ACTION, field(rl, 'defaultAction')),
          ruleCount: rawRules.length,
          rules,
        },
      ];
    });
    return [{ index, lb, listenerCount: rawListeners.length, listeners }];
  });
}

export function targetGroupViews(root: unknown, valid = false): TargetGroupView[] {
  const part = readerFor(valid);
  return list(field(root, 'targetGroups')).flatMap((raw, index): TargetGroupView[] => {
    const tg = part(TG_CORE, raw);
    if (!tg) return [];
    const rawStickiness = field(raw, 'stickiness');
    const stickiness = part(STICKINESS, rawStickiness);
    const rawTargets = field(raw, 'targets');
    return [
      {
        index,
        tg,
        healthCheck: part(HEALTH_CHECK, field(raw, 'healthCheck')),
        stickiness,
        stickinessBroken: rawStickiness !== undefined && stickiness === undefined,
        targetCount: rawTargets === undefined ? undefined : list(rawTargets).length,
        targets: list(rawTargets).flatMap((rt, k) => {
          const target = part(TARGET, rt);
          return target ? [{ index: k, target }] : [];
        }),
      },
    ];
  });
}
