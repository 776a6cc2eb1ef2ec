import { bucketFor } from '../../../src/core/pacing/operations';
import { RATE_TABLE } from '../../../src/core/pacing/table';

describe('the operation → bucket map', () => {
  it.each([
    // ELBv2: what elbctl calls today
    ...[
      'DescribeLoadBalancers',
      'DescribeListeners',
      'DescribeRules',
      'DescribeTags',
      'DescribeTargetGroups',
      'DescribeTargetHealth',
      'DescribeListenerCertificates',
      'DescribeLoadBalancerAttributes',
      'DescribeTargetGroupAttributes',
      'DescribeSSLPolicies',
      'DescribeTrustStores',
      'GetResourcePolicy',
    ].map((op) => ['elbv2', op, 'read']),
    ...['RegisterTargets', 'DeregisterTargets'].map((op) => ['elbv2', op, 'register']),
    ...[
      'ModifyListener',
      'ModifyRule',
      'ModifyTargetGroup',
      'ModifyTargetGroupAttributes',
      'ModifyLoadBalancerAttributes',
      'ModifyListenerAttributes',
      'ModifyTrustStore',
    ].map((op) => ['elbv2', op, 'modify']),
    ...[
      'CreateLoadBalancer',
      'CreateListener',
      'CreateRule',
      'CreateTargetGroup',
      'DeleteLoadBalancer',
      'DeleteListener',
      'DeleteRule',
      'DeleteTargetGroup',
      'AddTags',
      'RemoveTags',
      'AddListenerCertificates',
      'RemoveListenerCertificates',
      'SetRulePriorities',
      'SetSubnets',
      'SetSecurityGroups',
      'SetIpAddressType',
      'CreateTrustStore',
    ].map((op) => ['elbv2', op, 'write']),
    // Classic ELB (migrate, clb)
    ['elb', 'DescribeLoadBalancers', 'read'],
    ['elb', 'DescribeInstanceHealth', 'read'],
    ['elb', 'RegisterInstancesWithLoadBalancer', 'register'],
    ['elb', 'DeregisterInstancesFromLoadBalancer', 'register'],
    ['elb', 'ModifyLoadBalancerAttributes', 'modify'],
    ['elb', 'ConfigureHealthCheck', 'write'],
    ['elb', 'DeleteLoadBalancer', 'write'],
    // EC2: reads only
    ...[
      'DescribeSubnets',
      'DescribeVpcs',
      'DescribeSecurityGroups',
      'DescribeInstances',
      'DescribeNetworkInterfaces',
      'DescribeAvailabilityZones',
    ].map((op) => ['ec2', op, 'read']),
    ['ec2', 'CreateTags', 'write'],
    // CloudWatch: metrics and alarms
    ['cloudwatch', 'GetMetricData', 'get-metric-data'],
    ['cloudwatch', 'DescribeAlarms', 'describe-alarms'],
    ['cloudwatch', 'PutMetricAlarm', 'alarms'],
    ['cloudwatch', 'DeleteAlarms', 'alarms'],
    ['cloudwatch', 'SetAlarmState', 'alarms'],
    ['cloudwatch', 'PutMetricData', 'put-metric-data'],
    ['cloudwatch', 'ListMetrics', 'other'],
    // ACM, Route 53, STS, Service Quotas, WAFv2
    ['acm', 'ListCertificates', 'list'],
    ['acm', 'DescribeCertificate', 'describe'],
    ['acm', 'RequestCertificate', 'write'],
    ['acm', 'ImportCertificate', 'other'],
    ['route53', 'ListHostedZonesByName', 'all'],
    ['route53', 'ChangeResourceRecordSets', 'all'],
    ['sts', 'GetCallerIdentity', 'all'],
    ['sts', 'AssumeRole', 'all'],
    ['servicequotas', 'GetServiceQuota', 'get'],
    ['servicequotas', 'ListServiceQuotas', 'list'],
    ['servicequotas', 'RequestServiceQuotaIncrease', 'other'],
    ['wafv2', 'AssociateWebACL', 'associate'],
    ['wafv2', 'GetWebACLForResource', 'lookup'],
    ['wafv2', 'GetWebACL', 'other'],
  ])('GIVEN %s %s WHEN mapped THEN it draws from %s', (service, operation, bucket) => {
    expect(bucketFor(service, operation)).toBe(bucket);
    expect(RATE_TABLE[service]?.buckets[bucket]).toBeDefined();
  });

  it('GIVEN a service outside the table WHEN mapped THEN there is no bucket', () => {
    expect(bucketFor('s3', 'GetObject')).toBeUndefined();
  });
});

describe('the rate table', () => {
  it('GIVEN every bucket WHEN read THEN it has a positive size, a source, and a note wherever the number was not read on an AWS page', () => {
    for (const [service, spec] of Object.entries(RATE_TABLE)) {
      for (const [name, b] of Object.entries(spec.buckets)) {
        const where = `${service}.${name}`;
        expect([where, b.capacity >= 1, b.refillPerSecond > 0, b.source.length > 20]).toEqual([
          where,
          true,
          true,
          true,
        ]);
        if (b.provenance !== 'documented') expect([where, (b.note ?? '').length > 0]).toEqual([where, true]);
      }
    }
  });

  it('GIVEN the ELB API WHEN read THEN the non-mutating bucket is the documented 40 tokens at 10 per second', () => {
    expect(RATE_TABLE.elbv2?.buckets.read).toMatchObject({
      capacity: 40,
      refillPerSecond: 10,
      provenance: 'documented',
    });
  });
});
