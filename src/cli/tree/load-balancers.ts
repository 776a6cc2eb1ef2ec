/** `elbctl lb …`: load balancers. */
import { leaf, noun } from '../spec';
import { dryRunOptions } from './dry-run';
import * as V from './values';

export const LOAD_BALANCERS = noun(
  'lb',
  'load balancers: create, list, describe, modify, delete, attributes, cross-zone, capacity',
  [
    leaf({
      name: 'create',
      description: 'create an application, network or gateway load balancer and wait until it is active',
      args: [{ key: 'name', syntax: '<name>', description: 'load balancer name (1-32 letters, digits, hyphens)' }],
      options: [
        {
          flags: '--type <type>',
          key: 'type',
          description: 'application, network or gateway',
          required: true,
          values: V.loadBalancerTypes,
        },
        {
          flags: '--subnets <ids>',
          key: 'subnets',
          description: 'subnet IDs, comma-separated (an application load balancer needs two zones)',
        },
        {
          flags: '--subnet-mapping <mapping>',
          key: 'subnetMapping',
          description:
            'SubnetId=subnet-..[,AllocationId=eipalloc-..][,PrivateIPv4Address=..][,IPv6Address=..], one per subnet (repeatable; instead of --subnets)',
          repeatable: true,
        },
        {
          flags: '--security-groups <ids>',
          key: 'securityGroups',
          description: 'security group IDs, comma-separated (application load balancers)',
        },
        {
          flags: '--scheme <scheme>',
          key: 'scheme',
          description: 'internet-facing (default) or internal; a gateway load balancer is internal and takes none',
          values: V.schemes,
        },
        {
          flags: '--ip-address-type <type>',
          key: 'ipAddressType',
          description: 'ipv4, dualstack or dualstack-without-public-ipv4',
          default: 'ipv4',
          values: V.ipAddressTypes,
        },
        { flags: '--tag <key=value>', key: 'tag', description: 'tag to add (repeatable)', repeatable: true },
        { flags: '--no-wait', key: 'wait', description: 'return as soon as AWS accepts the request' },
      ],
      examples: [
        'elbctl lb create web --type application --subnets subnet-0a1b2c3d,subnet-4e5f6a7b --security-groups sg-0123abcd',
        'elbctl lb create edge --type network --subnets subnet-0a1b2c3d --scheme internal --no-wait',
        'elbctl lb create inspect --type gateway --subnets subnet-0a1b2c3d,subnet-4e5f6a7b',
        'elbctl lb create edge --type network --subnet-mapping SubnetId=subnet-0a1b2c3d,AllocationId=eipalloc-0123abcd',
      ],
      load: () => import('../../commands/lb/create'),
    }),
    leaf({
      name: 'list',
      description: 'list every load balancer in the region (a note on stderr when Classic ones exist)',
      options: [
        {
          flags: '--all-types',
          key: 'allTypes',
          description: 'include Classic load balancers, as rows of type classic',
        },
      ],
      examples: ['elbctl lb list', 'elbctl lb list -o json', 'elbctl lb list --all-types'],
      load: () => import('../../commands/lb/list'),
    }),
    leaf({
      name: 'describe',
      description: 'show one load balancer with its listeners and attributes',
      args: [{ key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' }],
      examples: ['elbctl lb describe web'],
      load: () => import('../../commands/lb/describe'),
    }),
    leaf({
      name: 'modify',
      description: 'change subnets, security groups or the IP address type in place (asks first; -y to approve)',
      args: [{ key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' }],
      options: [
        {
          flags: '--subnets <ids>',
          key: 'subnets',
          description: 'every subnet it should use, comma-separated (replaces the list)',
        },
        {
          flags: '--subnet-mapping <mapping>',
          key: 'subnetMapping',
          description:
            'SubnetId=subnet-..[,AllocationId=eipalloc-..][,PrivateIPv4Address=..][,IPv6Address=..], one per subnet (repeatable; instead of --subnets)',
          repeatable: true,
        },
        {
          flags: '--security-groups <ids>',
          key: 'securityGroups',
          description: 'every security group it should have, comma-separated (replaces the list)',
        },
        {
          flags: '--ip-address-type <type>',
          key: 'ipAddressType',
          description: 'ipv4, dualstack or dualstack-without-public-ipv4',
          values: V.ipAddressTypes,
        },
        ...dryRunOptions(),
      ],
      examples: [
        'elbctl lb modify web --security-groups sg-0123abcd,sg-4567ef01',
        'elbctl lb modify web --subnets subnet-0a1b2c3d,subnet-4e5f6a7b,subnet-8c9d0e1f --dry-run',
        'elbctl lb modify edge --subnet-mapping SubnetId=subnet-0a1b2c3d,AllocationId=eipalloc-0123abcd -y',
      ],
      load: () => import('../../commands/lb/modify'),
    }),
    leaf({
      name: 'delete',
      description: 'delete a load balancer (asks first; -y to approve without a terminal)',
      args: [{ key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' }],
      options: [{ flags: '--no-wait', key: 'wait', description: 'return without waiting for the deletion to finish' }],
      examples: ['elbctl lb delete web', 'elbctl lb delete web -y'],
      load: () => import('../../commands/lb/delete'),
    }),
    leaf({
      name: 'attributes',
      description: 'show every attribute of a load balancer, or set the named ones (asks first; -y to approve)',
      args: [{ key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' }],
      options: [
        { flags: '--set <key=value>', key: 'set', description: 'attribute to set (repeatable)', repeatable: true },
        ...dryRunOptions(),
      ],
      examples: ['elbctl lb attributes web', 'elbctl lb attributes web --set idle_timeout.timeout_seconds=120'],
      load: () => import('../../commands/lb/attributes'),
    }),
    leaf({
      name: 'cross-zone',
      description: 'turn cross-zone load balancing on or off (network and gateway load balancers; asks first)',
      args: [
        { key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' },
        { key: 'state', syntax: '<state>', description: 'on or off', values: V.loadBalancerCrossZoneStates },
      ],
      options: dryRunOptions(),
      examples: ['elbctl lb cross-zone edge on', 'elbctl lb cross-zone edge off'],
      load: () => import('../../commands/lb/cross-zone'),
    }),
    leaf({
      name: 'capacity',
      description:
        'show the LCU reservation of a load balancer, reserve a minimum ahead of a spike, or reset it (asks first)',
      args: [{ key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' }],
      options: [
        {
          flags: '--reserve <lcu>',
          key: 'reserve',
          description: 'keep at least this many capacity units (LCU) provisioned; billed hourly until reset',
        },
        {
          flags: '--reset',
          key: 'reset',
          description: 'remove the reservation (counts as one of the two daily decreases)',
        },
        ...dryRunOptions(),
      ],
      examples: [
        'elbctl lb capacity web',
        'elbctl lb capacity web --reserve 200 -y',
        'elbctl lb capacity web --reset -y',
      ],
      load: () => import('../../commands/lb/capacity'),
    }),
  ],
);
