/** `elbctl trust-store …`: CA bundles that HTTPS listeners verify client certificates against (mutual TLS). */
import { leaf, noun } from '../spec';

const TRUST_STORE = { key: 'trustStore', syntax: '<trust-store>', description: 'trust store name or ARN' } as const;

export const TRUST_STORES = noun('trust-store', 'trust stores for mutual TLS: create, list, describe, delete', [
  leaf({
    name: 'create',
    description: 'create a trust store from a CA bundle in S3, with certificate revocation lists',
    args: [{ key: 'name', syntax: '<name>', description: 'trust store name (1-32 letters, digits, hyphens)' }],
    options: [
      {
        flags: '--ca-certificates <s3-url>',
        key: 'caCertificates',
        description: 'the PEM bundle of CA certificates: s3://BUCKET/KEY[?versionId=V]',
        required: true,
      },
      {
        flags: '--revocations <s3-url>',
        key: 'revocations',
        description: 'a certificate revocation list (CRL) in S3 (repeatable)',
        repeatable: true,
      },
      { flags: '--tag <key=value>', key: 'tag', description: 'tag to add (repeatable)', repeatable: true },
    ],
    examples: [
      'elbctl trust-store create partners --ca-certificates s3://pki-bucket/partners/ca.pem',
      'elbctl trust-store create partners --ca-certificates s3://pki-bucket/ca.pem --revocations s3://pki-bucket/crl/1.crl',
    ],
    load: () => import('../../commands/trust-store/create'),
  }),
  leaf({
    name: 'list',
    description: "list the Region's trust stores",
    examples: ['elbctl trust-store list', 'elbctl trust-store list -o json'],
    load: () => import('../../commands/trust-store/list'),
  }),
  leaf({
    name: 'describe',
    description: 'a trust store, the listeners that verify with it and its revocation lists',
    args: [TRUST_STORE],
    examples: ['elbctl trust-store describe partners'],
    load: () => import('../../commands/trust-store/describe'),
  }),
  leaf({
    name: 'delete',
    description: 'delete a trust store no listener uses (asks first)',
    args: [TRUST_STORE],
    examples: ['elbctl trust-store delete partners -y'],
    load: () => import('../../commands/trust-store/delete'),
  }),
]);
