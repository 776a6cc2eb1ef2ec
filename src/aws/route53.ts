/**
 * The Route 53 gateway: find a hosted zone by ID or exact name, read the record sets of one
 * name, and send one atomic change batch (waiting until it is in sync).
 */
import {
  ChangeResourceRecordSetsCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  type Route53Client,
  waitUntilResourceRecordSetsChanged,
} from '@aws-sdk/client-route-53';
import type { DnsRecord, RecordChange, RecordValue } from '../core/classic/cutover';
import { fqdn } from '../core/classic/cutover';
import { awsStep } from './errors';

export interface HostedZone {
  id: string;
  name: string;
  private: boolean;
}

const bareId = (id: string) => id.replace(/^\/hostedzone\//, '');

function toRecord(r: ResourceRecordSet): DnsRecord {
  let value: RecordValue | undefined;
  if (r.AliasTarget)
    value = {
      kind: 'alias',
      dnsName: r.AliasTarget.DNSName ?? '',
      hostedZoneId: r.AliasTarget.HostedZoneId ?? '',
      evaluateTargetHealth: r.AliasTarget.EvaluateTargetHealth === true,
    };
  else if (r.Type === 'CNAME' && r.ResourceRecords?.[0]?.Value)
    value = { kind: 'cname', value: r.ResourceRecords[0].Value, ttl: r.TTL ?? 300 };
  return {
    name: r.Name ?? '',
    type: r.Type ?? '',
    ...(r.SetIdentifier !== undefined ? { setIdentifier: r.SetIdentifier } : {}),
    ...(r.Weight !== undefined ? { weight: Number(r.Weight) } : {}),
    ...(value ? { value } : {}),
  };
}

function toRecordSet(r: DnsRecord): ResourceRecordSet {
  const v = r.value;
  if (!v) throw new Error(`record ${r.name} ${r.type} has no value elbctl writes`);
  return {
    Name: r.name,
    Type: r.type as ResourceRecordSet['Type'],
    ...(r.setIdentifier !== undefined ? { SetIdentifier: r.setIdentifier, Weight: r.weight ?? 0 } : {}),
    ...(v.kind === 'alias'
      ? {
          AliasTarget: {
            DNSName: v.dnsName,
            HostedZoneId: v.hostedZoneId,
            EvaluateTargetHealth: v.evaluateTargetHealth,
          },
        }
      : { TTL: v.ttl, ResourceRecords: [{ Value: v.value }] }),
  };
}

export class Route53Gateway {
  constructor(private readonly client: Route53Client) {}

  /** The zone with this ID, or undefined. */
  async zoneById(id: string): Promise<HostedZone | undefined> {
    try {
      const r = await this.client.send(new GetHostedZoneCommand({ Id: bareId(id) }));
      const z = r.HostedZone;
      return z ? { id: bareId(z.Id ?? id), name: z.Name ?? '', private: z.Config?.PrivateZone === true } : undefined;
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchHostedZone') return undefined;
      return awsStep(`read hosted zone "${id}"`, () => Promise.reject(e));
    }
  }

  /** Every zone whose name is exactly `name` (public and private zones may share one). */
  async zonesNamed(name: string): Promise<HostedZone[]> {
    return awsStep(`find hosted zone "${name}"`, async () => {
      const out: HostedZone[] = [];
      let marker: { DNSName?: string; HostedZoneId?: string } = { DNSName: fqdn(name) };
      for (;;) {
        const r = await this.client.send(new ListHostedZonesByNameCommand({ ...marker, MaxItems: 100 }));
        const zones = r.HostedZones ?? [];
        for (const z of zones)
          if (fqdn(z.Name ?? '') === fqdn(name))
            out.push({ id: bareId(z.Id ?? ''), name: z.Name ?? '', private: z.Config?.PrivateZone === true });
        // Zones come sorted by name: once past it, or at the end, stop.
        if (!r.IsTruncated || zones.some((z) => fqdn(z.Name ?? '') > fqdn(name))) return out;
        marker = { DNSName: r.NextDNSName, HostedZoneId: r.NextHostedZoneId };
      }
    });
  }

  /** The record sets named `name` (every type and set identifier). */
  async recordsNamed(zoneId: string, name: string): Promise<DnsRecord[]> {
    return awsStep(`read the records "${name}"`, async () => {
      const out: DnsRecord[] = [];
      let start: { StartRecordName?: string; StartRecordType?: string; StartRecordIdentifier?: string } = {
        StartRecordName: fqdn(name),
      };
      for (;;) {
        const r = await this.client.send(
          new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...(start as object), MaxItems: 100 }),
        );
        const sets = r.ResourceRecordSets ?? [];
        for (const s of sets) if (fqdn(s.Name ?? '') === fqdn(name)) out.push(toRecord(s));
        const past = sets.some((s) => fqdn(s.Name ?? '') !== fqdn(name));
        if (!r.IsTruncated || past) return out;
        start = {
          StartRecordName: r.NextRecordName,
          StartRecordType: r.NextRecordType,
          ...(r.NextRecordIdentifier ? { StartRecordIdentifier: r.NextRecordIdentifier } : {}),
        };
      }
    });
  }

  /** One atomic change batch, then the SDK's waiter (up to 2 minutes) until Route 53 reports it in sync. */
  async change(zoneId: string, changes: readonly RecordChange[], comment: string): Promise<void> {
    await awsStep(`change the records of hosted zone "${zoneId}"`, async () => {
      const r = await this.client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: {
            Comment: comment,
            Changes: changes.map((c) => ({ Action: c.action, ResourceRecordSet: toRecordSet(c.record) })),
          },
        }),
      );
      const id = r.ChangeInfo?.Id;
      if (id && r.ChangeInfo?.Status !== 'INSYNC')
        await waitUntilResourceRecordSetsChanged({ client: this.client, maxWaitTime: 120 }, { Id: id });
    });
  }
}
