/**
 * The stack file schema (YAML, `version: 1`). This zod schema is THE definition: the loader
 * parses with it, and docs/stack.schema.json is generated from it (json-schema.ts), so the
 * editor's schema and the validator never disagree.
 *
 * Everything here is about the shape of one value (types, enums, ranges, name and ID formats,
 * unknown keys). Rules that relate values to each other (references, protocol pairings,
 * quotas, cross-zone semantics) live in validate.ts.
 *
 * Messages: checks that have a house-style message in src/core/validate.ts reuse it through
 * the check's `error` function; the generic ones (missing, wrong type, unknown key, enum) are
 * written by problems.ts from the issue, which knows the path and the document.
 */
import * as z from 'zod';
import { HEALTH_CHECK_LIMITS, HEALTH_CHECK_PROTOCOLS } from '../rules/health-check';
import { IP_ADDRESS_TYPES, LOAD_BALANCER_TYPES, SCHEMES } from '../rules/load-balancer';
import { ALLOCATION_ID, allocationIdProblem } from '../rules/subnet-mappings';
import {
  CERTIFICATE_ARN,
  certificateArnProblem,
  LOAD_BALANCER_NAME,
  loadBalancerNameProblem,
  REGION,
  RESOURCE_NAME,
  RULE_NAME,
  regionProblem,
  ruleNameProblem,
  SECURITY_GROUP_ID,
  SSL_POLICY,
  SUBNET_ID,
  securityGroupIdProblem,
  sslPolicyNameProblem,
  stackNameProblem,
  subnetIdProblem,
  targetGroupNameProblem,
  VPC_ID,
  vpcIdProblem,
} from '../rules/names';
import { MAX_PRIORITY, MIN_PRIORITY } from '../rules/rule';
import { PRESETS } from '../alarms/preset';
import { SNS_TOPIC, snsTopicProblem } from '../rules/alarms';
import { ALGORITHMS, PROTOCOL_VERSIONS, STICKINESS_TYPES, TARGET_TYPES } from '../rules/target-group';
import { MAX_PORT, MIN_PORT } from '../rules/values';
import { ALPN_POLICIES, LISTENER_PROTOCOLS, RECOMMENDED_SSL_POLICY } from '../rules/listener';
import { TARGET_GROUP_PROTOCOLS } from '../rules/target-group';
import { MUTUAL_TLS_MODES, parseS3Url, S3_URL, TRUST_STORE_NAME, trustStoreNameProblem } from '../rules/trust-store';
import {
  actionSchema,
  authenticateSchema,
  type leadingActionSchema,
  rawSchema,
  transformSchema,
} from './schema-actions';
import { patterned, wholeNumber } from './schema-base';

export { anyName, PATTERN_CODES } from './schema-base';
export { actionSchema };

export const STACK_FILE_VERSION = 1;

// ------------------------------------------------------------------ names and IDs

const loadBalancerNameSchema = patterned(LOAD_BALANCER_NAME, loadBalancerNameProblem, 'not a valid load balancer name');
const targetGroupNameSchema = patterned(RESOURCE_NAME, targetGroupNameProblem, 'not a valid target group name');

// ------------------------------------------------------------------ shared pieces

/**
 * Attribute values are strings to AWS; YAML writes `true` and `60` unquoted, so booleans and
 * numbers are accepted and turned into their text by defaults.ts.
 */
const attributeValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * `attributes.raw` (defaults.ts RAW_ATTRIBUTES_KEY): keys elbctl does not judge (a key AWS adds
 * later, or a value AWS accepted that elbctl's check refuses), written by export with a warning;
 * apply sends them back unchanged. The one map among the attribute values: validate.ts refuses a
 * map under any other key, and a value that is not a map under raw.
 */
const attributesSchema = z
  .record(
    z.string(),
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.record(z.string(), attributeValue).meta({
        description:
          'Under the key raw only: attributes elbctl does not judge, KEY: VALUE, sent to AWS unchanged (export writes keys it does not know here, with a warning).',
      }),
    ]),
  )
  .meta({
    description:
      'Any other attribute, by its AWS key (e.g. idle_timeout.timeout_seconds: 60), checked against the documented keys and ranges. Only the keys written here are compared with the live resource. raw: {KEY: VALUE} holds keys elbctl does not judge.',
  });

/** Tag values are strings to AWS; YAML's `true` and `60` are accepted and turned into their text (defaults.ts). */
const tagsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).meta({
  description:
    "Your tags, KEY: VALUE. Left out: the resource's tags are not managed. Written (even {}): exactly these, added, changed and removed by apply. Keys beginning with aws: or elbctl: are reserved; elbctl adds its own (elbctl:stack, …), which count toward the 50 per resource.",
});

// ------------------------------------------------------------------ rules and listeners

const stringList = z.array(z.string());

export const conditionsSchema = z
  .strictObject({
    path: stringList.optional().meta({ description: 'Path patterns (case-sensitive, * and ? wildcards).' }),
    host: stringList.optional().meta({ description: 'Host names (case-insensitive, * and ? wildcards).' }),
    headers: z.record(z.string(), stringList).optional().meta({ description: 'Header name → accepted values.' }),
    query: z
      .array(z.strictObject({ key: z.string().optional(), value: z.string() }))
      .optional()
      .meta({ description: 'Query-string pairs; leave key out to match the value under any key.' }),
    methods: stringList.optional().meta({ description: 'HTTP methods, upper case.' }),
    sourceIps: stringList.optional().meta({ description: 'Client CIDR blocks.' }),
    pathRegex: stringList.optional().meta({ description: 'Path regular expressions (instead of path).' }),
    hostRegex: stringList.optional().meta({ description: 'Host regular expressions (instead of host).' }),
    headersRegex: z
      .record(z.string(), stringList)
      .optional()
      .meta({ description: 'Header name → regular expressions (a header is matched by values or by regexes).' }),
    raw: z.array(rawSchema).optional().meta({ description: 'Conditions elbctl does not interpret, verbatim.' }),
  })
  .meta({ description: 'All conditions must match (AND); the values of one condition are alternatives (OR).' });

export const ruleSchema = z.strictObject({
  name: patterned(RULE_NAME, ruleNameProblem, 'not a valid rule name').meta({
    description:
      'The rule’s identity (tag elbctl:rule=NAME), unique per listener. Changing the priority moves the rule; renaming it replaces it.',
  }),
  priority: wholeNumber('priority', MIN_PRIORITY, MAX_PRIORITY).optional().meta({
    description:
      'Evaluated lowest first. Left out: the next free priority after the rules written above this one and after the rules already on the listener that the stack does not own (as `elbctl rule add` does).',
  }),
  conditions: conditionsSchema,
  authenticate: authenticateSchema.optional(),
  action: actionSchema,
  transforms: z.array(transformSchema).optional().meta({
    description:
      'Rewrites before routing (at most one of each kind). Left out: the live ones are kept. Written (even []): exactly these; [] removes them (ResetTransforms).',
  }),
  tags: tagsSchema.optional(),
});

// ------------------------------------------------------------------ trust stores and mutual TLS

const trustStoreNameSchema = patterned(TRUST_STORE_NAME, trustStoreNameProblem, 'not a valid trust store name');
/** An s3:// URL's shape (its bucket name is judged by validate.ts, with the rulebook's parseS3Url). */
const s3UrlSchema = (what: string) =>
  patterned(
    S3_URL,
    (v) => {
      const r = parseS3Url(what, v);
      return r.ok ? undefined : r.problem;
    },
    'write it as s3://BUCKET/KEY',
  );

export const trustStoreSchema = z.strictObject({
  name: trustStoreNameSchema.meta({ description: 'The trust store name (1-32 letters, digits and hyphens).' }),
  caCertificates: s3UrlSchema('CA bundle').optional().meta({
    description:
      'The CA bundle (PEM) in S3, s3://BUCKET/KEY[?versionId=V]: creates the trust store, and a new value replaces the bundle (ModifyTrustStore). Left out: the trust store must already exist, and its bundle is never changed (AWS never returns where a bundle came from, so `export` leaves it out).',
  }),
  revocations: z.array(s3UrlSchema('revocation list')).optional().meta({
    description:
      'Certificate revocation lists in S3. Left out: the live ones are kept. Written (even []): exactly these (a change removes the live lists and adds these).',
  }),
  tags: tagsSchema.optional(),
});

const mutualAuthenticationSchema = z
  .strictObject({
    mode: z.enum(MUTUAL_TLS_MODES as ['off', 'passthrough', 'verify']),
    trustStore: z.string().min(1).optional().meta({
      description: 'verify only: a trust store declared under trustStores (by name), or an existing one by ARN.',
    }),
    advertiseCaNames: z
      .boolean()
      .optional()
      .meta({ description: "verify only: send the trust store's CA names in the handshake (default false)." }),
    ignoreClientCertificateExpiry: z
      .boolean()
      .optional()
      .meta({ description: 'verify only: accept expired client certificates (default false).' }),
  })
  .meta({
    description:
      'HTTPS listeners of application load balancers: client certificates (mutual TLS). Left out: the live setting is kept.',
  });

export const listenerSchema = z.strictObject({
  port: wholeNumber('port', MIN_PORT, MAX_PORT)
    .optional()
    .meta({ description: "Required, except on a gateway load balancer's GENEVE listener, which has no port." }),
  protocol: z.enum(LISTENER_PROTOCOLS).meta({
    description:
      'HTTP or HTTPS on an application load balancer; TCP, TLS, UDP or TCP_UDP on a network one; GENEVE (no port) on a gateway one.',
  }),
  certificates: z
    .array(patterned(CERTIFICATE_ARN, certificateArnProblem, 'not a certificate ARN'))
    .optional()
    .meta({ description: 'HTTPS/TLS only; the first is the default certificate.' }),
  sslPolicy: patterned(SSL_POLICY, sslPolicyNameProblem, 'not an ELB security policy name')
    .optional()
    .meta({ description: `HTTPS/TLS only; default ${RECOMMENDED_SSL_POLICY}.` }),
  alpnPolicy: z.enum(ALPN_POLICIES).optional().meta({
    description:
      'TLS listeners of network load balancers: the HTTP versions offered in the TLS handshake (ALPN). Left out: not managed (AWS’s default is None).',
  }),
  authenticate: authenticateSchema.optional(),
  mutualAuthentication: mutualAuthenticationSchema.optional(),
  defaultAction: actionSchema,
  attributes: attributesSchema.optional().meta({
    description:
      'Listener attributes by their AWS key: tcp.idle_timeout.seconds (network, gateway), routing.http.response.* headers and the HTTPS mTLS/TLS request header names (application); raw: {KEY: VALUE} for keys elbctl does not judge. Only the keys written here are compared (ModifyListenerAttributes).',
  }),
  tags: tagsSchema.optional(),
  rules: z
    .array(ruleSchema)
    .optional()
    .meta({ description: 'HTTP/HTTPS listeners of application load balancers only.' }),
});

// ------------------------------------------------------------------ alarms

const alarmOverrideSchema = z.strictObject({
  threshold: z
    .number()
    .optional()
    .meta({ description: 'The alarm fires at this value (in the unit the preset table gives).' }),
  evaluationPeriods: wholeNumber('evaluation periods', 1, 1440).optional(),
  datapointsToAlarm: wholeNumber('datapoints to alarm', 1, 1440).optional(),
  enabled: z.boolean().optional().meta({ description: 'false: leave this alarm out.' }),
});

const alarmsSchema = z
  .strictObject({
    preset: z
      .enum(PRESETS)
      .optional()
      .meta({ description: 'Default recommended (docs/alarms.md lists its alarms and numbers).' }),
    snsTopic: patterned(SNS_TOPIC, snsTopicProblem, 'not an SNS topic ARN')
      .optional()
      .meta({ description: 'SNS topic notified when an alarm fires and when it clears.' }),
    overrides: z.record(z.string(), alarmOverrideSchema).optional().meta({
      description: 'Per alarm key (elb-5xx, unhealthy-hosts, p99-latency, …): its own numbers, or enabled: false.',
    }),
  })
  .meta({
    description:
      "CloudWatch alarms for this load balancer and the target groups its listeners forward to, named elbctl/LB/…, tagged as the stack's.",
  });

// ------------------------------------------------------------------ load balancers

const subnetMappingSchema = z.strictObject({
  subnet: patterned(SUBNET_ID, subnetIdProblem, 'not a subnet ID'),
  allocationId: patterned(ALLOCATION_ID, allocationIdProblem, 'not an Elastic IP allocation ID')
    .optional()
    .meta({ description: 'An Elastic IP (eipalloc-…) for an internet-facing network load balancer.' }),
  privateIPv4Address: z
    .string()
    .optional()
    .meta({ description: 'A private IPv4 address of the subnet, for an internal network load balancer.' }),
  ipv6Address: z.string().optional().meta({ description: 'An IPv6 address of the subnet (dualstack).' }),
});

export const loadBalancerSchema = z.strictObject({
  name: loadBalancerNameSchema,
  type: z.enum(LOAD_BALANCER_TYPES),
  scheme: z
    .enum(SCHEMES)
    .optional()
    .meta({ description: 'Default internet-facing; a gateway load balancer is internal and takes none.' }),
  subnets: z
    .array(patterned(SUBNET_ID, subnetIdProblem, 'not a subnet ID'))
    .min(1)
    .optional()
    .meta({
      description:
        'One subnet per availability zone; an application load balancer needs at least two. Give subnets or subnetMappings.',
    }),
  subnetMappings: z.array(subnetMappingSchema).min(1).optional().meta({
    description:
      'Instead of subnets: one entry per subnet with its fixed addresses (network load balancers: an Elastic IP when internet-facing, a private IPv4 address when internal; an IPv6 address when dualstack).',
  }),
  securityGroups: z
    .array(patterned(SECURITY_GROUP_ID, securityGroupIdProblem, 'not a security group ID'))
    .optional()
    .meta({ description: 'Application and network load balancers (a gateway one has none).' }),
  ipAddressType: z.enum(IP_ADDRESS_TYPES).optional().meta({ description: 'Default ipv4.' }),
  crossZone: z.boolean().optional().meta({
    description:
      'Network load balancers only (default false). An application load balancer always balances across zones; turn it off per target group (targetGroups[].crossZone: false).',
  }),
  deletionProtection: z
    .boolean()
    .optional()
    .meta({ description: 'Default true for internet-facing load balancers, false for internal ones.' }),
  dropInvalidHeaderFields: z.boolean().optional().meta({
    description: 'Application load balancers only; default true (routing.http.drop_invalid_header_fields.enabled).',
  }),
  attributes: attributesSchema.optional(),
  tags: tagsSchema.optional(),
  listeners: z.array(listenerSchema).optional(),
  alarms: alarmsSchema.optional(),
});

// ------------------------------------------------------------------ target groups

export const healthCheckSchema = z.strictObject({
  enabled: z.boolean().optional().meta({ description: 'Only lambda target groups can turn health checks off.' }),
  protocol: z.enum(HEALTH_CHECK_PROTOCOLS).optional(),
  port: z
    .union([wholeNumber('health check port', 1, 65535), z.literal('traffic-port')])
    .optional()
    .meta({ description: 'A port, or traffic-port (default): the port each target receives traffic on.' }),
  path: z.string().optional(),
  interval: wholeNumber(
    'health check interval',
    HEALTH_CHECK_LIMITS.interval.min,
    HEALTH_CHECK_LIMITS.interval.max,
  ).optional(),
  timeout: wholeNumber(
    'health check timeout',
    HEALTH_CHECK_LIMITS.timeout.min,
    HEALTH_CHECK_LIMITS.timeout.max,
  ).optional(),
  healthyThreshold: wholeNumber(
    'healthy threshold',
    HEALTH_CHECK_LIMITS.healthyThreshold.min,
    HEALTH_CHECK_LIMITS.healthyThreshold.max,
  ).optional(),
  unhealthyThreshold: wholeNumber(
    'unhealthy threshold',
    HEALTH_CHECK_LIMITS.unhealthyThreshold.min,
    HEALTH_CHECK_LIMITS.unhealthyThreshold.max,
  ).optional(),
  matcher: z
    .union([z.string(), z.number().int()])
    .optional()
    .meta({ description: 'HTTP codes: 200, "200,202" or "200-299".' }),
});

export const stickinessSchema = z.strictObject({
  enabled: z.boolean().optional().meta({ description: 'Default true.' }),
  type: z
    .enum(STICKINESS_TYPES)
    .optional()
    .meta({ description: 'Default lb_cookie (HTTP/HTTPS) or source_ip (TCP/TLS/UDP).' }),
  duration: wholeNumber('stickiness duration', 1, 604800).optional().meta({ description: 'Seconds (cookie types).' }),
  cookieName: z.string().min(1).optional().meta({ description: 'app_cookie only: the cookie your application sets.' }),
});

export const targetSchema = z.strictObject({
  id: z
    .string()
    .meta({ description: 'Instance ID, IP address, lambda function ARN or application load balancer ARN.' }),
  port: wholeNumber('target port', 1, 65535).optional(),
  availabilityZone: z.string().optional().meta({ description: 'IP targets only; all for addresses outside the VPC.' }),
});

export const targetGroupSchema = z.strictObject({
  name: targetGroupNameSchema,
  protocol: z.enum(TARGET_GROUP_PROTOCOLS).optional().meta({ description: 'Required unless targetType is lambda.' }),
  port: wholeNumber('port', 1, 65535).optional().meta({ description: 'Required unless targetType is lambda.' }),
  vpc: patterned(VPC_ID, vpcIdProblem, 'not a VPC ID')
    .optional()
    .meta({ description: 'Required unless targetType is lambda.' }),
  targetType: z.enum(TARGET_TYPES).optional().meta({ description: 'Default instance.' }),
  protocolVersion: z.enum(PROTOCOL_VERSIONS).optional().meta({
    description:
      'HTTP/HTTPS target groups: HTTP1 (AWS default), HTTP2 or GRPC (then healthCheck.matcher holds gRPC codes, 0-99). Changing it replaces the target group.',
  }),
  ipAddressType: z.enum(['ipv4', 'ipv6']).optional().meta({
    description: 'IP targets: ipv4 (default) or ipv6. Changing it replaces the target group.',
  }),
  targetControlPort: wholeNumber('target control port', 1, 65535).optional().meta({
    description:
      'HTTP/HTTPS target groups of instance or ip targets: the port the target optimizer’s agent on each target exchanges management traffic on. Fixed at creation: changing it replaces the target group. Left out: not compared.',
  }),
  healthCheck: healthCheckSchema.optional(),
  crossZone: z
    .union([z.boolean(), z.literal('inherit')])
    .optional()
    .meta({ description: 'true, false, or inherit (default): follow the load balancer.' }),
  algorithm: z.enum(ALGORITHMS).optional().meta({ description: 'HTTP/HTTPS target groups only.' }),
  stickiness: stickinessSchema.optional(),
  deregistrationDelay: wholeNumber('deregistration delay', 0, 3600)
    .optional()
    .meta({ description: 'Seconds (default 300).' }),
  attributes: attributesSchema.optional(),
  tags: tagsSchema.optional(),
  targets: z.array(targetSchema).optional().meta({
    description:
      'The registered targets. Left out: elbctl does not manage the registrations (auto scaling, ECS); an empty list deregisters every target.',
  }),
});

// ------------------------------------------------------------------ the file

export const stackFileSchema = z
  .strictObject({
    version: z.literal(STACK_FILE_VERSION, {
      error: (iss) =>
        iss.input === undefined
          ? undefined
          : `version ${JSON.stringify(iss.input)}: unsupported; this elbctl reads version: 1`,
    }),
    stack: patterned(RESOURCE_NAME, stackNameProblem, 'not a valid stack name').meta({
      description: 'The stack name: 1-32 letters, digits and hyphens. Every resource is tagged elbctl:stack=NAME.',
    }),
    region: patterned(REGION, regionProblem, 'not a region name').optional(),
    loadBalancers: z.array(loadBalancerSchema).optional(),
    targetGroups: z.array(targetGroupSchema).optional(),
    trustStores: z.array(trustStoreSchema).optional().meta({
      description:
        'Trust stores (CA bundles) that HTTPS listeners verify client certificates against, referenced by name from mutualAuthentication.trustStore.',
    }),
  })
  .meta({
    title: 'elbctl stack file',
    description: 'Load balancers, listeners, rules and target groups managed together by `elbctl apply`.',
  });

export type StackFile = z.infer<typeof stackFileSchema>;
export type LoadBalancerFile = z.infer<typeof loadBalancerSchema>;
export type SubnetMappingFile = z.infer<typeof subnetMappingSchema>;
export type ListenerFile = z.infer<typeof listenerSchema>;
export type RuleFile = z.infer<typeof ruleSchema>;
export type ActionFile = z.infer<typeof actionSchema>;
export type LeadingActionFile = z.infer<typeof leadingActionSchema>;
export type TransformFile = z.infer<typeof transformSchema>;
export type ConditionsFile = z.infer<typeof conditionsSchema>;
export type TargetGroupFile = z.infer<typeof targetGroupSchema>;
export type TrustStoreFile = z.infer<typeof trustStoreSchema>;
export type MutualAuthenticationFile = z.infer<typeof mutualAuthenticationSchema>;
export type HealthCheckFile = z.infer<typeof healthCheckSchema>;
export type StickinessFile = z.infer<typeof stickinessSchema>;
export type TargetFile = z.infer<typeof targetSchema>;
export type AttributesFile = z.infer<typeof attributesSchema>;
export type TagsFile = z.infer<typeof tagsSchema>;
