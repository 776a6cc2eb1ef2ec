/**
 * The ACM gateway: the certificates a new HTTPS or TLS listener could use, and what a listener's
 * certificates cover and until when. Read-only.
 */
import {
  type ACMClient,
  type CertificateDetail,
  DescribeCertificateCommand,
  type KeyAlgorithm,
  paginateListCertificates,
} from '@aws-sdk/client-acm';
import { mapLimit } from '../core/concurrency';
import { awsStep, translateAwsError } from './errors';
import { ownInput } from './paging';

/** DescribeCertificate takes one ARN; a listener holds at most a few dozen. */
const DESCRIBE_CONCURRENCY = 4;
const IAM_CERTIFICATE = /^arn:aws[a-z-]*:iam:/;

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

/** What ACM says about one certificate a listener uses (IAM server certificates are not ACM's to describe). */
export interface CertificateFacts {
  arn: string;
  /** `acm`, or `iam` for an IAM server certificate (no details can be read through ACM). */
  source: 'acm' | 'iam';
  domainName?: string | undefined;
  /** Every name it covers, the domain name included. */
  names: string[];
  status?: string | undefined;
  notAfter?: Date | undefined;
}

function toFacts(arn: string, c: CertificateDetail | undefined): CertificateFacts {
  const names = [...new Set([c?.DomainName ?? '', ...(c?.SubjectAlternativeNames ?? [])].filter(Boolean))];
  return { arn, source: 'acm', domainName: c?.DomainName, names, status: c?.Status, notAfter: c?.NotAfter };
}

const NOT_FOUND = new Set(['ResourceNotFoundException', 'InvalidArnException']);

export class AcmGateway {
  constructor(private readonly client: ACMClient) {}

  /**
   * The certificates of these ARNs as ACM describes them, in the order asked, and the ACM ARNs
   * that do not exist in this account and region (a reference: the caller refuses with exit 64).
   */
  async describeCertificates(arns: readonly string[]): Promise<{ found: CertificateFacts[]; missing: string[] }> {
    const results = await mapLimit([...new Set(arns)], DESCRIBE_CONCURRENCY, async (arn) => {
      if (IAM_CERTIFICATE.test(arn)) return { arn, facts: { arn, source: 'iam' as const, names: [] } };
      try {
        const r = await this.client.send(new DescribeCertificateCommand({ CertificateArn: arn }));
        return { arn, facts: toFacts(arn, r.Certificate) };
      } catch (e) {
        const name = (e as { name?: string }).name ?? '';
        if (NOT_FOUND.has(name)) return { arn, facts: undefined };
        throw translateAwsError(e, `describe certificate ${arn}`);
      }
    });
    return {
      found: results.flatMap((r) => (r.facts ? [r.facts] : [])),
      missing: results.filter((r) => !r.facts).map((r) => r.arn),
    };
  }

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
