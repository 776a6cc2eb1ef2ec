/**
 * The ACM gateway: the certificates a new HTTPS or TLS listener could use. Read-only.
 */
import { type ACMClient, type KeyAlgorithm, paginateListCertificates } from '@aws-sdk/client-acm';
import { awsStep } from './errors';
import { ownInput } from './paging';

export interface Certificate {
  arn: string;
  domainName: string;
  /** Other names the certificate covers (as far as ACM lists them). */
  alternativeNames: string[];
  keyAlgorithm?: string | undefined;
  /** AMAZON_ISSUED, IMPORTED or PRIVATE. */
  type?: string | undefined;
  notAfter?: Date | undefined;
  inUse?: boolean | undefined;
}

/**
 * ListCertificates returns RSA-2048 certificates only unless asked for other key types; these
 * are the ones a load balancer listener accepts.
 */
const LISTENER_KEY_TYPES: KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

export class AcmGateway {
  constructor(private readonly client: ACMClient) {}

  /** Every ISSUED certificate in the region (pending, expired or revoked ones cannot serve). */
  async listIssuedCertificates(): Promise<Certificate[]> {
    return awsStep('list ACM certificates', async () => {
      const out: Certificate[] = [];
      for await (const r of paginateListCertificates(
        { client: this.client, withCommand: ownInput },
        {
          CertificateStatuses: ['ISSUED'],
          Includes: { keyTypes: LISTENER_KEY_TYPES },
          MaxItems: 1000,
        },
      )) {
        for (const c of r.CertificateSummaryList ?? []) {
          if (!c.CertificateArn) continue;
          out.push({
            arn: c.CertificateArn,
            domainName: c.DomainName ?? '',
            alternativeNames: (c.SubjectAlternativeNameSummaries ?? []).filter((n) => n !== c.DomainName),
            keyAlgorithm: c.KeyAlgorithm,
            type: c.Type,
            notAfter: c.NotAfter,
            inUse: c.InUse,
          });
        }
      }
      return out;
    });
  }
}
