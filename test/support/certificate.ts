/**
 * A throwaway self-signed certificate imported into moto's ACM, for HTTPS/TLS listener tests.
 */
import { ACMClient, ImportCertificateCommand } from '@aws-sdk/client-acm';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CREDENTIALS, TEST_REGION } from './network';

export async function importTestCertificate(
  endpoint: string,
  domain = 'example.com',
  region = TEST_REGION,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'elbctl-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=${domain}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const acm = new ACMClient({ region, endpoint, credentials: TEST_CREDENTIALS });
    try {
      const r = await acm.send(
        new ImportCertificateCommand({
          Certificate: readFileSync(join(dir, 'cert.pem')),
          PrivateKey: readFileSync(join(dir, 'key.pem')),
        }),
      );
      return r.CertificateArn as string;
    } finally {
      acm.destroy();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
