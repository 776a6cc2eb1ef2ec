/** `elbctl tg …`: target groups. */
import { leaf, noun } from '../spec';
import { dryRunOptions } from './dry-run';
import * as V from './values';

/** The health check flags `tg create` and `tg modify` share. */
const HEALTH_CHECK_OPTIONS = [
  {
    flags: '--health-protocol <protocol>',
    key: 'healthProtocol',
    description: 'health check protocol (default: the target group protocol)',
    values: V.healthCheckProtocols,
  },
  { flags: '--health-port <port>', key: 'healthPort', description: 'health check port, or traffic-port' },
  {
    flags: '--health-path <path>',
    key: 'healthPath',
    description: 'health check path for HTTP/HTTPS, e.g. /healthz',
  },
  {
    flags: '--health-interval <seconds>',
    key: 'healthInterval',
    description: 'seconds between health checks (5-300)',
  },
  {
    flags: '--health-timeout <seconds>',
    key: 'healthTimeout',
    description: 'seconds before a check times out (2-120, less than the interval)',
  },
  {
    flags: '--healthy-threshold <n>',
    key: 'healthyThreshold',
    description: 'passes before a target is healthy (2-10)',
  },
  {
    flags: '--unhealthy-threshold <n>',
    key: 'unhealthyThreshold',
    description: 'failures before a target is unhealthy (2-10)',
  },
  { flags: '--matcher <codes>', key: 'matcher', description: 'HTTP codes that mean healthy, e.g. 200 or 200-299' },
] as const;

export const TARGET_GROUPS = noun(
  'tg',
  'target groups: create, list, describe, modify, delete, attributes, cross-zone',
  [
    leaf({
      name: 'create',
      description: 'create a target group with its health check',
      args: [{ key: 'name', syntax: '<name>', description: 'target group name (1-32 letters, digits, hyphens)' }],
      options: [
        {
          flags: '--protocol <protocol>',
          key: 'protocol',
          description: 'HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, QUIC, TCP_QUIC or GENEVE (not for lambda)',
          values: V.targetGroupProtocols,
        },
        { flags: '--port <port>', key: 'port', description: 'port the targets listen on (not for lambda)' },
        { flags: '--vpc <id>', key: 'vpc', description: 'VPC ID (not for lambda)' },
        {
          flags: '--target-type <type>',
          key: 'targetType',
          description: 'instance, ip, lambda or alb',
          default: 'instance',
          values: V.targetTypes,
        },
        {
          flags: '--target-control-port <port>',
          key: 'targetControlPort',
          description:
            "HTTP/HTTPS: the port the target optimizer's agent on each target listens on (fixed once created)",
        },
        {
          flags: '--protocol-version <version>',
          key: 'protocolVersion',
          description: 'HTTP/HTTPS: HTTP1 (default), HTTP2 or GRPC (then --matcher takes gRPC codes, 0-99)',
          values: V.protocolVersions,
        },
        {
          flags: '--ip-address-type <type>',
          key: 'ipAddressType',
          description: 'ip targets: ipv4 (default) or ipv6',
          values: V.targetGroupIpAddressTypes,
        },
        ...HEALTH_CHECK_OPTIONS,
        { flags: '--tag <key=value>', key: 'tag', description: 'tag to add (repeatable)', repeatable: true },
      ],
      examples: [
        'elbctl tg create api --protocol HTTP --port 8080 --vpc vpc-0abc1234 --health-path /healthz --matcher 200-299',
        'elbctl tg create tcp-pool --protocol TCP --port 443 --vpc vpc-0abc1234 --target-type ip',
      ],
      load: () => import('../../commands/tg/create'),
    }),
    leaf({
      name: 'list',
      description: 'list target groups, optionally only those of one load balancer',
      options: [
        {
          flags: '--lb <lb>',
          key: 'lb',
          description: 'only target groups used by this load balancer (name or ARN)',
          completes: 'load-balancer',
        },
      ],
      examples: ['elbctl tg list', 'elbctl tg list --lb web'],
      load: () => import('../../commands/tg/list'),
    }),
    leaf({
      name: 'describe',
      description: 'show one target group with its health check, attributes and targets',
      args: [{ key: 'tg', syntax: '<tg>', description: 'target group name or ARN', completes: 'target-group' }],
      examples: ['elbctl tg describe api'],
      load: () => import('../../commands/tg/describe'),
    }),
    leaf({
      name: 'modify',
      description: 'change the health check in place (asks first; -y to approve without a terminal)',
      args: [{ key: 'tg', syntax: '<tg>', description: 'target group name or ARN', completes: 'target-group' }],
      options: [...HEALTH_CHECK_OPTIONS, ...dryRunOptions()],
      examples: [
        'elbctl tg modify api --health-path /ready --matcher 200-299',
        'elbctl tg modify api --health-interval 10 --health-timeout 5 --dry-run',
      ],
      load: () => import('../../commands/tg/modify'),
    }),
    leaf({
      name: 'delete',
      description: 'delete a target group (asks first; -y to approve without a terminal)',
      args: [{ key: 'tg', syntax: '<tg>', description: 'target group name or ARN', completes: 'target-group' }],
      examples: ['elbctl tg delete api -y'],
      load: () => import('../../commands/tg/delete'),
    }),
    leaf({
      name: 'attributes',
      description: 'show every attribute of a target group, or set the named ones (asks first; -y to approve)',
      args: [{ key: 'tg', syntax: '<tg>', description: 'target group name or ARN', completes: 'target-group' }],
      options: [
        { flags: '--set <key=value>', key: 'set', description: 'attribute to set (repeatable)', repeatable: true },
        ...dryRunOptions(),
      ],
      examples: ['elbctl tg attributes api', 'elbctl tg attributes api --set deregistration_delay.timeout_seconds=30'],
      load: () => import('../../commands/tg/attributes'),
    }),
    leaf({
      name: 'cross-zone',
      description: 'override cross-zone load balancing for one target group (asks first)',
      args: [
        { key: 'tg', syntax: '<tg>', description: 'target group name or ARN', completes: 'target-group' },
        {
          key: 'state',
          syntax: '<state>',
          description: 'on, off, or inherit (use the load balancer setting)',
          values: V.targetGroupCrossZoneStates,
        },
      ],
      options: dryRunOptions(),
      examples: ['elbctl tg cross-zone api off', 'elbctl tg cross-zone api inherit'],
      load: () => import('../../commands/tg/cross-zone'),
    }),
  ],
);
