/** Trust stores (mutual TLS): list, describe with their listeners and revocation lists, create, delete. */
import {
  AddTrustStoreRevocationsCommand,
  CreateTrustStoreCommand,
  DeleteTrustStoreCommand,
  DescribeTrustStoresCommand,
  type ElasticLoadBalancingV2Client,
  ModifyTrustStoreCommand,
  RemoveTrustStoreRevocationsCommand,
  type TrustStore as SdkTrustStore,
  paginateDescribeTrustStoreAssociations,
  paginateDescribeTrustStoreRevocations,
  paginateDescribeTrustStores,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ElbctlError, notFoundError } from '../../core/errors';
import type { Tag, TrustStore, TrustStoreRevocation } from '../../core/model';
import { isTrustStoreArn, type S3Location } from '../../core/rules/trust-store';
import { awsStep, translateAwsError } from '../errors';
import { allItems, ownInput } from '../paging';
import { isNotFound } from './describe-batch';

const PAGE_SIZE = 400;

function toTrustStore(t: SdkTrustStore): TrustStore {
  return {
    name: t.Name ?? '',
    arn: t.TrustStoreArn ?? '',
    status: t.Status ?? 'ACTIVE',
    caCertificates: t.NumberOfCaCertificates ?? 0,
    revokedEntries: Number(t.TotalRevokedEntries ?? 0),
  };
}

export class TrustStoreGateway {
  constructor(private readonly client: ElasticLoadBalancingV2Client) {}

  async list(): Promise<TrustStore[]> {
    return awsStep('list trust stores', async () => {
      const pages = paginateDescribeTrustStores(
        { client: this.client, withCommand: ownInput },
        { PageSize: PAGE_SIZE },
      );
      return (await allItems(pages, (p) => p.TrustStores)).map(toTrustStore);
    });
  }

  /** A trust store by name or ARN, or undefined when there is none. */
  async find(ref: string): Promise<TrustStore | undefined> {
    try {
      const r = await this.client.send(
        new DescribeTrustStoresCommand(isTrustStoreArn(ref) ? { TrustStoreArns: [ref] } : { Names: [ref] }),
      );
      const t = r.TrustStores?.[0];
      return t ? toTrustStore(t) : undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw translateAwsError(e, 'describe trust stores');
    }
  }

  /** A trust store by name or ARN; not found names it. */
  async get(ref: string): Promise<TrustStore> {
    const t = await this.find(ref);
    if (!t)
      throw notFoundError('trust store', ref, { hint: '`elbctl trust-store list` shows what exists in this Region' });
    return t;
  }

  /** The ARNs of the listeners that use the trust store. */
  async associations(arn: string): Promise<string[]> {
    return awsStep('describe trust store associations', async () => {
      const pages = paginateDescribeTrustStoreAssociations(
        { client: this.client, withCommand: ownInput },
        { TrustStoreArn: arn, PageSize: PAGE_SIZE },
      );
      return (await allItems(pages, (p) => p.TrustStoreAssociations)).flatMap((a) =>
        a.ResourceArn ? [a.ResourceArn] : [],
      );
    });
  }

  async revocations(arn: string): Promise<TrustStoreRevocation[]> {
    return awsStep('describe trust store revocations', async () => {
      const pages = paginateDescribeTrustStoreRevocations(
        { client: this.client, withCommand: ownInput },
        { TrustStoreArn: arn, PageSize: PAGE_SIZE },
      );
      return (await allItems(pages, (p) => p.TrustStoreRevocations)).map((r) => ({
        id: Number(r.RevocationId ?? 0),
        type: r.RevocationType ?? 'CRL',
        revokedEntries: Number(r.NumberOfRevokedEntries ?? 0),
      }));
    });
  }

  async create(input: { name: string; caCertificates: S3Location; tags?: Tag[] | undefined }): Promise<TrustStore> {
    return awsStep(`create trust store "${input.name}"`, async () => {
      const r = await this.client.send(
        new CreateTrustStoreCommand({
          Name: input.name,
          CaCertificatesBundleS3Bucket: input.caCertificates.bucket,
          CaCertificatesBundleS3Key: input.caCertificates.key,
          ...(input.caCertificates.version !== undefined
            ? { CaCertificatesBundleS3ObjectVersion: input.caCertificates.version }
            : {}),
          ...(input.tags && input.tags.length > 0
            ? { Tags: input.tags.map((t) => ({ Key: t.key, Value: t.value })) }
            : {}),
        }),
      );
      const t = r.TrustStores?.[0];
      if (!t) throw new ElbctlError('aws', 'E_AWS', `create trust store "${input.name}": AWS returned no trust store`);
      return toTrustStore(t);
    });
  }

  /** Adds certificate revocation lists (one call for all of them). */
  async addRevocations(arn: string, lists: readonly S3Location[]): Promise<void> {
    if (lists.length === 0) return;
    await awsStep('add trust store revocations', () =>
      this.client.send(
        new AddTrustStoreRevocationsCommand({
          TrustStoreArn: arn,
          RevocationContents: lists.map((l) => ({
            S3Bucket: l.bucket,
            S3Key: l.key,
            ...(l.version !== undefined ? { S3ObjectVersion: l.version } : {}),
            RevocationType: 'CRL',
          })),
        }),
      ),
    );
  }

  /** Replaces the CA bundle (the trust store keeps its name, ARN and revocation lists). */
  async modify(arn: string, caCertificates: S3Location): Promise<void> {
    await awsStep('modify trust store', () =>
      this.client.send(
        new ModifyTrustStoreCommand({
          TrustStoreArn: arn,
          CaCertificatesBundleS3Bucket: caCertificates.bucket,
          CaCertificatesBundleS3Key: caCertificates.key,
          ...(caCertificates.version !== undefined
            ? { CaCertificatesBundleS3ObjectVersion: caCertificates.version }
            : {}),
        }),
      ),
    );
  }

  /** Removes revocation lists by id (one call for all of them). */
  async removeRevocations(arn: string, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await awsStep('remove trust store revocations', () =>
      this.client.send(new RemoveTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: [...ids] })),
    );
  }

  async delete(arn: string): Promise<void> {
    await awsStep('delete trust store', () => this.client.send(new DeleteTrustStoreCommand({ TrustStoreArn: arn })));
  }
}
