/**
 * The shift port for Route 53 (a second implementation of src/core/shift/weights.ts's
 * WeightedThing, beside the ELBv2 forward in weighted-forward.ts): a record that points to a
 * Classic load balancer, moved to a new one through a weighted record pair. Every write is one
 * atomic change batch computed from the records live at that moment (src/core/classic/cutover.ts).
 */
import { type CutoverPair, changesFor, liveSplit } from '../core/classic/cutover';
import type { LiveWeights, WeightedThing, WeightTarget } from '../core/shift/weights';
import type { Route53Gateway } from './route53';

export class Route53WeightedPair implements WeightedThing {
  readonly label: string;

  constructor(
    private readonly route53: Route53Gateway,
    private readonly zoneId: string,
    private readonly pair: CutoverPair,
  ) {
    this.label = `record ${pair.name} ${pair.type}`;
  }

  async read(): Promise<LiveWeights> {
    return liveSplit(await this.route53.recordsNamed(this.zoneId, this.pair.name), this.pair);
  }

  async write(target: WeightTarget): Promise<void> {
    const live = await this.route53.recordsNamed(this.zoneId, this.pair.name);
    const comment =
      target.kind === 'split'
        ? `elbctl migrate: ${target.split.from}/${target.split.to} ${this.pair.from.label} / ${this.pair.to.label}`
        : target.kind === 'start'
          ? `elbctl migrate: restore the record to ${this.pair.from.label}`
          : `elbctl migrate: all traffic to ${this.pair.to.label}`;
    await this.route53.change(this.zoneId, changesFor(target, live, this.pair), comment);
  }
}
