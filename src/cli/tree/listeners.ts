/** `elbctl listener …`: listeners. */
import { leaf, noun } from '../spec';
import { LEADING_ACTION_OPTIONS } from './action-options';
import { dryRunOptions } from './dry-run';
import * as V from './values';

/** TLS listeners of network load balancers: the HTTP versions offered in the TLS handshake. */
const ALPN_POLICY_OPTION = {
  flags: '--alpn-policy <policy>',
  key: 'alpnPolicy',
  description: 'TLS (network): HTTP1Only, HTTP2Only, HTTP2Optional, HTTP2Preferred or None',
  values: V.alpnPolicies,
} as const;

const LISTENER = {
  key: 'listener',
  syntax: '<listener>',
  description: 'listener ARN, or LB:PORT',
  completes: 'listener',
} as const;

/** Client certificates on an HTTPS listener of an application load balancer (create and modify). */
const MUTUAL_TLS_OPTIONS = [
  {
    flags: '--mtls <mode>',
    key: 'mtls',
    description: 'mutual TLS (HTTPS, application): off, passthrough (to the targets) or verify (needs --trust-store)',
    values: async () => (await import('../../core/rules/trust-store')).MUTUAL_TLS_MODES,
  },
  {
    flags: '--trust-store <name|arn>',
    key: 'trustStore',
    description: 'with --mtls verify: the trust store client certificates are checked against',
  },
  {
    flags: '--advertise-ca-names <on|off>',
    key: 'advertiseCaNames',
    description: "with --mtls verify: send the trust store's CA names in the TLS handshake",
    values: async () => ['on', 'off'] as const,
  },
  {
    flags: '--ignore-client-certificate-expiry',
    key: 'ignoreClientCertificateExpiry',
    description: 'with --mtls verify: accept expired client certificates',
  },
] as const;

const CERTS = noun('certs', "a listener's certificates: list (the default), add, remove, rotate", [
  leaf({
    name: 'list',
    isDefault: true,
    description: 'the default and other certificates, with names and expiry from ACM (also: listener certs LISTENER)',
    args: [LISTENER],
    examples: ['elbctl listener certs list web:443', 'elbctl listener certs list web:443 -o json'],
    load: () => import('../../commands/listener/certs/list'),
  }),
  leaf({
    name: 'add',
    description: 'serve more certificates (SNI) on an HTTPS or TLS listener (asks first; -y to approve)',
    args: [LISTENER, { key: 'certificates', syntax: '<arns...>', description: 'certificate ARNs from ACM' }],
    options: dryRunOptions(),
    examples: ['elbctl listener certs add web:443 arn:aws:acm:us-east-1:123456789012:certificate/abc'],
    load: () => import('../../commands/listener/certs/add'),
  }),
  leaf({
    name: 'remove',
    description: 'stop serving certificates of the list; the default one is rotated, not removed (asks first)',
    args: [LISTENER, { key: 'certificates', syntax: '<arns...>', description: 'certificate ARNs attached to it' }],
    options: dryRunOptions(),
    examples: ['elbctl listener certs remove web:443 arn:aws:acm:us-east-1:123456789012:certificate/old -y'],
    load: () => import('../../commands/listener/certs/remove'),
  }),
  leaf({
    name: 'rotate',
    description: 'replace one certificate by another: add, check the listener presents it, then remove the old one',
    args: [LISTENER],
    options: [
      { flags: '--from <arn>', key: 'from', description: 'the certificate to replace (attached)', required: true },
      { flags: '--to <arn>', key: 'to', description: 'the certificate that replaces it (in ACM)', required: true },
      ...dryRunOptions(),
    ],
    examples: [
      'elbctl listener certs rotate web:443 --from arn:aws:acm:us-east-1:123456789012:certificate/old --to arn:aws:acm:us-east-1:123456789012:certificate/new',
    ],
    load: () => import('../../commands/listener/certs/rotate'),
  }),
]);

export const LISTENERS = noun('listener', 'listeners: create, list, modify, delete, certs, attributes', [
  leaf({
    name: 'create',
    description: 'add a listener to a load balancer with its default action',
    args: [{ key: 'lb', syntax: '<lb>', description: 'load balancer name or ARN', completes: 'load-balancer' }],
    options: [
      {
        flags: '--protocol <protocol>',
        key: 'protocol',
        description:
          'HTTP or HTTPS (application); TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC (network); GENEVE (gateway)',
        required: true,
        values: V.listenerProtocols,
      },
      { flags: '--port <port>', key: 'port', description: 'port to listen on (required; none for GENEVE)' },
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
      ...LEADING_ACTION_OPTIONS,
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
        default: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      },
      ALPN_POLICY_OPTION,
      ...MUTUAL_TLS_OPTIONS,
    ],
    examples: [
      'elbctl listener create web --protocol HTTP --port 80 --redirect-https',
      'elbctl listener create web --protocol HTTPS --port 443 --certificate arn:aws:acm:us-east-1:123456789012:certificate/abc --forward api',
      'elbctl listener create edge --protocol TCP --port 443 --forward tcp-pool',
      'elbctl listener create inspect --protocol GENEVE --forward appliances',
      'elbctl listener create api --protocol HTTPS --port 443 --certificate arn:aws:acm:us-east-1:123456789012:certificate/abc --forward api --mtls verify --trust-store partners',
      'elbctl listener create admin --protocol HTTPS --port 443 --certificate arn:aws:acm:us-east-1:123456789012:certificate/abc --auth-cognito user-pool-arn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc,client-id=admin,domain=admin-login --forward admin',
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
    name: 'modify',
    description:
      'change port, protocol, TLS policy, default certificate, default action or mutual TLS in place (asks first)',
    args: [LISTENER],
    options: [
      { flags: '--port <port>', key: 'port', description: 'a new port (the listener keeps its ARN and rules)' },
      {
        flags: '--protocol <protocol>',
        key: 'protocol',
        description: 'HTTP or HTTPS (application); TCP, TLS, UDP, TCP_UDP, QUIC or TCP_QUIC (network)',
        values: V.listenerProtocols,
      },
      {
        flags: '--ssl-policy <name>',
        key: 'sslPolicy',
        description: 'TLS policy for HTTPS/TLS (becoming HTTPS/TLS without one: the recommended policy)',
      },
      ALPN_POLICY_OPTION,
      {
        flags: '--certificate <arn>',
        key: 'certificate',
        description: 'the default certificate (the others stay; see listener certs)',
      },
      {
        flags: '--forward <tg[=weight],...>',
        key: 'forward',
        description: 'forward to target groups (weights for a weighted split)',
        completes: 'target-group',
      },
      {
        flags: '--group-stickiness <seconds>',
        key: 'groupStickiness',
        description: 'with --forward: keep a client on one target group for this long (1-604800)',
      },
      {
        flags: '--redirect-https',
        key: 'redirectHttps',
        description: 'redirect every request to HTTPS on port 443 (HTTP 301)',
      },
      { flags: '--redirect <url>', key: 'redirect', description: 'redirect to a URL (HTTP 301)' },
      {
        flags: '--fixed-response <code[:body]>',
        key: 'fixedResponse',
        description: 'answer with a fixed HTTP status and optional body',
      },
      ...LEADING_ACTION_OPTIONS,
      ...MUTUAL_TLS_OPTIONS,
      ...dryRunOptions(),
    ],
    examples: [
      'elbctl listener modify web:443 --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      'elbctl listener modify web:443 --forward blue=90,green=10 --group-stickiness 300 --dry-run',
      'elbctl listener modify web:80 --redirect-https -y',
      'elbctl listener modify api:443 --mtls verify --trust-store partners --advertise-ca-names on -y',
      'elbctl listener modify admin:443 --auth-oidc issuer=https://idp.example.com,authorization-endpoint=https://idp.example.com/authorize,token-endpoint=https://idp.example.com/token,user-info-endpoint=https://idp.example.com/userinfo,client-id=admin --client-secret-stdin -y',
      'elbctl listener modify admin:443 --actions-file admin-actions.yaml --dry-run',
    ],
    load: () => import('../../commands/listener/modify'),
  }),
  CERTS,
  leaf({
    name: 'attributes',
    description: 'show every attribute of a listener, or set the named ones (asks first; -y to approve)',
    args: [LISTENER],
    options: [
      { flags: '--set <key=value>', key: 'set', description: 'attribute to set (repeatable)', repeatable: true },
      ...dryRunOptions(),
    ],
    examples: [
      'elbctl listener attributes web:443',
      'elbctl listener attributes web:443 --set routing.http.response.server.enabled=false',
      'elbctl listener attributes edge:443 --set tcp.idle_timeout.seconds=600',
    ],
    load: () => import('../../commands/listener/attributes'),
  }),
  leaf({
    name: 'delete',
    description: 'delete a listener and its rules (asks first)',
    args: [{ key: 'listener', syntax: '<listener>', description: 'listener ARN, or LB:PORT', completes: 'listener' }],
    examples: ['elbctl listener delete web:80 -y'],
    load: () => import('../../commands/listener/delete'),
  }),
]);
