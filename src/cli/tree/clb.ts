/** `elbctl clb …` (Classic load balancers) and `elbctl migrate` (Classic → ALB/NLB). */
import { leaf, noun } from '../spec';
import { dryRunOptions } from './dry-run';

const clbArg = { key: 'clb', syntax: '<clb>', description: 'Classic load balancer name' } as const;

export const CLASSIC = noun('clb', 'Classic load balancers: list, describe, health, attributes, delete', [
  leaf({
    name: 'list',
    description: 'list every Classic load balancer in the region',
    examples: ['elbctl clb list', 'elbctl clb list -o json'],
    load: () => import('../../commands/clb/list'),
  }),
  leaf({
    name: 'describe',
    description: 'show one Classic load balancer: listeners, health check, policies, attributes, instances, tags',
    args: [clbArg],
    examples: ['elbctl clb describe web'],
    load: () => import('../../commands/clb/describe'),
  }),
  leaf({
    name: 'health',
    description: "each registered instance's state, the reason AWS gives, and what to do about it",
    args: [clbArg],
    examples: ['elbctl clb health web'],
    load: () => import('../../commands/clb/health'),
  }),
  leaf({
    name: 'attributes',
    description:
      'show the attributes, or set them: cross_zone.enabled, connection_draining.enabled, connection_draining.timeout_seconds, idle_timeout.timeout_seconds, access_logs.enabled, access_logs.s3.bucket, access_logs.s3.prefix, access_logs.emit_interval_minutes',
    args: [clbArg],
    options: [
      { flags: '--set <key=value>', key: 'set', description: 'attribute to set (repeatable)', repeatable: true },
      ...dryRunOptions(),
    ],
    examples: [
      'elbctl clb attributes web',
      'elbctl clb attributes web --set cross_zone.enabled=true --set connection_draining.timeout_seconds=60 -y',
    ],
    load: () => import('../../commands/clb/attributes'),
  }),
  leaf({
    name: 'delete',
    description: 'delete a Classic load balancer (asks first; -y to approve)',
    args: [clbArg],
    examples: ['elbctl clb delete web -y'],
    load: () => import('../../commands/clb/delete'),
  }),
]);

export const MIGRATE = leaf({
  name: 'migrate',
  description: 'move a Classic load balancer to an ALB or NLB: stack file, apply, parity check, DNS cutover',
  args: [clbArg],
  options: [
    {
      flags: '--to <type>',
      key: 'to',
      description: 'application or network (default: from the listeners; mixed listeners need it)',
      values: async () => ['application', 'network'],
    },
    { flags: '--name <name>', key: 'name', description: "the new load balancer's name (default: the Classic one's)" },
    {
      flags: '-f, --file <path>',
      key: 'file',
      description: 'where to write the stack file (default: NAME.yaml)',
      completes: 'file',
    },
    {
      flags: '--health-path <path>',
      key: 'healthPath',
      description:
        'an HTTP path to check when the Classic health check is TCP/SSL (needed for an application load balancer)',
    },
    { flags: '--apply', key: 'apply', description: 'apply the file through the stack engine, then check parity' },
    {
      flags: '--parity-timeout <seconds>',
      key: 'parityTimeout',
      description: 'how long the parity check waits for every new target to be healthy (default: 300)',
    },
    {
      flags: '--cutover <route53:zone/record>',
      key: 'cutover',
      description:
        'move the Route 53 record that points to the Classic load balancer, in weighted steps (needs --apply)',
    },
    {
      flags: '--steps <percents>',
      key: 'steps',
      description: 'percent of traffic to the new load balancer at each step (default: 10,25,50,100)',
    },
    { flags: '--bake <duration>', key: 'bake', description: 'how long each step runs: 90s, 5m, 1h (default: 5m)' },
    { flags: '--interval <seconds>', key: 'interval', description: 'seconds between guard evaluations (default: 60)' },
    {
      flags: '--guard <guard>',
      key: 'guard',
      description:
        'error-rate<1%, p99<800ms, unhealthy<1, elb-5xx<10, alarm:NAME … on the new load balancer (repeatable)',
      repeatable: true,
    },
    {
      flags: '--min-requests <n>',
      key: 'minRequests',
      description: 'requests an error-rate or percentile guard waits for before judging (default: 100)',
    },
  ],
  examples: [
    'elbctl migrate web',
    'elbctl migrate web --apply -y',
    'elbctl migrate db --to network --name db-nlb -f db.yaml',
    'elbctl migrate web --apply --cutover route53:example.com/www.example.com --steps 10,50,100 --bake 5m --guard "error-rate<1%" -y',
  ],
  load: () => import('../../commands/migrate/migrate'),
});
