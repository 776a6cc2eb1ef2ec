import {
  accessLogProblem,
  classicAttributeChange,
  classicAttributeMap,
  parseClassicSettings,
} from '../../../src/core/classic/attributes';
import { classicHealthHint } from '../../../src/core/classic/health-hints';
import { toTargetHealth } from '../../../src/core/classic/doctor-facts';
import type { ClassicAttributes, ClassicLoadBalancer } from '../../../src/core/classic/model';
import { type NewLoadBalancerSide, parity } from '../../../src/core/classic/parity';
import { translate } from '../../../src/core/classic/translate';

const attributes: ClassicAttributes = {
  crossZone: false,
  draining: { enabled: true, timeoutSeconds: 300 },
  idleTimeoutSeconds: 60,
  accessLog: { enabled: false },
};
const clb: ClassicLoadBalancer = {
  name: 'web',
  dnsName: 'web-1.elb.amazonaws.com',
  scheme: 'internet-facing',
  vpcId: 'vpc-0123456789abcdef0',
  subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  availabilityZones: [],
  securityGroups: [],
  listeners: [{ protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 8080, policyNames: [] }],
  healthCheck: { target: 'HTTP:8080/healthz', interval: 30, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 2 },
  instances: ['i-0aaa', 'i-0bbb'],
  backends: [],
  policies: [],
  attributes,
  tags: {},
};

describe('parity', () => {
  const t = (() => {
    const r = translate(clb, {});
    if (!r.ok) throw new Error('translation failed');
    return r.translation;
  })();
  const liveCheck = {
    enabled: true,
    protocol: 'HTTP',
    port: '8080',
    path: '/healthz',
    intervalSeconds: 30,
    timeoutSeconds: 5,
    healthyThreshold: 3,
    unhealthyThreshold: 2,
  };
  const side = (states: string[], hc = liveCheck): NewLoadBalancerSide => ({
    listeners: [{ port: 80, protocol: 'HTTP', forwardsTo: ['web-http-8080'] }],
    targetGroups: [
      {
        name: 'web-http-8080',
        healthCheck: hc,
        targets: states.map((state, i) => ({ id: clb.instances[i] as string, state })),
      },
    ],
  });

  it('GIVEN the new load balancer as translated and every target healthy THEN every row is ok, side by side', () => {
    expect(parity(clb, t, side(['healthy', 'healthy']))).toEqual({
      ok: true,
      rows: [
        { check: 'listener 80', classic: 'HTTP:80 → HTTP:8080', new: 'HTTP:80 → web-http-8080', ok: true },
        {
          check: 'health check web-http-8080',
          classic: 'HTTP:8080/healthz every 30s, timeout 5s, 3/2',
          new: 'HTTP:8080/healthz every 30s, timeout 5s, 3/2',
          ok: true,
        },
        { check: 'targets web-http-8080', classic: '2 instances', new: '2/2 healthy', ok: true },
      ],
    });
  });
  it('GIVEN a target still initial THEN the targets row fails, naming it', () => {
    const p = parity(clb, t, side(['healthy', 'initial']));
    expect(p.ok).toBe(false);
    expect(p.rows[2]).toEqual({
      check: 'targets web-http-8080',
      classic: '2 instances',
      new: '1/2 healthy (i-0bbb initial)',
      ok: false,
    });
  });
  it('GIVEN a health check changed on the new side THEN its row fails', () => {
    expect(parity(clb, t, side(['healthy', 'healthy'], { ...liveCheck, path: '/' })).rows[1]?.ok).toBe(false);
  });
  it('GIVEN a missing listener THEN its row fails', () => {
    const s = side(['healthy', 'healthy']);
    s.listeners = [];
    expect(parity(clb, t, s).rows[0]).toEqual({
      check: 'listener 80',
      classic: 'HTTP:80 → HTTP:8080',
      new: 'missing',
      ok: false,
    });
  });
});

describe('Classic attributes', () => {
  it('GIVEN the attributes THEN flat keys in ELBv2 spelling', () => {
    expect(classicAttributeMap(attributes)).toEqual({
      'access_logs.emit_interval_minutes': '60',
      'access_logs.enabled': 'false',
      'access_logs.s3.bucket': '',
      'access_logs.s3.prefix': '',
      'connection_draining.enabled': 'true',
      'connection_draining.timeout_seconds': '300',
      'cross_zone.enabled': 'false',
      'idle_timeout.timeout_seconds': '60',
    });
  });
  it('GIVEN good settings THEN the wanted values; the draining block carries its live flag', () => {
    const { wanted, problems } = parseClassicSettings([
      'cross_zone.enabled=true',
      'connection_draining.timeout_seconds=30',
    ]);
    expect(problems).toEqual([]);
    expect(classicAttributeChange(attributes, wanted)).toEqual({
      crossZone: true,
      draining: { enabled: true, timeoutSeconds: 30 },
    });
  });
  it.each([
    ['cross_zone=true', 'attribute "cross_zone": not a Classic load balancer attribute; use one of'],
    ['cross_zone.enabled=yes', 'attribute "cross_zone.enabled=yes": must be true or false'],
    [
      'idle_timeout.timeout_seconds=4001',
      'attribute "idle_timeout.timeout_seconds=4001": must be a whole number from 1 to 4000',
    ],
    [
      'access_logs.emit_interval_minutes=10',
      'attribute "access_logs.emit_interval_minutes=10": must be 5 or 60 (minutes)',
    ],
    ['access_logs.s3.bucket=Bad_Bucket', 'attribute "access_logs.s3.bucket=Bad_Bucket": must be an S3 bucket name'],
  ])('GIVEN --set %s THEN refused: %s', (raw, message) => {
    const { problems } = parseClassicSettings([raw]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining(message)]);
  });
  it('GIVEN access logs on without a bucket THEN refused; with one THEN fine', () => {
    expect(accessLogProblem(attributes, { 'access_logs.enabled': 'true' })?.message).toBe(
      'attribute "access_logs.enabled=true": needs a bucket; add --set access_logs.s3.bucket=BUCKET',
    );
    expect(
      accessLogProblem(attributes, { 'access_logs.enabled': 'true', 'access_logs.s3.bucket': 'logs' }),
    ).toBeUndefined();
  });
});

describe('Classic instance health', () => {
  it.each([
    [{ instanceId: 'i-1', state: 'InService' }, 'receiving traffic', 'healthy', undefined],
    [
      {
        instanceId: 'i-1',
        state: 'OutOfService',
        reasonCode: 'Instance',
        description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
      },
      'failing health checks: check that the instance security group allows the load balancer on the health-check port and that the app answers there',
      'unhealthy',
      'Target.FailedHealthChecks',
    ],
    [
      {
        instanceId: 'i-1',
        state: 'OutOfService',
        reasonCode: 'ELB',
        description: 'Instance registration is still in progress.',
      },
      'the instance is being registered; wait a few seconds and check again',
      'initial',
      'Elb.RegistrationInProgress',
    ],
    [
      {
        instanceId: 'i-1',
        state: 'OutOfService',
        reasonCode: 'Instance',
        description: 'Instance is in stopped state.',
      },
      'the instance is stopped or terminated; start it, or deregister it',
      'unused',
      'Target.InvalidState',
    ],
  ])('GIVEN %j THEN the hint and doctor’s state and reason', (h, hint, state, reason) => {
    expect(classicHealthHint(h)).toBe(hint);
    expect(toTargetHealth(h)).toMatchObject({ state, ...(reason ? { reason } : {}) });
  });
});
