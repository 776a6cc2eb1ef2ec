import fc from 'fast-check';
import { quote } from '../../../src/core/echo';
import * as rules from '../../../src/core/rules/targets';
import {
  MAX_TARGETS_PER_CALL,
  type ParseTargetOptions,
  type TargetGroupShape,
  targetBatches,
  targetLabel,
  toTarget,
  type TargetSpec,
} from '../../../src/core/rules/targets';

// The rulebook returns problems (code, message, path); these tests read their messages.
const parseTargetSpec = (raw: string, o: ParseTargetOptions): TargetSpec | string => {
  const r = rules.parseTargetSpec(raw, o);
  return 'kind' in r ? r : r.message;
};
const parseTargetSpecs = (raws: readonly string[], o: ParseTargetOptions) => {
  const r = rules.parseTargetSpecs(raws, o);
  return r.ok ? r : { ok: false as const, problems: r.problems.map((p) => p.message) };
};
const targetsFitGroup = (specs: readonly TargetSpec[], g: TargetGroupShape): string[] =>
  rules.targetsFitGroup(specs, g).map((p) => p.message);

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:handler';
const ALB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
const NLB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/50dc6c495c0c9188';
const register = { allowZone: true };

describe('parseTargetSpec', () => {
  it.each<[string, Omit<TargetSpec, 'raw'>]>([
    ['i-0abc1234', { kind: 'instance', id: 'i-0abc1234' }],
    ['i-0123456789abcdef0', { kind: 'instance', id: 'i-0123456789abcdef0' }],
    ['i-0123456789abcdef0:8080', { kind: 'instance', id: 'i-0123456789abcdef0', port: 8080 }],
    ['10.0.1.5', { kind: 'ip', id: '10.0.1.5' }],
    ['10.0.1.5:80', { kind: 'ip', id: '10.0.1.5', port: 80 }],
    ['10.0.1.5:65535@us-east-1a', { kind: 'ip', id: '10.0.1.5', port: 65535, availabilityZone: 'us-east-1a' }],
    ['203.0.113.9@all', { kind: 'ip', id: '203.0.113.9', availabilityZone: 'all' }],
    ['10.0.1.5@us-west-2-lax-1a', { kind: 'ip', id: '10.0.1.5', availabilityZone: 'us-west-2-lax-1a' }],
    ['2001:db8::1', { kind: 'ip', id: '2001:db8::1' }],
    ['[2001:db8::1]', { kind: 'ip', id: '2001:db8::1' }],
    ['[2001:db8::1]:80', { kind: 'ip', id: '2001:db8::1', port: 80 }],
    ['[2001:db8::1]:443@eu-west-1b', { kind: 'ip', id: '2001:db8::1', port: 443, availabilityZone: 'eu-west-1b' }],
    [LAMBDA, { kind: 'lambda', id: LAMBDA }],
    [`${LAMBDA}:live`, { kind: 'lambda', id: `${LAMBDA}:live` }],
    [ALB, { kind: 'alb', id: ALB }],
    [`${ALB}:80`, { kind: 'alb', id: ALB, port: 80 }],
  ])('GIVEN %s WHEN parsed THEN it is %j', (raw, expected) => {
    expect(parseTargetSpec(raw, register)).toEqual({ raw, ...expected });
  });

  it.each<[string, string]>([
    [
      '',
      'target "": empty; write an ID such as i-0123456789abcdef0, 10.0.1.5:8080, [2001:db8::1]:80 or arn:aws:lambda:REGION:ACCOUNT:function:NAME',
    ],
    [
      'i-123',
      'target "i-123": "i-123" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0',
    ],
    [
      'i-0ABC1234',
      'target "i-0ABC1234": "i-0ABC1234" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0',
    ],
    [
      'i-0abc1234@us-east-1a',
      'target "i-0abc1234@us-east-1a": an instance target takes no zone (AWS uses the instance\'s own); drop "@us-east-1a"',
    ],
    ['10.0.1.5:0', 'target "10.0.1.5:0": port "0" must be a whole number from 1 to 65535'],
    ['10.0.1.5:65536', 'target "10.0.1.5:65536": port "65536" must be a whole number from 1 to 65535'],
    ['10.0.1.5:80abc', 'target "10.0.1.5:80abc": port "80abc" must be a whole number from 1 to 65535'],
    ['10.0.1.5:', 'target "10.0.1.5:": the port after ":" is missing; write e.g. 10.0.1.5:80'],
    [
      '10.0.1.256',
      'target "10.0.1.256": "10.0.1.256" is not an IPv4 address (each part is 0-255); correct the address',
    ],
    ['10.0.1.5@', 'target "10.0.1.5@": the zone after "@" is missing; write e.g. @us-east-1a, or drop the "@"'],
    [
      '10.0.1.5@us-east-1',
      'target "10.0.1.5@us-east-1": "us-east-1" is a region, not a zone; name a zone such as us-east-1a, or all',
    ],
    [
      '10.0.1.5@moon',
      'target "10.0.1.5@moon": zone "moon" is not an availability zone name; use e.g. us-east-1a, or all',
    ],
    [
      '[10.0.1.5]:80',
      'target "[10.0.1.5]:80": "10.0.1.5" is not an IPv6 address; brackets are only for IPv6, e.g. [2001:db8::1]:80',
    ],
    [
      '[2001:db8::1:80',
      'target "[2001:db8::1:80": the "[" is not closed; write an IPv6 address with a port as [2001:db8::1]:80',
    ],
    ['[2001:db8::1]80', 'target "[2001:db8::1]80": write the port after the brackets as [2001:db8::1]:PORT'],
    [
      'web-1',
      'target "web-1": not an instance ID, IP address, lambda function ARN or application load balancer ARN; use e.g. i-0123456789abcdef0, 10.0.1.5:8080, [2001:db8::1]:80 or arn:aws:lambda:REGION:ACCOUNT:function:NAME',
    ],
    [
      '10.0.1.5:80:90',
      'target "10.0.1.5:80:90": not a target; write ID[:PORT][@ZONE], e.g. i-0123456789abcdef0, 10.0.1.5:8080, [2001:db8::1]:80 or arn:aws:lambda:REGION:ACCOUNT:function:NAME',
    ],
    [
      `${LAMBDA}@us-east-1a`,
      `target ${quote(`${LAMBDA}@us-east-1a`)}: a lambda function takes no zone; drop "@us-east-1a"`,
    ],
    [
      'arn:aws:lambda:us-east-1:123456789012:layer:x',
      'target "arn:aws:lambda:us-east-1:123456789012:layer:x": not a lambda function ARN; write arn:aws:lambda:REGION:ACCOUNT:function:NAME (no port, no zone)',
    ],
    [
      `${ALB}@us-east-1a`,
      `target ${quote(`${ALB}@us-east-1a`)}: an application load balancer target takes no zone; drop "@us-east-1a"`,
    ],
    [`${ALB}:0`, `target ${quote(`${ALB}:0`)}: port "0" must be a whole number from 1 to 65535`],
    [
      NLB,
      `target ${quote(NLB)}: only an application load balancer can be a target; register an ALB ARN (…:loadbalancer/app/NAME/ID)`,
    ],
    [
      'arn:aws:s3:::bucket',
      'target "arn:aws:s3:::bucket": not a lambda function ARN or an application load balancer ARN; use e.g. i-0123456789abcdef0, 10.0.1.5:8080, [2001:db8::1]:80 or arn:aws:lambda:REGION:ACCOUNT:function:NAME',
    ],
  ])('GIVEN the bad spec %j WHEN parsed THEN says exactly what is wrong', (raw, message) => {
    expect(parseTargetSpec(raw, register)).toBe(message);
  });

  it('GIVEN a zone WHEN parsed for deregister THEN it is refused with the fix', () => {
    expect(parseTargetSpec('10.0.1.5:80@us-east-1a', { allowZone: false })).toBe(
      'target "10.0.1.5:80@us-east-1a": deregister takes ID[:PORT]; drop "@us-east-1a"',
    );
  });

  it('GIVEN any port 1-65535 WHEN written after an IPv4 address THEN it is parsed back exactly', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), (ip, port) => {
        expect(parseTargetSpec(`${ip}:${port}`, register)).toEqual({ raw: `${ip}:${port}`, kind: 'ip', id: ip, port });
      }),
    );
  });

  it('GIVEN any integer outside 1-65535 WHEN used as a port THEN the spec is refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 })), (port) => {
        expect(typeof parseTargetSpec(`10.0.0.1:${port}`, register)).toBe('string');
      }),
    );
  });
});

describe('parseTargetSpecs', () => {
  it('GIVEN good and bad specs WHEN parsed together THEN every bad one is reported', () => {
    const r = parseTargetSpecs(['10.0.1.5', 'i-1', '10.0.1.5:0'], register);
    expect(r).toEqual({
      ok: false,
      problems: [
        'target "i-1": "i-1" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0',
        'target "10.0.1.5:0": port "0" must be a whole number from 1 to 65535',
      ],
    });
  });

  it('GIVEN the same target twice WHEN parsed THEN the duplicate is refused', () => {
    expect(parseTargetSpecs(['10.0.1.5:80', '10.0.1.5:80@us-east-1a'], register)).toEqual({
      ok: false,
      problems: ['target "10.0.1.5:80@us-east-1a": listed twice; list each target once'],
    });
  });

  it('GIVEN the same address on two ports WHEN parsed THEN both are kept', () => {
    const r = parseTargetSpecs(['10.0.1.5:80', '10.0.1.5:81'], register);
    expect(r.ok && r.value.map(toTarget)).toEqual([
      { id: '10.0.1.5', port: 80 },
      { id: '10.0.1.5', port: 81 },
    ]);
  });

  it('GIVEN no specs WHEN parsed THEN asks for one', () => {
    expect(parseTargetSpecs([], register)).toEqual({
      ok: false,
      problems: [
        'targets: none given; name at least one, e.g. i-0123456789abcdef0, 10.0.1.5:8080, [2001:db8::1]:80 or arn:aws:lambda:REGION:ACCOUNT:function:NAME',
      ],
    });
  });
});

describe('targetsFitGroup', () => {
  const specs = (...raws: string[]) => {
    const r = parseTargetSpecs(raws, register);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    return r.value;
  };

  it.each<[string, string[], string]>([
    [
      'instance',
      ['10.0.1.5'],
      'target "10.0.1.5": is an IP address, but target group "api" (target type instance) takes instance IDs such as i-0123456789abcdef0; register matching targets or use a target group of type ip',
    ],
    [
      'ip',
      ['i-0abc1234'],
      'target "i-0abc1234": is an instance, but target group "api" (target type ip) takes IP addresses such as 10.0.1.5; register matching targets or use a target group of type instance',
    ],
    [
      'lambda',
      ['10.0.1.5'],
      'target "10.0.1.5": is an IP address, but target group "api" (target type lambda) takes one lambda function ARN; register matching targets or use a target group of type ip',
    ],
    [
      'alb',
      [LAMBDA],
      `target "${LAMBDA}": is a lambda function, but target group "api" (target type alb) takes an application load balancer ARN; register matching targets or use a target group of type lambda`,
    ],
    [
      'lambda',
      [LAMBDA, `${LAMBDA}:live`],
      'targets: 2 lambda functions given, but a lambda target group takes exactly one; register one function',
    ],
    [
      'alb',
      [ALB, ALB.replace('/web/', '/web2/')],
      'targets: 2 load balancers given, but an alb target group takes exactly one; register one application load balancer',
    ],
    [
      'instance',
      ['i-0abc1234', 'i-0abc1234:80'],
      'target "i-0abc1234:80": the same target as "i-0abc1234" (target group "api" uses port 80 by default); list each target once',
    ],
  ])('GIVEN a %s target group and %j WHEN checked THEN refuses with the fix', (targetType, raws, message) => {
    expect(targetsFitGroup(specs(...raws), { name: 'api', targetType: targetType as never, port: 80 })).toEqual([
      message,
    ]);
  });

  it.each<[string, string[]]>([
    ['instance', ['i-0abc1234', 'i-0abc1234:8080']],
    ['ip', ['10.0.1.5', '203.0.113.9@all']],
    ['lambda', [LAMBDA]],
    ['alb', [`${ALB}:80`]],
  ])('GIVEN a %s target group and matching targets %j WHEN checked THEN there is no problem', (targetType, raws) => {
    expect(targetsFitGroup(specs(...raws), { name: 'api', targetType: targetType as never, port: 80 })).toEqual([]);
  });
});

describe('targetBatches and targetLabel', () => {
  it('GIVEN 2001 targets WHEN batched THEN calls carry 1000, 1000 and 1', () => {
    const batches = targetBatches(Array.from({ length: 2001 }, (_, i) => i));
    expect(MAX_TARGETS_PER_CALL).toBe(1000);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 1]);
    expect(batches.flat()).toEqual(Array.from({ length: 2001 }, (_, i) => i));
  });

  it.each([
    [{ id: 'i-0abc1234', port: 80 }, 'i-0abc1234:80'],
    [{ id: '2001:db8::1', port: 80 }, '[2001:db8::1]:80'],
    [{ id: LAMBDA, port: null }, LAMBDA],
  ])('GIVEN %j WHEN labelled THEN reads %s', (t, label) => {
    expect(targetLabel(t)).toBe(label);
  });
});
