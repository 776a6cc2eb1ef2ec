/** What a listener's certificates cover and until when (`listener certs`). Pure, table-driven. */
import { daysLeft, expiryWarnings, nameCovers, ruleHosts, uncoveredHosts } from '../../src/core/certificates';

describe('names a certificate covers', () => {
  it.each([
    ['api.example.com', 'api.example.com', true],
    ['API.Example.com', 'api.example.com', true],
    ['*.example.com', 'api.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', '*.example.com', true],
    ['example.com', 'api.example.com', false],
  ])('GIVEN %s WHEN asked for %s THEN %s', (name, host, covered) => {
    expect(nameCovers(name, host)).toBe(covered);
  });

  it('GIVEN rules routing on hosts WHEN checked against the certificates THEN the hosts none covers', () => {
    const rules = [
      { conditions: [{ field: 'host-header' as const, values: ['api.example.com', 'Shop.example.org'] }] },
      { conditions: [{ field: 'path-pattern' as const, values: ['/x'] }] },
      { conditions: [{ field: 'host-header' as const, values: ['shop.example.org'] }] },
    ];
    expect(ruleHosts(rules)).toEqual(['api.example.com', 'shop.example.org']);
    const certs = [{ arn: 'a', names: ['*.example.com'] }];
    expect(uncoveredHosts(certs, ruleHosts(rules))).toEqual(['shop.example.org']);
    // Certificates whose names are unknown (IAM) cannot be judged: nothing is claimed.
    expect(uncoveredHosts([{ arn: 'iam', names: [] }], ['shop.example.org'])).toEqual([]);
  });
});

describe('expiry', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('GIVEN end dates WHEN counted THEN whole days left, negative once ended, undefined when unknown', () => {
    expect(daysLeft(at('2026-05-31T12:00:00Z'), now)).toBe(30);
    expect(daysLeft(at('2026-04-30T12:00:00Z'), now)).toBe(-1);
    expect(daysLeft(at('2026-04-29T11:00:00Z'), now)).toBe(-2);
    expect(daysLeft(undefined, now)).toBeUndefined();
  });

  it('GIVEN certificates ending in 30 and 31 days and one ended WHEN warned THEN the first and the last, with what to do', () => {
    expect(
      expiryWarnings(
        [
          { arn: 'arn:a', names: ['a.example.com'], notAfter: at('2026-05-31T12:00:00Z') },
          { arn: 'arn:b', names: ['b.example.com'], notAfter: at('2026-06-01T12:00:00Z') },
          { arn: 'arn:c', names: [], notAfter: at('2026-04-29T11:00:00Z') },
          { arn: 'arn:d', names: ['d.example.com'], notAfter: at('2026-05-01T11:00:00Z') },
        ],
        now,
        'listener web:443',
      ),
    ).toEqual([
      'listener web:443: certificate for a.example.com (arn:a) expires in 30 days (2026-05-31); renew it or rotate to a new one (elbctl listener certs rotate)',
      'listener web:443: certificate (arn:c) expired 2 days ago; clients are refused: rotate it now (elbctl listener certs rotate)',
      'listener web:443: certificate for d.example.com (arn:d) expired today; clients are refused: rotate it now (elbctl listener certs rotate)',
    ]);
  });
});
