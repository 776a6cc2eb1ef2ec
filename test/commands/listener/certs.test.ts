/**
 * `elbctl listener certs list|add|remove|rotate` with aws-sdk-client-mock: names and expiry from
 * ACM with the warnings they earn, the exact calls of add and remove, and rotate's order (new one
 * attached, read back, old one removed) and its refusals, all before any write.
 */
import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import {
  AddListenerCertificatesCommand,
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  RemoveListenerCertificatesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../../src/commands/context';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const acm = mockClient(ACMClient);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const WEB = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const L443 = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const L80 = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/0467ef3c8400ae65`;
const cert = (n: string) => `arn:aws:acm:us-east-1:123456789012:certificate/${n}`;
const NOW = new Date('2026-05-01T00:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => undefined };

/** What the listener serves, as DescribeListenerCertificates answers (changed by the write mocks, like AWS). */
let attached: Array<{ CertificateArn: string; IsDefault: boolean }>;
const ACM_CERTS: Record<string, { DomainName: string; SubjectAlternativeNames: string[]; NotAfter: Date }> = {
  [cert('old')]: {
    DomainName: 'shop.example.com',
    SubjectAlternativeNames: ['shop.example.com'],
    NotAfter: new Date('2026-05-20T00:00:00Z'),
  },
  [cert('new')]: {
    DomainName: 'shop.example.com',
    SubjectAlternativeNames: ['shop.example.com', 'www.example.com'],
    NotAfter: new Date('2027-05-01T00:00:00Z'),
  },
  [cert('api')]: {
    DomainName: '*.api.example.com',
    SubjectAlternativeNames: ['*.api.example.com'],
    NotAfter: new Date('2027-01-01T00:00:00Z'),
  },
};

/** What ModifyListener answers: the listener. */
const answer = { Listeners: [{ ListenerArn: L443, LoadBalancerArn: WEB, Protocol: 'HTTPS' as const, Port: 443 }] };

const sent = () =>
  [...elbv2.calls(), ...acm.calls()].map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
const writes = () => sent().filter((n) => !n.startsWith('Describe'));

beforeEach(() => {
  elbv2.reset();
  acm.reset();
  attached = [
    { CertificateArn: cert('old'), IsDefault: true },
    { CertificateArn: cert('api'), IsDefault: false },
  ];
  elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: WEB, Type: 'application' }],
  });
  elbv2.on(DescribeListenersCommand).callsFake(async () => ({
    Listeners: [
      {
        ListenerArn: L443,
        LoadBalancerArn: WEB,
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: attached.filter((c) => c.IsDefault).map((c) => ({ CertificateArn: c.CertificateArn })),
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      },
      { ListenerArn: L80, LoadBalancerArn: WEB, Protocol: 'HTTP', Port: 80, DefaultActions: [] },
    ],
  }));
  elbv2
    .on(DescribeListenerCertificatesCommand)
    .callsFake(async () => ({ Certificates: attached.map((c) => ({ ...c })) }));
  elbv2.on(DescribeRulesCommand).resolves({
    Rules: [
      {
        RuleArn: `${L443.replace(':listener/', ':listener-rule/')}/r1`,
        Priority: '1',
        Conditions: [
          { Field: 'host-header', HostHeaderConfig: { Values: ['v1.api.example.com', 'admin.example.com'] } },
        ],
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
      },
    ],
  });
  acm.on(DescribeCertificateCommand).callsFake(async (input: { CertificateArn: string }) => {
    const c = ACM_CERTS[input.CertificateArn];
    if (!c) throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
    return { Certificate: { CertificateArn: input.CertificateArn, Status: 'ISSUED', ...c } };
  });
  elbv2.on(ModifyListenerCommand).callsFake(async (input: { Certificates?: Array<{ CertificateArn: string }> }) => {
    const next = input.Certificates?.[0]?.CertificateArn;
    if (next) attached = [{ CertificateArn: next, IsDefault: true }, ...attached.filter((c) => !c.IsDefault)];
    return answer;
  });
  elbv2
    .on(AddListenerCertificatesCommand)
    .callsFake(async (input: { Certificates: Array<{ CertificateArn: string }> }) => {
      for (const c of input.Certificates) attached.push({ CertificateArn: c.CertificateArn, IsDefault: false });
      return {};
    });
  elbv2
    .on(RemoveListenerCertificatesCommand)
    .callsFake(async (input: { Certificates: Array<{ CertificateArn: string }> }) => {
      const gone = new Set(input.Certificates.map((c) => c.CertificateArn));
      attached = attached.filter((c) => c.IsDefault || !gone.has(c.CertificateArn));
      return {};
    });
});

describe('listener certs (list)', () => {
  it('GIVEN a default and an SNI certificate WHEN listed THEN names and expiry from ACM; warns of one ending within 30 days and of a host none covers', async () => {
    const r = await elbctl(['listener', 'certs', 'web:443'], { clock });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([
      {
        arn: cert('old'),
        default: true,
        domainName: 'shop.example.com',
        names: ['shop.example.com'],
        notAfter: '2026-05-20T00:00:00.000Z',
        daysLeft: 19,
        status: 'ISSUED',
      },
      {
        arn: cert('api'),
        default: false,
        domainName: '*.api.example.com',
        names: ['*.api.example.com'],
        notAfter: '2027-01-01T00:00:00.000Z',
        daysLeft: 245,
        status: 'ISSUED',
      },
    ]);
    expect(r.stderr).toBe(
      `warning: listener web:443: certificate for shop.example.com (${cert('old')}) expires in 19 days (2026-05-20); renew it or rotate to a new one (elbctl listener certs rotate)\n` +
        'warning: listener web:443: no certificate covers admin.example.com, which its rules route on; clients asking for it get a name mismatch: add a certificate that does (elbctl listener certs add)\n',
    );
    expect(writes()).toEqual([]);
  });

  it('GIVEN the same listing named with list WHEN run THEN the same command answers', async () => {
    const r = await elbctl(['listener', 'certs', 'list', 'web:443', '-q'], { clock });
    expect(r.code).toBe(0);
    expect(r.json<unknown[]>()).toHaveLength(2);
  });
});

describe('listener certs add and remove', () => {
  it('GIVEN a certificate from ACM WHEN added with -y THEN one AddListenerCertificates; one already attached is named and skipped', async () => {
    const r = await elbctl(['listener', 'certs', 'add', 'web:443', cert('new'), cert('api'), '-y'], { clock });
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['AddListenerCertificatesCommand']);
    expect(elbv2).toHaveReceivedCommandWith(AddListenerCertificatesCommand, {
      ListenerArn: L443,
      Certificates: [{ CertificateArn: cert('new') }],
    });
    expect(r.stderr).toContain(`listener web:443 already serves "${cert('api')}"`);
    expect(r.json()).toMatchObject({ certificates: [cert('old'), cert('api'), cert('new')] });
  });

  it.each([
    [
      ['web:443', cert('ghost')],
      64,
      `certificate "${cert('ghost')}": does not exist in ACM in this account and region`,
    ],
    [['web:80', cert('new')], 64, 'listener "web:80" (HTTP): has no certificates; only HTTPS and TLS listeners do'],
    [['web:443', 'arn:aws:s3:::nope'], 64, 'certificate "arn:aws:s3:::nope": not an ACM or IAM certificate ARN'],
  ])('GIVEN add %j WHEN run THEN exit %s, nothing written', async (args, code, message) => {
    const r = await elbctl(['listener', 'certs', 'add', ...args, '-y']);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(writes()).toEqual([]);
  });

  it('GIVEN an SNI certificate WHEN removed with -y THEN one RemoveListenerCertificates', async () => {
    const r = await elbctl(['listener', 'certs', 'remove', 'web:443', cert('api'), '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['RemoveListenerCertificatesCommand']);
    expect(elbv2).toHaveReceivedCommandWith(RemoveListenerCertificatesCommand, {
      ListenerArn: L443,
      Certificates: [{ CertificateArn: cert('api') }],
    });
  });

  it('GIVEN the default certificate or one not attached WHEN removed THEN exit 64 naming the way, nothing written', async () => {
    const byDefault = await elbctl(['listener', 'certs', 'remove', 'web:443', cert('old'), '-y']);
    expect(byDefault.code).toBe(64);
    expect(byDefault.stderr).toContain(
      'is the default certificate of listener "web:443" and cannot be removed; replace it with `elbctl listener certs rotate web:443',
    );
    const absent = await elbctl(['listener', 'certs', 'remove', 'web:443', cert('new'), '-y']);
    expect(absent.code).toBe(64);
    expect(absent.stderr).toContain(`not attached to listener "web:443"; it serves ${cert('old')}, ${cert('api')}`);
    expect(writes()).toEqual([]);
  });
});

describe('listener certs rotate', () => {
  it('GIVEN the default certificate WHEN rotated THEN ModifyListener makes the new one default, the listener is read back, and nothing else is written', async () => {
    const r = await elbctl([
      'listener',
      'certs',
      'rotate',
      'web:443',
      '--from',
      cert('old'),
      '--to',
      cert('new'),
      '-y',
    ]);
    expect(r.code).toBe(0);
    const calls = elbv2.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    expect(calls.slice(calls.indexOf('ModifyListenerCommand'))).toEqual([
      'ModifyListenerCommand',
      // read back: the listener presents the new default, and every other certificate is still there
      'DescribeListenersCommand',
      'DescribeListenerCertificatesCommand',
      // the result: the certificates as they are now
      'DescribeListenersCommand',
      'DescribeLoadBalancersCommand',
      'DescribeListenerCertificatesCommand',
    ]);
    expect(elbv2).toHaveReceivedCommandWith(ModifyListenerCommand, {
      ListenerArn: L443,
      Certificates: [{ CertificateArn: cert('new') }],
    });
    expect(writes()).toEqual(['ModifyListenerCommand']);
    expect(attached).toEqual([
      { CertificateArn: cert('new'), IsDefault: true },
      { CertificateArn: cert('api'), IsDefault: false },
    ]);
    expect(r.json()).toMatchObject({ certificates: [cert('new'), cert('api')] });
  });

  it('GIVEN an SNI certificate WHEN rotated THEN the new one is added, read back, and only then the old one removed; the default untouched', async () => {
    const r = await elbctl([
      'listener',
      'certs',
      'rotate',
      'web:443',
      '--from',
      cert('api'),
      '--to',
      cert('new'),
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['AddListenerCertificatesCommand', 'RemoveListenerCertificatesCommand']);
    const order = elbv2.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    const add = order.indexOf('AddListenerCertificatesCommand');
    const remove = order.indexOf('RemoveListenerCertificatesCommand');
    expect(order.slice(add, remove + 1)).toEqual([
      'AddListenerCertificatesCommand',
      'DescribeListenersCommand',
      'DescribeListenerCertificatesCommand',
      'RemoveListenerCertificatesCommand',
    ]);
    expect(elbv2).toHaveReceivedCommandWith(RemoveListenerCertificatesCommand, {
      ListenerArn: L443,
      Certificates: [{ CertificateArn: cert('api') }],
    });
    expect(attached).toEqual([
      { CertificateArn: cert('old'), IsDefault: true },
      { CertificateArn: cert('new'), IsDefault: false },
    ]);
  });

  it('GIVEN an endpoint that drops the other certificates with a new default WHEN rotated THEN they are attached again (every other certificate untouched)', async () => {
    elbv2.on(ModifyListenerCommand).callsFake(async (input: { Certificates?: Array<{ CertificateArn: string }> }) => {
      attached = [{ CertificateArn: input.Certificates?.[0]?.CertificateArn ?? '', IsDefault: true }];
      return answer;
    });
    const r = await elbctl([
      'listener',
      'certs',
      'rotate',
      'web:443',
      '--from',
      cert('old'),
      '--to',
      cert('new'),
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(AddListenerCertificatesCommand, {
      ListenerArn: L443,
      Certificates: [{ CertificateArn: cert('api') }],
    });
    expect(attached.map((c) => c.CertificateArn)).toEqual([cert('new'), cert('api')]);
  });

  it('GIVEN the listener does not present the new certificate afterwards WHEN rotated THEN exit 1 and the old one is kept', async () => {
    elbv2.on(ModifyListenerCommand).resolves(answer);
    const r = await elbctl([
      'listener',
      'certs',
      'rotate',
      'web:443',
      '--from',
      cert('old'),
      '--to',
      cert('new'),
      '-y',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `does not present ${cert('new')} as its default certificate; ${cert('old')} was kept attached`,
    );
    expect(writes()).toEqual(['ModifyListenerCommand']);
  });

  it.each([
    [
      ['--from', cert('ghost'), '--to', cert('new')],
      64,
      `certificate "${cert('ghost')}": not attached to listener "web:443"`,
    ],
    [['--from', cert('old'), '--to', cert('ghost')], 64, 'does not exist in ACM in this account and region'],
    [['--from', cert('old'), '--to', cert('old')], 64, '--from and --to: both name'],
  ])('GIVEN rotate %j WHEN run THEN exit %s and nothing written', async (args, code, message) => {
    const r = await elbctl(['listener', 'certs', 'rotate', 'web:443', ...args, '-y']);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(writes()).toEqual([]);
  });

  it('GIVEN --dry-run WHEN rotating THEN the diff and the certificates as they would be, nothing written', async () => {
    const r = await elbctl([
      'listener',
      'certs',
      'rotate',
      'web:443',
      '--from',
      cert('old'),
      '--to',
      cert('new'),
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, certificates: [cert('new'), cert('api')] });
    expect(r.stderr).toContain('~ listener web:443\n');
    expect(writes()).toEqual([]);
  });
});
