/** `elbctl audit`: security, cost, reliability and quota findings over every load balancer in the regions and accounts asked. */
import { leaf } from '../spec';

export const AUDIT = leaf({
  name: 'audit',
  description:
    'audit load balancers across regions and accounts: security, cost, reliability, quota headroom (table, json, yaml or -o sarif)',
  args: [
    {
      key: 'lbs',
      syntax: '[lb...]',
      description: 'load balancer names or ARNs (default: every one in the regions)',
      completes: 'load-balancer',
    },
  ],
  options: [
    {
      flags: '--regions <regions>',
      key: 'regions',
      description: 'comma-separated regions, or all (the enabled regions); default: the configured region',
    },
    {
      flags: '--profiles <profiles>',
      key: 'profiles',
      description: 'comma-separated shared-config profiles (accounts) to audit; default: the configured credentials',
    },
    {
      flags: '--checks <ids>',
      key: 'checks',
      description: 'run only these checks (comma-separated IDs; docs/audit.md lists them)',
      values: async () => (await import('../../core/audit')).CHECK_IDS,
    },
    {
      flags: '--skip <ids>',
      key: 'skip',
      description: 'run every check but these (comma-separated IDs)',
      values: async () => (await import('../../core/audit')).CHECK_IDS,
    },
    {
      flags: '--fail-on <level>',
      key: 'failOn',
      description: 'exit 1 when a finding at or above this severity exists: high, medium, low or none',
      default: 'high',
      values: async () => (await import('../../core/audit')).FAIL_ON_LEVELS,
    },
  ],
  outputs: ['sarif'],
  examples: [
    'elbctl audit',
    'elbctl audit --regions all --fail-on medium',
    'elbctl audit web api --regions us-east-1,eu-west-1 -o json',
    'elbctl audit --profiles prod,staging --regions all -o sarif > elbctl-audit.sarif',
    'elbctl audit --checks http-without-redirect,tls-below-1-2',
  ],
  load: () => import('../../commands/audit/run'),
});
