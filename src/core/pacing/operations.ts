/** Which bucket of the rate table each AWS API action draws from. */
import { RATE_TABLE } from './table';

type Rule = readonly [pattern: RegExp, bucket: string];

/**
 * ELB (both API versions): non-mutating actions share one bucket, target (or instance)
 * registration has its own, Modify* its own, every other mutating action the `write` bucket.
 */
const ELB_RULES: readonly Rule[] = [
  [/^(Describe|Get)/, 'read'],
  [/^(Register|Deregister)/, 'register'],
  [/^Modify/, 'modify'],
  [/./, 'write'],
];

const RULES: Readonly<Record<string, readonly Rule[]>> = {
  elbv2: ELB_RULES,
  elb: ELB_RULES,
  ec2: [
    [/^(Describe|Get|List|Search)/, 'read'],
    [/./, 'write'],
  ],
  cloudwatch: [
    [/^GetMetricData$/, 'get-metric-data'],
    [/^DescribeAlarms$/, 'describe-alarms'],
    [
      /^(PutMetricAlarm|PutCompositeAlarm|DeleteAlarms|SetAlarmState|EnableAlarmActions|DisableAlarmActions|DescribeAlarmHistory|DescribeAlarmsForMetric)$/,
      'alarms',
    ],
    [/^PutMetricData$/, 'put-metric-data'],
    [/./, 'other'],
  ],
  acm: [
    [/^(DescribeCertificate|GetCertificate|ListTagsForCertificate|DeleteCertificate)$/, 'describe'],
    [/^ListCertificates$/, 'list'],
    [
      /^(RequestCertificate|AddTagsToCertificate|RemoveTagsFromCertificate|RenewCertificate|UpdateCertificateOptions|ExportCertificate)$/,
      'write',
    ],
    [/./, 'other'],
  ],
  route53: [[/./, 'all']],
  sts: [[/./, 'all']],
  servicequotas: [
    [/^(GetServiceQuota|GetAWSDefaultServiceQuota|GetRequestedServiceQuotaChange)$/, 'get'],
    [/^(ListServiceQuotas|ListAWSDefaultServiceQuotas)$/, 'list'],
    [/./, 'other'],
  ],
  wafv2: [
    [/^(AssociateWebACL|DisassociateWebACL)$/, 'associate'],
    [/^(GetWebACLForResource|ListResourcesForWebACL)$/, 'lookup'],
    [/./, 'other'],
  ],
};

/**
 * The bucket an action of a service draws from, e.g. `("elbv2", "CreateRule")` → `write`;
 * undefined for a service the table does not know (such calls are counted, never paced).
 */
export function bucketFor(service: string, operation: string): string | undefined {
  const rules = RULES[service];
  if (!rules || !RATE_TABLE[service]) return undefined;
  return rules.find(([pattern]) => pattern.test(operation))?.[1];
}
