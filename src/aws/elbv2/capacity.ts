/** LCU reservations: read one, set a minimum, reset it (Describe/ModifyCapacityReservation). */
import {
  DescribeCapacityReservationCommand,
  type DescribeCapacityReservationOutput,
  type ElasticLoadBalancingV2Client,
  ModifyCapacityReservationCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { CapacityReservation } from '../../core/rules/capacity';
import { awsStep } from '../errors';

function toReservation(r: DescribeCapacityReservationOutput): CapacityReservation {
  return {
    reservedCapacityUnits: r.MinimumLoadBalancerCapacity?.CapacityUnits,
    decreaseRequestsRemaining: r.DecreaseRequestsRemaining,
    lastModified: r.LastModifiedTime?.toISOString(),
    zones: (r.CapacityReservationState ?? [])
      .map((z) => ({
        zone: z.AvailabilityZone ?? '',
        state: z.State?.Code ?? 'provisioned',
        reason: z.State?.Reason,
        effectiveCapacityUnits: z.EffectiveCapacityUnits,
      }))
      .sort((a, b) => (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0)),
  };
}

export class CapacityGateway {
  constructor(private readonly client: ElasticLoadBalancingV2Client) {}

  async get(loadBalancerArn: string, name: string): Promise<CapacityReservation> {
    return awsStep(`describe the capacity reservation of load balancer "${name}"`, async () =>
      toReservation(
        await this.client.send(new DescribeCapacityReservationCommand({ LoadBalancerArn: loadBalancerArn })),
      ),
    );
  }

  /** `units`: the new minimum; undefined resets the reservation. Returns the reservation as AWS reports it after. */
  async set(loadBalancerArn: string, name: string, units: number | undefined): Promise<CapacityReservation> {
    const what = units === undefined ? 'reset the capacity reservation of' : `reserve ${units} capacity units on`;
    return awsStep(`${what} load balancer "${name}"`, async () =>
      toReservation(
        await this.client.send(
          new ModifyCapacityReservationCommand({
            LoadBalancerArn: loadBalancerArn,
            ...(units === undefined
              ? { ResetCapacityReservation: true }
              : { MinimumLoadBalancerCapacity: { CapacityUnits: units } }),
          }),
        ),
      ),
    );
  }
}
