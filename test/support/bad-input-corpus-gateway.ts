/**
 * The bad-input corpus, gateway and network-load-balancer part (issue 12): gateway load balancers
 * and their GENEVE listener and target groups, network load balancers' subnet mappings and ALPN
 * policies, through the flags (`lb create --type gateway|--subnet-mapping`, `listener create
 * --protocol GENEVE|--alpn-policy`) and the stack file. Each is refused with 64 and a message, with no AWS write.
 */
import type { FlagCase, StackCase } from './bad-input-corpus';

/** A valid gateway load balancer and its GENEVE target group, added to the corpus's base stack. */
const GATEWAY_LB = `  - name: inspect
    type: gateway
    subnets: [$SUBNET1, $SUBNET2]
    listeners:
      - protocol: GENEVE
        defaultAction: { forward: appliances }
`;
const GATEWAY_TG = `  - name: appliances
    protocol: GENEVE
    port: 6081
    vpc: $VPC
`;
const ADD_GATEWAY: [string, string] = ['targetGroups:\n', `${GATEWAY_LB}targetGroups:\n${GATEWAY_TG}`];

const stack = (kind: string, what: string, edits: Array<[string, string]>, message: string): StackCase => ({
  kind,
  what,
  edit: [ADD_GATEWAY, ...edits],
  code: 64,
  message,
});

const NLB_SUBNETS = '    type: network\n    subnets: [$SUBNET1]\n';
const mapping = (kind: string, what: string, replacement: string, message: string): StackCase => ({
  kind,
  what,
  edit: [[NLB_SUBNETS, replacement]],
  code: 64,
  message,
});

export function gatewayStackCases(): StackCase[] {
  return [
    {
      kind: 'protocols',
      what: 'a QUIC listener on a dualstack network load balancer',
      edit: [
        [NLB_SUBNETS, '    type: network\n    ipAddressType: dualstack\n    subnets: [$SUBNET1]\n'],
        [
          '        protocol: TCP\n        defaultAction: { forward: raw }',
          '        protocol: QUIC\n        defaultAction: { forward: raw }',
        ],
        ['    protocol: TCP\n    port: 443\n', '    protocol: QUIC\n    port: 443\n'],
      ],
      code: 64,
      message: 'a QUIC listener needs an ipv4 network load balancer, this one is dualstack',
    },
    {
      kind: 'targets',
      what: 'targets on a QUIC target group',
      edit: [['    protocol: TCP\n    port: 443\n', '    protocol: QUIC\n    port: 443\n    targets: [{ id: $I1 }]\n']],
      code: 64,
      message: 'target group "raw": a QUIC target group\'s targets each need a QUIC server ID',
    },
    {
      kind: 'ports',
      what: 'targetControlPort on a TCP target group',
      edit: [['    protocol: TCP\n    port: 443\n', '    protocol: TCP\n    port: 443\n    targetControlPort: 3000\n']],
      code: 64,
      message:
        'target group "raw": a target control port (the target optimizer\'s agent) is for HTTP/HTTPS target groups of instance or ip targets behind an application load balancer; remove targetControlPort',
    },
    {
      kind: 'protocols',
      what: 'alpnPolicy on a TCP listener',
      edit: [['        protocol: TCP\n', '        protocol: TCP\n        alpnPolicy: HTTP2Preferred\n']],
      code: 64,
      message:
        'listener shop-nlb:443: an ALPN policy applies to TLS listeners (network load balancers); remove alpnPolicy or use TLS',
    },
    {
      kind: 'enums',
      what: 'an unknown alpnPolicy',
      edit: [['        protocol: TCP\n', '        protocol: TCP\n        alpnPolicy: HTTP3\n']],
      code: 64,
      message: 'alpnPolicy "HTTP3": unknown; use HTTP1Only, HTTP2Only, HTTP2Optional, HTTP2Preferred or None',
    },
    mapping(
      'subnets',
      'subnets and subnetMappings together',
      '    type: network\n    subnets: [$SUBNET1]\n    subnetMappings: [{ subnet: $SUBNET1 }]\n',
      'load balancer "shop-nlb": subnets and subnetMappings are both given; give only one',
    ),
    mapping(
      'subnets',
      'an Elastic IP on an internal network load balancer',
      '    type: network\n    scheme: internal\n    subnetMappings: [{ subnet: $SUBNET1, allocationId: eipalloc-0123456789abcdef0 }]\n',
      'an internal load balancer takes no Elastic IP; give a privateIPv4Address instead',
    ),
    mapping(
      'addresses',
      'a private address outside its subnet',
      '    type: network\n    scheme: internal\n    subnetMappings: [{ subnet: $SUBNET1, privateIPv4Address: 192.168.1.10 }]\n',
      'private IPv4 address 192.168.1.10 is not in the subnet',
    ),
    mapping(
      'addresses',
      'a malformed private address',
      '    type: network\n    scheme: internal\n    subnetMappings: [{ subnet: $SUBNET1, privateIPv4Address: 10.0.1.999 }]\n',
      'private IPv4 address "10.0.1.999": not an IPv4 address',
    ),
    stack(
      'enums',
      'a gateway load balancer written internet-facing',
      [['    type: gateway\n', '    type: gateway\n    scheme: internet-facing\n']],
      'load balancer "inspect": a gateway load balancer is always internal (AWS takes no scheme for it); leave the scheme out',
    ),
    stack(
      'subnets',
      'security groups on a gateway load balancer',
      [['    type: gateway\n', '    type: gateway\n    securityGroups: [$SG]\n']],
      'load balancer "inspect": a gateway load balancer has no security groups; leave them out',
    ),
    stack(
      'ports',
      'a port on the GENEVE listener',
      [['      - protocol: GENEVE\n', '      - protocol: GENEVE\n        port: 6081\n']],
      'listener inspect:6081: a GENEVE listener (gateway load balancer) has no port, AWS takes all IP traffic on it; leave out port',
    ),
    stack(
      'ports',
      'an HTTP listener without a port',
      [['      - port: 80\n        protocol: HTTP\n', '      - protocol: HTTP\n']],
      'listener shop:#1: an HTTP listener needs a port; give port',
    ),
    stack(
      'protocols',
      'a TCP listener on a gateway load balancer',
      [['      - protocol: GENEVE\n', '      - protocol: TCP\n        port: 80\n']],
      'listener inspect:80: listener protocol "TCP": not supported on a gateway load balancer; use GENEVE',
    ),
    stack(
      'limits',
      'two listeners on a gateway load balancer',
      [
        [
          '        defaultAction: { forward: appliances }\n',
          '        defaultAction: { forward: appliances }\n      - protocol: GENEVE\n        defaultAction: { forward: appliances }\n',
        ],
      ],
      'load balancer "inspect": 2 listeners; a gateway load balancer has one (GENEVE), keep only one',
    ),
    stack(
      'attributes',
      'target failover on one key only',
      [['    port: 6081\n', '    port: 6081\n    attributes: { target_failover.on_unhealthy: rebalance }\n']],
      'target_failover.on_deregistration and target_failover.on_unhealthy are set together to one value (AWS refuses them apart); give both rebalance',
    ),
  ];
}

const flag = (kind: string, what: string, args: string[], message: string): FlagCase => ({
  kind,
  what,
  args,
  code: 64,
  message,
});

export function gatewayFlagCases(): FlagCase[] {
  return [
    flag(
      'ports',
      'tg create --target-control-port out of range',
      ['tg', 'create', 'tcp2', '--protocol', 'HTTP', '--port', '80', '--vpc', '$VPC', '--target-control-port', '0'],
      'target control port "0": must be a whole number from 1 to 65535',
    ),
    flag(
      'protocols',
      'listener create --alpn-policy on an HTTP listener',
      [
        'listener',
        'create',
        'web2',
        '--protocol',
        'HTTP',
        '--port',
        '8081',
        '--alpn-policy',
        'HTTP2Only',
        '--forward',
        'front',
      ],
      'listener web2:8081: an ALPN policy applies to TLS listeners (network load balancers); drop --alpn-policy or use TLS',
    ),
    flag(
      'enums',
      'listener modify --alpn-policy with an unknown value',
      ['listener', 'modify', 'web2:80', '--alpn-policy', 'h2', '-y'],
      'alpn policy "h2": unknown; use HTTP1Only, HTTP2Only, HTTP2Optional, HTTP2Preferred or None',
    ),
    flag(
      'subnets',
      'lb create with --subnets and --subnet-mapping',
      ['lb', 'create', 'edge2', '--type', 'network', '--subnets', '$SUBNET1', '--subnet-mapping', 'SubnetId=$SUBNET2'],
      'subnets: --subnets and --subnet-mapping were both given; pass only one',
    ),
    flag(
      'subnets',
      'lb create --subnet-mapping with an Elastic IP on an internal load balancer',
      [
        'lb',
        'create',
        'edge2',
        '--type',
        'network',
        '--scheme',
        'internal',
        '--subnet-mapping',
        'SubnetId=$SUBNET1,AllocationId=eipalloc-0123456789abcdef0',
      ],
      'an internal load balancer takes no Elastic IP; give a PrivateIPv4Address instead',
    ),
    flag(
      'addresses',
      'lb create --subnet-mapping with a private address outside its subnet',
      [
        'lb',
        'create',
        'edge2',
        '--type',
        'network',
        '--scheme',
        'internal',
        '--subnet-mapping',
        'SubnetId=$SUBNET1,PrivateIPv4Address=192.168.1.10',
      ],
      'private IPv4 address 192.168.1.10 is not in the subnet',
    ),
    flag(
      'enums',
      'lb create --type gateway --scheme internet-facing',
      ['lb', 'create', 'inspect', '--type', 'gateway', '--subnets', '$SUBNET1', '--scheme', 'internet-facing'],
      'load balancer "inspect": a gateway load balancer is always internal (AWS takes no scheme for it); leave the scheme out',
    ),
    flag(
      'subnets',
      'lb create --type gateway --security-groups',
      ['lb', 'create', 'inspect', '--type', 'gateway', '--subnets', '$SUBNET1', '--security-groups', '$SG'],
      'load balancer "inspect": a gateway load balancer has no security groups; leave them out',
    ),
    flag(
      'ports',
      'listener create --protocol GENEVE --port',
      ['listener', 'create', 'web2', '--protocol', 'GENEVE', '--port', '6081', '--forward', 'front'],
      'listener web2:6081: a GENEVE listener (gateway load balancer) has no port, AWS takes all IP traffic on it; leave out --port',
    ),
    flag(
      'ports',
      'listener create --protocol HTTP without --port',
      ['listener', 'create', 'web2', '--protocol', 'HTTP', '--forward', 'front'],
      'listener web2:HTTP: an HTTP listener needs a port; give --port',
    ),
    flag(
      'protocols',
      'listener create --protocol GENEVE on an application load balancer',
      ['listener', 'create', 'web2', '--protocol', 'GENEVE', '--forward', 'web2'],
      'listener protocol "GENEVE": not supported on an application load balancer; use HTTP or HTTPS',
    ),
  ];
}
