/** `elbctl alarms …`: the recommended CloudWatch alarms for a load balancer or target group. */
import { leaf, noun } from '../spec';

const target = {
  key: 'target',
  syntax: '<lb|tg>',
  description: 'load balancer or target group: ARN, lb/NAME, tg/NAME or a name',
  completes: 'load-balancer',
} as const;

export const ALARMS = noun('alarms', 'CloudWatch alarms for load balancers and target groups: create, list, delete', [
  leaf({
    name: 'create',
    description: 'create the preset alarms for a load balancer (and its target groups) or one target group',
    args: [target],
    options: [
      {
        flags: '--preset <name>',
        key: 'preset',
        description: 'which alarms and thresholds',
        default: 'recommended',
        values: async () => (await import('../../core/alarms/preset')).PRESETS,
      },
      { flags: '--sns-topic <arn>', key: 'snsTopic', description: 'SNS topic notified when an alarm fires and clears' },
      { flags: '--dry-run', key: 'dryRun', description: 'show what would be created or updated; write nothing' },
    ],
    examples: [
      'elbctl alarms create web',
      'elbctl alarms create api --sns-topic arn:aws:sns:us-east-1:123456789012:oncall',
      'elbctl alarms create web --dry-run',
    ],
    load: () => import('../../commands/alarms/create'),
  }),
  leaf({
    name: 'list',
    description: 'list the alarms named for a load balancer or target group, with their state',
    args: [target],
    examples: ['elbctl alarms list web', 'elbctl alarms list api -o json'],
    load: () => import('../../commands/alarms/list'),
  }),
  leaf({
    name: 'delete',
    description: 'delete the alarms elbctl made for a load balancer or target group (asks first)',
    args: [target],
    examples: ['elbctl alarms delete web -y'],
    load: () => import('../../commands/alarms/delete'),
  }),
]);
