/** `elbctl rule …`: listener rules. */
import { leaf, noun } from '../spec';
import {
  LEADING_ACTION_OPTIONS,
  NO_TRANSFORMS_OPTION,
  REGEX_CONDITION_OPTIONS,
  TRANSFORM_OPTIONS,
} from './action-options';
import { dryRunOptions } from './dry-run';

/** The condition flags `rule add` and `rule modify` share. */
const CONDITION_OPTIONS = [
  {
    flags: '--path <pattern>',
    key: 'path',
    description: 'path pattern, e.g. /api/* (repeatable)',
    repeatable: true,
  },
  {
    flags: '--host <pattern>',
    key: 'host',
    description: 'host header pattern, e.g. *.example.com (repeatable)',
    repeatable: true,
  },
  {
    flags: '--header <name=value>',
    key: 'header',
    description: 'HTTP header match (repeatable)',
    repeatable: true,
  },
  {
    flags: '--query-string <key=value>',
    // The option keeps its field name: the condition AWS calls query-string.
    key: 'query',
    description: 'query string match: key=value; =value or value alone matches any key (repeatable)',
    repeatable: true,
  },
  {
    flags: '--method <method>',
    key: 'method',
    description: 'HTTP method, e.g. GET (repeatable)',
    repeatable: true,
  },
  {
    flags: '--source-ip <cidr>',
    key: 'sourceIp',
    description: 'client source CIDR, e.g. 203.0.113.0/24 (repeatable)',
    repeatable: true,
  },
  ...REGEX_CONDITION_OPTIONS,
] as const;

/** The action flags `rule add` and `rule modify` share. */
const ACTION_OPTIONS = [
  {
    flags: '--forward <tg[=weight],...>',
    key: 'forward',
    description: 'forward to target groups (weights for a weighted split)',
    completes: 'target-group',
  },
  {
    flags: '--redirect <url>',
    key: 'redirect',
    description: 'redirect to a URL, e.g. https://example.com/new (HTTP 301)',
  },
  {
    flags: '--fixed-response <code[:body]>',
    key: 'fixedResponse',
    description: 'answer with a fixed HTTP status and optional body',
  },
  ...LEADING_ACTION_OPTIONS,
  ...TRANSFORM_OPTIONS,
] as const;

export const RULES = noun('rule', 'listener rules: add, list, modify, delete, move', [
  leaf({
    name: 'add',
    description: 'add a routing rule to an application load balancer listener',
    args: [{ key: 'listener', syntax: '<listener>', description: 'listener ARN, or LB:PORT', completes: 'listener' }],
    options: [
      ...CONDITION_OPTIONS,
      ...ACTION_OPTIONS,
      {
        flags: '--priority <n>',
        key: 'priority',
        description: 'priority 1-50000 (default: the next free one after the last rule)',
      },
    ],
    examples: [
      'elbctl rule add web:443 --path "/api/*" --forward api',
      'elbctl rule add web:443 --host admin.example.com --source-ip 203.0.113.0/24 --forward admin --priority 5',
      'elbctl rule add web:443 --path /old --redirect https://example.com/new',
      'elbctl rule add web:443 --path "/admin/*" --auth-oidc issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=admin --client-secret-env ADMIN_OIDC_SECRET --forward admin',
      'elbctl rule add web:443 --path-regex "^/api/v[0-9]+/" --rewrite-url "^/api/v[0-9]+/(.*)$=/$1" --forward api',
      'elbctl rule add web:443 --host api.example.com --actions-file admin-actions.yaml',
    ],
    load: () => import('../../commands/rule/add'),
  }),
  leaf({
    name: 'list',
    description: 'list the rules of a listener, lowest priority first',
    args: [{ key: 'listener', syntax: '<listener>', description: 'listener ARN, or LB:PORT', completes: 'listener' }],
    examples: ['elbctl rule list web:443'],
    load: () => import('../../commands/rule/list'),
  }),
  leaf({
    name: 'modify',
    description: "change a rule's conditions or its routing action in place (asks first; -y to approve)",
    args: [{ key: 'rule', syntax: '<rule>', description: 'rule ARN, or LB:PORT:PRIORITY' }],
    options: [
      ...CONDITION_OPTIONS,
      ...ACTION_OPTIONS,
      {
        flags: '--group-stickiness <seconds>',
        key: 'groupStickiness',
        description: 'with --forward: keep a client on one target group for this long (1-604800)',
      },
      {
        flags: '--replace-all-actions',
        key: 'replaceAllActions',
        description: 'replace every action, authentication before the routing action included (removes it)',
      },
      NO_TRANSFORMS_OPTION,
      ...dryRunOptions(),
    ],
    examples: [
      'elbctl rule modify web:443:10 --path "/api/*" --path "/v2/*"',
      'elbctl rule modify web:443:10 --forward api=80,canary=20 --dry-run',
      'elbctl rule modify web:443:20 --fixed-response 503:maintenance -y',
      'elbctl rule modify web:443:10 --jwt-validation issuer=https://idp.example.com,jwks-endpoint=https://idp.example.com/jwks,claim=aud=api',
      'elbctl rule modify web:443:10 --rewrite-host "^(.*)\\.old\\.example\\.com$=$1.example.com" --dry-run',
      'elbctl rule modify web:443:10 --no-transforms -y',
    ],
    load: () => import('../../commands/rule/modify'),
  }),
  leaf({
    name: 'delete',
    description: 'delete a rule (asks first)',
    args: [{ key: 'rule', syntax: '<rule>', description: 'rule ARN, or LB:PORT:PRIORITY' }],
    examples: ['elbctl rule delete web:443:10 -y'],
    load: () => import('../../commands/rule/delete'),
  }),
  leaf({
    name: 'move',
    description: "change a rule's priority without recreating it",
    args: [{ key: 'rule', syntax: '<rule>', description: 'rule ARN, or LB:PORT:PRIORITY' }],
    options: [
      {
        flags: '--priority <n>',
        key: 'priority',
        description: 'the new priority (1-50000, must be free)',
        required: true,
      },
    ],
    examples: ['elbctl rule move web:443:10 --priority 3'],
    load: () => import('../../commands/rule/move'),
  }),
]);
