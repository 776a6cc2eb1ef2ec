/** `elbctl targets …`: what a target group sends traffic to. */
import { leaf, noun } from '../spec';

export const TARGETS = noun('targets', 'targets: register, deregister, health', [
  leaf({
    name: 'register',
    description: 'register instances, IP addresses or a lambda function with a target group',
    args: [
      { key: 'tg', syntax: '<tg>', description: 'target group name or ARN', completes: 'target-group' },
      {
        key: 'targets',
        syntax: '<targets...>',
        description: 'ID[:PORT][@ZONE]: i-0abc…, 10.0.1.5:8080, 203.0.113.9@all, a lambda ARN',
      },
    ],
    examples: [
      'elbctl targets register api i-0abc12345678 i-0def12345678:8080',
      'elbctl targets register ips 10.0.1.5:80 10.0.2.7:80',
    ],
    load: () => import('../../commands/targets/register'),
  }),
  leaf({
    name: 'deregister',
    description: 'deregister targets from a target group',
    args: [
      { key: 'tg', syntax: '<tg>', description: 'target group name or ARN', completes: 'target-group' },
      { key: 'targets', syntax: '<targets...>', description: 'ID[:PORT]' },
    ],
    examples: ['elbctl targets deregister api i-0abc12345678'],
    load: () => import('../../commands/targets/deregister'),
  }),
  leaf({
    name: 'health',
    description: "show each target's health, reason and what to do about it",
    args: [{ key: 'tg', syntax: '<tg>', description: 'target group name or ARN', completes: 'target-group' }],
    options: [
      { flags: '--wait <state>', key: 'wait', description: 'wait until every target is in this state (healthy)' },
      {
        flags: '--timeout <seconds>',
        key: 'timeout',
        description: 'give up waiting after this many seconds',
        default: '300',
      },
    ],
    examples: ['elbctl targets health api', 'elbctl targets health api --wait healthy --timeout 600'],
    load: () => import('../../commands/targets/health'),
  }),
]);
