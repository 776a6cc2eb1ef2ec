/** AWS's published API rate limits as token buckets: a dated table, each number with where it comes from. */

/**
 * How a service's buckets are keyed. `shared`: one bucket per class for the account and region
 * (every ELB non-mutating call draws from the same 40 tokens). `per-operation`: every API action
 * has its own bucket of the class's size (EC2 evaluates each API individually; CloudWatch, ACM,
 * Service Quotas and WAF publish a quota per action).
 */
type BucketScope = 'shared' | 'per-operation';

/** How a number in the table is known. */
type Provenance =
  /** Read on the AWS page cited, on the date of the table. */
  | 'documented'
  /** Read in a maintained tool that cites the AWS page (the page's own table could not be read here). */
  | 'cited'
  /** No published number was found: a conservative assumption, said so in `note`. Override it if you know better. */
  | 'assumed';

interface BucketSpec {
  /** Tokens the bucket holds when full: the burst. */
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
  readonly provenance: Provenance;
  readonly source: string;
  readonly note?: string;
}

export interface ServiceSpec {
  readonly scope: BucketScope;
  /** The region a bucket is keyed by when the service is global (Route 53), instead of the client's region. */
  readonly globalRegion?: string;
  readonly buckets: Readonly<Record<string, BucketSpec>>;
}

/** When the numbers below were last checked against their sources. */
export const RATE_TABLE_DATE = '2026-12-06';

const ELB_PAGE =
  'ELB user guide, "Request throttling for the ELB API" (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html)';
const LBC_DEFAULTS =
  'aws-load-balancer-controller pkg/aws/throttle/defaults.go, aligned with the ELB page\'s "bucket capacity and refill rate" table in its PR #4641 (2026)';
const EC2_PAGE =
  'EC2 developer guide, "Request throttling for the Amazon EC2 API" (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html)';
const CW_PAGE =
  'CloudWatch user guide, "CloudWatch service quotas" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html)';
const ACM_PAGE =
  'ACM user guide, "Quotas", API rate quotas (https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html), as quoted in a public answer; the page itself could not be read here';
const R53_PAGE =
  'Route 53 developer guide, "Quotas", API requests (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html)';
const SQ_PAGE =
  'Service Quotas user guide, "Service quotas for Service Quotas", API request rates (https://docs.aws.amazon.com/servicequotas/latest/userguide/reference_limits.html)';
const WAF_CITED =
  'aws-load-balancer-controller pkg/aws/throttle/defaults.go, which cites the AWS WAF quotas page (https://docs.aws.amazon.com/waf/latest/developerguide/limits.html)';
const STS_BLOG =
  'AWS security blog, "How to monitor and query IAM resources at scale – Part 2" (STS uses token buckets per API; sizes not published)';

/** A TPS quota as a bucket: the quota's worth of calls at once, refilled at the quota. */
const tps = (n: number, provenance: Provenance, source: string, note?: string): BucketSpec => ({
  capacity: n,
  refillPerSecond: n,
  provenance,
  source,
  ...(note ? { note } : {}),
});

/**
 * The ELB API's buckets, one set per API version. Only the non-mutating bucket (40 tokens, 10
 * per second) could be read on the AWS page here; the register and modify buckets are the
 * aws-load-balancer-controller's, which aligned them with that page; no number was found for
 * the other mutating actions (Create*, Delete*, Add*, Remove*, Set*), so they are assumed to
 * share the smallest mutating bucket found (20 tokens, 3 per second).
 */
const ELB_BUCKETS: Readonly<Record<string, BucketSpec>> = {
  read: { capacity: 40, refillPerSecond: 10, provenance: 'documented', source: ELB_PAGE, note: 'Describe*' },
  register: {
    capacity: 20,
    refillPerSecond: 4,
    provenance: 'cited',
    source: LBC_DEFAULTS,
    note: 'RegisterTargets, DeregisterTargets',
  },
  modify: { capacity: 20, refillPerSecond: 3, provenance: 'cited', source: LBC_DEFAULTS, note: 'Modify*' },
  write: {
    capacity: 20,
    refillPerSecond: 3,
    provenance: 'assumed',
    source: ELB_PAGE,
    note: 'Create*, Delete*, Add*, Remove*, Set*: no number found; assumed equal to the Modify* bucket',
  },
};

export const RATE_TABLE: Readonly<Record<string, ServiceSpec>> = {
  elbv2: { scope: 'shared', buckets: ELB_BUCKETS },
  /** Classic: the ELB page says API version 1 has its own buckets; their sizes are assumed to be version 2's. */
  elb: {
    scope: 'shared',
    buckets: Object.fromEntries(
      Object.entries(ELB_BUCKETS).map(([name, spec]) => [
        name,
        {
          ...spec,
          provenance: 'assumed' as const,
          note: `${spec.note ?? ''}; API version 1 has its own buckets, assumed the size of version 2's`,
        },
      ]),
    ),
  },
  ec2: {
    scope: 'per-operation',
    buckets: {
      read: { capacity: 100, refillPerSecond: 20, provenance: 'documented', source: EC2_PAGE, note: 'Describe*' },
      write: {
        capacity: 50,
        refillPerSecond: 5,
        provenance: 'assumed',
        source: EC2_PAGE,
        note: 'mutating actions: the page has a table by category that could not be read here; elbctl never mutates EC2',
      },
    },
  },
  cloudwatch: {
    scope: 'per-operation',
    buckets: {
      'get-metric-data': tps(50, 'documented', CW_PAGE, 'GetMetricData, 50 TPS, adjustable'),
      'describe-alarms': tps(9, 'documented', CW_PAGE, 'DescribeAlarms, 9 TPS'),
      alarms: tps(
        3,
        'documented',
        CW_PAGE,
        'DeleteAlarms, SetAlarmState, EnableAlarmActions, DisableAlarmActions, DescribeAlarmHistory, DescribeAlarmsForMetric: 3 TPS each; PutMetricAlarm assumed the same',
      ),
      'put-metric-data': tps(500, 'documented', CW_PAGE, 'PutMetricData, 500 TPS'),
      other: tps(
        10,
        'assumed',
        CW_PAGE,
        'GetMetricStatistics, ListMetrics and the rest: no number read here; assumed 10 TPS',
      ),
    },
  },
  acm: {
    scope: 'per-operation',
    buckets: {
      describe: tps(
        10,
        'cited',
        ACM_PAGE,
        'DescribeCertificate, GetCertificate, ListTagsForCertificate, DeleteCertificate',
      ),
      list: tps(1, 'cited', ACM_PAGE, 'ListCertificates'),
      write: tps(
        5,
        'cited',
        ACM_PAGE,
        'RequestCertificate, AddTagsToCertificate, RemoveTagsFromCertificate, RenewCertificate, UpdateCertificateOptions, ExportCertificate',
      ),
      other: tps(1, 'cited', ACM_PAGE, 'ImportCertificate, ResendValidationEmail, Get/PutAccountConfiguration'),
    },
  },
  route53: {
    scope: 'shared',
    globalRegion: 'global',
    buckets: { all: tps(5, 'documented', R53_PAGE, 'all requests: five per second per account') },
  },
  sts: {
    scope: 'per-operation',
    buckets: {
      all: {
        capacity: 10,
        refillPerSecond: 10,
        provenance: 'assumed',
        source: STS_BLOG,
        note: 'bucket sizes are not published; elbctl calls STS at most a few times a run',
      },
    },
  },
  servicequotas: {
    scope: 'per-operation',
    buckets: {
      get: {
        capacity: 10,
        refillPerSecond: 5,
        provenance: 'documented',
        source: SQ_PAGE,
        note: 'GetServiceQuota, GetAWSDefaultServiceQuota, GetRequestedServiceQuotaChange: 5 per second plus 5 in one burst',
      },
      list: {
        capacity: 20,
        refillPerSecond: 10,
        provenance: 'documented',
        source: SQ_PAGE,
        note: 'ListServiceQuotas, ListAWSDefaultServiceQuotas: 10 per second plus 10 in one burst',
      },
      other: {
        capacity: 10,
        refillPerSecond: 5,
        provenance: 'documented',
        source: SQ_PAGE,
        note: 'the request-history and other calls: 5 per second plus 5 in one burst',
      },
    },
  },
  wafv2: {
    scope: 'per-operation',
    buckets: {
      associate: {
        capacity: 1,
        refillPerSecond: 0.5,
        provenance: 'cited',
        source: WAF_CITED,
        note: 'AssociateWebACL, DisassociateWebACL: one call every two seconds',
      },
      lookup: tps(1, 'cited', WAF_CITED, 'GetWebACLForResource, ListResourcesForWebACL'),
      other: tps(5, 'assumed', WAF_CITED, 'GetWebACL, ListWebACLs and the rest: no number found; assumed 5 TPS'),
    },
  },
};

/** Every `service.bucket` name the table knows, as ELBCTL_API_RATES spells them. */
export function bucketNames(): string[] {
  return Object.entries(RATE_TABLE).flatMap(([service, spec]) =>
    Object.keys(spec.buckets).map((b) => `${service}.${b}`),
  );
}
