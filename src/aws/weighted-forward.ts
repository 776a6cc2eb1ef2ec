/**
 * The shift ports for ELBv2: a listener's default action or a rule's action as the weighted
 * thing (read the forward, write a split, restore the starting forward, finish with a plain
 * forward), and its tags as the ledger that records the shift's progress.
 */
import type { Action } from '../core/model';
import {
  type Origin,
  type ReadRecord,
  readRecord,
  recordKeys,
  recordTags,
  type ShiftLedger,
  type ShiftRecord,
} from '../core/shift/record';
import type { LiveWeights, WeightedThing, WeightTarget } from '../core/shift/weights';
import type { Elbv2Gateway } from './elbv2/gateway';

export interface ShiftSubject {
  kind: 'listener' | 'rule';
  arn: string;
  /** `listener web:80`, `rule web:80:10`. */
  label: string;
}

export interface ShiftRoute {
  from: string;
  to: string;
  origin: Origin;
  /** Target group stickiness of the weighted forward during the shift. */
  stickinessSeconds?: number | undefined;
}

type Forward = Extract<Action, { type: 'forward' }>;

/** The actions of a listener (its default actions) or a rule. */
async function readActions(elbv2: Elbv2Gateway, subject: ShiftSubject): Promise<Action[]> {
  return subject.kind === 'listener'
    ? (await elbv2.getListener(subject.arn)).defaultActions
    : (await elbv2.getRule(subject.arn)).actions;
}

/** Live actions → the split between `from` and `to`, as shares in percent. */
export function liveWeights(
  actions: readonly Action[],
  route: Pick<ShiftRoute, 'from' | 'to'>,
  name: (arn: string) => string,
): LiveWeights {
  const forward = actions.length === 1 ? actions.find((a): a is Forward => a.type === 'forward') : undefined;
  if (!forward) {
    const kinds = actions.map((a) => (a.type === 'other' ? a.awsType : a.type)).join(', ');
    return { shape: 'other', description: kinds || 'no action' };
  }
  const groups = forward.targetGroups.map((g) => ({ arn: g.targetGroupArn, weight: g.weight ?? 1 }));
  const description =
    groups.length === 1
      ? `forward → ${name(groups[0]?.arn ?? '')}`
      : `forward → ${groups.map((g) => `${name(g.arn)}=${g.weight}`).join(', ')}`;
  const weightOf = (arn: string) => groups.find((g) => g.arn === arn)?.weight;
  const from = weightOf(route.from);
  const to = weightOf(route.to);
  if (groups.some((g) => g.arn !== route.from && g.arn !== route.to)) return { shape: 'other', description };
  if (groups.length === 1) {
    return from !== undefined
      ? { shape: 'only-from', split: { from: 100, to: 0 }, description }
      : { shape: 'only-to', split: { from: 0, to: 100 }, description };
  }
  const total = (from ?? 0) + (to ?? 0);
  if (total === 0) return { shape: 'other', description };
  const share = Math.round(((to ?? 0) * 100) / total);
  return { shape: 'both', split: { from: 100 - share, to: share }, description };
}

/** The action a target asks for. */
function forwardFor(target: WeightTarget, route: ShiftRoute): Forward {
  const stickiness = (seconds: number | undefined) => (seconds !== undefined ? { stickinessSeconds: seconds } : {});
  switch (target.kind) {
    case 'split':
      return {
        type: 'forward',
        targetGroups: [
          { targetGroupArn: route.from, weight: target.split.from },
          { targetGroupArn: route.to, weight: target.split.to },
        ],
        ...stickiness(route.stickinessSeconds),
      };
    case 'start': {
      const o = route.origin;
      const groups =
        o.shape === 'plain'
          ? [{ targetGroupArn: route.from }]
          : [
              { targetGroupArn: route.from, weight: o.weights?.from ?? 1 },
              { targetGroupArn: route.to, weight: o.weights?.to ?? 0 },
            ];
      return { type: 'forward', targetGroups: groups, ...stickiness(o.stickinessSeconds) };
    }
    case 'final':
      return { type: 'forward', targetGroups: [{ targetGroupArn: route.to }] };
  }
}

/** A listener or rule as the thing a shift writes weights on. */
export class Elbv2WeightedForward implements WeightedThing {
  readonly label: string;

  constructor(
    private readonly elbv2: Elbv2Gateway,
    private readonly subject: ShiftSubject,
    private readonly route: ShiftRoute,
    private readonly name: (arn: string) => string,
  ) {
    this.label = subject.label;
  }

  async read(): Promise<LiveWeights> {
    return liveWeights(await readActions(this.elbv2, this.subject), this.route, this.name);
  }

  async write(target: WeightTarget): Promise<void> {
    const action = forwardFor(target, this.route);
    if (this.subject.kind === 'listener') {
      await this.elbv2.modifyListener({ listenerArn: this.subject.arn, defaultActions: [action] });
    } else {
      await this.elbv2.modifyRule(this.subject.arn, { actions: [action] });
    }
  }
}

/** The listener's or rule's tags as the shift's ledger. */
export class Elbv2ShiftLedger implements ShiftLedger {
  constructor(
    private readonly elbv2: Elbv2Gateway,
    private readonly arn: string,
  ) {}

  async read(): Promise<ReadRecord | undefined> {
    return readRecord((await this.elbv2.describeTags([this.arn])).get(this.arn) ?? [], this.arn);
  }

  /** One AddTags call: the whole record lands, or none of it. */
  async write(record: ShiftRecord): Promise<void> {
    await this.elbv2.addTags([this.arn], recordTags(record));
  }

  async clear(): Promise<void> {
    const keys = recordKeys((await this.elbv2.describeTags([this.arn])).get(this.arn) ?? []);
    await this.elbv2.removeTags([this.arn], keys);
  }
}
