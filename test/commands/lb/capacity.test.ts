/**
 * `elbctl lb capacity`: LCU reservations. moto 5.2.1 has no Describe/ModifyCapacityReservation,
 * so these tests use aws-sdk-client-mock: the exact ModifyCapacityReservation parameters, and
 * that every refusal AWS documents is judged before any write.
 */
import {
  DescribeCapacityReservationCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  ModifyCapacityReservationCommand,
  type LoadBalancer as SdkLoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const ALB_ARN = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const NLB_ARN = `${ACCOUNT}:loadbalancer/net/edge/0123456789abcdef`;

const sdkLb = (name: string, type: 'application' | 'network', arn: string): SdkLoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: arn,
  Type: type,
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  DNSName: `${name}-1.us-east-1.elb.amazonaws.com`,
  VpcId: 'vpc-0abc1234',
  AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' }],
});

const LAST_MODIFIED = new Date('2026-12-01T10:00:00Z');

const reservation = (reserved: number | undefined, state = 'provisioned', decreasesLeft = 2) => ({
  ...(reserved === undefined ? {} : { MinimumLoadBalancerCapacity: { CapacityUnits: reserved } }),
  DecreaseRequestsRemaining: decreasesLeft,
  LastModifiedTime: LAST_MODIFIED,
  CapacityReservationState:
    reserved === undefined
      ? []
      : [
          { AvailabilityZone: 'us-east-1b', State: { Code: state as never }, EffectiveCapacityUnits: reserved / 2 },
          { AvailabilityZone: 'us-east-1a', State: { Code: state as never }, EffectiveCapacityUnits: reserved / 2 },
        ],
});

beforeEach(() => {
  elbv2.reset();
  elbv2
    .on(DescribeLoadBalancersCommand, { Names: ['web'] })
    .resolves({ LoadBalancers: [sdkLb('web', 'application', ALB_ARN)] });
  elbv2
    .on(DescribeLoadBalancersCommand, { Names: ['edge'] })
    .resolves({ LoadBalancers: [sdkLb('edge', 'network', NLB_ARN)] });
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [] });
});

const writes = () => elbv2.commandCalls(ModifyCapacityReservationCommand);

describe('lb capacity (show)', () => {
  it('GIVEN a reservation of 200 LCU WHEN shown as JSON THEN it prints the reservation with zones sorted and makes no write', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(200));
    const r = await elbctl(['lb', 'capacity', 'web']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      loadBalancer: 'web',
      arn: ALB_ARN,
      reservedCapacityUnits: 200,
      decreaseRequestsRemaining: 2,
      lastModified: '2026-12-01T10:00:00.000Z',
      zones: [
        { zone: 'us-east-1a', state: 'provisioned', effectiveCapacityUnits: 100 },
        { zone: 'us-east-1b', state: 'provisioned', effectiveCapacityUnits: 100 },
      ],
    });
    expect(elbv2).toHaveReceivedCommandWith(DescribeCapacityReservationCommand, { LoadBalancerArn: ALB_ARN });
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN no reservation WHEN shown as a table THEN it says none', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(undefined));
    const r = await elbctl(['lb', 'capacity', 'web', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reserved\s+none/);
    expect(r.stdout).toMatch(/decreases left today\s+2/);
  });
});

describe('lb capacity --reserve / --reset', () => {
  it('GIVEN no reservation WHEN --reserve 200 -y THEN it sends exactly MinimumLoadBalancerCapacity 200, warns of the hourly charge, and prints the result', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(undefined));
    elbv2.on(ModifyCapacityReservationCommand).resolves(reservation(200, 'pending'));
    const r = await elbctl(['lb', 'capacity', 'web', '--reserve', '200', '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toHaveLength(1);
    expect(writes()[0]?.args[0].input).toEqual({
      LoadBalancerArn: ALB_ARN,
      MinimumLoadBalancerCapacity: { CapacityUnits: 200 },
    });
    expect(r.stderr).toContain('warning: reserved capacity is billed by the hour until the reservation is reset');
    expect(r.stderr).toContain('reserved capacity: none → 200 LCU');
    expect(r.json<{ reservedCapacityUnits: number; zones: { state: string }[] }>()).toMatchObject({
      reservedCapacityUnits: 200,
      zones: [{ state: 'pending' }, { state: 'pending' }],
    });
  });

  it('GIVEN 200 reserved WHEN --reset -y THEN it sends exactly ResetCapacityReservation and notes the daily decrease', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(200, 'provisioned', 2));
    elbv2.on(ModifyCapacityReservationCommand).resolves(reservation(undefined, 'provisioned', 1));
    const r = await elbctl(['lb', 'capacity', 'web', '--reset', '-y']);
    expect(r.code).toBe(0);
    expect(writes()[0]?.args[0].input).toEqual({ LoadBalancerArn: ALB_ARN, ResetCapacityReservation: true });
    expect(r.stderr).toContain('reserved capacity: 200 LCU → none');
    expect(r.stderr).toContain('lowers the reservation: AWS allows 2 more decrease(s) today');
    expect(r.stderr).not.toContain('billed by the hour');
  });

  it('GIVEN 200 reserved WHEN --reserve 200 THEN nothing changes and nothing is written', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(200));
    const r = await elbctl(['lb', 'capacity', 'web', '--reserve', '200', '-y']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('already as asked; nothing to change');
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN --dry-run --detailed-exitcode WHEN a change would be made THEN exit 2 and no write', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(100));
    const r = await elbctl(['lb', 'capacity', 'web', '--reserve', '300', '--dry-run', '--detailed-exitcode']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('reserved capacity: 100 LCU → 300 LCU');
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN no terminal and no -y WHEN --reserve THEN it refuses with 64 and writes nothing', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(undefined));
    const r = await elbctl(['lb', 'capacity', 'web', '--reserve', '100']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('pass -y to approve');
    expect(writes()).toHaveLength(0);
  });
});

describe('lb capacity refusals (nothing written)', () => {
  it.each([
    [['--reserve', '0'], '--reserve "0": must be a whole number from 1 to 2147483647'],
    [['--reserve', '12.5'], '--reserve "12.5": must be a whole number from 1 to 2147483647'],
    [['--reserve', '100', '--reset'], '--reserve and --reset: choose one'],
    [['--dry-run'], '--dry-run: only with --reserve or --reset'],
    [['--reset', '--detailed-exitcode'], '--detailed-exitcode: only with --dry-run'],
  ])('GIVEN flags %j WHEN run THEN exit 64 with the reason and no AWS call at all', async (flags, message) => {
    const r = await elbctl(['lb', 'capacity', 'web', ...flags]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a network load balancer with a TLS listener WHEN --reserve THEN exit 64 naming the listener, before reading the reservation', async () => {
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        { ListenerArn: `${ACCOUNT}:listener/net/edge/1/a`, LoadBalancerArn: NLB_ARN, Port: 443, Protocol: 'TLS' },
        { ListenerArn: `${ACCOUNT}:listener/net/edge/1/b`, LoadBalancerArn: NLB_ARN, Port: 80, Protocol: 'TCP' },
      ],
    });
    const r = await elbctl(['lb', 'capacity', 'edge', '--reserve', '100', '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'load balancer "edge": AWS does not take an LCU reservation on a network load balancer with TLS listeners (edge:443)',
    );
    expect(elbv2).not.toHaveReceivedCommand(DescribeCapacityReservationCommand);
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN a network load balancer with TCP listeners only WHEN --reserve THEN it is written', async () => {
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        { ListenerArn: `${ACCOUNT}:listener/net/edge/1/b`, LoadBalancerArn: NLB_ARN, Port: 80, Protocol: 'TCP' },
      ],
    });
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(undefined));
    elbv2.on(ModifyCapacityReservationCommand).resolves(reservation(50, 'pending'));
    const r = await elbctl(['lb', 'capacity', 'edge', '--reserve', '50', '-y']);
    expect(r.code).toBe(0);
    expect(writes()[0]?.args[0].input).toEqual({
      LoadBalancerArn: NLB_ARN,
      MinimumLoadBalancerCapacity: { CapacityUnits: 50 },
    });
  });

  it('GIVEN a change still pending WHEN --reserve another THEN exit 1 naming the pending zones, nothing written', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(200, 'pending'));
    const r = await elbctl(['lb', 'capacity', 'web', '--reserve', '400', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'load balancer "web": the previous capacity reservation change is still pending in us-east-1a, us-east-1b',
    );
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN no decreases left today WHEN lowering THEN exit 1 and nothing written; WHEN raising THEN it is written', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(200, 'provisioned', 0));
    const lower = await elbctl(['lb', 'capacity', 'web', '--reserve', '100', '-y']);
    expect(lower.code).toBe(1);
    expect(lower.stderr).toContain(
      'load balancer "web": no capacity decreases left today (AWS allows two a day); the reservation stays at 200 LCU',
    );
    expect(writes()).toHaveLength(0);

    elbv2.on(ModifyCapacityReservationCommand).resolves(reservation(300, 'pending', 0));
    const raise = await elbctl(['lb', 'capacity', 'web', '--reserve', '300', '-y']);
    expect(raise.code).toBe(0);
    expect(writes()).toHaveLength(1);
  });

  it('GIVEN AWS refuses with CapacityUnitsLimitExceeded WHEN --reserve THEN exit 1 as a quota, with the Service Quotas hint', async () => {
    elbv2.on(DescribeCapacityReservationCommand).resolves(reservation(undefined));
    elbv2.on(ModifyCapacityReservationCommand).rejects(
      Object.assign(new Error('You have exceeded the capacity units limit.'), {
        name: 'CapacityUnitsLimitExceededException',
      }),
    );
    const r = await elbctl(['lb', 'capacity', 'web', '--reserve', '90000', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('reserve 90000 capacity units on load balancer "web": an AWS quota was reached');
    expect(r.stderr).toContain('Service Quotas');
  });
});
