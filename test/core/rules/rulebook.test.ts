/**
 * The rulebook's shared pieces: addresses through node:net, the one echo function, the one tag
 * rule, placement against the account, quotas as warnings. Each returns problems with a stable
 * code; the faces (flags, stack files, the wizard) print them.
 */
import { isIP } from 'node:net';
import fc from 'fast-check';
import { ECHO_LIMIT, escapeControl, quote } from '../../../src/core/echo';
import { addressIn, cidrCovers, cidrProblem, ipFamily, isIpv4, isIpv6 } from '../../../src/core/rules/addresses';
import {
  loadBalancerProblems,
  securityGroupPlacementProblems,
  subnetPlacementProblems,
} from '../../../src/core/rules/load-balancer';
import { quotaWarning } from '../../../src/core/rules/quotas';
import { parseTagFlags, tagProblems } from '../../../src/core/rules/tags';
import { canonical, enumValue } from '../../../src/core/rules/values';

const codes = (ps: ReadonlyArray<{ code: string }>) => ps.map((p) => p.code);
const messages = (ps: ReadonlyArray<{ message: string }>) => ps.map((p) => p.message);

describe('addresses (node:net)', () => {
  it.each(['2001:db8:::/32', ':1::2/64', '1::2:/64', '10.0.0/8', '10.0.0.256/32', '::ffff:10.0.0.1/129'])(
    'GIVEN the malformed block %s WHEN judged THEN it is refused',
    (cidr) => {
      expect(cidrProblem(cidr, 'source IP')?.code).toBe('E_FORMAT');
    },
  );

  it.each(['2001:db8::/32', '::ffff:10.0.0.1/128', '::/0', '10.0.0.0/8', '0.0.0.0/0'])(
    'GIVEN the block %s WHEN judged THEN it is accepted',
    (cidr) => {
      expect(cidrProblem(cidr)).toBeUndefined();
    },
  );

  it('GIVEN addresses WHEN their family is asked THEN node:net decides, IPv4-mapped IPv6 included', () => {
    expect(['10.0.0.1', '::ffff:10.0.0.1', '2001:db8::1', '2001:db8:::1', '10.0.0'].map(ipFamily)).toEqual([
      'ipv4',
      'ipv6',
      'ipv6',
      undefined,
      undefined,
    ]);
  });

  it('GIVEN any text, addresses of both families among it WHEN its family is asked THEN the answer is node:net isIP (only asked about IPv6 when the text could be one)', () => {
    const family = (v: number) => (v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : undefined);
    const text = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV4Extended(),
      fc.string(),
      fc.stringMatching(/^[0-9a-fA-F:.%]{0,45}$/),
      fc.tuple(fc.ipV6(), fc.stringMatching(/^%[0-9a-zA-Z.:%-]{0,8}$/)).map(([a, zone]) => a + zone),
      fc.tuple(fc.ipV6(), fc.string({ maxLength: 3 })).map(([a, tail]) => a + tail),
      fc.constantFrom(
        'i-0123456789abcdef0',
        'i-0123456789abcdef0:8080',
        'fe80::1%eth0',
        '::',
        '::ffff:10.0.0.1',
        '10.0.0.1:80',
      ),
    );
    fc.assert(
      fc.property(text, (value) => {
        expect([ipFamily(value), isIpv4(value), isIpv6(value)]).toEqual([
          family(isIP(value)),
          isIP(value) === 4,
          isIP(value) === 6,
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN blocks WHEN containment is asked THEN both families are answered', () => {
    expect(addressIn('2001:db8::5', ['2001:db8::/64'])).toBe(true);
    expect(addressIn('10.0.3.4', ['10.0.0.0/16', '2001:db8::/64'])).toBe(true);
    expect(addressIn('10.1.3.4', ['10.0.0.0/16'])).toBe(false);
    expect(cidrCovers('10.0.0.0/16', '10.0.255.0/24')).toBe(true);
    expect(cidrCovers('10.0.0.0/16', '10.1.0.0/24')).toBe(false);
  });
});

describe('echo: one function for every value a message repeats', () => {
  it('GIVEN a 100 000-character value WHEN quoted THEN at most ~60 characters and an ellipsis', () => {
    const q = quote('x'.repeat(100_000));
    expect(q).toBe(`"${'x'.repeat(ECHO_LIMIT)}…"`);
  });

  it('GIVEN terminal escape sequences and control characters WHEN quoted THEN they are escaped, never raw', () => {
    expect(quote('\u001b[31mred\u0007\n')).toBe('"\\e[31mred\\u0007\\n"');
    expect(escapeControl('a\u009bb')).toBe('a\\u009bb');
  });
});

describe('tags: the one tag rule', () => {
  it('GIVEN reserved prefixes in any case WHEN judged THEN aws: and elbctl: are refused', () => {
    const { tags } = parseTagFlags(['elbctl:stack=shop', 'AWS:x=1', 'Elbctl:Owner=me', 'team=web']);
    expect(messages(tagProblems(tags))).toEqual([
      'tag key "elbctl:stack": the "elbctl:" prefix is reserved for elbctl\'s own tags (which stack owns a resource); choose another key',
      'tag key "AWS:x": the "aws:" prefix is reserved by AWS; choose another key',
      'tag key "Elbctl:Owner": the "elbctl:" prefix is reserved for elbctl\'s own tags (which stack owns a resource); choose another key',
    ]);
  });

  it('GIVEN a key given twice and too many tags counting elbctl own WHEN judged THEN both are reported', () => {
    const many = Array.from({ length: 49 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(codes(tagProblems([...many, { key: 'k1', value: 'w' }], { ownTags: 2 }))).toEqual([
      'E_DUPLICATE',
      'E_LIMIT',
    ]);
    expect(messages(tagProblems(many, { ownTags: 2 }))).toEqual([
      'tags: 49 given and 2 added by elbctl make 51, the limit is 50 per resource; remove 1',
    ]);
    expect(tagProblems(many, { ownTags: 1 })).toEqual([]);
  });

  it('GIVEN malformed flags and characters AWS refuses WHEN judged THEN each is named', () => {
    const parsed = parseTagFlags(['team', '=x', 'a!b=1', `k=${'v'.repeat(257)}`]);
    expect(messages(parsed.problems)).toEqual(['tag "team": write it as KEY=VALUE', 'tag "=x": write it as KEY=VALUE']);
    expect(codes(tagProblems(parsed.tags))).toEqual(['E_TAG', 'E_TAG']);
  });
});

describe('enum words', () => {
  it('GIVEN any case WHEN read THEN AWS spelling comes back; an unknown word names the allowed ones', () => {
    expect(canonical('Http', ['HTTP', 'HTTPS'])).toBe('HTTP');
    expect(canonical('INTERNAL', ['internet-facing', 'internal'])).toBe('internal');
    expect(enumValue('scheme', 'private', ['internet-facing', 'internal'])).toEqual({
      ok: false,
      problem: { code: 'E_ENUM', path: [], message: 'scheme "private": unknown; use internet-facing or internal' },
    });
  });
});

describe('load balancers against the account', () => {
  const spec = { name: 'web', type: 'application' as const, subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'] };
  const subnet = (id: string, zone: string, vpc = 'vpc-0abc1234') => ({
    id,
    vpcId: vpc,
    availabilityZone: zone,
    cidr: '10.0.1.0/24',
  });

  it('GIVEN subnets that do not exist WHEN judged THEN one problem names every missing ID (a reference: 64)', () => {
    expect(subnetPlacementProblems(spec, [])).toEqual([
      {
        code: 'E_MISSING_REFERENCE',
        path: ['subnets'],
        message:
          'subnets "subnet-0aaa1111", "subnet-0bbb2222": do not exist in this account and region; check the IDs (`aws ec2 describe-subnets`)',
      },
    ]);
  });

  it('GIVEN subnets of two VPCs, or of one zone WHEN judged THEN AWS refusals are named before any write', () => {
    expect(
      codes(
        subnetPlacementProblems(spec, [
          subnet('subnet-0aaa1111', 'us-east-1a'),
          subnet('subnet-0bbb2222', 'us-east-1b', 'vpc-0fff'),
        ]),
      ),
    ).toEqual(['E_SUBNETS']);
    expect(
      messages(
        subnetPlacementProblems(spec, [
          subnet('subnet-0aaa1111', 'us-east-1a'),
          subnet('subnet-0bbb2222', 'us-east-1a'),
        ]),
      ),
    ).toEqual([
      'load balancer "web": subnets subnet-0aaa1111, subnet-0bbb2222 are all in zone us-east-1a; a load balancer takes one subnet per zone',
      'load balancer "web": every subnet is in zone us-east-1a; an application load balancer needs subnets in at least two availability zones',
    ]);
  });

  it('GIVEN security groups missing or in another VPC WHEN judged THEN each kind is named', () => {
    const problems = securityGroupPlacementProblems(
      { name: 'web', securityGroups: ['sg-0aaa', 'sg-0bbb'] },
      'vpc-0abc1234',
      [{ id: 'sg-0bbb', vpcId: 'vpc-0fff' }],
    );
    expect(messages(problems)).toEqual([
      'security group "sg-0aaa": does not exist in this account and region; check the IDs (`aws ec2 describe-security-groups`)',
      'security group "sg-0bbb" (in vpc-0fff): not in vpc-0abc1234, the VPC of load balancer "web"\'s subnets; use groups of that VPC',
    ]);
  });

  it('GIVEN six security groups WHEN judged offline THEN the fixed API limit is a problem (64), not a warning', () => {
    const groups = Array.from({ length: 6 }, (_, i) => `sg-0000000${i}`);
    expect(
      codes(
        loadBalancerProblems({
          ...spec,
          subnets: ['subnet-0000000000000000a', 'subnet-0000000000000000b'],
          scheme: 'internal',
          ipAddressType: 'ipv4',
          securityGroups: groups,
        }),
      ),
    ).toEqual(['E_LIMIT']);
  });
});

describe('quotas: warnings, never refusals', () => {
  it('GIVEN a count over the documented default WHEN judged THEN the warning names the quota code; within it, nothing', () => {
    expect(quotaWarning('rulesPerApplicationLoadBalancer', 100, 'load balancer "web"')).toBeUndefined();
    expect(quotaWarning('rulesPerApplicationLoadBalancer', 101, 'load balancer "web"')).toBe(
      'load balancer "web": 101 rules, over AWS\'s default quota of 100 rules per application load balancer (default rules not counted); unless your account\'s quota (L-7EED9B64) is raised in Service Quotas, AWS will refuse the excess',
    );
  });

  it("GIVEN the account's own quota WHEN known THEN it is used instead of the default", () => {
    expect(
      quotaWarning('listenersPerApplicationLoadBalancer', 51, 'x', { listenersPerApplicationLoadBalancer: 60 }),
    ).toBe(undefined);
    expect(
      quotaWarning('listenersPerApplicationLoadBalancer', 61, 'x', { listenersPerApplicationLoadBalancer: 60 }),
    ).toBe(
      "x: 61 listeners, over your account's quota of 60 listeners per application load balancer (L-B6DF7632); AWS will refuse the excess unless it is raised in Service Quotas",
    );
  });
});
