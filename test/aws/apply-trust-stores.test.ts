/**
 * Applying trust stores and mutual TLS from a stack: the exact ELBv2 calls, in order. Mocked with
 * aws-sdk-client-mock because moto 5.2.1's elbv2 has no trust-store calls and drops
 * MutualAuthentication (its elbv2 module has neither word).
 */
import {
  AddTagsCommand,
  AddTrustStoreRevocationsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  CreateTrustStoreCommand,
  DeleteTrustStoreCommand,
  DescribeTagsCommand,
  DescribeTrustStoresCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTrustStoreCommand,
  RemoveTrustStoreRevocationsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { applyPlan, type ApplyOptions } from '../../src/aws/apply';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import type { Observed, ObservedListener } from '../../src/core/stack/model';
import { Plan } from '../../src/core/stack/plan';
import { plan } from '../../src/core/stack/planner/plan-stack';
import { revocationsTagValue } from '../../src/core/stack/planner/trust-stores';
import { CERT, desiredOf, SUBNETS, VPC } from '../core/stack/helpers';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const aws = () => ({ elbv2: new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' })) });

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/app/api/50dc6c495c0c9188`;
const L443_ARN = `${ACCOUNT}:listener/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const TG_ARN = `${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067`;
const STORE_ARN = `${ACCOUNT}:truststore/clients/8f2c4e6a1b3d5f70`;
const OWNED = { 'elbctl:stack': 'shop' };
const STACK_TAG = { Key: 'elbctl:stack', Value: 'shop' };

function stackFile(mtls: string, stores: string): string {
  return `version: 1
stack: shop
loadBalancers:
  - name: api
    type: application
    subnets: ${SUBNETS}
    listeners:
      - port: 443
        protocol: HTTPS
        certificates: [${CERT}]
${mtls ? `        mutualAuthentication: ${mtls}\n` : ''}        defaultAction: { forward: api }
targetGroups:
  - name: api
    protocol: HTTP
    port: 8080
    vpc: ${VPC}
${stores}`;
}

const CLIENTS = `trustStores:
  - name: clients
    caCertificates: s3://shop-pki/clients/ca.pem
    revocations: [s3://shop-pki/clients/revoked.crl]
    tags: { team: edge }
`;
const VERIFY = '{ mode: verify, trustStore: clients, advertiseCaNames: true }';

/** The account after CLIENTS and a listener with mutual TLS `mtls` were applied. */
function applied(mtls: ObservedListener['mutualTls']): Observed {
  return {
    loadBalancers: [
      {
        name: 'api',
        arn: LB_ARN,
        type: 'application',
        scheme: 'internet-facing',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        securityGroups: [],
        ipAddressType: 'ipv4',
        tags: { ...OWNED },
        attributes: {
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
        },
        listeners: [
          {
            arn: L443_ARN,
            port: 443,
            protocol: 'HTTPS',
            sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
            certificates: [CERT],
            defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: TG_ARN }] }],
            ...(mtls ? { mutualTls: mtls } : {}),
            tags: { ...OWNED },
            rules: [],
          },
        ],
      },
    ],
    targetGroups: [
      {
        name: 'api',
        arn: TG_ARN,
        protocol: 'HTTP',
        port: 8080,
        vpcId: VPC,
        targetType: 'instance',
        healthCheck: {
          enabled: true,
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/',
          intervalSeconds: 30,
          timeoutSeconds: 5,
          healthyThreshold: 5,
          unhealthyThreshold: 2,
          matcher: '200',
        },
        tags: { ...OWNED, 'elbctl:name': 'api' },
        attributes: {},
        targets: [],
        loadBalancerArns: [LB_ARN],
      },
    ],
    trustStores: [
      {
        name: 'clients',
        arn: STORE_ARN,
        tags: {
          ...OWNED,
          team: 'edge',
          'elbctl:ca-certificates': 's3://shop-pki/clients/ca.pem',
          'elbctl:revocations': revocationsTagValue(['s3://shop-pki/clients/revoked.crl']),
        },
        listeners: mtls?.trustStoreArn ? [L443_ARN] : [],
        revocations: [7],
      },
    ],
  };
}

/** Every call sent, as [operation, input], in order. */
const sent = () =>
  elbv2.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });

const options = (): ApplyOptions => ({ stackName: 'shop', concurrency: 1, sleep: async () => undefined });

beforeEach(() => {
  elbv2.reset();
});

describe('apply: a trust store and a listener verifying with it, from nothing', () => {
  it('GIVEN an empty account WHEN applied THEN the trust store is created (bundle, tags, revocations), then the listener with its ARN in MutualAuthentication', async () => {
    elbv2.on(CreateTrustStoreCommand).resolves({
      TrustStores: [{ Name: 'clients', TrustStoreArn: STORE_ARN, Status: 'CREATING' }],
    });
    elbv2.on(AddTrustStoreRevocationsCommand).resolves({});
    elbv2.on(AddTagsCommand).resolves({});
    elbv2
      .on(CreateTargetGroupCommand)
      .resolves({ TargetGroups: [{ TargetGroupName: 'api', TargetGroupArn: TG_ARN, Protocol: 'HTTP', Port: 8080 }] });
    elbv2.on(CreateLoadBalancerCommand).resolves({
      LoadBalancers: [{ LoadBalancerName: 'api', LoadBalancerArn: LB_ARN, Type: 'application' }],
    });
    elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    elbv2.on(CreateListenerCommand).resolves({
      Listeners: [{ ListenerArn: L443_ARN, Port: 443, Protocol: 'HTTPS', LoadBalancerArn: LB_ARN }],
    });
    const p = plan(desiredOf(stackFile(VERIFY, CLIENTS)), { loadBalancers: [], targetGroups: [] });

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    const calls = sent();
    expect(calls.slice(0, 3)).toEqual([
      [
        'CreateTrustStore',
        {
          Name: 'clients',
          CaCertificatesBundleS3Bucket: 'shop-pki',
          CaCertificatesBundleS3Key: 'clients/ca.pem',
          Tags: [
            STACK_TAG,
            { Key: 'team', Value: 'edge' },
            { Key: 'elbctl:ca-certificates', Value: 's3://shop-pki/clients/ca.pem' },
          ],
        },
      ],
      [
        'AddTrustStoreRevocations',
        {
          TrustStoreArn: STORE_ARN,
          RevocationContents: [{ S3Bucket: 'shop-pki', S3Key: 'clients/revoked.crl', RevocationType: 'CRL' }],
        },
      ],
      [
        'AddTags',
        {
          ResourceArns: [STORE_ARN],
          Tags: [{ Key: 'elbctl:revocations', Value: revocationsTagValue(['s3://shop-pki/clients/revoked.crl']) }],
        },
      ],
    ]);
    expect(calls.map(([op]) => op).slice(3)).toEqual([
      'CreateTargetGroup',
      'CreateLoadBalancer',
      'ModifyLoadBalancerAttributes',
      'CreateListener',
    ]);
    expect(calls.at(-1)).toEqual([
      'CreateListener',
      {
        LoadBalancerArn: LB_ARN,
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: CERT }],
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
        MutualAuthentication: { Mode: 'verify', TrustStoreArn: STORE_ARN, AdvertiseTrustStoreCaNames: 'on' },
        DefaultActions: [{ Order: 1, Type: 'forward', TargetGroupArn: TG_ARN }],
        Tags: [STACK_TAG],
      },
    ]);
  });

  it('GIVEN the create answer lost and the trust store there with this stack’s tags WHEN applied THEN it is taken over, not created twice, and its revocations are not added again', async () => {
    const duplicate = Object.assign(new Error('exists'), {
      name: 'DuplicateTrustStoreNameException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    elbv2.on(CreateTrustStoreCommand).rejects(duplicate);
    elbv2.on(DescribeTrustStoresCommand).resolves({ TrustStores: [{ Name: 'clients', TrustStoreArn: STORE_ARN }] });
    const sentTags = [
      STACK_TAG,
      { Key: 'team', Value: 'edge' },
      { Key: 'elbctl:ca-certificates', Value: 's3://shop-pki/clients/ca.pem' },
      { Key: 'elbctl:revocations', Value: revocationsTagValue(['s3://shop-pki/clients/revoked.crl']) },
    ];
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ ResourceArn: STORE_ARN, Tags: sentTags }] });
    const fresh = plan(desiredOf(stackFile('', CLIENTS)), { loadBalancers: [], targetGroups: [] });
    const onlyTheTrustStore = new Plan(
      'shop',
      fresh.changes.filter((c) => c.type === 'trust-store'),
    );

    const report = await applyPlan(aws(), onlyTheTrustStore, options());

    expect(report.failed).toEqual([]);
    expect(report.done).toEqual(['trust-store:clients']);
    expect(sent().map(([op]) => op)).toEqual([
      'CreateTrustStore',
      'DescribeTrustStores',
      'DescribeTags',
      'DescribeTags',
    ]);
  });
});

describe('apply: changing a trust store and a listener’s mutual TLS', () => {
  it('GIVEN a new bundle and revocation list and the listener going from off to verify WHEN applied THEN ModifyTrustStore, the lists replaced by id, then ModifyListener with the trust store ARN', async () => {
    elbv2.on(ModifyTrustStoreCommand).resolves({});
    elbv2.on(AddTagsCommand).resolves({});
    elbv2.on(RemoveTrustStoreRevocationsCommand).resolves({});
    elbv2.on(AddTrustStoreRevocationsCommand).resolves({});
    elbv2.on(ModifyListenerCommand).resolves({ Listeners: [{ ListenerArn: L443_ARN, Port: 443, Protocol: 'HTTPS' }] });
    const file = stackFile(
      '{ mode: verify, trustStore: clients, ignoreClientCertificateExpiry: true }',
      CLIENTS.replace('clients/ca.pem', 'clients/ca-2026.pem?versionId=v2').replace('revoked.crl', 'revoked-2.crl'),
    );
    const p = plan(desiredOf(file), applied({ mode: 'off' }));

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    expect(sent()).toEqual([
      [
        'ModifyTrustStore',
        {
          TrustStoreArn: STORE_ARN,
          CaCertificatesBundleS3Bucket: 'shop-pki',
          CaCertificatesBundleS3Key: 'clients/ca-2026.pem',
          CaCertificatesBundleS3ObjectVersion: 'v2',
        },
      ],
      [
        'AddTags',
        {
          ResourceArns: [STORE_ARN],
          Tags: [{ Key: 'elbctl:ca-certificates', Value: expect.stringMatching(/^hash:[0-9a-f]{14}$/) }],
        },
      ],
      ['RemoveTrustStoreRevocations', { TrustStoreArn: STORE_ARN, RevocationIds: [7] }],
      [
        'AddTrustStoreRevocations',
        {
          TrustStoreArn: STORE_ARN,
          RevocationContents: [{ S3Bucket: 'shop-pki', S3Key: 'clients/revoked-2.crl', RevocationType: 'CRL' }],
        },
      ],
      [
        'AddTags',
        {
          ResourceArns: [STORE_ARN],
          Tags: [{ Key: 'elbctl:revocations', Value: revocationsTagValue(['s3://shop-pki/clients/revoked-2.crl']) }],
        },
      ],
      [
        'ModifyListener',
        {
          ListenerArn: L443_ARN,
          MutualAuthentication: { Mode: 'verify', TrustStoreArn: STORE_ARN, IgnoreClientCertificateExpiry: true },
        },
      ],
    ]);
  });

  it('GIVEN the trust store removed from the file and its listener turned off WHEN applied THEN ModifyListener (off) runs before DeleteTrustStore, even with room to run both at once', async () => {
    elbv2.on(ModifyListenerCommand).resolves({ Listeners: [{ ListenerArn: L443_ARN, Port: 443, Protocol: 'HTTPS' }] });
    elbv2.on(DeleteTrustStoreCommand).resolves({});
    const p = plan(
      desiredOf(stackFile('{ mode: "off" }', '')),
      applied({ mode: 'verify', trustStoreArn: STORE_ARN, advertiseTrustStoreCaNames: true }),
    );

    const report = await applyPlan(aws(), p, { ...options(), concurrency: 4 });

    expect(report.done).toEqual(['listener:api:443', 'trust-store:clients']);
    expect(sent()).toEqual([
      ['ModifyListener', { ListenerArn: L443_ARN, MutualAuthentication: { Mode: 'off' } }],
      ['DeleteTrustStore', { TrustStoreArn: STORE_ARN }],
    ]);
  });

  it('GIVEN a trust store already gone when its delete runs WHEN applied THEN the delete counts as done (a re-run converges)', async () => {
    elbv2.on(ModifyListenerCommand).resolves({ Listeners: [{ ListenerArn: L443_ARN, Port: 443, Protocol: 'HTTPS' }] });
    elbv2.on(DeleteTrustStoreCommand).rejects(
      Object.assign(new Error('gone'), {
        name: 'TrustStoreNotFoundException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const p = plan(desiredOf(stackFile('{ mode: "off" }', '')), applied({ mode: 'verify', trustStoreArn: STORE_ARN }));

    const report = await applyPlan(aws(), p, options());

    expect(report.failed).toEqual([]);
    expect(report.done).toEqual(['listener:api:443', 'trust-store:clients']);
  });

  it('GIVEN a saved plan (JSON, read back) with a trust-store delete WHEN applied THEN it is accepted as version 1 and sends the same calls', async () => {
    elbv2.on(ModifyListenerCommand).resolves({ Listeners: [{ ListenerArn: L443_ARN, Port: 443, Protocol: 'HTTPS' }] });
    elbv2.on(DeleteTrustStoreCommand).resolves({});
    const made = plan(
      desiredOf(stackFile('{ mode: "off" }', '')),
      applied({ mode: 'verify', trustStoreArn: STORE_ARN }),
    );
    const saved = Plan.fromJSON(JSON.parse(JSON.stringify(made.toJSON())));

    const report = await applyPlan(aws(), saved, options());

    expect(report.done).toEqual(['listener:api:443', 'trust-store:clients']);
    expect(sent().map(([op]) => op)).toEqual(['ModifyListener', 'DeleteTrustStore']);
  });
});
