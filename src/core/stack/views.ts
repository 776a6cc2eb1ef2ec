/**
 * A stack file read part by part, for the validator: each load balancer, listener, rule,
 * action, target group, health check and target parsed on its own, so one broken part hides
 * the checks of that part only.
 */
import { z } from 'zod';
import {
  actionSchema,
  conditionsSchema,
  healthCheckSchema,
  listenerSchema,
  loadBalancerSchema,
  ruleSchema,
  stickinessSchema,
  targetGroupSchema,
  targetSchema,
  type ActionFile,
  type ConditionsFile,
  type HealthCheckFile,
  type ListenerFile,
  type LoadBalancerFile,
  type RuleFile,
  type StickinessFile,
  type TargetFile,
  type TargetGroupFile,
} from './schema';

// ------------------------------------------------------------------ views: what parsed, part by part

/*
 * The rules run on parts, not on whole entries: a load balancer's own fields, each listener's
 * own fields, each action, each rule's name and priority, its conditions, … each parsed on
 * its own (unknown keys stripped, they are already reported). A typo in one rule then hides
 * the checks of that rule only. Indexes stay those of the file, so paths stay true.
 */
// Names are checked by the full schema; here any string will do, so a bad name does not hide
// every other problem of the same resource.
const anyName = { name: z.string() };
const LB_CORE = loadBalancerSchema.omit({ listeners: true }).extend(anyName).strip();
const LISTENER_CORE = listenerSchema.omit({ rules: true, defaultAction: true }).strip();
const RULE_CORE = ruleSchema.omit({ conditions: true, action: true }).extend(anyName).strip();
const ACTION = actionSchema.strip();
const CONDITIONS = conditionsSchema.strip();
const TG_CORE = targetGroupSchema.omit({ targets: true, healthCheck: true, stickiness: true }).extend(anyName).strip();
const HEALTH_CHECK = healthCheckSchema.strip();
const STICKINESS = stickinessSchema.strip();
const TARGET = targetSchema.strip();

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

function part<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  raw: unknown,
): T | undefined {
  const r = schema.safeParse(raw);
  return r.success ? r.data : undefined;
}

export function loadBalancerViews(root: unknown): LoadBalancerView[] {
  return list(field(root, 'loadBalancers')).flatMap((raw, index) => {
    const lb = part<LoadBalancerCore>(LB_CORE, raw);
    if (!lb) return [];
    const rawListeners = list(field(raw, 'listeners'));
    const listeners = rawListeners.flatMap((rl, j): ListenerView[] => {
      const listener = part<ListenerCore>(LISTENER_CORE, rl);
      if (!listener) return [];
      const rawRules = list(field(rl, 'rules'));
      const rules = rawRules.flatMap((rr, k): RuleView[] => {
        const rule = part<RuleCore>(RULE_CORE, rr);
        if (!rule) return [];
        return [
          {
            index: k,
            rule,
            conditions: part<ConditionsFile>(CONDITIONS, field(rr, 'conditions')),
            action: part<ActionFile>(ACTION, field(rr, 'action')),
          },
        ];
      });
      return [
        {
          index: j,
          listener,
          defaultAction: part<ActionFile>(ACTION, field(rl, 'defaultAction')),
          ruleCount: rawRules.length,
          rules,
        },
      ];
    });
    return [{ index, lb, listenerCount: rawListeners.length, listeners }];
  });
}

export function targetGroupViews(root: unknown): TargetGroupView[] {
  return list(field(root, 'targetGroups')).flatMap((raw, index): TargetGroupView[] => {
    const tg = part<TargetGroupCore>(TG_CORE, raw);
    if (!tg) return [];
    const rawStickiness = field(raw, 'stickiness');
    const stickiness = part<StickinessFile>(STICKINESS, rawStickiness);
    const rawTargets = field(raw, 'targets');
    return [
      {
        index,
        tg,
        healthCheck: part<HealthCheckFile>(HEALTH_CHECK, field(raw, 'healthCheck')),
        stickiness,
        stickinessBroken: rawStickiness !== undefined && stickiness === undefined,
        targetCount: rawTargets === undefined ? undefined : list(rawTargets).length,
        targets: list(rawTargets).flatMap((rt, k) => {
          const target = part<TargetFile>(TARGET, rt);
          return target ? [{ index: k, target }] : [];
        }),
      },
    ];
  });
}
