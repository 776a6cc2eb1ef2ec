/**
 * The EC2 gateway: the discovery elbctl needs (subnets and their zones, VPCs, security groups,
 * instances). Read-only.
 */
import {
  DescribeRegionsCommand,
  type EC2Client,
  type Filter,
  type Subnet as SdkSubnet,
  type Vpc as SdkVpc,
  paginateDescribeInstances,
  paginateDescribeNetworkInterfaces,
  paginateDescribeVpcs,
  paginateDescribeSubnets,
  paginateDescribeSecurityGroups,
} from '@aws-sdk/client-ec2';
import { awsStep } from './errors';
import { ownInput } from './paging';

export interface Subnet {
  id: string;
  vpcId: string;
  availabilityZone: string;
  cidr: string;
  /** IPv6 blocks associated with the subnet (a dualstack load balancer needs one in each subnet). */
  ipv6Cidrs: string[];
  name?: string | undefined;
}

export interface Vpc {
  id: string;
  cidr: string;
  cidrs: string[];
  isDefault: boolean;
  name?: string | undefined;
}

interface SecurityGroupRule {
  protocol: string;
  fromPort?: number | undefined;
  toPort?: number | undefined;
  cidrs: string[];
  sourceGroups: string[];
}

export interface SecurityGroup {
  id: string;
  name: string;
  vpcId: string;
  ingress: SecurityGroupRule[];
}

export interface Instance {
  id: string;
  state: string;
  vpcId?: string | undefined;
  subnetId?: string | undefined;
  availabilityZone?: string | undefined;
  privateIp?: string | undefined;
  securityGroups: string[];
  name?: string | undefined;
}

export interface NetworkInterface {
  id: string;
  privateIps: string[];
  securityGroups: string[];
  availabilityZone?: string | undefined;
  subnetId?: string | undefined;
  vpcId?: string | undefined;
}

const nameTag = (tags: Array<{ Key?: string; Value?: string }> | undefined) =>
  tags?.find((t) => t.Key === 'Name')?.Value;

const GONE_STATES: ReadonlySet<string> = new Set(['disassociating', 'disassociated', 'failing', 'failed']);

/** EC2 takes at most 200 values in one filter; longer lists go in several calls. */
const MAX_FILTER_VALUES = 200;

function filterBatches(name: string, ids: readonly string[]): Filter[][] {
  const unique = [...new Set(ids)];
  const out: Filter[][] = [];
  for (let i = 0; i < unique.length; i += MAX_FILTER_VALUES) {
    out.push([{ Name: name, Values: unique.slice(i, i + MAX_FILTER_VALUES) }]);
  }
  return out;
}

function toSubnet(s: SdkSubnet): Subnet {
  return {
    id: s.SubnetId ?? '',
    vpcId: s.VpcId ?? '',
    availabilityZone: s.AvailabilityZone ?? '',
    cidr: s.CidrBlock ?? '',
    // Blocks on their way out do not count; any other state does (the emulator misreports the state's text).
    ipv6Cidrs: (s.Ipv6CidrBlockAssociationSet ?? [])
      .filter((a) => !GONE_STATES.has(a.Ipv6CidrBlockState?.State ?? ''))
      .map((a) => a.Ipv6CidrBlock ?? '')
      .filter(Boolean),
    name: nameTag(s.Tags),
  };
}

/** A VPC with every IPv4 block and its IPv6 ones (IP targets and security group reasoning need all). */
function toVpc(v: SdkVpc): Vpc {
  const cidrs = (v.CidrBlockAssociationSet ?? []).map((c) => c.CidrBlock ?? '').filter(Boolean);
  const v6 = (v.Ipv6CidrBlockAssociationSet ?? []).map((c) => c.Ipv6CidrBlock ?? '').filter(Boolean);
  return {
    id: v.VpcId ?? '',
    cidr: v.CidrBlock ?? '',
    cidrs: [...(cidrs.length > 0 ? cidrs : [v.CidrBlock ?? '']), ...v6],
    isDefault: v.IsDefault ?? false,
    name: nameTag(v.Tags),
  };
}

export class Ec2Gateway {
  constructor(private readonly client: EC2Client) {}

  /** The regions the account has enabled (opt-in regions it has not opted into are left out), sorted. */
  async listEnabledRegions(): Promise<string[]> {
    return awsStep('list enabled regions', async () => {
      const r = await this.client.send(new DescribeRegionsCommand({ AllRegions: false }));
      return (r.Regions ?? [])
        .filter((x) => x.OptInStatus !== 'not-opted-in')
        .map((x) => x.RegionName ?? '')
        .filter(Boolean)
        .sort();
    });
  }

  /**
   * The subnets of these IDs that exist (the `subnet-id` filter returns what exists instead of
   * failing on the first unknown ID); the caller names every missing one.
   */
  async findSubnets(ids: readonly string[]): Promise<Subnet[]> {
    if (ids.length === 0) return [];
    return awsStep('look up subnets', async () => {
      const out: Subnet[] = [];
      for (const Filters of filterBatches('subnet-id', ids)) {
        for await (const r of paginateDescribeSubnets({ client: this.client, withCommand: ownInput }, { Filters })) {
          for (const s of r.Subnets ?? []) out.push(toSubnet(s));
        }
      }
      return out;
    });
  }

  /** The VPCs of these IDs that exist, with every CIDR block (`vpc-id` filter). */
  async findVpcs(ids: readonly string[]): Promise<Vpc[]> {
    if (ids.length === 0) return [];
    return awsStep('look up VPCs', async () => {
      const out: Vpc[] = [];
      for (const Filters of filterBatches('vpc-id', ids)) {
        for await (const r of paginateDescribeVpcs({ client: this.client, withCommand: ownInput }, { Filters })) {
          for (const v of r.Vpcs ?? []) out.push(toVpc(v));
        }
      }
      return out;
    });
  }

  async listSubnets(vpcId?: string): Promise<Subnet[]> {
    return awsStep('list subnets', async () => {
      const out: Subnet[] = [];
      for await (const r of paginateDescribeSubnets(
        { client: this.client, withCommand: ownInput },
        {
          ...(vpcId ? { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] } : {}),
        },
      )) {
        for (const s of r.Subnets ?? []) out.push(toSubnet(s));
      }
      return out;
    });
  }

  async listVpcs(ids?: readonly string[]): Promise<Vpc[]> {
    return awsStep('list VPCs', async () => {
      const out: Vpc[] = [];
      for await (const r of paginateDescribeVpcs(
        { client: this.client, withCommand: ownInput },
        {
          ...(ids?.length ? { VpcIds: [...ids] } : {}),
        },
      )) {
        for (const v of r.Vpcs ?? []) out.push(toVpc(v));
      }
      return out;
    });
  }

  /** The security groups of these IDs that exist (`group-id` filter), with their VPC and ingress rules. */
  async findSecurityGroups(ids: readonly string[]): Promise<SecurityGroup[]> {
    if (ids.length === 0) return [];
    const out: SecurityGroup[] = [];
    for (const Filters of filterBatches('group-id', ids)) out.push(...(await this.describeSecurityGroups({ Filters })));
    return out;
  }

  async listSecurityGroups(vpcId: string): Promise<SecurityGroup[]> {
    return this.describeSecurityGroups({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  }

  private async describeSecurityGroups(input: object): Promise<SecurityGroup[]> {
    return awsStep('look up security groups', async () => {
      const out: SecurityGroup[] = [];
      for await (const r of paginateDescribeSecurityGroups(
        { client: this.client, withCommand: ownInput },
        { ...input },
      )) {
        for (const g of r.SecurityGroups ?? []) {
          out.push({
            id: g.GroupId ?? '',
            name: g.GroupName ?? '',
            vpcId: g.VpcId ?? '',
            ingress: (g.IpPermissions ?? []).map((p) => ({
              protocol: p.IpProtocol ?? '-1',
              fromPort: p.FromPort,
              toPort: p.ToPort,
              cidrs: [
                ...(p.IpRanges ?? []).map((x) => x.CidrIp ?? ''),
                ...(p.Ipv6Ranges ?? []).map((x) => x.CidrIpv6 ?? ''),
              ].filter(Boolean),
              sourceGroups: (p.UserIdGroupPairs ?? []).map((x) => x.GroupId ?? '').filter(Boolean),
            })),
          });
        }
      }
      return out;
    });
  }

  async listInstances(filter: { ids?: readonly string[]; vpcId?: string } = {}): Promise<Instance[]> {
    return awsStep('look up instances', async () => {
      const out: Instance[] = [];
      for await (const r of paginateDescribeInstances(
        { client: this.client, withCommand: ownInput },
        {
          ...(filter.ids?.length ? { InstanceIds: [...filter.ids] } : {}),
          ...(filter.vpcId ? { Filters: [{ Name: 'vpc-id', Values: [filter.vpcId] }] } : {}),
        },
      )) {
        for (const res of r.Reservations ?? []) {
          for (const i of res.Instances ?? []) {
            out.push({
              id: i.InstanceId ?? '',
              state: i.State?.Name ?? 'unknown',
              vpcId: i.VpcId,
              subnetId: i.SubnetId,
              availabilityZone: i.Placement?.AvailabilityZone,
              privateIp: i.PrivateIpAddress,
              securityGroups: (i.SecurityGroups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
              name: nameTag(i.Tags),
            });
          }
        }
      }
      return out;
    });
  }

  /** Instances by ID; unlike listInstances, an ID that no longer exists is left out instead of failing the call. */
  async findInstances(ids: readonly string[]): Promise<Instance[]> {
    if (ids.length === 0) return [];
    const found: Instance[] = [];
    for (let i = 0; i < ids.length; i += 200) {
      found.push(...(await this.listInstancesFiltered([{ Name: 'instance-id', Values: ids.slice(i, i + 200) }])));
    }
    return found;
  }

  private async listInstancesFiltered(filters: Array<{ Name: string; Values: string[] }>): Promise<Instance[]> {
    return awsStep('look up instances', async () => {
      const out: Instance[] = [];
      for await (const r of paginateDescribeInstances(
        { client: this.client, withCommand: ownInput },
        { Filters: filters },
      )) {
        for (const res of r.Reservations ?? []) {
          for (const i of res.Instances ?? []) {
            out.push({
              id: i.InstanceId ?? '',
              state: i.State?.Name ?? 'unknown',
              vpcId: i.VpcId,
              subnetId: i.SubnetId,
              availabilityZone: i.Placement?.AvailabilityZone,
              privateIp: i.PrivateIpAddress,
              securityGroups: (i.SecurityGroups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
              name: nameTag(i.Tags),
            });
          }
        }
      }
      return out;
    });
  }

  /** The network interfaces that own these private IP addresses in a VPC (the security groups of IP targets). */
  async findNetworkInterfacesByIp(vpcId: string, ips: readonly string[]): Promise<NetworkInterface[]> {
    if (ips.length === 0) return [];
    return awsStep('look up network interfaces', async () => {
      const out: NetworkInterface[] = [];
      for await (const r of paginateDescribeNetworkInterfaces(
        { client: this.client, withCommand: ownInput },
        {
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'addresses.private-ip-address', Values: [...ips] },
          ],
        },
      )) {
        for (const n of r.NetworkInterfaces ?? []) {
          out.push({
            id: n.NetworkInterfaceId ?? '',
            privateIps: [
              ...new Set(
                [n.PrivateIpAddress ?? '', ...(n.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress ?? '')].filter(
                  Boolean,
                ),
              ),
            ],
            securityGroups: (n.Groups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
            availabilityZone: n.AvailabilityZone,
            subnetId: n.SubnetId,
            vpcId: n.VpcId,
          });
        }
      }
      return out;
    });
  }
}
