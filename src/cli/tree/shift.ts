/** `elbctl shift …`: progressive delivery between two target groups, guarded, with rollback. */
import { leaf, noun } from '../spec';

const target = {
  key: 'target',
  syntax: '<listener|rule>',
  description: 'listener (LB:PORT or ARN) or rule (LB:PORT:PRIORITY or ARN)',
  completes: 'listener',
} as const;

export const SHIFT = noun('shift', 'progressive delivery: shift traffic in steps, guarded by metrics and alarms', [
  leaf({
    name: 'start',
    isDefault: true,
    description:
      'shift traffic to a target group in steps, rolling back when a guard fails (the default: `elbctl shift LISTENER --to TG`)',
    args: [target],
    options: [
      {
        flags: '--to <tg>',
        key: 'to',
        description: 'the target group to shift traffic to (healthy, same VPC, fitting protocol)',
        required: true,
        completes: 'target-group',
      },
      {
        flags: '--from <tg>',
        key: 'from',
        description: 'the target group traffic leaves (default: the one the forward sends it to now)',
        completes: 'target-group',
      },
      {
        flags: '--steps <percents>',
        key: 'steps',
        description: 'percent of traffic to --to at each step, the last 100 (default: 10,25,50,100)',
      },
      {
        flags: '--bake <duration>',
        key: 'bake',
        description: 'how long each step runs before the next: 90s, 5m, 1h (default: 5m)',
      },
      {
        flags: '--interval <seconds>',
        key: 'interval',
        description: 'seconds between evaluations of the guards (default: 60, minimum 1)',
      },
      {
        flags: '--guard <guard>',
        key: 'guard',
        description: 'error-rate<1%, p99<800ms, unhealthy<1, elb-5xx<10, target-resets<50 or alarm:NAME (repeatable)',
        repeatable: true,
      },
      {
        flags: '--min-requests <n>',
        key: 'minRequests',
        description: 'requests an error-rate or percentile guard waits for before judging (default: 100)',
      },
      {
        flags: '--group-stickiness <seconds>',
        key: 'groupStickiness',
        description: 'keep each client on one target group for this long during the shift',
      },
      {
        flags: '--keep-weighted',
        key: 'keepWeighted',
        description: 'end at a weighted forward 0/100 instead of a plain forward',
      },
      {
        flags: '--no-rollback-on-abort',
        key: 'rollbackOnAbort',
        description: 'on Ctrl-C leave the weights as they are (resume or abort later) instead of rolling back',
      },
      { flags: '--dry-run', key: 'dryRun', description: 'check everything and show the plan; write nothing' },
    ],
    examples: [
      'elbctl shift web:443 --to green --guard "error-rate<1%" --guard "p99<800ms" -y',
      'elbctl shift web:443:10 --to api-v2 --steps 5,50,100 --bake 10m --guard alarm:api-5xx -y',
      'elbctl shift edge:443 --to tcp-green --guard "unhealthy<1" --interval 30 -o json -y',
    ],
    load: () => import('../../commands/shift/start'),
  }),
  leaf({
    name: 'status',
    description: 'the weights now, the shift recorded on a listener or rule, and its guards over the step so far',
    args: [target],
    examples: ['elbctl shift status web:443', 'elbctl shift status web:443 -o json'],
    load: () => import('../../commands/shift/status'),
  }),
  leaf({
    name: 'resume',
    description: 'continue a shift whose run stopped, from where the live weights are',
    args: [target],
    options: [
      {
        flags: '--no-rollback-on-abort',
        key: 'rollbackOnAbort',
        description: 'on Ctrl-C leave the weights as they are instead of rolling back',
      },
    ],
    examples: ['elbctl shift resume web:443 -y'],
    load: () => import('../../commands/shift/resume'),
  }),
  leaf({
    name: 'abort',
    description: 'roll a recorded shift back now: the forward from before it, in one write',
    args: [target],
    examples: ['elbctl shift abort web:443 -y'],
    load: () => import('../../commands/shift/abort'),
  }),
]);
