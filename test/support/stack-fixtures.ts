/**
 * Makes the examples/ stacks appliable to moto: seeds a VPC with three subnets, a security
 * group, instances and an ACM certificate in the stack's region, then swaps the examples'
 * placeholder IDs for the real ones.
 */
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_CREDENTIALS } from './network';
import { importTestCertificate } from './certificate';

export interface StackNetwork {
  region: string;
  vpcId: string;
  subnets: string[];
  securityGroupId: string;
  instances: string[];
  certificateArn: string;
}

export async function seedStackNetwork(endpoint: string, region: string, instanceCount = 4): Promise<StackNetwork> {
  const ec2 = new EC2Client({ region, endpoint, credentials: TEST_CREDENTIALS });
  try {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId as string;
    const subnets: string[] = [];
    for (const [i, zone] of ['a', 'b', 'c'].entries()) {
      const s = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: `10.0.${i + 1}.0/24`,
          AvailabilityZone: `${region}${zone}`,
        }),
      );
      subnets.push(s.Subnet?.SubnetId as string);
    }
    const securityGroupId = (
      await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'stack', Description: 'stack', VpcId: vpcId }))
    ).GroupId as string;
    const r = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: instanceCount,
        MaxCount: instanceCount,
        InstanceType: 't3.micro',
        SubnetId: subnets[0],
      }),
    );
    const instances = (r.Instances ?? []).map((i) => i.InstanceId as string);
    const certificateArn = await importTestCertificate(endpoint, 'example.com', region);
    return { region, vpcId, subnets, securityGroupId, instances, certificateArn };
  } finally {
    ec2.destroy();
  }
}

/** The stack's declared region (examples always declare one). */
export function regionOf(text: string): string {
  return /^region:\s*(\S+)/m.exec(text)?.[1] ?? 'us-east-1';
}

/** Replaces the placeholder subnet, VPC, security group, instance and certificate IDs. */
export function localize(text: string, net: StackNetwork): string {
  const instanceIds = [...new Set(text.match(/\bi-[0-9a-f]{8,17}\b/g) ?? [])];
  let out = text
    .replace(/subnet-0123456789abcdef([0-9])/g, (_, d: string) => net.subnets[Number(d)] as string)
    .replace(/vpc-0123456789abcdef0/g, net.vpcId)
    .replace(/sg-0123456789abcdef0/g, net.securityGroupId)
    .replace(/arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+/g, net.certificateArn);
  instanceIds.forEach((id, i) => {
    out = out.split(id).join(net.instances[i % net.instances.length] as string);
  });
  return out;
}

export function example(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'examples', name), 'utf8');
}
