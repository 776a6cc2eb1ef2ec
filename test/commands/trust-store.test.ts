/**
 * Trust stores and mutual TLS with aws-sdk-client-mock: moto 5.2.1 has no trust-store calls (its
 * elbv2 module defines none; the endpoint answers an HTML 500) and drops MutualAuthentication, so
 * these are mock-only. Exact Create/Delete/AddTrustStoreRevocations and CreateListener/ModifyListener
 * MutualAuthentication inputs, the in-use refusal, and refusals before any write.
 */
import {
  AddTrustStoreRevocationsCommand,
  CreateListenerCommand,
  CreateTrustStoreCommand,
  DeleteTrustStoreCommand,
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTrustStoreAssociationsCommand,
  DescribeTrustStoreRevocationsCommand,
  DescribeTrustStoresCommand,
  ElasticLoadBalancingV2Client,
  type Listener as SdkListener,
  ModifyListenerCommand,
  type TrustStore as SdkTrustStore,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const WEB = `${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const EDGE = `${ACCOUNT}:loadbalancer/net/edge/7a1b2c3d4e5f6a7b`;
const L443 = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const L80 = `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/0467ef3c8400ae65`;
const TG = `${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067`;
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const storeArn = (name: string) => `${ACCOUNT}:truststore/${name}/8f2c4e6a1b3d5f70`;
const RECOMMENDED = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

let stores: SdkTrustStore[];
let associations: Record<string, string[]>;
let listeners: SdkListener[];

const writes = () =>
  elbv2
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
    .filter((n) => !n.startsWith('Describe'));

const store = (name: string, n = 3): SdkTrustStore => ({
  Name: name,
  TrustStoreArn: storeArn(name),
  Status: 'ACTIVE',
  NumberOfCaCertificates: n,
  TotalRevokedEntries: 0,
});

beforeEach(() => {
  elbv2.reset();
  stores = [store('partners')];
  associations = {};
  listeners = [
    {
      ListenerArn: L443,
      LoadBalancerArn: WEB,
      Protocol: 'HTTPS',
      Port: 443,
      SslPolicy: RECOMMENDED,
      Certificates: [{ CertificateArn: CERT }],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: TG, Order: 1 }],
    },
    {
      ListenerArn: L80,
      LoadBalancerArn: WEB,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: TG, Order: 1 }],
    },
  ];
  elbv2.on(DescribeTrustStoresCommand).callsFake(async (input: { Names?: string[]; TrustStoreArns?: string[] }) => {
    if (input.Names === undefined && input.TrustStoreArns === undefined) return { TrustStores: stores };
    const found = stores.filter(
      (s) => input.Names?.includes(s.Name ?? '') || input.TrustStoreArns?.includes(s.TrustStoreArn ?? ''),
    );
    if (found.length === 0)
      throw Object.assign(new Error('trust store not found'), { name: 'TrustStoreNotFoundException' });
    return { TrustStores: found };
  });
  elbv2.on(DescribeTrustStoreAssociationsCommand).callsFake(async (input: { TrustStoreArn: string }) => ({
    TrustStoreAssociations: (associations[input.TrustStoreArn] ?? []).map((ResourceArn) => ({ ResourceArn })),
  }));
  elbv2.on(DescribeTrustStoreRevocationsCommand).resolves({
    TrustStoreRevocations: [
      { TrustStoreArn: storeArn('partners'), RevocationId: 1, RevocationType: 'CRL', NumberOfRevokedEntries: 12 },
    ],
  });
  elbv2.on(CreateTrustStoreCommand).callsFake(async (input: { Name: string }) => ({
    TrustStores: [{ ...store(input.Name, 2), Status: 'CREATING' }],
  }));
  elbv2.on(AddTrustStoreRevocationsCommand).resolves({});
  elbv2.on(DeleteTrustStoreCommand).resolves({});

  elbv2.on(DescribeLoadBalancersCommand).callsFake(async (input: { Names?: string[]; LoadBalancerArns?: string[] }) => {
    const all = [
      { LoadBalancerName: 'web', LoadBalancerArn: WEB, Type: 'application', VpcId: 'vpc-0abc1234' },
      { LoadBalancerName: 'edge', LoadBalancerArn: EDGE, Type: 'network', VpcId: 'vpc-0abc1234' },
    ];
    return {
      LoadBalancers: all.filter(
        (l) => input.Names?.includes(l.LoadBalancerName) || input.LoadBalancerArns?.includes(l.LoadBalancerArn),
      ),
    };
  });
  elbv2
    .on(DescribeListenersCommand)
    .callsFake(async (input: { LoadBalancerArn?: string; ListenerArns?: string[] }) => ({
      Listeners: listeners.filter(
        (l) => l.LoadBalancerArn === input.LoadBalancerArn || input.ListenerArns?.includes(l.ListenerArn ?? ''),
      ),
    }));
  elbv2.on(DescribeListenerCertificatesCommand).resolves({ Certificates: [{ CertificateArn: CERT, IsDefault: true }] });
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      {
        TargetGroupName: 'api',
        TargetGroupArn: TG,
        Protocol: 'HTTP',
        TargetType: 'instance',
        VpcId: 'vpc-0abc1234',
        LoadBalancerArns: [WEB],
      },
    ],
  });
  elbv2.on(CreateListenerCommand).callsFake(async (input: Record<string, unknown>) => ({
    Listeners: [{ ...input, ListenerArn: `${ACCOUNT}:listener/app/web/50dc6c495c0c9188/0a0a` }],
  }));
  elbv2.on(ModifyListenerCommand).callsFake(async () => ({ Listeners: [listeners[0]] }));
});

describe('trust-store create', () => {
  it('GIVEN a plain bundle URL and no revocations WHEN created THEN the tags record the URL itself and no lists, as a stack apply would, so a stack adopting it later sends no bundle again', async () => {
    const r = await elbctl(['trust-store', 'create', 'clients', '--ca-certificates', 's3://pki-bucket/clients/ca.pem']);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateTrustStoreCommand)[0]?.args[0].input.Tags).toEqual([
      { Key: 'elbctl:ca-certificates', Value: 's3://pki-bucket/clients/ca.pem' },
      { Key: 'elbctl:revocations', Value: 'none' },
    ]);
  });

  it('GIVEN a CA bundle and two revocation lists WHEN created THEN CreateTrustStore takes the bundle and tags, then one AddTrustStoreRevocations takes both lists', async () => {
    const r = await elbctl([
      'trust-store',
      'create',
      'clients',
      '--ca-certificates',
      's3://pki-bucket/clients/ca.pem?versionId=v7',
      '--revocations',
      's3://pki-bucket/crl/1.crl',
      '--revocations',
      's3://pki-bucket/crl/2.crl',
      '--tag',
      'team=edge',
    ]);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['CreateTrustStoreCommand', 'AddTrustStoreRevocationsCommand']);
    expect(elbv2.commandCalls(CreateTrustStoreCommand)[0]?.args[0].input).toEqual({
      Name: 'clients',
      CaCertificatesBundleS3Bucket: 'pki-bucket',
      CaCertificatesBundleS3Key: 'clients/ca.pem',
      CaCertificatesBundleS3ObjectVersion: 'v7',
      Tags: [
        { Key: 'team', Value: 'edge' },
        // A versioned URL holds a '?', which a tag value cannot: the hash of what was sent.
        { Key: 'elbctl:ca-certificates', Value: expect.stringMatching(/^hash:[0-9a-f]{14}$/) },
        { Key: 'elbctl:revocations', Value: expect.stringMatching(/^hash:[0-9a-f]{14}$/) },
      ],
    });
    expect(elbv2.commandCalls(AddTrustStoreRevocationsCommand)[0]?.args[0].input).toEqual({
      TrustStoreArn: storeArn('clients'),
      RevocationContents: [
        { S3Bucket: 'pki-bucket', S3Key: 'crl/1.crl', RevocationType: 'CRL' },
        { S3Bucket: 'pki-bucket', S3Key: 'crl/2.crl', RevocationType: 'CRL' },
      ],
    });
    expect(r.json()).toEqual({
      name: 'clients',
      arn: storeArn('clients'),
      status: 'CREATING',
      caCertificates: 2,
      revokedEntries: 0,
      caCertificatesBundle: 's3://pki-bucket/clients/ca.pem?versionId=v7',
      revocations: ['s3://pki-bucket/crl/1.crl', 's3://pki-bucket/crl/2.crl'],
    });
    expect(r.stderr).toBe(
      '… creating trust store "clients" from s3://pki-bucket/clients/ca.pem?versionId=v7\n✓ created trust store "clients"\n',
    );
  });

  it('GIVEN no revocations WHEN created THEN only CreateTrustStore is sent', async () => {
    const r = await elbctl(['trust-store', 'create', 'clients', '--ca-certificates', 's3://pki-bucket/ca.pem']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['CreateTrustStoreCommand']);
    expect(elbv2.commandCalls(CreateTrustStoreCommand)[0]?.args[0].input).toEqual({
      Name: 'clients',
      CaCertificatesBundleS3Bucket: 'pki-bucket',
      CaCertificatesBundleS3Key: 'ca.pem',
      Tags: [
        { Key: 'elbctl:ca-certificates', Value: 's3://pki-bucket/ca.pem' },
        { Key: 'elbctl:revocations', Value: 'none' },
      ],
    });
  });

  it('GIVEN 20 trust stores already WHEN one more is created THEN it is created with a warning naming the default quota', async () => {
    stores = Array.from({ length: 20 }, (_, i) => store(`ts-${i}`));
    const r = await elbctl(['trust-store', 'create', 'clients', '--ca-certificates', 's3://pki-bucket/ca.pem']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "warning: 21 trust stores in this Region, over AWS's default quota of 20 trust stores per account; unless your account's quota is raised (ask AWS Support: Service Quotas has no code for it), AWS will refuse the excess\n",
    );
    expect(writes()).toEqual(['CreateTrustStoreCommand']);
  });

  it('GIVEN a name that exists WHEN created THEN exit 1 naming it, nothing written', async () => {
    const r = await elbctl(['trust-store', 'create', 'partners', '--ca-certificates', 's3://pki-bucket/ca.pem']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('trust store "partners": already exists');
    expect(writes()).toEqual([]);
  });

  it('GIVEN a bad name, a bundle that is no s3:// URL and a bad revocation bucket WHEN run THEN exit 64 listing all three, no AWS call', async () => {
    const r = await elbctl([
      'trust-store',
      'create',
      'bad--name',
      '--ca-certificates',
      'https://pki-bucket/ca.pem',
      '--revocations',
      's3://Bad_Bucket/crl.pem',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'trust store name "bad--name": use letters and digits, with single hyphens between them (no hyphen at either end, none doubled)',
    );
    expect(r.stderr).toContain(
      '--ca-certificates "https://pki-bucket/ca.pem": write it as s3://BUCKET/KEY (optionally ?versionId=VERSION)',
    );
    expect(r.stderr).toContain(
      '--revocations "s3://Bad_Bucket/crl.pem": bucket "Bad_Bucket" is not an S3 bucket name; use 3-63 lowercase letters, digits, dots and hyphens',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});

describe('trust-store list, describe, delete', () => {
  it('GIVEN two trust stores WHEN listed THEN both, by name', async () => {
    stores = [store('zeta', 1), store('partners')];
    const r = await elbctl(['trust-store', 'list']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([
      { name: 'partners', arn: storeArn('partners'), status: 'ACTIVE', caCertificates: 3, revokedEntries: 0 },
      { name: 'zeta', arn: storeArn('zeta'), status: 'ACTIVE', caCertificates: 1, revokedEntries: 0 },
    ]);
  });

  it('GIVEN a trust store a listener uses WHEN described THEN the listener and the revocation lists are shown', async () => {
    associations[storeArn('partners')] = [L443];
    const r = await elbctl(['trust-store', 'describe', 'partners']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      name: 'partners',
      arn: storeArn('partners'),
      status: 'ACTIVE',
      caCertificates: 3,
      revokedEntries: 0,
      listeners: [L443],
      revocations: [{ id: 1, type: 'CRL', revokedEntries: 12 }],
    });
  });

  it('GIVEN a name that does not exist WHEN described THEN exit 1, not found', async () => {
    const r = await elbctl(['trust-store', 'describe', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('trust store "nope": not found');
  });

  it('GIVEN a trust store in use by a listener WHEN deleted THEN exit 1 naming the listener and its load balancer, nothing deleted', async () => {
    associations[storeArn('partners')] = [L443];
    const r = await elbctl(['trust-store', 'delete', 'partners', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`trust store "partners": in use by the listener ${L443} of load balancer "web"`);
    expect(writes()).toEqual([]);
  });

  it('GIVEN an unused trust store and -y WHEN deleted THEN DeleteTrustStore by its ARN', async () => {
    const r = await elbctl(['trust-store', 'delete', 'partners', '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['DeleteTrustStoreCommand']);
    expect(elbv2.commandCalls(DeleteTrustStoreCommand)[0]?.args[0].input).toEqual({
      TrustStoreArn: storeArn('partners'),
    });
    expect(r.json()).toEqual({ deleted: storeArn('partners'), name: 'partners' });
  });

  it('GIVEN no -y and no terminal WHEN deleted THEN exit 64, nothing deleted', async () => {
    const r = await elbctl(['trust-store', 'delete', 'partners']);
    expect(r.code).toBe(64);
    expect(writes()).toEqual([]);
  });
});

describe('listener create --mtls', () => {
  const create = (...extra: string[]) =>
    elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTPS',
      '--port',
      '8443',
      '--certificate',
      CERT,
      '--forward',
      'api',
      ...extra,
    ]);

  it('GIVEN --mtls verify with a trust store by name WHEN created THEN MutualAuthentication carries its ARN and every setting', async () => {
    const r = await create(
      '--mtls',
      'verify',
      '--trust-store',
      'partners',
      '--advertise-ca-names',
      'on',
      '--ignore-client-certificate-expiry',
    );
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateListenerCommand)[0]?.args[0].input.MutualAuthentication).toEqual({
      Mode: 'verify',
      TrustStoreArn: storeArn('partners'),
      IgnoreClientCertificateExpiry: true,
      AdvertiseTrustStoreCaNames: 'on',
    });
    expect(r.json<{ mutualTls: unknown }>().mutualTls).toEqual({
      mode: 'verify',
      trustStoreArn: storeArn('partners'),
      ignoreClientCertificateExpiry: true,
      advertiseTrustStoreCaNames: true,
    });
  });

  it('GIVEN --mtls passthrough WHEN created THEN MutualAuthentication is only the mode', async () => {
    const r = await create('--mtls', 'passthrough');
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateListenerCommand)[0]?.args[0].input.MutualAuthentication).toEqual({
      Mode: 'passthrough',
    });
  });

  it('GIVEN no --mtls WHEN created THEN no MutualAuthentication is sent (AWS: off)', async () => {
    const r = await create();
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(CreateListenerCommand)[0]?.args[0].input).not.toHaveProperty('MutualAuthentication');
  });

  it('GIVEN --mtls verify with a trust store that does not exist WHEN run THEN exit 64 naming it, no write', async () => {
    const r = await create('--mtls', 'verify', '--trust-store', 'nope');
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--trust-store "nope": no such trust store in this Region');
    expect(writes()).toEqual([]);
  });

  it('GIVEN --mtls verify without --trust-store WHEN run THEN exit 64 before any AWS call', async () => {
    const r = await create('--mtls', 'verify');
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'listener web:8443: mutual TLS "verify" needs a trust store to check client certificates against; add --trust-store NAME',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN --mtls on an HTTP listener WHEN run THEN exit 64 before any AWS call', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'web',
      '--protocol',
      'HTTP',
      '--port',
      '81',
      '--forward',
      'api',
      '--mtls',
      'passthrough',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('listener web:81: mutual TLS "passthrough" needs an HTTPS listener, not HTTP');
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN --mtls on a TLS listener (network load balancers) WHEN run THEN exit 64 before any AWS call', async () => {
    const r = await elbctl([
      'listener',
      'create',
      'edge',
      '--protocol',
      'TLS',
      '--port',
      '443',
      '--certificate',
      CERT,
      '--forward',
      'api',
      '--mtls',
      'passthrough',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'listener edge:443: mutual TLS "passthrough" needs an HTTPS listener, not TLS; use an HTTPS listener with a certificate',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});

describe('listener modify --mtls', () => {
  it('GIVEN an HTTPS listener without mutual TLS WHEN --mtls verify --trust-store ARN THEN ModifyListener carries only MutualAuthentication, after the diff', async () => {
    const r = await elbctl([
      'listener',
      'modify',
      'web:443',
      '--mtls',
      'verify',
      '--trust-store',
      storeArn('partners'),
      '--advertise-ca-names',
      'off',
      '-y',
    ]);
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['ModifyListenerCommand']);
    expect(elbv2.commandCalls(ModifyListenerCommand)[0]?.args[0].input).toEqual({
      ListenerArn: L443,
      MutualAuthentication: {
        Mode: 'verify',
        TrustStoreArn: storeArn('partners'),
        IgnoreClientCertificateExpiry: false,
        AdvertiseTrustStoreCaNames: 'off',
      },
    });
    expect(r.stderr).toContain('~ listener web:443\n    mutual TLS: off → verify with "partners"\n');
  });

  it('GIVEN a listener verifying with a trust store WHEN --mtls off THEN ModifyListener sends Mode off', async () => {
    listeners[0] = {
      ...listeners[0],
      MutualAuthentication: {
        Mode: 'verify',
        TrustStoreArn: storeArn('partners'),
        IgnoreClientCertificateExpiry: false,
      },
    };
    const r = await elbctl(['listener', 'modify', 'web:443', '--mtls', 'off', '-y']);
    expect(r.code).toBe(0);
    expect(elbv2.commandCalls(ModifyListenerCommand)[0]?.args[0].input).toEqual({
      ListenerArn: L443,
      MutualAuthentication: { Mode: 'off' },
    });
    expect(r.stderr).toContain('    mutual TLS: verify with "partners" → off\n');
  });

  it('GIVEN the same mutual TLS as live WHEN modified THEN nothing is written', async () => {
    listeners[0] = { ...listeners[0], MutualAuthentication: { Mode: 'passthrough' } };
    const r = await elbctl(['listener', 'modify', 'web:443', '--mtls', 'passthrough', '-y']);
    expect(r.code).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('GIVEN --trust-store without --mtls, or --mtls on the HTTP listener WHEN run THEN exit 64, no write', async () => {
    const stray = await elbctl(['listener', 'modify', 'web:443', '--trust-store', 'partners', '-y']);
    expect(stray.code).toBe(64);
    expect(stray.stderr).toContain(
      'listener web:443: --trust-store: only with --mtls verify; add --mtls verify or remove it',
    );
    const http = await elbctl(['listener', 'modify', 'web:80', '--mtls', 'passthrough', '-y']);
    expect(http.code).toBe(64);
    expect(http.stderr).toContain('listener web:80: mutual TLS "passthrough" needs an HTTPS listener, not HTTP');
    expect(writes()).toEqual([]);
  });
});

describe('lb describe and listener list show mutual TLS', () => {
  it('GIVEN an HTTPS listener verifying with a trust store WHEN described THEN JSON carries mutualTls and the table a MUTUAL TLS column', async () => {
    listeners[0] = {
      ...listeners[0],
      MutualAuthentication: {
        Mode: 'verify',
        TrustStoreArn: storeArn('partners'),
        IgnoreClientCertificateExpiry: false,
        AdvertiseTrustStoreCaNames: 'on',
      },
    };
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    const json = await elbctl(['lb', 'describe', 'web']);
    expect(json.code).toBe(0);
    const byPort = json.json<{ listeners: Array<{ port: number; mutualTls?: unknown }> }>().listeners;
    expect(byPort.find((l) => l.port === 443)?.mutualTls).toEqual({
      mode: 'verify',
      trustStoreArn: storeArn('partners'),
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: true,
    });
    expect(byPort.find((l) => l.port === 80)).not.toHaveProperty('mutualTls');
    const table = await elbctl(['lb', 'describe', 'web', '-o', 'table']);
    expect(table.stdout).toContain('MUTUAL TLS');
    expect(table.stdout).toContain('verify with "partners" (CA names advertised)');

    const list = await elbctl(['listener', 'list', 'web']);
    expect(list.json<Array<{ port: number; mutualTls?: unknown }>>().find((l) => l.port === 443)?.mutualTls).toEqual({
      mode: 'verify',
      trustStoreArn: storeArn('partners'),
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: true,
    });
  });
});
