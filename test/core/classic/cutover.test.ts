import {
  type CutoverPair,
  changesFor,
  type DnsRecord,
  type Endpoint,
  findCutoverRecord,
  liveSplit,
  parseCutoverRef,
} from '../../../src/core/classic/cutover';

const CLASSIC: Endpoint = {
  label: 'classic "web"',
  dnsName: 'web-1.us-east-1.elb.amazonaws.com',
  hostedZoneId: 'Z35SXDOTRQ7X7K',
};
const NEW: Endpoint = {
  label: 'application "web"',
  dnsName: 'web-2.us-east-1.elb.amazonaws.com',
  hostedZoneId: 'Z35SXDOTRQ7X7K',
};
const alias = (dnsName: string) => ({
  kind: 'alias' as const,
  dnsName,
  hostedZoneId: 'Z35SXDOTRQ7X7K',
  evaluateTargetHealth: false,
});
const simpleA: DnsRecord = { name: 'www.example.com.', type: 'A', value: alias(`dualstack.${CLASSIC.dnsName}.`) };
const cname: DnsRecord = {
  name: 'www.example.com.',
  type: 'CNAME',
  value: { kind: 'cname', value: CLASSIC.dnsName, ttl: 60 },
};

function pairFor(records: DnsRecord[]): CutoverPair {
  const r = findCutoverRecord(records, 'www.example.com', CLASSIC, NEW);
  if (!r.ok) throw new Error(r.why);
  return r.pair;
}

describe('parseCutoverRef', () => {
  it.each([
    ['route53:example.com/www.example.com', { zone: 'example.com', record: 'www.example.com' }],
    ['route53:Z123ABC/www', { zone: 'Z123ABC', record: 'www' }],
  ])('GIVEN %s THEN zone and record', (raw, expected) => {
    expect(parseCutoverRef(raw)).toEqual(expected);
  });
  it.each(['example.com/www', 'route53:example.com', 'route53:/www', 'route53:a b/www'])(
    'GIVEN %s THEN refused',
    (raw) => {
      expect(parseCutoverRef(raw)).toBeUndefined();
    },
  );
});

describe('findCutoverRecord', () => {
  it('GIVEN an alias A record to the Classic DNS name (dualstack. and a trailing dot) THEN it is the pair’s original', () => {
    expect(pairFor([simpleA]).original).toEqual(simpleA);
  });
  it('GIVEN a record pointing elsewhere THEN why, naming the Classic DNS name', () => {
    const other: DnsRecord = { ...cname, value: { kind: 'cname', value: 'x.example.net', ttl: 60 } };
    expect(findCutoverRecord([other], 'www.example.com', CLASSIC, NEW)).toEqual({
      ok: false,
      why: 'record "www.example.com" (CNAME) does not point to classic "web" (web-1.us-east-1.elb.amazonaws.com)',
    });
  });
  it('GIVEN no record of that name THEN why', () => {
    expect(findCutoverRecord([], 'www.example.com', CLASSIC, NEW)).toEqual({
      ok: false,
      why: 'no A, AAAA or CNAME record named "www.example.com" in the zone',
    });
  });
  it('GIVEN a pair elbctl left part-way THEN the Classic side is the original again (a re-run continues)', () => {
    const from: DnsRecord = { ...cname, setIdentifier: 'elbctl-classic', weight: 50 };
    const to: DnsRecord = {
      ...cname,
      setIdentifier: 'elbctl-new',
      weight: 50,
      value: { kind: 'cname', value: NEW.dnsName, ttl: 60 },
    };
    expect(pairFor([from, to]).original).toEqual({ name: cname.name, type: 'CNAME', value: cname.value });
  });
});

describe('liveSplit', () => {
  const pair = pairFor([cname]);
  it.each([
    ['the simple record to the Classic one', [cname], { shape: 'only-from', split: { from: 100, to: 0 } }],
    [
      'a simple record to the new one',
      [{ ...cname, value: { kind: 'cname' as const, value: NEW.dnsName, ttl: 60 } }],
      { shape: 'only-to', split: { from: 0, to: 100 } },
    ],
    [
      'the weighted pair 90/10',
      [
        { ...cname, setIdentifier: 'elbctl-classic', weight: 90 },
        { ...cname, setIdentifier: 'elbctl-new', weight: 10 },
      ],
      { shape: 'both', split: { from: 90, to: 10 } },
    ],
  ])('GIVEN %s THEN its shape and split', (_what, records, expected) => {
    expect(liveSplit(records as DnsRecord[], pair)).toMatchObject(expected);
  });
  it('GIVEN someone else’s weighted record beside ours THEN other', () => {
    expect(liveSplit([{ ...cname, setIdentifier: 'blue', weight: 1 }], pair).shape).toBe('other');
  });
});

describe('changesFor: one atomic batch per write', () => {
  const pair = pairFor([simpleA]);
  const weighted = (id: string, weight: number, dnsName: string): DnsRecord => ({
    name: 'www.example.com.',
    type: 'A',
    setIdentifier: id,
    weight,
    value: alias(dnsName),
  });

  it('GIVEN the simple record WHEN the pair 100/0 is written THEN DELETE it and write both weighted records in one batch', () => {
    expect(changesFor({ kind: 'split', split: { from: 100, to: 0 } }, [simpleA], pair)).toEqual([
      { action: 'DELETE', record: simpleA },
      { action: 'UPSERT', record: weighted('elbctl-classic', 100, `dualstack.${CLASSIC.dnsName}.`) },
      { action: 'UPSERT', record: weighted('elbctl-new', 0, NEW.dnsName) },
    ]);
  });
  it('GIVEN the pair WHEN a step is written THEN only the two weights change', () => {
    const live = [weighted('elbctl-classic', 100, CLASSIC.dnsName), weighted('elbctl-new', 0, NEW.dnsName)];
    expect(
      changesFor({ kind: 'split', split: { from: 50, to: 50 } }, live, pair).map((c) => [
        c.action,
        c.record.setIdentifier,
        c.record.weight,
      ]),
    ).toEqual([
      ['UPSERT', 'elbctl-classic', 50],
      ['UPSERT', 'elbctl-new', 50],
    ]);
  });
  it('GIVEN the pair WHEN rolled back THEN DELETE both as they are live and restore the original exactly', () => {
    const live = [weighted('elbctl-classic', 50, CLASSIC.dnsName), weighted('elbctl-new', 50, NEW.dnsName)];
    expect(changesFor({ kind: 'start' }, live, pair)).toEqual([
      { action: 'DELETE', record: live[0] },
      { action: 'DELETE', record: live[1] },
      { action: 'UPSERT', record: simpleA },
    ]);
  });
  it('GIVEN the pair at 0/100 WHEN finished THEN one simple record of the same kind to the new load balancer', () => {
    const live = [weighted('elbctl-classic', 0, CLASSIC.dnsName), weighted('elbctl-new', 100, NEW.dnsName)];
    expect(changesFor({ kind: 'final' }, live, pair).at(-1)).toEqual({
      action: 'UPSERT',
      record: { name: 'www.example.com.', type: 'A', value: alias(NEW.dnsName) },
    });
  });
  it('GIVEN a CNAME WHEN the pair is written THEN both sides are CNAMEs with the original TTL', () => {
    const p = pairFor([cname]);
    const changes = changesFor({ kind: 'split', split: { from: 100, to: 0 } }, [cname], p);
    expect(changes.map((c) => c.record.value)).toEqual([
      cname.value,
      { kind: 'cname', value: CLASSIC.dnsName, ttl: 60 },
      { kind: 'cname', value: NEW.dnsName, ttl: 60 },
    ]);
  });
});
