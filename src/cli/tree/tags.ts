/** `elbctl tags …`: the tags of any load balancer, target group, listener or rule. */
import { leaf, noun } from '../spec';
import { dryRunOptions } from './dry-run';

const RESOURCE = {
  key: 'resource',
  syntax: '<resource>',
  description:
    'an ARN, lb/NAME, tg/NAME, LB:PORT (listener), LB:PORT:PRIORITY (rule), or a name that is one load balancer or target group',
  completes: 'load-balancer',
} as const;

export const TAGS = noun('tags', 'tags of load balancers, target groups, listeners and rules: list, add, remove', [
  leaf({
    name: 'list',
    description: "show a resource's tags (elbctl's own apart, with the stack that owns it)",
    args: [RESOURCE],
    examples: ['elbctl tags list web', 'elbctl tags list tg/api -o json', 'elbctl tags list web:443:10'],
    load: () => import('../../commands/tags/list'),
  }),
  leaf({
    name: 'add',
    description: 'add tags or change their values (asks first; -y to approve without a terminal)',
    args: [RESOURCE, { key: 'tags', syntax: '<tags...>', description: 'KEY=VALUE, one or more' }],
    options: dryRunOptions(),
    examples: ['elbctl tags add web env=prod team=payments', 'elbctl tags add web:443 owner=edge --dry-run'],
    load: () => import('../../commands/tags/add'),
  }),
  leaf({
    name: 'remove',
    description: 'remove tags by key (asks first; -y to approve without a terminal)',
    args: [RESOURCE, { key: 'keys', syntax: '<keys...>', description: 'tag keys, one or more' }],
    options: dryRunOptions(),
    examples: ['elbctl tags remove web team', 'elbctl tags remove tg/api owner -y'],
    load: () => import('../../commands/tags/remove'),
  }),
]);
