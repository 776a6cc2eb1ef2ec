/** `elbctl validate|plan|apply|destroy|export|init`: stack files, and the commands that write them. */
import { leaf } from '../spec';

export const STACK_COMMANDS = [
  leaf({
    name: 'validate',
    description: 'check a stack file offline: every problem at once, with file:line:column',
    options: [{ flags: '-f, --file <path>', key: 'file', description: 'the stack file (YAML)', completes: 'file' }],
    examples: ['elbctl validate -f elbctl.yaml', 'elbctl validate -f examples/alb-path-routing.yaml -o json'],
    load: () => import('../../commands/stack/validate'),
  }),
  leaf({
    name: 'plan',
    description: 'show what apply would change: the stack file against the live state',
    options: [
      { flags: '-f, --file <path>', key: 'file', description: 'the stack file (YAML)', completes: 'file' },
      {
        flags: '--offline',
        key: 'offline',
        description: 'plan against an empty account: no AWS call, no credentials needed',
      },
      {
        flags: '--detailed-exitcode',
        key: 'detailedExitcode',
        description: 'exit 0 when there are no changes, 2 when there are, 1 on error',
      },
      {
        flags: '--out <path>',
        key: 'out',
        description: 'save the plan for `elbctl apply --plan PATH`',
        completes: 'file',
      },
    ],
    examples: [
      'elbctl plan -f elbctl.yaml',
      'elbctl plan -f elbctl.yaml --detailed-exitcode --out plan.json',
      'elbctl plan -f examples/blue-green.yaml --offline',
    ],
    load: () => import('../../commands/stack/plan'),
  }),
  leaf({
    name: 'apply',
    description: 'make the live state match a stack file (asks first; -y to approve)',
    options: [
      { flags: '-f, --file <path>', key: 'file', description: 'the stack file (YAML)', completes: 'file' },
      {
        flags: '--plan <path>',
        key: 'plan',
        description: 'apply a plan saved by `elbctl plan --out`; refused if the live state changed since',
        completes: 'file',
      },
      {
        flags: '--rotate-secrets',
        key: 'rotateSecrets',
        description: 'send every OIDC client secret again from its clientSecretEnv variable (with -f)',
      },
    ],
    examples: [
      'elbctl apply -f elbctl.yaml',
      'elbctl apply --plan plan.json -y',
      'elbctl apply -f elbctl.yaml --rotate-secrets -y',
    ],
    load: () => import('../../commands/stack/apply'),
  }),
  leaf({
    name: 'destroy',
    description: 'delete every resource the stack owns (by tag), in dependency order (asks first)',
    options: [{ flags: '-f, --file <path>', key: 'file', description: 'the stack file (YAML)', completes: 'file' }],
    examples: ['elbctl destroy -f elbctl.yaml', 'elbctl destroy -f elbctl.yaml -y'],
    load: () => import('../../commands/stack/destroy'),
  }),
  leaf({
    name: 'export',
    description: 'write a stack file for existing load balancers, so a stack can adopt them',
    args: [{ key: 'lb', syntax: '<lb...>', description: 'load balancer names or ARNs', completes: 'load-balancer' }],
    options: [
      {
        flags: '--stack <name>',
        key: 'stack',
        description: 'stack name (default: the owning stack tag, else the first load balancer name)',
      },
      {
        flags: '-f, --file <path>',
        key: 'file',
        description: 'write the stack file here instead of printing it (asks before overwriting)',
        completes: 'file',
      },
    ],
    examples: ['elbctl export shop-web --stack shop', 'elbctl export shop-web shop-internal --stack shop -f shop.yaml'],
    load: () => import('../../commands/export'),
  }),
  leaf({
    name: 'init',
    description: 'set up a load balancer step by step: writes a stack file, shows its plan, offers to apply it',
    options: [
      {
        flags: '-f, --file <path>',
        key: 'file',
        description: 'the stack file to write (asks before overwriting)',
        default: 'elbctl.yaml',
        completes: 'file',
      },
      {
        flags: '--defaults',
        key: 'defaults',
        description: 'ask nothing: take every default (default VPC, its subnets…); applies only with -y',
      },
    ],
    examples: ['elbctl init', 'elbctl init -f shop.yaml', 'elbctl init --defaults -y'],
    load: () => import('../../commands/init'),
  }),
];
