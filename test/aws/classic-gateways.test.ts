/**
 * The Classic ELB and Route 53 gateways against aws-sdk-client-mock, with AWS's own answers where
 * the emulator differs: AWS names stickiness policies LBCookieStickinessPolicyType /
 * AppCookieStickinessPolicyType in DescribeLoadBalancerPolicies (moto says LbCookieStickinessPolicy),
 * and reports a listener's InstanceProtocol as set (moto repeats the front protocol).
 */
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingClient,
  ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  ChangeResourceRecordSetsCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { ElbGateway } from '../../src/aws/elb';
import { Route53Gateway } from '../../src/aws/route53';
import { Route53WeightedPair } from '../../src/aws/weighted-records';
import { findCutoverRecord } from '../../src/core/classic/cutover';

const elb = mockClient(ElasticLoadBalancingClient);
const route53 = mockClient(Route53Client);

beforeEach(() => {
  elb.reset();
  route53.reset();
});

describe('ElbGateway', () => {
  it('GIVEN AWS’s descriptions, policies and attributes WHEN a Classic load balancer is read THEN every policy kind, the listeners and the attributes map exactly', async () => {
    elb.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancerDescriptions: [
        {
          LoadBalancerName: 'web',
          DNSName: 'web-1.us-east-1.elb.amazonaws.com',
          CanonicalHostedZoneNameID: 'Z35SXDOTRQ7X7K',
          Scheme: 'internal',
          VPCId: 'vpc-0abc',
          Subnets: ['subnet-0aaa'],
          AvailabilityZones: ['us-east-1a'],
          SecurityGroups: ['sg-0lb'],
          ListenerDescriptions: [
            {
              Listener: {
                Protocol: 'HTTPS',
                LoadBalancerPort: 443,
                InstanceProtocol: 'HTTP',
                InstancePort: 8080,
                SSLCertificateId: 'arn:aws:iam::123456789012:server-certificate/web',
              },
              PolicyNames: ['AWSConsole-SSLNegotiationPolicy-web', 'sticky'],
            },
          ],
          BackendServerDescriptions: [{ InstancePort: 8443, PolicyNames: ['pp', 'auth'] }],
          HealthCheck: {
            Target: 'HTTP:8080/healthz',
            Interval: 10,
            Timeout: 5,
            HealthyThreshold: 3,
            UnhealthyThreshold: 2,
          },
          Instances: [{ InstanceId: 'i-0aaa' }],
          Policies: {
            LBCookieStickinessPolicies: [{ PolicyName: 'sticky', CookieExpirationPeriod: 600 }],
            AppCookieStickinessPolicies: [],
          },
        },
      ],
    });
    elb
      .on(DescribeTagsCommand)
      .resolves({ TagDescriptions: [{ LoadBalancerName: 'web', Tags: [{ Key: 'team', Value: 'web' }] }] });
    elb.on(DescribeLoadBalancerPoliciesCommand).resolves({
      PolicyDescriptions: [
        {
          PolicyName: 'sticky',
          PolicyTypeName: 'LBCookieStickinessPolicyType',
          PolicyAttributeDescriptions: [{ AttributeName: 'CookieExpirationPeriod', AttributeValue: '600' }],
        },
        {
          PolicyName: 'AWSConsole-SSLNegotiationPolicy-web',
          PolicyTypeName: 'SSLNegotiationPolicyType',
          PolicyAttributeDescriptions: [
            { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
            { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
          ],
        },
        {
          PolicyName: 'pp',
          PolicyTypeName: 'ProxyProtocolPolicyType',
          PolicyAttributeDescriptions: [{ AttributeName: 'ProxyProtocol', AttributeValue: 'true' }],
        },
        {
          PolicyName: 'auth',
          PolicyTypeName: 'BackendServerAuthenticationPolicyType',
          PolicyAttributeDescriptions: [],
        },
        { PolicyName: 'ELBSample-Other', PolicyTypeName: 'SomeNewPolicyType', PolicyAttributeDescriptions: [] },
      ],
    });
    elb.on(DescribeLoadBalancerAttributesCommand).resolves({
      LoadBalancerAttributes: {
        CrossZoneLoadBalancing: { Enabled: true },
        ConnectionDraining: { Enabled: false, Timeout: 300 },
        ConnectionSettings: { IdleTimeout: 120 },
        AccessLog: { Enabled: true, S3BucketName: 'logs', S3BucketPrefix: 'web', EmitInterval: 5 },
      },
    });

    const c = await new ElbGateway(new ElasticLoadBalancingClient({ region: 'us-east-1' })).find('web');

    expect(c).toEqual({
      name: 'web',
      dnsName: 'web-1.us-east-1.elb.amazonaws.com',
      canonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
      scheme: 'internal',
      vpcId: 'vpc-0abc',
      subnets: ['subnet-0aaa'],
      availabilityZones: ['us-east-1a'],
      securityGroups: ['sg-0lb'],
      listeners: [
        {
          protocol: 'HTTPS',
          port: 443,
          instanceProtocol: 'HTTP',
          instancePort: 8080,
          certificateId: 'arn:aws:iam::123456789012:server-certificate/web',
          policyNames: ['AWSConsole-SSLNegotiationPolicy-web', 'sticky'],
        },
      ],
      healthCheck: {
        target: 'HTTP:8080/healthz',
        interval: 10,
        timeout: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 2,
      },
      instances: ['i-0aaa'],
      backends: [{ instancePort: 8443, policyNames: ['pp', 'auth'] }],
      policies: [
        { kind: 'lb-cookie', name: 'sticky', expirationSeconds: 600 },
        {
          kind: 'ssl-negotiation',
          name: 'AWSConsole-SSLNegotiationPolicy-web',
          reference: 'ELBSecurityPolicy-TLS-1-2-2017-01',
        },
        { kind: 'proxy-protocol', name: 'pp' },
        { kind: 'backend-authentication', name: 'auth' },
        { kind: 'other', name: 'ELBSample-Other', type: 'SomeNewPolicyType' },
      ],
      attributes: {
        crossZone: true,
        draining: { enabled: false, timeoutSeconds: 300 },
        idleTimeoutSeconds: 120,
        accessLog: { enabled: true, bucket: 'logs', prefix: 'web', intervalMinutes: 5 },
      },
      tags: { team: 'web' },
    });
    expect(elb).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerNames: ['web'] });
  });

  it('GIVEN a name the Classic API does not know WHEN found THEN undefined, not an error', async () => {
    elb.on(DescribeLoadBalancersCommand).rejects(
      Object.assign(new Error('There is no ACTIVE Load Balancer named web'), {
        name: 'AccessPointNotFoundException',
        Code: 'LoadBalancerNotFound',
      }),
    );
    expect(await new ElbGateway(new ElasticLoadBalancingClient({ region: 'us-east-1' })).find('web')).toBeUndefined();
  });

  it('GIVEN a draining timeout alone WHEN attributes are changed THEN the block is sent whole, nothing else', async () => {
    elb.on(ModifyLoadBalancerAttributesCommand).resolves({});
    await new ElbGateway(new ElasticLoadBalancingClient({ region: 'us-east-1' })).modifyAttributes('web', {
      draining: { enabled: true, timeoutSeconds: 30 },
    });
    expect(elb.commandCalls(ModifyLoadBalancerAttributesCommand).map((c) => c.args[0].input)).toEqual([
      { LoadBalancerName: 'web', LoadBalancerAttributes: { ConnectionDraining: { Enabled: true, Timeout: 30 } } },
    ]);
  });
});

describe('Route53Gateway and the weighted pair', () => {
  const gateway = () => new Route53Gateway(new Route53Client({ region: 'us-east-1' }));

  it('GIVEN a zone name WHEN looked up THEN only zones of exactly that name, public and private', async () => {
    route53.on(ListHostedZonesByNameCommand).resolves({
      HostedZones: [
        { Id: '/hostedzone/Z1', Name: 'example.com.', CallerReference: 'a', Config: { PrivateZone: false } },
        { Id: '/hostedzone/Z2', Name: 'example.com.', CallerReference: 'b', Config: { PrivateZone: true } },
        { Id: '/hostedzone/Z3', Name: 'example.net.', CallerReference: 'c' },
      ],
      IsTruncated: false,
      MaxItems: 100,
    });
    expect(await gateway().zonesNamed('Example.com')).toEqual([
      { id: 'Z1', name: 'example.com.', private: false },
      { id: 'Z2', name: 'example.com.', private: true },
    ]);
    expect(route53).toHaveReceivedCommandWith(ListHostedZonesByNameCommand, { DNSName: 'example.com.', MaxItems: 100 });
  });

  it('GIVEN a zone ID that does not exist WHEN read THEN undefined', async () => {
    route53
      .on(GetHostedZoneCommand)
      .rejects(Object.assign(new Error('No hosted zone found'), { name: 'NoSuchHostedZone' }));
    expect(await gateway().zoneById('Z404')).toBeUndefined();
  });

  it('GIVEN a CNAME to the Classic load balancer WHEN the pair 100/0 is written THEN exactly one ChangeResourceRecordSets call: DELETE the CNAME, UPSERT both weighted', async () => {
    const cname = {
      Name: 'www.example.com.',
      Type: 'CNAME' as const,
      TTL: 60,
      ResourceRecords: [{ Value: 'web-1.us-east-1.elb.amazonaws.com' }],
    };
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves({ ResourceRecordSets: [cname], IsTruncated: false, MaxItems: 100 });
    route53
      .on(ChangeResourceRecordSetsCommand)
      .resolves({ ChangeInfo: { Id: '/change/C1', Status: 'INSYNC', SubmittedAt: new Date() } });
    const g = gateway();
    const found = findCutoverRecord(
      await g.recordsNamed('Z1', 'www.example.com'),
      'www.example.com',
      { label: 'classic "web"', dnsName: 'web-1.us-east-1.elb.amazonaws.com' },
      { label: 'application "web"', dnsName: 'web-2.us-east-1.elb.amazonaws.com' },
    );
    if (!found.ok) throw new Error(found.why);

    await new Route53WeightedPair(g, 'Z1', found.pair).write({ kind: 'split', split: { from: 100, to: 0 } });

    expect(route53.commandCalls(ChangeResourceRecordSetsCommand).map((c) => c.args[0].input)).toEqual([
      {
        HostedZoneId: 'Z1',
        ChangeBatch: {
          Comment: 'elbctl migrate: 100/0 classic "web" / application "web"',
          Changes: [
            { Action: 'DELETE', ResourceRecordSet: cname },
            {
              Action: 'UPSERT',
              ResourceRecordSet: { ...cname, SetIdentifier: 'elbctl-classic', Weight: 100 },
            },
            {
              Action: 'UPSERT',
              ResourceRecordSet: {
                ...cname,
                SetIdentifier: 'elbctl-new',
                Weight: 0,
                ResourceRecords: [{ Value: 'web-2.us-east-1.elb.amazonaws.com' }],
              },
            },
          ],
        },
      },
    ]);
  });
});
