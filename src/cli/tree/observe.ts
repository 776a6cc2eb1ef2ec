/** `elbctl metrics` and `elbctl doctor`: what a load balancer is doing, and why targets are unhealthy. */
import { leaf } from '../spec';
import * as V from './values';

export const OBSERVE_COMMANDS = [
  leaf({
    name: 'metrics',
    description: 'CloudWatch metrics of load balancers: a table with trends, line charts, or a live view',
    args: [{ key: 'lb', syntax: '[lb...]', description: 'load balancer names or ARNs', completes: 'load-balancer' }],
    options: [
      { flags: '--all', key: 'all', description: 'every load balancer in the region' },
      {
        flags: '--target-group <tg>',
        key: 'targetGroup',
        description: 'only the traffic of this target group (adds the TargetGroup dimension)',
        completes: 'target-group',
      },
      {
        flags: '--since <duration>',
        key: 'since',
        description: 'window ending now (or at --end): 15m, 3h, 2d, 1w (default: 3h)',
      },
      { flags: '--start <time>', key: 'start', description: 'window start, ISO 8601 (e.g. 2024-05-01T09:00:00Z)' },
      { flags: '--end <time>', key: 'end', description: 'window end, ISO 8601 (default: now)' },
      {
        flags: '--period <seconds>',
        key: 'period',
        description: 'seconds per data point, a multiple of 60 (default: chosen from the window)',
      },
      {
        flags: '--metric <name>',
        key: 'metric',
        description: 'a metric to show instead of the default set (repeatable)',
        repeatable: true,
        values: V.metricNames,
      },
      {
        flags: '--stat <stat>',
        key: 'stat',
        description: 'statistic: Sum, Average, Minimum, Maximum, SampleCount, p99 … (repeatable)',
        repeatable: true,
        values: V.basicStatistics,
      },
      { flags: '--chart', key: 'chart', description: 'draw a line chart per metric, sized to the terminal' },
      {
        flags: '--watch <seconds>',
        key: 'watch',
        description: 'refresh every N seconds until Ctrl-C (redraws in place on a terminal)',
      },
    ],
    examples: [
      'elbctl metrics web',
      'elbctl metrics web --since 1d --chart',
      'elbctl metrics web --target-group api --metric TargetResponseTime --stat p50 --stat p99',
      'elbctl metrics --all --watch 60',
    ],
    load: () => import('../../commands/metrics'),
  }),
  leaf({
    name: 'doctor',
    description: 'why targets are unhealthy: target health explained, and checks with the fix',
    args: [
      {
        key: 'target',
        syntax: '<target>',
        description: 'load balancer or target group, by name or ARN',
        completes: 'load-balancer',
      },
    ],
    examples: ['elbctl doctor web', 'elbctl doctor api -o json'],
    load: () => import('../../commands/doctor'),
  }),
];
