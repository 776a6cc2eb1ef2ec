/** `elbctl listener …`: listeners. */
import { leaf, noun } from '../spec';
import * as V from './values';

export const LISTENERS = noun('listener', 'listeners: create, list, delete', [
  leaf({
    name: 'create',
    description: 'add a listener to a load balancer with its default action',
    args: [{ key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' }],
    options: [
      {
        flags: '--protocol <protocol>',
        key: 'protocol',
        description: 'HTTP or HTTPS (application); TCP, TLS, UDP or TCP_UDP (network)',
        required: true,
        values: V.listenerProtocols,
      },
      { flags: '--port <port>', key: 'port', description: 'port to listen on', required: true },
      {
        flags: '--forward <tg[=weight],...>',
        key: 'forward',
        description: 'forward to target groups (weights for a weighted split)',
        completes: 'target-group',
      },
      {
        flags: '--redirect-https',
        key: 'redirectHttps',
        description: 'redirect every request to HTTPS on port 443 (HTTP 301)',
      },
      {
        flags: '--fixed-response <code[:body]>',
        key: 'fixedResponse',
        description: 'answer with a fixed HTTP status and optional body',
      },
      {
        flags: '--certificate <arn>',
        key: 'certificate',
        description: 'certificate ARN for HTTPS/TLS (repeatable; the first is the default)',
        repeatable: true,
      },
      {
        flags: '--ssl-policy <name>',
        key: 'sslPolicy',
        description: 'TLS policy for HTTPS/TLS',
        default: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      },
    ],
    examples: [
      'elbctl listener create web --protocol HTTP --port 80 --redirect-https',
      'elbctl listener create web --protocol HTTPS --port 443 --certificate arn:aws:acm:us-east-1:123456789012:certificate/abc --forward api',
      'elbctl listener create edge --protocol TCP --port 443 --forward tcp-pool',
    ],
    load: () => import('../../commands/listener/create'),
  }),
  leaf({
    name: 'list',
    description: 'list the listeners of a load balancer',
    args: [{ key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' }],
    examples: ['elbctl listener list web'],
    load: () => import('../../commands/listener/list'),
  }),
  leaf({
    name: 'delete',
    description: 'delete a listener and its rules (asks first)',
    args: [{ key: 'listener', syntax: '<listener>', description: 'listener ARN, or LB:PORT', completes: 'listener' }],
    examples: ['elbctl listener delete web:80 -y'],
    load: () => import('../../commands/listener/delete'),
  }),
]);
