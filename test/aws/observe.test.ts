import {
  DescribeListenerCertificatesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  DescribeTrustStoreAssociationsCommand,
  DescribeTrustStoreRevocationsCommand,
  DescribeTrustStoresCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import { observe } from '../../src/aws/observe';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const lbArn = (i: number) => `${ACCOUNT}:loadbalancer/app/lb-${i}/${String(i).padStart(16, '0')}`;
const lb = (i: number): LoadBalancer => ({
  LoadBalancerName: `lb-${i}`,
  LoadBalancerArn: lbArn(i),
  Type: 'application',
  Scheme: 'internal',
  State: { Code: 'active' },
  AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' }],
});
const listenerArn = `${ACCOUNT}:listener/app/lb-7/0000000000000007/aaaa`;
const ruleArn = `${ACCOUNT}:listener-rule/app/lb-7/0000000000000007/aaaa/r1`;
const tgArn = `${ACCOUNT}:targetgroup/api/0000000000000001`;

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: Array.from({ length: 25 }, (_, i) => lb(i)) });
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      {
        TargetGroupName: 'api',
        TargetGroupArn: tgArn,
        Protocol: 'HTTP',
        Port: 80,
        TargetType: 'instance',
        VpcId: 'vpc-1',
      },
    ],
  });
  elbv2.on(DescribeTagsCommand).callsFake(async (input: { ResourceArns: string[] }) => ({
    TagDescriptions: input.ResourceArns.map((arn) => ({
      ResourceArn: arn,
      Tags:
        arn === lbArn(7) || arn === ruleArn
          ? [{ Key: 'elbctl:stack', Value: 'shop' }, ...(arn === ruleArn ? [{ Key: 'elbctl:rule', Value: 'api' }] : [])]
          : [],
    })),
  }));
  elbv2
    .on(DescribeLoadBalancerAttributesCommand)
    .resolves({ Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }] });
  elbv2.on(DescribeListenersCommand).callsFake(async (input: { LoadBalancerArn: string }) => ({
    Listeners:
      input.LoadBalancerArn === lbArn(7)
        ? [
            {
              ListenerArn: listenerArn,
              LoadBalancerArn: lbArn(7),
              Port: 443,
              Protocol: 'HTTPS',
              SslPolicy: 'p',
              Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/a' }],
              DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
            },
          ]
        : [],
  }));
  elbv2.on(DescribeListenerCertificatesCommand).resolves({
    Certificates: [
      { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/b', IsDefault: false },
      { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/a', IsDefault: true },
    ],
  });
  elbv2.on(DescribeRulesCommand).resolves({
    Rules: [
      {
        RuleArn: ruleArn,
        Priority: '1',
        IsDefault: false,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      },
      {
        RuleArn: `${ruleArn}-default`,
        Priority: 'default',
        IsDefault: true,
        Conditions: [],
        Actions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      },
    ],
  });
  elbv2.on(DescribeTargetGroupAttributesCommand).resolves({ Attributes: [] });
  elbv2.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: 'i-1', Port: 80 }, TargetHealth: { State: 'healthy' } },
      { Target: { Id: 'i-2', Port: 80 }, TargetHealth: { State: 'draining' } },
    ],
  });
});

describe('observe', () => {
  it('GIVEN 25 load balancers, one declared and one tagged WHEN observed THEN tags are read 20 ARNs a call and only those two are described in depth', async () => {
    const gateway = new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' }));
    const observed = await observe(gateway, { stack: 'shop', loadBalancers: ['lb-3'], targetGroups: ['api'] });

    const tagCalls = elbv2.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length);
    expect(tagCalls.slice(0, 2)).toEqual([20, 6]); // 25 load balancers + 1 target group
    expect(tagCalls.every((n) => (n ?? 0) <= 20)).toBe(true);
    expect(observed.loadBalancers.map((l) => l.name)).toEqual(['lb-3', 'lb-7']);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancerAttributesCommand, 2);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeListenersCommand, 2);

    const listener = observed.loadBalancers[1]?.listeners[0];
    expect(listener?.certificates).toEqual([
      'arn:aws:acm:us-east-1:123456789012:certificate/a',
      'arn:aws:acm:us-east-1:123456789012:certificate/b',
    ]);
    expect(listener?.rules).toEqual([
      {
        arn: ruleArn,
        priority: 1,
        conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
        actions: [{ type: 'forward', targetGroups: [{ targetGroupArn: tgArn }] }],
        transforms: [],
        tags: { 'elbctl:stack': 'shop', 'elbctl:rule': 'api' },
      },
    ]);
    // the draining target is already leaving: not counted as registered
    expect(observed.targetGroups[0]?.targets).toEqual([{ id: 'i-1', port: 80 }]);
  });
});

describe('observe: trust stores, only when the stack could touch one', () => {
  const storeArn = (name: string) => `${ACCOUNT}:truststore/${name}/8f2c4e6a1b3d5f70`;
  const gateway = () => new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' }));

  it('GIVEN no trust store declared and no listener verifying WHEN observed THEN no trust store call is made and none is reported', async () => {
    const observed = await observe(gateway(), { stack: 'shop', loadBalancers: ['lb-3'], targetGroups: [] });
    expect(observed.trustStores).toBeUndefined();
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTrustStoresCommand, 0);
  });

  it('GIVEN a declared trust store, one the stack owns, one a listener verifies with and one unrelated WHEN observed THEN the first three are read with tags, associations and revocation ids', async () => {
    elbv2.on(DescribeListenersCommand).callsFake(async (input: { LoadBalancerArn: string }) => ({
      Listeners:
        input.LoadBalancerArn === lbArn(7)
          ? [
              {
                ListenerArn: listenerArn,
                LoadBalancerArn: lbArn(7),
                Port: 443,
                Protocol: 'HTTPS',
                Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/a' }],
                DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
                MutualAuthentication: { Mode: 'verify', TrustStoreArn: storeArn('partners') },
              },
            ]
          : [],
    }));
    elbv2.on(DescribeTrustStoresCommand).resolves({
      TrustStores: ['clients', 'old', 'partners', 'unrelated'].map((n) => ({ Name: n, TrustStoreArn: storeArn(n) })),
    });
    elbv2.on(DescribeTagsCommand).callsFake(async (input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((arn) => ({
        ResourceArn: arn,
        Tags: arn === lbArn(7) || arn === storeArn('old') ? [{ Key: 'elbctl:stack', Value: 'shop' }] : [],
      })),
    }));
    elbv2.on(DescribeTrustStoreAssociationsCommand).callsFake(async (input: { TrustStoreArn: string }) => ({
      TrustStoreAssociations: input.TrustStoreArn === storeArn('partners') ? [{ ResourceArn: listenerArn }] : [],
    }));
    elbv2.on(DescribeTrustStoreRevocationsCommand).callsFake(async (input: { TrustStoreArn: string }) => ({
      TrustStoreRevocations:
        input.TrustStoreArn === storeArn('clients')
          ? [{ RevocationId: 4, RevocationType: 'CRL', NumberOfRevokedEntries: 12 }]
          : [],
    }));

    const observed = await observe(gateway(), {
      stack: 'shop',
      loadBalancers: [],
      targetGroups: [],
      trustStores: ['clients'],
    });

    expect(observed.trustStores).toEqual([
      { name: 'clients', arn: storeArn('clients'), tags: {}, listeners: [], revocations: [4] },
      { name: 'old', arn: storeArn('old'), tags: { 'elbctl:stack': 'shop' }, listeners: [], revocations: [] },
      { name: 'partners', arn: storeArn('partners'), tags: {}, listeners: [listenerArn], revocations: [] },
    ]);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTrustStoresCommand, 1);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTrustStoreAssociationsCommand, 3);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTrustStoreRevocationsCommand, 3);
  });
});
