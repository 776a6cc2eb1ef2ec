import {
  albCrossZoneRefusal,
  canToggleLoadBalancerCrossZone,
  crossZoneChargeWarning,
  crossZoneStateOf,
  lambdaCrossZoneRefusal,
  loadBalancerCrossZoneValue,
  parseLoadBalancerCrossZone,
  parseTargetGroupCrossZone,
  targetGroupCrossZoneValue,
  targetGroupLoadBalancerType,
  type TargetGroupUse,
} from '../../src/core/cross-zone';

const ALB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
const NLB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/0123456789abcdef';
const GWLB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/gwy/inspect/0123456789abcdef';

describe('load balancer cross-zone state', () => {
  it.each([
    ['on', 'on', 'true'],
    ['off', 'off', 'false'],
  ] as const)('GIVEN "%s" WHEN parsed THEN is %s and sends %s', (raw, state, value) => {
    const parsed = parseLoadBalancerCrossZone(raw);
    expect(parsed).toBe(state);
    expect(loadBalancerCrossZoneValue(state)).toBe(value);
  });

  it.each([
    ['ON', 'on'],
    ['Off', 'off'],
  ])('GIVEN "%s" in another case WHEN parsed THEN it is %s (enum words are accepted in any case)', (raw, state) => {
    expect(parseLoadBalancerCrossZone(raw)).toBe(state);
    expect(parseTargetGroupCrossZone(raw)).toBe(state);
  });

  it.each(['inherit', 'true', 'yes', ''])('GIVEN "%s" WHEN parsed THEN is a problem naming it', (raw) => {
    expect(parseLoadBalancerCrossZone(raw)).toEqual({ problem: `cross-zone state "${raw}": unknown; use on or off` });
  });
});

describe('target group cross-zone state', () => {
  it.each([
    ['on', 'true'],
    ['off', 'false'],
    ['inherit', 'use_load_balancer_configuration'],
  ] as const)('GIVEN "%s" WHEN parsed THEN sends %s, and that value reads back as the same word', (raw, value) => {
    const parsed = parseTargetGroupCrossZone(raw);
    expect(parsed).toBe(raw);
    expect(targetGroupCrossZoneValue(raw)).toBe(value);
    expect(crossZoneStateOf(value)).toBe(raw);
  });

  it.each(['default', 'use_load_balancer_configuration'])(
    'GIVEN "%s" WHEN parsed THEN is a problem naming it',
    (raw) => {
      expect(parseTargetGroupCrossZone(raw)).toEqual({
        problem: `cross-zone state "${raw}": unknown; use on, off or inherit (inherit follows the load balancer's setting)`,
      });
    },
  );

  it('GIVEN a value AWS never sends WHEN read THEN is undefined', () => {
    expect(crossZoneStateOf('maybe')).toBeUndefined();
    expect(crossZoneStateOf(undefined)).toBeUndefined();
  });
});

describe('which load balancers can toggle cross-zone, and what elbctl says', () => {
  it.each([
    ['application', false],
    ['network', true],
    ['gateway', true],
  ] as const)('GIVEN a %s load balancer WHEN asked THEN toggling is %s', (type, can) => {
    expect(canToggleLoadBalancerCrossZone(type)).toBe(can);
  });

  it('GIVEN an ALB WHEN refused THEN explains it is always on and where to turn it off', () => {
    expect(albCrossZoneRefusal('web')).toBe(
      'load balancer "web": cross-zone load balancing is always on for an application load balancer and cannot be changed on the load balancer; turn it off per target group with `elbctl tg cross-zone TG off`',
    );
  });

  it.each([
    ['application', undefined],
    [
      'network',
      'inter-AZ data transfer is charged for cross-zone traffic on network load balancers: every request sent to a target in another availability zone is billed',
    ],
    [
      'gateway',
      'inter-AZ data transfer is charged for cross-zone traffic on gateway load balancers: every request sent to a target in another availability zone is billed',
    ],
  ] as const)('GIVEN a %s load balancer WHEN cross-zone turns on THEN the charge warning is %j', (type, warning) => {
    expect(crossZoneChargeWarning(type)).toBe(warning);
  });

  it('GIVEN a lambda target group WHEN refused THEN says cross-zone does not apply', () => {
    expect(lambdaCrossZoneRefusal('fn')).toBe(
      'target group "fn": cross-zone load balancing does not apply to lambda target groups; nothing to change',
    );
  });
});

describe('targetGroupLoadBalancerType', () => {
  it.each<[string, TargetGroupUse, string | undefined]>([
    ['used by an ALB', { protocol: 'HTTP', targetType: 'instance', loadBalancers: [ALB_ARN] }, 'application'],
    ['used by an NLB (alb-type targets)', { protocol: 'TCP', targetType: 'alb', loadBalancers: [NLB_ARN] }, 'network'],
    ['used by a GWLB', { protocol: 'GENEVE', targetType: 'ip', loadBalancers: [GWLB_ARN] }, 'gateway'],
    ['unused HTTPS', { protocol: 'HTTPS', targetType: 'ip', loadBalancers: [] }, 'application'],
    ['unused TCP', { protocol: 'TCP', targetType: 'instance', loadBalancers: [] }, 'network'],
    ['unused UDP', { protocol: 'UDP', targetType: 'ip', loadBalancers: [] }, 'network'],
    ['unused GENEVE', { protocol: 'GENEVE', targetType: 'instance', loadBalancers: [] }, 'gateway'],
    ['unused lambda', { targetType: 'lambda', loadBalancers: [] }, 'application'],
    ['no protocol and not lambda', { targetType: 'instance', loadBalancers: [] }, undefined],
  ])('GIVEN a target group %s WHEN classified THEN serves %s', (_label, tg, type) => {
    expect(targetGroupLoadBalancerType(tg)).toBe(type);
  });
});
