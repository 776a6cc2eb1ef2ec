/**
 * Seeds moto with what a load balancer needs: a VPC, two subnets in two zones, two running
 * instances and a security group. Uses the EC2 client directly (test-only).
 */
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export interface Network {
  vpcId: string;
  subnets: [string, string];
  zones: [string, string];
  instances: [string, string];
  securityGroupId: string;
}

export async function seedNetwork(endpoint: string): Promise<Network> {
  const ec2 = new EC2Client({ region: TEST_REGION, endpoint, credentials: TEST_CREDENTIALS });
  try {
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const vpcId = vpc.Vpc?.VpcId as string;
    const zones: [string, string] = [`${TEST_REGION}a`, `${TEST_REGION}b`];
    const subnetIds: string[] = [];
    for (const [i, zone] of zones.entries()) {
      const s = await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.0.${i + 1}.0/24`, AvailabilityZone: zone }),
      );
      subnetIds.push(s.Subnet?.SubnetId as string);
    }
    const sg = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web tier', VpcId: vpcId }),
    );
    const instances: string[] = [];
    for (const subnet of subnetIds) {
      const r = await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-12c6146b',
          MinCount: 1,
          MaxCount: 1,
          InstanceType: 't3.micro',
          SubnetId: subnet,
        }),
      );
      instances.push(r.Instances?.[0]?.InstanceId as string);
    }
    return {
      vpcId,
      subnets: subnetIds as [string, string],
      zones,
      instances: instances as [string, string],
      securityGroupId: sg.GroupId as string,
    };
  } finally {
    ec2.destroy();
  }
}
