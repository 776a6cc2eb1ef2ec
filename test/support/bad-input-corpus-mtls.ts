/**
 * The bad-input corpus, trust stores and mutual TLS in stack files (issue 12): each refusal is 64
 * with a message and no AWS write. All are judged offline by the trust-store rulebook, so none
 * depends on reading a trust store (the emulator has none).
 */
import type { StackCase } from './bad-input-corpus';

/** The ALB's port-80 HTTP listener as an HTTPS one with `mtls` as its mutualAuthentication. */
const HTTP_LISTENER = '      - port: 80\n        protocol: HTTP\n';
const https = (mtls: string): [string, string] => [
  HTTP_LISTENER,
  `      - port: 443\n        protocol: HTTPS\n        certificates: [$CERT]\n        mutualAuthentication: ${mtls}\n`,
];
/** A `trustStores:` section appended to the file. */
const TAIL = '    port: 443\n    vpc: $VPC\n';
const stores = (entries: string): [string, string] => [TAIL, `${TAIL}trustStores:\n${entries}\n`];
const PARTNERS = '  - { name: partners, caCertificates: "s3://pki-bucket/ca.pem" }';

const stack = (what: string, edits: Array<[string, string]>, message: string): StackCase => ({
  kind: 'mutual TLS',
  what,
  edit: edits,
  code: 64,
  message,
});

export function mutualTlsStackCases(): StackCase[] {
  return [
    stack(
      'verify without a trust store',
      [https('{ mode: verify }'), stores(PARTNERS)],
      'mutual TLS "verify" needs a trust store to check client certificates against; add trustStore: NAME',
    ),
    stack(
      'a trust store the file does not declare',
      [https('{ mode: verify, trustStore: partner }'), stores(PARTNERS)],
      'trust store "partner": not declared in this stack; did you mean "partners"?',
    ),
    stack(
      'mutual TLS on an HTTP listener',
      [[HTTP_LISTENER, `${HTTP_LISTENER}        mutualAuthentication: { mode: passthrough }\n`]],
      'mutual TLS "passthrough" needs an HTTPS listener, not HTTP',
    ),
    stack(
      'mutual TLS on a network load balancer',
      [
        [
          '      - port: 443\n        protocol: TCP\n',
          '      - port: 443\n        protocol: TLS\n        certificates: [$CERT]\n        mutualAuthentication: { mode: passthrough }\n',
        ],
      ],
      'mutual TLS is only on application load balancers',
    ),
    stack(
      'a verify-only field with passthrough',
      [https('{ mode: passthrough, advertiseCaNames: true }')],
      'advertiseCaNames applies only to mutual TLS "verify", not "passthrough"',
    ),
    stack('an unknown mode', [https('{ mode: strict }')], 'mode "strict": unknown; use off, passthrough or verify'),
    stack(
      'a malformed trust store ARN',
      [https('{ mode: verify, trustStore: "arn:aws:iam::123456789012:role/x" }')],
      'not a trust store ARN',
    ),
    stack(
      'a CA bundle that is not an s3:// URL',
      [stores('  - { name: partners, caCertificates: "https://pki-bucket.s3.amazonaws.com/ca.pem" }')],
      'write it as s3://BUCKET/KEY (optionally ?versionId=VERSION)',
    ),
    stack(
      'a revocation list in a bucket S3 refuses',
      [stores('  - { name: partners, caCertificates: "s3://pki-bucket/ca.pem", revocations: ["s3://PKI/crl.pem"] }')],
      'bucket "PKI" is not an S3 bucket name',
    ),
    stack(
      'a trust store name with a doubled hyphen',
      [stores('  - { name: ca--store, caCertificates: "s3://pki-bucket/ca.pem" }')],
      'trust store name "ca--store": use letters and digits, with single hyphens between them',
    ),
    stack(
      'one trust store declared twice',
      [stores(`${PARTNERS}\n  - { name: partners }`)],
      'trust store name "partners": declared twice (also trustStores[0])',
    ),
    stack(
      'an unknown key in a trust store',
      [stores('  - { name: partners, bundle: "s3://pki-bucket/ca.pem" }')],
      'unknown field "bundle"',
    ),
  ];
}
