/**
 * `plan` of a stack with trust stores, through the command (file → scope → observe → plan →
 * output), against a mocked account: moto 5.2.1 has no trust stores.
 */
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTrustStoreAssociationsCommand,
  DescribeTrustStoreRevocationsCommand,
  DescribeTrustStoresCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);
const STORE_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore/partners/8f2c4e6a1b3d5f70';
const VPC = 'vpc-0123456789abcdef0';

type Filtered = { Filters?: Array<{ Values?: string[] }> };
const asked = (input: Filtered) => input.Filters?.[0]?.Values ?? [];

beforeEach(() => {
  elbv2.reset();
  ec2.reset();
  ec2.on(DescribeSubnetsCommand).callsFake((input: Filtered) => ({
    Subnets: asked(input).map((id, i) => ({ SubnetId: id, VpcId: VPC, AvailabilityZone: `us-east-1${'abc'[i]}` })),
  }));
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input: Filtered) => ({
    SecurityGroups: asked(input).map((id) => ({ GroupId: id, VpcId: VPC })),
  }));
  ec2.on(DescribeVpcsCommand).callsFake((input: Filtered) => ({
    Vpcs: asked(input).map((id) => ({ VpcId: id, CidrBlock: '10.0.0.0/16' })),
  }));
  ec2.on(DescribeInstancesCommand).callsFake((input: Filtered) => ({
    Reservations: [
      { Instances: asked(input).map((id) => ({ InstanceId: id, State: { Name: 'running' }, VpcId: VPC })) },
    ],
  }));
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  elbv2.on(DescribeTrustStoreAssociationsCommand).resolves({ TrustStoreAssociations: [] });
  elbv2.on(DescribeTrustStoreRevocationsCommand).resolves({ TrustStoreRevocations: [] });
});

const dir = mkdtempSync(join(tmpdir(), 'elbctl-trust-'));
const example = readFileSync('examples/mtls-api.yaml', 'utf8');

interface PlanJson {
  changes: Array<{ id: string; action: string; after?: { mutualTls?: unknown } | null }>;
  unmanaged: Array<{ reason: string; message: string; blocks: string[] }>;
}

describe('plan of a stack with trust stores', () => {
  it('GIVEN the example’s trust store already there with the bundle elbctl sent WHEN planned THEN it is read by name, only its unrecorded revocation list is planned, and the API listener gets its ARN', async () => {
    elbv2.on(DescribeTrustStoresCommand).resolves({ TrustStores: [{ Name: 'partners', TrustStoreArn: STORE_ARN }] });
    elbv2.on(DescribeTagsCommand).callsFake(async (input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((arn) => ({
        ResourceArn: arn,
        Tags:
          arn === STORE_ARN
            ? [
                { Key: 'elbctl:stack', Value: 'shop-partners' },
                { Key: 'team', Value: 'partner-integrations' },
                { Key: 'elbctl:ca-certificates', Value: 's3://shop-pki-example/partners/ca-bundle.pem' },
              ]
            : [],
      })),
    }));
    // No elbctl:revocations tag: the file's revocation list was never recorded as sent, so the plan sends it.
    const r = await elbctl(['plan', '-f', 'examples/mtls-api.yaml', '-o', 'json']);

    expect(r.code).toBe(0);
    const plan = r.json<PlanJson>();
    expect(plan.unmanaged).toEqual([]);
    expect(plan.changes.find((c) => c.id === 'trust-store:partners')).toMatchObject({
      action: 'update',
      after: { revocations: ['s3://shop-pki-example/partners/revoked.crl'] },
    });
    expect(plan.changes.find((c) => c.id === 'listener:shop-partners:8443')?.after?.mutualTls).toEqual({
      mode: 'verify',
      trustStore: 'partners',
      trustStoreArn: STORE_ARN,
      advertiseCaNames: true,
    });
    expect(elbv2.commandCalls(DescribeTrustStoresCommand)).toHaveLength(1);
    expect(
      elbv2
        .calls()
        .map((c) => c.args[0].constructor.name)
        .filter((n) => !/^Describe/.test(n)),
    ).toEqual([]);
  });

  it('GIVEN a trust store declared by name only that the account lacks WHEN planned THEN exit 1, the plan says what to add and that the listener waits on it', async () => {
    elbv2.on(DescribeTrustStoresCommand).resolves({ TrustStores: [] });
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
    const file = join(dir, 'name-only.yaml');
    writeFileSync(file, example.replace(/trustStores:[\s\S]*$/, 'trustStores:\n  - name: partners\n'));

    const r = await elbctl(['plan', '-f', file, '-o', 'table']);

    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '! trust store "partners": does not exist in this account and Region, and the stack file gives no caCertificates to create it from; add caCertificates: s3://BUCKET/KEY to its entry, or create it first (elbctl trust-store create)',
    );
    expect(r.stderr).toContain('the apply would refuse this plan: 1 unmanaged resource(s) stand in the way');
  });
});

describe('validate of a stack with trust stores', () => {
  it('GIVEN the mTLS example WHEN validated THEN the summary counts its trust store, with no AWS call', async () => {
    const r = await elbctl(['validate', '-f', 'examples/mtls-api.yaml', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'examples/mtls-api.yaml: valid — stack "shop-partners": 1 load balancer, 2 listeners, 1 rule, 3 target groups, 1 trust store\n',
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});
